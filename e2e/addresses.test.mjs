// Real addresses: every page is a file of its own that holds its text and its preview, the
// app takes over from it, and the links of the fragment-routed course land on the same state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DESKTOP, PHONE } from './chromium.mjs';
import { browser, done, open, useBrowser } from './site.mjs';

useBrowser();

const SIMULATIONS = ['io-or-cpu', 'bakers', 'scheduler', 'race', 'gil', 'event-loop'];

/** The sections' addresses, as the home's page file lists them (read with no script). */
async function sectionPaths(lang) {
  const html = await (await fetch(`${BASE}/${lang === 'en' ? 'en/' : ''}`)).text();
  const paths = [...html.matchAll(/<a href="([^"]*learn\/[^"]+)"/g)].map((m) => new URL(m[1], `${BASE}/${lang === 'en' ? 'en/' : ''}`).pathname);
  return [...new Set(paths)];
}

/** A page with JavaScript off, as a search engine's first look or a reader who turned it off. */
async function openWithoutScript(path) {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(BASE + path);
  return { page, response };
}

test('every section and simulation opens at its own address in both languages, with JavaScript on and off', async () => {
  for (const lang of ['ru', 'en']) {
    const prefix = lang === 'en' ? '/en' : '';
    const sections = await sectionPaths(lang);
    assert.equal(sections.length, 10, `ten sections in the ${lang} contents: ${sections}`);
    const paths = [...sections, ...SIMULATIONS.map((s) => `${prefix}/sim/${s}/`), `${prefix}/glossary/`];
    for (const path of paths) {
      // Without JavaScript: the page's own file, with its heading and its text.
      const { page: still, response } = await openWithoutScript(path);
      assert.equal(response.status(), 200, path);
      assert.equal(await still.locator('html').getAttribute('lang'), lang, path);
      const heading = (await still.locator('main h1').first().innerText()).trim();
      assert.ok(heading.length > 0, `${path}: a heading`);
      if (path.includes('/learn/')) {
        assert.ok((await still.locator('main .prose p').count()) > 2, `${path}: its text reads without JavaScript`);
      }
      // A simulation's poster: its default run's charts, whole, under the titles the live
      // simulation gives them (an exercise has no run and no poster).
      let posterTitles = [];
      if (path.includes('/sim/')) {
        assert.match(await still.locator('noscript').last().evaluate((n) => n.textContent), /JavaScript/, `${path}: a note`);
        posterTitles = await still.locator('.sim-poster .panel-title').allInnerTexts();
        assert.equal(posterTitles.length > 0, !path.includes('io-or-cpu'), `${path}: a poster`);
        for (const [i, timeline] of (await still.locator('.sim-poster .timeline').all()).entries()) {
          const bars = await timeline.locator('.lane .bar').evaluateAll((bs) => bs.filter((b) => b.getBoundingClientRect().width > 0).length);
          assert.ok(bars >= 2, `${path}: chart ${i + 1} shows its bars (${bars})`);
        }
      }
      await still.context().close();
      // With JavaScript: the app shows the same page at the same address.
      const page = await open(path, DESKTOP, lang === 'en' ? 'en-GB' : 'ru-RU');
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      assert.equal(new URL(page.url()).pathname, path);
      if (path.includes('/sim/')) {
        await page.locator('main .sim').first().waitFor();
        assert.equal(await page.locator('.sim-poster').count(), 0, `${path}: the live simulation has taken the poster's place`);
        if (posterTitles.length) {
          assert.deepEqual(await page.locator('main .sim .scenario > .panel-title').allInnerTexts(), posterTitles, `${path}: the poster's charts are the simulation's`);
        }
      }
      await done(page);
    }
  }
});

test("a simulation's page file opens on the words the app first draws, and hides them without script", async () => {
  // What a learner reads at the top of a simulation: its sets (which is on), the line on what
  // to notice, the settings' box (an embed's), and the question to guess first (its page's).
  const top = (root) => root.evaluate((sim) => {
    const texts = (selector) => [...sim.querySelectorAll(selector)].map((e) => e.textContent.trim());
    return {
      rows: texts('.sim-options > .presets'),
      on: texts('.sim-options > .presets button[aria-pressed="true"]'),
      notice: texts('.sim-options > .moment'),
      settings: texts('.sim-options > details.settings > summary'),
      question: texts('.predict .question'),
      guesses: texts('.predict .guesses button'),
      status: texts('.predict .guess-status'),
    };
  });
  for (const sim of SIMULATIONS.filter((s) => s !== 'io-or-cpu')) {
    for (const path of [`/sim/${sim}/`, `/en/embed/${sim}/`]) {
      const { page: still } = await openWithoutScript(path);
      const file = still.locator('.sim.still');
      assert.equal(await file.isVisible(), false, `${path}: without script its dead buttons are not shown`);
      const first = await top(file);
      await still.context().close();
      const page = await open(path, PHONE, path.startsWith('/en/') ? 'en-GB' : 'ru-RU');
      const live = page.locator('main .sim').first();
      await live.locator('.sim-options > .presets').first().waitFor();
      assert.deepEqual(await top(live), first, `${path}: the file's first screen is the app's`);
      assert.ok(first.rows.length > 0 && first.on.length > 0, `${path}: its sets`);
      assert.equal(first.question.length, path.includes('/sim/') ? 1 : 0, `${path}: a question on its page only`);
      await done(page);
    }
  }
});

test('a shared address previews as its own page: title, description, canonical, languages, image', async () => {
  for (const [path, other] of [['/learn/gil/', '/en/learn/gil/'], ['/en/sim/bakers/', '/sim/bakers/'], ['/', '/en/']]) {
    const { page } = await openWithoutScript(path);
    const meta = (selector) => page.locator(selector).getAttribute('content');
    const title = await page.title();
    assert.equal(await meta('meta[property="og:title"]'), title, path);
    assert.equal(await meta('meta[name="description"]'), await meta('meta[property="og:description"]'), path);
    assert.ok((await meta('meta[name="description"]')).length > 40, `${path}: a real description`);
    assert.ok(new URL(await meta('meta[property="og:url"]'), BASE).pathname === path, path);
    assert.equal(new URL(await page.locator('link[rel="canonical"]').getAttribute('href'), BASE).pathname, path);
    const alternate = await page.locator(`link[rel="alternate"][hreflang="${path.startsWith('/en') ? 'ru' : 'en'}"]`).getAttribute('href');
    assert.equal(new URL(alternate, BASE).pathname, other);
    const imageUrl = new URL(await meta('meta[property="og:image"]'), BASE);
    const image = await fetch(imageUrl);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    // A PNG whose size is the one the tags give: a simulation's is its own poster, wide.
    const png = Buffer.from(await image.arrayBuffer());
    const size = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.deepEqual(size, [Number(await meta('meta[property="og:image:width"]')), Number(await meta('meta[property="og:image:height"]'))], path);
    if (path.includes('/sim/')) {
      assert.equal(imageUrl.pathname, `${path}preview.png`);
      assert.deepEqual(size, [1200, 630]);
      assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
    }
    await page.context().close();
  }
  // Each simulation's preview is a picture of its own run, in either language; the exercise,
  // which has no run, previews with the course's icon.
  const previews = new Set();
  for (const prefix of ['', '/en']) {
    for (const sim of SIMULATIONS) {
      const html = await (await fetch(`${BASE}${prefix}/sim/${sim}/`)).text();
      const image = html.match(/<meta property="og:image" content="([^"]+)">/)[1];
      const own = new URL(image, BASE).pathname === `${prefix}/sim/${sim}/preview.png`;
      assert.equal(own, sim !== 'io-or-cpu', `${prefix}/sim/${sim}/: ${image}`);
      const embed = await (await fetch(`${BASE}${prefix}/embed/${sim}/`)).text();
      assert.ok(embed.includes(`<meta property="og:image" content="${image}">`), `${prefix}/embed/${sim}/ previews as its page`);
      if (own) previews.add(Buffer.from(await (await fetch(new URL(image, BASE))).arrayBuffer()).toString('base64'));
    }
  }
  assert.equal(previews.size, 10, 'ten different pictures');
  // Every page has its own title.
  const titles = new Set();
  for (const path of ['/', '/en/', '/learn/gil/', '/en/learn/gil/', '/sim/race/', '/glossary/']) {
    const html = await (await fetch(BASE + path)).text();
    titles.add(html.match(/<title>([^<]*)<\/title>/)[1]);
  }
  assert.equal(titles.size, 6, [...titles].join(' | '));
  const sitemap = await (await fetch(`${BASE}/sitemap.xml`)).text();
  assert.match(sitemap, /<loc>[^<]*\/en\/learn\/gil\/<\/loc>/);
  assert.doesNotMatch(sitemap, /\/embed\//, 'embeds are for frames, not search');
  assert.match(await (await fetch(`${BASE}/robots.txt`)).text(), /^User-agent: \*/);
});

test('an address the course does not have gets its not-found page, with status 404', async () => {
  const response = await fetch(`${BASE}/no/such/page/`);
  assert.equal(response.status, 404);
  const page = await open('/no/such/page/');
  await page.getByRole('heading', { level: 1, name: 'Здесь ничего нет' }).waitFor();
  await page.getByRole('link', { name: 'К содержанию' }).click();
  await page.locator('.toc').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  await done(page);
});

// The links the README and the demo deck gave before the course had addresses of its own.
const OLD_LINKS = [
  ['/#/embed/io-or-cpu', '/embed/io-or-cpu/', ''],
  ['/#/embed/bakers?controls=minimal', '/embed/bakers/', '?controls=minimal'],
  ['/#/embed/scheduler?controls=minimal', '/embed/scheduler/', '?controls=minimal'],
  ['/#/embed/race', '/embed/race/', ''],
  ['/#/embed/gil?controls=minimal', '/embed/gil/', '?controls=minimal'],
  ['/#/embed/event-loop?preset=gather', '/embed/event-loop/', '?preset=gather'],
  ['/#/embed/bakers?cakes=2&preheat=15', '/embed/bakers/', '?cakes=2&preheat=15'],
  ['/#/sim/bakers?preheat=20&cakes=3&bakers=3&t=12', '/sim/bakers/', '?preheat=20&cakes=3&bakers=3&t=12'],
  ['/#/learn/gil?at=part-2', '/learn/gil/', '?at=part-2'],
  ['/#/glossary?at=event-loop', '/glossary/', '?at=event-loop'],
  ['/#/', '/', ''],
];

test('every old fragment link of the README and the demo deck lands on the same state at its new address', async () => {
  for (const [old, path, query] of OLD_LINKS) {
    const page = await open(old, DESKTOP);
    await page.waitForFunction((p) => location.pathname === p && location.hash === '', path);
    await page.locator('main h1, main .sim').first().waitFor();
    // Every setting of the old link is in the new address (a simulation adds its others).
    const now = new URL(page.url()).searchParams;
    for (const [key, value] of new URLSearchParams(query)) assert.equal(now.get(key), value, `${old}: ${key}`);
    await done(page);
  }
  // The state, not only the page: three cakes, paused at minute 12.
  const page = await open('/#/sim/bakers?preheat=20&cakes=3&bakers=3&t=12', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.locator('.time').waitFor();
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '3');
  assert.equal(await sim.locator('.time').innerText(), '12 / 165 мин');
  await done(page);
});

test('links, back, forward, reload and the language switch keep the page and its state', async () => {
  const page = await open('/sim/bakers/?cakes=3', DESKTOP);
  const sim = page.locator('.sim.bakers');
  await sim.locator('.time').waitFor();
  // A link within the course changes the page without loading it again.
  await page.evaluate(() => { window.notReloaded = true; });
  await page.locator('.site-title').click();
  await page.locator('.toc').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  await page.goBack();
  await sim.locator('.time').waitFor();
  assert.match(new URL(page.url()).search, /[?&]cakes=3\b/);
  assert.equal(await sim.locator('#bakers-cakes-page').inputValue(), '3');
  await page.goForward();
  await page.locator('.toc').waitFor();
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the app followed its links itself');
  await page.goBack();
  await sim.locator('.time').waitFor();
  // The other language: the same page and state at its address; reload keeps it.
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: /Bakers/ }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/en/sim/bakers/');
  assert.match(new URL(page.url()).search, /cakes=3/);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /Bakers/ }).waitFor();
  assert.equal(await page.locator('#bakers-cakes-page').inputValue(), '3');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await done(page);
});

test('the page file paints its text at once, and the app takes its place', async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  // Hold the WebAssembly back: what shows is the page file alone.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${BASE}/learn/concurrency/`, { waitUntil: 'commit' }).catch(() => {});
  await page.locator('#prerendered main h1').waitFor();
  assert.ok((await page.locator('#prerendered .prose p').count()) > 2);
  release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  await page.locator('article.lesson .lesson-body .prose').first().waitFor();
  assert.equal(await page.locator('main').count(), 1, 'one main, the app\'s');
  await done(page);
});
