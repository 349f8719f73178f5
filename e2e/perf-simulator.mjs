// Simulator performance in Chromium on the release build. Prints the time to fast-forward one
// simulated year of a 15-minute schedule with 10 activities (goal < 1 s) and whether the page
// stayed responsive meanwhile (the longest gap between requestAnimationFrame callbacks, and the
// page's long tasks), until the views have caught up (the timeline's section is aria-busy while a
// fast-forward runs and while it reads what is left of the trace), also timed in the page from
// the click, and the ratio to the same year run natively by the engine alone in the same sitting
// (`engine_scenario app-year`, built first: see nativeBin). Usage:
// BASE_URL=http://127.0.0.1:PORT/ node e2e/perf-simulator.mjs, with cargo on PATH (`source
// scripts/versions`). PROFILE=1 or PROFILE=callers adds a CPU profile's busiest functions,
// PROFILE_OUT=p.json writes that profile, TRACE=t.json a Chromium trace of the run. The wasm
// functions are named when the areas module keeps its name section (`data-keep-debug` on Trunk's
// link did not keep it with wasm-opt -O1: run `wasm-bindgen --keep-debug --target web --out-name
// pipeline-studio-areas` on target/wasm32-unknown-unknown/release/pipeline-studio-areas.wasm, then
// `wasm-opt -O1 -g` over the dist's areas `_bg.wasm`).
//
// Measured (2 cores shared with 2-3 other builds: the figures move by 2x with the load; compare
// runs made at similar load averages only):
// - before (areas module at opt-level "z", wasm-opt -Oz; views caught up in one task):
//   2026-11-27 09:55 UTC, load average 4.4-5.4: engine run 17.50 s, with the views 17.78 s,
//   longest frame gap 3,750 ms (the catch-up at the end); an earlier run at lower load: 8.89 s,
//   engine ~8.6 s, gap 1.7 s.
// - areas module built with the `release-areas` profile then (opt-level 3, LTO; since 2026-12-06 the engine crate alone at opt-level 3 in `release`), wasm-opt -Oz:
//   10:08 UTC, load average 3.5-4.9: engine run 9.46 s, with the views 9.69 s, gap 2,233 ms.
// - and wasm-opt -O3: 10:19 UTC, load average 3.6-4.6: engine run 8.65 s, with the views 8.84 s,
//   gap 1,750 ms.
// - and the timeline reading the trace a slice per frame (10 ms slices): 10:32 UTC, load average
//   7.7-8.7: engine run 8.29 s, views caught up 13.31 s after the click, longest gap 450 ms.
//   With 25 ms slices, 10:43 UTC, load average 5.2-7.1: engine run 16.27 s, views caught up
//   23.69 s, longest gap 1,067 ms; 10:48 UTC, load average 10.0: engine run 8.57 s, views caught
//   up 11.78 s, longest gap 1,550 ms. A DevTools trace of such a year run (10:48, load 9.4) has
//   no main-thread task over 286 ms (138 ms script in an animation frame, 73 ms layout): the
//   longer gaps are the renderer waiting for one of the 2 busy cores, not the page.
// - this session (simviews), same script; the machine was busy with 2-3 other builds, so compare
//   the catch-up (views caught up minus engine run) more than the totals:
//   before (48b20bd), 13:40 UTC, load average 2.4-2.5: engine run 5.33 s, views caught up 7.48 s
//   (catch-up 2.15 s), longest gap 567 ms.
//   After d35a1bc (timeline read cheaper per entry, painted 4 times a second while it reads, the
//   fast-forward working 29 ms per frame instead of 12): 13:49 UTC, load 8.0-8.4: engine run
//   5.04 s, views caught up 6.32 s (catch-up 1.28 s), longest gap 633 ms; 13:56 UTC, load
//   10.4-10.7: 5.22 s / 6.04 s (catch-up 0.82 s), gap 417 ms. Long tasks in that run: 173-233 ms
//   during the run (the renderer waiting for a core: the frames do 29 ms of work) and 405 ms when
//   the views caught up at the end.
//   Deferring the views and the timeline's first slice to later frames (ec5f14f) made the
//   catch-up slower (14:09-14:10 UTC, load 7.0-7.7: 2.4-3.3 s, many 80-200 ms tasks while it read)
//   and was undone. Back at d35a1bc's behaviour, 14:19 UTC, load 2.8-3.0: engine run 3.38 s and
//   4.08 s, views caught up 4.92 s and 5.55 s (catch-up 1.54 s and 1.47 s, before 2.15 s),
//   longest gap 467-533 ms: one task of 450-545 ms when the views (table, log, graph, the first
//   timeline slice) catch up at the end; the frames of the run itself 90-280 ms at most.
//   Native, the build of the timeline from a year's trace (`cargo run --profile bench --example
//   timeline_build`, 2.8 million entries, under the same load): 850-975 ms with the first half of
//   the change (holder per caller, a dirty list) -> 450-480 ms (170 ns per entry) with all of it
//   (scratch buffers, no String per instance); the fitted year's scene 24-29 ms -> 6-10 ms.
// - with this session's engine work as well (main 588022c: compact records, ids on demand, cheap
//   task objects and idle polls), 15:06 UTC, load average 0.9-1.4, two runs: engine run 2.46 s
//   and 2.39 s, views caught up 3.74 s and 3.63 s, longest gap 333-350 ms (the end-of-run views).
// - simyear (UI side only; engine unchanged at 8a11e20). Where the time goes, from a DevTools trace
//   and a CPU profile of the year (PROFILE=callers, with a build whose wasm keeps its names): the
//   engine ~1.0 s (run_timers, and ~190 ms of realloc as its trace and instance tables grow: one
//   slice took 101 ms when they doubled), the timeline reading 2.8 M trace entries ~0.25-0.3 s
//   (natively 170-190 ms, 60-68 ns an entry: `cargo run --profile bench --example sim_year`,
//   which also times the first instance page, 2.5 ms, and the latest instances, < 0.1 ms), then
//   one task of ~55 ms building the table's 300 rows and the log's 200 calls, and the browser's
//   style and layout of them, 80-120 ms, forced by a synthetic mouse move's hit test.
//   Before (8a11e20), 2026-11-27 17:27 UTC, load average 4.5-4.8, three runs, in the page from the
//   click: clock at the target 0.91-0.98 s, views caught up 1.13-1.28 s (Playwright: 1.22-1.35 s),
//   longest frame gap 150-200 ms, longest task 144-193 ms (the end-of-run views and timeline).
//   After (the fast-forward's slices back to back as MessageChannel tasks of 24 ms instead of one
//   29 ms slice per animation frame; the timeline reading the trace after each slice and showing
//   it 4 times a second; the run ending in three tasks: clock, views, timeline; calls scrolled out
//   of the log skip layout), alternating with the runs above: clock at the target 1.05-1.45 s
//   (the reading is now inside the run), views caught up 1.17-1.57 s (Playwright: 1.23-1.65 s),
//   longest frame gap 100-133 ms, longest task 89-123 ms. The total does not move: the reading
//   costs the same during the run as after it, and the duty cycle was already ~95% (the trace
//   shows 30 ms of idle in a rAF-driven run); what moved is the responsiveness (no task over
//   ~120 ms, the timeline growing during the run instead of a catch-up after it). Reading only
//   after the run with the same task loop (tried, 17:21 UTC, load 3.1-4.4): clock at the target
//   1.08-1.12 s, caught up 1.44-1.52 s, against 1.45-1.46 s before and 1.46-1.64 s reading during.
//   What is left for < 1 s: the engine (~1 s alone) and the timeline reading (~0.3 s), e.g. a
//   per-lane summary when zoomed out instead of every attempt's spans.
// - all of this session merged (main 316e0ce: idle runner threads park, the engine's big lists in
//   1 MB chunks, the task loop above), 2026-11-27 18:02 UTC, load average 1.2, three runs: engine
//   run 0.77 / 0.69 / 0.75 s, views caught up 0.95 / 0.86 / 0.92 s (goal < 1 s met), longest frame
//   gap 50 ms, long tasks 1-2 of 58-73 ms. Earlier the same session, with only the idle threads
//   parked (17:43 UTC, load 0.6-1.5): caught up 0.94-1.01 s, longest gap 100-133 ms.
// - issue 21 (branch year, 2026-12-07, docs/performance.md): the timeline's lease strips made for the
//   window shown only, its per-attempt records without heap lists, in chunks that never move, and
//   the instance table's scroll box skipping layout off screen. Side by side with main 11f856d,
//   04:04 UTC, load 1.9-2.7, 4 alternated runs each: views caught up in the page 1.41-1.89 s ->
//   1.04-1.40 s (after the clock: 0.47-0.70 -> 0.07-0.10 s), longest frame gap 117-183 -> 50-100 ms,
//   long tasks 3-5 -> 0-2; the clock reaches the target in 0.9-1.3 s both: the engine's year in wasm
//   is what is left of the 1 s goal (native app-year in the same runs 0.31-0.64 s).
// - branch yearfast (2026-12-07, docs/performance.md): lane spans in chunks that never move; the
//   areas module's wasm memory after the year 258-260 -> 233-234 MB, realloc + append in a CPU
//   profile 50-75 -> 15-20 ms; the year's time did not move measurably (load 1.7-2.7: main
//   1.00-1.40 s, branch 1.09-1.39 s caught up; renderer CPU 1.31-1.79 / 1.42-1.79 s). A second
//   year in the same page takes 0.70-0.74 s against 0.94-1.5 s for the first (renderer CPU 0.83 /
//   1.2-1.9 s): the first year pays for ~235 MB of fresh memory (peak RSS 216 -> 451-466 MB).
//   Without the timeline's reading the year took 0.68-1.00 s against 0.98-1.30 s and 97 MB of
//   wasm memory against 233: the timeline is a third of the year. Its tracks' status changes
//   packed one i64 each: 233 -> 212 MB; an instance keeping only its changes: 196 MB (main 252-261).
//   The year's time did not move measurably with these (load 3-4, 11 rounds of four builds).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launch, openPage } from './lib/browser.mjs';
import { App } from './lib/app.mjs';

/** The native engine binary that runs the same year (`engine_scenario app-year`): NATIVE_BIN, or the
 * workspace's bench build, which this script builds first the way a fresh checkout would
 * (`cargo build --profile bench --no-default-features -p pipeline-engine --example engine_scenario`,
 * a no-op when it is up to date; the bench profile's binaries go to `target/release`). NATIVE=0
 * skips it (no ratio printed). */
function nativeBin() {
  if (process.env.NATIVE_BIN) return process.env.NATIVE_BIN;
  if (process.env.NATIVE === '0') return null;
  const build = spawnSync('cargo', ['build', '--profile', 'bench', '--no-default-features', '-p', 'pipeline-engine', '--example', 'engine_scenario'],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (build.status !== 0) {
    console.log(`native app-year: building engine_scenario failed (${build.error?.message ?? (build.stderr ?? '').trim().split('\n').at(-1)}); is cargo on PATH (source scripts/versions)?`);
    return null;
  }
  return `${process.env.CARGO_TARGET_DIR ?? 'target'}/release/examples/engine_scenario`;
}

/** The same year natively (the engine alone), in seconds, or null when there is no binary. */
function nativeYear(bin) {
  if (!bin || !existsSync(bin)) return null;
  const out = spawnSync(bin, ['app-year'], { encoding: 'utf8' }).stdout ?? '';
  const m = /app-year: \d+ attempts in ([\d.]+) s/.exec(out);
  return m ? Number(m[1]) : null;
}

/** A saved simulator run: 10 activities every 15 minutes, one 10-thread runner. */
function runFile() {
  const objects = [
    { id: 'Default', name: 'Default', workerGroup: 'wg', scheduleType: 'cron', schedule: { ref: 'Every15' } },
    { id: 'Every15', name: 'Every 15 minutes', type: 'Schedule', period: '15 minutes', startDateTime: '2024-01-01T00:00:00' },
  ];
  for (let i = 0; i < 10; i++) objects.push({ id: `Act${i}`, name: `Act${i}`, type: 'ShellCommandActivity', command: 'true' });
  const policy = {
    threads: 10, poll_interval_secs: 90, report_interval_secs: 60, work_secs_min: 30, work_secs_max: 90,
    failure_probability: 0, crash_probability: 0, precondition_result: true, heartbeat_interval_secs: 900,
  };
  return JSON.stringify({
    format: 'pipeline-studio-run', version: 1, name: 'perf-year', seed: 1,
    runners: [{ label: 'runner-1', worker_group: 'wg', hostname: 'runner-1.local', policy }],
    definition: { objects },
  });
}

const native = nativeBin();
const nativeBefore = nativeYear(native);
const browser = await launch();
try {
  const { page, errors } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  const app = await new App(page).open();
  await app.switchTo('Simulator');
  await page.locator('#sim-load-file').setInputFiles({ name: 'perf-year.run.json', mimeType: 'application/json', buffer: Buffer.from(runFile()) });
  await page.waitForFunction(() => document.querySelector('#pipeline-name').textContent.includes('perf-year'));
  await page.locator('#sim-activate').click();
  // Record the gaps between animation frames while the year runs, and the page's long tasks.
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask' });
    // When the clock shows the target, the progress bar goes and the timeline is no longer busy,
    // seen in the page (DOM changes), from the click: Playwright's polling adds nothing.
    window.__at = {};
    const mark = () => {
      const a = window.__at;
      if (a.click === undefined) return;
      const t = performance.now() - a.click;
      if (a.reached === undefined && document.querySelector('#sim-now').textContent.trim() === '2025-01-01T00:00:00') a.reached = t;
      if (a.reached !== undefined && a.done === undefined && !document.querySelector('#sim-progress')) a.done = t;
      const busy = document.querySelector('section.sim-timeline').getAttribute('aria-busy') === 'true';
      a.busy ||= busy;
      if (a.done !== undefined && a.caught === undefined && a.busy && !busy) a.caught = t;
    };
    new MutationObserver(mark).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
    document.addEventListener('click', () => { window.__at.click ??= performance.now(); }, { capture: true });
    window.__gaps = { max: 0, frames: 0, last: performance.now(), on: true };
    const tick = (t) => {
      const g = window.__gaps;
      if (!g.on) return;
      g.max = Math.max(g.max, t - g.last); g.last = t; g.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // PROFILE=1: a CPU profile of the run (how much of it the page is idle, in the garbage
  // collector or in the browser's own work, and the rest: script and wasm).
  const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  // TRACE=file.json: a Chromium performance trace of the run (where the main thread's time goes:
  // script, style, layout, paint, garbage collection), to read in DevTools or with a script.
  if (process.env.TRACE) await browser.startTracing(page, { path: process.env.TRACE, screenshots: false, categories: (process.env.TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink').split(',') });
  // The CPU time the browser's processes spent from the click until the views caught up
  // (Chromium's SystemInfo.getProcessInfo): less moved by other work on the machine than the
  // wall time, which waits for a core when the 2 cores are busy.
  const sys = await browser.newBrowserCDPSession().catch(() => null);
  const cpuTimes = async () => {
    const r = await sys?.send('SystemInfo.getProcessInfo').catch(() => null);
    const by = {};
    for (const p of r?.processInfo ?? []) by[p.type] = (by[p.type] ?? 0) + p.cpuTime;
    return by;
  };
  const cpu0 = await cpuTimes();
  const pt0 = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await page.getByRole('button', { name: '+1 year', exact: true }).click();
  // The run itself: until the clock shows the target (the views catch up after).
  const target = '2025-01-01T00:00:00';
  const reached = await page.waitForFunction((t) => document.querySelector('#sim-now').textContent.trim() === t, target,
    { timeout: Number(process.env.PERF_LIMIT_S ?? 300) * 1000, polling: 'raf' }).then(() => true, () => false);
  const runMs = Date.now() - t0;
  const runGaps = await page.evaluate(() => ({ ...window.__gaps }));
  console.log(`engine run to ${target}: ${reached ? (runMs / 1000).toFixed(2) + ' s' : 'not reached'}; ${runGaps.frames} frames, longest gap ${runGaps.max.toFixed(0)} ms`);
  // Give up after PERF_LIMIT_S seconds (default 300) and print how far it got.
  const limit = Number(process.env.PERF_LIMIT_S ?? 300) * 1000;
  const done = await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: limit }).then(() => true, () => false);
  const ms = Date.now() - t0;
  if (!done) {
    const share = await page.locator('#sim-progress').evaluate((p) => p.value).catch(() => NaN);
    console.log(`not finished after ${(ms / 1000).toFixed(0)} s: ${(share * 100).toFixed(1)}% of the year`);
    await page.locator('#sim-stop').click().catch(() => {});
  }
  // The timeline reads the year's trace a slice per frame after the run: until it is not busy.
  await page.locator('section.sim-timeline[aria-busy="false"]').waitFor({ state: 'attached', timeout: limit }).catch(() => {});
  const caught = Date.now() - t0;
  const cpu1 = await cpuTimes();
  const gaps = await page.evaluate(() => { window.__gaps.on = false; return window.__gaps; });
  const now = (await page.locator('#sim-now').textContent()).trim();
  console.log(`fast-forward one simulated year (15-minute schedule, 10 activities) including the views catching up: ${(caught / 1000).toFixed(2)} s (goal < 1 s), clock at ${now}`);
  console.log(`responsive while running: ${gaps.frames} frames, longest gap between frames ${gaps.max.toFixed(0)} ms`);
  if (process.env.TRACE) await browser.stopTracing();
  const at = await page.evaluate(() => window.__at);
  const sec = (v) => (v === undefined ? '?' : (v / 1000).toFixed(2) + ' s');
  console.log(`in the page, from the click: clock at the target ${sec(at.reached)}, views read the run ${sec(at.done)}, timeline caught up ${sec(at.caught)}`);
  if (cpu0.renderer !== undefined) {
    const d = (k) => (((cpu1[k] ?? 0) - (cpu0[k] ?? 0))).toFixed(2);
    console.log(`CPU time from the click until caught up: renderer ${d('renderer')} s, browser ${d('browser')} s, gpu ${d('GPU')} s`);
  }
  // The areas module's wasm memory after the run: what the year made the page commit (fresh
  // memory is paid for in page faults: a second year in the same page, reusing it, takes a quarter
  // less). Its init answers the instance already made (`m.default()` returns its exports).
  const wasmMb = await page.evaluate(async () => {
    const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => /pipeline-studio-areas-[0-9a-f]+\.js$/.test(n));
    if (!url) return null;
    const w = await (await import(url)).default();
    return w.memory.buffer.byteLength / 1048576;
  }).catch(() => null);
  if (wasmMb !== null) console.log(`areas module's wasm memory after the run: ${wasmMb.toFixed(1)} MB`);
  const long = await page.evaluate((t) => window.__long.filter((e) => e[0] >= t).map((e) => e[1]), pt0);
  console.log(`long tasks (> 50 ms) from the click until caught up: ${long.length}, longest ${Math.max(0, ...long).toFixed(0)} ms, in all ${long.reduce((a, d) => a + d, 0).toFixed(0)} ms`);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    if (process.env.PROFILE_OUT) (await import('node:fs')).writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
    const self = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, k) => {
      const name = byId.get(id).callFrame.functionName || '(anonymous)';
      self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((a, v) => a + v, 0);
    const top = [...self.entries()].sort((p, q) => q[1] - p[1]).slice(0, 12);
    console.log(`CPU profile, ${total.toFixed(0)} ms: ${top.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(', ')}`);
    // PROFILE=callers: who calls the busiest functions (the parents of their samples).
    if (process.env.PROFILE === 'callers') {
      const parent = new Map();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
      for (const [name] of top.slice(0, 4)) {
        const by = new Map();
        profile.samples.forEach((id, k) => {
          const n = byId.get(id);
          if ((n.callFrame.functionName || '(anonymous)') !== name) return;
          let up = parent.get(id);
          const chain = [];
          while (up && chain.length < 3) { chain.push(up.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(-60)); up = parent.get(up.id); }
          const key = chain.join(' < ');
          by.set(key, (by.get(key) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000);
        });
        const list = [...by.entries()].sort((p, q) => q[1] - p[1]).slice(0, 4);
        console.log(`  ${name.slice(-60)}: ${list.map(([k, v]) => `${v.toFixed(0)} ms from ${k}`).join('; ')}`);
      }
    }
  }
  // The native year in the same sitting, before and after the browser's (the load moves).
  const natives = [nativeBefore, nativeYear(native)].filter((v) => v !== null);
  if (natives.length) {
    const mean = natives.reduce((a, v) => a + v, 0) / natives.length;
    console.log(`native app-year (engine only): ${natives.map((v) => v.toFixed(2)).join(' / ')} s; browser/native: engine run ${(runMs / 1000 / mean).toFixed(2)}, with the views caught up ${(caught / 1000 / mean).toFixed(2)}`);
  } else {
    console.log(`native app-year: no engine_scenario binary${native ? ` at ${native}` : ''} (see nativeBin), no ratio`);
  }
  const rows = await page.locator('#sim-instances tbody tr').count();
  console.log(`instances listed after the run: ${rows}`);
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
}
