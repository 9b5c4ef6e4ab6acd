// RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30 s steps) and RFC 4648 base32, the
// scheme authenticator apps use with AssociateSoftwareToken's SecretCode.
import { createHmac, randomBytes } from 'node:crypto';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const STEP_SECONDS = 30;

/** Base32 without padding, like Cognito's SecretCode. */
export function base32Encode(buf) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** Decode base32 (case-insensitive, '=' padding ignored); null if malformed. */
export function base32Decode(text) {
  const clean = String(text).toUpperCase().replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const i = B32.indexOf(ch);
    if (i < 0) return null;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** 32 random bytes -> 52 base32 characters, the length Cognito hands out. */
export const newSecret = () => base32Encode(randomBytes(32));

/** HOTP (RFC 4226) value for counter `counter`, as 6 digits. */
export function hotp(key, counter) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const off = mac[mac.length - 1] & 15;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

export function totp(secretB32, nowMs, stepOffset = 0) {
  const key = base32Decode(secretB32);
  return hotp(key, Math.floor(nowMs / 1000 / STEP_SECONDS) + stepOffset);
}

/** Accept the current step and one either side (clock drift), as Cognito does. */
export function totpMatches(secretB32, code, nowMs) {
  if (typeof code !== 'string' || !/^[0-9]{6}$/.test(code)) return false;
  return [-1, 0, 1].some((d) => totp(secretB32, nowMs, d) === code);
}
