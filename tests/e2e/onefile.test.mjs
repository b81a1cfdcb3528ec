// The single-file edition (dist/nianbao.html) opened from disk, as on an
// intranet PC: no server, no network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launch, App, dist, seed, fixtures } from './harness.mjs';

const file = path.join(dist, 'nianbao.html');
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('nianbao.html works from file:// with no request at all', async () => {
  assert.ok(fs.existsSync(file), 'run node .ci/onefile.mjs first');
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = pathToFileURL(file).href;
  const app = new App(page, '');
  await page.goto(url);
  await page.locator('[data-findings]').waitFor();

  // Fill a cell and see the check.
  for (const [f, v] of [['upheld', '1'], ['corrected', '0'], ['other', '0'], ['pending', '0'], ['total', '0']]) {
    await app.type(`t4.review.${f}`, v);
  }
  assert.ok((await app.rules('error')).includes('R4'));
  assert.equal(await app.invalid('t4.review.total'), true);

  // Paste a report and download it as Word: the worker is built from the page itself.
  await app.importText(seed(1));
  await app.apply();
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.locator('[data-download="docx"]').click(),
  ]);
  const xml = execFileSync('python3', ['-c', 'import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', await dl.path()]).toString();
  assert.match(xml, /大武口区人民政府办公室/);

    // A traditional paste is converted by the worker built from the page.
  await app.importText(seed(2));
  assert.match(await page.locator('[data-import-preview]').textContent(), /已将繁体字转换为简体字/);
  await page.locator('[data-import-preview] button:has-text("取消")').click();

  // A PDF opens in the office worker built from the page (LibreOffice's PDF of a generated report).
  const pdf = path.join(fixtures, 'layouts/r001/report.pdf');
  await page.locator('input[data-import-file]').setInputFiles(pdf);
  await page.locator('[data-import-preview]').waitFor({ timeout: 30000 });
  assert.match(await page.locator('[data-import-preview] .summary').textContent(), /江门市生态环境局/);
  await page.locator('[data-import-preview] button:has-text("取消")').click();

  // The CSP pins the inlined app by its hashes: an injected handler never runs.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(!/script-src[^;]*'unsafe-inline'/.test(csp), csp);
  const pwned = await page.evaluate(async () => {
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__pwned = 1');
    img.src = 'data:,x';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 200));
    return window.__pwned;
  });
  assert.equal(pwned, undefined);
  errors.length = 0;

  // The draft survives closing and reopening the file.
  await page.reload();
  await page.locator('[data-findings]').waitFor();
  assert.equal(await app.value('t2.normative_doc.in_force'), '3');

  const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(network, []);
  assert.deepEqual(errors, []);
  await context.close();
});
