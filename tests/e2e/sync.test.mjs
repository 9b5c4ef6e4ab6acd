// Things that happen synchronously, with no server: the script-tag global is usable in the
// very next inline <script>, and the constructors throw the JS SDK's validation errors.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../support/browser.mjs';
import { useBrowserPages } from '../support/e2e-hooks.mjs';

const { server, newContext, newPage } = useBrowserPages();

describe('script tag', () => {
  it('defines AmazonCognitoIdentity for the very next inline <script>, with no await', async () => {
    const page = await openPage(await newContext(), `${server.url}/pages/inline-global.html`);
    try {
      const out = await page.evaluate(() => ({ ok: window.ok, type: typeof window.AmazonCognitoIdentity }));
      assert.deepEqual(page.consoleLines.filter((l) => l.startsWith('pageerror')), []);
      assert.equal(out.ok, true);
      assert.equal(out.type, 'object');
    } finally {
      await page.context().close();
    }
  });

  it('exports the SDK\'s classes and functions, both ways of loading', async () => {
    const names = ['AuthenticationDetails', 'CognitoAccessToken', 'CognitoIdToken', 'CognitoRefreshToken', 'CognitoUser', 'CognitoUserAttribute',
      'CognitoUserPool', 'CognitoUserSession', 'MemoryStorage', 'appendToCognitoUserAgent'];
    for (const flavour of ['script', 'module', 'oracle']) {
      // The JS SDK keeps MemoryStorage internal; this package exports it too.
      const expected = flavour === 'oracle' ? names.filter((n) => n !== 'MemoryStorage') : names;
      const page = await newPage({ page: flavour });
      try {
        const types = await page.evaluate((names) => names.map((n) => typeof AC[n]), expected);
        assert.deepEqual(types, expected.map(() => 'function'), `${flavour}: ${expected.join(', ')}`);
      } finally {
        await page.context().close();
      }
    }
  });
});

describe('constructor validation throws the SDK\'s errors synchronously', () => {
  // [description, constructor, data (undefined = no argument), expected message]
  const CASES = [
    ['pool, no argument', 'CognitoUserPool', undefined, 'Both UserPoolId and ClientId are required.'],
    ['pool, {}', 'CognitoUserPool', {}, 'Both UserPoolId and ClientId are required.'],
    ['pool, no ClientId', 'CognitoUserPool', { UserPoolId: 'us-east-1_abc' }, 'Both UserPoolId and ClientId are required.'],
    ['pool, no UserPoolId', 'CognitoUserPool', { ClientId: 'x' }, 'Both UserPoolId and ClientId are required.'],
    ['pool, empty ids', 'CognitoUserPool', { UserPoolId: '', ClientId: '' }, 'Both UserPoolId and ClientId are required.'],
    ['pool, id without region', 'CognitoUserPool', { UserPoolId: 'abc', ClientId: 'x' }, 'Invalid UserPoolId format.'],
    ['pool, id with nothing after _', 'CognitoUserPool', { UserPoolId: 'us-east-1_', ClientId: 'x' }, 'Invalid UserPoolId format.'],
    ['pool, id longer than 55', 'CognitoUserPool', { UserPoolId: `us-east-1_${'a'.repeat(46)}`, ClientId: 'x' }, 'Invalid UserPoolId format.'],
    ['pool, id with a symbol after _', 'CognitoUserPool', { UserPoolId: 'us-east-1_ab-c', ClientId: 'x' }, 'Invalid UserPoolId format.'],
    ['pool, id with a space', 'CognitoUserPool', { UserPoolId: 'us-east-1_a c', ClientId: 'x' }, 'Invalid UserPoolId format.'],
    ['user, no argument', 'CognitoUser', undefined, 'Username and Pool information are required.'],
    ['user, {}', 'CognitoUser', {}, 'Username and Pool information are required.'],
    ['user, no Pool', 'CognitoUser', { Username: 'alice' }, 'Username and Pool information are required.'],
    ['user, no Username', 'CognitoUser', { Pool: 'POOL' }, 'Username and Pool information are required.'],
  ];

  async function run(flavour) {
    const page = await newPage({ page: flavour });
    try {
      return await page.evaluate((cases) => {
        const pool = new AC.CognitoUserPool({ UserPoolId: 'us-east-1_abc', ClientId: 'x' });
        return cases.map(([, ctor, data]) => {
          const arg = data && data.Pool === 'POOL' ? { ...data, Pool: pool } : data;
          try {
            const made = arg === undefined ? new AC[ctor]() : new AC[ctor](arg);
            return { threw: false, made: typeof made };
          } catch (e) {
            return { threw: true, isError: e instanceof Error, name: e.name, message: e.message };
          }
        });
      }, CASES);
    } finally {
      await page.context().close();
    }
  }

  let oracle;
  before(async () => {
    oracle = await run('oracle');
  });

  it('control: the JS SDK throws these messages', () => {
    assert.deepEqual(oracle.map((o) => o.message), CASES.map((c) => c[3]));
  });

  for (const flavour of ['script', 'module']) {
    it(`ours (${flavour}) throws the same Error, message and name`, async () => {
      const ours = await run(flavour);
      CASES.forEach(([what, , , message], i) => {
        assert.equal(ours[i].threw, true, `${what}: throws`);
        assert.equal(ours[i].isError, true, `${what}: an Error`);
        assert.equal(ours[i].message, message, what);
        assert.equal(ours[i].name, oracle[i].name, `${what}: name`);
      });
    });
  }

  it('valid data does not throw, and the getters return it', async () => {
    const page = await newPage({ page: 'script' });
    try {
      const out = await page.evaluate(() => {
        const pool = new AC.CognitoUserPool({ UserPoolId: 'eu-west-2_AbC123', ClientId: 'client1' });
        const user = new AC.CognitoUser({ Username: 'alice', Pool: pool });
        // Edge cases the SDK's /^[\w-]+_[0-9a-zA-Z]+$/ (max 55) accepts.
        const edge = [`us-east-1_${'a'.repeat(45)}`, 'a_b_c', 'x-y_1'].map((id) => {
          try {
            return new AC.CognitoUserPool({ UserPoolId: id, ClientId: 'c' }).getUserPoolId();
          } catch (e) {
            return `threw: ${e.message}`;
          }
        });
        return { id: pool.getUserPoolId(), client: pool.getClientId(), name: pool.getUserPoolName(), user: user.getUsername(), edge };
      });
      assert.deepEqual(out, {
        id: 'eu-west-2_AbC123', client: 'client1', name: 'AbC123', user: 'alice', edge: [`us-east-1_${'a'.repeat(45)}`, 'a_b_c', 'x-y_1'],
      });
    } finally {
      await page.context().close();
    }
  });
});

describe('getSession calls back synchronously when no request is needed, as the SDK does', () => {
  // The JS SDK calls getSession's callback before returning when the stored session is
  // valid (or when there is none). Apps rely on it: `let t; user.getSession((e, s) => { t = s; }); use(t)`.
  async function run(flavour) {
    const page = await newPage({ page: flavour });
    try {
      return await page.evaluate(async () => {
        const b64 = (o) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
        const now = Math.floor(Date.now() / 1000);
        const jwt = (p) => `${b64({ alg: 'RS256', kid: 'k' })}.${b64(p)}.c2ln`;
        const pool = new AC.CognitoUserPool({ UserPoolId: 'us-east-1_Stored1', ClientId: 'storedclient' });
        const pre = 'CognitoIdentityServiceProvider.storedclient';
        let none = null;
        new AC.CognitoUser({ Username: 'nobody', Pool: pool }).getSession((e, s) => {
          none = { err: e && e.message, session: s };
        });
        const noneSync = none;
        localStorage.setItem(`${pre}.LastAuthUser`, 'alice');
        localStorage.setItem(`${pre}.alice.idToken`, jwt({ sub: 's', 'cognito:username': 'alice', exp: now + 3600, iat: now }));
        localStorage.setItem(`${pre}.alice.accessToken`, jwt({ sub: 's', username: 'alice', exp: now + 3600, iat: now }));
        localStorage.setItem(`${pre}.alice.refreshToken`, 'opaque-refresh-token');
        localStorage.setItem(`${pre}.alice.clockDrift`, '0');
        let valid = null;
        pool.getCurrentUser().getSession((e, s) => {
          valid = { err: e, valid: s && s.isValid(), refresh: s && s.getRefreshToken().getToken() };
        });
        const validSync = valid;
        await new Promise((r) => setTimeout(r, 100));
        localStorage.clear();
        return { noneSync, noneLater: none, validSync, validLater: valid };
      });
    } finally {
      await page.context().close();
    }
  }

  const EXPECTED_NONE = { err: 'Local storage is missing an ID Token, Please authenticate', session: null };
  const EXPECTED_VALID = { err: null, valid: true, refresh: 'opaque-refresh-token' };

  it('control: the JS SDK calls back before getSession returns', async () => {
    const o = await run('oracle');
    assert.deepEqual(o.noneSync, EXPECTED_NONE);
    assert.deepEqual(o.validSync, EXPECTED_VALID);
  });

  it('ours: same result, eventually', async () => {
    const o = await run('script');
    assert.deepEqual(o.noneLater, EXPECTED_NONE);
    assert.deepEqual(o.validLater, EXPECTED_VALID);
  });

  it('ours: calls back before getSession returns', async () => {
    const o = await run('script');
    assert.deepEqual(o.noneSync, EXPECTED_NONE, 'no stored session: callback(err) before returning');
    assert.deepEqual(o.validSync, EXPECTED_VALID, 'valid stored session: callback(null, session) before returning');
  });
});
