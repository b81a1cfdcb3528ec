// Screenshots of the app for people to look at (tests/e2e/artifacts/). Not a test.
import { serve, launch, App, seed } from './harness.mjs';
const { server, base } = await serve();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const app = new App(page, base);
await app.open();
await app.screenshot('01-empty-form.png');
await app.importText(seed(2));
await app.screenshot('02-paste-preview.png');
await app.apply();
await app.type('t3.new_received.natural_person', 'abc');
await app.cell('t3.new_received.natural_person').scrollIntoViewIfNeeded();
await app.screenshot('03-seed-002-applied-invalid-cell.png');
await app.importText(seed(4));
await app.apply();
await app.cell('t3.result.disclosed.total').scrollIntoViewIfNeeded();
await app.screenshot('04-seed-004-2019-format-suspects.png');
await page.locator('input[data-import-file]').setInputFiles([0, 1, 2, 3, 4].map((n) => ({
  name: `seed_00${n}.txt`, mimeType: 'text/plain', buffer: Buffer.from(seed(n)),
})));
await page.locator('[data-batch]').waitFor();
await page.locator('[data-batch-row="seed_000.txt"] [data-batch-open]').click();
await page.locator('[data-batch]').scrollIntoViewIfNeeded();
await app.screenshot('05-batch-table.png');
await browser.close();
server.close();
