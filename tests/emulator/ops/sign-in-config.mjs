// Pool settings of the sign-in flows Cognito added after amazon-cognito-identity-js:
// the choice-based first factors (Policies.SignInPolicy.AllowedFirstAuthFactors)
// and the WebAuthn relying party (SetUserPoolMfaConfig WebAuthnConfiguration,
// the emulator-only UpdateUserPool WebAuthnRelyingPartyID, POST /_test/webauthn).
import { InvalidParameter } from '../errors.mjs';

export const FIRST_FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
// A pool without a domain has no relying party in AWS (StartWebAuthnRegistration
// then fails); the emulator defaults to the one host a browser test page can use.
export const DEFAULT_RP_ID = 'localhost';

/** Policies.SignInPolicy; AWS's default (and the value for absent) is PASSWORD only. */
export function parseSignInPolicy(v) {
  if (v === undefined || v === null) return { allowedFirstAuthFactors: ['PASSWORD'] };
  if (typeof v !== 'object' || Array.isArray(v)) throw InvalidParameter("Value at 'policies.signInPolicy' must be a structure.");
  const list = v.AllowedFirstAuthFactors ?? ['PASSWORD'];
  if (!Array.isArray(list) || list.some((f) => !FIRST_FACTORS.includes(f))) {
    throw InvalidParameter(`1 validation error detected: Value at 'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy constraint: Member must satisfy enum value set: [${FIRST_FACTORS.join(', ')}]`);
  }
  return { allowedFirstAuthFactors: [...new Set(list)] };
}

export const allowedFirstFactors = (pool) => (pool.signInPolicy ??= parseSignInPolicy()).allowedFirstAuthFactors;

export const signInPolicyShape = (pool) => ({ AllowedFirstAuthFactors: allowedFirstFactors(pool) });

/** Lazily created so pools made before WebAuthn existed need no migration. */
const webauthnOf = (pool) => (pool.webauthn ??= { rpId: null, userVerification: 'preferred', origins: null, configured: false });

/** The effective relying party: {rpId, userVerification, origins (null: derived from rpId)}. */
export function webauthnConfig(pool) {
  const w = webauthnOf(pool);
  return { rpId: w.rpId ?? DEFAULT_RP_ID, userVerification: w.userVerification, origins: w.origins };
}

function checkRpId(rpId, member) {
  // A registrable domain or "localhost"; no scheme, port or path (WebAuthn rp.id).
  if (typeof rpId !== 'string' || rpId.length < 1 || rpId.length > 127 || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(rpId)) {
    throw InvalidParameter(`Value at '${member}' must be a domain name such as example.com or localhost.`);
  }
  return rpId.toLowerCase();
}

/** SetUserPoolMfaConfig WebAuthnConfiguration {RelyingPartyId?, UserVerification?, FactorConfiguration?}. */
export function applyWebAuthnConfiguration(pool, v) {
  if (v === undefined) return;
  const w = webauthnOf(pool);
  if (v === null) {
    Object.assign(w, { rpId: null, userVerification: 'preferred', configured: false });
    return;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw InvalidParameter("Value at 'webAuthnConfiguration' must be a structure.");
  if (v.UserVerification !== undefined && !['required', 'preferred'].includes(v.UserVerification)) {
    throw InvalidParameter("1 validation error detected: Value at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]");
  }
  if (v.FactorConfiguration !== undefined && !['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION'].includes(v.FactorConfiguration)) {
    throw InvalidParameter("Value at 'webAuthnConfiguration.factorConfiguration' must be SINGLE_FACTOR or MULTI_FACTOR_WITH_USER_VERIFICATION.");
  }
  if (v.RelyingPartyId !== undefined) w.rpId = checkRpId(v.RelyingPartyId, 'webAuthnConfiguration.relyingPartyId');
  if (v.UserVerification !== undefined) w.userVerification = v.UserVerification;
  w.configured = true;
}

/** Emulator shortcut (CreateUserPool/UpdateUserPool WebAuthnRelyingPartyID, /_test/webauthn). */
export function setRelyingParty(pool, { rpId, origins, userVerification } = {}) {
  const w = webauthnOf(pool);
  if (rpId !== undefined) w.rpId = rpId === null ? null : checkRpId(rpId, 'webAuthnRelyingPartyID');
  if (userVerification !== undefined) {
    if (!['required', 'preferred'].includes(userVerification)) throw InvalidParameter('userVerification must be required or preferred.');
    w.userVerification = userVerification;
  }
  if (origins !== undefined) {
    if (origins !== null && (!Array.isArray(origins) || origins.some((o) => typeof o !== 'string' || !isOrigin(o)))) {
      throw InvalidParameter('origins must be a list of origins such as "https://app.example.com" or "http://localhost:8080".');
    }
    w.origins = origins;
  }
  w.configured = true;
}

/** GetUserPoolMfaConfig member; only once something configured it (older tests compare the whole answer). */
export function webAuthnConfigurationShape(pool) {
  const w = webauthnOf(pool);
  if (!w.configured) return undefined;
  return { RelyingPartyId: webauthnConfig(pool).rpId, UserVerification: w.userVerification };
}

function isOrigin(s) {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s;
  } catch {
    return false;
  }
}

/**
 * Whether clientDataJSON.origin may use this relying party. With a configured
 * list (POST /_test/webauthn origins) only exact matches pass. Otherwise the
 * browser's own rule: an https origin whose host is the RP ID or below it, any
 * port; http only for localhost (browsers treat it as a secure context).
 */
export function originAllowed(cfg, origin) {
  if (typeof origin !== 'string' || !isOrigin(origin)) return false;
  if (cfg.origins) return cfg.origins.includes(origin);
  const { protocol, hostname } = new URL(origin);
  const underRp = hostname === cfg.rpId || hostname.endsWith(`.${cfg.rpId}`);
  if (!underRp) return false;
  return protocol === 'https:' || (protocol === 'http:' && (hostname === 'localhost' || hostname.endsWith('.localhost')));
}
