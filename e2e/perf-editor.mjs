// Editor performance in Chromium on the release build. Prints:
//  - frame time while dragging a node in 100- and 1000-object documents (goal <= 16 ms),
//  - auto-layout time for 100 and 500 objects (goal < 50 ms and < 1 s),
//  - time from a click on a node to the next frame showing it in the inspector (1000 objects).
// The figures depend on the machine's load; run it on an idle machine for comparable numbers.
// Usage: BASE_URL=http://127.0.0.1:PORT/ node e2e/perf-editor.mjs
// ONLY=select: only the selection figure (ROUNDS=n clicks each of the 7 nodes n times; TRACE=file.json
// also writes a Chromium performance trace of those clicks, to read where a click's time goes; PROFILE=file.json
// a CPU profile of them, with wasm function names on a bundle built with `data-keep-debug`).
import { launch, openPage } from './lib/browser.mjs';
import { App, Editor, AUTOSAVE_KEY } from './lib/app.mjs';

/** A CLI-shape definition with n objects: activities depending on one another, some data nodes, hubs. */
function definition(n) {
  const objects = [
    { id: 'Default', name: 'Default', workerGroup: 'wg', schedule: { ref: 'Schedule' } },
    { id: 'Schedule', name: 'Schedule', type: 'Schedule', period: '1 day', startAt: 'FIRST_ACTIVATION_DATE_TIME' },
  ];
  for (let i = 0; objects.length < n; i++) {
    const a = { id: `Act${i}`, name: `Act${i}`, type: 'ShellCommandActivity', command: 'true', stage: 'true' };
    // About two references per object with many long edges (anchors §3.2's synthetic DAG).
    if (i > 0) a.dependsOn = [{ ref: `Act${Math.floor((i - 1) / 3)}` }];
    if (i >= 5) a.dependsOn.push({ ref: `Act${i - 5}` });
    if (i % 5 === 0 && objects.length + 2 <= n) {
      objects.push({ id: `Data${i}`, name: `Data${i}`, type: 'S3DataNode', directoryPath: `s3://b/${i}` });
      a.input = { ref: `Data${i}` };
    }
    objects.push(a);
  }
  return JSON.stringify({ objects: objects.slice(0, n) });
}

async function load(page, ed, n) {
  await ed.importFile({ name: `perf-${n}.json`, mimeType: 'application/json', buffer: Buffer.from(definition(n)) });
  await page.waitForFunction((k) => (document.querySelectorAll('#canvas g.node').length === k), n, { timeout: 60000 });
}

/** mean, median, p95 and max of a list of milliseconds. */
function stats(ms) {
  const s = [...ms].sort((p, q) => p - q);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(s.length * q))];
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1], n: s.length };
}
const fmt = (f) => `mean ${f.mean.toFixed(1)} ms, median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms over ${f.n}`;

/** Click each node (pointerdown + up) and time until the frame after the inspector shows it. */
async function selectTimes(page, ids) {
  return page.evaluate(async (ids) => {
    const times = [];
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (const id of ids) {
      await frame();
      const box = document.querySelector(`#canvas g.node[data-id="${id}"] .node-box`);
      if (!box) throw new Error(`no node ${id}`);
      const r = box.getBoundingClientRect();
      const ev = (type) => new PointerEvent(type, { clientX: r.left + 30, clientY: r.top + 10, pointerId: 1, button: 0, buttons: 1, bubbles: true, isPrimary: true });
      const t0 = performance.now();
      box.dispatchEvent(ev('pointerdown'));
      box.dispatchEvent(ev('pointerup'));
      while (!document.querySelector(`#inspector .object-inspector[data-object="${id}"]`)) await frame();
      await frame();
      times.push(performance.now() - t0);
    }
    return times;
  }, ids);
}

/** Drag `id` for 90 frames, one pointermove per animation frame; returns the frame times. */
async function dragFrames(page, ed, id) {
  const b = await ed.node(id).locator('.node-box').boundingBox();
  return page.evaluate(async ({ id, x, y }) => {
    const box = document.querySelector(`#canvas g.node[data-id="${id}"] .node-box`);
    const ev = (type, dx) => new PointerEvent(type, { clientX: x + dx, clientY: y + dx / 2, pointerId: 1, button: 0, buttons: 1, bubbles: true, isPrimary: true });
    await new Promise((r) => requestAnimationFrame(r));
    box.dispatchEvent(ev('pointerdown', 0));
    const frames = [];
    let last = performance.now();
    for (let i = 1; i <= 90; i++) {
      box.dispatchEvent(ev('pointermove', i * 3));
      await new Promise((r) => requestAnimationFrame(r));
      const t = performance.now(); frames.push(t - last); last = t;
    }
    box.dispatchEvent(ev('pointerup', 270));
    return frames;
  }, { id, x: b.x + 40, y: b.y + b.height / 2 });
}

async function layoutTime(page, ed) {
  await page.locator('#btn-layout').click();
  await page.waitForFunction(() => /Auto-layout: \d+ objects in/.test(document.querySelector('#status-message')?.textContent ?? ''), null, { timeout: 120000 });
  const text = await page.locator('#status-message').textContent();
  return Number(/in (\d+) ms/.exec(text)?.[1]);
}

const browser = await launch();
try {
  const ctx = await openPage(browser, { viewport: { width: 1400, height: 860 } });
  const page = ctx.page;
  await new App(page).open();
  const ed = new Editor(page);
  const only = process.env.ONLY === 'select';
  const rounds = Number(process.env.ROUNDS ?? 1);
  for (const n of only ? [1000] : [100, 1000]) {
    await load(page, ed, n);
    if (only) {
      const ids = Array.from({ length: rounds }, () => ['Act10', 'Act200', 'Data100', 'Act500', 'Act600', 'Schedule', 'Act42']).flat();
      const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
      if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start'); }
      if (process.env.TRACE) await browser.startTracing(page, { path: process.env.TRACE, screenshots: false, categories: (process.env.TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,disabled-by-default-v8.cpu_profiler,blink').split(',') });
      const s = stats(await selectTimes(page, ids));
      if (process.env.TRACE) await browser.stopTracing();
      if (cdp) { const { profile } = await cdp.send('Profiler.stop'); (await import('node:fs')).writeFileSync(process.env.PROFILE, JSON.stringify(profile)); }
      console.log(`select a node in ${n} objects: ${fmt(s)} clicks`);
      continue;
    }
    const frames = await dragFrames(page, ed, 'Act3');
    if (process.env.FRAMES) console.log(frames.map((f) => f.toFixed(0)).join(' '));
    const f = stats(frames);
    console.log(`drag ${n} objects: frame time ${fmt(f)} frames`);
    if (n === 1000) {
      const s = stats(await selectTimes(page, ['Act10', 'Act200', 'Data100', 'Act500', 'Act600', 'Schedule', 'Act42']));
      console.log(`select a node in ${n} objects: ${fmt(s)} clicks`);
    }
  }
  for (const n of only ? [] : [100, 500]) {
    await load(page, ed, n);
    console.log(`auto-layout ${n} objects: ${await layoutTime(page, ed)} ms`);
  }
  await page.evaluate((k) => localStorage.removeItem(k), AUTOSAVE_KEY);
  if (ctx.errors.length) console.log('page errors:', ctx.errors);
} finally {
  await browser.close();
}
