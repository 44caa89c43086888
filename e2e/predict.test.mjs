// Guess first, then watch: every simulation asks before its run and scores the guess at the
// end; every simulation has goals, marked when a run reaches them and on the home page; in both
// languages. Driven in Debian's Chromium against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, DESKTOP, watchProblems } from './chromium.mjs';
import { useBrowser, browser, open, done, noSideScroll, shoot } from './site.mjs';

useBrowser();

/** One learner's visit: pages opened in it share the progress the browser keeps. */
async function visit(locale) {
  const context = await browser.newContext({ viewport: PHONE, locale });
  // The address names the language: English pages are under /en/.
  const prefix = locale.startsWith('en') ? '/en' : '';
  return {
    async open(path, viewport = PHONE) {
      const page = watchProblems(await context.newPage());
      await page.setViewportSize(viewport);
      await page.goto(BASE + prefix + path);
      await page.waitForSelector('main');
      return page;
    },
    async close(page) {
      assert.deepEqual(page.problems, [], 'the console reported a panic or an error');
      await page.close();
    },
    end: () => context.close(),
  };
}

const LANGS = [
  {
    locale: 'ru-RU', guessFirst: 'Сначала угадайте', right: 'Верно', notQuite: 'Не совсем', guesses: 'Верных прогнозов',
    reached: 'Цель достигнута', edit: 'Изменить программу', editor: 'Текст программы', run: 'Запустить эту программу',
  },
  {
    locale: 'en-GB', guessFirst: 'Guess first', right: 'Right', notQuite: 'Not quite', guesses: 'Guesses right',
    reached: 'Goal reached', edit: 'Edit the program', editor: 'Program text', run: 'Run this program',
  },
];

// Each simulation's default set and the answer its engine gives (the engines' tests pin the
// same figures), and a guess that is wrong.
const GUESSES = [
  { name: 'bakers', answer: ['40 мин', '40 min'], wrong: ['50 мин', '50 min'] },
  { name: 'scheduler', answer: ['Примерно поровну', 'About the same'], wrong: ['Вытесняющая', 'Preemptive'] },
  { name: 'gil', answer: ['Дольше', 'Longer'], wrong: ['Заметно быстрее', 'Clearly faster'] },
  { name: 'race', answer: ['2', '2'], wrong: ['0', '0'] },
  { name: 'event-loop', answer: ['3,5 с', '3.5 s'], wrong: ['1 с', '1 s'] },
];

/** Moves the simulation's scrubber to the end of its run. */
async function toTheEnd(sim) {
  await sim.locator('.scrubber input').fill('100000');
}

test('every simulation asks for a guess first, starts on it, and scores it at the end', async () => {
  for (const [l, lang] of LANGS.entries()) {
    const learner = await visit(lang.locale);
    for (const { name, answer, wrong } of GUESSES) {
      const viewport = name === 'event-loop' ? DESKTOP : PHONE;
      const page = await learner.open(`/sim/${name}/`, viewport);
      const sim = page.locator(`.sim.${name}`);
      const card = sim.locator('.predict');
      assert.match(await card.locator('.question').innerText(), new RegExp(`^${lang.guessFirst}\\. .+\\?$`), name);
      const options = await card.locator('.guess').allInnerTexts();
      assert.ok(options.includes(answer[l]) && options.includes(wrong[l]), `${name}: ${options}`);
      assert.equal(await card.locator('.why').count(), 0, `${name}: no answer before the run`);
      // A right guess for the first language, a wrong one for the second.
      const pick = l === 0 ? answer[l] : wrong[l];
      await card.getByRole('button', { name: pick, exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelector(`.sim.${n}`)?.classList.contains('playing') || document.querySelector(`.sim.${n} .predict`)?.classList.contains('revealed'), name);
      assert.match(await card.locator('.guess-status').innerText(), new RegExp(pick.replace(/[.]/g, '\\.')));
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), pick, `${name}: the pressed option keeps the focus`);
      await toTheEnd(sim);
      await card.locator('.why').waitFor();
      assert.equal(await card.locator('.guess.right').innerText(), answer[l], name);
      const status = await card.locator('.guess-status').innerText();
      if (l === 0) assert.equal(status, `✓ ${lang.right}: ${answer[l]}.`, name);
      else assert.ok(status.startsWith(`${lang.notQuite}`) && status.includes(answer[l]), `${name}: ${status}`);
      assert.ok(await card.locator('.guess').first().isDisabled(), `${name}: a guess is kept once scored`);
      if (name === 'bakers') {
        assert.match(await card.locator('.why').innerText(), l === 0 ? /40 мин, а не 100 \/ 2 ≈ 50/ : /40 min, not 100 \/ 2 ≈ 50/);
        await noSideScroll(page);
        await card.scrollIntoViewIfNeeded();
        await shoot(page, `predict-bakers-${lang.locale}`);
      }
      // Guessing again asks afresh, with the focus on the first option.
      await card.locator('.button.secondary').click();
      await page.waitForFunction(() => document.activeElement?.className === 'guess', null, { timeout: 5000 });
      assert.equal(await card.locator('.why').count(), 0);
      // A new set asks afresh.
      await sim.locator('.presets .preset').nth(1).click();
      await page.waitForFunction((n) => !document.querySelector(`.sim.${n} .predict`)?.classList.contains('revealed'), name);
      assert.ok(!(await card.locator('.guess').first().isDisabled()), `${name}: a new set asks again`);
      await learner.close(page);
    }
    const home = await learner.open('/');
    for (const { name } of GUESSES) {
      const item = home.locator('.sim-list > li', { has: home.locator(`a[href$="/sim/${name}/"]`) });
      assert.match(await item.locator('.toc-meta').innerText(), new RegExp(`${lang.guesses}: ${l === 0 ? 1 : 0} ${l === 0 ? 'из' : 'of'} 1`), name);
    }
    await learner.close(home);
    await learner.end();
  }
});

test('the notes on what to notice in a set come after its run', async () => {
  const page = await open('/sim/scheduler/');
  const sim = page.locator('.sim.scheduler');
  await sim.getByRole('button', { name: 'Жадная задача' }).click();
  assert.equal(await sim.locator('.moment', { hasText: 'Задача 1 не уступает' }).count(), 0);
  await toTheEnd(sim);
  await sim.locator('.moment', { hasText: 'Задача 1 не уступает' }).waitFor();
  await done(page);
});

// Each simulation's goal, reached by a run watched to its end (a link at the end of the run
// is one), and where the learner changes the program or takes the steps by hand.
const GOALS = [
  { name: 'bakers', goal: 'six-cakes', path: '?cakes=6&bakers=2' },
  { name: 'scheduler', goal: 'give-way', path: '?task=60+20+20&task=10+10+10&task=10+10+10&slice=10&switch=1&gran=10&greedy=0' },
  { name: 'gil', goal: 'five-times', path: '?jobs=8&work=20&cores=8' },
  { name: 'race', goal: 'lose-two', path: '?order=121212121212111222' },
  { name: 'race', goal: 'counter-two', path: '?order=122222211211111122' },
];

test('goals are reached by a run watched to its end, and shown on the home page', async () => {
  for (const lang of LANGS) {
    const learner = await visit(lang.locale);
    for (const { name, goal, path } of GOALS) {
      const page = await learner.open(`/sim/${name}/${path}`);
      const sim = page.locator(`.sim.${name}`);
      const item = sim.locator(`.goals li[data-goal="${goal}"]`);
      assert.equal(await item.getAttribute('class'), null, `${name}: not reached before the run`);
      await toTheEnd(sim);
      await sim.locator(`.goals li.reached[data-goal="${goal}"]`).waitFor();
      assert.match(await sim.locator('.goal-news').innerText(), new RegExp(`^${lang.reached}: `));
      await learner.close(page);
    }
    // The event loop: the computing goes to a worker thread, and the heartbeat keeps time.
    const page = await learner.open('/sim/event-loop/?preset=cpu', DESKTOP);
    const sim = page.locator('.sim.event-loop');
    await sim.getByRole('button', { name: lang.edit }).click();
    const editor = sim.getByLabel(lang.editor);
    const program = await editor.inputValue();
    await editor.fill(program.replace('    cpu(1)\n', '    await asyncio.to_thread(cpu, 1)\n'));
    await sim.getByRole('button', { name: lang.run }).click();
    assert.equal(await sim.locator('.goals li[data-goal="heartbeat"]').getAttribute('class'), null);
    await toTheEnd(sim);
    await sim.locator('.goals li.reached[data-goal="heartbeat"]').waitFor();
    await learner.close(page);
    // The exercise: every line marked, and marked again where the first mark was wrong.
    const exercise = await learner.open('/sim/io-or-cpu/');
    const lines = exercise.locator('.sim.io-or-cpu .ioc-line.asked');
    const goal = exercise.locator('.sim.io-or-cpu .goals li[data-goal="all-right"]');
    for (let snippet = 0; snippet < 10; snippet++) {
      await lines.first().waitFor();
      for (let n = 0; n < await lines.count(); n++) {
        const line = lines.nth(n);
        await line.locator('.ioc-choice button').first().click();
        if (await line.locator('.ioc-why.quiz-wrong').count()) await line.locator('.ioc-choice button').last().click();
        await line.locator('.ioc-why.quiz-right').waitFor();
      }
      if (snippet < 9) await exercise.locator('.ioc-nav button').last().click();
    }
    await exercise.locator('.sim.io-or-cpu .goals li.reached[data-goal="all-right"]').waitFor();
    assert.match(await goal.innerText(), lang.locale === 'ru-RU' ? /Отметьте верно все строки/ : /Mark every line rightly/);
    await learner.close(exercise);
    const home = await learner.open('/');
    for (const { name, goal } of [...GOALS, { name: 'event-loop', goal: 'heartbeat' }, { name: 'io-or-cpu', goal: 'all-right' }]) {
      const item = home.locator('.sim-list > li', { has: home.locator(`a[href$="/sim/${name}/"]`) });
      await item.locator(`li.reached[data-goal="${goal}"]`).waitFor();
    }
    await learner.close(home);
    await learner.end();
  }
});
