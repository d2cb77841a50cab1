import puppeteer from 'puppeteer-core';
const [url, out, wait = '3000'] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
const page = await browser.newPage();
await page.setViewport({ width: 1200, height: 800 });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('response', (r) => { if (r.status() >= 400) console.log('http', r.status(), r.url()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url, { waitUntil: 'networkidle0' });
await new Promise((r) => setTimeout(r, Number(wait)));
if (process.env.EVAL) console.log('eval:', await page.evaluate(process.env.EVAL));
await page.screenshot({ path: out });
await browser.close();
