// `npm run screenshots`: the demo in headless Chromium (the one the tests use), photographed
// once it shows its data: docs/images/demo-light.png and demo-dark.png (the system colour
// scheme emulated; the demo follows it), and docs/images/demo.png, the README's top image.
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { startDemo, waitForCenterData } from './demo-page.mjs';
import { ensure } from './test-tools.mjs';

// The demo data has Japanese ticket titles: without a font that has their glyphs, they are boxes.
ensure({
  what: 'A font with Japanese glyphs (for the screenshots)',
  find: () => spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).stdout?.trim(),
  packages: ['fonts-noto-cjk'],
  howTo: 'Install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk); the screenshots show boxes for Japanese text without it.',
  optional: true,
});

const OUT = 'docs/images';
const MAX_BYTES = 300 * 1024;
const demo = await startDemo();
let failed = false;
try {
  await mkdir(OUT, { recursive: true });
  const page = await demo.browser.newPage();
  page.on('pageerror', (error) => {
    failed = true;
    console.error('page error:', error.message);
  });
  await page.setViewport({ width: 1280, height: 800 });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.goto(demo.url);
    await waitForCenterData(page, { minCards: 8 });
    // Fonts in, and a frame drawn after the last update.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))));
    const file = `${OUT}/demo-${scheme}.png`;
    await page.screenshot({ path: file });
    const { size } = await stat(file);
    console.log(`${file}: ${Math.round(size / 1024)} kB`);
    if (size > MAX_BYTES) {
      failed = true;
      console.error(`${file} is larger than ${MAX_BYTES / 1024} kB: keep the README's images small.`);
    }
  }
  await copyFile(`${OUT}/demo-light.png`, `${OUT}/demo.png`);
  console.log(`${OUT}/demo.png: the light one, for the README`);
} finally {
  await demo.close();
}
process.exit(failed ? 1 : 0);
