// A browser too old to run the app (no WebAssembly, or one without
// reference types) gets a plain Chinese message instead of a blank page, in
// the served page and in the single-file edition (issue 18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { served, dist } from './harness.mjs';

const env = served();

const OLD = {
  'no WebAssembly': () => { delete window.WebAssembly; },
  'WebAssembly without reference types': () => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => !Array.from(bytes).includes(0x6f) && validate(bytes);
  },
};

for (const [edition, url] of [['served page', () => env.base + '/'], ['single-file edition', () => pathToFileURL(path.join(dist, 'nianbao.html')).href]]) {
  for (const [what, script] of Object.entries(OLD)) {
    test(`${edition}, ${what}: the old-browser message, in Chinese`, async () => {
      const page = await env.browser.newPage();
      await page.addInitScript(script);
      await page.goto(url());
      const box = page.locator('#too-old');
      await box.waitFor({ timeout: 10000 });
      const text = await box.textContent();
      assert.match(text, /浏览器版本过旧/);
      assert.match(text, /Chrome 或 Edge 96 以上版本/);
      assert.match(text, /极速模式/);
      await page.close();
    });
  }
  test(`${edition}, a current browser: no message, the app runs`, async () => {
    const page = await env.browser.newPage();
    await page.goto(url());
    await page.locator('[data-findings]').waitFor();
    assert.equal(await page.locator('#too-old').count(), 0);
    await page.close();
  });
}
