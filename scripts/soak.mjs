// A long run: one simulation plays on loop at 8× in headless Chromium for SOAK_MINUTES
// (default 30) while the JavaScript heap and the WebAssembly memory are sampled every minute.
// It prints every sample and fails if either grew by more than 5 MB after the first 5 minutes.
// Not part of the regular test run:
//   BASE_URL=http://127.0.0.1:8080 node scripts/soak.mjs '/en/sim/event-loop/?preset=hundred'
import { BASE, launchChromium, watchProblems } from '../e2e/chromium.mjs';

const PATH = process.argv[2] ?? '/en/sim/event-loop/?preset=hundred';
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const WARM_UP = Math.min(5, MINUTES - 1);
const LIMIT_MB = 5;

const browser = await launchChromium();
const mb = (bytes) => bytes / 1024 / 1024;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const { problems } = watchProblems(page);
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${BASE}${PATH}`);
  const sim = page.locator('.sim');
  await sim.getByLabel('Speed').selectOption({ label: '8×' });
  await sim.getByRole('button', { name: 'Loop' }).click();
  await sim.getByRole('button', { name: 'Play' }).click();
  const samples = [];
  for (let minute = 0; minute <= MINUTES; minute++) {
    if (minute > 0) await page.waitForTimeout(60_000);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => globalThis.courseWasmMemory?.buffer.byteLength ?? 0);
    const at = await sim.locator('.time').first().innerText();
    samples.push({ minute, heap: mb(usedSize), wasm: mb(wasm) });
    console.log(`soak: minute ${minute}: JS heap ${mb(usedSize).toFixed(2)} MB, wasm memory ${mb(wasm).toFixed(2)} MB, at ${at}`);
  }
  const base = samples[WARM_UP];
  const last = samples[samples.length - 1];
  const heapGrowth = Math.max(...samples.slice(WARM_UP).map((s) => s.heap)) - base.heap;
  const wasmGrowth = Math.max(...samples.slice(WARM_UP).map((s) => s.wasm)) - base.wasm;
  console.log(`soak: ${PATH} for ${MINUTES} min: after minute ${WARM_UP}, the JS heap grew by at most ` +
    `${heapGrowth.toFixed(2)} MB and the wasm memory by ${wasmGrowth.toFixed(2)} MB (limit ${LIMIT_MB} MB); ` +
    `the end: ${last.heap.toFixed(2)} MB heap, ${last.wasm.toFixed(2)} MB wasm`);
  if (problems.length) throw new Error(`the page reported errors: ${problems.join('; ')}`);
  if (heapGrowth > LIMIT_MB || wasmGrowth > LIMIT_MB) process.exitCode = 1;
} finally {
  await browser.close();
}
