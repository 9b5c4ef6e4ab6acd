// Token refresh: GetTokensFromRefreshToken, refresh token rotation per app
// client (CreateUserPoolClient / UpdateUserPoolClient / POST /_test/refresh-rotation),
// and UpdateUserPoolClient / DescribeUserPoolClient.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cb, client, decode, sdkUser, signIn, useEmulator } from './sdk-helpers.mjs';

const emu = useEmulator();
const { ok, fails, ctl, makePool, makeUser } = client(emu);

async function session(ctx, username, password) {
  const r = await signIn(sdkUser(ctx, username), username, password, 'USER_PASSWORD_AUTH');
  assert.equal(r.kind, 'success');
  return r.args[0];
}

const getTokens = (ctx, RefreshToken, extra = {}) => ok('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken, ...extra });

describe('GetTokensFromRefreshToken', () => {
  test('without rotation: new access and id tokens, no refresh token, same lineage', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'gus', 'gus-password-1');
    const s = await session(ctx, 'gus', 'gus-password-1');
    const r = await getTokens(ctx, s.getRefreshToken().getToken(), { ClientMetadata: { app: 'test' } });
    assert.deepEqual(Object.keys(r.AuthenticationResult).sort(), ['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    assert.equal(r.AuthenticationResult.TokenType, 'Bearer');
    assert.equal(r.AuthenticationResult.ExpiresIn, 3600);
    const before = decode(s.getAccessToken().getJwtToken());
    const after = decode(r.AuthenticationResult.AccessToken);
    assert.equal(after.origin_jti, before.origin_jti);
    assert.notEqual(after.jti, before.jti);
    // The same token keeps working (no rotation).
    await getTokens(ctx, s.getRefreshToken().getToken());
    await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: 'nope' }, 'NotAuthorizedException', 'Invalid Refresh Token');
    await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId }, 'InvalidParameterException');
  });

  test('a client with a secret needs ClientSecret', async () => {
    const ctx = await makePool({ flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], clientExtra: { GenerateSecret: true } });
    await makeUser(ctx, 'hal', 'hal-password-1');
    // Sign in by hand: the SDK has no client-secret support.
    const { createHmac } = await import('node:crypto');
    const c2 = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'plain', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], GenerateSecret: true });
    const id2 = c2.UserPoolClient.ClientId;
    const hash2 = createHmac('sha256', c2.UserPoolClient.ClientSecret).update('hal' + id2).digest('base64');
    const signed = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: id2, AuthParameters: { USERNAME: 'hal', PASSWORD: 'hal-password-1', SECRET_HASH: hash2 } });
    const rt = signed.AuthenticationResult.RefreshToken;
    await fails('GetTokensFromRefreshToken', { ClientId: id2, RefreshToken: rt }, 'NotAuthorizedException');
    await fails('GetTokensFromRefreshToken', { ClientId: id2, RefreshToken: rt, ClientSecret: 'wrong' }, 'NotAuthorizedException');
    await ok('GetTokensFromRefreshToken', { ClientId: id2, RefreshToken: rt, ClientSecret: c2.UserPoolClient.ClientSecret });
    await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: rt, ClientSecret: ctx.client.ClientSecret }, 'NotAuthorizedException', 'Invalid Refresh Token');
  });
});

describe('refresh token rotation', () => {
  test('client config: ALLOW_REFRESH_TOKEN_AUTH goes away and can not come back while rotating', async () => {
    const ctx = await makePool();
    const rot = { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 };
    const c = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'rot', RefreshTokenRotation: rot });
    assert.deepEqual(c.UserPoolClient.ExplicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']);
    assert.deepEqual(c.UserPoolClient.RefreshTokenRotation, rot);
    await fails('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'x', RefreshTokenRotation: rot, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }, 'InvalidParameterException');
    await fails('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'x', RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 } }, 'InvalidParameterException');
    await fails('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'x', RefreshTokenRotation: { Feature: 'ON' } }, 'InvalidParameterException');
    assert.deepEqual(ctx.client.RefreshTokenRotation, { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 });
  });

  test('rotation: a new refresh token each time, the old one dies at once, REFRESH_TOKEN_AUTH refused', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'ida', 'ida-password-1');
    const s = await session(ctx, 'ida', 'ida-password-1');
    const flipped = await ctl('POST', '/_test/refresh-rotation', { clientId: ctx.clientId, enabled: true });
    assert.deepEqual(flipped.json.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
    assert.ok(!flipped.json.ExplicitAuthFlows.includes('ALLOW_REFRESH_TOKEN_AUTH'));

    // (Raw, not the SDK's refreshSession: its requestWithRetry sleeps ~6 s retrying any error.)
    await fails('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: s.getRefreshToken().getToken() } },
      'InvalidParameterException', /GetTokensFromRefreshToken/);

    const rt0 = s.getRefreshToken().getToken();
    const r1 = (await getTokens(ctx, rt0)).AuthenticationResult;
    assert.ok(r1.RefreshToken && r1.RefreshToken !== rt0);
    assert.equal(r1.RefreshToken.split('.').length, 5);
    await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: rt0 }, 'RefreshTokenReuseException');
    const r2 = (await getTokens(ctx, r1.RefreshToken)).AuthenticationResult;
    assert.equal(decode(r2.AccessToken).origin_jti, decode(s.getAccessToken().getJwtToken()).origin_jti, 'one lineage');
    await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: r1.RefreshToken }, 'RefreshTokenReuseException');

    // Revoking the newest token ends the whole lineage.
    await ok('RevokeToken', { ClientId: ctx.clientId, Token: r2.RefreshToken });
    await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: r2.RefreshToken }, 'NotAuthorizedException', 'Refresh Token has been revoked');
    await fails('GetUser', { AccessToken: r2.AccessToken }, 'NotAuthorizedException', 'Access Token has been revoked');

    // Back off: REFRESH_TOKEN_AUTH works again and returns no refresh token.
    await ctl('POST', '/_test/refresh-rotation', { clientId: ctx.clientId, enabled: false });
    const s2 = await session(ctx, 'ida', 'ida-password-1');
    const back = await cb((done) => sdkUser(ctx, 'ida').refreshSession(s2.getRefreshToken(), done));
    assert.equal(back.getRefreshToken().getToken(), s2.getRefreshToken().getToken());
  });

  test('grace period: the old token works for RetryGracePeriodSeconds, then is reuse', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'jo', 'jo-password-1');
    const s = await session(ctx, 'jo', 'jo-password-1');
    await ctl('POST', '/_test/refresh-rotation', { clientId: ctx.clientId, enabled: true, graceSeconds: 30 });
    const rt0 = s.getRefreshToken().getToken();
    const r1 = (await getTokens(ctx, rt0)).AuthenticationResult;
    const retry = (await getTokens(ctx, rt0)).AuthenticationResult; // a client retry inside the grace period
    assert.ok(retry.RefreshToken && retry.RefreshToken !== r1.RefreshToken);
    const s2 = await session(ctx, 'jo', 'jo-password-1');
    const other = (await getTokens(ctx, s2.getRefreshToken().getToken())).AuthenticationResult;
    await ok('RevokeToken', { ClientId: ctx.clientId, Token: other.RefreshToken });
    await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: s2.getRefreshToken().getToken() }, 'NotAuthorizedException',
      'Refresh Token has been revoked'); // revoking the new token also ends the old one, grace period or not
    await ctl('POST', '/_test/clock', { offsetSeconds: 31 });
    try {
      await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: rt0 }, 'RefreshTokenReuseException');
      await getTokens(ctx, r1.RefreshToken);
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
    }
    assert.equal((await ctl('POST', '/_test/refresh-rotation', { clientId: ctx.clientId, enabled: true, graceSeconds: 61 })).status, 400);
  });

  test('a rotated refresh token expires when the original would have', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'kim', 'kim-password-1');
    await ctl('POST', '/_test/token-lifetime', { clientId: ctx.clientId, refreshSeconds: 100 });
    const s = await session(ctx, 'kim', 'kim-password-1');
    await ctl('POST', '/_test/refresh-rotation', { clientId: ctx.clientId, enabled: true });
    await ctl('POST', '/_test/clock', { offsetSeconds: 60 });
    try {
      const r1 = (await getTokens(ctx, s.getRefreshToken().getToken())).AuthenticationResult;
      await ctl('POST', '/_test/clock', { offsetSeconds: 101 });
      await fails('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: r1.RefreshToken }, 'NotAuthorizedException', 'Refresh Token has expired');
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
      await ctl('DELETE', '/_test/token-lifetime');
    }
  });
});

describe('UpdateUserPoolClient', () => {
  test('auth flows, token validity and rotation; DescribeUserPoolClient shows them', async () => {
    const ctx = await makePool({ flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await makeUser(ctx, 'lu', 'lu-password-1');
    await fails('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'lu', PASSWORD: 'lu-password-1' } }, 'InvalidParameterException');
    const u = await ok('UpdateUserPoolClient', {
      UserPoolId: ctx.poolId, ClientId: ctx.clientId,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 5, IdTokenValidity: 10, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
    });
    assert.deepEqual(u.UserPoolClient.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    const s = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'lu', PASSWORD: 'lu-password-1' } });
    assert.equal(s.AuthenticationResult.ExpiresIn, 300);
    const id = decode(s.AuthenticationResult.IdToken);
    assert.equal(id.exp - id.iat, 600);
    await fails('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'lu', SRP_A: '02' } }, 'InvalidParameterException');

    await fails('UpdateUserPoolClient', { UserPoolId: ctx.poolId, ClientId: ctx.clientId, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }, 'InvalidParameterException');
    // Turning rotation on drops ALLOW_REFRESH_TOKEN_AUTH when the flows are not given.
    const r = await ok('UpdateUserPoolClient', { UserPoolId: ctx.poolId, ClientId: ctx.clientId, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } });
    assert.deepEqual(r.UserPoolClient.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH']);
    const d = await ok('DescribeUserPoolClient', { UserPoolId: ctx.poolId, ClientId: ctx.clientId });
    assert.deepEqual(d.UserPoolClient.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    assert.equal(d.UserPoolClient.AccessTokenValidity, 5);
    await fails('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: s.AuthenticationResult.RefreshToken } }, 'InvalidParameterException');
    const rotated = await getTokens(ctx, s.AuthenticationResult.RefreshToken);
    assert.ok(rotated.AuthenticationResult.RefreshToken);
    await fails('DescribeUserPoolClient', { UserPoolId: ctx.poolId, ClientId: 'nope' }, 'ResourceNotFoundException');
  });
});
