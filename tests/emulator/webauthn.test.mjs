// Passkeys end to end with a software authenticator (real P-256 / RSA keys,
// hand-built CBOR attestation and assertions): registration, listing,
// deletion, passwordless sign-in through USER_AUTH WEB_AUTHN, and every
// tampered variant refused. Raw fetch: amazon-cognito-identity-js has no passkeys.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CborError, decode as cborDecode } from './cbor.mjs';
import { client, decode, useEmulator } from './sdk-helpers.mjs';
import { SoftAuthenticator, cbor } from './soft-authenticator.mjs';

const emu = useEmulator();
const { ok, fails, ctl, makePool, makeUser } = client(emu);

const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const ORIGIN = 'http://localhost:8080';

async function passkeyPool(factors = ['PASSWORD', 'WEB_AUTHN']) {
  return makePool({ flows: FLOWS, pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors } } } });
}

async function signedIn(ctx, username, password = `${username}-password-1`, clientId = ctx.clientId) {
  const r = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  return r.AuthenticationResult.AccessToken;
}

/** A user with one registered passkey; returns {token, auth}. */
async function withPasskey(ctx, username, auth = new SoftAuthenticator()) {
  await makeUser(ctx, username, `${username}-password-1`);
  const token = await signedIn(ctx, username);
  const { CredentialCreationOptions: options } = await ok('StartWebAuthnRegistration', { AccessToken: token });
  assert.deepEqual(await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: auth.create(options, ORIGIN) }), {});
  return { token, auth };
}

async function webAuthnChallenge(ctx, username) {
  const ch = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } });
  assert.equal(ch.ChallengeName, 'WEB_AUTHN');
  return { session: ch.Session, options: JSON.parse(ch.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS) };
}

const answer = (ctx, username, session, credential) => ({
  ChallengeName: 'WEB_AUTHN', ClientId: ctx.clientId, Session: session,
  ChallengeResponses: { USERNAME: username, CREDENTIAL: JSON.stringify(credential) },
});

describe('CBOR decoder', () => {
  test('round-trips what the test encoder writes; refuses indefinite lengths, tags, floats and trailing bytes', () => {
    const value = new Map([[1, 2], [3, -7], [-1, 1], [-2, Buffer.alloc(32, 9)], ['fmt', 'none'], ['l', [0, 23, 24, 255, 256, 65536, -1, -25]], ['t', true]]);
    assert.deepEqual(cborDecode(cbor(value)), value);
    for (const bad of ['9f01ff', 'c24100', 'f93c00', '0101', '5a0000ffff00', 'a20101010102']) {
      assert.throws(() => cborDecode(Buffer.from(bad, 'hex')), CborError, bad);
    }
  });
});

describe('WebAuthn registration', () => {
  test('StartWebAuthnRegistration options; Complete; List; Delete', async () => {
    const ctx = await passkeyPool();
    await makeUser(ctx, 'ann', 'ann-password-1', { name: 'Ann Example' });
    const token = await signedIn(ctx, 'ann');
    const sub = decode(token).sub;
    const { CredentialCreationOptions: o } = await ok('StartWebAuthnRegistration', { AccessToken: token });
    assert.match(o.challenge, /^[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(o.rp, { id: 'localhost', name: 'localhost' });
    assert.deepEqual(o.user, { id: Buffer.from(sub).toString('base64url'), name: 'ann', displayName: 'Ann Example' });
    assert.deepEqual(o.pubKeyCredParams, [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }]);
    assert.deepEqual(o.excludeCredentials, []);
    assert.deepEqual(o.authenticatorSelection, { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' });
    assert.equal(o.timeout, 180000);
    const auth = new SoftAuthenticator();
    const cred = auth.create(o, ORIGIN);
    await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: cred });
    const rsa = new SoftAuthenticator({ alg: 'RS256', aaguid: Buffer.alloc(16, 0xab) });
    const { CredentialCreationOptions: o2 } = await ok('StartWebAuthnRegistration', { AccessToken: token });
    assert.deepEqual(o2.excludeCredentials, [{ type: 'public-key', id: cred.id, transports: ['internal'] }]);
    const cred2 = rsa.create(o2, ORIGIN, { fmt: 'packed' }); // self attestation, checked
    await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: cred2 });

    const list = await ok('ListWebAuthnCredentials', { AccessToken: token });
    assert.equal(list.NextToken, undefined);
    assert.equal(list.Credentials.length, 2);
    const [first, second] = list.Credentials;
    assert.equal(first.CredentialId, cred.id);
    assert.equal(first.RelyingPartyId, 'localhost');
    assert.equal(first.AuthenticatorAttachment, 'platform');
    assert.deepEqual(first.AuthenticatorTransports, ['internal']);
    assert.equal(typeof first.FriendlyCredentialName, 'string');
    assert.equal(typeof first.CreatedAt, 'number');
    assert.ok(Math.abs(first.CreatedAt - Date.now() / 1000) < 60, 'epoch seconds');
    assert.equal(second.CredentialId, cred2.id);
    const page1 = await ok('ListWebAuthnCredentials', { AccessToken: token, MaxResults: 1 });
    assert.deepEqual(page1.Credentials.map((c) => c.CredentialId), [cred.id]);
    const page2 = await ok('ListWebAuthnCredentials', { AccessToken: token, MaxResults: 1, NextToken: page1.NextToken });
    assert.deepEqual(page2.Credentials.map((c) => c.CredentialId), [cred2.id]);
    assert.equal(page2.NextToken, undefined);
    await fails('ListWebAuthnCredentials', { AccessToken: token, MaxResults: 21 }, 'InvalidParameterException');
    await fails('ListWebAuthnCredentials', { AccessToken: token, NextToken: 'bm9wZQ' }, 'InvalidParameterException');

    await fails('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: 'nope' }, 'ResourceNotFoundException');
    assert.deepEqual(await ok('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: cred.id }), {});
    assert.deepEqual((await ok('ListWebAuthnCredentials', { AccessToken: token })).Credentials.map((c) => c.CredentialId), [cred2.id]);
  });

  test('refused: wrong challenge, origin, RP, type, flags, format, reuse, no or expired Start, other client, pool without WEB_AUTHN', async () => {
    const ctx = await passkeyPool();
    await makeUser(ctx, 'bea', 'bea-password-1');
    const token = await signedIn(ctx, 'bea');
    const auth = new SoftAuthenticator();
    const start = async () => (await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions;
    const complete = async (cred, type, message) => fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: cred }, type, message);

    await complete(auth.create(await start(), ORIGIN, { challenge: 'AAAAAAAAAAAAAAAAAAAAAA' }), 'WebAuthnChallengeNotFoundException');
    await complete(auth.create(await start(), 'https://evil.example'), 'WebAuthnOriginNotAllowedException');
    await complete(auth.create(await start(), 'https://localhost.evil.example'), 'WebAuthnOriginNotAllowedException');
    await complete(auth.create(await start(), ORIGIN, { rpId: 'example.com' }), 'WebAuthnRelyingPartyMismatchException');
    await complete(auth.create(await start(), ORIGIN, { type: 'webauthn.get' }), 'InvalidParameterException');
    await complete(auth.create(await start(), ORIGIN, { flags: 0x44 }), 'WebAuthnCredentialNotSupportedException'); // no UP
    await complete(auth.create(await start(), ORIGIN, { fmt: 'fido-u2f' }), 'WebAuthnCredentialNotSupportedException');
    await complete(auth.create(await start(), ORIGIN, { fmt: 'packed', attStmt: new Map([['alg', -7], ['sig', Buffer.alloc(70)]]) }), 'WebAuthnCredentialNotSupportedException');
    await complete(JSON.stringify(auth.create(await start(), ORIGIN)), 'InvalidParameterException', /not a string/);
    // Every Complete that gets to the challenge spends it: a second try needs a new Start.
    const o = await start();
    const good = auth.create(o, ORIGIN);
    await complete({ ...good, rawId: good.rawId + 'A', id: good.id + 'A' }, 'InvalidParameterException');
    await complete(good, 'WebAuthnChallengeNotFoundException', /not found/);
    // A credential ID that's already registered in the pool is refused.
    const fresh = auth.create(await start(), ORIGIN);
    await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: fresh });
    await complete(auth.create(await start(), ORIGIN, { rawId: Buffer.from(fresh.rawId, 'base64url') }), 'InvalidParameterException', /already registered/);
    // Expired registration challenge.
    const late = await start();
    await ctl('POST', '/_test/clock', { offsetSeconds: 181 });
    try {
      await fails('CompleteWebAuthnRegistration', { AccessToken: await signedIn(ctx, 'bea'), Credential: auth.create(late, ORIGIN) }, 'WebAuthnChallengeNotFoundException');
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
    }
    // Started by one app client, completed with another's token.
    const other = await ok('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'other', ExplicitAuthFlows: FLOWS });
    const o3 = await start();
    await fails('CompleteWebAuthnRegistration', { AccessToken: await signedIn(ctx, 'bea', 'bea-password-1', other.UserPoolClient.ClientId), Credential: auth.create(o3, ORIGIN) }, 'WebAuthnClientMismatchException');
    // Passkeys off in the pool.
    await ok('UpdateUserPool', { UserPoolId: ctx.poolId, Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } } });
    await fails('StartWebAuthnRegistration', { AccessToken: token }, 'WebAuthnNotEnabledException');
    assert.equal((await ok('ListWebAuthnCredentials', { AccessToken: token })).Credentials.length, 1);
  });

  test('the relying party is configurable: /_test/webauthn, UpdateUserPool WebAuthnRelyingPartyID, SetUserPoolMfaConfig', async () => {
    const ctx = await passkeyPool();
    await makeUser(ctx, 'cy', 'cy-password-1');
    const token = await signedIn(ctx, 'cy');
    const auth = new SoftAuthenticator();
    const r = await ctl('POST', '/_test/webauthn', { userPoolId: ctx.poolId, rpId: 'example.com', origins: ['https://app.example.com'], userVerification: 'required' });
    assert.deepEqual(r.json, { ok: true, rpId: 'example.com', userVerification: 'required', origins: ['https://app.example.com'] });
    assert.equal((await ctl('POST', '/_test/webauthn', { userPoolId: ctx.poolId, origins: ['not an origin'] })).status, 400);
    let o = (await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions;
    assert.equal(o.rp.id, 'example.com');
    assert.equal(o.authenticatorSelection.userVerification, 'required');
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: auth.create(o, 'https://other.example.com') }, 'WebAuthnOriginNotAllowedException');
    o = (await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions;
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: auth.create(o, 'https://app.example.com', { flags: 0x41 }) }, 'WebAuthnCredentialNotSupportedException', /unsupported/); // UV required
    o = (await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions;
    await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: auth.create(o, 'https://app.example.com') });
    // Without an origin list: https on the RP ID or below it.
    await ctl('POST', '/_test/webauthn', { userPoolId: ctx.poolId, origins: null, userVerification: 'preferred' });
    o = (await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions;
    await fails('CompleteWebAuthnRegistration', { AccessToken: token, Credential: auth.create(o, 'http://app.example.com') }, 'WebAuthnOriginNotAllowedException');
    o = (await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions;
    await ok('CompleteWebAuthnRegistration', { AccessToken: token, Credential: auth.create(o, 'https://login.example.com:8443') });

    await ok('UpdateUserPool', { UserPoolId: ctx.poolId, WebAuthnRelyingPartyID: 'auth.example.org' });
    assert.equal((await ok('StartWebAuthnRegistration', { AccessToken: token })).CredentialCreationOptions.rp.id, 'auth.example.org');
    assert.equal((await ok('ListWebAuthnCredentials', { AccessToken: token })).Credentials.length, 2, 'credentials of another RP stay listed');
    const cfg = await ok('SetUserPoolMfaConfig', { UserPoolId: ctx.poolId, WebAuthnConfiguration: { RelyingPartyId: 'example.net', UserVerification: 'required' } });
    assert.deepEqual(cfg.WebAuthnConfiguration, { RelyingPartyId: 'example.net', UserVerification: 'required' });
    assert.deepEqual((await ok('GetUserPoolMfaConfig', { UserPoolId: ctx.poolId })).WebAuthnConfiguration, { RelyingPartyId: 'example.net', UserVerification: 'required' });
    await fails('SetUserPoolMfaConfig', { UserPoolId: ctx.poolId, WebAuthnConfiguration: { RelyingPartyId: 'https://example.net' } }, 'InvalidParameterException');
  });
});

describe('WEB_AUTHN sign-in', () => {
  test('passwordless sign-in with a registered passkey (ES256 and RS256), counter moving forward', async () => {
    const ctx = await passkeyPool();
    const { auth } = await withPasskey(ctx, 'dee');
    const sel = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'dee' } });
    assert.deepEqual(sel.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN']);
    const ch = await ok('RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: ctx.clientId, Session: sel.Session, ChallengeResponses: { USERNAME: 'dee', ANSWER: 'WEB_AUTHN' } });
    assert.equal(ch.ChallengeName, 'WEB_AUTHN');
    const options = JSON.parse(ch.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
    assert.equal(options.rpId, 'localhost');
    assert.equal(options.userVerification, 'preferred');
    assert.equal(options.timeout, 180000);
    assert.match(options.challenge, /^[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(options.allowCredentials, [{ id: [...auth.credentials.keys()][0], type: 'public-key' }]);
    const done = await ok('RespondToAuthChallenge', answer(ctx, 'dee', ch.Session, auth.get(options, ORIGIN)));
    assert.equal(decode(done.AuthenticationResult.AccessToken).username, 'dee');
    assert.ok(done.AuthenticationResult.RefreshToken);
    // Again, preferred directly; an authenticator without a counter (always 0) is fine too.
    const again = await webAuthnChallenge(ctx, 'dee');
    await ok('RespondToAuthChallenge', answer(ctx, 'dee', again.session, auth.get(again.options, ORIGIN)));
    const rsaCtx = await passkeyPool();
    const { auth: rsa } = await withPasskey(rsaCtx, 'rsa', new SoftAuthenticator({ alg: 'RS256' }));
    for (let i = 0; i < 2; i++) {
      const c = await webAuthnChallenge(rsaCtx, 'rsa');
      await ok('RespondToAuthChallenge', answer(rsaCtx, 'rsa', c.session, rsa.get(c.options, ORIGIN, { signCount: 0 })));
    }
  });

  test('refused: wrong challenge, wrong origin, bad signature, other user\'s or deleted credential, replay, cloned counter', async () => {
    const ctx = await passkeyPool();
    const { auth, token } = await withPasskey(ctx, 'eli');
    const { auth: otherAuth } = await withPasskey(ctx, 'fox');
    const refused = async (tamper, detail, type = 'NotAuthorizedException') => {
      const { session, options } = await webAuthnChallenge(ctx, 'eli');
      const cred = typeof tamper === 'function' ? tamper(options) : auth.get(options, ORIGIN, tamper);
      const body = await fails('RespondToAuthChallenge', answer(ctx, 'eli', session, cred), type);
      if (detail) assert.match(body.emulatorDetail, detail);
      // Whatever went wrong, that challenge is spent.
      await fails('RespondToAuthChallenge', answer(ctx, 'eli', session, auth.get(options, ORIGIN)), 'NotAuthorizedException', 'Invalid session for the user.');
    };
    await refused({ challenge: 'AAAAAAAAAAAAAAAAAAAAAA' }, /challenge/);
    await refused({ origin: 'https://evil.example' }, /origin/);
    await refused({ badSignature: true }, /signature/);
    await refused({ rpId: 'example.com' }, /rpIdHash/);
    await refused({ flags: 0x04 }, /user-present/);
    await refused({ userHandle: Buffer.from('someone-else').toString('base64url') }, /userHandle/);
    await refused({ type: 'webauthn.create' }, null, 'InvalidParameterException');
    // fox's own passkey, correctly signed for eli's challenge, is not eli's.
    await refused((options) => {
      const foxId = [...otherAuth.credentials.keys()][0];
      return otherAuth.get({ ...options, allowCredentials: [{ id: foxId, type: 'public-key' }] }, ORIGIN);
    }, /not one of this user's passkeys/);
    // A counter that goes back means a cloned authenticator.
    const first = await webAuthnChallenge(ctx, 'eli');
    await ok('RespondToAuthChallenge', answer(ctx, 'eli', first.session, auth.get(first.options, ORIGIN, { signCount: 10 })));
    await refused({ signCount: 10 }, /signCount/);
    await refused({ signCount: 3 }, /signCount/);
    // CREDENTIAL that isn't JSON, or not the assertion form: InvalidParameterException, session kept.
    const c = await webAuthnChallenge(ctx, 'eli');
    await fails('RespondToAuthChallenge', { ...answer(ctx, 'eli', c.session, {}), ChallengeResponses: { USERNAME: 'eli', CREDENTIAL: 'not json' } }, 'InvalidParameterException');
    await fails('RespondToAuthChallenge', answer(ctx, 'eli', c.session, { ...auth.get(c.options, ORIGIN), rawId: 'a+b/' }), 'InvalidParameterException');
    await ok('RespondToAuthChallenge', answer(ctx, 'eli', c.session, auth.get(c.options, ORIGIN, { signCount: 11 })));
    // Deleted: the passkey no longer signs in, and WEB_AUTHN is no longer offered.
    const pending = await webAuthnChallenge(ctx, 'eli');
    await ok('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: [...auth.credentials.keys()][0] });
    const r = await fails('RespondToAuthChallenge', answer(ctx, 'eli', pending.session, auth.get(pending.options, ORIGIN)), 'NotAuthorizedException');
    assert.match(r.emulatorDetail, /not one of this user's passkeys/);
    const sel = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'eli', PREFERRED_CHALLENGE: 'WEB_AUTHN' } });
    assert.equal(sel.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(sel.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
  });

  test('a passkey of another relying party is not offered and not accepted; pools without WEB_AUTHN do not offer it', async () => {
    const ctx = await passkeyPool();
    const { auth } = await withPasskey(ctx, 'gil');
    const pending = await webAuthnChallenge(ctx, 'gil');
    await ctl('POST', '/_test/webauthn', { userPoolId: ctx.poolId, rpId: 'example.com' });
    const sel = await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'gil' } });
    assert.deepEqual(sel.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP'], 'its passkey is for localhost');
    await ctl('POST', '/_test/webauthn', { userPoolId: ctx.poolId, rpId: null });
    assert.ok((await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'gil' } })).AvailableChallenges.includes('WEB_AUTHN'));
    await ok('RespondToAuthChallenge', answer(ctx, 'gil', pending.session, auth.get(pending.options, ORIGIN)));
    await ok('UpdateUserPool', { UserPoolId: ctx.poolId, Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } } });
    assert.deepEqual((await ok('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'gil' } })).AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
  });
});
