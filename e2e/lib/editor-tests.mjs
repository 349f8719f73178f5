// The harness the editor test files share (a module of its own: it registers node:test hooks,
// and the perf scripts import app.mjs without them): one browser for the file, a fresh page per
// test opened on the app with the SayHello sample drawn, and after each test a screenshot if it
// failed, the page closed and no page or console errors.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './browser.mjs';
import { App, Editor } from './app.mjs';

/**
 * Call once at the top of an editor test file. `open()` opens a fresh page on the app and
 * returns its `Editor` once SayHello is drawn (and selected, with `select`); `ctx.page` and
 * `ctx.errors` are that page's. With `checkErrors: false` the file's tests check the errors
 * themselves (`editorErrors`) instead of every test failing on any.
 */
export function editorTests({ select = false, checkErrors = true } = {}) {
  let browser;
  let current = null;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });
  afterEach(async (t) => {
    if (current && t.passed === false) await screenshot(current.page, `failed-${t.name}`);
    const errors = current?.errors ?? [];
    await current?.context.close();
    current = null;
    if (checkErrors) assert.deepEqual(errors, [], 'page or console errors');
  });
  const ctx = {
    get page() { return current?.page; },
    get errors() { return current?.errors; },
  };
  async function open() {
    current = await openPage(browser);
    await new App(current.page).open();
    const ed = new Editor(current.page);
    await ed.node('SayHello').waitFor();
    if (select) await ed.select('SayHello');
    return ed;
  }
  return { open, ctx };
}
