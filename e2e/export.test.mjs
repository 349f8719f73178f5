// The export area: the edited definition as PutPipelineDefinition JSON and as the CLI file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage } from './lib/browser.mjs';
import { App } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

it('export shows the sample in both shapes and downloads it', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Export');
  const api = JSON.parse(await page.locator('#export-text').textContent());
  assert.deepEqual(api.pipelineObjects.map((o) => o.id), ['Default', 'Schedule', 'SayHello']);
  const sayHello = api.pipelineObjects[2];
  assert.deepEqual(sayHello.fields.find((f) => f.key === 'schedule'), { key: 'schedule', refValue: 'Schedule' });

  await page.getByLabel('CLI definition file').check();
  const cli = JSON.parse(await page.locator('#export-text').textContent());
  assert.deepEqual(cli.objects.map((o) => o.id), ['Default', 'Schedule', 'SayHello']);
  assert.deepEqual(cli.objects[2].schedule, { ref: 'Schedule' });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'pipeline-definition.json');
});
