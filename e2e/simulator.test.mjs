// The simulator area: activate the edited pipeline on the simulated service and watch it run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage } from './lib/browser.mjs';
import { App } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

it('SayHello activated with one runner reaches FINISHED, and every call is logged', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Simulator');
  await page.getByRole('button', { name: 'Activate' }).click();
  assert.equal((await page.locator('#sim-now').textContent()).trim(), '2012-12-12T00:00:00');
  await page.getByRole('button', { name: '+1 hour' }).click();
  assert.equal((await page.locator('#sim-now').textContent()).trim(), '2012-12-12T01:00:00');
  const first = page.locator('#sim-instances tr[data-id="@SayHello_2012-12-12T00:00:00"]');
  assert.equal(await first.getAttribute('data-status'), 'FINISHED');
  // The API log shows the app's own calls and the runner's protocol calls.
  const actions = await page.locator('#sim-log li').evaluateAll((ls) => ls.map((l) => l.dataset.action));
  for (const a of ['CreatePipeline', 'PutPipelineDefinition', 'ActivatePipeline', 'PollForTask', 'ReportTaskProgress', 'SetTaskStatus']) {
    assert.ok(actions.includes(a), `${a} in the API log`);
  }
  // "Why?" explains the instance from the engine's trace.
  await first.getByRole('button', { name: /Why is/ }).click();
  const why = await page.locator('#sim-why').textContent();
  assert.match(why, /FINISHED/);
});

it('Reset returns to an unactivated simulator and keeps the document', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Simulator');
  await page.locator('#sim-seed').fill('3');
  await page.getByRole('button', { name: 'Activate' }).click();
  assert.equal(await page.locator('#sim-error').count(), 0);
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal((await page.locator('#sim-now').textContent()).trim(), 'not activated');
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Schedule', 'SayHello']);
});
