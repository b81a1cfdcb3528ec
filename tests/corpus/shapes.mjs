// Shapes real reports take that our own renderer never makes (issue 16,
// design note §8). Each is a named layout of the corpus, made from a
// generated report either by Chromium (the page changed as a CMS editor
// changes it, then copied or printed as a person does) or by a script that
// transforms a real tool's output (named so in the README's table).
//
//   note-row.txt           Chromium innerText of the page whose 表三 note stands
//                          alone on a line above the column headers (its own
//                          row or a paragraph), blank cells as &nbsp; (U+00A0)
//   other-one-row.txt      Chromium innerText of a 2021 page whose 表三 prints
//                          （六）其他处理 as ONE row (the three items summed);
//   other-one-row.pdf      … and that page printed to PDF by Chromium; both
//                          graded against truth.other-one-row.json, where
//                          the three unprinted rows are blank
//   t4-viewer-order.txt    script: chromium-text with 表四's 15 numbers one per
//                          line in a PDF viewer's copy order (4 parts of 复议,
//                          4 parts of 直接起诉, 复议总计, 复议后起诉's 4 parts and
//                          总计, 直接起诉总计); empty cells dropped as a viewer does
//   one-line.txt           script: cms-text (chrome included) on one line, as a
//                          web archive's page text: headings mid-line after "。"
//                          (in the variant wordings of heading-variants),
//                          table cells separated by one space
//   heading-variants.txt   script: chromium-text with section headings in the
//                          variant wordings and typos seen in published reports
//   page-meta.txt          script: chromium-text under the page furniture seen
//                          around real reports: a converter's "正文", crawler
//                          metadata ("标题：", "来源：" naming another body), the
//                          政府信息公开 metadata box (名称/索引号/发布机构/公开日期/
//                          文号), a breadcrumb that alone holds the title
//   glued-tables.txt       script: chromium-text with every table's cells run
//                          together (no whitespace) while the prose keeps its
//                          lines: digits glue to the next row's item number
//                          ("…3700000372.没有现成信息…")
//   markdown-split.md      script: pdf-markdown with 表三's row groups split over
//                          many small tables, each opened by a stray header row
//                          (a data row taken for a header, or "|Col1|Col2|…|")
import fs from 'node:fs';
import path from 'node:path';

/** A small deterministic generator per report (mulberry32 over a name hash). */
export function rng(name) {
  let h = 2166136261;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  let a = h >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (xs) => xs[Math.floor(next() * xs.length)], int: (n) => Math.floor(next() * n) };
}

const truthOf = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));

/** In the page: 表三's note out of its header cell, on a line of its own. */
function noteAlone(asParagraph) {
  const table = document.querySelector('table.t3');
  const note = table.querySelector('tr th');
  const text = note.textContent;
  note.textContent = '';
  if (asParagraph) {
    const p = document.createElement('p');
    p.textContent = text;
    table.before(p);
  } else {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = 10;
    cell.textContent = text;
    row.append(cell);
    table.querySelector('tr').before(row);
  }
  for (const td of document.querySelectorAll('td[data-cell]')) {
    if (td.textContent.trim() === '') td.innerHTML = '&nbsp;';
  }
}

/** In the page: （六）其他处理 as one row, its three items summed. */
function otherOneRow() {
  const ids = ['no_correction', 'fee_unpaid', 'other'];
  const rows = ids.map((id) => document.querySelector(`td[data-cell^="t3.result.other.${id}."]`)?.parentElement);
  if (rows.some((r) => !r)) return false;
  const cols = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_service', 'other_org', 'total'];
  const row = document.createElement('tr');
  const label = document.createElement('th');
  label.colSpan = 2;
  label.className = 'label';
  label.textContent = '（六）其他处理';
  row.append(label);
  for (const col of cols) {
    const values = ids.map((id) => document.querySelector(`td[data-cell="t3.result.other.${id}.${col}"]`).textContent.trim());
    const numbers = values.filter((v) => /^\d+$/.test(v));
    const td = document.createElement('td');
    td.textContent = numbers.length ? String(numbers.reduce((a, v) => a + Number(v), 0)) : values[0];
    row.append(td);
  }
  rows[0].before(row);
  rows.forEach((r) => r.remove());
  const result = [...document.querySelectorAll('table.t3 th')].find((th) => th.textContent === '三、本年度办理结果');
  result.rowSpan -= 2;
  return true;
}

/** Layouts made in Chromium from each report's own HTML page. */
export async function browserShapes(page, dir) {
  const html = 'file://' + path.join(dir, 'own-html.html');
  const pick = rng(path.basename(dir));
  await page.goto(html);
  await page.evaluate(noteAlone, pick.next() < 0.5);
  fs.writeFileSync(path.join(dir, 'note-row.txt'), await page.evaluate(() => document.body.innerText));

  const truth = truthOf(dir);
  if (truth.format !== '2021') return;
  await page.goto(html);
  if (!(await page.evaluate(otherOneRow))) throw new Error(`${dir}: no （六） rows to merge`);
  fs.writeFileSync(path.join(dir, 'other-one-row.txt'), await page.evaluate(() => document.body.innerText));
  await page.pdf({ path: path.join(dir, 'other-one-row.pdf'), format: 'A4' });
  for (const key of Object.keys(truth.cells)) {
    if (key.startsWith('t3.result.other.')) truth.cells[key] = null;
  }
  fs.writeFileSync(path.join(dir, 'truth.other-one-row.json'), JSON.stringify(truth, null, 1));
}

/** 表四's values in a PDF viewer's copy order, one per line. */
function t4ViewerOrder(text) {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i > lines.findIndex((h) => h.startsWith('四、')) && l.split('\t').length === 15);
  if (at < 0) throw new Error('no 表四 data row');
  const cells = lines[at].split('\t');
  const order = [0, 1, 2, 3, 5, 6, 7, 8, 4, 10, 11, 12, 13, 14, 9];
  lines.splice(at, 1, ...order.map((i) => cells[i].trim()).filter((c) => c !== ''));
  return lines.join('\n');
}

const HEADINGS = [
  ['一、总体情况', ['一、总体情况', '一、 总体情况', '一、总体概况']],
  ['二、主动公开政府信息情况', ['二、主动公开政府信息', '二、主动公开政府信息的情况', '二、主动公开政府信息情况']],
  ['三、收到和处理政府信息公开申请情况', ['三、收到和处理政府信息公开申请的情况', '三、收到及处理政府信息公开申请情况', '三、收到和处理政府信息申请情况']],
  ['四、政府信息公开行政复议、行政诉讼情况', ['四、政府信息公开行政法复议、行政诉讼情况', '四、政府信息公开行政复议、诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况']],
  ['五、存在的主要问题及改进情况', ['五、存在问题及改进情况', '五、存在的主要问题和改进措施', '五、主要问题及改进情况', '五、存在的问题及改进情况']],
  ['六、其他需要报告的事项', ['六、其他需要报告事项', '六、其它需要报告的事项', '六、其他需要报告的事项']],
];

function headingVariants(text, pick) {
  let out = text;
  for (const [heading, variants] of HEADINGS) out = out.replace(`\n${heading}\n`, `\n${pick.pick(variants)}\n`);
  return out;
}

const OTHER_BODIES = ['人民政府', '人民政府办公室', '政务服务中心', '融媒体中心'];
const OTHER_PLACES = ['红山县', '青山区', '白云区', '东湖县', '南山镇'];

/** Page furniture around the report; the title line kept or not. */
function pageMeta(text, truth, pick) {
  const lines = text.split('\n');
  const titleAt = lines.findIndex((l) => l.trim() === truth.title);
  if (titleAt < 0) throw new Error('no title line');
  // Another body of another place: what a CMS byline or a crawler names.
  const other = `${pick.pick(OTHER_PLACES.filter((p) => !truth.agency.includes(p)))}${pick.pick(OTHER_BODIES)}`;
  const date = `${truth.year + 1}-01-${String(10 + pick.int(18)).padStart(2, '0')}`;
  const kind = pick.int(5);
  const without = () => { const l = [...lines]; l.splice(titleAt, 1); return l; };
  switch (kind) {
    case 0: // a converter's header line
      return ['正文', ...lines].join('\n');
    case 1: // crawler metadata, the title only after "标题："
      return [`标题：${truth.title}`, `来源：${other}`, `发布时间：${date}`, ...without()].join('\n');
    case 2: // the metadata box, the title only as 名称
      return [`名称：${truth.title}`, `索引号：11150102MB${1000000 + pick.int(8999999)}/${truth.year + 1}-00012`,
        `发布机构：${truth.agency}`, `公开日期：${date}`, '文号：', `主题分类：政务公开`, ...without()].join('\n');
    case 3: // a breadcrumb that alone holds the title, a byline naming another body
      return [`当前位置：首页 > 政务公开 > 政府信息公开年报 > ${truth.title} 来源：${other}`, ...without()].join('\n');
    default: // a byline naming another body above the report's own title
      return [`发布时间：${date}  来源：${other}  浏览次数：${100 + pick.int(900)}`, ...lines].join('\n');
  }
}

/** Every table's cells run together; prose keeps its lines. */
function gluedTables(text) {
  const out = [];
  let run = null;
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      run = (run ?? '') + line.replace(/[\s\u00a0]+/g, '');
      continue;
    }
    if (run !== null) { out.push(run); run = null; }
    out.push(line);
  }
  if (run !== null) out.push(run);
  return out.join('\n');
}

/** 表三's rows split over small tables, each opened by a stray header row. */
function markdownSplit(md, pick) {
  const lines = md.split('\n');
  const out = [];
  let inTable = false;
  let cols = 0;
  let rows = 0;
  const group = /^\|[^|]*\|(（[三四五六七]）|四、)/;
  for (const line of lines) {
    const row = line.startsWith('|') && line.endsWith('|');
    const rule = row && /^\|(-+\|)+$/.test(line.replace(/:/g, '-'));
    if (!row) { inTable = false; out.push(line); continue; }
    if (!inTable) { inTable = true; rows = 0; cols = line.split('|').length - 2; }
    rows += 1;
    const split = !rule && rows > 3 && (group.test(line) || pick.next() < 0.15);
    if (split) {
      out.push('', '');
      if (pick.next() < 0.5) {
        out.push('|' + Array.from({ length: cols }, (_, i) => `Col${i + 1}`).join('|') + '|');
        out.push('|' + '---|'.repeat(cols));
        out.push(line);
      } else {
        out.push(line);
        out.push('|' + '---|'.repeat(cols));
      }
      rows = 1;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** Layouts made by transforming real tools' outputs. */
export function textShapes(dir) {
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  const write = (f, s) => fs.writeFileSync(path.join(dir, f), s);
  const truth = truthOf(dir);
  const pick = rng(path.basename(dir) + '/text');
  const chromium = read('chromium-text.txt');
  write('t4-viewer-order.txt', t4ViewerOrder(chromium));
  write('heading-variants.txt', headingVariants(chromium, pick));
  write('page-meta.txt', pageMeta(chromium, truth, pick));
  write('glued-tables.txt', gluedTables(chromium));
  write('markdown-split.md', markdownSplit(read('pdf-markdown.md'), pick));
  const cms = headingVariants(read('cms-text.txt'), rng(path.basename(dir) + '/one-line'));
  write('one-line.txt', cms.replace(/\t/g, ' ').replace(/\n+/g, ''));
}
