// Test harness: a static server for trunk's dist/, Debian's Chromium, and a
// page object over the spec §12.4 hooks (data-cell, data-findings, ...).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const dist = process.env.NIANBAO_DIST || path.join(root, 'dist');
export const fixtures = path.join(root, 'tests/fixtures');
export const artifacts = path.join(here, 'artifacts');

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/** Serves dist/ on 127.0.0.1 at a free port. */
export async function serve(dir = dist) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (url.pathname === '/') file = path.join(dir, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * For a test file: serves dist/ and launches Chromium before its tests,
 * closes both after them. The object returned holds `base` (the served
 * URL) and `browser` once the tests run.
 */
export function served() {
  const env = {};
  before(async () => {
    ({ server: env.server, base: env.base } = await serve());
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/** The page's errors (uncaught, and console errors), as they come. */
export function pageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

export function seed(n) {
  return fs.readFileSync(path.join(fixtures, `seed_00${n}.txt`), 'utf8');
}

/** The app as a person uses it. */
export class App {
  constructor(page, base) {
    this.page = page;
    this.base = base;
  }

  async open() {
    await this.page.goto(this.base + '/');
    await this.page.locator('[data-findings]').waitFor();
  }

  cell(path) { return this.page.locator(`[data-cell="${path}"]`); }
  section(id) { return this.page.locator(`[data-section="${id}"]`); }
  field(name) { return this.page.locator(`[data-field="${name}"]`); }

  /** Types into a cell as a person would: click, select all, type. */
  async type(path, text) {
    const cell = this.cell(path);
    await cell.click();
    await cell.press('Control+A');
    await cell.pressSequentially(text);
  }

  async value(path) { return this.cell(path).inputValue(); }

  async invalid(path) { return (await this.cell(path).getAttribute('aria-invalid')) === 'true'; }

  /** The rule ids listed in the findings panel, in order. */
  async rules(severity) {
    const sel = severity ? `[data-findings] li.finding.${severity}` : '[data-findings] li.finding';
    return this.page.locator(sel).evaluateAll((els) => els.map((e) => e.dataset.rule));
  }

  async findingTexts(rule) {
    return this.page.locator(`[data-findings] [data-rule="${rule}"] .msg`).allTextContents();
  }

  /** Dispatches a real paste event (text and, optionally, HTML) on an element. */
  async paste(locator, { text = '', html = null }) {
    await locator.focus();
    await locator.evaluate((el, { text, html }) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      if (html) dt.setData('text/html', html);
      const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      const notHandled = el.dispatchEvent(ev);
      // A paste the app does not handle inserts the text, as the browser would.
      if (notHandled && 'value' in el) {
        el.setRangeText(text, el.selectionStart, el.selectionEnd, 'end');
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }, { text, html });
  }

  importBox() { return this.page.locator('textarea[data-import]'); }

  async importText(text, html = null) {
    await this.paste(this.importBox(), { text, html });
    await this.page.locator('[data-import-preview]').waitFor();
  }

  async apply() { await this.page.locator('[data-import-apply]').click(); }

  /** Clicks a download button and returns the downloaded file's name and text. */
  async download(kind) {
    // A report with errors or blanks asks first (issue 9); these downloads go ahead.
    this.asked = null;
    const accept = (d) => { this.asked = d.message(); d.accept(); };
    this.page.on('dialog', accept);
    const [dl] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.locator(`[data-download="${kind}"]`).click(),
    ]).finally(() => this.page.off('dialog', accept));
    const file = await dl.path();
    return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
  }

  async focusedCell() {
    return this.page.evaluate(() => document.activeElement?.dataset?.cell ?? null);
  }

  async screenshot(name) {
    fs.mkdirSync(artifacts, { recursive: true });
    await this.page.screenshot({ path: path.join(artifacts, name), fullPage: false });
  }
}
