// Measurement (prints figures, never asserts on time): for the release bundle served at
// BASE_URL (dist/ by default), the first-load transfer size (gzip -9 of every file the page
// fetched) and the time from navigation to the app being interactive (sample drawn, tabs live).
import { launch, BASE_URL } from './lib/browser.mjs';
import { gzipSync } from 'node:zlib';

const RUNS = Number(process.env.RUNS ?? 5);
const browser = await launch();
try {
  const times = [];
  let bytes = null;
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = [];
    page.on('response', async (r) => { try { bodies.push({ url: r.url(), body: await r.body() }); } catch { /* redirects */ } });
    await page.goto(BASE_URL);
    await page.locator('#canvas g.node').first().waitFor();
    await page.locator('#tab-simulator').waitFor();
    const ms = await page.evaluate(() => performance.now());
    times.push(ms);
    if (bytes === null) {
      await page.waitForLoadState('networkidle');
      bytes = bodies.map((b) => ({ url: b.url.replace(BASE_URL, ''), raw: b.body.length, gz: gzipSync(b.body, { level: 9 }).length }));
    }
    await context.close();
  }
  const total = bytes.reduce((a, b) => a + b.gz, 0);
  for (const b of bytes) console.log(`  ${b.url.padEnd(48)} ${String(b.raw).padStart(9)} B raw ${String(b.gz).padStart(8)} B gzip`);
  console.log(`first-load transfer: ${(total / 1024).toFixed(1)} KiB gzip (budget 350 KB)`);
  times.sort((a, b) => a - b);
  console.log(`navigation -> interactive: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms over ${RUNS} loads (budget 500 ms)`);
} finally { await browser.close(); }
