// Headless Debian Chromium through playwright-core. Never downloads a browser.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** A new page that rethrows page errors and keeps console output for failure messages. */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  page.consoleLines = [];
  page.on('console', m => page.consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', e => page.consoleLines.push(`pageerror: ${e.message}`));
  if (url) await page.goto(url);
  return page;
}
