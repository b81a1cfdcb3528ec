// Checks that every WebAssembly module of the build is WebAssembly 1.0
// (MVP) plus mutable globals, which browsers from Chrome 74, Firefox 61 and
// Safari 13.1 run: no reference types, multi-value, bulk memory, sign
// extension or saturating conversions (see .cargo/config.toml). Run by
// .ci/size on dist/; `node baseline.mjs FILE.wasm...`.
import fs from 'node:fs';
import initWabt from 'wabt';

const wabt = await initWabt();
const mvp = {
  mutable_globals: true, sat_float_to_int: false, sign_extension: false, multi_value: false,
  bulk_memory: false, reference_types: false, simd: false, threads: false, exceptions: false,
  tail_call: false, annotations: false, gc: false,
};
let bad = 0;
for (const file of process.argv.slice(2)) {
  try {
    wabt.readWasm(fs.readFileSync(file), { readDebugNames: false, ...mvp }).validate();
    console.log(`  ${file}: WebAssembly 1.0 + mutable globals`);
  } catch (e) {
    bad++;
    console.error(`  ${file}: needs a newer browser: ${String(e.message).split('\n').slice(0, 3).join(' ')}`);
  }
}
process.exit(bad ? 1 : 0);
