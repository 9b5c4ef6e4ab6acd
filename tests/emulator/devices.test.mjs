// Remembered devices end to end with amazon-cognito-identity-js: the first
// sign-in confirms the device (ConfirmDevice with its SRP verifier), later
// sign-ins answer DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER and skip MFA,
// forgetDevice brings back the full flow. Plus GetDevice, ListDevices,
// UpdateDeviceStatus and the device binding of refresh tokens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { C, cb, client, decode, memoryStorage, sdkUser, signIn, step, useEmulator } from './sdk-helpers.mjs';

const emu = useEmulator();
const { api, ok, fails, ctl, makePool, codes, makeUser } = client(emu);

async function devicePool({ prompt = false } = {}) {
  const ctx = await makePool({ pool: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: prompt } } });
  await ok('SetUserPoolMfaConfig', { UserPoolId: ctx.poolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: {} });
  return ctx;
}

async function smsUser(ctx, name) {
  await makeUser(ctx, name, `${name}-password-1`, { phone_number: '+15555550100' });
  await ok('AdminSetUserMFAPreference', { UserPoolId: ctx.poolId, Username: name, SMSMfaSettings: { Enabled: true } });
}

/** Sign in through SMS MFA; returns the final step result. */
async function signInWithSms(ctx, name, flow) {
  const user = sdkUser(ctx, name);
  const first = await signIn(user, name, `${name}-password-1`, flow);
  if (first.kind !== 'mfaRequired') return { ...first, user, mfa: false };
  const { mfa } = await codes(ctx, name);
  return { ...(await step((cbs) => user.sendMFACode(mfa, cbs))), user, mfa: true };
}

const PLAIN = 'USER_PASSWORD_AUTH'; // cheaper than SRP where the user's proof is not the point
const key = (ctx, name, item) => `CognitoIdentityServiceProvider.${ctx.clientId}.${name}.${item}`;
const ops = async () => (await ctl('GET', '/_test/requests')).json.map((r) => r.operation + (r.operation === 'RespondToAuthChallenge' ? `:${JSON.parse(r.body).ChallengeName}` : ''));

describe('device tracking', () => {
  test('confirm, device SRP instead of MFA, refresh bound to the device, forget', async () => {
    const ctx = await devicePool();
    await smsUser(ctx, 'tia');

    await ctl('POST', '/_test/requests/clear');
    const first = await signInWithSms(ctx, 'tia');
    assert.equal(first.kind, 'success');
    assert.equal(first.mfa, true);
    assert.deepEqual(await ops(), ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'RespondToAuthChallenge:SMS_MFA', 'ConfirmDevice']);
    const deviceKey = ctx.storage.getItem(key(ctx, 'tia', 'deviceKey'));
    assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);
    assert.match(ctx.storage.getItem(key(ctx, 'tia', 'deviceGroupKey')), /^-\w{9}$/);
    assert.equal(decode(first.args[0].getAccessToken().getJwtToken()).device_key, deviceKey);
    const confirm = JSON.parse((await ctl('GET', '/_test/requests?operation=ConfirmDevice')).json[0].body);
    assert.ok(confirm.DeviceSecretVerifierConfig.PasswordVerifier && confirm.DeviceSecretVerifierConfig.Salt);

    // Second sign-in: the remembered device answers instead of MFA.
    await ctl('POST', '/_test/requests/clear');
    const second = await signInWithSms(ctx, 'tia');
    assert.equal(second.kind, 'success');
    assert.equal(second.mfa, false);
    assert.deepEqual(await ops(), ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'RespondToAuthChallenge:DEVICE_SRP_AUTH', 'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER']);
    const access = second.args[0].getAccessToken().getJwtToken();
    assert.equal(decode(access).device_key, deviceKey);

    // The same with USER_PASSWORD_AUTH (DEVICE_KEY in AuthParameters).
    const plain = await signInWithSms(ctx, 'tia', 'USER_PASSWORD_AUTH');
    assert.equal(plain.kind, 'success');
    assert.equal(plain.mfa, false);

    const got = await step((cbs) => second.user.getDevice(cbs));
    assert.equal(got.args[0].Device.DeviceKey, deviceKey);
    const attrs = Object.fromEntries(got.args[0].Device.DeviceAttributes.map((a) => [a.Name, a.Value]));
    assert.equal(attrs['dev:device_remembered_status'], 'remembered');
    assert.equal(attrs.device_name, confirm.DeviceName);
    const listed = await step((cbs) => second.user.listDevices(10, null, cbs));
    assert.deepEqual(listed.args[0].Devices.map((d) => d.DeviceKey), [deviceKey]);

    // Refresh tokens of a device only work with its DEVICE_KEY (the SDK sends it).
    const rt = second.args[0].getRefreshToken();
    const refreshed = await cb((done) => second.user.refreshSession(rt, done));
    assert.equal(decode(refreshed.getAccessToken().getJwtToken()).device_key, deviceKey);
    await fails('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: rt.getToken() } }, 'NotAuthorizedException', 'Invalid Refresh Token');
    await ok('GetTokensFromRefreshToken', { ClientId: ctx.clientId, RefreshToken: rt.getToken(), DeviceKey: deviceKey });

    // A wrong device secret fails the device proof.
    const saved = ctx.storage.getItem(key(ctx, 'tia', 'randomPasswordKey'));
    ctx.storage.setItem(key(ctx, 'tia', 'randomPasswordKey'), 'not-the-device-password');
    const forged = await signIn(sdkUser(ctx, 'tia'), 'tia', 'tia-password-1').catch((e) => e);
    assert.equal(forged.code, 'NotAuthorizedException');
    ctx.storage.setItem(key(ctx, 'tia', 'randomPasswordKey'), saved);

    // Not remembered: MFA again, then device SRP (the SDK handles DEVICE_SRP_AUTH after MFA).
    await step((cbs) => second.user.setDeviceStatusNotRemembered(cbs));
    await ctl('POST', '/_test/requests/clear');
    const notRemembered = await signInWithSms(ctx, 'tia');
    assert.equal(notRemembered.kind, 'success');
    assert.equal(notRemembered.mfa, true);
    assert.deepEqual((await ops()).slice(-2), ['RespondToAuthChallenge:DEVICE_SRP_AUTH', 'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER']);
    await step((cbs) => notRemembered.user.setDeviceStatusRemembered(cbs));

    // Forget: the full flow comes back, with a new device; the old device's refresh token is dead.
    await step((cbs) => notRemembered.user.forgetDevice(cbs));
    assert.equal(ctx.storage.getItem(key(ctx, 'tia', 'deviceKey')), null);
    await fails('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId, AuthParameters: { REFRESH_TOKEN: rt.getToken(), DEVICE_KEY: deviceKey } }, 'NotAuthorizedException', 'Invalid Refresh Token');
    const again = await signInWithSms(ctx, 'tia');
    assert.equal(again.mfa, true);
    const newKey = ctx.storage.getItem(key(ctx, 'tia', 'deviceKey'));
    assert.ok(newKey && newKey !== deviceKey);
    await fails('GetDevice', { AccessToken: again.args[0].getAccessToken().getJwtToken(), DeviceKey: deviceKey }, 'ResourceNotFoundException', 'Device does not exist.');
  });

  test('a stale DEVICE_KEY: the SDK retries the same proof without it and gets a new device', async () => {
    const ctx = await devicePool();
    await smsUser(ctx, 'uma');
    assert.equal((await signInWithSms(ctx, 'uma')).kind, 'success');
    const realKey = ctx.storage.getItem(key(ctx, 'uma', 'deviceKey'));
    ctx.storage.setItem(key(ctx, 'uma', 'deviceKey'), 'us-east-1_00000000-0000-4000-8000-000000000000');
    await ctl('POST', '/_test/requests/clear');
    const r = await signInWithSms(ctx, 'uma');
    assert.equal(r.kind, 'success');
    assert.equal(r.mfa, true);
    const verifiers = (await ctl('GET', '/_test/requests?operation=RespondToAuthChallenge')).json.map((x) => JSON.parse(x.body)).filter((b) => b.ChallengeName === 'PASSWORD_VERIFIER');
    assert.equal(verifiers.length, 2, 'the refused proof was resent');
    assert.equal(verifiers[0].ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK, verifiers[1].ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK, 'the SECRET_BLOCK survived the device error');
    assert.equal(verifiers[1].ChallengeResponses.DEVICE_KEY, null);
    const fresh = ctx.storage.getItem(key(ctx, 'uma', 'deviceKey'));
    assert.ok(fresh !== realKey && !fresh.startsWith('us-east-1_00000000'));
  });

  test('DeviceOnlyRememberedOnUserPrompt: not remembered until the user says so; ListDevices pages', async () => {
    const ctx = await devicePool({ prompt: true });
    await smsUser(ctx, 'val');
    const first = await signInWithSms(ctx, 'val', PLAIN);
    assert.equal(first.kind, 'success');
    assert.equal(first.args[1], true, 'UserConfirmationNecessary');
    assert.equal((await signInWithSms(ctx, 'val', PLAIN)).mfa, true, 'a confirmed but not remembered device still needs MFA');
    await step((cbs) => first.user.setDeviceStatusRemembered(cbs));
    const third = await signInWithSms(ctx, 'val', PLAIN);
    assert.equal(third.mfa, false);

    // A second browser (own storage) is a second device.
    const other = { ...ctx, storage: memoryStorage() };
    other.sdkPool = new C.CognitoUserPool({ UserPoolId: ctx.poolId, ClientId: ctx.clientId, endpoint: emu().url, Storage: other.storage });
    await signInWithSms(other, 'val', PLAIN);
    const token = third.args[0].getAccessToken().getJwtToken();
    const p1 = await ok('ListDevices', { AccessToken: token, Limit: 1 });
    assert.equal(p1.Devices.length, 1);
    assert.ok(p1.PaginationToken);
    const p2 = await ok('ListDevices', { AccessToken: token, Limit: 1, PaginationToken: p1.PaginationToken });
    assert.equal(p2.Devices.length, 1);
    assert.equal(p2.PaginationToken, undefined);
    assert.notEqual(p1.Devices[0].DeviceKey, p2.Devices[0].DeviceKey);
    await fails('ListDevices', { AccessToken: token, Limit: 61 }, 'InvalidParameterException');
    await fails('UpdateDeviceStatus', { AccessToken: token, DeviceKey: p1.Devices[0].DeviceKey, DeviceRememberedStatus: 'maybe' }, 'InvalidParameterException');
    await fails('ConfirmDevice', { AccessToken: token, DeviceKey: 'us-east-1_nope', DeviceSecretVerifierConfig: { PasswordVerifier: 'AQ==', Salt: 'AQ==' } }, 'ResourceNotFoundException');
  });

  test('the DEVICE_KEY sent with the MFA code decides which device finishes the sign-in (raw)', async () => {
    const ctx = await devicePool();
    await smsUser(ctx, 'zed');
    const first = await signInWithSms(ctx, 'zed', PLAIN);
    const deviceKey = ctx.storage.getItem(key(ctx, 'zed', 'deviceKey'));
    await ok('UpdateDeviceStatus', { AccessToken: first.args[0].getAccessToken().getJwtToken(), DeviceKey: deviceKey, DeviceRememberedStatus: 'not_remembered' });
    const start = async () => {
      const r = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'zed', PASSWORD: 'zed-password-1', DEVICE_KEY: deviceKey } });
      assert.equal(r.ChallengeName, 'SMS_MFA', 'a not remembered device still gets MFA');
      return { Session: r.Session, code: (await codes(ctx, 'zed')).mfa };
    };
    const answer = ({ Session, code }, extra) => api('RespondToAuthChallenge', { ChallengeName: 'SMS_MFA', ClientId: ctx.clientId, Session, ChallengeResponses: { USERNAME: 'zed', SMS_MFA_CODE: code, ...extra } });

    const a = await start();
    const bogus = await answer(a, { DEVICE_KEY: 'us-east-1_00000000-0000-4000-8000-000000000000' });
    assert.equal(bogus.json.__type, 'InvalidParameterException');
    assert.equal(bogus.json.message, 'Invalid device key given.');
    const withKey = await answer(a, { DEVICE_KEY: deviceKey });
    assert.equal(withKey.json.ChallengeName, 'DEVICE_SRP_AUTH');
    assert.equal(withKey.json.ChallengeParameters.DEVICE_KEY, deviceKey);

    const b = await start();
    const without = await answer(b, {});
    assert.equal(without.status, 200, without.text);
    assert.notEqual(without.json.AuthenticationResult.NewDeviceMetadata.DeviceKey, deviceKey, 'no DEVICE_KEY with the code: a new device');
  });

  test('pools without device tracking issue no NewDeviceMetadata', async () => {
    const ctx = await makePool();
    await makeUser(ctx, 'wes', 'wes-password-1');
    const r = await api('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'wes', PASSWORD: 'wes-password-1' } });
    assert.equal(r.json.AuthenticationResult.NewDeviceMetadata, undefined);
    const d = await ok('DescribeUserPool', { UserPoolId: ctx.poolId });
    assert.equal(d.UserPool.DeviceConfiguration, undefined);
    await ok('UpdateUserPool', { UserPoolId: ctx.poolId, DeviceConfiguration: { ChallengeRequiredOnNewDevice: false } });
    const on = await ok('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.clientId, AuthParameters: { USERNAME: 'wes', PASSWORD: 'wes-password-1' } });
    assert.match(on.AuthenticationResult.NewDeviceMetadata.DeviceKey, /^us-east-1_/);
    // An unconfirmed device's refresh token does not refresh.
    await fails('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.clientId,
      AuthParameters: { REFRESH_TOKEN: on.AuthenticationResult.RefreshToken, DEVICE_KEY: on.AuthenticationResult.NewDeviceMetadata.DeviceKey },
    }, 'NotAuthorizedException', 'Invalid Refresh Token');
  });
});
