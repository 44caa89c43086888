// Which files each simulation's view fetches, found by running the splitter's own loader
// (`__wasm_split.js`) with a fetch that only records what is asked for: the loader's exports and
// behaviour, not its text, are read. Prints the map, by the simulations' names in addresses, as
// a module for web/boot.js; fails when there is no view or a view does not fetch its module.
// Usage: node scripts/simulation-files.mjs <folder with __wasm_split.js>
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [folder] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'split-loader-'));
copyFileSync(join(folder, '__wasm_split.js'), join(work, 'loader.mjs'));
// The loader links the chunks through the main module's table; here nothing runs in them.
writeFileSync(join(work, 'asyncio-course.js'),
  'export function initSync() { return { __indirect_function_table: { get: () => () => {} } }; }\n');

let fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(basename(new URL(url).pathname));
  return new Response(new Uint8Array());
};
WebAssembly.instantiateStreaming = async () => ({ instance: {}, module: {} });

const loaderUrl = pathToFileURL(join(work, 'loader.mjs'));
const views = Object.keys(await import(loaderUrl))
  .map((name) => /^__wasm_split_load_(\w+)_view$/.exec(name)?.[1])
  .filter(Boolean);
if (views.length === 0) throw new Error(`the loader in ${folder} splits off no simulation view`);
const files = {};
for (const view of views) {
  // A fresh copy of the loader for each view: it remembers the chunks it has loaded.
  const loader = await import(`${loaderUrl}?${view}`);
  fetched = [];
  await loader[`__wasm_split_load_${view}_view`](0, 0);
  if (!fetched.includes(`split_${view}_view.wasm`)) {
    throw new Error(`the view ${view} does not fetch its own module (got ${fetched.join(', ')})`);
  }
  files[view.replaceAll('_', '-')] = [...new Set(fetched)];
}
process.stdout.write(`// Written by scripts/simulation-files.mjs: each simulation's files.\n` +
  `export default ${JSON.stringify(files)};\n`);
