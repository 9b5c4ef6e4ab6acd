// RFC 6238 TOTP as an authenticator app computes it, for the tests' client side. Written
// independently of the emulator's own tests/emulator/totp.mjs (the server side), and
// checked against the RFC's test vectors in tests/emulator/mfa.test.mjs.
import { createHmac } from 'node:crypto';

/** The code for a base32 `secretBase32` at `timeMs` (HMAC-SHA-1, 30 s steps). */
export function rfc6238(secretBase32, timeMs = Date.now(), digits = 6) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[19] & 0xf;
  const n = (h.readUInt32BE(o) & 0x7fffffff) % 10 ** digits;
  return String(n).padStart(digits, '0');
}
