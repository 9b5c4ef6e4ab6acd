// Headless Debian Chromium through playwright-core. Never downloads a browser.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/**
 * A new page (in a context of its own when given the browser, or in `context`) that keeps
 * console output and page errors for failure messages: `consoleLines` holds both, page
 * errors as 'pageerror: <message>'; `pageErrors` holds the page errors alone, with their
 * stacks.
 */
export async function openPage(browserOrContext, url) {
  const page = await browserOrContext.newPage();
  page.consoleLines = [];
  page.pageErrors = [];
  page.on('console', m => page.consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', e => {
    page.consoleLines.push(`pageerror: ${e.message}`);
    page.pageErrors.push(`${e.name}: ${e.message}\n${e.stack}`);
  });
  if (url) await page.goto(url);
  return page;
}
