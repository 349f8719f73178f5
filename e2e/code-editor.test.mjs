// The code view's editor (CodeMirror 6, js/code-editor.mjs), driven as a user would: JSON
// highlighting and folding, validation problems marked on their lines, completion of type
// names, field keys and reference ids, and the selection going both ways between the canvas
// and the text. The editor bundle loads only when the Code panel is first shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage, until } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

/** The app with the SayHello sample and the Code panel shown. */
async function openCode(page) {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await new App(page).open();
  const ed = new Editor(page);
  await ed.node('SayHello').waitFor();
  assert.ok(!fetched.some((u) => u.includes('code-editor')), 'the first load does not fetch the editor');
  await ed.showCode();
  assert.ok(fetched.some((u) => /code-editor[-.\w]*\.js/.test(u)), 'the Code panel loads the editor bundle');
  return ed;
}

/** The labels the open completion list offers. */
async function completions(page) {
  const list = page.locator('#code-editor .cm-tooltip-autocomplete');
  await list.waitFor();
  return list.locator('li .cm-completionLabel').allTextContents();
}

it('highlights JSON and folds an object without changing the text', async ({ page }) => {
  const ed = await openCode(page);
  const text = await ed.codeText();
  assert.match(text, /"pipelineObjects"/);
  const colour = (sel) => page.locator(`#code-editor ${sel}`).first().evaluate((e) => getComputedStyle(e).color);
  const key = await colour('.tok-propertyName');
  const str = await colour('.tok-string');
  const plain = await colour('.cm-content');
  assert.notEqual(key, str, 'keys and strings are told apart');
  assert.notEqual(key, plain);
  assert.notEqual(str, plain);
  assert.ok(await page.locator('#code-editor .tok-number, #code-editor .tok-punctuation').count() >= 0);
  // Fold Default's fields from the keyboard (the cursor on the line that opens them): a
  // placeholder stands for them, the text is unchanged.
  await ed.clickCodeAfter('"fiel');
  await page.keyboard.press('Control+Shift+BracketLeft');
  await page.locator('#code-editor .cm-foldPlaceholder').first().waitFor();
  const shown = await page.locator('#code-editor .cm-content').textContent();
  assert.ok(!shown.includes('"workerGroup"'), 'the folded object is hidden');
  assert.equal(await ed.codeText(), text, 'folding keeps the text');
  await page.keyboard.press('Control+Shift+BracketRight');
  await until(async () => (await page.locator('#code-editor .cm-content').textContent()).includes('"workerGroup"'), 'unfolded');
});

it('marks a validation problem on its field, and a syntax error on its line', async ({ page }) => {
  const ed = await openCode(page);
  const original = await ed.codeText();
  assert.deepEqual(await ed.codeMarks(), [], 'the sample has no problems');
  // A period the service does not accept: a problem of Schedule's `period` field.
  await ed.typeCode(original.replace('"1 hour"', '"1 fortnight"'));
  const problem = await until(async () => (await ed.problems()).find((p) => /period/i.test(p)), 'problem listed');
  const marks = await until(async () => { const m = await ed.codeMarks(); return m.length ? m : null; }, 'marked');
  // The mark spans the field's object (drawn line by line).
  const marked = marks.filter((m) => m.severity === 'error').map((m) => m.text).join('\n');
  assert.ok(marked.includes('"period"') && marked.includes('1 fortnight') && !marked.includes('startDateTime'),
    `the period field is marked: ${JSON.stringify(marks)} (${problem})`);
  assert.ok(await page.locator('#code-editor .cm-gutter-lint .cm-lint-marker-error').count() >= 1, 'a gutter marker');
  // Hovering the mark shows the problem's message.
  await page.locator('#code-editor .cm-lintRange-error').first().hover();
  const tip = page.locator('#code-editor .cm-tooltip-lint');
  await tip.waitFor();
  assert.match(await tip.textContent(), /period/i);
  // Fixed: the mark goes.
  await ed.typeCode(original);
  await until(async () => (await ed.codeMarks()).length === 0, 'mark cleared');
  // Broken JSON: kept as typed, marked on the line the error names.
  const broken = original.replace('"echo hello"', '"echo hello",,');
  await ed.typeCode(broken);
  const err = await page.locator('#code-error').textContent();
  const line = Number(/error at (\d+):\d+/.exec(err)[1]);
  const syntax = await until(async () => page.locator('#code-editor .cm-line:has(.cm-lintRange-error)').first().textContent().catch(() => null), 'syntax mark');
  assert.equal(syntax, broken.split('\n')[line - 1], `the marked line is line ${line}`);
  assert.equal(await ed.codeText(), broken, 'the typed text is kept');
  assert.equal(await ed.nodeCount(), 3, 'the canvas keeps the last valid version');
});

it('completes type names, field keys of the object\'s type and reference ids', async ({ page }) => {
  const ed = await openCode(page);
  const original = await ed.codeText();
  // A type name: the catalog's types matching what is typed.
  await ed.clickCodeAfter('"stringValue": "ShellCommand');
  for (let i = 0; i < 'Activity'.length; i++) await page.keyboard.press('Delete');
  await page.keyboard.press('Control+Space');
  const types = await completions(page);
  assert.ok(types.includes('ShellCommandActivity') && types.includes('ShellCommandPrecondition'), `${types}`);
  await page.locator('#code-editor .cm-tooltip-autocomplete li', { hasText: 'ShellCommandPrecondition' }).click();
  await until(async () => JSON.stringify(await ed.saved()).includes('ShellCommandPrecondition'), 'the document takes the completed type');
  await ed.typeCode(original);
  // A field key: the keys of SayHello's type (ShellCommandActivity), not Schedule's.
  await ed.clickCodeAfter('"key": "command');
  for (let i = 0; i < 'command'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+Space');
  const keys = await completions(page);
  assert.ok(keys.includes('command') && keys.includes('scriptUri') && keys.includes('runsOn'), `${keys}`);
  assert.ok(!keys.includes('startDateTime'), 'not a Schedule key');
  await page.keyboard.press('Escape');
  await page.keyboard.insertText('command');
  // A reference id: the document's other objects.
  await ed.clickCodeAfter('"refValue": "');
  await page.keyboard.press('Control+Space');
  const ids = await completions(page);
  assert.ok(ids.includes('Default') && ids.includes('Schedule'), `${ids}`);
  assert.ok(!ids.includes('SayHello'), 'not the object itself');
});

it('selecting a node reveals its object in the text; the cursor in an object selects its node', async ({ page }) => {
  const ed = await openCode(page);
  // Canvas -> text: the object's lines are banded and the cursor is on its id.
  await ed.node('Schedule').locator('.node-box').click();
  await until(async () => (await page.locator('#code-editor .cm-selectedObject').allTextContents()).join('\n').includes('"id": "Schedule"'), 'Schedule banded');
  assert.match(await page.locator('#code-editor .cm-activeLine').first().textContent(), /"id": "Schedule"/);
  const banded = (await page.locator('#code-editor .cm-selectedObject').allTextContents()).join('\n');
  assert.ok(!banded.includes('"SayHello"') && !banded.includes('"workerGroup"'), 'only Schedule is banded');
  // Text -> canvas: the cursor moved into SayHello's fields selects its node.
  await ed.clickCodeAfter('"echo hel');
  await until(async () => JSON.stringify(await ed.selectedIds()) === '["SayHello"]', 'SayHello selected on the canvas');
  assert.equal(await page.locator('#code-editor').evaluate((el) => el.codeEditor.hasFocus()), true, 'focus stays in the text');
  // And back: the band follows the cursor's object.
  await until(async () => (await page.locator('#code-editor .cm-selectedObject').allTextContents()).join('\n').includes('echo hello'), 'SayHello banded');
  // Typing in the object keeps the selection and edits the document.
  await page.keyboard.insertText('lo');
  await until(async () => JSON.stringify(await ed.saved()).includes('echo hello'.replace('hello', 'hellolo')), 'typing edits the document');
  assert.deepEqual(await ed.selectedIds(), ['SayHello']);
});
