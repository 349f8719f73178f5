// Issue 18, where a learner asks "is that really what AWS does?": the inspector marks the
// project's chosen defaults, and after Activate in the Simulator the editor lists the edits
// the running pipeline would refuse (Developer Guide, "Editing Your Pipeline", Limitations).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage, screenshot } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

it('the inspector says which defaults are the project\'s choice', async ({ page }) => {
  await new App(page).open();
  const ed = new Editor(page);
  await ed.select('SayHello');
  await ed.addOptionalField('maximumRetries');
  const retries = page.locator('#inspector .field[data-key="maximumRetries"] .project-default');
  assert.match(await retries.textContent(), /Default: 2 \(project's choice: no AWS source states one\)/);
  await ed.addOptionalField('reportProgressTimeout');
  const documented = page.locator('#inspector .field[data-key="reportProgressTimeout"]');
  assert.match(await documented.locator('.default').textContent(), /Default: 15 minutes/);
  assert.equal(await documented.locator('.project-default').count(), 0, 'a documented default is not marked');
  await screenshot(page, 'fidelity-inspector-project-default');
});

it('after Activate in the Simulator, the editor lists the edits the running pipeline refuses', async ({ page }) => {
  const app = await new App(page).open();
  const ed = new Editor(page);
  const refused = async () => (await ed.problems()).filter((p) => p.includes('Not allowed on an activated pipeline'));
  assert.deepEqual(await refused(), [], 'nothing before activation');
  await app.switchTo('Simulator');
  await page.locator('#sim-activate').click();
  await page.locator('#sim-instances tr[data-id]').first().waitFor();
  await app.switchTo('Editor');
  // A string field may change; the schedule's period may not.
  await ed.select('SayHello');
  await ed.setText('command', 'echo changed');
  assert.deepEqual(await refused(), []);
  await ed.select('Schedule');
  await ed.setText('period', '2 hours');
  await page.waitForFunction(() => [...document.querySelectorAll('#problem-list .problem')]
    .some((p) => p.textContent.includes('schedule period')), null, { timeout: 5000 });
  const list = await refused();
  assert.equal(list.length, 1, JSON.stringify(list));
  assert.match(list[0], /the schedule period of 'Schedule' cannot change/);
  await screenshot(page, 'fidelity-editor-refused-edit');
  await ed.undo();
  await page.waitForFunction(() => ![...document.querySelectorAll('#problem-list .problem')]
    .some((p) => p.textContent.includes('schedule period')), null, { timeout: 5000 });
});

it('"Why?" on a retried instance names the retry rules and where they come from', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Simulator');
  // One runner thread that works an hour per task: crashed mid-task, its lease lapses.
  await page.getByRole('button', { name: 'Edit runner-1' }).click();
  for (const [k, v] of [['threads', '1'], ['work-min', '3600'], ['work-max', '3600']]) {
    await page.locator(`#runner-runner-1-${k}`).fill(v);
    await page.locator(`#runner-runner-1-${k}`).dispatchEvent('change');
  }
  await page.locator('#sim-activate').click();
  await page.getByRole('button', { name: '+1 min', exact: true }).click();
  await page.getByRole('button', { name: 'Crash runner-1' }).click();
  // reportProgressTimeout (15 min) lapses at 00:16; retryDelay (10 min) runs until 00:26.
  await page.locator('#sim-jump-to').fill('2012-12-12T00:20:00');
  await page.locator('#sim-jump').click();
  await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
  const row = page.locator('#sim-instances tr[data-id="@SayHello_2012-12-12T00:00:00"]');
  await row.getByRole('button', { name: /Why is/ }).click();
  const why = page.locator('#sim-why');
  await why.locator('li.rule').first().waitFor();
  const text = await why.textContent();
  assert.match(text, /retrying at 2012-12-12T00:26:00/);
  assert.match(text, /lease expired/);
  assert.match(text, /maximumRetries, default 2, project's choice/);
  assert.match(text, /source: Developer Guide, object reference, retryDelay/);
  assert.match(text, /reportProgressTimeout, default 15 minutes, sources conflict/);
  await screenshot(page, 'fidelity-why-retry-rules');
});
