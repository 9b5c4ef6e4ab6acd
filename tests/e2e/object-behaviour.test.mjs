// What apps do with the JS SDK's objects, beyond calling its methods (issue #15, item 6):
// headless Chromium against the project's emulator, every test run twice with the same
// assertions, once on the JS SDK 6.3.21 itself (page 'oracle', its browser bundle) and
// once on ours (page 'script'), so each test proves it asserts the JS SDK's real behaviour.
//
//   1. a session through JSON and back (rebuilt from the parsed object), `{ ...user }`,
//      structuredClone(session); a user used through a deep Proxy (Vue's reactive()) or
//      as a copy keeping its prototype (lodash's _.clone);
//   2. a challenge's `Session` handed to a NEW CognitoUser (custom challenge, SMS MFA, TOTP,
//      new password) that then finishes the sign-in;
//   3. `user.signInUserSession = session`, then getSession / getSignInUserSession;
//   4. refreshSession on a brand-new user given only a CognitoRefreshToken;
//   5. getCachedDeviceKeyAndPassword after a remembered device;
//   6. the pool's wrapRefreshSessionCallback around refreshSession and an expiring getSession;
//   7. the cache and clear methods (the same localStorage keys and values, step by step),
//      revokeTokens, isSessionRevocable and cleanClientData.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { mfaPool, mfaUser } from '../support/challenge-users.mjs';
import {
  adminCall, createPoolAndClient, exposeEmulatorCodes, jwtPayload, passwordSignIn, recordCognitoRequests,
  refreshFromNode, signUpConfirmed, waitReady,
} from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';
import { installResultView } from '../support/result-view.mjs';
import { rfc6238 } from '../support/totp.mjs';

const NEW_PASSWORD = 'N3w-Battery-Staple!';
const TEMP_PASSWORD = 'Temp-Passw0rd!';
const CUSTOM_ANSWER = 'otp-123';
/** Short-lived tokens for the expiring getSession (the emulator's /_test/token-lifetime). */
const SHORT_TOKEN_SECONDS = 2;
const LIBRARIES = [['oracle', 'the JS SDK 6.3.21'], ['script', 'ours']];

/** A new CognitoUser's own keys, in order. */
const NEW_USER_KEYS = ['username', 'pool', 'Session', 'client', 'signInUserSession', 'authenticationFlowType', 'storage', 'keyPrefix', 'userDataKey'];
/** And after a sign-in with no device (the JS SDK sets challengeName, undefined, at the end). */
const SIGNED_IN_USER_KEYS = [...NEW_USER_KEYS, 'challengeName'];

const { backend, newPage, setUp } = useBackendPages('emulator');

/** In-page helpers (window.t), installed before the page's own scripts on every load. */
function pageHelpers() {
  const CALLBACKS = ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup', 'selectMFAType'];
  const prefix = (poolData) => `CognitoIdentityServiceProvider.${poolData.ClientId}`;
  window.t = {
    pool: (poolData, wrap) => (wrap ? new AC.CognitoUserPool(poolData, wrap) : new AC.CognitoUserPool(poolData)),
    user: (pool, username) => new AC.CognitoUser({ Username: username, Pool: pool }),
    details: (username, password) => new AC.AuthenticationDetails({ Username: username, Password: password }),
    /**
     * Calls invoke(cb) with a callback object of every sign-in callback and resolves 300 ms
     * after the first call: { calls: [{ name, args }] }. `behave[name]` runs inside the callback.
     */
    async callbacks(invoke, behave = {}) {
      const r = await harness.callbacks(CALLBACKS, invoke, { behave });
      return { calls: r.calls, thrown: r.thrown };
    },
    /** A sign-in with no challenge; resolves with the session (throws on anything else). */
    async signIn(user, username, password) {
      const { calls } = await t.callbacks((cb) => user.authenticateUser(t.details(username, password), cb));
      if (calls.length !== 1 || calls[0].name !== 'onSuccess') throw new Error(`sign-in: ${JSON.stringify(resultView.calls(calls))}`);
      return calls[0].args[0];
    },
    /** A node-style callback call: resolves 300 ms after the first call with { calls: [{ err, result }], returned }. */
    node: (invoke) => harness.nodeCallback(invoke),
    /** localStorage as { key: value }, sorted: the pool client's keys and any key outside Cognito's prefix. */
    snapshot(poolData) {
      const all = harness.storageSnapshot();
      return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(`${prefix(poolData)}.`) || !k.startsWith('CognitoIdentityServiceProvider.')).sort(([a], [b]) => (a < b ? -1 : 1)));
    },
    stored: (poolData, username, item) => localStorage.getItem(`${prefix(poolData)}.${username}.${item}`),
    info: (s) => harness.sessionInfo(s),
    plainCalls: (calls) => resultView.calls(calls),
    nodeCalls: (calls) => calls.map((c) => ({ err: c.err ? harness.errInfo(c.err) : c.err, result: resultView.plain(c.result) })),
    /**
     * A deep Proxy of `obj` as Vue 3's reactive() makes it: plain objects and class
     * instances ([object Object]) met on the way are proxied too, `this` in their methods is
     * the proxy.
     */
    reactive(obj, seen = new WeakMap()) {
      const proxiable = (v) => v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]';
      if (!proxiable(obj)) return obj;
      if (!seen.has(obj)) {
        seen.set(obj, new Proxy(obj, {
          get: (target, key, receiver) => t.reactive(Reflect.get(target, key, receiver), seen),
          set: (target, key, value, receiver) => Reflect.set(target, key, value, receiver),
        }));
      }
      return seen.get(obj);
    },
    /** A copy keeping the prototype, as lodash's _.clone makes of a class instance. */
    cloneKeepingPrototype: (obj) => Object.assign(Object.create(Object.getPrototypeOf(obj)), obj),
    /** A session object made from the tokens of a sign-in (an AuthenticationResult). */
    session({ IdToken, AccessToken, RefreshToken }, ClockDrift) {
      return new AC.CognitoUserSession({
        IdToken: new AC.CognitoIdToken({ IdToken }),
        AccessToken: new AC.CognitoAccessToken({ AccessToken }),
        RefreshToken: new AC.CognitoRefreshToken({ RefreshToken }),
        ClockDrift,
      });
    },
  };
}

/** Pools shared by both libraries' runs (each run signs in its own users). */
let poolsMade;
function pools() {
  poolsMade ??= (async () => {
    const customFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
    const [plain, mfa, custom, device, short] = await Promise.all([
      createPoolAndClient(backend.endpoint, { poolName: uniqueName('behave') }),
      mfaPool(backend, 'behavemfa', 'OPTIONAL'),
      createPoolAndClient(backend.endpoint, { poolName: uniqueName('behavecustom'), flows: customFlows }),
      createPoolAndClient(backend.endpoint, {
        poolName: uniqueName('behavedevice'),
        poolSettings: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } },
        flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
      createPoolAndClient(backend.endpoint, { poolName: uniqueName('behaveshort') }),
    ]);
    await backend.post('/_test/custom-auth', {
      userPoolId: custom.UserPoolId, srpFirst: true, challenges: [{ answer: CUSTOM_ANSWER, publicChallengeParameters: { question: 'code?' } }],
    });
    await backend.post('/_test/token-lifetime', { clientId: short.ClientId, accessSeconds: SHORT_TOKEN_SECONDS, idSeconds: SHORT_TOKEN_SECONDS });
    return { plain, mfa, custom, device, short };
  })();
  return poolsMade;
}

const poolDataOf = (pool) => ({ UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint });
const keyOf = (pool, username, item) => `CognitoIdentityServiceProvider.${pool.ClientId}.${username}.${item}`;
const lastAuthUserKey = (pool) => `CognitoIdentityServiceProvider.${pool.ClientId}.LastAuthUser`;

/** A session summary (t.info) is valid and stored under `username`'s keys in `storage`. */
function assertStored(info, storage, pool, username) {
  assert.equal(info.valid, true, 'a valid session');
  assert.equal(storage[lastAuthUserKey(pool)], username);
  assert.equal(storage[keyOf(pool, username, 'idToken')], info.idToken);
  assert.equal(storage[keyOf(pool, username, 'accessToken')], info.accessToken);
  assert.equal(storage[keyOf(pool, username, 'refreshToken')], info.refreshToken);
  assert.equal(storage[keyOf(pool, username, 'clockDrift')], String(info.clockDrift));
}

for (const [library, title] of LIBRARIES) {
  describe(`${title} (page '${library}')`, () => {
    let page;
    let requests;
    let P;

    setUp(async () => {
      P = await pools();
      page = await newPage({
        page: library,
        init: [installResultView, pageHelpers],
        beforeLoad: async (p) => {
          await exposeEmulatorCodes(p, backend);
          await p.exposeFunction('totpNow', (secret) => rfc6238(secret));
        },
      });
      requests = recordCognitoRequests(page, backend.endpoint);
    });

    describe('1. JSON, spread and structuredClone', () => {
      it('JSON.parse(JSON.stringify(session)) is { idToken: { jwtToken, payload }, refreshToken: { token }, accessToken: { jwtToken, payload }, clockDrift }; a session rebuilt from it is valid and holds the same tokens', async () => {
        const u = await signUpConfirmed(backend, P.plain, uniqueName('json'));
        const out = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          const user = t.user(t.pool(poolData), username);
          const session = await t.signIn(user, username, password);
          const o = JSON.parse(JSON.stringify(session));
          const rebuilt = new AC.CognitoUserSession({
            IdToken: new AC.CognitoIdToken({ IdToken: o.idToken.jwtToken }),
            AccessToken: new AC.CognitoAccessToken({ AccessToken: o.accessToken.jwtToken }),
            RefreshToken: new AC.CognitoRefreshToken({ RefreshToken: o.refreshToken.token }),
            ClockDrift: o.clockDrift,
          });
          const again = new AC.CognitoUserSession({
            IdToken: new AC.CognitoIdToken({ IdToken: o.idToken.jwtToken }),
            AccessToken: new AC.CognitoAccessToken({ AccessToken: o.accessToken.jwtToken }),
            RefreshToken: new AC.CognitoRefreshToken({ RefreshToken: o.refreshToken.token }),
          });
          return {
            o,
            keys: { session: Object.keys(o), idToken: Object.keys(o.idToken), accessToken: Object.keys(o.accessToken), refreshToken: Object.keys(o.refreshToken) },
            original: t.info(session),
            rebuilt: t.info(rebuilt),
            rebuiltJsonSame: JSON.stringify(rebuilt) === JSON.stringify(session),
            rebuiltKinds: [rebuilt instanceof AC.CognitoUserSession, rebuilt.getIdToken() instanceof AC.CognitoIdToken, rebuilt.getAccessToken() instanceof AC.CognitoAccessToken],
            rebuiltPayloads: { id: rebuilt.getIdToken().payload, access: rebuilt.getAccessToken().payload },
            rebuiltNoDrift: { valid: again.isValid(), clockDrift: again.getClockDrift() },
            accessors: { exp: rebuilt.getAccessToken().getExpiration(), iat: rebuilt.getIdToken().getIssuedAt() },
          };
        }, { poolData: poolDataOf(P.plain), username: u.username, password: u.password });
        assert.deepEqual(out.keys, { session: ['idToken', 'refreshToken', 'accessToken', 'clockDrift'], idToken: ['jwtToken', 'payload'], accessToken: ['jwtToken', 'payload'], refreshToken: ['token'] });
        assert.equal(out.o.idToken.jwtToken, out.original.idToken);
        assert.equal(out.o.accessToken.jwtToken, out.original.accessToken);
        assert.equal(out.o.refreshToken.token, out.original.refreshToken);
        assert.equal(out.o.clockDrift, out.original.clockDrift);
        assert.equal(typeof out.o.clockDrift, 'number');
        assert.deepEqual(out.o.idToken.payload, jwtPayload(out.original.idToken), 'the payload is the decoded JWT');
        assert.deepEqual(out.o.accessToken.payload, jwtPayload(out.original.accessToken));
        assert.equal(out.o.idToken.payload['cognito:username'], u.username);
        assert.deepEqual(out.rebuilt, out.original, 'the rebuilt session: valid, same tokens, same clock drift');
        assert.equal(out.rebuiltJsonSame, true, 'and it serialises the same');
        assert.deepEqual(out.rebuiltKinds, [true, true, true]);
        assert.deepEqual(out.rebuiltPayloads, { id: out.o.idToken.payload, access: out.o.accessToken.payload });
        assert.equal(out.rebuiltNoDrift.valid, true);
        assert.equal(typeof out.rebuiltNoDrift.clockDrift, 'number');
        assert.deepEqual(out.accessors, { exp: out.o.accessToken.payload.exp, iat: out.o.idToken.payload.iat });
      });

      it("{ ...user } copies the user's own keys (the same values); structuredClone(session) gives the JSON shape as plain objects", async () => {
        const u = await signUpConfirmed(backend, P.plain, uniqueName('spread'));
        const out = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          const pool = t.pool(poolData);
          const fresh = t.user(pool, username);
          const freshKeys = Object.keys({ ...fresh });
          const user = t.user(pool, username);
          const session = await t.signIn(user, username, password);
          const spread = { ...user };
          const same = Object.keys(spread).filter((k) => spread[k] === user[k]);
          const clone = structuredClone(session);
          return {
            freshKeys,
            keys: Object.keys(spread),
            same,
            sessionIsSame: spread.signInUserSession === session,
            poolIsSame: spread.pool === pool,
            spreadUsername: spread.username,
            cloneProto: [clone, clone.idToken, clone.accessToken, clone.refreshToken].map((x) => Object.getPrototypeOf(x) === Object.prototype),
            cloneJsonSame: JSON.stringify(clone) === JSON.stringify(session),
            cloneKeys: Object.keys(clone),
            cloneIdPayload: clone.idToken.payload,
            sessionIdPayload: session.getIdToken().payload,
          };
        }, { poolData: poolDataOf(P.plain), username: u.username, password: u.password });
        assert.deepEqual(out.freshKeys, NEW_USER_KEYS);
        assert.deepEqual(out.keys, SIGNED_IN_USER_KEYS);
        assert.deepEqual(out.same, out.keys, 'every copied value is the user\'s own');
        assert.equal(out.sessionIsSame, true);
        assert.equal(out.poolIsSame, true);
        assert.equal(out.spreadUsername, u.username);
        assert.deepEqual(out.cloneProto, [true, true, true, true], 'structuredClone drops the classes');
        assert.equal(out.cloneJsonSame, true);
        assert.deepEqual(out.cloneKeys, ['idToken', 'refreshToken', 'accessToken', 'clockDrift']);
        assert.deepEqual(out.cloneIdPayload, out.sessionIdPayload);
      });
    });

    describe('1b. a user handed around as an ordinary object', () => {
      for (const [how, wrap] of [["through a deep Proxy (as Vue's reactive() makes)", 'reactive'], ["as a copy keeping the prototype (lodash's _.clone)", 'cloneKeepingPrototype']]) {
        it(`${how}: getSession, getUserAttributes, cacheTokens and getCachedDeviceKeyAndPassword work on it`, async () => {
          const u = await signUpConfirmed(backend, P.plain, uniqueName('handed'));
          const out = await page.evaluate(async ({ poolData, username, password, wrap }) => {
            localStorage.clear();
            const pool = t.pool(poolData);
            const user = t.user(pool, username);
            const session = await t.signIn(user, username, password);
            const handed = t[wrap](user);
            const got = await t.node((cb) => handed.getSession(cb));
            const attrs = await t.node((cb) => handed.getUserAttributes(cb));
            const errs = {};
            for (const [name, fn] of [['cacheTokens', () => handed.cacheTokens()], ['getCachedDeviceKeyAndPassword', () => handed.getCachedDeviceKeyAndPassword()]]) {
              try {
                fn();
              } catch (e) {
                errs[name] = String(e);
              }
            }
            // A new user made with the handed-around pool.
            const later = t.user(t[wrap](pool), username);
            const fromStorage = await t.node((cb) => later.getSession(cb));
            return {
              got: t.nodeCalls(got.calls),
              attrs: attrs.calls.map((c) => ({ err: c.err && harness.errInfo(c.err), names: c.result && c.result.map((a) => a.getName()) })),
              errs,
              later: t.nodeCalls(fromStorage.calls),
              signedIn: t.info(session),
            };
          }, { poolData: poolDataOf(P.plain), ...u, wrap });
          assert.equal(out.got.length, 1);
          assert.equal(out.got[0].err, null, JSON.stringify(out.got[0].err));
          assert.deepEqual(out.got[0].result.session, out.signedIn);
          assert.equal(out.attrs.length, 1);
          assert.equal(out.attrs[0].err, null, JSON.stringify(out.attrs[0].err));
          assert.ok(out.attrs[0].names.includes('email'));
          assert.deepEqual(out.errs, {});
          assert.equal(out.later.length, 1);
          assert.equal(out.later[0].err, null, JSON.stringify(out.later[0].err));
          assert.deepEqual(out.later[0].result.session, out.signedIn);
        });
      }
    });

    describe('2. a challenge Session handed to a new CognitoUser', () => {
      /**
       * Signs in `username` in the page until the challenge `challenge` (the callback),
       * saves `user.Session` and `user.username` inside it, then a NEW CognitoUser (that
       * username, the same pool) with `Session = saved` answers through `answer(other, cb)`.
       */
      async function handOff(pool, { username, password, flow, challenge, answer, answerArgs }) {
        const n = requests.length;
        const out = await page.evaluate(async ({ poolData, username, password, flow, challenge, answer, answerArgs }) => {
          localStorage.clear();
          const pool = t.pool(poolData);
          const user = t.user(pool, username);
          if (flow) user.setAuthenticationFlowType(flow);
          let saved;
          let savedName;
          const first = await t.callbacks((cb) => user.authenticateUser(t.details(username, password), cb), {
            [challenge]() {
              saved = user.Session;
              savedName = user.username;
            },
          });
          const storedAtChallenge = t.snapshot(poolData);
          const other = t.user(pool, savedName);
          const before = { Session: other.Session, signInUserSession: other.signInUserSession };
          other.Session = saved;
          // The answer, written in the page from its name and arguments (codes fetched here).
          const args = [];
          for (const a of answerArgs) {
            if (a.mfaCode) args.push((await emuCodes(poolData.UserPoolId, savedName)).mfa);
            else if (a.totp) args.push(await totpNow(a.totp));
            else args.push(a.value);
          }
          const second = await t.callbacks((cb) => {
            const callArgs = args.slice();
            callArgs.splice(answerArgs.findIndex((a) => a.callback), 1, cb);
            return other[answer](...callArgs);
          });
          const session = second.calls[0] && second.calls[0].args[0];
          return {
            first: t.plainCalls(first.calls),
            savedIsString: typeof saved === 'string' && saved.length > 0,
            saved,
            savedName,
            storedAtChallenge,
            before,
            second: t.plainCalls(second.calls),
            thrown: second.thrown,
            otherHoldsIt: other.signInUserSession === session && other.getSignInUserSession() === session,
            otherUsername: other.username,
            storage: t.snapshot(poolData),
          };
        }, { poolData: poolDataOf(pool), username, password, flow, challenge, answer, answerArgs });
        assert.deepEqual(out.first.map((c) => c.name), [challenge], JSON.stringify(out.first));
        assert.equal(out.savedIsString, true, `user.Session is the challenge session inside ${challenge}`);
        assert.deepEqual(out.storedAtChallenge, {}, 'nothing stored while the challenge waits');
        assert.deepEqual(out.before, { Session: null, signInUserSession: null }, 'the new CognitoUser starts with neither');
        assert.equal(out.thrown, undefined);
        assert.deepEqual(out.second.map((c) => c.name), ['onSuccess'], JSON.stringify(out.second));
        const info = out.second[0].args[0].session;
        assertStored(info, out.storage, pool, out.savedName);
        assert.equal(out.otherHoldsIt, true, "the new user's signInUserSession is the session onSuccess got");
        assert.equal(out.otherUsername, out.savedName);
        assert.equal(jwtPayload(info.idToken)['cognito:username'], username);
        const respond = requests.slice(n).filter((r) => r.operation === 'RespondToAuthChallenge').at(-1);
        assert.equal(respond.json.Session, out.saved, 'the answer carries the saved Session');
        return { out, respond };
      }

      it('custom challenge: the Session saved in customChallenge, then other.Session = saved; other.sendCustomChallengeAnswer(answer, cb) → onSuccess', async () => {
        const u = await signUpConfirmed(backend, P.custom, uniqueName('hocus'));
        const { respond } = await handOff(P.custom, {
          ...u, flow: 'CUSTOM_AUTH', challenge: 'customChallenge', answer: 'sendCustomChallengeAnswer',
          answerArgs: [{ value: CUSTOM_ANSWER }, { callback: true }],
        });
        assert.equal(respond.json.ChallengeName, 'CUSTOM_CHALLENGE');
        assert.equal(respond.json.ChallengeResponses.ANSWER, CUSTOM_ANSWER);
      });

      it('SMS MFA: the Session saved in mfaRequired, then other.sendMFACode(code, cb) → onSuccess', async () => {
        const u = await mfaUser(backend, P.mfa, 'hosms', { sms: true });
        const { respond } = await handOff(P.mfa, {
          ...u, challenge: 'mfaRequired', answer: 'sendMFACode', answerArgs: [{ mfaCode: true }, { callback: true }],
        });
        assert.equal(respond.json.ChallengeName, 'SMS_MFA');
      });

      it("TOTP: the Session saved in totpRequired, then other.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA') → onSuccess", async () => {
        const u = await mfaUser(backend, P.mfa, 'hototp', { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' });
        const { respond } = await handOff(P.mfa, {
          ...u, challenge: 'totpRequired', answer: 'sendMFACode',
          answerArgs: [{ totp: u.secret }, { callback: true }, { value: 'SOFTWARE_TOKEN_MFA' }],
        });
        assert.equal(respond.json.ChallengeName, 'SOFTWARE_TOKEN_MFA');
      });

      it('new password: the Session saved in newPasswordRequired, then other.completeNewPasswordChallenge(newPassword, {}, cb) → onSuccess; the new password works', async () => {
        const username = uniqueName('honp');
        await adminCall(backend.endpoint, 'AdminCreateUser', {
          UserPoolId: P.plain.UserPoolId, Username: username, TemporaryPassword: TEMP_PASSWORD,
          UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
        });
        const { respond } = await handOff(P.plain, {
          username, password: TEMP_PASSWORD, challenge: 'newPasswordRequired', answer: 'completeNewPasswordChallenge',
          answerArgs: [{ value: NEW_PASSWORD }, { value: {} }, { callback: true }],
        });
        assert.equal(respond.json.ChallengeName, 'NEW_PASSWORD_REQUIRED');
        const later = await passwordSignIn(backend.endpoint, P.plain, username, NEW_PASSWORD);
        assert.equal(later.ok, true, 'the new password was set');
      });

      it('custom challenge across a page load: the Session kept in sessionStorage answers from a new CognitoUser after reload', async () => {
        const u = await signUpConfirmed(backend, P.custom, uniqueName('hoload'));
        const poolData = poolDataOf(P.custom);
        const first = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          sessionStorage.clear();
          const user = t.user(t.pool(poolData), username);
          user.setAuthenticationFlowType('CUSTOM_AUTH');
          const r = await t.callbacks((cb) => user.authenticateUser(t.details(username, password), cb), {
            customChallenge() {
              sessionStorage.setItem('saved', JSON.stringify({ Session: user.Session, username: user.username }));
            },
          });
          return t.plainCalls(r.calls).map((c) => c.name);
        }, { poolData, ...u });
        assert.deepEqual(first, ['customChallenge']);
        await page.reload();
        await waitReady(page);
        const out = await page.evaluate(async ({ poolData, answer }) => {
          const saved = JSON.parse(sessionStorage.getItem('saved'));
          sessionStorage.clear();
          const other = t.user(t.pool(poolData), saved.username);
          other.Session = saved.Session;
          const r = await t.callbacks((cb) => other.sendCustomChallengeAnswer(answer, cb));
          return { calls: t.plainCalls(r.calls), username: saved.username, held: other.signInUserSession === r.calls[0].args[0], storage: t.snapshot(poolData) };
        }, { poolData, answer: CUSTOM_ANSWER });
        assert.deepEqual(out.calls.map((c) => c.name), ['onSuccess'], JSON.stringify(out.calls));
        assertStored(out.calls[0].args[0].session, out.storage, P.custom, out.username);
        assert.equal(out.held, true);
      });
    });

    describe('3. user.signInUserSession = session', () => {
      it('getSession(cb) then calls back at once with that very object (no request, nothing read from storage); getSignInUserSession() returns it', async () => {
        const u = await signUpConfirmed(backend, P.plain, uniqueName('assign'));
        const s = await passwordSignIn(backend.endpoint, P.plain, u.username, u.password);
        const n = requests.length;
        const out = await page.evaluate(async ({ poolData, username, tokens }) => {
          localStorage.clear();
          const user = t.user(t.pool(poolData), username);
          const session = t.session(tokens);
          user.signInUserSession = session;
          const ownAfterAssign = Object.getOwnPropertyDescriptor(user, 'signInUserSession');
          let syncResult;
          let calls = 0;
          const returned = user.getSession((err, result) => {
            calls += 1;
            syncResult = { err, same: result === session };
          });
          const syncCalls = calls;
          await harness.sleep(300);
          return {
            syncCalls,
            calls,
            syncResult,
            returnedUndefined: returned === undefined,
            getter: user.getSignInUserSession() === session,
            held: user.signInUserSession === session,
            ownEnumerable: ownAfterAssign.enumerable && ownAfterAssign.writable,
            storage: t.snapshot(poolData),
          };
        }, { poolData: poolDataOf(P.plain), username: u.username, tokens: s.result });
        assert.equal(out.syncCalls, 1, 'the callback runs before getSession returns');
        assert.equal(out.calls, 1);
        assert.deepEqual(out.syncResult, { err: null, same: true });
        assert.equal(out.getter, true);
        assert.equal(out.held, true);
        assert.equal(out.ownEnumerable, true);
        assert.deepEqual(out.storage, {}, 'nothing written');
        assert.deepEqual(requests.slice(n), [], 'no request');
      });

      it("a session rebuilt from JSON and assigned to a new user, storage cleared: getSession(cb) gives that object", async () => {
        const u = await signUpConfirmed(backend, P.plain, uniqueName('assignjson'));
        const out = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          const pool = t.pool(poolData);
          const signedIn = await t.signIn(t.user(pool, username), username, password);
          const o = JSON.parse(JSON.stringify(signedIn));
          const rebuilt = t.session({ IdToken: o.idToken.jwtToken, AccessToken: o.accessToken.jwtToken, RefreshToken: o.refreshToken.token }, o.clockDrift);
          localStorage.clear();
          const user = t.user(pool, username);
          user.signInUserSession = rebuilt;
          const r = await t.node((cb) => user.getSession(cb));
          return { calls: r.calls.length, err: r.calls[0].err, same: r.calls[0].result === rebuilt, info: t.info(rebuilt), original: t.info(signedIn) };
        }, { poolData: poolDataOf(P.plain), ...u });
        assert.equal(out.calls, 1);
        assert.equal(out.err, null);
        assert.equal(out.same, true);
        assert.deepEqual(out.info, out.original);
      });
    });

    describe('4. refreshSession on a brand-new CognitoUser', () => {
      for (const [what, clearFirst] of [['nothing in storage', true], ['the signed-in tokens in storage', false]]) {
        it(`new CognitoUser({ Username, Pool }).refreshSession(new CognitoRefreshToken({ RefreshToken }), cb), ${what}: cb(null, session) once, a new valid session, stored, held as signInUserSession`, async () => {
          const u = await signUpConfirmed(backend, P.plain, uniqueName('fresh'));
          const n = requests.length;
          const out = await page.evaluate(async ({ poolData, username, password, clearFirst }) => {
            localStorage.clear();
            const old = await t.signIn(t.user(t.pool(poolData), username), username, password);
            if (clearFirst) localStorage.clear();
            const fresh = t.user(t.pool(poolData), username);
            const token = new AC.CognitoRefreshToken({ RefreshToken: old.getRefreshToken().getToken() });
            const r = await t.node((cb) => fresh.refreshSession(token, cb));
            const result = r.calls[0] && r.calls[0].result;
            return {
              calls: t.nodeCalls(r.calls),
              returnedUndefined: r.returned === undefined,
              old: t.info(old),
              held: fresh.signInUserSession === result && fresh.getSignInUserSession() === result,
              isSession: result instanceof AC.CognitoUserSession,
              username: fresh.username,
              storage: t.snapshot(poolData),
            };
          }, { poolData: poolDataOf(P.plain), ...u, clearFirst });
          assert.equal(out.calls.length, 1, JSON.stringify(out.calls));
          assert.equal(out.calls[0].err, null);
          assert.equal(out.isSession, true);
          const info = out.calls[0].result.session;
          assert.equal(info.valid, true);
          assert.equal(info.refreshToken, out.old.refreshToken, 'no new refresh token issued: the one given is kept');
          assert.notEqual(info.accessToken, out.old.accessToken, 'new tokens');
          assert.equal(jwtPayload(info.accessToken).origin_jti, jwtPayload(out.old.accessToken).origin_jti, 'of the same sign-in');
          assert.equal(out.held, true);
          assert.equal(out.username, u.username);
          assertStored(info, out.storage, P.plain, u.username);
          const refresh = requests.slice(n).filter((r) => r.operation === 'InitiateAuth' && r.json.AuthFlow === 'REFRESH_TOKEN_AUTH');
          assert.equal(refresh.length, 1);
          assert.equal(refresh[0].json.AuthParameters.REFRESH_TOKEN, out.old.refreshToken);
        });
      }
    });

    describe('5. getCachedDeviceKeyAndPassword()', () => {
      it('after a remembered device, a new CognitoUser has no deviceKey until the call; then deviceKey, deviceGroupKey and randomPassword are what storage holds, set in the JS SDK\'s order', async () => {
        const u = await signUpConfirmed(backend, P.device, uniqueName('device'));
        const out = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          const pool = t.pool(poolData);
          const signedIn = t.user(pool, username);
          await t.signIn(signedIn, username, password);
          const later = t.user(pool, username);
          const before = { has: ['deviceKey', 'deviceGroupKey', 'randomPassword'].filter((k) => k in later), deviceKey: later.deviceKey };
          const returned = later.getCachedDeviceKeyAndPassword();
          const nobody = t.user(pool, `${username}-nobody`);
          nobody.getCachedDeviceKeyAndPassword();
          const again = t.user(pool, username);
          await t.signIn(again, username, password);
          return {
            order: { signedIn: Object.keys(signedIn), later: Object.keys(later), again: Object.keys(again) },
            before,
            returnedUndefined: returned === undefined,
            after: { deviceKey: later.deviceKey, deviceGroupKey: later.deviceGroupKey, randomPassword: later.randomPassword },
            signedIn: { deviceKey: signedIn.deviceKey, deviceGroupKey: signedIn.deviceGroupKey, randomPassword: signedIn.randomPassword },
            stored: { deviceKey: t.stored(poolData, username, 'deviceKey'), deviceGroupKey: t.stored(poolData, username, 'deviceGroupKey'), randomPassword: t.stored(poolData, username, 'randomPasswordKey') },
            nobody: ['deviceKey', 'deviceGroupKey', 'randomPassword'].filter((k) => k in nobody),
          };
        }, { poolData: poolDataOf(P.device), ...u });
        assert.deepEqual(out.before, { has: [], deviceKey: undefined });
        assert.equal(out.returnedUndefined, true);
        for (const k of ['deviceKey', 'deviceGroupKey', 'randomPassword']) assert.ok(out.stored[k], `storage holds the ${k}`);
        assert.deepEqual(out.after, out.stored);
        assert.deepEqual(out.signedIn, out.stored, 'the user that signed in holds the same');
        // The order the properties appear in (Object.keys, spread, JSON.stringify): confirming a
        // new device sets them as it goes; getCachedDeviceKeyAndPassword (also called by a
        // sign-in with a remembered device, which leaves no challengeName) in its own order.
        assert.deepEqual(out.order, {
          signedIn: [...NEW_USER_KEYS, 'challengeName', 'verifierDevices', 'deviceGroupKey', 'randomPassword', 'deviceKey'],
          later: [...NEW_USER_KEYS, 'deviceKey', 'randomPassword', 'deviceGroupKey'],
          again: [...NEW_USER_KEYS, 'deviceKey', 'randomPassword', 'deviceGroupKey'],
        });
        assert.deepEqual(out.nobody, [], 'nothing stored for that username: nothing set');
      });
    });

    describe('6. wrapRefreshSessionCallback', () => {
      /** Installs t.wrapping: a pool whose wrap records each call and what the wrapped callback got. */
      const wrapping = () => {
        window.wrapLog = { wraps: [], results: [] };
        t.wrappedPool = (poolData) => t.pool(poolData, (callback) => {
          wrapLog.wraps.push(typeof callback);
          wrapLog.callback = callback;
          return (err, session) => {
            wrapLog.results.push({ err: err ? harness.errInfo(err) : err, session: session ? t.info(session) : session });
            return callback(err, session);
          };
        });
      };

      it('refreshSession(token, cb): wrap(cb) is called once; the wrapped callback gets (null, session) and passes it to cb', async () => {
        const u = await signUpConfirmed(backend, P.plain, uniqueName('wrap'));
        await page.evaluate(wrapping);
        const out = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          const user = t.user(t.wrappedPool(poolData), username);
          const session = await t.signIn(user, username, password);
          const afterSignIn = wrapLog.wraps.length;
          let cb;
          const r = await t.node((callback) => {
            cb = callback;
            return user.refreshSession(session.getRefreshToken(), callback);
          });
          return { afterSignIn, wraps: wrapLog.wraps, wrappedCb: wrapLog.callback === cb, results: wrapLog.results, calls: t.nodeCalls(r.calls) };
        }, { poolData: poolDataOf(P.plain), ...u });
        assert.equal(out.afterSignIn, 0, 'a sign-in does not wrap');
        assert.deepEqual(out.wraps, ['function']);
        assert.equal(out.wrappedCb, true, "wrap receives the app's callback");
        assert.equal(out.results.length, 1);
        assert.equal(out.results[0].err, null);
        assert.equal(out.results[0].session.valid, true);
        assert.equal(out.calls.length, 1);
        assert.deepEqual(out.calls[0].result.session, out.results[0].session);
      });

      it('getSession(cb) on a valid session does not wrap; on an expired one wrap(cb) is called once and the wrapped callback gets the refreshed session', async () => {
        const u = await signUpConfirmed(backend, P.short, uniqueName('wrapexp'));
        await page.evaluate(wrapping);
        const out = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          const user = t.user(t.wrappedPool(poolData), username);
          const session = await t.signIn(user, username, password);
          const valid = await t.node((cb) => user.getSession(cb));
          const wrapsWhileValid = wrapLog.wraps.length;
          const start = Date.now();
          while (session.isValid() && Date.now() - start < 10000) await harness.sleep(100);
          const expired = !session.isValid();
          let cb;
          const r = await t.node((callback) => {
            cb = callback;
            return user.getSession(callback);
          });
          return {
            validCall: { same: valid.calls[0].result === session, count: valid.calls.length },
            wrapsWhileValid,
            expired,
            wraps: wrapLog.wraps,
            wrappedCb: wrapLog.callback === cb,
            results: wrapLog.results,
            calls: t.nodeCalls(r.calls),
            old: t.info(session),
            held: user.signInUserSession === r.calls[0].result,
            storage: t.snapshot(poolData),
          };
        }, { poolData: poolDataOf(P.short), ...u });
        assert.deepEqual(out.validCall, { same: true, count: 1 });
        assert.equal(out.wrapsWhileValid, 0);
        assert.equal(out.expired, true, `the ${SHORT_TOKEN_SECONDS} s session expired`);
        assert.deepEqual(out.wraps, ['function']);
        assert.equal(out.wrappedCb, true);
        assert.equal(out.results.length, 1);
        assert.equal(out.results[0].err, null);
        const info = out.results[0].session;
        assert.equal(info.valid, true);
        assert.notEqual(info.accessToken, out.old.accessToken);
        assert.equal(out.calls.length, 1);
        assert.deepEqual(out.calls[0].result.session, info);
        assert.equal(out.held, true);
        assertStored(info, out.storage, P.short, u.username);
      });
    });

    describe('7. the cache methods, revokeTokens, isSessionRevocable, cleanClientData', () => {
      it('cacheTokens, cacheUserData, clearCachedUserData, cacheDeviceKeyAndPassword, clearCachedDeviceKeyAndPassword, clearCachedTokens, clearCachedUser: the same keys and values, step by step', async () => {
        const pool = P.plain;
        const out = await page.evaluate(({ poolData, username, tokens }) => {
          localStorage.clear();
          const prefix = `CognitoIdentityServiceProvider.${poolData.ClientId}`;
          localStorage.setItem('unrelated', 'kept');
          localStorage.setItem(`${prefix}.someoneElse.idToken`, 'theirs');
          const user = t.user(t.pool(poolData), username);
          user.signInUserSession = t.session(tokens, 7);
          const userData = { Username: username, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] };
          const steps = {};
          const step = (name, fn) => {
            const returned = fn();
            steps[name] = { returned: returned === undefined ? 'undefined' : returned, storage: t.snapshot(poolData) };
          };
          step('cacheTokens', () => user.cacheTokens());
          step('cacheUserData', () => user.cacheUserData(userData));
          step('clearCachedUserData', () => user.clearCachedUserData());
          step('cacheDeviceKeyAndPassword', () => {
            user.deviceKey = 'us-east-1_dk';
            user.randomPassword = 'random-password';
            user.deviceGroupKey = 'group-key';
            return user.cacheDeviceKeyAndPassword();
          });
          step('clearCachedDeviceKeyAndPassword', () => user.clearCachedDeviceKeyAndPassword());
          step('clearCachedTokens', () => {
            user.cacheUserData(userData);
            return user.clearCachedTokens();
          });
          step('clearCachedUser', () => {
            user.cacheTokens();
            user.cacheDeviceKeyAndPassword();
            return user.clearCachedUser();
          });
          step('cleanClientData', () => {
            user.cacheTokens();
            user.cacheUserData(userData);
            return user.cleanClientData();
          });
          const afterClean = { signInUserSession: user.signInUserSession, getter: user.getSignInUserSession() };
          // With no session, cacheTokens throws the TypeError of reading a token from null.
          const before = t.snapshot(poolData);
          let noSession = 'returned';
          try { user.cacheTokens(); } catch (e) { noSession = e instanceof TypeError ? 'TypeError' : `${e && e.constructor && e.constructor.name}: ${e && e.message}`; }
          return { steps, afterClean, noSession, unchanged: JSON.stringify(t.snapshot(poolData)) === JSON.stringify(before) };
        }, { poolData: poolDataOf(pool), username: 'cacheuser', tokens: await fixedTokens() });
        const tokens = await fixedTokens();
        const k = (item) => keyOf(pool, 'cacheuser', item);
        const others = { unrelated: 'kept', [keyOf(pool, 'someoneElse', 'idToken')]: 'theirs' };
        const tokenKeys = {
          [k('idToken')]: tokens.IdToken, [k('accessToken')]: tokens.AccessToken, [k('refreshToken')]: tokens.RefreshToken, [k('clockDrift')]: '7',
          [lastAuthUserKey(pool)]: 'cacheuser',
        };
        const userData = { [k('userData')]: JSON.stringify({ Username: 'cacheuser', UserAttributes: [{ Name: 'email', Value: 'cacheuser@example.com' }] }) };
        const device = { [k('deviceKey')]: 'us-east-1_dk', [k('randomPasswordKey')]: 'random-password', [k('deviceGroupKey')]: 'group-key' };
        const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
        const expected = {
          cacheTokens: { ...others, ...tokenKeys },
          cacheUserData: { ...others, ...tokenKeys, ...userData },
          clearCachedUserData: { ...others, ...tokenKeys },
          cacheDeviceKeyAndPassword: { ...others, ...tokenKeys, ...device },
          clearCachedDeviceKeyAndPassword: { ...others, ...tokenKeys },
          clearCachedTokens: { ...others, ...userData },
          clearCachedUser: { ...others, ...device },
          cleanClientData: { ...others, ...device },
        };
        for (const [name, storage] of Object.entries(expected)) {
          assert.deepEqual(out.steps[name], { returned: 'undefined', storage: sorted(storage) }, name);
        }
        assert.deepEqual(out.afterClean, { signInUserSession: null, getter: null }, 'cleanClientData() drops signInUserSession');
        assert.equal(out.noSession, 'TypeError', 'cacheTokens() with no session');
        assert.equal(out.unchanged, true, 'cacheTokens() with no session writes nothing');
      });

      it('revokeTokens(cb): a RevokeToken request for the refresh token, then cb() with no arguments; the token no longer refreshes; storage untouched', async () => {
        const u = await signUpConfirmed(backend, P.plain, uniqueName('revoke'));
        const n = requests.length;
        const out = await page.evaluate(async ({ poolData, username, password }) => {
          localStorage.clear();
          const user = t.user(t.pool(poolData), username);
          const session = await t.signIn(user, username, password);
          const before = t.snapshot(poolData);
          const args = [];
          const returned = user.revokeTokens((...a) => args.push(a.map((x) => (x instanceof Error ? harness.errInfo(x) : x))));
          await harness.sleep(1000);
          const noSession = [];
          t.user(t.pool(poolData), username).revokeTokens((...a) => noSession.push(a.map((x) => harness.errInfo(x))));
          await harness.sleep(300);
          return { args, returnedUndefined: returned === undefined, refreshToken: session.getRefreshToken().getToken(), sameStorage: JSON.stringify(before) === JSON.stringify(t.snapshot(poolData)), held: user.signInUserSession === session, noSession };
        }, { poolData: poolDataOf(P.plain), ...u });
        assert.deepEqual(out.args, [[]], 'called back once, with no arguments');
        assert.equal(out.returnedUndefined, true);
        assert.equal(out.sameStorage, true);
        assert.equal(out.held, true, 'the session object stays on the user');
        const revoke = requests.slice(n).filter((r) => r.operation === 'RevokeToken');
        assert.equal(revoke.length, 1);
        assert.deepEqual(revoke[0].json, { Token: out.refreshToken, ClientId: P.plain.ClientId });
        const refreshed = await refreshFromNode(backend.endpoint, P.plain, out.refreshToken);
        assert.equal(refreshed.ok, false);
        assert.equal(refreshed.code, 'NotAuthorizedException');
        assert.equal(out.noSession.length, 1);
        assert.equal(out.noSession[0].length, 1);
        assert.equal(out.noSession[0][0].message, 'User is not authenticated');
      });

      it('isSessionRevocable(accessToken): true for tokens with origin_jti, false without', async () => {
        const tokens = await fixedTokens();
        assert.ok(jwtPayload(tokens.AccessToken).origin_jti, 'control: the emulator issues origin_jti');
        const out = await page.evaluate(({ poolData, tokens }) => {
          const user = t.user(t.pool(poolData), 'revocable');
          const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
          const withoutJti = `${b64({ alg: 'none' })}.${b64({ sub: 'x', token_use: 'access', exp: 4102444800, iat: 1700000000 })}.sig`;
          return {
            access: user.isSessionRevocable(new AC.CognitoAccessToken({ AccessToken: tokens.AccessToken })),
            id: user.isSessionRevocable(new AC.CognitoIdToken({ IdToken: tokens.IdToken })),
            withoutJti: user.isSessionRevocable(new AC.CognitoAccessToken({ AccessToken: withoutJti })),
            nothing: user.isSessionRevocable(undefined),
            refresh: user.isSessionRevocable(new AC.CognitoRefreshToken({ RefreshToken: tokens.RefreshToken })),
          };
        }, { poolData: poolDataOf(P.plain), tokens });
        assert.deepEqual(out, { access: true, id: true, withoutJti: false, nothing: false, refresh: false });
      });
    });
  });
}

/** Tokens of one sign-in made from Node, the same for both libraries' runs. */
let fixedTokensMade;
function fixedTokens() {
  fixedTokensMade ??= (async () => {
    const P = await pools();
    const u = await signUpConfirmed(backend, P.plain, uniqueName('fixed'));
    const s = await passwordSignIn(backend.endpoint, P.plain, u.username, u.password);
    assert.ok(s.ok, JSON.stringify(s.data));
    return { IdToken: s.result.IdToken, AccessToken: s.result.AccessToken, RefreshToken: s.result.RefreshToken };
  })();
  return fixedTokensMade;
}

