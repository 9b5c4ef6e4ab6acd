// RespondToAuthChallenge for every step after the first factor:
// NEW_PASSWORD_REQUIRED, SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA,
// SELECT_MFA_TYPE, MFA_SETUP, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER;
// and the one-time codes of USER_AUTH (EMAIL_OTP, SMS_OTP as first factors),
// which are answered exactly like the MFA codes.
import { randomBytes } from 'node:crypto';
import {
  CodeMismatch, InvalidParameter, NotAuthorized, SoftwareTokenMFANotFound, WRONG_MFA_CODE, WRONG_PASSWORD, missing,
} from '../errors.mjs';
import * as srp from '../srp-server.mjs';
import { totpMatches } from '../totp.mjs';
import { checkPasswordPolicy, checkSecretHash, findUser, parseAttributes, rejectUnwritable } from './common.mjs';
import { afterFirstFactor, finishSignIn, mfaChallenge } from './flow.mjs';
import { issueCustomChallenge } from './custom-auth.mjs';
import { devicesOf, usableDevice } from './device-store.mjs';
import { userMfa } from './mfa-settings.mjs';
import { consumeSession, failAttempt, openSession, peekSession } from './sessions.mjs';
import { issueTokens } from './tokens.mjs';

const TIMESTAMP_SKEW_MS = 5 * 60 * 1000;

/** NotAuthorized with Cognito's vague message plus an emulator-only reason. */
export const rejectProof = (detail) => {
  const e = NotAuthorized(WRONG_PASSWORD);
  e.detail = detail;
  return e;
};

/** Common prelude: a live session for `step`, USERNAME naming its user, SECRET_HASH. */
export function openChallenge(ctx, pool, client, input, cr, step) {
  const { rec, user } = peekSession(ctx.store, input.Session, { client, steps: [step] });
  if (cr.USERNAME === undefined) throw missing('challengeResponses.USERNAME');
  checkSecretHash(client, cr.SECRET_HASH, [cr.USERNAME, user.username]);
  if (findUser(pool, cr.USERNAME) !== user) throw rejectProof('USERNAME does not name the user of this Session');
  const st = { pool, client, user, deviceKey: rec.deviceKey, custom: rec.custom };
  return { rec, user, st, consume: () => consumeSession(ctx.store, rec) };
}

function newPasswordRequired(ctx, pool, client, input, cr) {
  const { user, st, consume } = openChallenge(ctx, pool, client, input, cr, 'NEW_PASSWORD_REQUIRED');
  if (cr.NEW_PASSWORD === undefined) throw missing('challengeResponses.NEW_PASSWORD');
  const updates = Object.entries(cr)
    .filter(([k]) => k.startsWith('userAttributes.'))
    .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }));
  const attrs = parseAttributes(pool, updates, 'challengeResponses');
  rejectUnwritable(attrs);
  const merged = new Map([...user.attributes, ...attrs]);
  const stillMissing = pool.requiredAttributes.filter((a) => !merged.get(a));
  if (stillMissing.length) throw InvalidParameter(`Missing required attribute: ${stillMissing.join(', ')}`);
  checkPasswordPolicy(pool, cr.NEW_PASSWORD);
  consume();
  user.attributes = merged;
  user.verifier = srp.makeVerifier(pool.name, user.username, cr.NEW_PASSWORD);
  user.status = 'CONFIRMED';
  delete user.temporaryPassword;
  user.modifiedAt = ctx.store.now();
  return st.custom ? issueCustomChallenge(ctx, st, 0) : afterFirstFactor(ctx, st);
}

const CODE_FIELDS = { SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SMS_OTP: 'SMS_OTP_CODE', SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE' };
// Where /_test/codes shows each code (EMAIL_OTP shares its key as MFA and as first factor).
export const CODE_KEYS = { SMS_MFA: 'mfa', EMAIL_OTP: 'emailOtp', SMS_OTP: 'smsOtp' };

/**
 * SMS_MFA / EMAIL_OTP / SMS_OTP / SOFTWARE_TOKEN_MFA: a wrong code leaves the
 * session for 3 tries in all. After an OTP first factor no MFA follows
 * (passwordless), so every code leads straight to the device step.
 */
function mfaCode(ctx, pool, client, input, cr, name) {
  const { rec, user, st, consume } = openChallenge(ctx, pool, client, input, cr, name);
  const field = CODE_FIELDS[name];
  const code = cr[field];
  if (code === undefined) throw missing(`challengeResponses.${field}`);
  let ok;
  if (name === 'SOFTWARE_TOKEN_MFA') {
    if (!user.totp) throw SoftwareTokenMFANotFound('Software Token MFA has not been enabled by the user.');
    ok = totpMatches(user.totp.secret, code, ctx.store.now());
  } else {
    ok = code === rec.code;
  }
  if (!ok) {
    failAttempt(ctx.store, input.Session, rec);
    throw CodeMismatch(WRONG_MFA_CODE);
  }
  // The device that finishes the sign-in is the DEVICE_KEY sent with the MFA
  // code, not the one sent earlier: without it Cognito issues a new device
  // (amplify-js #14622, fixed by sending DEVICE_KEY with MFA answers).
  if (pool.devices && cr.DEVICE_KEY !== undefined && !usableDevice(pool, user, cr.DEVICE_KEY)) {
    throw InvalidParameter('Invalid device key given.');
  }
  consume();
  if (CODE_KEYS[name]) delete user.codes[CODE_KEYS[name]];
  return finishSignIn(ctx, { ...st, deviceKey: pool.devices ? cr.DEVICE_KEY : st.deviceKey, previousSession: input.Session });
}

function selectMfaType(ctx, pool, client, input, cr) {
  const { rec, st, consume } = openChallenge(ctx, pool, client, input, cr, 'SELECT_MFA_TYPE');
  if (cr.ANSWER === undefined) throw missing('challengeResponses.ANSWER');
  if (!rec.choices.includes(cr.ANSWER)) throw InvalidParameter(`ANSWER must be one of ${rec.choices.join(', ')}.`);
  consume();
  return mfaChallenge(ctx, st, cr.ANSWER);
}

/** Only a Session that VerifySoftwareToken returned completes MFA_SETUP. */
function mfaSetup(ctx, pool, client, input, cr) {
  const { user, st, consume } = openChallenge(ctx, pool, client, input, cr, 'MFA_SETUP:verified');
  consume();
  userMfa(user).enabled.add('SOFTWARE_TOKEN_MFA');
  return finishSignIn(ctx, st);
}

function deviceSrpAuth(ctx, pool, client, input, cr) {
  const { rec, user, st, consume } = openChallenge(ctx, pool, client, input, cr, 'DEVICE_SRP_AUTH');
  if (cr.DEVICE_KEY === undefined) throw missing('challengeResponses.DEVICE_KEY');
  if (cr.SRP_A === undefined) throw missing('challengeResponses.SRP_A');
  const device = devicesOf(user).get(rec.deviceKey);
  if (cr.DEVICE_KEY !== rec.deviceKey || !device?.confirmed) throw rejectProof('DEVICE_KEY is not the device this sign-in started with');
  const A = srp.parseA(cr.SRP_A);
  if (A === null) throw InvalidParameter('Invalid SRP_A: it must be hex for a value in [1, N) with A mod N != 0.');
  consume();
  const { b, B } = srp.serverEphemeral(device.verifier.v);
  const secretBlock = randomBytes(768).toString('base64');
  const session = openSession(ctx.store, {
    ...st,
    step: 'DEVICE_PASSWORD_VERIFIER',
    data: { deviceKey: device.key, A, B, b, v: device.verifier.v, secretBlock },
  });
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: session,
    ChallengeParameters: {
      DEVICE_KEY: device.key,
      SALT: device.verifier.saltHex,
      SECRET_BLOCK: secretBlock,
      SRP_B: B.toString(16),
      USERNAME: user.username,
    },
  };
}

/**
 * Device SRP is the user SRP with the DeviceGroupKey in place of the pool
 * name and the DeviceKey in place of the username, against the verifier
 * the client registered with ConfirmDevice.
 */
function devicePasswordVerifier(ctx, pool, client, input, cr) {
  const { rec, user, st, consume } = openChallenge(ctx, pool, client, input, cr, 'DEVICE_PASSWORD_VERIFIER');
  for (const k of ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP', 'DEVICE_KEY']) {
    if (cr[k] === undefined) throw missing(`challengeResponses.${k}`);
  }
  consume(); // single use, whatever the outcome, like the user SECRET_BLOCK
  const device = devicesOf(user).get(rec.deviceKey);
  if (!device?.confirmed || cr.DEVICE_KEY !== device.key) throw rejectProof('DEVICE_KEY is not the device this sign-in started with');
  if (cr.PASSWORD_CLAIM_SECRET_BLOCK !== rec.secretBlock) throw rejectProof('PASSWORD_CLAIM_SECRET_BLOCK is not the SECRET_BLOCK of this Session');
  const ts = srp.parseTimestamp(cr.TIMESTAMP);
  if (ts === null) throw rejectProof(`TIMESTAMP ${JSON.stringify(cr.TIMESTAMP)} is not in the form "Tue Sep 3 08:04:05 UTC 2024"`);
  if (Math.abs(ts - ctx.store.now()) > TIMESTAMP_SKEW_MS) throw rejectProof('TIMESTAMP is more than 5 minutes from the server clock');
  const key = srp.sessionKey(rec);
  const expected = key && srp.expectedSignature(key, device.groupKey, device.key, rec.secretBlock, cr.TIMESTAMP);
  if (!expected || !srp.signatureMatches(expected, cr.PASSWORD_CLAIM_SIGNATURE)) {
    throw rejectProof('device PASSWORD_CLAIM_SIGNATURE does not verify');
  }
  device.lastAuthenticatedAt = ctx.store.now();
  return { AuthenticationResult: issueTokens(ctx, { pool, client, user: st.user, deviceKey: device.key }), ChallengeParameters: {} };
}

export const CHALLENGE_HANDLERS = {
  NEW_PASSWORD_REQUIRED: newPasswordRequired,
  SMS_MFA: (ctx, pool, client, input, cr) => mfaCode(ctx, pool, client, input, cr, 'SMS_MFA'),
  EMAIL_OTP: (ctx, pool, client, input, cr) => mfaCode(ctx, pool, client, input, cr, 'EMAIL_OTP'),
  SMS_OTP: (ctx, pool, client, input, cr) => mfaCode(ctx, pool, client, input, cr, 'SMS_OTP'),
  SOFTWARE_TOKEN_MFA: (ctx, pool, client, input, cr) => mfaCode(ctx, pool, client, input, cr, 'SOFTWARE_TOKEN_MFA'),
  SELECT_MFA_TYPE: selectMfaType,
  MFA_SETUP: mfaSetup,
  DEVICE_SRP_AUTH: deviceSrpAuth,
  DEVICE_PASSWORD_VERIFIER: devicePasswordVerifier,
};
