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
    const page = await open('/sim/gil/', viewport);
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
    await page.waitForFunction(() => location.search.includes('io=1'));
    await noSideScroll(page);
    await sim.locator('.scenarios').scrollIntoViewIfNeeded();
    await shoot(page, `sim-gil-io-${viewport.width}x${viewport.height}`);
    await done(page);
  }
});

test('the GIL simulation sits in its lesson and in its embed, and explains a bad link', async () => {
  const lesson = await open('/learn/gil/');
  const sim = lesson.locator('.sim.gil');
  await sim.getByRole('heading', { level: 3, name: /Потоки: 2 потока/ }).waitFor();
  await sim.locator('.scrubber input').fill('1000');
  assert.equal(await sim.locator('tr[data-way=processes] .total').innerText(), '50 мс');
  await done(lesson);
  const embed = await open('/embed/gil/?cores=99&jobs=abc&t=5');
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
  await page.goto(BASE + '/sim/gil/?io=1&t=40');
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

/**
 * The GIL's threads at the player's `speed`, ready to export from the share box: its page,
 * context and the box's moving pictures, with the threads' chart chosen.
 */
async function threadsAt(speed) {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(BASE + '/sim/gil/?io=1');
  const sim = page.locator('.sim.gil');
  await sim.locator('[data-way=threads] .timeline .bar').first().waitFor();
  await sim.getByLabel('Скорость').selectOption({ label: speed });
  await page.getByText('Поделиться и встроить в слайды').click();
  const panel = page.locator('.share-moving');
  const chart = panel.getByLabel('Какая диаграмма');
  await chart.waitFor();
  // A choice of each chart the simulation draws, by its title.
  const titles = await chart.locator('option').allInnerTexts();
  assert.equal(titles.length, await sim.locator('.timeline').count(), titles.join(' | '));
  const threads = titles.find((t) => t.includes('один GIL'));
  assert.ok(threads, titles.join(' | '));
  await chart.selectOption({ label: threads });
  return { context, page, panel };
}

test('the share box makes a chart into a looping GIF of the run at the player\'s pace, with progress and a cancel', async () => {
  const { context, page, panel } = await threadsAt('2×');
  // Cancelled half way, it saves nothing and the buttons come back.
  let saved = false;
  page.on('download', () => { saved = true; });
  const size = panel.getByLabel('Размер анимации и видео');
  await size.selectOption({ label: '1920×1080' });
  await panel.getByRole('button', { name: 'GIF-анимация' }).click();
  const making = panel.getByRole('progressbar');
  await making.waitFor();
  await panel.getByRole('button', { name: 'Отменить' }).click();
  await making.waitFor({ state: 'detached' });
  await page.waitForTimeout(500);
  assert.equal(saved, false, 'a cancelled GIF is not offered');
  page.removeAllListeners('download');
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    size.selectOption({ label: '1280×720' }).then(() => panel.getByRole('button', { name: 'GIF-анимация' }).click()),
  ]);
  assert.equal(file.suggestedFilename(), 'timeline.gif');
  const bytes = readFileSync(await file.path());
  assert.equal(bytes.subarray(0, 6).toString(), 'GIF89a');
  assert.deepEqual([bytes.readUInt16LE(6), bytes.readUInt16LE(8)], [1280, 720]);
  // Decoded back by the browser: every moment from the start to the end, looping, the last
  // one held; the first has no bar yet, the last has the run's colours.
  const decoded = await page.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const decoder = new ImageDecoder({ data, type: 'image/gif' });
    await decoder.tracks.ready;
    const track = decoder.tracks.selectedTrack;
    const canvas = new OffscreenCanvas(1280, 720);
    const context = canvas.getContext('2d');
    const frame = async (frameIndex) => {
      const { image } = await decoder.decode({ frameIndex });
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, 1280, 720).data;
      const colours = new Set();
      for (let i = 0; i < pixels.length; i += 4 * 7) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
      const shown = { width: image.displayWidth, height: image.displayHeight, ms: image.duration / 1000, colours: colours.size };
      image.close();
      return shown;
    };
    let played = 0;
    for (let k = 0; k + 1 < track.frameCount; k++) {
      const { image } = await decoder.decode({ frameIndex: k });
      played += image.duration / 1000;
      image.close();
    }
    return { frames: track.frameCount, repeat: track.repetitionCount, played, first: await frame(0), last: await frame(track.frameCount - 1) };
  }, bytes.toString('base64'));
  assert.equal(decoded.frames, 40);
  assert.equal(decoded.repeat, Infinity);
  assert.deepEqual([decoded.first.width, decoded.first.height], [1280, 720]);
  assert.equal(decoded.last.ms, 3000, 'the end is held before it starts again');
  // The run's 128 ticks at 2× (30 ms a tick): 3.84 s from the first frame to the last.
  assert.ok(Math.abs(decoded.played - 3840) <= 40, `${decoded.played} ms`);
  assert.ok(decoded.last.colours > decoded.first.colours, `${decoded.first.colours} colours, then ${decoded.last.colours}`);
  await context.close();
});

test('the share box makes a chart into a WebM video of the run at the player\'s pace', async () => {
  const { context, page, panel } = await threadsAt('4×');
  const started = Date.now();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    panel.getByRole('button', { name: 'Видео WebM' }).click(),
  ]);
  // A video is recorded as it plays: 128 ticks at 4× (15 ms a tick), then the end held 3 s.
  const took = Date.now() - started;
  assert.ok(took >= 4900, `${took} ms`);
  assert.equal(file.suggestedFilename(), 'timeline.webm');
  const bytes = readFileSync(await file.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], 'an EBML file');
  assert.ok(bytes.includes(Buffer.from('webm')), 'of the WebM kind');
  // The browser plays it back (on a page of its own: the course's policy allows no media from
  // blobs): its size, and a picture that is not blank.
  const viewer = await context.newPage();
  const played = await viewer.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
    await new Promise((resolve, reject) => { video.onloadeddata = resolve; video.onerror = () => reject(new Error('the video does not load: ' + video.error?.code + ' ' + video.error?.message + ' ' + data.length)); });
    const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
    const context = canvas.getContext('2d');
    const colours = () => {
      context.drawImage(video, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set();
      for (let i = 0; i < pixels.length; i += 4 * 7) seen.add((pixels[i] >> 4 << 8) | (pixels[i + 1] >> 4 << 4) | (pixels[i + 2] >> 4));
      return seen.size;
    };
    const at = async (seconds) => {
      video.currentTime = seconds;
      await new Promise((resolve) => { video.onseeked = resolve; });
      return colours();
    };
    // At its start the chart is empty; in the held end the run is drawn.
    return { width: video.videoWidth, height: video.videoHeight, duration: video.duration, first: await at(0.01), end: await at(4) };
  }, bytes.toString('base64'));
  assert.deepEqual([played.width, played.height], [1280, 720]);
  assert.ok(Math.abs(played.duration - 4.92) < 0.3, `${played.duration} s`);
  assert.ok(played.first > 1, `${played.first} colours in the first frame`);
  assert.ok(played.end > played.first, `${played.first} colours at the start, ${played.end} at the end`);
  await context.close();
});
