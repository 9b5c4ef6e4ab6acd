// What a strict Content-Security-Policy needs: pages served with
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src <Cognito endpoint>
// load the package (script tag, and the ES module entry) and sign in against the project's
// emulator with no CSP violation at all (no eval, no new Function, no inline script).
// Without 'wasm-unsafe-eval' the package cannot compile its WebAssembly and fails to load;
// without the endpoint in connect-src the sign-in fails with NetworkError.
// Needs `npm run build` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminCall, createPoolAndClient, uniqueName } from '../support/admin.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { startEmulator } from '../emulator/server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PKG = join(HERE, '..', '..', 'pkg');
const PASSWORD = 'Corr3ct-Horse!';

let emu;
let browser;
let config;
const servers = [];

before(async () => {
  for (const f of ['index.js', 'amazon-cognito-identity.min.js']) assert.ok(existsSync(join(PKG, f)), `pkg/${f} is missing: run \`npm run build\` first`);
  [emu, browser] = await Promise.all([startEmulator({ port: 0 }), launchBrowser()]);
  const pool = await createPoolAndClient(emu.url, { poolName: uniqueName('csp') });
  const username = uniqueName('csp');
  await adminCall(emu.url, 'SignUp', { ClientId: pool.ClientId, Username: username, Password: PASSWORD });
  await adminCall(emu.url, 'AdminConfirmSignUp', { UserPoolId: pool.UserPoolId, Username: username });
  config = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url, username, password: PASSWORD };
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  await emu?.close();
});

/** Serves tests/packaging/csp and /pkg with this Content-Security-Policy header. */
async function serveWith(csp) {
  const server = await startStaticServer({ '/pkg': PKG, '/': join(HERE, 'csp') }, { headers: { 'Content-Security-Policy': csp } });
  servers.push(server);
  return server;
}

/** Opens `page.html` and returns { result, violations, errors } once the page set window.result. */
async function load(server, name) {
  const page = await openPage(browser);
  try {
    await page.goto(`${server.url}/${name}?config=${encodeURIComponent(JSON.stringify(config))}`);
    // Done when the page has a result, or when a script was refused (a module that failed
    // to load never sets one: module scripts have run once the document is complete).
    await page.waitForFunction(
      () => window.result !== undefined || (document.readyState === 'complete' && window.__violations.some((v) => v.directive === 'script-src')),
      null,
      { timeout: 15_000 },
    );
    const state = await page.evaluate(() => ({ result: window.result, violations: window.__violations, global: typeof window.AmazonCognitoIdentity }));
    return { ...state, errors: page.consoleLines.filter((l) => l.startsWith('pageerror')), console: page.consoleLines };
  } finally {
    await page.close();
  }
}

const strict = () => `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src ${new URL(emu.url).origin}`;

describe(`strict CSP: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src <endpoint>`, () => {
  for (const name of ['script-tag.html', 'module.html']) {
    it(`${name}: loads and signs in, with no violation`, async () => {
      const out = await load(await serveWith(strict()), name);
      assert.deepEqual(out.result, { ok: true, username: config.username, valid: true }, out.console.join('\n'));
      assert.deepEqual(out.violations, [], 'CSP violations');
      assert.deepEqual(out.errors, []);
      assert.equal(out.global, name === 'script-tag.html' ? 'object' : 'undefined');
    });
  }
});

describe(`without 'wasm-unsafe-eval' the package cannot load`, () => {
  const noWasm = () => `default-src 'self'; script-src 'self'; connect-src ${new URL(emu.url).origin}`;

  it('script tag: WebAssembly compilation is refused, the global is never defined', async () => {
    const out = await load(await serveWith(noWasm()), 'script-tag.html');
    assert.deepEqual(out.result, { ok: false, loaded: false });
    assert.equal(out.global, 'undefined');
    assert.equal(out.errors.length, 1, out.console.join('\n'));
    assert.match(out.errors[0], /WebAssembly/);
    assert.match(out.errors[0], /unsafe-eval|wasm-unsafe-eval|Content Security Policy/i);
    assert.ok(out.violations.some((v) => v.directive === 'script-src' && v.blocked === 'wasm-eval'), JSON.stringify(out.violations));
  });

  it('ES module: importing the entry throws the same refusal', async () => {
    const out = await load(await serveWith(noWasm()), 'module.html');
    assert.equal(out.result, undefined, 'the module ran');
    assert.equal(out.errors.length, 1, out.console.join('\n'));
    assert.match(out.errors[0], /WebAssembly/);
    assert.ok(out.violations.some((v) => v.directive === 'script-src' && v.blocked === 'wasm-eval'), JSON.stringify(out.violations));
  });
});

describe('without the Cognito endpoint in connect-src', () => {
  it('the sign-in fails with NetworkError (onFailure), the violation names connect-src', async () => {
    const out = await load(await serveWith(`default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`), 'script-tag.html');
    assert.equal(out.result?.ok, false, out.console.join('\n'));
    assert.equal(out.result.code, 'NetworkError');
    assert.ok(out.violations.some((v) => v.directive === 'connect-src' && v.blocked.startsWith(new URL(emu.url).origin)), JSON.stringify(out.violations));
    assert.deepEqual(out.errors, []);
  });
});
