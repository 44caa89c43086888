// A simulation in slides and on other pages: embeds, the share box, the demo deck, the
// player's words for screen readers, in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, DESKTOP, watchProblems } from './chromium.mjs';
import { useBrowser, browser, open, done, noSideScroll, shoot } from './site.mjs';
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

useBrowser();

test('the embed page shows the simulation alone, and says so when it does not exist', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/embed/bakers/?cakes=2', viewport);
    await page.locator('.sim.bakers').waitFor();
    assert.equal(await page.locator('.site-header').count(), 0, 'no site chrome in an embed');
    assert.equal(await page.locator('main.embed').count(), 1);
    await noSideScroll(page);
    await shoot(page, `embed-bakers-${viewport.width}x${viewport.height}`);
    await done(page);
  }
  const page = await open('/embed/nothing/');
  assert.match(await page.locator('.notice.error').innerText(), /В курсе нет симуляции «nothing»\..*Есть: io-or-cpu, bakers, scheduler, race, gil, event-loop\./);
  await done(page);
});

test('in a slide, every embed shows its whole simulation without scrolling, in either language', async () => {
  // Each simulation at a moment with bars drawn, and what must be on the slide.
  const sims = {
    'io-or-cpu': ['', ['.ioc-score', '.ioc-nav', '.ioc-snippet']],
    bakers: ['t=45', ['.player', '[data-scenario=sequential]', '[data-scenario=concurrent]', '[data-scenario=parallel]', '.totals']],
    scheduler: ['t=60', ['.player', '[data-scheduler=preemptive]', '[data-scheduler=cooperative]', '.metrics']],
    race: ['t=9', ['.player', '.race-moment', '.memory', '.hand', '.scenario']],
    gil: ['t=40', ['.player', '[data-way=sequential]', '[data-way=threads]', '[data-way=processes]', '[data-way=free-threaded]', '.totals']],
    'event-loop': ['t=60', ['.player', '.step-words', '.program .listing', '.loop-state', '.console', '.scenario']],
  };
  // The three sizes of a 16:9 frame, and in front of a room (`present=1`) the smallest.
  const frames = [[800, 450, ''], [1280, 720, ''], [1920, 1080, ''], [800, 450, '&present=1']];
  for (const [width, height, present] of frames) {
    for (const lang of ['ru', 'en']) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'ru-RU' });
      for (const [sim, [query, parts]] of Object.entries(sims)) {
        const page = watchProblems(await context.newPage());
        await page.goto(`${BASE}/embed/${sim}/?lang=${lang}${query ? '&' + query : ''}${present}`);
        await page.locator(`main.slide .sim.${sim}`).waitFor();
        await page.locator(`.sim.${sim} .lane .bar, .sim.${sim} .ioc-line`).first().waitFor();
        const where = `${sim} at ${width}×${height}${present} in ${lang}`;
        const [scroll, client, sideways] = await page.evaluate(() => [
          document.documentElement.scrollHeight, document.documentElement.clientHeight,
          document.documentElement.scrollWidth - innerWidth,
        ]);
        assert.ok(scroll <= client && sideways <= 0, `${where} scrolls: ${scroll} > ${client} or ${sideways} px sideways`);
        const boxes = [];
        for (const part of parts) {
          const box = await page.locator(`.sim.${sim} ${part}`).first().boundingBox();
          assert.ok(box && box.height > 0, `${where}: ${part} is not shown`);
          assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5,
            `${where}: ${part} is outside the frame (${JSON.stringify(box)})`);
          // No part lies over another.
          for (const [other, o] of boxes) {
            const apart = box.x >= o.x + o.width - 0.5 || o.x >= box.x + box.width - 0.5
              || box.y >= o.y + o.height - 0.5 || o.y >= box.y + box.height - 0.5;
            assert.ok(apart, `${where}: ${part} lies over ${other}`);
          }
          boxes.push([part, box]);
        }
        // Every lane of every chart can be told apart: at least 10 px high on this frame.
        const lanes = await page.locator(`.sim.${sim} .lanes .lane`).evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().height));
        assert.ok(lanes.every((h) => h >= 10), `${where}: lanes ${lanes.join(', ')} px high`);
        assert.deepEqual(page.problems, [], where);
        await page.close();
      }
      await context.close();
    }
  }
});

test('in a slide, the sets and settings open from a button over the simulation and close again', async () => {
  const page = await open('/embed/event-loop/', { width: 800, height: 450 });
  await page.locator('main.slide .sim.event-loop').waitFor();
  const sim = page.locator('.sim.event-loop');
  const button = sim.getByRole('button', { name: 'Наборы и настройки' });
  const gather = sim.getByRole('button', { name: 'Две загрузки: по очереди и с gather' });
  assert.equal(await gather.isVisible(), false, 'the sets wait behind the button');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await gather.click();
  // Picking a set shows it: the box closes over the new program.
  assert.equal(await gather.isVisible(), false);
  assert.match(await sim.locator('.listing').innerText(), /gather/);
  assert.match(page.url(), /preset=/);
  await button.click();
  await page.keyboard.press('Escape');
  assert.equal(await gather.isVisible(), false, 'Escape closes the box');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'options-toggle button secondary small');
  // Upright on a phone the embed reads as on a page: the sets are there, no button.
  await page.setViewportSize({ width: 360, height: 640 });
  await page.locator('main:not(.slide) .sim.event-loop').waitFor();
  await gather.waitFor({ timeout: 2000 });
  assert.equal(await button.isVisible(), false);
  await done(page);
});

test('a simulation whose code cannot be fetched says so, and trying again loads it', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  watchProblems(page);
  let offline = true;
  await page.route('**/app/split_gil_view.wasm', (route) => (offline ? route.abort() : route.continue()));
  await page.goto(BASE + '/sim/gil/');
  const box = page.locator('.notice.error[role=alert]');
  await box.waitFor();
  assert.match(await box.innerText(), /^Не удалось загрузить симуляцию\./);
  // The rest of the page still works: the header and the embed snippet are there.
  await page.locator('.site-header').waitFor();
  offline = false;
  await box.getByRole('button', { name: 'Попробовать ещё раз' }).click();
  await page.locator('.sim.gil .timeline').first().waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('an embed takes its theme, language, size, controls and player start from its link', async () => {
  const page = await open('/embed/gil/?theme=dark&lang=en&scale=150&controls=minimal&autoplay=1&loop=1&speed=8&cores=4&theme=purple');
  const sim = page.locator('.sim.gil');
  await sim.waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.locator('h1').innerText(), 'The GIL: threads, processes and cores');
  const [main, body] = await page.locator('main.embed').evaluate((m) => [m, document.body].map((e) => parseFloat(getComputedStyle(e).fontSize)));
  assert.equal(main / body, 1.5, 'scale=150 makes the text half as big again');
  assert.match(await page.locator('main .notice[role=status]').innerText(), /Theme: “purple” is not one of light, dark, auto; ignored\./);
  assert.equal(await sim.locator('.presets').first().isVisible(), false, 'minimal controls hide the sets');
  assert.equal(await sim.locator('.player').isVisible(), true);
  await sim.getByRole('button', { name: 'Pause' }).waitFor();
  assert.equal(await sim.getByLabel('Speed').inputValue(), '5');
  assert.equal(await sim.getByRole('button', { name: 'Loop' }).getAttribute('aria-pressed'), 'true');
  assert.match(await sim.locator('.scenario').nth(2).innerText(), /4 cores/);
  // Nothing was remembered: the site itself is still in the learner's language and theme.
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'an embed stores nothing');
  await done(page);
  const none = await open('/embed/bakers/?controls=none&autoplay=1');
  await none.locator('.sim.bakers .timeline').first().waitFor();
  assert.equal(await none.locator('.player').isVisible(), false);
  await done(none);
});

test('in slides: the embed resizes its iframe, plays from the keyboard, and passes other keys on', async () => {
  // A host page of its own (about:blank, not the course, whose CSP runs no inline script).
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
  const page = await context.newPage();
  watchProblems(page);
  await page.setContent(`<!doctype html><body style="margin:0">
    <iframe id="sim" src="${BASE}/embed/bakers/" title="Bakers" style="width:800px;height:100px;border:0"></iframe>
    <script>window.keys = []; document.addEventListener('keydown', (e) => keys.push(e.key + ':' + e.keyCode));</script>
    <script src="${BASE}/public/embed.js"></script></body>`);
  await page.waitForFunction(() => document.getElementById('sim').getBoundingClientRect().height > 400, null, { timeout: 10000 });
  const frame = page.frameLocator('#sim');
  await frame.locator('.sim.bakers h2').first().click();
  await page.keyboard.press('Space');
  await frame.getByRole('button', { name: 'Пауза' }).waitFor();
  await page.keyboard.press('Space');
  await frame.getByRole('button', { name: 'Пуск' }).waitFor();
  const time = frame.locator('.time');
  const before = await time.innerText();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await time.innerText(), before);
  await page.keyboard.press('r');
  assert.match(await time.innerText(), /^0 \//);
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => window.keys.includes('PageDown:34'));
  assert.deepEqual(await page.evaluate(() => window.keys), ['PageDown:34'], 'only the unused key reaches the host');
  await done(page);
});

test('on a learning platform, a host speaking the H5P resizer protocol sizes the frame to the simulation', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
  const page = watchProblems(await context.newPage());
  // A host as Moodle's and the H5P embedder's resizer is: it answers hello, shrinks the frame
  // when asked to prepare a resize, and gives it the height the frame then sends.
  await page.setContent(`<!doctype html><body style="margin:0">
    <iframe id="sim" src="${BASE}/embed/gil/" title="GIL" style="width:720px;height:300px;border:0"></iframe>
    <script>
      window.said = [];
      addEventListener('message', (e) => {
        const frame = document.getElementById('sim');
        if (e.source !== frame.contentWindow || !e.data || e.data.context !== 'h5p') return;
        said.push(e.data.action);
        const answer = (action) => e.source.postMessage({ context: 'h5p', action }, e.origin);
        if (e.data.action === 'hello') answer('hello');
        if (e.data.action === 'prepareResize') { frame.style.height = '1px'; answer('resizePrepared'); }
        if (e.data.action === 'resize') frame.style.height = e.data.scrollHeight + 'px';
      });
    </script></body>`);
  await page.waitForFunction(() => document.getElementById('sim').getBoundingClientRect().height > 900, null, { timeout: 10000 });
  const said = await page.evaluate(() => window.said);
  assert.deepEqual(said.slice(0, 3), ['hello', 'prepareResize', 'resize']);
  // The whole simulation is in the frame: nothing scrolls inside it.
  const frame = page.frames().find((f) => f.url().includes('/embed/gil'));
  await frame.locator('.sim.gil [data-way=processes] .lanes').waitFor();
  await page.waitForTimeout(600);
  const [scroll, client] = await frame.evaluate(() => [document.documentElement.scrollHeight, document.documentElement.clientHeight]);
  assert.ok(scroll <= client, `the frame scrolls: ${scroll} > ${client}`);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the share box gives a link and an embed code for the state on screen, with copy buttons', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU', permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(BASE + '/sim/bakers/?cakes=3');
  await page.locator('.sim.bakers').waitFor();
  await page.getByRole('button', { name: 'Шесть тортов, три пекаря' }).click();
  await page.getByText('Поделиться и встроить в слайды').click();
  await page.waitForFunction(() => document.getElementById('share-link')?.value);
  const link = await page.getByLabel('Ссылка на это состояние').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/sim\/bakers\/\?.*cakes=6.*bakers=3/);
  const code = await page.getByLabel('Код для вставки в слайды или на страницу').inputValue();
  assert.match(code, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/bakers\/\?[^"]*cakes=6[^"]*" title="Пекари: конкурентность и параллелизм" width="800" height="450" loading="lazy"/);
  assert.match(code, /<script src="http:\/\/127\.0\.0\.1:\d+\/public\/embed\.js" defer><\/script>/);
  await page.locator('.share-field').nth(1).getByRole('button', { name: 'Копировать' }).click();
  await page.locator('.share-field').nth(1).getByText('Скопировано.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  // The code works: the embed it names shows the same kitchen.
  const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  await page.goto(src);
  assert.equal(await page.locator('#bakers-cakes-embed').inputValue(), '6');
  await context.close();
});

test('the share box draws a QR code of the state\'s link that a phone can read, and saves it', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU', acceptDownloads: true });
  const page = watchProblems(await context.newPage());
  await page.goto(BASE + '/sim/race/?preset=lock&t=5');
  await page.locator('.sim.race .player').waitFor();
  await page.getByText('Поделиться и встроить в слайды').click();
  const link = page.getByLabel('Ссылка на это состояние');
  await page.waitForFunction(() => document.getElementById('share-link')?.value);
  const qr = page.locator('.share-qr .qr');
  await qr.waitFor();
  assert.equal(await qr.getAttribute('aria-label'), 'QR-код этой ссылки');
  // What the room's phones read: the code on screen, and the PNG it is saved as.
  const read = (png) => {
    const image = PNG.sync.read(png);
    return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
  };
  assert.equal(read(await qr.screenshot()), await link.inputValue());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.share-qr').getByRole('button', { name: 'Скачать PNG' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'qr.png');
  assert.equal(read(readFileSync(await download.path())), await link.inputValue());
  assert.match(await link.inputValue(), /\/sim\/race\/\?.*t=5/);
  // A program too long for a code says so instead, and the link is still there to copy.
  const long = 'import asyncio\n' + Array.from({ length: 400 }, (_, i) => `# ${i} ${Math.random().toString(36).slice(2)}`).join('\n');
  const other = watchProblems(await context.newPage());
  await other.goto(BASE + '/sim/event-loop/');
  await other.locator('.sim.event-loop .player').waitFor();
  await other.getByRole('button', { name: 'Изменить программу' }).click();
  await other.locator('.editor').fill(long + '\n\nasync def main():\n    pass\n\nasyncio.run(main())\n');
  await other.getByRole('button', { name: 'Запустить эту программу' }).click();
  await other.getByText('Поделиться и встроить в слайды').click();
  await other.locator('.share-qr .notice').waitFor();
  assert.match(await other.locator('.share-qr .notice').innerText(), /^Ссылка слишком длинная для QR-кода: \d+ знаков/);
  assert.ok((await other.getByLabel('Ссылка на это состояние').inputValue()).length > 3000);
  assert.deepEqual([...page.problems, ...other.problems], []);
  await context.close();
});

test('the demo deck: every slide shows its simulation, one plays from the keyboard, iframes are resized', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  await page.goto(BASE + '/public/deck/index.html');
  await page.locator('.reveal.ready').waitFor();
  const sims = ['io-or-cpu', 'bakers', 'scheduler', 'race', 'gil', 'event-loop'];
  for (const [i, sim] of sims.entries()) {
    await page.keyboard.press('ArrowRight');
    const slide = page.locator(`section.present[data-sim="${sim}"]`);
    await slide.waitFor();
    const frame = slide.frameLocator('iframe');
    await frame.locator(`.sim.${sim}`).waitFor({ timeout: 15000 });
    assert.equal(await frame.locator('.notice.error').count(), 0, `${sim} renders, not an error`);
    // The resize script has given the iframe its content's height.
    await page.waitForFunction((n) => document.querySelectorAll('.slides iframe')[n].style.height !== '', i);
    await page.waitForTimeout(900); // the slide transition
    await shoot(page, `deck-${i + 1}-${sim}`);
  }
  // On the event-loop slide: the keyboard plays it, and PageUp still turns the deck back.
  const frame = page.locator('section.present iframe');
  await page.frameLocator('section.present iframe').locator('.loop-time').click();
  await page.keyboard.press('Space');
  await page.frameLocator('section.present iframe').getByRole('button', { name: 'Пауза' }).waitFor();
  assert.ok(await frame.evaluate((f) => f.getBoundingClientRect().height > 300));
  await page.keyboard.press('PageUp');
  await page.locator('section.present[data-sim="gil"]').waitFor();
  // Its slide left, the simulation pauses; back on it, it plays on from where it was.
  const eventLoop = page.frameLocator('section[data-sim="event-loop"] iframe');
  await eventLoop.getByRole('button', { name: 'Пуск' }).waitFor({ state: 'attached' });
  const left = await eventLoop.locator('.time').innerText();
  await page.waitForTimeout(600);
  assert.equal(await eventLoop.locator('.time').innerText(), left, 'nothing moves off-screen');
  await page.keyboard.press('PageDown');
  await page.locator('section.present[data-sim="event-loop"]').waitFor();
  await eventLoop.getByRole('button', { name: 'Пауза' }).waitFor();
  assert.ok(parseInt(await eventLoop.locator('.time').innerText()) >= parseInt(left), 'it goes on, not from the start');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every embed at slide sizes (800×450, 1920×1080), light and dark, shows its simulation', async () => {
  const sims = ['io-or-cpu', 'bakers', 'scheduler', 'race', 'gil', 'event-loop'];
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [{ width: 800, height: 450 }, { width: 1920, height: 1080 }]) {
      const context = await browser.newContext({ viewport, colorScheme, locale: 'ru-RU' });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      for (const sim of sims) {
        await page.goto(`${BASE}/embed/${sim}/?t=12`);
        await page.locator(`.sim.${sim}`).waitFor();
        await page.locator('.loading').waitFor({ state: 'detached' }).catch(() => {});
        assert.equal(await page.locator('.notice.error').count(), 0, `${sim} renders`);
        await noSideScroll(page);
        await shoot(page, `embed-${sim}-${viewport.width}x${viewport.height}-${colorScheme}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('every simulation reads out a step or a pause politely, and has its timeline as a table', async () => {
  const cases = [
    ['bakers', 3, /^Последовательно: Минута 3\. Пекарь 1 ждёт, а духовка 1 разогревается для торта 1\. Конкурентно: Минута 3\./, /0–3 мин\tДуховка 1\tДуховка 1 разогревается для торта 1/],
    ['scheduler', 11, /^Вытесняющая: 10–11 мс: Планировщик прерывает: Задача 1; процессор переключается\. Кооперативная: 10–11 мс: Задача 1 уступает процессор; Задача 2 начинает\.$/, /0–10 мс\tЗадача 1\tЗадача 1: на процессоре 0–10 мс/],
    ['gil', 3, /^По очереди: Миллисекунда 3\. Задача 1 выполняет Python\. Потоки: Миллисекунда 3\. Поток 1 выполняет Python; Поток 2 ждёт GIL\./, /0–3 мс\tGIL\tЗадача 1 держит GIL/],
    ['race', 3, /^Шаг 3: Поток 2 прибавил 1: tmp = 1\.$/, /0–1 шагов\tПоток 2\tШаг 1: Поток 2 прочитал counter = 0 в tmp/],
    // The event loop's chart shows an instant once the loop has moved past it: here the
    // blocking call ends the first instant.
    ['event-loop', 28, /^Task-3 blocker\(\) вызывает time\.sleep: поток заблокирован до 1 с\.$/, /^0–17 мс\tCPU\tPython выполняется в 0 с$/m],
  ];
  for (const [name, steps, said, line] of cases) {
    const page = await open(`/sim/${name}/`, DESKTOP);
    const sim = page.locator('.sim').first();
    const live = sim.locator('.narration');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    for (let i = 0; i < steps; i++) await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
    assert.match(await live.innerText(), said, name);
    // While it plays the region is quiet; the pause reads out where it stopped.
    await sim.getByRole('button', { name: 'Пуск' }).click();
    assert.equal(await live.innerText(), '', `${name}: quiet while playing`);
    await sim.getByRole('button', { name: 'Пауза' }).click();
    assert.notEqual(await live.innerText(), '', `${name}: the pause is read out`);
    await sim.getByRole('button', { name: 'Сначала' }).click();
    for (let i = 0; i < steps; i++) await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
    const table = sim.locator('.timeline-table').first();
    await table.getByText('Шкала таблицей').click();
    await table.locator('tbody tr').first().waitFor();
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Когда', 'Кто', 'Что']);
    assert.match(await table.locator('tbody').innerText(), line, name);
    await done(page);
  }
});

test('oEmbed: every simulation page and embed names a valid description whose frame shows the simulation', async () => {
  const sims = ['io-or-cpu', 'bakers', 'scheduler', 'race', 'gil', 'event-loop'];
  const descriptions = {};
  for (const prefix of ['', '/en']) {
    for (const sim of sims) {
      const links = [];
      for (const kind of ['sim', 'embed']) {
        const html = await (await fetch(`${BASE}${prefix}/${kind}/${sim}/`)).text();
        const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)">/);
        assert.ok(link, `${prefix}/${kind}/${sim}/ has an oEmbed link`);
        links.push(link[1]);
        assert.equal(html.includes('<meta name="robots" content="noindex">'), kind === 'embed', `${prefix}/${kind}/${sim}/: noindex only on the embed`);
      }
      assert.equal(links[0], links[1], 'the page and its embed name the same description');
      const url = new URL(links[0]);
      assert.equal(url.pathname, `${prefix}/sim/${sim}/oembed.json`);
      const response = await fetch(url);
      assert.equal(response.status, 200, url.href);
      const json = await response.json();
      // The fields oEmbed 1.0 requires of a "rich" answer, and the optional ones given.
      assert.equal(json.version, '1.0');
      assert.equal(json.type, 'rich');
      assert.ok(Number.isInteger(json.width) && Number.isInteger(json.height) && json.width * 9 === json.height * 16, `${json.width}×${json.height}`);
      assert.ok(json.title && json.provider_name && json.provider_url, JSON.stringify(json));
      assert.match(json.html, new RegExp(`^<iframe src="${BASE.replace(/[.]/g, '\\.')}${prefix}/embed/${sim}/" title="[^"]+" width="800" height="450"[^>]*></iframe>$`));
      const thumbnail = await fetch(json.thumbnail_url);
      assert.equal(thumbnail.headers.get('content-type'), 'image/png');
      assert.ok(json.thumbnail_width > 0 && json.thumbnail_height > 0);
      descriptions[`${prefix}${sim}`] = json;
    }
  }
  assert.match(descriptions['/engil'].title, /GIL/);
  assert.notEqual(descriptions['gil'].title, descriptions['/engil'].title, 'each language its own');
  // A blog or a platform pastes the html into a column of its page: the simulation shows
  // whole in a 16:9 frame, without its own scrollbar.
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  const page = watchProblems(await context.newPage());
  await page.setContent(`<!doctype html><body style="margin:0"><article style="width:720px">${descriptions['/engil'].html}</article></body>`);
  const frame = page.frameLocator('iframe');
  await frame.locator('main.slide .sim.gil .player').waitFor();
  const box = await page.locator('iframe').boundingBox();
  assert.deepEqual([Math.round(box.width), Math.round(box.height)], [720, 405]);
  const inner = await page.frames()[1].evaluate(() => [document.documentElement.scrollHeight, document.documentElement.clientHeight, document.documentElement.lang]);
  assert.ok(inner[0] <= inner[1], `the frame scrolls: ${inner[0]} > ${inner[1]}`);
  assert.equal(inner[2], 'en');
  await done(page);
});
