// Bad input, one table row each: addresses that lead nowhere, every kind of malformed query
// parameter, broken and hostile program links, corrupt, old, full and disabled storage. Each
// row names the message the learner must see and how the page must still work afterwards; no
// row may make the app panic. Below the table: a hidden tab, rapid clicking and resizing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import lz from 'lz-string';
import { BASE, PHONE, DESKTOP, launchChromium, watchProblems } from './chromium.mjs';

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => browser?.close());

const program = (body) => lz.compressToEncodedURIComponent(`import asyncio\n\n\n${body}\n\n\nasyncio.run(main())\n`);
const eventLoop = (body) => `/sim/event-loop/?p=${program(body)}`;
const long = 'x'.repeat(3000);

// What "still works" means for each kind of page.
const works = {
  // The way back to the contents leads home.
  notFound: async (page) => {
    await page.getByRole('link', { name: 'К содержанию курса' }).click();
    await page.getByRole('heading', { level: 1, name: 'Первое знакомство с asyncio' }).waitFor();
  },
  // The section's text arrives and the next section is a click away.
  lesson: async (page) => {
    await page.locator('.lesson-body h2').first().waitFor();
    await page.locator('.pager-next').click();
    await page.locator('.lesson-body h2').first().waitFor();
  },
  // The first simulation on the page takes a step.
  sim: async (page) => {
    const player = page.locator('.player').first();
    const time = player.locator('.time');
    const [before, end] = (await time.innerText()).split(' / ').map((part) => parseInt(part, 10));
    const canStep = before < end;
    if (canStep) {
      await player.getByRole('button', { name: 'Шаг вперёд' }).click();
      assert.equal(Number((await time.innerText()).split(' / ')[0]), before + 1, 'the step moved the clock');
    } else {
      await player.getByRole('button', { name: 'Сначала' }).click();
      assert.match(await time.innerText(), /^0 \//);
    }
  },
  // The home page offers a way into the course.
  home: async (page) => {
    await page.locator('.continue').click();
    await page.locator('.lesson-body h2').first().waitFor();
  },
};

const STORAGE_FULL = () => {
  Storage.prototype.setItem = function () {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
};
const STORAGE_OFF = () => {
  Object.defineProperty(window, 'localStorage', {
    get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
  });
};
const stored = (entries) => `(${(e) => {
  // Only on the first load of the context: the page's own saves must survive reloads.
  if (sessionStorage.getItem('seeded')) return;
  sessionStorage.setItem('seeded', '1');
  for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
}})(${JSON.stringify(entries)})`;
const UNSAVED = /Браузер не даёт курсу сохранить прогресс: хранилище переполнено или отключено/;

const CASES = [
  // Addresses.
  { name: 'an unknown route', path: '/no/such/page/', says: /Здесь ничего нет/, then: works.notFound },
  { name: 'an unknown section', path: '/learn/nothing/', says: /В курсе нет раздела «nothing»/, then: works.notFound },
  { name: 'an unknown simulation', path: '/sim/nothing/', says: /В курсе нет симуляции «nothing»/, then: works.notFound },
  { name: 'an unknown embed', path: '/embed/nothing/', says: /В курсе нет симуляции «nothing»\..*Есть: io-or-cpu, bakers/ },
  { name: 'a 5 000-character route', path: `/${'x'.repeat(5000)}/`, says: /Здесь ничего нет/, then: works.notFound },
  { name: 'broken percent-encoding', path: '/learn/%E0%A4%A/', says: /Здесь ничего нет|В курсе нет раздела/, then: works.notFound },
  { name: 'a part the section does not have', path: '/learn/concurrency/?at=nowhere', says: /В этом разделе нет части «nowhere»: показано начало\./, then: works.lesson },
  // Numbers: text, negative, huge, NaN, exponent, very long, unknown keys.
  { name: 'text for a number', path: '/sim/bakers/?cakes=abc', says: /Тортов: «abc» — не целое число, взято 2\./, then: works.sim },
  { name: 'a negative number', path: '/sim/bakers/?preheat=-5', says: /Разогрев духовки: -5 вне диапазона 1–60, взято 1\./, then: works.sim },
  { name: 'an exponent', path: '/sim/bakers/?bake=1e9', says: /Выпекание: «1e9» — не целое число/, then: works.sim },
  { name: 'NaN for the moment', path: '/sim/bakers/?t=NaN', says: /Минута: «NaN» — не целое число, взято 0\./, then: works.sim },
  { name: 'a 3 000-character value', path: `/sim/bakers/?mix=${long}`, says: /Замес: «x{24}…» — не целое число/, then: works.sim },
  { name: 'an unknown parameter', path: '/sim/bakers/?zzz=1', says: /Неизвестный параметр «zzz» пропущен\./, then: works.sim },
  { name: 'a number past 64 bits', path: '/sim/scheduler/?switch=99999999999999999999', says: /Цена переключения, мс: 99999999999999999999 вне диапазона 0–5, взято 5\./, then: works.sim },
  { name: 'a zero time slice', path: '/sim/scheduler/?slice=0', says: /Квант вытесняющей, мс: 0 вне диапазона 1–100, взято 1\./, then: works.sim },
  { name: 'no task it can read', path: '/sim/scheduler/?task=abc', says: /Нет ни одной задачи, которую можно запустить: исправьте задачи в настройках\./ },
  { name: 'a thousand jobs as 1e3', path: '/sim/gil/?jobs=1e3', says: /Задач: «1e3» — не целое число, взято 2\./, then: works.sim },
  { name: 'negative cores', path: '/sim/gil/?cores=-1', says: /Ядер: -1 вне диапазона 1–8, взято 1\./, then: works.sim },
  { name: 'a step order with letters', path: '/sim/race/?order=zz12', says: /Порядок шагов \(номера потоков\): пропущено «zz12», оставлено 0\./, then: works.sim },
  { name: 'text for a seed', path: '/sim/race/?seed=abc', says: /Прогон планировщика: «abc» — не целое число, взято 1\./, then: works.sim },
  { name: 'a moment before the start', path: '/sim/event-loop/?preset=gather&t=-1', says: /Шаг: -1 вне диапазона 0–\d+, взято 0\./, then: works.sim },
  // Programs in links.
  { name: 'a program link that is not lz-string', path: '/sim/event-loop/?p=AAAA!!!', says: /Программа в ссылке: пропущено «AAAA!!!»/, then: works.sim },
  { name: 'an unknown preset', path: '/sim/event-loop/?preset=nope', says: /Готовая программа: «nope» — не одно из blocking, gather, cpu, create-task, hundred/, then: works.sim },
  { name: 'a program with a syntax error', path: eventLoop('async def main(:\n    pass'), says: /Строка 4, столбец 16: invalid syntax — в этом месте Python не может прочитать запись/ },
  { name: 'a program outside the subset', path: eventLoop('import requests\n\n\nasync def main():\n    pass'), says: /Строка 4, столбец 1: the visualiser does not run this module — это Python, но визуализатор его пока не выполняет: этот модуль/ },
  { name: 'a program that never ends', path: eventLoop('async def main():\n    while True:\n        await asyncio.sleep(0)'), says: /Программа остановилась \(строка \d+\): программа работает дольше, чем показывает визуализатор/ },
  { name: 'endless recursion', path: eventLoop('async def f(n):\n    return await f(n + 1)\n\n\nasync def main():\n    await f(0)'), says: /RecursionError: maximum recursion depth exceeded/ },
  { name: 'an absurd number of tasks', path: eventLoop('async def main():\n    await asyncio.gather(*[asyncio.sleep(1) for i in range(100000000)])'), says: /программа создаёт больше 20 000 задач или 40 000 сопрограмм/ },
  // An embed's own options.
  {
    name: 'every embed option malformed',
    path: '/embed/bakers/?theme=purple&lang=xx&scale=abc&controls=weird&speed=99&autoplay=maybe&loop=2',
    says: /Масштаб текста, %: «abc» — не целое число, взято 100\.[\s\S]*Тема: «purple» — не одно из light, dark, auto[\s\S]*Скорость: «99» — не одно из 0\.25, 0\.5, 1, 2, 4, 8/,
    then: works.sim,
  },
  { name: 'an absurd text scale', path: '/embed/gil/?scale=100000', says: /Масштаб текста, %: 100000 вне диапазона/, then: works.sim },
  // Storage.
  { name: 'corrupt saved progress', path: '/', init: stored({ 'asyncio-course.progress': '{"broken": tru' }), says: /Сохранённый прогресс не удалось прочитать, поэтому он начат заново\./, then: works.home },
  { name: 'progress from an old version', path: '/', init: stored({ 'asyncio-course.last-section': 'gil' }), says: /Продолжить: Глобальная блокировка интерпретатора \(GIL\)/, then: works.home },
  { name: 'a theme and a language that do not exist', path: '/', init: stored({ 'asyncio-course.theme': '<script>', 'asyncio-course.lang': 'xx'.repeat(500) }), says: /Начать с первого раздела/, then: works.home },
  { name: 'storage full', path: '/learn/concurrency/', init: STORAGE_FULL, says: UNSAVED, then: works.lesson },
  { name: 'storage disabled', path: '/', init: STORAGE_OFF, says: UNSAVED, then: works.home },
];

for (const c of CASES) {
  test(`bad input: ${c.name}`, async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    if (c.init) await context.addInitScript(c.init);
    const page = watchProblems(await context.newPage());
    await page.goto(BASE + c.path);
    await page.waitForSelector('main');
    await page.getByText(c.says).first().waitFor({ timeout: 10000 });
    await c.then?.(page);
    assert.deepEqual(page.problems, [], 'the page reported a panic or an error');
    await context.close();
  });
}

test('a program\'s text is shown as text, never as HTML', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
  const page = watchProblems(await context.newPage());
  await page.goto(BASE + eventLoop('async def main():\n    print("<img src=x onerror=alert(1)><b>bold</b>")'));
  const sim = page.locator('.sim.event-loop');
  await sim.locator('.listing').waitFor();
  const end = (await sim.locator('.time').innerText()).split(' / ')[1].split(' ')[0];
  await sim.locator('.scrubber input').fill(end);
  await sim.locator('.console').getByText('<img src=x onerror=alert(1)><b>bold</b>').waitFor();
  assert.match(await sim.locator('.listing').innerText(), /print\("<img src=x onerror=alert\(1\)><b>bold<\/b>"\)/);
  assert.equal(await page.locator('main img, main b').count(), 0, 'no element made from the program');
  assert.deepEqual(page.problems, []);
  await context.close();
});

/** The first number of a player's "now / end unit". */
const now = async (sim) => Number((await sim.locator('.time').innerText()).split(' / ')[0]);

test('a tab hidden for 5 minutes holds its place and plays on when it is back', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = watchProblems(await context.newPage());
  await page.clock.install({ time: new Date('2026-01-01T10:00:00Z') });
  await page.goto(BASE + '/sim/scheduler/');
  const sim = page.locator('.sim.scheduler');
  await sim.locator('.player').waitFor();
  // From here on, time moves only when the test says so.
  await page.clock.pauseAt(new Date('2026-01-01T10:01:00Z'));
  await sim.getByRole('button', { name: 'Пуск' }).click();
  await page.clock.runFor(2000);
  const hiddenAt = await now(sim);
  assert.ok(hiddenAt >= 5, `it played: ${hiddenAt}`);
  const setHidden = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  // A background tab: the browser fires the throttled timers now and then over 5 minutes.
  for (let minute = 0; minute < 5; minute++) await page.clock.fastForward('01:00');
  assert.equal(await now(sim), hiddenAt, 'no jump while hidden');
  await setHidden(false);
  await page.clock.runFor(2000);
  const after = await now(sim);
  // The same 2 seconds as before hiding move it as far again: no catching up, no stall.
  assert.ok(Math.abs(after - 2 * hiddenAt) <= 1, `it plays on at its pace: 0 → ${hiddenAt}, hidden, → ${after}`);
  await sim.getByRole('button', { name: 'Пауза' }).waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('clicking every control as fast as possible leaves a consistent simulation', async () => {
  for (const name of ['bakers', 'scheduler', 'gil', 'race', 'event-loop']) {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    const page = watchProblems(await context.newPage());
    await page.goto(`${BASE}/sim/${name}/`);
    const sim = page.locator('.sim').first();
    await sim.locator('.player').waitFor();
    // Hundreds of clicks within one task: buttons, presets, speed, loop, in a fixed shuffle.
    await page.evaluate(() => {
      const controls = [...document.querySelectorAll('.sim button:not(.export button)')];
      const select = document.querySelector('.sim .player select');
      for (let i = 0; i < 400; i++) {
        const button = controls[(i * 7919) % controls.length];
        if (!button.disabled) button.click();
        if (i % 13 === 0) {
          select.value = String(i % 6);
          select.dispatchEvent(new Event('change'));
        }
      }
    });
    const [t, end] = (await sim.locator('.time').innerText()).split(' / ').map((s) => parseInt(s, 10));
    assert.ok(t >= 0 && t <= end, `${name}: the moment ${t} is within 0–${end}`);
    // Still answers, the address still follows it.
    await sim.getByRole('button', { name: 'Сначала' }).click();
    await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
    assert.equal(await now(sim), 1, `${name}: a step after the storm`);
    assert.deepEqual(page.problems, [], `${name}: no panic`);
    await context.close();
  }
});

test('resizing mid-run, from a phone to a projector and back, keeps the simulation playing', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'ru-RU' });
  const page = watchProblems(await context.newPage());
  await page.goto(`${BASE}/sim/gil/`);
  const sim = page.locator('.sim.gil');
  await sim.getByLabel('Скорость').selectOption({ label: '0.25×' });
  await sim.getByRole('button', { name: 'Пуск' }).click();
  let last = await now(sim);
  for (const size of [PHONE, { width: 1920, height: 1080 }, { width: 320, height: 480 }, { width: 800, height: 450 }, DESKTOP]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(900);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(scroll <= width, `${size.width}×${size.height}: the page scrolls sideways (${scroll})`);
    const t = await now(sim);
    assert.ok(t > last, `${size.width}×${size.height}: still playing (${last} → ${t})`);
    last = t;
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});
