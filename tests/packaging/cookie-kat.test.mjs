// CookieStorage against the SDK's own, in Node: amazon-cognito-identity-js's
// lib/CookieStorage.js (with the js-cookie it requires) and pkg/index.cjs's, each run on
// the same calls with a mock `document` (its cookie setter records the string assigned,
// its getter returns the header under test) and `Date.now` fixed. Both must assign the
// same strings, read the same values, clear in the same order, construct the same fields
// and throw the same errors (class and message). tests/e2e/cookie-storage.test.mjs does
// the same in Chromium with a real cookie jar. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRING_PAIRS } from '../support/cookie-pairs.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const sdkDir = dirname(require.resolve('amazon-cognito-identity-js/package.json', { paths: [ROOT] }));
const LIBS = {
  sdk: require(join(sdkDir, 'lib', 'CookieStorage.js')).default,
  ours: existsSync(join(ROOT, 'pkg', 'index.cjs')) ? require(join(ROOT, 'pkg', 'index.cjs')).CookieStorage : null,
};

const NOW = 1725350645123; // Tue, 03 Sep 2024 08:04:05.123 GMT

// --- the mock document ------------------------------------------------------
let header = '';
let assigned = [];
const mockDocument = {
  get cookie() {
    return header;
  },
  set cookie(s) {
    assigned.push(s);
  },
};

/** What `fn` does with `document.cookie` reading `h`: the strings assigned, and its value
 * or error (class and message). */
function recorded(fn, h = '') {
  header = h;
  assigned = [];
  let out;
  try {
    const v = fn();
    out = v === undefined ? '<undefined>' : typeof v === 'object' && v !== null ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
  } catch (e) {
    out = `threw ${e?.constructor?.name}: ${e?.message}`;
  }
  return { out, assigned };
}

// --- inputs -------------------------------------------------------------------
// `expires: { date: ms }` = `new Date(ms)` (null ms: an invalid Date).
const OPTION_SETS = [
  {},
  { domain: 'example.com', path: '/app', expires: 7, secure: false, sameSite: 'strict' },
  { secure: true, sameSite: 'none', expires: 0.5 },
  { expires: null, secure: false, sameSite: 'lax' },
  { path: '/a;b', domain: 'x.com;evil', expires: 1 / 3 },
  { expires: -2.75, secure: false },
  { expires: 1e10 },
  { expires: 0 },
  { expires: { date: Date.UTC(2030, 0, 2, 3, 4, 5) }, secure: false },
  { expires: { date: null }, secure: false },
  { expires: NaN, secure: 'yes' },
  { expires: Infinity, secure: 1 },
  { expires: '7', secure: false },
  { path: 5, secure: false },
  { domain: {}, secure: false },
  { domain: ['a;b'], secure: 0 },
];

const PAIRS = [
  ...STRING_PAIRS,
  [42, 43],
  [undefined, 'u'],
  [null, 'n'],
  ['', 'empty-name'],
  ['lone\ud800', 'v'],
  ['k', 'lone\udc00'],
  [Symbol('s'), 'v'],
  ['k', Symbol('v')],
  ['k', { toString: () => 'object value' }],
];

// (document.cookie, names to look up with getItem)
const HEADERS = [
  ['a=1; b=2; a=3', ['a', 'b', 'c']],
  ['q="hello%20world"; q2="abc; q3="; q4=""; q5="x"y"', ['q', 'q2', 'q3', 'q4', 'q5']],
  ['bad%zz=1; bad%E2=2; ok=3; %=4', ['bad%zz', 'ok', '%']],
  ['v=%E2%82; v=second; w=%E2%82%AC%C3%A9; x=%e2%82%ac', ['v', 'w', 'x']],
  ['novalue; jwt=a.b.c==; x==y', ['novalue', 'jwt', 'x']],
  ['p=%%41%; q=%4; r=100%25; s=%2541', ['p', 'q', 'r', 's']],
  ['a%20b=1; %28x%29=2; uni%20%C3%A9=%F0%9F%98%80', ['a b', '(x)', 'uni é']],
  ['', ['a']],
  ['10=a; 2=b; z=c; 1=d; 01=e; 4294967295=f; 4294967294=g; 0=h', ['10', '01']],
  ['sp = a;  b=c; =d; e=', ['sp ', 'sp', ' b', 'e', '']],
  ['over=%C0%80; sur=%ED%A0%80; big=%F4%90%80%80; ok=%F4%8F%BF%BF', ['over', 'sur', 'big', 'ok']],
  ['toString=1; __proto__=2; constructor=3; x=4', ['toString', '__proto__', 'constructor', 'x']],
];

// Constructor arguments: the fields it sets and the errors it throws.
const CONSTRUCTED = [
  undefined,
  {},
  { sameSite: 'lax' },
  { sameSite: 'Lax' },
  { sameSite: '' },
  { sameSite: 'STRICT' },
  { sameSite: 'null' },
  { sameSite: null },
  { sameSite: undefined },
  { sameSite: 'none', secure: false },
  { sameSite: 'None', secure: false },
  { sameSite: 'none', secure: 0 },
  { sameSite: 'none' },
  { sameSite: 'none', secure: true },
  { domain: '', path: '' },
  { domain: 'x.example', path: '/p', expires: 3, secure: 'yes' },
];

/** The JSON option description as the object CookieStorage is given. */
function options(data) {
  if (data === undefined) return undefined;
  const out = { ...data };
  if (out.expires !== null && typeof out.expires === 'object') out.expires = new Date(out.expires.date ?? NaN);
  return out;
}

/** Everything `CookieStorage` does with these inputs, as comparable text. */
function behaviour(CookieStorage) {
  const log = [];
  const show = (v) => (typeof v === 'symbol' ? v.toString() : JSON.stringify(v) ?? String(v));
  OPTION_SETS.forEach((data, i) => {
    const storage = new CookieStorage(options(data));
    for (const [name, value] of PAIRS) {
      const what = `option set ${i}, ${show(name)} = ${show(value)}`;
      log.push([`setItem: ${what}`, recorded(() => storage.setItem(name, value))]);
      log.push([`removeItem: ${what}`, recorded(() => storage.removeItem(name))]);
    }
  });
  const plain = new CookieStorage({ secure: false });
  for (const [h, names] of HEADERS) {
    for (const name of names) log.push([`getItem(${show(name)}) in ${show(h)}`, recorded(() => plain.getItem(name), h)]);
    log.push([`clear() of ${show(h)}`, recorded(() => plain.clear(), h)]);
  }
  for (const data of CONSTRUCTED) {
    log.push([
      `new CookieStorage(${show(data)})`,
      recorded(() => {
        const s = new CookieStorage(options(data));
        return ['domain', 'path', 'expires', 'secure', 'sameSite'].map((f) => `${f}=${show(s[f])}`).join(' ');
      }),
    ]);
  }
  return log;
}

test('CookieStorage does what the SDK\'s does, string for string', () => {
  assert.ok(LIBS.ours, 'pkg/index.cjs is missing: run `npm run build` first');
  const saved = { document: globalThis.document, now: Date.now };
  globalThis.document = mockDocument;
  Date.now = () => NOW;
  let sdk;
  let ours;
  try {
    sdk = behaviour(LIBS.sdk);
    ours = behaviour(LIBS.ours);
  } finally {
    globalThis.document = saved.document;
    Date.now = saved.now;
  }
  assert.equal(ours.length, sdk.length);
  for (let i = 0; i < sdk.length; i++) assert.deepEqual(ours[i], sdk[i], sdk[i][0]);
  // Sanity: the cases wrote and read something, and some threw.
  const outs = sdk.map(([, r]) => r.out);
  assert.ok(sdk.filter(([, r]) => r.assigned.length === 1).length > 400);
  assert.ok(outs.includes('string:hello world') && outs.some((o) => o.startsWith('threw TypeError: attributes')));
});

test('without a document: writes do nothing, reads find nothing, clear throws as the SDK\'s', () => {
  assert.ok(LIBS.ours, 'pkg/index.cjs is missing: run `npm run build` first');
  const run = (CookieStorage) => {
    const s = new CookieStorage();
    return [s.setItem('k', 'v'), s.getItem('k'), s.removeItem('k'), recorded(() => s.clear()).out];
  };
  assert.equal(globalThis.document, undefined);
  assert.deepEqual(run(LIBS.ours), run(LIBS.sdk));
  assert.deepEqual(run(LIBS.ours), [undefined, null, undefined, 'threw TypeError: Cannot convert undefined or null to object']);
});
