// Emulator set-ups for sign-ins that stop at a challenge: MFA pools, users with SMS, TOTP
// or both factors on, TOTP enrolment from Node. Set-up only (admin calls and plain API
// calls from Node), never the thing under test.
import assert from 'node:assert/strict';
import { uniqueName } from './admin.mjs';
import { PASSWORD, adminCall, cognitoCall, createPoolAndClient, passwordSignIn, signUpConfirmed } from './e2e.mjs';
import { rfc6238 } from './totp.mjs';

export const PHONE = '+15555550123';

/** A pool with MfaConfiguration ('OPTIONAL' or 'ON') and the SMS, TOTP and email factors `factors`. */
export async function mfaPool(backend, name, MfaConfiguration, factors = { sms: true, totp: true, email: true }) {
  const pool = await createPoolAndClient(backend.endpoint, { poolName: uniqueName(name) });
  await adminCall(backend.endpoint, 'SetUserPoolMfaConfig', {
    UserPoolId: pool.UserPoolId,
    MfaConfiguration,
    SmsMfaConfiguration: factors.sms ? { SmsAuthenticationMessage: 'Your code is {####}' } : null,
    SoftwareTokenMfaConfiguration: { Enabled: !!factors.totp },
    EmailMfaConfiguration: factors.email ? { Message: 'Your code is {####}' } : null,
  });
  return pool;
}

/** Registers a TOTP authenticator for `username` from Node; returns the secret. */
export async function enrollTotp(backend, pool, username, password = PASSWORD) {
  const s = await passwordSignIn(backend.endpoint, pool, username, password);
  assert.ok(s.ok, `set-up sign-in: ${JSON.stringify(s.data)}`);
  const AccessToken = s.result.AccessToken;
  const a = await cognitoCall(backend.endpoint, 'AssociateSoftwareToken', { AccessToken });
  const v = await cognitoCall(backend.endpoint, 'VerifySoftwareToken', { AccessToken, UserCode: rfc6238(a.data.SecretCode), FriendlyDeviceName: 'node' });
  assert.equal(v.data.Status, 'SUCCESS');
  return a.data.SecretCode;
}

/**
 * A confirmed user of `pool` with a phone number and the MFA factors asked for on
 * (`preferred`: 'SMS_MFA', 'SOFTWARE_TOKEN_MFA' or none): { username, password, secret? }.
 */
export async function mfaUser(backend, pool, prefix, { sms = false, totp = false, email = false, preferred } = {}) {
  const u = await signUpConfirmed(backend, pool, uniqueName(prefix), { attributes: { phone_number: PHONE } });
  if (totp) u.secret = await enrollTotp(backend, pool, u.username);
  const setting = (on, type) => (on ? { Enabled: true, PreferredMfa: preferred === type } : undefined);
  await adminCall(backend.endpoint, 'AdminSetUserMFAPreference', {
    UserPoolId: pool.UserPoolId, Username: u.username,
    SMSMfaSettings: setting(sms, 'SMS_MFA'), SoftwareTokenMfaSettings: setting(totp, 'SOFTWARE_TOKEN_MFA'), EmailMfaSettings: setting(email, 'EMAIL_OTP'),
  });
  return u;
}
