// Accessibility: axe-core (npm) audits every area and state these tests reach — the editor
// (sample, a selected object, the parameter cards of a real 11-object template, the code view
// with a syntax error, the reference chooser, the shortcuts dialog), the simulator (running,
// an instance selected with its "Why?", the Rerun preview dialog) and the export (both shapes,
// a failed push) — in the light and the dark scheme. Every rule axe enables by default applies
// (WCAG 2.x A/AA and best practices); a test fails on any violation, listing rule, impact and
// elements.
// The first test shows the audit catches a violation put into the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, withPage } from './lib/browser.mjs';
import { App, Editor } from './lib/app.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TEMPLATE = path.join(HERE, '..', 'tests', 'fixtures', 'aws-templates', 'load-billing-into-redshift.json');
const TIMEOUT_FAIL = path.join(HERE, '..', 'crates', 'studio', 'src', 'simulator', 'fixtures', 'timeout-fail.json');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** axe's violations on the page as it is now, one line per element. The page's CSP allows no
 * injected script tag, so axe is evaluated through the DevTools protocol (as Playwright's
 * evaluate does), which the CSP does not govern. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n')[1]?.trim() ?? ''}`) }));
  });
  return found.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n}`));
}

/** Audit the page in state `state`; collect what axe finds into `report`. */
async function audit(page, state, report) {
  for (const v of await violations(page)) report.push(`[${state}] ${v}`);
}

function assertClean(report) {
  assert.deepEqual(report, [], `axe found ${report.length} violation(s):\n${report.join('\n')}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`the audit catches a violation put into the page (${colorScheme})`, () => withPage(browser, 'axe-canary', async ({ page }) => {
    await new App(page).open();
    assert.deepEqual(await violations(page), [], 'the editor is clean to start with');
    // An icon button without a name, as a careless change would add it.
    await page.locator('#btn-new').evaluate((b) => { b.removeAttribute('aria-label'); b.removeAttribute('title'); b.textContent = ''; });
    const found = await violations(page);
    assert.ok(found.some((v) => /button-name/.test(v) && v.includes('#btn-new')), found.join('\n'));
  }, { colorScheme }));

  test(`editor states have no axe violations (${colorScheme})`, () => withPage(browser, `axe-editor-${colorScheme}`, async ({ page }) => {
    const report = [];
    await new App(page).open();
    const ed = new Editor(page);
    await ed.node('SayHello').waitFor();
    await page.locator('#inspector').waitFor();
    await audit(page, 'editor: sample', report);
    await ed.select('SayHello');
    await audit(page, 'editor: object selected', report);
    await ed.blur();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await audit(page, 'editor: shortcuts dialog', report);
    await page.keyboard.press('Escape');
    // The reference chooser: a connection with more than one field it could be (an
    // activity to a data node: input or output).
    await ed.add('S3DataNode');
    const node = await page.locator('#canvas g.node.selected').first().getAttribute('data-id');
    await ed.blur();
    await ed.connect('SayHello', node);
    await page.locator('.chooser').waitFor();
    await audit(page, 'editor: reference chooser', report);
    await page.keyboard.press('Escape');
    // A real 11-object template with eight parameters: the parameter cards.
    await ed.importFile(TEMPLATE);
    await ed.node('RedshiftLoadActivity').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.param-card').first().waitFor();
    await audit(page, 'editor: parameter cards', report);
    // The code view, with a syntax error kept.
    await ed.showCode();
    await audit(page, 'editor: code view', report);
    await ed.typeCode('{"objects": [ {"id": "A",, } ]}');
    await page.locator('#code-error').waitFor();
    await audit(page, 'editor: code view with a syntax error', report);
    assertClean(report);
  }, { colorScheme }));

  test(`simulator states have no axe violations (${colorScheme})`, () => withPage(browser, `axe-simulator-${colorScheme}`, async ({ page }) => {
    const report = [];
    const app = await new App(page).open();
    const ed = new Editor(page);
    await ed.importFile(TIMEOUT_FAIL);
    await page.locator('#canvas g.node[data-id="Extract"]').waitFor();
    await app.switchTo('Simulator');
    await audit(page, 'simulator: before activation', report);
    await page.locator('#sim-seed').fill('1');
    await page.locator('#sim-activate').click();
    await page.getByRole('button', { name: '+1 hour' }).click();
    const extract = page.locator('#sim-instances tbody tr[data-component="Extract"]').first();
    await extract.waitFor();
    await page.locator('#tl-items[aria-busy="false"]').waitFor({ state: 'attached' });
    await audit(page, 'simulator: after an hour', report);
    // The timeline's list shown by keyboard focus, on the lease strip; a runner's story.
    await page.locator('#tl-items button.strip').first().focus();
    await audit(page, 'simulator: timeline list with focus on the lease strip', report);
    await page.locator('.runner-story').first().click();
    await page.locator('#sim-story').waitFor();
    await audit(page, "simulator: a runner's story", report);
    await extract.click();
    await extract.getByRole('button', { name: /Why is/ }).click();
    await page.locator('#sim-why').waitFor();
    await audit(page, 'simulator: instance selected, Why?', report);
    const id = await extract.getAttribute('data-id');
    await page.getByRole('button', { name: `Rerun ${id}…` }).click();
    await page.getByRole('dialog').waitFor();
    await audit(page, 'simulator: Rerun preview dialog', report);
    await page.keyboard.press('Escape');
    assertClean(report);
  }, { colorScheme }));

  test(`export states have no axe violations (${colorScheme})`, () => withPage(browser, `axe-export-${colorScheme}`, async ({ page }) => {
    const report = [];
    const app = await new App(page).open();
    await app.switchTo('Export');
    await audit(page, 'export: API shape', report);
    await page.getByLabel('CLI definition file').check();
    await audit(page, 'export: CLI file', report);
    // "AWS through the local relay" with no relay running: the message shown.
    await page.locator('#push-relay-url').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Check the relay' }).click();
    await page.locator('#relay-status.err').waitFor();
    await audit(page, 'export: relay not running', report);
    // A push to an endpoint that refuses the connection: the outcome shown.
    await page.getByRole('radio', { name: 'Custom endpoint' }).check();
    await page.locator('#push-endpoint').fill('http://127.0.0.1:9/');
    await page.locator('#push-region').fill('us-east-1');
    await page.locator('#push-key-id').fill('AKIDEXAMPLE');
    await page.locator('#push-secret').fill('secret');
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    await page.locator('#push-outcome.ok, #push-outcome.err').waitFor({ timeout: 20000 });
    await audit(page, 'export: push failed', report);
    assertClean(report);
  }, { colorScheme, expectErrors: [/ERR_CONNECTION_REFUSED|Failed to load resource|net::/] }));
}
