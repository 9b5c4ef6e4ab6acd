// Per-user and per-pool MFA settings, and their wire shapes. Shared by
// GetUser/AdminGetUser, Set(User|AdminSetUser)MFAPreference, SetUserSettings,
// SetUserPoolMfaConfig and the sign-in flow.
import { InvalidParameter } from '../errors.mjs';
import { webAuthnConfigurationShape } from './sign-in-config.mjs';

export const MFA_TYPES = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];
const SETTINGS_KEYS = { SMSMfaSettings: 'SMS_MFA', SoftwareTokenMfaSettings: 'SOFTWARE_TOKEN_MFA', EmailMfaSettings: 'EMAIL_OTP' };

/** Lazily created so users made before any MFA call need no migration. */
export const userMfa = (user) => (user.mfa ??= { enabled: new Set(), preferred: null });
export const poolMfa = (pool) => (pool.mfa ??= { configuration: 'OFF', enabled: new Set() });

/** MFA types that will actually challenge this user: enabled for the user AND the pool. */
export function effectiveMfa(pool, user) {
  const p = poolMfa(pool);
  if (p.configuration === 'OFF') return [];
  const u = userMfa(user);
  return MFA_TYPES.filter((t) => u.enabled.has(t) && p.enabled.has(t));
}

/** What a user needs before a factor can be switched on (Cognito's "delivery config"). */
function hasDelivery(user, type) {
  if (type === 'SMS_MFA') return Boolean(user.attributes.get('phone_number'));
  if (type === 'EMAIL_OTP') return Boolean(user.attributes.get('email'));
  return Boolean(user.totp?.secret); // SOFTWARE_TOKEN_MFA: only after VerifySoftwareToken
}

export function enableMfa(user, type) {
  if (!hasDelivery(user, type)) throw InvalidParameter(`User does not have delivery config set to turn on ${type}`);
  userMfa(user).enabled.add(type);
}

export function disableMfa(user, type) {
  const m = userMfa(user);
  m.enabled.delete(type);
  if (m.preferred === type) m.preferred = null;
}

/** SetUserMFAPreference / AdminSetUserMFAPreference body -> new settings (all-or-nothing). */
export function applyMfaPreference(user, input) {
  const m = userMfa(user);
  const next = { enabled: new Set(m.enabled), preferred: m.preferred };
  const preferredNow = [];
  for (const [key, type] of Object.entries(SETTINGS_KEYS)) {
    const s = input[key];
    if (s === undefined || s === null) continue;
    if (typeof s !== 'object' || Array.isArray(s)) throw InvalidParameter(`Value at '${key}' must be a structure.`);
    for (const f of ['Enabled', 'PreferredMfa']) {
      if (s[f] !== undefined && s[f] !== null && typeof s[f] !== 'boolean') throw InvalidParameter(`Value at '${key}.${f}' must be a boolean.`);
    }
    if (s.Enabled === true) {
      if (!hasDelivery(user, type)) throw InvalidParameter(`User does not have delivery config set to turn on ${type}`);
      next.enabled.add(type);
    } else if (s.Enabled === false) {
      next.enabled.delete(type);
      if (next.preferred === type) next.preferred = null;
    }
    if (s.PreferredMfa === true) {
      if (!next.enabled.has(type)) throw InvalidParameter(`${type} must be enabled to be the preferred MFA.`);
      preferredNow.push(type);
    } else if (s.PreferredMfa === false && next.preferred === type) {
      next.preferred = null;
    }
  }
  if (preferredNow.length > 1) throw InvalidParameter('Only one MFA type can be preferred.');
  if (preferredNow.length) next.preferred = preferredNow[0];
  user.mfa = next;
}

/** GetUser / AdminGetUser members; each is omitted when empty, as Cognito does. */
export function mfaShape(user) {
  const m = userMfa(user);
  const out = {};
  const list = MFA_TYPES.filter((t) => m.enabled.has(t));
  if (list.length) out.UserMFASettingList = list;
  if (m.preferred) out.PreferredMfaSetting = m.preferred;
  // The legacy MFAOptions view only knows SMS.
  if (m.enabled.has('SMS_MFA')) out.MFAOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];
  return out;
}

/** SetUserSettings (legacy): MFAOptions [] turns SMS MFA off, [{SMS, phone_number}] on. */
export function applyMfaOptions(user, options) {
  if (!Array.isArray(options)) throw InvalidParameter("Value at 'mFAOptions' must be a list.");
  if (!options.length) return disableMfa(user, 'SMS_MFA');
  for (const o of options) {
    if (o?.DeliveryMedium !== 'SMS' || o?.AttributeName !== 'phone_number') {
      throw InvalidParameter('Only SMS to phone_number is supported in MFAOptions.');
    }
  }
  enableMfa(user, 'SMS_MFA');
}

/** The SetUserPoolMfaConfig / GetUserPoolMfaConfig answer. */
export function poolMfaShape(pool) {
  const p = poolMfa(pool);
  const out = { MfaConfiguration: p.configuration };
  if (p.enabled.has('SMS_MFA')) out.SmsMfaConfiguration = p.smsConfig ?? {};
  out.SoftwareTokenMfaConfiguration = { Enabled: p.enabled.has('SOFTWARE_TOKEN_MFA') };
  if (p.enabled.has('EMAIL_OTP')) out.EmailMfaConfiguration = p.emailConfig ?? {};
  const webauthn = webAuthnConfigurationShape(pool);
  if (webauthn) out.WebAuthnConfiguration = webauthn;
  return out;
}
