// Finds (and, where the machine allows, installs) what the tests need besides npm packages:
// a Chromium for the browser tests and a PostgreSQL server for the reference server's tests.
//
//   node scripts/test-tools.mjs          ensure both (npm test runs it first, as `pretest`)
//   node scripts/test-tools.mjs chrome   print the Chromium path that tests and scripts use
//
// Nothing is downloaded from anywhere but the system's package manager (apt-get on
// Debian/Ubuntu, as root). Set CIC_NO_INSTALL=1 to only look, never install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const onPath = (name) =>
  (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find((file) => existsSync(file));

/** Sub-folders of `dir` (newest version last), or none when it does not exist. */
const subdirs = (dir) => (existsSync(dir) ? readdirSync(dir).sort().map((name) => join(dir, name)) : []);

/** Browsers that Playwright or Puppeteer downloaded earlier, on this machine, for any project. */
function cachedBrowsers() {
  const home = homedir();
  const playwright = process.env.PLAYWRIGHT_BROWSERS_PATH || join(home, '.cache', 'ms-playwright');
  const puppeteer = process.env.PUPPETEER_CACHE_DIR || join(home, '.cache', 'puppeteer');
  return [
    ...subdirs(playwright).filter((dir) => /chromium/.test(dir)).flatMap((dir) => [
      join(dir, 'chrome-linux', 'chrome'),
      join(dir, 'chrome-linux', 'headless_shell'),
      join(dir, 'chrome-headless-shell-linux64', 'chrome-headless-shell'),
    ]),
    ...subdirs(join(puppeteer, 'chrome')).map((dir) => join(dir, 'chrome-linux64', 'chrome')),
  ].reverse();
}

/** The Chromium (or Chrome) the tests drive: CHROME_PATH, else the first one found. */
export function findChrome() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  const candidates = [
    '/usr/bin/chromium',
    ...['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map(onPath),
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...cachedBrowsers(),
  ];
  return candidates.find((file) => file && existsSync(file));
}

/** Chromium's flags for tests here: as root it needs --no-sandbox; no background traffic. */
export const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** puppeteer-core's launch options for the Chromium found, with `extraArgs`. */
export const chromeLaunchOptions = (extraArgs = []) => ({ executablePath: findChrome(), headless: true, args: [...CHROME_ARGS, ...extraArgs] });

/** The folder of PostgreSQL's server programs (initdb, pg_ctl, postgres), newest version first. */
export function findPostgresBin() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined;
  const debian = subdirs('/usr/lib/postgresql')
    .sort((a, b) => Number(b.split('/').at(-1)) - Number(a.split('/').at(-1)))
    .map((dir) => join(dir, 'bin'));
  const initdb = onPath('initdb');
  return [...debian, initdb && join(initdb, '..')].find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** Whether this machine can install Debian packages without asking: apt-get, and we are root. */
const canApt = () => process.platform === 'linux' && process.getuid?.() === 0 && Boolean(onPath('apt-get')) && process.env.CIC_NO_INSTALL !== '1';

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
  return run(['update', '-qq']) && run(['install', '-y', '-qq', ...packages]);
}

/** Makes sure of a tool: found, else installed with apt-get when possible, else a clear line. */
export function ensure({ what, find, packages, howTo, optional }) {
  if (find()) return true;
  if (canApt()) {
    console.log(`[test-tools] ${what} not found: installing Debian's ${packages.join(' ')} with apt-get (once).`);
    if (aptInstall(packages) && find()) return true;
    console.error(`[test-tools] apt-get could not install ${packages.join(' ')}.`);
  }
  const line = `[test-tools] ${what} not found. ${howTo}`;
  if (optional) console.log(`${line} Its tests will be skipped.`);
  else console.error(line);
  return optional;
}

function ensureAll() {
  if (process.env.CHROME_PATH && !findChrome()) {
    console.error(`[test-tools] CHROME_PATH is ${process.env.CHROME_PATH}, which does not exist: correct it or unset it.`);
    process.exit(1);
  }
  const chrome = ensure({
    what: 'Chromium (for the browser tests)',
    find: findChrome,
    packages: ['chromium'],
    howTo: 'Install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome) or set CHROME_PATH to a Chrome or Chromium binary.',
  });
  ensure({
    what: 'PostgreSQL (for the reference server on a real database)',
    find: findPostgresBin,
    packages: ['postgresql'],
    howTo: 'Install it (Debian/Ubuntu: sudo apt-get install postgresql) or set PG_BIN to the folder of initdb and pg_ctl.',
    optional: true,
  });
  if (!chrome) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'chrome') console.log(findChrome() ?? '');
  else if (process.argv[2] === 'postgres') console.log(findPostgresBin() ?? '');
  else ensureAll();
}
