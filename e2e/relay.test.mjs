// "AWS through the local relay" and "Open a deployed pipeline" (issue 20 items 1 and 2):
// the browser talks to `pipeline-studio-server --relay`, which signs with a credentials FILE
// and forwards to a stand-in for AWS: the SigV4-verifying endpoint of ../shared/tools, in front
// of moto_server or of the project's own local endpoint. No secret ever reaches the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { launch, withPage, screenshot } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';
import { startMoto, startVerifier, startLocalEndpoint, startRelay, boto3, freePort } from './lib/endpoints.mjs';

const KEY_ID = 'AKIDRELAYSTUDIO0001';
const SECRET = 'relay/studio/SECRET+from+the+credentials+file+42';
let browser; let moto; let verifier; let relay;
before(async () => {
  browser = await launch();
  moto = await startMoto();
  verifier = await startVerifier({ forward: moto.url, accessKeyId: KEY_ID, secretAccessKey: SECRET });
  relay = await startRelay({ upstream: verifier.url, accessKeyId: KEY_ID, secretAccessKey: SECRET });
});
after(async () => { await browser?.close(); relay?.stop(); verifier?.stop(); moto?.stop(); });
const it = (name, body, opts) => test(name, () => withPage(browser, name, body, opts));

/** Every request the page sends, with its headers and body. */
function recordRequests(page) {
  const seen = [];
  page.on('request', (r) => seen.push({ url: r.url(), headers: r.headers(), body: r.postData() ?? '' }));
  return seen;
}

async function useRelay(page, url) {
  await page.getByRole('radio', { name: 'AWS through the local relay' }).check();
  await page.locator('#push-relay-url').fill(url);
  await page.getByRole('button', { name: 'Check the relay' }).click();
}

async function pushAndWait(page, button = 'Push') {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator('#push-outcome.ok, #push-outcome.err').waitFor({ timeout: 20000 });
  return (await page.locator('#push-outcome').textContent()).trim();
}

function verifierLog(v) {
  if (!existsSync(v.log)) return []; // written from its first request on
  return readFileSync(v.log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.method === 'POST');
}

async function pageHoldsSecret(page) {
  return page.evaluate((s) => document.documentElement.outerHTML.includes(s)
    || Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes(s)), SECRET);
}

it('pushes through the relay: signed from the credentials file, no secret in the browser', async ({ page }) => {
  const sent = recordRequests(page);
  const app = await new App(page).open();
  await app.switchTo('Export');
  const exported = JSON.parse(await page.locator('#export-text').textContent());
  await useRelay(page, relay.url);
  await page.locator('#relay-status.ok').waitFor();
  assert.match(await page.locator('#relay-status').textContent(), /Relay ready: calls go to http:\/\/127\.0\.0\.1:\d+\/ \(us-east-1\) as AKID…0001/);
  assert.match(await page.locator('.push').textContent(), /sends no CORS headers/);
  await page.locator('#push-name').fill('SayHello');
  await page.locator('#push-unique-id').fill('e2e-relay-push');
  await page.locator('#push-validate').setChecked(false); // moto has no ValidatePipelineDefinition
  const before = verifierLog(verifier).length;
  const outcome = await pushAndWait(page);
  const id = outcome.match(/df-[A-Za-z0-9]+/)?.[0];
  assert.ok(id, outcome);
  assert.equal(await page.locator('.push-step.ok').count(), 2);

  // The verifier recomputed each signature with botocore: all valid, made with the file's key.
  const calls = verifierLog(verifier).slice(before);
  assert.deepEqual(calls.map((c) => c.target), ['DataPipeline.CreatePipeline', 'DataPipeline.PutPipelineDefinition']);
  for (const c of calls) {
    assert.equal(c.verdict, 'valid', c.reason);
    assert.match(c.headers.authorization, new RegExp(`Credential=${KEY_ID}/\\d{8}/us-east-1/datapipeline/`));
  }
  // What the page sent to the relay carries no signature, key or secret.
  const toRelay = sent.filter((r) => r.url.startsWith(relay.url));
  assert.ok(toRelay.length >= 2);
  for (const r of toRelay) {
    assert.equal(r.headers.authorization, undefined);
    assert.ok(!JSON.stringify(r).includes(SECRET) && !JSON.stringify(r).includes(KEY_ID));
  }
  assert.equal(await pageHoldsSecret(page), false);
  const back = boto3(`
import boto3, json
c = boto3.client('datapipeline', endpoint_url='${moto.url}', region_name='us-east-1',
                 aws_access_key_id='x', aws_secret_access_key='x')
print(json.dumps(c.get_pipeline_definition(pipelineId='${id}')['pipelineObjects']))`);
  assert.deepEqual(back, exported.pipelineObjects);
});

it('the relay refuses a page from another origin and serves the app', async () => {
  const preflight = (origin) => fetch(relay.url, { method: 'OPTIONS', headers: {
    Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target' } });
  const call = (origin) => fetch(relay.url, { method: 'POST', body: '{}', headers: {
    Origin: origin, 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'DataPipeline.ListPipelines' } });
  const before = verifierLog(verifier).length;
  for (const r of [await preflight('https://evil.example'), await call('https://evil.example')]) {
    assert.equal(r.status, 403);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    assert.match(await r.text(), /AccessDeniedException.*may not call this endpoint/);
  }
  assert.equal(verifierLog(verifier).length, before, 'nothing was forwarded for the foreign page');
  const own = await call('http://127.0.0.1:8080');
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8080');
  assert.ok(Array.isArray((await own.json()).pipelineIdList));
});

it('says how to start the relay when none is running', async ({ page }) => {
  const app = await new App(page).open();
  await app.switchTo('Export');
  const port = await freePort(); // nothing listens here
  await useRelay(page, `http://127.0.0.1:${port}`);
  await page.getByRole('button', { name: 'List pipelines' }).click();
  await page.locator('#open-outcome.err').waitFor();
  assert.match(await page.locator('#open-outcome').textContent(), /relay is not running at http:\/\/127\.0\.0\.1:\d+\. Start it .*pipeline-studio-server --relay/);
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await page.locator('.push-error').waitFor();
  assert.match(await page.locator('.push-error').textContent(), /pipeline-studio-server --relay/);
  assert.equal(await page.locator('#push-outcome').count(), 0, 'nothing was sent');
}, { expectErrors: [/ERR_CONNECTION_REFUSED/] });

it('opens a deployed pipeline with its values as one undo step, shows the diff, and pushes the update', async ({ page }) => {
  // AWS stand-in with parameters and versions: the project's endpoint behind the verifier.
  const local = await startLocalEndpoint();
  const v = await startVerifier({ forward: local.url, accessKeyId: KEY_ID, secretAccessKey: SECRET });
  const r = await startRelay({ upstream: v.url, accessKeyId: KEY_ID, secretAccessKey: SECRET });
  try {
    const client = `import boto3, json
c = boto3.client('datapipeline', endpoint_url='${local.url}', region_name='us-east-1',
                 aws_access_key_id='k', aws_secret_access_key='s')`;
    const id = boto3(`${client}
pid = c.create_pipeline(name='Nightly', uniqueId='nightly')['pipelineId']
c.put_pipeline_definition(pipelineId=pid, pipelineObjects=[
  {'id': 'Default', 'name': 'Default', 'fields': [{'key': 'scheduleType', 'stringValue': 'ondemand'},
    {'key': 'failureAndRerunMode', 'stringValue': 'CASCADE'}]},
  {'id': 'Greet', 'name': 'Greet', 'fields': [{'key': 'type', 'stringValue': 'ShellCommandActivity'},
    {'key': 'command', 'stringValue': 'echo #{myGreeting}'}, {'key': 'workerGroup', 'stringValue': 'wg'}]}],
  parameterObjects=[{'id': 'myGreeting', 'attributes': [{'key': 'type', 'stringValue': 'String'}]}],
  parameterValues=[{'id': 'myGreeting', 'stringValue': 'hello'}])
print(json.dumps(pid))`);

    const app = await new App(page).open();
    const ed = new Editor(page);
    const sayHello = await app.canvasObjectIds();
    await app.switchTo('Export');
    await useRelay(page, r.url);
    await page.getByRole('button', { name: 'List pipelines' }).click();
    await page.getByRole('button', { name: `Open Nightly (${id})` }).click();
    await page.locator('#open-outcome.ok').filter({ hasText: 'Opened' }).waitFor();
    assert.match(await page.locator('#push-updating').textContent(), new RegExp(`Updates Nightly ${id}`));
    const opened = JSON.parse(await page.locator('#export-text').textContent());
    assert.deepEqual(opened.parameterValues, [{ id: 'myGreeting', stringValue: 'hello' }]);

    await app.switchTo('Editor');
    assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Greet']);
    await ed.undo();
    assert.deepEqual(await app.canvasObjectIds(), sayHello, 'one undo step takes the whole open back');
    await ed.redo();
    assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Greet']);

    await ed.select('Greet');
    await ed.setText('command', 'echo #{myGreeting} world');
    await app.switchTo('Export');
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    const diff = page.locator('#push-diff');
    await diff.waitFor();
    assert.match(await diff.textContent(), /object: 1 changed/);
    await screenshot(page, 'relay-open-diff');
    assert.match(await diff.locator('.diff-item.changed').textContent(), /Greet.*~ command: "echo #\{myGreeting\}" → "echo #\{myGreeting\} world"/);
    const outcome = await pushAndWait(page, 'Replace the deployed definition');
    assert.match(outcome, new RegExp(`Done: pipeline ${id}`));
    assert.deepEqual(await page.locator('.push-step').evaluateAll((s) => s.map((x) => x.dataset.action)),
      ['PutPipelineDefinition', 'ValidatePipelineDefinition'], 'an update: no CreatePipeline');
    const after = boto3(`${client}
d = c.get_pipeline_definition(pipelineId='${id}')
print(json.dumps([[f['stringValue'] for o in d['pipelineObjects'] for f in o['fields'] if f['key'] == 'command'],
                  len(c.list_pipelines()['pipelineIdList'])]))`);
    assert.deepEqual(after, [['echo #{myGreeting} world'], 1]);
    assert.ok(verifierLog(v).every((c) => c.verdict === 'valid'));
  } finally { r.stop(); v.stop(); local.stop(); }
});
