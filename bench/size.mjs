// Sizes of what a host ships: the library with lit and sortablejs external (what a host's
// bundler adds on top of its own lit), and the self-contained dist/cic.bundle.js.
// `node bench/size.mjs --check` fails when the library exceeds its budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

export const LIBRARY_BUDGET_KB = 30;

export async function measureSizes() {
  const build = await rollup({
    // Everything the package exports (elements, data layer, generator), lit and sortablejs left out.
    input: 'dist/index.js',
    external: (id) => /^(lit|@lit\/|@lit-labs\/|sortablejs)/.test(id),
    plugins: [terser({ format: { comments: false } })],
  });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  await build.close();
  const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
  const library = gzipSync(output[0].code, { level: 9 }).length;
  const bundle = gzipSync(await readFile('dist/cic.bundle.js'), { level: 9 }).length;
  return { libraryKB: kb(library), bundleKB: kb(bundle), budgetKB: LIBRARY_BUDGET_KB };
}

if (process.argv[1]?.endsWith('size.mjs')) {
  const sizes = await measureSizes();
  console.log(`library ${sizes.libraryKB} kB min+gzip (budget ${sizes.budgetKB} kB), cic.bundle.js ${sizes.bundleKB} kB`);
  if (process.argv.includes('--check') && sizes.libraryKB > sizes.budgetKB) {
    console.error(`Size budget exceeded by ${Math.round((sizes.libraryKB - sizes.budgetKB) * 10) / 10} kB.`);
    process.exit(1);
  }
}
