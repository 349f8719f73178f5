// More of the visual editor, as a user drives it: deleting a reference, copy/paste and
// duplicate, rectangle selection, SVG/PNG export, minimap, touch pinch, problems list,
// and that a drag redraws only the drag layer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { until } from './lib/browser.mjs';
import { App } from './lib/app.mjs';
import { editorTests } from './lib/editor-tests.mjs';

const { open, ctx } = editorTests();

const savedIds = async (ed) => (await ed.saved())?.definition.objects.map((o) => o.id) ?? [];

test('delete a reference, then undo brings it back', async () => {
  const ed = await open();
  const app = new App(ctx.page);
  const edge = ed.edge('SayHello', 'schedule', 'Schedule');
  // Edges are named buttons for assistive technology.
  await ctx.page.getByRole('button', { name: 'Reference SayHello.schedule to Schedule' }).waitFor();
  await ed.clickEdge('SayHello', 'schedule', 'Schedule');
  await until(async () => (await edge.getAttribute('aria-pressed')) === 'true', 'edge selected');
  await ed.blur();
  await ctx.page.keyboard.press('Delete');
  await until(async () => !(await app.edges()).includes('SayHello -schedule-> Schedule'), 'edge deleted');
  assert.ok((await app.edges()).includes('SayHello -parent-> Default'), 'other references stay');
  assert.equal(await ed.nodeCount(), 3, 'objects stay');
  await ed.undo();
  await until(async () => (await app.edges()).includes('SayHello -schedule-> Schedule'), 'edge restored');
});

test('copy/paste and Ctrl+D make objects with unique ids', async () => {
  const ed = await open();
  await ed.select('SayHello');
  await ed.blur();
  await ctx.page.keyboard.press('Control+c');
  await ctx.page.keyboard.press('Control+v');
  await until(async () => (await ed.nodeCount()) === 4, 'pasted');
  await ctx.page.keyboard.press('Control+d');
  await until(async () => (await ed.nodeCount()) === 5, 'duplicated');
  const ids = await new App(ctx.page).canvasObjectIds();
  assert.equal(new Set(ids).size, 5, `unique ids: ${ids}`);
  const saved = await until(async () => { const s = await savedIds(ed); return s.length === 5 ? s : null; }, 'autosave');
  assert.equal(new Set(saved).size, 5, `unique saved ids: ${saved}`);
  // The duplicate is selected, and it is a ShellCommandActivity like the original.
  const [dup] = await ed.selectedIds();
  assert.ok(dup && dup !== 'SayHello', dup);
  assert.match(await ed.node(dup).getAttribute('aria-label'), /ShellCommandActivity/);
});

test('shift-drag a rectangle selects several nodes; Delete removes them as one undo step', async () => {
  const ed = await open();
  const [l, t, r, b] = await ed.nodesBox();
  await ed.marquee(l - 20, t - 20, r + 20, b + 20);
  assert.deepEqual((await ed.selectedIds()).sort(), ['Default', 'SayHello', 'Schedule']);
  await ctx.page.keyboard.press('Delete');
  await until(async () => (await ed.nodeCount()) === 0, 'all deleted');
  await ed.undo();
  await until(async () => (await ed.nodeCount()) === 3, 'one undo restores all three');
  assert.equal((await new App(ctx.page).edges()).length, 2, 'with their references');
});

test('export the drawing as SVG and PNG files', async () => {
  const ed = await open();
  const [svgDl] = await Promise.all([ctx.page.waitForEvent('download'), ctx.page.locator('#btn-svg').click()]);
  assert.match(svgDl.suggestedFilename(), /\.svg$/);
  const svg = readFileSync(await svgDl.path(), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  for (const id of ['SayHello', 'Schedule', 'Default']) assert.ok(svg.includes(`>${id}<`), id);
  const [pngDl] = await Promise.all([ctx.page.waitForEvent('download'), ctx.page.locator('#btn-png').click()]);
  assert.match(pngDl.suggestedFilename(), /\.png$/);
  const png = readFileSync(await pngDl.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.ok(png.length > 1000, `PNG of ${png.length} bytes`);
  await ctx.page.waitForFunction(() => /Downloaded .*\.png/.test(document.querySelector('#status-message')?.textContent ?? ''));
});

test('clicking the minimap moves the view there', async () => {
  const ed = await open();
  const before = await ed.viewport();
  const mini = await ctx.page.locator('.minimap').boundingBox();
  await ctx.page.mouse.click(mini.x + 8, mini.y + 8);
  const after = await until(async () => { const v = await ed.viewport(); return v.x !== before.x || v.y !== before.y ? v : null; }, 'view moved');
  assert.equal(after.k, before.k, 'zoom unchanged');
  // The top-left of the minimap is up and left of the drawing: the view pans towards it.
  assert.ok(after.x > before.x && after.y > before.y, `${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
});

test('a two-finger pinch on the canvas zooms in and out', async () => {
  const ed = await open();
  const cdp = await ctx.page.context().newCDPSession(ctx.page);
  const c = await ctx.page.locator('#canvas').boundingBox();
  const cx = c.x + c.width / 2; const cy = c.y + c.height / 2 + 150;
  const pinch = async (from, to) => {
    const pts = (d) => [{ x: cx - d, y: cy, id: 0 }, { x: cx + d, y: cy, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pts(from) });
    for (let i = 1; i <= 6; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pts(from + ((to - from) * i) / 6) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  const k0 = (await ed.viewport()).k;
  await pinch(40, 120);
  const k1 = await until(async () => { const v = await ed.viewport(); return v.k > k0 * 1.5 ? v.k : null; }, 'zoomed in');
  await pinch(120, 40);
  await until(async () => (await ed.viewport()).k < k1 / 1.5, 'zoomed out');
  assert.equal(await ed.nodeCount(), 3, 'a pinch on empty space changes no object');
});

test('clicking a problem selects its object and focuses the field', async () => {
  const ed = await open();
  await ed.select('Default');
  await ed.setText('workerGroup', '');
  await until(async () => (await ed.severity('Default')) === 'error', 'error marker');
  await ed.select('SayHello');
  await ctx.page.locator('#problem-list .problem[data-object="Default"][data-field="workerGroup"]').first().click();
  await ctx.page.locator('#inspector .object-inspector[data-object="Default"]').waitFor();
  assert.deepEqual(await ed.selectedIds(), ['Default']);
  await until(async () => ctx.page.evaluate(() => document.activeElement?.dataset?.field === 'workerGroup'), 'field focus');
});

/** Press on a node and move until the drag has started; returns the pointer position. */
async function startDrag(ed, id) {
  const b = await ed.node(id).locator('.node-box').boundingBox();
  const x = b.x + 60; const y = b.y + b.height / 2;
  await ctx.page.mouse.move(x, y);
  await ctx.page.mouse.down();
  await ctx.page.mouse.move(x + 20, y + 10, { steps: 3 });
  return { x: x + 20, y: y + 10 };
}

test('while a node is dragged only the drag layer changes; release is one undo step', async () => {
  const ed = await open();
  const before = (await ed.saved()).positions.Schedule;
  const p = await startDrag(ed, 'Schedule');
  await ctx.page.locator('#drag-layer .node.ghost').waitFor();
  await ctx.page.evaluate(() => {
    window.__mut = { canvas: 0, layer: 0 };
    const watch = (el, k) => new MutationObserver((ms) => { window.__mut[k] += ms.length; })
      .observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    watch(document.querySelector('#canvas'), 'canvas');
    watch(document.querySelector('#drag-layer'), 'layer');
  });
  await ctx.page.mouse.move(p.x + 160, p.y + 96, { steps: 10 });
  await ctx.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const m = await ctx.page.evaluate(() => window.__mut);
  assert.equal(m.canvas, 0, 'the canvas does not change during the drag');
  assert.ok(m.layer > 0, 'the drag layer follows the pointer');
  // The dragged edges move with the node in the layer.
  assert.ok(await ctx.page.locator('#drag-layer g.edge[data-from="SayHello"][data-key="schedule"]').count() === 1);
  await ctx.page.mouse.up();
  const after = await until(async () => {
    const s = (await ed.saved()).positions.Schedule;
    return s.x !== before.x ? s : null;
  }, 'move committed');
  assert.ok(after.x > before.x && after.y > before.y, `${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
  assert.equal(await ctx.page.locator('#drag-layer .node').count(), 0, 'the layer is empty again');
  await ed.undo();
  await until(async () => JSON.stringify((await ed.saved()).positions.Schedule) === JSON.stringify(before), 'one undo step');
});

test('a cancelled drag leaves the node where it was', async () => {
  const ed = await open();
  const before = await ed.node('Schedule').getAttribute('transform');
  const p = await startDrag(ed, 'Schedule');
  await ctx.page.mouse.move(p.x + 100, p.y + 50, { steps: 4 });
  await ctx.page.locator('#canvas').dispatchEvent('pointercancel', { pointerId: 1, bubbles: true });
  await ctx.page.mouse.up();
  await until(async () => (await ctx.page.locator('#drag-layer .node').count()) === 0, 'layer cleared');
  assert.equal(await ed.node('Schedule').getAttribute('transform'), before);
  assert.equal(await ed.isDirty(), false, 'nothing changed');
});
