// The scheduler lab: cooperative against preemptive scheduling;
// driven in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, DESKTOP } from './chromium.mjs';
import { useBrowser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

test('the scheduler lab: a greedy task starves the others only under cooperative scheduling', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/sim/scheduler/', viewport);
    const sim = page.locator('.sim.scheduler');
    await sim.getByRole('button', { name: 'Жадная задача' }).click();
    await sim.getByLabel('Скорость').selectOption({ label: '8×' });
    await sim.getByRole('button', { name: 'Пуск' }).click();
    await page.waitForFunction(() => document.querySelector('.sim .time')?.textContent === '146 / 146 мс', null, { timeout: 20000 });
    // What to notice in the set is said once its run is over.
    assert.match(await sim.locator('.moment').first().innerText(), /Задача 1 не уступает/);
    const cell = (row, col) => sim.locator(`tr.${row} td.${col}`).innerText();
    assert.equal(await cell('total-row', 'preemptive'), '146 мс');
    assert.equal(await cell('total-row', 'cooperative'), '140 мс');
    assert.equal(await cell('worst-row', 'preemptive'), '22 мс');
    assert.equal(await cell('worst-row', 'cooperative'), '110 мс');
    assert.equal(await cell('lost-row', 'cooperative'), '0 мс');
    await page.waitForFunction(() => location.search.includes('greedy=1') && location.search.includes('task=60+20+20'));
    await noSideScroll(page);
    await sim.locator('.scenarios').scrollIntoViewIfNeeded();
    await shoot(page, `sim-scheduler-greedy-${viewport.width}x${viewport.height}`);
    await done(page);
  }
});

test('the scheduler lab explains a task it cannot read, and runs the rest', async () => {
  const page = await open('/sim/scheduler/?task=20+abc&task=10+5+10&slice=-3');
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

test('the scheduler lab charges cooperative switches when asked, and says its scale is exaggerated', async () => {
  const page = await open('/sim/scheduler/');
  const sim = page.locator('.sim.scheduler');
  await sim.locator('.settings > summary').click();
  assert.match(await sim.locator('.settings .hint').last().innerText(), /Масштаб преувеличен/);
  await sim.getByLabel('Кооперативное переключение тоже стоит времени (столько же, сколько вытесняющее)').check();
  await sim.locator('.scrubber input').fill('100000');
  const cell = (row, col) => sim.locator(`tr.${row} td.${col}`).innerText();
  // engine/src/scheduler.rs pins the same: the fair set's 10 cooperative switches at 1 ms each.
  assert.equal(await cell('lost-row', 'cooperative'), '10 мс');
  await page.waitForFunction(() => location.search.includes('coopswitch=1'));
  await done(page);
});
