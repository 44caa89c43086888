// Lighthouse with its mobile preset (a mid-range phone on a slow 4G link, simulated) on the
// release build, served compressed as a static host would serve it. For each kind of page it
// prints the performance, accessibility and best-practices scores with the largest contentful
// paint, total blocking time and layout shift, and fails below the budget.
// Usage: node scripts/lighthouse.mjs [folder]   (default: dist; run after `trunk build --release`)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const SITE = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname;
// The ways into the course, the home page and a lesson, are held to the budget. A simulation's
// page and an embed are measured and printed: their text paints from their page files, and
// their blocking time, a simulation's first build and run, is open work.
const PAGES = [
  ['home', '/', true],
  ['lesson', '/learn/concurrency/', true],
  ['simulation', '/sim/event-loop/', false],
  ['embed', '/embed/bakers/', false],
];
const BUDGET = { performance: 95, accessibility: 100, 'best-practices': 95 };
// Lighthouse's own advice: scores vary from run to run, so each page's median run counts.
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const serveBin = new URL('../node_modules/.bin/serve', import.meta.url).pathname;
const server = spawn(serveBin, ['-L', '-n', '--no-port-switching', '-l', `tcp://127.0.0.1:${port}`, SITE],
  { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try { await fetch(base + '/'); break; } catch (e) {
    if (i > 100) throw new Error('the static server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  for (const [name, path, enforced] of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const { lhr } = await lighthouse(base + path, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(BUDGET),
      });
      runs.push(lhr);
    }
    const performance = (lhr) => lhr.categories.performance.score;
    const lhr = runs.sort((a, b) => performance(a) - performance(b))[Math.floor(runs.length / 2)];
    const scores = Object.keys(BUDGET).map((k) => [k, Math.round(lhr.categories[k].score * 100)]);
    const metric = (id) => lhr.audits[id].displayValue;
    console.log(`lighthouse (mobile, median of ${RUNS}): ${name.padEnd(10)} ` +
      scores.map(([k, s]) => `${k} ${s}`).join(', ') +
      ` | LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}` +
      (enforced ? '' : ' (measured, not held to the budget)'));
    for (const [k, s] of scores) {
      if (enforced && s < BUDGET[k]) {
        failed = true;
        const misses = Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && lhr.categories[k].auditRefs.some((r) => r.id === a.id && r.weight > 0))
          .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
        console.error(`lighthouse: ${name} ${k} ${s} is below ${BUDGET[k]}; failing audits: ${misses.join(', ')}`);
      }
    }
  }
} finally {
  await chrome.kill();
  server.kill();
}
if (failed) process.exitCode = 1;
