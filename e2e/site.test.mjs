// The whole site as a learner meets it: the release build served on 127.0.0.1, driven in
// Debian's Chromium. BASE_URL is set by scripts/test.sh; screenshots go to screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { BASE, PHONE, DESKTOP, launchChromium, watchProblems } from './chromium.mjs';

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
let browser;

before(async () => {
  mkdirSync(SHOTS + 'course', { recursive: true });
  browser = await launchChromium();
});
after(async () => browser?.close());

/** A fresh page that fails the test on any panic or uncaught error. */
async function open(path, viewport = PHONE, locale = 'ru-RU') {
  const context = await browser.newContext({ viewport, locale });
  const page = watchProblems(await context.newPage());
  await page.goto(BASE + path);
  await page.waitForSelector('main');
  return page;
}

async function done(page) {
  assert.deepEqual(page.problems, [], 'the console reported a panic or an error');
  await page.context().close();
}

async function noSideScroll(page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}`);
}

async function shoot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: false });
}

test('home shows the chapter, its contents and a way in', async () => {
  const page = await open('/');
  await page.getByRole('heading', { level: 1, name: 'Первое знакомство с asyncio' }).waitFor();
  const toc = page.locator('.toc');
  assert.match(await toc.innerText(), /Конкурентность, параллелизм и многозадачность/);
  assert.equal(await page.locator('.continue').innerText(), 'Начать с первого раздела');
  await noSideScroll(page);
  // A Content-Security-Policy, and no inline script for it to allow.
  assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /script-src 'self' 'wasm-unsafe-eval';/);
  assert.equal(await page.locator('script:not([src])').count(), 0);
  await shoot(page, 'home-360x640');
  await done(page);
});

test('a learner reads the lesson, runs the bakers to the end and is offered to continue', async () => {
  const page = await open('/');
  await page.locator('.toc a', { hasText: 'Конкурентность' }).click();
  await page.getByRole('heading', { level: 1, name: 'Конкурентность, параллелизм и многозадачность' }).waitFor();
  assert.match(page.url(), /#\/learn\/concurrency$/);
  await noSideScroll(page);
  await shoot(page, 'lesson-360x640');

  const sim = page.locator('.sim.bakers');
  await sim.scrollIntoViewIfNeeded();
  await sim.getByLabel('Скорость').selectOption({ label: '8×' });
  await sim.getByRole('button', { name: 'Пуск' }).click();
  await page.waitForFunction(() => document.querySelector('.sim .time')?.textContent === '100 / 100 мин', null, { timeout: 15000 });
  const row = (s) => sim.locator(`tr[data-scenario="${s}"]`);
  assert.equal(await row('sequential').locator('.total').innerText(), '100 мин');
  assert.equal(await row('concurrent').locator('.total').innerText(), '75 мин');
  assert.equal(await row('parallel').locator('.total').innerText(), '40 мин');
  assert.equal(await row('concurrent').locator('.saved').innerText(), '−25 мин (25 %)');
  assert.equal(await row('parallel').locator('.saved').innerText(), '−60 мин (60 %)');
  assert.equal(await sim.locator('[data-scenario="concurrent"] .moment').innerText(), 'Все торты готовы за 75 мин.');
  // Step back replays the engine: one minute before the end the last cake is still decorated.
  await sim.getByRole('button', { name: 'Шаг назад' }).click();
  assert.equal(await sim.locator('.time').innerText(), '99 / 100 мин');
  assert.match(await sim.locator('[data-scenario="sequential"] .moment').innerText(), /^Минута 99\. Пекарь 1 украшает торт 2/);
  await sim.locator('.player').scrollIntoViewIfNeeded();
  await shoot(page, 'lesson-bakers-done-360x640');

  await page.goto(BASE + '/');
  assert.match(await page.locator('.continue').innerText(), /^Продолжить: Конкурентность/);
  await done(page);
});

test('a configured simulation is a link that survives a reload', async () => {
  const page = await open('/#/sim/bakers?cakes=3&bakers=3&preheat=20&t=12', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.locator('.time').waitFor();
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '3');
  assert.equal(await sim.locator('.time').innerText(), '12 / 165 мин');
  // Changing a setting rewrites the address; a reload brings back the same kitchen.
  await sim.locator('.settings > summary').click();
  await sim.locator('#bakers-cakes-page').fill('5');
  await page.waitForFunction(() => location.hash.includes('cakes=5'));
  assert.doesNotMatch(page.url(), /[?&]t=/, 'changing a setting starts again from minute 0');
  await page.reload();
  await sim.locator('.time').waitFor();
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '5');
  assert.equal(await sim.locator('.time').innerText(), '0 / 275 мин');
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  await page.waitForFunction(() => location.hash.endsWith('&t=1'));
  await noSideScroll(page);
  await shoot(page, 'sim-bakers-1280x800');
  await done(page);
});

test('malformed parameters are corrected with a visible note, never a panic', async () => {
  const long = 'x'.repeat(3000);
  const page = await open(`/#/sim/bakers?cakes=abc&preheat=-5&bake=1e9&zzz=1&mix=${long}&t=NaN`);
  const note = page.locator('.notice[role="status"]');
  const text = await note.innerText();
  assert.match(text, /Тортов: «abc» — не целое число, взято 2\./);
  assert.match(text, /Разогрев духовки: -5 вне диапазона 1–60, взято 1\./);
  assert.match(text, /Неизвестный параметр «zzz» пропущен\./);
  assert.match(text, /Замес: «x{24}…» — не целое число/);
  assert.match(text, /Минута: «NaN» — не целое число, взято 0\./);
  // The corrected kitchen still runs.
  await page.getByRole('button', { name: 'Шаг вперёд' }).click();
  assert.match(await page.locator('.time').innerText(), /^1 \/ \d+ мин$/);
  await noSideScroll(page);
  await done(page);
});

test('the embed page shows the simulation alone, and says so when it does not exist', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/#/embed/bakers?cakes=2', viewport);
    await page.locator('.sim.bakers').waitFor();
    assert.equal(await page.locator('.site-header').count(), 0, 'no site chrome in an embed');
    assert.equal(await page.locator('main.embed').count(), 1);
    await noSideScroll(page);
    await shoot(page, `embed-bakers-${viewport.width}x${viewport.height}`);
    await done(page);
  }
  const page = await open('/#/embed/nothing');
  assert.match(await page.locator('.notice.error').innerText(), /В курсе нет симуляции «nothing»\..*Есть: io-or-cpu, bakers, scheduler, race, gil, event-loop\./);
  await done(page);
});

test('unknown addresses get a friendly page with a way back', async () => {
  for (const path of ['/#/no/such/page', '/#/learn/nothing', '/#/sim/nothing']) {
    const page = await open(path);
    await page.getByRole('heading', { name: 'Здесь ничего нет' }).waitFor();
    await page.getByRole('link', { name: 'К содержанию курса' }).click();
    await page.getByRole('heading', { level: 1, name: 'Первое знакомство с asyncio' }).waitFor();
    await done(page);
  }
  const page = await open('/#/no/such/page');
  await shoot(page, 'not-found-360x640');
  await done(page);
});

test('every page is readable at both sizes without sideways scrolling', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    for (const [name, path] of [['home', '/'], ['lesson', '/#/learn/concurrency'], ['sim', '/#/sim/bakers'], ['quiz', '/#/learn/gil']]) {
      const page = await open(path, viewport);
      await page.locator('main h1').first().waitFor();
      await noSideScroll(page);
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main .prose p, main .lead')).fontSize));
      assert.ok(size >= 16, `${name}: body text is ${size}px`);
      // Touch targets: 44×44 px at least (links inside running text are exempt).
      const small = await page.evaluate(() => [...document.querySelectorAll(
        'button, select, input, summary, .pager a, .continue, .toc a, .site-title, .quiz-options label, .open-page')]
        .map((e) => (e.matches('input[type=radio], input[type=checkbox]') ? e.closest('label') : e))
        .filter((e) => e && e.offsetParent && !e.classList.contains('visually-hidden'))
        .filter((e) => e.getBoundingClientRect().width < 44 || e.getBoundingClientRect().height < 44)
        .map((e) => e.outerHTML.slice(0, 70)));
      assert.deepEqual(small, [], `${name}: touch targets smaller than 44×44`);
      await page.screenshot({ path: `${SHOTS}${name}-full-${viewport.width}x${viewport.height}.png`, fullPage: true });
      await done(page);
    }
  }
});

test('the course follows the browser language, and the switch keeps the learner in place', async () => {
  const page = await open('/#/learn/concurrency', PHONE, 'en-GB');
  await page.getByRole('heading', { level: 1, name: 'Concurrency, parallelism and multitasking' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page.locator('.sim .moment').first().innerText(), /^Minute 0\. Baker 1 waits; oven 1 preheats for cake 1\.$/);
  await shoot(page, 'lesson-en-360x640');

  await page.getByRole('button', { name: /Русский/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Конкурентность, параллелизм и многозадачность' }).waitFor();
  assert.match(page.url(), /#\/learn\/concurrency$/, 'switching keeps the section');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  // The choice is remembered over the browser's language.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Конкурентность, параллелизм и многозадачность' }).waitFor();
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Concurrency, parallelism and multitasking' }).waitFor();
  await noSideScroll(page);
  await done(page);
});

test('a section whose text cannot be fetched says so, and trying again recovers', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  watchProblems(page);
  await context.route('**/lessons/**', (route) => route.abort());
  await page.goto(BASE + '/#/learn/concurrency');
  // The title comes from the app itself, so the learner knows where they are.
  await page.getByRole('heading', { level: 1, name: 'Конкурентность, параллелизм и многозадачность' }).waitFor();
  const alert = page.getByRole('alert');
  assert.match(await alert.innerText(), /Не удалось загрузить текст раздела/);
  await context.unroute('**/lessons/**');
  await page.getByRole('button', { name: 'Попробовать ещё раз' }).click();
  await page.locator('.sim.bakers').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await done(page);
});

test('switching language on a simulation page keeps its settings', async () => {
  const page = await open('/#/sim/bakers?cakes=4', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  await page.waitForFunction(() => location.hash.endsWith('&t=2'));
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Bakers: concurrency and parallelism' }).waitFor();
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '4');
  assert.match(await sim.locator('.time').innerText(), /^2 \/ \d+ min$/);
  await done(page);
});

test('the whole course reads in both languages at both sizes, section by section', async () => {
  for (const [locale, lang] of [['ru-RU', 'ru'], ['en-GB', 'en']]) {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await open('/', viewport, locale);
      const slugs = await page.locator('.toc a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.equal(slugs.length, 10, 'ten sections in the contents');
      // Walk the chapter with the "next" links, as a reader would.
      await page.locator('.toc a').first().click();
      for (const [i, href] of slugs.entries()) {
        await page.waitForFunction((h) => location.hash.split('?')[0] === h, href);
        await page.locator('.lesson .prose').first().waitFor();
        await noSideScroll(page);
        const name = `${lang}-${String(i + 1).padStart(2, '0')}-${href.split('/').pop()}-${viewport.width}x${viewport.height}`;
        await page.screenshot({ path: `${SHOTS}course/${name}.png`, fullPage: true });
        if (i + 1 < slugs.length) await page.locator('.pager-next').click();
      }
      assert.equal(await page.locator('.pager-next').count(), 0, 'the last section has no "next"');
      await done(page);
    }
  }
});

test('a learner answers one question right and one wrong, and finds both after a reload', async () => {
  const page = await open('/#/learn/io-and-cpu');
  const which = page.locator('form[data-quiz="io-which"]');
  const faster = page.locator('form[data-quiz="io-faster-cpu"]');
  await which.getByRole('button', { name: 'Проверить' }).click();
  assert.equal(await which.locator('.quiz-result').innerText(), 'Сначала выберите ответ.');
  await which.getByLabel('Запрос страницы у веб-сервера').check();
  await which.getByRole('button', { name: 'Проверить' }).click();
  assert.match(await which.locator('.quiz-result').innerText(), /^Верно!/);
  await faster.getByLabel('Сетью может пользоваться только одно ядро').check();
  await faster.getByRole('button', { name: 'Проверить' }).click();
  assert.match(await faster.locator('.quiz-result').innerText(), /^Не совсем/);
  // Every option's explanation is shown once checked.
  assert.equal(await faster.locator('.quiz-why:visible').count(), 3);
  await faster.scrollIntoViewIfNeeded();
  await shoot(page, 'quiz-answered-360x640');

  await page.reload();
  await page.locator('form[data-quiz="io-which"] .quiz-result').getByText(/^Верно!/).waitFor();
  assert.ok(await page.getByLabel('Сетью может пользоваться только одно ядро').isChecked());
  assert.match(await page.locator('form[data-quiz="io-faster-cpu"] .quiz-result').innerText(), /^Не совсем/);

  await page.goto(BASE + '/#/');
  const entry = page.locator('.toc li', { hasText: 'Ввод-вывод и вычисления' });
  assert.match(await entry.innerText(), /вопросы: 1\/2/);
  await done(page);
});

test('corrupt or old saved progress never costs the learner a page', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(BASE + '/');
  await page.evaluate(() => localStorage.setItem('asyncio-course.progress', '{"broken": tru'));
  await page.reload();
  await page.getByText('Сохранённый прогресс не удалось прочитать, поэтому он начат заново.').waitFor();
  assert.equal(await page.locator('.continue').innerText(), 'Начать с первого раздела');
  // The old (version 0) record kept only the last section: it is carried over.
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('asyncio-course.last-section', 'gil');
  });
  await page.reload();
  assert.equal(await page.locator('.continue').innerText(), 'Продолжить: Глобальная блокировка интерпретатора (GIL)');
  assert.match(await page.evaluate(() => localStorage.getItem('asyncio-course.progress')), /^v=1&last=gil/);
  await context.close();
});

test('the figures have text alternatives, and the event-loop figure steps through time', async () => {
  const page = await open('/#/learn/event-loop');
  const figure = page.locator('#figure-event-loop');
  assert.equal(await figure.locator('svg').getAttribute('role'), 'img');
  assert.match(await figure.locator('desc').textContent(), /Всего 6 единиц против 10,5 по очереди/);
  const moment = figure.locator('.diagram-moment li:not([hidden])');
  assert.match(await moment.innerText(), /^Момент 6: все три задачи готовы/);
  assert.ok(await figure.getByRole('button', { name: 'Шаг вперёд' }).isDisabled());
  for (let i = 0; i < 7; i++) await figure.getByRole('button', { name: 'Шаг назад' }).click();
  assert.equal(await moment.innerText(),
    'Момент 2,5: код на Python выполняет задача 3; ввода-вывода ждёт задача 2; своей очереди ждёт задача 1.');
  assert.equal(await figure.locator('.fig-seg.is-future').count(), 7);
  await figure.scrollIntoViewIfNeeded();
  await shoot(page, 'figure-event-loop-360x640');
  await done(page);
});

test('a heading link opens at its part, the arrow keys turn the page, and the place survives a language switch', async () => {
  const page = await open('/#/learn/gil?at=part-2', DESKTOP);
  const part = page.locator('#part-2');
  await part.waitFor();
  await page.waitForFunction(() => Math.abs(document.getElementById('part-2').getBoundingClientRect().top) < 40);
  // The address names the part in view (the simulations below load after the text, and the
  // page scrolls there again as they arrive).
  await page.waitForFunction(() => location.hash.endsWith('at=part-2'));
  assert.equal(await part.locator('a.anchor').getAttribute('href'), '#/learn/gil?at=part-2');
  // The same part, in English.
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'The global interpreter lock (GIL)' }).waitFor();
  await page.waitForFunction(() => Math.abs(document.getElementById('part-2')?.getBoundingClientRect().top ?? 999) < 40);
  assert.match(await page.locator('#part-2').innerText(), /^Let us check/);
  await page.keyboard.press('ArrowRight');
  await page.getByRole('heading', { level: 1, name: 'When the GIL is released' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('heading', { level: 1, name: 'The global interpreter lock (GIL)' }).waitFor();
  await done(page);
});

test('dark by the system, or by the learner’s choice, which is remembered', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(BASE + '/#/learn/concurrency');
  await page.locator('.sim.bakers').waitFor();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), 'rgb(22, 23, 26)', 'the system asks for dark');
  await page.screenshot({ path: `${SHOTS}dark-lesson-360x640.png` });
  await page.getByRole('button', { name: 'Тема: как в системе' }).click();
  assert.equal(await background(), 'rgb(251, 250, 247)', 'the learner chose light');
  await page.reload();
  await page.locator('.sim.bakers').waitFor();
  assert.equal(await background(), 'rgb(251, 250, 247)', 'the choice is remembered');
  await page.getByRole('button', { name: 'Тема: светлая' }).click();
  assert.equal(await background(), 'rgb(22, 23, 26)');
  await page.locator('#figure-concurrency-cores').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}dark-figure-360x640.png` });
  await context.close();
});

test('progress saved to a file loads in another browser; a wrong file changes nothing', async () => {
  const first = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', acceptDownloads: true });
  const page = await first.newPage();
  await page.goto(BASE + '/#/learn/gil');
  const quiz = page.locator('form[data-quiz="gil-why"]');
  await quiz.getByLabel('Подсчёт ссылок на объекты не потокобезопасен').check();
  await quiz.getByRole('button', { name: 'Проверить' }).click();
  await page.goto(BASE + '/#/');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Сохранить в файл' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'asyncio-course-progress.txt');
  const saved = readFileSync(await download.path());
  assert.match(saved.toString(), /^v=1&last=gil&quiz=gil-why%3A0%3A1$/);
  await first.close();

  const second = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const other = await second.newPage();
  await other.goto(BASE + '/#/');
  const input = other.locator('.progress-file input[type=file]');
  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, world') });
  await other.getByText('Этот файл не похож на сохранённый прогресс курса. Ничего не изменилось.').waitFor();
  await input.setInputFiles({ name: 'asyncio-course-progress.txt', mimeType: 'text/plain', buffer: saved });
  await other.getByText('Прогресс загружен: прочитано разделов — 0, ответов — 1.').waitFor();
  assert.equal(await other.locator('.continue').innerText(), 'Продолжить: Глобальная блокировка интерпретатора (GIL)');
  assert.match(await other.locator('.toc li', { hasText: 'Глобальная блокировка' }).innerText(), /вопросы: 1\/2/);
  await second.close();
});

test('a term in the text opens its entry in the glossary, in the reader’s language', async () => {
  const page = await open('/#/learn/event-loop');
  await page.getByRole('link', { name: 'Цикл событий' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Словарь' }).waitFor();
  assert.match(page.url(), /#\/glossary\?at=event-loop$/);
  await page.waitForFunction(() => {
    const top = document.getElementById('event-loop')?.getBoundingClientRect().top;
    return top !== undefined && top >= 0 && top < innerHeight / 2;
  });
  await noSideScroll(page);
  await shoot(page, 'glossary-360x640');
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();
  assert.equal(await page.locator('#event-loop').innerText(), 'Event loop');
  await done(page);
});

test('a ready-made kitchen sets the simulation and counts as tried', async () => {
  const page = await open('/#/sim/bakers', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.getByRole('button', { name: 'Шесть тортов, три пекаря' }).click();
  assert.equal(await sim.getByRole('button', { name: 'Шесть тортов, три пекаря' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '6');
  await page.waitForFunction(() => location.hash.includes('cakes=6') && location.hash.includes('bakers=3'));
  await sim.locator('.scrubber input').fill('300');
  assert.equal(await sim.locator('tr[data-scenario="parallel"] .total').innerText(), '75 мин');
  assert.equal(await sim.locator('tr[data-scenario="concurrent"] .total').innerText(), '215 мин');
  await page.goto(BASE + '/#/');
  await page.getByText('Опробовано готовых наборов: 1 из 3').waitFor();
  await done(page);
});

test('the scheduler lab: a greedy task starves the others only under cooperative scheduling', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/#/sim/scheduler', viewport);
    const sim = page.locator('.sim.scheduler');
    await sim.getByRole('button', { name: 'Жадная задача' }).click();
    assert.match(await sim.locator('.moment').first().innerText(), /Задача 1 не уступает/);
    await sim.getByLabel('Скорость').selectOption({ label: '8×' });
    await sim.getByRole('button', { name: 'Пуск' }).click();
    await page.waitForFunction(() => document.querySelector('.sim .time')?.textContent === '146 / 146 мс', null, { timeout: 20000 });
    const cell = (row, col) => sim.locator(`tr.${row} td.${col}`).innerText();
    assert.equal(await cell('total-row', 'preemptive'), '146 мс');
    assert.equal(await cell('total-row', 'cooperative'), '140 мс');
    assert.equal(await cell('worst-row', 'preemptive'), '22 мс');
    assert.equal(await cell('worst-row', 'cooperative'), '110 мс');
    assert.equal(await cell('lost-row', 'cooperative'), '0 мс');
    await page.waitForFunction(() => location.hash.includes('greedy=1') && location.hash.includes('task=60+20+20'));
    await noSideScroll(page);
    await sim.locator('.scenarios').scrollIntoViewIfNeeded();
    await shoot(page, `sim-scheduler-greedy-${viewport.width}x${viewport.height}`);
    await done(page);
  }
});

test('the scheduler lab explains a task it cannot read, and runs the rest', async () => {
  const page = await open('/#/sim/scheduler?task=20+abc&task=10+5+10&slice=-3');
  const sim = page.locator('.sim.scheduler');
  assert.match(await sim.locator('.notice[role=status]').innerText(), /Квант вытесняющей, мс: -3 вне диапазона 1–100, взято 1\./);
  await sim.locator('.settings > summary').click();
  assert.equal(await sim.locator('.field-error').innerText(), '«abc» — не целое число миллисекунд.');
  await sim.locator('.scrubber input').fill('1000');
  // The one readable task computes 10 ms, waits 5, computes 10.
  assert.equal(await sim.locator('tr.total-row td.cooperative').innerText(), '25 мс');
  // Fixing the task brings it back.
  await sim.locator('#scheduler-task-0-page').fill('20 5');
  await sim.locator('#scheduler-task-0-page').press('Enter');
  await sim.locator('#scheduler-task-0-page').blur();
  assert.equal(await sim.locator('.field-error').count(), 0);
  await done(page);
});

test('the GIL: threads overlap I/O waits, and the totals are the engine\'s', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/#/sim/gil', viewport);
    const sim = page.locator('.sim.gil');
    await sim.getByRole('button', { name: 'Ввод-вывод', exact: true }).click();
    assert.match(await sim.locator('.moment').first().innerText(), /ожидания потоков перекрываются/);
    await sim.getByLabel('Скорость').selectOption({ label: '8×' });
    await sim.getByRole('button', { name: 'Пуск' }).click();
    // Mid-run the GIL row names its holder, and a thread back from the network waits for it.
    await page.waitForFunction(() => /^6[3-9] \//.test(document.querySelector('.sim .time')?.textContent ?? ''));
    await page.waitForFunction(() => document.querySelector('.sim .time')?.textContent === '128 / 128 мс', null, { timeout: 20000 });
    const cell = (way, what) => sim.locator(`tr[data-way=${way}] .${what}`).innerText();
    // engine/src/gil.rs pins the same figures for this set.
    assert.deepEqual(
      [await cell('sequential', 'total'), await cell('threads', 'total'), await cell('processes', 'total')],
      ['128 мс', '66 мс', '74 мс']);
    assert.equal(await cell('threads', 'speedup'), '1.9×');
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
  assert.equal(await embed.locator('.sim .time').innerText(), '5 / 80 мс');
  assert.equal(await embed.locator('.site-header').count(), 0);
  await done(embed);
});

test('the race: the scheduler loses updates, a lock keeps them, processes share nothing', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/#/sim/race', viewport);
    const sim = page.locator('.sim.race');
    const runToEnd = async (steps) => {
      await sim.getByLabel('Скорость').selectOption({ label: '8×' });
      await sim.getByRole('button', { name: 'Пуск' }).click();
      await page.waitForFunction((t) => document.querySelector('.sim .time')?.textContent === t, `${steps} / ${steps} шагов`, { timeout: 20000 });
      return sim.locator('.race-moment').innerText();
    };
    // engine/src/race.rs pins these figures for the default run and the locked one.
    assert.equal(await runToEnd(18), 'Готово: ожидали 6, получили 4. Потеряно обновлений: 2.');
    assert.equal(await sim.locator('.counter output').innerText(), '4');
    await sim.getByRole('button', { name: 'Два потока и lock' }).click();
    assert.equal(await runToEnd(30), 'Готово: ожидали 6, получили 6. Ничего не потеряно.');
    await sim.getByRole('button', { name: 'Два процесса' }).click();
    assert.match(await runToEnd(18), /^Готово\. У каждого процесса свой counter: 3 и 3\./);
    assert.deepEqual(await sim.locator('.counter output').allInnerTexts(), ['3', '3']);
    await page.waitForFunction(() => location.hash.includes('processes=1') && location.hash.includes('order='));
    await noSideScroll(page);
    await shoot(page, `sim-race-processes-${viewport.width}x${viewport.height}`);
    await done(page);
  }
});

test('the race by hand: both threads read 0 and one update is lost; the lock makes thread 2 wait', async () => {
  const page = await open('/#/sim/race?rounds=1');
  const sim = page.locator('.sim.race');
  await sim.getByRole('button', { name: 'Начать вручную с нуля' }).click();
  const thread = (n) => sim.locator(`.step-button[data-worker="${n}"]`);
  for (const n of [1, 2, 1, 2, 1, 2]) await thread(n).click();
  assert.equal(await sim.locator('.race-moment').innerText(), 'Готово: ожидали 2, получили 1. Потеряно обновлений: 1.');
  await page.waitForFunction(() => location.hash.includes('order=121212'));
  await sim.locator('.settings > summary').click();
  await sim.getByLabel('Защитить counter += 1 блокировкой (with lock)').check();
  await sim.getByRole('button', { name: 'Начать вручную с нуля' }).click();
  await thread(1).click();
  assert.equal(await thread(2).innerText(), 'Поток 2 ждёт lock');
  assert.ok(await thread(2).isDisabled());
  assert.match(await sim.locator('.lock-line').innerText(), /lock: у потока 1/);
  await done(page);
  const lesson = await open('/#/learn/processes-and-threads');
  const inLesson = lesson.locator('.sim.race');
  await inLesson.getByRole('heading', { level: 3, name: 'Шаги по порядку' }).waitFor();
  await inLesson.locator('.scrubber input').fill('1000');
  assert.equal(await inLesson.locator('.race-moment').innerText(), 'Готово: ожидали 6, получили 4. Потеряно обновлений: 2.');
  assert.match(lesson.url(), /#\/learn\/processes-and-threads(\?at=part-\d+)?$/, 'the simulation leaves the lesson\'s address alone');
  await done(lesson);
  const bad = await open('/#/sim/race?rounds=1&lock=1&order=1212x');
  const notes = await bad.locator('.sim.race .notice[role=status]').innerText();
  assert.match(notes, /Порядок шагов \(номера потоков\): пропущено «x», оставлено 4\./);
  assert.match(notes, /пропущено «2, 4», оставлено 2\./);
  await done(bad);
});

test('the I/O-or-CPU exercise explains every answer, keeps the score, and survives a reload', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/#/sim/io-or-cpu', viewport);
    const sim = page.locator('.sim.io-or-cpu');
    const line = (n) => sim.locator('.ioc-line.asked').nth(n);
    await line(0).getByRole('button', { name: 'Ввод-вывод' }).click();
    await line(1).getByRole('button', { name: 'Вычисления' }).click();
    assert.match(await line(0).locator('.ioc-why').innerText(), /^Верно\. Запрос уходит по сети/);
    assert.equal(await sim.locator('.ioc-score').innerText(), 'Отмечено строк: 2 из 21, верно: 2.');
    await sim.getByRole('button', { name: 'Дальше' }).click();
    await sim.getByRole('heading', { name: 'Хеш большого файла' }).waitFor();
    await line(1).getByRole('button', { name: 'Ввод-вывод' }).click();
    assert.match(await line(1).locator('.ioc-why').innerText(), /^Нет\. Хеширование перемалывает каждый байт/);
    await page.waitForFunction(() => location.hash.endsWith('s=2'));
    await noSideScroll(page);
    await shoot(page, `sim-io-or-cpu-${viewport.width}x${viewport.height}`);
    await page.reload();
    await sim.getByRole('heading', { name: 'Хеш большого файла' }).waitFor();
    assert.equal(await line(1).getByRole('button', { name: 'Ввод-вывод' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await sim.locator('.ioc-score').innerText(), 'Отмечено строк: 3 из 21, верно: 2.');
    await page.goto(page.url().split('#')[0] + '#/');
    assert.match(await page.locator('.sim-list').innerText(), /Отмечено строк: 3, верно: 2\./);
    await done(page);
  }
  const lesson = await open('/#/learn/io-and-cpu');
  await lesson.locator('.sim.io-or-cpu').getByRole('heading', { level: 3, name: 'Скачать страницу и посчитать слова' }).waitFor();
  await done(lesson);
  const embed = await open('/#/embed/io-or-cpu?s=99');
  assert.match(await embed.locator('.notice[role=status]').innerText(), /Номер фрагмента: 99 вне диапазона 1–10, взято 10\./);
  await embed.getByRole('heading', { name: 'Много страниц сразу' }).waitFor();
  await done(embed);
});

test('the event loop runs a preset to the end, printing what CPython prints', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/#/sim/event-loop?preset=gather', viewport);
    const sim = page.locator('.sim.event-loop');
    // Step by step until both downloads of the gather are in flight at once.
    const forward = sim.getByRole('button', { name: 'Шаг вперёд' });
    for (let i = 0; i < 100 && await sim.locator('.io-box').count() < 2; i++) await forward.click();
    assert.deepEqual(await sim.locator('.io-box').allInnerTexts(), ["fetch('one.example') → 4 с", "fetch('two.example') → 5 с"]);
    assert.match(await sim.locator('.running-now').innerText() + await sim.locator('.step-words').innerText(), /two\.example/);
    await sim.getByLabel('Скорость').selectOption({ label: '8×' });
    await sim.getByRole('button', { name: 'Пуск' }).click();
    await page.waitForFunction(() => {
      const t = document.querySelector('.sim .time')?.textContent ?? '';
      const [now, end] = t.split(' / ').map((x) => parseInt(x, 10));
      return now > 0 && now === end;
    }, null, { timeout: 30000 });
    // engine/src/event_loop/tests.rs pins this output, and the CPython test checks it.
    assert.equal(await sim.locator('.console').innerText(), [
      'start one.example', 'done one.example', 'start two.example', 'done two.example',
      'one after another: 3 s', 'start one.example', 'start two.example', 'done one.example',
      'done two.example', "together: 2 s, ['one.example', 'two.example']"].join('\n'));
    assert.equal(await sim.locator('.loop-time').innerText(), 't = 5 с');
    assert.match(await sim.locator('.lane-box:has(.done-box)').innerText(), /Task-1 → None/);
    await noSideScroll(page);
    await shoot(page, `sim-event-loop-${viewport.width}x${viewport.height}`);
    // Stepping back replays to the step before the last print; one step forward prints again.
    const console = sim.locator('.console');
    let back = 0;
    while (back < 10 && /together/.test(await console.innerText())) {
      await sim.getByRole('button', { name: 'Шаг назад' }).click();
      back += 1;
    }
    assert.ok(back >= 1 && back < 10, `the last print is ${back} steps before the end`);
    await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
    assert.match(await console.innerText(), /together/);
    await done(page);
  }
});

test('the event loop: an edited program is checked as you type, runs, and lives in the link', async () => {
  const page = await open('/#/sim/event-loop?preset=cpu');
  const sim = page.locator('.sim.event-loop');
  await sim.getByRole('button', { name: 'Изменить программу' }).click();
  const editor = sim.getByLabel('Текст программы');
  await editor.fill('import asyncio\n\nasync def main():\n    print(await asyncio.sleep(1)\n\nasyncio.run(main())\n');
  assert.match(await sim.locator('.field-error').innerText(), /^Строка 4, столбец 10: '\(' was never closed — скобка «\(» открыта здесь и нигде не закрыта\.$/);
  assert.ok(await sim.getByRole('button', { name: 'Запустить эту программу' }).isDisabled());
  await editor.fill('import asyncio\n\nasync def hi(name):\n    print(f"hi {name}")\n\nasync def main():\n    hi("never")\n    await asyncio.gather(hi("a"), hi("b"))\n\nasyncio.run(main())\n');
  await sim.getByRole('button', { name: 'Запустить эту программу' }).click();
  assert.match(await sim.locator('.notice[role=note]').innerText(), /строка 7\): RuntimeWarning: coroutine 'hi' was never awaited/);
  await sim.locator('.scrubber input').fill('1000');
  assert.equal(await sim.locator('.console').innerText(), 'hi a\nhi b');
  await page.waitForFunction(() => /[?&]p=/.test(location.hash));
  await page.reload();
  await page.locator('.sim.event-loop .listing').waitFor();
  assert.match(await page.locator('.sim.event-loop .listing').innerText(), /hi\("never"\)/);
  await done(page);
  const broken = await open('/#/embed/event-loop?p=%25%25broken&colour=red&speed=fast');
  const notes = await broken.locator('.sim.event-loop .notice[role=status]').innerText();
  assert.match(notes, /Программа в ссылке: пропущено «%%broken», оставлено 0\./);
  assert.match(notes, /Неизвестный параметр «colour» пропущен\./);
  // `speed` belongs to the embed's frame, which notes a bad value of its own.
  assert.match(await broken.locator('main > .notice[role=status]').innerText(), /Скорость: «fast» — не одно из 0\.25, 0\.5, 1, 2, 4, 8, пропущено\./);
  assert.match(await broken.locator('.listing').innerText(), /time\.sleep\(1\)/);
  await done(broken);
  const lesson = await open('/#/learn/event-loop');
  await lesson.locator('.sim.event-loop').getByRole('heading', { level: 3, name: 'Программа' }).waitFor();
  await done(lesson);
});

test('a simulation whose code cannot be fetched says so, and trying again loads it', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  watchProblems(page);
  let offline = true;
  await page.route('**/app/split_gil_view.wasm', (route) => (offline ? route.abort() : route.continue()));
  await page.goto(BASE + '/#/sim/gil');
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
  const page = await open('/#/embed/gil?theme=dark&lang=en&scale=150&controls=minimal&autoplay=1&loop=1&speed=8&cores=4&theme=purple');
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
  const none = await open('/#/embed/bakers?controls=none&autoplay=1');
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
    <iframe id="sim" src="${BASE}/#/embed/bakers" title="Bakers" style="width:800px;height:100px;border:0"></iframe>
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

test('the share box gives a link and an embed code for the state on screen, with copy buttons', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU', permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(BASE + '/#/sim/bakers?cakes=3');
  await page.locator('.sim.bakers').waitFor();
  await page.getByRole('button', { name: 'Шесть тортов, три пекаря' }).click();
  await page.getByText('Поделиться и встроить в слайды').click();
  await page.waitForFunction(() => document.getElementById('share-link').value !== '');
  const link = await page.getByLabel('Ссылка на это состояние').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#\/sim\/bakers\?.*cakes=6.*bakers=3/);
  const code = await page.getByLabel('Код для вставки в слайды или на страницу').inputValue();
  assert.match(code, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/#\/embed\/bakers\?[^"]*cakes=6[^"]*" title="Пекари: конкурентность и параллелизм" loading="lazy"/);
  assert.match(code, /<script src="http:\/\/127\.0\.0\.1:\d+\/public\/embed\.js" defer><\/script>/);
  await page.locator('.share-field').nth(1).getByRole('button', { name: 'Копировать' }).click();
  await page.locator('.share-field').nth(1).getByText('Скопировано.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  // The code works: the embed it names shows the same kitchen.
  const src = code.match(/src="([^"]+)"/)[1];
  await page.goto(src);
  assert.equal(await page.locator('#bakers-cakes-embed').inputValue(), '6');
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
  assert.deepEqual(problems, []);
  await context.close();
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

test('every embed at slide sizes (800×450, 1920×1080), light and dark, shows its simulation', async () => {
  const sims = ['io-or-cpu', 'bakers', 'scheduler', 'race', 'gil', 'event-loop'];
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [{ width: 800, height: 450 }, { width: 1920, height: 1080 }]) {
      const context = await browser.newContext({ viewport, colorScheme, locale: 'ru-RU' });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      for (const sim of sims) {
        await page.goto(`${BASE}/#/embed/${sim}?t=12`);
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
    const page = await open(`/#/sim/${name}`, DESKTOP);
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

test('no accessibility violations (axe-core, WCAG 2.2 AA) on any page, light and dark', async () => {
  const axe = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  const sections = ['why-asyncio', 'io-and-cpu', 'concurrency', 'multitasking', 'processes-and-threads',
    'multithreading-and-multiprocessing', 'gil', 'gil-release', 'non-blocking-io', 'event-loop'];
  const pages = ['/', ...sections.map((slug) => `/#/learn/${slug}`), '/#/sim/bakers',
    '/#/sim/scheduler', '/#/sim/gil', '/#/sim/race', '/#/sim/io-or-cpu', '/#/sim/event-loop', '/#/embed/bakers', '/#/embed/scheduler', '/#/embed/gil', '/#/embed/race', '/#/embed/io-or-cpu', '/#/embed/event-loop', '/#/glossary', '/#/nowhere'];
  for (const colorScheme of ['light', 'dark']) {
    for (const path of pages) {
      // bypassCSP: axe-core is injected as an inline script, which the site's policy refuses.
      const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(BASE + path);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => (await window.axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
      assert.deepEqual(violations, [], `${colorScheme} ${path}`);
      await context.close();
    }
  }
});
