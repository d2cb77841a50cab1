// Loads demo/bundle.html (dist/cic.bundle.js from a plain <script type="module">) and
// demo/importmap.html (dist/index.js, lit and sortablejs through an import map) in headless
// Chromium and checks that the information center renders its widgets. Run after the build.
import puppeteer from 'puppeteer-core';
import { serve } from '../bench/server.mjs';
import { chromeLaunchOptions } from './test-tools.mjs';

const server = await serve(process.cwd());
const browser = await puppeteer.launch(chromeLaunchOptions());
let failed = false;
for (const [file, what] of [['demo/bundle.html', 'dist/cic.bundle.js'], ['demo/importmap.html', 'dist/index.js with an import map']]) {
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => {
      failed = true;
      console.error(`${file}: page error:`, error.message);
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/${file}`);
    const cards = await page.waitForFunction(
      () => document.querySelector('customer-information-center')?.shadowRoot?.querySelectorAll('.card').length,
      { timeout: 20_000 },
    );
    console.log(`${what} works without a bundler: ${await cards.jsonValue()} widgets rendered.`);
  } catch (error) {
    failed = true;
    console.error(`${what} did not render the information center:`, error.message);
  }
}
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
