// The simulator with many instances: the instance table pages through the service's own
// pagination, a long fast-forward can be stopped while the page keeps answering clicks, and
// Activate / Reset clear the selection and its "Why?".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

/** `n` activities on a 15-minute schedule, each with its own workerGroup (so its own runner). */
function definition(n) {
  const objects = [
    { id: 'Default', name: 'Default', workerGroup: 'wg-0' },
    { id: 'Every15', name: 'Every15', type: 'Schedule', period: '15 minutes', startDateTime: '2012-12-12T00:00:00' },
  ];
  for (let i = 0; i < n; i++) {
    objects.push({ id: `Act${i}`, name: `Act${i}`, type: 'ShellCommandActivity', command: 'true', workerGroup: `wg-${i}`, schedule: { ref: 'Every15' } });
  }
  return JSON.stringify({ objects });
}

async function open(page, n) {
  const app = await new App(page).open();
  await new Editor(page).importFile({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(definition(n)) });
  await page.locator(`#canvas g.node[data-id="Act${n - 1}"]`).waitFor();
  await app.switchTo('Simulator');
  await page.locator('#sim-activate').click();
  assert.equal(await page.locator('#sim-error').count(), 0);
  return app;
}

const idle = (page) => page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 120000 });
const count = async (page) => (await page.locator('#f-count').textContent()).trim();
const ids = (page) => page.locator('#sim-instances tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.id));

it('the instance table shows 300 rows a page, with next and previous page and filtered pages', async ({ page }) => {
  await open(page, 2);
  await page.getByRole('button', { name: '+1 week', exact: true }).click();
  await idle(page);
  const m = /^showing 1–300 of (\d+)$/.exec(await count(page));
  assert.ok(m, await count(page));
  const total = Number(m[1]);
  assert.ok(total > 1300, `${total} instances in a week`);
  const first = await ids(page);
  assert.equal(first.length, 300);
  assert.ok(await page.locator('#inst-prev').isDisabled());
  await page.locator('#inst-next').click();
  await page.waitForFunction(() => document.querySelector('#f-count').textContent.includes('301–600'));
  const second = await ids(page);
  assert.equal(second.length, 300);
  assert.ok(!second.some((id) => first.includes(id)), 'page 2 holds other instances');
  // To the last page: fewer rows, and no next page.
  while (await page.locator('#inst-next').isEnabled()) await page.locator('#inst-next').click();
  assert.match(await count(page), new RegExp(`–${total} of ${total}$`));
  assert.ok((await ids(page)).length <= 300);
  await page.locator('#inst-prev').click();
  assert.doesNotMatch(await count(page), new RegExp(`–${total} of`));
  // A filter starts over at its first page, through the service's selectors.
  await page.locator('#f-component').selectOption('Act1');
  await page.waitForFunction(() => document.querySelector('#f-count').textContent.startsWith('showing 1–300 matching, more'));
  const act1 = await page.locator('#sim-instances tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.component));
  assert.equal(act1.length, 300);
  assert.ok(act1.every((c) => c === 'Act1'));
  await page.locator('#inst-next').click();
  await page.waitForFunction(() => document.querySelector('#f-count').textContent.startsWith('showing 301–600 matching'));
  assert.ok((await page.locator('#sim-instances tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.component))).every((c) => c === 'Act1'));
});

it('a long fast-forward can be stopped, and the page answers clicks while it runs', async ({ page }) => {
  await open(page, 10);
  await page.getByRole('button', { name: '+1 hour', exact: true }).click();
  await idle(page);
  const target = (await page.locator('#sim-instances tbody tr').first().getAttribute('data-id'));
  await page.locator('#sim-speed').selectOption('max');
  // Twenty simulated years: long enough to still run while the test clicks, however fast the engine.
  await page.locator('#sim-jump-to').fill('2032-12-12T01:00:00');
  await page.locator('#sim-jump').click();
  await page.locator('#sim-stop').waitFor();
  // While it runs: a click selects an instance, the timeline zooms, the clock moves.
  const before = (await page.locator('#sim-now').textContent()).trim();
  await page.locator(`#sim-instances tr[data-id="${target}"]`).click();
  assert.equal((await page.locator('#sim-selected').textContent()).trim(), target);
  // An id is set in monospace (and may break anywhere); the hint is prose.
  assert.match(await page.locator('#sim-selected').getAttribute('class'), /\bmono\b/);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForFunction((b) => document.querySelector('#sim-now').textContent.trim() > b, before);
  assert.equal(await page.locator('#sim-progress').count(), 1, 'still running');
  await page.locator('#sim-stop').click();
  await idle(page);
  const now = (await page.locator('#sim-now').textContent()).trim();
  assert.ok(now > before && now < '2032-12-12T01:00:00', `stopped part way at ${now}`);
  // The views caught up once: a page of instances, the timeline and the graph.
  assert.match(await count(page), /^showing 1–300 of \d+$/);
  assert.match(await page.locator('#tl-count').textContent(), /\d+ attempts/);
  await page.locator('#tl-items[aria-busy="false"]').waitFor({ state: 'attached' });
  assert.ok((await page.locator('#tl-items .bar').count()) > 0);
  assert.equal(await page.locator('#sim-graph g.g-node[data-id="Act3"]').getAttribute('data-status') !== '', true);
});

it('a fast-forward\'s timeline is read while it runs: attempts counted before it ends, all of them after', async ({ page }) => {
  await open(page, 10);
  // What the timeline counted while the progress bar was still shown (the DOM changes, not frames).
  await page.evaluate(() => {
    window.__whileRunning = 0;
    new MutationObserver(() => {
      const n = Number(/(\d+) attempts/.exec(document.querySelector('#tl-count').textContent)?.[1] ?? 0);
      if (document.querySelector('#sim-progress')) window.__whileRunning = Math.max(window.__whileRunning, n);
    }).observe(document.querySelector('#tl-count'), { childList: true, characterData: true, subtree: true });
  });
  // A year (about 350,000 attempts): many slices of the run, on any machine.
  await page.getByRole('button', { name: '+1 year', exact: true }).click();
  await idle(page);
  await page.locator('section.sim-timeline[aria-busy="false"]').waitFor({ state: 'attached' });
  const total = Number(/\((\d+) attempts\)/.exec(await page.locator('#tl-count').textContent())[1]);
  const during = await page.evaluate(() => window.__whileRunning);
  assert.ok(total > 300000, `${total} attempts in a year`);
  assert.ok(during > 0 && during <= total, `counted ${during} of ${total} while it ran`);
  // The views caught up: a page of instances and the whole year on the timeline.
  assert.match(await count(page), /^showing 1–300 of \d+$/);
  assert.equal((await page.locator('#sim-now').textContent()).trim(), '2013-12-12T00:00:00');
  assert.ok(Number(await page.locator('canvas.tl-canvas').getAttribute('data-shapes')) > 0);
});

it('Activate and Reset clear the selection and its "Why?"', async ({ page }) => {
  await open(page, 2);
  await page.getByRole('button', { name: '+1 hour', exact: true }).click();
  await idle(page);
  await page.locator('#sim-instances tbody tr').first().getByRole('button', { name: /Why is/ }).click();
  await page.locator('#sim-why').waitFor();
  await page.locator('#sim-activate').click();
  await page.locator('#sim-why').waitFor({ state: 'detached' });
  assert.match(await page.locator('#sim-selected').textContent(), /Nothing selected/);
  assert.doesNotMatch(await page.locator('#sim-selected').getAttribute('class'), /\bmono\b/);
  await page.getByRole('button', { name: '+1 hour', exact: true }).click();
  await idle(page);
  await page.locator('#sim-instances tbody tr').first().getByRole('button', { name: /Why is/ }).click();
  await page.locator('#sim-why').waitFor();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.locator('#sim-why').waitFor({ state: 'detached' });
  assert.match(await page.locator('#sim-selected').textContent(), /Nothing selected/);
});

it('after a long fast-forward the timeline, read in slices, shows the first day when zoomed to it', async ({ page }) => {
  await open(page, 2);
  await page.getByRole('button', { name: '+1 month', exact: true }).click();
  await idle(page);
  await page.locator('section.sim-timeline[aria-busy="false"]').waitFor({ state: 'attached' });
  assert.match(await page.locator('#tl-count').textContent(), /\((\d{4,}) attempts\)/);
  // Zoom in a long way with the wheel at the start of the run (the time under the pointer stays).
  const box = await page.locator('#sim-timeline').boundingBox();
  await page.mouse.move(box.x + 120 + 2, box.y + 40);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -500);
  await page.locator('#tl-items[aria-busy="false"]').waitFor({ state: 'attached' });
  const shown = await page.locator('#tl-items [data-id]').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.ok(shown.some((id) => id.includes('2012-12-12T')), `first day shown: ${shown.slice(0, 5).join(', ')}`);
  assert.ok(shown.every((id) => !id.includes('2013-01')), 'only the first day');
  assert.ok(Number(await page.locator('canvas.tl-canvas').getAttribute('data-shapes')) > 0);
});
