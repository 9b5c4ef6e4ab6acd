// Account management end to end: headless Chromium, the library loaded by script tag,
// against the project's strict emulator. Every account operation is called the way the JS
// SDK's README writes it (callback form; `this` where the README passes it on) and in
// Promise form, and its real effect is checked through the emulator: attributes,
// verification codes, passwords, MFA settings, deletion, sign-out (local and global,
// with revocation). Without an in-memory session each one fails with
// 'User is not authenticated' and sends nothing.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import {
  adminCall, cognitoCall, passwordSignIn, recordCognitoRequests, refreshFromNode, signUpConfirmed, waitReady,
} from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const NEW_PASSWORD = 'N3w-Battery-Staple!';
const NOT_AUTHENTICATED = { isError: true, code: 'UserUnAuthenticatedException', name: 'UserUnAuthenticatedException', message: 'User is not authenticated', statusCode: undefined };

const { backend, pool, poolData, newPage, setUp } = useBackendPages('emulator', { poolName: 'account' });
let page;
let requests;

/** In-page helpers (window.t), installed before the page's own scripts on every load. */
function pageHelpers() {
  window.t = {
    /** Signs in over SRP (Promise form) and returns the CognitoUser, which then has a session. */
    async signIn(poolData, username, password) {
      const pool = new AC.CognitoUserPool(poolData);
      const user = new AC.CognitoUser({ Username: username, Pool: pool });
      await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
      return user;
    },
    /**
     * Empties localStorage, so that only this test's users are in it, and signs `user` in:
     * { pool, prefix (of the client's keys), cognitoUser }.
     */
    async signInAlone(poolData, user) {
      const pool = new AC.CognitoUserPool(poolData);
      localStorage.clear();
      const prefix = `CognitoIdentityServiceProvider.${poolData.ClientId}.`;
      const cognitoUser = await t.signIn(poolData, user.username, user.password);
      return { pool, prefix, cognitoUser };
    },
    /** The README's way back to a user after a reload: getCurrentUser() then getSession(cb). */
    currentUserWithSession(poolData) {
      return new Promise((resolve, reject) => {
        const cognitoUser = new AC.CognitoUserPool(poolData).getCurrentUser();
        if (!cognitoUser) return reject(new Error('no current user'));
        cognitoUser.getSession(function (err, session) {
          if (err) return reject(err);
          resolve({ cognitoUser, session });
        });
      });
    },
    /** CognitoUserAttribute[] → { name: value }. */
    attrs(list) {
      return Object.fromEntries(list.map((a) => [a.getName(), a.getValue()]));
    },
    userDataKey(poolData, username) {
      return `CognitoIdentityServiceProvider.${poolData.ClientId}.${username}.userData`;
    },
  };
}

const openAccountPage = () => newPage({ init: pageHelpers });

/** A confirmed user (email verified) with a phone number. */
async function newUser(prefix, attributes = {}) {
  return signUpConfirmed(backend, pool, uniqueName(prefix), { attributes: { phone_number: '+15555550123', ...attributes } });
}

const opsSince = (n) => requests.slice(n).map((r) => r.operation);
const adminGetUser = (username) => adminCall(backend.endpoint, 'AdminGetUser', { UserPoolId: pool.UserPoolId, Username: username });
const attrMap = (list) => Object.fromEntries(list.map(({ Name, Value }) => [Name, Value]));

setUp(async () => {
  page = await openAccountPage();
  requests = recordCognitoRequests(page, backend.endpoint);
});

describe('without an in-memory session', () => {
  it("every account method fails once with 'User is not authenticated' (callback and Promise) and sends nothing, even with a stored session", async () => {
    const u = await newUser('nosession');
    const out = await page.evaluate(async ({ poolData, u }) => {
      // A stored, valid session exists, but these user objects never loaded it (no getSession).
      await t.signIn(poolData, u.username, u.password);
      const pool = new AC.CognitoUserPool(poolData);
      const users = [() => new AC.CognitoUser({ Username: u.username, Pool: pool }), () => pool.getCurrentUser(), () => new AC.CognitoUser({ Username: 'nobody', Pool: pool })];
      const attr = new AC.CognitoUserAttribute({ Name: 'nickname', Value: 'joe' });
      const NODE = {
        getUserAttributes: (x, cb) => x.getUserAttributes(cb),
        getUserData: (x, cb) => x.getUserData(cb),
        getUserDataBypass: (x, cb) => x.getUserData(cb, { bypassCache: true }),
        updateAttributes: (x, cb) => x.updateAttributes([attr], cb),
        deleteAttributes: (x, cb) => x.deleteAttributes(['nickname'], cb),
        changePassword: (x, cb) => x.changePassword(u.password, 'An0ther-Passw0rd!', cb),
        deleteUser: (x, cb) => x.deleteUser(cb),
        enableMFA: (x, cb) => x.enableMFA(cb),
        disableMFA: (x, cb) => x.disableMFA(cb),
        getMFAOptions: (x, cb) => x.getMFAOptions(cb),
        setUserMfaPreference: (x, cb) => x.setUserMfaPreference({ PreferredMfa: true, Enabled: true }, null, cb),
      };
      const METHODS = {
        getAttributeVerificationCode: (x, cb) => x.getAttributeVerificationCode('email', cb),
        verifyAttribute: (x, cb) => x.verifyAttribute('email', '123456', cb),
        globalSignOut: (x, cb) => x.globalSignOut(cb),
      };
      const out = [];
      for (const make of users) {
        for (const [name, call] of Object.entries(NODE)) {
          const cb = await harness.nodeCallback((done) => call(make(), done), { settleMs: 30, timeoutMs: 3000 });
          const p = await harness.settle(call(make(), undefined));
          out.push({
            name, form: 'node', count: cb.calls.length, thrown: cb.thrown, returned: cb.returned,
            err: harness.errInfo(cb.calls[0] && cb.calls[0].err), result: cb.calls[0] && cb.calls[0].result,
            promiseOk: p.ok, promiseErr: harness.errInfo(p.error),
          });
        }
        for (const [name, call] of Object.entries(METHODS)) {
          const cb = await harness.callbacks(['onSuccess', 'onFailure', 'inputVerificationCode'], (c) => call(make(), c), { settleMs: 30, timeoutMs: 3000 });
          const p = await harness.settle(call(make(), undefined));
          out.push({
            name, form: 'methods', calls: cb.calls.map((c) => c.name), thisIsCallback: cb.calls[0] && cb.calls[0].thisIsCallback,
            thrown: cb.thrown, err: harness.errInfo(cb.calls[0] && cb.calls[0].args[0]), promiseOk: p.ok, promiseErr: harness.errInfo(p.error),
          });
        }
      }
      return out;
    }, { poolData, u });
    // The sign-in above sent InitiateAuth + RespondToAuthChallenge; nothing after it.
    assert.deepEqual(requests.map((r) => r.operation), ['InitiateAuth', 'RespondToAuthChallenge'], 'no request without a session');
    assert.equal(out.length, 3 * 14);
    for (const r of out) {
      const what = `${r.name} (${r.form})`;
      assert.equal(r.thrown, undefined, `${what} threw`);
      if (r.form === 'node') {
        assert.equal(r.count, 1, `${what}: callback once`);
        assert.equal(r.result ?? null, null, `${what}: no result`);
      } else {
        assert.deepEqual(r.calls, ['onFailure'], what);
        assert.equal(r.thisIsCallback, true, `${what}: this === callback`);
      }
      assert.deepEqual(r.err, NOT_AUTHENTICATED, what);
      assert.equal(r.promiseOk, false, `${what}: the Promise rejects`);
      assert.deepEqual(r.promiseErr, NOT_AUTHENTICATED, `${what} (Promise)`);
    }
  });
});

describe('attributes and user data', () => {
  let u;
  before(async () => {
    u = await newUser('attrs', { given_name: 'Alice' });
    await page.evaluate(({ poolData, u }) => t.signIn(poolData, u.username, u.password), { poolData, u });
    await page.reload(); // from here on, as the README does: getCurrentUser() + getSession()
    await waitReady(page);
  });

  it('getUserAttributes (README use case 16 + 5): CognitoUserAttribute list, once; the Promise form gives the same', async () => {
    const out = await page.evaluate(async (poolData) => {
      const pool = new AC.CognitoUserPool(poolData);
      const cognitoUser = pool.getCurrentUser();
      const viaCallback = await new Promise((resolve) => {
        let calls = 0;
        cognitoUser.getSession(function (err, session) {
          if (err) return resolve({ sessionErr: harness.errInfo(err) });
          const valid = session.isValid();
          // NOTE: getSession must be called to authenticate user before calling getUserAttributes
          cognitoUser.getUserAttributes(function (err, result) {
            calls++;
            if (err) return resolve({ err: harness.errInfo(err) });
            const lines = [];
            for (let i = 0; i < result.length; i++) {
              lines.push('attribute ' + result[i].getName() + ' has value ' + result[i].getValue());
            }
            setTimeout(() => resolve({ valid, calls, isArray: Array.isArray(result), allAttributes: result.every((a) => a instanceof AC.CognitoUserAttribute), lines, attrs: t.attrs(result) }), 200);
          });
        });
      });
      const p = cognitoUser.getUserAttributes();
      const isPromise = harness.isPromise(p);
      const list = await p;
      return { ...viaCallback, isPromise, promiseAttrs: t.attrs(list), promiseAllAttributes: list.every((a) => a instanceof AC.CognitoUserAttribute) };
    }, poolData);
    assert.equal(out.err, undefined, JSON.stringify(out.err));
    assert.equal(out.valid, true);
    assert.equal(out.calls, 1);
    assert.equal(out.isArray, true);
    assert.equal(out.allAttributes, true);
    assert.equal(out.attrs.email, u.email);
    assert.equal(out.attrs.email_verified, 'true');
    assert.equal(out.attrs.given_name, 'Alice');
    assert.equal(out.attrs.phone_number, '+15555550123');
    assert.equal(out.attrs.sub, u.sub);
    assert.ok(out.lines.includes(`attribute email has value ${u.email}`));
    assert.equal(out.isPromise, true);
    assert.deepEqual(out.promiseAttrs, out.attrs);
    assert.equal(out.promiseAllAttributes, true);
    const server = attrMap((await adminGetUser(u.username)).UserAttributes);
    assert.deepEqual(out.attrs, server, 'what GetUser says');
  });

  it('getUserData (README use case 31): cached under the userData key, served from the cache, bypassCache fetches again', async () => {
    // Changes the server's copy behind the library's back, so a stale cache is visible.
    const out1 = await page.evaluate(async (poolData) => {
      const { cognitoUser, session } = await t.currentUserWithSession(poolData);
      const key = t.userDataKey(poolData, cognitoUser.getUsername());
      localStorage.removeItem(key);
      const first = await harness.nodeCallback((cb) => cognitoUser.getUserData(cb));
      return {
        count: first.calls.length, err: harness.errInfo(first.calls[0].err), data: first.calls[0].result,
        cached: localStorage.getItem(key), accessToken: session.getAccessToken().getJwtToken(),
      };
    }, poolData);
    assert.equal(out1.count, 1);
    assert.equal(out1.err, null);
    assert.equal(out1.data.Username, u.username);
    assert.equal(attrMap(out1.data.UserAttributes).given_name, 'Alice');
    assert.deepEqual(JSON.parse(out1.cached), out1.data, 'the answer is cached under the SDK key');

    const changed = await cognitoCall(backend.endpoint, 'UpdateUserAttributes', { AccessToken: out1.accessToken, UserAttributes: [{ Name: 'given_name', Value: 'Alicia' }] });
    assert.equal(changed.ok, true, JSON.stringify(changed.data));

    const mark = requests.length;
    const out2 = await page.evaluate(async (poolData) => {
      const { cognitoUser } = await t.currentUserWithSession(poolData);
      const key = t.userDataKey(poolData, cognitoUser.getUsername());
      const cached = await harness.nodeCallback((cb) => cognitoUser.getUserData(cb));
      const cachedPromise = await cognitoUser.getUserData();
      const beforeBypass = performance.now();
      const fresh = await harness.nodeCallback((cb) => cognitoUser.getUserData(cb, { bypassCache: true }));
      const freshPromise = await cognitoUser.getUserData(undefined, { bypassCache: true });
      return {
        cached: cached.calls[0].result, cachedPromise, fresh: fresh.calls[0].result, freshErr: harness.errInfo(fresh.calls[0].err),
        freshCount: fresh.calls.length, freshPromise, stored: JSON.parse(localStorage.getItem(key)), tookMs: performance.now() - beforeBypass,
      };
    }, poolData);
    const ops = opsSince(mark);
    assert.equal(attrMap(out2.cached.UserAttributes).given_name, 'Alice', 'served from the cache (stale on purpose)');
    assert.equal(attrMap(out2.cachedPromise.UserAttributes).given_name, 'Alice');
    assert.equal(ops.indexOf('GetUser') >= 0, true, 'bypassCache sends GetUser');
    assert.equal(ops.filter((o) => o === 'GetUser').length, 2, `only the two bypassCache calls reach the server: ${ops}`);
    assert.equal(out2.freshErr, null);
    assert.equal(out2.freshCount, 1);
    assert.equal(attrMap(out2.fresh.UserAttributes).given_name, 'Alicia');
    assert.equal(attrMap(out2.freshPromise.UserAttributes).given_name, 'Alicia');
    assert.equal(attrMap(out2.stored.UserAttributes).given_name, 'Alicia', 'the cache is refreshed');
  });

  it("updateAttributes (README use case 8): callback(null, 'SUCCESS', details) once; the new value comes back and the cached userData is refreshed", async () => {
    const out = await page.evaluate(async (poolData) => {
      const { cognitoUser } = await t.currentUserWithSession(poolData);
      const key = t.userDataKey(poolData, cognitoUser.getUsername());
      await cognitoUser.getUserData(); // make sure a cache exists
      const attributeList = [];
      let attribute = { Name: 'nickname', Value: 'joe' };
      attribute = new AC.CognitoUserAttribute(attribute);
      attributeList.push(attribute);
      const cb = await new Promise((resolve) => {
        const calls = [];
        cognitoUser.updateAttributes(attributeList, function (err, result, details) {
          calls.push({ err: harness.errInfo(err), result, details, argc: arguments.length });
          setTimeout(() => resolve(calls), 200);
        });
      });
      const after = t.attrs(await cognitoUser.getUserAttributes());
      const cached = JSON.parse(localStorage.getItem(key));
      return { cb, after, cached };
    }, poolData);
    assert.equal(out.cb.length, 1, 'callback once');
    assert.equal(out.cb[0].err, null);
    assert.equal(out.cb[0].result, 'SUCCESS');
    assert.deepEqual(out.cb[0].details, {}, 'no code for a nickname: UpdateUserAttributes answered {}');
    assert.equal(out.after.nickname, 'joe');
    assert.equal(attrMap(out.cached.UserAttributes).nickname, 'joe', 'cached userData refreshed');
    assert.equal(attrMap((await adminGetUser(u.username)).UserAttributes).nickname, 'joe');
  });

  it("updateAttributes, Promise form: a new email resolves 'SUCCESS', goes in unverified and a code is sent", async () => {
    const newEmail = `new.${u.username}@example.com`;
    const out = await page.evaluate(async ({ poolData, newEmail }) => {
      const { cognitoUser } = await t.currentUserWithSession(poolData);
      const key = t.userDataKey(poolData, cognitoUser.getUsername());
      const p = cognitoUser.updateAttributes([new AC.CognitoUserAttribute({ Name: 'email', Value: newEmail })]);
      const isPromise = harness.isPromise(p);
      const value = await p;
      return { isPromise, value, after: t.attrs(await cognitoUser.getUserAttributes()), cached: attrsOf(JSON.parse(localStorage.getItem(key))) };
      function attrsOf(d) {
        return Object.fromEntries(d.UserAttributes.map((a) => [a.Name, a.Value]));
      }
    }, { poolData, newEmail });
    assert.equal(out.isPromise, true);
    assert.equal(out.value, 'SUCCESS');
    assert.equal(out.after.email, newEmail);
    assert.equal(out.after.email_verified, 'false');
    assert.equal(out.cached.email, newEmail);
    assert.match((await backend.codes(pool, u.username))['attribute:email'], /^\d{6}$/);
  });

  it("getAttributeVerificationCode + verifyAttribute (README use case 6, verifyAttribute(..., this)): onSuccess('SUCCESS') once and email_verified flips to true", async () => {
    const out = await page.evaluate(async ({ poolData, codesUrl }) => {
      const { cognitoUser } = await t.currentUserWithSession(poolData);
      const before = t.attrs(await cognitoUser.getUserAttributes()).email_verified;
      const calls = [];
      await new Promise((resolve) => {
        const cb = {
          onSuccess: function (result) {
            calls.push({ name: 'onSuccess', result, thisIsCallback: this === cb });
            setTimeout(resolve, 200);
          },
          onFailure: function (err) {
            calls.push({ name: 'onFailure', err: harness.errInfo(err), thisIsCallback: this === cb });
            setTimeout(resolve, 200);
          },
          inputVerificationCode: function (data) {
            calls.push({ name: 'inputVerificationCode', data, thisIsCallback: this === cb });
            // The README prompts for the code; here the emulator hands it over.
            harness.fetchJson(codesUrl).then((codes) => {
              const verificationCode = codes['attribute:email'];
              cognitoUser.verifyAttribute('email', verificationCode, this);
            });
          },
        };
        cognitoUser.getAttributeVerificationCode('email', cb);
      });
      const after = t.attrs(await cognitoUser.getUserAttributes()).email_verified;
      return { before, calls, after };
    }, { poolData, codesUrl: `${backend.endpoint}/_test/codes?userPoolId=${pool.UserPoolId}&username=${u.username}` });
    assert.equal(out.before, 'false');
    assert.deepEqual(out.calls.map((c) => c.name), ['inputVerificationCode', 'onSuccess'], JSON.stringify(out.calls));
    assert.ok(out.calls.every((c) => c.thisIsCallback), 'this === the callback object');
    assert.equal(out.calls[0].data.CodeDeliveryDetails.AttributeName, 'email');
    assert.equal(out.calls[0].data.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.equal(out.calls[1].result, 'SUCCESS');
    assert.equal(out.after, 'true');
    assert.equal(attrMap((await adminGetUser(u.username)).UserAttributes).email_verified, 'true');
  });

  it('getAttributeVerificationCode without inputVerificationCode → onSuccess(\'SUCCESS\'); Promise forms resolve (details, then \'SUCCESS\'); a wrong code → CodeMismatchException', async () => {
    const newEmail = `third.${u.username}@example.com`;
    const out = await page.evaluate(async ({ poolData, newEmail, codesUrl }) => {
      const { cognitoUser } = await t.currentUserWithSession(poolData);
      await cognitoUser.updateAttributes([new AC.CognitoUserAttribute({ Name: 'email', Value: newEmail })]);
      const noInput = await harness.callbacks(['onSuccess', 'onFailure'], (cb) => cognitoUser.getAttributeVerificationCode('email', cb));
      const p = cognitoUser.getAttributeVerificationCode('email');
      const isPromise = harness.isPromise(p);
      const details = await p;
      const code = (await harness.fetchJson(codesUrl))['attribute:email'];
      const wrong = await harness.settle(cognitoUser.verifyAttribute('email', code === '000000' ? '111111' : '000000'));
      const wrongCb = await harness.callbacks(['onSuccess', 'onFailure'], (cb) => cognitoUser.verifyAttribute('email', code === '000000' ? '111111' : '000000', cb));
      const stillFalse = t.attrs(await cognitoUser.getUserAttributes()).email_verified;
      const right = await harness.settle(cognitoUser.verifyAttribute('email', code));
      return {
        noInput: noInput.calls.map((c) => [c.name, c.thisIsCallback, c.args[0]]), isPromise, details,
        wrong: harness.errInfo(wrong.error), wrongCb: wrongCb.calls.map((c) => [c.name, c.thisIsCallback, harness.errInfo(c.args[0])]),
        stillFalse, right, after: t.attrs(await cognitoUser.getUserAttributes()).email_verified,
      };
    }, { poolData, newEmail, codesUrl: `${backend.endpoint}/_test/codes?userPoolId=${pool.UserPoolId}&username=${u.username}` });
    assert.deepEqual(out.noInput, [['onSuccess', true, 'SUCCESS']]);
    assert.equal(out.isPromise, true);
    assert.equal(out.details.CodeDeliveryDetails.AttributeName, 'email');
    assert.equal(out.wrong.code, 'CodeMismatchException');
    assert.deepEqual(out.wrongCb.map((c) => c.slice(0, 2)), [['onFailure', true]]);
    assert.equal(out.wrongCb[0][2].code, 'CodeMismatchException');
    assert.equal(out.stillFalse, 'false');
    assert.deepEqual(out.right, { ok: true, value: 'SUCCESS' });
    assert.equal(out.after, 'true');
  });

  it("deleteAttributes (README use case 7) → 'SUCCESS' once; the attribute is gone on the server; Promise form too", async () => {
    const out = await page.evaluate(async (poolData) => {
      const { cognitoUser } = await t.currentUserWithSession(poolData);
      const attributeList = [];
      attributeList.push('nickname');
      const cb = await harness.nodeCallback((done) => cognitoUser.deleteAttributes(attributeList, function (err, result) {
        if (err) return done(err, result);
        done(null, 'call result: ' + result);
      }));
      const afterCb = t.attrs(await cognitoUser.getUserAttributes());
      const p = cognitoUser.deleteAttributes(['given_name']);
      const isPromise = harness.isPromise(p);
      const value = await p;
      return { count: cb.calls.length, err: harness.errInfo(cb.calls[0].err), result: cb.calls[0].result, afterCb, isPromise, value, afterP: t.attrs(await cognitoUser.getUserAttributes()) };
    }, poolData);
    assert.equal(out.count, 1);
    assert.equal(out.err, null);
    assert.equal(out.result, 'call result: SUCCESS');
    assert.equal('nickname' in out.afterCb, false);
    assert.equal(out.afterCb.given_name, 'Alicia');
    assert.equal(out.isPromise, true);
    assert.equal(out.value, 'SUCCESS');
    assert.equal('given_name' in out.afterP, false);
    const server = attrMap((await adminGetUser(u.username)).UserAttributes);
    assert.equal(server.nickname, undefined);
    assert.equal(server.given_name, undefined);
  });
});

describe('passwords', () => {
  it("changePassword (README use case 11) → 'SUCCESS' once; the new password signs in, the old does not; Promise form changes it back", async () => {
    const u = await newUser('chpw');
    const out = await page.evaluate(async ({ poolData, u, NEW_PASSWORD }) => {
      const cognitoUser = await t.signIn(poolData, u.username, u.password);
      const cb = await harness.nodeCallback((done) => cognitoUser.changePassword(u.password, NEW_PASSWORD, function (err, result) {
        if (err) return done(err, result);
        done(null, result);
      }));
      return { count: cb.calls.length, err: harness.errInfo(cb.calls[0].err), result: cb.calls[0].result };
    }, { poolData, u, NEW_PASSWORD });
    assert.equal(out.count, 1);
    assert.equal(out.err, null);
    assert.equal(out.result, 'SUCCESS');
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, NEW_PASSWORD)).ok, true, 'the new password works');
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, u.password)).code, 'NotAuthorizedException', 'the old one does not');

    const out2 = await page.evaluate(async ({ poolData, u, NEW_PASSWORD }) => {
      // SRP sign-in in the page with the new password, then change it back (Promise form).
      const cognitoUser = await t.signIn(poolData, u.username, NEW_PASSWORD);
      const wrong = await harness.settle(cognitoUser.changePassword('Wr0ng-Previous!', u.password));
      const p = cognitoUser.changePassword(NEW_PASSWORD, u.password);
      const isPromise = harness.isPromise(p);
      const settled = await harness.settle(p);
      return { wrong: harness.errInfo(wrong.error), isPromise, settled: settled.ok ? settled.value : harness.errInfo(settled.error) };
    }, { poolData, u, NEW_PASSWORD });
    assert.equal(out2.wrong.code, 'NotAuthorizedException');
    assert.equal(out2.isPromise, true);
    assert.equal(out2.settled, 'SUCCESS');
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, u.password)).ok, true);
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, NEW_PASSWORD)).code, 'NotAuthorizedException');
  });

  it('arguments that are not strings: a missing new password is sent as "" (never "undefined") and refused; a number is sent as its digits; the module keeps working', async () => {
    const u = await newUser('argtypes');
    const before = requests.length;
    const out = await page.evaluate(async ({ poolData, u }) => {
      const cognitoUser = await t.signIn(poolData, u.username, u.password);
      const results = {};
      for (const [name, args] of Object.entries({ undefinedNew: [u.password, undefined], nullNew: [u.password, null], numberNew: [u.password, 123456789] })) {
        const settled = await harness.settle(cognitoUser.changePassword(...args));
        results[name] = settled.ok ? settled.value : harness.errInfo(settled.error);
      }
      // wasm-bindgen's String parameters once trapped ("memory access out of bounds") on
      // these; the plain objects now hold what they are given, as the JS SDK's do.
      const attr = new AC.CognitoUserAttribute({ Name: 'nickname', Value: 'x' });
      attr.setValue(42);
      const storage = new AC.MemoryStorage();
      storage.setItem('n', 7);
      cognitoUser.setAuthenticationFlowType(undefined);
      const after = await harness.settle(cognitoUser.getUserAttributes());
      return { results, attrValue: attr.getValue(), stored: storage.getItem('n'), flow: cognitoUser.getAuthenticationFlowType(), afterOk: after.ok };
    }, { poolData, u });
    const sent = requests.slice(before).filter((r) => r.operation === 'ChangePassword').map((r) => r.json.ProposedPassword);
    assert.deepEqual(sent, ['', '', '123456789']);
    // The empty ones are refused (Cognito: a validation error; the emulator: its policy).
    assert.match(out.results.undefinedNew.code, /^Invalid(Parameter|Password)Exception$/);
    assert.match(out.results.nullNew.code, /^Invalid(Parameter|Password)Exception$/);
    assert.equal(out.results.numberNew, 'SUCCESS', "this pool's policy takes digits only");
    assert.deepEqual([out.attrValue, out.stored, out.flow, out.afterOk], [42, '7', undefined, true]);
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, '123456789')).ok, true, 'the number became the password, digit for digit');
  });

  it('forgotPassword + confirmPassword (README use case 12, code from the emulator): inputVerificationCode then onSuccess; new password works, old does not', async () => {
    const u = await newUser('forgot');
    const mark = requests.length;
    const out = await page.evaluate(async ({ poolData, u, NEW_PASSWORD, codesUrl }) => {
      const pool = new AC.CognitoUserPool(poolData);
      const cognitoUser = new AC.CognitoUser({ Username: u.username, Pool: pool }); // not signed in
      const calls = [];
      await new Promise((resolve) => {
        const cb = {
          onSuccess: function (data) {
            calls.push({ name: 'forgot.onSuccess', data });
            resolve();
          },
          onFailure: function (err) {
            calls.push({ name: 'forgot.onFailure', err: harness.errInfo(err) });
            resolve();
          },
          // Optional automatic callback
          inputVerificationCode: function (data) {
            calls.push({ name: 'inputVerificationCode', data, thisIsCallback: this === cb });
            harness.fetchJson(codesUrl).then((codes) => {
              const verificationCode = codes.forgotPassword;
              const newPassword = NEW_PASSWORD;
              const confirmCb = {
                onSuccess() {
                  calls.push({ name: 'confirm.onSuccess', args: [...arguments], thisIsCallback: this === confirmCb });
                  setTimeout(resolve, 200);
                },
                onFailure(err) {
                  calls.push({ name: 'confirm.onFailure', err: harness.errInfo(err) });
                  setTimeout(resolve, 200);
                },
              };
              cognitoUser.confirmPassword(verificationCode, newPassword, confirmCb);
            });
          },
        };
        cognitoUser.forgotPassword(cb);
      });
      return { calls };
    }, { poolData, u, NEW_PASSWORD, codesUrl: `${backend.endpoint}/_test/codes?userPoolId=${pool.UserPoolId}&username=${u.username}` });
    assert.deepEqual(out.calls.map((c) => c.name), ['inputVerificationCode', 'confirm.onSuccess'], JSON.stringify(out.calls));
    assert.equal(out.calls[0].thisIsCallback, true);
    assert.equal(out.calls[0].data.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.equal(out.calls[0].data.CodeDeliveryDetails.AttributeName, 'email');
    assert.equal(out.calls[1].thisIsCallback, true);
    assert.deepEqual(out.calls[1].args, ['SUCCESS']);
    assert.deepEqual(opsSince(mark), ['ForgotPassword', 'ConfirmForgotPassword']);
    assert.equal(requests[mark].json.Username, u.username);
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, NEW_PASSWORD)).ok, true);
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, u.password)).code, 'NotAuthorizedException');
  });

  it("forgotPassword without inputVerificationCode → onSuccess(data); Promise forms: forgotPassword() resolves the delivery, confirmPassword() 'SUCCESS'; a wrong code → CodeMismatchException", async () => {
    const u = await newUser('forgot2');
    const out = await page.evaluate(async ({ poolData, u, NEW_PASSWORD, codesUrl }) => {
      const cognitoUser = new AC.CognitoUser({ Username: u.username, Pool: new AC.CognitoUserPool(poolData) });
      const plain = await harness.callbacks(['onSuccess', 'onFailure'], (cb) => cognitoUser.forgotPassword(cb));
      const p = cognitoUser.forgotPassword();
      const isPromise = harness.isPromise(p);
      const delivery = await p;
      const code = (await harness.fetchJson(codesUrl)).forgotPassword;
      const wrong = await harness.settle(cognitoUser.confirmPassword(code === '000000' ? '111111' : '000000', NEW_PASSWORD));
      const wrongCb = await harness.callbacks(['onSuccess', 'onFailure'], (cb) => cognitoUser.confirmPassword(code === '000000' ? '111111' : '000000', NEW_PASSWORD, cb));
      const cp = cognitoUser.confirmPassword(code, NEW_PASSWORD);
      return {
        plain: plain.calls.map((c) => [c.name, c.thisIsCallback, c.args[0]]), isPromise, delivery,
        wrong: harness.errInfo(wrong.error), wrongCb: wrongCb.calls.map((c) => [c.name, c.thisIsCallback, harness.errInfo(c.args[0])]),
        confirmIsPromise: harness.isPromise(cp), confirmed: await harness.settle(cp),
      };
    }, { poolData, u, NEW_PASSWORD, codesUrl: `${backend.endpoint}/_test/codes?userPoolId=${pool.UserPoolId}&username=${u.username}` });
    assert.equal(out.plain.length, 1);
    assert.equal(out.plain[0][0], 'onSuccess');
    assert.equal(out.plain[0][1], true);
    assert.equal(out.plain[0][2].CodeDeliveryDetails.AttributeName, 'email');
    assert.equal(out.isPromise, true);
    assert.equal(out.delivery.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.equal(out.wrong.code, 'CodeMismatchException');
    assert.deepEqual(out.wrongCb.map((c) => c.slice(0, 2)), [['onFailure', true]]);
    assert.equal(out.wrongCb[0][2].code, 'CodeMismatchException');
    assert.equal(out.confirmIsPromise, true);
    assert.deepEqual(out.confirmed, { ok: true, value: 'SUCCESS' });
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, NEW_PASSWORD)).ok, true);
    assert.equal((await passwordSignIn(backend.endpoint, pool, u.username, u.password)).code, 'NotAuthorizedException');
  });
});

describe('MFA settings', () => {
  it('enableMFA / disableMFA (README use cases 9, 10) are reflected in getMFAOptions (callback and Promise)', async () => {
    const u = await newUser('legacymfa');
    const out = await page.evaluate(async ({ poolData, u }) => {
      const cognitoUser = await t.signIn(poolData, u.username, u.password);
      const before = await harness.nodeCallback((cb) => cognitoUser.getMFAOptions(cb));
      const enable = await harness.nodeCallback((cb) => cognitoUser.enableMFA(function (err, result) {
        if (err) return cb(err, result);
        cb(null, result);
      }));
      const on = await harness.nodeCallback((cb) => cognitoUser.getMFAOptions(cb));
      const onP = await cognitoUser.getMFAOptions();
      const disable = await harness.nodeCallback((cb) => cognitoUser.disableMFA(cb));
      const off = await cognitoUser.getMFAOptions();
      const enableP = cognitoUser.enableMFA();
      const enablePromise = harness.isPromise(enableP);
      const enableValue = await enableP;
      const onAgain = await cognitoUser.getMFAOptions();
      const disableValue = await cognitoUser.disableMFA();
      const offAgain = await cognitoUser.getMFAOptions();
      const r = (x) => ({ count: x.calls.length, err: harness.errInfo(x.calls[0].err), result: x.calls[0].result });
      return { before: r(before), enable: r(enable), on: r(on), onP, disable: r(disable), off, enablePromise, enableValue, onAgain, disableValue, offAgain };
    }, { poolData, u });
    const SMS = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];
    assert.deepEqual(out.before, { count: 1, err: null, result: undefined }, 'no MFAOptions at first');
    assert.deepEqual(out.enable, { count: 1, err: null, result: 'SUCCESS' });
    assert.deepEqual(out.on, { count: 1, err: null, result: SMS });
    assert.deepEqual(out.onP, SMS);
    assert.deepEqual(out.disable, { count: 1, err: null, result: 'SUCCESS' });
    assert.equal(out.off, undefined);
    assert.equal(out.enablePromise, true);
    assert.equal(out.enableValue, 'SUCCESS');
    assert.deepEqual(out.onAgain, SMS);
    assert.equal(out.disableValue, 'SUCCESS');
    assert.equal(out.offAgain, undefined);
    assert.equal((await adminGetUser(u.username)).MFAOptions, undefined);
  });

  it("setUserMfaPreference (README use cases 28, 24) → 'SUCCESS', reflected in getUserData's UserMFASettingList / PreferredMfaSetting; Promise form and email MFA too", async () => {
    const u = await newUser('mfapref');
    const out = await page.evaluate(async ({ poolData, u }) => {
      const cognitoUser = await t.signIn(poolData, u.username, u.password);
      const smsMfaSettings = { PreferredMfa: true, Enabled: true };
      const set = await harness.nodeCallback((cb) => cognitoUser.setUserMfaPreference(smsMfaSettings, null, function (err, result) {
        cb(err, result);
      }));
      const data = await new Promise((resolve) => {
        cognitoUser.getUserData((err, data) => {
          if (err) return resolve({ err: harness.errInfo(err) });
          const { PreferredMfaSetting, UserMFASettingList } = data;
          resolve({ PreferredMfaSetting, UserMFASettingList });
        }, { bypassCache: true });
      });
      // Promise form: SMS off, email (the fourth argument, ours) on and preferred.
      const p = cognitoUser.setUserMfaPreference({ PreferredMfa: false, Enabled: false }, null, undefined, { PreferredMfa: true, Enabled: true });
      const isPromise = harness.isPromise(p);
      const value = await p;
      const data2 = await cognitoUser.getUserData(null, { bypassCache: true });
      // TOTP was never registered: the server refuses, the Promise rejects, nothing changes.
      const totp = await harness.settle(cognitoUser.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }));
      const totpCb = await harness.nodeCallback((cb) => cognitoUser.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb));
      const off = await cognitoUser.setUserMfaPreference(null, null, undefined, { PreferredMfa: false, Enabled: false });
      const data3 = await cognitoUser.getUserData(null, { bypassCache: true });
      return {
        set: { count: set.calls.length, err: harness.errInfo(set.calls[0].err), result: set.calls[0].result }, data,
        isPromise, value, data2: { PreferredMfaSetting: data2.PreferredMfaSetting, UserMFASettingList: data2.UserMFASettingList },
        totp: harness.errInfo(totp.error), totpCb: { count: totpCb.calls.length, err: harness.errInfo(totpCb.calls[0].err) },
        off, data3: { PreferredMfaSetting: data3.PreferredMfaSetting, UserMFASettingList: data3.UserMFASettingList },
      };
    }, { poolData, u });
    assert.deepEqual(out.set, { count: 1, err: null, result: 'SUCCESS' });
    assert.deepEqual(out.data, { PreferredMfaSetting: 'SMS_MFA', UserMFASettingList: ['SMS_MFA'] });
    assert.equal(out.isPromise, true);
    assert.equal(out.value, 'SUCCESS');
    assert.deepEqual(out.data2, { PreferredMfaSetting: 'EMAIL_OTP', UserMFASettingList: ['EMAIL_OTP'] });
    assert.equal(out.totp.code, 'InvalidParameterException');
    assert.equal(out.totpCb.count, 1);
    assert.equal(out.totpCb.err.code, 'InvalidParameterException');
    assert.equal(out.off, 'SUCCESS');
    assert.deepEqual(out.data3, { PreferredMfaSetting: undefined, UserMFASettingList: undefined });
    const server = await adminGetUser(u.username);
    assert.equal(server.UserMFASettingList, undefined);
  });
});

describe('clientMetadata', () => {
  it('the clientMetadata argument of updateAttributes, getAttributeVerificationCode, changePassword, forgotPassword, confirmPassword, deleteUser and getUserData({ bypassCache }) is sent as ClientMetadata', async () => {
    const u = await newUser('metadata');
    const mark = requests.length;
    const out = await page.evaluate(async ({ poolData, u, NEW_PASSWORD, codesUrl }) => {
      const md = { app: 'e2e', step: 'x' };
      const cognitoUser = await t.signIn(poolData, u.username, u.password);
      const node = (f) => new Promise((resolve) => f((err, result) => resolve({ err: harness.errInfo(err), result })));
      const methods = (f) => new Promise((resolve) => f({ onSuccess: (result) => resolve({ err: null, result }), onFailure: (err) => resolve({ err: harness.errInfo(err) }) }));
      const r = {};
      r.updateAttributes = await node((cb) => cognitoUser.updateAttributes([new AC.CognitoUserAttribute({ Name: 'nickname', Value: 'md' })], cb, md));
      r.getUserData = await node((cb) => cognitoUser.getUserData(cb, { bypassCache: true, clientMetadata: md }));
      r.getAttributeVerificationCode = await methods((cb) => cognitoUser.getAttributeVerificationCode('email', cb, md));
      r.changePassword = await node((cb) => cognitoUser.changePassword(u.password, NEW_PASSWORD, cb, md));
      r.forgotPassword = await methods((cb) => cognitoUser.forgotPassword(cb, md));
      const code = (await harness.fetchJson(codesUrl)).forgotPassword;
      r.confirmPassword = await methods((cb) => cognitoUser.confirmPassword(code, u.password, cb, md));
      r.deleteUser = await node((cb) => cognitoUser.deleteUser(cb, md));
      return r;
    }, { poolData, u, NEW_PASSWORD, codesUrl: `${backend.endpoint}/_test/codes?userPoolId=${pool.UserPoolId}&username=${u.username}` });
    for (const [name, r] of Object.entries(out)) assert.equal(r.err, null, `${name}: ${JSON.stringify(r.err)}`);
    const sent = requests.slice(mark);
    const md = { app: 'e2e', step: 'x' };
    for (const op of ['UpdateUserAttributes', 'GetUserAttributeVerificationCode', 'ChangePassword', 'ForgotPassword', 'ConfirmForgotPassword', 'DeleteUser']) {
      const found = sent.filter((r) => r.operation === op);
      assert.equal(found.length, 1, `${op} sent once`);
      assert.deepEqual(found[0].json.ClientMetadata, md, `${op} carries ClientMetadata`);
    }
    const refresh = sent.filter((r) => r.operation === 'InitiateAuth' && r.json.AuthFlow === 'REFRESH_TOKEN_AUTH');
    assert.ok(refresh.some((r) => JSON.stringify(r.json.ClientMetadata) === JSON.stringify(md)), 'getUserData({ bypassCache, clientMetadata }) refreshes with the metadata');
  });
});

describe('deleting and signing out', () => {
  it("deleteUser (README use case 13) → 'SUCCESS' once; the user is gone and the local session cleared; Promise form too", async () => {
    const a = await newUser('delcb');
    const b = await newUser('delp');
    const out = await page.evaluate(async ({ poolData, a, b }) => {
      const { pool, prefix, cognitoUser } = await t.signInAlone(poolData, a);
      const keysBefore = harness.keysWithPrefix(localStorage, prefix + a.username + '.');
      const cb = await harness.nodeCallback((done) => cognitoUser.deleteUser(function (err, result) {
        done(err, result);
      }));
      const afterCb = { current: pool.getCurrentUser(), keys: harness.keysWithPrefix(localStorage, prefix), inMemory: cognitoUser.getSignInUserSession() };
      const again = await harness.settle(cognitoUser.getUserAttributes());
      const userB = await t.signIn(poolData, b.username, b.password);
      const p = userB.deleteUser();
      const isPromise = harness.isPromise(p);
      const value = await harness.settle(p);
      return {
        keysBefore, count: cb.calls.length, err: harness.errInfo(cb.calls[0].err), result: cb.calls[0].result, afterCb, again: harness.errInfo(again.error),
        isPromise, value: value.ok ? value.value : harness.errInfo(value.error), afterP: { current: pool.getCurrentUser(), keys: harness.keysWithPrefix(localStorage, prefix) },
      };
    }, { poolData, a, b });
    assert.equal(out.keysBefore.length, 4, 'signed in: id, access, refresh, clockDrift');
    assert.equal(out.count, 1);
    assert.equal(out.err, null);
    assert.equal(out.result, 'SUCCESS');
    assert.equal(out.afterCb.current, null);
    assert.deepEqual(out.afterCb.keys, []);
    assert.equal(out.afterCb.inMemory ?? null, null, 'no in-memory session either (null in the SDK: see the todo test below)');
    assert.deepEqual(out.again, NOT_AUTHENTICATED);
    assert.equal(out.isPromise, true);
    assert.equal(out.value, 'SUCCESS');
    assert.deepEqual(out.afterP, { current: null, keys: [] });
    for (const x of [a, b]) {
      await assert.rejects(adminGetUser(x.username), /UserNotFoundException/);
      assert.notEqual((await passwordSignIn(backend.endpoint, pool, x.username, x.password)).ok, true);
    }
  });

  it("globalSignOut (README use case 15) → onSuccess('SUCCESS') once, this === callback; the old access token is refused and local data cleared; Promise form too", async () => {
    const a = await newUser('gsocb');
    const b = await newUser('gsop');
    const out = await page.evaluate(async ({ poolData, a, b }) => {
      const { pool, prefix, cognitoUser } = await t.signInAlone(poolData, a);
      await cognitoUser.getUserData(); // leaves a userData entry too
      const tokensA = harness.sessionInfo(cognitoUser.getSignInUserSession());
      const callback = await harness.callbacks(['onSuccess', 'onFailure'], (cb) => cognitoUser.globalSignOut(cb));
      const afterCb = { current: pool.getCurrentUser(), keys: harness.keysWithPrefix(localStorage, prefix), inMemory: cognitoUser.getSignInUserSession() };
      const userB = await t.signIn(poolData, b.username, b.password);
      const tokensB = harness.sessionInfo(userB.getSignInUserSession());
      const p = userB.globalSignOut();
      const isPromise = harness.isPromise(p);
      const value = await harness.settle(p);
      return {
        tokensA, tokensB, calls: callback.calls.map((c) => [c.name, c.thisIsCallback, c.name === 'onFailure' ? harness.errInfo(c.args[0]) : c.args[0]]),
        afterCb, isPromise, value: value.ok ? value.value : harness.errInfo(value.error),
        afterP: { current: pool.getCurrentUser(), keys: harness.keysWithPrefix(localStorage, prefix) },
      };
    }, { poolData, a, b });
    assert.deepEqual(out.calls, [['onSuccess', true, 'SUCCESS']]);
    assert.equal(out.afterCb.current, null);
    assert.deepEqual(out.afterCb.keys, [], 'tokens, userData and LastAuthUser removed');
    assert.equal(out.afterCb.inMemory ?? null, null);
    assert.equal(out.isPromise, true);
    assert.equal(out.value, 'SUCCESS');
    assert.deepEqual(out.afterP, { current: null, keys: [] });
    for (const tokens of [out.tokensA, out.tokensB]) {
      const getUser = await cognitoCall(backend.endpoint, 'GetUser', { AccessToken: tokens.accessToken });
      assert.equal(getUser.code, 'NotAuthorizedException', 'the old access token is refused');
      assert.match(getUser.data.message, /revoked/);
      const refresh = await refreshFromNode(backend.endpoint, pool, tokens.refreshToken);
      assert.equal(refresh.code, 'NotAuthorizedException', 'the refresh token too');
    }
  });

  it('signOut(callback) revokes the refresh token (RevokeToken), then clears local data; callback once with no error', async () => {
    const u = await newUser('signout');
    const mark = requests.length;
    const out = await page.evaluate(async ({ poolData, u }) => {
      const { pool, prefix, cognitoUser } = await t.signInAlone(poolData, u);
      const tokens = harness.sessionInfo(cognitoUser.getSignInUserSession());
      const calls = [];
      const returned = await new Promise((resolve) => {
        const r = cognitoUser.signOut(function (err) {
          calls.push({ argc: arguments.length, err: harness.errInfo(err), keys: harness.keysWithPrefix(localStorage, prefix) });
          setTimeout(() => resolve(r), 200);
        });
      });
      return { tokens, calls, returned: String(returned), current: pool.getCurrentUser(), keys: harness.keysWithPrefix(localStorage, prefix) };
    }, { poolData, u });
    assert.equal(out.calls.length, 1);
    assert.equal(out.calls[0].err ?? null, null, JSON.stringify(out.calls[0].err));
    assert.deepEqual(out.calls[0].keys, [], 'cleared before the callback runs');
    assert.equal(out.current, null);
    assert.deepEqual(out.keys, []);
    const revoke = requests.slice(mark).filter((r) => r.operation === 'RevokeToken');
    assert.equal(revoke.length, 1);
    assert.equal(revoke[0].json.Token, out.tokens.refreshToken);
    assert.equal(revoke[0].json.ClientId, pool.ClientId);
    const refresh = await refreshFromNode(backend.endpoint, pool, out.tokens.refreshToken);
    assert.equal(refresh.code, 'NotAuthorizedException', 'a REFRESH_TOKEN_AUTH with the revoked token fails');
    assert.match(refresh.message, /revoked/);
    const getUser = await cognitoCall(backend.endpoint, 'GetUser', { AccessToken: out.tokens.accessToken });
    assert.equal(getUser.code, 'NotAuthorizedException', 'access tokens descended from it are revoked too');
  });

  it('signOut() without a callback clears local data at once and revokes nothing (as the SDK); it returns a resolved Promise', async () => {
    const u = await newUser('signoutp');
    const mark = requests.length;
    const out = await page.evaluate(async ({ poolData, u }) => {
      const { pool, prefix, cognitoUser } = await t.signInAlone(poolData, u);
      const tokens = harness.sessionInfo(cognitoUser.getSignInUserSession());
      const returned = cognitoUser.signOut();
      const sync = { current: pool.getCurrentUser(), keys: harness.keysWithPrefix(localStorage, prefix) };
      const isPromise = harness.isPromise(returned);
      const settled = await harness.settle(returned);
      await harness.sleep(200);
      return { tokens, sync, isPromise, settled };
    }, { poolData, u });
    assert.deepEqual(out.sync, { current: null, keys: [] });
    assert.equal(out.isPromise, true);
    assert.equal(out.settled.ok, true);
    assert.deepEqual(opsSince(mark), ['InitiateAuth', 'RespondToAuthChallenge'], 'no RevokeToken');
    assert.equal((await refreshFromNode(backend.endpoint, pool, out.tokens.refreshToken)).ok, true, 'the refresh token still works');
  });

  // The SDK's constructor and cleanClientData set `signInUserSession = null`; apps check `=== null`.
  it('getSignInUserSession() is null, not undefined, before sign-in and after signOut() (as the SDK)', async () => {
    const u = await newUser('nullsession');
    const probe = async (p, signIn) => p.evaluate(async ({ poolData, u, signIn }) => {
      const pool = new AC.CognitoUserPool(poolData);
      const fresh = new AC.CognitoUser({ Username: u.username, Pool: pool });
      const out = { fresh: fresh.getSignInUserSession() };
      if (signIn) {
        const user = new AC.CognitoUser({ Username: u.username, Pool: pool });
        await new Promise((resolve, reject) => user.authenticateUser(new AC.AuthenticationDetails({ Username: u.username, Password: u.password }), { onSuccess: resolve, onFailure: reject }));
        user.signOut();
        out.afterSignOut = user.getSignInUserSession();
      }
      return out;
    }, { poolData, u, signIn });
    const oracle = await newPage({ page: 'oracle' });
    try {
      assert.deepEqual(await probe(oracle, true), { fresh: null, afterSignOut: null }, 'control: the JS SDK');
    } finally {
      await oracle.context().close();
    }
    const out = await probe(page, true);
    assert.equal(out.fresh, null);
    assert.equal(out.afterSignOut, null);
  });

  it('no uncaught page errors', () => {
    assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror:')), []);
  });
});
