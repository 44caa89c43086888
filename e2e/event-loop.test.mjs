// The event-loop visualiser: presets printed as CPython prints them, an edited program;
// driven in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, DESKTOP } from './chromium.mjs';
import { useBrowser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

test('the event loop runs a preset to the end, printing what CPython prints', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await open('/sim/event-loop/?preset=gather', viewport);
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
  const page = await open('/sim/event-loop/?preset=cpu');
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
  await page.waitForFunction(() => /[?&]p=/.test(location.search));
  await page.reload();
  await page.locator('.sim.event-loop .listing').waitFor();
  assert.match(await page.locator('.sim.event-loop .listing').innerText(), /hi\("never"\)/);
  await done(page);
  const broken = await open('/embed/event-loop/?p=%25%25broken&colour=red&speed=fast');
  const notes = await broken.locator('.sim.event-loop .notice[role=status]').innerText();
  assert.match(notes, /Программа в ссылке: пропущено «%%broken», оставлено 0\./);
  assert.match(notes, /Неизвестный параметр «colour» пропущен\./);
  // `speed` belongs to the embed's frame, which notes a bad value of its own.
  assert.match(await broken.locator('main > .notice[role=status]').innerText(), /Скорость: «fast» — не одно из 0\.25, 0\.5, 1, 2, 4, 8, пропущено\./);
  assert.match(await broken.locator('.listing').innerText(), /time\.sleep\(1\)/);
  await done(broken);
  const lesson = await open('/learn/event-loop/');
  await lesson.locator('.sim.event-loop').getByRole('heading', { level: 3, name: 'Программа' }).waitFor();
  await done(lesson);
});

test('the page’s title and text paint before the visualiser’s code is fetched', async () => {
  for (const path of ['/sim/event-loop/', '/embed/event-loop/']) {
    const page = await open(path);
    await page.locator('.sim.event-loop .running-now').waitFor();
    const { paint, fetched } = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      fetched: performance.getEntriesByType('resource')
        .filter((r) => /\/(split_event_loop_view|chunk_\d+)\.wasm$/.test(r.name))
        .map((r) => r.startTime),
    }));
    assert.ok(paint > 0, `${path}: the page painted`);
    assert.ok(fetched.length > 0, `${path}: the visualiser's code was fetched`);
    assert.ok(Math.min(...fetched) >= paint, `${path}: first paint at ${paint} ms, code fetched from ${Math.min(...fetched)} ms`);
    await done(page);
  }
});
