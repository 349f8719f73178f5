// The export area: the edited definition as PutPipelineDefinition JSON and as the CLI file.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './lib/browser.mjs';
import { App, assertNoErrors } from './lib/app.mjs';

let browser; let ctx;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
afterEach(async (t) => {
  if (ctx && t.passed === false) await screenshot(ctx.page, `failed-${t.name}`);
  await ctx?.context.close();
});

test('export shows the sample in both shapes and downloads it', async () => {
  ctx = await openPage(browser);
  const app = await new App(ctx.page).open();
  await app.switchTo('Export');
  const api = JSON.parse(await ctx.page.locator('#export-text').textContent());
  assert.deepEqual(api.pipelineObjects.map((o) => o.id), ['Default', 'Schedule', 'SayHello']);
  const sayHello = api.pipelineObjects[2];
  assert.deepEqual(sayHello.fields.find((f) => f.key === 'schedule'), { key: 'schedule', refValue: 'Schedule' });

  await ctx.page.getByLabel('CLI definition file').check();
  const cli = JSON.parse(await ctx.page.locator('#export-text').textContent());
  assert.deepEqual(cli.objects.map((o) => o.id), ['Default', 'Schedule', 'SayHello']);
  assert.deepEqual(cli.objects[2].schedule, { ref: 'Schedule' });

  const [download] = await Promise.all([
    ctx.page.waitForEvent('download'),
    ctx.page.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'pipeline-definition.json');
  assertNoErrors(ctx.errors);
});
