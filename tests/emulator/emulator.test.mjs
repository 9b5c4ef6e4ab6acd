// Proof that the emulator speaks Cognito's protocol: the reference client
// (amazon-cognito-identity-js) runs its real flows against it, and raw
// requests check the strictness and the /_test/ control routes.
//   node --test tests/emulator/
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { createRequire } from 'node:module';
import { startEmulator } from './server.mjs';
import * as srpServer from './srp-server.mjs';

const require = createRequire(import.meta.url);
const C = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;

let emu;
before(async () => {
  emu = await startEmulator({ port: 0 });
});
after(async () => {
  await emu?.close();
});

// ---------- helpers (client role; deliberately not using emulator code) ----------

async function api(op, body, { headers = {}, rawBody } = {}) {
  const r = await fetch(`${emu.url}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}`,
      ...headers,
    },
    body: rawBody ?? JSON.stringify(body),
  });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

async function ctl(method, path, body) {
  const r = await fetch(`${emu.url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, json: await r.json() };
}

function memoryStorage() {
  const m = new Map();
  return {
    setItem: (k, v) => m.set(k, String(v)),
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    removeItem: (k) => m.delete(k),
    clear: () => m.clear(),
  };
}

const cb = (fn) => new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))));

async function makePool({ flows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], pool = {} } = {}) {
  const p = await api('CreateUserPool', { PoolName: 'e2e', AutoVerifiedAttributes: ['email'], ...pool });
  assert.equal(p.status, 200, p.text);
  const poolId = p.json.UserPool.Id;
  assert.match(poolId, /^us-east-1_[0-9A-Za-z]{9}$/);
  const c = await api('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: flows }, {
    headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/cognito-idp/aws4_request' },
  });
  assert.equal(c.status, 200, c.text);
  const clientId = c.json.UserPoolClient.ClientId;
  const sdkPool = new C.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: emu.url, Storage: memoryStorage() });
  return { poolId, clientId, poolName: poolId.split('_')[1], sdkPool };
}

const sdkUser = (ctx, username) => new C.CognitoUser({ Username: username, Pool: ctx.sdkPool, Storage: ctx.sdkPool.storage });

function signIn(user, username, password, flow = 'USER_SRP_AUTH') {
  user.setAuthenticationFlowType(flow);
  return new Promise((resolve, reject) =>
    user.authenticateUser(new C.AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: (attrs) => reject(Object.assign(new Error('newPasswordRequired'), { attrs })),
    }),
  );
}

async function codes(ctx, username) {
  const q = new URLSearchParams({ userPoolId: ctx.poolId, username });
  return (await ctl('GET', `/_test/codes?${q}`)).json;
}

async function signUpConfirmed(ctx, username, password, email = `${username}@example.com`) {
  const res = await cb((done) =>
    ctx.sdkPool.signUp(username, password, [new C.CognitoUserAttribute({ Name: 'email', Value: email })], null, done),
  );
  const { signUp } = await codes(ctx, username);
  await cb((done) => res.user.confirmRegistration(signUp, false, done));
  return res;
}

const decode = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

/** Independent RS256 check against the served JWKS. */
async function verifyWithJwks(jwt) {
  const claims = decode(jwt);
  const header = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString());
  const jwks = await (await fetch(`${claims.iss}/.well-known/jwks.json`)).json();
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, 'kid present in JWKS');
  assert.equal(header.alg, 'RS256');
  const [h, p, s] = jwt.split('.');
  const ok = cryptoVerify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
  assert.ok(ok, 'signature verifies against JWKS');
  return claims;
}

const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MO = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function cognitoTimestamp(ms, { padDay = false } = {}) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  const day = padDay ? p(d.getUTCDate()) : d.getUTCDate();
  return `${WD[d.getUTCDay()]} ${MO[d.getUTCMonth()]} ${day} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Hand-driven SRP using the SDK's own math, so the TIMESTAMP (and more) can be chosen freely. */
async function srpStart(ctx, username) {
  const helper = new C.AuthenticationHelper(ctx.poolName);
  const A = await cb((done) => helper.getLargeAValue(done));
  const r = await api('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: username, SRP_A: A.toString(16) } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.ChallengeName, 'PASSWORD_VERIFIER');
  return { helper, ch: r.json.ChallengeParameters };
}

async function srpRespond(ctx, { helper, ch }, password, timestamp, override = {}) {
  const key = await cb((done) =>
    helper.getPasswordAuthenticationKey(ch.USER_ID_FOR_SRP, password, new BigInteger(ch.SRP_B, 16), new BigInteger(ch.SALT, 16), done),
  );
  const sig = createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(ctx.poolName), Buffer.from(ch.USER_ID_FOR_SRP), Buffer.from(ch.SECRET_BLOCK, 'base64'), Buffer.from(timestamp)]))
    .digest('base64');
  return api('RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: ctx.clientId,
    ChallengeResponses: {
      USERNAME: ch.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: ch.SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: sig,
      ...override,
    },
  });
}

// ---------- tests ----------

describe('SRP math (emulator server half vs. reference client half)', () => {
  test('padHex agrees with the SDK on sign-bit and leading-zero edge cases', () => {
    const helper = new C.AuthenticationHelper('x');
    for (const hex of ['1', '7f', '80', 'ff', '100', '00ab', '8000', '0fffffff', 'deadbeef' + '0'.repeat(60)]) {
      assert.equal(srpServer.padHex(BigInt('0x' + hex)), helper.padHex(new BigInteger(hex, 16)), hex);
    }
    assert.equal(srpServer.padHex(srpServer.k), helper.padHex(helper.k));
  });

  test('both halves derive the same key, including salts with a leading zero or top bit', async () => {
    for (const saltHex of ['00' + 'a5'.repeat(15), '80' + '01'.repeat(15), '7f' + 'ff'.repeat(15)]) {
      const rec = srpServer.makeVerifier('AbCdEf123', 'user-é', 'pässword', saltHex);
      const { b, B } = srpServer.serverEphemeral(rec.v);
      const helper = new C.AuthenticationHelper('AbCdEf123');
      const A = await cb((done) => helper.getLargeAValue(done));
      const clientKey = await cb((done) =>
        helper.getPasswordAuthenticationKey('user-é', 'pässword', new BigInteger(B.toString(16), 16), new BigInteger(saltHex, 16), done),
      );
      const serverKey = srpServer.sessionKey({ A: BigInt('0x' + A.toString(16)), B, b, v: rec.v });
      assert.equal(Buffer.from(clientKey).toString('hex'), serverKey.toString('hex'), saltHex);
      const wrong = await cb((done) =>
        new C.AuthenticationHelper('AbCdEf123').getPasswordAuthenticationKey('user-é', 'password', new BigInteger(B.toString(16), 16), new BigInteger(saltHex, 16), done),
      );
      assert.notEqual(Buffer.from(wrong).toString('hex'), serverKey.toString('hex'));
    }
  });
});

describe('wire protocol', () => {
  test('CORS preflight and headers on every response', async () => {
    const r = await fetch(`${emu.url}/`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target,x-amz-user-agent,cache-control' },
    });
    assert.equal(r.status, 204);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    const allowed = r.headers.get('access-control-allow-headers');
    for (const h of ['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control']) assert.ok(allowed.includes(h), h);
    const e = await api('NoSuchOperation', {});
    assert.equal(e.headers.get('access-control-allow-origin'), '*');
    assert.match(e.headers.get('access-control-expose-headers'), /x-amzn-ErrorType/i);
    const t = await fetch(`${emu.url}/_test/health`);
    assert.equal(t.headers.get('access-control-allow-origin'), '*');
  });

  test('unknown operation, malformed JSON, wrong content type', async () => {
    const u = await api('NoSuchOperation', {});
    assert.equal(u.status, 400);
    assert.equal(u.json.__type, 'UnknownOperationException');
    assert.match(u.headers.get('x-amzn-errortype'), /^UnknownOperationException/);
    const m = await api('SignUp', null, { rawBody: '{"ClientId": ' });
    assert.equal(m.status, 400);
    assert.equal(m.json.__type, 'SerializationException');
    const ct = await api('SignUp', {}, { headers: { 'Content-Type': 'application/json' } });
    assert.equal(ct.status, 400);
    assert.equal(ct.json.__type, 'UnknownOperationException');
  });
});

describe('sign-up and confirmation', () => {
  test('sign up, wrong code refused, right code confirms; duplicates and weak passwords refused', async () => {
    const ctx = await makePool();
    const res = await cb((done) =>
      ctx.sdkPool.signUp('alice', 'correct horse', [new C.CognitoUserAttribute({ Name: 'email', Value: 'alice@example.com' })], null, done),
    );
    assert.equal(res.userConfirmed, false);
    assert.match(res.userSub, /^[0-9a-f-]{36}$/);
    assert.deepEqual(res.codeDeliveryDetails, { Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });

    const dup = await cb((done) => ctx.sdkPool.signUp('alice', 'another password', [], null, done)).catch((e) => e);
    assert.equal(dup.code, 'UsernameExistsException');
    const weak = await cb((done) => ctx.sdkPool.signUp('bob', 'short', [], null, done)).catch((e) => e);
    assert.equal(weak.code, 'InvalidPasswordException');
    const badAttr = await api('SignUp', { ClientId: ctx.clientId, Username: 'carol', Password: 'password123', UserAttributes: [{ Name: 'shoe_size', Value: '9' }] });
    assert.equal(badAttr.json.__type, 'InvalidParameterException');

    const { signUp } = await codes(ctx, 'alice');
    assert.match(signUp, /^[0-9]{6}$/);
    const wrong = signUp === '000000' ? '111111' : '000000';
    const mismatch = await cb((done) => res.user.confirmRegistration(wrong, false, done)).catch((e) => e);
    assert.equal(mismatch.code, 'CodeMismatchException');

    // An unconfirmed user with the right password is told so (after the proof).
    const unconfirmed = await signIn(sdkUser(ctx, 'alice'), 'alice', 'correct horse').catch((e) => e);
    assert.equal(unconfirmed.code, 'UserNotConfirmedException');

    assert.equal(await cb((done) => res.user.confirmRegistration(signUp, false, done)), 'SUCCESS');
    const again = await cb((done) => res.user.confirmRegistration(signUp, false, done)).catch((e) => e);
    assert.equal(again.code, 'NotAuthorizedException');
    const admin = await api('AdminGetUser', { UserPoolId: ctx.poolId, Username: 'alice' });
    assert.equal(admin.json.UserStatus, 'CONFIRMED');
    assert.deepEqual(admin.json.UserAttributes.find((a) => a.Name === 'email_verified'), { Name: 'email_verified', Value: 'true' });
  });

  test('resend replaces the code; expired codes are refused; admin confirm', async () => {
    const ctx = await makePool();
    const res = await cb((done) =>
      ctx.sdkPool.signUp('dave', 'password123', [new C.CognitoUserAttribute({ Name: 'email', Value: 'dave@example.org' })], null, done),
    );
    const first = (await codes(ctx, 'dave')).signUp;
    const resent = await cb((done) => res.user.resendConfirmationCode(done));
    assert.equal(resent.CodeDeliveryDetails.Destination, 'd***@e***.org');
    const second = (await codes(ctx, 'dave')).signUp;
    if (first !== second) {
      const old = await cb((done) => res.user.confirmRegistration(first, false, done)).catch((e) => e);
      assert.equal(old.code, 'CodeMismatchException');
    }
    assert.deepEqual((await ctl('POST', '/_test/codes/expire', { userPoolId: ctx.poolId, username: 'dave' })).json, { ok: true });
    const expired = await cb((done) => res.user.confirmRegistration(second, false, done)).catch((e) => e);
    assert.equal(expired.code, 'ExpiredCodeException');

    assert.equal((await api('AdminConfirmSignUp', { UserPoolId: ctx.poolId, Username: 'dave' })).status, 200);
    const s = await signIn(sdkUser(ctx, 'dave'), 'dave', 'password123');
    assert.ok(s.isValid());
  });
});

describe('sign-in', () => {
  let ctx;
  let sub;
  before(async () => {
    ctx = await makePool();
    sub = (await signUpConfirmed(ctx, 'erin', 'erin-password-1')).userSub;
  });

  test('USER_SRP_AUTH: right password yields verifiable tokens, password never sent', async () => {
    await ctl('POST', '/_test/requests/clear');
    const session = await signIn(sdkUser(ctx, 'erin'), 'erin', 'erin-password-1');
    const id = await verifyWithJwks(session.getIdToken().getJwtToken());
    assert.equal(id.iss, `${emu.url}/${ctx.poolId}`);
    assert.equal(id.aud, ctx.clientId);
    assert.equal(id.token_use, 'id');
    assert.equal(id.sub, sub);
    assert.equal(id['cognito:username'], 'erin');
    assert.equal(id.email, 'erin@example.com');
    assert.equal(id.email_verified, true);
    assert.equal(id.exp - id.iat, 3600);
    for (const k of ['auth_time', 'jti', 'origin_jti']) assert.ok(id[k], k);

    const access = await verifyWithJwks(session.getAccessToken().getJwtToken());
    assert.equal(access.token_use, 'access');
    assert.equal(access.client_id, ctx.clientId);
    assert.equal(access.scope, 'aws.cognito.signin.user.admin');
    assert.equal(access.username, 'erin');
    assert.equal(access.origin_jti, id.origin_jti);
    assert.notEqual(access.jti, id.jti);
    assert.ok(session.getRefreshToken().getToken().length > 100);

    const log = (await ctl('GET', '/_test/requests')).json;
    assert.deepEqual(log.map((r) => r.operation), ['InitiateAuth', 'RespondToAuthChallenge']);
    assert.ok(log.every((r) => !r.body.includes('erin-password-1')), 'password must not appear on the wire');
    assert.equal(log[0].headers['x-amz-target'], 'AWSCognitoIdentityProviderService.InitiateAuth');
  });

  test('USER_SRP_AUTH: wrong password and unknown user', async () => {
    const bad = await signIn(sdkUser(ctx, 'erin'), 'erin', 'not-the-password').catch((e) => e);
    assert.equal(bad.code, 'NotAuthorizedException');
    assert.equal(bad.message, 'Incorrect username or password.');
    const unknown = await signIn(sdkUser(ctx, 'nobody'), 'nobody', 'whatever-1').catch((e) => e);
    assert.equal(unknown.code, 'UserNotFoundException');
  });

  test('USER_PASSWORD_AUTH: right and wrong password; client must allow the flow', async () => {
    const s = await signIn(sdkUser(ctx, 'erin'), 'erin', 'erin-password-1', 'USER_PASSWORD_AUTH');
    assert.equal(decode(s.getIdToken().getJwtToken()).sub, sub);
    const bad = await signIn(sdkUser(ctx, 'erin'), 'erin', 'nope-nope-nope', 'USER_PASSWORD_AUTH').catch((e) => e);
    assert.equal(bad.code, 'NotAuthorizedException');

    const c2 = await api('CreateUserPoolClient', { UserPoolId: ctx.poolId, ClientName: 'srp-only', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const r = await api('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c2.json.UserPoolClient.ClientId, AuthParameters: { USERNAME: 'erin', PASSWORD: 'erin-password-1' } });
    assert.equal(r.json.__type, 'InvalidParameterException');
  });

  test('SRP strictness: TIMESTAMP format, skew, reuse of SECRET_BLOCK, bad SRP_A', async () => {
    // Positive control: hand-driven proof with a correct timestamp.
    const ok = await srpRespond(ctx, await srpStart(ctx, 'erin'), 'erin-password-1', cognitoTimestamp(Date.now()));
    assert.equal(ok.status, 200, ok.text);
    assert.ok(ok.json.AuthenticationResult.AccessToken);

    // Put the emulator clock on a single-digit day so day padding matters.
    const target = Date.UTC(2024, 8, 3, 8, 4, 5);
    await ctl('POST', '/_test/clock', { offsetSeconds: (target - Date.now()) / 1000 });
    try {
      const padded = await srpRespond(ctx, await srpStart(ctx, 'erin'), 'erin-password-1', 'Tue Sep 03 08:04:05 UTC 2024');
      assert.equal(padded.status, 400);
      assert.equal(padded.json.__type, 'NotAuthorizedException');
      assert.match(padded.json.emulatorDetail, /TIMESTAMP/);
      const good = await srpRespond(ctx, await srpStart(ctx, 'erin'), 'erin-password-1', 'Tue Sep 3 08:04:05 UTC 2024');
      assert.equal(good.status, 200, good.text);
      for (const ts of ['tue Sep 3 08:04:05 UTC 2024', 'Tue Sep 3 08:04:05 GMT 2024', 'Wed Sep 3 08:04:05 UTC 2024', 'Tue Sep 3 8:04:05 UTC 2024']) {
        const r = await srpRespond(ctx, await srpStart(ctx, 'erin'), 'erin-password-1', ts);
        assert.equal(r.json.__type, 'NotAuthorizedException', ts);
      }
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
    }
    const stale = await srpRespond(ctx, await srpStart(ctx, 'erin'), 'erin-password-1', cognitoTimestamp(Date.now() - 10 * 60 * 1000));
    assert.equal(stale.json.__type, 'NotAuthorizedException');

    const started = await srpStart(ctx, 'erin');
    const ts = cognitoTimestamp(Date.now());
    assert.equal((await srpRespond(ctx, started, 'erin-password-1', ts)).status, 200);
    const replay = await srpRespond(ctx, started, 'erin-password-1', ts);
    assert.equal(replay.json.__type, 'NotAuthorizedException', 'a SECRET_BLOCK is single use');
    const forged = await srpRespond(ctx, await srpStart(ctx, 'erin'), 'erin-password-1', ts, { PASSWORD_CLAIM_SECRET_BLOCK: Buffer.alloc(64, 7).toString('base64') });
    assert.equal(forged.json.__type, 'NotAuthorizedException', 'unknown SECRET_BLOCK');

    const N = new C.AuthenticationHelper('x').N.toString(16);
    for (const A of ['0', N, '00']) {
      const r = await api('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'erin', SRP_A: A } });
      assert.equal(r.json.__type, 'InvalidParameterException', `SRP_A=${A.slice(0, 8)}`);
    }
  });
});

describe('sessions and tokens', () => {
  let ctx;
  before(async () => {
    ctx = await makePool();
    await signUpConfirmed(ctx, 'frank', 'frank-password-1');
  });

  test('refreshSession, GetUser, GlobalSignOut', async () => {
    const user = sdkUser(ctx, 'frank');
    const s1 = await signIn(user, 'frank', 'frank-password-1');
    await ctl('POST', '/_test/requests/clear');
    const s2 = await cb((done) => user.refreshSession(s1.getRefreshToken(), done));
    const refreshLog = (await ctl('GET', '/_test/requests?operation=InitiateAuth')).json;
    assert.equal(refreshLog.length, 1);
    assert.equal(JSON.parse(refreshLog[0].body).AuthFlow, 'REFRESH_TOKEN_AUTH');
    const a1 = decode(s1.getAccessToken().getJwtToken());
    const a2 = decode(s2.getAccessToken().getJwtToken());
    assert.notEqual(a2.jti, a1.jti);
    assert.equal(a2.origin_jti, a1.origin_jti);
    assert.equal(a2.auth_time, a1.auth_time);
    // Cognito does not rotate the refresh token; the SDK keeps the old one.
    const raw = await api('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: s1.getRefreshToken().getToken() } });
    assert.equal(raw.status, 200);
    assert.equal('RefreshToken' in raw.json.AuthenticationResult, false);
    assert.equal(raw.json.AuthenticationResult.TokenType, 'Bearer');

    const attrs = await cb((done) => user.getUserAttributes(done));
    assert.equal(attrs.find((a) => a.getName() === 'email').getValue(), 'frank@example.com');
    const gu = await api('GetUser', { AccessToken: s2.getAccessToken().getJwtToken() });
    assert.equal(gu.json.Username, 'frank');
    assert.equal(gu.json.UserAttributes[0].Name, 'sub');

    const tampered = s2.getAccessToken().getJwtToken().slice(0, -4) + 'AAAA';
    assert.equal((await api('GetUser', { AccessToken: tampered })).json.message, 'Invalid Access Token');
    assert.equal((await api('GetUser', { AccessToken: s2.getIdToken().getJwtToken() })).json.message, 'Invalid Access Token');

    const token = s2.getAccessToken().getJwtToken();
    await new Promise((resolve, reject) => user.globalSignOut({ onSuccess: resolve, onFailure: reject }));
    const after = await api('GetUser', { AccessToken: token });
    assert.equal(after.json.__type, 'NotAuthorizedException');
    assert.equal(after.json.message, 'Access Token has been revoked');
    const refresh = await api('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: s1.getRefreshToken().getToken() } });
    assert.equal(refresh.json.__type, 'NotAuthorizedException');

    // A new sign-in after the global sign-out works again.
    const s3 = await signIn(sdkUser(ctx, 'frank'), 'frank', 'frank-password-1');
    assert.equal((await api('GetUser', { AccessToken: s3.getAccessToken().getJwtToken() })).status, 200);
  });

  test('RevokeToken kills the refresh token and its access tokens only', async () => {
    const userA = sdkUser(ctx, 'frank');
    const sA = await signIn(userA, 'frank', 'frank-password-1');
    const sB = await signIn(sdkUser(ctx, 'frank'), 'frank', 'frank-password-1');
    await cb((done) => userA.revokeTokens((err) => done(err, true)));
    // Raw, not userA.refreshSession: the SDK's requestWithRetry sleeps ~6 s retrying any error.
    const refresh = (await api('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: sA.getRefreshToken().getToken() } })).json;
    assert.equal(refresh.__type, 'NotAuthorizedException');
    assert.equal(refresh.message, 'Refresh Token has been revoked');
    assert.equal((await api('GetUser', { AccessToken: sA.getAccessToken().getJwtToken() })).json.message, 'Access Token has been revoked');
    assert.equal((await api('GetUser', { AccessToken: sB.getAccessToken().getJwtToken() })).status, 200, 'other sessions survive');
    const jwt = await api('RevokeToken', { Token: sB.getAccessToken().getJwtToken(), ClientId: ctx.clientId });
    assert.equal(jwt.json.__type, 'UnsupportedTokenTypeException');
  });

  test('token lifetime override shows in exp and expiry is enforced', async () => {
    const set = await ctl('POST', '/_test/token-lifetime', { clientId: ctx.clientId, accessSeconds: 2, idSeconds: 3 });
    assert.deepEqual(set.json, { ok: true, scope: 'client', lifetimes: { accessSeconds: 2, idSeconds: 3 } });
    const s = await signIn(sdkUser(ctx, 'frank'), 'frank', 'frank-password-1');
    const a = decode(s.getAccessToken().getJwtToken());
    const i = decode(s.getIdToken().getJwtToken());
    assert.equal(a.exp - a.iat, 2);
    assert.equal(i.exp - i.iat, 3);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await api('GetUser', { AccessToken: s.getAccessToken().getJwtToken() });
    assert.equal(expired.json.message, 'Access Token has expired');
    // Refresh still works and issues the short lifetime again.
    const r = await api('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: s.getRefreshToken().getToken() } });
    assert.equal(r.json.AuthenticationResult.ExpiresIn, 2);
    await ctl('DELETE', '/_test/token-lifetime');
    const later = await signIn(sdkUser(ctx, 'frank'), 'frank', 'frank-password-1');
    const l = decode(later.getAccessToken().getJwtToken());
    assert.equal(l.exp - l.iat, 3600);
  });
});

describe('admin-created users and email usernames', () => {
  test('AdminCreateUser forces NEW_PASSWORD_REQUIRED via the SDK', async () => {
    const ctx = await makePool();
    const created = await api('AdminCreateUser', { UserPoolId: ctx.poolId, Username: 'gina', TemporaryPassword: 'Temp-pass-1', UserAttributes: [{ Name: 'email', Value: 'gina@example.com' }] });
    assert.equal(created.json.User.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal((await codes(ctx, 'gina')).temporaryPassword, 'Temp-pass-1');
    const user = sdkUser(ctx, 'gina');
    const challenge = await signIn(user, 'gina', 'Temp-pass-1').catch((e) => e);
    assert.equal(challenge.message, 'newPasswordRequired');
    const session = await new Promise((resolve, reject) =>
      user.completeNewPasswordChallenge('brand-new-password', {}, { onSuccess: resolve, onFailure: reject }),
    );
    assert.equal(decode(session.getIdToken().getJwtToken())['cognito:username'], 'gina');
    assert.ok(await signIn(sdkUser(ctx, 'gina'), 'gina', 'brand-new-password'));
  });

  test('email as username: USER_ID_FOR_SRP is the generated username', async () => {
    const ctx = await makePool({ pool: { UsernameAttributes: ['email'] } });
    const res = await cb((done) => ctx.sdkPool.signUp('hank@example.com', 'hank-password', [], null, done));
    const { signUp } = await codes(ctx, 'hank@example.com');
    await cb((done) => res.user.confirmRegistration(signUp, false, done));
    const s = await signIn(sdkUser(ctx, 'hank@example.com'), 'hank@example.com', 'hank-password');
    const id = decode(s.getIdToken().getJwtToken());
    assert.equal(id['cognito:username'], res.userSub);
    assert.equal(id.email, 'hank@example.com');
    const notEmail = await api('SignUp', { ClientId: ctx.clientId, Username: 'hank', Password: 'hank-password' });
    assert.equal(notEmail.json.__type, 'InvalidParameterException');
  });
});

describe('faults', () => {
  let ctx;
  before(async () => {
    ctx = await makePool();
  });
  const probe = () => api('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'x', PASSWORD: 'y' } });
  const fault = (body) => ctl('POST', '/_test/faults', body);

  test('each kind is observable through fetch, then stops', async () => {
    await fault({ operation: 'InitiateAuth', kind: 'status500' });
    let r = await probe();
    assert.equal(r.status, 500);
    assert.equal(r.json.__type, 'InternalErrorException');
    assert.equal((await probe()).json.__type, 'UserNotFoundException', 'fault used up');

    await fault({ operation: 'InitiateAuth', kind: 'throttle' });
    r = await probe();
    assert.equal(r.status, 400);
    assert.equal(r.json.__type, 'TooManyRequestsException');

    await fault({ operation: '*', kind: 'html502' });
    r = await probe();
    assert.equal(r.status, 502);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(r.text, /<html>/);

    await fault({ operation: 'InitiateAuth', kind: 'truncated' });
    r = await probe();
    assert.equal(r.status, 200);
    assert.ok(r.text.length > 0);
    assert.throws(() => JSON.parse(r.text));

    await fault({ operation: 'InitiateAuth', kind: 'empty' });
    r = await probe();
    assert.equal(r.status, 200);
    assert.equal(r.text, '');

    await fault({ operation: 'InitiateAuth', kind: 'drop' });
    await assert.rejects(probe(), TypeError);

    await fault({ operation: 'InitiateAuth', kind: 'delay', ms: 300 });
    const t0 = Date.now();
    r = await probe();
    assert.ok(Date.now() - t0 >= 290);
    assert.equal(r.json.__type, 'UserNotFoundException', 'delay still runs the operation');
  });

  test('times, operation scoping, listing and clearing', async () => {
    await fault({ operation: 'InitiateAuth', kind: 'throttle', times: 2 });
    assert.deepEqual((await ctl('GET', '/_test/faults')).json, { faults: [{ operation: 'InitiateAuth', kind: 'throttle', remaining: 2 }] });
    assert.equal((await api('GetUser', { AccessToken: 'x.y.z' })).json.__type, 'NotAuthorizedException', 'other operations unaffected');
    assert.equal((await probe()).json.__type, 'TooManyRequestsException');
    assert.equal((await probe()).json.__type, 'TooManyRequestsException');
    assert.equal((await probe()).json.__type, 'UserNotFoundException');

    await fault({ operation: '*', kind: 'status500', times: 5 });
    assert.deepEqual((await ctl('DELETE', '/_test/faults')).json, { ok: true });
    assert.equal((await probe()).json.__type, 'UserNotFoundException');
    assert.equal((await fault({ kind: 'bogus' })).status, 400);

    await ctl('POST', '/_test/requests/clear');
    await fault({ operation: 'InitiateAuth', kind: 'status500' });
    await probe();
    const log = (await ctl('GET', '/_test/requests?operation=InitiateAuth')).json;
    assert.equal(log.length, 1);
    assert.equal(log[0].fault, 'status500');
  });
});

describe('control routes', () => {
  test('reset wipes pools, users and tokens', async () => {
    const ctx = await makePool();
    await signUpConfirmed(ctx, 'ivy', 'ivy-password');
    const s = await signIn(sdkUser(ctx, 'ivy'), 'ivy', 'ivy-password');
    assert.deepEqual((await ctl('POST', '/_test/reset')).json, { ok: true });
    assert.deepEqual((await ctl('GET', '/_test/requests')).json, []);
    assert.equal((await api('GetUser', { AccessToken: s.getAccessToken().getJwtToken() })).json.__type, 'NotAuthorizedException');
    assert.equal((await api('SignUp', { ClientId: ctx.clientId, Username: 'z', Password: 'zzzzzzzzz' })).json.__type, 'ResourceNotFoundException');
    assert.equal((await ctl('GET', `/_test/codes?userPoolId=${ctx.poolId}&username=ivy`)).status, 404);
  });
});
