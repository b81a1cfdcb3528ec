// Makes the page's Content-Security-Policy allow exactly its own inline
// scripts: 'unsafe-inline' in script-src is replaced by the sha256 of each
// inline <script> of the page (trunk's loader; in the single-file edition,
// the inlined app). An inline event handler or a script injected into the
// page then never runs (issue 8).
//
// Trunk's loader is also made a promise instead of a top-level await
// (loaderWithoutTopLevelAwait), so that browsers before Chrome 89 run it.
//
// Run by trunk after each build (Trunk.toml, post_build hook, on the staging
// folder) and by .ci/onefile.mjs on the file it writes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page with its CSP's script-src listing the hashes of its inline scripts. */
export function pinInlineScripts(html) {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="text\/plain"/.test(m[0]))
    .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  let pinned = false;
  const out = html.replace(/(script-src [^;"]*)'unsafe-inline'/, (_, before) => {
    pinned = true;
    return before + hashes.join(' ');
  });
  if (!pinned) throw new Error("no 'unsafe-inline' in the page's script-src to replace");
  return out;
}

/** Trunk's loader awaits at the top level of a module, which needs Chrome
 * 89; the same as a promise runs wherever module scripts do. */
export function loaderWithoutTopLevelAwait(html) {
  let found = false;
  const out = html.replace(/const wasm = await (init\([^;]*\));([\s\S]*?)<\/script>/, (_, call, rest) => {
    found = true;
    return `${call}.then(function (wasm) {${rest}});\n</script>`;
  });
  if (!found && html.includes('await init(')) throw new Error("trunk's loader changed: update loaderWithoutTopLevelAwait");
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
  const file = path.join(dir, 'index.html');
  fs.writeFileSync(file, pinInlineScripts(loaderWithoutTopLevelAwait(fs.readFileSync(file, 'utf8'))));
}
