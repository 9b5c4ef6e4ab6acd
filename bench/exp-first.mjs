// EXPERIMENT (not committed): first sign-in right after the script, with a CPU profile.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { launchBrowser } from '../tests/support/browser.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';
const ROOT = '/work/main';
const PKG = process.env.PKG || join(ROOT, 'pkg');
const server = await startStaticServer({ '/gen': '/work/exp/site', '/bench': join(ROOT, 'bench', 'pages'), '/pkg': PKG, '/sdk': join(ROOT, 'node_modules/amazon-cognito-identity-js/dist') },
  { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
const browser = await launchBrowser();
const which = (process.env.WHICH || 'ours').split(',');
const n = Number(process.env.N || 6);
for (const name of which) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let cdp;
    if (process.env.PROFILE && i === n - 1) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${server.url}/gen/first-signin-${name}.html`);
    await page.waitForFunction('window.__firstSignIn', null, { timeout: 20000 });
    const r = await page.evaluate(() => window.__firstSignIn);
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(`/work/exp/${name}.cpuprofile`, JSON.stringify(profile));
    }
    rows.push(r.error ? r.error : `${r.client.toFixed(1)} (a ${r.a.toFixed(1)})`);
    await context.close();
  }
  console.log(name, rows.join('  '));
}
await browser.close(); await server.close();
