// Turns the generated reports (tests/corpus/generate.rs) into what people
// actually paste, with the real tools on this machine. Each output is a named
// layout; tests/corpus.rs reads every one and grades every cell.
//
//   node tests/corpus/make.mjs DIR
//
// Layouts written next to each report's truth.json:
//   own-text.txt            the project's text download
//   own-html.html           the project's HTML download
//   chromium-text.txt       Chromium: innerText of the published HTML page
//   chromium.pdf            Chromium: the published page printed to PDF
//   chromium-borderless.pdf … with the tables' borders removed by a style, as
//                           many CMS pages show tables (no ruling lines to follow)
//   cms-text.txt            Chromium: innerText of a CMS page (site chrome, the
//                           report inside layout tables)
//   cms-clipboard.html      Chromium: the text/html clipboard flavour of the
//                           report selected on that CMS page and copied
//   report.pdf              LibreOffice: the .docx download made a PDF
//   pdftotext.txt           … then `pdftotext`
//   pdftotext-layout.txt    … `pdftotext -layout`
//   pdftotext-raw.txt       … `pdftotext -raw`
//   pdf-markdown.md         … PDF → Markdown by pymupdf4llm
//   traditional-pinyin.txt  chromium-text through OpenCC (s2t, a converter
//                           other than the importer's) with pypinyin tone
//                           annotations after converted characters
//   stripped.txt            chromium-text with all whitespace removed (web
//                           archive text; a transformation, not a tool)
//   … and the shapes of real reports our renderer never makes (shapes.mjs).
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/harness.mjs';
import { browserShapes, textShapes } from './shapes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] || 'target/corpus');
const tools = process.env.NIANBAO_TOOLS || path.join(os.homedir(), '.cache/nianbao-tools');
const python = path.join(tools, 'venv/bin/python');
const reports = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'truth.json'))).sort();
const at = (r, f) => path.join(dir, r, f);

function cmsPage(title, article) {
  // An old-style government CMS page: navigation, breadcrumb, publication
  // data, the article inside layout tables, a footer.
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px SimSun,serif} td{vertical-align:top} .article table{border-collapse:collapse} .article td,.article th{border:1px solid #000;padding:2px}</style></head>
<body><table width="1000" align="center"><tr><td>
<div>网站首页 | 政务公开 | 政务服务 | 互动交流 | 走进本区</div>
<div>当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<table width="100%"><tr><td width="200"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>政府信息公开年报</li></ul></td>
<td><h1 style="text-align:center">${title}</h1>
<div>发布时间：2025-01-20 09:30 来源：本级 浏览次数：236 字体：[大 中 小]</div>
<div class="article" id="article">${article}</div>
<div>【打印本页】 【关闭窗口】</div></td></tr></table>
<div>主办单位：人民政府办公室 网站标识码：1501020001 ICP备05000001号</div>
<div>扫一扫在手机上查看当前页面</div>
</td></tr></table></body></html>`;
}

async function browserLayouts() {
  const browser = await launch();
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  for (const r of reports) {
    await page.goto('file://' + at(r, 'own-html.html'));
    fs.writeFileSync(at(r, 'chromium-text.txt'), await page.evaluate(() => document.body.innerText));
    await page.pdf({ path: at(r, 'chromium.pdf'), format: 'A4' });
    await page.addStyleTag({ content: 'table, tr, td, th { border: none !important }' });
    await page.pdf({ path: at(r, 'chromium-borderless.pdf'), format: 'A4' });
    const { title, article } = await page.evaluate(() => {
      const a = document.querySelector('article').cloneNode(true);
      const h1 = a.querySelector('h1');
      const title = h1.textContent;
      h1.remove();
      return { title, article: a.innerHTML };
    });
    await page.setContent(cmsPage(title, article));
    fs.writeFileSync(at(r, 'cms-text.txt'), await page.evaluate(() => document.body.innerText));
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('article'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    });
    await page.keyboard.press('Control+C');
    const html = await page.evaluate(async () => {
      for (const item of await navigator.clipboard.read()) {
        if (item.types.includes('text/html')) return (await item.getType('text/html')).text();
      }
      return '';
    });
    if (!html) throw new Error(`${r}: the clipboard held no text/html`);
    fs.writeFileSync(at(r, 'cms-clipboard.html'), html);
    await browserShapes(page, path.join(dir, r));
  }
  await browser.close();
}

function pdfLayouts() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-corpus-'));
  for (const r of reports) fs.copyFileSync(at(r, 'report.docx'), path.join(tmp, `${r}.docx`));
  const docs = reports.map((r) => path.join(tmp, `${r}.docx`));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`,
    '--convert-to', 'pdf', '--outdir', tmp, ...docs], { stdio: 'ignore', timeout: 600_000 });
  for (const r of reports) {
    const pdf = path.join(tmp, `${r}.pdf`);
    if (!fs.existsSync(pdf)) throw new Error(`${r}: LibreOffice wrote no PDF`);
    fs.copyFileSync(pdf, at(r, 'report.pdf'));
    for (const [flag, name] of [[null, 'pdftotext.txt'], ['-layout', 'pdftotext-layout.txt'], ['-raw', 'pdftotext-raw.txt']]) {
      execFileSync('pdftotext', [...(flag ? [flag] : []), '-enc', 'UTF-8', pdf, at(r, name)]);
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

function pythonLayouts() {
  execFileSync(python, [path.join(here, 'convert.py'), dir, ...reports], { stdio: 'inherit', timeout: 900_000 });
}

function stripped() {
  for (const r of reports) {
    const text = fs.readFileSync(at(r, 'chromium-text.txt'), 'utf8');
    fs.writeFileSync(at(r, 'stripped.txt'), text.replace(/[\s\u00a0\u3000]+/g, ''));
  }
}

const started = Date.now();
for (const r of reports) {
  fs.renameSync(at(r, 'report.txt'), at(r, 'own-text.txt'));
  fs.renameSync(at(r, 'report.html'), at(r, 'own-html.html'));
}
await browserLayouts();
pdfLayouts();
stripped();
pythonLayouts();
for (const r of reports) textShapes(path.join(dir, r));
console.log(`${reports.length} reports × 25 layouts in ${((Date.now() - started) / 1000).toFixed(0)} s: ${dir}`);
