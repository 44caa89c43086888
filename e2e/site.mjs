// What the site's browser checks share: one Chromium per test file, a fresh page that records
// any panic or uncaught error, and where screenshots go. BASE_URL is set by scripts/test.sh.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { BASE, PHONE, launchChromium, watchProblems } from './chromium.mjs';

export const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

/** The test file's Chromium, started before its first test by `useBrowser`. */
export let browser;

/** Starts Chromium before the file's tests and closes it after them. */
export function useBrowser() {
  before(async () => {
    mkdirSync(SHOTS + 'course', { recursive: true });
    browser = await launchChromium();
  });
  after(async () => browser?.close());
}

/** A fresh page that fails the test on any panic or uncaught error. */
export async function open(path, viewport = PHONE, locale = 'ru-RU') {
  const context = await browser.newContext({ viewport, locale });
  const page = watchProblems(await context.newPage());
  await page.goto(BASE + path);
  await page.waitForSelector('main');
  return page;
}

/** Closes the page's context, failing the test if the console reported a problem. */
export async function done(page) {
  assert.deepEqual(page.problems, [], 'the console reported a panic or an error');
  await page.context().close();
}

/** Fails when the page scrolls sideways. */
export async function noSideScroll(page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  assert.ok(scroll <= width, `the page scrolls sideways: ${scroll} > ${width}`);
}

/** A screenshot of the viewport into screenshots/. */
export async function shoot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: false });
}
