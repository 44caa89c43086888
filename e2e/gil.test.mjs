// The GIL simulation, and a timeline exported as a picture;
// driven in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, PHONE, DESKTOP } from './chromium.mjs';
import { useBrowser, SHOTS, browser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

test('the GIL: threads overlap I/O waits, and the totals are the engine\'s', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/#/sim/gil', viewport);
    const sim = page.locator('.sim.gil');
    await sim.getByRole('button', { name: 'Ввод-вывод', exact: true }).click();
    await sim.getByLabel('Скорость').selectOption({ label: '8×' });
    await sim.getByRole('button', { name: 'Пуск' }).click();
    // Mid-run the GIL row names its holder, and a thread back from the network waits for it.
    await page.waitForFunction(() => /^6[3-9] \//.test(document.querySelector('.sim .time')?.textContent ?? ''));
    await page.waitForFunction(() => document.querySelector('.sim .time')?.textContent === '128 / 128 мс', null, { timeout: 20000 });
    // What to notice in the set is said once its run is over.
    assert.match(await sim.locator('.moment').first().innerText(), /ожидания потоков совмещаются/);
    const cell = (way, what) => sim.locator(`tr[data-way=${way}] .${what}`).innerText();
    // engine/src/gil.rs pins the same figures for this set.
    assert.deepEqual(
      [await cell('sequential', 'total'), await cell('threads', 'total'), await cell('processes', 'total'), await cell('free-threaded', 'total')],
      ['128 мс', '68 мс', '74 мс', '66 мс']);
    assert.equal(await cell('threads', 'speedup'), '1.8×');
    assert.equal(await cell('threads', 'switches'), '3');
    const gilRow = page.locator('.lane-name', { hasText: /^GIL$/ });
    const gil = sim.locator('[data-way=threads] .lane').filter({ has: gilRow }).locator('.bar-label');
    assert.deepEqual(await gil.allInnerTexts(), ['1', '2', '1', '2']);
    await page.waitForFunction(() => location.hash.includes('io=1'));
    await noSideScroll(page);
    await sim.locator('.scenarios').scrollIntoViewIfNeeded();
    await shoot(page, `sim-gil-io-${viewport.width}x${viewport.height}`);
    await done(page);
  }
});

test('the GIL simulation sits in its lesson and in its embed, and explains a bad link', async () => {
  const lesson = await open('/#/learn/gil');
  const sim = lesson.locator('.sim.gil');
  await sim.getByRole('heading', { level: 3, name: /Потоки: 2 потока/ }).waitFor();
  await sim.locator('.scrubber input').fill('1000');
  assert.equal(await sim.locator('tr[data-way=processes] .total').innerText(), '50 мс');
  await done(lesson);
  const embed = await open('/#/embed/gil?cores=99&jobs=abc&t=5');
  const notes = await embed.locator('.sim.gil .notice[role=status]').innerText();
  assert.match(notes, /Ядер: 99 вне диапазона 1–8, взято 8\./);
  assert.match(notes, /Задач: «abc» — не целое число, взято 2\./);
  assert.equal(await embed.locator('.sim .time').innerText(), '5 / 95 мс');
  assert.equal(await embed.locator('.site-header').count(), 0);
  await done(embed);
});

test('a timeline exports as an SVG and a PNG the size of a slide, in the page\'s theme', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU', colorScheme: 'dark', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(BASE + '/#/sim/gil?io=1&t=40');
  const panel = page.locator('.sim.gil [data-way=threads]');
  await panel.locator('.timeline').waitFor();
  // The chart holds the whole run and covers what is after the playhead: the picture has the
  // bars that have started.
  const shown = await panel.locator('.timeline .lanes').evaluate((lanes) => {
    const edge = lanes.querySelector('.future').getBoundingClientRect().left;
    return [...lanes.querySelectorAll('.bar')].filter((b) => b.getBoundingClientRect().left < edge - 0.1).length;
  });
  const drawn = await panel.locator('.timeline .bar').count();
  assert.ok(shown > 0 && shown < drawn, `${shown} of ${drawn} bars have started at 40 ms`);
  const [svgFile] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Скачать SVG' }).click()]);
  assert.equal(svgFile.suggestedFilename(), 'timeline.svg');
  const svg = readFileSync(await svgFile.path(), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1920" height="1080"/);
  assert.match(svg, /Потоки: 2 потока в одном процессе, один GIL/);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.ok(svg.includes(`fill="${background}"`), 'the page\'s dark background');
  // Opened on its own in Chromium, the picture has the page's bars.
  const saved = `${SHOTS}export-gil-threads.svg`;
  await svgFile.saveAs(saved);
  const viewer = await context.newPage();
  await viewer.goto('file://' + saved);
  assert.equal(await viewer.locator('rect.bar').count(), shown);
  await viewer.screenshot({ path: `${SHOTS}export-gil-threads.png` });
  const [pngFile] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Скачать PNG' }).click()]);
  const png = readFileSync(await pngFile.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1920, 1080]);
  await context.close();
});
