// Remembered devices end to end in Chromium against the emulator (which checks the
// device SRP itself): the first sign-in confirms the device and stores its secrets under
// the SDK's keys, the second answers DEVICE_SRP_AUTH with the device's proof, refreshes
// carry the device key, the device operations work, and forgetDevice brings back the
// full flow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { signUpConfirmed, PASSWORD } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

// A pool that remembers every device (no prompt), and a client for SRP and refreshes.
const { backend, pool, poolData, newContext, newPage, setUp } = useBackendPages('emulator', {
  poolName: 'devices',
  poolSettings: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } },
  flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
});
/** One browser context for the whole file: the device's secrets stay in its localStorage. */
let context;
let user;

setUp(async () => {
  user = await signUpConfirmed(backend, pool, uniqueName('dev'));
  context = await newContext();
});

/** A new page load in the file's browser context. */
const freshPage = () => newPage({ context });

/** Signs in (callback form, as the README) in a new page load; returns what onSuccess got. */
async function signIn() {
  const page = await freshPage();
  await backend.post('/_test/requests/clear');
  const out = await page.evaluate(({ poolData, username, password }) => new Promise((resolve) => {
    const pool = new AC.CognitoUserPool(poolData);
    const cognitoUser = new AC.CognitoUser({ Username: username, Pool: pool });
    cognitoUser.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess(session, userConfirmationNecessary) {
        const prefix = `CognitoIdentityServiceProvider.${poolData.ClientId}.${cognitoUser.getUsername()}.`;
        resolve({ ok: true, valid: session.isValid(), userConfirmationNecessary, deviceKey: localStorage.getItem(prefix + 'deviceKey'),
          groupKey: localStorage.getItem(prefix + 'deviceGroupKey'), password: localStorage.getItem(prefix + 'randomPasswordKey') });
      },
      onFailure(err) { resolve({ ok: false, code: err.code, message: err.message }); },
    });
  }), { poolData, username: user.username, password: PASSWORD });
  const requests = (await backend.requests()).map((r) => (r.operation === 'RespondToAuthChallenge' ? `RespondToAuthChallenge ${r.json.ChallengeName}` : r.operation));
  return { page, out, requests };
}

describe('remembered devices', () => {
  it('first sign-in confirms the device, the second answers device SRP, forgetDevice restores the full flow', async () => {
    const first = await signIn();
    assert.equal(first.out.ok, true, JSON.stringify(first.out));
    assert.equal(first.out.valid, true);
    assert.ok(first.out.deviceKey && first.out.groupKey && first.out.password, 'device secrets stored under the SDK keys');
    assert.ok(first.requests.includes('ConfirmDevice'), first.requests.join(', '));
    assert.ok(!first.requests.includes('RespondToAuthChallenge DEVICE_SRP_AUTH'));

    const second = await signIn();
    assert.equal(second.out.ok, true, JSON.stringify(second.out));
    assert.deepEqual(second.requests, [
      'InitiateAuth', 'RespondToAuthChallenge PASSWORD_VERIFIER',
      'RespondToAuthChallenge DEVICE_SRP_AUTH', 'RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER',
    ]);
    const initiate = (await backend.requests('InitiateAuth'))[0].json;
    assert.equal(initiate.AuthParameters.DEVICE_KEY, first.out.deviceKey);
    assert.equal(second.out.deviceKey, first.out.deviceKey, 'the same device');

    // Device operations, callback and Promise forms.
    const ops = await second.page.evaluate(async ({ poolData, deviceKey }) => {
      const u = new AC.CognitoUserPool(poolData).getCurrentUser();
      await u.getSession();
      const got = await new Promise((resolve) => u.getDevice({ onSuccess: resolve, onFailure: (e) => resolve({ error: e.code }) }));
      const listed = await u.listDevices(10, null);
      const remembered = await new Promise((resolve) => u.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: (e) => resolve(e.code) }));
      const forgot = await u.forgetDevice();
      const prefix = `CognitoIdentityServiceProvider.${poolData.ClientId}.${u.getUsername()}.`;
      return { got: got.Device && got.Device.DeviceKey, listed: listed.Devices.map((d) => d.DeviceKey), remembered, forgot,
        keyAfter: localStorage.getItem(prefix + 'deviceKey'), deviceKey };
    }, { poolData, deviceKey: first.out.deviceKey });
    assert.equal(ops.got, first.out.deviceKey);
    assert.ok(ops.listed.includes(first.out.deviceKey));
    assert.equal(ops.remembered, 'SUCCESS');
    assert.equal(ops.forgot, 'SUCCESS');
    assert.equal(ops.keyAfter, null, 'forgetDevice clears the stored device');

    const third = await signIn();
    assert.equal(third.out.ok, true, JSON.stringify(third.out));
    assert.ok(!third.requests.includes('RespondToAuthChallenge DEVICE_SRP_AUTH'), third.requests.join(', '));
    assert.ok(third.requests.includes('ConfirmDevice'), 'a new device is confirmed again');
    assert.notEqual(third.out.deviceKey, first.out.deviceKey);
  });

  it('a refresh carries the device key', async () => {
    await backend.post('/_test/token-lifetime', { clientId: poolData.ClientId, accessSeconds: 2, idSeconds: 2 });
    const { page } = await signIn();
    await backend.test('/_test/token-lifetime', { method: 'DELETE' });
    await new Promise((r) => setTimeout(r, 3000));
    await backend.post('/_test/requests/clear');
    const out = await page.evaluate(async (poolData) => {
      const s = await new AC.CognitoUserPool(poolData).getCurrentUser().getSession();
      return s.isValid();
    }, poolData);
    assert.equal(out, true);
    const refresh = (await backend.requests('InitiateAuth')).map((r) => r.json).filter((b) => b.AuthFlow === 'REFRESH_TOKEN_AUTH');
    assert.equal(refresh.length, 1);
    assert.ok(refresh[0].AuthParameters.DEVICE_KEY, 'DEVICE_KEY sent with the refresh');
  });
});
