// Sizes of what a host ships, per entry point, minified (terser) and gzipped (level 9), with
// lit, @lit/* and sortablejs external (a host's bundler shares its own copy):
// - library: everything `dist/index.js` exports except the demo data generator (a demo and
//   test tool, kept out of a host's bundle by tree-shaking when unused) — the budget;
// - define.js (every element registered), plugin.js (the plugin kit), demo-data.js;
// - dist/cic.bundle.js as shipped (lit and sortablejs inlined).
// - each Customer 360 widget on its own: its folder's code, with lit and the library's shared
//   base, controllers and data layer external (what adding the widget costs a host).
// `node bench/size.mjs --check` fails when the library or a widget exceeds its budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

/** 30 kB for the OTRS-style center, 15 kB for the Customer 360 widgets, their data calls and edits. */
export const LIBRARY_BUDGET_KB = 45;
export const WIDGET_BUDGET_KB = 5;
export const CUSTOMER_360_WIDGETS = ['ticket-statistics-widget', 'customer-health-widget', 'recent-tickets-widget', 'customer-history-widget'];

const SHARED = /^(lit|@lit\/|@lit-labs\/|sortablejs)/;
/** Kilobytes to two decimals, so that a budget check cannot round an excess away. */
const kb = (bytes) => Math.round((bytes / 1024) * 100) / 100;

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
    widgetsKB: Object.fromEntries(
      await Promise.all(
        CUSTOMER_360_WIDGETS.map(async (name) => {
          // Its own folder's modules are bundled; anything else (lit, ../../internal, ../../data) is not.
          const external = (id, importer) => importer !== undefined && !id.startsWith('./') && !id.includes(`/components/${name}/`);
          return [name, await gzippedKB(`dist/components/${name}/${name}.js`, external)];
        }),
      ),
    ),
  };
}

if (process.argv[1]?.endsWith('size.mjs')) {
  const sizes = await measureSizes();
  console.log(
    `library ${sizes.libraryKB} kB min+gzip (budget ${sizes.budgetKB} kB); define.js ${sizes.defineKB} kB, ` +
      `plugin.js ${sizes.pluginKB} kB, demo-data.js ${sizes.demoDataKB} kB; cic.bundle.js ${sizes.bundleKB} kB; ` +
      `on their own (budget ${WIDGET_BUDGET_KB} kB each): ${Object.entries(sizes.widgetsKB).map(([w, k]) => `${w} ${k} kB`).join(', ')}`,
  );
  if (process.argv.includes('--check')) {
    if (sizes.libraryKB > sizes.budgetKB) {
      console.error(`Size budget exceeded by ${Math.round((sizes.libraryKB - sizes.budgetKB) * 100) / 100} kB.`);
      process.exit(1);
    }
    const over = Object.entries(sizes.widgetsKB).filter(([, k]) => k > WIDGET_BUDGET_KB);
    if (over.length) {
      console.error(`Widget budget (${WIDGET_BUDGET_KB} kB) exceeded: ${over.map(([w, k]) => `${w} ${k} kB`).join(', ')}.`);
      process.exit(1);
    }
  }
}
