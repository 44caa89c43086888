// The bakers, and what every simulation's link does: settings that survive a reload,
// malformed parameters, presets, a language switch, in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DESKTOP } from './chromium.mjs';
import { useBrowser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

test('a configured simulation is a link that survives a reload', async () => {
  const page = await open('/sim/bakers/?cakes=3&bakers=3&preheat=20&t=12', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.locator('.time').waitFor();
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '3');
  assert.equal(await sim.locator('.time').innerText(), '12 / 165 мин');
  // Changing a setting rewrites the address; a reload brings back the same kitchen.
  await sim.locator('.settings > summary').click();
  await sim.locator('#bakers-cakes-page').fill('5');
  await page.waitForFunction(() => location.search.includes('cakes=5'));
  assert.doesNotMatch(page.url(), /[?&]t=/, 'changing a setting starts again from minute 0');
  await page.reload();
  await sim.locator('.time').waitFor();
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '5');
  assert.equal(await sim.locator('.time').innerText(), '0 / 275 мин');
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  await page.waitForFunction(() => location.search.endsWith('&t=1'));
  await noSideScroll(page);
  await shoot(page, 'sim-bakers-1280x800');
  await done(page);
});

test('malformed parameters are corrected with a visible note, never a panic', async () => {
  const long = 'x'.repeat(3000);
  const page = await open(`/sim/bakers/?cakes=abc&preheat=-5&bake=1e9&zzz=1&mix=${long}&t=NaN`);
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

test('switching language on a simulation page keeps its settings', async () => {
  const page = await open('/sim/bakers/?cakes=4', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  await page.waitForFunction(() => location.search.endsWith('&t=2'));
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Bakers: concurrency and parallelism' }).waitFor();
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '4');
  assert.match(await sim.locator('.time').innerText(), /^2 \/ \d+ min$/);
  await done(page);
});

test('a ready-made kitchen sets the simulation and counts as tried', async () => {
  const page = await open('/sim/bakers/', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.getByRole('button', { name: 'Шесть тортов, три пекаря' }).click();
  assert.equal(await sim.getByRole('button', { name: 'Шесть тортов, три пекаря' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '6');
  await page.waitForFunction(() => location.search.includes('cakes=6') && location.search.includes('bakers=3'));
  await sim.locator('.scrubber input').fill('300');
  assert.equal(await sim.locator('tr[data-scenario="parallel"] .total').innerText(), '75 мин');
  assert.equal(await sim.locator('tr[data-scenario="concurrent"] .total').innerText(), '215 мин');
  await page.goto(BASE + '/');
  await page.getByText('Опробовано готовых наборов: 1 из 3').waitFor();
  await done(page);
});
