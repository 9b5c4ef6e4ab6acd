// Cognito Identity (identity pools) on the same endpoint: CreateIdentityPool,
// GetId, GetCredentialsForIdentity with user-pool ID tokens as Logins. Raw fetch.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { client, decode, useEmulator } from './sdk-helpers.mjs';

const emu = useEmulator();
const { ok, ctl, makePool, makeUser } = client(emu);

async function identity(op, body) {
  const r = await fetch(`${emu().url}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityService.${op}` },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: JSON.parse(text), text };
}
const idOk = async (op, body) => {
  const r = await identity(op, body);
  assert.equal(r.status, 200, `${op}: ${r.text}`);
  return r.json;
};
const idFails = async (op, body, type, message) => {
  const r = await identity(op, body);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.__type, type, `${op}: ${r.text}`);
  assert.equal(r.headers.get('x-amzn-errortype'), `${type}:`);
  if (message) assert.match(r.json.message, message);
  return r.json;
};

const provider = (poolId) => `cognito-idp.us-east-1.amazonaws.com/${poolId}`;

async function signIn(clientId, username) {
  const r = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: `${username}-password-1` } });
  return r.AuthenticationResult;
}

/** A user pool with two users, an identity pool trusting its client. */
async function setup({ allowUnauth = true } = {}) {
  const ctx = await makePool();
  await makeUser(ctx, 'ava', 'ava-password-1');
  await makeUser(ctx, 'ben', 'ben-password-1');
  const pool = await idOk('CreateIdentityPool', {
    IdentityPoolName: 'web identities', AllowUnauthenticatedIdentities: allowUnauth,
    CognitoIdentityProviders: [{ ProviderName: provider(ctx.poolId), ClientId: ctx.clientId }],
  });
  return { ctx, pool, idPoolId: pool.IdentityPoolId };
}

describe('identity pools', () => {
  test('CreateIdentityPool / DescribeIdentityPool; unknown and malformed pools', async () => {
    const { ctx, pool, idPoolId } = await setup();
    assert.match(idPoolId, /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(pool.CognitoIdentityProviders, [{ ProviderName: provider(ctx.poolId), ClientId: ctx.clientId, ServerSideTokenCheck: false }]);
    assert.equal(pool.AllowUnauthenticatedIdentities, true);
    assert.deepEqual(await idOk('DescribeIdentityPool', { IdentityPoolId: idPoolId }), pool);
    await idFails('GetId', { IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' }, 'ResourceNotFoundException', /not found/);
    await idFails('GetId', { IdentityPoolId: 'nope' }, 'InvalidParameterException');
    await idFails('GetId', {}, 'InvalidParameterException');
    await idFails('CreateIdentityPool', { IdentityPoolName: 'x' }, 'InvalidParameterException', /allowUnauthenticatedIdentities/);
    await idFails('CreateIdentityPool', { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: 'accounts.google.com', ClientId: 'x' }] }, 'InvalidParameterException');
    await idFails('CreateIdentityPool', { IdentityPoolName: 'x', AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: provider(ctx.poolId), ClientId: 'someoneelse' }] }, 'InvalidParameterException');
    // The user-pool target does not know identity operations, and vice versa.
    const r = await fetch(`${emu().url}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetId' }, body: '{}' });
    assert.equal((await r.json()).__type, 'UnknownOperationException');
    await idFails('InitiateAuth', {}, 'UnknownOperationException');
  });

  test('GetId: the same identity for the same user, a new one per unauthenticated call', async () => {
    const { ctx, idPoolId } = await setup();
    const ava = await signIn(ctx.clientId, 'ava');
    const logins = { [provider(ctx.poolId)]: ava.IdToken };
    const first = await idOk('GetId', { IdentityPoolId: idPoolId, Logins: logins });
    assert.match(first.IdentityId, /^us-east-1:[0-9a-f-]{36}$/);
    const again = await idOk('GetId', { IdentityPoolId: idPoolId, Logins: { [provider(ctx.poolId)]: (await signIn(ctx.clientId, 'ava')).IdToken } });
    assert.equal(again.IdentityId, first.IdentityId, 'a new sign-in of the same sub');
    const ben = await idOk('GetId', { IdentityPoolId: idPoolId, Logins: { [provider(ctx.poolId)]: (await signIn(ctx.clientId, 'ben')).IdToken } });
    assert.notEqual(ben.IdentityId, first.IdentityId);
    const g1 = await idOk('GetId', { IdentityPoolId: idPoolId });
    const g2 = await idOk('GetId', { IdentityPoolId: idPoolId, Logins: {} });
    assert.notEqual(g1.IdentityId, g2.IdentityId);
    const closed = await setup({ allowUnauth: false });
    await idFails('GetId', { IdentityPoolId: closed.idPoolId }, 'NotAuthorizedException', /^Unauthenticated access is not supported for this identity pool\.$/);
  });

  test('GetId refuses tokens that do not verify', async () => {
    const { ctx, idPoolId } = await setup();
    const key = provider(ctx.poolId);
    const ava = await signIn(ctx.clientId, 'ava');
    const [h, p, s] = ava.IdToken.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...decode(ava.IdToken), sub: 'someone' })).toString('base64url')}.${s}`;
    await idFails('GetId', { IdentityPoolId: idPoolId, Logins: { [key]: forged } }, 'NotAuthorizedException', /^Invalid login token\. Not a valid OpenId Connect identity token\.$/);
    await idFails('GetId', { IdentityPoolId: idPoolId, Logins: { [key]: 'not-a-jwt' } }, 'NotAuthorizedException', /^Invalid login token\./);
    await idFails('GetId', { IdentityPoolId: idPoolId, Logins: { [key]: ava.AccessToken } }, 'NotAuthorizedException', /Missing a required claim: aud/);
    // A client the identity pool does not trust.
    const other = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'other', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await idFails('GetId', { IdentityPoolId: idPoolId, Logins: { [key]: (await signIn(other.UserPoolClient.ClientId, 'ava')).IdToken } }, 'NotAuthorizedException', /Incorrect token audience/);
    // A provider the identity pool does not have, and a token of another user pool under this provider.
    const ctx2 = await makePool();
    await makeUser(ctx2, 'ava', 'ava-password-1');
    const foreign = (await signIn(ctx2.clientId, 'ava')).IdToken;
    await idFails('GetId', { IdentityPoolId: idPoolId, Logins: { [provider(ctx2.poolId)]: foreign } }, 'NotAuthorizedException', /not from a supported provider/);
    await idFails('GetId', { IdentityPoolId: idPoolId, Logins: { [key]: foreign } }, 'NotAuthorizedException', /Issuer doesn't match providerName/);
    // Expired.
    await ctl('POST', '/_test/token-lifetime', { clientId: ctx.clientId, idSeconds: 1 });
    const short = (await signIn(ctx.clientId, 'ava')).IdToken;
    await ctl('DELETE', '/_test/token-lifetime');
    await ctl('POST', '/_test/clock', { offsetSeconds: 5 });
    try {
      await idFails('GetId', { IdentityPoolId: idPoolId, Logins: { [key]: short } }, 'NotAuthorizedException', /^Invalid login token\. Token expired: \d+ >= \d+$/);
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
    }
  });

  test('GetCredentialsForIdentity: authenticated identities need their Logins; credentials shape and lifetime', async () => {
    const { ctx, idPoolId } = await setup();
    const key = provider(ctx.poolId);
    const avaToken = (await signIn(ctx.clientId, 'ava')).IdToken;
    const benToken = (await signIn(ctx.clientId, 'ben')).IdToken;
    const { IdentityId } = await idOk('GetId', { IdentityPoolId: idPoolId, Logins: { [key]: avaToken } });
    await idFails('GetCredentialsForIdentity', { IdentityId }, 'NotAuthorizedException', new RegExp(`^Access to Identity '${IdentityId}' is forbidden\\.$`));
    await idFails('GetCredentialsForIdentity', { IdentityId, Logins: { [key]: benToken } }, 'NotAuthorizedException', /Logins don't match/);
    const before = Math.floor(Date.now() / 1000);
    const r = await idOk('GetCredentialsForIdentity', { IdentityId, Logins: { [key]: avaToken } });
    assert.equal(r.IdentityId, IdentityId);
    const c = r.Credentials;
    assert.match(c.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(typeof c.SecretKey, 'string');
    assert.ok(c.SecretKey.length >= 40);
    assert.ok(c.SessionToken.length > 100);
    assert.equal(typeof c.Expiration, 'number', 'epoch seconds, a JSON number');
    assert.ok(c.Expiration >= before + 3590 && c.Expiration <= before + 3610);
    const seen = await ctl('GET', `/_test/identity-credentials?accessKeyId=${c.AccessKeyId}`);
    assert.deepEqual(seen.json, { identityId: IdentityId, identityPoolId: idPoolId, authenticated: true, expiration: c.Expiration });

    assert.equal((await ctl('POST', '/_test/identity-credentials-lifetime', { seconds: 0 })).status, 400);
    assert.deepEqual((await ctl('POST', '/_test/identity-credentials-lifetime', { seconds: 900 })).json, { ok: true, seconds: 900 });
    const short = (await idOk('GetCredentialsForIdentity', { IdentityId, Logins: { [key]: avaToken } })).Credentials;
    assert.ok(Math.abs(short.Expiration - (Date.now() / 1000 + 900)) < 10);
    await ctl('POST', '/_test/identity-credentials-lifetime', { seconds: null });

    await idFails('GetCredentialsForIdentity', { IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000' }, 'ResourceNotFoundException', /not found/);
    await idFails('GetCredentialsForIdentity', { IdentityId: 'bad id' }, 'InvalidParameterException');
  });

  test('GetCredentialsForIdentity for unauthenticated identities; ServerSideTokenCheck', async () => {
    const { ctx, idPoolId } = await setup();
    const key = provider(ctx.poolId);
    const guest = await idOk('GetId', { IdentityPoolId: idPoolId });
    const r = await idOk('GetCredentialsForIdentity', { IdentityId: guest.IdentityId });
    assert.match(r.Credentials.AccessKeyId, /^ASIA/);
    assert.equal((await ctl('GET', `/_test/identity-credentials?accessKeyId=${r.Credentials.AccessKeyId}`)).json.authenticated, false);
    // A guest identity is not upgraded by presenting Logins: GetId with the Logins gives the user's own.
    const ava = await signIn(ctx.clientId, 'ava');
    await idFails('GetCredentialsForIdentity', { IdentityId: guest.IdentityId, Logins: { [key]: ava.IdToken } }, 'NotAuthorizedException', /Logins don't match/);

    const checked = await idOk('CreateIdentityPool', {
      IdentityPoolName: 'checked', AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: key, ClientId: ctx.clientId, ServerSideTokenCheck: true }],
    });
    const logins = { [key]: ava.IdToken };
    const { IdentityId } = await idOk('GetId', { IdentityPoolId: checked.IdentityPoolId, Logins: logins });
    await ok('GlobalSignOut', { AccessToken: ava.AccessToken });
    await idFails('GetCredentialsForIdentity', { IdentityId, Logins: logins }, 'NotAuthorizedException', /revoked/);
    // Without the check the signed-out ID token still works until it expires, as in AWS.
    const { IdentityId: plainId } = await idOk('GetId', { IdentityPoolId: idPoolId, Logins: logins });
    await idOk('GetCredentialsForIdentity', { IdentityId: plainId, Logins: logins });
  });
});
