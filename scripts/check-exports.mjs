// Checks the package's exports map after the build: every entry a host may write — with or
// without `.js` — resolves (Node's resolver, through the package's own name) to a file that
// exists, and its `types` condition to a declaration file that exists; and every module
// custom-elements.json names is a file the package ships; and every data module published at
// its flat path (`data/<name>.js`, before `data/` had folders) still answers there, with the
// same exports as where it lives now.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const specifiers = [
  '', '/define.js', '/define', '/plugin', '/plugin.js', '/testing', '/testing.js', '/cic.bundle.js',
  '/components/ticket-list-widget/define.js', '/components/ticket-list-widget/define',
  '/components/customer-information-center/customer-information-center.js', '/data/in-memory-data-source.js',
  '/data/in-memory-data-source', '/jsx', '/vue', '/svelte', '/react', '/react/ticket-list-widget', '/react/ticket-list-widget.js', '/custom-elements.json', '/openapi.yaml',
].map((path) => `${pkg.name}${path}`);

/** The `types` target of an exports entry, with a pattern's `*` filled in. */
function typesOf(subpath) {
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (typeof target !== 'object') continue;
    const [before, after = ''] = key.split('*');
    const matches = key.includes('*') ? subpath.startsWith(before) && subpath.endsWith(after) : subpath === key;
    if (matches) return target.types.replace('*', subpath.slice(before.length, subpath.length - after.length));
  }
  return undefined;
}

/** The data modules as published flat: each still resolves there (`data/data-source` has types only). */
const FLAT_DATA_MODULES = [
  'contract', 'customer-health', 'data-source', 'demo-data', 'errors', 'field-limits', 'guarded-data-source', 'http-data-source',
  'idempotency-key', 'in-memory-data-source', 'lru', 'rules', 'search-pattern', 'sorted', 'state-mapping', 'ticket-index',
  'ticket-sort', 'ticket-statistics', 'types', 'validation',
];
const TYPES_ONLY = new Set(['data-source']);
for (const name of FLAT_DATA_MODULES) if (!TYPES_ONLY.has(name)) specifiers.push(`${pkg.name}/data/${name}.js`, `${pkg.name}/data/${name}`);

let failed = false;
for (const name of FLAT_DATA_MODULES) {
  try {
    for (const subpath of [`./data/${name}.js`, `./data/${name}`]) {
      const types = typesOf(subpath);
      if (!types || !existsSync(types)) throw new Error(`types of ${subpath} do not exist`);
    }
    if (!TYPES_ONLY.has(name)) {
      const flat = await import(`${pkg.name}/data/${name}.js`);
      const [home] = readdirSync('dist/data', { recursive: true }).filter((file) => file.endsWith(`/${name}.js`));
      const moved = await import(`../dist/data/${home}`);
      const differing = [...new Set([...Object.keys(flat), ...Object.keys(moved)])].filter((key) => flat[key] !== moved[key]);
      if (!Object.keys(flat).length || differing.length) throw new Error(`exports differ from dist/data/${home}: ${differing.join(', ') || 'none'}`);
    }
    console.log(`ok  data/${name}.js (flat path)`);
  } catch (error) {
    failed = true;
    console.error(`BAD data/${name}.js (flat path): ${error.message}`);
  }
}
for (const specifier of specifiers) {
  try {
    const file = fileURLToPath(import.meta.resolve(specifier));
    if (!existsSync(file)) throw new Error(`${file} does not exist`);
    if (!/\.(json|yaml)$/.test(specifier)) {
      const types = typesOf(`.${specifier.slice(pkg.name.length)}`);
      if (types === undefined) throw new Error('no types condition');
      if (!existsSync(types)) throw new Error(`types ${types} do not exist`);
    }
    console.log(`ok  ${specifier}`);
  } catch (error) {
    failed = true;
    console.error(`BAD ${specifier}: ${error.message}`);
  }
}
// The manifest's module paths are files the package ships.
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const unshipped = manifest.modules.map((module) => module.path).filter((path) => !existsSync(path));
if (unshipped.length) {
  failed = true;
  console.error(`BAD custom-elements.json names files that are not shipped: ${unshipped.join(', ')}`);
} else console.log(`ok  custom-elements.json: ${manifest.modules.length} modules, all shipped`);
process.exit(failed ? 1 : 0);
