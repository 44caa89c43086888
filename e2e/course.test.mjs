// The course as a learner meets it: home, lessons, languages, progress, figures, glossary,
// themes and accessibility, in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, PHONE, DESKTOP, watchProblems } from './chromium.mjs';
import { useBrowser, SHOTS, browser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

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
  assert.equal(new URL(page.url()).pathname, '/learn/concurrency/');
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

test('unknown addresses get a friendly page with a way back', async () => {
  for (const path of ['/no/such/page/', '/learn/nothing/', '/sim/nothing/']) {
    const page = await open(path);
    await page.getByRole('heading', { name: 'Здесь ничего нет' }).waitFor();
    await page.getByRole('link', { name: 'К содержанию курса' }).click();
    await page.getByRole('heading', { level: 1, name: 'Первое знакомство с asyncio' }).waitFor();
    await done(page);
  }
  const page = await open('/no/such/page/');
  await shoot(page, 'not-found-360x640');
  await done(page);
});

test('every page is readable at both sizes without sideways scrolling', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    for (const [name, path] of [['home', '/'], ['lesson', '/learn/concurrency/'], ['sim', '/sim/bakers/'], ['quiz', '/learn/gil/']]) {
      const page = await open(path, viewport);
      await page.locator('main h1').first().waitFor();
      // A simulation's panels come a task after its controls: all of it is checked.
      if (name === 'sim') await page.locator('.sim .export').first().waitFor();
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

test('the address names the language, and the switch keeps the learner in place', async () => {
  const page = await open('/en/learn/concurrency/', PHONE, 'en-GB');
  await page.getByRole('heading', { level: 1, name: 'Concurrency, parallelism and multitasking' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page.locator('.sim .moment').first().innerText(), /^Minute 0\. Baker 1 waits; oven 1 preheats for cake 1\.$/);
  await shoot(page, 'lesson-en-360x640');

  await page.getByRole('button', { name: /Русский/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Конкурентность, параллелизм и многозадачность' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/learn/concurrency/', 'switching keeps the section');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Конкурентность, параллелизм и многозадачность' }).waitFor();
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Concurrency, parallelism and multitasking' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/en/learn/concurrency/');
  await noSideScroll(page);
  await done(page);
});

test('a section whose text cannot be fetched says so, and trying again recovers', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  watchProblems(page);
  await context.route('**/lessons/**', (route) => route.abort());
  await page.goto(BASE + '/learn/concurrency/');
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

test('the whole course reads in both languages at both sizes, section by section', async () => {
  for (const [locale, lang] of [['ru-RU', 'ru'], ['en-GB', 'en']]) {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await open(lang === 'en' ? '/en/' : '/', viewport, locale);
      const slugs = await page.locator('.toc a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.equal(slugs.length, 10, 'ten sections in the contents');
      // Walk the chapter with the "next" links, as a reader would.
      await page.locator('.toc a').first().click();
      for (const [i, href] of slugs.entries()) {
        await page.waitForFunction((h) => location.pathname === h, href);
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
  const page = await open('/learn/io-and-cpu/');
  const which = page.locator('form[data-quiz="io-which"]');
  const faster = page.locator('form[data-quiz="io-faster-cpu"]');
  // Before a check, the page does not give the answers away: no mark of the right options
  // and no explanations in its markup.
  const markup = await page.locator('main').innerHTML();
  assert.doesNotMatch(markup, /data-correct|data-right|quiz-right/);
  assert.equal(await which.locator('.quiz-why').evaluateAll((ps) => ps.map((p) => p.innerHTML).join('')), '');
  await which.getByRole('button', { name: 'Проверить' }).click();
  assert.equal(await which.locator('.quiz-result').innerText(), 'Сначала выберите ответ.');
  await which.getByLabel('Запрос страницы у веб-сервера').check();
  await which.getByRole('button', { name: 'Проверить' }).click();
  await which.locator('.quiz-result').getByText(/^Верно!/).waitFor();
  await faster.getByLabel('Сетью может пользоваться только одно ядро').check();
  await faster.getByRole('button', { name: 'Проверить' }).click();
  await faster.locator('.quiz-result').getByText(/^Не совсем/).waitFor();
  // Every option's explanation is shown once checked.
  assert.equal(await faster.locator('.quiz-why:visible').count(), 3);
  await faster.scrollIntoViewIfNeeded();
  await shoot(page, 'quiz-answered-360x640');

  await page.reload();
  await page.locator('form[data-quiz="io-which"] .quiz-result').getByText(/^Верно!/).waitFor();
  assert.ok(await page.getByLabel('Сетью может пользоваться только одно ядро').isChecked());
  assert.match(await page.locator('form[data-quiz="io-faster-cpu"] .quiz-result').innerText(), /^Не совсем/);

  await page.goto(BASE + '/');
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
  const page = await open('/learn/event-loop/');
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

test('the socket figure steps a blocking and a non-blocking read through time, in both languages', async () => {
  for (const [locale, back, words] of [
    ['ru-RU', 'Шаг назад', ['Момент 7,5: оба потока закончили', 'Момент 5,5. Блокирующий поток снова спит внутри recv(), теперь на сокете 2']],
    ['en-GB', 'Step back', ['Moment 7.5: both threads are done', 'Moment 5.5. The blocking thread sleeps inside recv() again, now on socket 2']],
  ]) {
    const page = await open(`${locale === 'en-GB' ? '/en' : ''}/learn/non-blocking-io/`, DESKTOP, locale);
    const figure = page.locator('#figure-socket-read');
    assert.equal(await figure.locator('svg').getAttribute('role'), 'img');
    const moment = figure.locator('.diagram-moment li:not([hidden])');
    assert.ok((await moment.innerText()).startsWith(words[0]), await moment.innerText());
    for (let i = 0; i < 4; i++) await figure.getByRole('button', { name: back }).click();
    assert.ok((await moment.innerText()).startsWith(words[1]), await moment.innerText());
    // 5.5 of 7.5: the blocking row's second wait has started, its last stretch is still ahead.
    assert.equal(await figure.locator('.fig-seg.is-future').count(), 1);
    await figure.scrollIntoViewIfNeeded();
    await shoot(page, `figure-socket-read-${locale}-1280x800`);
    await done(page);
  }
});

test('a heading link opens at its part, the arrow keys turn the page, and the place survives a language switch', async () => {
  const page = await open('/learn/gil/?at=part-2', DESKTOP);
  const part = page.locator('#part-2');
  await part.waitFor();
  await page.waitForFunction(() => Math.abs(document.getElementById('part-2').getBoundingClientRect().top) < 40);
  // The address names the part in view (the simulations below load after the text, and the
  // page scrolls there again as they arrive).
  await page.waitForFunction(() => location.search.endsWith('at=part-2'));
  assert.equal(await part.locator('a.anchor').getAttribute('href'), '?at=part-2');
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
  await page.goto(BASE + '/learn/concurrency/');
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
  await page.goto(BASE + '/learn/gil/');
  const quiz = page.locator('form[data-quiz="gil-why"]');
  await quiz.getByLabel('Подсчёт ссылок на объекты не потокобезопасен').check();
  await quiz.getByRole('button', { name: 'Проверить' }).click();
  await quiz.locator('.quiz-result').getByText(/^Верно!/).waitFor();
  await page.goto(BASE + '/');
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
  await other.goto(BASE + '/');
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
  const page = await open('/learn/event-loop/');
  await page.getByRole('link', { name: 'Цикл событий' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Словарь' }).waitFor();
  assert.match(page.url(), /\/glossary\/\?at=event-loop$/);
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

test('no accessibility violations (axe-core, WCAG 2.2 AA) on any page, light and dark', async () => {
  const axe = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  const sections = ['why-asyncio', 'io-and-cpu', 'concurrency', 'multitasking', 'processes-and-threads',
    'multithreading-and-multiprocessing', 'gil', 'gil-release', 'non-blocking-io', 'event-loop'];
  const pages = ['/', ...sections.map((slug) => `/learn/${slug}/`), '/sim/bakers/',
    '/sim/scheduler/', '/sim/gil/', '/sim/race/', '/sim/io-or-cpu/', '/sim/event-loop/', '/embed/bakers/', '/embed/scheduler/', '/embed/gil/', '/embed/race/', '/embed/io-or-cpu/', '/embed/event-loop/', '/glossary/', '/nowhere/'];
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
