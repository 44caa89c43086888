import { launchChromium, BASE } from './e2e/chromium.mjs';
const browser = await launchChromium();
const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'ru-RU' });
const page = await ctx.newPage();
await page.goto(`${BASE}/#/sim/event-loop?preset=queue&t=60`);
await page.locator('.sim.event-loop .listing').waitFor();
await page.waitForTimeout(800);
const total = await page.evaluate(() => document.body.scrollHeight);
console.log('height', total);
for (let y = 600, i = 0; y < total && i < 5; y += 640, i++) {
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.waitForTimeout(200);
  await page.screenshot({ path: `/tmp/shots/qp${i}.png` });
}
await browser.close();
