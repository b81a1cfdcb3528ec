// Builds the single-file edition: dist/nianbao.html with the wasm, the JS and
// the CSS inlined, for intranet PCs that open it from disk (file://) with no
// server and no network. Run after `trunk build --release`.
//
// The main module's glue runs as an inline module script and gets its wasm as
// bytes; the workers (繁體; Word, Excel, PDF) are built from Blobs only when asked for.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinInlineScripts } from './csp.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = fs.readdirSync(dist);
const pick = (re) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`dist/ has no file matching ${re}; run trunk build --release first`);
  return path.join(dist, f);
};
const read = (f) => fs.readFileSync(f, 'utf8');
const b64 = (f) => fs.readFileSync(f).toString('base64');

const glue = read(pick(/^nianbao-[0-9a-f]+\.js$/))
  .replace(/^export (class|function|async function|const|let) /gm, '$1 ')
  .replace(/^export \{[^}]*\};?\s*$/gm, '');
if (/^\s*export\b/m.test(glue)) throw new Error('unexpected export left in the glue');
const css = ['report', 'app'].map((name) => read(pick(new RegExp(`^${name}-[0-9a-f]+\\.css$`)))).join('\n');
const title = index.match(/<title>([^<]*)<\/title>/)[1];

const csp = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:; worker-src blob:; connect-src 'none'; form-action 'none'; base-uri 'none'";
// A "</script" inside inlined code would end the script element early.
const safe = (s) => s.replace(/<\/(script)/gi, '<\\/$1');

// The workers (see src/ui/browser/extras.rs) and where the page looks for them.
const workers = [['nianbao-import', 'NIANBAO_IMPORT_URL'], ['nianbao-extras', 'NIANBAO_EXTRAS_URL'], ['nianbao-office', 'NIANBAO_OFFICE_URL']];

const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${title}</title>
<script>
${safe(read(path.join(dist, 'browser-check.js')))}
</script>
<style>
${css}
</style>
${workers.map(([name]) => `<script type="text/plain" id="${name}-js">${safe(read(pick(new RegExp(`^${name}\\.js$`))))}</script>
<script type="text/plain" id="${name}-wasm">${b64(pick(new RegExp(`^${name}_bg\\.wasm$`)))}</script>`).join('\n')}
<script>
// The workers, each made from its text above on first use.
${workers.map(([name, property]) => `(function () {
  let url;
  Object.defineProperty(window, '${property}', {
    get() {
      if (!url) {
        const js = document.getElementById('${name}-js').textContent;
        const wasm = document.getElementById('${name}-wasm').textContent;
        const source = js + '\\nwasm_bindgen({ module_or_path: Uint8Array.from(atob("' + wasm + '"), (c) => c.charCodeAt(0)) });';
        url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      }
      return url;
    },
  });
})();`).join('\n')}
</script>
<script type="module">
${safe(glue)}
const bytes = Uint8Array.from(atob("${b64(pick(/^nianbao-[0-9a-f]+_bg\.wasm$/))}"), (c) => c.charCodeAt(0));
// A promise, not a top-level await (Chrome 89+): older browsers run it too.
__wbg_init({ module_or_path: bytes });
</script>
</head>
<body>
<noscript>本工具需要启用浏览器的 JavaScript 才能运行。</noscript>
</body>
</html>
`;
const out = path.join(dist, 'nianbao.html');
fs.writeFileSync(out, pinInlineScripts(html));
console.log(`${out}: ${(html.length / 1048576).toFixed(2)} MB`);
