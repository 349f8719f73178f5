// Files and links in and out (issue 20 items 3-5): a shared link opened in a fresh browser
// without touching the visitor's autosaved work; CloudFormation export (JSON and YAML) that
// cfn-lint accepts and that imports back to the same definition; a file mixing the CLI's keys
// with the API's shapes, a values file applied as one undo step, and a JSON error's position.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, withPage, until, BASE_URL } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const CFN_LINT = path.join(ROOT, '.venv', 'bin', 'cfn-lint');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, async (ctx) => {
  await ctx.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
  await body(ctx);
}));

async function exportText(app, page, label) {
  await app.switchTo('Export');
  await page.getByLabel(label, { exact: true }).check();
  return page.locator('#export-text').textContent();
}

async function download(page, dir) {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download', exact: true }).click(),
  ]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

it('a shared link opens in a fresh browser without touching its autosaved work until kept', async ({ page, context }) => {
  // The sharer: a template, shared by link.
  const app = await new App(page).open();
  const ed = new Editor(page);
  await ed.loadTemplate('Copy S3 to S3');
  await until(async () => (await app.pipelineName()) === 'Copy S3 to S3', 'template loaded');
  const sharedIds = await app.canvasObjectIds();
  await app.switchTo('Export');
  await page.locator('#copy-link').click();
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /#share=v1\.[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  // The visitor: a fresh context with work of its own.
  const visitor = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  try {
    const vpage = await visitor.newPage();
    const errors = [];
    vpage.on('pageerror', (e) => errors.push(String(e)));
    vpage.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const vapp = await new App(vpage).open();
    const ved = new Editor(vpage);
    await ved.add('SnsAlarm');
    const mine = await until(async () => { const s = await ved.saved(); return s?.definition.objects.length === 4 ? s : null; }, 'own work autosaved');

    await vpage.goto('about:blank');
    await vapp.open(link);
    await vpage.locator('#share-banner').waitFor();
    await until(async () => (await vapp.pipelineName()) === 'Copy S3 to S3', 'shared document shown');
    assert.deepEqual(await vapp.canvasObjectIds(), sharedIds);
    // Edits to the shared document are not autosaved either.
    await ved.add('SnsAlarm');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await ved.saved(), mine, 'the visitor\'s own work is untouched');

    // Back to my work: the own document again, the link gone from the address.
    await vpage.getByRole('button', { name: 'Back to my work' }).click();
    await until(async () => (await vapp.canvasObjectIds()).includes('SnsAlarm') && (await vapp.pipelineName()) !== 'Copy S3 to S3', 'own work back');
    assert.equal(await vpage.evaluate(() => location.hash), '');
    assert.equal(await vpage.locator('#share-banner').count(), 0);

    // Open it again and keep it: now it is the saved work.
    await vpage.goto('about:blank');
    await vapp.open(link);
    await vpage.locator('#share-banner').waitFor();
    await until(async () => (await vapp.pipelineName()) === 'Copy S3 to S3', 'shared document shown again');
    assert.deepEqual(await ved.saved(), mine);
    await vpage.getByRole('button', { name: 'Keep this pipeline' }).click();
    const kept = await until(async () => { const s = await ved.saved(); return s?.name === 'Copy S3 to S3' ? s : null; }, 'kept document autosaved');
    assert.deepEqual(kept.definition.objects.map((o) => o.id), sharedIds);
    assert.deepEqual(errors, []);
  } finally {
    await visitor.close();
  }
});

it('a link too long to share says so and offers the file', async ({ page }) => {
  const app = await new App(page).open();
  const ed = new Editor(page);
  // Long, varied text does not compress away.
  const noise = Array.from({ length: 9000 }, (_, i) => ((i * 7919) % 9973).toString(36)).join('');
  await ed.select('SayHello');
  await ed.setText('command', noise);
  await app.switchTo('Export');
  await page.locator('#copy-link').click();
  await page.locator('#share-too-long').waitFor();
  assert.match(await page.locator('#share-too-long').textContent(), /Share the file instead/);
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the definition file' }).click(),
  ]);
  assert.equal(d.suggestedFilename(), 'pipeline-definition.json');
});

it('CloudFormation export passes cfn-lint and imports back to the same definition', async ({ page }) => {
  assert.ok(existsSync(CFN_LINT), `${CFN_LINT} is missing: run ./scripts/setup`);
  const dir = mkdtempSync(path.join(tmpdir(), 'cfn-'));
  const app = await new App(page).open();
  const ed = new Editor(page);
  await ed.loadTemplate('Copy S3 to S3');
  await until(async () => (await app.pipelineName()) === 'Copy S3 to S3', 'template loaded');
  const before = JSON.parse(await exportText(app, page, 'PutPipelineDefinition (API)'));

  const json = JSON.parse(await exportText(app, page, 'CloudFormation (JSON)'));
  const props = json.Resources.Pipeline.Properties;
  assert.equal(json.Resources.Pipeline.Type, 'AWS::DataPipeline::Pipeline');
  assert.equal(props.Name, 'Copy S3 to S3');
  assert.deepEqual(props.PipelineObjects.map((o) => o.Id), before.pipelineObjects.map((o) => o.id));
  await page.locator('#cfn-activate').uncheck();
  await page.locator('#cfn-tags').fill('team=data, env=test');
  await page.locator('#cfn-tags').dispatchEvent('change');
  const tagged = JSON.parse(await page.locator('#export-text').textContent()).Resources.Pipeline.Properties;
  assert.equal(tagged.Activate, false);
  assert.deepEqual(tagged.PipelineTags, [{ Key: 'team', Value: 'data' }, { Key: 'env', Value: 'test' }]);
  const jsonFile = await download(page, dir);
  await page.getByLabel('CloudFormation (YAML)', { exact: true }).check();
  const yamlFile = await download(page, dir);
  assert.match(readFileSync(yamlFile, 'utf8'), /Type: AWS::DataPipeline::Pipeline/);

  // cfn-lint exits non-zero on any error or warning.
  execFileSync(CFN_LINT, ['--regions', 'us-east-1', '--', jsonFile, yamlFile], { stdio: 'pipe' });

  // Back in: a new document, then the YAML template imported.
  await app.switchTo('Editor');
  await ed.newDocument();
  await ed.importFile(yamlFile);
  await until(async () => (await ed.status()).startsWith('Imported pipeline.template.yaml'), 'template imported');
  assert.equal(await app.pipelineName(), 'Copy S3 to S3');
  const after = JSON.parse(await exportText(app, page, 'PutPipelineDefinition (API)'));
  assert.deepEqual(after, before);
});

it('a mixed-shape file and a values file import; a JSON error points at its character', async ({ page }) => {
  const app = await new App(page).open();
  const ed = new Editor(page);
  const mixed = {
    objects: [
      { id: 'Default', name: 'Default', fields: [{ key: 'scheduleType', stringValue: 'ondemand' }, { key: 'workerGroup', stringValue: 'wg' }] },
      { id: 'Greet', name: 'Greet', fields: [{ key: 'type', stringValue: 'ShellCommandActivity' }, { key: 'command', stringValue: 'echo #{myName}' }] },
    ],
    parameters: [{ id: 'myName', attributes: [{ key: 'type', stringValue: 'String' }] }],
    values: { myName: 'world' },
  };
  await ed.importFile({ name: 'mixed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mixed, null, 2)) });
  await until(async () => (await ed.status()).startsWith('Imported mixed.json'), 'mixed file imported');
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Greet']);
  const notes = await page.locator('#import-notes').textContent();
  assert.match(notes, /API-shaped objects \(id, name, fields\) under "objects"/);
  assert.match(notes, /API-shaped parameters \(id, attributes of key\/stringValue\) under "parameters"/);

  // A values file: shown first, applied as one step, undone as one.
  await ed.importFile({ name: 'values.json', mimeType: 'application/json', buffer: Buffer.from('{"values": {"myName": "there", "extra": ["a", "b"]}}') });
  const confirm = page.locator('#import-confirm');
  await confirm.waitFor();
  const items = await confirm.locator('li').allTextContents();
  assert.deepEqual(items, ['value of myName: "world" → "there"', 'value of extra: set to "a", "b"']);
  assert.equal((await ed.saved()).definition.values.length, 1, 'nothing applied before Apply');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const values = (s) => s?.definition.values.map((v) => `${v.id}=${v.string_value}`).join(' ');
  await until(async () => values(await ed.saved()) === 'myName=there extra=a extra=b', 'values applied');
  await ed.undo();
  await until(async () => values(await ed.saved()) === 'myName=world', 'one undo step');

  // A raw newline inside a string: the error is at the end of the line holding it.
  const raw = readFileSync(path.join(ROOT, 'tests', 'fixtures', 'raw-newline.json'));
  await ed.importFile({ name: 'raw-newline.json', mimeType: 'application/json', buffer: raw });
  await page.locator('#import-errors').waitFor();
  assert.match(await page.locator('#import-errors').textContent(), /error at 6:26: invalid JSON: control character/);
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Greet']);
});
