// RS256 JWT signing/verification with a per-process key pair, plus the JWKS
// document, so tokens can be verified exactly like Cognito's (by kid).
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

export class KeyRing {
  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.kid = b64url(Buffer.from(randomUUID()));
    const jwk = publicKey.export({ format: 'jwk' });
    this.jwk = { alg: 'RS256', e: jwk.e, kid: this.kid, kty: 'RSA', n: jwk.n, use: 'sig' };
  }

  jwks() {
    return { keys: [this.jwk] };
  }

  sign(payload) {
    const header = b64url(JSON.stringify({ kid: this.kid, alg: 'RS256' }));
    const body = b64url(JSON.stringify(payload));
    const sig = sign('sha256', Buffer.from(`${header}.${body}`), this.privateKey);
    return `${header}.${body}.${b64url(sig)}`;
  }

  /** Payload when the token is a well-formed RS256 JWT signed by this ring, else null. */
  verify(token) {
    return verifyJwt(token, this.jwk);
  }
}

/** Verify against a JWK (also used by tests against the served JWKS). */
export function verifyJwt(token, jwk) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return null;
  let header;
  let payload;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (header?.alg !== 'RS256' || header.kid !== jwk.kid || typeof payload !== 'object' || !payload) return null;
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
  return ok ? payload : null;
}
