// Shared set-up for the end-to-end tests in tests/e2e/: the static server for the built
// package, the test pages and the JS SDK's browser bundle (the oracle); the two local
// Cognito back ends (ministack and the project's emulator); and small page helpers.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminCall, createPoolAndClient } from './admin.mjs';
import { openPage } from './browser.mjs';
import { startStaticServer } from './static-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = join(ROOT, 'pkg');
export const ORACLE_DIST = join(ROOT, 'node_modules', 'amazon-cognito-identity-js', 'dist');
export const MINISTACK_URL = `http://127.0.0.1:${process.env.MINISTACK_PORT || 4566}`;

/** A password every pool policy here accepts (upper, lower, digit, symbol, 8+). */
export const PASSWORD = 'Corr3ct-Horse!';

/** Throws a clear message when `npm run build` has not produced pkg/. */
export function assertBuilt() {
  for (const f of ['index.js', 'amazon-cognito-identity.min.js']) {
    if (!existsSync(join(PKG, f))) throw new Error(`pkg/${f} is missing: run \`npm run build\` before the e2e tests`);
  }
  if (!existsSync(join(ORACLE_DIST, 'amazon-cognito-identity.min.js'))) {
    throw new Error('node_modules/amazon-cognito-identity-js is missing: run `npm ci`');
  }
}

/** Serves /pkg (ours), /pages (tests/pages) and /oracle (the JS SDK's dist) on one origin. */
export function startPagesServer() {
  assertBuilt();
  return startStaticServer({ '/pkg': PKG, '/pages': join(ROOT, 'tests', 'pages'), '/oracle': ORACLE_DIST });
}

/** Starts ministack through scripts/ministack.sh unless it already answers. */
export function ensureMinistack() {
  if (!existsSync(join(ROOT, '.venv', 'bin', 'ministack'))) {
    // The script only says "did not start" then; this is the actual cause.
    try {
      execFileSync('curl', ['-s', '-o', '/dev/null', '-m', '2', `${MINISTACK_URL}/`]);
      return; // someone runs it outside .venv: fine
    } catch {
      throw new Error('.venv/bin/ministack is missing: run `bash scripts/setup.sh` first');
    }
  }
  execFileSync('bash', [join(ROOT, 'scripts', 'ministack.sh')], { stdio: 'pipe', timeout: 60_000 });
}

/**
 * A back end: { name, endpoint, signUpCode(pool, username), close() } plus, for the
 * emulator, `test(path, init)` for its /_test/ routes.
 */
export async function startBackend(name) {
  if (name === 'ministack') {
    ensureMinistack();
    return { name, endpoint: MINISTACK_URL, signUpCode: async () => '123456', close: async () => {} };
  }
  if (name === 'emulator') {
    const { startEmulator } = await import('../emulator/server.mjs');
    const emu = await startEmulator({ port: 0 });
    const test = async (path, init) => {
      const res = await fetch(emu.url + path, init);
      const data = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`);
      return data;
    };
    const post = (path, body) => test(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    return {
      name,
      endpoint: emu.url,
      test,
      post,
      async signUpCode(pool, username) {
        const codes = await test(`/_test/codes?userPoolId=${encodeURIComponent(pool.UserPoolId)}&username=${encodeURIComponent(username)}`);
        if (!codes.signUp) throw new Error(`emulator has no sign-up code for ${username}: ${JSON.stringify(codes)}`);
        return codes.signUp;
      },
      close: () => emu.close(),
    };
  }
  throw new Error(`unknown back end ${name}`);
}

export { createPoolAndClient, adminCall };

/** A code that is certainly not `right`. */
export const wrongCode = (right) => (right === '000000' ? '111111' : '000000');

/** Confirms a user through the admin API (set-up only, not the thing under test). */
export function adminConfirm(endpoint, pool, username) {
  return adminCall(endpoint, 'AdminConfirmSignUp', { UserPoolId: pool.UserPoolId, Username: username });
}

/**
 * Opens `/pages/<name>.html` and waits until the page set `window.__ready` (the library
 * under test is then `window.AC`, whichever way the page loaded it).
 */
export async function openLibraryPage(browser, baseUrl, name) {
  const page = await openPage(browser, `${baseUrl}/pages/${name}.html`);
  await waitReady(page);
  return page;
}

export async function waitReady(page) {
  try {
    await page.waitForFunction(() => window.__ready === true && !!window.AC && !!window.harness, null, { timeout: 10_000 });
  } catch (e) {
    throw new Error(`page ${page.url()} never became ready: ${e.message}\n${page.consoleLines.join('\n')}`);
  }
}

/**
 * Records every Cognito request the page sends to `endpoint` (preflights excluded):
 * [{ operation, headers, body, json }]. Works against any back end.
 */
export function recordCognitoRequests(page, endpoint) {
  const seen = [];
  const base = endpoint.replace(/\/+$/, '');
  page.on('request', (req) => {
    if (req.method() !== 'POST' || req.url().replace(/\/+$/, '') !== base) return;
    const headers = req.headers();
    const target = headers['x-amz-target'] || '';
    const body = req.postData() || '';
    let json = null;
    try {
      json = JSON.parse(body);
    } catch {}
    seen.push({ operation: target.replace('AWSCognitoIdentityProviderService.', ''), headers, body, json });
  });
  return seen;
}

/** Every localStorage entry whose key starts with the SDK's prefix for this client. */
export function cognitoKeys(storage, clientId) {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.`;
  return Object.keys(storage).filter((k) => k.startsWith(prefix)).sort();
}
