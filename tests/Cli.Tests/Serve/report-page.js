'use strict';
// Loads serve's report page in Debian's headless Chromium (driven by playwright-core from the repository's
// node_modules) and prints one JSON line: the page's title, how many chart images loaded, how many tables
// and rows it has, and every console error. Saves a full-page screenshot.
// Usage: node report-page.js <node_modules/playwright-core> <url> <screenshot.png> <user data dir>
const [modulePath, url, screenshot, userDataDir] = process.argv.slice(2);
const { chromium } = require(modulePath);

(async () => {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1200, height: 900 },
  });
  const errors = [];
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', error => errors.push(String(error)));
    page.on('requestfailed', request => errors.push(`request failed: ${request.url()}`));
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    const result = await page.evaluate(() => ({
      title: document.title,
      heading: document.querySelector('h1') ? document.querySelector('h1').textContent : null,
      images: document.images.length,
      loadedImages: Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length,
      tables: document.querySelectorAll('table').length,
      rows: document.querySelectorAll('table tr').length,
    }));
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(JSON.stringify({ status: response.status(), ...result, errors }) + '\n');
  } finally {
    await context.close();
  }
})().catch(error => {
  process.stderr.write(`report-page.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
