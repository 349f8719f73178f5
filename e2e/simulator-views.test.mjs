// The simulator's views and their shared selection: the status graph, the instance table,
// the timeline, the leases, the API log, "Why?" and the previewed actions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, withPage } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, '..', 'crates', 'studio', 'src', 'simulator', 'fixtures');
// Extract outlives its attemptTimeout on both tries: FAILED, and Load CASCADE_FAILED.
const TIMEOUT_FAIL = path.join(FIXTURES, 'timeout-fail.json');
// Extract reports progress less often than its reportProgressTimeout: with seed 1 its first
// lease lapses, and the second attempt finishes.
const LEASE_LAPSE = path.join(FIXTURES, 'lease-lapse.json');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

/** Import a definition, activate it with `seed` and run it for an hour of virtual time. */
async function run(page, file, seed = 1) {
  const app = await new App(page).open();
  const ed = new Editor(page);
  await ed.importFile(file);
  await page.locator('#canvas g.node[data-id="Extract"]').waitFor();
  await app.switchTo('Simulator');
  await page.locator('#sim-seed').fill(String(seed));
  await page.locator('#sim-activate').click();
  assert.equal(await page.locator('#sim-error').count(), 0);
  await page.getByRole('button', { name: '+1 hour' }).click();
  return app;
}

/** The timeline's list of what its canvas shows, once it has caught up with the view. */
async function listed(page) {
  await page.locator('#tl-items[aria-busy="false"]').waitFor({ state: 'attached' });
  return page.locator('#tl-items');
}

/** The canvas pixel (r, g, b, a) at SVG point (x, y) of the timeline. */
const pixel = (page, x, y) => page.evaluate(({ x, y }) => {
  const c = document.querySelector('.tl-canvas');
  const r = c.getBoundingClientRect(); const s = document.querySelector('#sim-timeline').getBoundingClientRect();
  const k = c.width / r.width;
  return [...c.getContext('2d').getImageData(Math.round((x - (r.left - s.left)) * k), Math.round((y - (r.top - s.top)) * k), 1, 1).data];
}, { x, y });

const row = (page, component) => page.locator(`#sim-instances tbody tr[data-component="${component}"]`).first();

it('"Why?" on a cascade-failed instance follows the cause chain to the root attempt', async ({ page }) => {
  await run(page, TIMEOUT_FAIL);
  const load = row(page, 'Load');
  assert.equal(await load.getAttribute('data-status'), 'CASCADE_FAILED');
  const loadId = await load.getAttribute('data-id');
  await load.getByRole('button', { name: /Why is/ }).click();
  const why = page.locator('#sim-why');
  await why.waitFor();
  // Keyboard focus moves to the explanation.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sim-why');
  const steps = why.locator('ol.chain > li');
  assert.ok((await steps.count()) >= 3, await why.textContent());
  assert.match(await steps.first().textContent(), /CASCADE_FAILED/);
  // Step 2 names the upstream Extract instance: follow it.
  const extractId = loadId.replace('@Load_', '@Extract_');
  await why.locator(`button.link[data-target="${extractId}"]`).first().click();
  assert.equal((await page.locator('#sim-selected').textContent()).trim(), extractId);
  assert.equal(await page.locator(`#sim-instances tr[data-id="${extractId}"]`).getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('#sim-graph g.g-node[data-id="Extract"]').getAttribute('aria-pressed'), 'true');
  // Extract's own explanation ends at its last attempt, which timed out: the root (after it, a
  // note names the rule that applied and its source).
  assert.match(await why.locator('ol.chain > li').first().textContent(), /FAILED/);
  const root = why.locator('ol.chain > li:not(.rule)').last();
  assert.match(await root.textContent(), /_Attempt=2 ended FAILED .*attemptTimeout/);
  await root.locator('button.link').first().click();
  assert.equal((await page.locator('#sim-selected').textContent()).trim(), `${extractId}_Attempt=2`);
  // The timeline marks both timeouts and highlights the selected attempt.
  const items = await listed(page);
  assert.equal(await items.locator('.pin.tl-timeout').count(), 2);
  assert.ok((await items.locator('.bar.sel').count()) >= 1);
});

it('Rerun is previewed (every object it changes) and, applied, runs the instance again', async ({ page }) => {
  await run(page, TIMEOUT_FAIL);
  const extract = row(page, 'Extract');
  const id = await extract.getAttribute('data-id');
  await extract.click();
  const rerun = page.getByRole('button', { name: `Rerun ${id}…` });
  await rerun.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const changed = await dialog.locator('#preview-changes tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.id));
  assert.ok(changed.includes(id), `${changed}`);
  assert.ok(changed.some((c) => c.startsWith('@Load_')), `cascade mode reruns Load too: ${changed}`);
  // Escape closes without applying; focus returns to the button.
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 0);
  assert.equal(await extract.getAttribute('data-status'), 'FAILED');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'act-RERUN');
  // Keyboard: open again, Tab stays inside the dialog, apply.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), 'focus stays in the dialog');
  }
  await page.locator('#preview-apply').click();
  assert.equal(await dialog.count(), 0);
  // The instance starts over: a third attempt, queued or already handed out.
  assert.match(await extract.getAttribute('data-status'), /^(WAITING_FOR_RUNNER|RUNNING)$/);
  assert.equal((await extract.locator('td').nth(3).textContent()).trim(), '3');
  const log = await page.locator('#sim-log li').evaluateAll((ls) => ls.map((l) => `${l.querySelector('.caller').textContent} ${l.dataset.action}`));
  assert.ok(log.slice(0, 5).includes('Pipeline Studio SetStatus'), `the rerun went through the API: ${log.slice(0, 5)}`);
});

it('the graph shows each component in its latest instance status, as the table does', async ({ page }) => {
  await run(page, TIMEOUT_FAIL);
  for (const [component, status] of [['Extract', 'FAILED'], ['Load', 'CASCADE_FAILED']]) {
    assert.equal(await row(page, component).getAttribute('data-status'), status);
    const node = page.locator(`#sim-graph g.g-node[data-id="${component}"]`);
    assert.equal(await node.getAttribute('data-status'), status);
    assert.match(await node.getAttribute('class'), /st-err/);
    const badge = row(page, component).locator('.badge');
    const colour = (el) => el.evaluate((e) => getComputedStyle(e).backgroundColor);
    const band = await node.locator('rect.g-band').evaluate((e) => getComputedStyle(e).fill);
    assert.equal(band, await colour(badge), `${component}: graph colour = table colour`);
  }
  // Default, schedules and actions never have instances: the graph leaves them out.
  assert.equal(await page.locator('#sim-graph g.g-node[data-id="Default"]').count(), 0);
  // The legend names the service's statuses.
  const legend = await page.locator('.sim-graph .legend').textContent();
  for (const s of ['WAITING_FOR_RUNNER', 'RUNNING', 'FINISHED', 'FAILED', 'CASCADE_FAILED']) assert.ok(legend.includes(s), s);
  // Filters: status and component.
  await page.locator('#f-status').selectOption('FAILED');
  assert.equal(await page.locator('#sim-instances tbody tr').count(), 1);
  await page.locator('#f-status').selectOption('');
  await page.locator('#f-component').selectOption('Load');
  assert.deepEqual(await page.locator('#sim-instances tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.component)), ['Load']);
  await page.locator('#f-from').fill('2030-01-01T00:00:00');
  assert.equal(await page.locator('#sim-instances tbody tr').count(), 0);
  // Keyboard: a graph node selects its component.
  await page.locator('#sim-graph g.g-node[data-id="Extract"]').focus();
  await page.keyboard.press('Enter');
  assert.equal((await page.locator('#sim-selected').textContent()).trim(), 'Extract');
  assert.ok(await page.getByRole('button', { name: /^Pause Extract/ }).isVisible());
});

it('an expired lease shows in the timeline and the log, with the second attempt', async ({ page }) => {
  const app = new App(page);
  await app.open();
  const ed = new Editor(page);
  await ed.importFile(LEASE_LAPSE);
  await page.locator('#canvas g.node[data-id="Extract"]').waitFor();
  await app.switchTo('Simulator');
  await page.locator('#sim-seed').fill('1');
  // Activation hands the task out at once (the app's reads run the timers due now).
  await page.locator('#sim-activate').click();
  // The runner holds the task: the lease panel names it and counts down.
  const lease = page.locator('#sim-leases tbody tr').first();
  await lease.waitFor();
  assert.match(await lease.getAttribute('data-attempt'), /@Extract_.*_Attempt=1$/);
  assert.equal((await lease.locator('.holder').textContent()).trim(), 'runner-1');
  assert.equal(await lease.locator('.countdown').getAttribute('data-seconds'), '60');
  await page.getByRole('button', { name: '+1 hour' }).click();
  const pin = (await listed(page)).locator('.pin.tl-lease');
  assert.equal(await pin.count(), 1, 'one expired lease');
  assert.match(await pin.getAttribute('data-id'), /_Attempt=1$/);
  assert.match(await page.locator('#tl-count').textContent(), /3 attempts/);
  const extractBars = await page.locator('#tl-items .bar[data-id*="@Extract_"][data-id*="_Attempt="]').evaluateAll((bs) => bs.map((b) => `${b.dataset.id.split('=')[1]} ${b.getAttribute('class')}`));
  assert.ok(extractBars.includes('1 bar tl-fail'), `${extractBars}`);
  assert.ok(extractBars.includes('2 bar tl-retry'), `${extractBars}`);
  assert.ok(extractBars.includes('2 bar tl-ok'), `${extractBars}`);
  // Select the instance: the log lists both attempts' calls.
  const extract = row(page, 'Extract');
  await extract.click();
  await page.locator('#log-only').check();
  const calls = await page.locator('#sim-log li').evaluateAll((ls) => ls.map((l) => ({
    action: l.dataset.action, text: l.querySelector('pre:last-of-type')?.textContent ?? '' })));
  const polls = calls.filter((c) => c.action === 'PollForTask').map((c) => JSON.parse(c.text).taskObject.attemptId);
  assert.deepEqual(polls.map((a) => a.split('=')[1]).sort(), ['1', '2']);
  assert.ok(calls.some((c) => c.action === 'SetTaskStatus'), 'attempt 2 reports FINISHED');
  // "Why?" on attempt 1 names the expired lease: a click on its mark (painted on the canvas) selects it.
  const at = await pin.evaluate((b) => ({ x: Number(b.dataset.cx), y: Number(b.dataset.cy) }));
  await page.locator('#sim-timeline').click({ position: at });
  assert.match((await page.locator('#sim-selected').textContent()).trim(), /_Attempt=1$/);
  assert.match(await page.locator('#sim-why').textContent(), /lease expired/);
});

it('the timeline zooms and scrolls by keyboard and buttons', async ({ page }) => {
  await run(page, LEASE_LAPSE);
  const bars = async () => (await listed(page)).locator('.bar').count();
  const width = async () => Number(await (await listed(page)).locator('.bar').first().getAttribute('data-w'));
  const first = await width();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const zoomed = await width();
  assert.ok(zoomed >= first, `${first} -> ${zoomed}`);
  await page.locator('#sim-timeline').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('+');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  const later = await bars();
  await page.keyboard.press('0');
  assert.ok((await bars()) >= later, 'fit shows at least as much');
  assert.ok((await page.locator('#sim-timeline .tick-label').count()) >= 2);
});

it('the canvas timeline: a bar is painted in its colour, hover shows its tip, a click selects it, and its list selects by keyboard', async ({ page }) => {
  await run(page, LEASE_LAPSE);
  const items = await listed(page);
  const ok = items.locator('.bar.tl-ok[data-id*="@Extract_"]').first();
  const id = await ok.getAttribute('data-id');
  const at = await ok.evaluate((b) => ({ x: Number(b.dataset.cx), y: Number(b.dataset.cy) }));
  // Painted in the stylesheet's colour for a finished attempt (the legend's swatch).
  const want = await page.locator('.tl-legend rect.tl-ok').evaluate((r) => getComputedStyle(r).fill);
  const [r, g, b, a] = await pixel(page, at.x, at.y);
  assert.equal(`rgb(${r}, ${g}, ${b})`, want);
  assert.equal(a, 255);
  await page.locator('#sim-timeline').hover({ position: at });
  await page.waitForFunction((i) => document.querySelector('#tl-tip').textContent.startsWith(i), id);
  await page.locator('#sim-timeline').click({ position: at });
  assert.equal((await page.locator('#sim-selected').textContent()).trim(), id);
  assert.ok((await (await listed(page)).locator(`button.tl-ok[data-id="${id}"]`).getAttribute('class')).split(' ').includes('sel'));
  // Empty space selects nothing new.
  await page.locator('#sim-timeline').click({ position: { x: 60, y: 8 } });
  assert.equal((await page.locator('#sim-selected').textContent()).trim(), id);
  // By keyboard: Tab from the drawing reaches the list, which shows itself; Enter selects.
  await page.locator('#sim-timeline').focus();
  await page.keyboard.press('Tab');
  const focused = page.locator('#tl-items button:focus');
  assert.equal(await focused.count(), 1);
  assert.ok((await page.locator('#tl-items').boundingBox()).height > 20, 'the focused list is shown');
  const other = await focused.getAttribute('data-id');
  assert.notEqual(other, id);
  await page.keyboard.press('Enter');
  assert.equal((await page.locator('#sim-selected').textContent()).trim(), other);
  assert.ok((await page.locator('#tl-tip').textContent()).includes(other), 'the focused item\'s tip');
});

test('the canvas timeline paints with the dark colours in dark mode', () => withPage(browser, 'dark timeline', async ({ page }) => {
  await run(page, LEASE_LAPSE);
  const fail = (await listed(page)).locator('.bar.tl-fail').first();
  const at = await fail.evaluate((b) => ({ x: Number(b.dataset.cx), y: Number(b.dataset.cy) }));
  const want = await page.locator('.tl-legend rect.tl-fail').evaluate((r) => getComputedStyle(r).fill);
  assert.equal(want, 'rgb(248, 81, 73)', 'the dark --err');
  const [r, g, b] = await pixel(page, at.x, at.y);
  assert.equal(`rgb(${r}, ${g}, ${b})`, want);
}, { colorScheme: 'dark' }));
