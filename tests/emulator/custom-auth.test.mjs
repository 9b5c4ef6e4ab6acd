// CUSTOM_AUTH with simulated Define/Create/Verify Auth Challenge triggers
// (POST /_test/custom-auth), driven by amazon-cognito-identity-js.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { C, client, sdkUser, signIn, step, useEmulator } from './sdk-helpers.mjs';

const emu = useEmulator();
const { api, ok, fails, ctl, makePool, makeUser } = client(emu);

const configure = (ctx, body) => ctl('POST', '/_test/custom-auth', { userPoolId: ctx.poolId, ...body });
const startCustom = (user, clientMetadata) =>
  step((cbs) => user.initiateAuth(new C.AuthenticationDetails({ Username: user.getUsername(), ClientMetadata: clientMetadata }), cbs));

describe('CUSTOM_AUTH', () => {
  test('challenges in order, public parameters, wrong answers re-issued, three strikes', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'xia', 'xia-password-1');
    await fails('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'xia' } }, 'InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.');
    const set = await configure(ctx, { challenges: [
      { answer: 'blue', publicChallengeParameters: { question: 'colour?' } },
      { answer: '42', publicChallengeParameters: { question: 'number?', hint: 'six times seven' } },
    ] });
    assert.deepEqual(set.json, { ok: true, challenges: 2, srpFirst: false });

    await ctl('POST', '/_test/requests/clear');
    const user = sdkUser(ctx, 'xia');
    const c1 = await startCustom(user, { locale: 'fr' });
    assert.equal(c1.kind, 'customChallenge');
    assert.deepEqual(c1.args[0], { question: 'colour?', USERNAME: 'xia' });
    const log = (await ctl('GET', '/_test/requests?operation=InitiateAuth')).json[0];
    assert.deepEqual(JSON.parse(log.body).ClientMetadata, { locale: 'fr' }, 'ClientMetadata reaches the request log');

    const again = await step((cbs) => user.sendCustomChallengeAnswer('red', cbs));
    assert.equal(again.kind, 'customChallenge', 'a wrong answer re-issues the challenge');
    assert.deepEqual(again.args[0], { question: 'colour?', USERNAME: 'xia' });
    const c2 = await step((cbs) => user.sendCustomChallengeAnswer('blue', cbs));
    assert.deepEqual(c2.args[0], { question: 'number?', hint: 'six times seven', USERNAME: 'xia' });
    const done = await step((cbs) => user.sendCustomChallengeAnswer('42', cbs));
    assert.equal(done.kind, 'success');
    assert.ok(done.args[0].isValid());

    const u2 = sdkUser(ctx, 'xia');
    await startCustom(u2);
    const stale = u2.Session;
    await step((cbs) => u2.sendCustomChallengeAnswer('no', cbs));
    await step((cbs) => u2.sendCustomChallengeAnswer('nope', cbs));
    const out = await step((cbs) => u2.sendCustomChallengeAnswer('still no', cbs)).catch((e) => e);
    assert.equal(out.code, 'NotAuthorizedException');
    assert.equal(out.message, 'Incorrect username or password.');
    const replay = await api('RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: ctx.clientId, Session: stale, ChallengeResponses: { USERNAME: 'xia', ANSWER: 'blue' } });
    assert.equal(replay.json.message, 'Invalid session for the user.');
  });

  test('srpFirst: PASSWORD_VERIFIER, then the custom challenge (the SDK sends CHALLENGE_NAME SRP_A)', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'yul', 'yul-password-1');
    await configure(ctx, { srpFirst: true, challenges: [{ answer: 'otp-123', publicChallengeParameters: { kind: 'otp' } }] });
    const user = sdkUser(ctx, 'yul');
    const ch = await signIn(user, 'yul', 'yul-password-1', 'CUSTOM_AUTH');
    assert.equal(ch.kind, 'customChallenge');
    assert.deepEqual(ch.args[0], { kind: 'otp', USERNAME: 'yul' });
    assert.equal((await step((cbs) => user.sendCustomChallengeAnswer('otp-123', cbs))).kind, 'success');
    const bad = await signIn(sdkUser(ctx, 'yul'), 'yul', 'not-the-password', 'CUSTOM_AUTH').catch((e) => e);
    assert.equal(bad.code, 'NotAuthorizedException');
    await fails('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'yul' } }, 'InvalidParameterException');

    // SRP only (no challenges): tokens right after the password proof.
    await configure(ctx, { srpFirst: true, challenges: [] });
    assert.equal((await signIn(sdkUser(ctx, 'yul'), 'yul', 'yul-password-1', 'CUSTOM_AUTH')).kind, 'success');
    assert.equal((await configure(ctx, { challenges: [] })).status, 400);
    assert.equal((await configure(ctx, { challenges: [{ answer: 'x', publicChallengeParameters: { n: 1 } }] })).status, 400);

    // A client without ALLOW_CUSTOM_AUTH refuses the flow.
    const c2 = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'srp', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await fails('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: c2.UserPoolClient.ClientId, AuthParameters: { USERNAME: 'yul' } }, 'InvalidParameterException');
  });
});
