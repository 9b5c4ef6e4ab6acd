// Failure paths in the browser: a network failure (endpoint on a closed port) reaches the
// app once as err.code 'NetworkError', through onFailure and the rejected Promise; and a
// callback that throws is never called a second time (the JS SDK calls onFailure after a
// throwing onSuccess, and a Node-style callback twice: ours must not).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { PASSWORD, adminCall, closedPort } from '../support/e2e.mjs';
import { useBackend, useBrowserPages } from '../support/e2e-hooks.mjs';

const NAMES = ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup'];

const { newPage } = useBrowserPages();

describe('network failure → NetworkError, once', () => {
  let poolData;
  before(async () => {
    poolData = { UserPoolId: 'us-east-1_Closed1', ClientId: 'client', endpoint: `http://127.0.0.1:${await closedPort()}` };
  });

  async function run(flavour) {
    const page = await newPage({ page: flavour });
    try {
      return await page.evaluate(async ({ poolData, names }) => {
        const pool = new AC.CognitoUserPool(poolData);
        const user = new AC.CognitoUser({ Username: 'nobody', Pool: pool });
        const details = new AC.AuthenticationDetails({ Username: 'nobody', Password: 'Whatever-1' });
        const summary = (cb) => ({ thrown: cb.thrown, calls: cb.calls.map((c) => [c.name, c.thisIsCallback, harness.errInfo(c.args[0])]) });
        const auth = summary(await harness.callbacks(names, (cb) => user.authenticateUser(details, cb), { settleMs: 250 }));
        const authPromise = await harness.settle(user.authenticateUser(details));
        const su = await harness.nodeCallback((cb) => pool.signUp('nobody', 'Whatever-1', [], null, cb), { settleMs: 250 });
        const suPromise = await harness.settle(pool.signUp('nobody', 'Whatever-1', [], null));
        const conf = await harness.settle(user.confirmRegistration('123456', true));
        return {
          auth,
          authPromise: { ok: authPromise.ok, err: harness.errInfo(authPromise.error) },
          signUp: { thrown: su.thrown, calls: su.calls.map((c) => [harness.errInfo(c.err), c.result]) },
          signUpPromise: { ok: suPromise.ok, err: harness.errInfo(suPromise.error) },
          confirmPromise: { ok: conf.ok, err: harness.errInfo(conf.error) },
        };
      }, { poolData, names: NAMES });
    } finally {
      await page.context().close();
    }
  }

  it('control: the JS SDK reports NetworkError', async () => {
    const o = await run('oracle');
    assert.deepEqual(o.auth.calls.map((c) => [c[0], c[2].code]), [['onFailure', 'NetworkError']]);
    assert.equal(o.signUp.calls[0][0].code, 'NetworkError');
  });

  for (const flavour of ['script', 'module']) {
    it(`ours (${flavour}): authenticateUser, signUp and confirmRegistration fail once with code NetworkError`, async () => {
      const o = await run(flavour);
      assert.equal(o.auth.thrown, undefined);
      assert.equal(o.auth.calls.length, 1, `exactly one callback: ${JSON.stringify(o.auth.calls)}`);
      const [name, thisIsCallback, err] = o.auth.calls[0];
      assert.equal(name, 'onFailure');
      assert.equal(thisIsCallback, true);
      assert.equal(err.isError, true);
      assert.equal(err.code, 'NetworkError');
      assert.equal(o.authPromise.ok, false);
      assert.equal(o.authPromise.err.code, 'NetworkError');
      assert.equal(o.authPromise.err.isError, true);

      assert.equal(o.signUp.thrown, undefined);
      assert.equal(o.signUp.calls.length, 1, 'signUp callback once');
      assert.equal(o.signUp.calls[0][0].code, 'NetworkError');
      assert.equal(o.signUp.calls[0][1] ?? null, null, 'no result with the error');
      assert.equal(o.signUpPromise.ok, false);
      assert.equal(o.signUpPromise.err.code, 'NetworkError');
      assert.equal(o.confirmPromise.ok, false);
      assert.equal(o.confirmPromise.err.code, 'NetworkError');
    });
  }
});

describe('a throwing callback is not called again (emulator)', () => {
  const { backend: emu, poolData } = useBackend('emulator', { poolName: 'throws' });

  async function confirmedUser() {
    const username = uniqueName('thrower');
    await adminCall(emu.endpoint, 'SignUp', { ClientId: poolData.ClientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
    await adminCall(emu.endpoint, 'AdminConfirmSignUp', { UserPoolId: poolData.UserPoolId, Username: username });
    return username;
  }

  /** Every callback of the page's library made to throw; returns which were called. */
  async function run(flavour, username, fresh) {
    const page = await newPage({ page: flavour });
    try {
      return await page.evaluate(async ({ poolData, username, password, fresh, names }) => {
        const boom = () => {
          throw new Error('app bug in a callback');
        };
        const behave = Object.fromEntries(names.map((n) => [n, boom]));
        const pool = new AC.CognitoUserPool(poolData);
        const user = new AC.CognitoUser({ Username: username, Pool: pool });
        const calls = (r) => r.calls.map((c) => c.name);
        const ok = await harness.callbacks(names, (cb) => user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), cb), { behave, settleMs: 250 });
        const bad = await harness.callbacks(names, (cb) => user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: 'Wr0ng-Password!' }), cb), { behave, settleMs: 250 });
        const pw = new AC.CognitoUser({ Username: username, Pool: pool });
        pw.setAuthenticationFlowType('USER_PASSWORD_AUTH');
        const okPw = await harness.callbacks(names, (cb) => pw.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), cb), { behave, settleMs: 250 });
        const node = (r) => r.calls.map((c) => (c.err ? `err:${c.err.code || c.err.message}` : `ok:${typeof c.result}`));
        const signUp = await harness.nodeCallback((cb) => pool.signUp(fresh, password, [new AC.CognitoUserAttribute({ Name: 'email', Value: `${fresh}@example.com` })], null, cb), { behave: boom, settleMs: 250 });
        const wrongCode = await harness.nodeCallback((cb) => new AC.CognitoUser({ Username: fresh, Pool: pool }).confirmRegistration('not-it', true, cb), { behave: boom, settleMs: 250 });
        const current = pool.getCurrentUser();
        const session = current ? await harness.nodeCallback((cb) => current.getSession(cb), { behave: boom, settleMs: 300 }) : null;
        return {
          srpSuccess: calls(ok),
          srpFailure: calls(bad),
          passwordSuccess: calls(okPw),
          signUp: node(signUp),
          confirmWrongCode: node(wrongCode),
          getSession: session && node(session),
        };
      }, { poolData, username, password: PASSWORD, fresh, names: NAMES });
    } finally {
      await page.context().close();
    }
  }

  it('control: the JS SDK calls onFailure after a throwing onSuccess, and a throwing Node-style callback twice', async () => {
    const o = await run('oracle', await confirmedUser(), uniqueName('fresh'));
    assert.deepEqual(o.srpSuccess, ['onSuccess', 'onFailure']);
    assert.deepEqual(o.signUp, ['ok:object', 'err:app bug in a callback']);
  });

  for (const flavour of ['script', 'module']) {
    it(`ours (${flavour}): onSuccess / onFailure / (err, result) callbacks run exactly once even when they throw`, async () => {
      const o = await run(flavour, await confirmedUser(), uniqueName('fresh'));
      assert.deepEqual(o.srpSuccess, ['onSuccess'], 'SRP sign-in');
      assert.deepEqual(o.srpFailure, ['onFailure'], 'wrong password');
      assert.deepEqual(o.passwordSuccess, ['onSuccess'], 'USER_PASSWORD_AUTH sign-in');
      assert.deepEqual(o.signUp, ['ok:object'], 'signUp');
      assert.deepEqual(o.confirmWrongCode, ['err:CodeMismatchException'], 'confirmRegistration');
      assert.deepEqual(o.getSession, ['ok:object'], 'getSession (the session is stored although onSuccess threw)');
    });
  }
});
