// Screenshots of each area of the real app for the README (docs/*.png), light and dark.
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
} finally { await browser.close(); }
