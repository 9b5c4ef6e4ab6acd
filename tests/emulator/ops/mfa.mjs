// MFA settings: SetUserSettings (legacy SMS), SetUserMFAPreference,
// AdminSetUserMFAPreference, SetUserPoolMfaConfig, GetUserPoolMfaConfig,
// and TOTP registration: AssociateSoftwareToken, VerifySoftwareToken (with
// an AccessToken, or with the Session of an MFA_SETUP challenge).
import { EnableSoftwareTokenMFA, InvalidParameter, SoftwareTokenMFANotFound } from '../errors.mjs';
import { newSecret, totpMatches } from '../totp.mjs';
import { getPool, reqStr } from './common.mjs';
import { adminUser } from './admin.mjs';
import { applyMfaOptions, applyMfaPreference, poolMfa, poolMfaShape } from './mfa-settings.mjs';
import { applyWebAuthnConfiguration } from './sign-in-config.mjs';
import { consumeSession, failAttempt, openSession, peekSession } from './sessions.mjs';
import { authenticateAccessToken } from './tokens.mjs';

function SetUserSettings(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  if (input.MFAOptions === undefined || input.MFAOptions === null) throw InvalidParameter("1 validation error detected: Value null at 'mFAOptions' failed to satisfy constraint: Member must not be null");
  applyMfaOptions(user, input.MFAOptions);
  return {};
}

function SetUserMFAPreference(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  applyMfaPreference(user, input);
  return {};
}

function AdminSetUserMFAPreference({ store }, input) {
  applyMfaPreference(adminUser(store, input).user, input);
  return {};
}

/** Each *MfaConfiguration given turns its factor on (TOTP: per Enabled); null turns it off. */
function SetUserPoolMfaConfig({ store }, input) {
  const pool = getPool(store, reqStr(input, 'UserPoolId', 'userPoolId'));
  const cur = poolMfa(pool);
  const enabled = new Set(cur.enabled);
  const toggle = (key, type, on) => {
    if (input[key] === undefined) return;
    if (input[key] !== null && (typeof input[key] !== 'object' || Array.isArray(input[key]))) throw InvalidParameter(`Value at '${key}' must be a structure.`);
    if (input[key] !== null && on(input[key])) enabled.add(type);
    else enabled.delete(type);
  };
  toggle('SmsMfaConfiguration', 'SMS_MFA', () => true);
  toggle('SoftwareTokenMfaConfiguration', 'SOFTWARE_TOKEN_MFA', (v) => v.Enabled === true);
  toggle('EmailMfaConfiguration', 'EMAIL_OTP', () => true);
  const configuration = input.MfaConfiguration ?? cur.configuration;
  if (!['OFF', 'ON', 'OPTIONAL'].includes(configuration)) throw InvalidParameter("Value at 'mfaConfiguration' must be one of OFF, ON, OPTIONAL.");
  if (configuration !== 'OFF' && !enabled.size) throw InvalidParameter('At least one MFA type must be enabled when MFA is ON or OPTIONAL.');
  applyWebAuthnConfiguration(pool, input.WebAuthnConfiguration);
  pool.mfa = {
    configuration,
    enabled,
    smsConfig: input.SmsMfaConfiguration ?? cur.smsConfig,
    emailConfig: input.EmailMfaConfiguration ?? cur.emailConfig,
  };
  return poolMfaShape(pool);
}

const GetUserPoolMfaConfig = ({ store }, input) => poolMfaShape(getPool(store, reqStr(input, 'UserPoolId', 'userPoolId')));

/** "The request takes an access token or a session string, but not both." */
function tokenOrSession(input) {
  const hasToken = input.AccessToken !== undefined && input.AccessToken !== null;
  const hasSession = input.Session !== undefined && input.Session !== null;
  if (hasToken === hasSession) throw InvalidParameter('Provide either an AccessToken or a Session, not both.');
  return hasToken;
}

function AssociateSoftwareToken(ctx, input) {
  const { store } = ctx;
  const secret = newSecret();
  if (tokenOrSession(input)) {
    const { user } = authenticateAccessToken(ctx, input.AccessToken);
    user.pendingTotp = secret;
    return { SecretCode: secret };
  }
  const { rec, pool, user } = peekSession(store, input.Session, { steps: ['MFA_SETUP', 'MFA_SETUP:associated'] });
  consumeSession(store, rec);
  user.pendingTotp = secret;
  const client = store.clients.get(rec.clientId);
  const session = openSession(store, {
    pool, client, user, step: 'MFA_SETUP:associated', data: { deviceKey: rec.deviceKey, custom: rec.custom },
  });
  return { SecretCode: secret, Session: session };
}

/**
 * A good code registers the secret (user.totp). Through an AccessToken that
 * does not switch TOTP MFA on (SetUserMFAPreference does); through an
 * MFA_SETUP Session the returned Session completes MFA_SETUP, which does.
 */
function VerifySoftwareToken(ctx, input) {
  const { store } = ctx;
  const code = reqStr(input, 'UserCode', 'userCode');
  if (!/^[0-9]{6}$/.test(code)) {
    throw InvalidParameter("1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+ and have length 6");
  }
  const friendlyName = input.FriendlyDeviceName ?? null;
  if (friendlyName !== null && typeof friendlyName !== 'string') throw InvalidParameter("Value at 'friendlyDeviceName' must be a string.");
  const mismatch = () => EnableSoftwareTokenMFA('Code mismatch and fail enable Software Token MFA');
  if (tokenOrSession(input)) {
    const { user } = authenticateAccessToken(ctx, input.AccessToken);
    if (!user.pendingTotp) throw SoftwareTokenMFANotFound('Software Token MFA has not been associated: call AssociateSoftwareToken first.');
    if (!totpMatches(user.pendingTotp, code, store.now())) throw mismatch();
    user.totp = { secret: user.pendingTotp, friendlyName };
    delete user.pendingTotp;
    return { Status: 'SUCCESS' };
  }
  const { rec, pool, user } = peekSession(store, input.Session, { steps: ['MFA_SETUP:associated'] });
  if (!totpMatches(user.pendingTotp, code, store.now())) {
    failAttempt(store, input.Session, rec);
    throw mismatch();
  }
  consumeSession(store, rec);
  user.totp = { secret: user.pendingTotp, friendlyName };
  delete user.pendingTotp;
  const client = store.clients.get(rec.clientId);
  const session = openSession(store, {
    pool, client, user, step: 'MFA_SETUP:verified', data: { deviceKey: rec.deviceKey, custom: rec.custom },
  });
  return { Status: 'SUCCESS', Session: session };
}

export default {
  SetUserSettings,
  SetUserMFAPreference,
  AdminSetUserMFAPreference,
  SetUserPoolMfaConfig,
  GetUserPoolMfaConfig,
  AssociateSoftwareToken,
  VerifySoftwareToken,
};
