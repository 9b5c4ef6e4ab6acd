// Storage written by someone else (an older app version, another library, a user with dev
// tools, a full disk): headless Chromium, the library by script tag, real tokens from the
// project's emulator. For each corrupt state:
//   - getCurrentUser() and getSession() never throw synchronously (callback and Promise);
//   - a usable session is used (a garbage clockDrift, an unreadable ID token next to a
//     good refresh token: refreshed);
//   - an unusable one gives a coded error, the user is treated as signed out, and the
//     corrupt keys are cleared (getCurrentUser() is then null);
//   - keys of other app clients and unrelated keys are never touched.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { passwordSignIn, signUpConfirmed } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const ITEMS = ['idToken', 'accessToken', 'refreshToken', 'clockDrift'];
const MB = 1 << 20;

const { backend: emu, pool, poolData, newPage, setUp } = useBackendPages('emulator', { poolName: 'corrupt' });
let page;
let alice;
/** Real tokens of alice: { IdToken, AccessToken, RefreshToken }. */
let real;
/** Keys that belong to others: another app client's whole session, and the app's own data. */
let foreign;

const prefix = () => `CognitoIdentityServiceProvider.${pool.ClientId}.`;
const key = (username, item) => `${prefix()}${username}.${item}`;
const lastAuthUser = () => `${prefix()}LastAuthUser`;

function pageHelpers() {
  window.t = {
    /** Replaces all of localStorage with `entries`. */
    set(entries) {
      localStorage.clear();
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    },
    /**
     * getCurrentUser() then getSession() in `form`, catching synchronous throws.
     * Returns what happened and the storage after (`settleMs` after the delivery).
     */
    async probe(poolData, form, { settleMs = 150, username } = {}) {
      const out = { form };
      const pool = new AC.CognitoUserPool(poolData);
      let user;
      try {
        user = username ? new AC.CognitoUser({ Username: username, Pool: pool }) : pool.getCurrentUser();
        out.currentUser = user ? user.getUsername().length > 100 ? `<${user.getUsername().length} chars>` : user.getUsername() : null;
      } catch (e) {
        out.getCurrentUserThrew = harness.errInfo(e);
        return out;
      }
      if (!user) return { ...out, after: harness.storageSnapshot() };
      const sum = (s) => ({ valid: s.isValid(), clockDrift: s.getClockDrift(), idToken: s.getIdToken().getJwtToken().length > 10000 ? `<${s.getIdToken().getJwtToken().length} chars>` : s.getIdToken().getJwtToken() });
      if (form === 'promise') {
        let p;
        try {
          p = user.getSession();
        } catch (e) {
          out.getSessionThrew = harness.errInfo(e);
          return out;
        }
        const s = await harness.settle(p);
        await harness.sleep(settleMs);
        out.calls = [s.ok ? { ok: true, session: sum(s.value) } : { ok: false, err: harness.errInfo(s.error) }];
      } else {
        const r = await harness.nodeCallback((cb) => user.getSession(cb), { settleMs });
        if (r.thrown) out.getSessionThrew = r.thrown;
        out.calls = r.calls.map((c) => (c.err ? { ok: false, err: harness.errInfo(c.err) } : { ok: true, session: sum(c.result) }));
      }
      out.after = harness.storageSnapshot();
      try {
        const again = pool.getCurrentUser();
        out.currentUserAfter = again ? (again.getUsername().length > 100 ? `<${again.getUsername().length} chars>` : again.getUsername()) : null;
      } catch (e) {
        out.getCurrentUserThrewAfter = harness.errInfo(e);
      }
      return out;
    },
  };
}

/** An unsigned JWT (the library does not check signatures; the server would). */
function fakeJwt(payload) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none' })}.${enc(payload)}.sig`;
}

/** The full stored session of `username` (real tokens unless overridden), plus LastAuthUser. */
function session(username, overrides = {}) {
  const items = { idToken: real.IdToken, accessToken: real.AccessToken, refreshToken: real.RefreshToken, clockDrift: '0', ...overrides };
  const out = { [lastAuthUser()]: username };
  for (const [item, value] of Object.entries(items)) if (value !== undefined) out[key(username, item)] = value;
  return out;
}

/** Runs `probe` in both forms on `storage` (+ the foreign keys) and checks the invariants. */
async function both(storage, opts = {}) {
  const outs = [];
  for (const form of ['node', 'promise']) {
    await page.evaluate((entries) => t.set(entries), { ...foreign, ...storage });
    const out = await page.evaluate(({ poolData, form, opts }) => t.probe(poolData, form, opts), { poolData, form, opts });
    assert.equal(out.getCurrentUserThrew, undefined, `getCurrentUser() threw: ${JSON.stringify(out.getCurrentUserThrew)}`);
    assert.equal(out.getSessionThrew, undefined, `getSession() threw (${form}): ${JSON.stringify(out.getSessionThrew)}`);
    assert.equal(out.getCurrentUserThrewAfter, undefined);
    if (out.calls) assert.equal(out.calls.length, 1, `getSession (${form}) delivered once: ${JSON.stringify(out.calls)}`);
    for (const [k, v] of Object.entries(foreign)) assert.equal(out.after[k], v, `${form}: ${k} untouched`);
    outs.push(out);
  }
  return outs;
}

/** The user is signed out: a coded error, and none of their session keys nor LastAuthUser remain. */
function assertSignedOutAndCleared(outs, codes = ['UserUnAuthenticatedException', 'NotAuthorizedException']) {
  for (const out of outs) {
    const [call] = out.calls;
    assert.equal(call.ok, false, `${out.form}: getSession must fail: ${JSON.stringify(call)}`);
    assert.equal(call.err.isError, true);
    assert.ok(codes.includes(call.err.code), `${out.form}: coded (${call.err.code}: ${call.err.message})`);
    assert.equal(call.err.name, call.err.code);
    const left = Object.keys(out.after).filter((k) => k.startsWith(prefix()));
    assert.deepEqual(left, [], `${out.form}: the corrupt keys are cleared`);
    assert.equal(out.currentUserAfter, null, `${out.form}: getCurrentUser() is null afterwards`);
  }
}

function assertUsable(outs, check = () => {}) {
  for (const out of outs) {
    const [call] = out.calls;
    assert.equal(call.ok, true, `${out.form}: getSession must succeed: ${JSON.stringify(call)}`);
    assert.equal(call.session.valid, true, `${out.form}: a valid session`);
    check(out);
  }
}

setUp(async () => {
  alice = await signUpConfirmed(emu, pool, uniqueName('alice'));
  const r = await passwordSignIn(emu.endpoint, pool, alice.username, alice.password);
  assert.equal(r.ok, true, JSON.stringify(r.data));
  real = r.result;
  const other = 'CognitoIdentityServiceProvider.someotherclientid.';
  foreign = {
    [`${other}LastAuthUser`]: 'bob',
    [`${other}bob.idToken`]: real.IdToken,
    [`${other}bob.accessToken`]: real.AccessToken,
    [`${other}bob.refreshToken`]: 'other-client-refresh-token',
    [`${other}bob.clockDrift`]: 'NaN',
    'app.theme': 'dark',
    'CognitoIdentityServiceProvider.': 'a key that is only the prefix',
  };
  page = await newPage({ init: pageHelpers });
});

describe('control', () => {
  it('the real session as the SDK stores it is valid (callback and Promise)', async () => {
    assertUsable(await both(session(alice.username)), (out) => assert.equal(out.calls[0].session.idToken, real.IdToken));
  });
  it("another client's keys only: getCurrentUser() is null and nothing is touched", async () => {
    const outs = await both({});
    for (const out of outs) {
      assert.equal(out.currentUser, null);
      assert.deepEqual(out.after, foreign);
    }
  });
});

describe('unusable sessions: a coded error, signed out, corrupt keys cleared', () => {

  it('half a session: idToken only (accessToken, refreshToken, clockDrift missing)', async () => {
    assertSignedOutAndCleared(await both(session(alice.username, { accessToken: undefined, refreshToken: undefined, clockDrift: undefined })));
  });

  it('idToken and accessToken but no refreshToken, tokens expired', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = fakeJwt({ sub: 'x', iat: past, exp: past + 3600 });
    assertSignedOutAndCleared(await both(session(alice.username, { idToken: expired, accessToken: expired, refreshToken: undefined })));
  });

  it('tokens that are not JWTs ("abc") and no refresh token', async () => {
    assertSignedOutAndCleared(await both(session(alice.username, { idToken: 'abc', accessToken: 'abc', refreshToken: undefined })));
  });

  it('tokens that are not JWTs and a refresh token that is junk: the refresh is refused and the session cleared', async () => {
    assertSignedOutAndCleared(await both(session(alice.username, { idToken: 'abc', accessToken: 'a.b.c', refreshToken: 'not-a-refresh-token' })), ['NotAuthorizedException']);
  });

  it('LastAuthUser names a user with no tokens', async () => {
    const outs = await both({ [lastAuthUser()]: 'ghost' });
    for (const out of outs) assert.equal(out.currentUser, 'ghost', 'getCurrentUser() goes by LastAuthUser, as the SDK does');
    assertSignedOutAndCleared(outs);
  });

  it('LastAuthUser is an empty string: no current user', async () => {
    const outs = await both({ [lastAuthUser()]: '' });
    for (const out of outs) assert.equal(out.currentUser, null);
  });

  it('LastAuthUser is 1 MB long (no tokens)', async () => {
    const outs = await both({ [lastAuthUser()]: 'u'.repeat(MB) });
    for (const out of outs) assert.equal(out.currentUser, `<${MB} chars>`);
    assertSignedOutAndCleared(outs);
  });

  it('a 1 MB idToken (not a JWT) and no refresh token', async () => {
    assertSignedOutAndCleared(await both(session(alice.username, { idToken: 'x'.repeat(MB), refreshToken: undefined })));
  });
});

describe('usable sessions in odd storage: used, not thrown away', () => {
  for (const [drift, expected] of [['NaN', 0], ['1e400', 1], ['-99999999999999999999', 0], ['', 0], ['  42abc', 42], ['9'.repeat(MB), 0]]) {
    const shown = drift.length > 30 ? `${drift.length} nines` : JSON.stringify(drift);
    it(`clockDrift ${shown} with real tokens: the session is valid, drift read as ${expected} (parseInt, overflow → 0)`, async () => {
      assertUsable(await both(session(alice.username, { clockDrift: drift })), (out) => {
        assert.equal(out.calls[0].session.clockDrift, expected);
        assert.equal(out.calls[0].session.idToken, real.IdToken);
      });
    });
  }

  it('a 1 MB idToken (not a JWT) next to a good refresh token: refreshed, and the junk replaced', async () => {
    const outs = await both(session(alice.username, { idToken: 'x'.repeat(MB) }));
    assertUsable(outs, (out) => {
      assert.notEqual(out.calls[0].session.idToken, `<${MB} chars>`);
      assert.ok(out.after[key(alice.username, 'idToken')].length < 10_000, 'the stored ID token is a real one now');
    });
  });

  it('a 1 MB JWT (a huge claim, unexpired) is decoded and used', async () => {
    const now = Math.floor(Date.now() / 1000);
    const huge = fakeJwt({ sub: 'x', iat: now, exp: now + 3600, blob: 'b'.repeat(MB) });
    const outs = await both(session(alice.username, { idToken: huge, accessToken: huge }));
    assertUsable(outs, (out) => assert.equal(out.calls[0].session.idToken, `<${huge.length} chars>`));
  });

  it('tokens that are not JWTs next to a good refresh token: refreshed', async () => {
    assertUsable(await both(session(alice.username, { idToken: 'abc', accessToken: 'abc' })), (out) => {
      assert.notEqual(out.calls[0].session.idToken, 'abc');
      assert.notEqual(out.after[key(alice.username, 'idToken')], 'abc');
    });
  });

  it('accessToken missing, a good refresh token: refreshed', async () => {
    assertUsable(await both(session(alice.username, { accessToken: undefined })));
  });
});

describe('cached user data that is not JSON', () => {
  it('getUserData gives a coded error once and clears the cache (the session stays); the next call fetches it', async () => {
    for (const form of ['node', 'promise']) {
      await page.evaluate((entries) => t.set(entries), { ...foreign, ...session(alice.username), [key(alice.username, 'userData')]: '{not json' });
      const out = await page.evaluate(async ({ poolData, form }) => {
        const user = new AC.CognitoUserPool(poolData).getCurrentUser();
        await user.getSession();
        let first;
        let thrown;
        try {
          if (form === 'promise') {
            const s = await harness.settle(user.getUserData());
            first = [s.ok ? { ok: true } : { ok: false, err: harness.errInfo(s.error) }];
          } else {
            const r = await harness.nodeCallback((cb) => user.getUserData(cb), { settleMs: 150 });
            first = r.calls.map((c) => (c.err ? { ok: false, err: harness.errInfo(c.err) } : { ok: true }));
          }
        } catch (e) {
          thrown = harness.errInfo(e);
        }
        const afterFirst = harness.storageSnapshot();
        const second = await harness.settle(user.getUserData());
        return { first, thrown, afterFirst, second: second.ok ? second.value : harness.errInfo(second.error), afterSecond: harness.storageSnapshot() };
      }, { poolData, form });
      assert.equal(out.thrown, undefined, form);
      assert.equal(out.first.length, 1, form);
      // Either answer is fine (the JS SDK fails and clears too); a crash or a hang is not.
      if (!out.first[0].ok) assert.equal(typeof out.first[0].err.code, 'string', JSON.stringify(out.first[0]));
      assert.notEqual(out.afterFirst[key(alice.username, 'userData')], '{not json', `${form}: the corrupt cache is gone`);
      for (const item of ITEMS) assert.ok(out.afterFirst[key(alice.username, item)] !== undefined, `${form}: ${item} kept`);
      assert.equal(out.second.Username, alice.username, `${form}: the next getUserData works: ${JSON.stringify(out.second)}`);
      assert.doesNotThrow(() => JSON.parse(out.afterSecond[key(alice.username, 'userData')]), 'a JSON cache now');
      for (const [k, v] of Object.entries(foreign)) assert.equal(out.afterSecond[k], v);
    }
  });
});

describe('no page errors', () => {
  it('nothing uncaught in the page', () => {
    assert.deepEqual(page.pageErrors, []);
  });
});
