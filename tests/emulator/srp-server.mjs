// Server half of Cognito's SRP-6a variant, written independently of the
// client SDK (plain BigInt + node:crypto) so that client and emulator check
// each other instead of sharing one implementation's bugs.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

// RFC 3526 3072-bit MODP group, generator 2 — the group Cognito uses.
export const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74' +
    '020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437' +
    '4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05' +
    '98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB' +
    '9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718' +
    '3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33' +
    'A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864' +
    'D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2' +
    '08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

/** Hex of the minimal two's-complement big-endian encoding (Java BigInteger.toByteArray). */
export function padHex(n) {
  if (typeof n !== 'bigint' || n < 0n) throw new Error('padHex: expects a non-negative BigInt');
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  // A set top bit would read as negative in two's complement: Java adds a 0x00 byte.
  if (/^[89a-f]/.test(hex)) hex = '00' + hex;
  return hex;
}

const sha256 = (buf) => createHash('sha256').update(buf).digest();
const hexToBuf = (hex) => Buffer.from(hex, 'hex');
const bufToBig = (buf) => (buf.length ? BigInt('0x' + buf.toString('hex')) : 0n);

export function modPow(base, exp, mod) {
  let result = 1n;
  base %= mod;
  if (base < 0n) base += mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    exp >>= 1n;
    base = (base * base) % mod;
  }
  return result;
}

export const k = bufToBig(sha256(hexToBuf(padHex(N) + padHex(g))));

/** x = H(pad(salt) | H(poolName | userId | ":" | password)) */
function privateKey(poolName, userId, password, salt) {
  const inner = sha256(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  return bufToBig(sha256(Buffer.concat([hexToBuf(padHex(salt)), inner])));
}

/**
 * Verifier material for a new password. The salt is kept as a number because
 * the client re-parses SALT as a BigInteger and re-pads it: a salt with a
 * leading zero byte must hash the same on both sides.
 */
export function makeVerifier(poolName, userId, password, saltHex = randomBytes(16).toString('hex')) {
  const salt = BigInt('0x' + saltHex);
  const v = modPow(g, privateKey(poolName, userId, password, salt), N);
  return { saltHex, salt, v };
}

/** Plain-password check (USER_PASSWORD_AUTH) without ever storing the password. */
export function checkPassword(record, poolName, userId, password) {
  return modPow(g, privateKey(poolName, userId, password, record.salt), N) === record.v;
}

/** Parse the client's SRP_A; null when it is not a usable public value. */
export function parseA(srpA) {
  if (typeof srpA !== 'string' || !/^[0-9a-fA-F]{1,2048}$/.test(srpA)) return null;
  const A = BigInt('0x' + srpA);
  // A ≡ 0 (mod N) would force S = 0 regardless of the password; a correct
  // client always sends g^a mod N, which lies in [1, N).
  if (A % N === 0n || A >= N) return null;
  return A;
}

/** Server ephemeral: B = (k·v + g^b) mod N, never ≡ 0. */
export function serverEphemeral(v) {
  for (;;) {
    const b = bufToBig(randomBytes(64));
    const B = (k * v + modPow(g, b, N)) % N;
    if (b !== 0n && B !== 0n) return { b, B };
  }
}

/** 16-byte session key from the server's view of the exchange; null if u = 0. */
export function sessionKey({ A, B, b, v }) {
  const u = bufToBig(sha256(hexToBuf(padHex(A) + padHex(B))));
  if (u === 0n) return null;
  const S = modPow((A * modPow(v, u, N)) % N, b, N);
  return Buffer.from(
    hkdfSync('sha256', hexToBuf(padHex(S)), hexToBuf(padHex(u)), Buffer.from('Caldera Derived Key', 'utf8'), 16),
  );
}

/** base64 HMAC-SHA256(key, poolName | userId | secretBlockBytes | timestamp) */
export function expectedSignature(key, poolName, userId, secretBlockB64, timestamp) {
  const msg = Buffer.concat([
    Buffer.from(poolName, 'utf8'),
    Buffer.from(userId, 'utf8'),
    Buffer.from(secretBlockB64, 'base64'),
    Buffer.from(timestamp, 'utf8'),
  ]);
  return createHmac('sha256', key).update(msg).digest();
}

/** Constant-time compare of a claimed base64 signature against the expected bytes. */
export function signatureMatches(expected, claimedB64) {
  if (typeof claimedB64 !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(claimedB64)) return false;
  const claimed = Buffer.from(claimedB64, 'base64');
  return claimed.length === expected.length && timingSafeEqual(claimed, expected);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP_RE = new RegExp(
  `^(${WEEKDAYS.join('|')}) (${MONTHS.join('|')}) ([1-9]|[12][0-9]|3[01]) ` +
    '([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$',
);

/**
 * Parse Cognito's TIMESTAMP ("Tue Sep 3 08:04:05 UTC 2024": English names,
 * unpadded day, zero-padded time, UTC). Returns epoch ms or null. The weekday
 * must agree with the date so a hand-rolled formatter with an off-by-one is caught.
 */
export function parseTimestamp(ts) {
  if (typeof ts !== 'string') return null;
  const m = TIMESTAMP_RE.exec(ts);
  if (!m) return null;
  const [, wd, mon, day, hh, mm, ss, year] = m;
  const ms = Date.UTC(Number(year), MONTHS.indexOf(mon), Number(day), Number(hh), Number(mm), Number(ss));
  const d = new Date(ms);
  if (d.getUTCDate() !== Number(day) || WEEKDAYS[d.getUTCDay()] !== wd) return null; // e.g. Feb 30, wrong weekday
  return ms;
}

/** Format a time the way a correct client must (used by tests and docs, not by verification). */
export function formatTimestamp(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
