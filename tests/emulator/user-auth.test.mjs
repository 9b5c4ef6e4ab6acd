// Choice-based sign-in (InitiateAuth USER_AUTH, SELECT_CHALLENGE, EMAIL_OTP /
// SMS_OTP first factors), raw fetch: amazon-cognito-identity-js predates it.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { C, cb, client, decode, useEmulator } from './sdk-helpers.mjs';

const BigInteger = createRequire(import.meta.url)('amazon-cognito-identity-js/lib/BigInteger').default;
const emu = useEmulator();
const { ok, fails, ctl, makePool, codes, makeUser } = client(emu);

const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const PHONE = '+15555550199';

async function passwordlessPool(factors = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']) {
  return makePool({ flows: FLOWS, pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors } } } });
}

const initiate = (ctx, params) => ({ AuthFlow: 'USER_AUTH', ClientId: ctx.clientId, AuthParameters: params });
const respond = (ctx, ChallengeName, Session, ChallengeResponses) => ({ ChallengeName, ClientId: ctx.clientId, Session, ChallengeResponses });

/** PASSWORD_VERIFIER answer computed with the SDK's SRP math (the client half). */
async function srpAnswer(ctx, helper, ch, password) {
  const key = await cb((done) => helper.getPasswordAuthenticationKey(ch.USER_ID_FOR_SRP, password, new BigInteger(ch.SRP_B, 16), new BigInteger(ch.SALT, 16), done));
  const ts = new C.DateHelper().getNowString();
  const sig = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(ctx.poolName), Buffer.from(ch.USER_ID_FOR_SRP), Buffer.from(ch.SECRET_BLOCK, 'base64'), Buffer.from(ts)]))
    .digest('base64');
  return { USERNAME: ch.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: ch.SECRET_BLOCK, TIMESTAMP: ts, PASSWORD_CLAIM_SIGNATURE: sig };
}

describe('USER_AUTH', () => {
  test('pool SignInPolicy: under Policies, validated, described', async () => {
    const ctx = await passwordlessPool(['PASSWORD', 'EMAIL_OTP']);
    const d = await ok('DescribeUserPool', { UserPoolId: ctx.poolId });
    assert.deepEqual(d.UserPool.Policies.SignInPolicy, { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] });
    const plain = await makePool();
    assert.deepEqual((await ok('DescribeUserPool', { UserPoolId: plain.poolId })).UserPool.Policies.SignInPolicy, { AllowedFirstAuthFactors: ['PASSWORD'] }, 'AWS default');
    await fails('CreateUserPool', { PoolName: 'x', SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } }, 'InvalidParameterException', /belongs under Policies/);
    await fails('CreateUserPool', { PoolName: 'x', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['TOTP'] } } }, 'InvalidParameterException');
    await ok('UpdateUserPool', { UserPoolId: plain.poolId, Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'] } } });
    assert.deepEqual((await ok('DescribeUserPool', { UserPoolId: plain.poolId })).UserPool.Policies.SignInPolicy.AllowedFirstAuthFactors, ['PASSWORD', 'SMS_OTP']);
  });

  test('needs ALLOW_USER_AUTH; validates USERNAME and PREFERRED_CHALLENGE; unknown users', async () => {
    const ctx = await passwordlessPool();
    await makeUser(ctx, 'amy', 'amy-password-1');
    const other = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'old', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await fails('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: other.UserPoolClient.ClientId, AuthParameters: { USERNAME: 'amy' } }, 'InvalidParameterException', 'USER_AUTH flow not enabled for this client');
    await fails('InitiateAuth', initiate(ctx, {}), 'InvalidParameterException', /authParameters.USERNAME/);
    await fails('InitiateAuth', initiate(ctx, { USERNAME: 'amy', PREFERRED_CHALLENGE: 'TOTP' }), 'InvalidParameterException');
    await fails('InitiateAuth', initiate(ctx, { USERNAME: 'amy', PREFERRED_CHALLENGE: 'PASSWORD' }), 'InvalidParameterException', /authParameters.PASSWORD/);
    await fails('InitiateAuth', initiate(ctx, { USERNAME: 'amy', PREFERRED_CHALLENGE: 'PASSWORD_SRP' }), 'InvalidParameterException', /authParameters.SRP_A/);
    await fails('InitiateAuth', initiate(ctx, { USERNAME: 'nobody' }), 'UserNotFoundException');
  });

  test('no preference: SELECT_CHALLENGE lists what the pool allows and the user can do', async () => {
    const ctx = await passwordlessPool();
    await makeUser(ctx, 'bob', 'bob-password-1', { phone_number: PHONE }); // email verified, phone not
    const r = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'bob' }));
    assert.equal(r.ChallengeName, 'SELECT_CHALLENGE');
    assert.ok(r.Session);
    assert.deepEqual(r.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'], 'a top-level member; no SMS_OTP without a verified phone');
    assert.equal(r.ChallengeParameters.USERNAME, 'bob');
    // Preferring what the user can't do also ends in SELECT_CHALLENGE.
    const r2 = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'bob', PREFERRED_CHALLENGE: 'SMS_OTP' }));
    assert.equal(r2.ChallengeName, 'SELECT_CHALLENGE');
    await fails('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', r2.Session, { USERNAME: 'bob', ANSWER: 'SMS_OTP' }), 'InvalidParameterException', /ANSWER must be one of/);
    await fails('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', r2.Session, { USERNAME: 'bob' }), 'InvalidParameterException', /challengeResponses.ANSWER/);
  });

  test('SELECT_CHALLENGE PASSWORD: tokens; a wrong password spends the session', async () => {
    const ctx = await passwordlessPool();
    await makeUser(ctx, 'cat', 'cat-password-1');
    const sel = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'cat' }));
    await fails('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', sel.Session, { USERNAME: 'cat', ANSWER: 'PASSWORD', PASSWORD: 'nope-nope-1' }), 'NotAuthorizedException', 'Incorrect username or password.');
    await fails('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', sel.Session, { USERNAME: 'cat', ANSWER: 'PASSWORD', PASSWORD: 'cat-password-1' }), 'NotAuthorizedException', 'Invalid session for the user.');
    const sel2 = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'cat' }));
    const done = await ok('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', sel2.Session, { USERNAME: 'cat', ANSWER: 'PASSWORD', PASSWORD: 'cat-password-1' }));
    assert.equal(decode(done.AuthenticationResult.AccessToken).username, 'cat');
    // The preferred form needs no selection round.
    const direct = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'cat', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'cat-password-1' }));
    assert.ok(direct.AuthenticationResult.RefreshToken);
  });

  test('PASSWORD_SRP (preferred or selected): PASSWORD_VERIFIER with a Session that the answer must carry', async () => {
    const ctx = await passwordlessPool();
    await makeUser(ctx, 'dan', 'dan-password-1');
    const helper = new C.AuthenticationHelper(ctx.poolName);
    const A = (await cb((done) => helper.getLargeAValue(done))).toString(16);
    const v = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'dan', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: A }));
    assert.equal(v.ChallengeName, 'PASSWORD_VERIFIER');
    assert.ok(v.Session, 'USER_AUTH hands out a Session with PASSWORD_VERIFIER');
    const answer = await srpAnswer(ctx, helper, v.ChallengeParameters, 'dan-password-1');
    const noSession = await fails('RespondToAuthChallenge', respond(ctx, 'PASSWORD_VERIFIER', undefined, answer), 'NotAuthorizedException', 'Invalid session for the user.');
    assert.match(noSession.emulatorDetail, /must carry the Session/);

    const helper2 = new C.AuthenticationHelper(ctx.poolName);
    const A2 = (await cb((done) => helper2.getLargeAValue(done))).toString(16);
    const sel = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'dan' }));
    const v2 = await ok('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', sel.Session, { USERNAME: 'dan', ANSWER: 'PASSWORD_SRP', SRP_A: A2 }));
    assert.equal(v2.ChallengeName, 'PASSWORD_VERIFIER');
    const done = await ok('RespondToAuthChallenge', respond(ctx, 'PASSWORD_VERIFIER', v2.Session, await srpAnswer(ctx, helper2, v2.ChallengeParameters, 'dan-password-1')));
    assert.equal(decode(done.AuthenticationResult.IdToken)['cognito:username'], 'dan');
  });

  test('EMAIL_OTP first factor: 8-digit code at /_test/codes emailOtp, 3 tries, no MFA afterwards', async () => {
    const ctx = await passwordlessPool();
    await ok('SetUserPoolMfaConfig', { UserPoolId: ctx.poolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: {} });
    await makeUser(ctx, 'eve', 'eve-password-1', { phone_number: PHONE });
    await ok('AdminSetUserMFAPreference', { UserPoolId: ctx.poolId, Username: 'eve', SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    const ch = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'eve', PREFERRED_CHALLENGE: 'EMAIL_OTP' }));
    assert.equal(ch.ChallengeName, 'EMAIL_OTP');
    assert.deepEqual(ch.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'e***@e***.com', USERNAME: 'eve' });
    const { emailOtp } = await codes(ctx, 'eve');
    assert.match(emailOtp, /^[0-9]{8}$/);
    const wrong = emailOtp === '00000000' ? '11111111' : '00000000';
    await fails('RespondToAuthChallenge', respond(ctx, 'EMAIL_OTP', ch.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: wrong }), 'CodeMismatchException');
    const done = await ok('RespondToAuthChallenge', respond(ctx, 'EMAIL_OTP', ch.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: emailOtp }));
    assert.ok(done.AuthenticationResult.AccessToken, 'passwordless: the SMS MFA the user has is not asked for');
    assert.equal((await codes(ctx, 'eve')).emailOtp, undefined, 'the code is spent');
    await fails('RespondToAuthChallenge', respond(ctx, 'EMAIL_OTP', ch.Session, { USERNAME: 'eve', EMAIL_OTP_CODE: emailOtp }), 'NotAuthorizedException');
    // After a password the MFA rules apply as before.
    const pw = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'eve', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'eve-password-1' }));
    assert.equal(pw.ChallengeName, 'SMS_MFA');
  });

  test('SMS_OTP first factor via SELECT_CHALLENGE: code at /_test/codes smsOtp; three wrong codes end the session', async () => {
    const ctx = await passwordlessPool();
    await makeUser(ctx, 'fay', 'fay-password-1', { phone_number: PHONE, phone_number_verified: 'true' });
    const sel = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'fay' }));
    assert.deepEqual(sel.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']);
    const ch = await ok('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', sel.Session, { USERNAME: 'fay', ANSWER: 'SMS_OTP' }));
    assert.equal(ch.ChallengeName, 'SMS_OTP');
    assert.equal(ch.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.equal(ch.ChallengeParameters.CODE_DELIVERY_DESTINATION, '+*******0199');
    const { smsOtp } = await codes(ctx, 'fay');
    assert.match(smsOtp, /^[0-9]{8}$/);
    const wrong = smsOtp === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 3; i++) {
      await fails('RespondToAuthChallenge', respond(ctx, 'SMS_OTP', ch.Session, { USERNAME: 'fay', SMS_OTP_CODE: wrong }), 'CodeMismatchException');
    }
    await fails('RespondToAuthChallenge', respond(ctx, 'SMS_OTP', ch.Session, { USERNAME: 'fay', SMS_OTP_CODE: smsOtp }), 'NotAuthorizedException');
    // An EMAIL_OTP Session does not answer SMS_OTP.
    const e = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'fay', PREFERRED_CHALLENGE: 'EMAIL_OTP' }));
    await fails('RespondToAuthChallenge', respond(ctx, 'SMS_OTP', e.Session, { USERNAME: 'fay', SMS_OTP_CODE: (await codes(ctx, 'fay')).emailOtp }), 'NotAuthorizedException');
  });

  test('OTP choices need the pool factor, a verified channel and a confirmed user; disabled users are refused', async () => {
    const ctx = await passwordlessPool(['PASSWORD', 'SMS_OTP']);
    await makeUser(ctx, 'gus', 'gus-password-1'); // verified email, but the pool has no EMAIL_OTP
    assert.deepEqual((await ok('InitiateAuth', initiate(ctx, { USERNAME: 'gus' }))).AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
    await ok('AdminCreateUser', { UserPoolId: ctx.poolId, Username: 'hal', TemporaryPassword: 'hal-temp-pass-1', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'phone_number', Value: PHONE }, { Name: 'phone_number_verified', Value: 'true' }] });
    const sel = await ok('InitiateAuth', initiate(ctx, { USERNAME: 'hal' }));
    assert.deepEqual(sel.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP'], 'FORCE_CHANGE_PASSWORD users must go through their password');
    const np = await ok('RespondToAuthChallenge', respond(ctx, 'SELECT_CHALLENGE', sel.Session, { USERNAME: 'hal', ANSWER: 'PASSWORD', PASSWORD: 'hal-temp-pass-1' }));
    assert.equal(np.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  });

  test('SECRET_HASH is checked at InitiateAuth and on every answer', async () => {
    const ctx = await passwordlessPool();
    const c = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 's', ExplicitAuthFlows: FLOWS, GenerateSecret: true });
    const { ClientId, ClientSecret } = c.UserPoolClient;
    const hash = (u) => createHmac('sha256', ClientSecret).update(u + ClientId).digest('base64');
    await makeUser(ctx, 'ida', 'ida-password-1');
    await fails('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME: 'ida' } }, 'NotAuthorizedException', `Client ${ClientId} is configured with secret but SECRET_HASH was not received`);
    const sel = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME: 'ida', SECRET_HASH: hash('ida') } });
    await fails('RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId, Session: sel.Session, ChallengeResponses: { USERNAME: 'ida', ANSWER: 'EMAIL_OTP', SECRET_HASH: hash('someone') } },
      'NotAuthorizedException', `Unable to verify secret hash for client ${ClientId}`);
    const ch = await ok('RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId, Session: sel.Session, ChallengeResponses: { USERNAME: 'ida', ANSWER: 'EMAIL_OTP', SECRET_HASH: hash('ida') } });
    const code = (await codes(ctx, 'ida')).emailOtp;
    await fails('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId, Session: ch.Session, ChallengeResponses: { USERNAME: 'ida', EMAIL_OTP_CODE: code } }, 'NotAuthorizedException', /SECRET_HASH was not received/);
    const done = await ok('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId, Session: ch.Session, ChallengeResponses: { USERNAME: 'ida', EMAIL_OTP_CODE: code, SECRET_HASH: hash('ida') } });
    assert.ok(done.AuthenticationResult);
    await ctl('POST', '/_test/requests/clear');
  });
});
