// Measurement (prints figures, never asserts on time): for the release bundle served at
// BASE_URL (dist/ by default),
// - the first-load transfer: gzip -9 of every file the page fetches until the network is idle,
//   with no user input (KiB = 1024 bytes and KB = 1000 bytes; the budget is 350 KB);
// - the time from navigation to the app being interactive, over RUNS fresh loads (each in a new
//   browser context: empty HTTP cache, no compiled-code cache): "drawn" is the first animation
//   frame in which the sample's nodes and the area tabs exist (the app has mounted and its event
//   handlers are attached); "input" is the first task after that frame has been rendered, i.e.
//   when the main thread would handle a click. Both are taken in the page by a script installed
//   before the app's own (a requestAnimationFrame loop) and reported by a console message, and
//   the harness runs nothing in the page before that, so it adds nothing to them (polling from
//   Playwright after `goto` returned added its own script evaluation, 50-150 ms on this
//   machine, to the figure);
// - where a load's time goes (medians): the HTML, the first module's wasm fetched, the module
//   compiled and the app started (`ps:start`, a user-timing mark at the top of `ui::start`),
//   the app mounted (`ps:mounted`), drawn, input;
// - the same user coming back (a reload in the same context: HTTP cache and the browser's cache
//   of compiled wasm warm), for comparison;
// - what the app loads later, on first use (the lazily loaded module: Simulator, Export, the
//   code view, import, templates, auto-layout), which is not part of the first load.
import { launch, BASE_URL } from './lib/browser.mjs';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';

const RUNS = Number(process.env.RUNS ?? 7);
const KiB = (n) => `${(n / 1024).toFixed(1)} KiB`;
const KB = (n) => `${(n / 1000).toFixed(1)} KB`;

function sizes(bodies) {
  return bodies.map((b) => ({ url: b.url.replace(BASE_URL, ''), raw: b.body.length, gz: gzipSync(b.body, { level: 9 }).length }));
}

function print(title, files) {
  const total = files.reduce((a, b) => a + b.gz, 0);
  console.log(title);
  for (const b of files) console.log(`  ${b.url.padEnd(48)} ${String(b.raw).padStart(9)} B raw ${String(b.gz).padStart(8)} B gzip`);
  return total;
}

const loadBefore = loadavg();
const browser = await launch();
try {
  const drawn = [];
  const input = [];
  const phases = [];
  const repeat = [];
  let first = null;
  let later = null;
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = [];
    page.on('response', async (r) => { try { bodies.push({ url: r.url(), body: await r.body() }); } catch { /* redirects */ } });
    await page.addInitScript(() => {
      const tick = () => {
        if (!document.querySelector('#canvas g.node') || !document.querySelector('#tab-simulator')) {
          requestAnimationFrame(tick);
          return;
        }
        const at = performance.now();
        setTimeout(() => console.log(`__psInteractive ${JSON.stringify({ drawn: at, input: performance.now() })}`), 0);
      };
      requestAnimationFrame(tick);
    });
    // Nothing of the harness runs in the page until the figure is taken: waiting with
    // waitForFunction would have Playwright evaluate its injected script (~330 KB) there, between
    // the first frame and the first input (40-50 ms on this machine).
    const interactive = () => new Promise((done) => {
      const on = (m) => { if (m.text().startsWith('__psInteractive ')) { page.off('console', on); done(JSON.parse(m.text().slice(16))); } };
      page.on('console', on);
    });
    let ready = interactive();
    await page.goto(BASE_URL, { waitUntil: 'commit' });
    const t = await ready;
    phases.push(await page.evaluate(() => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'));
      return { html: nav.responseEnd, wasm: wasm?.responseEnd ?? NaN, start: mark('ps:start'), mounted: mark('ps:mounted') };
    }));
    drawn.push(t.drawn);
    input.push(t.input);
    if (first === null) {
      await page.waitForLoadState('networkidle');
      first = sizes(bodies);
      // First use of the lazily loaded parts: the code view (the Simulator and Export tabs
      // load the same module).
      const before = bodies.length;
      await page.locator('#side-code').click();
      await page.locator('#code-editor .cm-content').waitFor();
      await page.waitForLoadState('networkidle');
      later = sizes(bodies.slice(before));
    }
    // The same user coming back: a reload in the same context (HTTP cache and the browser's
    // cache of compiled wasm warm). Not the budget's figure, which is for a fresh load.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 1000)));
    ready = interactive();
    await page.reload({ waitUntil: 'commit' });
    repeat.push((await ready).input);
    await context.close();
  }
  const total = print('first load (no user input, until the network is idle):', first);
  console.log(`first-load transfer: ${total} B gzip = ${KiB(total)} = ${KB(total)} (budget 350 KB = 341.8 KiB)`);
  const lazy = print('loaded on first use of the Simulator, Export, code view, import, templates or auto-layout:', later);
  console.log(`lazily loaded transfer: ${lazy} B gzip = ${KiB(lazy)} = ${KB(lazy)} (not part of the first load)`);
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
  const stat = (xs) => `median ${median(xs).toFixed(0)} ms, min ${sorted(xs)[0].toFixed(0)} ms`;
  console.log(`navigation -> sample drawn: ${stat(drawn)} over ${RUNS} loads`);
  console.log(`navigation -> interactive (input handled): ${stat(input)} over ${RUNS} loads (budget 500 ms)`);
  console.log(`repeat view (reload in the same context, caches warm): interactive ${stat(repeat)}`);
  const at = (k) => median(phases.map((p) => p[k])).toFixed(0);
  console.log(`where the time goes (medians, ms after navigation): HTML ${at('html')}, wasm fetched ${at('wasm')}, `
    + `compiled and started ${at('start')}, mounted ${at('mounted')}, drawn ${median(drawn).toFixed(0)}, input ${median(input).toFixed(0)}`);
  const fmt = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`machine load average (1, 5, 15 min) before: ${fmt(loadBefore)}, after: ${fmt(loadavg())} (${process.env.HOSTNAME ?? 'this machine'})`);
} finally { await browser.close(); }
