import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { existsSync, readdirSync } from 'node:fs';

const external = (id) => /^(lit|react|react-dom|sortablejs)(\/|$)|^@lit(-labs)?\//.test(id);
const defineModules = readdirSync('src/components')
  .map((name) => `src/components/${name}/define.ts`)
  .filter((file) => existsSync(file));

export default [
  // Per-module ES files with types; lit, @lit/* and sortablejs stay bare imports.
  {
    input: ['src/index.ts', 'src/define.ts', 'src/plugin.ts', 'src/testing.ts', 'src/react.ts', ...defineModules],
    external,
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    plugins: [typescript({ tsconfig: 'tsconfig.build.json', outDir: 'dist', declaration: true, declarationDir: 'dist' })],
  },
  // One self-contained module for a plain <script type="module">.
  {
    input: 'src/bundle.ts',
    output: { file: 'dist/cic.bundle.js', format: 'es', inlineDynamicImports: true },
    plugins: [
      resolve(),
      typescript({ tsconfig: 'tsconfig.build.json', outDir: 'dist', declaration: false, declarationDir: undefined }),
      terser({ format: { comments: false } }),
    ],
  },
];
