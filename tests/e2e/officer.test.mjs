// The officer's path (issue 17), on a 1366×768 office laptop: this year's
// report started from last year's, with real key presses, a real Ctrl+V of
// clipboard data and dropped files, asserting what the officer sees.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { served, pageErrors, App, seed, fixtures } from './harness.mjs';

let context, page, app, errors;
const VIEW = { width: 1366, height: 768 };

const env = served();
beforeEach(async () => {
  context = await env.browser.newContext({ acceptDownloads: true, viewport: VIEW });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
  page = await context.newPage();
  errors = pageErrors(page);
  app = new App(page, env.base);
  await app.open();
});
afterEach(async () => {
  assert.deepEqual(errors, [], 'errors in the page');
  await context.close();
});

/** Whether an element is inside the viewport, as the officer sees it. */
async function inView(locator) {
  const box = await locator.boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= VIEW.height && box.x >= 0 && box.x + box.width <= VIEW.width;
}

/** Starts this year's draft from last year's report (seed 1, the 2023 report). */
async function startFromLastYear() {
  await app.importText(seed(1));
  await page.locator('[data-import-next-year]').click();
  assert.equal(await app.field('year').inputValue(), '2024');
}

/** Clicks a download and answers its question with "取消"; returns the question. */
async function askedBeforeDownload(kind) {
  let asked = null;
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  let downloaded = false;
  const onDownload = () => { downloaded = true; };
  page.on('download', onDownload);
  await page.locator(`[data-download="${kind}"]`).click();
  await page.waitForTimeout(300);
  page.off('download', onDownload);
  assert.equal(downloaded, false, 'nothing downloads after 取消');
  return asked;
}

describe('the officer\'s path (issue 17)', () => {
  test('the first screen says how to begin; after a paste of an earlier year, starting this year is the first, primary button', async () => {
    assert.match(await page.locator('.import-panel .hint').textContent(), /编制今年的报告，从上一年度的报告开始最省事/);
    await app.importText(seed(1));
    const buttons = page.locator('[data-import-preview] .actions button');
    assert.equal(await buttons.first().getAttribute('data-import-next-year'), '');
    assert.match(await buttons.first().getAttribute('class'), /primary/);
    assert.doesNotMatch((await page.locator('[data-import-apply]').getAttribute('class')) ?? '', /primary/);
    assert.match(await page.locator('[data-preview-lead]').textContent(), /这是 2023 年度的报告。要编制 2024 年度的报告/);
    // No rule codes in what the preview says about the pasted report.
    const said = await page.locator('[data-import-preview] .notes').allTextContents();
    assert.doesNotMatch(said.join('\n'), /\b[RDXPTM][0-9]\b/);
    await app.screenshot('officer-first-screen-preview.png');
  });

  test('a download names every section still last year\'s; adding "。" keeps the mark, rewriting clears it', async () => {
    await startFromLastYear();
    const problems = app.section('s5_problems');
    const other = app.section('s6_other');
    // The officer changes the year in 五 and adds a full stop: still last year's words.
    for (const box of [problems, other]) {
      const text = await box.inputValue();
      await box.fill(text.replaceAll('2023', '2024'));
      await box.click();
      await page.keyboard.press('End');
      await page.keyboard.type('。');
    }
    assert.equal(await problems.getAttribute('data-last-year'), '');
    const asked = await askedBeforeDownload('html');
    assert.ok(asked, 'a question before the download');
    assert.match(asked, /仍是（或几乎是）上一年度报告的文字/);
    assert.match(asked, /“五、存在的主要问题及改进情况”/);
    assert.match(asked, /“六、其他需要报告的事项”/);
    // 取消 goes to the first place to look at.
    const focused = await page.evaluate(() => document.activeElement?.dataset?.cell ?? document.activeElement?.dataset?.section ?? document.activeElement?.dataset?.field);
    assert.ok(focused, 'focus moved to what is still open');
    // Rewritten: no longer last year's, not named again.
    await problems.fill('（一）本年度新问题：依申请公开答复文书格式不统一。（二）改进：制定统一模板，开展培训，逐件复核，按季度通报办理质量。');
    assert.equal(await problems.getAttribute('data-last-year'), null);
    const again = await askedBeforeDownload('html');
    assert.doesNotMatch(again, /“五、存在的主要问题及改进情况”/);
    assert.match(again, /“六、其他需要报告的事项”/);
  });

  test('Ctrl+Z in a cell undoes its own typing first, then a block pasted with Ctrl+V; Ctrl+Y redoes', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('1\t2\t3\n4\t5\t6'));
    const first = app.cell('t3.new_received.natural_person');
    await first.click();
    await page.keyboard.press('Control+V');
    assert.equal(await app.value('t3.new_received.commercial'), '2');
    assert.equal(await app.value('t3.carried_over.research'), '6');
    // Typing in another cell, then Ctrl+Z there: the typing goes first, the block stays.
    const typed = app.cell('t4.review.upheld');
    await typed.click();
    await page.keyboard.type('7');
    assert.equal(await app.value('t4.review.upheld'), '7');
    await page.keyboard.press('Control+Z');
    assert.equal(await app.value('t4.review.upheld'), '');
    assert.equal(await app.value('t3.new_received.commercial'), '2');
    // Again, with the cursor still in the table: the pasted block goes.
    await page.keyboard.press('Control+Z');
    assert.equal(await app.value('t3.new_received.commercial'), '');
    assert.equal(await app.value('t3.carried_over.research'), '');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.cell), 't4.review.upheld');
    // Ctrl+Y brings it back; Ctrl+Shift+Z after another undo too.
    await page.keyboard.press('Control+Y');
    assert.equal(await app.value('t3.new_received.commercial'), '2');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await app.value('t3.carried_over.research'), '6');
  });

  test('after the start from last year, last year\'s figure is shown at each cell and in its description', async () => {
    await startFromLastYear();
    const last = await page.evaluate(() => {
      const input = document.querySelector('[data-cell="t3.result.total.total"]');
      const id = input.getAttribute('aria-describedby');
      return { id, text: id && document.getElementById(id)?.textContent };
    });
    assert.ok(last.id, 'the cell is described');
    assert.match(last.text, /^上年 \d+$/);
    const shown = await page.locator('[data-last-year-value]').count();
    assert.ok(shown > 100, `last year's figures in view: ${shown}`);
    await app.cell('t3.new_received.natural_person').scrollIntoViewIfNeeded();
    await app.screenshot('officer-next-year-draft.png');
  });

  test('a bulk action deep in the page says so where the officer is looking', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('1\t0\t2\t0'));
    const cell = app.cell('t4.review.upheld');
    await cell.click();
    await page.keyboard.press('Control+V');
    const notice = page.locator('[data-notice]');
    assert.match(await notice.textContent(), /已从该单元格起粘贴 4 个单元格/);
    assert.ok(await inView(notice), 'the message is on screen');
    assert.ok(await inView(cell), 'the cell is still on screen');
    await page.locator('[data-action="autosum"]').click();
    assert.match(await notice.textContent(), /已自动合计/);
    assert.ok(await inView(notice));
  });

  test('findings say things once, by plain names and by part of the report; a marked cell says why', async () => {
    await startFromLastYear();
    // The same text flagged as last year's and for its stray year: one finding.
    const x5 = await app.findingTexts('X5');
    assert.ok(x5.some((t) => /五、存在的主要问题及改进情况/.test(t)), x5.join('\n'));
    const m2 = await page.locator('[data-findings] [data-rule="M2"] .msg').allTextContents();
    for (const t of m2) assert.doesNotMatch(t, /存在的主要问题及改进情况/, 'M2 repeats X5');
    // Half of 表三 typed, then 检查是否填完: the blanks once, not a finding per empty row.
    await app.type('t3.new_received.natural_person', '3');
    await page.locator('[data-action="completeness"]').click();
    const d2 = await app.findingTexts('D2');
    assert.ok(d2.some((t) => /表三有 \d+ 个单元格未填写/.test(t) && /整行未填/.test(t)), d2.join('\n'));
    const rowsMissing = await page.locator('[data-findings] [data-rule="M1"] .msg').allTextContents();
    assert.ok(!rowsMissing.some((t) => /表三缺少/.test(t)), rowsMissing.join('\n'));
    // Plain names, grouped by part; a legend for the codes.
    const name = await page.locator('[data-findings] [data-rule="D2"] .rule').first().textContent();
    assert.equal(name, '未填写');
    const groups = await page.locator('[data-findings] .finding-group h3').allTextContents();
    assert.ok(groups.includes('表三') && groups.includes('正文'), groups.join(','));
    await page.locator('[data-legend] summary').click();
    assert.match(await page.locator('[data-legend]').textContent(), /R1收支平衡/);
    // A total that does not add up says why on the cell itself.
    await app.type('t4.review.upheld', '1');
    await app.type('t4.review.corrected', '0');
    await app.type('t4.review.other', '0');
    await app.type('t4.review.pending', '0');
    await app.type('t4.review.total', '5');
    assert.match(await app.cell('t4.review.total').getAttribute('title'), /行政复议.*应为 1/);
  });

  test('a preview with many findings keeps its buttons on screen', async () => {
    await app.importText(seed(0));
    const preview = page.locator('[data-import-preview]');
    await preview.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    assert.ok(await inView(page.locator('[data-import-apply]')), 'the buttons at the top of the preview');
    await page.locator('[data-import-preview] details').last().evaluate((d) => { d.open = true; });
    await page.locator('[data-import-preview] details').last().evaluate((el) => el.scrollIntoView({ block: 'end' }));
    assert.ok(await inView(page.locator('[data-import-apply]')), 'and still there at its end');
    await app.screenshot('officer-preview-many-findings.png');
  });

  test('a cell typed as "１２件" shows 12 once left, said once; a 2024 report asks before the 2019 format', async () => {
    await app.type('t3.new_received.natural_person', '１２件');
    await page.keyboard.press('Tab');
    assert.equal(await app.value('t3.new_received.natural_person'), '12');
    assert.match(await page.locator('[data-notice]').textContent(), /已把“１２件”整理为 12/);
    await app.type('t3.new_received.commercial', '1,234');
    await page.keyboard.press('Tab');
    assert.equal(await app.value('t3.new_received.commercial'), '1234');
    assert.doesNotMatch(await page.locator('[data-notice]').textContent(), /1,234/);
    // The format switch asks first for a report of 2021 or later; 取消 keeps the format.
    await app.field('year').fill('2024');
    let asked = null;
    page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
    await app.field('format').selectOption('2019');
    assert.match(asked ?? '', /2024 年度的报告应使用 2021 年格式/);
    assert.equal(await app.field('format').inputValue(), '2021');
    assert.equal(await app.value('t3.new_received.natural_person'), '12');
  });

  test('打开 from a batch previews one report; 返回 brings the list back', async () => {
    const files = [0, 1, 2].map((n) => ({ name: `seed_00${n}.txt`, mimeType: 'text/plain', buffer: fs.readFileSync(path.join(fixtures, `seed_00${n}.txt`)) }));
    await page.locator('[data-import-file]').setInputFiles(files);
    await page.locator('[data-batch]').waitFor();
    assert.equal(await page.locator('[data-batch-row]').count(), 3);
    await page.locator('[data-batch-load]').nth(1).click();
    await page.locator('[data-import-preview]').waitFor();
    assert.equal(await page.locator('[data-batch]').isVisible(), false);
    await page.locator('[data-batch-back]').click();
    assert.equal(await page.locator('[data-batch]').isVisible(), true);
    assert.equal(await page.locator('[data-batch-row]').count(), 3);
    assert.equal(await page.locator('[data-import-preview]').count(), 0);
  });
});
