// The same calls on the JS SDK's AuthenticationHelper, WordArray and UserAgent and on
// ours (src/facade/*.js), compared: values, callbacks, own properties, arities.
//
// Ours runs over the real core operations: its `coreNow` sends each call as one JSON line
// on stdout to tests/authentication_helper_facade.rs, which answers it with the crate's
// `srp_helper` dispatcher on stdin (a synchronous round trip, as the wasm's `now` is). Both
// draw their randomness through crypto.getRandomValues, which a check that must use given
// bytes replaces for both (`withRandom`). The last line is `{"done": {checks, failures}}`.
//
// Run by the Rust test, not by hand: `cargo test --test authentication_helper_facade`.
import { readFileSync, readSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeCrypto from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const sdk = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
const sdkUserAgent = require('amazon-cognito-identity-js/lib/UserAgent');
const sdkInternals = require('amazon-cognito-identity-js/lib/internals');

// --- the synchronous core, over the pipe ----------------------------------------
let input = Buffer.alloc(0);
function readLine() {
  const chunk = Buffer.alloc(65536);
  for (;;) {
    const end = input.indexOf(10);
    if (end >= 0) {
      const line = input.subarray(0, end).toString('utf8');
      input = input.subarray(end + 1);
      return line;
    }
    let n;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      if (e.code === 'EAGAIN') continue;
      throw e;
    }
    if (n === 0) throw new Error('the Rust side closed the pipe');
    input = Buffer.concat([input, chunk.subarray(0, n)]);
  }
}
const send = (message) => writeSync(1, `${JSON.stringify(message)}\n`);

const core = {
  now(op, inputData) {
    const message = { op, input: inputData };
    send(message);
    return JSON.parse(readLine());
  },
  okOrThrow(answer) {
    const { err } = answer.reply;
    if (err) throw Object.assign(new Error(err.message), { code: err.code, name: err.code });
    return answer.reply.ok;
  },
};
globalThis.__facadeCore = core;

// Our facade files are script fragments concatenated into the package entry (core.js
// gives them coreNow, okOrThrow and nowOk); here they are concatenated behind a stand-in.
const files = ['AuthenticationHelper.js', 'WordArray.js', 'UserAgent.js'];
const source = [
  'const { now: coreNow, okOrThrow } = (() => { const c = globalThis.__facadeCore; return { now: c.now.bind(c), okOrThrow: c.okOrThrow }; })();',
  'const nowOk = (op, input = {}) => okOrThrow(coreNow(op, input));',
  // scripts/build.mjs writes the core's user agent into the entry as a literal
  "const CORE_USER_AGENT = nowOk('userAgent');",
  ...files.map((f) => readFileSync(join(root, 'src', 'facade', f), 'utf8')),
  'export { AuthenticationHelper, WordArray, UserAgent, appendToCognitoUserAgent, addAuthCategoryToCognitoUserAgent, addFrameworkToCognitoUserAgent, getAmplifyUserAgent };',
].join('\n');
const ours = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// --- checks ------------------------------------------------------------------------
let checks = 0;
const failures = [];
const show = (v) => {
  try {
    return JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  } catch {
    return String(v);
  }
};
function same(what, o, t) {
  checks++;
  if (show(o) !== show(t)) failures.push(`${what}\n    ours:   ${show(o)}\n    js sdk: ${show(t)}`);
}
function ok(what, cond) {
  checks++;
  if (!cond) failures.push(what);
}
/** What a call does with its callback: the arguments' kinds, and whether before returning. */
function callbackOf(call) {
  const calls = [];
  let returned = false;
  call((...args) => calls.push({ sync: !returned, args: args.map((a) => (a === null ? null : typeof a)) }));
  returned = true;
  return calls;
}
function valueOf(call) {
  let value;
  call((err, v) => {
    if (err) throw err;
    value = v;
  });
  return value;
}
const thrown = (f) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return `${e.constructor.name}: ${e.message}`;
  }
};
const hexOf = (bytes) => Buffer.from(bytes).toString('hex');

/** Runs fn with crypto.getRandomValues giving `bytes` as big-endian words. */
function withRandom(bytes, fn) {
  const c = globalThis.crypto;
  let offset = 0;
  c.getRandomValues = (array) => {
    for (let i = 0; i < array.length; i++, offset += 4) array[i] = bytes.readUInt32BE(offset);
    return array;
  };
  try {
    return fn();
  } finally {
    delete c.getRandomValues;
  }
}

/** Each class's prototype methods and their arities. */
const methodsOf = (cls) =>
  Object.getOwnPropertyNames(cls.prototype)
    .filter((n) => n !== 'constructor')
    .sort()
    .map((n) => [n, typeof cls.prototype[n], cls.prototype[n].length]);

// --- AuthenticationHelper: shape -------------------------------------------------------
const SdkHelper = sdk.AuthenticationHelper;
const OurHelper = ours.AuthenticationHelper;
same('AuthenticationHelper: constructor arity', OurHelper.length, SdkHelper.length);
same('AuthenticationHelper: prototype methods and arities', methodsOf(OurHelper), methodsOf(SdkHelper));

const sdkHelper = new SdkHelper('pool');
const ourHelper = new OurHelper('pool');
same('new AuthenticationHelper: own keys', Object.keys(ourHelper), Object.keys(sdkHelper));
for (const c of ['N', 'g', 'k']) same(`helper.${c}.toString(16)`, ourHelper[c].toString(16), sdkHelper[c].toString(16));
same('helper.infoBits', hexOf(ourHelper.infoBits), hexOf(sdkHelper.infoBits));
same('helper.poolName', ourHelper.poolName, sdkHelper.poolName);
same(
  'getNewPasswordRequiredChallengeUserAttributePrefix()',
  ourHelper.getNewPasswordRequiredChallengeUserAttributePrefix(),
  sdkHelper.getNewPasswordRequiredChallengeUserAttributePrefix()
);
ok('largeAValue is g^a of smallAValue', valueOf((cb) => sdkHelper.calculateA(new BigInteger(ourHelper.getSmallAValue().toString(16), 16), cb)).toString(16) === ourHelper.largeAValue.toString(16));
ok('JSON.stringify(helper) works', typeof JSON.stringify(ourHelper) === 'string');
same('getSmallAValue() is smallAValue', ourHelper.getSmallAValue() === ourHelper.smallAValue, true);
same('new AuthenticationHelper() without a pool name', new OurHelper().poolName, new SdkHelper().poolName);

// --- AuthenticationHelper: the SRP values, with every kind of integer argument --------
const N = sdkHelper.N;
const bytes = (n) => nodeCrypto.randomBytes(n);
const big = (buf) => new BigInteger(buf.toString('hex'), 16);
// One of our own integers (what our helper hands out) with the value of `bi`.
const OurInteger = ourHelper.N.constructor;
const kinds = {
  'jsbn BigInteger': (bi) => bi,
  'hex string': (bi) => bi.toString(16),
  bigint: (bi) => BigInt(`0x${bi.toString(16)}`),
  'one of ours': (bi) => new OurInteger(bi.toString(16)),
};

for (const [kind, as] of Object.entries(kinds)) {
  const aBytes = bytes(128);
  const B = big(bytes(384)).mod(N);
  const salt = big(bytes(1 + (aBytes[0] % 32)));
  const username = `user-${kind} é😀`;
  const password = `pw ${kind} 中文`;
  const sdkH = new SdkHelper(`pool ${kind}`);
  const ourH = new OurHelper(`pool ${kind}`);
  sdkH.smallAValue = big(aBytes);
  ourH.smallAValue = as(big(aBytes));
  sdkH.largeAValue = undefined;
  ourH.largeAValue = undefined;
  same(`${kind}: getLargeAValue calls back`, callbackOf((cb) => ourH.getLargeAValue(cb)), callbackOf((cb) => sdkH.getLargeAValue(cb)));
  const sdkA = sdkH.largeAValue;
  const ourA = ourH.largeAValue;
  same(`${kind}: largeAValue`, ourA.toString(16), sdkA.toString(16));
  ok(`${kind}: A.equals(the SDK's A)`, ourA.equals(sdkA) && ourA.compareTo(sdkA) === 0 && !ourA.equals(sdkA.add(BigInteger.ONE)));
  same(`${kind}: calculateA`, valueOf((cb) => ourH.calculateA(as(big(aBytes)), cb)).toString(16), valueOf((cb) => sdkH.calculateA(big(aBytes), cb)).toString(16));
  same(`${kind}: calculateA calls back`, callbackOf((cb) => ourH.calculateA(as(big(aBytes)), cb)), callbackOf((cb) => sdkH.calculateA(big(aBytes), cb)));

  same(`${kind}: calculateU`, ourH.calculateU(as(sdkA), as(B)).toString(16), sdkH.calculateU(sdkA, B).toString(16));
  same(`${kind}: UHexHash after calculateU`, ourH.UHexHash, sdkH.UHexHash);

  const sdkCalls = callbackOf((cb) => sdkH.getPasswordAuthenticationKey(username, password, B, salt, cb));
  const ourCalls = callbackOf((cb) => ourH.getPasswordAuthenticationKey(username, password, as(B), as(salt), cb));
  same(`${kind}: getPasswordAuthenticationKey calls back`, ourCalls, sdkCalls);
  const sdkKey = valueOf((cb) => sdkH.getPasswordAuthenticationKey(username, password, B, salt, cb));
  const ourKey = valueOf((cb) => ourH.getPasswordAuthenticationKey(username, password, as(B), as(salt), cb));
  same(`${kind}: the key`, hexOf(ourKey), hexOf(sdkKey));
  same(`${kind}: the key's type`, [ourKey.constructor.name, ourKey.length], [sdkKey.constructor.name, sdkKey.length]);
  same(`${kind}: UValue`, ourH.UValue.toString(16), sdkH.UValue.toString(16));
  same(`${kind}: UHexHash`, ourH.UHexHash, sdkH.UHexHash);
  same(`${kind}: own keys after the key`, Object.keys(ourH), Object.keys(sdkH));

  const x = new BigInteger(sdkH.hexHash(sdkH.padHex(salt) + sdkH.hash(`${sdkH.poolName}${username}:${password}`)), 16);
  same(`${kind}: calculateS`, valueOf((cb) => ourH.calculateS(as(x), as(B), cb)).toString(16), valueOf((cb) => sdkH.calculateS(x, B, cb)).toString(16));
  same(`${kind}: calculateS calls back`, callbackOf((cb) => ourH.calculateS(as(x), as(B), cb)), callbackOf((cb) => sdkH.calculateS(x, B, cb)));
  same(`${kind}: padHex(B)`, ourH.padHex(as(B)), sdkH.padHex(B));
}

// Refused server values: thrown, before any callback.
for (const [what, B] of [['0', BigInteger.ZERO], ['N', N], ['2N', N.multiply(new BigInteger('2', 16))]]) {
  const sdkH = new SdkHelper('p');
  let sdkCalled = false;
  let ourCalled = false;
  const sdkErr = thrown(() => sdkH.getPasswordAuthenticationKey('u', 'p', B, BigInteger.ONE, () => (sdkCalled = true)));
  const ourErr = thrown(() => ourHelper.getPasswordAuthenticationKey('u', 'p', B, BigInteger.ONE, () => (ourCalled = true)));
  same(`getPasswordAuthenticationKey with B = ${what}: throws`, ourErr, sdkErr);
  same(`getPasswordAuthenticationKey with B = ${what}: no callback`, ourCalled, sdkCalled);
}

// --- hash, hexHash, computehkdf, padHex ---------------------------------------------------
const data = {
  'ASCII text': 'hello',
  'empty text': '',
  'Unicode text': 'é中文😀\u00a0',
  'lone surrogate': 'a\ud800b',
  Buffer: bytes(70),
  Uint8Array: new Uint8Array(bytes(33)),
  ArrayBuffer: new Uint8Array(bytes(20)).buffer,
  'Uint8Array view': new Uint8Array(bytes(40).buffer, 3, 17),
  'array of numbers': [1, 2, 255],
};
for (const [kind, buf] of Object.entries(data)) {
  same(`hash(${kind})`, ourHelper.hash(buf), sdkHelper.hash(buf));
}
for (const hexStr of ['', 'a', 'abc', 'é1', 'zz', '00Ff', 'ABCdef', 'ab zz cd', '1g23', `${bytes(9).toString('hex')}q`, bytes(100).toString('hex'), sdkHelper.padHex(N)]) {
  same(`hexHash(${hexStr.slice(0, 20)})`, ourHelper.hexHash(hexStr), sdkHelper.hexHash(hexStr));
}
for (const [ikm, salt] of [[bytes(385), bytes(33)], [bytes(1), bytes(100)], ['text ikm', 'text salt']]) {
  const o = ourHelper.computehkdf(ikm, salt);
  const t = sdkHelper.computehkdf(ikm, salt);
  same('computehkdf', hexOf(o), hexOf(t));
  same("computehkdf's type", [o.constructor.name, o.length], [t.constructor.name, t.length]);
}
for (let v = -300; v <= 300; v += 7) {
  const bi = new BigInteger((v < 0 ? '-' : '') + Math.abs(v).toString(16), 16);
  same(`padHex(${v})`, ourHelper.padHex(bi), sdkHelper.padHex(bi));
  same(`padHex(${v}) from a bigint`, ourHelper.padHex(BigInt(v)), sdkHelper.padHex(bi));
}
for (const h of ['80', '8000', 'ff', bytes(50).toString('hex')]) {
  for (const sign of ['', '-']) {
    const bi = new BigInteger(sign + h, 16);
    same(`padHex(${sign}${h.slice(0, 10)})`, ourHelper.padHex(bi), sdkHelper.padHex(bi));
  }
}

// --- generateHashDevice and the random strings ------------------------------------------
for (let i = 0; i < 3; i++) {
  const random = bytes(56);
  const sdkH = new SdkHelper('p');
  const ourH = new OurHelper('p');
  const sdkCalls = withRandom(random, () => callbackOf((cb) => sdkH.generateHashDevice(`group${i}`, `us-east-1_device${i}`, cb)));
  const ourCalls = withRandom(random, () => callbackOf((cb) => ourH.generateHashDevice(`group${i}`, `us-east-1_device${i}`, cb)));
  same('generateHashDevice calls back', ourCalls, sdkCalls);
  same('getRandomPassword()', ourH.getRandomPassword(), sdkH.getRandomPassword());
  same('getSaltDevices()', ourH.getSaltDevices(), sdkH.getSaltDevices());
  same('getVerifierDevices()', ourH.getVerifierDevices(), sdkH.getVerifierDevices());
  same('own keys after generateHashDevice', Object.keys(ourH), Object.keys(sdkH));
}
{
  const o = ourHelper.generateRandomString();
  const t = sdkHelper.generateRandomString();
  same('generateRandomString(): 40 bytes in base64', [o.length, Buffer.from(o, 'base64').length], [t.length, Buffer.from(t, 'base64').length]);
  ok('generateRandomString() is random', o !== ourHelper.generateRandomString());
  const a = ourHelper.generateRandomSmallA();
  // Ours draws 512 bits where the JS SDK draws 1024 (src/srp/client.rs, SMALL_A_BYTES).
  ok('generateRandomSmallA(): a hex integer of at most 512 bits', /^[0-9a-f]{1,128}$/.test(a.toString(16)));
}

// --- WordArray ---------------------------------------------------------------------------
const SdkWords = sdk.WordArray;
const OurWords = ours.WordArray;
same('WordArray: constructor arity', OurWords.length, SdkWords.length);
same('WordArray: prototype methods and arities', methodsOf(OurWords), methodsOf(SdkWords));
for (const args of [[], [[1, 2]], [[0x01020304, -1, 0xdeadbeef], 10], [[0x01020304], 0], [undefined, 3], [[7], '3'], [[0xabcdef01, 0x10], 7]]) {
  const o = new OurWords(...args);
  const t = new SdkWords(...args);
  same(`new WordArray(${show(args)})`, [Object.keys(o), o.words, o.sigBytes, o.toString(), JSON.stringify(o)], [Object.keys(t), t.words, t.sigBytes, t.toString(), JSON.stringify(t)]);
}
for (const n of [0, 1, 4, 5, 16, 40, 128]) {
  const random = bytes(4 * Math.ceil(n / 4));
  const t = withRandom(random, () => new SdkWords().random(n));
  const o = withRandom(random, () => new OurWords().random(n));
  same(`WordArray#random(${n})`, [o.words, o.sigBytes, o.toString(), o instanceof OurWords], [t.words, t.sigBytes, t.toString(), t instanceof SdkWords]);
}
ok('WordArray#random is random', new OurWords().random(16).toString() !== new OurWords().random(16).toString());

// --- UserAgent -----------------------------------------------------------------------------
const S = { UserAgent: sdkUserAgent.default, append: sdk.appendToCognitoUserAgent, auth: sdkInternals.addAuthCategoryToCognitoUserAgent, framework: sdkInternals.addFrameworkToCognitoUserAgent, header: sdkUserAgent.getAmplifyUserAgent };
const O = { UserAgent: ours.UserAgent, append: ours.appendToCognitoUserAgent, auth: ours.addAuthCategoryToCognitoUserAgent, framework: ours.addFrameworkToCognitoUserAgent, header: ours.getAmplifyUserAgent };
same('UserAgent: kind and arity', [typeof O.UserAgent, O.UserAgent.length, Object.keys(new O.UserAgent()), O.UserAgent()], [typeof S.UserAgent, S.UserAgent.length, Object.keys(new S.UserAgent()), S.UserAgent()]);
same('user agent functions: arities', [O.append.length, O.auth.length, O.framework.length], [S.append.length, S.auth.length, S.framework.length]);
const descriptor = (U) => {
  const d = Object.getOwnPropertyDescriptor(U.prototype, 'userAgent');
  return [typeof d.value, d.writable, d.enumerable, d.configurable];
};
same('UserAgent.prototype.userAgent: a plain property', descriptor(O.UserAgent), descriptor(S.UserAgent));
const sdkStart = new S.UserAgent().userAgent;
const ourStart = new O.UserAgent().userAgent;
ok(`our user agent starts with the SDK's: ${ourStart} / ${sdkStart}`, ourStart.startsWith(`${sdkStart} `));
same("ours is the SDK's and our name", ourStart.slice(sdkStart.length).trim().split(' ').pop().split('/')[0], 'cognito-identity-wasm');
/** After the same step on both, the header as it reads now, past the starting text. */
const tail = (side, start) => side.header().slice(start.length);
const steps = [
  ['append("")', (s) => s.append('')],
  ['append(undefined)', (s) => s.append(undefined)],
  ['append("app/1.2")', (s) => s.append('app/1.2')],
  ['append("app/1.2") again', (s) => s.append('app/1.2')],
  ['append("pp/1") (already inside)', (s) => s.append('pp/1')],
  ['addAuthCategoryToCognitoUserAgent()', (s) => s.auth()],
  ['addFrameworkToCognitoUserAgent("1")', (s) => s.framework('1')],
  ['append("other")', (s) => s.append('other')],
];
for (const [what, step] of steps) {
  step(S);
  step(O);
  same(`${what}: the header after it`, tail(O, ourStart), tail(S, sdkStart));
}
same('UserAgent.category / framework', [O.UserAgent.category, O.UserAgent.framework], [S.UserAgent.category, S.UserAgent.framework]);
for (const side of [S, O]) side.UserAgent.prototype.userAgent = '';
for (const side of [S, O]) side.append('only');
same('append to an empty user agent', [O.UserAgent.prototype.userAgent, O.header()], [S.UserAgent.prototype.userAgent, S.header()]);
for (const side of [S, O]) side.UserAgent.prototype.userAgent = 'assigned by the app';
same('an assigned user agent is what the header carries', O.header(), S.header());

send({ done: { checks, failures } });
