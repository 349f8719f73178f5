// Measurement (prints figures, never asserts on time): for the release bundle served at
// BASE_URL (dist/ by default),
// - the first-load transfer: gzip -9 of every file the page fetches until the network is idle,
//   with no user input (KiB = 1024 bytes and KB = 1000 bytes; the budget is 350 KB);
// - the time from navigation to the app being interactive, over RUNS fresh loads: "drawn" is the
//   first animation frame in which the sample's nodes and the area tabs exist (the app has mounted
//   and its event handlers are attached); "input" is the first task after that frame, i.e. when
//   the main thread would handle a click;
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

const browser = await launch();
try {
  const drawn = [];
  const input = [];
  let first = null;
  let later = null;
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = [];
    page.on('response', async (r) => { try { bodies.push({ url: r.url(), body: await r.body() }); } catch { /* redirects */ } });
    await page.goto(BASE_URL);
    const t = await page.waitForFunction(() => {
      if (!document.querySelector('#canvas g.node') || !document.querySelector('#tab-simulator')) return false;
      const at = performance.now();
      return new Promise((done) => setTimeout(() => done({ drawn: at, input: performance.now() }), 0));
    }, null, { polling: 'raf', timeout: 30000 }).then((h) => h.jsonValue());
    drawn.push(t.drawn);
    input.push(t.input);
    if (first === null) {
      await page.waitForLoadState('networkidle');
      first = sizes(bodies);
      // First use of the lazily loaded parts: the code view (the Simulator and Export tabs
      // load the same module).
      const before = bodies.length;
      await page.locator('#side-code').click();
      await page.locator('#code-root #code-text').waitFor();
      await page.waitForLoadState('networkidle');
      later = sizes(bodies.slice(before));
    }
    await context.close();
  }
  const total = print('first load (no user input, until the network is idle):', first);
  console.log(`first-load transfer: ${total} B gzip = ${KiB(total)} = ${KB(total)} (budget 350 KB = 341.8 KiB)`);
  const lazy = print('loaded on first use of the Simulator, Export, code view, import, templates or auto-layout:', later);
  console.log(`lazily loaded transfer: ${lazy} B gzip = ${KiB(lazy)} = ${KB(lazy)} (not part of the first load)`);
  const stat = (xs) => { const s = [...xs].sort((a, b) => a - b); return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, min ${s[0].toFixed(0)} ms`; };
  console.log(`navigation -> sample drawn: ${stat(drawn)} over ${RUNS} loads`);
  console.log(`navigation -> interactive (input handled): ${stat(input)} over ${RUNS} loads (budget 500 ms)`);
  console.log(`machine load average while measuring: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${process.env.HOSTNAME ?? 'this machine'})`);
} finally { await browser.close(); }
