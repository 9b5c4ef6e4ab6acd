// Sign-in challenges after the password: SMS_MFA, SOFTWARE_TOKEN_MFA (TOTP,
// RFC 6238), EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP, and NEW_PASSWORD_REQUIRED,
// driven by amazon-cognito-identity-js where it supports the step, raw otherwise.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cb, client, rfc6238, sdkUser, signIn, step, useEmulator } from './sdk-helpers.mjs';

const emu = useEmulator();
const { api, ok, fails, ctl, makePool, codes, makeUser } = client(emu);

const PHONE = '+15555550123';
// SRP costs ~0.3 s of CPU per SDK sign-in; set-up sign-ins use the plain flow, challenge paths keep SRP.
const PLAIN = 'USER_PASSWORD_AUTH';
const mfaPool = (MfaConfiguration, extra = {}) => async () => {
  const ctx = await makePool();
  await ok('SetUserPoolMfaConfig', {
    UserPoolId: ctx.poolId, MfaConfiguration,
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is {####}' },
    SoftwareTokenMfaConfiguration: { Enabled: true },
    EmailMfaConfiguration: { Message: 'Your code is {####}' },
    ...extra,
  });
  return ctx;
};

/** Registers a TOTP authenticator for a signed-in SDK user; returns the secret. */
async function registerTotp(user) {
  const assoc = await step((cbs) => user.associateSoftwareToken(cbs));
  assert.equal(assoc.kind, 'associateSecretCode');
  const secret = assoc.args[0];
  assert.match(secret, /^[A-Z2-7]{52}$/);
  const bad = await step((cbs) => user.verifySoftwareToken(rfc6238(secret, Date.now() + 5 * 60000), 'phone', cbs)).catch((e) => e);
  assert.equal(bad.code, 'EnableSoftwareTokenMFAException');
  const good = await step((cbs) => user.verifySoftwareToken(rfc6238(secret, Date.now()), 'phone', cbs));
  assert.deepEqual(good.args[0], { Status: 'SUCCESS' });
  return secret;
}

const wrongCode = (c) => (c === '000000' ? '111111' : '000000');

describe('TOTP', () => {
  test('RFC 6238 in the test agrees with the RFC vectors and with /_test/totp', async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32("12345678901234567890")
    for (const [t, want] of [[59, '94287082'], [1111111109, '07081804'], [1234567890, '89005924'], [2000000000, '69279037']]) {
      assert.equal(rfc6238(secret, t * 1000, 8), want);
    }
    const r = await ctl('POST', '/_test/totp', { secret });
    assert.equal(r.status, 200);
    const now = Date.now();
    assert.ok([now - 2000, now + 2000].some((t) => rfc6238(secret, t) === r.json.code), 'same code as an authenticator app');
    assert.equal((await ctl('POST', '/_test/totp', { secret: 'not base32!' })).status, 400);
  });

  test('associate, verify, prefer, then sign in with SOFTWARE_TOKEN_MFA', async () => {
    const ctx = await mfaPool('OPTIONAL')();
    await makeUser(ctx, 'max', 'max-password-1');
    const user = sdkUser(ctx, 'max');
    assert.equal((await signIn(user, 'max', 'max-password-1', PLAIN)).kind, 'success', 'no MFA yet');
    await fails('SetUserMFAPreference', { AccessToken: user.getSignInUserSession().getAccessToken().getJwtToken(), SoftwareTokenMfaSettings: { Enabled: true } },
      'InvalidParameterException', 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA');
    const secret = await registerTotp(user);
    assert.equal((await signIn(sdkUser(ctx, 'max'), 'max', 'max-password-1', PLAIN)).kind, 'success', 'verified but not enabled');
    assert.equal(await cb((done) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, done)), 'SUCCESS');
    const me = await ok('GetUser', { AccessToken: user.getSignInUserSession().getAccessToken().getJwtToken() });
    assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    assert.equal(me.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    assert.equal(me.MFAOptions, undefined);

    const u2 = sdkUser(ctx, 'max');
    const ch = await signIn(u2, 'max', 'max-password-1');
    assert.equal(ch.kind, 'totpRequired');
    assert.equal(ch.args[0], 'SOFTWARE_TOKEN_MFA');
    const wrong = await step((cbs) => u2.sendMFACode(wrongCode(rfc6238(secret, Date.now())), cbs, 'SOFTWARE_TOKEN_MFA')).catch((e) => e);
    assert.equal(wrong.code, 'CodeMismatchException');
    // ±1 step of clock drift is accepted; the session survives a wrong code.
    const done = await step((cbs) => u2.sendMFACode(rfc6238(secret, Date.now() - 30000), cbs, 'SOFTWARE_TOKEN_MFA'));
    assert.equal(done.kind, 'success');
    assert.ok(done.args[0].isValid());
  });
});

describe('SMS and email codes', () => {
  test('legacy SetUserSettings turns SMS MFA on; SMS_MFA via SRP and USER_PASSWORD_AUTH', async () => {
    const ctx = await mfaPool('OPTIONAL')();
    await makeUser(ctx, 'ned', 'ned-password-1', { phone_number: PHONE });
    const user = sdkUser(ctx, 'ned');
    await signIn(user, 'ned', 'ned-password-1', PLAIN);
    assert.equal(await cb((done) => user.enableMFA(done)), 'SUCCESS');
    assert.deepEqual(await cb((done) => user.getMFAOptions(done)), [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);

    for (const flow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH']) {
      const u = sdkUser(ctx, 'ned');
      const ch = await signIn(u, 'ned', 'ned-password-1', flow);
      assert.equal(ch.kind, 'mfaRequired', flow);
      assert.equal(ch.args[0], 'SMS_MFA');
      assert.deepEqual(ch.args[1], { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0123', USERNAME: 'ned' });
      const { mfa } = await codes(ctx, 'ned');
      assert.match(mfa, /^[0-9]{6}$/);
      assert.equal((await step((cbs) => u.sendMFACode(wrongCode(mfa), cbs)).catch((e) => e)).code, 'CodeMismatchException');
      assert.equal((await step((cbs) => u.sendMFACode(mfa, cbs))).kind, 'success');
      assert.equal((await codes(ctx, 'ned')).mfa, undefined, 'used up');
    }
    assert.equal(await cb((done) => user.disableMFA(done)), 'SUCCESS');
    assert.equal((await signIn(sdkUser(ctx, 'ned'), 'ned', 'ned-password-1', PLAIN)).kind, 'success');
    await fails('SetUserSettings', { AccessToken: user.getSignInUserSession().getAccessToken().getJwtToken(), MFAOptions: [{ DeliveryMedium: 'EMAIL', AttributeName: 'email' }] }, 'InvalidParameterException');
  });

  test('EMAIL_OTP (raw): code, wrong codes, three strikes, session reuse', async () => {
    const ctx = await mfaPool('OPTIONAL')();
    await makeUser(ctx, 'oli', 'oli-password-1');
    await ok('AdminSetUserMFAPreference', { UserPoolId: ctx.poolId, Username: 'oli', EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    const start = () => ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'oli', PASSWORD: 'oli-password-1' } });
    const answer = (Session, code, extra = {}) => api('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: ctx.clientId, Session, ChallengeResponses: { USERNAME: 'oli', EMAIL_OTP_CODE: code, ...extra } });

    const ch = await start();
    assert.equal(ch.ChallengeName, 'EMAIL_OTP');
    assert.deepEqual(ch.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'o***@e***.com', USERNAME: 'oli' });
    const { emailOtp } = await codes(ctx, 'oli');
    assert.equal((await api('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: ctx.clientId, Session: ch.Session, ChallengeResponses: { USERNAME: 'oli', SMS_MFA_CODE: emailOtp } })).json.__type, 'InvalidParameterException', 'EMAIL_OTP_CODE is the field');
    assert.equal((await answer(ch.Session, wrongCode(emailOtp))).json.__type, 'CodeMismatchException');
    const good = await answer(ch.Session, emailOtp);
    assert.equal(good.status, 200, good.text);
    assert.ok(good.json.AuthenticationResult.AccessToken);
    const replay = await answer(ch.Session, emailOtp);
    assert.equal(replay.json.__type, 'NotAuthorizedException');
    assert.equal(replay.json.message, 'Invalid session for the user.');

    const ch2 = await start();
    const code2 = (await codes(ctx, 'oli')).emailOtp;
    for (let i = 0; i < 3; i++) assert.equal((await answer(ch2.Session, wrongCode(code2))).json.__type, 'CodeMismatchException');
    assert.equal((await answer(ch2.Session, code2)).json.message, 'Invalid session for the user.', 'three wrong codes end the session');

    const ch3 = await start();
    await ctl('POST', '/_test/clock', { offsetSeconds: 181 });
    try {
      const late = await answer(ch3.Session, (await codes(ctx, 'oli')).emailOtp);
      assert.equal(late.json.__type, 'NotAuthorizedException');
      assert.match(late.json.message, /^Invalid session for the user/);
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
    }
    const ch4 = await start();
    const cross = await api('RespondToAuthChallenge', { ChallengeName: 'SMS_MFA', ClientId: ctx.clientId, Session: ch4.Session, ChallengeResponses: { USERNAME: 'oli', SMS_MFA_CODE: '123456' } });
    assert.equal(cross.json.message, 'Invalid session for the user.', 'a session is bound to its step');
    const other = await api('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: ctx.clientId, Session: 'made-up', ChallengeResponses: { USERNAME: 'oli', EMAIL_OTP_CODE: '123456' } });
    assert.equal(other.json.message, 'Invalid session for the user.');
    const c2 = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'other' });
    const ch5 = await start();
    const code5 = (await codes(ctx, 'oli')).emailOtp;
    const foreign = await api('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: c2.UserPoolClient.ClientId, Session: ch5.Session, ChallengeResponses: { USERNAME: 'oli', EMAIL_OTP_CODE: code5 } });
    assert.equal(foreign.json.message, 'Invalid session for the user.', 'a session is bound to its app client');
    const mismatch = await api('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: ctx.clientId, Session: ch5.Session, ChallengeResponses: { USERNAME: 'someone-else', EMAIL_OTP_CODE: code5 } });
    assert.equal(mismatch.json.__type, 'NotAuthorizedException', 'and to its user');
    assert.equal((await answer(ch5.Session, code5)).status, 200);
  });
});

describe('choosing and setting up MFA', () => {
  test('SELECT_MFA_TYPE when several factors are on and none is preferred', async () => {
    const ctx = await mfaPool('OPTIONAL')();
    await makeUser(ctx, 'pia', 'pia-password-1', { phone_number: PHONE });
    const user = sdkUser(ctx, 'pia');
    await signIn(user, 'pia', 'pia-password-1', PLAIN);
    const secret = await registerTotp(user);
    await cb((done) => user.setUserMfaPreference({ Enabled: true, PreferredMfa: false }, { Enabled: true, PreferredMfa: false }, done));
    const me = await ok('GetUser', { AccessToken: user.getSignInUserSession().getAccessToken().getJwtToken() });
    assert.deepEqual(me.UserMFASettingList, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    assert.equal(me.PreferredMfaSetting, undefined);
    assert.deepEqual(me.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);

    const u2 = sdkUser(ctx, 'pia');
    const ch = await signIn(u2, 'pia', 'pia-password-1');
    assert.equal(ch.kind, 'selectMFAType');
    assert.deepEqual(JSON.parse(ch.args[1].MFAS_CAN_CHOOSE), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    const picked = await step((cbs) => u2.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', cbs));
    assert.equal(picked.kind, 'totpRequired');
    assert.equal((await step((cbs) => u2.sendMFACode(rfc6238(secret, Date.now()), cbs, 'SOFTWARE_TOKEN_MFA'))).kind, 'success');

    const u3 = sdkUser(ctx, 'pia');
    await signIn(u3, 'pia', 'pia-password-1', PLAIN);
    assert.equal((await step((cbs) => u3.sendMFASelectionAnswer('SMS_MFA', cbs))).kind, 'mfaRequired');
    const smsCode = (await codes(ctx, 'pia')).mfa;
    assert.equal((await step((cbs) => u3.sendMFACode(smsCode, cbs))).kind, 'success');

    // With a preference there is no choice to make.
    await ok('AdminSetUserMFAPreference', { UserPoolId: ctx.poolId, Username: 'pia', SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    assert.equal((await signIn(sdkUser(ctx, 'pia'), 'pia', 'pia-password-1', PLAIN)).kind, 'mfaRequired');
    await fails('AdminSetUserMFAPreference', { UserPoolId: ctx.poolId, Username: 'pia', SMSMfaSettings: { Enabled: true, PreferredMfa: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }, 'InvalidParameterException');
    // A pool with MFA OFF never challenges.
    await ok('SetUserPoolMfaConfig', { UserPoolId: ctx.poolId, MfaConfiguration: 'OFF' });
    assert.equal((await signIn(sdkUser(ctx, 'pia'), 'pia', 'pia-password-1', PLAIN)).kind, 'success');
  });

  test('MFA_SETUP when the pool requires MFA and the user has none (SDK, Session-based TOTP)', async () => {
    const ctx = await mfaPool('ON', { SmsMfaConfiguration: null, EmailMfaConfiguration: null })();
    const cfg = await ok('GetUserPoolMfaConfig', { UserPoolId: ctx.poolId });
    assert.deepEqual(cfg, { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await makeUser(ctx, 'quin', 'quin-password-1');
    const user = sdkUser(ctx, 'quin');
    const ch = await signIn(user, 'quin', 'quin-password-1');
    assert.equal(ch.kind, 'mfaSetup');
    assert.deepEqual(JSON.parse(ch.args[1].MFAS_CAN_SETUP), ['SOFTWARE_TOKEN_MFA']);
    const setupSession = user.Session;

    // The unverified session can't finish MFA_SETUP.
    const early = await api('RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ClientId: ctx.clientId, Session: setupSession, ChallengeResponses: { USERNAME: 'quin' } });
    assert.equal(early.json.message, 'Invalid session for the user.');

    const assoc = await step((cbs) => user.associateSoftwareToken(cbs));
    const secret = assoc.args[0];
    assert.notEqual(user.Session, setupSession, 'AssociateSoftwareToken hands back a new Session');
    await fails('AssociateSoftwareToken', { Session: setupSession }, 'NotAuthorizedException', 'Invalid session for the user.');
    const wrong = await step((cbs) => user.verifySoftwareToken(wrongCode(rfc6238(secret, Date.now())), 'My phone', cbs)).catch((e) => e);
    assert.equal(wrong.code, 'EnableSoftwareTokenMFAException');
    const done = await step((cbs) => user.verifySoftwareToken(rfc6238(secret, Date.now()), 'My phone', cbs));
    assert.equal(done.kind, 'success');
    assert.ok(done.args[0].isValid());

    const me = await ok('GetUser', { AccessToken: done.args[0].getAccessToken().getJwtToken() });
    assert.deepEqual(me.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    const next = await signIn(sdkUser(ctx, 'quin'), 'quin', 'quin-password-1');
    assert.equal(next.kind, 'totpRequired');
    assert.deepEqual(next.args[1], { USERNAME: 'quin', FRIENDLY_DEVICE_NAME: 'My phone' });
    await fails('AssociateSoftwareToken', { AccessToken: done.args[0].getAccessToken().getJwtToken(), Session: 'x' }, 'InvalidParameterException');
    await fails('SetUserPoolMfaConfig', { UserPoolId: ctx.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: false } }, 'InvalidParameterException');
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  test('JSON-string parameters, required attributes, no writing *_verified, then MFA', async () => {
    const ctx = await makePool({ pool: { Schema: [{ Name: 'given_name', Required: true }] } });
    await ok('SetUserPoolMfaConfig', { UserPoolId: ctx.poolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: {} });
    const attrs = (name) => [{ Name: 'email', Value: `${name}@example.com` }, { Name: 'email_verified', Value: 'true' }, { Name: 'given_name', Value: name.toUpperCase() }, { Name: 'phone_number', Value: PHONE }];
    await ok('AdminCreateUser', { UserPoolId: ctx.poolId, Username: 'rex', TemporaryPassword: 'Temp-pass-1', UserAttributes: attrs('rex') });
    await ok('AdminCreateUser', { UserPoolId: ctx.poolId, Username: 'sal', TemporaryPassword: 'Temp-pass-1', UserAttributes: attrs('sal') });
    await ok('AdminSetUserMFAPreference', { UserPoolId: ctx.poolId, Username: 'rex', SMSMfaSettings: { Enabled: true } });

    const sal = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'sal', PASSWORD: 'Temp-pass-1' } });
    assert.equal(sal.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    for (const k of ['requiredAttributes', 'userAttributes']) assert.equal(typeof sal.ChallengeParameters[k], 'string', k);
    assert.deepEqual(JSON.parse(sal.ChallengeParameters.requiredAttributes), []);
    // No `sub`; *_verified included (the SDK docs tell apps to drop them before answering).
    assert.deepEqual(JSON.parse(sal.ChallengeParameters.userAttributes), { email: 'sal@example.com', email_verified: 'true', given_name: 'SAL', phone_number: PHONE });
    const respond = (extra) => api('RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: ctx.clientId, Session: sal.Session, ChallengeResponses: { USERNAME: 'sal', NEW_PASSWORD: 'sal-new-password', ...extra } });
    const verified = await respond({ 'userAttributes.email_verified': 'true' });
    assert.equal(verified.json.__type, 'NotAuthorizedException');
    assert.equal(verified.json.message, 'A client attempted to write unauthorized attribute');
    assert.equal((await respond({ 'userAttributes.given_name': '' })).json.__type, 'InvalidParameterException', 'a required attribute can not be blanked');
    assert.equal((await respond({ NEW_PASSWORD: 'short' })).json.__type, 'InvalidPasswordException');
    assert.equal((await respond({})).status, 200, 'the session survives refused answers');
    assert.equal((await respond({})).json.message, 'Invalid session for the user.', 'and is used up by the right one');

    // Through the SDK: the app drops email_verified as the SDK docs say; SMS MFA follows.
    const user = sdkUser(ctx, 'rex');
    const ch = await signIn(user, 'rex', 'Temp-pass-1');
    assert.equal(ch.kind, 'newPasswordRequired');
    const [userAttributes, requiredAttributes] = ch.args;
    assert.deepEqual(requiredAttributes, []);
    delete userAttributes.email_verified;
    const after = await step((cbs) => user.completeNewPasswordChallenge('rex-new-password', { given_name: 'Rex' }, cbs));
    assert.equal(after.kind, 'mfaRequired');
    const { mfa } = await codes(ctx, 'rex');
    assert.equal((await step((cbs) => user.sendMFACode(mfa, cbs))).kind, 'success');
    const admin = await ok('AdminGetUser', { UserPoolId: ctx.poolId, Username: 'rex' });
    assert.equal(admin.UserStatus, 'CONFIRMED');
    assert.equal(admin.UserAttributes.find((a) => a.Name === 'given_name').Value, 'Rex');
    assert.deepEqual(admin.UserMFASettingList, ['SMS_MFA']);
  });
});
