import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defaultShouldMinify } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import typescript from '@rollup/plugin-typescript';
import { existsSync, readdirSync } from 'node:fs';

const external = (id) => /^(lit|react|react-dom|sortablejs)(\/|$)|^@lit(-labs)?\//.test(id);
// Whitespace and comments in the markup of html`…`, css`…` and markup`…` (joined templates) go:
// less to ship, and fewer text nodes for every template to clone. Not staticHtml`…`: its tag
// names are expressions, which the minifier cannot parse.
const minifyTemplates = () =>
  minifyHtmlLiterals({
    failOnError: true,
    options: {
      shouldMinify: (template) => template.tag !== 'staticHtml' && (defaultShouldMinify(template) || template.tag === 'markup'),
    },
  });

const defineModules = readdirSync('src/components')
  .map((name) => `src/components/${name}/define.ts`)
  .filter((file) => existsSync(file));
/**
 * The data layer's modules stay importable at the flat paths they were published at
 * (`data/<name>.js`, before `data/` had folders): each gets a re-export module and declaration
 * there. Names are unique across the folders (a second one fails the build).
 */
const flatDataPaths = () => ({
  name: 'flat-data-paths',
  generateBundle(_options, bundle) {
    for (const fileName of Object.keys(bundle)) {
      const [, folder, name, extension] = /^data\/(.+)\/([^/]+)\.(js|d\.ts)$/.exec(fileName) ?? [];
      if (name) this.emitFile({ type: 'asset', fileName: `data/${name}.${extension}`, source: `export * from './${folder}/${name}.js';\n` });
    }
  },
});
const reactModules = readdirSync('src/react').map((name) => `src/react/${name}`);

export default [
  // Per-module ES files with types; lit, @lit/* and sortablejs stay bare imports.
  {
    input: ['src/index.ts', 'src/define.ts', 'src/plugin.ts', 'src/testing.ts', 'src/react.ts', ...defineModules, ...reactModules],
    external,
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    plugins: [minifyTemplates(), typescript({ tsconfig: 'tsconfig.build.json', outDir: 'dist', declaration: true, declarationDir: 'dist' }), flatDataPaths()],
  },
  // One self-contained module for a plain <script type="module">.
  {
    input: 'src/bundle.ts',
    output: { file: 'dist/cic.bundle.js', format: 'es', inlineDynamicImports: true },
    plugins: [
      resolve(),
      minifyTemplates(),
      typescript({ tsconfig: 'tsconfig.build.json', outDir: 'dist', declaration: false, declarationDir: undefined }),
      terser({ format: { comments: false } }),
    ],
  },
];
