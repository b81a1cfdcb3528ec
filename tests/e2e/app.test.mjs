// The built app (trunk --release) in headless Chromium, used as a person would.
import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { served, pageErrors, App, seed, artifacts, fixtures } from './harness.mjs';

let context, page, app, requests, errors;

const env = served();
beforeEach(async () => {
  context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  requests = [];
  page.on('request', (r) => requests.push(r.url()));
  errors = pageErrors(page);
  app = new App(page, env.base);
  await app.open();
});
afterEach(async () => {
  // No request ever leaves the page: only the app's own files, from its own origin.
  const offsite = requests.filter((u) => !u.startsWith(env.base + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(offsite, [], 'requests left the page');
  assert.deepEqual(errors, [], 'errors in the page');
  await context.close();
});

/** 新建 (the question accepted), then a saved draft file opened into the new form. */
async function openInNewForm(draft) {
  page.once('dialog', (d) => d.accept());
  await page.locator('[data-action="new"]').click();
  await page.locator('input[data-import-file]').setInputFiles({ name: 'draft.json', mimeType: 'application/json', buffer: Buffer.from(draft) });
  await page.locator('[data-import-preview]').waitFor();
  await app.apply();
}

/** Fills a whole table-四 group consistently. */
async function fillReview(values) {
  const fields = ['upheld', 'corrected', 'other', 'pending', 'total'];
  for (let i = 0; i < 5; i++) await app.type(`t4.review.${fields[i]}`, String(values[i]));
}

describe('the form: typing, live checks, the keyboard', () => {
  test('typing a wrong total shows R4 with the expected value, marks the cell, and one click fixes it', async () => {
    await fillReview([1, 0, 0, 0, 0]);
    assert.ok((await app.rules('error')).includes('R4'));
    const [msg] = await app.findingTexts('R4');
    assert.match(msg, /表四“行政复议”：总计为 0，结果维持\+结果纠正\+其他结果\+尚未审结=1，应为 1/);
    assert.equal(await app.invalid('t4.review.total'), true);
    assert.match(await app.cell('t4.review.total').getAttribute('class'), /error/);
    await page.locator('[data-findings] [data-rule="R4"] [data-fix="t4.review.total"]').click();
    assert.equal(await app.value('t4.review.total'), '1');
    assert.ok(!(await app.rules('error')).includes('R4'));
    assert.equal(await app.invalid('t4.review.total'), false);
  });

  test('a wrong total offers the computed value at the cell itself', async () => {
    await app.paste(app.cell('t3.new_received.natural_person'), { text: '3\t1\t0\t0\t0\t0\t5' });
    const fix = page.locator('td:has([data-cell="t3.new_received.total"]) [data-fix-cell]');
    assert.equal(await fix.textContent(), '采用计算值 4');
    await fix.click();
    assert.equal(await app.value('t3.new_received.total'), '4');
    assert.equal(await fix.count(), 0);
  });

  test('clicking a finding focuses its cell', async () => {
    await fillReview([0, 2, 0, 0, 0]);
    await app.cell('t4.review.upheld').focus();
    await page.locator('[data-findings] [data-rule="R4"] .goto').click();
    assert.equal(await app.focusedCell(), 't4.review.total');
  });

  test('full-width digits are accepted; a non-number or a negative gets a message at the cell and is kept', async () => {
    await app.type('t3.new_received.natural_person', '１２');
    assert.equal(await app.value('t3.new_received.natural_person'), '１２');
    assert.equal(await page.locator('td:has([data-cell="t3.new_received.natural_person"]) .cell-msg').count(), 0);
    await app.type('t3.new_received.commercial', '十二');
    const msg = page.locator('td:has([data-cell="t3.new_received.commercial"]) .cell-msg');
    assert.match(await msg.textContent(), /不是数字/);
    assert.equal(await app.value('t3.new_received.commercial'), '十二');
    assert.equal(await app.invalid('t3.new_received.commercial'), true);
    await app.type('t3.new_received.research', '-1');
    assert.match(await page.locator('td:has([data-cell="t3.new_received.research"]) .cell-msg').textContent(), /不能为负数/);
    assert.ok((await app.rules('error')).includes('D1'));
  });

  test('arrows, Enter and Tab move through the grid', async () => {
    await app.cell('t3.new_received.natural_person').click();
    await page.keyboard.press('ArrowDown');
    assert.equal(await app.focusedCell(), 't3.carried_over.natural_person');
    await page.keyboard.press('Enter');
    assert.equal(await app.focusedCell(), 't3.result.disclosed.natural_person');
    await page.keyboard.press('ArrowRight');
    assert.equal(await app.focusedCell(), 't3.result.disclosed.commercial');
    await page.keyboard.press('ArrowUp');
    assert.equal(await app.focusedCell(), 't3.carried_over.commercial');
    await page.keyboard.press('Tab');
    assert.equal(await app.focusedCell(), 't3.carried_over.research');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await app.focusedCell(), 't3.carried_over.commercial');
  });

  test('a block copied from Excel fills the cells from the focused one', async () => {
    await app.paste(app.cell('t3.new_received.natural_person'), { text: '3\t1\t0\t0\t0\t0\t4\r\n1\t0\t0\t0\t0\t0\t1\r\n' });
    assert.equal(await app.value('t3.new_received.total'), '4');
    assert.equal(await app.value('t3.carried_over.natural_person'), '1');
    assert.equal(await app.value('t3.carried_over.total'), '1');
    assert.match(await page.locator('[data-notice]').textContent(), /粘贴 14 个单元格。/);
  });

  test('values of a block pasted past the table are counted and said', async () => {
    const rows = Array.from({ length: 400 }, () => '1\t2\t3\t4\t5\t6\t21\t9').join('\r\n');
    await app.paste(app.cell('t3.carried_forward.research'), { text: rows });
    // 表三's last row, from its third column: five cells written, the rest left out.
    assert.equal(await app.value('t3.carried_forward.total'), '5');
    assert.match(await page.locator('[data-notice]').textContent(), /粘贴 5 个单元格；另有 3195 个数值超出表格范围/);
  });

  test('自动合计 fills every total from its parts', async () => {
    await app.paste(app.cell('t3.result.disclosed.natural_person'), { text: '2\t1' });
    await page.locator('[data-action="autosum"]').click();
    assert.equal(await app.value('t3.result.disclosed.total'), '');
    for (const c of ['research', 'public_interest', 'legal_service', 'other_org']) await app.type(`t3.result.disclosed.${c}`, '0');
    await page.locator('[data-action="autosum"]').click();
    assert.equal(await app.value('t3.result.disclosed.total'), '3');
  });

  test('every cell named by a finding is aria-invalid, and only those', async () => {
    await app.importText(seed(0));
    await app.apply();
    const named = new Set((await page.locator('[data-findings] li[data-cells]').evaluateAll(
      (els) => els.flatMap((e) => e.dataset.cells.split(' ').filter(Boolean)))));
    const invalid = new Set(await page.locator('[data-cell][aria-invalid="true"]').evaluateAll(
      (els) => els.map((e) => e.dataset.cell)));
    assert.ok(named.has('t3.new_received.natural_person'));
    assert.deepEqual([...invalid].sort(), [...named].sort());
  });

  test('the form with findings: marked cells are visibly marked (screenshot kept for a person to look at)', async () => {
    await app.importText(seed(0));
    await app.apply();
    await app.cell('t3.new_received.natural_person').scrollIntoViewIfNeeded();
    await app.screenshot('form-with-findings.png');
    // An error cell is drawn differently from a clean one.
    const bg = (path) => app.cell(path).evaluate((el) => getComputedStyle(el).backgroundColor + getComputedStyle(el).borderColor);
    assert.ok(await app.invalid('t3.new_received.natural_person'));
    assert.notEqual(await bg('t3.new_received.natural_person'), await bg('t3.new_received.commercial'));
  });

  test('the title is made from agency and year unless the user writes one', async () => {
    await app.field('agency').fill('某区商务局');
    await app.field('year').fill('2024');
    await page.locator('details.preamble summary').click();
    assert.equal(await app.field('title').getAttribute('placeholder'), '某区商务局2024年政府信息公开工作年度报告');
    await app.field('title').fill('某区商务局2024年度政府信息公开工作报告');
    const html = await app.download('html');
    assert.equal(html.name, '某区商务局2024年度政府信息公开工作报告.html');
    assert.match(html.text, /<h1>某区商务局2024年度政府信息公开工作报告<\/h1>/);
  });
});

describe('pasting last year\'s report', () => {
  const SEEDS = [
    { n: 0, cells: { 't2.licensing.decisions': '6240', 't3.result.total.total': '14', 't4.suit_after_review.total': '1' }, errors: ['R1', 'R1', 'R4', 'R4'] },
    { n: 1, cells: { 't2.normative_doc.in_force': '3', 't3.new_received.total': '0' }, errors: [], warning: 'T2' },
    { n: 2, cells: { 't3.result.total.total': '', 't3.carried_forward.total': '', 't3.result.other.other.total': '0' }, errors: [], warning: 'M1' },
    { n: 3, cells: { 't3.new_received.total': '0', 't4.review.total': '0' }, errors: [], warning: 'M4' },
    { n: 4, format: '2019', cells: { 't3.result.total.total': '17', 't3.result.other_legacy.natural_person': '3', 't2_2019.procurement.amount': '7121.99万元' }, errors: ['R2', 'R3', 'R3', 'R3', 'R3', 'R3'] },
  ];

  for (const s of SEEDS) {
    test(`pasting seed ${s.n} previews it, then fills the form with its values and its errors`, async () => {
      await app.importText(seed(s.n));
      const preview = await page.locator('[data-import-preview] .summary').textContent();
      assert.match(preview, /读到 \d+ \/ \d+ 个单元格/);
      // Nothing is overwritten before the click.
      assert.equal(await app.value('t4.review.total'), '');
      await app.apply();
      // The paste box is emptied, ready for the next report.
      assert.equal(await app.importBox().inputValue(), '');
      if (s.format) assert.equal(await app.field('format').inputValue(), s.format);
      for (const [path, value] of Object.entries(s.cells)) assert.equal(await app.value(path), value, path);
      assert.deepEqual((await app.rules('error')).sort(), [...s.errors].sort());
      if (s.warning === 'M1') {
        // A missing row is a blank: listed only once the user asks whether the
        // report is complete, and then said once, with the table's blanks (issue 17).
        assert.ok(!(await app.rules('warning')).includes('M1'));
        await page.locator('[data-action="completeness"]').click();
        assert.ok((await app.findingTexts('D2')).some((t) => /整行未填/.test(t)));
      } else if (s.warning) assert.ok((await app.rules('warning')).includes(s.warning));
      for (const path of Object.keys(s.cells)) assert.equal(await app.cell(path).count(), 1);
    });
  }

  test('an HTML paste keeps its tables and never runs its scripts', async () => {
    const html = `<html><body><script>window.__pwned = 1</script>
      <p>某局2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度未收到政府信息公开申请。</p>
      <p>四、政府信息公开行政复议、行政诉讼情况</p>
      <table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
      <img src="x" onerror="window.__pwned = 2"></body></html>`;
    await app.importText('ignored plain text', html);
    await app.apply();
    assert.equal(await app.value('t4.review.total'), '1');
    assert.equal(await app.field('agency').inputValue(), '某局');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  test('the preview says which filled cells a paste would overwrite, and overwrites nothing before the click', async () => {
    await app.type('t4.review.total', '9');
    await app.importText(seed(1));
    assert.match(await page.locator('[data-preview-overwrites]').textContent(), /覆盖 1 个已填写且不同的单元格：表四“行政复议·总计”/);
    assert.equal(await app.value('t4.review.total'), '9');
    await page.getByRole('button', { name: '取消' }).click();
    assert.equal(await page.locator('[data-import-preview]').count(), 0);
    assert.equal(await app.importBox().inputValue(), '');
    assert.equal(await app.value('t4.review.total'), '9');
  });

  test('a GBK-encoded page saved from a government site opens correctly', async () => {
    const gbk = execFileSync('python3', ['-c',
      'import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding="utf-8").read().encode("gbk"))',
      `${fixtures}/seed_001.txt`]);
    await page.locator('input[data-import-file]').setInputFiles({ name: '年报.txt', mimeType: 'text/plain', buffer: gbk });
    await page.locator('[data-import-preview]').waitFor();
    await app.apply();
    assert.equal(await app.field('agency').inputValue(), '大武口区人民政府办公室');
    assert.equal(await app.value('t2.normative_doc.in_force'), '3');
  });

  test('a garbage paste and a huge paste get clear Chinese notes, and the form keeps its values', async () => {
    await app.type('t4.review.upheld', '2');
    await app.importText('asdf qwer 1234 ！！！ <b>bold</b>');
    assert.match(await page.locator('[data-import-preview]').textContent(), /没有找到年报的各部分标题/);
    await page.getByRole('button', { name: '取消' }).click();
    // 10 MB: a report followed by noise, pasted as a person would.
    await app.paste(app.importBox(), { text: seed(1) + '\n' + '噪声0123456789|'.repeat(700000) });
    await page.locator('[data-import-preview]').waitFor();
    assert.match(await page.locator('[data-import-preview]').textContent(), /只读取了前 2 MB/);
    assert.match(await page.locator('[data-import-preview] .summary').textContent(), /大武口区人民政府办公室/);
    // Too large to show, so the box stays light.
    assert.equal(await app.importBox().inputValue(), '');
    assert.equal(await app.value('t4.review.upheld'), '2');
  });

  const layout = (dir, file) => fs.readFileSync(new URL(`../fixtures/layouts/${dir}/${file}`, import.meta.url), 'utf8');

  const truth = (dir) => JSON.parse(layout(dir, 'truth.json'));

  test('a report whose digits run together is read by its sums; inferred cells are marked until checked', async () => {
    const t = truth('s77-r001');
    await app.importText(layout('s77-r001', 'stripped.txt'));
    const note = await page.locator('[data-preview-inferred]').textContent();
    assert.match(note, /\d+ 个单元格是按合计关系确定的/);
    await app.apply();
    for (const path of ['t3.new_received.total', 't3.result.total.total', 't3.carried_forward.total', 't4.review.total', 't3.result.disclosed.natural_person']) {
      assert.equal(await app.value(path), t.cells[path], path);
    }
    const marked = page.locator('input[data-inferred]');
    const n = await marked.count();
    assert.ok(n > 100, `${n} inferred cells marked`);
    await page.locator('[data-inferred-bar]').waitFor();
    // Editing a cell is checking it; the rest stay marked until confirmed.
    await app.type('t3.new_received.total', t.cells['t3.new_received.total']);
    assert.equal(await app.cell('t3.new_received.total').getAttribute('data-inferred'), null);
    assert.equal(await marked.count(), n - 1);
    await page.locator('[data-confirm-inferred]').click();
    assert.equal(await marked.count(), 0);
    assert.equal(await page.locator('[data-inferred-bar]').count(), 0);
  });

  test('zeros printed as blanks are offered as 0 in one click, never filled unasked', async () => {
    await app.importText(layout('s77-r025', 'chromium-text.txt'));
    assert.equal(await page.locator('[data-import-blank-zero]').count(), 1);
    const before = await page.locator('[data-import-preview] .summary').textContent();
    await page.locator('[data-import-blank-zero]').click();
    const after = await page.locator('[data-import-preview] .summary').textContent();
    const read = (s) => Number(s.match(/读到 (\d+) \//)[1]);
    assert.ok(read(after) > read(before), `${before} → ${after}`);
    await app.apply();
    const t = truth('s77-r025');
    const blank = Object.entries(t.cells).find(([p, v]) => v === null && p.startsWith('t3.'))[0];
    assert.equal(await app.value(blank), '0');
    assert.equal(await app.cell(blank).getAttribute('data-inferred'), '');
    assert.deepEqual(await app.rules('error'), []);
  });

  test('a sub-heading or sentence of 总体情况 that names a section does not cut the report short', async () => {
    const text = seed(1).replace('(二)持续提升依申请公开工作', '全年主动公开政府信息1136条。\n（一）主动公开政府信息情况\n(二)持续提升依申请公开工作');
    await app.importText(text);
    await app.apply();
    assert.equal(await app.value('t2.normative_doc.in_force'), '3');
    assert.equal(await app.value('t3.carried_forward.total'), '0');
    assert.equal(await app.value('t4.suit_after_review.total'), '0');
  });

  test('PDF text laid out with spaces is read by its columns', async () => {
    const t = truth('r009');
    await app.importText(layout('r009', 'pdftotext-layout.txt'));
    await app.apply();
    for (const path of ['t3.new_received.natural_person', 't3.result.total.total', 't3.result.withheld.state_secret.other_org', 't4.suit_direct.total']) {
      assert.equal(await app.value(path), t.cells[path] ?? '', path);
    }
  });

  test('using a report as last year\'s fills 上年结转 and runs the cross-year checks', async () => {
    const prev = seed(4); // 2020 report, 结转下年度 all 0
    await app.importText(prev);
    await page.locator('[data-import-previous]').click();
    assert.equal(await app.value('t3.carried_over.total'), '0');
    await app.type('t3.carried_over.total', '3');
    assert.ok((await app.rules('warning')).includes('X1'));
    assert.equal(await app.field('year').inputValue(), '2021');
    // The comparison survives a reload.
    await page.reload();
    await page.locator('[data-findings]').waitFor();
    assert.ok((await app.rules('warning')).includes('X1'));
  });
});

describe('drafts kept on this PC', () => {
  test('the draft survives a reload', async () => {
    await app.importText(seed(0));
    await app.apply();
    await app.type('t4.review.total', '1');
    await app.section('s5_problems').fill('问题一。\n改进一。');
    await page.reload();
    await page.locator('[data-findings]').waitFor();
    assert.equal(await app.value('t4.review.total'), '1');
    assert.equal(await app.value('t3.result.total.total'), '14');
    assert.equal(await app.section('s5_problems').inputValue(), '问题一。\n改进一。');
    assert.equal(await app.field('agency').inputValue(), '新城区行政审批和政务服务局');
    assert.match(await page.locator('[data-notice]').textContent(), /已恢复/);
  });

  test('a corrupt draft gives a message, not a blank page, and is kept aside', async () => {
    await page.evaluate(() => localStorage.setItem('nianbao.draft.v1', '{"nianbao_draft":1,"report":{"format":"1999"'));
    await page.reload();
    await page.locator('[data-findings]').waitFor();
    assert.match(await page.locator('[data-notice]').textContent(), /无法读取/);
    assert.equal(await page.evaluate(() => localStorage.getItem('nianbao.draft.unreadable')), '{"nianbao_draft":1,"report":{"format":"1999"');
    await app.type('t4.review.upheld', '2');
    assert.equal(await app.value('t4.review.upheld'), '2');
  });

  test('新建 asks first, and keeps the work when the user says no', async () => {
    await app.type('t4.review.upheld', '5');
    page.once('dialog', (d) => d.dismiss());
    await page.locator('[data-action="new"]').click();
    assert.equal(await app.value('t4.review.upheld'), '5');
    page.once('dialog', (d) => d.accept());
    await page.locator('[data-action="new"]').click();
    assert.equal(await app.value('t4.review.upheld'), '');
  });

  test('a saved draft file opens again with everything typed, even text that is not a number', async () => {
    await app.type('t4.review.pending', '7');
    await app.type('t4.review.upheld', '七');
    await app.field('date').fill('2025年1月20日');
    const json = await app.download('draft');
    assert.match(json.name, /（草稿）\.json$/);
    await openInNewForm(json.text);
    assert.equal(await app.value('t4.review.pending'), '7');
    assert.equal(await app.value('t4.review.upheld'), '七');
    assert.equal(await app.field('date').inputValue(), '2025年1月20日');
  });
});

describe('findings marked 已核实 (issue 20)', () => {
  test('a warning marked 已核实 with a reason is muted and not counted; it survives a reload, the draft file and a batch; an error cannot be marked; editing its cell lapses the mark', async () => {
    await app.importText(seed(1));
    await app.apply();
    // T2: the text says 11 applications, 表三 says 0 (a warning naming cells).
    const item = page.locator('[data-findings] li.finding[data-rule="T2"]');
    await item.locator('[data-ack]').click();
    await item.locator('[data-ack-confirm]').click();
    assert.match(await page.locator('[data-notice]').textContent(), /请写明核实的理由/);
    await item.locator('[data-ack-reason]').fill('正文含往年结转的申请，已与业务科室核实');
    await item.locator('[data-ack-confirm]').click();
    assert.equal(await item.getAttribute('data-acknowledged'), '');
    assert.equal(await item.locator('[data-ack-said]').textContent(), '已核实：正文含往年结转的申请，已与业务科室核实');
    assert.match(await page.locator('[data-findings] .tally').textContent(), /提醒 1 项.*（另有 1 项已核实）/);
    // Kept in the draft: a reload, and the draft file opened in a new form.
    await page.reload();
    await page.locator('[data-findings]').waitFor();
    assert.equal(await item.getAttribute('data-acknowledged'), '');
    const draft = await app.download('draft');
    assert.match(draft.text, /"acknowledged"/);
    // In a batch, the reason goes with the report.
    await page.locator('input[data-import-file]').setInputFiles([
      { name: 'marked.json', mimeType: 'application/json', buffer: Buffer.from(draft.text) },
      { name: 'other.txt', mimeType: 'text/plain', buffer: Buffer.from(seed(0)) },
    ]);
    await page.locator('[data-batch]').waitFor();
    const row = page.locator('[data-batch-row="marked.json"] td');
    assert.match((await row.allTextContents())[10], /T2 已核实：正文含往年结转的申请/);
    await page.locator('[data-batch] button', { hasText: '关闭批量核对' }).click();
    await openInNewForm(draft.text);
    assert.equal(await item.getAttribute('data-acknowledged'), '');
    // An error cannot be marked.
    for (const [path, v] of [['t4.review.upheld', '1'], ['t4.review.corrected', '0'], ['t4.review.other', '0'], ['t4.review.pending', '0'], ['t4.review.total', '5']]) await app.type(path, v);
    const error = page.locator('[data-findings] li.finding.error[data-rule="R4"]').first();
    await error.locator('[data-ack]').click();
    assert.match(await page.locator('[data-notice]').textContent(), /错误（数字不符合勾稽关系等）不能标记为已核实/);
    assert.equal(await error.locator('[data-ack-reason]').isVisible(), false);
    // Its cell edited: the mark lapses and says so; the warning counts again.
    await app.type('t3.new_received.total', '5');
    assert.equal(await item.getAttribute('data-acknowledged'), null);
    assert.match(await item.locator('[data-ack-said]').textContent(), /原“已核实”说明已失效.*正文含往年结转的申请/);
    assert.doesNotMatch(await page.locator('[data-findings] .tally').textContent(), /已核实/);
  });
});

describe('output', () => {
  test('downloads: HTML, text and JSON carry the report', async () => {
    await app.importText(seed(1));
    await app.apply();
    const html = await app.download('html');
    assert.equal(html.name, '大武口区人民政府办公室2023年政府信息公开工作年度报告.html');
    assert.match(html.text, /^<!DOCTYPE html>/);
    assert.match(html.text, /<h2>三、收到和处理政府信息公开申请情况<\/h2>/);
    assert.match(html.text, /rowspan="22"/);
    const txt = await app.download('txt');
    assert.match(txt.text, /行政规范性文件 \| 1 \| 0 \| 3/);
    const json = JSON.parse((await app.download('json')).text);
    assert.equal(json.format, '2021');
    assert.equal(json.year, 2023);
    assert.equal(json.s2_proactive.normative_doc.in_force, 3);
  });

  test('printing shows the publishable report only, as a PDF would', async () => {
    await app.importText(seed(1));
    await app.apply();
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#print-area h1').textContent(), '大武口区人民政府办公室2023年政府信息公开工作年度报告');
    assert.equal(await page.locator('#print-area').isVisible(), true);
    assert.equal(await page.locator('[data-findings]').isVisible(), false);
    fs.mkdirSync(artifacts, { recursive: true });
    await page.pdf({ path: `${artifacts}/report.pdf`, format: 'A4' });
  });

  test('Word download: a real .docx made by the office worker, loaded only when asked', async () => {
    assert.ok(!requests.some((u) => u.includes('nianbao-extras') || u.includes('nianbao-office')), 'no worker loads with the page');
    await app.importText(seed(4));
    await app.apply();
    // Seed 4 has errors of its own: the download asks first, and goes ahead when told to.
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); d.accept(); });
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.locator('[data-download="docx"]').click(),
    ]);
    assert.match(asked, /报告还有 6 项错误/);
    assert.equal(dl.suggestedFilename(), '新巴尔虎左旗2020年政府信息公开工作年度报告.docx');
    const file = await dl.path();
    const xml = execFileSync('python3', ['-c', 'import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', file]).toString();
    assert.match(xml, /收到和处理政府信息公开申请情况/);
    assert.match(xml, /7121\.99/);
    assert.match(xml, /w:vMerge w:val="restart"/);
    assert.ok(requests.some((u) => u.includes('nianbao-office_bg.wasm')));
    assert.ok(!requests.some((u) => u.includes('nianbao-extras_bg.wasm')), 'Word needs no 繁體 worker');
  });

  test('繁體 output converts the published HTML and text, not the data', async () => {
    await app.importText(seed(1));
    await app.apply();
    await app.field('traditional').check();
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.locator('[data-download="html"]').click(),
    ]);
    const html = fs.readFileSync(await dl.path(), 'utf8');
    assert.equal(dl.suggestedFilename(), '大武口區人民政府辦公室2023年政府信息公開工作年度報告.html');
    assert.match(html, /<h2>三、收到和處理政府信息公開申請情況<\/h2>/);
    assert.match(html, /行政規範性文件/);
    // 繁體 loads the small converter worker, not the Word/Excel/PDF one.
    assert.ok(requests.some((u) => u.includes('nianbao-extras_bg.wasm')));
    assert.ok(!requests.some((u) => u.includes('nianbao-office')), 'a 繁體 page needs no office worker');
    const json = JSON.parse((await app.download('json')).text);
    assert.equal(json.agency, '大武口区人民政府办公室');
  });
});

describe('batch checking', () => {
  test('dropping many reports checks them together: one row each, years of one agency compared', async () => {
    const y2023 = seed(0);
    // Last year's report of the same agency, with 2 applications carried forward.
    const y2022 = seed(0).replaceAll('2023年', '2022年').replace('四、结转下年度继续办理 |\n0 |', '四、结转下年度继续办理 |\n2 |');
    const files = [
      { name: '2023.txt', mimeType: 'text/plain', buffer: Buffer.from(y2023) },
      { name: '2022.txt', mimeType: 'text/plain', buffer: Buffer.from(y2022) },
      { name: 'other.html', mimeType: 'text/html', buffer: Buffer.from(`<pre>${seed(4)}</pre>`) },
    ];
    await page.locator('input[data-import-file]').setInputFiles(files);
    const table = page.locator('[data-batch]');
    await table.waitFor();
    assert.match(await table.locator('h3').textContent(), /批量核对：3 份报告，3 份有错误/);
    const row = table.locator('[data-batch-row="2023.txt"]');
    // The first cell holds the 汇总 tick box.
    const cells = (await row.locator('td').allTextContents()).slice(1);
    assert.deepEqual(cells.slice(0, 7), ['2023.txt', '新城区行政审批和政务服务局', '2023', '2021', '197/200', '4', '9']);
    assert.equal(await row.getAttribute('data-cells-read'), '197');
    assert.equal(cells[8], '2022.txt');
    await row.locator('[data-batch-open]').click();
    const findings = table.locator('.batch-findings:visible li');
    const rules = await findings.evaluateAll((els) => els.map((e) => e.dataset.rule));
    // 2022's texts are 2023's word for word (the fixture is one report under two years): X5.
    assert.ok(rules.includes('R1') && rules.includes('X1') && rules.includes('X5'), rules.join(','));
    await table.locator('[data-batch-row="other.html"] [data-batch-load]').click();
    await app.apply();
    assert.equal(await app.field('format').inputValue(), '2019');
    assert.equal(await app.value('t3.result.total.total'), '17');
  });

  test('files made to stop a reader (a PDF whose page is its own parent, a Word file nested 5,000 deep, an Excel zip bomb) each cost one line with a Chinese reason; the good report is read', async () => {
    const hostile = (name, mimeType) => ({ name, mimeType, buffer: fs.readFileSync(path.join(fixtures, 'hostile', name)) });
    const t = Date.now();
    await page.locator('input[data-import-file]').setInputFiles([
      hostile('parent-loop.pdf', 'application/pdf'),
      hostile('nested-5000.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      hostile('bomb-256MB.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      { name: 'good.txt', mimeType: 'text/plain', buffer: Buffer.from(seed(0)) },
    ]);
    const table = page.locator('[data-batch]');
    await table.waitFor({ timeout: 10000 });
    const elapsed = Date.now() - t;
    assert.ok(elapsed < 10000, `${elapsed} ms`);
    const failed = await table.locator(':scope > ul.notes > li').allTextContents();
    assert.equal(failed.length, 3, failed.join('\n'));
    assert.match(failed.find((f) => f.includes('parent-loop.pdf')), /循环引用/);
    assert.match(failed.find((f) => f.includes('nested-5000.docx')), /嵌套层数超过/);
    assert.match(failed.find((f) => f.includes('bomb-256MB.xlsx')), /解压后超过 32 MB/);
    const cells = (await table.locator('[data-batch-row="good.txt"] td').allTextContents()).slice(1);
    assert.equal(cells[1], '新城区行政审批和政务服务局');
    await table.locator('[data-batch-row="good.txt"] [data-batch-load]').click();
    await page.locator('[data-import-preview]').waitFor();
  });

  test('a reader still busy after 20 s is stopped: the file is named with the reason, and the next file is read by a new worker', async () => {
    // The first office worker is made one that says it is ready and then
    // never answers (as a reader caught in a file would); later ones load
    // as built. Routing turns the browser's cache off, so each is fetched.
    let started = 0;
    await context.route('**/nianbao-office_loader.js', (route) => {
      started += 1;
      if (started > 1) return route.continue();
      return route.fulfill({ contentType: 'text/javascript', body: 'postMessage({ ready: true }); onmessage = () => {};' });
    });
    const hostile = (name, mimeType) => ({ name, mimeType, buffer: fs.readFileSync(path.join(fixtures, 'hostile', name)) });
    const t = Date.now();
    await page.locator('input[data-import-file]').setInputFiles([
      { ...hostile('calc.xls', 'application/vnd.ms-excel'), name: '卡住.xls' },
      { ...hostile('calc.xls', 'application/vnd.ms-excel'), name: '统计表.xls' },
    ]);
    const table = page.locator('[data-batch]');
    await table.waitFor({ timeout: 40000 });
    const elapsed = Date.now() - t;
    assert.ok(elapsed >= 20000 && elapsed < 30000, `${elapsed} ms`);
    assert.equal(started, 2, 'a new worker for the next file');
    const failed = await table.locator(':scope > ul.notes > li').allTextContents();
    assert.equal(failed.length, 1, failed.join('\n'));
    assert.match(failed[0], /“卡住\.xls”：读取这个文件用时超过 20 秒，已停止/);
    const cells = (await table.locator('[data-batch-row="统计表.xls"] td').allTextContents()).slice(1);
    assert.match(cells[4], /\/200/);
  });

  /** Reports of other agencies made from seed 001, with 本年新收 figures a test chooses. */
  const made = (agency, year, row) => seed(1)
    .replaceAll('大武口区人民政府办公室', agency).replaceAll('2023年', `${year}年`)
    .replace('一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', `一、本年新收政府信息公开申请数量 | ${row.join(' | ')} |`);
  const textFiles = (list) => list.map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) }));

  test('汇总: ten reports dropped, six ticked; the ticked reports of one year summed into the form, the others named with their reason, the cells some left empty marked', async () => {
    const rows = {
      甲: [3, 1, 0, 0, 0, 0, 4], 乙: [2, 0, 0, 0, 0, 1, 3], 丙: [9, 9, 9, 9, 9, 9, 54], 甲又一份: [100, 0, 0, 0, 0, 0, 100],
      丁: [1, '', 0, 0, 0, 0, 1], 戊: [5, 0, 0, 0, 0, 0, 5], 己: [7, 0, 1, 0, 0, 0, 8], 庚: [4, 4, 0, 0, 0, 0, 8],
      辛: [6, 0, 0, 2, 0, 0, 8], 壬: [0, 0, 0, 0, 3, 0, 3],
    };
    const year = (name) => (name === '丙' ? 2022 : 2023);
    const agency = (name) => `${name === '甲又一份' ? '甲' : name}镇人民政府`;
    await page.locator('input[data-import-file]').setInputFiles(
      textFiles(Object.entries(rows).map(([name, row]) => [`${name}.txt`, made(agency(name), year(name), row)])));
    await page.locator('[data-batch]').waitFor();
    // Untick four: 庚, 辛, 壬 and 戊 stay out.
    const untick = ['庚', '辛', '壬', '戊'];
    for (const name of untick) await page.locator(`[data-batch-row="${name}.txt"] [data-batch-pick]`).uncheck();
    await page.locator('[data-batch-sum]').click();
    const notice = await page.locator('[data-notice]').textContent();
    assert.match(notice, /已汇总 4 份报告（2023年度）/);
    assert.match(notice, /“丙\.txt”为 2022 年度报告/);
    assert.match(notice, /“甲又一份\.txt”与“甲\.txt”是同一机关的报告/);
    assert.match(notice, /有 1 个单元格部分报告未填/);
    assert.match(notice, /另有 4 份未勾选/);
    // The sums, computed here from the rows given: ticked, of 2023, first of each agency.
    const summed = Object.entries(rows).filter(([name]) => !untick.includes(name) && year(name) === 2023 && name !== '甲又一份');
    const columns = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
    for (const [c, column] of columns.entries()) {
      const want = summed.reduce((n, [, row]) => n + (row[c] === '' ? 0 : row[c]), 0);
      assert.equal(await app.value(`t3.new_received.${column}`), String(want), column);
    }
    assert.equal(await app.cell('t3.new_received.commercial').getAttribute('data-inferred'), '');
    assert.equal(await app.field('agency').inputValue(), '');
    assert.equal(await app.field('year').inputValue(), '2023');
  });

  test('the parent-vs-children check: a parent that is its children\'s sum but for one cell gives one finding there; switched off for a parent reporting its own 本级, and remembered', async () => {
    const columns = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
    // Reports as draft files (spec JSON) holding only 本年新收.
    const report = (agency, row) => ({
      name: `${agency}.json`, mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: '2021', year: 2023, agency, s3_applications: { new_received: Object.fromEntries(columns.map((c, i) => [c, row[i]])) } })),
    });
    const children = [[3, 1, 0, 0, 0, 0, 4], [2, 0, 0, 0, 0, 1, 3], [1, 0, 0, 0, 0, 0, 1]];
    const sums = columns.map((_, c) => children.reduce((n, row) => n + row[c], 0));
    // The parent: the children's sum, but 商业企业 2 more.
    const parent = sums.map((n, c) => (columns[c] === 'commercial' ? n + 2 : n));
    const files = [...children.map((row, i) => report(`${'甲乙丙'[i]}镇人民政府`, row)), report('某区人民政府', parent)];
    const drop = async () => {
      await page.locator('input[data-import-file]').setInputFiles(files);
      await page.locator('[data-batch]').waitFor();
      await page.locator('[data-batch-row="某区人民政府.json"] [data-batch-parent]').click();
      return page.locator('[data-batch-hierarchy]');
    };
    let box = await drop();
    assert.match(await box.locator('h4').textContent(), /上级报告“某区人民政府\.json”与 3 份下级报告的合计逐格比对/);
    assert.deepEqual(await box.locator('li').allTextContents(), [
      `[提醒] H1 表三“一、本年新收政府信息公开申请数量”行“商业企业”列：本级报告为 ${sums[1] + 2}，3 份下级报告合计为 ${sums[1]}，差 2。`,
    ]);
    // A parent that reports its own 本级 only: switched off, and so it stays.
    await box.locator('[data-batch-own-level]').check();
    assert.match(await box.locator('h4').textContent(), /已关闭/);
    assert.equal(await box.locator('li').count(), 0);
    await page.reload();
    await page.locator('[data-cell]').first().waitFor();
    box = await drop();
    assert.ok(await box.locator('[data-batch-own-level]').isChecked());
    assert.equal(await box.locator('li').count(), 0);
  });

  test('the 问题清单 downloads as a workbook LibreOffice Calc reads back (a sheet per agency with every finding the batch lists, and the unreadable file named) and as Word that Writer reads', async () => {
    await page.locator('input[data-import-file]').setInputFiles([
      { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from(seed(0)) },
      { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from(seed(1)) },
      { name: '坏.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\x03\x04 not a zip') },
    ]);
    const table = page.locator('[data-batch]');
    await table.waitFor();
    // What the batch lists for a.txt, as the page shows it.
    await table.locator('[data-batch-row="a.txt"] [data-batch-open]').click();
    const listed = (await table.locator('.batch-findings:visible li').allTextContents()).map((t) => t.replace(/^\[[^\]]+\] \S+ /, ''));
    const [dl] = await Promise.all([page.waitForEvent('download'), table.locator('[data-batch-issues]').click()]);
    assert.equal(dl.suggestedFilename(), '年报问题清单.xlsx');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-issues-'));
    fs.copyFileSync(await dl.path(), path.join(dir, 'q.xlsx'));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to',
      'csv:Text - txt - csv (StarCalc):9,,76,1,,0,false,false,false,false,false,-1', '--outdir', dir, path.join(dir, 'q.xlsx')], { stdio: 'ignore', timeout: 120000 });
    const sheet = (name) => fs.readFileSync(path.join(dir, `q-${name}.csv`), 'utf8').trim().split('\n').map((l) => l.split('\t'));
    const summary = sheet('汇总');
    assert.deepEqual(summary.slice(2, 4).map((r) => r.slice(1, 3)), [['新城区行政审批和政务服务局', 'a.txt'], ['大武口区人民政府办公室', 'b.txt']]);
    assert.ok(summary.some((r) => r[0].startsWith('“坏.docx”')), summary.map((r) => r[0]).join('\n'));
    const rows = sheet('新城区行政审批和政务服务局');
    assert.deepEqual(rows[1], ['序号', '级别', '规则', '单元格', '填报值', '应为', '问题说明', '核实说明']);
    assert.deepEqual(rows.slice(2).map((r) => r[6]), listed);
    // The Word edition, as Writer reads it: the same findings.
    const [word] = await Promise.all([page.waitForEvent('download'), table.locator('[data-batch-issues-word]').click()]);
    assert.equal(word.suggestedFilename(), '年报问题清单.docx');
    fs.copyFileSync(await word.path(), path.join(dir, 'w.docx'));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, path.join(dir, 'w.docx')], { stdio: 'ignore', timeout: 120000 });
    const text = fs.readFileSync(path.join(dir, 'w.txt'), 'utf8');
    for (const message of listed) assert.ok(text.includes(message), message);
    assert.match(text, /坏\.docx/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the batch summary downloads as CSV, where an agency written as a formula stays text', async () => {
    const report = (agency, year) => Buffer.from(JSON.stringify({ format: '2021', year, agency }));
    await page.locator('input[data-import-file]').setInputFiles([
      { name: 'a.json', mimeType: 'application/json', buffer: report('=1+1+cmd|\' /C calc\'!A0', 2023) },
      { name: 'b.json', mimeType: 'application/json', buffer: report('某局', 2023) },
    ]);
    await page.locator('[data-batch]').waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-batch-csv]').click()]);
    const text = fs.readFileSync(await dl.path(), 'utf8');
    assert.equal(dl.suggestedFilename(), '年报批量核对汇总.csv');
    assert.ok(text.startsWith('\ufeff文件,机关,年度'), text.slice(0, 40));
      assert.ok(text.includes(`a.json,'=1+1+cmd|' /C calc'!A0,2023`), text);
    assert.ok(text.includes('b.json,某局,2023'), text);
  });
});

describe('security', () => {
  test('the CSP lets no injected inline script or handler run', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(!/script-src[^;]*'unsafe-inline'/.test(csp), csp);
    assert.match(csp, /script-src 'self' 'sha256-/);
    const blocked = await page.evaluate(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__pwned = 1');
      img.src = 'data:,not-an-image';
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = 2';
      document.body.append(img, s);
      await new Promise((r) => setTimeout(r, 200));
      return { pwned: window.__pwned, violations };
    });
    assert.equal(blocked.pwned, undefined);
    assert.ok(blocked.violations.some((d) => d.startsWith('script-src')), blocked.violations.join());
    // The browser reports the blocked scripts on the console: expected here.
    errors.length = 0;
  });
});

describe('from last year\'s report to this year\'s draft (issue 9)', () => {
  test('以此为上一年度报告 starts next year: texts marked as last year\'s, 上年结转 carried, other numbers empty, X-checks live, undoable', async () => {
    await app.importText(seed(1));
    assert.match(await page.locator('[data-preview-next-year]').textContent(), /开始编制2024年度.*报告年度2024，落款日期留空/);
    await page.locator('[data-import-next-year]').click();
    assert.equal(await app.field('year').inputValue(), '2024');
    assert.equal(await app.field('date').inputValue(), '');
    assert.equal(await app.field('agency').inputValue(), '大武口区人民政府办公室');
    assert.equal(await app.field('title').inputValue(), '大武口区人民政府办公室2024年政府信息公开工作年度报告');
    assert.equal(await app.value('t3.carried_over.total'), '0');
    for (const path of ['t3.new_received.total', 't2.normative_doc.in_force', 't4.review.total']) assert.equal(await app.value(path), '', path);
    const problems = app.section('s5_problems');
    assert.match(await problems.inputValue(), /加大政策解读力度/);
    assert.equal(await problems.getAttribute('data-last-year'), '');
    // Texts the same as last year's are flagged, with the similarity.
    const copied = await app.findingTexts('X5');
    assert.ok(copied.some((t) => /“五、存在的主要问题及改进情况”与上一年度报告的文字完全相同/.test(t)), copied.join('\n'));
    await problems.fill('（一）本年度新问题：依申请公开答复文书格式不统一。改进：制定统一模板并开展培训，逐件复核。');
    assert.equal(await problems.getAttribute('data-last-year'), null);
    assert.ok(!(await app.findingTexts('X5')).some((t) => t.includes('五、存在的主要问题')));
    // Last year's 现行有效件数 (3) is the base: 3 + 1 − 0 = 4, not 5.
    await app.type('t2.normative_doc.issued', '1');
    await app.type('t2.normative_doc.repealed', '0');
    await app.type('t2.normative_doc.in_force', '5');
    const [x2] = await app.findingTexts('X2');
    assert.match(x2, /按上年 3 \+ 本年制发 1 − 本年废止 0 应为 4/);
    // One click takes the whole start back.
    await page.locator('[data-undo]').click();
    assert.equal(await app.field('year').inputValue(), '');
    assert.equal(await app.section('s5_problems').inputValue(), '');
    assert.equal(await app.value('t2.normative_doc.in_force'), '');
  });

  test('a year left over from an earlier report is flagged, and the finding goes to the text', async () => {
    await app.field('year').fill('2025');
    await app.field('agency').fill('某区司法局');
    await page.locator('details.preamble summary').click();
    await app.field('preamble').fill('现发布《某区司法局2023年政府信息公开工作年度报告》。较2024年，本年申请量上升。');
    const m2 = await app.findingTexts('M2');
    assert.ok(m2.some((t) => t.includes('出现“2023年”')), m2.join('\n'));
    assert.ok(!m2.some((t) => t.includes('出现“2024年”')));
    await page.locator('details.preamble summary').click();
    await page.locator('[data-findings] [data-rule="M2"] .goto').filter({ hasText: '2023年' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.field), 'preamble');
  });
});

describe('a form that helps while half-filled (issue 9)', () => {
  test('one row typed: progress per table, no blank findings or yellow cells until asked', async () => {
    await app.paste(app.cell('t3.new_received.natural_person'), { text: '3\t1\t0\t0\t0\t0\t4' });
    assert.equal(await page.locator('[data-progress="t3"]').textContent(), '表三 已填 7 / 175');
    assert.equal(await page.locator('[data-progress="t4"]').textContent(), '表四 已填 0 / 15');
    const shown = await app.rules();
    assert.ok(!shown.includes('M1') && !shown.includes('D2'), shown.join(','));
    assert.equal(await page.locator('[data-cell][aria-invalid="true"]').count(), 0);
    await page.locator('[data-action="completeness"]').click();
    assert.ok((await app.rules('warning')).includes('M1'));
    assert.ok((await page.locator('[data-cell][aria-invalid="true"]').count()) > 100);
  });

  test('a block copied from Excel with its row labels and header row lands on its rows, whatever cell has focus', async () => {
    const block = ['\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
      '（一）予以公开\t3\t1\t0\t0\t0\t0\t4',
      '（七）总计\t3\t1\t0\t0\t0\t0\t4'].join('\r\n');
    await app.paste(app.cell('t3.new_received.natural_person'), { text: block });
    // Read by its labels in the importer worker: done when the page says so.
    await page.locator('[data-notice]', { hasText: '按复制区域中的行名粘贴 14 个单元格' }).waitFor();
    assert.equal(await app.value('t3.result.disclosed.natural_person'), '3');
    assert.equal(await app.value('t3.result.disclosed.total'), '4');
    assert.equal(await app.value('t3.result.total.total'), '4');
    assert.equal(await app.value('t3.new_received.natural_person'), '');
  });

  test('an error shows as soon as its relation can be assessed, first in the list', async () => {
    await app.paste(app.cell('t4.review.upheld'), { text: '1\t0\t0\t0\t2' });
    assert.deepEqual(await app.rules(), ['R4']);
  });

  test('clicking a finding brings its cell to the middle of the screen', async () => {
    await app.paste(app.cell('t4.review.upheld'), { text: '1\t0\t0\t0\t2' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('[data-findings] [data-rule="R4"] .goto').click();
    const { top, height } = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return { top: r.top + r.height / 2, height: window.innerHeight };
    });
    assert.ok(Math.abs(top - height / 2) < height * 0.15, `cell centre at ${top} of ${height}`);
  });
});

describe('nothing destroyed without asking (issue 9)', () => {
  test('pasting a small table fills it and leaves agency, texts and other cells as they were; undo takes it back', async () => {
    await app.field('agency').fill('某区民政局');
    await app.section('s5_problems').fill('已经写好的问题和改进。');
    await app.type('t3.new_received.natural_person', '8');
    const html = `<p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>`;
    await app.importText('ignored', html);
    const says = await page.locator('[data-preview-overwrites]').textContent();
    assert.match(says, /新填 15 个单元格；没有读到的内容保持原样/);
    assert.doesNotMatch(says, /机关名称|五、存在的主要问题/);
    await app.apply();
    assert.equal(await app.value('t4.review.total'), '1');
    assert.equal(await app.field('agency').inputValue(), '某区民政局');
    assert.equal(await app.section('s5_problems').inputValue(), '已经写好的问题和改进。');
    assert.equal(await app.value('t3.new_received.natural_person'), '8');
    await page.locator('[data-undo]').click();
    assert.equal(await app.value('t4.review.total'), '');
    assert.equal(await app.value('t3.new_received.natural_person'), '8');
  });

  test('switching 2021 → 2019 → 2021 keeps the cells the 2019 format has no place for', async () => {
    await app.type('t2.normative_doc.in_force', '12');
    await app.type('t3.new_received.natural_person', '3');
    await app.field('format').selectOption('2019');
    assert.match(await page.locator('[data-notice]').textContent(), /在此格式中没有对应位置，已保留/);
    assert.equal(await app.value('t3.new_received.natural_person'), '3');
    await app.field('format').selectOption('2021');
    assert.equal(await app.value('t2.normative_doc.in_force'), '12');
    assert.equal(await app.value('t3.new_received.natural_person'), '3');
  });

  test('a 2019-format paste keeps aside the 2021 cells it has no place for, and switching back returns them', async () => {
    await app.type('t2.normative_doc.in_force', '12');
    await app.importText(seed(4));
    await app.apply();
    assert.equal(await app.field('format').inputValue(), '2019');
    await app.field('format').selectOption('2021');
    assert.equal(await app.value('t2.normative_doc.in_force'), '12');
    assert.equal(await app.value('t3.result.total.total'), '17');
  });

  test('Ctrl+Z outside a text box undoes 自动合计', async () => {
    await app.paste(app.cell('t4.review.upheld'), { text: '1\t0\t2\t0' });
    await page.locator('[data-action="autosum"]').click();
    assert.equal(await app.value('t4.review.total'), '3');
    await page.locator('h1').click();
    await page.keyboard.press('Control+z');
    assert.equal(await app.value('t4.review.total'), '');
    assert.match(await page.locator('[data-notice]').textContent(), /已撤销“自动合计”/);
  });

  test('two tabs on one draft: the second is told, stops saving, and the user picks which to keep', async () => {
    const other = await context.newPage();
    other.on('pageerror', (e) => errors.push(String(e)));
    const app2 = new App(other, env.base);
    await app2.open();
    await app.type('t4.review.upheld', '7');
    await other.locator('[data-other-tab]').waitFor();
    await app2.type('t4.review.corrected', '9');
    // The first tab's work is what is stored; the second's is on its screen.
    const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')).report.s4_review_litigation.review);
    assert.equal((await stored()).upheld, 7);
    assert.equal((await stored()).corrected, null);
    await other.locator('[data-keep-mine]').click();
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('nianbao.draft.v1')).report.s4_review_litigation.review.corrected === 9);
    await page.locator('[data-other-tab]').waitFor();
    await page.locator('[data-take-other]').click();
    assert.equal(await app.value('t4.review.corrected'), '9');
    await other.close();
  });

  test('a full storage is said as soon as the draft is saved, and again after a reload', async () => {
    await page.evaluate(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === 'nianbao.draft.v1') throw new DOMException('full', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    });
    await app.type('t4.review.upheld', '4');
    // Said when typing pauses and the draft is saved (issue 18), not a keystroke later.
    await page.locator('[data-notice]').filter({ hasText: '本地存储空间已满' }).waitFor({ timeout: 2000 });
    await page.reload();
    await page.locator('[data-findings]').waitFor();
    assert.match(await page.locator('[data-notice]').textContent(), /不是最后的修改/);
  });

  test('the unreadable draft kept aside can be downloaded from the page', async () => {
    await page.evaluate(() => localStorage.setItem('nianbao.draft.v1', '{"broken'));
    await page.reload();
    await page.locator('[data-unreadable]').waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-save-unreadable]').click()]);
    assert.equal(fs.readFileSync(await dl.path(), 'utf8'), '{"broken');
  });
});

describe('opening the files people have (issue 11)', () => {
  /** Drops files on the paste box as the file manager does. */
  async function drop(files) {
    await page.evaluate((files) => {
      const dt = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const box = document.querySelector('textarea[data-import]');
      box.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, files.map((f) => ({ name: f.name, type: f.type, base64: f.buffer.toString('base64') })));
  }

  test('a Word file downloaded from the app opens again with every cell, read in the worker', async () => {
    await app.importText(seed(0));
    await app.apply();
    page.on('dialog', (d) => d.accept());
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.locator('[data-download="docx"]').click(),
    ]);
    const bytes = fs.readFileSync(await dl.path());
    await page.locator('[data-action="new"]').click();
    assert.equal(await app.value('t3.result.total.total'), '');
    await drop([{ name: '年报.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: bytes }]);
    await page.locator('[data-import-preview]').waitFor({ timeout: 30000 });
    assert.match(await page.locator('[data-import-preview] .summary').textContent(), /新城区行政审批和政务服务局 2023年度.*读到 (19\d|200) \/ 200 个单元格/);
    await app.apply();
    assert.equal(await app.value('t3.result.total.total'), '14');
    assert.equal(await app.value('t2.licensing.decisions'), '6240');
    assert.equal(await app.value('t4.suit_after_review.total'), '1');
  });

  test('the tables download as an Excel workbook with live totals, and it opens back into the form by its row labels', async () => {
    await app.importText(seed(1));
    await app.apply();
    page.on('dialog', (d) => d.accept());
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.locator('[data-download="xlsx"]').click(),
    ]);
    assert.match(dl.suggestedFilename(), /大武口区人民政府办公室2023年政府信息公开工作年度报告（统计表）\.xlsx/);
    const bytes = fs.readFileSync(await dl.path());
    const sheet = execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print(z.read("xl/workbook.xml").decode());print(z.read("xl/worksheets/sheet2.xml").decode())', await dl.path()]).toString();
    assert.match(sheet, /name="表三"/);
    assert.match(sheet, /<f>D6\+E6\+F6\+G6\+H6\+I6<\/f>/);
    await page.locator('[data-action="new"]').click();
    await app.field('agency').fill('保留的机关名称');
    await drop([{ name: '统计表.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes }]);
    await page.locator('[data-import-preview]').waitFor({ timeout: 30000 });
    await app.apply();
    assert.equal(await app.value('t2.normative_doc.in_force'), '3');
    assert.equal(await app.value('t2.normative_doc.issued'), '1');
    assert.equal(await app.value('t3.new_received.total'), '0');
    assert.equal(await app.field('agency').inputValue(), '保留的机关名称');
    // The same workbook saved by LibreOffice Calc as an old .xls opens too.
    const xls = libreoffice(bytes, 'xlsx', 'xls:MS Excel 97');
    await page.locator('[data-action="new"]').click();
    await drop([{ name: '统计表.xls', type: 'application/vnd.ms-excel', buffer: xls }]);
    await page.locator('[data-import-preview]').waitFor({ timeout: 30000 });
    const xlsNotes = await page.locator('[data-import-preview]').textContent();
    assert.match(xlsNotes, /已打开文件“统计表\.xls”。/);
    assert.match(xlsNotes, /已按行名读取 Excel 工作簿中的表格。/);
    // The box shows what was read, never markup.
    const box = await page.locator('[data-import]').inputValue();
    assert.doesNotMatch(box, /<t[dr]|<p>/);
    assert.match(box, /行政规范性文件\t1/);
    await app.apply();
    assert.equal(await app.value('t2.normative_doc.in_force'), '3');
    assert.equal(await app.value('t3.new_received.total'), '0');
  });

  /** A file converted by LibreOffice (`to`: its --convert-to target, as "pdf"). */
  function libreoffice(bytes, from, to) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-'));
    fs.writeFileSync(path.join(dir, `file.${from}`), bytes);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', to, '--outdir', dir, path.join(dir, `file.${from}`)], { stdio: 'ignore', timeout: 120000 });
    const out = fs.readFileSync(path.join(dir, `file.${to.split(':')[0]}`));
    fs.rmSync(dir, { recursive: true, force: true });
    return out;
  }

  test('a PDF that LibreOffice made of the Word download, dropped on the page, fills the form by coordinates', async () => {
    await app.importText(seed(0));
    await app.apply();
    page.on('dialog', (d) => d.accept());
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.locator('[data-download="docx"]').click(),
    ]);
    const pdf = libreoffice(fs.readFileSync(await dl.path()), 'docx', 'pdf');
    await page.locator('[data-action="new"]').click();
    assert.equal(await app.value('t3.result.total.total'), '');
    await drop([{ name: '年报.pdf', type: 'application/pdf', buffer: pdf }]);
    await page.locator('[data-import-preview]').waitFor({ timeout: 30000 });
    const notes = await page.locator('[data-import-preview]').textContent();
    assert.match(notes, /已打开文件“年报\.pdf”。/);
    assert.match(notes, /已按文字位置读取 PDF 文件（\d+ 页）的正文和表格。/);
    assert.doesNotMatch(await page.locator('[data-import]').inputValue(), /<t[dr]|<p>/);
    assert.doesNotMatch(notes, /已按网页（HTML）格式读取/);
    assert.match(await page.locator('[data-import-preview] .summary').textContent(), /新城区行政审批和政务服务局 2023年度.*读到 (19\d|200) \/ 200 个单元格/);
    await app.apply();
    assert.equal(await app.value('t3.result.total.total'), '14');
    assert.equal(await app.value('t2.licensing.decisions'), '6240');
    assert.equal(await app.value('t4.suit_after_review.total'), '1');
  });

  test('a PDF with no text layer (a scan) and a broken PDF each say why in Chinese, and the form keeps what was typed', async () => {
    await app.field('agency').fill('正在填写的机关');
    // A "scan": a picture of the page, printed to PDF by Chromium.
    const png = await page.screenshot();
    const printer = await page.context().newPage();
    await printer.setContent(`<img src="data:image/png;base64,${png.toString('base64')}" style="width:100%">`);
    const scan = await printer.pdf({ format: 'A4' });
    await printer.close();
    await drop([{ name: '扫描件.pdf', type: 'application/pdf', buffer: scan }]);
    await page.locator('[data-notice]').filter({ hasText: '没有文字层' }).waitFor({ timeout: 30000 });
    assert.match(await page.locator('[data-notice]').textContent(), /扫描件/);
    await drop([{ name: '坏.pdf', type: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n') }]);
    await page.locator('[data-notice]').filter({ hasText: '不是可以读取的 PDF' }).waitFor({ timeout: 30000 });
    assert.equal(await app.field('agency').inputValue(), '正在填写的机关');
  });

  test('a file that only looks like a Word file says why in Chinese', async () => {
    await page.locator('input[data-import-file]').setInputFiles({ name: '坏.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04 broken') });
    await page.locator('[data-notice]').waitFor({ timeout: 30000 });
    assert.match(await page.locator('[data-notice]').textContent(), /不是可以读取的 Word/);
  });
});

describe('output that can be published as it is (issue 9)', () => {
  test('a download with open errors asks first; 取消 goes to the first error and downloads nothing', async () => {
    await app.paste(app.cell('t4.review.upheld'), { text: '1\t0\t0\t0\t2' });
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
    let downloaded = false;
    page.once('download', () => { downloaded = true; });
    await page.locator('[data-download="html"]').click();
    assert.match(asked, /报告还有 1 项错误、\d+ 项未填内容：\n1\. 表四“行政复议”/);
    assert.equal(await app.focusedCell(), 't4.review.total');
    await page.waitForTimeout(300);
    assert.equal(downloaded, false);
    // Blanks are listed from then on.
    assert.ok((await app.rules()).includes('D2'));
  });

  test('printing: A4 pages, 表三 breaks between rows with its header on every page, headers on one line', async () => {
    await app.importText(seed(0));
    await app.apply();
    // What 打印 / Ctrl+P prints: the report, rendered into the print area when printing starts.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    fs.mkdirSync(artifacts, { recursive: true });
    const file = `${artifacts}/print-seed0.pdf`;
    await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    const pages = text.split('\f').filter((p) => p.trim());
    assert.ok(pages.length >= 4 && pages.length <= 7, `${pages.length} pages`);
    assert.match(pages[0], /新城区行政审批和政务服务局2023年政府信息/);
    const rows = ['（一）予以公开', '属于国家秘密', '补正后申请内容仍不明确', '信访举报投诉类申请', '要求提供公开出版物', '（七）总计'];
    const flat = pages.map((p) => p.replace(/[ \u3000]/g, ''));
    const withRows = flat.filter((p) => rows.some((r) => p.includes(r)));
    assert.ok(withRows.length >= 2, '表三 spans two pages');
    for (const p of withRows) {
      const first = Math.min(...rows.map((r) => p.indexOf(r)).filter((i) => i >= 0));
      assert.ok(p.indexOf('申请人情况') >= 0 && p.indexOf('申请人情况') < first, 'header first on each page of 表三');
      assert.match(p, /自然人/);
    }
    // No page of 表三 is left half empty by a row group that would not break.
    const t3start = flat.findIndex((p) => p.includes('三、收到和处理政府信息公开申请情况'));
    assert.ok(flat[t3start].includes('（三）不予公开') || flat[t3start].includes('属于国家秘密'), 'the row groups start on the page of the heading');
  });

  test('a batch report of which nothing could be read is shown as 未能读取, not charged', async () => {
    const prose = seed(1).split('\n').filter((l) => !l.includes('|')).join('\n');
    await page.locator('input[data-import-file]').setInputFiles([
      { name: 'tables-lost.txt', mimeType: 'text/plain', buffer: Buffer.from(prose) },
      { name: 'whole.txt', mimeType: 'text/plain', buffer: Buffer.from(seed(1)) },
    ]);
    const table = page.locator('[data-batch]');
    await table.waitFor();
    assert.match(await table.locator('h3').textContent(), /2 份报告，0 份有错误，1 份未能读取/);
    const lost = table.locator('[data-batch-row="tables-lost.txt"]');
    assert.equal(await lost.getAttribute('data-cells-read'), '0');
    const cells = (await lost.locator('td').allTextContents()).slice(1);
    assert.deepEqual(cells.slice(4, 8), ['未能读取（0/200）', '—', '—', '—']);
  });
});
