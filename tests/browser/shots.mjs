// Screenshots of pages for people to look at (not a test): desktop and phone widths.
//   node tests/browser/shots.mjs BASE_URL OUTDIR [USER PASSWORD] PATH[@SELECTOR]...
// With USER and PASSWORD it signs in first (through the form), so pages show what a
// signed-in reader, critic, editor or admin sees.
import { chromium } from 'playwright-core';

const [base, out, ...rest] = process.argv.slice(2);
let user = null, password = null, paths = rest;
if (rest.length >= 2 && !rest[0].startsWith('/')) [user, password, ...paths] = rest;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (user) {
    await page.goto(base + '/account/signin');
    await page.fill('#username', user);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
  }
  // "PATH@SELECTOR" takes only that element (a long page's one block).
  for (const spec of paths) {
    const [path, selector] = spec.split('@');
    await page.goto(base + path);
    const name = spec.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    const shot = { path: `${out}/${name}-${label}.png` };
    if (selector) await page.locator(selector).first().screenshot(shot);
    else await page.screenshot({ ...shot, fullPage: true });
  }
  await context.close();
}
await browser.close();
