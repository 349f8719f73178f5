// The push dialog against real local endpoints: moto_server behind the SigV4-verifying relay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage } from './lib/browser.mjs';
import { App } from './lib/app.mjs';
import { startMoto, startVerifier, startLocalEndpoint, boto3, freePort } from './lib/endpoints.mjs';

const KEY_ID = 'AKIDPIPELINESTUDIO';
const SECRET = 'pipeline/studio/SECRET+test+key+0123456789';
let browser; let moto; let verifier;
before(async () => {
  browser = await launch();
  moto = await startMoto();
  verifier = await startVerifier({ forward: moto.url, accessKeyId: KEY_ID, secretAccessKey: SECRET });
});
after(async () => { await browser?.close(); verifier?.stop(); moto?.stop(); });
const it = (name, body, opts) => test(name, () => withPage(browser, name, body, opts));

async function fillPush(page, { endpoint, secret = SECRET, name = 'SayHello', uniqueId, remember = false }) {
  await page.getByRole('radio', { name: 'Custom endpoint' }).check();
  await page.locator('#push-endpoint').fill(endpoint);
  await page.locator('#push-region').fill('us-east-1');
  await page.locator('#push-key-id').fill(KEY_ID);
  await page.locator('#push-secret').fill(secret);
  await page.locator('#push-name').fill(name);
  await page.locator('#push-unique-id').fill(uniqueId);
  await page.locator('#push-validate').setChecked(false); // moto has no ValidatePipelineDefinition
  await page.locator('#push-remember').setChecked(remember);
}

async function pushAndWait(page) {
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await page.locator('#push-outcome.ok, #push-outcome.err').waitFor({ timeout: 20000 });
  return (await page.locator('#push-outcome').textContent()).trim();
}

async function secretInStorage(page) {
  return page.evaluate((s) => Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes(s)), SECRET);
}

it('pushing SayHello creates it, and boto3 reads back the exported definition', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Export');
  const exported = JSON.parse(await page.locator('#export-text').textContent());
  await fillPush(page, { endpoint: verifier.url, uniqueId: 'e2e-push-ok' });
  const outcome = await pushAndWait(page);
  const id = outcome.match(/df-[A-Za-z0-9]+/)?.[0];
  assert.ok(id, outcome);
  assert.equal(await page.locator('.push-step.ok').count(), 2, 'CreatePipeline and PutPipelineDefinition succeeded');
  const back = boto3(`
import boto3, json
c = boto3.client('datapipeline', endpoint_url='${verifier.url}', region_name='us-east-1',
                 aws_access_key_id='${KEY_ID}', aws_secret_access_key='${SECRET}')
print(json.dumps(c.get_pipeline_definition(pipelineId='${id}')['pipelineObjects']))`);
  assert.deepEqual(back, exported.pipelineObjects);
  assert.equal(await secretInStorage(page), false, 'the secret is not stored without "remember"');
});

it('a wrong secret key is rejected by the verifier and the dialog says so', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Export');
  const before = await page.locator('#export-text').textContent();
  await fillPush(page, { endpoint: verifier.url, secret: 'not-the-secret', uniqueId: 'e2e-push-bad' });
  const outcome = await pushAndWait(page);
  assert.match(outcome, /rejected the request signature/);
  assert.match(outcome, /secret access key/);
  assert.equal(await page.locator('#export-text').textContent(), before, 'the document is unchanged');
  assert.equal(await secretInStorage(page), false);
}, { expectErrors: [/status of 403/] });

it('a stopped endpoint gives a network error message', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Export');
  const before = await page.locator('#export-text').textContent();
  const port = await freePort(); // nothing listens here
  await fillPush(page, { endpoint: `http://127.0.0.1:${port}`, uniqueId: 'e2e-push-down' });
  const outcome = await pushAndWait(page);
  assert.match(outcome, /could not be reached/);
  assert.equal(await page.locator('#export-text').textContent(), before);
}, { expectErrors: [/ERR_CONNECTION_REFUSED/] });

it('credentials are remembered only when asked, and "Forget" clears them', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Export');
  await fillPush(page, { endpoint: verifier.url, uniqueId: 'e2e-push-remember', remember: true });
  await pushAndWait(page);
  assert.equal(await secretInStorage(page), true);
  await page.reload();
  await new App(page).open();
  await app.switchTo('Export');
  assert.equal(await page.locator('#push-secret').inputValue(), SECRET);
  await page.getByRole('button', { name: 'Forget' }).click();
  assert.equal(await secretInStorage(page), false);
  assert.equal(await page.locator('#push-secret').inputValue(), '');
});

it('the app pushes to the local Data Pipeline endpoint, validated and activated', async ({ page }) => {
  const local = await startLocalEndpoint();
  try {
    const app = await new App(page).open();
    await app.switchTo('Export');
    await fillPush(page, { endpoint: local.url, uniqueId: 'e2e-local' });
    await page.locator('#push-validate').setChecked(true);
    await page.locator('#push-activate').setChecked(true);
    const outcome = await pushAndWait(page);
    const id = outcome.match(/df-[A-Za-z0-9]+/)?.[0];
    assert.ok(id, outcome);
    assert.equal(await page.locator('.push-step.ok').count(), 4);
    const state = boto3(`
import boto3, json
c = boto3.client('datapipeline', endpoint_url='${local.url}', region_name='us-east-1',
                 aws_access_key_id='${KEY_ID}', aws_secret_access_key='x')
d = c.describe_pipelines(pipelineIds=['${id}'])['pipelineDescriptionList'][0]
print(json.dumps([f['stringValue'] for f in d['fields'] if f['key'] == '@pipelineState']))`);
    assert.deepEqual(state, ['SCHEDULED']);
  } finally { local.stop(); }
});
