// Storage interop with amazon-cognito-identity-js 6.3.x in one Chromium origin, two page
// loads each way: a session stored by the JS SDK is picked up by ours with no request,
// a session stored by ours is picked up by the JS SDK, and both write exactly the same
// localStorage keys (named after USER_ID_FOR_SRP, which is the sub when the pool signs
// users in by email).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { uniqueName } from '../support/admin.mjs';
import { PASSWORD, adminCall, cognitoKeys, recordCognitoRequests, waitReady } from '../support/e2e.mjs';
import { useBackend, useBrowserPages } from '../support/e2e-hooks.mjs';

const NAMES = ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup'];

const { server, newContext } = useBrowserPages();

/** A page in `context` that loads /pages/<name>.html; navigations reuse it (same origin). */
async function load(page, name) {
  await page.goto(`${server.url}/pages/${name}.html`);
  await waitReady(page);
  assert.equal(await page.evaluate(() => window.__flavour), name);
}

/** A blank page in a browser context of its own, for load() to navigate. */
const newTab = async () => openPage(await newContext());

/** Signs in with SRP in the page's library; returns the session and the storage after. */
function signIn(page, poolData, username) {
  return page.evaluate(async ({ poolData, username, password, names }) => {
    const pool = new AC.CognitoUserPool(poolData);
    const user = new AC.CognitoUser({ Username: username, Pool: pool });
    const { calls } = await harness.callbacks(names, (cb) => user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), cb), { settleMs: 50 });
    if (!calls.length || calls[0].name !== 'onSuccess') return { calls: calls.map((c) => [c.name, harness.errInfo(c.args[0])]) };
    return { calls: calls.map((c) => c.name), session: harness.sessionInfo(calls[0].args[0]), username: user.getUsername(), storage: harness.storageSnapshot() };
  }, { poolData, username, password: PASSWORD, names: NAMES });
}

/** Reads the current user and its session from storage in the page's library. */
function pickUp(page, poolData) {
  return page.evaluate(async (poolData) => {
    const pool = new AC.CognitoUserPool(poolData);
    const user = pool.getCurrentUser();
    if (!user) return { user: null, storage: harness.storageSnapshot() };
    const { calls } = await harness.nodeCallback((cb) => user.getSession(cb), { settleMs: 50 });
    return {
      user: user.getUsername(),
      count: calls.length,
      err: harness.errInfo(calls[0] && calls[0].err),
      session: harness.sessionInfo(calls[0] && calls[0].result),
      signInSession: harness.sessionInfo(user.getSignInUserSession()),
    };
  }, poolData);
}

for (const backendName of ['emulator', 'ministack']) {
  for (const kind of ['username', 'email-as-username']) {
    describe(`storage interop (${backendName}, ${kind} pool)`, () => {
      // In the email-as-username pool users sign in with their email: Cognito's username is then the sub.
      const { backend, pool, poolData } = useBackend(backendName, kind === 'username'
        ? { poolName: 'interop' }
        : { poolName: 'interop-email', poolSettings: { UsernameAttributes: ['email'] } });
      let typed; // what the user types to sign in
      let srpId; // USER_ID_FOR_SRP: the username Cognito stores
      let oracleStored; // the JS SDK's storage after its sign-in

      /** pickUp found the user Cognito knows (USER_ID_FOR_SRP), once, with the session `signed` stored. */
      function assertPickedUp(got, signed) {
        assert.equal(got.user, srpId);
        assert.equal(got.count, 1);
        assert.equal(got.err, null);
        assert.equal(got.session.valid, true);
        assert.equal(got.session.idToken, signed.session.idToken);
        assert.equal(got.session.accessToken, signed.session.accessToken);
        assert.equal(got.session.refreshToken, signed.session.refreshToken);
        assert.equal(got.session.clockDrift, signed.session.clockDrift);
      }

      before(async () => {
        const name = uniqueName('interop');
        typed = kind === 'username' ? name : `${name}@example.com`;
        const su = await adminCall(backend.endpoint, 'SignUp', {
          ClientId: pool.ClientId, Username: typed, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }],
        });
        await adminCall(backend.endpoint, 'AdminConfirmSignUp', { UserPoolId: pool.UserPoolId, Username: typed });
        srpId = kind === 'username' ? typed : su.UserSub;
      });

      it('JS SDK signs in (load 1), ours gets the user and a valid session from storage with no request (load 2)', async () => {
        const page = await newTab();
        try {
          const requests = recordCognitoRequests(page, backend.endpoint);
          await load(page, 'oracle');
          const signed = await signIn(page, poolData, typed);
          assert.deepEqual(signed.calls, ['onSuccess'], 'oracle sign-in');
          assert.equal(signed.username, srpId, 'control: the SDK renames the user to USER_ID_FOR_SRP');
          oracleStored = signed.storage;

          const sent = requests.length;
          await load(page, 'script');
          const got = await pickUp(page, poolData);
          assertPickedUp(got, signed);
          assert.deepEqual(got.signInSession, got.session);
          assert.deepEqual(requests.slice(sent).map((r) => r.operation), [], 'no request for a valid stored session');
          assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror')), []);
        } finally {
          await page.context().close();
        }
      });

      it('ours signs in (load 1) writing exactly the SDK\'s keys; the JS SDK gets the same valid session with no request (load 2)', async () => {
        assert.ok(oracleStored, 'needs the JS SDK sign-in of the previous test');
        const page = await newTab();
        try {
          const requests = recordCognitoRequests(page, backend.endpoint);
          await load(page, 'script');
          const signed = await signIn(page, poolData, typed);
          assert.deepEqual(signed.calls, ['onSuccess'], 'our sign-in');
          assert.equal(signed.username, srpId, 'getUsername() is USER_ID_FOR_SRP after sign-in, as in the SDK');

          // Exactly the same keys as the JS SDK wrote for the same user and client.
          const prefix = `CognitoIdentityServiceProvider.${poolData.ClientId}`;
          const expected = [`${prefix}.LastAuthUser`, ...['accessToken', 'clockDrift', 'idToken', 'refreshToken'].map((k) => `${prefix}.${srpId}.${k}`)].sort();
          assert.deepEqual(cognitoKeys(oracleStored, poolData.ClientId), expected, 'control: the keys the SDK writes');
          assert.deepEqual(cognitoKeys(signed.storage, poolData.ClientId), expected);
          assert.deepEqual(Object.keys(signed.storage).sort(), Object.keys(oracleStored).sort(), 'nothing else in localStorage either');
          assert.equal(signed.storage[`${prefix}.LastAuthUser`], oracleStored[`${prefix}.LastAuthUser`]);
          for (const storage of [signed.storage, oracleStored]) assert.match(storage[`${prefix}.${srpId}.clockDrift`], /^-?\d+$/);
          assert.equal(signed.storage[`${prefix}.${srpId}.idToken`], signed.session.idToken);
          assert.equal(signed.storage[`${prefix}.${srpId}.accessToken`], signed.session.accessToken);
          assert.equal(signed.storage[`${prefix}.${srpId}.refreshToken`], signed.session.refreshToken);

          const sent = requests.length;
          await load(page, 'oracle');
          const got = await pickUp(page, poolData);
          assertPickedUp(got, signed);
          assert.deepEqual(requests.slice(sent).map((r) => r.operation), [], 'no request for a valid stored session');

          // And the JS SDK's signOut clears what ours wrote.
          const left = await page.evaluate((poolData) => {
            const pool = new AC.CognitoUserPool(poolData);
            pool.getCurrentUser().signOut();
            return Object.keys(harness.storageSnapshot());
          }, poolData);
          assert.deepEqual(left.filter((k) => k.startsWith(prefix)), []);
          assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror')), []);
        } finally {
          await page.context().close();
        }
      });
    });
  }
}
