// App clients with a secret: every operation that takes SECRET_HASH (or
// SecretHash) refuses it missing or wrong, and accepts the right one.
// SECRET_HASH = base64(HMAC-SHA256(secret, username + clientId)). Raw fetch:
// amazon-cognito-identity-js has no client-secret support.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { C, cb, client, useEmulator } from './sdk-helpers.mjs';

const BigInteger = createRequire(import.meta.url)('amazon-cognito-identity-js/lib/BigInteger').default;
const emu = useEmulator();
const { api, ok, fails, ctl, makePool, codes, makeUser } = client(emu);

const FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH'];

async function secretClient(pool = {}) {
  const ctx = await makePool({ flows: FLOWS, pool, clientExtra: { GenerateSecret: true } });
  const { ClientId: id, ClientSecret: secret } = ctx.client;
  assert.ok(secret);
  const hash = (username) => createHmac('sha256', secret).update(username + id).digest('base64');
  const missingMsg = `Client ${id} is configured with secret but SECRET_HASH was not received`;
  const wrongMsg = `Unable to verify secret hash for client ${id}`;
  /** Call `op` without, with a wrong and with the right hash (set by `put(body, hash)`); returns the last answer. */
  async function check(op, body, put, username) {
    await fails(op, put(structuredClone(body), undefined), 'NotAuthorizedException', missingMsg);
    await fails(op, put(structuredClone(body), hash(`${username}x`)), 'NotAuthorizedException', wrongMsg);
    return ok(op, put(structuredClone(body), hash(username)));
  }
  return { ...ctx, id, hash, check, missingMsg, wrongMsg };
}

const top = (body, h) => (h === undefined ? body : { ...body, SecretHash: h });
const auth = (body, h) => (h === undefined ? body : { ...body, AuthParameters: { ...body.AuthParameters, SECRET_HASH: h } });
const answer = (body, h) => (h === undefined ? body : { ...body, ChallengeResponses: { ...body.ChallengeResponses, SECRET_HASH: h } });

describe('client secret', () => {
  test('SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword', async () => {
    const s = await secretClient();
    const up = await s.check('SignUp', { ClientId: s.id, Username: 'kim', Password: 'kim-password-1', UserAttributes: [{ Name: 'email', Value: 'kim@example.com' }] }, top, 'kim');
    assert.equal(up.UserConfirmed, false);
    await s.check('ResendConfirmationCode', { ClientId: s.id, Username: 'kim' }, top, 'kim');
    await s.check('ConfirmSignUp', { ClientId: s.id, Username: 'kim', ConfirmationCode: (await codes(s, 'kim')).signUp }, top, 'kim');
    await s.check('ForgotPassword', { ClientId: s.id, Username: 'kim' }, top, 'kim');
    await s.check('ConfirmForgotPassword', { ClientId: s.id, Username: 'kim', ConfirmationCode: (await codes(s, 'kim')).forgotPassword, Password: 'kim-password-2' }, top, 'kim');
    await s.check('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.id, AuthParameters: { USERNAME: 'kim', PASSWORD: 'kim-password-2' } }, auth, 'kim');
  });

  test('InitiateAuth USER_SRP_AUTH and RespondToAuthChallenge PASSWORD_VERIFIER; NEW_PASSWORD_REQUIRED', async () => {
    const s = await secretClient();
    await makeUser(s, 'lou', 'lou-password-1');
    const helper = new C.AuthenticationHelper(s.poolName);
    const A = (await cb((done) => helper.getLargeAValue(done))).toString(16);
    const start = await s.check('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: s.id, AuthParameters: { USERNAME: 'lou', SRP_A: A } }, auth, 'lou');
    const ch = start.ChallengeParameters;
    const key = await cb((done) => helper.getPasswordAuthenticationKey(ch.USER_ID_FOR_SRP, 'lou-password-1', new BigInteger(ch.SRP_B, 16), new BigInteger(ch.SALT, 16), done));
    const ts = new C.DateHelper().getNowString();
    const sig = createHmac('sha256', key).update(Buffer.concat([Buffer.from(s.poolName), Buffer.from('lou'), Buffer.from(ch.SECRET_BLOCK, 'base64'), Buffer.from(ts)])).digest('base64');
    const body = { ChallengeName: 'PASSWORD_VERIFIER', ClientId: s.id, ChallengeResponses: { USERNAME: 'lou', PASSWORD_CLAIM_SECRET_BLOCK: ch.SECRET_BLOCK, TIMESTAMP: ts, PASSWORD_CLAIM_SIGNATURE: sig } };
    // The SECRET_BLOCK is single use whatever the outcome, so each refusal needs a fresh start: check by hand.
    await fails('RespondToAuthChallenge', body, 'NotAuthorizedException', s.missingMsg);
    const again = await ok('InitiateAuth', auth({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.id, AuthParameters: { USERNAME: 'lou', SRP_A: A } }, s.hash('lou')));
    const ch2 = again.ChallengeParameters;
    const key2 = await cb((done) => helper.getPasswordAuthenticationKey('lou', 'lou-password-1', new BigInteger(ch2.SRP_B, 16), new BigInteger(ch2.SALT, 16), done));
    const sig2 = createHmac('sha256', key2).update(Buffer.concat([Buffer.from(s.poolName), Buffer.from('lou'), Buffer.from(ch2.SECRET_BLOCK, 'base64'), Buffer.from(ts)])).digest('base64');
    const done = await ok('RespondToAuthChallenge', answer({ ...body, ChallengeResponses: { ...body.ChallengeResponses, PASSWORD_CLAIM_SECRET_BLOCK: ch2.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: sig2 } }, s.hash('lou')));
    assert.ok(done.AuthenticationResult.AccessToken);

    await ok('AdminCreateUser', { UserPoolId: s.poolId, Username: 'max', TemporaryPassword: 'max-temp-pass-1', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'max@example.com' }] });
    const np = await ok('InitiateAuth', auth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.id, AuthParameters: { USERNAME: 'max', PASSWORD: 'max-temp-pass-1' } }, s.hash('max')));
    assert.equal(np.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const set = await s.check('RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: s.id, Session: np.Session, ChallengeResponses: { USERNAME: 'max', NEW_PASSWORD: 'max-password-1' } }, answer, 'max');
    assert.ok(set.AuthenticationResult, 'refused answers leave the session usable');
  });

  test('CUSTOM_AUTH start and CUSTOM_CHALLENGE answers', async () => {
    const s = await secretClient();
    await makeUser(s, 'ned', 'ned-password-1');
    await ctl('POST', '/_test/custom-auth', { userPoolId: s.poolId, challenges: [{ answer: '42' }] });
    const ch = await s.check('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: s.id, AuthParameters: { USERNAME: 'ned' } }, auth, 'ned');
    await fails('RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: s.id, Session: ch.Session, ChallengeResponses: { USERNAME: 'ned', ANSWER: '42' } }, 'NotAuthorizedException', s.missingMsg);
    await fails('RespondToAuthChallenge', answer({ ChallengeName: 'CUSTOM_CHALLENGE', ClientId: s.id, Session: ch.Session, ChallengeResponses: { USERNAME: 'ned', ANSWER: '42' } }, s.hash('ted')), 'NotAuthorizedException', s.wrongMsg);
    const done = await ok('RespondToAuthChallenge', answer({ ChallengeName: 'CUSTOM_CHALLENGE', ClientId: s.id, Session: ch.Session, ChallengeResponses: { USERNAME: 'ned', ANSWER: '42' } }, s.hash('ned')));
    assert.ok(done.AuthenticationResult);
  });

  test('REFRESH_TOKEN_AUTH: SECRET_HASH over the stored username (the sub where email is the username), not what was typed', async () => {
    const s = await secretClient({ UsernameAttributes: ['email'] });
    await ok('SignUp', top({ ClientId: s.id, Username: 'ola@example.com', Password: 'ola-password-1' }, s.hash('ola@example.com')));
    await ok('AdminConfirmSignUp', { UserPoolId: s.poolId, Username: 'ola@example.com' });
    const signed = await ok('InitiateAuth', auth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.id, AuthParameters: { USERNAME: 'ola@example.com', PASSWORD: 'ola-password-1' } }, s.hash('ola@example.com')));
    const { RefreshToken, AccessToken } = signed.AuthenticationResult;
    const username = JSON.parse(Buffer.from(AccessToken.split('.')[1], 'base64url')).username;
    assert.notEqual(username, 'ola@example.com');
    const refresh = (h, extra = {}) => auth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: s.id, AuthParameters: { REFRESH_TOKEN: RefreshToken, ...extra } }, h);
    await fails('InitiateAuth', refresh(undefined), 'NotAuthorizedException', s.missingMsg);
    await fails('InitiateAuth', refresh(s.hash('ola@example.com'), { USERNAME: 'ola@example.com' }), 'NotAuthorizedException', s.wrongMsg);
    const r = await ok('InitiateAuth', refresh(s.hash(username)));
    assert.ok(r.AuthenticationResult.AccessToken);
    // A client without a secret needs none (and SECRET_HASH is not required there).
    const plain = await makePool({ flows: FLOWS });
    await makeUser(plain, 'pia', 'pia-password-1');
    assert.equal((await api('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: plain.clientId, AuthParameters: { USERNAME: 'pia', PASSWORD: 'pia-password-1' } })).status, 200);
  });
});
