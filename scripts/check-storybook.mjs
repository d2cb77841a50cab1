/* global document, window */
// Starts Storybook in dev mode (as `npm run storybook` does), opens stories in headless
// Chromium and checks what an integrator would notice: no "Multiple versions of Lit", a docs
// page for every element, and the library's events reaching the Actions panel. Run in CI.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { chromeLaunchOptions } from './test-tools.mjs';

const PORT = 6017;
const base = `http://127.0.0.1:${PORT}`;
const storybook = spawn('npx', ['storybook', 'dev', '-p', String(PORT), '--host', '127.0.0.1', '--ci', '--no-open'], { stdio: 'ignore', detached: true });
const stop = () => {
  try {
    process.kill(-storybook.pid);
  } catch {
    /* already gone */
  }
};
const problems = [];

async function waitForIndex() {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`${base}/index.json`);
      if (response.ok) return (await response.json()).entries;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('Storybook did not start within 2 minutes');
}

const browser = await puppeteer.launch(chromeLaunchOptions());
try {
  const entries = Object.values(await waitForIndex());
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName);
  const documented = new Set(entries.filter((e) => e.type === 'docs').map((e) => e.title.split('/').at(-1)));
  for (const tag of tags) if (!documented.has(tag)) problems.push(`no docs page for <${tag}>`);

  const page = await browser.newPage();
  const messages = [];
  page.on('console', (message) => messages.push(message.text()));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const story = entries.find((e) => e.id === 'widgets-others--company-status');
  await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`, { waitUntil: 'networkidle0', timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('company-status-widget')?.shadowRoot?.querySelector('[part=count]'), { timeout: 60_000 });
  if (messages.some((m) => m.includes('Multiple versions of Lit'))) problems.push('"Multiple versions of Lit loaded" in the console');
  // A count fires ticket-search-requested: the Actions addon hears it on the story's root.
  const heard = await page.evaluate(async () => {
    const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
    const events = [];
    channel.on('storybook/actions/action-event', (action) => events.push(action.data?.name));
    document.querySelector('company-status-widget').shadowRoot.querySelector('[part=count]').click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return events;
  });
  if (!heard.some((name) => String(name).includes('ticket-search-requested'))) problems.push(`events do not reach the Actions panel (heard: ${JSON.stringify(heard)})`);
  console.log(`Storybook: ${documented.size} docs pages, ${entries.length} entries, events heard: ${heard.join(', ') || 'none'}`);
} catch (error) {
  problems.push(String(error));
} finally {
  await browser.close();
  stop();
}
for (const problem of problems) console.error(`BAD ${problem}`);
process.exit(problems.length ? 1 : 0);
