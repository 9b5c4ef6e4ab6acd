// Passkeys. With an AccessToken: StartWebAuthnRegistration,
// CompleteWebAuthnRegistration, ListWebAuthnCredentials,
// DeleteWebAuthnCredential. In sign-in: the WEB_AUTHN challenge of USER_AUTH
// and its answer. Credentials live on the user (user.webauthn, in creation
// order), each bound to the relying party ID it was registered for; the
// cryptographic checks are in ../webauthn.mjs.
import { randomBytes } from 'node:crypto';
import {
  InvalidParameter, ResourceNotFound, WebAuthnChallengeNotFound, WebAuthnClientMismatch, WebAuthnCredentialNotSupported,
  WebAuthnNotEnabled, WebAuthnOriginNotAllowed, WebAuthnRelyingPartyMismatch, missing,
} from '../errors.mjs';
import * as wa from '../webauthn.mjs';
import { optStr, reqStr } from './common.mjs';
import { openChallenge, rejectProof } from './challenges.mjs';
import { usableDevice } from './device-store.mjs';
import { finishSignIn } from './flow.mjs';
import { SESSION_TTL_MS, openSession } from './sessions.mjs';
import { allowedFirstFactors, originAllowed, webauthnConfig } from './sign-in-config.mjs';
import { authenticateAccessToken } from './tokens.mjs';

// The options' timeout and the life of their challenge: one number, so a
// client that honours `timeout` never holds a dead challenge.
const TIMEOUT_MS = SESSION_TTL_MS;
const MAX_RESULTS = 20;
const ZERO_AAGUID = Buffer.alloc(16);

const credentialsOf = (user) => (user.webauthn ??= []);
export const usableCredentials = (pool, user) => credentialsOf(user).filter((c) => c.rpId === webauthnConfig(pool).rpId);
// user.id of the creation options, returned by discoverable credentials as userHandle.
const userHandle = (user) => Buffer.from(user.sub).toString('base64url');
const newChallenge = () => randomBytes(16).toString('base64url');

function requireEnabled(pool) {
  if (!allowedFirstFactors(pool).includes('WEB_AUTHN')) {
    throw WebAuthnNotEnabled("Passkeys are not enabled: WEB_AUTHN is not in the user pool's AllowedFirstAuthFactors.");
  }
}

/** Registration failures -> Cognito's exception for each, with the reason in emulatorDetail. */
const REGISTRATION_ERRORS = {
  malformed: () => InvalidParameter('The credential is not the JSON form of a PublicKeyCredential.'),
  unsupported: () => WebAuthnCredentialNotSupported('The passkey credential is from an unsupported device or provider.'),
  flags: () => WebAuthnCredentialNotSupported('The passkey credential is from an unsupported device or provider.'),
  signature: () => WebAuthnCredentialNotSupported('The passkey credential is from an unsupported device or provider.'),
  challenge: () => WebAuthnChallengeNotFound('The challenge from StartWebAuthnRegistration was not found or has expired.'),
  origin: () => WebAuthnOriginNotAllowed("The passkey credential's origin does not align with the user pool relying party ID."),
  rp: () => WebAuthnRelyingPartyMismatch('The passkey credential is associated with a different relying party ID than the user pool.'),
};

function mapProblem(e, table) {
  if (!(e instanceof wa.WebAuthnProblem)) throw e;
  const err = table[e.kind]();
  err.detail = e.message;
  return err;
}

function StartWebAuthnRegistration(ctx, input) {
  const { pool, client, user } = authenticateAccessToken(ctx, input.AccessToken);
  requireEnabled(pool);
  const cfg = webauthnConfig(pool);
  const challenge = newChallenge();
  // One pending registration per user; a new Start replaces the previous one.
  user.webauthnPending = { challenge, clientId: client.id, rpId: cfg.rpId, expiresAt: ctx.store.now() + TIMEOUT_MS };
  return {
    CredentialCreationOptions: {
      challenge,
      rp: { id: cfg.rpId, name: cfg.rpId },
      user: { id: userHandle(user), name: user.username, displayName: user.attributes.get('name') ?? '' },
      pubKeyCredParams: [{ type: 'public-key', alg: wa.ALGORITHMS.ES256 }, { type: 'public-key', alg: wa.ALGORITHMS.RS256 }],
      timeout: TIMEOUT_MS,
      excludeCredentials: usableCredentials(pool, user).map((c) => ({ type: 'public-key', id: c.id, ...(c.transports.length ? { transports: c.transports } : {}) })),
      authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: cfg.userVerification },
    },
  };
}

function credentialOwner(pool, id) {
  for (const u of pool.users.values()) if (credentialsOf(u).some((c) => c.id === id)) return u;
  return null;
}

function CompleteWebAuthnRegistration(ctx, input) {
  const { pool, client, user } = authenticateAccessToken(ctx, input.AccessToken);
  const cred = input.Credential;
  if (cred === undefined || cred === null) throw missing('credential');
  if (typeof cred !== 'object' || Array.isArray(cred)) {
    throw InvalidParameter('Credential must be the JSON object that PublicKeyCredential.toJSON() returns (not a string).');
  }
  requireEnabled(pool);
  const pending = user.webauthnPending;
  delete user.webauthnPending; // a registration challenge is answered once, whatever the outcome
  if (!pending || pending.expiresAt <= ctx.store.now()) {
    throw WebAuthnChallengeNotFound('The challenge from StartWebAuthnRegistration was not found or has expired.');
  }
  if (pending.clientId !== client.id) {
    throw WebAuthnClientMismatch('The access token is for a different app client than the one that called StartWebAuthnRegistration.');
  }
  const cfg = webauthnConfig(pool);
  let att;
  let parsed;
  try {
    if (cfg.rpId !== pending.rpId) throw new wa.WebAuthnProblem('rp', `the relying party changed from ${pending.rpId} to ${cfg.rpId} during the registration`);
    parsed = wa.parseCredentialJson(cred, ['clientDataJSON', 'attestationObject']);
    const { hash } = wa.checkClientData(parsed.clientDataJSON, {
      type: 'webauthn.create', challenge: pending.challenge, originAllowed: (o) => originAllowed(cfg, o),
    });
    att = wa.parseAttestation(parsed.attestationObject, hash, { rpId: pending.rpId, requireUv: cfg.userVerification === 'required' });
    if (!att.credentialId.equals(parsed.rawId)) throw new wa.WebAuthnProblem('malformed', 'the credential ID in authenticatorData is not rawId');
  } catch (e) {
    throw mapProblem(e, REGISTRATION_ERRORS);
  }
  if (credentialOwner(pool, parsed.id)) throw InvalidParameter('This passkey credential is already registered in the user pool.');
  const transports = Array.isArray(cred.response.transports) ? cred.response.transports.filter((t) => typeof t === 'string') : [];
  const attachment = ['platform', 'cross-platform'].includes(cred.authenticatorAttachment) ? cred.authenticatorAttachment : undefined;
  credentialsOf(user).push({
    id: parsed.id,
    jwk: att.jwk,
    alg: att.alg,
    signCount: att.signCount,
    rpId: pending.rpId,
    transports,
    attachment,
    // Cognito names credentials after the authenticator model (from its AAGUID);
    // the emulator knows no models.
    friendlyName: att.aaguid.equals(ZERO_AAGUID) ? 'Passkey' : `Passkey ${att.aaguid.toString('hex')}`,
    createdAt: ctx.store.now(),
  });
  return {};
}

function ListWebAuthnCredentials(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  const max = input.MaxResults ?? MAX_RESULTS;
  if (!Number.isInteger(max) || max < 0 || max > MAX_RESULTS) {
    throw InvalidParameter(`1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 0 and ${MAX_RESULTS}`);
  }
  const all = credentialsOf(user);
  let start = 0;
  const token = optStr(input, 'NextToken', 'nextToken');
  if (token !== undefined) {
    // The token names the last credential of the previous page.
    start = all.findIndex((c) => c.id === Buffer.from(token, 'base64url').toString('utf8')) + 1;
    if (start === 0) throw InvalidParameter('Invalid NextToken.');
  }
  const size = max || MAX_RESULTS; // 0 is in AWS's range; read as "the default"
  const page = all.slice(start, start + size);
  const out = {
    Credentials: page.map((c) => ({
      CredentialId: c.id,
      FriendlyCredentialName: c.friendlyName,
      RelyingPartyId: c.rpId,
      ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
      AuthenticatorTransports: c.transports,
      CreatedAt: c.createdAt / 1000,
    })),
  };
  if (start + size < all.length) out.NextToken = Buffer.from(page[page.length - 1].id).toString('base64url');
  return out;
}

function DeleteWebAuthnCredential(ctx, input) {
  const { user } = authenticateAccessToken(ctx, input.AccessToken);
  const id = reqStr(input, 'CredentialId', 'credentialId');
  const list = credentialsOf(user);
  const i = list.findIndex((c) => c.id === id);
  if (i < 0) throw ResourceNotFound('The passkey credential does not exist.');
  list.splice(i, 1);
  return {};
}

/** WEB_AUTHN challenge: CREDENTIAL_REQUEST_OPTIONS is a JSON string, shaped like Cognito's. */
export function webAuthnChallenge(ctx, st) {
  const { pool, user } = st;
  const cfg = webauthnConfig(pool);
  const challenge = newChallenge();
  const options = {
    hints: [],
    attestation: 'none',
    attestationFormats: [],
    challenge,
    timeout: TIMEOUT_MS,
    rpId: cfg.rpId,
    allowCredentials: usableCredentials(pool, user).map((c) => ({ id: c.id, type: 'public-key' })),
    userVerification: cfg.userVerification,
  };
  const session = openSession(ctx.store, { ...st, step: 'WEB_AUTHN', data: { deviceKey: st.deviceKey ?? null, custom: false, challenge, rpId: cfg.rpId } });
  return { ChallengeName: 'WEB_AUTHN', Session: session, ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options), USERNAME: user.username } };
}

/** WebAuthn 7.2: the assertion must come from this user's credential, for this challenge, origin and RP. */
function verifyAssertion(ctx, pool, user, rec, json, parsed) {
  const problem = (kind, message) => new wa.WebAuthnProblem(kind, message);
  const cred = credentialsOf(user).find((c) => c.id === parsed.id);
  if (!cred) throw problem('credential', "the credential is not one of this user's passkeys (unknown, deleted, or another user's)");
  if (cred.rpId !== rec.rpId) throw WebAuthnRelyingPartyMismatch('The passkey credential is associated with a different relying party ID than the user pool.');
  const cfg = webauthnConfig(pool);
  const { hash } = wa.checkClientData(parsed.clientDataJSON, { type: 'webauthn.get', challenge: rec.challenge, originAllowed: (o) => originAllowed(cfg, o) });
  const auth = wa.parseAuthData(parsed.authenticatorData, { rpId: cred.rpId, requireUv: cfg.userVerification === 'required', attested: false });
  if (!wa.signatureValid(cred.alg, cred.jwk, Buffer.concat([parsed.authenticatorData, hash]), parsed.signature)) {
    throw problem('signature', 'the assertion signature does not verify with the registered public key');
  }
  const handle = json.response.userHandle;
  if (handle !== undefined && handle !== null && handle !== '' && !wa.b64url(handle, 'credential.response.userHandle').equals(Buffer.from(user.sub))) {
    throw problem('credential', 'userHandle names another user');
  }
  // A counter that does not move forward means a cloned authenticator (7.2 step 21).
  if ((auth.signCount || cred.signCount) && auth.signCount <= cred.signCount) {
    throw problem('counter', `signCount ${auth.signCount} is not above the stored ${cred.signCount}`);
  }
  cred.signCount = auth.signCount;
  cred.lastUsedAt = ctx.store.now();
}

/**
 * WEB_AUTHN answer: USERNAME, CREDENTIAL (JSON string of the assertion's
 * toJSON()), DEVICE_KEY?. A challenge is answered once: any verification
 * failure spends the session (NotAuthorizedException), a passkey counts as
 * passwordless, so no MFA follows.
 */
export function respondWebAuthn(ctx, pool, client, input, cr) {
  const { rec, user, st, consume } = openChallenge(ctx, pool, client, input, cr, 'WEB_AUTHN');
  if (cr.CREDENTIAL === undefined) throw missing('challengeResponses.CREDENTIAL');
  let json;
  let parsed;
  try {
    json = JSON.parse(cr.CREDENTIAL);
    parsed = wa.parseCredentialJson(json, ['clientDataJSON', 'authenticatorData', 'signature']);
  } catch (e) {
    const err = InvalidParameter('CREDENTIAL must be the JSON string of PublicKeyCredential.toJSON() for an assertion.');
    err.detail = e.message;
    throw err;
  }
  consume();
  try {
    verifyAssertion(ctx, pool, user, rec, json, parsed);
  } catch (e) {
    if (!(e instanceof wa.WebAuthnProblem)) throw e;
    if (e.kind === 'malformed') throw mapProblem(e, REGISTRATION_ERRORS);
    throw rejectProof(e.message);
  }
  if (pool.devices && cr.DEVICE_KEY !== undefined && !usableDevice(pool, user, cr.DEVICE_KEY)) {
    throw InvalidParameter('Invalid device key given.');
  }
  return finishSignIn(ctx, { ...st, deviceKey: pool.devices ? cr.DEVICE_KEY : st.deviceKey, previousSession: input.Session });
}

export default { StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential };
