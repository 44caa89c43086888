// What every browser check shares: Debian's Chromium started as this machine allows (no
// downloads, no background connections), and a page that records any panic or uncaught error.
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };

/** Headless Debian Chromium (CHROMIUM overrides the path). */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

/** Collects, in `page.problems`, every panic, wasm trap and uncaught error the page reports. */
export function watchProblems(page) {
  page.problems = [];
  page.on('console', (m) => { if (/panicked|RuntimeError/.test(m.text())) page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  return page;
}
