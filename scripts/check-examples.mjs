/* global document */
// The framework examples as an integrator would use them: packs the library (npm pack),
// installs the tarball into a copy of each example, type-checks it strictly (tsc / vue-tsc / svelte-check),
// builds it with Vite, opens the built page in Chromium and checks that the center shows
// data and that the host page's own handler received the library's events. Run after the build.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serve } from '../bench/server.mjs';
import { chromeLaunchOptions } from './test-tools.mjs';

const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const work = mkdtempSync(join(tmpdir(), 'cic-examples-'));
const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], process.cwd()));
const tarball = resolve(work, filename);
console.log(`packed ${filename}`);

const browser = await puppeteer.launch(chromeLaunchOptions());
const problems = [];
try {
  for (const example of ['react', 'vue', 'svelte']) {
    const dir = join(work, example);
    cpSync(join('examples', example), dir, { recursive: true, filter: (path) => !/node_modules|[/\\]dist$/.test(path) });
    run('npm', ['install', '--no-audit', '--no-fund'], dir);
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', tarball], dir);
    try {
      run('npm', ['run', 'typecheck'], dir);
      run('npm', ['run', 'build'], dir);
    } catch (error) {
      problems.push(`${example}: ${String(error.stdout ?? error).slice(-2000)}`);
      continue;
    }
    const server = await serve(join(dir, 'dist'));
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`${example}: page error ${error.message}`));
    try {
      await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
      // The center shows BIGCORP's tickets …
      const link = await page.waitForFunction(() => {
        const center = document.querySelector('customer-information-center');
        const lists = [...(center?.shadowRoot?.querySelectorAll('ticket-list-widget') ?? [])];
        return lists.map((list) => list.shadowRoot?.querySelector('[part=ticket-link]')).find(Boolean);
      }, { timeout: 30_000 });
      // … and a ticket chosen in it reaches the host's own state.
      await link.click();
      await page.waitForFunction(() => document.querySelector('#host-ticket')?.textContent?.startsWith('Ticket: '), { timeout: 10_000 });
      console.log(`${example}: type-checked, built, shows tickets, the host received ticket-selected`);
    } catch (error) {
      problems.push(`${example}: ${error.message}`);
    } finally {
      await page.close();
      server.close();
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
for (const problem of problems) console.error(`BAD ${problem}`);
process.exit(problems.length ? 1 : 0);
