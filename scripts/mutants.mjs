#!/usr/bin/env node
/**
 * A small mutation-testing run over hand-written mutants (`npm run mutants`).
 *
 * Each mutant below changes one exact piece of text in one source file (a bug that could
 * plausibly be written) and names the test files that should notice it. For each mutant the
 * run copies the working tree (with uncommitted changes; not `.git`, and `node_modules` is
 * linked, not copied) into a temporary directory once, applies the mutant there, runs its
 * test files with `wtr`, records the result by the exit code and puts the file back. The
 * working tree is never changed, so an interrupted run leaves nothing behind in it.
 *
 *   killed       the tests failed with the mutant in place (what we want)
 *   survived     the tests passed: a bug they would not notice (or an equivalent mutant)
 *   not applied  the original text is not in the file (or not once): the source moved or
 *                changed, and the mutant must be brought up to date
 *
 * Not part of `npm test` nor CI: it runs the browser tests once per mutant, minutes in all.
 *
 *   node scripts/mutants.mjs                 every mutant
 *   node scripts/mutants.mjs --only NAME     one mutant (repeatable)
 *   node scripts/mutants.mjs --list          the mutants, without running anything
 *   node scripts/mutants.mjs --no-baseline   skip the check that the tests pass unmutated
 *
 * See docs/TESTING.md for the score and how to add a mutant.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const GUARD = 'src/data/adapters/guarded-data-source.ts';
const HEALTH = 'src/data/rules/customer-health.ts';
const STATISTICS = 'src/data/rules/ticket-statistics.ts';
const RULES = 'src/data/rules/rules.ts';
const IN_MEMORY = 'src/data/adapters/in-memory/cursors.ts';
const SEARCH = 'src/data/rules/search-pattern.ts';
const JOINED = 'src/internal/joined-template.ts';
const PARTS = 'src/internal/export-parts.ts';
const DATA_CONTROLLER = 'src/internal/data-controller.ts';
const SAVE_CONTROLLER = 'src/internal/save-controller.ts';
const PAGING = 'src/internal/paging.ts';
const PREFERENCES = 'src/internal/preferences.ts';
const DONUT = 'src/components/ticket-statistics-widget/ticket-statistics-widget.ts';

const T = {
  guard: 'test/data/guarded-data-source.test.ts',
  health: 'test/data/customer-health.test.ts',
  inMemory: 'test/data/in-memory-data-source.test.ts',
  joined: 'test/internal/joined-template.test.ts',
  dataController: 'test/internal/data-controller.test.ts',
  saveController: 'test/internal/save-controller.test.ts',
  statisticsWidget: 'test/components/ticket-statistics-widget.test.ts',
  healthWidget: 'test/components/customer-health-widget.test.ts',
  center: 'test/components/customer-information-center.test.ts',
  history: 'test/components/customer-history-widget.test.ts',
  embedding: 'test/embedding/embedding.test.ts',
  parts: 'test/internal/export-parts.test.ts',
  storedState: 'test/security/stored-state.test.ts',
  rules: 'test/data/rules.test.ts',
  preferences: 'test/internal/preferences.test.ts',
};

/**
 * The mutants: `file`, the exact `original` text (it must occur once in the file), its
 * `replacement`, a short `name`, and the `tests` that should catch it. `equivalent` (a reason)
 * marks a mutant that behaves like the original: it is run, but left out of the score.
 */
export const MUTANTS = [
  // The answer guard.
  { name: 'guard-object-as-list', file: GUARD, original: "if (!Array.isArray(value)) throw malformed(path, 'is not an array');", replacement: 'if (!Array.isArray(value)) return [];', tests: [T.guard, T.center] },
  { name: 'guard-score-above-100', file: GUARD, original: 'value >= 0 && value <= 100', replacement: 'value >= 0', tests: [T.guard, T.healthWidget] },
  { name: 'guard-negative-count', file: GUARD, original: '!Number.isFinite(value) || value < 0)', replacement: '!Number.isFinite(value))', tests: [T.guard] },
  { name: 'guard-keeps-too-many', file: GUARD, original: 'value.length > max;', replacement: 'value.length > max + 1;', tests: [T.guard] },
  { name: 'guard-keeps-repeats', file: GUARD, original: 'items.filter((entry) => !seen.has(idOf(entry)) && seen.add(idOf(entry)))', replacement: 'items.filter(() => true)', tests: [T.guard] },
  { name: 'guard-repeated-cursor-kept', file: GUARD, original: 'requested !== undefined && cursor === requested', replacement: 'false', tests: [T.guard] },
  { name: 'guard-oldest-months-kept', file: GUARD, original: 'record.monthly.slice(-months)', replacement: 'record.monthly.slice(0, months)', tests: [T.guard] },
  { name: 'guard-invalid-date-kept', file: GUARD, original: "(typeof record[key] !== 'string' || Number.isNaN(Date.parse(record[key])))", replacement: "typeof record[key] !== 'string'", tests: [T.guard] },
  { name: 'guard-trend-unchecked', file: GUARD, original: 'if (record.trend != null) score(', replacement: 'if (false) score(', tests: [T.guard] },
  { name: 'guard-writes-by-default', file: GUARD, original: 'writeCustomerUsers: declared.writeCustomerUsers === true', replacement: 'writeCustomerUsers: declared.writeCustomerUsers !== false', tests: [T.guard] },

  // Customer health (the distress index).
  { name: 'health-trend-is-current', file: HEALTH, original: 'trend: { score: score(ranks(before))', replacement: 'trend: { score: score(currentRanks)', tests: [T.health, T.healthWidget] },
  { name: 'health-recent-window', file: HEALTH, original: 'created > at - 30 * DAY', replacement: 'created > at - 60 * DAY', tests: [T.health] },
  { name: 'health-ties-count-whole', file: HEALTH, original: '(below + equal / 2)', replacement: '(below + equal)', tests: [T.health, T.healthWidget] },
  { name: 'health-open-age-summed', file: HEALTH, original: 'if (inputs.openTickets) inputs.openAge /= inputs.openTickets;', replacement: '', tests: [T.health] },
  { name: 'health-trend-not-a-week', file: HEALTH, original: 'const beforeAt = at - 7 * DAY;', replacement: 'const beforeAt = at - 1 * DAY;', tests: [T.health] },

  // Ticket statistics.
  { name: 'statistics-no-36-month-cap', file: STATISTICS, original: 'Math.min(MAX_STATISTICS_MONTHS, months)', replacement: 'months', tests: [T.inMemory, T.statisticsWidget] },
  { name: 'statistics-closed-without-date', file: STATISTICS, original: 'return ticket.closedAt ?? (closed ? (ticket.changedAt ?? ticket.createdAt) : undefined);', replacement: 'return ticket.closedAt;', tests: [T.inMemory, T.statisticsWidget] },
  { name: 'statistics-queues-fewest-first', file: STATISTICS, original: 'b.open + b.closed - (a.open + a.closed)', replacement: 'a.open + a.closed - (b.open + b.closed)', tests: [T.inMemory, T.statisticsWidget] },
  { name: 'statistics-months-end-last-month', file: STATISTICS, original: 'for (let back = months - 1; back >= 0; back--)', replacement: 'for (let back = months; back > 0; back--)', tests: [T.inMemory, T.statisticsWidget] },
  { name: 'donut-zero-segment-drawn', file: DONUT, original: 'if (!count) return nothing;', replacement: '', tests: [T.statisticsWidget] },

  // Domain rules.
  { name: 'rules-escalated-includes-closed', file: RULES, original: 'return STATE_CATEGORIES.filter((category) => !TERMINAL_CATEGORIES.has(category));', replacement: 'return STATE_CATEGORIES;', tests: [T.inMemory] },
  { name: 'rules-closed-view-inverted', file: RULES, original: 'STATE_CATEGORIES.filter((category) => !isViewable(category))', replacement: 'STATE_CATEGORIES.filter((category) => isViewable(category))', tests: [T.inMemory] },
  { name: 'rules-tmp-lock-unlocked', file: RULES, original: "['lock', 'tmp_lock']", replacement: "['lock']", tests: [T.inMemory] },
  { name: 'rules-one-character-search', file: RULES, original: 'MIN_SEARCH_LENGTH = 2', replacement: 'MIN_SEARCH_LENGTH = 1', tests: [T.rules, T.inMemory] },
  { name: 'rules-star-not-everything', file: RULES, original: '|| /^\\*+$/.test(trimmed)', replacement: '', tests: [T.rules, T.inMemory] },

  // In-memory paging by cursors.
  { name: 'in-memory-previous-from-index-1', file: IN_MEMORY, original: 'if (start > 0 && items.length) page.previousCursor', replacement: 'if (start > 1 && items.length) page.previousCursor', tests: [T.inMemory] },
  { name: 'in-memory-next-on-last-page', file: IN_MEMORY, original: 'if (start + size < length && items.length) page.nextCursor', replacement: 'if (start + size <= length && items.length) page.nextCursor', tests: [T.inMemory] },
  { name: 'in-memory-previous-one-short', file: IN_MEMORY, original: 'Math.max(0, position(before) - size)', replacement: 'Math.max(0, position(before) - size + 1)', tests: [T.inMemory] },
  { name: 'in-memory-stale-cursor-position', file: IN_MEMORY, original: 'at < length && idOf(sorted[at]) === id) return at;', replacement: 'at < length) return at;', tests: [T.inMemory] },

  // Search patterns.
  { name: 'search-wildcard-order-ignored', file: SEARCH, original: 'if (at < 0) return false;\n      from = at + part.length;', replacement: 'if (at < 0) return false;', tests: [T.inMemory] },
  { name: 'search-ranges-case-sensitive', file: SEARCH, original: 'const haystack = text.toLowerCase();', replacement: 'const haystack = text;', tests: [T.inMemory, 'test/components/customer-search-dialog.test.ts'] },

  // Joined templates.
  { name: 'joined-shape-key-collides', file: JOINED, original: ".join(',')}]`", replacement: ".join('')}]`", tests: [T.joined] },
  { name: 'joined-lit-template-inlined', file: JOINED, original: 'value instanceof Piece', replacement: "typeof value === 'object' && value !== null && 'strings' in value", tests: [T.joined] },
  { name: 'joined-mixed-list-inlined', file: JOINED, original: 'value.every(isMarkup)', replacement: 'value.some(isMarkup)', tests: [T.joined] },

  // Exported parts.
  { name: 'parts-prefix-change-ignored', file: PARTS, original: '(this.parts.size === known && this.exportedWith === this.prefix)', replacement: '(this.parts.size === known)', tests: [T.parts, T.embedding] },
  { name: 'parts-unprefixed-name-dropped', file: PARTS, original: '`${part}, ${part}: ${this.prefix}-${part}`', replacement: '`${part}: ${this.prefix}-${part}`', tests: [T.parts, T.embedding] },

  // Data controller, save controller, pager, preferences.
  { name: 'data-controller-stale-value-current', file: DATA_CONTROLLER, original: 'loaded && sameArgs(loaded.args, this.options.args()) ? loaded.value', replacement: 'loaded ? loaded.value', tests: [T.dataController] },
  { name: 'data-controller-move-aborts', file: DATA_CONTROLLER, original: 'if (this.host.isConnected) return;', replacement: '', tests: [T.dataController] },
  { name: 'save-controller-second-submit-sent', file: SAVE_CONTROLLER, original: 'if (this.saving) return undefined;', replacement: '', tests: [T.saveController] },
  { name: 'save-controller-new-key-on-retry', file: SAVE_CONTROLLER, original: 'if (this.unsettled?.submission !== sent)', replacement: 'if (true)', tests: [T.saveController] },
  { name: 'pager-back-counts-up', file: PAGING, original: 'this.number += step;', replacement: 'this.number += 1;', tests: [T.history] },
  { name: 'pager-total-too-small-shown', file: PAGING, original: '|| page.total.value < (this.number - 1) * size + page.items.length)', replacement: ')', tests: [T.history] },
  { name: 'preferences-unprefixed-key', file: PREFERENCES, original: 'localStorage.getItem(STORAGE_PREFIX + key)', replacement: 'localStorage.getItem(key)', tests: [T.storedState, T.center] },
  { name: 'preferences-no-timeout-cap', file: PREFERENCES, original: 'Math.min(timeout, PREFERENCE_TIMEOUT_MS)', replacement: 'timeout', tests: [T.preferences, 'test/security/reliability.test.ts'] },
];

/** Left out of the copy: linked (node_modules), or not needed by the tests. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'storybook-static', '.snippets']);

function parseArgs(argv) {
  const options = { only: [], list: false, baseline: true };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--only') options.only.push(argv[++index]);
    else if (arg.startsWith('--only=')) options.only.push(arg.slice('--only='.length));
    else if (arg === '--list') options.list = true;
    else if (arg === '--no-baseline') options.baseline = false;
    else throw new Error(`unknown argument ${arg} (use --only NAME, --list, --no-baseline)`);
  }
  return options;
}

/** How often `part` occurs in `text`. */
const occurrences = (text, part) => (part ? text.split(part).length - 1 : 0);

/** Runs the test files in `dir`: true when they pass. */
function testsPass(dir, files) {
  const result = spawnSync('npx', ['wtr', '--files', ...files], { cwd: dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.error) return { pass: false, note: `runner: ${result.error.message}` };
  const tail = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /passed|failed|Error/.test(line)).slice(-3).join(' | ');
  return { pass: result.status === 0, note: tail };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const names = new Set(MUTANTS.map((m) => m.name));
  if (names.size !== MUTANTS.length) throw new Error('two mutants share a name');
  for (const name of options.only) if (!names.has(name)) throw new Error(`no mutant named ${name}; see --list`);
  const chosen = options.only.length ? MUTANTS.filter((m) => options.only.includes(m.name)) : MUTANTS;
  if (options.list) {
    for (const m of chosen) console.log(`${m.name.padEnd(40)} ${m.file}  → ${m.tests.join(' ')}`);
    return 0;
  }

  const dir = mkdtempSync(join(tmpdir(), 'cic-mutants-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (cleanup(), process.exit(130)));
  try {
    for (const entry of readdirSync(root)) if (!NOT_COPIED.has(entry)) cpSync(join(root, entry), join(dir, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');

    const missingTests = [...new Set(chosen.flatMap((m) => m.tests))].filter((file) => !existsSync(join(dir, file)));
    if (missingTests.length) console.warn(`Test files not found (their mutants are not applied): ${missingTests.join(', ')}`);

    if (options.baseline) {
      const files = [...new Set(chosen.flatMap((m) => m.tests))].filter((file) => !missingTests.includes(file));
      console.log(`Baseline: ${files.length} test files without mutants…`);
      const baseline = testsPass(dir, files);
      if (!baseline.pass) {
        console.error(`The tests fail without any mutant (${baseline.note}); fix them first.`);
        return 2;
      }
    }

    const results = [];
    for (const mutant of chosen) {
      const path = join(dir, mutant.file);
      let status;
      let note = '';
      const source = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      const found = source === undefined ? 0 : occurrences(source, mutant.original);
      if (source === undefined) [status, note] = ['not applied', `${mutant.file} does not exist`];
      else if (found !== 1) [status, note] = ['not applied', `the original text occurs ${found} times in ${mutant.file}`];
      else if (mutant.tests.some((file) => missingTests.includes(file))) [status, note] = ['not applied', 'a test file is missing'];
      else {
        writeFileSync(path, source.replace(mutant.original, () => mutant.replacement));
        try {
          const run = testsPass(dir, mutant.tests);
          status = run.pass ? 'survived' : 'killed';
          note = run.note;
        } finally {
          writeFileSync(path, source);
        }
      }
      if (mutant.equivalent && status === 'survived') note = `equivalent: ${mutant.equivalent}`;
      results.push({ ...mutant, status, note });
      console.log(`${status.padEnd(11)} ${mutant.name}${note && status !== 'killed' ? `  (${note})` : ''}`);
    }

    console.log('\n| mutant | file | result |\n| --- | --- | --- |');
    for (const r of results) console.log(`| ${r.name} | ${r.file} | ${r.status}${r.equivalent ? ' (equivalent)' : ''} |`);
    const counted = results.filter((r) => !r.equivalent && r.status !== 'not applied');
    const killed = counted.filter((r) => r.status === 'killed').length;
    const tally = (status) => results.filter((r) => r.status === status).length;
    const score = counted.length ? Math.round((killed / counted.length) * 1000) / 10 : 0;
    console.log(`\n${results.length} mutants: ${tally('killed')} killed, ${tally('survived')} survived ` +
      `(${results.filter((r) => r.equivalent && r.status === 'survived').length} equivalent), ${tally('not applied')} not applied.`);
    console.log(`Score: ${killed} of ${counted.length} applied, non-equivalent mutants killed = ${score}%`);
    return tally('not applied') ? 1 : 0;
  } finally {
    cleanup();
  }
}

process.exitCode = main();
