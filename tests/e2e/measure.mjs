// Measures the budgets of issue 3 in headless Chromium against dist/:
// keystroke → updated findings, paste → preview, start-up, and opening a
// PDF or Word file (issue 11). Prints figures;
// asserts nothing (speed is reported, not tested).
import fs from 'node:fs';
import { serve, launch, App, seed, fixtures } from './harness.mjs';

const { server, base } = await serve();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const t0 = Date.now();
const app = new App(page, base);
await app.open();
const startup = Date.now() - t0;

// The first paste, a second after the page is ready (the app unpacks the
// converter tables while idle).
await page.waitForTimeout(1000);
const firstPaste = await page.evaluate(async (text) => {
  const box = document.querySelector('textarea[data-import]');
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  const t = performance.now();
  box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  box.setRangeText(text, 0, 0, 'end');
  box.dispatchEvent(new Event('input', { bubbles: true }));
  // Traditional text is converted in the 繁體 worker: wait for the preview.
  while (!document.querySelector('[data-import-preview]')) {
    await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    if (performance.now() - t > 10000) throw new Error('no preview');
  }
  return performance.now() - t;
}, seed(2));
// Fill the form with a real report, so every check has work to do.
await app.apply();
await app.importText(seed(0));
await app.apply();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5).toFixed(2), p95: q(0.95).toFixed(2), max: s[s.length - 1].toFixed(2) };
};

const keystroke = await page.evaluate(async () => {
  const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  const input = document.querySelector('[data-cell="t3.new_received.natural_person"]');
  const panel = document.querySelector('[data-findings]');
  const times = [];
  for (let i = 0; i < 60; i++) {
    const before = panel.textContent;
    const t = performance.now();
    // Alternates 14 / 0 in row 一: R1 on the 自然人 column comes and goes each time.
    input.value = i % 2 === 0 ? '14' : '0';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    const dt = performance.now() - t;
    if (panel.textContent === before) throw new Error('findings did not update');
    times.push(dt);
  }
  return times;
});

// Keystroke → the next animation frame (issue 9's measure): the work a
// keystroke does must leave the frame it lands in on time.
const frame = await page.evaluate(async () => {
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const input = document.querySelector('[data-cell="t3.new_received.commercial"]');
  const times = [];
  for (let i = 0; i < 60; i++) {
    await nextFrame();
    const t = performance.now();
    input.value = String(i % 10);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await nextFrame();
    times.push(performance.now() - t);
  }
  return times;
});

// Real key presses into a filled form (issue 18): per keystroke, the script
// time (WebAssembly + JS self time from a CDP CPU profile) and keystroke →
// painted frame (the key's event time → after the next frame's paint),
// unthrottled and with the CPU throttled 4× (an old office PC).
const cdp = await page.context().newCDPSession(page);
async function keystrokes(rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const cell = page.locator('[data-cell="t3.new_received.research"]');
  await cell.click();
  await page.evaluate(() => {
    window.__frames = [];
    const input = document.querySelector('[data-cell="t3.new_received.research"]');
    input.addEventListener('keydown', (ev) => {
      const start = ev.timeStamp;
      // After the next frame's callbacks, a task runs once that frame has painted.
      requestAnimationFrame(() => setTimeout(() => window.__frames.push(performance.now() - start), 0));
    });
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const presses = 100;
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press(i % 2 === 0 ? String((i / 2) % 10) : 'Backspace');
    await page.waitForTimeout(60 * rate);
  }
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // The page's script time: samples whose stack holds a frame of the page's
  // own code (its JS or WebAssembly), so that the browser's idle time and
  // this benchmark's own listener (an evaluated script) are left out.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const own = (n) => /^(https?:|wasm:)/.test(n.callFrame.url);
  const app = new Map();
  const isApp = (id) => {
    if (!app.has(id)) {
      const n = byId.get(id);
      app.set(id, own(n) || (parent.has(id) && isApp(parent.get(id))));
    }
    return app.get(id);
  };
  let script = 0;
  const by = new Map();
  const parts = new Map();
  // Each keystroke's work is one burst of page samples; the presses are
  // further apart than any burst lasts.
  const bursts = [];
  let at = profile.startTime;
  let last = -Infinity;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (!isApp(id)) return;
    const name = byId.get(id).callFrame.functionName || '(anonymous)';
    const dt = profile.timeDeltas[i + 1] ?? 0; // a sample lasts until the next one
    script += dt;
    by.set(name, (by.get(name) ?? 0) + dt);
    const url = byId.get(id).callFrame.url;
    const part = /\.wasm\b|^wasm:/.test(url) ? 'webassembly' : url ? 'javascript' : 'browser (DOM, timers)';
    parts.set(part, (parts.get(part) ?? 0) + dt);
    if (at - last > 20000 * rate) bursts.push(0);
    bursts[bursts.length - 1] += dt / 1000;
    last = at;
  });
  // Where the time goes: the functions with the most self time.
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 30)
    .map(([name, us]) => `${name} ${(us / 1000 / presses).toFixed(2)}`);
  const frames = await page.evaluate(() => window.__frames);
  return {
    script_ms_per_keystroke: stats(bursts),
    script_ms_per_keystroke_mean: (script / 1000 / presses).toFixed(2),
    keystrokes_seen: bursts.length,
    script_ms_per_keystroke_by_kind: Object.fromEntries([...parts].map(([k, us]) => [k, (us / 1000 / presses).toFixed(2)])),
    top_self_ms_per_keystroke: top, keystroke_to_painted_frame_ms: stats(frames) };
}
const realKeys = await keystrokes(1);
const realKeysThrottled = await keystrokes(4);

const pastes = [];
for (let n = 0; n < 5; n++) {
  const text = seed(n);
  // Start from no preview, as a person pasting a report does.
  if (await page.locator('[data-import-preview]').count()) await page.getByRole('button', { name: '取消' }).click();
  const dt = await page.evaluate(async (text) => {
    const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const box = document.querySelector('textarea[data-import]');
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    // As a web page puts it on the clipboard: one <p> per line.
    dt.setData('text/html', text.split('\n').map((l) => '<p>' + l.replace(/&/g, '&amp;').replace(/</g, '&lt;') + '</p>').join(''));
    const t = performance.now();
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    while (!document.querySelector('[data-import-preview]')) {
      await tick();
      if (performance.now() - t > 10000) throw new Error('no preview');
    }
    return performance.now() - t;
  }, text);
  pastes.push(dt);
}

// Opening a file: dropped on the paste box → the preview. The first open of
// a kind starts the Word/Excel/PDF worker; the next ones find it running.
async function open(file, type) {
  if (await page.locator('[data-import-preview]').count()) await page.getByRole('button', { name: '取消' }).click();
  return page.evaluate(async ({ name, type, base64 }) => {
    const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
    const t = performance.now();
    document.querySelector('textarea[data-import]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    while (!document.querySelector('[data-import-preview]')) {
      await tick();
      if (performance.now() - t > 30000) throw new Error('no preview');
    }
    return performance.now() - t;
  }, { name: file.split('/').pop(), type, base64: fs.readFileSync(file).toString('base64') });
}
const files = {
  'pdf_libreoffice_66KB (first, starts the worker)': await open(`${fixtures}/layouts/r001/report.pdf`, 'application/pdf'),
  pdf_libreoffice_66KB: await open(`${fixtures}/layouts/r001/report.pdf`, 'application/pdf'),
  pdf_chromium_420KB: await open(`${fixtures}/layouts/r009/chromium.pdf`, 'application/pdf'),
  docx_13KB: await open(`${fixtures}/layouts/r001/report.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
};

console.log(JSON.stringify({
  startup_ms_to_interactive_form: startup,
  first_paste_to_preview_ms: firstPaste.toFixed(1),
  keystroke_to_findings_ms: stats(keystroke),
  keystroke_to_next_frame_ms: stats(frame),
  key_presses: realKeys,
  key_presses_cpu_throttled_4x: realKeysThrottled,
  paste_to_preview_ms: stats(pastes),
  paste_to_preview_each_seed_ms: pastes.map((x) => x.toFixed(1)),
  file_drop_to_preview_ms: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.toFixed(1)])),
}, null, 2));
await browser.close();
server.close();
