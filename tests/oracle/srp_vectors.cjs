#!/usr/bin/env node
// Known-answer oracle for src/srp: computes Cognito SRP values with the real
// amazon-cognito-identity-js code (its AuthenticationHelper, BigInteger and
// DateHelper) and prints them as JSON for tests/srp_kat.rs.
//
// Usage: node tests/oracle/srp_vectors.cjs [cases=200] [seed]
// Inputs come from a seeded PRNG; the seed is printed so a failure can be
// replayed with the same vectors.
'use strict';

const path = require('path');
const nodeCrypto = require('crypto');

// Resolve the SDK from the crate's node_modules whatever the cwd is.
const root = path.resolve(__dirname, '..', '..');
const req = (m) => require(require.resolve(m, { paths: [root] }));
const AuthenticationHelper = req('amazon-cognito-identity-js/lib/AuthenticationHelper').default;
const BigInteger = req('amazon-cognito-identity-js/lib/BigInteger').default;
const DateHelper = req('amazon-cognito-identity-js/lib/DateHelper').default;
// The SDK's own SHA-256/HMAC, used by CognitoUser.js for the signature.
const { Sha256 } = req('@aws-crypto/sha256-js');

const cases = Number.parseInt(process.argv[2] || '200', 10);
const seed = process.argv[3] !== undefined ? Number(process.argv[3]) >>> 0 : nodeCrypto.randomBytes(4).readUInt32LE(0);

// --- seeded PRNG (mulberry32) ---------------------------------------------
let state = seed;
function rand32() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
const randInt = (lo, hi) => lo + (rand32() % (hi - lo + 1)); // inclusive, small ranges
const chance = (p) => rand32() / 2 ** 32 < p;
const pick = (arr) => arr[randInt(0, arr.length - 1)];
function randBytes(n) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rand32() & 0xff;
  return b;
}
function randString(alphabet, min, max) {
  const chars = Array.from(alphabet); // code points, so astral chars stay whole
  let s = '';
  for (let i = randInt(min, max); i > 0; i--) s += pick(chars);
  return s;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TEXT = ALNUM + ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~éüßñ€中文日本語ключ😀🔑\u00a0';

// --- helpers --------------------------------------------------------------
const helper0 = new AuthenticationHelper('x');
const N = helper0.N;

function bigFromBytes(buf) {
  return new BigInteger(buf.length ? buf.toString('hex') : '0', 16);
}

// Hex as Cognito might send it: varied case, sometimes with leading zeros.
function wireHex(bi) {
  let h = bi.toString(16);
  if (chance(0.2)) h = '00'.repeat(randInt(1, 3)) + h;
  if (chance(0.2)) h = h.toUpperCase();
  return h;
}

// Runs fn with `new Date()` returning the instant ms, so DateHelper formats it.
function withNow(ms, fn) {
  const RealDate = global.Date;
  global.Date = class extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(ms);
      else super(...args);
    }
  };
  try {
    return fn();
  } finally {
    global.Date = RealDate;
  }
}
const nowString = (secs) => withNow(secs * 1000, () => new DateHelper().getNowString());

function randomEpochSecs() {
  switch (randInt(0, 3)) {
    case 0: // anywhere in JS Date's range (+-8.64e12 s)
      return Math.round((rand32() / 2 ** 32 * 2 - 1) * 8.64e12);
    case 1: // 1900..2100
      return randInt(0, 2 ** 31 - 1) * 3 - 2208988800;
    case 2: // around now, second precision
      return 1.7e9 + randInt(0, 2 ** 28);
    default: // exact midnights / last second of a day
      return (randInt(-800000, 800000)) * 86400 - randInt(0, 1);
  }
}

// --- (a) full SRP cases -----------------------------------------------------
function srpCase() {
  const poolName = randString(ALNUM, 1, 12);
  // Cognito's USER_ID_FOR_SRP is usually a UUID (the sub); also try free text.
  const userId = chance(0.5)
    ? randBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')
    : randString(TEXT, 0, 24);
  const password = randString(TEXT, 0, 40);

  const aBytes = randBytes(128);
  let B = bigFromBytes(randBytes(chance(0.1) ? randInt(1, 383) : 384)).mod(N);
  if (B.equals(BigInteger.ZERO)) B = BigInteger.ONE;
  if (chance(0.05)) B = B.add(N); // unreduced B: u hashes it as sent
  const saltBytes = randBytes(randInt(1, 64));
  if (chance(0.3)) saltBytes[0] |= 0x80; // padHex must add 00
  if (chance(0.1)) saltBytes[0] = 0; // leading zero byte is lost through BigInteger
  const secretBlock = randBytes(randInt(chance(0.1) ? 0 : 1, 1500)).toString('base64');
  const epochSecs = randomEpochSecs();
  const timestamp = nowString(epochSecs);

  const srpB = wireHex(B);
  const saltHex = saltBytes.toString('hex');

  const helper = new AuthenticationHelper(poolName);
  helper.smallAValue = new BigInteger(aBytes.toString('hex'), 16);
  helper.largeAValue = undefined;
  let A;
  helper.getLargeAValue((err, v) => { if (err) throw err; A = v; });

  // As CognitoUser.js parses the challenge parameters.
  const serverB = new BigInteger(srpB, 16);
  const salt = new BigInteger(saltHex, 16);
  let key;
  helper.getPasswordAuthenticationKey(userId, password, serverB, salt, (err, hkdf) => {
    if (err) throw err;
    key = Buffer.from(hkdf);
  });
  const u = helper.UValue;
  const x = new BigInteger(helper.hexHash(helper.padHex(salt) + helper.hash(`${poolName}${userId}:${password}`)), 16);
  let S;
  helper.calculateS(x, serverB, (err, s) => { if (err) throw err; S = s; });
  // Recompute the key from S and u with the SDK's own hkdf as a self-check.
  const key2 = Buffer.from(helper.computehkdf(Buffer.from(helper.padHex(S), 'hex'), Buffer.from(helper.padHex(u), 'hex')));
  if (!key.equals(key2)) throw new Error('oracle self-check failed: hkdf');

  // Signature exactly as CognitoUser.authenticateUserDefaultAuth builds it.
  const concat = Buffer.concat([
    Buffer.from(poolName, 'utf8'),
    Buffer.from(userId, 'utf8'),
    Buffer.from(secretBlock, 'base64'),
    Buffer.from(timestamp, 'utf8'),
  ]);
  const mac = new Sha256(key);
  mac.update(concat);
  const signature = Buffer.from(mac.digestSync()).toString('base64');
  const check = nodeCrypto.createHmac('sha256', key).update(concat).digest('base64');
  if (signature !== check) throw new Error('oracle self-check failed: hmac');

  return {
    pool_name: poolName,
    user_id: userId,
    password,
    a_hex: aBytes.toString('hex'),
    srp_b: srpB,
    salt: saltHex,
    secret_block: secretBlock,
    epoch_secs: epochSecs,
    timestamp,
    large_a: A.toString(16),
    u: u.toString(16),
    x: x.toString(16),
    s: S.toString(16),
    key: key.toString('hex'),
    signature,
  };
}

// --- error cases: what the SDK throws for degenerate B ----------------------
function errorCase(bHex) {
  const helper = new AuthenticationHelper('pool');
  try {
    helper.getPasswordAuthenticationKey('user', 'pw', new BigInteger(bHex, 16), new BigInteger('01', 16), () => {});
    return { srp_b: bHex, error: null };
  } catch (e) {
    return { srp_b: bHex, error: e.message };
  }
}

// --- (b) padHex -------------------------------------------------------------
function bigFromSigned(v) {
  // BigInteger's parser only takes power-of-two radixes; '-' marks negatives.
  return new BigInteger((v < 0 ? '-' : '') + Math.abs(v).toString(16), 16);
}
const padHex = [];
for (let v = -256; v <= 256; v++) padHex.push({ value: v.toString(16), pad: helper0.padHex(bigFromSigned(v)) });
// Larger values, including the -0x80..00 case the SDK special-cases.
for (let i = 0; i < 200; i++) {
  let h = randBytes(randInt(1, 40)).toString('hex').replace(/^0+/, '') || '0';
  if (chance(0.2)) h = '8' + '0'.repeat(randInt(1, 30));
  const neg = chance(0.5) && h !== '0';
  const bi = new BigInteger((neg ? '-' : '') + h, 16);
  padHex.push({ value: bi.toString(16), pad: helper0.padHex(bi) });
}

// --- (c) timestamps -----------------------------------------------------------
const timestamps = [];
for (let i = 0; i < 400; i++) {
  const secs = randomEpochSecs();
  timestamps.push({ epoch_secs: secs, timestamp: nowString(secs) });
}

const out = {
  seed,
  n: N.toString(16),
  k: helper0.k.toString(16),
  cases: Array.from({ length: cases }, srpCase),
  errors: ['0', '00', N.toString(16), N.multiply(new BigInteger('2', 16)).toString(16)].map(errorCase),
  pad_hex: padHex,
  timestamps,
};
process.stdout.write(JSON.stringify(out));
