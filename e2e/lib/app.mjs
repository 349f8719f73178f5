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
    // Simulator and Export are loaded when first opened: wait until they have mounted.
    if (area !== 'Editor') await this.page.locator(`#${area.toLowerCase()}-root > :not(.lazy-status)`).first().waitFor();
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

/** localStorage key of the autosaved document (src/ui/store.rs AUTOSAVE_KEY). */
export const AUTOSAVE_KEY = 'pipeline-studio.document';

/** The visual editor, as a user drives it. */
export class Editor {
  constructor(page) { this.page = page; }

  node(id) { return this.page.locator(`#canvas g.node[data-id="${id}"]`); }
  field(key) { return this.page.locator(`#inspector [data-field="${key}"]`).first(); }

  async nodeCount() { return this.page.locator('#canvas g.node').count(); }
  async newDocument() { await this.page.locator('#btn-new').click(); }
  async loadTemplate(name) { await this.page.locator('#template-select').selectOption({ label: name }); }

  /** Add an object of `type` from the palette (click = Enter on the item); it becomes selected. */
  async add(type) {
    await this.page.locator(`.palette-item[data-type="${type}"]`).click();
  }

  async select(id) {
    await this.node(id).locator('.node-box').click();
    await this.page.locator(`#inspector .object-inspector[data-object="${id}"]`).waitFor();
  }

  /** Type into a text field of the inspector and commit it (change event). */
  async setText(key, value) {
    const f = this.field(key);
    await f.fill(value);
    await f.press('Enter');
    await f.dispatchEvent('change');
  }

  /** Pick a value from a dropdown (reference lists fill in when the dropdown gets focus). */
  async choose(key, value) { await this.field(key).focus(); await this.field(key).selectOption(value); }

  async addOptionalField(key) { await this.page.locator('#add-field').selectOption(key); await this.field(key).waitFor(); }

  async renameSelected(newId) {
    const f = this.page.locator('#object-id');
    await f.fill(newId);
    await f.dispatchEvent('change');
  }

  /** Drag from `from`'s handle onto `to`, as a user connects two nodes. */
  async connect(from, to) {
    const h = await this.node(from).locator('.handle').boundingBox();
    const t = await this.node(to).locator('.node-box').boundingBox();
    await this.page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Drag a node by (dx, dy) screen pixels. */
  async drag(id, dx, dy) {
    const b = await this.node(id).locator('.node-box').boundingBox();
    const x = b.x + 60; const y = b.y + b.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 6 });
    await this.page.mouse.up();
  }

  /** One edge (reference) `from.key -> to` on the canvas. */
  edge(from, key, to) {
    return this.page.locator(`#canvas g.edge[data-from="${from}"][data-key="${key}"][data-to="${to}"]`);
  }

  /** Click on the middle of an edge's line, as a user selects a reference. */
  async clickEdge(from, key, to) {
    const p = await this.edge(from, key, to).locator('.edge-line').evaluate((path) => {
      const m = path.getPointAtLength(path.getTotalLength() / 2);
      const ctm = path.getScreenCTM();
      return { x: m.x * ctm.a + m.y * ctm.c + ctm.e, y: m.x * ctm.b + m.y * ctm.d + ctm.f };
    });
    await this.page.mouse.click(p.x, p.y);
  }

  /** Shift-drag a selection rectangle between two page points. */
  async marquee(x0, y0, x1, y1) {
    await this.page.keyboard.down('Shift');
    await this.page.mouse.move(x0, y0);
    await this.page.mouse.down();
    await this.page.mouse.move(x1, y1, { steps: 8 });
    await this.page.mouse.up();
    await this.page.keyboard.up('Shift');
  }

  /** The canvas's pan and zoom: { x, y, k } from its transform group. */
  async viewport() {
    const t = await this.page.locator('#canvas > g.viewport').getAttribute('transform');
    const [x, y, k] = /translate\(([-\d.]+),([-\d.]+)\) scale\(([-\d.]+)\)/.exec(t).slice(1).map(Number);
    return { x, y, k };
  }

  /** Ids of the selected objects, in document order. */
  async selectedIds() {
    return this.page.locator('#canvas g.node.selected').evaluateAll((ns) => ns.map((n) => n.dataset.id));
  }

  /** The screen box around every drawn node (page coordinates; nodes far out of view are not drawn). */
  async nodesBox() {
    const boxes = await this.page.locator('#canvas g.node:not(.culled) .node-box').evaluateAll((rs) =>
      rs.map((r) => { const b = r.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }));
    return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  }

  async severity(id) { return (await this.node(id).getAttribute('data-severity')) ?? ''; }
  async problems() { return this.page.locator('#problem-list .problem').allTextContents(); }

  /** Leave any text field, so the editor's shortcuts apply. */
  async blur() { await this.page.evaluate(() => document.activeElement?.blur()); }
  async undo() { await this.blur(); await this.page.keyboard.press('Control+z'); }
  async redo() { await this.blur(); await this.page.keyboard.press('Control+Shift+z'); }

  /** The autosaved document: { name, definition, positions }. */
  async saved() {
    return this.page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.doc ?? null, AUTOSAVE_KEY);
  }

  /** Show the code view (loaded with the areas module on first use, its editor bundle after
   * that: wait until the editor is there). */
  async showCode() {
    await this.page.locator('#side-code').click();
    await this.page.locator('#code-editor .cm-content').waitFor();
  }
  async showInspector() { await this.page.locator('#side-inspector').click(); }
  /** The code view's whole text (the editor draws only the lines in view). */
  async codeText() { return this.page.locator('#code-editor').evaluate((el) => el.codeEditor.getText()); }
  /** Replace the code view's text as a user would: select all, delete, insert the new text. */
  async typeCode(text) {
    await this.page.locator('#code-editor .cm-content').click();
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }
  /** Put the code view's cursor just after the first occurrence of `needle`, as a user would:
   * a click on its line, End, then arrow keys back to the spot. */
  async clickCodeAfter(needle) {
    const at = await this.page.locator('#code-editor').evaluate((el, n) => {
      const t = el.codeEditor.getText(); const i = t.indexOf(n);
      if (i < 0) return null;
      const pos = i + n.length; const end = t.indexOf('\n', pos);
      return { pos, left: (end < 0 ? t.length : end) - pos };
    }, needle);
    assert.ok(at, `${needle} in the code`);
    await this.page.locator('#code-editor').evaluate((el, p) => el.codeEditor.scrollTo(p), at.pos);
    const box = await this.page.locator('#code-editor').evaluate((el, p) => el.codeEditor.coordsAt(p), at.pos);
    assert.ok(box, `position ${at.pos} drawn`);
    await this.page.mouse.click(box.x, box.y);
    await this.page.keyboard.press('End');
    for (let i = 0; i < at.left; i++) await this.page.keyboard.press('ArrowLeft');
    const cursor = await this.page.locator('#code-editor').evaluate((el) => el.codeEditor.cursor());
    assert.equal(cursor, at.pos, `the cursor after ${needle}`);
  }
  /** The code view's visible lines that carry a problem mark, with their severity. */
  async codeMarks() {
    return this.page.locator('#code-editor .cm-lintRange').evaluateAll((rs) =>
      rs.map((r) => ({ severity: [...r.classList].find((c) => /^cm-lintRange-/.test(c))?.slice(13), text: r.textContent })));
  }

  async importFile(path) { await this.page.locator('#import-file').setInputFiles(path); }
  async status() { return (await this.page.locator('#status-message').textContent()).trim(); }
  async isDirty() { return this.page.locator('.dirty').isVisible(); }
}

/** The page and console errors a test must assert empty (none are tolerated). */
export function editorErrors(errors) {
  return errors;
}
