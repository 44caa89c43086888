// What every browser check shares: Debian's Chromium started as this machine allows (no
// downloads, no background connections), and a page that records any panic or uncaught error.
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Headless Debian Chromium (CHROMIUM overrides the path). Every page it opens waits, in `goto`
 * and `reload`, until the app has started: a page file holds its page's text (its
 * `#prerendered` element) until the app replaces it, and a check must act on the live page.
 */
export async function launchChromium(extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options = {}) => {
    const context = await newContext(options);
    if (options.javaScriptEnabled === false) return context;
    const newPage = context.newPage.bind(context);
    context.newPage = async () => waitsForTheApp(await newPage());
    return context;
  };
  browser.newPage = async (options) => (await browser.newContext(options)).newPage();
  return browser;
}

/** Makes `page.goto` and `page.reload` return once the app has started (not for `commit`). */
function waitsForTheApp(page) {
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await original(...args);
      const options = args.find((a) => typeof a === 'object') ?? {};
      if (options.waitUntil !== 'commit') await appStarted(page);
      return response;
    };
  }
  return page;
}

/** Waits until the app has replaced the page file's own text with its live page. */
export async function appStarted(page) {
  await page.waitForFunction(() => !document.getElementById('prerendered'));
}

/** Collects, in `page.problems`, every panic, wasm trap and uncaught error the page reports. */
export function watchProblems(page) {
  page.problems = [];
  page.on('console', (m) => { if (/panicked|RuntimeError/.test(m.text())) page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  return page;
}
