// Page object for Pipeline Studio: what a user sees and does, in the app's own words.
import assert from 'node:assert/strict';
import { BASE_URL } from './browser.mjs';

export class App {
  constructor(page) { this.page = page; }

  async open(url = BASE_URL) {
    await this.page.goto(url);
    await this.page.locator('#canvas').waitFor({ timeout: 15000 });
    return this;
  }

  /** Switch to an area by its tab: 'Editor', 'Simulator' or 'Export'. */
  async switchTo(area) {
    await this.page.getByRole('tab', { name: area }).click();
    await this.page.locator(`#area-${area.toLowerCase()}`).waitFor({ state: 'visible' });
  }

  async pipelineName() { return (await this.page.locator('#pipeline-name').textContent()).trim(); }

  /** Ids of the objects drawn on the canvas, in document order. */
  async canvasObjectIds() {
    return this.page.locator('#canvas g.node').evaluateAll((nodes) => nodes.map((n) => n.dataset.id));
  }

  async edges() {
    return this.page.locator('#canvas g.edge').evaluateAll((es) =>
      es.map((e) => `${e.dataset.from} -${e.dataset.key}-> ${e.dataset.to}`));
  }
}

/** Assert a test page recorded no page or console errors. */
export function assertNoErrors(errors) { assert.deepEqual(errors, [], 'page or console errors'); }
