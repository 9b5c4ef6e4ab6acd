// The same session tests for every storage backend, in headless Chromium against the
// project's emulator (tests/pages/storage-backends.html?backend=...):
//
//   local   localStorage, the default;
//   custom  an app's plain object with setItem/getItem/removeItem/clear passed as `Storage`
//           (it writes through to sessionStorage, so it survives a reload);
//   cookie  CookieStorage({ domain: location.hostname, secure: false });
//   memory  the in-memory fallback when localStorage throws (its getter is stubbed to throw
//           before the library loads). A reload empties memory, so that part is replaced by
//           checks that the session works within the page and nothing reached localStorage.
//
// For each: sign in stores the session in that backend only; after a reload getCurrentUser()
// + getSession() give it back with no request; an expired session is refreshed once and the
// new tokens land in the backend; signOut() empties it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { recordCognitoRequests, signUpConfirmed, waitReady } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const ITEMS = ['accessToken', 'clockDrift', 'idToken', 'refreshToken'];

const { backend, pool, poolData, newPage } = useBackendPages('emulator', { poolName: 'storage' });

/** In-page helpers (window.t), installed before the page's own scripts on every load. */
function pageHelpers() {
  window.t = {
    signedIn: {},
    pool(poolData) {
      return new AC.CognitoUserPool(withStorage(poolData));
    },
    async signIn(poolData, username, password) {
      const pool = t.pool(poolData);
      const user = new AC.CognitoUser({ Username: username, Pool: pool });
      const session = await new Promise((resolve, reject) => {
        user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), { onSuccess: resolve, onFailure: reject });
      });
      t.signedIn[username] = user;
      return harness.sessionInfo(session);
    },
    async waitExpired(username, timeoutMs = 8000) {
      const start = Date.now();
      while (t.signedIn[username].getSignInUserSession().isValid()) {
        if (Date.now() - start > timeoutMs) throw new Error('the session did not expire');
        await harness.sleep(100);
      }
    },
    /** getCurrentUser() + getSession(callback), as the README's use case 16. */
    currentSession(poolData) {
      const cognitoUser = t.pool(poolData).getCurrentUser();
      if (cognitoUser == null) return Promise.resolve({ current: null });
      return new Promise((resolve) => {
        cognitoUser.getSession(function (err, session) {
          resolve({ current: cognitoUser.getUsername(), err: harness.errInfo(err), session: harness.sessionInfo(session) });
        });
      });
    },
    /** The session items as the backing store holds them (via the library's storage object for memory). */
    stored(poolData, username) {
      const out = {};
      const storage = t.pool(poolData).storage;
      for (const item of ['accessToken', 'clockDrift', 'idToken', 'refreshToken']) {
        const key = `CognitoIdentityServiceProvider.${poolData.ClientId}.${username}.${item}`;
        out[item] = read(key);
      }
      out.LastAuthUser = read(`CognitoIdentityServiceProvider.${poolData.ClientId}.LastAuthUser`);
      return out;
      // MemoryStorage.getItem gives undefined for a missing key, as the SDK's does.
      function read(key) {
        const v = window.__backend === 'memory' ? storage.getItem(key) : backingValue(key);
        return v === undefined ? null : v;
      }
    },
    /** Cognito keys in the real localStorage (reachable even when the page's getter throws). */
    localStorageKeys(clientId) {
      let ls;
      try {
        ls = window.__realLocalStorage || window.localStorage;
      } catch {
        return null;
      }
      return harness.keysWithPrefix(ls, `CognitoIdentityServiceProvider.${clientId}.`);
    },
  };
}

const tokenLifetime = (seconds) => backend.post('/_test/token-lifetime', { clientId: pool.ClientId, accessSeconds: seconds, idSeconds: seconds });

async function refreshCount(refreshToken) {
  const log = await backend.requests('InitiateAuth');
  return log.filter((r) => r.json?.AuthFlow === 'REFRESH_TOKEN_AUTH' && r.json.AuthParameters?.REFRESH_TOKEN === refreshToken).length;
}

for (const kind of ['local', 'custom', 'cookie', 'memory']) {
  describe(`storage backend: ${kind}`, () => {
    let page;
    let requests;
    let u;
    let first;

    const reload = async () => {
      await page.reload();
      await waitReady(page);
    };

    before(async () => {
      page = await newPage({ page: 'storage-backends', search: `?backend=${kind}`, init: pageHelpers });
      requests = recordCognitoRequests(page, backend.endpoint);
      u = await signUpConfirmed(backend, pool, uniqueName(kind));
    });
    after(async () => {
      await page?.context().close();
    });

    it('the page set-up is what it says', async () => {
      const out = await page.evaluate((poolData) => {
        const pool = t.pool(poolData);
        let localThrows = false;
        try {
          void window.localStorage;
        } catch (e) {
          localThrows = e.name;
        }
        return {
          backend: window.__backend, localThrows,
          isMemory: pool.storage instanceof AC.MemoryStorage,
          isLocal: !localThrows && pool.storage === window.localStorage,
          isCookie: pool.storage instanceof AC.CookieStorage,
          isCustom: !!pool.storage && !!pool.storage.calls,
        };
      }, poolData);
      assert.equal(out.backend, kind);
      assert.equal(out.localThrows, kind === 'memory' ? 'SecurityError' : false);
      assert.deepEqual([out.isLocal, out.isCustom, out.isCookie, out.isMemory], ['local', 'custom', 'cookie', 'memory'].map((k) => k === kind), JSON.stringify(out));
    });

    it('sign-in stores the session in this backend, and nowhere else', async () => {
      first = await page.evaluate(({ poolData, u }) => t.signIn(poolData, u.username, u.password), { poolData, u });
      assert.equal(first.valid, true);
      const out = await page.evaluate(({ poolData, u }) => ({
        stored: t.stored(poolData, u.username),
        backingKeys: backingKeys(poolData.ClientId),
        localStorageKeys: window.__backend === 'local' ? null : t.localStorageKeys(poolData.ClientId),
        customCalls: window.__backend === 'custom' ? t.pool(poolData).storage.calls : null,
      }), { poolData, u });
      assert.deepEqual(out.stored, {
        accessToken: first.accessToken, clockDrift: String(first.clockDrift), idToken: first.idToken, refreshToken: first.refreshToken, LastAuthUser: u.username,
      });
      if (kind !== 'memory') {
        const prefix = `CognitoIdentityServiceProvider.${pool.ClientId}.`;
        assert.deepEqual(out.backingKeys, [...ITEMS.map((i) => `${prefix}${u.username}.${i}`), `${prefix}LastAuthUser`].sort());
      }
      if (kind !== 'local') assert.deepEqual(out.localStorageKeys, [], 'nothing in localStorage');
      if (kind === 'custom') assert.ok(out.customCalls.setItem >= 5, `the app's setItem was used: ${JSON.stringify(out.customCalls)}`);
      if (kind === 'cookie') {
        const cookies = (await page.context().cookies()).filter((c) => c.name.includes(pool.ClientId));
        assert.equal(cookies.length, 5);
        for (const c of cookies) {
          assert.equal(c.domain.replace(/^\./, ''), '127.0.0.1');
          assert.equal(c.secure, false);
        }
      }
    });

    if (kind !== 'memory') {
      it('after a reload: getCurrentUser() + getSession() give the stored session with no request', async () => {
        await reload();
        const mark = requests.length;
        const out = await page.evaluate((poolData) => t.currentSession(poolData), poolData);
        assert.equal(out.current, u.username);
        assert.equal(out.err, null);
        assert.deepEqual(out.session, first);
        assert.deepEqual(requests.slice(mark), [], 'no request');
      });
    } else {
      it('memory (no reload): another pool object in the page finds the session with no request; localStorage is untouched; a reload forgets it', async () => {
        const mark = requests.length;
        const out = await page.evaluate((poolData) => t.currentSession(poolData), poolData);
        assert.equal(out.current, u.username);
        assert.equal(out.err, null);
        assert.deepEqual(out.session, first);
        assert.deepEqual(requests.slice(mark), []);
        assert.deepEqual(await page.evaluate((id) => t.localStorageKeys(id), pool.ClientId), []);
        await reload();
        assert.deepEqual(await page.evaluate((poolData) => t.currentSession(poolData), poolData), { current: null }, 'memory does not survive a reload');
        first = await page.evaluate(({ poolData, u }) => t.signIn(poolData, u.username, u.password), { poolData, u }); // for the next steps
      });
    }

    it(`an expired session${kind === 'memory' ? '' : ' (across a reload)'} is refreshed with one request and the new tokens land in this backend`, async () => {
      await tokenLifetime(2);
      let old;
      try {
        old = await page.evaluate(({ poolData, u }) => t.signIn(poolData, u.username, u.password), { poolData, u });
      } finally {
        await tokenLifetime(3600);
      }
      await page.evaluate((name) => t.waitExpired(name), u.username);
      if (kind !== 'memory') await reload();
      const mark = requests.length;
      const out = await page.evaluate(async ({ poolData, u }) => {
        const before = t.stored(poolData, u.username);
        const r = await t.currentSession(poolData);
        return { before, ...r, after: t.stored(poolData, u.username) };
      }, { poolData, u });
      assert.equal(out.before.accessToken, old.accessToken, 'the expired session was stored');
      assert.equal(out.current, u.username);
      assert.equal(out.err, null, JSON.stringify(out.err));
      assert.equal(out.session.valid, true);
      assert.notEqual(out.session.accessToken, old.accessToken);
      assert.equal(out.session.refreshToken, old.refreshToken);
      assert.deepEqual(out.after, {
        accessToken: out.session.accessToken, clockDrift: String(out.session.clockDrift), idToken: out.session.idToken,
        refreshToken: old.refreshToken, LastAuthUser: u.username,
      });
      assert.deepEqual(requests.slice(mark).map((r) => r.json.AuthFlow), ['REFRESH_TOKEN_AUTH']);
      assert.equal(await refreshCount(old.refreshToken), 1, 'the emulator saw one refresh');
      if (kind !== 'local') assert.deepEqual(await page.evaluate((id) => t.localStorageKeys(id), pool.ClientId), [], 'still nothing in localStorage');
    });

    it(`signOut() empties this backend${kind === 'memory' ? '' : ' (also after a reload)'}`, async () => {
      const out = await page.evaluate(({ poolData, u }) => {
        const user = t.pool(poolData).getCurrentUser();
        user.signOut();
        return { current: t.pool(poolData).getCurrentUser(), stored: t.stored(poolData, u.username), backingKeys: backingKeys(poolData.ClientId) };
      }, { poolData, u });
      assert.equal(out.current, null);
      assert.deepEqual(out.stored, { accessToken: null, clockDrift: null, idToken: null, refreshToken: null, LastAuthUser: null });
      if (kind !== 'memory') {
        assert.deepEqual(out.backingKeys, []);
        await reload();
        assert.deepEqual(await page.evaluate((poolData) => t.currentSession(poolData), poolData), { current: null });
      }
      if (kind === 'cookie') assert.deepEqual((await page.context().cookies()).filter((c) => c.name.includes(pool.ClientId)), []);
      assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror:')), [], 'no uncaught page errors');
    });
  });
}
