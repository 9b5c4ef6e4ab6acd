#!/usr/bin/env node
// Known-answer oracle for src/srp: computes Cognito SRP values with the real
// amazon-cognito-identity-js code (its AuthenticationHelper, BigInteger and
// DateHelper) and prints them as JSON for tests/srp_kat.rs.
//
// Usage: node tests/oracle/srp_vectors.cjs [cases=200] [seed]
// Inputs come from a seeded PRNG; the seed is printed so a failure can be
// replayed with the same vectors.
'use strict';

const nodeCrypto = require('crypto');
const { req, sdk, caseArgs } = require('./sdk.cjs');

const AuthenticationHelper = sdk('AuthenticationHelper');
const BigInteger = sdk('BigInteger');
const DateHelper = sdk('DateHelper');
// The SDK's own SHA-256/HMAC, used by CognitoUser.js for the signature.
const { Sha256 } = req('@aws-crypto/sha256-js');

const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const os = require('os');

const { cases, seed } = isMainThread ? caseArgs(process.argv, 200) : workerData;

// --- seeded PRNG (mulberry32) ---------------------------------------------
// Each SRP case gets its own generator derived from (seed, index), so the
// vectors are the same however the cases are split across worker threads.
function makeRng(seed32) {
  let state = seed32 >>> 0;
  const rand32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const randInt = (lo, hi) => lo + (rand32() % (hi - lo + 1)); // inclusive
  const r = {
    rand32,
    randInt,
    chance: (p) => rand32() / 2 ** 32 < p,
    pick: (arr) => arr[randInt(0, arr.length - 1)],
    randBytes(n) {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = rand32() & 0xff;
      return b;
    },
    randString(alphabet, min, max) {
      const chars = Array.from(alphabet); // code points, so astral chars stay whole
      let out = '';
      for (let i = randInt(min, max); i > 0; i--) out += r.pick(chars);
      return out;
    },
  };
  return r;
}
const caseSeed = (i) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TEXT = ALNUM + ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~éüßñ€中文日本語ключ😀🔑\u00a0';

// --- helpers --------------------------------------------------------------
const helper0 = new AuthenticationHelper('x');
const N = helper0.N;

// A helper for a given pool without the constructor's random `a` and its
// modPow (JSBN needs ~90 ms per 3072-bit modPow; the oracle sets `a` itself).
function bareHelper(poolName) {
  const h = Object.create(AuthenticationHelper.prototype);
  Object.assign(h, { N: helper0.N, g: helper0.g, k: helper0.k, infoBits: helper0.infoBits, poolName });
  return h;
}

function bigFromBytes(buf) {
  return new BigInteger(buf.length ? buf.toString('hex') : '0', 16);
}

// Hex as Cognito might send it: varied case, sometimes with leading zeros.
function wireHex(rng, bi) {
  let h = bi.toString(16);
  if (rng.chance(0.2)) h = '00'.repeat(rng.randInt(1, 3)) + h;
  if (rng.chance(0.2)) h = h.toUpperCase();
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

// What the browser build signs: the TIMESTAMP the JS side of ours writes for an instant
// (`time` of the host object in src/facade/core.js, which the wasm asks), made from
// core.js's source as the wasm tests make it (src/js/host.rs, install_for_tests).
const ourHost = new Function(
  'wasm',
  `${require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'src', 'facade', 'core.js'), 'utf8')}\nreturn host;`,
)({});

function randomEpochSecs(rng) {
  switch (rng.randInt(0, 3)) {
    case 0: // anywhere in JS Date's range (+-8.64e12 s)
      return Math.round((rng.rand32() / 2 ** 32 * 2 - 1) * 8.64e12);
    case 1: // 1900..2100
      return rng.randInt(0, 2 ** 31 - 1) * 3 - 2208988800;
    case 2: // around now
      return 1.7e9 + rng.randInt(0, 2 ** 28);
    default: // exact midnights / last second of a day
      return rng.randInt(-800000, 800000) * 86400 - rng.randInt(0, 1);
  }
}

// --- (a) full SRP cases -----------------------------------------------------
function srpCase(index) {
  const rng = makeRng(caseSeed(index));
  const poolName = rng.randString(ALNUM, 1, 12);
  // Cognito's USER_ID_FOR_SRP is usually a UUID (the sub); also try free text.
  const userId = rng.chance(0.5)
    ? rng.randBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')
    : rng.randString(TEXT, 0, 24);
  const password = rng.randString(TEXT, 0, 40);

  const aBytes = rng.randBytes(128);
  let B = bigFromBytes(rng.randBytes(rng.chance(0.1) ? rng.randInt(1, 383) : 384)).mod(N);
  if (B.equals(BigInteger.ZERO)) B = BigInteger.ONE;
  if (rng.chance(0.05)) B = B.add(N); // unreduced B: u hashes it as sent
  const saltBytes = rng.randBytes(rng.randInt(1, 64));
  if (rng.chance(0.3)) saltBytes[0] |= 0x80; // padHex must add 00
  if (rng.chance(0.1)) saltBytes[0] = 0; // leading zero byte is lost through BigInteger
  const secretBlock = rng.randBytes(rng.randInt(rng.chance(0.1) ? 0 : 1, 1500)).toString('base64');
  const epochSecs = randomEpochSecs(rng);
  const timestamp = nowString(epochSecs);

  const srpB = wireHex(rng, B);
  const saltHex = saltBytes.toString('hex');

  const helper = bareHelper(poolName);
  helper.smallAValue = new BigInteger(aBytes.toString('hex'), 16);
  let A;
  helper.getLargeAValue((err, v) => { if (err) throw err; A = v; });

  // Capture x and S as the SDK's own getPasswordAuthenticationKey passes them.
  let x;
  let S;
  helper.calculateS = function (xValue, bValue, cb) {
    return AuthenticationHelper.prototype.calculateS.call(this, xValue, bValue, (err, s) => {
      x = xValue;
      S = s;
      cb(err, s);
    });
  };

  // As CognitoUser.js parses the challenge parameters.
  const serverB = new BigInteger(srpB, 16);
  const salt = new BigInteger(saltHex, 16);
  let key;
  helper.getPasswordAuthenticationKey(userId, password, serverB, salt, (err, hkdf) => {
    if (err) throw err;
    key = Buffer.from(hkdf);
  });
  const u = helper.UValue;

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
  // Self-check of the oracle's HMAC against Node's.
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

if (!isMainThread) {
  // Worker: compute its share of case indices and hand them back.
  parentPort.postMessage(workerData.indices.map(srpCase));
} else {
  main().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
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

// The SRP cases dominate the run time, so spread them over worker threads.
function runCases() {
  const workers = Math.max(1, Math.min(os.availableParallelism ? os.availableParallelism() : os.cpus().length, 8, cases));
  const shares = Array.from({ length: workers }, () => []);
  for (let i = 0; i < cases; i++) shares[i % workers].push(i);
  return Promise.all(
    shares.map(
      (indices) =>
        new Promise((resolve, reject) => {
          const w = new Worker(__filename, { workerData: { seed, cases, indices } });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
        })
    )
  ).then((parts) => {
    const out = [];
    for (let i = 0; i < cases; i++) out.push(parts[i % workers][Math.floor(i / workers)]);
    return out;
  });
}

async function main() {
  const srpCases = cases > 0 ? await runCases() : [];
  const rng = makeRng(seed);

  // --- (b) padHex -----------------------------------------------------------
  const bigFromSigned = (v) =>
    // BigInteger's parser only takes power-of-two radixes; '-' marks negatives.
    new BigInteger((v < 0 ? '-' : '') + Math.abs(v).toString(16), 16);
  const padHex = [];
  for (let v = -256; v <= 256; v++) padHex.push({ value: v.toString(16), pad: helper0.padHex(bigFromSigned(v)) });
  // Larger values, including the -0x80..00 case the SDK special-cases.
  for (let i = 0; i < 200; i++) {
    let h = rng.randBytes(rng.randInt(1, 40)).toString('hex').replace(/^0+/, '') || '0';
    if (rng.chance(0.2)) h = '8' + '0'.repeat(rng.randInt(1, 30));
    const neg = rng.chance(0.5) && h !== '0';
    const bi = new BigInteger((neg ? '-' : '') + h, 16);
    padHex.push({ value: bi.toString(16), pad: helper0.padHex(bi) });
  }

  // --- (c) timestamps -------------------------------------------------------
  const timestamps = [];
  // The edges: the epoch and the second before, years 0, -1 and 10000, JS Date's limits.
  const edges = [0, -1, -62167219200, -62198755200, 253402300800, 8.64e12, -8.64e12];
  for (let i = 0; i < 400 + edges.length; i++) {
    const secs = i < edges.length ? edges[i] : randomEpochSecs(rng);
    timestamps.push({ epoch_secs: secs, timestamp: nowString(secs), browser: ourHost.time(secs) });
  }

  // --- (d) remembered-device verifiers (generateHashDevice's own steps) -------
  const devices = [];
  for (let i = 0; i < 20; i++) {
    const groupKey = rng.randBytes(rng.randInt(4, 20)).toString('hex');
    const deviceKey = `us-east-1_${rng.randBytes(16).toString('hex')}`;
    const passwordBytes = rng.randBytes(40);
    const saltBytes = rng.randBytes(16);
    const h = bareHelper(groupKey);
    const password = passwordBytes.toString('base64'); // generateRandomString
    const hashed = h.hash(`${groupKey}${deviceKey}:${password}`);
    const saltPadded = h.padHex(new BigInteger(saltBytes.toString('hex'), 16));
    let verifier;
    h.g.modPow(new BigInteger(h.hexHash(saltPadded + hashed), 16), h.N, (err, v) => {
      if (err) throw err;
      verifier = h.padHex(v);
    });
    devices.push({
      group_key: groupKey,
      device_key: deviceKey,
      password_hex: passwordBytes.toString('hex'),
      salt_hex: saltBytes.toString('hex'),
      password,
      salt_b64: Buffer.from(saltPadded, 'hex').toString('base64'),
      verifier_b64: Buffer.from(verifier, 'hex').toString('base64'),
    });
  }

  const out = {
    seed,
    devices,
    n: N.toString(16),
    k: helper0.k.toString(16),
    cases: srpCases,
    errors: ['0', '00', N.toString(16), N.multiply(new BigInteger('2', 16)).toString(16)].map(errorCase),
    pad_hex: padHex,
    timestamps,
  };
  process.stdout.write(JSON.stringify(out));
}
