// The whole user journey in headless Chromium, with the library loaded both ways (script
// tag global and ES module), against ministack and against the project's emulator: the
// same test body for all four. Sign-up, confirmation, SRP and password sign-in, tokens,
// the session surviving a reload, sign-out, wrong password; callback and Promise forms.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import {
  PASSWORD, cognitoKeys, createPoolAndClient, jwtPayload, recordCognitoRequests, waitReady, wrongCode,
} from '../support/e2e.mjs';
import { useBackend, useBrowserPages } from '../support/e2e-hooks.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN_KEYS = ['idToken', 'accessToken', 'refreshToken', 'clockDrift'];
const AUTH_CALLBACKS = ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup', 'selectMFAType'];

const { newPage } = useBrowserPages();

/** Password (and simple encodings of it) must not occur in `body`. */
function assertNoPassword(body, password, what) {
  for (const form of [password, JSON.stringify(password).slice(1, -1), Buffer.from(password).toString('base64'), Buffer.from(password).toString('hex')]) {
    assert.ok(!body.includes(form), `${what} contains the password (${form}): ${body}`);
  }
}

for (const backendName of ['ministack', 'emulator']) {
  describe(`user journey against ${backendName}`, () => {
    const { backend } = useBackend(backendName);

    for (const flavour of ['script', 'module']) {
      describe(`library loaded by ${flavour === 'script' ? 'script tag (global)' : 'ES module import'}`, () => {
        let pool;
        let poolData;
        let page;
        let requests;
        const alice = uniqueName('alice');
        const bob = uniqueName('bob');
        const aliceEmail = `${alice}@example.com`;
        const bobEmail = `${bob}@example.com`;
        let aliceSession;

        before(async () => {
          pool = await createPoolAndClient(backend.endpoint, { poolName: uniqueName('e2e') });
          poolData = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint };
          page = await newPage({ page: flavour });
          requests = recordCognitoRequests(page, backend.endpoint);
          const how = await page.evaluate(() => ({ flavour: window.__flavour, globalDefined: window.__globalDefined }));
          assert.equal(how.flavour, flavour);
          if (flavour === 'module') assert.equal(how.globalDefined, false, 'the ES module entry must not define a global');
        });
        after(async () => {
          await page?.context().close();
        });

        it('signUp, callback form: (null, { user, userConfirmed: false, userSub, codeDeliveryDetails }) once', async () => {
          const out = await page.evaluate(async ({ poolData, username, password, email }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const attrs = [new AC.CognitoUserAttribute({ Name: 'email', Value: email })];
            const { calls, returned, thrown } = await harness.nodeCallback((cb) => pool.signUp(username, password, attrs, null, cb));
            const r = calls[0] && calls[0].result;
            return {
              count: calls.length,
              thrown,
              returnedPromise: harness.isPromise(returned),
              err: harness.errInfo(calls[0] && calls[0].err),
              keys: r ? Object.keys(r).sort() : null,
              userIsCognitoUser: !!r && r.user instanceof AC.CognitoUser,
              username: r && r.user.getUsername(),
              userConfirmed: r && r.userConfirmed,
              userSub: r && r.userSub,
              codeDeliveryDetails: r && r.codeDeliveryDetails,
            };
          }, { poolData, username: alice, password: PASSWORD, email: aliceEmail });
          assert.equal(out.thrown, undefined);
          assert.equal(out.count, 1, 'callback called exactly once');
          assert.equal(out.err, null, `no error expected: ${JSON.stringify(out.err)}`);
          assert.equal(out.returnedPromise, false, 'with a callback, signUp does not return a Promise');
          assert.deepEqual(out.keys, ['codeDeliveryDetails', 'user', 'userConfirmed', 'userSub']);
          assert.equal(out.userIsCognitoUser, true);
          assert.equal(out.username, alice);
          assert.equal(out.userConfirmed, false);
          assert.match(out.userSub, UUID);
          assert.equal(out.codeDeliveryDetails.AttributeName, 'email');
          assert.equal(out.codeDeliveryDetails.DeliveryMedium, 'EMAIL');
          assert.equal(typeof out.codeDeliveryDetails.Destination, 'string');
          const signUps = requests.filter((r) => r.operation === 'SignUp');
          assert.equal(signUps.length, 1);
          assert.equal(signUps[0].json.Username, alice);
          assert.equal(signUps[0].json.ClientId, pool.ClientId);
        });

        it('signUp, Promise form resolves with the same shape', async () => {
          const out = await page.evaluate(async ({ poolData, username, password, email }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const p = pool.signUp(username, password, [new AC.CognitoUserAttribute({ Name: 'email', Value: email })], null);
            const isPromise = harness.isPromise(p);
            const r = await p;
            return {
              isPromise,
              keys: Object.keys(r).sort(),
              userIsCognitoUser: r.user instanceof AC.CognitoUser,
              username: r.user.getUsername(),
              userConfirmed: r.userConfirmed,
              userSub: r.userSub,
              codeDeliveryDetails: r.codeDeliveryDetails,
            };
          }, { poolData, username: bob, password: PASSWORD, email: bobEmail });
          assert.equal(out.isPromise, true);
          assert.deepEqual(out.keys, ['codeDeliveryDetails', 'user', 'userConfirmed', 'userSub']);
          assert.equal(out.userIsCognitoUser, true);
          assert.equal(out.username, bob);
          assert.equal(out.userConfirmed, false);
          assert.match(out.userSub, UUID);
          assert.equal(out.codeDeliveryDetails.DeliveryMedium, 'EMAIL');
        });

        it('confirmRegistration with a wrong code → CodeMismatchException (callback once, and Promise rejects)', async () => {
          const bad = wrongCode(await backend.signUpCode(pool, alice));
          const badBob = wrongCode(await backend.signUpCode(pool, bob));
          const out = await page.evaluate(async ({ poolData, alice, bob, bad, badBob }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const a = new AC.CognitoUser({ Username: alice, Pool: pool });
            const cb = await harness.nodeCallback((done) => a.confirmRegistration(bad, true, done));
            const b = new AC.CognitoUser({ Username: bob, Pool: pool });
            const p = await harness.settle(b.confirmRegistration(badBob, true));
            return {
              count: cb.calls.length,
              thrown: cb.thrown,
              err: harness.errInfo(cb.calls[0] && cb.calls[0].err),
              result: cb.calls[0] && cb.calls[0].result,
              promiseOk: p.ok,
              promiseErr: harness.errInfo(p.error),
            };
          }, { poolData, alice, bob, bad, badBob });
          assert.equal(out.thrown, undefined);
          assert.equal(out.count, 1);
          assert.equal(out.result, null, 'the SDK calls callback(err, null)');
          for (const err of [out.err, out.promiseErr]) {
            assert.equal(err.isError, true, 'an Error instance');
            assert.equal(err.code, 'CodeMismatchException');
            assert.equal(err.name, 'CodeMismatchException');
            assert.equal(err.statusCode, 400);
            assert.equal(typeof err.message, 'string');
            assert.ok(err.message.length > 0);
          }
          assert.equal(out.promiseOk, false);
        });

        it("confirmRegistration with the right code → 'SUCCESS' (callback and Promise)", async () => {
          const codeA = await backend.signUpCode(pool, alice);
          const codeB = await backend.signUpCode(pool, bob);
          const out = await page.evaluate(async ({ poolData, alice, bob, codeA, codeB }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const a = new AC.CognitoUser({ Username: alice, Pool: pool });
            const cb = await harness.nodeCallback((done) => a.confirmRegistration(codeA, true, done));
            const b = new AC.CognitoUser({ Username: bob, Pool: pool });
            const p = await harness.settle(b.confirmRegistration(codeB, true));
            return {
              count: cb.calls.length,
              err: harness.errInfo(cb.calls[0] && cb.calls[0].err),
              result: cb.calls[0] && cb.calls[0].result,
              promise: p.ok ? p.value : harness.errInfo(p.error),
            };
          }, { poolData, alice, bob, codeA, codeB });
          assert.equal(out.count, 1);
          assert.equal(out.err, null);
          assert.equal(out.result, 'SUCCESS');
          assert.equal(out.promise, 'SUCCESS');
        });

        it('authenticateUser (USER_SRP_AUTH by default) → onSuccess once with this === callback; tokens decode; storage written', async () => {
          const before = requests.length;
          const out = await page.evaluate(async ({ poolData, username, password, names }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const user = new AC.CognitoUser({ Username: username, Pool: pool });
            const flow = user.getAuthenticationFlowType();
            const details = new AC.AuthenticationDetails({ Username: username, Password: password });
            const { calls, returned, thrown } = await harness.callbacks(names, (cb) => user.authenticateUser(details, cb));
            const s = calls[0] && calls[0].name === 'onSuccess' ? calls[0].args[0] : null;
            const storage = harness.storageSnapshot();
            return {
              flow,
              thrown,
              returnedPromise: harness.isPromise(returned),
              calls: calls.map((c) => ({ name: c.name, thisIsCallback: c.thisIsCallback, err: c.name === 'onFailure' ? harness.errInfo(c.args[0]) : undefined })),
              session: harness.sessionInfo(s),
              isSessionClass: !!s && s instanceof AC.CognitoUserSession,
              idUsername: s && s.getIdToken().payload['cognito:username'],
              idPayload: s && s.getIdToken().decodePayload(),
              accessPayload: s && s.getAccessToken().decodePayload(),
              accessUsername: s && s.getAccessToken().payload.username,
              idExp: s && s.getIdToken().getExpiration(),
              idIat: s && s.getIdToken().getIssuedAt(),
              signInSession: harness.sessionInfo(user.getSignInUserSession()),
              username: user.getUsername(),
              storage,
            };
          }, { poolData, username: alice, password: PASSWORD, names: AUTH_CALLBACKS });
          assert.equal(out.flow, 'USER_SRP_AUTH');
          assert.equal(out.thrown, undefined);
          assert.deepEqual(out.calls.map((c) => c.name), ['onSuccess'], `calls: ${JSON.stringify(out.calls)}`);
          assert.equal(out.calls[0].thisIsCallback, true, 'onSuccess is called as a method of the callback object');
          assert.equal(out.returnedPromise, false, 'with a callback object, authenticateUser does not return a Promise');
          assert.equal(out.isSessionClass, true);
          assert.equal(out.session.valid, true);
          assert.equal(out.idUsername, alice);
          assert.equal(out.idPayload.email, aliceEmail);
          assert.deepEqual(out.idPayload, jwtPayload(out.session.idToken), 'decodePayload() is the JWT payload');
          assert.deepEqual(out.accessPayload, jwtPayload(out.session.accessToken));
          assert.equal(out.accessUsername, alice);
          assert.equal(out.idExp, out.idPayload.exp);
          assert.equal(out.idIat, out.idPayload.iat);
          assert.deepEqual(out.signInSession, out.session, 'getSignInUserSession() is the new session');
          assert.equal(out.username, alice);
          aliceSession = out.session;

          // The wire: SRP, and the password never leaves the page.
          const sent = requests.slice(before);
          assert.deepEqual(sent.map((r) => r.operation), ['InitiateAuth', 'RespondToAuthChallenge']);
          assert.equal(sent[0].json.AuthFlow, 'USER_SRP_AUTH');
          assert.equal(sent[0].json.AuthParameters.USERNAME, alice);
          assert.match(sent[0].json.AuthParameters.SRP_A, /^[0-9a-f]+$/);
          assert.equal(sent[1].json.ChallengeName, 'PASSWORD_VERIFIER');
          for (const r of sent) assertNoPassword(r.body, PASSWORD, r.operation);

          // Storage, under the SDK's keys.
          const prefix = `CognitoIdentityServiceProvider.${pool.ClientId}`;
          assert.equal(out.storage[`${prefix}.LastAuthUser`], alice);
          assert.equal(out.storage[`${prefix}.${alice}.idToken`], out.session.idToken);
          assert.equal(out.storage[`${prefix}.${alice}.accessToken`], out.session.accessToken);
          assert.equal(out.storage[`${prefix}.${alice}.refreshToken`], out.session.refreshToken);
          assert.match(out.storage[`${prefix}.${alice}.clockDrift`], /^-?\d+$/);
          assert.deepEqual(cognitoKeys(out.storage, pool.ClientId), [
            `${prefix}.${alice}.accessToken`, `${prefix}.${alice}.clockDrift`, `${prefix}.${alice}.idToken`,
            `${prefix}.${alice}.refreshToken`, `${prefix}.LastAuthUser`,
          ].sort());
        });

        it('after page.reload(): getCurrentUser() + getSession() (callback and Promise) give the stored, valid session with no request', async () => {
          assert.ok(aliceSession, 'needs the sign-in step');
          await page.reload();
          await waitReady(page);
          const before = requests.length;
          const out = await page.evaluate(async (poolData) => {
            const pool = new AC.CognitoUserPool(poolData);
            const current = pool.getCurrentUser();
            if (!current) return { current: null };
            const cb = await harness.nodeCallback((done) => current.getSession(done));
            const s = cb.calls[0] && cb.calls[0].result;
            const again = pool.getCurrentUser();
            const p = again.getSession();
            const isPromise = harness.isPromise(p);
            const settled = await harness.settle(p);
            return {
              current: current.getUsername(),
              isCognitoUser: current instanceof AC.CognitoUser,
              count: cb.calls.length,
              thrown: cb.thrown,
              err: harness.errInfo(cb.calls[0] && cb.calls[0].err),
              session: harness.sessionInfo(s),
              idUsername: s && s.getIdToken().payload['cognito:username'],
              isPromise,
              promiseSession: settled.ok ? harness.sessionInfo(settled.value) : null,
              promiseErr: settled.ok ? null : harness.errInfo(settled.error),
            };
          }, poolData);
          assert.equal(out.current, alice);
          assert.equal(out.isCognitoUser, true);
          assert.equal(out.thrown, undefined);
          assert.equal(out.count, 1);
          assert.equal(out.err, null);
          assert.equal(out.session.valid, true);
          assert.equal(out.session.idToken, aliceSession.idToken);
          assert.equal(out.session.accessToken, aliceSession.accessToken);
          assert.equal(out.session.refreshToken, aliceSession.refreshToken);
          assert.equal(out.session.clockDrift, aliceSession.clockDrift);
          assert.equal(out.idUsername, alice);
          assert.equal(out.isPromise, true);
          assert.equal(out.promiseErr, null);
          assert.deepEqual(out.promiseSession, out.session);
          assert.deepEqual(requests.slice(before).map((r) => r.operation), [], 'a valid stored session needs no request');
        });

        it('signOut() → getCurrentUser() is null and the tokens and LastAuthUser are gone (also after a reload)', async () => {
          const out = await page.evaluate(async (poolData) => {
            const pool = new AC.CognitoUserPool(poolData);
            const current = pool.getCurrentUser();
            const beforeKeys = Object.keys(harness.storageSnapshot());
            const returned = current.signOut();
            const afterSync = pool.getCurrentUser();
            const keysSync = Object.keys(harness.storageSnapshot());
            if (harness.isPromise(returned)) await harness.settle(returned);
            return { beforeKeys, afterSync, keysSync, afterAll: pool.getCurrentUser(), keys: Object.keys(harness.storageSnapshot()) };
          }, poolData);
          assert.ok(cognitoKeys(Object.fromEntries(out.beforeKeys.map((k) => [k, 1])), pool.ClientId).length >= 5);
          assert.equal(out.afterSync, null, 'signOut() clears the current user at once');
          assert.deepEqual(cognitoKeys(Object.fromEntries(out.keysSync.map((k) => [k, 1])), pool.ClientId), []);
          assert.equal(out.afterAll, null);
          assert.deepEqual(cognitoKeys(Object.fromEntries(out.keys.map((k) => [k, 1])), pool.ClientId), []);
          await page.reload();
          await waitReady(page);
          const later = await page.evaluate((poolData) => new AC.CognitoUserPool(poolData).getCurrentUser(), poolData);
          assert.equal(later, null);
        });

        it('wrong password → onFailure once (this === callback) with NotAuthorizedException; the Promise form rejects with it', async () => {
          const out = await page.evaluate(async ({ poolData, username, names }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const user = new AC.CognitoUser({ Username: username, Pool: pool });
            const details = new AC.AuthenticationDetails({ Username: username, Password: 'Wr0ng-Password!' });
            const cb = await harness.callbacks(names, (c) => user.authenticateUser(details, c));
            const p = user.authenticateUser(details);
            const isPromise = harness.isPromise(p);
            const settled = await harness.settle(p);
            return {
              calls: cb.calls.map((c) => ({ name: c.name, thisIsCallback: c.thisIsCallback, err: harness.errInfo(c.args[0]) })),
              thrown: cb.thrown,
              isPromise,
              promiseOk: settled.ok,
              promiseErr: harness.errInfo(settled.error),
              current: pool.getCurrentUser(),
            };
          }, { poolData, username: alice, names: AUTH_CALLBACKS });
          assert.equal(out.thrown, undefined);
          assert.deepEqual(out.calls.map((c) => c.name), ['onFailure']);
          assert.equal(out.calls[0].thisIsCallback, true);
          assert.equal(out.isPromise, true);
          assert.equal(out.promiseOk, false);
          for (const err of [out.calls[0].err, out.promiseErr]) {
            assert.equal(err.isError, true);
            assert.equal(err.code, 'NotAuthorizedException');
            assert.equal(err.name, 'NotAuthorizedException');
            assert.equal(err.statusCode, 400);
            assert.equal(typeof err.message, 'string');
          }
          assert.equal(out.current, null, 'a failed sign-in stores nothing');
        });

        it('authenticateUser, Promise form (SRP) resolves with the session', async () => {
          const out = await page.evaluate(async ({ poolData, username, password }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const user = new AC.CognitoUser({ Username: username, Pool: pool });
            const s = await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
            return { session: harness.sessionInfo(s), idUsername: s.getIdToken().payload['cognito:username'], current: pool.getCurrentUser().getUsername() };
          }, { poolData, username: bob, password: PASSWORD });
          assert.equal(out.session.valid, true);
          assert.equal(out.idUsername, bob);
          assert.equal(out.current, bob);
        });

        it('USER_PASSWORD_AUTH via setAuthenticationFlowType: one InitiateAuth, onSuccess once', async () => {
          const before = requests.length;
          const out = await page.evaluate(async ({ poolData, username, password, names }) => {
            const pool = new AC.CognitoUserPool(poolData);
            const user = new AC.CognitoUser({ Username: username, Pool: pool });
            user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
            const flow = user.getAuthenticationFlowType();
            const details = new AC.AuthenticationDetails({ Username: username, Password: password });
            const { calls, thrown } = await harness.callbacks(names, (cb) => user.authenticateUser(details, cb));
            const s = calls[0] && calls[0].name === 'onSuccess' ? calls[0].args[0] : null;
            return {
              flow,
              thrown,
              calls: calls.map((c) => ({ name: c.name, thisIsCallback: c.thisIsCallback, err: c.name === 'onFailure' ? harness.errInfo(c.args[0]) : undefined })),
              session: harness.sessionInfo(s),
              idUsername: s && s.getIdToken().payload['cognito:username'],
              email: s && s.getIdToken().decodePayload().email,
              current: pool.getCurrentUser() && pool.getCurrentUser().getUsername(),
            };
          }, { poolData, username: bob, password: PASSWORD, names: AUTH_CALLBACKS });
          assert.equal(out.flow, 'USER_PASSWORD_AUTH');
          assert.equal(out.thrown, undefined);
          assert.deepEqual(out.calls.map((c) => c.name), ['onSuccess'], JSON.stringify(out.calls));
          assert.equal(out.calls[0].thisIsCallback, true);
          assert.equal(out.session.valid, true);
          assert.equal(out.idUsername, bob);
          assert.equal(out.email, bobEmail);
          assert.equal(out.current, bob);
          const sent = requests.slice(before);
          assert.deepEqual(sent.map((r) => r.operation), ['InitiateAuth']);
          assert.equal(sent[0].json.AuthFlow, 'USER_PASSWORD_AUTH');
          assert.equal(sent[0].json.AuthParameters.USERNAME, bob);
          assert.equal(sent[0].json.AuthParameters.PASSWORD, PASSWORD);
        });

        it('no uncaught page errors', () => {
          const errors = page.consoleLines.filter((l) => l.startsWith('pageerror:'));
          assert.deepEqual(errors, []);
        });
      });
    }
  });
}
