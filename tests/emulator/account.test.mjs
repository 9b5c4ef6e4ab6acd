// Account self-service against the emulator, driven by amazon-cognito-identity-js:
// attributes and their verification, ChangePassword, ForgotPassword,
// DeleteUser, and the access-token checks every signed-in operation shares.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { C, cb, client, decode, sdkUser, signIn, step, useEmulator } from './sdk-helpers.mjs';

const emu = useEmulator();
const { api, ok, fails, ctl, makePool, codes, makeUser } = client(emu);

async function signedIn(ctx, username, password) {
  const user = sdkUser(ctx, username);
  const r = await signIn(user, username, password, 'USER_PASSWORD_AUTH'); // SRP is proven elsewhere; this is cheaper
  assert.equal(r.kind, 'success');
  return { user, session: r.args[0], token: r.args[0].getAccessToken().getJwtToken() };
}

const attrMap = (list) => Object.fromEntries(list.map((a) => [a.Name ?? a.getName(), a.Value ?? a.getValue()]));

describe('attributes', () => {
  test('update, verify and delete attributes through the SDK', async () => {
    const ctx = await makePool({ pool: { Schema: [{ Name: 'name', Required: true }] } });
    await makeUser(ctx, 'amy', 'amy-password-1', { name: 'Amy' });
    const { user, token } = await signedIn(ctx, 'amy', 'amy-password-1');

    // A new email replaces the old at once, unverified, and a code goes out.
    const [status, result] = await new Promise((resolve, reject) =>
      user.updateAttributes([new C.CognitoUserAttribute({ Name: 'email', Value: 'amy@new.example.org' }), { Name: 'nickname', Value: 'ames' }], (err, ...rest) => (err ? reject(err) : resolve(rest))),
    );
    assert.equal(status, 'SUCCESS');
    assert.deepEqual(result, { CodeDeliveryDetailsList: [{ Destination: 'a***@n***.org', DeliveryMedium: 'EMAIL', AttributeName: 'email' }] });
    let attrs = attrMap(await cb((done) => user.getUserAttributes(done)));
    assert.equal(attrs.email, 'amy@new.example.org');
    assert.equal(attrs.email_verified, 'false');
    assert.equal(attrs.nickname, 'ames');
    const code = (await codes(ctx, 'amy'))['attribute:email'];
    assert.match(code, /^[0-9]{6}$/);

    // Unchanged or non-verifiable attributes send nothing.
    assert.deepEqual(await ok('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'nickname', Value: 'a' }] }), {});

    const wrong = await step((cbs) => user.verifyAttribute('email', code === '000000' ? '111111' : '000000', cbs)).catch((e) => e);
    assert.equal(wrong.code, 'CodeMismatchException');
    assert.equal((await step((cbs) => user.verifyAttribute('email', code, cbs))).args[0], 'SUCCESS');
    attrs = attrMap(await cb((done) => user.getUserAttributes(done)));
    assert.equal(attrs.email_verified, 'true');
    assert.equal((await step((cbs) => user.verifyAttribute('email', code, cbs)).catch((e) => e)).code, 'CodeMismatchException', 'codes are single use');

    // A fresh code on request; it dies if the value changes before it is used.
    const sent = await step((cbs) => user.getAttributeVerificationCode('email', cbs));
    assert.equal(sent.kind, 'inputVerificationCode');
    assert.deepEqual(sent.args[0], { CodeDeliveryDetails: { Destination: 'a***@n***.org', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    const again = (await codes(ctx, 'amy'))['attribute:email'];
    await ok('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'amy@third.example.org' }] });
    const stale = (await codes(ctx, 'amy'))['attribute:email'];
    if (stale !== again) await fails('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: again }, 'CodeMismatchException');
    await ok('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: stale });

    // Clients may not write *_verified; required attributes can't go.
    await fails('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] }, 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    await fails('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'shoe_size', Value: '9' }] }, 'InvalidParameterException');
    await fails('DeleteUserAttributes', { AccessToken: token, UserAttributeNames: ['name'] }, 'InvalidParameterException');
    await fails('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'phone_number' }, 'InvalidParameterException');
    assert.equal(await cb((done) => user.deleteAttributes(['nickname'], done)), 'SUCCESS');
    attrs = attrMap((await ok('GetUser', { AccessToken: token })).UserAttributes);
    assert.equal(attrs.nickname, undefined);
    assert.equal(attrs.name, 'Amy');
  });

  test('an email that signs users in stays unique', async () => {
    const ctx = await makePool({ pool: { UsernameAttributes: ['email'] } });
    await makeUser(ctx, 'one@example.com', 'password-one', { email: 'one@example.com' });
    await makeUser(ctx, 'two@example.com', 'password-two', { email: 'two@example.com' });
    const { token } = await signedIn(ctx, 'two@example.com', 'password-two');
    await fails('UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'one@example.com' }] }, 'AliasExistsException');
  });
});

describe('passwords', () => {
  test('ChangePassword checks the old password and the policy; the new one signs in, the old one not', async () => {
    const ctx = await makePool({ pool: { Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } } } });
    await makeUser(ctx, 'bo', 'bo-password-1');
    const { user } = await signedIn(ctx, 'bo', 'bo-password-1');
    const wrong = await cb((done) => user.changePassword('not-my-password-1', 'bo-password-2', done)).catch((e) => e);
    assert.equal(wrong.code, 'NotAuthorizedException');
    assert.equal(wrong.message, 'Incorrect username or password.');
    const weak = await cb((done) => user.changePassword('bo-password-1', 'no-digits-here', done)).catch((e) => e);
    assert.equal(weak.code, 'InvalidPasswordException');
    assert.equal(await cb((done) => user.changePassword('bo-password-1', 'bo-password-2', done)), 'SUCCESS');

    assert.equal((await signIn(sdkUser(ctx, 'bo'), 'bo', 'bo-password-2')).kind, 'success');
    assert.equal((await signIn(sdkUser(ctx, 'bo'), 'bo', 'bo-password-2', 'USER_PASSWORD_AUTH')).kind, 'success');
    const old = await signIn(sdkUser(ctx, 'bo'), 'bo', 'bo-password-1').catch((e) => e);
    assert.equal(old.code, 'NotAuthorizedException');
    const oldPlain = await signIn(sdkUser(ctx, 'bo'), 'bo', 'bo-password-1', 'USER_PASSWORD_AUTH').catch((e) => e);
    assert.equal(oldPlain.code, 'NotAuthorizedException');
  });

  test('ForgotPassword and ConfirmForgotPassword through the SDK', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'cy', 'cy-password-1');
    const user = sdkUser(ctx, 'cy');
    const sent = await step((cbs) => user.forgotPassword(cbs));
    assert.equal(sent.kind, 'inputVerificationCode');
    assert.deepEqual(sent.args[0], { CodeDeliveryDetails: { Destination: 'c***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    const { forgotPassword: code } = await codes(ctx, 'cy');
    assert.match(code, /^[0-9]{6}$/);
    const confirm = (c, p) => step((cbs) => user.confirmPassword(c, p, cbs));

    assert.equal((await confirm(code === '000000' ? '111111' : '000000', 'cy-password-2').catch((e) => e)).code, 'CodeMismatchException');
    assert.equal((await confirm(code, 'short').catch((e) => e)).code, 'InvalidPasswordException');
    await ctl('POST', '/_test/codes/expire', { userPoolId: ctx.poolId, username: 'cy' });
    assert.equal((await confirm(code, 'cy-password-2').catch((e) => e)).code, 'ExpiredCodeException');

    await step((cbs) => user.forgotPassword(cbs));
    const hourOld = (await codes(ctx, 'cy')).forgotPassword;
    await ctl('POST', '/_test/clock', { offsetSeconds: 3601 });
    try {
      assert.equal((await confirm(hourOld, 'cy-password-2').catch((e) => e)).code, 'ExpiredCodeException', 'reset codes live 1 hour');
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
    }
    await step((cbs) => user.forgotPassword(cbs));
    const fresh = (await codes(ctx, 'cy')).forgotPassword;
    assert.deepEqual(await confirm(fresh, 'cy-password-2'), { kind: 'success', args: ['SUCCESS'] });
    assert.equal((await confirm(fresh, 'cy-password-3').catch((e) => e)).code, 'CodeMismatchException', 'single use');
    assert.equal((await signIn(sdkUser(ctx, 'cy'), 'cy', 'cy-password-2')).kind, 'success');
    assert.equal((await signIn(sdkUser(ctx, 'cy'), 'cy', 'cy-password-1').catch((e) => e)).code, 'NotAuthorizedException');

    await fails('ForgotPassword', { ClientId: ctx.clientId, Username: 'nobody' }, 'UserNotFoundException');
    await ok('AdminCreateUser', { UserPoolId: ctx.poolId, Username: 'temp', TemporaryPassword: 'Temp-pass-1', UserAttributes: [{ Name: 'email', Value: 't@example.com' }] });
    await fails('ForgotPassword', { ClientId: ctx.clientId, Username: 'temp' }, 'NotAuthorizedException', 'User password cannot be reset in the current state.');
    await makeUser(ctx, 'dee', 'dee-password-1', { email_verified: 'false' });
    await fails('ForgotPassword', { ClientId: ctx.clientId, Username: 'dee' }, 'InvalidParameterException');
  });
});

describe('DeleteUser and access tokens', () => {
  test('deleteUser removes the user and revokes its tokens', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'eve', 'eve-password-1');
    const { user, session, token } = await signedIn(ctx, 'eve', 'eve-password-1');
    assert.equal(await cb((done) => user.deleteUser(done)), 'SUCCESS');
    await fails('AdminGetUser', { UserPoolId: ctx.poolId, Username: 'eve' }, 'UserNotFoundException');
    await fails('GetUser', { AccessToken: token }, 'NotAuthorizedException', 'Access Token has been revoked');
    await fails('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() } }, 'NotAuthorizedException');
  });

  test('every signed-in operation checks the access token like GetUser', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'fay', 'fay-password-1');
    const { token, session } = await signedIn(ctx, 'fay', 'fay-password-1');
    const bodies = {
      UpdateUserAttributes: { UserAttributes: [{ Name: 'nickname', Value: 'x' }] },
      DeleteUserAttributes: { UserAttributeNames: ['nickname'] },
      GetUserAttributeVerificationCode: { AttributeName: 'email' },
      VerifyUserAttribute: { AttributeName: 'email', Code: '123456' },
      ChangePassword: { PreviousPassword: 'fay-password-1', ProposedPassword: 'fay-password-2' },
      DeleteUser: {},
      SetUserSettings: { MFAOptions: [] },
      SetUserMFAPreference: {},
      AssociateSoftwareToken: {},
      VerifySoftwareToken: { UserCode: '123456' },
      ConfirmDevice: { DeviceKey: 'us-east-1_x', DeviceSecretVerifierConfig: { PasswordVerifier: 'AQ==', Salt: 'AQ==' } },
      GetDevice: { DeviceKey: 'us-east-1_x' },
      ListDevices: {},
      UpdateDeviceStatus: { DeviceKey: 'us-east-1_x', DeviceRememberedStatus: 'remembered' },
      ForgetDevice: { DeviceKey: 'us-east-1_x' },
    };
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const idToken = session.getIdToken().getJwtToken();
    for (const [op, body] of Object.entries(bodies)) {
      await fails(op, { ...body, AccessToken: tampered }, 'NotAuthorizedException', 'Invalid Access Token');
      await fails(op, { ...body, AccessToken: idToken }, 'NotAuthorizedException', 'Invalid Access Token');
    }
    await ctl('POST', '/_test/clock', { offsetSeconds: 3601 });
    try {
      for (const op of Object.keys(bodies)) await fails(op, { ...bodies[op], AccessToken: token }, 'NotAuthorizedException', 'Access Token has expired');
    } finally {
      await ctl('POST', '/_test/clock', { offsetSeconds: 0 });
    }
    await ok('GlobalSignOut', { AccessToken: token });
    for (const op of Object.keys(bodies)) await fails(op, { ...bodies[op], AccessToken: token }, 'NotAuthorizedException', 'Access Token has been revoked');
    assert.equal(decode(token).username, 'fay');
    assert.equal((await api('GetUser', {})).json.__type, 'InvalidParameterException', 'missing AccessToken');
  });
});
