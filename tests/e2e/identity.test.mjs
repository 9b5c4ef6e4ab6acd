// Identity pools end to end: headless Chromium, the library loaded by script tag, against
// the project's emulator serving Cognito Identity on the same endpoint.
// CognitoIdentityCredentials for a signed-in user (Logins built by the library from
// `user`) and for a guest; the identity id cached in localStorage and reused across page
// loads (one GetId); renewal before expiry (needsRefresh), with the user's expired
// session refreshed on the way; guests refused by a pool that does not allow them.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { identityCall, jwtPayload, signUpConfirmed, waitReady } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const { backend, pool, newPage, setUp } = useBackendPages('emulator', { poolName: 'idp' });
let idPool;
let closedPool;
let page;

const provider = (userPoolId) => `cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}`;
const cacheKey = (identityPoolId) => `aws.cognito.identity-id.${identityPoolId}`;

function pageHelpers() {
  window.t = {
    async signIn(poolData, username, password) {
      const user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
      await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
      return user;
    },
    /** A serialisable view of credentials (the result object, or the instance's getters). */
    creds(c) {
      if (!c) return c;
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expirationIsDate: c.expiration instanceof Date,
        expiration: c.expiration instanceof Date ? c.expiration.getTime() : c.expiration,
        identityId: c.identityId,
      };
    },
    err(e) {
      return e && { ...harness.errInfo(e) };
    },
  };
}

const openIdentityPage = () => newPage({ init: pageHelpers });

/** Emulator request log since the last clear: [{ operation, json }]. */
const log = () => backend.requests();
const clearLog = () => backend.post('/_test/requests/clear');
const issued = (accessKeyId) => backend.test(`/_test/identity-credentials?accessKeyId=${encodeURIComponent(accessKeyId)}`);

async function createIdentityPool(allowUnauth) {
  const r = await identityCall(backend.endpoint, 'CreateIdentityPool', {
    IdentityPoolName: uniqueName('ids'), AllowUnauthenticatedIdentities: allowUnauth,
    CognitoIdentityProviders: [{ ProviderName: provider(pool.UserPoolId), ClientId: pool.ClientId }],
  });
  assert.ok(r.ok, `CreateIdentityPool: ${JSON.stringify(r.data)}`);
  return r.data.IdentityPoolId;
}

function assertCredentials(c, { identityId } = {}) {
  assert.match(c.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
  assert.ok(c.secretAccessKey.length > 20);
  assert.ok(c.sessionToken.length > 100);
  assert.equal(c.expirationIsDate, true, 'expiration is a Date');
  assert.ok(c.expiration > Date.now(), 'expires in the future');
  assert.match(c.identityId, /^us-east-1:[0-9a-f-]{36}$/);
  if (identityId) assert.equal(c.identityId, identityId);
}

setUp(async () => {
  [idPool, closedPool] = await Promise.all([createIdentityPool(true), createIdentityPool(false)]);
  page = await openIdentityPage();
});

describe('a signed-in user', () => {
  let u;
  let identityId;
  before(async () => {
    u = await signUpConfirmed(backend, pool, uniqueName('ida'));
  });

  it('get(callback) → (null, credentials) once: GetId + GetCredentialsForIdentity with Logins {cognito-idp.<region>.amazonaws.com/<pool>: the user\'s ID token}; getters agree; identity id cached', async () => {
    await clearLog();
    const out = await page.evaluate(async ({ poolData, username, password, IdentityPoolId, endpoint }) => {
      localStorage.clear();
      const cognitoUser = await t.signIn(poolData, username, password);
      const idToken = cognitoUser.getSignInUserSession().getIdToken().getJwtToken();
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
      const before = { needsRefresh: credentials.needsRefresh(), identityId: credentials.identityId ?? null, expiration: credentials.expiration };
      const cb = await harness.nodeCallback((done) => credentials.get(done));
      return {
        idToken,
        before,
        count: cb.calls.length,
        thrown: cb.thrown,
        returned: cb.returned,
        err: t.err(cb.calls[0] && cb.calls[0].err),
        result: t.creds(cb.calls[0] && cb.calls[0].result),
        getters: t.creds(credentials),
        needsRefresh: credentials.needsRefresh(),
        cached: localStorage.getItem(`aws.cognito.identity-id.${IdentityPoolId}`),
      };
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, username: u.username, password: u.password, IdentityPoolId: idPool, endpoint: backend.endpoint });
    assert.deepEqual(out.before, { needsRefresh: true, identityId: null, expiration: null });
    assert.equal(out.thrown, undefined);
    assert.equal(out.returned, undefined, 'with a callback nothing is returned');
    assert.equal(out.count, 1);
    assert.equal(out.err, null);
    assertCredentials(out.result);
    assert.deepEqual(out.getters, out.result);
    assert.equal(out.needsRefresh, false);
    assert.equal(out.cached, out.result.identityId);
    identityId = out.result.identityId;
    assert.ok(Math.abs(out.result.expiration - (Date.now() + 3600_000)) < 60_000, 'the emulator\'s default lifetime, 1 h');

    const sent = (await log()).filter((r) => r.operation === 'GetId' || r.operation === 'GetCredentialsForIdentity');
    assert.deepEqual(sent.map((r) => r.operation), ['GetId', 'GetCredentialsForIdentity']);
    const logins = { [provider(pool.UserPoolId)]: out.idToken };
    assert.deepEqual(sent[0].json, { IdentityPoolId: idPool, Logins: logins });
    assert.deepEqual(sent[1].json, { IdentityId: identityId, Logins: logins });
    assert.equal(sent[0].headers['x-amz-target'], 'AWSCognitoIdentityService.GetId');
    const info = await issued(out.result.accessKeyId);
    assert.equal(info.authenticated, true);
    assert.equal(info.identityId, identityId);
  });

  it('Promise forms: get() reuses fresh credentials (no request); refresh() fetches new ones for the same identity (no GetId)', async () => {
    assert.ok(identityId, 'needs the first step');
    await clearLog();
    const out = await page.evaluate(async ({ poolData, IdentityPoolId, endpoint }) => {
      const cognitoUser = new AC.CognitoUserPool(poolData).getCurrentUser();
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
      const p = credentials.get();
      const first = t.creds(await p);
      const again = t.creds(await credentials.get());
      const refreshed = t.creds(await credentials.refresh());
      return { isPromise: harness.isPromise(p), first, again, refreshed, getters: t.creds(credentials) };
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, IdentityPoolId: idPool, endpoint: backend.endpoint });
    assert.equal(out.isPromise, true);
    assertCredentials(out.first, { identityId });
    assert.deepEqual(out.again, out.first, 'fresh credentials are reused');
    assertCredentials(out.refreshed, { identityId });
    assert.notEqual(out.refreshed.accessKeyId, out.first.accessKeyId, 'refresh() gets new credentials');
    assert.deepEqual(out.getters, out.refreshed);
    const ops = (await log()).map((r) => r.operation);
    assert.deepEqual(ops, ['GetCredentialsForIdentity', 'GetCredentialsForIdentity'], 'the cached identity id: no GetId; get() of fresh credentials sends nothing');
  });

  it('after a new page load the cached identity id is reused: still one GetId in all', async () => {
    assert.ok(identityId, 'needs the first step');
    await page.reload();
    await waitReady(page);
    await clearLog();
    const out = await page.evaluate(async ({ poolData, IdentityPoolId, endpoint }) => {
      const cognitoUser = new AC.CognitoUserPool(poolData).getCurrentUser();
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
      const cb = await harness.nodeCallback((done) => credentials.get(done));
      return { err: t.err(cb.calls[0] && cb.calls[0].err), result: t.creds(cb.calls[0] && cb.calls[0].result) };
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, IdentityPoolId: idPool, endpoint: backend.endpoint });
    assert.equal(out.err, null);
    assertCredentials(out.result, { identityId });
    assert.deepEqual((await log()).map((r) => r.operation), ['GetCredentialsForIdentity']);
  });

  it('clearCachedId() forgets the identity id and the credentials', async () => {
    const out = await page.evaluate(async ({ poolData, IdentityPoolId, endpoint }) => {
      const cognitoUser = new AC.CognitoUserPool(poolData).getCurrentUser();
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
      await credentials.get();
      credentials.clearCachedId();
      return { cached: localStorage.getItem(`aws.cognito.identity-id.${IdentityPoolId}`), identityId: credentials.identityId ?? null, accessKeyId: credentials.accessKeyId ?? null, needsRefresh: credentials.needsRefresh() };
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, IdentityPoolId: idPool, endpoint: backend.endpoint });
    assert.deepEqual(out, { cached: null, identityId: null, accessKeyId: null, needsRefresh: true });
  });
});

describe('more than one caller, more than one user', () => {
  it('concurrent get() calls share one GetId + GetCredentialsForIdentity and resolve the same credentials', async () => {
    const u = await signUpConfirmed(backend, pool, uniqueName('idc'));
    await clearLog();
    const out = await page.evaluate(async ({ poolData, username, password, IdentityPoolId, endpoint }) => {
      localStorage.clear();
      const cognitoUser = await t.signIn(poolData, username, password);
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
      const viaCallback = new Promise((resolve) => credentials.get((err, c) => resolve(err ? t.err(err) : t.creds(c))));
      const all = await Promise.all([credentials.get(), credentials.get(), viaCallback]);
      return all.map((c, i) => (i < 2 ? t.creds(c) : c));
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, username: u.username, password: u.password, IdentityPoolId: idPool, endpoint: backend.endpoint });
    assertCredentials(out[0]);
    assert.deepEqual(out[1], out[0]);
    assert.deepEqual(out[2], out[0]);
    assert.deepEqual((await log()).map((r) => r.operation).filter((o) => o.startsWith('Get')), ['GetId', 'GetCredentialsForIdentity']);
  });

  it("Logins given by the app (no user): the app's ID token is sent as is", async () => {
    const u = await signUpConfirmed(backend, pool, uniqueName('idl'));
    await clearLog();
    const out = await page.evaluate(async ({ poolData, username, password, IdentityPoolId, endpoint, providerName }) => {
      localStorage.clear();
      const cognitoUser = await t.signIn(poolData, username, password);
      const idToken = cognitoUser.getSignInUserSession().getIdToken().getJwtToken();
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, Logins: { [providerName]: idToken }, endpoint });
      const r = await harness.settle(credentials.get());
      return { idToken, ok: r.ok, creds: r.ok ? t.creds(r.value) : t.err(r.error), params: credentials.params };
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, username: u.username, password: u.password, IdentityPoolId: idPool, endpoint: backend.endpoint, providerName: provider(pool.UserPoolId) });
    assert.equal(out.ok, true, JSON.stringify(out.creds));
    assertCredentials(out.creds);
    const getId = (await log()).find((r) => r.operation === 'GetId');
    assert.deepEqual(getId.json.Logins, { [provider(pool.UserPoolId)]: out.idToken });
    assert.deepEqual(out.params, { IdentityPoolId: idPool, Logins: { [provider(pool.UserPoolId)]: out.idToken } });
  });

  it("another user signs in on the same browser: the first user's cached identity id is not theirs; they get their own identity", async () => {
    const [a, b] = await Promise.all([signUpConfirmed(backend, pool, uniqueName('idsa')), signUpConfirmed(backend, pool, uniqueName('idsb'))]);
    const run = (u) => page.evaluate(async ({ poolData, username, password, IdentityPoolId, endpoint }) => {
      const pool = new AC.CognitoUserPool(poolData);
      const current = pool.getCurrentUser();
      if (current) current.signOut();
      const cognitoUser = await t.signIn(poolData, username, password);
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
      const r = await harness.settle(credentials.get());
      return { ok: r.ok, creds: r.ok ? t.creds(r.value) : t.err(r.error), cached: localStorage.getItem(`aws.cognito.identity-id.${IdentityPoolId}`) };
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, username: u.username, password: u.password, IdentityPoolId: idPool, endpoint: backend.endpoint });
    await page.evaluate(() => localStorage.clear());
    const first = await run(a);
    assert.equal(first.ok, true, JSON.stringify(first.creds));
    await clearLog();
    const second = await run(b);
    assert.equal(second.ok, true, JSON.stringify(second.creds));
    assert.notEqual(second.creds.identityId, first.creds.identityId, "b does not get a's identity");
    assert.equal(second.cached, second.creds.identityId);
    assert.equal((await issued(second.creds.accessKeyId)).identityId, second.creds.identityId);
    const ops = (await log()).map((r) => r.operation).filter((o) => o.startsWith('Get'));
    assert.ok(ops.filter((o) => o === 'GetId').length === 1, `one GetId for b: ${ops}`);
  });
});

describe('a user without a session', () => {
  it('get() fails with a coded error (callback once, Promise rejects) and sends nothing to the identity pool', async () => {
    await clearLog();
    const out = await page.evaluate(async ({ poolData, IdentityPoolId, endpoint }) => {
      localStorage.clear();
      const cognitoUser = new AC.CognitoUser({ Username: 'nobody', Pool: new AC.CognitoUserPool(poolData) });
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
      const cb = await harness.nodeCallback((done) => credentials.get(done));
      const p = await harness.settle(credentials.get());
      return { count: cb.calls.length, err: t.err(cb.calls[0] && cb.calls[0].err), promiseOk: p.ok, promiseErr: t.err(p.error), cached: localStorage.getItem(`aws.cognito.identity-id.${IdentityPoolId}`) };
    }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, IdentityPoolId: idPool, endpoint: backend.endpoint });
    assert.equal(out.count, 1);
    assert.equal(out.promiseOk, false);
    for (const err of [out.err, out.promiseErr]) {
      assert.equal(err.isError, true);
      assert.equal(typeof err.code, 'string', `a coded error: ${JSON.stringify(err)}`);
      assert.ok(err.code.length > 0);
      assert.ok(err.message.length > 0);
    }
    assert.equal(out.cached, null);
    assert.deepEqual((await log()).map((r) => r.operation), [], 'nothing sent');
  });
});

describe('a guest (no user, no Logins)', () => {
  it('get(callback) → unauthenticated credentials: GetId without Logins; identity id cached and reused after a reload (one GetId)', async () => {
    const guestPage = await openIdentityPage();
    try {
      await clearLog();
      const run = () => guestPage.evaluate(async ({ IdentityPoolId, endpoint }) => {
        const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, endpoint });
        const cb = await harness.nodeCallback((done) => credentials.get(done));
        return { count: cb.calls.length, err: t.err(cb.calls[0] && cb.calls[0].err), result: t.creds(cb.calls[0] && cb.calls[0].result), cached: localStorage.getItem(`aws.cognito.identity-id.${IdentityPoolId}`) };
      }, { IdentityPoolId: idPool, endpoint: backend.endpoint });
      const first = await run();
      assert.equal(first.count, 1);
      assert.equal(first.err, null);
      assertCredentials(first.result);
      assert.equal(first.cached, first.result.identityId);
      await guestPage.reload();
      await waitReady(guestPage);
      const second = await run();
      assert.equal(second.err, null);
      assertCredentials(second.result, { identityId: first.result.identityId });
      const sent = await log();
      assert.deepEqual(sent.map((r) => r.operation), ['GetId', 'GetCredentialsForIdentity', 'GetCredentialsForIdentity']);
      assert.deepEqual(sent[0].json, { IdentityPoolId: idPool }, 'no Logins for a guest');
      assert.deepEqual(sent[1].json, { IdentityId: first.result.identityId });
      assert.equal((await issued(first.result.accessKeyId)).authenticated, false);
    } finally {
      await guestPage.context().close();
    }
  });

  it('an identity pool that disallows guests: get(callback) → NotAuthorizedException once, the Promise rejects the same; nothing cached', async () => {
    const out = await page.evaluate(async ({ IdentityPoolId, endpoint }) => {
      const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, endpoint });
      const cb = await harness.nodeCallback((done) => credentials.get(done));
      const p = await harness.settle(new AC.CognitoIdentityCredentials({ IdentityPoolId, endpoint }).get());
      return {
        count: cb.calls.length, err: t.err(cb.calls[0] && cb.calls[0].err), result: cb.calls[0] && cb.calls[0].result,
        promiseOk: p.ok, promiseErr: t.err(p.error), cached: localStorage.getItem(`aws.cognito.identity-id.${IdentityPoolId}`),
        accessKeyId: credentials.accessKeyId ?? null, needsRefresh: credentials.needsRefresh(),
      };
    }, { IdentityPoolId: closedPool, endpoint: backend.endpoint });
    assert.equal(out.count, 1);
    assert.equal(out.result ?? null, null);
    for (const err of [out.err, out.promiseErr]) {
      assert.equal(err.isError, true);
      assert.equal(err.code, 'NotAuthorizedException');
      assert.equal(err.name, 'NotAuthorizedException');
      assert.equal(err.statusCode, 400);
      assert.match(err.message, /Unauthenticated access is not supported/);
    }
    assert.equal(out.promiseOk, false);
    assert.equal(out.cached, null);
    assert.equal(out.accessKeyId, null);
    assert.equal(out.needsRefresh, true);
  });
});

describe('renewal', () => {
  it('credentials within five minutes of expiry: needsRefresh() is true and get() fetches new ones', async () => {
    const u = await signUpConfirmed(backend, pool, uniqueName('idr'));
    await backend.post('/_test/identity-credentials-lifetime', { seconds: 120 });
    try {
      await clearLog();
      const out = await page.evaluate(async ({ poolData, username, password, IdentityPoolId, endpoint }) => {
        localStorage.clear();
        const cognitoUser = await t.signIn(poolData, username, password);
        const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
        const first = t.creds(await credentials.get());
        const needsRefresh = credentials.needsRefresh();
        const second = t.creds(await credentials.get());
        return { first, needsRefresh, second };
      }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, username: u.username, password: u.password, IdentityPoolId: idPool, endpoint: backend.endpoint });
      assertCredentials(out.first);
      assert.ok(out.first.expiration - Date.now() < 125_000, 'the short lifetime applies');
      assert.equal(out.needsRefresh, true, 'expiring in 2 minutes counts as needing a refresh');
      assertCredentials(out.second, { identityId: out.first.identityId });
      assert.notEqual(out.second.accessKeyId, out.first.accessKeyId, 'get() fetched new credentials before expiry');
      assert.deepEqual((await log()).map((r) => r.operation).filter((o) => o.startsWith('Get')), ['GetId', 'GetCredentialsForIdentity', 'GetCredentialsForIdentity']);
    } finally {
      await backend.post('/_test/identity-credentials-lifetime', { seconds: null });
    }
  });

  it("with the user's tokens expired, get() refreshes the user's session first (REFRESH_TOKEN_AUTH in the emulator's log) and sends the new ID token", async () => {
    const u = await signUpConfirmed(backend, pool, uniqueName('idx'));
    await backend.post('/_test/token-lifetime', { clientId: pool.ClientId, idSeconds: 2, accessSeconds: 2 });
    try {
      const signedIn = await page.evaluate(async ({ poolData, username, password }) => {
        localStorage.clear();
        const user = await t.signIn(poolData, username, password);
        return user.getSignInUserSession().getIdToken().getJwtToken();
      }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, username: u.username, password: u.password });
      // Only the sign-in's tokens are short-lived: the refreshed ones get the default hour.
      await backend.test('/_test/token-lifetime', { method: 'DELETE' });
      assert.ok(jwtPayload(signedIn).exp - jwtPayload(signedIn).iat <= 2, 'short-lived ID token');
      await new Promise((r) => setTimeout(r, 3000));
      await clearLog();
      const out = await page.evaluate(async ({ poolData, IdentityPoolId, endpoint }) => {
        const cognitoUser = new AC.CognitoUserPool(poolData).getCurrentUser();
        const storedBefore = localStorage.getItem(`CognitoIdentityServiceProvider.${poolData.ClientId}.${cognitoUser.getUsername()}.idToken`);
        const credentials = new AC.CognitoIdentityCredentials({ IdentityPoolId, user: cognitoUser, endpoint });
        const r = await harness.settle(credentials.get());
        return {
          storedBefore,
          storedAfter: localStorage.getItem(`CognitoIdentityServiceProvider.${poolData.ClientId}.${cognitoUser.getUsername()}.idToken`),
          ok: r.ok, creds: r.ok ? t.creds(r.value) : null, err: r.ok ? null : t.err(r.error),
        };
      }, { poolData: { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint }, IdentityPoolId: idPool, endpoint: backend.endpoint });
      assert.equal(out.storedBefore, signedIn);
      assert.equal(out.ok, true, JSON.stringify(out.err));
      assertCredentials(out.creds);
      assert.notEqual(out.storedAfter, signedIn, 'the stored session was refreshed');
      assert.ok(jwtPayload(out.storedAfter).exp * 1000 > Date.now() + 600_000, 'a fresh ID token');
      const sent = await log();
      const ops = sent.map((r) => r.operation);
      assert.deepEqual(ops, ['InitiateAuth', 'GetId', 'GetCredentialsForIdentity']);
      assert.equal(sent[0].json.AuthFlow, 'REFRESH_TOKEN_AUTH');
      const logins = { [provider(pool.UserPoolId)]: out.storedAfter };
      assert.deepEqual(sent[1].json.Logins, logins, 'GetId carries the refreshed ID token, not the expired one');
      assert.deepEqual(sent[2].json.Logins, logins);
    } finally {
      await backend.test('/_test/token-lifetime', { method: 'DELETE' });
    }
  });
});

describe('page health', () => {
  it('no uncaught page errors', () => {
    assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror:')), []);
  });
});
