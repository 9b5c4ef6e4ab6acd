// EXPERIMENT (not committed): script tag -> usable pool, with a CPU profile of the last load.
import { join } from 'node:path';
import { launchBrowser } from '../tests/support/browser.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';
const ROOT = '/work/main';
const PKG = process.env.PKG || join(ROOT, 'pkg');
const server = await startStaticServer({ '/gen': '/work/exp/site', '/pkg': PKG, '/sdk': join(ROOT, 'node_modules/amazon-cognito-identity-js/dist') },
  { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
const browser = await launchBrowser();
const n = Number(process.env.N || 8);
for (const name of (process.env.WHICH || 'ours,sdk').split(',')) {
  const rows = []; let agg = new Map(); let aggTot = 0;
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (process.env.PROFILE) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start'); }
    await page.goto(`${server.url}/gen/ready-${name}.html`);
    const r = await page.evaluate(() => window.t1 - window.t0);
    if (process.env.PROFILE) {
      const { profile: p } = await cdp.send('Profiler.stop');
      const byId = new Map(p.nodes.map(x => [x.id, x]));
      p.samples.forEach((s, j) => { const x = byId.get(s); const k = x.callFrame.functionName + ' ' + (x.callFrame.url || '').split('/').pop(); if (!/idle|program|garbage/.test(k)) { agg.set(k, (agg.get(k) || 0) + (p.timeDeltas[j] || 0)); aggTot += p.timeDeltas[j] || 0; } });
    }
    rows.push(r.toFixed(1));
    await context.close();
  }
  console.log(name, rows.join(' '));
  if (process.env.PROFILE) { console.log(' profiled ms/load', (aggTot / 1000 / n).toFixed(2)); [...agg].sort((a, b) => b[1] - a[1]).slice(0, 14).forEach(([k, v]) => console.log('  ', (v / 1000 / n).toFixed(2), k.slice(0, 100))); }
}
await browser.close(); await server.close();
