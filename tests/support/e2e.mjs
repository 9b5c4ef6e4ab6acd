// Shared set-up for the end-to-end tests in tests/e2e/: the static server for the built
// package, the test pages and the JS SDK's browser bundle (the oracle); the two local
// Cognito back ends (ministack and the project's emulator); and small page helpers.
// The before/after hooks that start and stop them are in e2e-hooks.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminCall, createPoolAndClient } from './admin.mjs';
import { startStaticServer } from './static-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = join(ROOT, 'pkg');
export const ORACLE_DIST = join(ROOT, 'node_modules', 'amazon-cognito-identity-js', 'dist');
export const MINISTACK_URL = `http://127.0.0.1:${process.env.MINISTACK_PORT || 4566}`;

/** A password every pool policy here accepts (upper, lower, digit, symbol, 8+). */
export const PASSWORD = 'Corr3ct-Horse!';

/** Throws a clear message when `npm run build` has not produced pkg/. */
function assertBuilt() {
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
      /** The emulator's in-process state (tests/emulator/store.mjs), for set-ups no route offers. */
      store: emu.store,
      test,
      post,
      /** The latest unused codes of a user (GET /_test/codes). */
      codes(pool, username) {
        return test(`/_test/codes?userPoolId=${encodeURIComponent(pool.UserPoolId)}&username=${encodeURIComponent(username)}`);
      },
      /** The emulator's request log, optionally for one operation: [{ operation, json, fault, time }]. */
      async requests(operation) {
        const log = await test(`/_test/requests${operation ? `?operation=${encodeURIComponent(operation)}` : ''}`);
        return log.map((r) => {
          let json = null;
          try {
            json = JSON.parse(r.body);
          } catch {}
          return { ...r, json };
        });
      },
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
 * Waits until the page set `window.__ready` (the library under test is then `window.AC`,
 * whichever way the page loaded it).
 */
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

/**
 * Gives the page `emuCodes(userPoolId, username)`: the emulator's latest unused codes of
 * a user (GET /_test/codes), for the page to answer challenges with.
 */
export function exposeEmulatorCodes(page, backend) {
  return page.exposeFunction('emuCodes', (UserPoolId, username) => backend.codes({ UserPoolId }, username));
}

/** Every localStorage entry whose key starts with the SDK's prefix for this client. */
export function cognitoKeys(storage, clientId) {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.`;
  return Object.keys(storage).filter((k) => k.startsWith(prefix)).sort();
}

/**
 * One unsigned call from Node (what a browser would send) to `service`'s X-Amz-Target
 * prefix: resolves with { ok, status, data, code } and never throws for an API error
 * (code is the __type).
 */
async function awsJsonCall(service, endpoint, operation, body) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `${service}.${operation}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let data = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { raw: text };
  }
  return { ok: res.ok, status: res.status, data, code: res.ok ? null : String(data.__type || '').split('#').pop() };
}

/** A Cognito user-pool call from Node: { ok, status, data, code }. */
export const cognitoCall = (endpoint, operation, body) => awsJsonCall('AWSCognitoIdentityProviderService', endpoint, operation, body);

/**
 * Signs a user up through the public API and confirms them with the code the emulator
 * sent, so the email (an auto-verified attribute) ends up verified. Emulator only.
 * `attributes` is { name: value }; the email defaults to <username>@example.com.
 */
export async function signUpConfirmed(backend, pool, username, { password = PASSWORD, attributes = {} } = {}) {
  const attrs = { email: `${username}@example.com`, ...attributes };
  const signUp = await cognitoCall(backend.endpoint, 'SignUp', {
    ClientId: pool.ClientId, Username: username, Password: password,
    UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  });
  if (!signUp.ok) throw new Error(`SignUp ${username}: ${JSON.stringify(signUp.data)}`);
  const code = await backend.signUpCode(pool, username);
  const confirm = await cognitoCall(backend.endpoint, 'ConfirmSignUp', { ClientId: pool.ClientId, Username: username, ConfirmationCode: code });
  if (!confirm.ok) throw new Error(`ConfirmSignUp ${username}: ${JSON.stringify(confirm.data)}`);
  return { username, password, email: attrs.email, sub: signUp.data.UserSub };
}

/** A USER_PASSWORD_AUTH sign-in from Node: { ok, code, result } (result: AuthenticationResult). */
export async function passwordSignIn(endpoint, pool, username, password) {
  const r = await cognitoCall(endpoint, 'InitiateAuth', {
    ClientId: pool.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return { ok: r.ok, code: r.code, result: r.data.AuthenticationResult, data: r.data };
}

/** A REFRESH_TOKEN_AUTH from Node with `refreshToken`: { ok, code, result }. */
export async function refreshFromNode(endpoint, pool, refreshToken) {
  const r = await cognitoCall(endpoint, 'InitiateAuth', {
    ClientId: pool.ClientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return { ok: r.ok, code: r.code, message: r.data.message, result: r.data.AuthenticationResult };
}

/**
 * The forms of `secret` found in `text`: as is, JSON-escaped, base64, hex or URL-encoded,
 * every form a careless client could send or print it in.
 */
export function leaks(text, secret) {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), encodeURIComponent(secret)];
  return forms.filter((f) => text.includes(f));
}

/** Decodes a JWT payload independently of the library under test. */
export const jwtPayload = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One Cognito Identity (identity pools) call from Node, e.g. CreateIdentityPool against
 * the emulator: { ok, status, data, code } (code is the __type of an error).
 */
export const identityCall = (endpoint, operation, body) => awsJsonCall('AWSCognitoIdentityService', endpoint, operation, body);

/** A session the library passed (summarised in the page): valid, and stored under the SDK's keys for `username`. */
export function assertSignedIn(session, storage, pool, username) {
  assert.ok(session, 'a session');
  assert.equal(session.valid, true);
  const prefix = `CognitoIdentityServiceProvider.${pool.ClientId}`;
  assert.equal(storage[`${prefix}.LastAuthUser`], username);
  assert.equal(storage[`${prefix}.${username}.idToken`], session.idToken);
  assert.equal(storage[`${prefix}.${username}.accessToken`], session.accessToken);
  assert.equal(storage[`${prefix}.${username}.refreshToken`], session.refreshToken);
}

/** A recorded callback flow (harness.flow) made exactly the calls `names`, each with `this` the callback object. */
export function assertCalls(out, names) {
  assert.equal(out.thrown, undefined, `threw: ${JSON.stringify(out.thrown)}`);
  assert.deepEqual(out.calls.map((c) => c.name), names, JSON.stringify(out.calls, null, 1));
  for (const c of out.calls) assert.equal(c.thisIsCallback, true, `${c.name} is called as a method of the callback object`);
  assert.equal(out.returned, undefined, 'with a callback object nothing is returned');
}

/** A local port with nothing listening on it: requests there fail to connect. */
export async function closedPort() {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}
