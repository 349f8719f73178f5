// The simulator area: activate the edited pipeline on the simulated service and watch it run;
// run controls, runners (crash, revive, add), the manual runner, lessons, save and load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, withPage } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

/** The simulator panel, as a user drives it. */
class Sim {
  constructor(page) { this.page = page; }
  async open() { const app = await new App(this.page).open(); await app.switchTo('Simulator'); return app; }
  async activate() { await this.page.locator('#sim-activate').click(); }
  async now() { return (await this.page.locator('#sim-now').textContent()).trim(); }
  /** Wait until a fast-forward has finished (no progress bar). */
  async idle() { await this.page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 }); }
  async jump(label) { await this.page.getByRole('button', { name: label, exact: true }).click(); await this.idle(); }
  row(id) { return this.page.locator(`#sim-instances tr[data-id="${id}"]`); }
  async status(id) { return this.row(id).getAttribute('data-status', { timeout: 5000 }); }
  async waitStatus(id, status) {
    await this.page.waitForFunction(([i, s]) => document.querySelector(`#sim-instances tr[data-id="${i}"]`)?.dataset.status === s,
      [id, status], { timeout: 20000 });
  }
  runner(label) { return this.page.locator(`#sim-runners li.runner[data-label="${label}"]`); }
  async runnerState(label) { return this.runner(label).getAttribute('data-state'); }
  async logCalls() {
    return this.page.locator('#sim-log li').evaluateAll((ls) => ls.map((l) => ({
      action: l.dataset.action, caller: l.querySelector('.caller')?.textContent.trim() })));
  }
}

const SAY_HELLO_0 = '@SayHello_2012-12-12T00:00:00';

it('SayHello activated with one runner reaches FINISHED, and every call is logged', async ({ page }) => {
  const sim = new Sim(page);
  await sim.open();
  assert.equal(await page.locator('#sim-runners li.runner').count(), 1, 'one default runner per workerGroup');
  await sim.activate();
  assert.equal(await sim.now(), '2012-12-12T00:00:00');
  await sim.jump('+1 hour');
  assert.equal(await sim.now(), '2012-12-12T01:00:00');
  assert.equal(await sim.status(SAY_HELLO_0), 'FINISHED');
  // The API log shows the app's own calls and the runner's protocol calls.
  const actions = (await sim.logCalls()).map((c) => c.action);
  for (const a of ['CreatePipeline', 'PutPipelineDefinition', 'ActivatePipeline', 'PollForTask', 'ReportTaskProgress', 'SetTaskStatus']) {
    assert.ok(actions.includes(a), `${a} in the API log`);
  }
  // "Why?" explains the instance from the engine's trace.
  await sim.row(SAY_HELLO_0).getByRole('button', { name: /Why is/ }).click();
  assert.match(await page.locator('#sim-why').textContent(), /FINISHED/);
});

it('the clock: step, play and pause, jump to a date-time, a long jump can be stopped', async ({ page }) => {
  const sim = new Sim(page);
  await sim.open();
  await sim.activate();
  await page.locator('#sim-step').click();
  await page.locator('#sim-speed').selectOption('3600');
  await page.locator('#sim-play').click();
  await page.waitForFunction(() => document.querySelector('#sim-now').textContent.trim() > '2012-12-12T00:05:00');
  await page.locator('#sim-play').click();
  assert.equal(await page.locator('#sim-play').textContent(), 'Play');
  const paused = await sim.now();
  await page.waitForTimeout(300);
  assert.equal(await sim.now(), paused, 'paused: the clock stands still');
  await page.locator('#sim-jump-to').fill('2012-12-12T06:30:00');
  await page.locator('#sim-jump').click();
  await sim.idle();
  assert.equal(await sim.now(), '2012-12-12T06:30:00');
  assert.equal(await sim.status('@SayHello_2012-12-12T05:00:00'), 'FINISHED');
  // Far beyond the schedule's end: a long run, stopped part way.
  await page.locator('#sim-speed').selectOption('max');
  await page.locator('#sim-jump-to').fill('2030-01-01T00:00:00');
  await page.locator('#sim-jump').click();
  // The schedule ended in 2012, so the run may finish before Stop can be clicked.
  const stopped = await page.locator('#sim-stop').click({ timeout: 2000 }).then(() => true, () => false);
  await sim.idle();
  if (stopped) assert.ok((await sim.now()) <= '2030-01-01T00:00:00', 'stopped at or before the target');
  else assert.equal(await sim.now(), '2030-01-01T00:00:00', 'ran to the target');
});

it('Deactivate and Reactivate go through the service; Reset keeps the document', async ({ page }) => {
  const sim = new Sim(page);
  const app = await sim.open();
  await page.locator('#sim-seed').fill('3');
  await sim.activate();
  assert.equal(await page.locator('#sim-error').count(), 0);
  await page.locator('#sim-deactivate').click();
  assert.equal((await page.locator('#sim-deactivate').textContent()).trim(), 'Reactivate');
  await page.locator('#sim-deactivate').click();
  const actions = (await sim.logCalls()).map((c) => c.action);
  assert.ok(actions.includes('DeactivatePipeline'));
  assert.equal(actions.filter((a) => a === 'ActivatePipeline').length, 2);
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await sim.now(), 'not activated');
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Schedule', 'SayHello']);
});

it('the manual runner plays a whole task, seeing each request and response', async ({ page }) => {
  const sim = new Sim(page);
  await sim.open();
  await page.getByRole('button', { name: 'Remove runner-1' }).click();
  assert.equal(await page.locator('#sim-runners li.runner').count(), 0);
  await sim.activate();
  await page.locator('#sim-manual > summary').click();
  await page.locator('#manual-poll').click();
  const calls = page.locator('#manual-calls li');
  assert.match(await calls.first().locator('.request').textContent(), /"workerGroup": "workerGroup"/);
  assert.match(await calls.first().locator('.response').textContent(), /"taskId"/);
  assert.notEqual((await page.locator('#manual-task').textContent()).trim(), 'none');
  await page.locator('#manual-report').click();
  assert.equal(await calls.first().getAttribute('data-action'), 'ReportTaskProgress');
  assert.match(await calls.first().locator('.response').textContent(), /"canceled": false/);
  assert.equal(await sim.status(SAY_HELLO_0), 'RUNNING');
  await page.locator('#manual-finished').click();
  assert.equal(await calls.first().getAttribute('data-action'), 'SetTaskStatus');
  assert.match(await calls.first().locator('.request').textContent(), /"taskStatus": "FINISHED"/);
  assert.equal((await calls.first().locator('.status').textContent()).trim(), '200');
  assert.equal(await sim.status(SAY_HELLO_0), 'FINISHED');
  const mine = (await sim.logCalls()).filter((c) => c.caller === 'manual-runner').map((c) => c.action);
  assert.deepEqual(mine.reverse(), ['PollForTask', 'ReportTaskProgress', 'SetTaskStatus']);
});

it('a runner crashed mid-task loses its lease; a second runner finishes; timeline and log show both attempts; the first revives', async ({ page }) => {
  const sim = new Sim(page);
  await sim.open();
  await page.getByRole('button', { name: 'Edit runner-1' }).click();
  await page.locator('#runner-runner-1-threads').fill('1');
  await page.locator('#runner-runner-1-threads').dispatchEvent('change');
  await page.locator('#runner-runner-1-work-min').fill('3600');
  await page.locator('#runner-runner-1-work-min').dispatchEvent('change');
  await page.locator('#runner-runner-1-work-max').fill('3600');
  await page.locator('#runner-runner-1-work-max').dispatchEvent('change');
  await sim.activate();
  await sim.jump('+1 min');
  assert.equal(await sim.runnerState('runner-1'), 'working');
  assert.equal(await sim.status(SAY_HELLO_0), 'RUNNING');
  await page.getByRole('button', { name: 'Crash runner-1' }).click();
  assert.equal(await sim.runnerState('runner-1'), 'crashed');
  await page.locator('#sim-add-runner').click();
  assert.equal(await sim.runnerState('runner-2'), 'polling');
  await sim.jump('+1 hour');
  assert.equal(await sim.status(SAY_HELLO_0), 'FINISHED');
  const finishers = (await sim.logCalls()).filter((c) => c.action === 'SetTaskStatus').map((c) => c.caller);
  assert.ok(finishers.includes('runner-2'), `finished by runner-2: ${finishers}`);
  assert.ok(!finishers.includes('runner-1'));
  // The timeline shows the expired lease of attempt 1 and attempt 2 finishing.
  const pins = await page.locator('#tl-items .pin.tl-lease').evaluateAll((ps) => ps.map((p) => p.dataset.id));
  assert.equal(pins.length, 1, `one expired lease: ${pins}`);
  assert.match(pins[0], /@SayHello_.*_Attempt=1$/);
  const bars = await page.locator('#tl-items .bar[data-id*="@SayHello_"][data-id*="_Attempt="]')
    .evaluateAll((bs) => bs.map((b) => `${b.dataset.id.split('=').pop()} ${b.getAttribute('class')}`));
  assert.ok(bars.includes('1 bar tl-fail'), `attempt 1 ended with the lease: ${bars}`);
  assert.ok(bars.includes('2 bar tl-ok'), `attempt 2 finished: ${bars}`);
  // The API log has both runners' polls: runner-1 took attempt 1, runner-2 attempt 2.
  const pollers = new Set((await sim.logCalls()).filter((c) => c.action === 'PollForTask').map((c) => c.caller));
  assert.ok(pollers.has('runner-1') && pollers.has('runner-2'), `pollers: ${[...pollers]}`);
  await page.getByRole('button', { name: 'Revive runner-1' }).click();
  assert.notEqual(await sim.runnerState('runner-1'), 'crashed');
});

// Each lesson's described outcome: the first instance of each component at the lesson's end.
const LESSONS = {
  'unacknowledged': { Hello: 'FINISHED' },
  'crashed-runner': { Hello: 'FINISHED' },
  'retries': { Flaky: 'FAILED' },
  'precondition': { Ready: 'FINISHED', Process: 'FINISHED' },
  'cascade': { Extract: 'FINISHED', Load: 'FINISHED' },
  'late': { Slow: 'CANCELED' },
  'cron-timeseries': { CronJob: 'FINISHED', TimeseriesJob: 'WAITING_ON_DEPENDENCIES' },
  'no-runner': { Extract: 'FINISHED', Report: 'WAITING_FOR_RUNNER' },
};

it('every lesson loads with its caption and runs to its described outcome', async ({ page }) => {
  const sim = new Sim(page);
  await sim.open();
  const keys = await page.locator('#sim-lesson option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(keys, Object.keys(LESSONS));
  for (const key of keys) {
    await page.locator('#sim-lesson').selectOption(key);
    assert.ok((await page.locator('#sim-lesson-caption').textContent()).length > 40, `${key} caption`);
    await page.locator('#sim-run-lesson').click();
    await sim.idle();
    assert.equal(await page.locator('#sim-error').count(), 0, `${key} activates`);
    for (const [component, status] of Object.entries(LESSONS[key])) {
      assert.equal(await sim.status(`@${component}_2024-01-01T00:00:00`), status, `${key}: ${component}`);
    }
  }
});

it('loading a lesson replaces the document as one undoable step', async ({ page }) => {
  const sim = new Sim(page);
  const app = await sim.open();
  await page.locator('#sim-lesson').selectOption('cascade');
  assert.match(await page.locator('#pipeline-name').textContent(), /Cascade/);
  assert.equal(await page.locator('#sim-runners li.runner').count(), 1);
  await app.switchTo('Editor');
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Daily', 'Extract', 'Load']);
  await new Editor(page).undo();
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Schedule', 'SayHello']);
});

it('run settings are saved to a file and load back; a bad file changes nothing', async ({ page }) => {
  const sim = new Sim(page);
  const app = await sim.open();
  await page.locator('#sim-seed').fill('77');
  await page.locator('#sim-add-runner').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#sim-save').click()]);
  assert.equal(download.suggestedFilename(), 'SayHello.run.json');
  const dir = mkdtempSync(path.join(tmpdir(), 'simrun-'));
  const file = path.join(dir, 'SayHello.run.json');
  await download.saveAs(file);
  // Change everything, then load the file back.
  await page.locator('#sim-lesson').selectOption('late');
  assert.equal(await page.locator('#sim-seed').inputValue(), '1');
  await page.locator('#sim-load-file').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('#sim-seed').value === '77');
  assert.deepEqual(await page.locator('#sim-runners li.runner').evaluateAll((ls) => ls.map((l) => l.dataset.label)), ['runner-1', 'runner-2']);
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Schedule', 'SayHello']);
  // A bad file: a clear message, nothing changed.
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, '{ "pipelineObjects": [');
  await page.locator('#sim-load-file').setInputFiles(bad);
  await page.locator('#sim-error').waitFor();
  assert.match(await page.locator('#sim-error').textContent(), /bad\.json: This file is not JSON/);
  assert.equal(await page.locator('#sim-seed').inputValue(), '77');
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Schedule', 'SayHello']);
  // The same settings and seed replay the same run.
  const run = async () => {
    await sim.activate();
    await sim.jump('+1 day');
    return page.locator('#sim-log li').evaluateAll((ls) => ls.map((l) => l.textContent).join('\n'));
  };
  assert.equal(await run(), await run());
});
