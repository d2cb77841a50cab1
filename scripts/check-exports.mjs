// Checks the package's exports map after the build: every entry a host may write — with or
// without `.js` — resolves (Node's resolver, through the package's own name) to a file that
// exists, and its `types` condition to a declaration file that exists; and every module
// custom-elements.json names is a file the package ships.
import { existsSync, readFileSync } from 'node:fs';
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

let failed = false;
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
