// The visual editor, driven as a user would: palette, inspector, dragged connections,
// live validation, undo/redo of every kind of change, auto-layout, code view, import, autosave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from './lib/browser.mjs';
import { App, editorErrors } from './lib/app.mjs';
import { editorTests } from './lib/editor-tests.mjs';
import { SHARED } from './lib/endpoints.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLES = process.env.SAMPLES ?? path.join(SHARED, 'samples');

// The tests that check errors do so themselves (`editorErrors`).
const { open, ctx } = editorTests({ checkErrors: false });

test('build the SayHello pipeline from an empty document', async () => {
  const ed = await open();
  await ed.newDocument();
  assert.equal(await ed.nodeCount(), 0);

  await ed.add('Default');
  await ed.addOptionalField('workerGroup');
  await ed.setText('workerGroup', 'workerGroup');

  await ed.add('Schedule');
  await ed.renameSelected('Schedule');
  await ed.select('Schedule');
  await ed.setText('startDateTime', '2012-12-12T00:00:00');
  await ed.setText('period', '1 hour');
  await ed.addOptionalField('endDateTime');
  await ed.setText('endDateTime', '2012-12-21T18:00:00');

  await ed.add('ShellCommandActivity');
  await ed.renameSelected('SayHello');
  await ed.select('SayHello');
  await ed.setText('command', 'echo hello');
  await ed.addOptionalField('parent');
  await ed.choose('parent', 'ref:Default');
  await ed.blur();
  await ed.connect('SayHello', 'Schedule');

  const edges = await new App(ctx.page).edges();
  assert.ok(edges.includes('SayHello -schedule-> Schedule'), edges.join(', '));
  assert.ok(edges.includes('SayHello -parent-> Default'), edges.join(', '));
  const doc = await until(async () => {
    const d = await ed.saved();
    return d?.definition.objects.length === 3 && d.definition.objects[2].fields.length === 4 ? d : null;
  }, 'autosave');
  const obj = (id) => doc.definition.objects.find((o) => o.id === id);
  const fields = (id) => Object.fromEntries(obj(id).fields.map((f) => [f.key, f.value]));
  assert.deepEqual(fields('SayHello'), {
    type: { String: 'ShellCommandActivity' }, command: { String: 'echo hello' },
    parent: { Ref: 'Default' }, schedule: { Ref: 'Schedule' },
  });
  assert.deepEqual(fields('Default'), { workerGroup: { String: 'workerGroup' } });
  assert.equal(fields('Schedule').period.String, '1 hour');
  for (const id of ['Default', 'Schedule', 'SayHello']) assert.equal(await ed.severity(id), '', `${id} has no marker`);
  assert.deepEqual(editorErrors(ctx.errors), []);
});

test('a refused connection says why and changes nothing', async () => {
  const ed = await open();
  const before = await ed.saved();
  await ed.connect('Schedule', 'SayHello');
  assert.match(await ed.status(), /no field of Schedule may refer to a ShellCommandActivity/);
  assert.deepEqual((await ed.saved())?.definition ?? before?.definition, before?.definition ?? (await ed.saved()).definition);
});

test('emptying workerGroup shows the error marker; fixing it removes it', async () => {
  const ed = await open();
  await ed.select('Default');
  await ed.setText('workerGroup', '');
  await until(async () => (await ed.severity('Default')) === 'error', 'error marker');
  const problems = await ed.problems();
  assert.ok(problems.some((p) => p.includes('Default.workerGroup')), problems.join('\n'));
  // Clicking the problem selects the object and focuses the field.
  await ctx.page.locator('#problem-list .problem[data-object="Default"][data-field="workerGroup"]').first().click();
  await until(async () => ctx.page.evaluate(() => document.activeElement?.dataset?.field === 'workerGroup'), 'field focus');
  await ed.setText('workerGroup', 'workerGroup');
  await until(async () => (await ed.severity('Default')) === '', 'marker gone');
  assert.deepEqual(editorErrors(ctx.errors), []);
});

test('undo and redo every kind of change, keeping the dirty marker right', async () => {
  const ed = await open();
  assert.equal(await ed.isDirty(), false);
  const states = [JSON.stringify(await until(() => ed.saved(), 'first autosave'))];
  const changed = async (what) => {
    const s = await until(async () => {
      const d = JSON.stringify(await ed.saved());
      return d !== states[states.length - 1] ? d : null;
    }, what);
    states.push(s);
  };
  await ed.add('S3DataNode'); await changed('add');
  await ed.setText('directoryPath', 's3://bucket/in'); await changed('set field');
  await ed.renameSelected('Input'); await changed('rename');
  await ed.blur();
  await ed.connect('SayHello', 'Input');
  const chooser = ctx.page.locator('.chooser button[data-key="input"]');
  if (await chooser.count()) await chooser.click();
  await changed('connect');
  await ed.drag('Schedule', 120, 80); await changed('move');
  await ctx.page.locator('#btn-layout').click(); await changed('auto-layout');
  await ed.select('Input'); await ed.blur();
  await ctx.page.keyboard.press('Delete'); await changed('delete with references');
  await ed.select('SayHello'); await ed.blur();
  await ctx.page.keyboard.press('Control+d'); await changed('duplicate');
  assert.equal(await ed.isDirty(), true);
  for (let i = states.length - 2; i >= 0; i--) {
    await ed.undo();
    await until(async () => JSON.stringify(await ed.saved()) === states[i], `undo to state ${i}`);
  }
  assert.equal(await ed.isDirty(), false, 'undo back to the loaded state is clean');
  for (let i = 1; i < states.length; i++) {
    await ed.redo();
    await until(async () => JSON.stringify(await ed.saved()) === states[i], `redo to state ${i}`);
  }
  assert.equal(await ed.isDirty(), true);
  assert.deepEqual(editorErrors(ctx.errors), []);
});

test('auto-layout arranges left to right and is one undo step', async () => {
  const leftToRight = (p) => p && p.Source.x < p.CopyData.x && p.CopyData.x < p.Destination.x;
  const ed = await open();
  await ed.loadTemplate('Copy S3 to S3');
  await ed.node('CopyData').waitFor();
  // Out of order first: the destination dragged to the left of everything.
  await ed.drag('Destination', -900, 0);
  const before = (await until(async () => { const s = await ed.saved(); return s && !leftToRight(s.positions) ? s : null; }, 'drag saved')).positions;
  await ctx.page.locator('#btn-layout').click();
  // The layout runs in a later task (its module may still be loading): wait for its status line.
  await until(async () => /Auto-layout: 6 objects in \d+ ms/.test(await ed.status()), 'layout reported');
  // Autosave follows: left to right, source -> copy -> destination.
  const after = (await until(async () => { const s = await ed.saved(); return s?.name === 'Copy S3 to S3' && leftToRight(s.positions) ? s : null; }, 'layout saved')).positions;
  assert.notDeepEqual(after, before);
  // One undo step puts every object back where it was.
  await ed.undo();
  await until(async () => JSON.stringify((await ed.saved())?.positions) === JSON.stringify(before), 'undo restores the positions');
});

test('invalid JSON in the code view is kept, reported at line:column, and never replaces the document', async () => {
  const ed = await open();
  await ed.showCode();
  const original = await ed.codeText();
  assert.match(original, /"pipelineObjects"/);
  const broken = original.replace('"echo hello"', '"echo hello",,');
  await ed.typeCode(broken);
  const err = ctx.page.locator('#code-error');
  await err.waitFor();
  assert.match(await err.textContent(), /error at \d+:\d+/);
  assert.equal(await ed.nodeCount(), 3);
  await ed.showInspector();
  await ed.showCode();
  assert.equal(await ed.codeText(), broken, 'the typed text is kept');
  // Valid text updates the canvas.
  const fixed = original.replace('"echo hello"', '"echo bye"');
  await ed.typeCode(fixed);
  await until(async () => (await ctx.page.locator('#code-error').count()) === 0, 'error cleared');
  const doc = await until(async () => { const s = await ed.saved(); return JSON.stringify(s).includes('echo bye') ? s : null; }, 'document updated');
  assert.equal(doc.definition.objects.length, 3);
  assert.deepEqual(editorErrors(ctx.errors), []);
});

test('import every shared sample, and a broken file that changes nothing', async () => {
  const ed = await open();
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 3, `samples in ${SAMPLES}`);
  for (const f of files) {
    await ed.importFile(path.join(SAMPLES, f));
    await until(async () => (await ed.status()).startsWith(`Imported ${f}`), `import ${f}`);
    assert.ok((await ed.nodeCount()) > 0, f);
  }
  const before = await ed.nodeCount();
  await ed.importFile({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"objects": [ {"id": "A", ') });
  await ctx.page.locator('#import-errors').waitFor();
  assert.match(await ed.status(), /Could not import broken.json: nothing was changed/);
  assert.equal(await ed.nodeCount(), before);
  assert.deepEqual(editorErrors(ctx.errors), []);
});

test('reload restores the work from autosave', async () => {
  const ed = await open();
  await ed.add('SnsAlarm');
  await ed.drag('SayHello', 40, 120);
  const saved = await until(async () => { const s = await ed.saved(); return s?.definition.objects.length === 4 ? s : null; }, 'autosave');
  await ctx.page.reload();
  await ed.node('SnsAlarm').waitFor();
  assert.equal(await ed.nodeCount(), 4);
  const again = await ed.saved();
  assert.deepEqual(again.positions, saved.positions);
  assert.match(await ed.status(), /Restored/);
  assert.equal(await ed.isDirty(), true);
});

test('shortcuts overlay opens with ? and every toolbar control has a name', async () => {
  const ed = await open();
  await ed.blur();
  await ctx.page.keyboard.press('?');
  await ctx.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await ctx.page.keyboard.press('Escape');
  const unnamed = await ctx.page.locator('.editor button, .editor select, .editor input').evaluateAll((els) =>
    els.filter((e) => e.offsetParent !== null && !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim()))
      .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
});
