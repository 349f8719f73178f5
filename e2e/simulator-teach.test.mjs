// Teaching with the simulator: lessons that unfold step by step (captions, highlights in the
// graph, timeline and API log, Back / Next / Replay by mouse and keyboard), the story of an
// instance checked against the run's own API log and the reference's rules, "What if" with one
// change replayed from the same seed, the presenter view and a link to a lesson's step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage, BASE_URL } from './lib/browser.mjs';
import { App } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body, opts) => test(name, () => withPage(browser, name, body, opts));

const HELLO = '@Hello_2024-01-01T00:00:00';

class Lesson {
  constructor(page) { this.page = page; }
  async open(key) {
    await new App(this.page).open();
    await new App(this.page).switchTo('Simulator');
    await this.page.locator('#sim-lesson').selectOption(key);
    await this.page.locator('#lesson-player').waitFor();
  }
  async now() { return (await this.page.locator('#sim-now').textContent()).trim(); }
  /** Wait until the virtual clock shows `time` (a step plays to its moment). */
  async at(time) {
    await this.page.waitForFunction((t) => document.querySelector('#sim-now')?.textContent.trim() === t, time, { timeout: 20000 });
  }
  /** The step shown: number, title, time and caption. */
  async step() {
    const text = async (sel) => (await this.page.locator(sel).textContent()).trim();
    return { no: await text('#lesson-step-no'), title: await text('#lesson-title'),
      time: await text('#lesson-time'), caption: await text('#lesson-caption') };
  }
  async waitStep(no) {
    await this.page.waitForFunction((n) => document.querySelector('#lesson-step-no')?.textContent.startsWith(`Step ${n} `), no, { timeout: 20000 });
  }
  async selected() { return (await this.page.locator('#sim-selected').textContent()).trim(); }
  /** The graph node drawn as selected, and the call the API log marks for the step. */
  async highlights() {
    return this.page.evaluate(() => ({
      graph: document.querySelector('#sim-graph g.g-node.sel')?.dataset.id ?? null,
      call: (() => {
        const li = document.querySelector('#sim-log li.step');
        return li ? `${li.dataset.action} by ${li.querySelector('.caller').textContent.trim()} at ${li.querySelector('.at').textContent.trim()}` : null;
      })(),
    }));
  }
}

it('the crashed-runner lesson unfolds step by step, with back and replay', async ({ page }) => {
  const l = new Lesson(page);
  await l.open('crashed-runner');
  await page.locator('#lesson-start').click();
  await l.waitStep(1);
  let s = await l.step();
  assert.equal(s.no, 'Step 1 of 8');
  assert.equal(s.title, 'Hand out');
  assert.equal(s.time, '00:00:00');
  assert.match(s.caption, /runner-1 polls workerGroup workers and is handed attempt 1/);
  assert.match(await page.locator('#lesson-story').textContent(), /within 2 minutes/);
  assert.equal(await l.selected(), `${HELLO}_Attempt=1`);
  await page.waitForFunction(() => document.querySelector('#sim-log li.step'));
  assert.deepEqual(await l.highlights(), { graph: 'Hello', call: 'PollForTask by runner-1 at 2024-01-01T00:00:00' });

  // The keyboard steps on: Acknowledgement, then the scripted crash at 00:10.
  await page.locator('#lesson-player').press('ArrowRight');
  await l.waitStep(2);
  assert.equal((await l.step()).title, 'Acknowledgement');
  assert.match(await page.locator('#lesson-player .lesson-rules').textContent(), /reportProgressTimeout: 15 minutes, the default/);
  await page.locator('#lesson-next').click();
  await l.waitStep(3);
  await l.at('2024-01-01T00:10:00');
  assert.equal((await l.step()).title, 'At 00:10:00');
  assert.equal(await l.selected(), 'Hello');

  // Next plays to the lease expiry and pauses there.
  await page.locator('#lesson-next').click();
  await l.waitStep(4);
  await l.at('2024-01-01T00:25:00');
  s = await l.step();
  assert.equal(s.title, 'Lease expiry');
  assert.match(s.caption, /15 minutes after runner-1's last progress report/);
  assert.match(await page.locator('#lesson-story').textContent(), /last progress report was at 2024-01-01T00:10:00/);
  assert.equal(await l.selected(), `${HELLO}_Attempt=1`);
  assert.equal((await l.highlights()).graph, 'Hello');
  // The timeline shows the selected attempt as selected.
  await page.waitForFunction((id) => document.querySelector(`#tl-items button[data-id="${id}"][aria-pressed="true"]`), `${HELLO}_Attempt=1`);
  assert.equal(await page.locator('#sim-instances tr[data-id="' + HELLO + '"]').getAttribute('data-status'), 'WAITING_FOR_RUNNER');
  assert.equal(await page.locator('#sim-playing, #sim-play[aria-pressed="true"]').count(), 0, 'paused at the moment');

  // Back replays the lesson from its seed to the previous moment.
  await page.locator('#lesson-player').press('ArrowLeft');
  await l.waitStep(3);
  await l.at('2024-01-01T00:10:00');
  assert.equal(await page.locator('#sim-instances tr[data-id="' + HELLO + '"]').getAttribute('data-status'), 'RUNNING');
  // Forward again, to runner-2's hand-out: the reassignment of the work to another runner.
  for (const n of [4, 5, 6, 7]) { await page.locator('#lesson-next').click(); await l.waitStep(n); }
  await l.at('2024-01-01T00:35:00');
  s = await l.step();
  assert.equal(s.title, 'Hand out');
  assert.match(s.caption, /runner-2/);
  assert.equal(await l.selected(), `${HELLO}_Attempt=2`);
  await page.waitForFunction(() => document.querySelector('#sim-log li.step .caller')?.textContent.trim() === 'runner-2');
  assert.deepEqual(await l.highlights(), { graph: 'Hello', call: 'PollForTask by runner-2 at 2024-01-01T00:35:00' });
  await page.locator('#lesson-next').click();
  await l.waitStep(8);
  assert.ok(await page.locator('#lesson-next').isDisabled(), 'the last step');
  // Replay starts over at step 1, at 00:00.
  await page.locator('#lesson-player').press('r');
  await l.waitStep(1);
  await l.at('2024-01-01T00:00:00');
});

it('the unacknowledged lesson walks its five moments, captions and calls', async ({ page }) => {
  const l = new Lesson(page);
  await l.open('unacknowledged');
  const expected = [
    ['Hand out', '00:00:00', 'PollForTask by forgetful-runner at 2024-01-01T00:00:00'],
    ['Missed acknowledgement', '00:02:00', null],
    ['Reassignment', '00:02:00', 'PollForTask by runner-1 at 2024-01-01T00:02:00'],
    ['Acknowledgement', '00:02:00', 'ReportTaskProgress by runner-1 at 2024-01-01T00:02:00'],
    ['Finished', '00:03:17', 'SetTaskStatus by runner-1 at 2024-01-01T00:03:17'],
  ];
  await page.locator('#lesson-next').click();
  for (const [n, [title, time, call]] of expected.entries()) {
    if (n > 0) await page.locator('#lesson-player').press('n');
    await l.waitStep(n + 1);
    await l.at(`2024-01-01T${time}`);
    const s = await l.step();
    assert.deepEqual([s.title, s.time], [title, time]);
    assert.ok(s.caption.length > 40, `step ${n + 1} has a caption`);
    if (call) await page.waitForFunction((c) => document.querySelector('#sim-log li.step .at')?.textContent.trim() === c.split(' at ')[1] && document.querySelector('#sim-log li.step').dataset.action === c.split(' ')[0], call);
    assert.deepEqual(await l.highlights(), { graph: 'Hello', call });
  }
  await page.locator('#lesson-back').click();
  await l.waitStep(4);
  assert.equal((await l.step()).title, 'Acknowledgement');
});

it('the story of an instance tells every step with its time, rules, values and sources', async ({ page }) => {
  const l = new Lesson(page);
  await l.open('crashed-runner');
  await page.locator('#sim-run-lesson').click();
  await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
  await page.locator(`#sim-instances tr[data-id="${HELLO}"]`).click();
  await page.locator('#sim-story-open').click();
  await page.locator('#sim-story').waitFor();
  assert.equal((await page.locator('#sim-story-title').textContent()).trim(), `Story of ${HELLO}`);
  const steps = await page.locator('#sim-story li.story-step').evaluateAll((ls) => ls.map((li) => ({
    at: li.dataset.at, moment: li.dataset.moment, object: li.dataset.object, call: li.dataset.call,
    sentence: li.querySelector('.sentence').textContent.trim(),
    rules: [...li.querySelectorAll('.rule')].map((r) => [r.dataset.rule, r.querySelector('.rule-text').textContent.trim(), r.querySelector('.rule-source').textContent.trim()]),
  })));
  assert.deepEqual(steps.map((s) => [s.at.slice(11), s.moment]), [
    ['00:00:00', 'scheduled'], ['00:00:00', 'ready'], ['00:00:00', 'queued'], ['00:00:00', 'hand-out'],
    ['00:00:00', 'acknowledgement'], ['00:25:00', 'lease-expiry'], ['00:25:00', 'retry-scheduled'],
    ['00:35:00', 'retry'], ['00:35:00', 'hand-out'], ['00:35:00', 'acknowledgement'], ['00:36:17', 'finished'],
  ]);
  const by = (m, n = 0) => steps.filter((s) => s.moment === m)[n];
  // Rules, values and sources.
  const lease = by('lease-expiry');
  assert.equal(lease.object, `${HELLO}_Attempt=1`);
  assert.match(lease.sentence, /runner-1's last progress report was at 2024-01-01T00:10:00; 15 minutes later/);
  assert.equal(lease.rules[0][0], 'reportProgressTimeout');
  assert.equal(lease.rules[0][1], 'reportProgressTimeout: 15 minutes, the default');
  assert.match(lease.rules[0][2], /sources conflict: .*dp-how-remote-taskrunner-client.*§10/);
  assert.deepEqual(by('retry-scheduled').rules.map((r) => r[1]),
    ['maximumRetries 2: 2 retries left, the default', 'retryDelay: 10 minutes, the default']);
  assert.match(by('retry-scheduled').rules[0][2], /project's choice: .*§10/);
  assert.equal(by('retry').rules.find((r) => r[0] === 'maximumRetries')[1], 'maximumRetries 2: one retry left, the default');
  assert.equal(by('hand-out').rules[0][1], 'acknowledgement window: 2 minutes, the default');
  // Against the run's API log: selecting a step caused by a call marks that call, made at the step's time.
  for (const [m, n, action, caller] of [['hand-out', 0, 'PollForTask', 'runner-1'], ['hand-out', 1, 'PollForTask', 'runner-2'],
    ['acknowledgement', 0, 'ReportTaskProgress', 'runner-1'], ['finished', 0, 'SetTaskStatus', 'runner-2']]) {
    const s = by(m, n);
    await page.locator('#sim-story li.story-step button.story-pick').nth(steps.indexOf(s)).click();
    await page.waitForFunction((c) => document.querySelector('#sim-log li.step')?.dataset.n === c, s.call);
    const call = await page.locator('#sim-log li.step').evaluate((li) => ({
      action: li.dataset.action, caller: li.querySelector('.caller').textContent.trim(), at: li.querySelector('.at').textContent.trim() }));
    assert.deepEqual(call, { action, caller, at: s.at }, `${m} #${n}`);
    assert.equal(await l.selected(), s.object);
  }
  assert.equal(lease.call, '', 'a timer, not a call');
  // Selecting a step selects its attempt everywhere and marks its call in the API log.
  await page.locator('#sim-story li.story-step[data-moment="finished"] button.story-pick').click();
  assert.equal(await l.selected(), `${HELLO}_Attempt=2`);
  await page.waitForFunction((n) => document.querySelector('#sim-log li.step')?.dataset.n === n, by('finished').call);
  assert.equal(await page.locator('#sim-story li.story-step.on').getAttribute('data-moment'), 'finished');
});

it('what if maximumRetries were 0: the crashed-runner lesson ends FAILED, and the runs part at the lease expiry', async ({ page }) => {
  const l = new Lesson(page);
  await l.open('crashed-runner');
  await page.locator('#sim-run-lesson').click();
  await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
  await page.locator('#whatif > summary').click();
  await page.locator('#whatif-what').selectOption('maximumRetries');
  await page.locator('#whatif-target').selectOption('Hello');
  await page.locator('#whatif-value').fill('0');
  await page.locator('#whatif-run').click();
  await page.locator('#whatif-result').waitFor();
  const row = page.locator(`#whatif-result tr[data-id="${HELLO}"]`);
  const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
  assert.deepEqual(cells, [HELLO, 'FINISHED', '2', '2024-01-01 00:36:17', 'FAILED', '1', '2024-01-01 00:25:00']);
  assert.equal(await row.getAttribute('class'), 'differs');
  const d = page.locator('#whatif-divergence');
  assert.equal(await d.getAttribute('data-at'), '2024-01-01T00:25:00');
  assert.match(await d.textContent(), /as it ran: 2024-01-01T00:25:00 @Hello_2024-01-01T00:00:00 RUNNING -> WAITING_FOR_RUNNER \(timer: lease expired\): retry at 2024-01-01T00:35:00/);
  assert.match(await d.textContent(), /with the change: 2024-01-01T00:25:00 @Hello_2024-01-01T00:00:00 RUNNING -> FAILED \(timer: lease expired\): attempt 1 of 1 ended/);
  assert.match(await page.locator('#whatif-summary').textContent(), /with maximumRetries of Hello = 0/);
});

it('a link opens a lesson at a step, and the presenter view shows the caption and controls only', async ({ page }) => {
  await page.goto(`${BASE_URL}?lesson=crashed-runner&step=4`);
  const l = new Lesson(page);
  await page.locator('#lesson-player').waitFor({ timeout: 20000 });
  await l.waitStep(4);
  await l.at('2024-01-01T00:25:00');
  assert.equal((await l.step()).title, 'Lease expiry');
  // The lesson's document replaced the sample: its pipeline is drawn, its instance is waiting for the retry.
  assert.equal(await page.locator('#sim-graph g.g-node').evaluateAll((ns) => ns.map((n) => n.dataset.id).join()), 'Hello');
  assert.equal(await page.locator(`#sim-graph g.g-node[data-id="Hello"]`).getAttribute('data-status'), 'WAITING_FOR_RUNNER');
  assert.equal(await page.locator('#lesson-link').getAttribute('href'), '?lesson=crashed-runner&step=4');
  await page.locator('#lesson-present').click();
  assert.ok(await page.locator('.simulator.presenting').isVisible());
  assert.ok(await page.locator('#lesson-caption').isVisible());
  assert.ok(!(await page.locator('#sim-timeline').isVisible()), 'the timeline is hidden');
  assert.ok(!(await page.locator('#sim-runners').isVisible()), 'the runners are hidden');
  const size = await page.locator('#lesson-caption').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 28, `caption font ${size}px`);
  await page.locator('#lesson-player').press('Escape');
  assert.equal(await page.locator('.simulator.presenting').count(), 0);
  // The lesson's document reached the app's own store once the areas module said it was ready:
  // the editor draws it, and Undo brings the sample back.
  await new App(page).switchTo('Editor');
  assert.deepEqual((await new App(page).canvasObjectIds()).filter((id) => id !== 'Default').sort(), ['Daily', 'Hello']);
  assert.match(await page.locator('#btn-undo').getAttribute('title'), /^Undo: Loaded lesson: A crashed runner's lease expires/);
});

it('a runner\'s Story button opens the story of that runner: its hand-outs, reports and the lease it lost', async ({ page }) => {
  const l = new Lesson(page);
  await l.open('crashed-runner');
  await page.locator('#sim-run-lesson').click();
  await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
  const button = page.getByRole('button', { name: 'Story of runner-1' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  await page.locator('#sim-story').waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await button.getAttribute('aria-controls'), 'sim-story');
  assert.equal((await page.locator('#sim-story-title').textContent()).trim(), 'Story of task runner runner-1');
  // Focus moves to the story, which holds runner-1's own steps only.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sim-story');
  const steps = await page.locator('#sim-story li.story-step').evaluateAll((ls) => ls.map((li) => [li.dataset.at.slice(11), li.dataset.moment, li.dataset.call ? 'call' : 'timer']));
  assert.deepEqual(steps, [['00:00:00', 'hand-out', 'call'], ['00:00:00', 'acknowledgement', 'call'], ['00:25:00', 'lease-expiry', 'timer']]);
  assert.match(await page.locator('#sim-story li.story-step[data-moment="lease-expiry"] .sentence').textContent(), /runner-1's last progress report was at 2024-01-01T00:10:00/);
  // runner-2's button tells runner-2's story.
  await page.getByRole('button', { name: 'Story of runner-2' }).click();
  await page.waitForFunction(() => document.querySelector('#sim-story-title')?.textContent.trim() === 'Story of task runner runner-2');
  assert.deepEqual(await page.locator('#sim-story li.story-step').evaluateAll((ls) => ls.map((li) => li.dataset.moment)), ['hand-out', 'acknowledgement', 'finished']);
});

it('the timeline draws each hand-out\'s acknowledgement window and lease, with a legend entry for each, and its tooltip tells the story', async ({ page }) => {
  const l = new Lesson(page);
  await l.open('crashed-runner');
  await page.locator('#sim-run-lesson').click();
  await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
  await page.locator('#tl-items[aria-busy="false"]').waitFor({ state: 'attached' });
  const A1 = `${HELLO}_Attempt=1`;
  const A2 = `${HELLO}_Attempt=2`;
  // The lease strip, as the list names it: runner-1's window closed at once (it acknowledged at its
  // hand-out), its lease was renewed until its last report at 00:10 and lapsed 15 minutes later.
  const strips = await page.locator('#tl-items button.strip').evaluateAll((bs) => bs.map((b) => ({
    kind: b.classList[1], id: b.dataset.id, at: b.dataset.at, tip: b.dataset.tip, name: b.textContent.trim() })));
  // (Both runners acknowledged in the second of their hand-out: no window to draw.)
  assert.deepEqual(strips.map((s) => [s.kind, s.id, s.tip.replace(/^.*: /, '')]), [
    ['tl-held', A1, '00:00:00 to 00:10:00'], ['tl-held-left', A1, '00:10:00 to 00:25:00'],
    ['tl-held', A2, '00:35:00 to 00:36:00'], ['tl-held-left', A2, '00:36:00 to 00:36:17'],
  ]);
  assert.match(strips[1].tip, /^lease of .*_Attempt=1 after runner-1's last progress report/);
  assert.match(strips[2].tip, /held by runner-2, renewed by its progress reports/);
  // Against the trace: the lapsed lease ends where the lease-expired mark is, at the story's lease-expiry step.
  const mark = await page.locator('#tl-items button.pin.tl-lease').evaluate((b) => b.dataset.at);
  assert.equal(strips[1].at, mark);
  // Every colour and mark in view has a legend entry, the lease strip's three included.
  const shown = await page.locator('#tl-items li > *, #tl-items li[class]').evaluateAll((es) =>
    [...new Set(es.flatMap((e) => [...e.classList].filter((c) => c.startsWith('tl-'))))]);
  const legend = await page.locator('.tl-legend li').evaluateAll((ls) => ls.map((li) => li.dataset.legend));
  for (const c of [...shown, 'tl-ackwin', 'tl-held', 'tl-held-left', 'tl-lease', 'tl-reassign', 'tl-timeout', 'tl-now']) {
    assert.ok(legend.includes(c), `legend entry for ${c}: ${legend}`);
  }
  assert.match(await page.locator('.tl-legend li[data-legend="tl-held-left"]').textContent(), /lease after the last progress report/);
  // The pointer over the lapsed lease: the tip tells the step that ended it.
  const box = await page.locator('#sim-timeline').boundingBox();
  const [cx, cy] = await page.locator('#tl-items button.strip.tl-held-left').first().evaluate((b) => [+b.dataset.cx, +b.dataset.cy]);
  await page.mouse.move(box.x + cx, box.y + cy);
  await page.waitForFunction(() => document.querySelector('#tl-tip')?.textContent.includes(' · '));
  assert.match(await page.locator('#tl-tip').textContent(),
    /^lease of .*_Attempt=1 after runner-1's last progress report: 00:10:00 to 00:25:00 · 00:25:00: runner-1's last progress report was at 2024-01-01T00:10:00; 15 minutes later, at 2024-01-01T00:25:00, its lease expired: attempt 1 FAILED\.$/);
  // By keyboard: the list item says the same, and Enter selects the attempt.
  await page.locator('#tl-items button.strip.tl-held').first().focus();
  assert.ok(await page.locator('#tl-items').isVisible(), 'the list shows while it has focus');
  await page.waitForFunction(() => document.querySelector('#tl-tip')?.textContent.startsWith('lease of'));
  assert.match(await page.locator('#tl-tip').textContent(), /renewed by its progress reports: 00:00:00 to 00:10:00 · 00:00:00: runner-1 acknowledged attempt 1\. It now holds a lease/);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('#sim-selected')?.textContent.trim() === id, A1);
  // A window that lapsed: the forgetful runner never acknowledged, so the same attempt went back after 2 minutes.
  await l.open('unacknowledged');
  await page.locator('#sim-run-lesson').click();
  await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
  await page.locator('#tl-items[aria-busy="false"]').waitFor({ state: 'attached' });
  const win = page.locator('#tl-items button.strip.tl-ackwin').first();
  assert.match(await win.getAttribute('data-tip'), /^acknowledgement window of .*_Attempt=1, handed to forgetful-runner: 00:00:00 to 00:02:00$/);
  await win.focus();
  await page.waitForFunction(() => document.querySelector('#tl-tip')?.textContent.includes(' · '));
  assert.match(await page.locator('#tl-tip').textContent(), / · 00:02:00: Attempt 1 was not acknowledged within 2 minutes/);
});

for (const [w, h] of [[1280, 720], [1024, 700]]) {
  it(`at ${w}×${h} the status graph is legible and the timeline starts above the fold`, async ({ page }) => {
    const l = new Lesson(page);
    await l.open('crashed-runner');
    await page.locator('#sim-run-lesson').click();
    await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
    const label = await page.locator('#sim-graph .g-id').first().evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(label >= 11, `graph label ${label}px high`);
    const top = await page.locator('#sim-timeline').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(top < h - 80, `timeline top ${top} at ${h}`);
  }, { viewport: { width: w, height: h } });
}
