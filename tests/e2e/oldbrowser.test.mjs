// A browser too old to run the app (no WebAssembly, no module scripts, or
// scripts in syntax it cannot parse) gets a plain Chinese message instead of
// a blank page, in the served page and in the single-file edition (issue 18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { served, dist } from './harness.mjs';
import { pinInlineScripts } from '../../.ci/csp.mjs';

const env = served();

const OLD = {
  'no WebAssembly': () => { delete window.WebAssembly; },
  'no module scripts': () => { delete HTMLScriptElement.prototype.noModule; },
};

/** The page with a line its browser cannot parse at the top of the app's
 * module script (as `?.` is to Chrome 79), its CSP pinned again. */
function unparsable(html) {
  const broken = html.replace(/<script type="module">/, '<script type="module">\nconst probe = ;\n');
  assert.notEqual(broken, html, 'the page has a module script');
  return pinInlineScripts(broken.replace(/(script-src )[^;"]*/, "$1'self' 'unsafe-inline' 'wasm-unsafe-eval'"));
}

const EDITIONS = {
  'served page': {
    url: () => env.base + '/',
    async unparsable(page) {
      const html = unparsable(fs.readFileSync(path.join(dist, 'index.html'), 'utf8'));
      await page.route(env.base + '/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
      return env.base + '/';
    },
  },
  'single-file edition': {
    url: () => pathToFileURL(path.join(dist, 'nianbao.html')).href,
    async unparsable() {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-old-')), 'nianbao.html');
      fs.writeFileSync(file, unparsable(fs.readFileSync(path.join(dist, 'nianbao.html'), 'utf8')));
      return pathToFileURL(file).href;
    },
  },
};

async function saysTooOld(page) {
  const box = page.locator('#too-old');
  await box.waitFor({ timeout: 10000 });
  const text = await box.textContent();
  assert.match(text, /浏览器版本过旧/);
  assert.match(text, /Chrome 或 Edge 80 以上版本/);
  assert.match(text, /极速模式/);
}

for (const [edition, { url, unparsable: open }] of Object.entries(EDITIONS)) {
  for (const [what, script] of Object.entries(OLD)) {
    test(`${edition}, ${what}: the old-browser message, in Chinese`, async () => {
      const page = await env.browser.newPage();
      await page.addInitScript(script);
      await page.goto(url());
      await saysTooOld(page);
      await page.close();
    });
  }
  test(`${edition}, a script it cannot parse: the old-browser message, in Chinese`, async () => {
    const page = await env.browser.newPage();
    await page.goto(await open(page));
    await saysTooOld(page);
    await page.close();
  });
  test(`${edition}, a current browser: no message, the app runs`, async () => {
    const page = await env.browser.newPage();
    await page.goto(url());
    await page.locator('[data-findings]').waitFor();
    assert.equal(await page.locator('#too-old').count(), 0);
    await page.close();
  });
}
