// The I/O-or-CPU exercise;
// driven in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, DESKTOP } from './chromium.mjs';
import { useBrowser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

test('the I/O-or-CPU exercise explains every answer, keeps the score, and survives a reload', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/sim/io-or-cpu/', viewport);
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
    await page.waitForFunction(() => location.search.endsWith('s=2'));
    await noSideScroll(page);
    await shoot(page, `sim-io-or-cpu-${viewport.width}x${viewport.height}`);
    await page.reload();
    await sim.getByRole('heading', { name: 'Хеш большого файла' }).waitFor();
    assert.equal(await line(1).getByRole('button', { name: 'Ввод-вывод' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await sim.locator('.ioc-score').innerText(), 'Отмечено строк: 3 из 21, верно: 2.');
    await page.goto(new URL('/', page.url()).href);
    assert.match(await page.locator('.sim-list').innerText(), /Отмечено строк: 3, верно: 2\./);
    await done(page);
  }
  const lesson = await open('/learn/io-and-cpu/');
  await lesson.locator('.sim.io-or-cpu').getByRole('heading', { level: 3, name: 'Скачать страницу и посчитать слова' }).waitFor();
  await done(lesson);
  const embed = await open('/embed/io-or-cpu/?s=99');
  assert.match(await embed.locator('.notice[role=status]').innerText(), /Номер фрагмента: 99 вне диапазона 1–10, взято 10\./);
  await embed.getByRole('heading', { name: 'Много страниц сразу' }).waitFor();
  await done(embed);
});
