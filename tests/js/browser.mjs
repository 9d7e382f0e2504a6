// Headless Chromium for the viewer scripts (check-viewer.mjs,
// time-viewer.mjs): CHROMIUM names the browser (default /usr/bin/chromium,
// Debian's package); every page request that is not file: is refused and
// recorded, and page errors are recorded, in `result`.
import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A new 1400x850 page whose errors go to result.errors and whose requests
// for anything but file: are refused and listed in result.remoteRequests.
export async function offlinePage(browser, result) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  page.on('pageerror', (e) => result.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') result.errors.push(m.text()); });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    result.remoteRequests.push(url);
    return route.abort();
  });
  return page;
}
