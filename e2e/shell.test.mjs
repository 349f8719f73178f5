// The app shell: it loads with the sample pipeline, and switching areas keeps the document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });
const it = (name, body) => test(name, () => withPage(browser, name, body));

it('the app loads with the SayHello sample on the canvas', async ({ page }) => {
  const app = await new App(page).open();
  assert.equal(await page.title(), 'Pipeline Studio');
  assert.equal(await app.pipelineName(), 'SayHello');
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Schedule', 'SayHello']);
  const edges = await app.edges();
  assert.ok(edges.includes('SayHello -schedule-> Schedule'), edges.join(', '));
  assert.ok(edges.includes('SayHello -parent-> Default'), edges.join(', '));
});

it('the palette, inspector, minimap and shortcuts mount after the first frame and work on first use', async ({ page }) => {
  // What the first frame (the one in which the sample's nodes appear) holds.
  await page.addInitScript(() => {
    const tick = () => {
      if (!document.querySelector('#canvas g.node')) { requestAnimationFrame(tick); return; }
      window.__firstFrame = {
        tabs: !!document.querySelector('#tab-simulator'),
        toolbar: !!document.querySelector('#btn-new'),
        palette: !!document.querySelector('.palette-item'),
        inspector: !!document.querySelector('#inspector'),
        minimap: !!document.querySelector('.minimap'),
      };
      // After that frame has been rendered: its drawing was shown fitted to the canvas.
      setTimeout(() => {
        const vp = document.querySelector('#canvas g.viewport');
        window.__afterFirstFrame = { fitted: !vp.classList.contains('unfitted'), transform: vp.getAttribute('transform') };
      }, 0);
    };
    requestAnimationFrame(tick);
  });
  const app = await new App(page).open();
  await page.waitForFunction(() => window.__firstFrame);
  assert.deepEqual(await page.evaluate(() => window.__firstFrame),
    { tabs: true, toolbar: true, palette: false, inspector: false, minimap: false });
  const shown = await page.evaluate(() => window.__afterFirstFrame);
  assert.ok(shown.fitted, JSON.stringify(shown));
  assert.notEqual(shown.transform, 'translate(0.00,0.00) scale(1.0000)', 'the first frame shows the drawing fitted');
  // They arrive right after, and work: keyboard to the palette, add an object, inspect it.
  await page.locator('#palette-search').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#canvas g.node').length === 4);
  await page.locator('#inspector .object-inspector').waitFor();
  assert.equal(await page.locator('.minimap').count(), 1);
  await page.locator('#canvas').focus();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'visible' });
  assert.deepEqual((await app.canvasObjectIds()).length, 4);
});

it('switching areas keeps the document and is keyboard reachable', async ({ page }) => {
  const app = await new App(page).open();
  const before = await app.canvasObjectIds();
  await app.switchTo('Simulator');
  assert.equal(await page.locator('#area-editor').isVisible(), false);
  await app.switchTo('Export');
  // Arrow keys move between tabs, as in any tab list.
  await page.getByRole('tab', { name: 'Export' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.locator('#area-editor').waitFor({ state: 'visible' });
  assert.deepEqual(await app.canvasObjectIds(), before);
  assert.match(await page.locator('#status-objects').textContent(), /3 objects/);
});

it('the page runs under a strict Content-Security-Policy', async ({ page }) => {
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await new App(page).open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
  assert.deepEqual(violations, []);
});

it('the colour scheme follows the system setting', async ({ page }) => {
  await new App(page).open();
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await bg();
  assert.notEqual(light, dark);
});

it('Simulator and Export load only when wanted, and stay in step with the editor', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const app = await new App(page).open();
  assert.ok(!fetched.some((u) => u.includes('pipeline-studio-areas')), 'the first load does not fetch the areas module');

  await app.switchTo('Export');
  await page.locator('#export-text').waitFor();
  assert.ok(fetched.some((u) => u.includes('pipeline-studio-areas')), 'opening Export loads the areas module');
  // Served under content-hashed names, so a browser never runs a stale cached copy.
  const lazy = fetched.map((u) => new URL(u).pathname).filter((p) => /\/(pipeline-studio-areas|sim-controls|simulator)[-_.]/.test(p));
  for (const file of [/\/pipeline-studio-areas-[0-9a-f]{16}\.js$/, /\/pipeline-studio-areas-[0-9a-f]{16}_bg\.wasm$/, /\/sim-controls-[0-9a-f]{16}\.css$/, /\/simulator-[0-9a-f]{16}\.css$/]) {
    assert.ok(lazy.some((p) => file.test(p)), `${file} fetched: ${lazy.join(', ')}`);
  }
  assert.ok(lazy.every((p) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(p)), `hashed names only: ${lazy.join(', ')}`);
  assert.match(await page.locator('#export-text').textContent(), /"SayHello"/);

  // An edit in the editor reaches the loaded areas.
  await app.switchTo('Editor');
  await new Editor(page).add('SnsAlarm');
  await app.switchTo('Export');
  await page.waitForFunction(() => /SnsAlarm/.test(document.querySelector('#export-text')?.textContent ?? ''));

  // A command of the areas reaches the app's status line.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  await download;
  // The status line follows the download in a later task.
  await page.waitForFunction(() => /^Downloaded /.test(document.querySelector('#status-message')?.textContent.trim() ?? ''));
});

it('the code view, templates, import and auto-layout come with the areas module on first use', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const app = await new App(page).open();
  const ed = new Editor(page);
  const areas = () => fetched.some((u) => u.includes('pipeline-studio-areas'));
  assert.ok(!areas(), 'the first load does not fetch the areas module');
  // The sample is shown, selectable and validated without it.
  await ed.select('SayHello');
  assert.ok(!areas(), 'selecting does not load it');

  await ed.showCode();
  assert.ok(areas(), 'the code view loads the areas module');
  await page.waitForFunction(() => /"pipelineObjects"/.test(document.querySelector('#code-editor')?.codeEditor?.getText() ?? ''));

  await ed.loadTemplate('Copy S3 to S3');
  await ed.node('CopyData').waitFor();
  assert.equal(await app.pipelineName(), 'Copy S3 to S3');
  await page.locator('#btn-layout').click();
  await page.waitForFunction(() => /^Auto-layout: 6 objects/.test(document.querySelector('#status-message')?.textContent ?? ''));
});

it("an expression's preview is evaluated by the areas module, loaded when a value with #{…} is shown", async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await new App(page).open();
  const ed = new Editor(page);
  const areas = () => fetched.some((u) => u.includes('pipeline-studio-areas'));
  await ed.select('SayHello');
  assert.ok(!areas(), 'a value without an expression needs no preview and no areas module');
  await ed.setText('command', 'echo #{name} runs as #{@id} every #{schedule.period}');
  const preview = page.locator('#inspector .field[data-key="command"] .preview');
  await preview.waitFor();
  assert.ok(areas(), 'the preview loads the areas module');
  assert.equal((await preview.textContent()).trim(), '→ echo SayHello runs as SayHello every 1 hour');
  // The preview follows the document: a change elsewhere (the schedule's period) re-evaluates it.
  await ed.select('Schedule');
  await ed.setText('period', '2 hours');
  await ed.select('SayHello');
  await page.waitForFunction(() => /every 2 hours$/.test(document.querySelector('#inspector .field[data-key="command"] .preview')?.textContent.trim() ?? ''));
  // An expression that does not evaluate says why.
  await ed.setText('command', 'echo #{nothing}');
  await page.waitForFunction(() => /^Expression: 'nothing' is not defined/.test(document.querySelector('#inspector .field[data-key="command"] .preview.bad')?.textContent.trim() ?? ''));
});

it('an import on a fresh page loads the areas module and replaces the document', async ({ page }) => {
  const app = await new App(page).open();
  const ed = new Editor(page);
  const text = JSON.stringify({ objects: [{ id: 'Default', name: 'Default', workerGroup: 'wg' }, { id: 'Hello', name: 'Hello', type: 'ShellCommandActivity', command: 'echo hi' }] });
  await ed.importFile({ name: 'tiny.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await ed.node('Hello').waitFor();
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Hello']);
  assert.equal(await app.pipelineName(), 'tiny');
  assert.match(await ed.status(), /^Imported tiny\.json: 2 objects/);
});
