// Sizes of what a host ships, per entry point, minified (terser) and gzipped (level 9), with
// lit, @lit/* and sortablejs external (a host's bundler shares its own copy):
// - library: everything `dist/index.js` exports except the demo data generator (a demo and
//   test tool, kept out of a host's bundle by tree-shaking when unused) — the budget;
// - define.js (every element registered), plugin.js (the plugin kit), demo-data.js;
// - dist/cic.bundle.js as shipped (lit and sortablejs inlined).
// `node bench/size.mjs --check` fails when the library exceeds its budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

export const LIBRARY_BUDGET_KB = 30;

const SHARED = /^(lit|@lit\/|@lit-labs\/|sortablejs)/;
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

async function gzippedKB(input, external = (id) => SHARED.test(id)) {
  const build = await rollup({ input, external, plugins: [terser({ format: { comments: false } })] });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  await build.close();
  return kb(gzipSync(output[0].code, { level: 9 }).length);
}

export async function measureSizes() {
  const withoutGenerator = (id) => SHARED.test(id) || /demo-data\.js$/.test(id);
  return {
    libraryKB: await gzippedKB('dist/index.js', withoutGenerator),
    defineKB: await gzippedKB('dist/define.js'),
    pluginKB: await gzippedKB('dist/plugin.js'),
    demoDataKB: await gzippedKB('dist/data/demo-data.js'),
    bundleKB: kb(gzipSync(await readFile('dist/cic.bundle.js'), { level: 9 }).length),
    budgetKB: LIBRARY_BUDGET_KB,
  };
}

if (process.argv[1]?.endsWith('size.mjs')) {
  const sizes = await measureSizes();
  console.log(
    `library ${sizes.libraryKB} kB min+gzip (budget ${sizes.budgetKB} kB); define.js ${sizes.defineKB} kB, ` +
      `plugin.js ${sizes.pluginKB} kB, demo-data.js ${sizes.demoDataKB} kB; cic.bundle.js ${sizes.bundleKB} kB`,
  );
  if (process.argv.includes('--check') && sizes.libraryKB > sizes.budgetKB) {
    console.error(`Size budget exceeded by ${Math.round((sizes.libraryKB - sizes.budgetKB) * 10) / 10} kB.`);
    process.exit(1);
  }
}
