#!/usr/bin/env node
// Known-answer oracle for src/storage/cookie.rs: runs amazon-cognito-identity-js's own
// CookieStorage (lib/) and js-cookie (the copy it requires) in Node with a mock
// `document` (its cookie setter records the string assigned, its getter returns the
// header under test) and `Date.now` fixed at NOW, and prints what they do as JSON for
// tests/cookie_kat.rs.
//
// Usage: node tests/oracle/cookie_vectors.cjs          JSON, for tests/cookie_kat.rs
//        node tests/oracle/cookie_vectors.cjs --rust   the SET_CASES, GET_CASES and
//            DATE_CASES constants of cookie.rs's unit tests, to paste over them
//
// The inputs are fixed (no randomness): the same option sets, pairs, headers and dates
// as cookie.rs's unit tests. To change a vector, change its input here and regenerate.
'use strict';

const path = require('path');

// Resolve the SDK from the crate's node_modules whatever the cwd is, and js-cookie from
// the SDK's own directory (the copy its `require('js-cookie')` gets, hoisted or not).
const root = path.resolve(__dirname, '..', '..');
const sdkDir = path.dirname(require.resolve('amazon-cognito-identity-js/package.json', { paths: [root] }));
const CookieStorage = require(path.join(sdkDir, 'lib', 'CookieStorage.js')).default;
const Cookies = require(require.resolve('js-cookie', { paths: [sdkDir] }));
const cookieVersion = require(require.resolve('js-cookie/package.json', { paths: [sdkDir] })).version;
const sdkVersion = require(path.join(sdkDir, 'package.json')).version;

const NOW = 1725350645123; // Tue, 03 Sep 2024 08:04:05.123 GMT

// --- the mock document ------------------------------------------------------
let header = '';
let assigned = [];
global.document = {
  get cookie() {
    return header;
  },
  set cookie(s) {
    assigned.push(s);
  },
};
Date.now = () => NOW;

/** The strings `fn` assigns to document.cookie (reads see an empty header). */
function recorded(fn) {
  header = '';
  assigned = [];
  fn();
  return assigned;
}

// --- inputs -------------------------------------------------------------------
// CookieStorage options in JSON, except `expires: { date: ms }` = `new Date(ms)` (null
// for an invalid Date).
const OPTION_SETS = [
  {},
  { domain: 'example.com', path: '/app', expires: 7, secure: false, sameSite: 'strict' },
  { secure: true, sameSite: 'none', expires: 0.5 },
  { expires: null, secure: false, sameSite: 'lax' },
  { path: '/a;b', domain: 'x.com;evil', expires: 1 / 3 },
  { expires: -2.75, secure: false },
  { expires: 1e10 },
  { expires: 0 },
];

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const PAIRS = [
  ['CognitoIdentityServiceProvider.abc123.LastAuthUser', 'alice'],
  [
    'CognitoIdentityServiceProvider.abc123.alice.idToken',
    'eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8',
  ],
  ['a b', 'c d'],
  ['semi;colon', 'x;y'],
  ['eq=name', 'a=b==c'],
  ['pct%name', '100% %41 %zz'],
  ['uni é 日本 😀', 'välue ✓ 😀'],
  ['(paren)', '(v)'],
  ['quote"d', '"quoted"'],
  ["apos'", "it's"],
  ['json', JSON.stringify({ a: 1, b: [true, null], 'c d': 'e"f', g: 'h;i,j' })],
  ['#$&+^`|', '#$&+/:<=>?@[]^`{|}'],
  ['!*~-_.', '!*~-_.'],
  ['comma,back\\slash', 'comma,back\\slash'],
  ['ctl\t\n', 'tab\there\r\n'],
  ['empty', ''],
  ['user@example.com', 'user@example.com'],
  ['123', '456'],
  [ASCII, ASCII],
];

// (document.cookie, names to look up with Cookies.get(name))
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
];

// Epoch ms for new Date(ms).toUTCString().
const DATES = [
  0, -1, 1.5, -1.5, NOW, 951782400000, 4107542399999, -62198755200000, 253402300800000, 8.64e15, -8.64e15,
  8.64e15 + 1, -2208988800001,
];

// Constructor arguments: the options it accepts and the errors it throws.
const CONSTRUCTED = [
  {},
  { sameSite: 'lax' },
  { sameSite: 'Lax' },
  { sameSite: '' },
  { sameSite: 'STRICT' },
  { sameSite: 'null' },
  { sameSite: 'none', secure: false },
  { sameSite: 'None', secure: false },
  { sameSite: 'none' },
  { sameSite: 'none', secure: true },
  { domain: '', path: '' },
];

// A Date as `expires`: setItem and removeItem of one pair.
const DATE_EXPIRES = [
  { expires: { date: Date.UTC(2030, 0, 2, 3, 4, 5) }, secure: false },
  { expires: { date: null }, secure: false },
];

// --- running them ---------------------------------------------------------------
/** The JSON option description as the object CookieStorage is given. */
function options(json) {
  const data = { ...json };
  if (data.expires !== null && typeof data.expires === 'object') data.expires = new Date(data.expires.date ?? NaN);
  return data;
}

function setAndRemove(data, name, value) {
  const storage = new CookieStorage(options(data));
  const [set, ...more] = recorded(() => storage.setItem(name, value));
  const [remove, ...more2] = recorded(() => storage.removeItem(name));
  if (more.length || more2.length || set === undefined || remove === undefined) {
    throw new Error(`expected one assignment each for ${JSON.stringify(name)}`);
  }
  return { set, remove };
}

function vectors() {
  const setCases = [];
  OPTION_SETS.forEach((data, i) => {
    for (const [name, value] of PAIRS) setCases.push({ option_set: i, name, value, ...setAndRemove(data, name, value) });
  });

  const getCases = HEADERS.map(([h, names]) => {
    header = h;
    return {
      header: h,
      // Object.entries order is Object.keys order: what CookieStorage.clear() removes.
      jar: Object.entries(Cookies.get()),
      lookups: names.map((n) => [n, Cookies.get(n) ?? null]),
    };
  });

  const constructed = CONSTRUCTED.map((data) => {
    try {
      const s = new CookieStorage(options(data));
      const fields = { domain: s.domain ?? null, path: s.path, expires: s.expires, secure: s.secure, sameSite: s.sameSite };
      return { data, ok: fields, error: null };
    } catch (e) {
      return { data, ok: null, error: e.message };
    }
  });

  return {
    sdk: sdkVersion,
    js_cookie: cookieVersion,
    now: NOW,
    option_sets: OPTION_SETS,
    set_cases: setCases,
    get_cases: getCases,
    dates: DATES.map((ms) => ({ ms, utc: new Date(ms).toUTCString() })),
    constructed,
    date_expires: DATE_EXPIRES.map((data) => ({ data, ...setAndRemove(data, 'k', 'v') })),
  };
}

// --- Rust source (--rust) -------------------------------------------------------
/** A Rust string literal: printable characters as they are (`"` and `\` escaped), the
 * others (controls, format characters, noncharacters: Unicode's category C) as \u{..}. */
function rustStr(s) {
  let out = '"';
  for (const c of s) {
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (/\p{C}/u.test(c)) out += `\\u{${c.codePointAt(0).toString(16)}}`;
    else out += c;
  }
  return out + '"';
}
const rustF64 = (x) => (Number.isInteger(x) ? `${x}.0` : String(x));
const rustOpt = (s) => (s === null ? 'None' : `Some(${rustStr(s)})`);

// rustfmt's layout for GET_CASES (max_width 120, use_small_heuristics "Max"): an item on
// one line when it fits, else one element per line, recursively. Width in code points;
// rustfmt counts display columns, which agree here (no wide character on a line that
// would otherwise just fit).
const MAX = 120;
const width = (s) => Array.from(s).length;
function list(indent, open, items, close, trailer) {
  const flat = `${' '.repeat(indent)}${open}${items.map((i) => i.flat).join(', ')}${close}${trailer}`;
  if (width(flat) <= MAX) return flat;
  const inner = items.map((i) => i.lines(indent + 4, ',')).join('\n');
  return `${' '.repeat(indent)}${open}\n${inner}\n${' '.repeat(indent)}${close}${trailer}`;
}
const atom = (text) => ({ flat: text, lines: (indent, trailer) => `${' '.repeat(indent)}${text}${trailer}` });
const group = (open, items, close) => ({
  flat: `${open}${items.map((i) => i.flat).join(', ')}${close}`,
  lines: (indent, trailer) => list(indent, open, items, close, trailer),
});
const pair = (a, b) => atom(`(${a}, ${b})`);

function rust(v) {
  const out = [];
  out.push('    /// (option set, key, value, string setItem assigns, string removeItem assigns)');
  out.push('    const SET_CASES: &[(usize, &str, &str, &str, &str)] = &[');
  for (const c of v.set_cases) {
    out.push(`        (${c.option_set}, ${rustStr(c.name)}, ${rustStr(c.value)},`);
    out.push(`         ${rustStr(c.set)},`);
    out.push(`         ${rustStr(c.remove)}),`);
  }
  out.push('    ];');
  out.push('');
  out.push('    /// (document.cookie, Object.keys/entries of Cookies.get(), Cookies.get(name) for some names)');
  out.push('    #[allow(clippy::type_complexity)]');
  out.push("    const GET_CASES: &[(&str, &[(&str, &str)], &[(&str, Option<&str>)])] = &[");
  for (const c of v.get_cases) {
    const jar = group('&[', c.jar.map(([n, x]) => pair(rustStr(n), rustStr(x))), ']');
    const lookups = group('&[', c.lookups.map(([n, x]) => pair(rustStr(n), rustOpt(x))), ']');
    out.push(group('(', [atom(rustStr(c.header)), jar, lookups], ')').lines(8, ','));
  }
  out.push('    ];');
  out.push('');
  out.push('    /// (epoch ms, new Date(ms).toUTCString())');
  out.push('    const DATE_CASES: &[(f64, &str)] = &[');
  for (const d of v.dates) out.push(`        (${rustF64(d.ms)}, ${rustStr(d.utc)}),`);
  out.push('    ];');
  return out.join('\n') + '\n';
}

const v = vectors();
process.stdout.write(process.argv.includes('--rust') ? rust(v) : JSON.stringify(v));
