// CookieStorage in headless Chromium, ours against amazon-cognito-identity-js's own (the
// oracle, its dist bundle). Both define the global AmazonCognitoIdentity, so each page load
// holds one of them: tests/pages/cookie-storage.html?lib=ours|oracle. Every page gets a
// fresh browser context (its own cookie jar) unless a test reloads on purpose.
//
//   (a) the same calls write the same strings to document.cookie (recorded by wrapping the
//       cookie setter, with Date.now fixed), read the same values, and leave the same jar;
//   (b) the constructor's defaults, fields and errors are the SDK's;
//   (c) a real session against ministack lives in cookies: sign-up, confirmation (code
//       123456), sign-in, reload, getCurrentUser().getSession(), signOut; cookies written by
//       either library are read by the other.
//
// Needs `npm run build` (pkg/) and, for (c), ministack (started here through
// scripts/ministack.sh when it is not running).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { uniqueName } from '../support/admin.mjs';
import { PASSWORD } from '../support/e2e.mjs';
import { useBackend, useBrowserPages } from '../support/e2e-hooks.mjs';
import { STRING_PAIRS } from '../support/cookie-pairs.mjs';

const LIBS = ['ours', 'oracle'];

const { server, newContext } = useBrowserPages();

/** Runs before any page script: records every string assigned to document.cookie and
 *  optionally fixes Date.now (both libraries read the clock through it). */
function instrumentPage(fixedNow) {
  const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  window.__cookieWrites = [];
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: real.enumerable,
    get() {
      return real.get.call(this);
    },
    set(v) {
      window.__cookieWrites.push(String(v));
      real.set.call(this, v);
    },
  });
  if (fixedNow) Date.now = () => fixedNow;
}

/** A fresh context and page with `lib` loaded. */
async function openLib(lib, { fixedNow = 0 } = {}) {
  const page = await openPage(await newContext());
  await page.addInitScript(instrumentPage, fixedNow);
  await gotoLib(page, lib);
  return page;
}

/** Loads (or reloads, keeping the cookie jar) the test page with `lib`. */
async function gotoLib(page, lib) {
  await page.goto(`${server.url}/pages/cookie-storage.html?lib=${lib}`);
  try {
    await page.waitForFunction(() => window.__ready === true, null, { timeout: 10_000 });
  } catch (e) {
    throw new Error(`${lib} page never became ready: ${e.message}\n${page.consoleLines.join('\n')}`);
  }
  assert.equal(await page.evaluate(() => window.__lib), lib);
}

// ---------------------------------------------------------------------------------------
// (a) the cookie strings

const PAIRS = STRING_PAIRS;
// Cookies other code might have set, to exercise reading: duplicates (the more specific
// path is listed first), quotes, undecodable names and values.
const SEED = [
  'dup=outer; path=/',
  'dup=inner; path=/pages',
  'q="hello%20world"',
  'bad=%E2%82',
  'bad%zz=1',
  'raw=%C3%A9%20x%2',
  'later=%E2%82; path=/pages',
  'later=ok; path=/',
];
const READS = ['dup', 'q', 'bad', 'bad%zz', 'raw', 'later', 'missing', ''];

const OPTION_SETS = {
  'page host, not secure': { domain: '$host', secure: false },
  'defaults (secure)': {},
  'path /pages, 7 days, strict': { path: '/pages', expires: 7, sameSite: 'strict', secure: false },
  'session cookies, lax': { expires: null, sameSite: 'lax', secure: false },
  // Within Chromium's 400-day cap on cookie lifetimes, which counts from the real clock.
  'a Date for expires': { expiresAt: Math.floor(Date.now() / 1000 + 30 * 86400) * 1000, secure: false },
  'sameSite none, secure': { sameSite: 'none', secure: true, expires: 0.5 },
  'fractional days': { expires: 1 / 3, secure: false },
};

/** In page: seeds cookies, then setItem / getItem with one CookieStorage. */
function writePhase({ spec, seed, pairs, reads }) {
  const show = (v) => (v === undefined ? '<undefined>' : v === null ? '<null>' : typeof v === 'object' ? JSON.stringify(v) : `${typeof v}:${v}`);
  const data = { ...spec };
  if (data.domain === '$host') data.domain = location.hostname;
  if ('expiresAt' in data) {
    data.expires = new Date(data.expiresAt);
    delete data.expiresAt;
  }
  for (const c of seed) document.cookie = c;
  window.__cookieWrites.length = 0;
  const s = new AmazonCognitoIdentity.CookieStorage(data);
  window.__storage = s;
  const fields = ['domain', 'path', 'expires', 'secure', 'sameSite'].map((f) => `${f}=${s[f] instanceof Date ? s[f].toISOString() : show(s[f])}`);
  const returned = pairs.map(([k, v]) => show(s.setItem(k, v)));
  const odd = [
    ['undefined key', () => s.setItem(undefined, 'u')],
    ['null key', () => s.setItem(null, 'n')],
    ['number key and value', () => s.setItem(42, 43)],
    ['empty key', () => s.setItem('', 'empty-name')],
    ['getItem(undefined)', () => s.getItem(undefined)],
    ['getItem(42)', () => s.getItem(42)],
    ['getItem(null)', () => s.getItem(null)],
  ].map(([what, f]) => `${what}: ${show(f())}`);
  const got = [...pairs.map(([k]) => k), ...reads].map((k) => `${k} → ${show(s.getItem(k))}`);
  return { fields, returned, odd, got, cookie: document.cookie, writes: window.__cookieWrites.splice(0) };
}

/** In page: removeItem on some keys, then clear(). */
function removePhase({ removes }) {
  const s = window.__storage;
  const removed = removes.map((k) => String(s.removeItem(k)));
  const afterRemove = document.cookie;
  const cleared = JSON.stringify(s.clear());
  return { removed, afterRemove, cleared, afterClear: document.cookie, writes: window.__cookieWrites.splice(0) };
}

/** The browser's view of the jar, sorted, without the fields Playwright derives. */
async function jar(page) {
  const cookies = await page.context().cookies();
  return cookies
    .map(({ name, value, domain, path, expires, httpOnly, secure, sameSite }) => ({ name, value, domain, path, expires, httpOnly, secure, sameSite }))
    .sort((a, b) => (a.name + a.path < b.name + b.path ? -1 : 1));
}

async function runScenario(lib, spec, fixedNow) {
  const page = await openLib(lib, { fixedNow });
  try {
    const written = await page.evaluate(writePhase, { spec, seed: SEED, pairs: PAIRS, reads: READS });
    const jarAfterWrite = await jar(page);
    const removed = await page.evaluate(removePhase, { removes: [PAIRS[0][0], PAIRS[3][0], 'dup', 'never-set'] });
    const jarAfterClear = await jar(page);
    return { written, jarAfterWrite, removed, jarAfterClear, console: page.consoleLines };
  } finally {
    await page.context().close();
  }
}

describe('(a) the cookie strings are the SDK\'s', () => {
  // Whole seconds (plus a fraction) from now, so cookies are live and strings comparable.
  const fixedNow = Math.floor(Date.now() / 1000) * 1000 + 617;

  for (const [label, spec] of Object.entries(OPTION_SETS)) {
    test(label, async () => {
      const [ours, oracle] = await Promise.all(LIBS.map((lib) => runScenario(lib, spec, fixedNow)));
      assert.deepEqual(ours.written.fields, oracle.written.fields, 'fields');
      assert.deepEqual(ours.written.writes, oracle.written.writes, 'strings assigned by setItem');
      assert.deepEqual(ours.written.returned, oracle.written.returned, 'setItem return values');
      assert.deepEqual(ours.written.odd, oracle.written.odd, 'odd keys');
      assert.deepEqual(ours.written.got, oracle.written.got, 'getItem');
      assert.equal(ours.written.cookie, oracle.written.cookie, 'document.cookie after setItem');
      assert.deepEqual(ours.jarAfterWrite, oracle.jarAfterWrite, 'browser jar after setItem');
      assert.deepEqual(ours.removed, oracle.removed, 'removeItem / clear');
      assert.deepEqual(ours.jarAfterClear, oracle.jarAfterClear, 'browser jar after clear');
      // Sanity: the scenario did something.
      assert.ok(ours.written.writes.length >= PAIRS.length + 4);
      assert.ok(ours.removed.writes.length > 4);
    });
  }

  test('the known shape of one string', async () => {
    const page = await openLib('ours', { fixedNow: Date.UTC(2024, 8, 3, 8, 4, 5, 123) });
    try {
      const writes = await page.evaluate(() => {
        const s = new AmazonCognitoIdentity.CookieStorage({ domain: location.hostname, secure: true, sameSite: 'strict', expires: 1 });
        s.setItem('a b(c)', 'x;y=z é');
        s.removeItem('a b(c)');
        return window.__cookieWrites;
      });
      assert.deepEqual(writes, [
        'a%20b%28c%29=x%3By=z%20%C3%A9; path=/; expires=Wed, 04 Sep 2024 08:04:05 GMT; domain=127.0.0.1; secure; sameSite=strict',
        'a%20b%28c%29=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=127.0.0.1; secure; sameSite=strict',
      ]);
    } finally {
      await page.context().close();
    }
  });
});

// ---------------------------------------------------------------------------------------
// (b) constructor and argument errors

function constructorCases() {
  const show = (v) => (v instanceof Date ? `Date:${v.toISOString()}` : v === undefined ? '<undefined>' : v === null ? '<null>' : `${typeof v}:${v}`);
  const cases = {
    'no argument': [],
    undefined: [undefined],
    null: [null],
    '{}': [{}],
    'sameSite Lax': [{ sameSite: 'Lax' }],
    'sameSite empty': [{ sameSite: '' }],
    'sameSite undefined': [{ sameSite: undefined }],
    'sameSite null': [{ sameSite: null }],
    'sameSite none, not secure': [{ sameSite: 'none', secure: false }],
    'sameSite none, secure 0': [{ sameSite: 'none', secure: 0 }],
    'sameSite None, not secure': [{ sameSite: 'None', secure: false }],
    'sameSite none': [{ sameSite: 'none' }],
    'sameSite strict, not secure': [{ sameSite: 'strict', secure: false }],
    'inherited options': [Object.create({ domain: 'inherited.example', path: '/in', expires: 3, secure: false })],
    'falsy options': [{ domain: '', path: '', expires: 0, secure: 0 }],
    'odd types': [{ secure: 'yes', expires: undefined, domain: 'x.example' }],
    'a Date': [{ expires: new Date(Date.UTC(2031, 0, 1)) }],
  };
  const out = {};
  for (const [label, args] of Object.entries(cases)) {
    try {
      const s = new AmazonCognitoIdentity.CookieStorage(...args);
      out[label] = ['domain', 'path', 'expires', 'secure', 'sameSite'].map((f) => `${f}=${show(s[f])}`).join(' ');
    } catch (e) {
      out[label] = `threw ${e?.constructor?.name}: ${e?.message}`;
    }
  }
  // Options js-cookie cannot write: setItem throws a TypeError (messages differ: the SDK's
  // are those of its minified code), removeItem too unless only expires is wrong.
  const kind = (f) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      return `threw ${e?.constructor?.name}`;
    }
  };
  for (const [label, data] of Object.entries({ 'expires "7"': { expires: '7', secure: false }, 'path 5': { path: 5, secure: false }, 'domain {}': { domain: {}, secure: false } })) {
    const s = new AmazonCognitoIdentity.CookieStorage(data);
    out[`${label}: setItem`] = kind(() => s.setItem('k', 'v'));
    out[`${label}: removeItem`] = kind(() => s.removeItem('k'));
    out[`${label}: getItem`] = kind(() => s.getItem('k'));
  }
  return out;
}

test('(b) constructor defaults, fields and errors are the SDK\'s', async () => {
  const results = {};
  for (const lib of LIBS) {
    const page = await openLib(lib);
    try {
      results[lib] = await page.evaluate(constructorCases);
    } finally {
      await page.context().close();
    }
  }
  assert.deepEqual(results.ours, results.oracle);
  assert.equal(results.ours['sameSite Lax'], 'threw Error: The sameSite value of cookieStorage must be "lax", "strict" or "none".');
  assert.equal(results.ours['sameSite none, not secure'], 'threw Error: sameSite = None requires the Secure attribute in latest browser versions.');
  assert.equal(results.ours['{}'], 'domain=<undefined> path=string:/ expires=number:365 secure=boolean:true sameSite=<null>');
});

// ---------------------------------------------------------------------------------------
// (c) a real session in cookies, against ministack

const errorText = (e) => `${e?.code || e?.name}: ${e?.message}`;

/** In page: sign-up, confirmation and SRP sign-in with the session kept in cookies. */
async function signUpAndSignIn({ pool: poolData, username, password }) {
  const AC = AmazonCognitoIdentity;
  const Storage = new AC.CookieStorage({ domain: location.hostname, secure: false });
  const pool = new AC.CognitoUserPool({ ...poolData, Storage });
  const node = (f) => new Promise((ok, fail) => f((e, r) => (e ? fail(e) : ok(r))));
  try {
    await node((done) => pool.signUp(username, password, [new AC.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })], null, done));
    const user = new AC.CognitoUser({ Username: username, Pool: pool, Storage });
    await node((done) => user.confirmRegistration('123456', true, done));
    const session = await new Promise((onSuccess, onFailure) =>
      user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), { onSuccess, onFailure }),
    );
    return { idToken: session.getIdToken().getJwtToken(), cookie: document.cookie };
  } catch (e) {
    return { error: `${e?.code || e?.name}: ${e?.message}` };
  }
}

/** In page: the current user's session, read back from cookies. */
async function restoreSession({ pool: poolData }) {
  const AC = AmazonCognitoIdentity;
  const Storage = new AC.CookieStorage({ domain: location.hostname, secure: false });
  const pool = new AC.CognitoUserPool({ ...poolData, Storage });
  const user = pool.getCurrentUser();
  if (!user) return { user: null, cookie: document.cookie };
  try {
    const session = await new Promise((ok, fail) => user.getSession((e, s) => (e ? fail(e) : ok(s))));
    return { username: user.getUsername(), valid: session.isValid(), idToken: session.getIdToken().getJwtToken(), cookie: document.cookie };
  } catch (e) {
    return { error: `${e?.code || e?.name}: ${e?.message}`, cookie: document.cookie };
  }
}

/** In page: signOut() of the current user. */
function signOut({ pool: poolData }) {
  const AC = AmazonCognitoIdentity;
  const Storage = new AC.CookieStorage({ domain: location.hostname, secure: false });
  const user = new AC.CognitoUserPool({ ...poolData, Storage }).getCurrentUser();
  user.signOut();
  return { cookie: document.cookie, user: new AC.CognitoUserPool({ ...poolData, Storage }).getCurrentUser() };
}

/** Cookie names of the pool's client, the username replaced by `<user>`. */
function cognitoNames(cookieHeader, clientId, username) {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.`;
  return cookieHeader
    .split('; ')
    .map((pair) => decodeURIComponent(pair.split('=')[0]))
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length).replace(`${username}.`, '<user>.'))
    .sort();
}

describe('(c) a session kept in cookies, against ministack', () => {
  const { pool } = useBackend('ministack', { poolName: 'cookies' });

  const signedIn = {};
  for (const lib of LIBS) {
    const other = lib === 'ours' ? 'oracle' : 'ours';
    test(`signed in by ${lib}: cookies hold the session, read back by both after reloads`, async () => {
      const username = uniqueName(`ck${lib}`);
      const page = await openLib(lib);
      try {
        const signIn = await page.evaluate(signUpAndSignIn, { pool, username, password: PASSWORD });
        assert.equal(signIn.error, undefined, `${signIn.error}\n${page.consoleLines.join('\n')}`);
        const names = cognitoNames(signIn.cookie, pool.ClientId, username);
        assert.deepEqual(names, ['<user>.accessToken', '<user>.clockDrift', '<user>.idToken', '<user>.refreshToken', 'LastAuthUser']);
        // Nothing else was written than the SDK's keys, and not in localStorage.
        assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
        const cookies = (await page.context().cookies()).filter((c) => c.name.startsWith('CognitoIdentityServiceProvider.'));
        signedIn[lib] = { names, cookies };
        for (const c of cookies) {
          assert.equal(c.domain, '127.0.0.1');
          assert.equal(c.path, '/');
          assert.equal(c.secure, false);
          assert.ok(Math.abs(c.expires - (Date.now() / 1000 + 365 * 86400)) < 120, `${c.name} expires in 365 days`);
        }

        for (const reader of [lib, other, lib]) {
          await gotoLib(page, reader);
          const restored = await page.evaluate(restoreSession, { pool });
          assert.equal(restored.error, undefined, `${reader} reading ${lib}'s cookies: ${restored.error}`);
          assert.equal(restored.username, username, `${reader} reading ${lib}'s cookies`);
          assert.equal(restored.valid, true);
          assert.equal(restored.idToken, signIn.idToken);
        }

        const out = await page.evaluate(signOut, { pool });
        assert.deepEqual(cognitoNames(out.cookie, pool.ClientId, username), [], 'signOut removes the session cookies');
        assert.equal(out.user, null);
        await gotoLib(page, other);
        assert.deepEqual(await page.evaluate(restoreSession, { pool }), { user: null, cookie: await page.evaluate(() => document.cookie) });
      } finally {
        await page.context().close();
      }
    });
  }

  test('both libraries leave the same cookie names and attributes', () => {
    assert.ok(signedIn.ours && signedIn.oracle, 'both sign-in tests ran');
    assert.deepEqual(signedIn.ours.names, signedIn.oracle.names);
    const attrs = (cookies) =>
      cookies.map(({ name, domain, path, httpOnly, secure, sameSite }) => ({ item: name.split('.').pop(), domain, path, httpOnly, secure, sameSite })).sort((a, b) => (a.item < b.item ? -1 : 1));
    assert.deepEqual(attrs(signedIn.ours.cookies), attrs(signedIn.oracle.cookies));
  });
});
