// Selecting at scale (issue 21 item 3): what a click or a hover changes stays small.
// - The canvas draws only its drawn part (the view and half a view around): farther nodes keep
//   their focusable, named group but their shapes are not displayed; panning draws what comes in.
// - The node under the mouse is ringed from outside the canvas: hovering changes nothing in it
//   (a :hover style repainted the whole canvas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorTests } from './lib/editor-tests.mjs';

const { open, ctx } = editorTests();

/** A definition with `n` activities in a chain (auto-placed in a long row) plus Default and Schedule. */
function chain(n) {
  const objects = [
    { id: 'Default', name: 'Default', workerGroup: 'wg', schedule: { ref: 'Schedule' } },
    { id: 'Schedule', name: 'Schedule', type: 'Schedule', period: '1 day', startAt: 'FIRST_ACTIVATION_DATE_TIME' },
  ];
  for (let i = 0; i < n; i++) {
    const a = { id: `Act${i}`, name: `Act${i}`, type: 'ShellCommandActivity', command: `echo ${i}` };
    if (i > 0) a.dependsOn = { ref: `Act${i - 1}` };
    objects.push(a);
  }
  return JSON.stringify({ objects });
}

async function load(ed, n) {
  await ed.importFile({ name: `chain-${n}.json`, mimeType: 'application/json', buffer: Buffer.from(chain(n)) });
  await ctx.page.waitForFunction((k) => document.querySelectorAll('#canvas g.node').length === k, n + 2);
}

/** Per node: id, culled, focusable and named, and whether its box (from its transform and the
 *  viewport) lies in the canvas on screen. */
async function nodes(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('#canvas');
    const c = svg.getBoundingClientRect();
    const [vx, vy, k] = /translate\(([-\d.]+),([-\d.]+)\) scale\(([-\d.]+)\)/
      .exec(svg.querySelector('g.viewport').getAttribute('transform')).slice(1).map(Number);
    return [...svg.querySelectorAll('g.node')].map((g) => {
      const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute('transform')).slice(1).map(Number);
      const left = x * k + vx; const top = y * k + vy;
      const inView = left < c.width && left + 190 * k > 0 && top < c.height && top + 56 * k > 0;
      return {
        id: g.dataset.id,
        culled: g.classList.contains('culled'),
        boxShown: getComputedStyle(g.querySelector('.node-box')).display !== 'none',
        named: g.getAttribute('tabindex') === '0' && !!g.getAttribute('aria-label'),
        inView,
      };
    });
  });
}

test('the canvas draws the nodes in and near the view; the others keep a focusable, named group', async () => {
  const ed = await open();
  await load(ed, 300);
  // Zoom in on the first nodes so most of the row is far outside the view.
  const canvas = await ctx.page.locator('#canvas').boundingBox();
  await ctx.page.mouse.move(canvas.x + 40, canvas.y + canvas.height / 2);
  for (let i = 0; i < 12; i++) await ctx.page.mouse.wheel(0, -200);
  await ctx.page.waitForFunction(() => document.querySelector('#canvas g.node.culled'));
  let all = await nodes(ctx.page);
  const drawn = all.filter((n) => !n.culled);
  const culled = all.filter((n) => n.culled);
  assert.ok(culled.length > 100, `most of the 302 nodes are far away: ${culled.length} culled`);
  assert.ok(drawn.length > 0, 'some are drawn');
  assert.deepEqual(all.filter((n) => n.inView && n.culled).map((n) => n.id), [], 'every node in view is drawn');
  assert.ok(all.every((n) => n.boxShown === !n.culled), 'a culled node shows no box, a drawn one does');
  assert.ok(all.every((n) => n.named), 'every node keeps its tab stop and its name');
  // Pan a long way along the row (drag on empty canvas, below the row and above the minimap):
  // what comes into view is drawn.
  const before = new Set(drawn.map((n) => n.id));
  const vp = await ed.viewport();
  const y = canvas.y + canvas.height * 0.72;
  for (let i = 0; i < 3; i++) {
    await ctx.page.mouse.move(canvas.x + 20, y);
    await ctx.page.mouse.down();
    await ctx.page.mouse.move(canvas.x + canvas.width - 250, y, { steps: 6 });
    await ctx.page.mouse.up();
  }
  assert.ok((await ed.viewport()).x > vp.x + 1000, 'the view moved along the row');
  await ctx.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  all = await nodes(ctx.page);
  assert.deepEqual(all.filter((n) => n.inView && n.culled).map((n) => n.id), [], 'after the pan, every node in view is drawn');
  assert.ok(all.some((n) => n.inView && !before.has(n.id)), 'the pan brought other nodes into view');
});

test('hovering a node rings it from outside the canvas and changes nothing in the canvas', async () => {
  const ed = await open();
  await ctx.page.evaluate(() => {
    window.__canvasChanges = 0;
    new MutationObserver((ms) => { window.__canvasChanges += ms.length; })
      .observe(document.querySelector('#canvas'), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const box = await ed.node('SayHello').locator('.node-box').boundingBox();
  await ctx.page.mouse.move(box.x + 40, box.y + box.height / 2);
  const ring = ctx.page.locator('.hover-overlay');
  await ctx.page.waitForFunction(() => getComputedStyle(document.querySelector('.hover-overlay')).visibility === 'visible');
  const r = await ring.boundingBox();
  // The ring lies on the box's outline; its handle sticks out on the right.
  assert.ok(Math.abs(r.x - box.x) < 3 && Math.abs(r.y - box.y) < 3 && Math.abs(r.height - box.height) < 3,
    `ring ${JSON.stringify(r)} on box ${JSON.stringify(box)}`);
  assert.equal(await ctx.page.evaluate(() => window.__canvasChanges), 0, 'the canvas did not change');
  // Away from the nodes, the ring hides.
  await ctx.page.mouse.move(box.x + 40, box.y + box.height + 150);
  await ctx.page.waitForFunction(() => getComputedStyle(document.querySelector('.hover-overlay')).visibility === 'hidden');
});

test('a click\'s frame shows the selected node; the inspector is built in the task after it', async () => {
  const ed = await open();
  const ids = await ctx.page.evaluate(() => [...document.querySelectorAll('#canvas g.node')].map((g) => g.dataset.id));
  for (const id of ids.slice(0, 3)) {
    // What the page looks like at the first animation frame after the press (the frame that
    // paints the click's feedback): recorded from a rAF callback asked for by the press itself.
    await ctx.page.evaluate(() => {
      window.__atFrame = null;
      window.__inspectorChanges = 0;
      const mo = new MutationObserver((ms) => { window.__inspectorChanges += ms.length; });
      mo.observe(document.querySelector('#inspector'), { subtree: true, childList: true, attributes: true, characterData: true });
      document.addEventListener('pointerdown', () => requestAnimationFrame(() => {
        const g = document.querySelector(`#canvas g.node[aria-pressed="true"]`);
        window.__atFrame = { pressed: g?.dataset.id ?? null, inspectorChanges: window.__inspectorChanges };
        mo.disconnect();
      }), { once: true, capture: true });
    });
    const box = await ed.node(id).locator('.node-box').boundingBox();
    await ctx.page.mouse.click(box.x + 30, box.y + box.height / 2);
    await ctx.page.waitForFunction(() => window.__atFrame);
    const atFrame = await ctx.page.evaluate(() => window.__atFrame);
    assert.deepEqual(atFrame, { pressed: id, inspectorChanges: 0 },
      `${id}: the click's frame shows the node selected and leaves the inspector as it was`);
    // Then the inspector shows the object.
    await ctx.page.locator(`#inspector .object-inspector[data-object="${id}"]`).waitFor();
  }
  // Renaming the object shown selects the new id: the inspector goes straight to it, with no
  // frame saying the old id "no longer exists".
  const last = ids[2];
  await ctx.page.evaluate(() => {
    window.__gone = false;
    new MutationObserver(() => {
      if (/no longer exists/.test(document.querySelector('#inspector').textContent)) window.__gone = true;
    }).observe(document.querySelector('#inspector'), { subtree: true, childList: true, characterData: true });
  });
  await ed.renameSelected(`${last}Renamed`);
  await ctx.page.locator(`#inspector .object-inspector[data-object="${last}Renamed"]`).waitFor();
  assert.equal(await ctx.page.evaluate(() => window.__gone), false, 'no "no longer exists" in between');
  // Several selected, or none: shown at once (nothing to build).
  await ctx.page.keyboard.press('Escape');
  await ctx.page.locator('#inspector .object-inspector').waitFor({ state: 'detached' });
});

test('a new object from the palette is in the inspector by the next frame: a rename typed at once lands on it', async () => {
  const ed = await open();
  await ed.select('Default');
  // Adding is not a press on a node: the inspector follows at once, so what the user types next
  // (the new object's id) never lands in the object shown before.
  const atFrame = await ctx.page.evaluate(async () => {
    document.querySelector('.palette-item[data-type="ShellCommandActivity"]').click();
    await new Promise((r) => requestAnimationFrame(r));
    return {
      pressed: document.querySelector('#canvas g.node[aria-pressed="true"]')?.dataset.id ?? null,
      shown: document.querySelector('#inspector .object-inspector')?.dataset.object ?? null,
    };
  });
  assert.ok(atFrame.pressed && atFrame.pressed !== 'Default', JSON.stringify(atFrame));
  assert.equal(atFrame.shown, atFrame.pressed, 'the inspector shows the new object in the first frame');
  await ed.renameSelected('JustAdded');
  await ctx.page.locator('#inspector .object-inspector[data-object="JustAdded"]').waitFor();
  assert.equal(await ed.node('Default').count(), 1, 'Default keeps its id');
  assert.equal(await ed.node(atFrame.pressed).count(), 0, 'the new object was the one renamed');
});
