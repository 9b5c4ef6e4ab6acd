// Choice-based sign-in: InitiateAuth USER_AUTH and RespondToAuthChallenge
// SELECT_CHALLENGE. The first factors a user may pick are the pool's
// Policies.SignInPolicy.AllowedFirstAuthFactors, narrowed to what the user can
// do: PASSWORD (offered as PASSWORD and PASSWORD_SRP), EMAIL_OTP / SMS_OTP
// (a verified email / phone_number), WEB_AUTHN (a registered passkey).
// One-time codes are 8 digits, readable at /_test/codes as emailOtp / smsOtp.
import { InvalidParameter, NotAuthorized, missing } from '../errors.mjs';
import { checkSecretHash, findUser, maskEmail, maskPhone, newCode } from './common.mjs';
import { CODE_KEYS, openChallenge } from './challenges.mjs';
import { checkDeviceKey } from './device-store.mjs';
import { passwordAuth, startSrp, unknownUser } from './first-factor.mjs';
import { SESSION_TTL_MS, openSession } from './sessions.mjs';
import { allowedFirstFactors } from './sign-in-config.mjs';
import { usableCredentials, webAuthnChallenge } from './webauthn.mjs';

const CHOICES = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
const OTP_DIGITS = 8;

const verified = (user, attr) => Boolean(user.attributes.get(attr)) && user.attributes.get(`${attr}_verified`) === 'true';

/**
 * What this user may choose, in a fixed order (clients must not rely on it).
 * Users who still have to set a password (FORCE_CHANGE_PASSWORD,
 * RESET_REQUIRED) or are unconfirmed only get the password choices.
 */
export function availableChallenges(pool, user) {
  const allowed = allowedFirstFactors(pool);
  const out = allowed.includes('PASSWORD') ? ['PASSWORD', 'PASSWORD_SRP'] : [];
  if (user.status !== 'CONFIRMED') return out;
  if (allowed.includes('EMAIL_OTP') && verified(user, 'email')) out.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && verified(user, 'phone_number')) out.push('SMS_OTP');
  if (allowed.includes('WEB_AUTHN') && usableCredentials(pool, user).length) out.push('WEB_AUTHN');
  return out;
}

/** EMAIL_OTP / SMS_OTP as the first factor; answered like the MFA codes (challenges.mjs). */
function otpChallenge(ctx, st, type) {
  const sms = type === 'SMS_OTP';
  const value = st.user.attributes.get(sms ? 'phone_number' : 'email');
  const delivery = sms
    ? { Destination: maskPhone(value), DeliveryMedium: 'SMS', AttributeName: 'phone_number' }
    : { Destination: maskEmail(value), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  const code = newCode(OTP_DIGITS);
  st.user.codes[CODE_KEYS[type]] = { code, expiresAt: ctx.store.now() + SESSION_TTL_MS, delivery };
  const session = openSession(ctx.store, { ...st, step: type, data: { deviceKey: st.deviceKey ?? null, custom: false, code } });
  return {
    ChallengeName: type,
    Session: session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: delivery.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: delivery.Destination,
      USERNAME: st.user.username,
    },
  };
}

/** Start the chosen factor. `params` holds USERNAME, PASSWORD / SRP_A, DEVICE_KEY, SECRET_HASH. */
function startFactor(ctx, st, choice, params, member) {
  const { pool, client } = st;
  switch (choice) {
    case 'PASSWORD':
      return passwordAuth(ctx, pool, client, params, member);
    case 'PASSWORD_SRP':
      return startSrp(ctx, pool, client, params, { userAuth: true, member });
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return otpChallenge(ctx, st, choice);
    default:
      return webAuthnChallenge(ctx, st);
  }
}

export function userAuth(ctx, pool, client, params) {
  const typed = params.USERNAME;
  if (!typed) throw missing('authParameters.USERNAME');
  const preferred = params.PREFERRED_CHALLENGE;
  if (preferred !== undefined && !CHOICES.includes(preferred)) {
    throw InvalidParameter(`PREFERRED_CHALLENGE must be one of ${CHOICES.join(', ')}.`);
  }
  // The parameters of a preferred password factor come with InitiateAuth.
  if (preferred === 'PASSWORD' && params.PASSWORD === undefined) throw missing('authParameters.PASSWORD');
  if (preferred === 'PASSWORD_SRP' && params.SRP_A === undefined) throw missing('authParameters.SRP_A');
  const user = findUser(pool, typed);
  checkSecretHash(client, params.SECRET_HASH, [typed, user?.username]);
  if (!user) {
    // startSrp runs its never-verifying decoy for PreventUserExistenceErrors clients.
    if (preferred === 'PASSWORD_SRP') return startSrp(ctx, pool, client, params, { userAuth: true });
    throw unknownUser(client);
  }
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  checkDeviceKey(pool, user, params.DEVICE_KEY);
  const st = { pool, client, user, deviceKey: params.DEVICE_KEY };
  const choices = availableChallenges(pool, user);
  if (preferred && choices.includes(preferred)) return startFactor(ctx, st, preferred, params, 'authParameters');
  const session = openSession(ctx.store, { ...st, step: 'SELECT_CHALLENGE', data: { deviceKey: params.DEVICE_KEY ?? null, custom: false, choices } });
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    Session: session,
    ChallengeParameters: { USERNAME: user.username },
    AvailableChallenges: choices,
  };
}

/**
 * SELECT_CHALLENGE answer: USERNAME, ANSWER (one of AvailableChallenges) and
 * that factor's own parameters (PASSWORD, or SRP_A). The session is spent by
 * any accepted ANSWER, so a wrong PASSWORD means starting over.
 */
export function respondSelectChallenge(ctx, pool, client, input, cr) {
  const { rec, st, consume } = openChallenge(ctx, pool, client, input, cr, 'SELECT_CHALLENGE');
  const answer = cr.ANSWER;
  if (answer === undefined) throw missing('challengeResponses.ANSWER');
  if (!rec.choices.includes(answer)) throw InvalidParameter(`ANSWER must be one of ${rec.choices.join(', ')}.`);
  if (answer === 'PASSWORD' && cr.PASSWORD === undefined) throw missing('challengeResponses.PASSWORD');
  if (answer === 'PASSWORD_SRP' && cr.SRP_A === undefined) throw missing('challengeResponses.SRP_A');
  checkDeviceKey(pool, st.user, cr.DEVICE_KEY);
  consume();
  const deviceKey = cr.DEVICE_KEY ?? st.deviceKey ?? undefined;
  return startFactor(ctx, { ...st, deviceKey }, answer, { ...cr, DEVICE_KEY: deviceKey }, 'challengeResponses');
}
