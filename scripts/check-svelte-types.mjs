// Runs svelte-check on a folder of .svelte files and compares its errors with the expected
// ones: the line after each `<!-- expect-error: why -->` comment must be an error, and no
// other line may be (svelte-check has no @ts-expect-error for markup).
// Usage: node scripts/check-svelte-types.mjs <folder with a tsconfig.json>
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
const expected = new Set();
for (const file of readdirSync(folder).filter((name) => name.endsWith('.svelte'))) {
  readFileSync(join(folder, file), 'utf8').split('\n').forEach((line, index) => {
    if (line.trim().startsWith('<!-- expect-error')) expected.add(`${file}:${index + 2}`);
  });
}
const check = spawnSync('npx', ['svelte-check', '--workspace', folder, '--tsconfig', './tsconfig.json', '--output', 'machine'], { encoding: 'utf8' });
const errors = new Map();
for (const [, file, line, message] of check.stdout.matchAll(/ ERROR "(.+?)" (\d+):\d+ "(.*)"$/gm)) errors.set(`${file}:${line}`, message);
if (!/ COMPLETED /.test(check.stdout)) {
  console.error(check.stdout, check.stderr);
  process.exit(1);
}
const problems = [
  ...[...expected].filter((where) => !errors.has(where)).map((where) => `${where}: expected a type error, got none`),
  ...[...errors].filter(([where]) => !expected.has(where)).map(([where, message]) => `${where}: ${message}`),
];
for (const problem of problems) console.error(`BAD ${problem}`);
console.log(`svelte-check: ${expected.size} expected errors in ${folder}, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
