// Secrets stay secret: headless Chromium, the library by script tag, the project's emulator.
//   (a) challenge answers: NEW_PASSWORD_REQUIRED after an SRP sign-in with a temporary
//       password. The temporary password is in no request (SRP); the NEW password is sent
//       in the NEW_PASSWORD_REQUIRED answer only — the protocol demands it (Cognito stores a
//       verifier made from it), so that is expected. (The SRP flow's own requests are
//       checked in wire.test.mjs.)
//   (b) a whole journey with failures (wrong code, wrong password, faults on every step,
//       a cut-off answer that held tokens, a failed refresh, a failed revocation): no
//       console line, page error, error message, error stack or String(err) contains the
//       password, the refresh token, the access token or the ID token.
//   (c) randomness comes from crypto.getRandomValues only: stubbed (before the library
//       loads) to a fixed pattern, two sign-ins send the same SRP_A, and it is exactly
//       g^a mod N for a = the 64 stubbed bytes; Math.random made to throw does not stop
//       sign-in (the library never calls it).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { PASSWORD, adminCall, leaks, signUpConfirmed, wrongCode } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';
import { N, modPow } from '../emulator/srp-server.mjs';

const AUTH = ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup', 'selectMFAType'];

const { backend: emu, pool, poolData, newPage } = useBackendPages('emulator', { poolName: 'secrets' });

/**
 * Pieces that identify a token (whole or cut off): the token, and every part of it between
 * dots of 20+ characters except a JWT's header (the same for every token of a key).
 */
const tokenPieces = (token) => [token, ...token.split('.').filter((p, i) => p.length >= 20 && !(i === 0 && p.startsWith('eyJ')))];

describe('(a) challenge answers on the wire', () => {
  it('NEW_PASSWORD_REQUIRED: the temporary password is never sent; the new one only in the NEW_PASSWORD_REQUIRED answer (expected)', async () => {
    const username = uniqueName('temp');
    const temporary = 'Temp0rary-Pass!';
    const fresh = 'Br4nd-New-Passw0rd!';
    await adminCall(emu.endpoint, 'AdminCreateUser', { UserPoolId: pool.UserPoolId, Username: username, TemporaryPassword: temporary, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
    const page = await newPage();
    try {
      await emu.post('/_test/requests/clear');
      const out = await page.evaluate(({ poolData, username, temporary, fresh }) => new Promise((resolve) => {
        const user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
        const seen = [];
        const cb = {
          onSuccess: (s) => resolve({ seen, valid: s.isValid() }),
          onFailure: (e) => resolve({ seen, err: harness.errInfo(e) }),
          newPasswordRequired(userAttributes) {
            seen.push('newPasswordRequired');
            delete userAttributes.email_verified;
            delete userAttributes.email;
            user.completeNewPasswordChallenge(fresh, userAttributes, cb);
          },
        };
        user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: temporary }), cb);
      }), { poolData, username, temporary, fresh });
      assert.deepEqual(out, { seen: ['newPasswordRequired'], valid: true });
      const log = await emu.requests();
      assert.deepEqual(log.map((r) => [r.operation, r.json.AuthFlow || r.json.ChallengeName]), [
        ['InitiateAuth', 'USER_SRP_AUTH'], ['RespondToAuthChallenge', 'PASSWORD_VERIFIER'], ['RespondToAuthChallenge', 'NEW_PASSWORD_REQUIRED'],
      ]);
      for (const r of log) assert.deepEqual(leaks(r.body, temporary), [], `${r.operation} leaks the temporary password`);
      const carrying = log.filter((r) => leaks(r.body, fresh).length);
      assert.equal(carrying.length, 1, 'the new password is sent once');
      assert.equal(carrying[0].json.ChallengeName, 'NEW_PASSWORD_REQUIRED');
      assert.equal(carrying[0].json.ChallengeResponses.NEW_PASSWORD, fresh, 'as NEW_PASSWORD, which the protocol requires');
      assert.deepEqual(Object.keys(carrying[0].json.ChallengeResponses).sort(), ['NEW_PASSWORD', 'USERNAME']);
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });
});

describe('(b) no secret in console output or errors, through a journey with failures', () => {
  /** In-page: every error the app sees is kept with its message, stack and String(). */
  function collector() {
    window.seen = [];
    const keep = (where, e) => {
      if (e === null || e === undefined) return;
      const entry = { where, string: String(e) };
      if (typeof e === 'object') {
        entry.message = e.message;
        entry.stack = e.stack;
        entry.code = e.code;
        try {
          entry.json = JSON.stringify(e);
        } catch {}
        try {
          entry.props = JSON.stringify(Object.fromEntries(Object.getOwnPropertyNames(e).map((k) => [k, String(e[k])])));
        } catch {}
      }
      window.seen.push(entry);
    };
    window.keep = keep;
    window.addEventListener('unhandledrejection', (ev) => keep('unhandledrejection', ev.reason));
    window.addEventListener('error', (ev) => keep('error event', ev.error || ev.message));
    window.step = async (where, run) => {
      try {
        const v = await run();
        return { ok: true, v: typeof v === 'string' ? v : undefined };
      } catch (e) {
        keep(where, e);
        return { ok: false, code: e && e.code };
      }
    };
    window.viaCallbacks = (where, start) => new Promise((resolve) => {
      const cb = {};
      for (const n of ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup', 'selectMFAType']) {
        cb[n] = (x) => {
          if (n === 'onFailure') keep(where, x);
          resolve(n === 'onFailure' ? { ok: false, code: x && x.code } : { ok: n === 'onSuccess', name: n });
        };
      }
      start(cb);
    });
    window.viaNode = (where, start) => new Promise((resolve) => {
      start((err, result) => {
        if (err) keep(where, err);
        resolve(err ? { ok: false, code: err.code } : { ok: true, v: typeof result === 'string' ? result : undefined });
      });
    });
  }

  it('sign-up, confirm, sign-in, account calls, refresh and sign-out, with wrong inputs and faults: nothing leaks', async (ctx) => {
    const page = await newPage({ init: collector });
    const username = uniqueName('leak');
    const steps = [];
    const tokens = new Set();
    const inPage = (fn, arg) => page.evaluate(fn, arg);
    const fault = (operation, kind, times = 1) => emu.post('/_test/faults', { operation, kind, times });
    const clear = () => emu.test('/_test/faults', { method: 'DELETE' });
    const record = async (label, expect, p) => {
      const r = await p;
      await clear();
      steps.push([label, r.ok ? 'ok' : r.code]);
      assert.equal(r.ok, expect, `${label}: ${JSON.stringify(r)}`);
      return r;
    };
    const signIn = (label, password) => inPage(({ poolData, username, password, label }) => viaCallbacks(label, (cb) => {
      window.me = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
      me.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), cb);
    }), { poolData, username, password, label });
    const harvest = async () => {
      const s = await inPage(() => {
        const s = me.getSignInUserSession();
        return s && { id: s.getIdToken().getJwtToken(), access: s.getAccessToken().getJwtToken(), refresh: s.getRefreshToken().getToken() };
      });
      if (s) for (const t of Object.values(s)) if (t) tokens.add(t);
    };

    // Sign-up and confirmation.
    // Every Cognito answer the page got, to harvest the tokens in it (whole or cut off).
    const bodies = [];
    page.on('response', (res) => {
      if (res.request().method() === 'POST' && res.url().startsWith(emu.endpoint)) bodies.push(res.text().catch(() => ''));
    });
    await record('signUp', true, inPage(({ poolData, username, password }) => viaNode('signUp', (cb) => new AC.CognitoUserPool(poolData).signUp(username, password, [new AC.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })], null, cb)), { poolData, username, password: PASSWORD }));
    const code = await emu.signUpCode(pool, username);
    await record('confirm, wrong code', false, inPage(({ poolData, username, bad }) => step('confirm', () => new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) }).confirmRegistration(bad, true)), { poolData, username, bad: wrongCode(code) }));
    await fault('ConfirmSignUp', 'html502');
    await record('confirm, HTML 502', false, inPage(({ poolData, username, code }) => step('confirm 502', () => new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) }).confirmRegistration(code, true)), { poolData, username, code }));
    await record('confirm', true, inPage(({ poolData, username, code }) => step('confirm ok', () => new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) }).confirmRegistration(code, true)), { poolData, username, code }));

    // Sign-in: wrong password, then faults on both steps (a truncated answer that held the
    // tokens included), then for real with 1-second tokens (for the refresh below).
    await record('sign-in, wrong password', false, signIn('wrong password', 'Wr0ng-Passw0rd!'));
    for (const [op, kind] of [['InitiateAuth', 'status500'], ['InitiateAuth', 'empty'], ['RespondToAuthChallenge', 'truncated'], ['RespondToAuthChallenge', 'drop'], ['RespondToAuthChallenge', 'throttle']]) {
      await fault(op, kind);
      await record(`sign-in, ${kind} on ${op}`, false, signIn(`sign-in ${kind} ${op}`, PASSWORD));
    }
    await emu.post('/_test/token-lifetime', { clientId: pool.ClientId, accessSeconds: 1, idSeconds: 1 });
    await record('sign-in', true, signIn('sign-in', PASSWORD));
    await emu.test('/_test/token-lifetime', { method: 'DELETE' });
    await harvest();

    // Expired now: refreshes that fail (a cut-off answer holding new tokens, a dead
    // connection ×4), then one that works.
    await inPage(async () => {
      while (me.getSignInUserSession().isValid()) await new Promise((r) => setTimeout(r, 100));
    });
    await fault('InitiateAuth', 'truncated');
    await record('refresh, truncated', false, inPage(() => viaNode('refresh truncated', (cb) => me.getSession(cb))));
    await fault('InitiateAuth', 'drop', 4);
    await record('refresh, dropped ×4', false, inPage(() => step('refresh drop', () => me.getSession())));
    await record('refresh', true, inPage(() => step('refresh ok', () => me.getSession().then(() => 'ok'))));
    await harvest();

    // Account calls failing: GetUser faults, wrong previous password.
    await fault('GetUser', 'truncated');
    await record('getUserAttributes, truncated', false, inPage(() => step('attrs truncated', () => me.getUserAttributes())));
    await fault('GetUser', 'status500');
    await record('getUserData, 500', false, inPage(() => viaNode('userData 500', (cb) => me.getUserData(cb, { bypassCache: true }))));
    await record('changePassword, wrong previous', false, inPage(() => viaNode('changePassword', (cb) => me.changePassword('Not-The-0ld-One!', 'An0ther-Passw0rd!', cb))));
    await record('getUserAttributes', true, inPage(() => step('attrs ok', () => me.getUserAttributes().then(() => 'ok'))));
    await harvest();

    // Sign-out whose revocation fails (the local session is cleared anyway).
    await fault('RevokeToken', 'status500', 4); // revocation is retried like a refresh
    await record('signOut, RevokeToken 500', false, inPage(() => new Promise((resolve) => me.signOut((err) => {
      if (err) keep('signOut', err);
      resolve(err ? { ok: false, code: err.code } : { ok: true });
    }))));
    // getSession after sign-out: a coded error too.
    await record('getSession after sign-out', false, inPage(() => step('after signOut', () => me.getSession())));

    // Every token the page received or sent in this test, whole or cut off: the identifying
    // pieces of each (payload and signature of a JWT, any long part of a cut-off one).
    for (const r of await emu.requests()) {
      const rt = r.json?.AuthParameters?.REFRESH_TOKEN || r.json?.Token;
      if (rt) tokens.add(rt);
    }
    for (const body of await Promise.all(bodies)) {
      for (const m of body.matchAll(/"(?:IdToken|AccessToken|RefreshToken)":"([^"]*)/g)) if (m[1].length >= 20) tokens.add(m[1]);
    }
    // Control: console output does reach page.consoleLines.
    await inPage(() => console.log('console capture works'));
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(page.consoleLines.includes('log: console capture works'));
    const seen = await inPage(() => window.seen);
    ctx.diagnostic(`steps: ${steps.map(([l, r]) => `${l} → ${r}`).join('; ')}`);
    ctx.diagnostic(`${seen.length} errors kept, ${page.pageErrors.length} page errors, ${tokens.size} tokens and token fragments looked for, ${page.consoleLines.length} console lines: ${page.consoleLines.join(' | ')}`);
    // The library itself writes nothing to the console: every line is Chromium's note on a
    // failed request (or the control line above). Page errors, also in consoleLines, are
    // looked through for secrets below.
    const consoleOutput = page.consoleLines.filter((l) => !l.startsWith('pageerror: '));
    for (const line of consoleOutput) assert.match(line, /^error: Failed to load resource|^log: console capture works$/);
    assert.ok(seen.length >= 15, `the errors were collected (${seen.length})`);
    assert.ok(tokens.size >= 3, 'tokens to look for');

    const texts = [
      ...seen.map((e) => [`error at ${e.where}`, [e.string, e.message, e.stack, e.json, e.props].filter(Boolean).join('\n')]),
      ...page.consoleLines.map((l) => ['console', l]),
      ...page.pageErrors.map((l) => ['page error', l]),
    ];
    for (const [where, text] of texts) {
      assert.deepEqual(leaks(text, PASSWORD), [], `${where} contains the password: ${text}`);
      for (const t of tokens) {
        for (const piece of tokenPieces(t)) assert.ok(!text.includes(piece), `${where} contains a token: ${text.slice(0, 500)}`);
      }
    }
    // Every error the app saw was coded.
    for (const e of seen) assert.equal(typeof e.code, 'string', `${e.where}: ${e.string}`);
    await page.context().close();
  });
});

describe('(c) randomness only from crypto.getRandomValues', () => {
  /** Installed before the library loads: a fixed-pattern getRandomValues, counted; Math.random throws. */
  function stubs() {
    window.rng = { calls: [], mathRandom: 0 };
    Crypto.prototype.getRandomValues = function (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
      window.rng.calls.push(array.byteLength);
      return array;
    };
    Math.random = function () {
      window.rng.mathRandom++;
      throw new Error('Math.random must not be used');
    };
  }

  it('stubbed: two sign-ins send the same SRP_A = g^a for a = the stubbed bytes, getRandomValues was called, Math.random never; both sign in', async (ctx) => {
    const user = await signUpConfirmed(emu, pool, uniqueName('rng'));
    const page = await newPage({ init: stubs });
    try {
      await emu.post('/_test/requests/clear');
      const out = await page.evaluate(async ({ poolData, user, names }) => {
        const results = [];
        for (let i = 0; i < 2; i++) {
          const u = new AC.CognitoUser({ Username: user.username, Pool: new AC.CognitoUserPool(poolData) });
          const { calls } = await harness.callbacks(names, (cb) => u.authenticateUser(new AC.AuthenticationDetails({ Username: user.username, Password: user.password }), cb), { settleMs: 50 });
          results.push(calls.map((c) => (c.name === 'onFailure' ? `onFailure:${c.args[0].code}:${c.args[0].message}` : c.name)));
          results.push(calls.length && window.rng.calls.length);
        }
        return { results, rng: window.rng };
      }, { poolData, user, names: AUTH });
      ctx.diagnostic(`getRandomValues calls (bytes each): ${JSON.stringify(out.rng.calls)}; Math.random calls: ${out.rng.mathRandom}`);
      assert.deepEqual(out.results[0], ['onSuccess']);
      assert.deepEqual(out.results[2], ['onSuccess']);
      assert.equal(out.rng.mathRandom, 0, 'Math.random was never called');
      assert.ok(out.rng.calls.length >= 2, 'getRandomValues was called for each sign-in');
      assert.ok(out.results[1] >= 1 && out.results[3] > out.results[1], 'each sign-in drew randomness');

      const initiates = (await emu.requests('InitiateAuth')).map((r) => r.json.AuthParameters.SRP_A);
      assert.equal(initiates.length, 2);
      assert.equal(initiates[0], initiates[1], 'the same SRP_A from the same randomness');
      // a = the 64 stubbed bytes (SMALL_A_BYTES in src/srp/client.rs; the SDK draws 128): A = g^a mod N.
      const a = BigInt('0x' + Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 31 + 7) & 0xff)).toString('hex'));
      assert.equal(initiates[0], modPow(2n, a, N).toString(16), 'SRP_A is g^a for a drawn from getRandomValues');
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });

  it('control, without stubs: two sign-ins send different SRP_A values', async () => {
    const user = await signUpConfirmed(emu, pool, uniqueName('rng'));
    const page = await newPage();
    try {
      await emu.post('/_test/requests/clear');
      await page.evaluate(async ({ poolData, user }) => {
        for (let i = 0; i < 2; i++) {
          const u = new AC.CognitoUser({ Username: user.username, Pool: new AC.CognitoUserPool(poolData) });
          await u.authenticateUser(new AC.AuthenticationDetails({ Username: user.username, Password: user.password }));
        }
      }, { poolData, user });
      const initiates = (await emu.requests('InitiateAuth')).map((r) => r.json.AuthParameters.SRP_A);
      assert.equal(initiates.length, 2);
      assert.notEqual(initiates[0], initiates[1]);
    } finally {
      await page.context().close();
    }
  });
});
