// Shared client-role helpers for the *.test.mjs files: raw Cognito calls,
// /_test/ calls, and amazon-cognito-identity-js wired to the emulator.
// Deliberately independent of the emulator's own code (except startEmulator).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { startEmulator } from './server.mjs';

const require = createRequire(import.meta.url);
export const C = require('amazon-cognito-identity-js');

/** Start one emulator for the calling test file; `emu()` returns it. */
export function useEmulator() {
  let emu;
  before(async () => {
    emu = await startEmulator({ port: 0 });
  });
  after(async () => {
    await emu?.close();
  });
  return () => emu;
}

/**
 * fetch that gives up after REQUEST_LIMIT_MS, naming `what`. The emulator answers in
 * milliseconds; twice (mfa, webauthn) a file of these tests stalled until the runner's
 * 180 s limit killed it, which reports nothing about where. A request that hangs now
 * fails its test by name instead.
 */
const REQUEST_LIMIT_MS = 20_000;
async function fetchWithLimit(what, url, init) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
  } catch (e) {
    if (e.name === 'TimeoutError') throw new Error(`${what}: no answer from the emulator in ${REQUEST_LIMIT_MS / 1000} s`);
    throw e;
  }
}

export function client(getEmu) {
  const url = () => getEmu().url;
  async function api(op, body) {
    const r = await fetchWithLimit(op, `${url()}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}` },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, text, json };
  }
  /** Raw call that must succeed; returns the JSON body. */
  async function ok(op, body) {
    const r = await api(op, body);
    assert.equal(r.status, 200, `${op}: ${r.text}`);
    return r.json;
  }
  /** Raw call that must fail with `type`; returns the JSON body. */
  async function fails(op, body, type, message) {
    const r = await api(op, body);
    assert.equal(r.json?.__type, type, `${op}: ${r.text}`);
    if (message) assert.match(r.json.message, message instanceof RegExp ? message : new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    return r.json;
  }
  async function ctl(method, path, body) {
    const r = await fetchWithLimit(`${method} ${path}`, `${url()}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: await r.json() };
  }
  async function makePool({ flows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'], pool = {}, clientExtra = {} } = {}) {
    const p = await ok('CreateUserPool', { PoolName: 'e2e', AutoVerifiedAttributes: ['email'], ...pool });
    const poolId = p.UserPool.Id;
    const c = await ok('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: flows, ...clientExtra });
    const clientId = c.UserPoolClient.ClientId;
    const storage = memoryStorage();
    const sdkPool = new C.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url(), Storage: storage });
    return { poolId, clientId, poolName: poolId.split('_')[1], sdkPool, storage, client: c.UserPoolClient };
  }
  async function codes(ctx, username) {
    const q = new URLSearchParams({ userPoolId: ctx.poolId, username });
    return (await ctl('GET', `/_test/codes?${q}`)).json;
  }
  /** A confirmed user made with admin calls (fast; sign-up itself is tested elsewhere). */
  async function makeUser(ctx, username, password, attrs = {}) {
    const UserAttributes = Object.entries({ email: `${username}@example.com`, email_verified: 'true', ...attrs }).map(([Name, Value]) => ({ Name, Value }));
    await ok('AdminCreateUser', { UserPoolId: ctx.poolId, Username: username, TemporaryPassword: password, UserAttributes, MessageAction: 'SUPPRESS' });
    await ok('AdminSetUserPassword', { UserPoolId: ctx.poolId, Username: username, Password: password, Permanent: true });
  }
  return { api, ok, fails, ctl, makePool, codes, makeUser };
}

export function memoryStorage() {
  const m = new Map();
  return {
    setItem: (k, v) => m.set(k, String(v)),
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    removeItem: (k) => m.delete(k),
    clear: () => m.clear(),
    map: m,
  };
}

export const cb = (fn) => new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))));
export const sdkUser = (ctx, username) => new C.CognitoUser({ Username: username, Pool: ctx.sdkPool, Storage: ctx.storage });
export const decode = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

/**
 * authenticateUser with every callback turned into a result:
 * {kind: 'success'|'mfaRequired'|'totpRequired'|..., args, user}.
 */
export function signIn(user, username, password, flow = 'USER_SRP_AUTH') {
  user.setAuthenticationFlowType(flow);
  return new Promise((resolve, reject) => user.authenticateUser(new C.AuthenticationDetails({ Username: username, Password: password }), outcomes(resolve, reject)));
}

/** Callback map for SDK calls whose next step may be any challenge. */
export function outcomes(resolve, reject) {
  const settle = (kind) => (...args) => resolve({ kind, args });
  return {
    onSuccess: settle('success'),
    onFailure: reject,
    newPasswordRequired: settle('newPasswordRequired'),
    mfaRequired: settle('mfaRequired'),
    totpRequired: settle('totpRequired'),
    selectMFAType: settle('selectMFAType'),
    mfaSetup: settle('mfaSetup'),
    customChallenge: settle('customChallenge'),
    associateSecretCode: settle('associateSecretCode'),
    inputVerificationCode: settle('inputVerificationCode'),
  };
}

/** Run one SDK step that takes a callback map. */
export const step = (fn) => new Promise((resolve, reject) => fn(outcomes(resolve, reject)));

export { rfc6238 } from '../support/totp.mjs';
