// Relying-party checks of WebAuthn Level 2/3 (sections 7.1 registration and
// 7.2 assertion), with node:crypto only: clientDataJSON, authenticator data,
// COSE keys (ES256 on P-256, RS256), attestation "none" and "packed", and
// assertion signatures. Failures throw WebAuthnProblem with a `kind` that
// the operations map to Cognito errors:
//   malformed   - not the JSON form of a PublicKeyCredential at all
//   unsupported - well-formed, but an attestation format or key the pool can't use
//   challenge / origin / rp / flags / signature / counter - a check that failed
import { X509Certificate, createHash, createPublicKey, verify } from 'node:crypto';
import { CborError, decode, decodeFirst } from './cbor.mjs';

export class WebAuthnProblem extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

const fail = (kind, message) => {
  throw new WebAuthnProblem(kind, message);
};
export const sha256 = (buf) => createHash('sha256').update(buf).digest();
export const ALGORITHMS = { ES256: -7, RS256: -257 };

/** Unpadded base64url only, as toJSON() produces; anything else is a client bug. */
export function b64url(value, what) {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*$/.test(value) || value.length % 4 === 1) {
    fail('malformed', `${what} must be unpadded base64url`);
  }
  return Buffer.from(value, 'base64url');
}

/**
 * The common members of PublicKeyCredential.toJSON(): type "public-key",
 * rawId (base64url) equal to id, and a response object.
 */
export function parseCredentialJson(cred, responseMembers) {
  if (!cred || typeof cred !== 'object' || Array.isArray(cred)) fail('malformed', 'the credential must be a JSON object');
  if (cred.type !== 'public-key') fail('malformed', 'credential.type must be "public-key"');
  const rawId = b64url(cred.rawId, 'credential.rawId');
  if (!rawId.length) fail('malformed', 'credential.rawId is empty');
  if (cred.id !== cred.rawId) fail('malformed', 'credential.id must equal credential.rawId (both base64url of the credential ID)');
  const r = cred.response;
  if (!r || typeof r !== 'object' || Array.isArray(r)) fail('malformed', 'credential.response must be an object');
  const out = { id: cred.rawId, rawId };
  for (const m of responseMembers) out[m] = b64url(r[m], `credential.response.${m}`);
  return out;
}

/** clientDataJSON checks shared by registration and assertion. */
export function checkClientData(raw, { type, challenge, originAllowed }) {
  let cd;
  try {
    cd = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    fail('malformed', 'clientDataJSON is not UTF-8 JSON');
  }
  if (!cd || typeof cd !== 'object') fail('malformed', 'clientDataJSON is not a JSON object');
  if (cd.type !== type) fail('malformed', `clientDataJSON.type is ${JSON.stringify(cd.type)}, expected "${type}"`);
  if (cd.challenge !== challenge) fail('challenge', 'clientDataJSON.challenge is not the challenge this ceremony issued');
  if (!originAllowed(cd.origin)) fail('origin', `origin ${JSON.stringify(cd.origin)} is not allowed for this relying party`);
  if (cd.crossOrigin === true) fail('origin', 'cross-origin (iframe) ceremonies are not allowed');
  return { clientData: cd, hash: sha256(raw) };
}

/**
 * Authenticator data: rpIdHash(32) flags(1) signCount(4) [attested credential
 * data: aaguid(16) idLength(2) id COSE key] [extensions]. Checks rpIdHash and
 * the UP / UV flags.
 */
export function parseAuthData(buf, { rpId, requireUv, attested }) {
  if (buf.length < 37) fail('malformed', 'authenticatorData is shorter than 37 bytes');
  if (!buf.subarray(0, 32).equals(sha256(Buffer.from(rpId)))) fail('rp', `authenticatorData.rpIdHash is not SHA-256("${rpId}")`);
  const flags = buf[32];
  const f = { up: Boolean(flags & 0x01), uv: Boolean(flags & 0x04), at: Boolean(flags & 0x40), ed: Boolean(flags & 0x80) };
  if (!f.up) fail('flags', 'the user-present (UP) flag is not set');
  if (requireUv && !f.uv) fail('flags', 'the pool requires user verification and the UV flag is not set');
  const out = { flags: f, signCount: buf.readUInt32BE(33) };
  let pos = 37;
  if (attested) {
    if (!f.at) fail('malformed', 'the attested-credential-data (AT) flag is not set');
    if (buf.length < pos + 18) fail('malformed', 'attested credential data is truncated');
    out.aaguid = buf.subarray(pos, pos + 16);
    const idLength = buf.readUInt16BE(pos + 16);
    pos += 18;
    if (buf.length < pos + idLength) fail('malformed', 'credential ID is truncated');
    out.credentialId = buf.subarray(pos, pos + idLength);
    pos += idLength;
    try {
      const { value, end } = decodeFirst(buf, pos);
      out.coseKey = value;
      pos = end;
    } catch (e) {
      fail('unsupported', `credential public key is not valid CBOR: ${e.message}`);
    }
  }
  if (f.ed) {
    try {
      pos = decodeFirst(buf, pos).end;
    } catch (e) {
      fail('malformed', `extensions are not valid CBOR: ${e.message}`);
    }
  }
  if (pos !== buf.length) fail('malformed', `${buf.length - pos} unexpected bytes at the end of authenticatorData`);
  return out;
}

/** COSE_Key -> {alg, jwk}: EC2 P-256 with ES256, or RSA with RS256. */
export function coseToJwk(cose) {
  if (!(cose instanceof Map)) fail('unsupported', 'the credential public key is not a COSE map');
  const alg = cose.get(3);
  const bytes = (label) => {
    const v = cose.get(label);
    if (!Buffer.isBuffer(v)) fail('unsupported', `COSE key parameter ${label} is missing`);
    return v;
  };
  if (cose.get(1) === 2 && alg === ALGORITHMS.ES256) {
    if (cose.get(-1) !== 1) fail('unsupported', 'only the P-256 curve is supported for ES256');
    const [x, y] = [bytes(-2), bytes(-3)];
    if (x.length !== 32 || y.length !== 32) fail('unsupported', 'P-256 coordinates must be 32 bytes');
    return { alg, jwk: { kty: 'EC', crv: 'P-256', x: x.toString('base64url'), y: y.toString('base64url') } };
  }
  if (cose.get(1) === 3 && alg === ALGORITHMS.RS256) {
    return { alg, jwk: { kty: 'RSA', n: bytes(-1).toString('base64url'), e: bytes(-2).toString('base64url') } };
  }
  return fail('unsupported', `COSE key type ${cose.get(1)} with alg ${alg} is not one of ES256 (-7) or RS256 (-257)`);
}

function keyFromJwk(jwk) {
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return fail('unsupported', 'the credential public key is not a valid key (for EC: not a point on P-256)');
  }
}

/** ES256 signatures are DER (as authenticators produce them); RS256 is PKCS#1 v1.5. */
export function signatureValid(alg, key, data, sig) {
  const k = typeof key === 'object' && key.kty ? keyFromJwk(key) : key;
  try {
    return alg === ALGORITHMS.ES256
      ? verify('sha256', data, { key: k, dsaEncoding: 'der' }, sig)
      : verify('sha256', data, k, sig);
  } catch {
    return false;
  }
}

/**
 * attestationObject {fmt, attStmt, authData}. "none" must have an empty
 * statement; "packed" is checked (self attestation with the credential key,
 * or x5c with the leaf certificate's key; the chain is not trusted or
 * distrusted, as for an RP that accepts any authenticator).
 */
export function parseAttestation(attestationObject, clientDataHash, options) {
  let att;
  try {
    att = decode(attestationObject);
  } catch (e) {
    fail(e instanceof CborError ? 'unsupported' : 'malformed', `attestationObject is not valid CBOR: ${e.message}`);
  }
  if (!(att instanceof Map) || typeof att.get('fmt') !== 'string' || !Buffer.isBuffer(att.get('authData')) || !(att.get('attStmt') instanceof Map)) {
    fail('malformed', 'attestationObject must be a map with fmt, attStmt and authData');
  }
  const authData = parseAuthData(att.get('authData'), { ...options, attested: true });
  const { alg, jwk } = coseToJwk(authData.coseKey);
  const fmt = att.get('fmt');
  const stmt = att.get('attStmt');
  if (fmt === 'none') {
    if (stmt.size) fail('unsupported', 'attestation "none" must have an empty attStmt');
  } else if (fmt === 'packed') {
    const sig = stmt.get('sig');
    if (stmt.get('alg') !== alg && !stmt.get('x5c')) fail('unsupported', 'packed self attestation must use the credential algorithm');
    const x5c = stmt.get('x5c');
    let key = jwk;
    if (x5c !== undefined) {
      if (!Array.isArray(x5c) || !Buffer.isBuffer(x5c[0])) fail('unsupported', 'packed x5c must be a list of DER certificates');
      try {
        key = new X509Certificate(x5c[0]).publicKey;
      } catch {
        fail('unsupported', 'packed x5c[0] is not a certificate');
      }
    }
    if (!Buffer.isBuffer(sig) || !signatureValid(stmt.get('alg'), key, Buffer.concat([att.get('authData'), clientDataHash]), sig)) {
      fail('signature', 'the packed attestation signature does not verify');
    }
  } else {
    fail('unsupported', `attestation format "${fmt}" is not supported (use attestation "none")`);
  }
  return { ...authData, alg, jwk, fmt };
}
