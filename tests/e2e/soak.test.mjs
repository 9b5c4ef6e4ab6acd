// Memory in a long-lived page (issue #15): an app that asks for the token before each API
// call runs `pool.getCurrentUser()`, `getSession` and the token getters thousands of times
// in one page. With wasm-bindgen handles every object handed out held Rust memory until
// the garbage collector finalised it, and wasm linear memory never shrinks: 20,000 such
// rounds grew it from 1.8 MB to 26 MB. The objects are plain JavaScript now, so the wasm
// memory must stay flat: after the first thousand rounds (allocator warm-up), 20,000 more
// rounds with no idle time between them may grow it by at most 1 MB.
//
// The wasm instance is caught as the page creates it (a wrapper around
// WebAssembly.Instance installed before the library loads), so the library exposes
// nothing for this. The same loop runs on the JS SDK too: it proves the loop does what an
// app does (a valid session and its tokens every round), on both.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { signUpConfirmed } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const { backend, pool, poolData, newPage } = useBackendPages('emulator', { poolName: 'soak' });

const WARM_UP_ROUNDS = 1000;
const ROUNDS = 20000;
const MAX_GROWTH_BYTES = 1024 * 1024;

/** Installed before the page's own scripts: keeps every wasm instance the page creates. */
function catchWasmInstances() {
  const Original = WebAssembly.Instance;
  window.wasmInstances = [];
  WebAssembly.Instance = function Instance(module, imports) {
    const instance = new Original(module, imports);
    window.wasmInstances.push(instance);
    return instance;
  };
  WebAssembly.Instance.prototype = Original.prototype;
}

/** Signs in, then runs `rounds` rounds of what an app does before each API call, with no
 * idle time; returns what the last round saw and the wasm memory size (if any) after the
 * warm-up and at the end. */
async function soak(page, who, rounds) {
  return page.evaluate(async ({ poolData, who, warmUp, rounds }) => {
    const signInPool = new AC.CognitoUserPool(poolData);
    const signInUser = new AC.CognitoUser({ Username: who.username, Pool: signInPool });
    await new Promise((resolve, reject) => signInUser.authenticateUser(
      new AC.AuthenticationDetails({ Username: who.username, Password: who.password }),
      { onSuccess: resolve, onFailure: reject },
    ));
    const memory = () => {
      const instance = (window.wasmInstances || []).find((i) => i.exports.memory instanceof WebAssembly.Memory);
      return instance ? instance.exports.memory.buffer.byteLength : null;
    };
    const pool = new AC.CognitoUserPool(poolData);
    let seen;
    const round = () => {
      const user = pool.getCurrentUser();
      user.getSession((err, session) => {
        if (err) throw err;
        seen = {
          valid: session.isValid(),
          idToken: session.getIdToken().getJwtToken().length > 0,
          accessToken: session.getAccessToken().getJwtToken().length > 0,
          sub: session.getIdToken().payload.sub,
          exp: session.getAccessToken().getExpiration() > 0,
          refresh: session.getRefreshToken().getToken().length > 0,
        };
      });
    };
    for (let i = 0; i < warmUp; i++) round();
    const afterWarmUp = memory();
    for (let i = 0; i < rounds; i++) round();
    return { seen, afterWarmUp, atEnd: memory() };
  }, { poolData, who, warmUp: WARM_UP_ROUNDS, rounds });
}

describe('20,000 rounds of getCurrentUser + getSession + the token getters in one page', () => {
  for (const library of ['ours', 'JS SDK']) {
    it(`${library}: a valid session with its tokens every round${library === 'ours' ? '; wasm memory grows by at most 1 MB after the first thousand rounds' : ''}`, async () => {
      const page = await newPage({ page: library === 'ours' ? 'script' : 'oracle', init: [catchWasmInstances] });
      const who = await signUpConfirmed(backend, pool, uniqueName('soak'));
      const out = await soak(page, who, ROUNDS);
      assert.deepEqual(out.seen, { valid: true, idToken: true, accessToken: true, sub: out.seen.sub, exp: true, refresh: true });
      assert.ok(out.seen.sub, 'the ID token has its payload');
      if (library === 'JS SDK') {
        assert.equal(out.afterWarmUp, null, 'the JS SDK has no wasm');
        return;
      }
      assert.ok(out.afterWarmUp > 0, 'the wasm instance was caught');
      const growth = out.atEnd - out.afterWarmUp;
      console.log(`# wasm memory: ${out.afterWarmUp} bytes after ${WARM_UP_ROUNDS} rounds, ${out.atEnd} after ${ROUNDS} more (+${growth})`);
      assert.ok(growth <= MAX_GROWTH_BYTES, `grew by ${growth} bytes`);
    });
  }
});
