// Writes docs/THEMING.md from custom-elements.json: every design token and every part, so that
// the guide cannot drift from the elements. `--check` fails when the file is out of date.
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).sort((a, b) => a.tagName.localeCompare(b.tagName));

const tokens = new Map();
for (const element of elements) for (const property of element.cssProperties ?? []) if (!tokens.has(property.name)) tokens.set(property.name, property.description ?? '');
const cell = (text) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');

const lines = [
  '# Theming',
  '',
  '<!-- Generated from custom-elements.json by `npm run docs`; do not edit by hand. -->',
  '',
  'The elements are styled through inherited CSS custom properties (design tokens) and `::part`.',
  'Set tokens on any ancestor — the page, a wrapper, the center — and every element inside follows.',
  '',
  '- **Colours** hold one value for light and dark (`--cic-color-surface: light-dark(#fff, #111)`),',
  '  or one per scheme: every colour token also reads `-light` and `-dark` variants',
  '  (`--cic-color-surface-light: #fafafa` restyles light mode and leaves dark mode alone).',
  '- **Scheme**: `theme="dark"` / `"light"` on an element (or `--cic-color-scheme` on an ancestor);',
  '  unset follows `prefers-color-scheme`.',
  "- **Font**: the page's font, unless `--cic-font-family` is set.",
  '- **Parts inside a center**: the parts of every widget are exported through the center twice, as',
  "  themselves and prefixed with the widget's id: `customer-information-center::part(table)` (all",
  '  tables), `customer-information-center::part(open-tickets-table)` (one widget).',
  '',
  '## Design tokens',
  '',
  '| Token | What it colours or sizes |',
  '| --- | --- |',
  ...[...tokens].sort(([a], [b]) => a.localeCompare(b)).map(([name, description]) => `| \`${name}\` | ${cell(description)} |`),
  '',
  '## Parts',
  '',
  ...elements.flatMap((element) => [
    `### \`${element.tagName}\``,
    '',
    ...(element.cssParts?.length ? element.cssParts.map((part) => `- \`${part.name}\` — ${cell(part.description ?? '')}`) : ['(none)']),
    '',
  ]),
];
const text = `${lines.join('\n').trimEnd()}\n`;

/** Every token the styles read (variants and numbered families by their documented name) is documented. */
function undocumentedTokens() {
  const sources = execSync('git ls-files "src/*.ts"', { encoding: 'utf8' }).split('\n').filter(Boolean);
  const used = new Set(sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/var\((--cic-[a-z0-9-]+)/g)].map((m) => m[1])));
  const documentedName = (name) => name.replace(/-(light|dark)$/, '').replace(/^(--cic-(?:color-chart|space))-\d$/, '$1-1');
  return [...used].filter((name) => !tokens.has(documentedName(name)));
}

if (process.argv.includes('--check')) {
  const missing = undocumentedTokens();
  if (missing.length) {
    console.error(`Tokens the styles read but no element documents (@cssprop): ${missing.join(', ')}`);
    process.exit(1);
  }
  const current = readFileSync('docs/THEMING.md', 'utf8');
  if (current !== text) {
    console.error('docs/THEMING.md is out of date: run `npm run docs` (after `npm run analyze`).');
    process.exit(1);
  }
  console.log('docs/THEMING.md is up to date.');
} else {
  writeFileSync('docs/THEMING.md', text);
  console.log(`docs/THEMING.md: ${tokens.size} tokens, ${elements.length} elements.`);
}
