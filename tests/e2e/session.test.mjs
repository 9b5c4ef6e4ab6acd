// The session lifecycle end to end: headless Chromium, the library loaded by script tag,
// against the project's emulator, which makes tokens expire in 2 s (/_test/token-lifetime),
// counts requests (/_test/requests), injects faults (/_test/faults), skews its clock
// (/_test/clock) and rotates refresh tokens (/_test/refresh-rotation).
//
//   (a) 8 concurrent getSession calls on an expired session (8 CognitoUser objects from
//       getCurrentUser(), and 8 calls on one object) send exactly one refresh;
//   (b) a revoked refresh token fails at once (one request, < 1 s) and clears the session;
//   (c) transient faults during a refresh are retried; a persistent one gives up and keeps
//       the stored session;
//   (d) clock drift: stored drift equals the server's skew and isValid() uses it;
//   (e) refresh token rotation (GetTokensFromRefreshToken): the new token is stored and
//       works, the old one is refused;
//   (f) refreshSession keeps the user's own username (the JS SDK took LastAuthUser's).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { cognitoCall, createPoolAndClient, jwtPayload, recordCognitoRequests, signUpConfirmed, waitReady } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const { backend, pool, poolData, newPage: newLibraryPage } = useBackendPages('emulator', { poolName: 'session' });
/** Every page opened, for the page-error check at the end. */
const pages = [];

/** In-page helpers (window.t), installed before the page's own scripts on every load. */
function pageHelpers() {
  window.t = {
    signedIn: {},
    /** Signs in (SRP unless `flow` says otherwise) and keeps the CognitoUser in t.signedIn. */
    async signIn(poolData, username, password, flow) {
      const pool = new AC.CognitoUserPool(poolData);
      const user = new AC.CognitoUser({ Username: username, Pool: pool });
      if (flow) user.setAuthenticationFlowType(flow);
      const session = await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
      t.signedIn[username] = user;
      return harness.sessionInfo(session);
    },
    /** Resolves once every signed-in session of this page is expired by the library's own measure. */
    async waitExpired(timeoutMs = 8000) {
      const start = Date.now();
      const sessions = Object.values(t.signedIn).map((u) => u.getSignInUserSession()).filter(Boolean);
      while (sessions.some((s) => s.isValid())) {
        if (Date.now() - start > timeoutMs) throw new Error('sessions did not expire');
        await harness.sleep(100);
      }
      return Date.now() - start;
    },
    keys(poolData, username) {
      return harness.keysWithPrefix(localStorage, `CognitoIdentityServiceProvider.${poolData.ClientId}.${username}.`);
    },
    stored(poolData, username, item) {
      return localStorage.getItem(`CognitoIdentityServiceProvider.${poolData.ClientId}.${username}.${item}`);
    },
  };
}

/** A page with the library and t.* in a new context, or in `context` (tabs sharing localStorage). */
async function newPage(context) {
  const page = await newLibraryPage({ context, init: pageHelpers });
  page.requests = recordCognitoRequests(page, backend.endpoint);
  pages.push(page);
  return page;
}

const newUser = (prefix, p = pool) => signUpConfirmed(backend, p, uniqueName(prefix));

/** Tokens issued for `clientId` from now on live `seconds` (access and id). */
const tokenLifetime = (clientId, seconds) => backend.post('/_test/token-lifetime', { clientId, accessSeconds: seconds, idSeconds: seconds });

/** Refresh requests in the emulator's log (both kinds), optionally only those carrying `token`. */
async function refreshRequests(token) {
  const log = await backend.requests();
  return log.filter((r) => {
    const isRefresh = (r.operation === 'InitiateAuth' && /^REFRESH_TOKEN(_AUTH)?$/.test(r.json?.AuthFlow)) || r.operation === 'GetTokensFromRefreshToken';
    const sent = r.json?.AuthParameters?.REFRESH_TOKEN ?? r.json?.RefreshToken;
    return isRefresh && (!token || sent === token);
  });
}

/**
 * Signs `users` in on `page` with 2-second tokens, puts the client back to long-lived
 * tokens (so refreshed sessions stay valid) and waits until every session has expired.
 * `{ wait: false }` skips the wait (see waitExpired), to sign in on several pages first.
 */
async function signInExpired(page, users, { p = pool, pd = poolData, flow, wait = true } = {}) {
  await tokenLifetime(p.ClientId, 2);
  const sessions = {};
  try {
    for (const u of users) sessions[u.username] = await page.evaluate(({ pd, u, flow }) => t.signIn(pd, u.username, u.password, flow), { pd, u, flow });
  } finally {
    await tokenLifetime(p.ClientId, 3600);
  }
  if (wait) await waitExpired(page);
  return sessions;
}

const waitExpired = (page) => page.evaluate(() => t.waitExpired());

describe('(a) concurrent getSession on an expired session', () => {
  it('8 CognitoUser objects from getCurrentUser(), and 8 calls on one object: exactly one refresh each, all get the same valid session', async () => {
    const page = await newPage();
    const one = await newUser('one');
    const many = await newUser('many'); // signed in last: getCurrentUser() is this one
    const old = await signInExpired(page, [one, many]);
    const out = await page.evaluate(async ({ poolData, one }) => {
      const pool = new AC.CognitoUserPool(poolData);
      const events = [];
      pool.onSessionChange((e) => events.push(e));
      const run = (calls) => Promise.all(calls.map(async ({ user, form }) => {
        if (form === 'callback') {
          const r = await harness.nodeCallback((cb) => user.getSession(cb), { settleMs: 100 });
          return { count: r.calls.length, err: harness.errInfo(r.calls[0] && r.calls[0].err), session: harness.sessionInfo(r.calls[0] && r.calls[0].result) };
        }
        const r = await harness.settle(user.getSession());
        return { count: 1, err: r.ok ? null : harness.errInfo(r.error), session: r.ok ? harness.sessionInfo(r.value) : null };
      }));
      const form = (i) => (i % 2 ? 'promise' : 'callback');
      // Half from this pool object, half from pool objects of their own: the refresh is shared page-wide.
      const current = Array.from({ length: 8 }, (_, i) => ({ user: (i < 4 ? pool : new AC.CognitoUserPool(poolData)).getCurrentUser(), form: form(i) }));
      const distinct = new Set(current.map((c) => c.user)).size;
      const single = new AC.CognitoUser({ Username: one.username, Pool: pool });
      const same = Array.from({ length: 8 }, (_, i) => ({ user: single, form: form(i) }));
      // All 16 started in the same tick; the two users refresh independently.
      const [a, b] = await Promise.all([run(current), run(same)]);
      return {
        distinct, currentName: current[0].user.getUsername(), a, b, events,
        storedMany: t.stored(poolData, current[0].user.getUsername(), 'accessToken'), storedOne: t.stored(poolData, one.username, 'accessToken'),
      };
    }, { poolData, one });
    assert.equal(out.distinct, 8, '8 different objects');
    assert.equal(out.currentName, many.username);
    for (const [label, results, u] of [['getCurrentUser() ×8', out.a, many], ['one object ×8', out.b, one]]) {
      assert.equal(results.length, 8);
      for (const r of results) {
        assert.equal(r.count, 1, `${label}: called back once`);
        assert.equal(r.err, null, `${label}: ${JSON.stringify(r.err)}`);
        assert.equal(r.session.valid, true, `${label}: valid`);
        assert.deepEqual(r.session, results[0].session, `${label}: all the same session`);
      }
      const s = results[0].session;
      assert.notEqual(s.accessToken, old[u.username].accessToken, `${label}: a new access token`);
      assert.equal(s.refreshToken, old[u.username].refreshToken, `${label}: the refresh token is kept (no rotation)`);
      assert.equal(jwtPayload(s.idToken)['cognito:username'], u.username);
      const sent = await refreshRequests(old[u.username].refreshToken);
      assert.equal(sent.length, 1, `${label}: exactly one refresh request reached the emulator (${sent.length})`);
    }
    // Each call tells the listeners of its refresh, as its own.
    for (const u of [many, one]) {
      const heard = out.events.filter((e) => e.username === u.username);
      assert.deepEqual(heard, Array.from({ length: 8 }, () => ({ type: 'refresh', username: u.username, otherTab: false })));
    }
    assert.equal(out.events.length, 16, 'no other events');
    assert.equal(out.storedMany, out.a[0].session.accessToken, 'stored');
    assert.equal(out.storedOne, out.b[0].session.accessToken, 'stored');
    assert.equal(page.requests.filter((r) => r.operation === 'InitiateAuth' && r.json.AuthFlow === 'REFRESH_TOKEN_AUTH').length, 2, 'two refreshes in all, seen from the page');
  });
});

describe('(b) a revoked refresh token', () => {
  it('RevokeToken / GlobalSignOut, then an expired session: getSession fails with NotAuthorizedException after one request, in < 1 s, and the session is cleared', async (ctx) => {
    const [pageA, pageB] = [await newPage(), await newPage()];
    const a = await newUser('revoked');
    const b = await newUser('globalout');
    const oldA = await signInExpired(pageA, [a], { wait: false });
    const oldB = await signInExpired(pageB, [b], { wait: false });
    await Promise.all([waitExpired(pageA), waitExpired(pageB)]);
    const revoke = await cognitoCall(backend.endpoint, 'RevokeToken', { Token: oldA[a.username].refreshToken, ClientId: pool.ClientId });
    assert.equal(revoke.ok, true, JSON.stringify(revoke.data));
    // GlobalSignOut needs a live access token: B's expired one is refused, so B signs in from "another device".
    const other = await cognitoCall(backend.endpoint, 'InitiateAuth', { ClientId: pool.ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: b.username, PASSWORD: b.password } });
    const global = await cognitoCall(backend.endpoint, 'GlobalSignOut', { AccessToken: other.data.AuthenticationResult.AccessToken });
    assert.equal(global.ok, true, JSON.stringify(global.data));

    const attempt = (page, form) => page.evaluate(async ({ poolData, form }) => {
      const pool = new AC.CognitoUserPool(poolData);
      const user = pool.getCurrentUser();
      const name = user.getUsername();
      const before = t.keys(poolData, name);
      const start = performance.now();
      let r;
      if (form === 'callback') {
        const cb = await new Promise((resolve) => {
          const calls = [];
          user.getSession(function (err, session) {
            calls.push({ err: harness.errInfo(err), session, ms: performance.now() - start });
            setTimeout(() => resolve(calls), 150);
          });
        });
        r = { count: cb.length, err: cb[0].err, session: cb[0].session ?? null, ms: cb[0].ms };
      } else {
        const s = await harness.settle(user.getSession());
        r = { count: 1, err: harness.errInfo(s.error), session: s.ok ? 'resolved' : null, ms: performance.now() - start };
      }
      return { ...r, before, after: t.keys(poolData, name), current: pool.getCurrentUser(), lastAuthUser: localStorage.getItem(`CognitoIdentityServiceProvider.${poolData.ClientId}.LastAuthUser`) };
    }, { poolData, form });
    const [outA, outB] = await Promise.all([attempt(pageA, 'callback'), attempt(pageB, 'promise')]);
    for (const [label, out, old] of [['RevokeToken (callback)', outA, oldA[a.username]], ['GlobalSignOut (Promise)', outB, oldB[b.username]]]) {
      assert.equal(out.count, 1, label);
      assert.equal(out.session, null, label);
      assert.equal(out.err.code, 'NotAuthorizedException', `${label}: ${JSON.stringify(out.err)}`);
      assert.equal(out.err.isError, true);
      assert.match(out.err.message, /revoked/i);
      ctx.diagnostic(`${label}: getSession failed after ${out.ms.toFixed(0)} ms`);
      assert.ok(out.ms < 1000, `${label}: failed in ${out.ms.toFixed(0)} ms (must be < 1000: no retries of a dead token)`);
      assert.equal(out.before.length, 4, `${label}: a stored session before`);
      assert.deepEqual(out.after, [], `${label}: the stored session is cleared`);
      assert.equal(out.current, null, `${label}: getCurrentUser() is null`);
      assert.equal(out.lastAuthUser, null);
      const sent = await refreshRequests(old.refreshToken);
      assert.equal(sent.length, 1, `${label}: exactly one refresh request`);
    }
  });
});

describe('(c) transient faults during a refresh', () => {
  it('status500, throttle and drop (once each) are retried and the refresh succeeds; a persistent 500 gives up after 4 attempts and keeps the stored session', async (ctx) => {
    const page = await newPage();
    const users = { status500: await newUser('f500'), throttle: await newUser('fthrottle'), drop: await newUser('fdrop'), persistent: await newUser('fpersist') };
    const old = await signInExpired(page, Object.values(users));
    try {
      for (const [kind, u] of Object.entries(users)) {
        const faultKind = kind === 'persistent' ? 'status500' : kind;
        await backend.post('/_test/faults', { operation: 'InitiateAuth', kind: faultKind, times: kind === 'persistent' ? 10 : 1 });
        const out = await page.evaluate(async ({ poolData, username }) => {
          const user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
          const start = performance.now();
          const r = await harness.nodeCallback((cb) => user.getSession(cb), { settleMs: 100, timeoutMs: 15000 });
          return {
            count: r.calls.length, err: harness.errInfo(r.calls[0] && r.calls[0].err), session: harness.sessionInfo(r.calls[0] && r.calls[0].result),
            ms: performance.now() - start, keys: t.keys(poolData, username), storedAccess: t.stored(poolData, username, 'accessToken'),
          };
        }, { poolData, username: u.username });
        await backend.test('/_test/faults', { method: 'DELETE' });
        const sent = await refreshRequests(old[u.username].refreshToken);
        ctx.diagnostic(`${kind}: getSession settled after ${out.ms.toFixed(0)} ms, ${sent.length} refresh requests`);
        assert.equal(out.count, 1, `${kind}: called back once`);
        if (kind === 'persistent') {
          assert.equal(out.err.code, 'InternalErrorException', JSON.stringify(out.err));
          assert.equal(sent.length, 4, 'four attempts in all');
          assert.ok(sent.every((r) => r.fault === 'status500'));
          assert.ok(out.ms < 3000, `gave up in ${out.ms.toFixed(0)} ms`);
          assert.equal(out.keys.length, 4, 'a transient failure does not clear the stored session');
          assert.equal(out.storedAccess, old[u.username].accessToken);
          // ...which refreshes fine once the server is back.
          const later = await page.evaluate(async ({ poolData, username }) => harness.sessionInfo(await new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) }).getSession()), { poolData, username: u.username });
          assert.equal(later.valid, true);
        } else {
          assert.equal(out.err, null, `${kind}: ${JSON.stringify(out.err)}`);
          assert.equal(out.session.valid, true, kind);
          assert.notEqual(out.session.accessToken, old[u.username].accessToken);
          assert.equal(out.storedAccess, out.session.accessToken);
          assert.deepEqual(sent.map((r) => r.fault), [faultKind, null], `${kind}: the faulty attempt, then one retry`);
          assert.ok(out.ms < 2000, `${kind}: ${out.ms.toFixed(0)} ms`);
        }
      }
    } finally {
      await backend.test('/_test/faults', { method: 'DELETE' });
    }
  });
});

describe('(d) clock drift', () => {
  after(() => backend.post('/_test/clock', { offsetSeconds: 0 }));

  it('server 600 s behind: the stored clockDrift is +600 (±2) and a session whose exp is past on the device clock is still valid, also after a reload', async () => {
    const page = await newPage();
    const u = await newUser('drift-behind');
    await backend.post('/_test/clock', { offsetSeconds: -600 });
    await tokenLifetime(pool.ClientId, 300); // exp = device time - 300 s
    let out;
    try {
      // SRP's TIMESTAMP must be within 5 min of the server clock: sign in with USER_PASSWORD_AUTH.
      out = await page.evaluate(async ({ poolData, u }) => {
        const s = await t.signIn(poolData, u.username, u.password, 'USER_PASSWORD_AUTH');
        const session = t.signedIn[u.username].getSignInUserSession();
        return { s, exp: session.getAccessToken().getExpiration(), now: Math.floor(Date.now() / 1000), storedDrift: t.stored(poolData, u.username, 'clockDrift') };
      }, { poolData, u });
    } finally {
      await tokenLifetime(pool.ClientId, 3600);
    }
    assert.ok(Math.abs(out.s.clockDrift - 600) <= 2, `clockDrift ${out.s.clockDrift}`);
    assert.equal(out.storedDrift, String(out.s.clockDrift));
    assert.ok(out.exp < out.now - 290, 'the token is expired by the device clock');
    assert.equal(out.s.valid, true, 'but isValid() corrects for the drift');
    await page.reload();
    await waitReady(page);
    const mark = page.requests.length;
    const again = await page.evaluate(async (poolData) => harness.sessionInfo(await new AC.CognitoUserPool(poolData).getCurrentUser().getSession()), poolData);
    assert.equal(again.valid, true);
    assert.equal(again.accessToken, out.s.accessToken, 'the stored session, no refresh');
    assert.equal(again.clockDrift, out.s.clockDrift);
    assert.equal(page.requests.length, mark, 'no request');
  });

  it('server 600 s ahead: clockDrift is -600 (±2); a 2 s token whose exp is 10 min away on the device clock expires after 2 s and is refreshed once', async () => {
    const page = await newPage();
    const u = await newUser('drift-ahead');
    await backend.post('/_test/clock', { offsetSeconds: 600 });
    const old = await signInExpired(page, [u], { flow: 'USER_PASSWORD_AUTH' });
    const s = old[u.username];
    assert.ok(Math.abs(s.clockDrift + 600) <= 2, `clockDrift ${s.clockDrift}`);
    assert.equal(s.valid, true, 'valid when issued');
    const out = await page.evaluate(async ({ poolData, u }) => {
      const expired = t.signedIn[u.username].getSignInUserSession();
      const r = { validNow: expired.isValid(), exp: expired.getAccessToken().getExpiration(), now: Math.floor(Date.now() / 1000) };
      const fresh = await new AC.CognitoUser({ Username: u.username, Pool: new AC.CognitoUserPool(poolData) }).getSession();
      return { ...r, fresh: harness.sessionInfo(fresh), storedDrift: t.stored(poolData, u.username, 'clockDrift') };
    }, { poolData, u });
    assert.ok(out.exp > out.now + 500, 'by the device clock the token has ~10 min left');
    assert.equal(out.validNow, false, 'isValid() says expired: it corrects for the drift');
    assert.equal(out.fresh.valid, true);
    assert.ok(Math.abs(out.fresh.clockDrift + 600) <= 2, `refreshed clockDrift ${out.fresh.clockDrift}`);
    assert.equal(out.storedDrift, String(out.fresh.clockDrift));
    assert.equal((await refreshRequests(s.refreshToken)).length, 1);
  });
});

describe('(e) refresh token rotation', () => {
  let rotPool;
  let rotPoolData;
  before(async () => {
    rotPool = await createPoolAndClient(backend.endpoint, { poolName: uniqueName('rotation') });
    const rotation = await backend.post('/_test/refresh-rotation', { clientId: rotPool.ClientId, enabled: true, graceSeconds: 0 });
    assert.equal(rotation.RefreshTokenRotation.Feature, 'ENABLED');
    rotPoolData = { UserPoolId: rotPool.UserPoolId, ClientId: rotPool.ClientId, endpoint: backend.endpoint, refreshTokenRotation: true };
  });

  it('refreshTokenRotation: true → one GetTokensFromRefreshToken for 8 concurrent getSession calls; the new refresh token is stored and works, the old one is refused; another tab picks it up', async () => {
    const page = await newPage();
    const u = await newUser('rotate', rotPool);
    const old = (await signInExpired(page, [u], { p: rotPool, pd: rotPoolData }))[u.username];
    const out = await page.evaluate(async ({ pd }) => {
      const pool = new AC.CognitoUserPool(pd);
      // With a grace period of 0, a second refresh with the old token would be refused: one request only.
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => {
        const user = pool.getCurrentUser();
        return i % 2 ? harness.settle(user.getSession()) : harness.nodeCallback((cb) => user.getSession(cb)).then((r) => (r.calls[0].err ? { ok: false, error: r.calls[0].err } : { ok: true, value: r.calls[0].result }));
      }));
      const user = pool.getCurrentUser();
      return {
        rotationFlag: pool.refreshTokenRotation,
        results: results.map((r) => (r.ok ? { session: harness.sessionInfo(r.value) } : { err: harness.errInfo(r.error) })),
        stored: t.stored(pd, user.getUsername(), 'refreshToken'),
      };
    }, { pd: rotPoolData });
    assert.equal(out.rotationFlag, true);
    for (const r of out.results) {
      assert.equal(r.err, undefined, JSON.stringify(r.err));
      assert.equal(r.session.valid, true);
      assert.deepEqual(r.session, out.results[0].session);
    }
    const fresh = out.results[0].session;
    assert.notEqual(fresh.refreshToken, old.refreshToken, 'a new refresh token');
    assert.equal(out.stored, fresh.refreshToken, 'stored');
    const ops = page.requests.filter((r) => r.operation === 'GetTokensFromRefreshToken');
    assert.equal(ops.length, 1, 'one GetTokensFromRefreshToken');
    assert.equal(ops[0].json.RefreshToken, old.refreshToken);
    assert.equal(ops[0].json.ClientId, rotPool.ClientId);
    assert.equal(page.requests.filter((r) => r.operation === 'InitiateAuth' && r.json.AuthFlow === 'REFRESH_TOKEN_AUTH').length, 0);

    const reuse = await cognitoCall(backend.endpoint, 'GetTokensFromRefreshToken', { ClientId: rotPool.ClientId, RefreshToken: old.refreshToken });
    assert.equal(reuse.code, 'RefreshTokenReuseException', 'the old refresh token is refused');

    // The new one works, through the library: refreshSession rotates again.
    const next = await page.evaluate(async ({ pd }) => {
      const user = new AC.CognitoUserPool(pd).getCurrentUser();
      const current = await user.getSession();
      const r = await harness.nodeCallback((cb) => user.refreshSession(current.getRefreshToken(), cb));
      return { err: harness.errInfo(r.calls[0].err), session: harness.sessionInfo(r.calls[0].result), stored: t.stored(pd, user.getUsername(), 'refreshToken') };
    }, { pd: rotPoolData });
    assert.equal(next.err, null, JSON.stringify(next.err));
    assert.equal(next.session.valid, true);
    assert.notEqual(next.session.refreshToken, fresh.refreshToken);
    assert.equal(next.stored, next.session.refreshToken);
    const reuse2 = await cognitoCall(backend.endpoint, 'GetTokensFromRefreshToken', { ClientId: rotPool.ClientId, RefreshToken: fresh.refreshToken });
    assert.equal(reuse2.code, 'RefreshTokenReuseException');

    // A second tab (same localStorage) gets the latest session from storage, with no request.
    const tab2 = await newPage(page.context());
    const tab2Requests = tab2.requests;
    const inTab2 = await tab2.evaluate(async (pd) => harness.sessionInfo(await new AC.CognitoUserPool(pd).getCurrentUser().getSession()), rotPoolData);
    assert.deepEqual(inTab2, next.session);
    assert.deepEqual(tab2Requests, []);
  });

  // RefreshTokenReuseException means the stored refresh token is dead for good (another
  // client, or a thief, rotated it), exactly like a revoked one: the session must be cleared,
  // or getCurrentUser() would keep returning a user whose every getSession() fails.
  it('a refresh token already rotated elsewhere (RefreshTokenReuseException) clears the stored session, like a revoked one', async () => {
    const page = await newPage();
    const u = await newUser('reuse', rotPool);
    const old = (await signInExpired(page, [u], { p: rotPool, pd: rotPoolData }))[u.username];
    const elsewhere = await cognitoCall(backend.endpoint, 'GetTokensFromRefreshToken', { ClientId: rotPool.ClientId, RefreshToken: old.refreshToken });
    assert.equal(elsewhere.ok, true, 'rotated by someone else');
    const out = await page.evaluate(async ({ pd }) => {
      const pool = new AC.CognitoUserPool(pd);
      const name = pool.getCurrentUser().getUsername();
      const r = await harness.settle(pool.getCurrentUser().getSession());
      return { err: harness.errInfo(r.error), keys: t.keys(pd, name), current: pool.getCurrentUser() && pool.getCurrentUser().getUsername() };
    }, { pd: rotPoolData });
    assert.equal(out.err.code, 'RefreshTokenReuseException');
    assert.equal((await refreshRequests(old.refreshToken)).filter((r) => r.operation === 'GetTokensFromRefreshToken').length, 2, 'one from elsewhere, one from the page');
    assert.deepEqual(out.keys, [], 'the dead session is cleared');
    assert.equal(out.current, null);
  });
});

describe('(f) refreshSession keeps the user\'s own username', () => {
  /** A and B sign in on `page` (B last, so LastAuthUser = B); A refreshes its own session. */
  const scenario = (page, a, b) => page.evaluate(async ({ poolData, a, b }) => {
    const pool = new AC.CognitoUserPool(poolData);
    const signIn = (u) => new Promise((resolve, reject) => {
      const user = new AC.CognitoUser({ Username: u.username, Pool: pool });
      user.authenticateUser(new AC.AuthenticationDetails({ Username: u.username, Password: u.password }), { onSuccess: resolve, onFailure: reject });
    });
    await signIn(a);
    await signIn(b);
    const key = (u, item) => `CognitoIdentityServiceProvider.${poolData.ClientId}.${u.username}.${item}`;
    const bIdBefore = localStorage.getItem(key(b, 'idToken'));
    const lastBefore = localStorage.getItem(`CognitoIdentityServiceProvider.${poolData.ClientId}.LastAuthUser`);
    const userA = new AC.CognitoUser({ Username: a.username, Pool: pool });
    const sessionA = await new Promise((resolve, reject) => userA.getSession((err, s) => (err ? reject(err) : resolve(s))));
    const refreshed = await new Promise((resolve) => {
      userA.refreshSession(sessionA.getRefreshToken(), (err, session) => resolve({ err, session }));
    });
    return {
      lastBefore,
      err: refreshed.err && refreshed.err.message,
      username: userA.getUsername(),
      idUsername: refreshed.session && refreshed.session.getIdToken().payload['cognito:username'],
      newId: refreshed.session && refreshed.session.getIdToken().getJwtToken(),
      aStoredId: localStorage.getItem(key(a, 'idToken')),
      bStoredId: localStorage.getItem(key(b, 'idToken')),
      bIdBefore,
    };
  }, { poolData, a, b });

  it('control: the JS SDK renames the user to LastAuthUser and stores A\'s new tokens under B\'s keys', async () => {
    const page = await newLibraryPage({ page: 'oracle' });
    pages.push(page);
    const [a, b] = [await newUser('sdk-a'), await newUser('sdk-b')];
    const out = await scenario(page, a, b);
    assert.equal(out.lastBefore, b.username);
    assert.equal(out.err, null);
    assert.equal(out.idUsername, a.username);
    assert.equal(out.username, b.username, 'the SDK bug this package fixes');
    assert.equal(out.bStoredId, out.newId, "A's tokens overwrite B's");
  });

  it('ours: the user stays A, A\'s new tokens go under A\'s keys, B\'s are untouched', async () => {
    const page = await newPage();
    const [a, b] = [await newUser('ours-a'), await newUser('ours-b')];
    const out = await scenario(page, a, b);
    assert.equal(out.lastBefore, b.username);
    assert.equal(out.err, null);
    assert.equal(out.idUsername, a.username);
    assert.equal(out.username, a.username);
    assert.equal(out.aStoredId, out.newId);
    assert.equal(out.bStoredId, out.bIdBefore);
  });
});

describe('pages', () => {
  it('no uncaught page errors', () => {
    for (const p of pages) assert.deepEqual(p.consoleLines.filter((l) => l.startsWith('pageerror:')), []);
  });
});
