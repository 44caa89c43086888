// Offline study: the service worker keeps the course after the first visit, and a new build
// replaces it only when the learner agrees. Each test serves its own copy of the built site, so
// it can cut the network for real (stop the server) and publish a "new build" into it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHONE, launchChromium, watchProblems } from './chromium.mjs';

const DIST = process.env.DIST ?? new URL('../dist/', import.meta.url).pathname;
const OFFLINE_SH = new URL('../scripts/offline.sh', import.meta.url).pathname;
const STATIC_SERVER = new URL('../scripts/static-server.py', import.meta.url).pathname;
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => browser?.close());

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A static server for `dir` on `port`, started and answering. */
async function serve(dir, port) {
  const server = spawn('python3', [STATIC_SERVER, String(port), dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return server;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('the static server did not start');
}

/**
 * Runs `body` with a copy of the built site in a folder of its own, served on a port of its
 * own: `{ dir, base, stop }`, where `stop()` cuts the network for good. Cleans up after.
 */
async function withOwnSite(body) {
  const dir = mkdtempSync(join(tmpdir(), 'course-site-'));
  cpSync(DIST, dir, { recursive: true });
  const port = await freePort();
  let server = await serve(dir, port);
  const stop = async () => {
    if (!server) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill();
    await exited;
    server = null;
  };
  try {
    await body({ dir, base: `http://127.0.0.1:${port}`, stop });
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens `path` and waits until the service worker controls the page with the course stored. */
async function firstVisit(base, path) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
  const page = watchProblems(await context.newPage());
  await page.goto(base + path);
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30000 });
  return page;
}

test('a second visit works with the network cut: the page, a section not read yet, a simulation', () => withOwnSite(async ({ base, stop }) => {
  const page = await firstVisit(base, '/learn/concurrency/');
  assert.equal(await page.locator('link[rel="manifest"]').count(), 1);
  const manifest = await (await fetch(`${base}/manifest.webmanifest`)).json();
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'), 'a large icon');

  await stop();
  await page.context().setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Конкурентность, параллелизм и многозадачность' }).waitFor();

  // A section that was never opened online, loaded as a page of its own, and the simulation
  // inside it.
  await page.goto(`${base}/learn/event-loop/`);
  await page.getByRole('heading', { level: 1, name: /цикл событий/i }).waitFor();
  const sim = page.locator('.sim.event-loop');
  await sim.getByRole('heading', { level: 3, name: 'Программа' }).waitFor();
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  await sim.getByRole('button', { name: 'Шаг вперёд' }).click();
  assert.match(await sim.locator('.time').innerText(), /^2 \//);
  assert.equal(await page.locator('.fetch-failed, .notice.error').count(), 0, 'nothing failed to load');
  assert.deepEqual(page.problems, []);
  await page.context().close();
}));

test('a new build is stored beside the old one and shown after the learner reloads', () => withOwnSite(async ({ dir, base }) => {
  const page = await firstVisit(base, '/learn/concurrency/');
  const before = await page.locator('main').innerText();
  assert.doesNotMatch(before, /Абзац из новой сборки/);

  // "Publish" a new build: one lesson changes, and the build step writes a new worker.
  const lesson = join(dir, 'lessons/ru/concurrency.html');
  writeFileSync(lesson, '<p>Абзац из новой сборки.</p>' + readFileSync(lesson, 'utf8'));
  const oldWorker = readFileSync(join(dir, 'sw.js'), 'utf8');
  execFileSync('bash', [OFFLINE_SH, dir]);
  assert.notEqual(readFileSync(join(dir, 'sw.js'), 'utf8'), oldWorker, 'a new version');

  // The open page keeps its version until the learner agrees.
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const note = page.locator('.update-note');
  await note.waitFor({ timeout: 30000 });
  assert.equal(await note.getAttribute('role'), 'status');
  assert.match(await note.innerText(), /Курс обновился/);
  assert.doesNotMatch(await page.locator('main').innerText(), /Абзац из новой сборки/);

  await Promise.all([page.waitForEvent('load'), note.getByRole('button', { name: 'Перезагрузить' }).click()]);
  await page.getByText('Абзац из новой сборки.').waitFor();
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.length, 1, `the old version's cache is gone: ${caches}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
}));
