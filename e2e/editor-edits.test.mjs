// An edit re-renders only what it changes: a MutationObserver on the inspector and the canvas
// records every DOM change an edit makes, and each must be inside the edited field's row (or,
// for a name, inside the renamed object's node). Before nodes and inspector rows read their own
// state, every edit rebuilt the whole inspector and every node re-read the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTOSAVE_KEY } from './lib/app.mjs';
import { editorTests } from './lib/editor-tests.mjs';

const { open, ctx } = editorTests({ select: true });

/** Start recording DOM changes in the inspector and on the canvas. */
async function record(page) {
  await page.evaluate(() => {
    window.__mutations = [];
    const where = (n) => {
      const el = n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement;
      const field = el?.closest('#inspector .field[data-key]');
      if (field) return `field ${field.dataset.key}`;
      const node = el?.closest('#canvas g.node[data-id]');
      if (node) return `node ${node.dataset.id}`;
      return `other ${el?.tagName ?? '?'}#${el?.id ?? ''}.${el?.getAttribute('class') ?? ''}`;
    };
    const mo = new MutationObserver((rs) => {
      for (const r of rs) window.__mutations.push(`${where(r.target)} (${r.type}${r.attributeName ? ' ' + r.attributeName : ''})`);
    });
    const opts = { subtree: true, childList: true, attributes: true, characterData: true };
    mo.observe(document.querySelector('#inspector'), opts);
    mo.observe(document.querySelector('#canvas'), opts);
    window.__observer = mo;
  });
}

/** The changes recorded, after two more frames (everything an edit schedules has run). */
async function recorded(page) {
  return page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    window.__observer.takeRecords();
    window.__observer.disconnect();
    return window.__mutations;
  });
}

test('an edit of one field re-renders only that field', async () => {
  const ed = await open();
  const page = ctx.page;
  const before = await page.locator('#inspector .field[data-key]').count();
  await record(page);
  await ed.setText('command', 'echo "changed"');
  await page.waitForFunction(() => /Set SayHello\.command/.test(document.querySelector('#status-message')?.textContent ?? ''));
  const changes = await recorded(page);
  assert.ok(changes.length > 0, 'the edited field re-renders');
  assert.deepEqual(changes.filter((c) => !c.startsWith('field command ')), [], 'no other row, no node changes');
  assert.equal(await page.locator('#inspector .field[data-key]').count(), before, 'the same rows');
  assert.equal(await ed.field('command').inputValue(), 'echo "changed"');
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? 'null')?.doc?.definition.objects
    .find((o) => o.id === 'SayHello')?.fields.some((f) => f.key === 'command' && f.value.String === 'echo "changed"'), AUTOSAVE_KEY);
});

test('a new name changes its node and nothing else', async () => {
  const ed = await open();
  const page = ctx.page;
  await record(page);
  const name = page.locator('#object-name');
  await name.fill('Greeter');
  await name.dispatchEvent('change');
  await page.waitForFunction(() => /Rename SayHello/.test(document.querySelector('#status-message')?.textContent ?? ''));
  const changes = await recorded(page);
  assert.ok(changes.some((c) => c.startsWith('node SayHello ')), 'the node shows the new name');
  assert.deepEqual(changes.filter((c) => !c.startsWith('node SayHello ')), [], 'no other node, no inspector row changes');
  assert.match(await ed.node('SayHello').getAttribute('aria-label'), /^Greeter ShellCommandActivity, id SayHello$/);
  // Undo puts the old name back in the node and in the inspector's field.
  await ed.undo();
  await page.waitForFunction(() => document.querySelector('#object-name').value === 'SayHello');
  assert.match(await ed.node('SayHello').getAttribute('aria-label'), /^SayHello ShellCommandActivity$/);
});
