// The race on counter += 1, by the scheduler and by hand;
// driven in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, DESKTOP } from './chromium.mjs';
import { useBrowser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

test('the race: the scheduler loses updates, a lock keeps them, processes share nothing', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/sim/race/', viewport);
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
    await page.waitForFunction(() => location.search.includes('processes=1') && location.search.includes('order='));
    await noSideScroll(page);
    await shoot(page, `sim-race-processes-${viewport.width}x${viewport.height}`);
    await done(page);
  }
});

test('the race by hand: both threads read 0 and one update is lost; the lock makes thread 2 wait', async () => {
  const page = await open('/sim/race/?rounds=1');
  const sim = page.locator('.sim.race');
  await sim.getByRole('button', { name: 'Начать вручную с нуля' }).click();
  const thread = (n) => sim.locator(`.step-button[data-worker="${n}"]`);
  for (const n of [1, 2, 1, 2, 1, 2]) await thread(n).click();
  assert.equal(await sim.locator('.race-moment').innerText(), 'Готово: ожидали 2, получили 1. Потеряно обновлений: 1.');
  await page.waitForFunction(() => location.search.includes('order=121212'));
  await sim.locator('.settings > summary').click();
  await sim.getByLabel('Защитить counter += 1 блокировкой (with lock)').check();
  await sim.getByRole('button', { name: 'Начать вручную с нуля' }).click();
  await thread(1).click();
  assert.equal(await thread(2).innerText(), 'Поток 2 ждёт lock');
  assert.ok(await thread(2).isDisabled());
  assert.match(await sim.locator('.lock-line').innerText(), /lock: у потока 1/);
  await done(page);
  const lesson = await open('/learn/processes-and-threads/');
  const inLesson = lesson.locator('.sim.race');
  await inLesson.getByRole('heading', { level: 3, name: 'Шаги по порядку' }).waitFor();
  await inLesson.locator('.scrubber input').fill('1000');
  assert.equal(await inLesson.locator('.race-moment').innerText(), 'Готово: ожидали 6, получили 4. Потеряно обновлений: 2.');
  assert.match(lesson.url(), /\/learn\/processes-and-threads\/(\?at=part-\d+)?$/, 'the simulation leaves the lesson\'s address alone');
  await done(lesson);
  const bad = await open('/sim/race/?rounds=1&lock=1&order=1212x');
  const notes = await bad.locator('.sim.race .notice[role=status]').innerText();
  assert.match(notes, /Порядок шагов \(номера потоков\): пропущено «x», оставлено 4\./);
  assert.match(notes, /пропущено «2, 4», оставлено 2\./);
  await done(bad);
});

test('under the GIL of Python 3.10+ a thread is not switched inside counter += 1, so nothing is lost', async () => {
  const page = await open('/sim/race/');
  const sim = page.locator('.sim.race');
  await sim.getByRole('button', { name: 'Два потока под GIL 3.10+' }).click();
  await sim.locator('.scrubber input').fill('1000');
  assert.equal(await sim.locator('.race-moment').innerText(), 'Готово: ожидали 6, получили 6. Ничего не потеряно.');
  await sim.getByRole('button', { name: 'Начать вручную с нуля' }).click();
  const thread = (n) => sim.locator(`.step-button[data-worker="${n}"]`);
  await thread(1).click();
  assert.equal(await thread(2).innerText(), 'Поток 2 ждёт GIL');
  assert.ok(await thread(2).isDisabled());
  for (const n of [1, 1]) await thread(n).click();
  assert.match(await thread(2).innerText(), /^Поток 2: tmp = counter/);
  await page.waitForFunction(() => location.search.includes('gil=1'));
  await done(page);
});
