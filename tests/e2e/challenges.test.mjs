// Every sign-in challenge end to end: headless Chromium, the library loaded by script tag,
// against the project's strict emulator. Each challenge is answered the way the JS SDK's
// README writes it (callback object, the answer sent from inside the challenge callback
// with `this`) and again in Promise form (the challenge rejects with
// UnhandledChallengeException, the app answers with the send* methods' Promises).
// SMS_MFA, SOFTWARE_TOKEN_MFA (TOTP computed here, RFC 6238), SELECT_MFA_TYPE, MFA_SETUP,
// TOTP and email MFA set up by a signed-in user, NEW_PASSWORD_REQUIRED, CUSTOM_CHALLENGE
// (SRP first, and initiateAuth without SRP), mistyped codes, and challenges the app
// cannot answer (nothing stored).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { installResultView } from '../support/result-view.mjs';
import { rfc6238 } from '../support/totp.mjs';
import {
  PASSWORD, adminCall, createPoolAndClient, exposeEmulatorCodes, passwordSignIn, recordCognitoRequests,
  signUpConfirmed, assertCalls, assertSignedIn,
} from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';
import { mfaPool as sharedMfaPool, mfaUser as sharedMfaUser } from '../support/challenge-users.mjs';

const NEW_PASSWORD = 'N3w-Battery-Staple!';
const NAMES = [
  'onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup',
  'selectMFAType', 'associateSecretCode', 'emailOtpRequired', 'smsOtpRequired', 'selectChallenge',
];

const { backend, newPage, setUp } = useBackendPages('emulator');
let page;
let requests;
const pools = {};

/** In-page helpers (window.t), installed before the page's own scripts. */
function pageHelpers() {
  window.t = {
    ...window.resultView,
    user(poolData, username) {
      return new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
    },
    details(username, password) {
      return new AC.AuthenticationDetails({ Username: username, Password: password });
    },
    wrong(code) {
      return code === '000000' ? '111111' : '000000';
    },
  };
}

const poolDataOf = (pool) => ({ UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint });
const opsSince = (n) => requests.slice(n).map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${r.json.ChallengeName}` : r.operation));
const adminGetUser = (pool, username) => adminCall(backend.endpoint, 'AdminGetUser', { UserPoolId: pool.UserPoolId, Username: username });

// The MFA set-ups are tests/support/challenge-users.mjs's, over this file's back end.
const mfaPool = (name, MfaConfiguration, factors) => sharedMfaPool(backend, name, MfaConfiguration, factors);
const mfaUser = (pool, prefix, options) => sharedMfaUser(backend, pool, prefix, options);

/** In the page: emuCodes(userPoolId, username) and totpNow(secret), for the answers. */
async function exposeCodeSources(p) {
  await exposeEmulatorCodes(p, backend);
  await p.exposeFunction('totpNow', (secret) => rfc6238(secret));
}

setUp(async () => {
  [pools.optional, pools.on] = await Promise.all([mfaPool('optional', 'OPTIONAL'), mfaPool('mfaon', 'ON', { totp: true })]);
  page = await newPage({ beforeLoad: exposeCodeSources, init: [installResultView, pageHelpers] });
  requests = recordCognitoRequests(page, backend.endpoint);
});

const unhandled = (err, challengeName) => {
  assert.equal(err.isError, true);
  assert.equal(err.code, 'UnhandledChallengeException');
  assert.equal(err.name, 'UnhandledChallengeException');
  assert.equal(err.challengeName, challengeName);
  assert.ok(err.message.includes(challengeName), `the message names the challenge: ${err.message}`);
};

describe('SMS_MFA', () => {
  let u;
  before(async () => {
    u = await mfaUser(pools.optional, 'sms', { sms: true });
  });

  it('README callbacks: mfaRequired(name, params) → sendMFACode(mistyped, this) → onFailure CodeMismatchException → sendMFACode(code, this) → onSuccess; nothing stored before', async () => {
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      const authenticationDetails = t.details(username, password);
      let keysAtChallenge;
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(authenticationDetails, cb), {
        until: (calls) => calls.some((c) => c.name === 'onSuccess') || calls.filter((c) => c.name === 'onFailure').length > 1,
        behave: {
          mfaRequired: async function (codeDeliveryDetails) {
            keysAtChallenge = t.keys(poolData);
            const { mfa } = await emuCodes(poolData.UserPoolId, username);
            cognitoUser.sendMFACode(t.wrong(mfa), this);
          },
          onFailure: async function (err) {
            if (err.code !== 'CodeMismatchException') return;
            const verificationCode = (await emuCodes(poolData.UserPoolId, username)).mfa;
            cognitoUser.sendMFACode(verificationCode, this);
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, keysAtChallenge, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password, names: NAMES });
    assertCalls(out, ['mfaRequired', 'onFailure', 'onSuccess']);
    const [challenge, failure, success] = out.calls;
    assert.equal(challenge.args[0], 'SMS_MFA');
    assert.deepEqual(challenge.args[1], { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123', USERNAME: u.username });
    assert.deepEqual(out.keysAtChallenge, [], 'nothing stored while the challenge waits');
    assert.equal(failure.args[0].error.code, 'CodeMismatchException');
    assert.equal(failure.args[0].error.statusCode, 400);
    assertSignedIn(success.args[0].session, out.storage, pools.optional, u.username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SMS_MFA', 'Respond:SMS_MFA']);
    const [wrongAnswer, rightAnswer] = requests.slice(n + 2);
    assert.ok(wrongAnswer.json.ChallengeResponses.SMS_MFA_CODE);
    assert.equal(rightAnswer.json.ChallengeResponses.USERNAME, u.username);
    assert.notEqual(wrongAnswer.json.ChallengeResponses.SMS_MFA_CODE, rightAnswer.json.ChallengeResponses.SMS_MFA_CODE);
    assert.equal(wrongAnswer.json.Session, rightAnswer.json.Session, 'the retry answers the same challenge session');
  });

  it('Promise form: authenticateUser rejects with UnhandledChallengeException (SMS_MFA, parameters), stores nothing; sendMFACode(code) Promises: mistyped rejects, right resolves the session', async () => {
    const out = await page.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      const p = user.authenticateUser(t.details(username, password));
      const isPromise = harness.isPromise(p);
      const first = await t.settled(p);
      const keysAfterChallenge = t.keys(poolData);
      const { mfa } = await emuCodes(poolData.UserPoolId, username);
      const wrongP = user.sendMFACode(t.wrong(mfa), null, 'SMS_MFA');
      const wrong = await t.settled(wrongP);
      const right = await t.settled(user.sendMFACode(mfa, undefined, undefined, { source: 'e2e' }));
      return { isPromise, wrongIsPromise: harness.isPromise(wrongP), first, keysAfterChallenge, wrong, right, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password });
    assert.equal(out.isPromise, true);
    assert.equal(out.first.ok, false);
    unhandled(out.first.error, 'SMS_MFA');
    assert.equal(out.first.error.message, 'Cognito asked for the SMS_MFA challenge, but the callback object has no mfaRequired method.');
    assert.equal(out.first.error.challengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.deepEqual(out.keysAfterChallenge, []);
    assert.equal(out.wrongIsPromise, true);
    assert.equal(out.wrong.ok, false);
    assert.equal(out.wrong.error.code, 'CodeMismatchException');
    assert.equal(out.right.ok, true, JSON.stringify(out.right));
    assertSignedIn(out.right.value.session, out.storage, pools.optional, u.username);
    const last = requests.at(-1).json;
    assert.equal(last.ChallengeName, 'SMS_MFA', "mfaType defaults to 'SMS_MFA'");
    assert.deepEqual(last.ClientMetadata, { source: 'e2e' }, 'clientMetadata (4th argument) is sent');
  });
});

describe('SOFTWARE_TOKEN_MFA (TOTP computed by the test)', () => {
  let u;
  before(async () => {
    u = await mfaUser(pools.optional, 'totp', { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' });
  });

  it("README callbacks: totpRequired(name, params) → sendMFACode(mistyped, this, 'SOFTWARE_TOKEN_MFA') → CodeMismatchException → right code → onSuccess", async () => {
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, secret, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      let tries = 0;
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, password), cb), {
        until: (calls) => calls.some((c) => c.name === 'onSuccess') || calls.filter((c) => c.name === 'onFailure').length > 1,
        behave: {
          totpRequired: async function (secretCode) {
            cognitoUser.sendMFACode(t.wrong(await totpNow(secret)), this, 'SOFTWARE_TOKEN_MFA');
          },
          onFailure: async function (err) {
            if (err.code !== 'CodeMismatchException' || ++tries > 1) return;
            const challengeAnswer = await totpNow(secret);
            cognitoUser.sendMFACode(challengeAnswer, this, 'SOFTWARE_TOKEN_MFA');
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password, secret: u.secret, names: NAMES });
    assertCalls(out, ['totpRequired', 'onFailure', 'onSuccess']);
    assert.equal(out.calls[0].args[0], 'SOFTWARE_TOKEN_MFA');
    assert.equal(out.calls[0].args[1].USERNAME, u.username);
    assert.equal(out.calls[0].args[1].FRIENDLY_DEVICE_NAME, 'node');
    assert.equal(out.calls[1].args[0].error.code, 'CodeMismatchException');
    assertSignedIn(out.calls[2].args[0].session, out.storage, pools.optional, u.username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SOFTWARE_TOKEN_MFA', 'Respond:SOFTWARE_TOKEN_MFA']);
    assert.match(requests.at(-1).json.ChallengeResponses.SOFTWARE_TOKEN_MFA_CODE, /^\d{6}$/);
  });

  it("Promise form: rejects with SOFTWARE_TOKEN_MFA; sendMFACode(code, null, 'SOFTWARE_TOKEN_MFA') resolves the session", async () => {
    const out = await page.evaluate(async ({ poolData, username, password, secret }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      const first = await t.settled(user.authenticateUser(t.details(username, password)));
      const keysAfterChallenge = t.keys(poolData);
      const wrong = await t.settled(user.sendMFACode(t.wrong(await totpNow(secret)), null, 'SOFTWARE_TOKEN_MFA'));
      const right = await t.settled(user.sendMFACode(await totpNow(secret), null, 'SOFTWARE_TOKEN_MFA'));
      return { first, keysAfterChallenge, wrong, right, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password, secret: u.secret });
    unhandled(out.first.error, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(out.keysAfterChallenge, []);
    assert.equal(out.wrong.error.code, 'CodeMismatchException');
    assert.equal(out.right.ok, true, JSON.stringify(out.right));
    assertSignedIn(out.right.value.session, out.storage, pools.optional, u.username);
  });
});

describe('SELECT_MFA_TYPE', () => {
  let u;
  before(async () => {
    u = await mfaUser(pools.optional, 'select', { sms: true, totp: true }); // two factors, none preferred
  });

  it("README callbacks: selectMFAType(name, params) → sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', this) → totpRequired → sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA') → onSuccess", async () => {
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, secret, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, password), cb), {
        behave: {
          selectMFAType: function (challengeName, challengeParameters) {
            const mfaType = 'SOFTWARE_TOKEN_MFA'; // what prompt('Please select the MFA method.') would return
            cognitoUser.sendMFASelectionAnswer(mfaType, this);
          },
          totpRequired: async function () {
            cognitoUser.sendMFACode(await totpNow(secret), this, 'SOFTWARE_TOKEN_MFA');
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password, secret: u.secret, names: NAMES });
    assertCalls(out, ['selectMFAType', 'totpRequired', 'onSuccess']);
    assert.equal(out.calls[0].args[0], 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(out.calls[0].args[1].MFAS_CAN_CHOOSE).sort(), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    assert.equal(out.calls[1].args[0], 'SOFTWARE_TOKEN_MFA');
    assertSignedIn(out.calls[2].args[0].session, out.storage, pools.optional, u.username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SELECT_MFA_TYPE', 'Respond:SOFTWARE_TOKEN_MFA']);
    assert.equal(requests[n + 2].json.ChallengeResponses.ANSWER, 'SOFTWARE_TOKEN_MFA');
  });

  it("README callbacks: SMS and email MFA, none preferred → selectMFAType → sendMFASelectionAnswer('EMAIL_OTP', this) → emailOtpRequired → sendMFACode(code, this, 'EMAIL_OTP') → onSuccess", async () => {
    const v = await mfaUser(pools.optional, 'selectmail', { sms: true, email: true });
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, password), cb), {
        behave: {
          selectMFAType: function () { cognitoUser.sendMFASelectionAnswer('EMAIL_OTP', this); },
          emailOtpRequired: async function () {
            cognitoUser.sendMFACode((await emuCodes(poolData.UserPoolId, username)).emailOtp, this, 'EMAIL_OTP');
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: v.username, password: v.password, names: NAMES });
    assertCalls(out, ['selectMFAType', 'emailOtpRequired', 'onSuccess']);
    assert.deepEqual(JSON.parse(out.calls[0].args[1].MFAS_CAN_CHOOSE).sort(), ['EMAIL_OTP', 'SMS_MFA']);
    assertSignedIn(out.calls[2].args[0].session, out.storage, pools.optional, v.username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:SELECT_MFA_TYPE', 'Respond:EMAIL_OTP']);
  });

  it("Promise form: rejects with SELECT_MFA_TYPE; sendMFASelectionAnswer('SMS_MFA') rejects with SMS_MFA (unhandled); sendMFACode(code) resolves", async () => {
    const out = await page.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      const first = await t.settled(user.authenticateUser(t.details(username, password)));
      const selected = await t.settled(user.sendMFASelectionAnswer('SMS_MFA'));
      const { mfa } = await emuCodes(poolData.UserPoolId, username);
      const right = await t.settled(user.sendMFACode(mfa, null, 'SMS_MFA'));
      return { first, selected, right, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password });
    unhandled(out.first.error, 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(out.first.error.challengeParameters.MFAS_CAN_CHOOSE).sort(), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    unhandled(out.selected.error, 'SMS_MFA');
    assert.equal(out.right.ok, true, JSON.stringify(out.right));
    assertSignedIn(out.right.value.session, out.storage, pools.optional, u.username);
  });
});

describe('MFA_SETUP (pool MFA ON, TOTP only)', () => {
  it('README callbacks: mfaSetup → associateSoftwareToken(this) → associateSecretCode(secret) → verifySoftwareToken(code, name, this) → onSuccess; a later sign-in asks totpRequired', async () => {
    const u = await signUpConfirmed(backend, pools.on, uniqueName('setup'));
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      let secret;
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, password), cb), {
        behave: {
          mfaSetup: function (challengeName, challengeParameters) {
            cognitoUser.associateSoftwareToken(this);
          },
          associateSecretCode: async function (secretCode) {
            secret = secretCode;
            const challengeAnswer = await totpNow(secretCode);
            cognitoUser.verifySoftwareToken(challengeAnswer, 'My TOTP device', this);
          },
        },
      });
      const storage = harness.storageSnapshot();
      // Later, a new page visit: the second factor is now asked for.
      localStorage.clear();
      const again = t.user(poolData, username);
      const later = await harness.flow(names, (cb) => again.authenticateUser(t.details(username, password), cb), {
        behave: {
          totpRequired: async function () {
            again.sendMFACode(await totpNow(secret), this, 'SOFTWARE_TOKEN_MFA');
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, secret, storage, later: { calls: t.calls(later.calls), thrown: later.thrown, returned: later.returned }, laterStorage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.on), username: u.username, password: u.password, names: NAMES });
    assertCalls(out, ['mfaSetup', 'associateSecretCode', 'onSuccess']);
    assert.equal(out.calls[0].args[0], 'MFA_SETUP');
    assert.deepEqual(JSON.parse(out.calls[0].args[1].MFAS_CAN_SETUP), ['SOFTWARE_TOKEN_MFA']);
    assert.match(out.secret, /^[A-Z2-7]{52}$/);
    assertSignedIn(out.calls[2].args[0].session, out.storage, pools.on, u.username);
    assert.deepEqual(opsSince(n).slice(0, 5), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'Respond:MFA_SETUP']);
    const [assoc, verify, setupDone] = requests.slice(n + 2, n + 5);
    assert.ok(assoc.json.Session && !assoc.json.AccessToken, 'AssociateSoftwareToken carries the challenge Session');
    assert.ok(verify.json.Session && verify.json.Session !== assoc.json.Session, 'VerifySoftwareToken carries the Session AssociateSoftwareToken returned');
    assert.equal(verify.json.FriendlyDeviceName, 'My TOTP device');
    assert.ok(setupDone.json.Session && setupDone.json.Session !== verify.json.Session, 'MFA_SETUP is answered with the Session VerifySoftwareToken returned');
    assertCalls(out.later, ['totpRequired', 'onSuccess']);
    assertSignedIn(out.later.calls[1].args[0].session, out.laterStorage, pools.on, u.username);
    const me = await adminGetUser(pools.on, u.username);
    assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
  });

  it('chained: an AdminCreateUser user in this pool gets NEW_PASSWORD_REQUIRED, then MFA_SETUP, all answered with `this`', async () => {
    const username = uniqueName('chain');
    await adminCall(backend.endpoint, 'AdminCreateUser', {
      UserPoolId: pools.on.UserPoolId, Username: username, TemporaryPassword: 'Temp-Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    });
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, newPassword, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, 'Temp-Passw0rd!'), cb), {
        behave: {
          newPasswordRequired: function (userAttributes) {
            delete userAttributes.email_verified;
            cognitoUser.completeNewPasswordChallenge(newPassword, {}, this);
          },
          mfaSetup: function () { cognitoUser.associateSoftwareToken(this); },
          associateSecretCode: async function (secretCode) {
            cognitoUser.verifySoftwareToken(await totpNow(secretCode), 'My TOTP device', this);
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.on), username, newPassword: NEW_PASSWORD, names: NAMES });
    assertCalls(out, ['newPasswordRequired', 'mfaSetup', 'associateSecretCode', 'onSuccess']);
    assertSignedIn(out.calls[3].args[0].session, out.storage, pools.on, username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:NEW_PASSWORD_REQUIRED', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'Respond:MFA_SETUP']);
    const me = await adminGetUser(pools.on, username);
    assert.equal(me.UserStatus, 'CONFIRMED');
    assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
  });

  it('Promise form: rejects with MFA_SETUP; associateSoftwareToken() resolves the secret, a mistyped verifySoftwareToken rejects, the right one resolves the session; later sign-in rejects with SOFTWARE_TOKEN_MFA', async () => {
    const u = await signUpConfirmed(backend, pools.on, uniqueName('setupp'));
    const out = await page.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      const first = await t.settled(user.authenticateUser(t.details(username, password)));
      const assocP = user.associateSoftwareToken();
      const assoc = await t.settled(assocP);
      const secret = assoc.value;
      const wrong = await t.settled(user.verifySoftwareToken(t.wrong(await totpNow(secret)), 'My TOTP device'));
      const verified = await t.settled(user.verifySoftwareToken(await totpNow(secret), 'My TOTP device'));
      const storage = harness.storageSnapshot();
      localStorage.clear();
      const again = t.user(poolData, username);
      const later = await t.settled(again.authenticateUser(t.details(username, password)));
      const laterDone = await t.settled(again.sendMFACode(await totpNow(secret), null, 'SOFTWARE_TOKEN_MFA'));
      return { first, assocIsPromise: harness.isPromise(assocP), assoc, wrong, verified, storage, later, laterDone, laterStorage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.on), username: u.username, password: u.password });
    unhandled(out.first.error, 'MFA_SETUP');
    assert.equal(out.assocIsPromise, true);
    assert.equal(out.assoc.ok, true, JSON.stringify(out.assoc));
    assert.match(out.assoc.value, /^[A-Z2-7]{52}$/);
    assert.equal(out.wrong.ok, false);
    assert.equal(out.wrong.error.code, 'EnableSoftwareTokenMFAException');
    assert.equal(out.verified.ok, true, `a mistyped code can be retried: ${JSON.stringify(out.verified)}`);
    assertSignedIn(out.verified.value.session, out.storage, pools.on, u.username);
    unhandled(out.later.error, 'SOFTWARE_TOKEN_MFA');
    assert.equal(out.laterDone.ok, true, JSON.stringify(out.laterDone));
    assertSignedIn(out.laterDone.value.session, out.laterStorage, pools.on, u.username);
  });
});

describe('MFA set up by a signed-in user (setUserMfaPreference)', () => {
  it('TOTP, README callbacks: associateSoftwareToken({associateSecretCode, onFailure}) → verifySoftwareToken(code, name, {onSuccess, onFailure}) → setUserMfaPreference(null, totp, cb); the next sign-in asks totpRequired', async () => {
    const u = await signUpConfirmed(backend, pools.optional, uniqueName('pref'));
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      await cognitoUser.authenticateUser(t.details(username, password)); // no MFA yet
      const assoc = await harness.flow(['associateSecretCode', 'onFailure'], (cb) => cognitoUser.associateSoftwareToken(cb), {
        until: (calls) => calls.length > 0,
      });
      const secretCode = assoc.calls[0] && assoc.calls[0].args[0];
      const code = await totpNow(secretCode);
      const verify = await harness.flow(['onSuccess', 'onFailure'], (cb) => cognitoUser.verifySoftwareToken(code, 'My TOTP device', cb));
      const totpMfaSettings = { PreferredMfa: true, Enabled: true };
      const pref = await harness.nodeCallback((done) => cognitoUser.setUserMfaPreference(null, totpMfaSettings, done));
      localStorage.clear();
      const again = t.user(poolData, username);
      const later = await harness.flow(names, (cb) => again.authenticateUser(t.details(username, password), cb), {
        behave: { totpRequired: async function () { again.sendMFACode(await totpNow(secretCode), this, 'SOFTWARE_TOKEN_MFA'); } },
      });
      return {
        assoc: { calls: t.calls(assoc.calls), returned: assoc.returned, thrown: assoc.thrown },
        verify: { calls: t.calls(verify.calls), returned: verify.returned, thrown: verify.thrown },
        pref: { count: pref.calls.length, err: harness.errInfo(pref.calls[0] && pref.calls[0].err), result: pref.calls[0] && pref.calls[0].result },
        later: { calls: t.calls(later.calls), returned: later.returned, thrown: later.thrown },
        storage: harness.storageSnapshot(),
      };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password, names: NAMES });
    assertCalls(out.assoc, ['associateSecretCode']);
    assert.match(out.assoc.calls[0].args[0], /^[A-Z2-7]{52}$/);
    assertCalls(out.verify, ['onSuccess']);
    assert.equal(out.verify.calls[0].args[0].Status, 'SUCCESS');
    assert.deepEqual(out.pref, { count: 1, err: null, result: 'SUCCESS' });
    const sent = requests.slice(n);
    const assocReq = sent.find((r) => r.operation === 'AssociateSoftwareToken');
    assert.ok(assocReq.json.AccessToken && !assocReq.json.Session, 'a signed-in user associates with the access token');
    const pref = sent.find((r) => r.operation === 'SetUserMFAPreference');
    assert.deepEqual(pref.json.SoftwareTokenMfaSettings, { PreferredMfa: true, Enabled: true });
    assertCalls(out.later, ['totpRequired', 'onSuccess']);
    assertSignedIn(out.later.calls[1].args[0].session, out.storage, pools.optional, u.username);
  });

  it('TOTP, Promise forms: associateSoftwareToken() → secret, verifySoftwareToken() → {Status}, setUserMfaPreference() → SUCCESS', async () => {
    const u = await signUpConfirmed(backend, pools.optional, uniqueName('prefp'));
    const out = await page.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      await user.authenticateUser(t.details(username, password));
      const secret = await user.associateSoftwareToken();
      const wrong = await t.settled(user.verifySoftwareToken(t.wrong(await totpNow(secret)), 'My TOTP device'));
      const verified = await t.settled(user.verifySoftwareToken(await totpNow(secret), 'My TOTP device'));
      const pref = await t.settled(user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }));
      return { secret, wrong, verified, pref };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password });
    assert.match(out.secret, /^[A-Z2-7]{52}$/);
    assert.equal(out.wrong.error.code, 'EnableSoftwareTokenMFAException');
    assert.deepEqual(out.verified, { ok: true, value: { Status: 'SUCCESS' } });
    assert.deepEqual(out.pref, { ok: true, value: 'SUCCESS' });
    const me = await adminGetUser(pools.optional, u.username);
    assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(me.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
  });

  it("EMAIL_OTP, README callbacks: setUserMfaPreference(null, null, cb, emailSettings) → the next sign-in calls emailOtpRequired(name, params) → sendMFACode(mistyped, this, 'EMAIL_OTP') → CodeMismatchException → right code → onSuccess", async () => {
    const u = await signUpConfirmed(backend, pools.optional, uniqueName('email'));
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      await cognitoUser.authenticateUser(t.details(username, password));
      const emailMfaSettings = { PreferredMfa: true, Enabled: true };
      const pref = await harness.nodeCallback((done) => cognitoUser.setUserMfaPreference(null, null, done, emailMfaSettings));
      localStorage.clear();
      const again = t.user(poolData, username);
      let tries = 0;
      const r = await harness.flow(names, (cb) => again.authenticateUser(t.details(username, password), cb), {
        until: (calls) => calls.some((c) => c.name === 'onSuccess') || calls.filter((c) => c.name === 'onFailure').length > 1,
        behave: {
          emailOtpRequired: async function (challengeName, challengeParameters) {
            const { emailOtp } = await emuCodes(poolData.UserPoolId, username);
            again.sendMFACode(t.wrong(emailOtp), this, 'EMAIL_OTP');
          },
          onFailure: async function (err) {
            if (err.code !== 'CodeMismatchException' || ++tries > 1) return;
            const { emailOtp } = await emuCodes(poolData.UserPoolId, username);
            again.sendMFACode(emailOtp, this, 'EMAIL_OTP');
          },
        },
      });
      return {
        pref: { count: pref.calls.length, err: harness.errInfo(pref.calls[0] && pref.calls[0].err), result: pref.calls[0] && pref.calls[0].result },
        calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot(),
      };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password, names: NAMES });
    assert.deepEqual(out.pref, { count: 1, err: null, result: 'SUCCESS' });
    const prefReq = requests.slice(n).find((r) => r.operation === 'SetUserMFAPreference');
    assert.deepEqual(prefReq.json.EmailMfaSettings, { PreferredMfa: true, Enabled: true });
    assert.equal(prefReq.json.SMSMfaSettings ?? null, null);
    assertCalls(out, ['emailOtpRequired', 'onFailure', 'onSuccess']);
    assert.equal(out.calls[0].args[0], 'EMAIL_OTP');
    assert.deepEqual(out.calls[0].args[1], { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: out.calls[0].args[1].CODE_DELIVERY_DESTINATION, USERNAME: u.username });
    assert.match(out.calls[0].args[1].CODE_DELIVERY_DESTINATION, /\*\*\*@/);
    assert.equal(out.calls[1].args[0].error.code, 'CodeMismatchException');
    assertSignedIn(out.calls[2].args[0].session, out.storage, pools.optional, u.username);
    assert.deepEqual(opsSince(n).slice(-4), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:EMAIL_OTP', 'Respond:EMAIL_OTP']);
    assert.ok(requests.at(-1).json.ChallengeResponses.EMAIL_OTP_CODE);
    const me = await adminGetUser(pools.optional, u.username);
    assert.deepEqual(me.UserMFASettingList, ['EMAIL_OTP']);
    assert.equal(me.PreferredMfaSetting, 'EMAIL_OTP');
  });

  it("EMAIL_OTP, Promise forms: setUserMfaPreference(null, null, undefined, email) → SUCCESS; sign-in rejects with EMAIL_OTP; sendMFACode(code, null, 'EMAIL_OTP') resolves", async () => {
    const u = await signUpConfirmed(backend, pools.optional, uniqueName('emailp'));
    const out = await page.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      await user.authenticateUser(t.details(username, password));
      const pref = await t.settled(user.setUserMfaPreference(null, null, undefined, { PreferredMfa: true, Enabled: true }));
      localStorage.clear();
      const again = t.user(poolData, username);
      const first = await t.settled(again.authenticateUser(t.details(username, password)));
      const { emailOtp } = await emuCodes(poolData.UserPoolId, username);
      const right = await t.settled(again.sendMFACode(emailOtp, null, 'EMAIL_OTP'));
      return { pref, first, right, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password });
    assert.deepEqual(out.pref, { ok: true, value: 'SUCCESS' });
    unhandled(out.first.error, 'EMAIL_OTP');
    assert.equal(out.right.ok, true, JSON.stringify(out.right));
    assertSignedIn(out.right.value.session, out.storage, pools.optional, u.username);
  });
});

describe('NEW_PASSWORD_REQUIRED (AdminCreateUser)', () => {
  let pool;
  let users;
  before(async () => {
    // This pool has a required attribute.
    pool = await createPoolAndClient(backend.endpoint, {
      poolName: uniqueName('newpw'), poolSettings: { Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true }] },
    });
    users = [];
    for (const prefix of ['admincb', 'adminp']) {
      const username = uniqueName(prefix);
      await adminCall(backend.endpoint, 'AdminCreateUser', {
        UserPoolId: pool.UserPoolId, Username: username, TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' }, { Name: 'name', Value: 'Old Name' }],
      });
      users.push(username);
    }
    // The emulator's AdminCreateUser insists on every required attribute, so a user lacking
    // one (as after an import, or a schema change) is made by requiring one more now.
    backend.store.pools.get(pool.UserPoolId).requiredAttributes.push('family_name');
  });

  it('README callbacks: newPasswordRequired(userAttributes, requiredAttributes) → completeNewPasswordChallenge without the required one → InvalidParameterException → with it → onSuccess; the new password works', async () => {
    const username = users[0];
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, newPassword, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      let sessionUserAttributes;
      let given;
      let attempts = 0;
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, 'Temp-Passw0rd!'), cb), {
        until: (calls) => calls.some((c) => c.name === 'onSuccess') || calls.filter((c) => c.name === 'onFailure').length > 1,
        behave: {
          newPasswordRequired: function (userAttributes, requiredAttributes) {
            given = JSON.parse(JSON.stringify(userAttributes)); // as received (the app edits it below)
            // the api doesn't accept this field back
            delete userAttributes.email_verified;
            sessionUserAttributes = userAttributes;
            sessionUserAttributes.name = 'New Name';
            cognitoUser.completeNewPasswordChallenge(newPassword, sessionUserAttributes, this);
          },
          onFailure: function (err) {
            if (err.code !== 'InvalidParameterException' || ++attempts > 1) return;
            sessionUserAttributes.family_name = 'Family';
            cognitoUser.completeNewPasswordChallenge(newPassword, sessionUserAttributes, this);
          },
        },
      });
      return { given, calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pool), username, newPassword: NEW_PASSWORD, names: NAMES });
    assertCalls(out, ['newPasswordRequired', 'onFailure', 'onSuccess']);
    const requiredAttributes = out.calls[0].args[1];
    assert.deepEqual(requiredAttributes, ['family_name'], 'names without the userAttributes. prefix');
    assert.deepEqual(out.given, { email: `${username}@example.com`, email_verified: 'true', name: 'Old Name' }, 'userAttributes: the attributes without sub');
    assert.equal(out.calls[1].args[0].error.code, 'InvalidParameterException');
    assertSignedIn(out.calls[2].args[0].session, out.storage, pool, username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:NEW_PASSWORD_REQUIRED', 'Respond:NEW_PASSWORD_REQUIRED']);
    const answer = requests.at(-1).json.ChallengeResponses;
    assert.equal(answer.NEW_PASSWORD, NEW_PASSWORD);
    assert.equal(answer.USERNAME, username);
    assert.equal(answer['userAttributes.name'], 'New Name');
    assert.equal(answer['userAttributes.family_name'], 'Family');
    assert.equal(answer['userAttributes.email_verified'], undefined);
    const me = await adminGetUser(pool, username);
    assert.equal(me.UserStatus, 'CONFIRMED');
    assert.equal(me.UserAttributes.find((a) => a.Name === 'family_name')?.Value, 'Family');
    assert.equal((await passwordSignIn(backend.endpoint, pool, username, NEW_PASSWORD)).ok, true, 'the new password works');
    assert.equal((await passwordSignIn(backend.endpoint, pool, username, 'Temp-Passw0rd!')).code, 'NotAuthorizedException', 'the temporary one does not');
  });

  it('Promise form: rejects with NEW_PASSWORD_REQUIRED (raw parameters); completeNewPasswordChallenge(password, attrs) resolves the session', async () => {
    const username = users[1];
    const out = await page.evaluate(async ({ poolData, username, newPassword }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      const first = await t.settled(user.authenticateUser(t.details(username, 'Temp-Passw0rd!')));
      const keysAfterChallenge = t.keys(poolData);
      const done = await t.settled(user.completeNewPasswordChallenge(newPassword, { family_name: 'Family' }, undefined, { source: 'e2e' }));
      return { first, keysAfterChallenge, done, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pool), username, newPassword: NEW_PASSWORD });
    unhandled(out.first.error, 'NEW_PASSWORD_REQUIRED');
    assert.deepEqual(JSON.parse(out.first.error.challengeParameters.requiredAttributes), ['userAttributes.family_name']);
    assert.deepEqual(out.keysAfterChallenge, []);
    assert.equal(out.done.ok, true, JSON.stringify(out.done));
    assertSignedIn(out.done.value.session, out.storage, pool, username);
    assert.deepEqual(requests.at(-1).json.ClientMetadata, { source: 'e2e' }, 'clientMetadata (4th argument) is sent');
    assert.equal((await adminGetUser(pool, username)).UserStatus, 'CONFIRMED');
  });
});

describe('CUSTOM_CHALLENGE', () => {
  const CUSTOM_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  let srpPool;
  let plainPool;
  before(async () => {
    [srpPool, plainPool] = await Promise.all([
      createPoolAndClient(backend.endpoint, { poolName: uniqueName('customsrp'), flows: CUSTOM_FLOWS }),
      createPoolAndClient(backend.endpoint, { poolName: uniqueName('custom'), flows: CUSTOM_FLOWS }),
    ]);
    await backend.post('/_test/custom-auth', { userPoolId: srpPool.UserPoolId, srpFirst: true, challenges: [{ answer: 'otp-123', publicChallengeParameters: { question: 'code?' } }] });
    await backend.post('/_test/custom-auth', {
      userPoolId: plainPool.UserPoolId,
      challenges: [{ answer: 'blue', publicChallengeParameters: { question: 'colour?' } }, { answer: '42', publicChallengeParameters: { question: 'number?' } }],
    });
  });

  it("SRP first, README callbacks: setAuthenticationFlowType('CUSTOM_AUTH') + authenticateUser → customChallenge(params) → wrong answer re-asks → sendCustomChallengeAnswer(answer, this, clientMetadata) → onSuccess", async () => {
    const u = await signUpConfirmed(backend, srpPool, uniqueName('csrp'));
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, password, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH');
      let asked = 0;
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, password), cb), {
        behave: {
          customChallenge: function (challengeParameters) {
            // User authentication depends on challenge response
            const challengeResponses = ++asked === 1 ? 'not-it' : 'otp-123';
            cognitoUser.sendCustomChallengeAnswer(challengeResponses, this, { source: 'e2e' });
          },
        },
      });
      return { flow: cognitoUser.getAuthenticationFlowType(), calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(srpPool), username: u.username, password: u.password, names: NAMES });
    assert.equal(out.flow, 'CUSTOM_AUTH');
    assertCalls(out, ['customChallenge', 'customChallenge', 'onSuccess']);
    assert.deepEqual(out.calls[0].args, [{ question: 'code?', USERNAME: u.username }], 'customChallenge(challengeParameters) only');
    assertSignedIn(out.calls[2].args[0].session, out.storage, srpPool, u.username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'Respond:CUSTOM_CHALLENGE', 'Respond:CUSTOM_CHALLENGE']);
    const sent = requests.slice(n);
    assert.equal(sent[0].json.AuthFlow, 'CUSTOM_AUTH');
    assert.equal(sent[0].json.AuthParameters.CHALLENGE_NAME, 'SRP_A');
    assert.match(sent[0].json.AuthParameters.SRP_A, /^[0-9a-f]+$/);
    assert.equal(sent[0].json.AuthParameters.PASSWORD, undefined);
    assert.deepEqual(sent.slice(2).map((r) => r.json.ChallengeResponses.ANSWER), ['not-it', 'otp-123']);
    assert.deepEqual(sent[3].json.ClientMetadata, { source: 'e2e' });
  });

  it('SRP first, Promise form: rejects with CUSTOM_CHALLENGE; sendCustomChallengeAnswer(wrong) rejects again with CUSTOM_CHALLENGE, the right one resolves', async () => {
    const u = await signUpConfirmed(backend, srpPool, uniqueName('csrpp'));
    const out = await page.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      user.setAuthenticationFlowType('CUSTOM_AUTH');
      const first = await t.settled(user.authenticateUser(t.details(username, password)));
      const wrong = await t.settled(user.sendCustomChallengeAnswer('not-it'));
      const right = await t.settled(user.sendCustomChallengeAnswer('otp-123'));
      return { first, wrong, right, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(srpPool), username: u.username, password: u.password });
    unhandled(out.first.error, 'CUSTOM_CHALLENGE');
    assert.deepEqual(out.first.error.challengeParameters, { question: 'code?', USERNAME: u.username });
    unhandled(out.wrong.error, 'CUSTOM_CHALLENGE');
    assert.equal(out.right.ok, true, JSON.stringify(out.right));
    assertSignedIn(out.right.value.session, out.storage, srpPool, u.username);
  });

  it('without SRP, README callbacks: initiateAuth(new AuthenticationDetails({Username, AuthParameters}), cb) → two customChallenge steps → onSuccess; no password sent', async () => {
    const u = await signUpConfirmed(backend, plainPool, uniqueName('cplain'));
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      const authenticationDetails = new AC.AuthenticationDetails({ Username: username, AuthParameters: { HINT: 'e2e' } });
      const answers = { 'colour?': 'blue', 'number?': '42' };
      const r = await harness.flow(names, (cb) => cognitoUser.initiateAuth(authenticationDetails, cb), {
        behave: {
          customChallenge: function (challengeParameters) {
            cognitoUser.sendCustomChallengeAnswer(answers[challengeParameters.question], this);
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(plainPool), username: u.username, names: NAMES });
    assertCalls(out, ['customChallenge', 'customChallenge', 'onSuccess']);
    assert.deepEqual(out.calls.slice(0, 2).map((c) => c.args[0].question), ['colour?', 'number?']);
    assertSignedIn(out.calls[2].args[0].session, out.storage, plainPool, u.username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:CUSTOM_CHALLENGE', 'Respond:CUSTOM_CHALLENGE']);
    const init = requests[n].json;
    assert.equal(init.AuthFlow, 'CUSTOM_AUTH');
    assert.deepEqual(init.AuthParameters, { HINT: 'e2e', USERNAME: u.username }, 'the app\'s AuthParameters plus USERNAME; no SRP_A');
  });

  it('without SRP, Promise form: initiateAuth(details) rejects with CUSTOM_CHALLENGE; the answers resolve the session', async () => {
    const u = await signUpConfirmed(backend, plainPool, uniqueName('cplainp'));
    const out = await page.evaluate(async ({ poolData, username }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      const p = user.initiateAuth(new AC.AuthenticationDetails({ Username: username }));
      const first = await t.settled(p);
      const second = await t.settled(user.sendCustomChallengeAnswer('blue'));
      const done = await t.settled(user.sendCustomChallengeAnswer('42'));
      return { isPromise: harness.isPromise(p), first, second, done, storage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(plainPool), username: u.username });
    assert.equal(out.isPromise, true);
    unhandled(out.first.error, 'CUSTOM_CHALLENGE');
    assert.equal(out.first.error.challengeParameters.question, 'colour?');
    unhandled(out.second.error, 'CUSTOM_CHALLENGE');
    assert.equal(out.second.error.challengeParameters.question, 'number?');
    assert.equal(out.done.ok, true, JSON.stringify(out.done));
    assertSignedIn(out.done.value.session, out.storage, plainPool, u.username);
  });
});

describe('challenges the app cannot answer', () => {
  let u;
  before(async () => {
    u = await mfaUser(pools.optional, 'unhandled', { sms: true });
  });

  it('a callback object without mfaRequired: onFailure once with UnhandledChallengeException naming SMS_MFA; localStorage untouched', async () => {
    const out = await page.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      localStorage.setItem('unrelated', 'kept');
      const before = harness.storageSnapshot();
      const cognitoUser = t.user(poolData, username);
      const r = await harness.flow(['onSuccess', 'onFailure'], (cb) => cognitoUser.authenticateUser(t.details(username, password), cb), { settleMs: 500 });
      const after = harness.storageSnapshot();
      const session = cognitoUser.getSignInUserSession();
      // The sign-in still waits for the code: the app may answer it now.
      const { mfa } = await emuCodes(poolData.UserPoolId, username);
      const late = await harness.flow(['onSuccess', 'onFailure'], (cb) => cognitoUser.sendMFACode(mfa, cb));
      return { before, after, calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, session, late: t.calls(late.calls), lateStorage: harness.storageSnapshot() };
    }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password });
    assertCalls(out, ['onFailure']);
    const err = out.calls[0].args[0].error;
    unhandled(err, 'SMS_MFA');
    assert.match(err.message, /mfaRequired/, 'the message names the missing method');
    assert.equal(err.challengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.deepEqual(out.after, out.before, 'nothing written to localStorage');
    assert.equal(out.session, null);
    assert.deepEqual(out.late.map((c) => c.name), ['onSuccess'], 'the challenge can still be answered afterwards');
    assertSignedIn(out.late[0].args[0].session, out.lateStorage, pools.optional, u.username);
  });

  it('a challenge this SDK does not know (response rewritten in flight): onFailure / rejection with UnhandledChallengeException naming it; localStorage untouched in both forms', async () => {
    const isCognito = (url) => url.href.replace(/\/+$/, '') === backend.endpoint.replace(/\/+$/, '');
    const handler = async (route) => {
      const target = route.request().headers()['x-amz-target'] || '';
      const response = await route.fetch();
      if (!target.endsWith('.RespondToAuthChallenge')) return route.fulfill({ response });
      const real = await response.json();
      const body = { ChallengeName: 'FUTURE_CHALLENGE', Session: real.Session || 'opaque-session', ChallengeParameters: { USERNAME: u.username, hint: 'from the future' } };
      return route.fulfill({ response, body: JSON.stringify(body) });
    };
    await page.route(isCognito, handler);
    try {
      const out = await page.evaluate(async ({ poolData, username, password, names }) => {
        localStorage.clear();
        localStorage.setItem('unrelated', 'kept');
        const before = harness.storageSnapshot();
        const cognitoUser = t.user(poolData, username);
        const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(t.details(username, password), cb), { settleMs: 500 });
        const afterCallback = harness.storageSnapshot();
        const again = t.user(poolData, username);
        const promise = await t.settled(again.authenticateUser(t.details(username, password)));
        return { before, afterCallback, afterPromise: harness.storageSnapshot(), calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, promise };
      }, { poolData: poolDataOf(pools.optional), username: u.username, password: u.password, names: NAMES });
      assertCalls(out, ['onFailure']);
      for (const err of [out.calls[0].args[0].error, out.promise.error]) {
        unhandled(err, 'FUTURE_CHALLENGE');
        assert.equal(err.challengeParameters.hint, 'from the future');
      }
      assert.equal(out.promise.ok, false);
      assert.deepEqual(out.afterCallback, out.before, 'nothing written (callback form)');
      assert.deepEqual(out.afterPromise, out.before, 'nothing written (Promise form)');
    } finally {
      await page.unroute(isCognito, handler);
    }
  });
});

describe('page health', () => {
  it('no uncaught page errors', () => {
    assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror:')), []);
  });
});
