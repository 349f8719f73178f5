// Screenshots of each area of the real app for the README (docs/*.png), light and dark, and of
// teaching with it: a lesson step, a story, the timeline's lease strip, a "what if" comparison.
import { launch, openPage } from './lib/browser.mjs';
import { App } from './lib/app.mjs';
import { mkdirSync } from 'node:fs';

mkdirSync('docs', { recursive: true });
const browser = await launch();
try {
  for (const scheme of ['light', 'dark']) {
    const ctx = await openPage(browser, { colorScheme: scheme });
    const app = await new App(ctx.page).open();
    for (const area of ['Editor', 'Simulator', 'Export']) {
      await app.switchTo(area);
      if (area === 'Simulator' && !(await ctx.page.locator('#sim-instances tbody tr').count())) {
        await ctx.page.locator('#sim-activate').click();
        await ctx.page.getByRole('button', { name: '+1 hour' }).click();
        await ctx.page.getByRole('button', { name: '+1 min' }).click();
      }
      const file = `docs/${area.toLowerCase()}${scheme === 'dark' ? '-dark' : ''}.png`;
      await ctx.page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    if (ctx.errors.length) { console.error(ctx.errors.join('\n')); process.exitCode = 1; }
    await ctx.context.close();
  }
  // Teaching (light): a lesson paused at a key moment, an instance's story, a "what if".
  const ctx = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  const page = ctx.page;
  const shot = async (file) => { await page.screenshot({ path: file }); console.log(`wrote ${file}`); };
  // Scroll the simulator's views (not the page) so `sel` is near their top.
  const reveal = (sel) => page.locator(sel).evaluate((e) => {
    const v = document.querySelector('.sim-views');
    v.scrollTop += e.getBoundingClientRect().top - v.getBoundingClientRect().top - 8;
    window.scrollTo(0, 0);
  });
  await page.goto(`${new URL('?lesson=crashed-runner&step=4', process.env.BASE_URL ?? 'http://127.0.0.1:8080/')}`);
  await page.waitForFunction(() => document.querySelector('#lesson-step-no')?.textContent.startsWith('Step 4 ')
    && document.querySelector('#sim-now')?.textContent.includes('00:25:00'), null, { timeout: 30000 });
  await page.waitForTimeout(300);
  await shot('docs/lesson-step.png');
  const hello = '@Hello_2024-01-01T00:00:00';
  await page.locator('#sim-run-lesson').click();
  await page.locator('#sim-progress').waitFor({ state: 'detached', timeout: 60000 });
  await page.locator(`#sim-instances tr[data-id="${hello}"]`).click();
  await page.locator('#sim-story-open').click();
  await page.locator('#sim-story li.story-step[data-moment="lease-expiry"] button').click();
  await reveal('#sim-story');
  await page.locator('#sim-story li.story-step[data-moment="lease-expiry"]').evaluate((e) => {
    const list = e.closest('.story-steps'); list.scrollTop = e.offsetTop - list.offsetTop - 40; });
  await shot('docs/story.png');
  // The timeline's lease strip, the tooltip telling the story step that ended runner-1's lease.
  await reveal('.sim-timeline');
  const box = await page.locator('#sim-timeline').boundingBox();
  const [cx, cy] = await page.locator('#tl-items button.strip.tl-held-left').first().evaluate((b) => [+b.dataset.cx, +b.dataset.cy]);
  await page.mouse.move(box.x + cx, box.y + cy);
  await page.waitForFunction(() => document.querySelector('#tl-tip')?.textContent.includes(' · '));
  await page.locator('.sim-timeline').screenshot({ path: 'docs/timeline-lease.png' });
  console.log('wrote docs/timeline-lease.png');
  await page.locator('#whatif > summary').click();
  await page.locator('#whatif-what').selectOption('maximumRetries');
  await page.locator('#whatif-target').selectOption('Hello');
  await page.locator('#whatif-value').fill('0');
  await page.locator('#whatif-run').click();
  await page.locator('#whatif-result').waitFor();
  await reveal('#whatif');
  await shot('docs/what-if.png');
  if (ctx.errors.length) { console.error(ctx.errors.join('\n')); process.exitCode = 1; }
  await ctx.context.close();
} finally { await browser.close(); }
