// The app shell: it loads with the sample pipeline, and switching areas keeps the document.
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

test('the app loads with the SayHello sample on the canvas', async () => {
  ctx = await openPage(browser);
  const app = await new App(ctx.page).open();
  assert.equal(await ctx.page.title(), 'Pipeline Studio');
  assert.equal(await app.pipelineName(), 'SayHello');
  assert.deepEqual(await app.canvasObjectIds(), ['Default', 'Schedule', 'SayHello']);
  const edges = await app.edges();
  assert.ok(edges.includes('SayHello -schedule-> Schedule'), edges.join(', '));
  assert.ok(edges.includes('SayHello -parent-> Default'), edges.join(', '));
  assertNoErrors(ctx.errors);
});

test('switching areas keeps the document and is keyboard reachable', async () => {
  ctx = await openPage(browser);
  const app = await new App(ctx.page).open();
  const before = await app.canvasObjectIds();
  await app.switchTo('Simulator');
  assert.equal(await ctx.page.locator('#area-editor').isVisible(), false);
  await app.switchTo('Export');
  // Arrow keys move between tabs, as in any tab list.
  await ctx.page.getByRole('tab', { name: 'Export' }).focus();
  await ctx.page.keyboard.press('ArrowRight');
  await ctx.page.locator('#area-editor').waitFor({ state: 'visible' });
  assert.deepEqual(await app.canvasObjectIds(), before);
  assert.match(await ctx.page.locator('#status-objects').textContent(), /3 objects/);
  assertNoErrors(ctx.errors);
});

test('the page runs under a strict Content-Security-Policy', async () => {
  ctx = await openPage(browser);
  const violations = [];
  await ctx.page.exposeFunction('reportViolation', (v) => violations.push(v));
  await ctx.page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await new App(ctx.page).open();
  const csp = await ctx.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.equal(await ctx.page.locator('script:not([src])').count(), 0, 'no inline scripts');
  assert.deepEqual(violations, []);
  assertNoErrors(ctx.errors);
});
