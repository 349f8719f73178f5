// Timeline performance in Chromium on the release build: with 10,000+ attempts on the timeline
// (10 activities on a 15-minute schedule, each with its own runner, run for 11 virtual days), prints the frame time
// (requestAnimationFrame intervals: mean, median, p95, max) while zooming and scrolling it with
// the wheel, one wheel event per frame, and how many shapes are painted (the most in any frame).
// Usage: BASE_URL=http://127.0.0.1:PORT/ node e2e/perf-timeline.mjs
//
// Measured (2 cores shared with other builds; on such a machine frame times are noisy: even an
// idle page misses frames at load average > 4):
// - 2026-11-27 09:56 UTC, load average 5.2-6.3, bars as SVG rects (one markup string per band):
//   zoom-in median 28.6 ms, p95 145.1 ms, max 332 ms (up to 7,650 rects in the DOM); scroll
//   median 16.7 ms, p95 20.4 ms. A CPU profile of the 60 zoom frames: 3,851 ms, of it 3,047 ms the
//   browser's own rendering of the rects and 421 ms setting their markup.
// - 2026-11-27 10:43 UTC, load average 5.2-7.1, bars and marks painted on a canvas
//   (timeline_canvas.rs): zoom-in median 16.7 ms, p95 31.1 ms, max 76.8 ms (up to 2,550 shapes
//   painted in a frame); scroll median 16.7 ms, p95 22.5 ms. The same profile: 1,486 ms in all.
// - simviews (cheaper timeline build, scene merging without comparing class names): before,
//   13:40 UTC, load 2.5-2.7: zoom-in median 21.4 ms, p95 27.6 ms; scroll median 18.8 ms; zoom out
//   and scroll median 18.3 ms. After, 14:20 UTC, load 2.9-3.4: zoom-in median 20.5 ms, p95
//   29.1 ms; scroll median 16.8 ms; zoom out and scroll median 16.8 ms.
// - simyear (fast-forward slices as tasks, the timeline read during the run), 17:27 UTC, load
//   4.5-4.6, back to back: after, zoom-in median 16.7 ms, p95 19.4 ms; scroll median 16.7 ms,
//   p95 17.1 ms; zoom out and scroll median 16.7 ms. Before (8a11e20): zoom-in median 16.7 ms,
//   p95 17.1 ms; scroll 16.7 / 16.9 ms; zoom out and scroll 16.7 / 16.9 ms.
import { launch, openPage } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

function definition(activities) {
  const objects = [
    { id: 'Default', name: 'Default', workerGroup: 'wg-1' },
    { id: 'Every15', name: 'Every15', type: 'Schedule', period: '15 minutes', startDateTime: '2012-12-12T00:00:00' },
  ];
  for (let i = 0; i < activities; i++) {
    // One workerGroup (so one simulated runner) per activity: no backlog, one lane per row.
    objects.push({ id: `Act${i}`, name: `Act${i}`, type: 'ShellCommandActivity', command: 'true', workerGroup: `wg-${i}`, schedule: { ref: 'Every15' } });
  }
  return JSON.stringify({ objects });
}

/** `n` wheel events on the timeline, one per animation frame; `shift` scrolls instead of zooming. */
async function wheelFrames(page, n, plan) {
  return page.evaluate(async ({ n, plan }) => {
    const svg = document.querySelector('#sim-timeline');
    const r = svg.getBoundingClientRect();
    await new Promise((res) => requestAnimationFrame(res));
    const frames = [];
    let most = 0;
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      const step = plan[i % plan.length];
      svg.dispatchEvent(new WheelEvent('wheel', {
        deltaY: step.dy, shiftKey: !!step.shift, clientX: r.left + r.width * 0.6, clientY: r.top + 40, bubbles: true, cancelable: true,
      }));
      await new Promise((res) => requestAnimationFrame(res));
      const t = performance.now(); frames.push(t - last); last = t;
      most = Math.max(most, Number(document.querySelector('.tl-canvas')?.dataset.shapes ?? 0));
    }
    const sorted = [...frames].sort((p, q) => p - q);
    const mean = frames.reduce((s, f) => s + f, 0) / frames.length;
    return { mean, median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], max: sorted[sorted.length - 1], n, most };
  }, { n, plan });
}

const fmt = (f) => `mean ${f.mean.toFixed(1)} ms, median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms over ${f.n} frames (at most ${f.most} shapes painted)`;

const browser = await launch();
try {
  const ctx = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  const page = ctx.page;
  const app = await new App(page).open();
  await new Editor(page).importFile({ name: 'perf-timeline.json', mimeType: 'application/json', buffer: Buffer.from(definition(10)) });
  await page.locator('#canvas g.node[data-id="Act9"]').waitFor();
  await app.switchTo('Simulator');
  await page.locator('#sim-activate').click();
  const t0 = Date.now();
  for (let d = 0; d < 11; d++) await page.getByRole('button', { name: '+1 day' }).click();
  const attempts = Number(/(\d+) attempts/.exec(await page.locator('#tl-count').textContent())[1]);
  console.log(`timeline: ${attempts} attempts after 11 virtual days (${Date.now() - t0} ms to run and render)`);
  await page.locator('#sim-timeline').scrollIntoViewIfNeeded();
  // Bars and marks painted on the canvas (its data-shapes).
  const shapes = () => page.locator('#sim-timeline ~ .tl-canvas').getAttribute('data-shapes');
  console.log(`fitted, shapes drawn: ${await shapes()}`);
  const zoomIn = await wheelFrames(page, 60, [{ dy: -60 }]);
  console.log(`zooming in (wheel): ${fmt(zoomIn)}; shapes now ${await shapes()}`);
  const scroll = await wheelFrames(page, 120, [{ dy: 80, shift: true }]);
  console.log(`scrolling (shift+wheel): ${fmt(scroll)}; shapes now ${await shapes()}`);
  const mixed = await wheelFrames(page, 120, [{ dy: 60 }, { dy: 120, shift: true }, { dy: -40 }]);
  console.log(`zooming out and scrolling: ${fmt(mixed)}; shapes now ${await shapes()}`);
  if (ctx.errors.length) console.log('page errors:', ctx.errors);
} finally {
  await browser.close();
}
