// Sizes of what a host ships, per entry point, minified (terser) and gzipped (level 9), with
// lit, @lit/* and sortablejs external (a host's bundler shares its own copy):
// - library: everything `dist/index.js` exports except the demo data generator (a demo and
//   test tool, kept out of a host's bundle by tree-shaking when unused), as loaded on import —
//   the budget. The translations are loaded only when their language is asked for (a dynamic
//   import), so each is measured on its own, with its own budget;
// - define.js (every element registered), plugin.js (the plugin kit), demo-data.js;
// - dist/cic.bundle.js as shipped (lit and sortablejs inlined).
// - each Customer 360 widget on its own: its folder's code, with lit and the library's shared
//   base, controllers and data layer external (what adding the widget costs a host).
// - each React wrapper `react/<tag>.js` beside the element's own `components/<tag>/define.js`
//   (lit and @lit/react inlined, react external): a wrapper may add the wrapping, not more of
//   the library; and the all-in-one `react.js`.
// `node bench/size.mjs --check` fails when the library or a widget exceeds its budget.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';

/**
 * What loads on import: about 27 kB for the OTRS-style center, 11 kB for the Customer 360
 * widgets, their data calls and edits, 2.5 kB for live updates (the changes of the in-memory
 * source, their check at the boundary, the centers' subscription and the HTTP event stream),
 * 0.4 kB for batching the reads of one task into one request, 0.25 kB for reading a batch's
 * answer as it streams in (a line per read), 0.45 kB for filing one changed ticket of the
 * in-memory source instead of all of them, 0.4 kB for holding every answer read over HTTP to a
 * size (a server that sends without end fails the read instead of filling the tab's memory; the
 * live stream's lines, events and ids bounded too), 0.3 kB for filing a customer user's tickets
 * only when they are first asked for (the in-memory source's build a fifth shorter), 0.5 kB for
 * keeping the keyboard's focus where the agent works (a hidden card, a turned page, a sort, the
 * column chooser) and the mends of an outside attack on the elements, 1.5 kB for the in-memory
 * source's sort keys kept by position (the first page of a big customer's list in any sort one
 * pass over numbers, not over its tickets), 0.3 kB for the texts kept beside them and the due
 * lists' positions (a big list by title twice as fast, a due view's first page reading only the
 * tickets due), 0.6 kB for the bounds of the kept keys per block of 256 positions (a big list's
 * first page passing over whole blocks that cannot enter it: most lists of all a customer's
 * tickets in 1–3 ms instead of 7–27), 0.3 kB for a title block's best text (the lists by title of
 * a big customer in 2.5–10 ms instead of 20–44), 0.2 kB for making again only the block a put
 * changed and taking a ticket out of its lists by a binary search (at a million tickets, the
 * first sort after a live change 2–10 ms instead of 30–60 by title, a put about 8 ms instead of
 * 60), and a little room.
 */
export const LIBRARY_BUDGET_KB = 50.1;
/** One language's translations, loaded when the agent's locale asks for them. */
export const LOCALE_BUDGET_KB = 4;
export const WIDGET_BUDGET_KB = 5;
/** What a React wrapper may add to its element's own registration (the @lit/react wrapping). */
export const REACT_WRAPPER_OVERHEAD_KB = 1.5;
export const CUSTOMER_360_WIDGETS = ['ticket-statistics-widget', 'customer-health-widget', 'recent-tickets-widget', 'customer-history-widget'];

const SHARED = /^(lit|@lit\/|@lit-labs\/|sortablejs)/;
/** Kilobytes to two decimals, so that a budget check cannot round an excess away. */
const kb = (bytes) => Math.round((bytes / 1024) * 100) / 100;

async function bundle(input, external, inlineDynamicImports) {
  const plugins = [nodeResolve(), terser({ format: { comments: false } })];
  const build = await rollup({ input, external, plugins, onwarn: () => {} });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports });
  await build.close();
  return output.filter((chunk) => chunk.type === 'chunk');
}

const gzipped = (chunk) => kb(gzipSync(chunk.code, { level: 9 }).length);

async function gzippedKB(input, external = (id) => SHARED.test(id)) {
  const [chunk] = await bundle(input, external, true);
  return gzipped(chunk);
}

/** The entry as loaded on import, and each chunk it loads on demand, by its module's name. */
async function eagerAndLazyKB(input, external) {
  const chunks = await bundle(input, external, false);
  const lazy = chunks.filter((chunk) => !chunk.isEntry);
  return {
    eagerKB: gzipped(chunks.find((chunk) => chunk.isEntry)),
    lazyKB: Object.fromEntries(lazy.map((chunk) => [chunk.name, gzipped(chunk)])),
  };
}

const notReact = (id) => /^react(\/|$)/.test(id);

/** Per tag: its React wrapper and its own define.js, both with lit inlined and react external. */
async function reactWrappersKB() {
  const tags = (await readdir('dist/react')).filter((file) => file.endsWith('.js')).map((file) => file.slice(0, -3));
  const entries = [];
  for (const tag of tags) {
    entries.push([tag, { wrapperKB: await gzippedKB(`dist/react/${tag}.js`, notReact), elementKB: await gzippedKB(`dist/components/${tag}/define.js`, notReact) }]);
  }
  return Object.fromEntries(entries);
}

export async function measureSizes() {
  const withoutGenerator = (id) => SHARED.test(id) || /demo-data\.js$/.test(id);
  const library = await eagerAndLazyKB('dist/index.js', withoutGenerator);
  return {
    libraryKB: library.eagerKB,
    localesKB: library.lazyKB,
    localeBudgetKB: LOCALE_BUDGET_KB,
    defineKB: await gzippedKB('dist/define.js'),
    pluginKB: await gzippedKB('dist/plugin.js'),
    demoDataKB: await gzippedKB('dist/data/demo/demo-data.js'),
    reactKB: await gzippedKB('dist/react.js', notReact),
    reactWrappersKB: await reactWrappersKB(),
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
    `library ${sizes.libraryKB} kB min+gzip on import (budget ${sizes.budgetKB} kB); translations on demand ` +
      `(budget ${LOCALE_BUDGET_KB} kB each): ${Object.entries(sizes.localesKB).map(([l, k]) => `${l} ${k} kB`).join(', ')}; define.js ${sizes.defineKB} kB, ` +
      `plugin.js ${sizes.pluginKB} kB, demo-data.js ${sizes.demoDataKB} kB; cic.bundle.js ${sizes.bundleKB} kB; ` +
      `on their own (budget ${WIDGET_BUDGET_KB} kB each): ${Object.entries(sizes.widgetsKB).map(([w, k]) => `${w} ${k} kB`).join(', ')}; ` +
      `React (react external, lit inlined): react.js ${sizes.reactKB} kB; per element, wrapper / own define.js ` +
      `(the wrapper may add ${REACT_WRAPPER_OVERHEAD_KB} kB): ${Object.entries(sizes.reactWrappersKB).map(([t, k]) => `${t} ${k.wrapperKB} / ${k.elementKB} kB`).join(', ')}`,
  );
  if (process.argv.includes('--check')) {
    if (sizes.libraryKB > sizes.budgetKB) {
      console.error(`Size budget exceeded by ${Math.round((sizes.libraryKB - sizes.budgetKB) * 100) / 100} kB.`);
      process.exit(1);
    }
    const overLocales = Object.entries(sizes.localesKB).filter(([, k]) => k > LOCALE_BUDGET_KB);
    if (overLocales.length) {
      console.error(`Translation budget (${LOCALE_BUDGET_KB} kB) exceeded: ${overLocales.map(([l, k]) => `${l} ${k} kB`).join(', ')}.`);
      process.exit(1);
    }
    const heavyWrappers = Object.entries(sizes.reactWrappersKB).filter(([, k]) => k.wrapperKB - k.elementKB > REACT_WRAPPER_OVERHEAD_KB);
    if (heavyWrappers.length) {
      console.error(
        `React wrappers adding more than ${REACT_WRAPPER_OVERHEAD_KB} kB to their element: ` +
          heavyWrappers.map(([t, k]) => `${t} ${k.wrapperKB} kB (element ${k.elementKB} kB)`).join(', ') + '.',
      );
      process.exit(1);
    }
    const over = Object.entries(sizes.widgetsKB).filter(([, k]) => k > WIDGET_BUDGET_KB);
    if (over.length) {
      console.error(`Widget budget (${WIDGET_BUDGET_KB} kB) exceeded: ${over.map(([w, k]) => `${w} ${k} kB`).join(', ')}.`);
      process.exit(1);
    }
  }
}
