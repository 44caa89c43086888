import { launchChromium, watchProblems, BASE } from './e2e/chromium.mjs';
const browser = await launchChromium();
for (const [w, h, name] of [[360, 640, 'phone'], [1280, 800, 'desk']]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, locale: 'ru-RU' });
  const page = watchProblems(await ctx.newPage());
  await page.goto(`${BASE}/#/sim/event-loop?preset=queue&t=60`);
  await page.locator('.sim.event-loop .listing').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/queue-${name}.png`, fullPage: true });
  await page.goto(`${BASE}/#/sim/event-loop?preset=lock&t=70`);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/lock-${name}.png`, fullPage: false });
  const p2 = 'import asyncio\n\nasync def main():\n    d = {}\n    print(d["x"])\n\nasyncio.run(main())\n';
  console.log(name, page.problems);
  await ctx.close();
}
await browser.close();
