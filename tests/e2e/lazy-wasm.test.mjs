// The wasm is decoded, compiled and instantiated at its first use (`ready`,
// src/facade/core.js), not as the page loads: headless Chromium, both entries (script tag
// and ES module), the project's emulator. WebAssembly.Module and WebAssembly.Instance are
// wrapped before the library loads, and requestIdleCallback holds its tasks until the test
// runs them, so the test sees every compilation and instantiation and when it happens:
//   - loading the package, `new CognitoUserPool`, its getters, the other classes that hold
//     data, and a constructor that throws compile nothing but an empty module (the
//     Content-Security-Policy check, scripts/inline-wasm.mjs) and instantiate nothing;
//   - the first call that needs the core (getCurrentUser) instantiates it, once; a sign-in
//     then works and instantiates nothing more;
//   - otherwise the idle time after load instantiates it (start.js), and the sign-in that
//     follows instantiates nothing more.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { signUpConfirmed } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const { backend: emu, pool, poolData, newPage } = useBackendPages('emulator', { poolName: 'lazy' });

/** Installed before the library loads: records compilations and instantiations, holds idle tasks. */
function watchWasm() {
  const { Module, Instance } = WebAssembly;
  window.wasmSeen = { compiled: [], instances: 0 };
  WebAssembly.Module = function (bytes) {
    window.wasmSeen.compiled.push(bytes.byteLength);
    return new Module(bytes);
  };
  WebAssembly.Module.prototype = Module.prototype;
  Object.assign(WebAssembly.Module, { exports: Module.exports, imports: Module.imports, customSections: Module.customSections });
  WebAssembly.Instance = function (module, imports) {
    window.wasmSeen.instances += 1;
    return new Instance(module, imports);
  };
  WebAssembly.Instance.prototype = Instance.prototype;
  window.idleTasks = [];
  window.requestIdleCallback = (task) => window.idleTasks.push(task);
  /** Runs the idle tasks held so far (and those they schedule). */
  window.runIdleTasks = () => {
    while (window.idleTasks.length) window.idleTasks.shift()({ didTimeout: false, timeRemaining: () => 50 });
  };
  /** What was compiled and instantiated so far: the modules' sizes, empty ones (8 bytes) apart. */
  window.wasmSoFar = () => ({
    empty: window.wasmSeen.compiled.filter((n) => n === 8).length,
    compiled: window.wasmSeen.compiled.filter((n) => n !== 8),
    instances: window.wasmSeen.instances,
  });
  window.signIn = (user, password) =>
    user.authenticateUser(new AC.AuthenticationDetails({ Username: user.getUsername(), Password: password })).then(
      (session) => session.isValid(),
      (e) => e.code,
    );
}

/** Nothing but the CSP check's empty module. */
const UNTOUCHED = { empty: 1, compiled: [], instances: 0 };

/** The pool made and read as an app does at load, and a constructor that throws: what each saw. */
function makePoolAndRead(poolData) {
  const pool = new AC.CognitoUserPool(poolData);
  window.pool = pool;
  const read = {
    id: pool.getUserPoolId(),
    client: pool.getClientId(),
    name: pool.getUserPoolName(),
    endpoint: pool.client.endpoint,
    viaGetter: pool.endpoint,
    fetchOptions: pool.fetchOptions,
    flag: pool.advancedSecurityDataCollectionFlag,
    storage: pool.storage === window.localStorage,
    userAgent: AC.UserAgent.prototype.userAgent,
  };
  pool.onSessionChange(() => {})();
  new AC.AuthenticationDetails({ Username: 'u', Password: 'p' }).getUsername();
  new AC.CognitoUserAttribute({ Name: 'email', Value: 'a@b.c' }).getValue();
  let thrown;
  try {
    new AC.CognitoUserPool({ UserPoolId: 'nounderscore', ClientId: 'c' });
  } catch (e) {
    thrown = e.message;
  }
  return { read, thrown, seen: window.wasmSoFar() };
}

for (const flavour of ['script', 'module']) {
  describe(`${flavour}: the wasm is instantiated at its first use`, () => {
    it('loading, making a pool and reading it run no wasm; getCurrentUser instantiates it once; a sign-in then works', async () => {
      const user = await signUpConfirmed(emu, pool, uniqueName('lazy'));
      const page = await newPage({ page: flavour, init: watchWasm });
      try {
        assert.deepEqual(await page.evaluate(() => window.wasmSoFar()), UNTOUCHED, 'loading the package');
        const made = await page.evaluate(makePoolAndRead, poolData);
        assert.deepEqual(made.seen, UNTOUCHED, 'the pool made and read');
        assert.deepEqual(made.read, {
          id: poolData.UserPoolId,
          client: poolData.ClientId,
          name: poolData.UserPoolId.split('_')[1],
          endpoint: poolData.endpoint,
          viaGetter: poolData.endpoint,
          fetchOptions: {},
          flag: true,
          storage: true,
          userAgent: made.read.userAgent,
        });
        assert.match(made.read.userAgent, /^aws-amplify\/5\.0\.4 js cognito-identity-wasm\/\d+\.\d+\.\d+/);
        assert.equal(made.thrown, 'Invalid UserPoolId format.');

        const current = await page.evaluate(() => [window.pool.getCurrentUser(), window.wasmSoFar()]);
        assert.equal(current[0], null);
        assert.equal(current[1].compiled.length, 3, 'the literal\'s decoder, the code streams\' merger and the package\'s wasm, once each');
        assert.ok(current[1].compiled[2] > 10_000, `the package's wasm: ${current[1].compiled}`);
        assert.equal(current[1].instances, 3);

        const outcome = await page.evaluate(({ username, password }) => {
          window.runIdleTasks();
          return window.signIn(new AC.CognitoUser({ Username: username, Pool: window.pool }), password);
        }, user);
        assert.equal(outcome, true);
        assert.deepEqual(await page.evaluate(() => window.wasmSoFar()), current[1], 'nothing instantiated again');
        assert.equal(await page.evaluate(() => window.pool.getCurrentUser().getUsername()), user.username);
        assert.deepEqual(page.pageErrors, []);
      } finally {
        await page.context().close();
      }
    });

    it('with no call before it, the idle time after load instantiates it; the sign-in then instantiates nothing', async () => {
      const user = await signUpConfirmed(emu, pool, uniqueName('lazy'));
      const page = await newPage({ page: flavour, init: watchWasm });
      try {
        assert.deepEqual((await page.evaluate(makePoolAndRead, poolData)).seen, UNTOUCHED);
        const idle = await page.evaluate(() => {
          window.runIdleTasks();
          return window.wasmSoFar();
        });
        assert.equal(idle.compiled.length, 3);
        assert.equal(idle.instances, 3);
        const outcome = await page.evaluate(({ username, password }) =>
          window.signIn(new AC.CognitoUser({ Username: username, Pool: window.pool }), password), user);
        assert.equal(outcome, true);
        assert.deepEqual(await page.evaluate(() => window.wasmSoFar()), idle, 'nothing instantiated again');
        assert.deepEqual(page.pageErrors, []);
      } finally {
        await page.context().close();
      }
    });
  });
}
