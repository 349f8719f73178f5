// Shared browser harness for the end-to-end tests: launches Debian's Chromium through
// playwright-core, fails a test on any page error or console error, and saves a screenshot
// under e2e/artifacts/ when a test fails.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
}

/**
 * Open a fresh page (own context, empty storage) that records page and console errors.
 * `ctx.errors` lists them; `ctx.finish(t)` asserts there were none and screenshots on failure.
 */
export async function openPage(browser, { viewport = { width: 1400, height: 860 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return { context, page, errors };
}

/** Save a screenshot named after the test (used on failure, and for the README tour). */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`);
  await page.screenshot({ path: file, fullPage: false }).catch(() => {});
  return file;
}

/**
 * Run `body(ctx)` on a fresh page: the test fails on any page or console error, and a failing
 * test leaves a screenshot under e2e/artifacts/. `expectErrors` lists console errors a test
 * provokes on purpose (e.g. the browser's log line for a refused connection). Use as `test(name, () => withPage(browser, name, async (ctx) => …))`.
 */
export async function withPage(browser, name, body, { expectErrors = [], ...options } = {}) {
  const ctx = await openPage(browser, options);
  try {
    await body(ctx);
    // The browser logs a failed fetch as a console error; a test that provokes one says so.
    const unexpected = ctx.errors.filter((e) => !expectErrors.some((re) => re.test(e)));
    if (unexpected.length) throw new Error(`page or console errors:\n${unexpected.join('\n')}`);
  } catch (e) {
    const file = await screenshot(ctx.page, `failed-${name}`);
    e.message += `\n(screenshot: ${file})`;
    throw e;
  } finally {
    await ctx.context.close();
  }
}

/**
 * Poll `fn` every 50 ms until it returns something truthy, and return that; throw naming `what`
 * after `ms` (8 s: a template or a lazily loaded bundle can take that long under load).
 */
export async function until(fn, what, ms = 8000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
