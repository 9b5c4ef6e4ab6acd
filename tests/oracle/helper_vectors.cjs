#!/usr/bin/env node
// Known-answer oracle for src/srp/helper.rs: calls the JS SDK's own AuthenticationHelper
// methods (calculateA, calculateU, getPasswordAuthenticationKey, calculateS, computehkdf,
// hash, padHex, generateHashDevice; hexHash is the facade's own, checked by
// helper_facade.mjs) and prints inputs and answers as JSON for tests/srp_helper_kat.rs.
//
// Usage: node tests/oracle/helper_vectors.cjs [cases=12] [seed]
// Inputs are drawn from SHA-256 of (seed, counter); the seed is printed for replay.
// generateHashDevice draws its randomness through crypto.getRandomValues, which is
// replaced for that call by the same seeded stream, so the vectors carry it.
'use strict';

const nodeCrypto = require('crypto');
const { sdk, caseArgs } = require('./sdk.cjs');

const AuthenticationHelper = sdk('AuthenticationHelper');
const BigInteger = sdk('BigInteger');
const { cases, seed } = caseArgs(process.argv, 12);

// --- seeded bytes ---------------------------------------------------------------
let counter = 0;
function bytes(n) {
  const out = [];
  while (out.length < n) {
    out.push(...nodeCrypto.createHash('sha256').update(`${seed}:${counter++}`).digest());
  }
  return Buffer.from(out.slice(0, n));
}
const int = (max) => bytes(4).readUInt32BE(0) % max;
const pick = (arr) => arr[int(arr.length)];
const TEXT = 'abcXYZ019 !"#$%&\'()*+,-./:;<=>?@[\\]_`{|}~éüß€中文日本語😀🔑\u00a0\ud800';
const text = (max) => Array.from({ length: int(max + 1) }, () => pick(Array.from(TEXT))).join('');
const big = (buf) => new BigInteger(buf.length ? buf.toString('hex') : '0', 16);

/** Runs fn with crypto.getRandomValues filling from `stream` (big-endian words). */
function withRandom(stream, fn) {
  const c = globalThis.crypto;
  let offset = 0;
  c.getRandomValues = (array) => {
    for (let i = 0; i < array.length; i++) {
      array[i] = stream.readUInt32BE(offset);
      offset += 4;
    }
    return array;
  };
  try {
    return fn();
  } finally {
    delete c.getRandomValues; // back to the prototype's
  }
}

// A helper without the constructor's random `a` (the cases set their own).
const helper0 = new AuthenticationHelper('x');
const N = helper0.N;
function helperFor(poolName, aBytes) {
  const h = Object.create(AuthenticationHelper.prototype);
  Object.assign(h, { N, g: helper0.g, k: helper0.k, infoBits: helper0.infoBits, poolName });
  h.smallAValue = big(aBytes);
  return h;
}
const sync = (f) => {
  let out;
  f((err, v) => {
    if (err) throw err;
    out = v;
  });
  return out;
};

// --- SRP: A, u, the key, x, S -----------------------------------------------------
const keyCases = [];
for (let i = 0; i < cases; i++) {
  // The SDK's 128-byte a, ours 64, and shorter ones with a leading zero byte.
  const aBytes = bytes(pick([128, 64, 33]));
  if (i % 4 === 3) aBytes[0] = 0;
  const poolName = text(10);
  const username = text(20);
  const password = text(30);
  let B = big(bytes(384)).mod(N);
  if (B.equals(BigInteger.ZERO)) B = BigInteger.ONE;
  const saltBytes = bytes(1 + int(40));
  if (i % 3 === 0) saltBytes[0] |= 0x80;
  const salt = big(saltBytes);

  const h = helperFor(poolName, aBytes);
  const A = sync((cb) => h.calculateA(h.smallAValue, cb));
  h.largeAValue = A;
  const u = h.calculateU(A, B);
  const uHexHash = h.UHexHash;
  const key = Buffer.from(sync((cb) => h.getPasswordAuthenticationKey(username, password, B, salt, cb)));
  const x = new BigInteger(h.hexHash(h.padHex(salt) + h.hash(`${poolName}${username}:${password}`)), 16);
  const S = sync((cb) => h.calculateS(x, B, cb));
  keyCases.push({
    pool_name: poolName,
    username,
    password,
    a: h.smallAValue.toString(16),
    large_a: A.toString(16),
    b: B.toString(16),
    salt: salt.toString(16),
    u: u.toString(16),
    u_hex_hash: uHexHash,
    key_u: h.UValue.toString(16),
    key: key.toString('hex'),
    x: x.toString(16),
    s: S.toString(16),
  });
}

// --- HKDF, hashes, padHex ------------------------------------------------------------
const hkdf = [];
for (let i = 0; i < 20; i++) {
  const ikm = bytes(int(400));
  const salt = bytes(int(80));
  hkdf.push({ ikm: ikm.toString('hex'), salt: salt.toString('hex'), key: Buffer.from(helper0.computehkdf(ikm, salt)).toString('hex') });
}
const hashes = [];
for (let i = 0; i < 20; i++) {
  const b = bytes(int(200));
  hashes.push({ bytes: b.toString('hex'), hash: helper0.hash(b) });
  const t = text(40);
  hashes.push({ bytes: Buffer.from(t, 'utf8').toString('hex'), hash: helper0.hash(t) });
}
const padHex = [];
for (let i = 0; i < 60; i++) {
  let h = bytes(1 + int(40)).toString('hex').replace(/^0+/, '') || '0';
  if (i % 7 === 0) h = `8${'0'.repeat(int(30))}`;
  const bi = new BigInteger((i % 2 && h !== '0' ? '-' : '') + h, 16);
  padHex.push({ value: bi.toString(16), pad: helper0.padHex(bi) });
}

// --- generateHashDevice, with its randomness -------------------------------------
const devices = [];
for (let i = 0; i < 6; i++) {
  const random = bytes(56); // 40 for the password, then 16 for the salt
  const groupKey = text(12);
  const username = `us-east-1_${bytes(16).toString('hex')}`;
  const h = helperFor(groupKey, bytes(1));
  withRandom(random, () => sync((cb) => h.generateHashDevice(groupKey, username, cb)));
  devices.push({
    group_key: groupKey,
    username,
    random: random.toString('hex'),
    random_password: h.getRandomPassword(),
    salt: h.getSaltDevices(),
    verifier: h.getVerifierDevices(),
  });
}

process.stdout.write(
  JSON.stringify({
    seed,
    n: N.toString(16),
    g: helper0.g.toString(16),
    k: helper0.k.toString(16),
    info_bits: helper0.infoBits.toString('hex'),
    prefix: helper0.getNewPasswordRequiredChallengeUserAttributePrefix(),
    key_cases: keyCases,
    hkdf,
    hashes,
    pad_hex: padHex,
    devices,
  })
);
