// Type-checks every code block of README.md and docs/*.md that is code a reader copies into an
// app (```ts, ```tsx, ```js, ```vue), strictly, against the built package (run after the build):
// a snippet that does not compile fails CI. A block may lean on names the prose around it
// implies (`center`, `source`): an HTML comment right before it declares them, invisible on
// the page: <!-- snippet-context: declare const center: CustomerInformationCenter; -->.
// Not checked: shell and SQL blocks, and html blocks (demo/bundle.html and demo/importmap.html,
// which CI opens, are the working versions of those).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const checked = { ts: 'ts', tsx: 'tsx', js: 'js', vue: 'vue' };
// Inside the package folder, so that `customer-information-center` resolves to this package.
const folder = '.snippets';
const markdown = ['README.md', ...readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => join('docs', name))];

/** Every checked block: where it is, its language, its code and the declarations before it. */
function blocksOf(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  for (let start = 0; start < lines.length; start++) {
    const language = /^```(\w+)$/.exec(lines[start])?.[1];
    if (!checked[language]) continue;
    const end = lines.indexOf('```', start + 1);
    const context = /^<!-- snippet-context: (.*) -->$/.exec(lines[start - 1] ?? '')?.[1] ?? '';
    blocks.push({ file, line: start + 2, language, context, code: lines.slice(start + 1, end).join('\n') });
    start = end;
  }
  return blocks;
}

/** A file of the block: a module (so that blocks do not share names); a template in a component. */
function moduleText({ language, context, code }) {
  if (language !== 'vue') return `${context}\n${code}\nexport {};\n`;
  return code.includes('<template>') ? code : `<script setup lang="ts">\n${context}\n</script>\n\n<template>\n${code}\n</template>\n`;
}

rmSync(folder, { recursive: true, force: true });
mkdirSync(folder);
const blocks = markdown.flatMap(blocksOf);
const names = new Map();
blocks.forEach((block, index) => {
  const name = `snippet-${index}.${checked[block.language]}`;
  names.set(name, block);
  writeFileSync(join(folder, name), moduleText(block));
});
writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx',
    strict: true, noEmit: true, allowJs: true, checkJs: true, skipLibCheck: true, experimentalDecorators: true,
    useDefineForClassFields: false, types: ['node'],
  },
  include: ['*.ts', '*.tsx', '*.js', '*.vue'],
}, null, 2));

const result = spawnSync('npx', ['vue-tsc', '-p', join(folder, 'tsconfig.json')], { encoding: 'utf8' });
const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
for (const error of errors) {
  const [, name, line] = /(snippet-\d+\.\w+)\((\d+),/.exec(error) ?? [];
  const block = names.get(name);
  console.error(block ? `BAD ${block.file}, the ${block.language} block at line ${block.line} (${name}:${line}): ${error.replace(/^.*?error /, '')}` : `BAD ${error}`);
}
if (result.status !== 0 && errors.length === 0) console.error(result.stdout, result.stderr);
console.log(`snippets: ${blocks.length} blocks of ${markdown.length} documents type-checked, ${errors.length} errors`);
if (result.status === 0) rmSync(folder, { recursive: true, force: true });
process.exit(result.status === 0 ? 0 : 1);
