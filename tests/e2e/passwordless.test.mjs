// Choice-based sign-in (USER_AUTH) end to end: headless Chromium, the library loaded by
// script tag, against the project's emulator. SELECT_CHALLENGE answered with each first
// factor (PASSWORD_SRP, PASSWORD, EMAIL_OTP, SMS_OTP) through callbacks (README style,
// `this` passed back) and through Promises; PreferredChallenge given up front; and
// passkeys: registered through Chromium's virtual authenticator (CDP WebAuthn domain),
// listed, used to sign in on a new page load without a password, deleted.
// The page for passkeys is served from http://localhost:<port>: WebAuthn needs a secure
// context and a relying party id that is a registrable suffix of the page's host, which
// "localhost" is and "127.0.0.1" is not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { installResultView } from '../support/result-view.mjs';
import {
  PASSWORD, cognitoCall, exposeEmulatorCodes, passwordSignIn, recordCognitoRequests, signUpConfirmed, waitReady,
  assertCalls, assertSignedIn,
} from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const PHONE = '+15555550123';
const NAMES = [
  'onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup',
  'selectMFAType', 'emailOtpRequired', 'smsOtpRequired', 'selectChallenge',
];
const CODE_KEY = { EMAIL_OTP: 'emailOtp', SMS_OTP: 'smsOtp' };
const OTP_CALLBACK = { EMAIL_OTP: 'emailOtpRequired', SMS_OTP: 'smsOtpRequired' };
const OTP_FIELD = { EMAIL_OTP: 'EMAIL_OTP_CODE', SMS_OTP: 'SMS_OTP_CODE' };

// A pool whose client may sign in by choice (USER_AUTH) with every first factor.
const { server, backend, pool, newPage, setUp } = useBackendPages('emulator', {
  poolName: 'userauth',
  poolSettings: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] } } },
  flows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
});
let page;
let requests;

function pageHelpers() {
  window.t = {
    ...window.resultView,
    user(poolData, username) {
      const u = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
      u.setAuthenticationFlowType('USER_AUTH');
      return u;
    },
    wrong(code) {
      return code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    },
  };
}

const poolData = () => ({ UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint });
const opsSince = (n) => requests.slice(n).map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${r.json.ChallengeName}` : r.operation));

/** Opens the script-tag page at `origin` with the helpers and the emulator's codes exposed. */
function openUserAuthPage(origin) {
  return newPage({ origin, beforeLoad: (p) => exposeEmulatorCodes(p, backend), init: [installResultView, pageHelpers] });
}

/** A confirmed user with a verified email and (unless `phone` is false) a verified phone number. */
async function passwordlessUser(prefix, { phone = true } = {}) {
  const u = await signUpConfirmed(backend, pool, uniqueName(prefix), { attributes: phone ? { phone_number: PHONE } : {} });
  if (phone) {
    const s = await passwordSignIn(backend.endpoint, pool, u.username, PASSWORD);
    const AccessToken = s.result.AccessToken;
    await cognitoCall(backend.endpoint, 'GetUserAttributeVerificationCode', { AccessToken, AttributeName: 'phone_number' });
    const Code = (await backend.codes(pool, u.username))['attribute:phone_number'];
    const v = await cognitoCall(backend.endpoint, 'VerifyUserAttribute', { AccessToken, AttributeName: 'phone_number', Code });
    assert.ok(v.ok, `phone verification: ${JSON.stringify(v.data)}`);
  }
  return u;
}

function assertUnhandled(err, challengeName) {
  assert.equal(err.code, 'UnhandledChallengeException', JSON.stringify(err));
  assert.equal(err.challengeName, challengeName);
}

/** The password must not appear in any request since `n` (PASSWORD_SRP, OTP and passkey flows). */
function assertNoPasswordSent(n, password) {
  for (const r of requests.slice(n)) assert.ok(!r.body.includes(password), `${r.operation} carries the password`);
}

setUp(async () => {
  page = await openUserAuthPage(server.url);
  requests = recordCognitoRequests(page, backend.endpoint);
});

describe('USER_AUTH: SELECT_CHALLENGE', () => {
  let u;
  before(async () => {
    u = await passwordlessUser('choose');
  });

  for (const choice of ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP', 'SMS_OTP']) {
    const otp = choice.endsWith('_OTP');
    const expected = otp ? ['selectChallenge', OTP_CALLBACK[choice], 'onFailure', 'onSuccess'] : ['selectChallenge', 'onSuccess'];

    it(`callbacks: selectChallenge(available, params) → sendSelectChallengeAnswer('${choice}', this)${otp ? ` → ${OTP_CALLBACK[choice]} → mistyped code → CodeMismatchException → sendMFACode(code, this, '${choice}')` : ''} → onSuccess`, async () => {
      const n = requests.length;
      const out = await page.evaluate(async ({ poolData, username, password, choice, codeKey, otp, names }) => {
        localStorage.clear();
        const cognitoUser = t.user(poolData, username);
        const details = new AC.AuthenticationDetails(otp ? { Username: username } : { Username: username, Password: password });
        let keysAtChoice;
        let tries = 0;
        const answerCode = async (that, mistype) => {
          const code = (await emuCodes(poolData.UserPoolId, username))[codeKey];
          cognitoUser.sendMFACode(mistype ? t.wrong(code) : code, that, choice);
        };
        const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(details, cb), {
          until: (calls) => calls.some((c) => c.name === 'onSuccess') || calls.filter((c) => c.name === 'onFailure').length > (otp ? 1 : 0),
          behave: {
            selectChallenge: function (availableChallenges, challengeParameters) {
              keysAtChoice = t.keys(poolData);
              cognitoUser.sendSelectChallengeAnswer(choice, this);
            },
            emailOtpRequired: function () { return answerCode(this, true); },
            smsOtpRequired: function () { return answerCode(this, true); },
            onFailure: function (err) {
              if (otp && err.code === 'CodeMismatchException' && ++tries === 1) return answerCode(this, false);
            },
          },
        });
        return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, keysAtChoice, storage: harness.storageSnapshot() };
      }, { poolData: poolData(), username: u.username, password: u.password, choice, codeKey: CODE_KEY[choice], otp, names: NAMES });
      assertCalls(out, expected);
      const [available, params] = out.calls[0].args;
      assert.deepEqual([...available].sort(), ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP', 'SMS_OTP'], 'no WEB_AUTHN without a passkey');
      assert.equal(params.USERNAME, u.username);
      assert.deepEqual(out.keysAtChoice, []);
      if (otp) {
        assert.equal(out.calls[1].args[0], choice);
        assert.equal(out.calls[1].args[1].CODE_DELIVERY_DELIVERY_MEDIUM, choice === 'SMS_OTP' ? 'SMS' : 'EMAIL');
        assert.equal(out.calls[2].args[0].error.code, 'CodeMismatchException');
      }
      assertSignedIn(out.calls.at(-1).args[0].session, out.storage, pool, u.username);

      const sent = requests.slice(n);
      assert.equal(sent[0].json.AuthFlow, 'USER_AUTH');
      assert.deepEqual(sent[0].json.AuthParameters, { USERNAME: u.username }, 'no factor chosen up front');
      const select = sent[1].json;
      assert.equal(select.ChallengeName, 'SELECT_CHALLENGE');
      assert.equal(select.ChallengeResponses.ANSWER, choice);
      assert.ok(select.Session);
      if (choice === 'PASSWORD_SRP') {
        assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:SELECT_CHALLENGE', 'Respond:PASSWORD_VERIFIER']);
        assert.match(select.ChallengeResponses.SRP_A, /^[0-9a-f]+$/);
        assert.ok(sent[2].json.Session, 'PASSWORD_VERIFIER carries the Session USER_AUTH gave');
        assertNoPasswordSent(n, u.password);
      } else if (choice === 'PASSWORD') {
        assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:SELECT_CHALLENGE']);
        assert.equal(select.ChallengeResponses.PASSWORD, u.password);
      } else {
        assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:SELECT_CHALLENGE', `Respond:${choice}`, `Respond:${choice}`]);
        assert.match(sent[3].json.ChallengeResponses[OTP_FIELD[choice]], /^\d{8}$/);
        assertNoPasswordSent(n, u.password);
      }
    });

    it(`Promise form: authenticateUser rejects with SELECT_CHALLENGE; sendSelectChallengeAnswer('${choice}')${otp ? ` rejects with ${choice}; sendMFACode(code, null, '${choice}')` : ''} resolves the session`, async () => {
      const out = await page.evaluate(async ({ poolData, username, password, choice, codeKey, otp }) => {
        localStorage.clear();
        const user = t.user(poolData, username);
        const p = user.authenticateUser(new AC.AuthenticationDetails(otp ? { Username: username } : { Username: username, Password: password }));
        const first = await t.settled(p);
        const keysAfterChallenge = t.keys(poolData);
        const selected = await t.settled(user.sendSelectChallengeAnswer(choice));
        let done = selected;
        if (otp) {
          const code = (await emuCodes(poolData.UserPoolId, username))[codeKey];
          done = await t.settled(user.sendMFACode(code, null, choice));
        }
        return { isPromise: harness.isPromise(p), first, keysAfterChallenge, selected, done, storage: harness.storageSnapshot() };
      }, { poolData: poolData(), username: u.username, password: u.password, choice, codeKey: CODE_KEY[choice], otp });
      assert.equal(out.isPromise, true);
      assertUnhandled(out.first.error, 'SELECT_CHALLENGE');
      assert.deepEqual(out.keysAfterChallenge, []);
      if (otp) assertUnhandled(out.selected.error, choice);
      assert.equal(out.done.ok, true, JSON.stringify(out.done));
      assertSignedIn(out.done.value.session, out.storage, pool, u.username);
    });
  }

  it('Promise form: the SELECT_CHALLENGE rejection tells the app what it may choose (availableChallenges, as selectChallenge gets)', async () => {
    const out = await page.evaluate(async ({ poolData, username }) => {
      const first = await t.settled(t.user(poolData, username).authenticateUser(new AC.AuthenticationDetails({ Username: username })));
      return first.error;
    }, { poolData: poolData(), username: u.username });
    assertUnhandled(out, 'SELECT_CHALLENGE');
    assert.deepEqual(out.challengeParameters, { USERNAME: u.username });
    assert.deepEqual([...(out.availableChallenges || [])].sort(), ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP', 'SMS_OTP']);
  });

  it("sendSelectChallengeAnswer('PASSWORD_SRP') when authenticateUser got no password: a coded error, nothing stored", async () => {
    const out = await page.evaluate(async ({ poolData, username }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      await t.settled(user.authenticateUser(new AC.AuthenticationDetails({ Username: username })));
      const r = await t.settled(user.sendSelectChallengeAnswer('PASSWORD_SRP'));
      return { r, keys: t.keys(poolData) };
    }, { poolData: poolData(), username: u.username });
    assert.equal(out.r.ok, false);
    assert.equal(typeof out.r.error.code, 'string', JSON.stringify(out.r.error));
    assert.deepEqual(out.keys, []);
  });

  it('a SELECT_CHALLENGE with no selectChallenge method: onFailure once, UnhandledChallengeException with the challenge and its parameters; nothing stored', async () => {
    const out = await page.evaluate(async ({ poolData, username }) => {
      localStorage.clear();
      const before = harness.storageSnapshot();
      const user = t.user(poolData, username);
      const r = await harness.flow(['onSuccess', 'onFailure'], (cb) => user.authenticateUser(new AC.AuthenticationDetails({ Username: username }), cb), { settleMs: 400 });
      return { before, after: harness.storageSnapshot(), calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown };
    }, { poolData: poolData(), username: u.username });
    assertCalls(out, ['onFailure']);
    assertUnhandled(out.calls[0].args[0].error, 'SELECT_CHALLENGE');
    assert.match(out.calls[0].args[0].error.message, /selectChallenge/);
    assert.deepEqual(out.after, out.before);
  });
});

describe('USER_AUTH: PreferredChallenge', () => {
  let u;
  let emailOnly;
  before(async () => {
    [u, emailOnly] = await Promise.all([passwordlessUser('prefer'), passwordlessUser('emailonly', { phone: false })]);
  });

  it("callbacks: PreferredChallenge 'EMAIL_OTP' → emailOtpRequired at once (no selectChallenge) → sendMFACode(code, this, 'EMAIL_OTP') → onSuccess", async () => {
    const n = requests.length;
    const out = await page.evaluate(async ({ poolData, username, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      const details = new AC.AuthenticationDetails({ Username: username, PreferredChallenge: 'EMAIL_OTP' });
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(details, cb), {
        behave: {
          emailOtpRequired: async function (challengeName, challengeParameters) {
            const { emailOtp } = await emuCodes(poolData.UserPoolId, username);
            cognitoUser.sendMFACode(emailOtp, this, 'EMAIL_OTP');
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolData(), username: u.username, names: NAMES });
    assertCalls(out, ['emailOtpRequired', 'onSuccess']);
    assert.equal(out.calls[0].args[0], 'EMAIL_OTP');
    assertSignedIn(out.calls[1].args[0].session, out.storage, pool, u.username);
    assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:EMAIL_OTP']);
    assert.deepEqual(requests[n].json.AuthParameters, { USERNAME: u.username, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
  });

  for (const preferred of ['PASSWORD', 'PASSWORD_SRP']) {
    it(`Promise form: PreferredChallenge '${preferred}' with the password signs in at once`, async () => {
      const n = requests.length;
      const out = await page.evaluate(async ({ poolData, username, password, preferred }) => {
        localStorage.clear();
        const user = t.user(poolData, username);
        const done = await t.settled(user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password, PreferredChallenge: preferred })));
        return { done, storage: harness.storageSnapshot() };
      }, { poolData: poolData(), username: u.username, password: u.password, preferred });
      assert.equal(out.done.ok, true, JSON.stringify(out.done));
      assertSignedIn(out.done.value.session, out.storage, pool, u.username);
      const init = requests[n].json;
      assert.equal(init.AuthFlow, 'USER_AUTH');
      assert.equal(init.AuthParameters.PREFERRED_CHALLENGE, preferred);
      if (preferred === 'PASSWORD') {
        assert.deepEqual(opsSince(n), ['InitiateAuth']);
        assert.equal(init.AuthParameters.PASSWORD, u.password);
      } else {
        assert.deepEqual(opsSince(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER']);
        assert.match(init.AuthParameters.SRP_A, /^[0-9a-f]+$/);
        assert.ok(requests[n + 1].json.Session, 'PASSWORD_VERIFIER carries the USER_AUTH Session');
        assertNoPasswordSent(n, u.password);
      }
    });
  }

  it('Promise form: PreferredChallenge PASSWORD with a wrong password rejects with NotAuthorizedException; nothing stored', async () => {
    const out = await page.evaluate(async ({ poolData, username }) => {
      localStorage.clear();
      const user = t.user(poolData, username);
      const r = await t.settled(user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: 'Wr0ng-Password!', PreferredChallenge: 'PASSWORD' })));
      return { r, keys: t.keys(poolData) };
    }, { poolData: poolData(), username: u.username });
    assert.equal(out.r.ok, false);
    assert.equal(out.r.error.code, 'NotAuthorizedException');
    assert.equal(out.r.error.message, 'Incorrect username or password.');
    assert.deepEqual(out.keys, []);
  });

  it("a preferred factor the user cannot use (SMS_OTP, no verified phone) → selectChallenge without it; answering EMAIL_OTP works", async () => {
    const out = await page.evaluate(async ({ poolData, username, names }) => {
      localStorage.clear();
      const cognitoUser = t.user(poolData, username);
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(new AC.AuthenticationDetails({ Username: username, PreferredChallenge: 'SMS_OTP' }), cb), {
        behave: {
          selectChallenge: function (available) { cognitoUser.sendSelectChallengeAnswer('EMAIL_OTP', this); },
          emailOtpRequired: async function () {
            cognitoUser.sendMFACode((await emuCodes(poolData.UserPoolId, username)).emailOtp, this, 'EMAIL_OTP');
          },
        },
      });
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage: harness.storageSnapshot() };
    }, { poolData: poolData(), username: emailOnly.username, names: NAMES });
    assertCalls(out, ['selectChallenge', 'emailOtpRequired', 'onSuccess']);
    assert.deepEqual([...out.calls[0].args[0]].sort(), ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP']);
    assertSignedIn(out.calls[2].args[0].session, out.storage, pool, emailOnly.username);
  });
});

describe('passkeys (Chromium virtual authenticator, page on http://localhost)', () => {
  let kpage;
  let kreq;
  let cdp;
  let authenticatorId;
  let u;
  let origin;
  let credentialId;
  before(async () => {
    origin = server.url.replace('127.0.0.1', 'localhost');
    await backend.post('/_test/webauthn', { userPoolId: pool.UserPoolId, rpId: 'localhost' });
    u = await passwordlessUser('passkey', { phone: false });
    kpage = await openUserAuthPage(origin);
    kreq = recordCognitoRequests(kpage, backend.endpoint);
    cdp = await kpage.context().newCDPSession(kpage);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    }));
  });
  after(async () => {
    await kpage?.context().close();
  });

  const kops = (n) => kreq.slice(n).map((r) => (r.operation === 'RespondToAuthChallenge' ? `Respond:${r.json.ChallengeName}` : r.operation));

  it('registerPasskey when the browser refuses (user verification required, the authenticator cannot verify): NotAllowedError once, nothing registered', async () => {
    await backend.post('/_test/webauthn', { userPoolId: pool.UserPoolId, userVerification: 'required' });
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    const n = kreq.length;
    let out;
    try {
      out = await kpage.evaluate(async ({ poolData, username, password }) => {
        localStorage.clear();
        const cognitoUser = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
        await cognitoUser.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
        const reg = await harness.nodeCallback((done) => cognitoUser.registerPasskey(done), { timeoutMs: 15000 });
        const list = await t.settled(cognitoUser.listPasskeys());
        return { count: reg.calls.length, err: t.plain(reg.calls[0] && reg.calls[0].err), result: reg.calls[0] && reg.calls[0].result, list };
      }, { poolData: poolData(), username: u.username, password: u.password });
    } finally {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
      await backend.post('/_test/webauthn', { userPoolId: pool.UserPoolId, userVerification: 'preferred' });
    }
    assert.equal(out.count, 1);
    assert.equal(out.result ?? null, null);
    assert.equal(out.err.error.code, 'NotAllowedError', JSON.stringify(out.err));
    assert.deepEqual(out.list, { ok: true, value: { Credentials: [] } });
    assert.ok(!kops(n).includes('CompleteWebAuthnRegistration'), `nothing completed: ${kops(n)}`);
    assert.deepEqual((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials, []);
  });

  it("registerPasskey(callback) → (null, 'SUCCESS') once: the authenticator holds a resident credential for rp 'localhost'; listPasskeys lists it (callback and Promise)", async () => {
    const n = kreq.length;
    const out = await kpage.evaluate(async ({ poolData, username, password }) => {
      localStorage.clear();
      const pool = new AC.CognitoUserPool(poolData);
      const cognitoUser = new AC.CognitoUser({ Username: username, Pool: pool });
      await cognitoUser.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
      const reg = await harness.nodeCallback((done) => cognitoUser.registerPasskey(done), { timeoutMs: 15000 });
      const list = await harness.nodeCallback((done) => cognitoUser.listPasskeys(done));
      const listP = await t.settled(cognitoUser.listPasskeys(undefined, { maxResults: 1 }));
      return {
        secure: window.isSecureContext,
        reg: { count: reg.calls.length, thrown: reg.thrown, err: reg.calls[0] && t.plain(reg.calls[0].err), result: reg.calls[0] && reg.calls[0].result },
        list: { count: list.calls.length, err: list.calls[0] && t.plain(list.calls[0].err), result: list.calls[0] && t.plain(list.calls[0].result) },
        listP,
      };
    }, { poolData: poolData(), username: u.username, password: u.password });
    assert.equal(out.secure, true, 'http://localhost is a secure context');
    assert.equal(out.reg.thrown, undefined);
    assert.deepEqual({ count: out.reg.count, err: out.reg.err, result: out.reg.result }, { count: 1, err: null, result: 'SUCCESS' });
    assert.deepEqual(kops(n), ['InitiateAuth', 'Respond:PASSWORD_VERIFIER', 'StartWebAuthnRegistration', 'CompleteWebAuthnRegistration', 'ListWebAuthnCredentials', 'ListWebAuthnCredentials']);
    const complete = kreq.find((r, i) => i >= n && r.operation === 'CompleteWebAuthnRegistration').json;
    assert.equal(typeof complete.Credential, 'object', 'the credential goes as the JSON object of toJSON()');
    assert.ok(complete.Credential.response.attestationObject);

    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0].rpId, 'localhost');
    assert.equal(credentials[0].isResidentCredential, true);
    const fromAuthenticator = Buffer.from(credentials[0].credentialId, 'base64').toString('base64url');

    assert.equal(out.list.count, 1);
    assert.equal(out.list.err, null);
    assert.equal(out.list.result.Credentials.length, 1);
    credentialId = out.list.result.Credentials[0].CredentialId;
    assert.equal(credentialId, fromAuthenticator, 'the listed CredentialId is the authenticator\'s credential');
    assert.equal(out.list.result.Credentials[0].RelyingPartyId, 'localhost');
    assert.equal(out.listP.ok, true, JSON.stringify(out.listP));
    assert.deepEqual(out.listP.value.Credentials.map((c) => c.CredentialId), [credentialId]);
    const listReq = kreq.filter((r) => r.operation === 'ListWebAuthnCredentials').at(-1).json;
    assert.equal(listReq.MaxResults, 1);
  });

  it('a new page load signs in with the passkey alone: USER_AUTH → selectChallenge offers WEB_AUTHN → sendSelectChallengeAnswer(WEB_AUTHN, this) → onSuccess; and PreferredChallenge WEB_AUTHN (Promise)', async () => {
    assert.ok(credentialId, 'needs the registration step');
    await kpage.evaluate(() => localStorage.clear());
    await kpage.reload();
    await waitReady(kpage);
    const n = kreq.length;
    const out = await kpage.evaluate(async ({ poolData, username, names }) => {
      const cognitoUser = t.user(poolData, username);
      const r = await harness.flow(names, (cb) => cognitoUser.authenticateUser(new AC.AuthenticationDetails({ Username: username }), cb), {
        timeoutMs: 15000,
        behave: {
          selectChallenge: function (availableChallenges) { cognitoUser.sendSelectChallengeAnswer('WEB_AUTHN', this); },
        },
      });
      const storage = harness.storageSnapshot();
      localStorage.clear();
      const again = t.user(poolData, username);
      const preferred = await t.settled(again.authenticateUser(new AC.AuthenticationDetails({ Username: username, PreferredChallenge: 'WEB_AUTHN' })));
      return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, storage, preferred, storage2: harness.storageSnapshot() };
    }, { poolData: poolData(), username: u.username, names: NAMES });
    assertCalls(out, ['selectChallenge', 'onSuccess']);
    assert.ok(out.calls[0].args[0].includes('WEB_AUTHN'), `offered: ${out.calls[0].args[0]}`);
    assertSignedIn(out.calls[1].args[0].session, out.storage, pool, u.username);
    assert.equal(out.preferred.ok, true, JSON.stringify(out.preferred));
    assertSignedIn(out.preferred.value.session, out.storage2, pool, u.username);
    assert.deepEqual(kops(n), ['InitiateAuth', 'Respond:SELECT_CHALLENGE', 'Respond:WEB_AUTHN', 'InitiateAuth', 'Respond:WEB_AUTHN']);
    const answer = kreq[n + 2].json.ChallengeResponses;
    assert.equal(JSON.parse(answer.CREDENTIAL).id, credentialId);
    assert.equal(kreq[n + 3].json.AuthParameters.PREFERRED_CHALLENGE, 'WEB_AUTHN');
    for (const r of kreq.slice(n)) {
      assert.ok(!r.body.includes(u.password), `${r.operation} carries the password`);
      assert.equal(r.json.AuthParameters?.PASSWORD ?? r.json.ChallengeResponses?.PASSWORD, undefined);
    }
  });

  it('the browser refuses the passkey (user verification required, the authenticator cannot verify): onFailure once with NotAllowedError, nothing stored; the next attempt works', async () => {
    assert.ok(credentialId, 'needs the registration step');
    await backend.post('/_test/webauthn', { userPoolId: pool.UserPoolId, userVerification: 'required' });
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    let out;
    try {
      out = await kpage.evaluate(async ({ poolData, username, names }) => {
        localStorage.clear();
        const user = t.user(poolData, username);
        const r = await harness.flow(names, (cb) => user.authenticateUser(new AC.AuthenticationDetails({ Username: username, PreferredChallenge: 'WEB_AUTHN' }), cb), { timeoutMs: 15000 });
        return { calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, keys: t.keys(poolData) };
      }, { poolData: poolData(), username: u.username, names: NAMES });
    } finally {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
      await backend.post('/_test/webauthn', { userPoolId: pool.UserPoolId, userVerification: 'preferred' });
    }
    assertCalls(out, ['onFailure']);
    assert.equal(out.calls[0].args[0].error.code, 'NotAllowedError', JSON.stringify(out.calls[0].args[0]));
    assert.deepEqual(out.keys, []);
    const retry = await kpage.evaluate(async ({ poolData, username }) => {
      const user = t.user(poolData, username);
      return t.settled(user.authenticateUser(new AC.AuthenticationDetails({ Username: username, PreferredChallenge: 'WEB_AUTHN' })));
    }, { poolData: poolData(), username: u.username });
    assert.equal(retry.ok, true, JSON.stringify(retry));
  });

  it('registerPasskey / listPasskeys / deletePasskey without a signed-in session: User is not authenticated, nothing sent', async () => {
    const n = kreq.length;
    const out = await kpage.evaluate(async ({ poolData, username }) => {
      const user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
      const reg = await harness.nodeCallback((done) => user.registerPasskey(done));
      const list = await t.settled(user.listPasskeys());
      const del = await t.settled(user.deletePasskey('abc'));
      return { reg: { count: reg.calls.length, err: t.plain(reg.calls[0] && reg.calls[0].err) }, list, del };
    }, { poolData: poolData(), username: u.username });
    assert.equal(out.reg.count, 1);
    for (const err of [out.reg.err.error, out.list.error, out.del.error]) {
      assert.equal(err.code, 'UserUnAuthenticatedException');
      assert.equal(err.message, 'User is not authenticated');
    }
    assert.deepEqual(kops(n), []);
  });

  it('deletePasskey(credentialId, callback) → SUCCESS; listPasskeys is empty; passkey sign-in is no longer offered and answering WEB_AUTHN fails', async () => {
    assert.ok(credentialId, 'needs the registration step');
    const out = await kpage.evaluate(async ({ poolData, username, password, credentialId, names }) => {
      localStorage.clear();
      const cognitoUser = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
      await cognitoUser.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
      const del = await harness.nodeCallback((done) => cognitoUser.deletePasskey(credentialId, done));
      const again = await t.settled(cognitoUser.deletePasskey(credentialId));
      const list = await t.settled(cognitoUser.listPasskeys());
      localStorage.clear();
      const user = t.user(poolData, username);
      const r = await harness.flow(names, (cb) => user.authenticateUser(new AC.AuthenticationDetails({ Username: username, PreferredChallenge: 'WEB_AUTHN' }), cb), {
        behave: { selectChallenge: function () { user.sendSelectChallengeAnswer('WEB_AUTHN', this); } },
      });
      return {
        del: { count: del.calls.length, err: del.calls[0] && t.plain(del.calls[0].err), result: del.calls[0] && del.calls[0].result },
        again, list, calls: t.calls(r.calls), returned: r.returned, thrown: r.thrown, keys: t.keys(poolData),
      };
    }, { poolData: poolData(), username: u.username, password: u.password, credentialId, names: NAMES });
    assert.deepEqual(out.del, { count: 1, err: null, result: 'SUCCESS' });
    assert.equal(out.again.ok, false);
    assert.equal(out.again.error.code, 'ResourceNotFoundException');
    assert.deepEqual(out.list, { ok: true, value: { Credentials: [] } });
    assertCalls(out, ['selectChallenge', 'onFailure']);
    assert.ok(!out.calls[0].args[0].includes('WEB_AUTHN'), `WEB_AUTHN no longer offered: ${out.calls[0].args[0]}`);
    assert.equal(out.calls[1].args[0].error.code, 'InvalidParameterException');
    assert.deepEqual(out.keys, [], 'nothing stored');
  });

  it('no uncaught page errors on the localhost page', () => {
    assert.deepEqual(kpage.consoleLines.filter((l) => l.startsWith('pageerror:')), []);
  });
});

describe('page health', () => {
  it('no uncaught page errors', () => {
    assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror:')), []);
  });
});
