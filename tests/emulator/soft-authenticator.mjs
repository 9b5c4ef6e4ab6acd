// A software WebAuthn authenticator plus browser, for the tests: it answers
// CredentialCreationOptions / PublicKeyCredentialRequestOptions (JSON form)
// with what PublicKeyCredential.toJSON() gives, signing with a real key pair
// from node:crypto. Written from the WebAuthn spec and RFC 8949/9053,
// independently of the emulator's verifier (it shares no code with it), and
// every field can be tampered with to exercise the refusals.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const sha256 = (b) => createHash('sha256').update(b).digest();
const b64u = (b) => Buffer.from(b).toString('base64url');

/** Minimal canonical-enough CBOR encoder: unsigned/negative ints, bytes, text, arrays, Maps. */
export function cbor(value) {
  const head = (major, n) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'boolean') return Buffer.from([value ? 0xf5 : 0xf4]);
  if (typeof value === 'string') {
    const t = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, t.length), t]);
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
  throw new Error(`cbor: cannot encode ${typeof value}`);
}

const FLAG = { UP: 0x01, UV: 0x04, AT: 0x40, ED: 0x80 };

export class SoftAuthenticator {
  /** alg: 'ES256' (P-256) or 'RS256'. */
  constructor({ alg = 'ES256', aaguid = Buffer.alloc(16) } = {}) {
    this.alg = alg;
    this.aaguid = aaguid;
    this.credentials = new Map(); // id (base64url) -> {privateKey, rpId, userHandle, signCount}
  }

  coseKey(publicKey) {
    const jwk = publicKey.export({ format: 'jwk' });
    if (this.alg === 'ES256') {
      return cbor(new Map([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x, 'base64url')], [-3, Buffer.from(jwk.y, 'base64url')]]));
    }
    return cbor(new Map([[1, 3], [3, -257], [-1, Buffer.from(jwk.n, 'base64url')], [-2, Buffer.from(jwk.e, 'base64url')]]));
  }

  /**
   * navigator.credentials.create(): options is CredentialCreationOptions in
   * JSON form. `t` tampers: challenge, origin, type, rpId, flags, fmt, attStmt,
   * rawId (reuse a credential ID). fmt "packed" without attStmt is a valid
   * self attestation (signed with the credential key).
   */
  create(options, origin, t = {}) {
    const { privateKey, publicKey } = this.alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rawId = t.rawId ?? randomBytes(32);
    const rpId = t.rpId ?? options.rp.id;
    const clientDataJSON = Buffer.from(JSON.stringify({
      type: t.type ?? 'webauthn.create', challenge: t.challenge ?? options.challenge, origin: t.origin ?? origin, crossOrigin: false,
    }));
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(rawId.length);
    const authData = Buffer.concat([
      sha256(Buffer.from(rpId)),
      Buffer.from([t.flags ?? (FLAG.UP | FLAG.UV | FLAG.AT)]),
      Buffer.alloc(4), // signCount 0: this authenticator keeps no counter until used
      this.aaguid, idLength, rawId, this.coseKey(publicKey),
    ]);
    const alg = this.alg === 'ES256' ? -7 : -257;
    const signed = Buffer.concat([authData, sha256(clientDataJSON)]);
    const selfSig = () => (this.alg === 'ES256' ? sign('sha256', signed, { key: privateKey, dsaEncoding: 'der' }) : sign('sha256', signed, privateKey));
    const attStmt = t.attStmt ?? (t.fmt === 'packed' ? new Map([['alg', alg], ['sig', selfSig()]]) : new Map());
    const attestationObject = cbor(new Map([['fmt', t.fmt ?? 'none'], ['attStmt', attStmt], ['authData', authData]]));
    const id = b64u(rawId);
    this.credentials.set(id, { privateKey, rpId, userHandle: options.user.id, signCount: 0 });
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientDataJSON),
        attestationObject: b64u(attestationObject),
        authenticatorData: b64u(authData),
        transports: ['internal'],
        publicKeyAlgorithm: this.alg === 'ES256' ? -7 : -257,
        publicKey: b64u(publicKey.export({ format: 'der', type: 'spki' })),
      },
    };
  }

  /**
   * navigator.credentials.get(): options is PublicKeyCredentialRequestOptions
   * in JSON form. `t` tampers: credentialId, challenge, origin, type, rpId,
   * flags, signCount, userHandle, badSignature, signWith (another authenticator's id).
   */
  get(options, origin, t = {}) {
    const id = t.credentialId ?? options.allowCredentials.map((c) => c.id).find((c) => this.credentials.has(c));
    const cred = this.credentials.get(t.signWith ?? id);
    if (!cred) throw new Error('soft authenticator: no credential for these options');
    cred.signCount = t.signCount ?? cred.signCount + 1;
    const clientDataJSON = Buffer.from(JSON.stringify({
      type: t.type ?? 'webauthn.get', challenge: t.challenge ?? options.challenge, origin: t.origin ?? origin, crossOrigin: false,
    }));
    const count = Buffer.alloc(4);
    count.writeUInt32BE(cred.signCount);
    const authenticatorData = Buffer.concat([sha256(Buffer.from(t.rpId ?? options.rpId)), Buffer.from([t.flags ?? (FLAG.UP | FLAG.UV)]), count]);
    const data = Buffer.concat([authenticatorData, sha256(clientDataJSON)]);
    let signature = this.alg === 'ES256'
      ? sign('sha256', data, { key: cred.privateKey, dsaEncoding: 'der' })
      : sign('sha256', data, cred.privateKey);
    if (t.badSignature) signature = sign('sha256', Buffer.from('something else'), this.alg === 'ES256' ? { key: cred.privateKey, dsaEncoding: 'der' } : cred.privateKey);
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authenticatorData),
        signature: b64u(signature),
        userHandle: t.userHandle ?? cred.userHandle,
      },
    };
  }
}
