// What the scripts that drive the demo page share (screenshots.mjs, check-demo.mjs): the demo
// served by vite on a free port of 127.0.0.1, headless Chromium, and a wait for the center's data.
import { createServer as createNetServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { chromeLaunchOptions } from './test-tools.mjs';


/** A port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the demo (`npm start`'s vite server, with the reference server under /api) and
 * Chromium. `close()` stops both.
 */
export async function startDemo() {
  const port = await freePort();
  const vite = await createServer({
    root: 'demo',
    configFile: 'demo/vite.config.ts',
    logLevel: 'warn',
    server: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  await vite.listen();
  const browser = await puppeteer.launch(chromeLaunchOptions());
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    close: async () => {
      await browser.close();
      await vite.close();
    },
  };
}

/**
 * Waits until the center shows its data: `minCards` cards and nothing loading, in any shadow
 * root below it. Answers the titles of the cards shown.
 */
export async function waitForCenterData(page, { minCards = 1, timeout = 60_000 } = {}) {
  const handle = await page.waitForFunction(
    (minCards) => {
      const center = document.querySelector('#app > *');
      const cards = center?.shadowRoot?.querySelectorAll('.card') ?? [];
      if (cards.length < minCards) return false;
      const loading = (root) =>
        [...root.querySelectorAll('*')].some((element) => element.matches('[part~="loading"]') || (element.shadowRoot && loading(element.shadowRoot)));
      if (loading(center.shadowRoot)) return false;
      return [...cards].map((card) => card.querySelector('[part~="card-title"]')?.textContent?.trim() ?? '');
    },
    { timeout, polling: 200 },
    minCards,
  );
  return handle.jsonValue();
}
