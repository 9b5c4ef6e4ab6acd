// What follows a successful first factor (password proof, new password,
// custom challenges): NEW_PASSWORD_REQUIRED, then MFA (SMS_MFA,
// SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP), then device
// authentication (DEVICE_SRP_AUTH), then tokens. `st` is the sign-in state
// carried from step to step: {pool, client, user, deviceKey?, custom?}.
import { NotAuthorized, UserNotConfirmed } from '../errors.mjs';
import { issueCode, maskEmail, maskPhone } from './common.mjs';
import { newDevice, usableDevice } from './device-store.mjs';
import { effectiveMfa, poolMfa, userMfa } from './mfa-settings.mjs';
import { SESSION_TTL_MS, openSession } from './sessions.mjs';
import { issueTokens } from './tokens.mjs';
import { issueCustomChallenge } from './custom-auth.mjs';

const challenge = (ChallengeName, Session, ChallengeParameters) => ({ ChallengeName, Session, ChallengeParameters });

/** Session data that every later step needs to keep. */
const carry = (st) => ({ deviceKey: st.deviceKey ?? null, custom: Boolean(st.custom) });

/** Entry point after the password (or SRP) proof succeeded. */
export function afterPassword(ctx, st) {
  const { user, pool } = st;
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw UserNotConfirmed('User is not confirmed.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const session = openSession(ctx.store, { ...st, step: 'NEW_PASSWORD_REQUIRED', data: carry(st) });
    // Cognito sends the current attributes minus `sub` (the SDK hands them to the
    // app, which must not send *_verified back) and the missing required ones
    // as "userAttributes.<name>", both as JSON strings.
    const missingRequired = pool.requiredAttributes.filter((a) => !user.attributes.get(a)).map((a) => `userAttributes.${a}`);
    return challenge('NEW_PASSWORD_REQUIRED', session, {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missingRequired),
      userAttributes: JSON.stringify(Object.fromEntries(user.attributes)),
    });
  }
  if (st.custom) return issueCustomChallenge(ctx, st, 0);
  return afterFirstFactor(ctx, st);
}

/** MFA decision. Custom-auth flows never get here: their triggers decide the factors. */
export function afterFirstFactor(ctx, st) {
  const { pool, user } = st;
  const cfg = poolMfa(pool);
  if (cfg.configuration === 'OFF') return finishSignIn(ctx, st);
  // A remembered device replaces the second factor only when the pool says so.
  const device = usableDevice(pool, user, st.deviceKey);
  if (device?.remembered && pool.devices?.challengeRequiredOnNewDevice) return finishSignIn(ctx, st);
  const types = effectiveMfa(pool, user);
  if (!types.length) {
    if (cfg.configuration !== 'ON') return finishSignIn(ctx, st);
    const canSetup = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'].filter((t) => cfg.enabled.has(t));
    const session = openSession(ctx.store, { ...st, step: 'MFA_SETUP', data: carry(st) });
    return challenge('MFA_SETUP', session, { MFAS_CAN_SETUP: JSON.stringify(canSetup), USERNAME: user.username });
  }
  const preferred = userMfa(user).preferred;
  const pick = types.length === 1 ? types[0] : types.includes(preferred) ? preferred : null;
  if (pick) return mfaChallenge(ctx, st, pick);
  const session = openSession(ctx.store, { ...st, step: 'SELECT_MFA_TYPE', data: { ...carry(st), choices: types } });
  return challenge('SELECT_MFA_TYPE', session, { MFAS_CAN_CHOOSE: JSON.stringify(types), USERNAME: user.username });
}

/** Issue one MFA challenge; SMS and email codes are readable at /_test/codes ("mfa", "emailOtp"). */
export function mfaChallenge(ctx, st, type) {
  const { user } = st;
  const params = { USERNAME: user.username };
  const data = carry(st);
  if (type === 'SMS_MFA' || type === 'EMAIL_OTP') {
    const sms = type === 'SMS_MFA';
    const value = user.attributes.get(sms ? 'phone_number' : 'email');
    const delivery = sms
      ? { Destination: maskPhone(value), DeliveryMedium: 'SMS', AttributeName: 'phone_number' }
      : { Destination: maskEmail(value), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
    const issued = issueCode(ctx.store, user, sms ? 'mfa' : 'emailOtp', delivery);
    issued.expiresAt = ctx.store.now() + SESSION_TTL_MS; // an MFA code lives as long as its session
    data.code = issued.code;
    params.CODE_DELIVERY_DELIVERY_MEDIUM = delivery.DeliveryMedium;
    params.CODE_DELIVERY_DESTINATION = delivery.Destination;
  } else if (user.totp?.friendlyName) {
    params.FRIENDLY_DEVICE_NAME = user.totp.friendlyName;
  }
  const session = openSession(ctx.store, { ...st, step: type, data });
  return challenge(type, session, params);
}

/**
 * Last step: a confirmed device of this user (DEVICE_KEY given) must prove
 * itself with device SRP; otherwise tokens, with NewDeviceMetadata when the
 * pool tracks devices.
 *
 * After an MFA step, DEVICE_SRP_AUTH also accepts the MFA step's own Session
 * (`previousSession`): amazon-cognito-identity-js 6.3 sends that one, since
 * sendMFACode does not keep the Session of a DEVICE_SRP_AUTH answer. Whether
 * Cognito checks it there is not documented; a client passing the newest
 * Session is right either way.
 */
export function finishSignIn(ctx, st) {
  const { pool, client, user } = st;
  const device = usableDevice(pool, user, st.deviceKey);
  if (device) {
    const session = openSession(ctx.store, { ...st, step: 'DEVICE_SRP_AUTH', data: carry(st), alias: st.previousSession });
    return challenge('DEVICE_SRP_AUTH', session, { USERNAME: user.username, DEVICE_KEY: device.key });
  }
  const fresh = pool.devices ? newDevice(ctx.store, pool, user) : null;
  const result = issueTokens(ctx, { pool, client, user, deviceKey: fresh?.key });
  if (fresh) result.NewDeviceMetadata = { DeviceKey: fresh.key, DeviceGroupKey: fresh.groupKey };
  return { AuthenticationResult: result, ChallengeParameters: {} };
}
