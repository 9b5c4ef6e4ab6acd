// Panics end to end (issue 7: no panics across the boundary): headless Chromium, the
// panic-probe test build (target/pkg-panic-probe, built by scripts/test.sh with
// `node scripts/build.mjs --features panic-probe --out target/pkg-panic-probe`), the
// project's emulator. `AC.armPanicProbe(point)` makes the next pass through `point` panic:
//   - 'after-fetch': in the fetch transport once a response arrived, i.e. inside the
//     operation's future mid-flight (a sign-in before its next request, a refresh shared by
//     parallel getSession calls before it lands);
//   - 'authenticate-sync': in authenticateUser's entry into the wasm, after its Promise is set up;
//   - 'current-user': in getCurrentUser, a sync method with nothing but a return value.
// For each: the call reports exactly one WasmPanicException through its own callback
// object, Node-style callback or Promise (or, for getCurrentUser, throws it), localStorage is
// untouched, no uncaught error reaches the page, and afterwards the same CognitoUser object
// and new ones sign in and get their session.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueName } from '../support/admin.mjs';
import { ROOT, signUpConfirmed } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';
import { startStaticServer } from '../support/static-server.mjs';

const PROBE_PKG = join(ROOT, 'target', 'pkg-panic-probe');
const CODE = 'WasmPanicException';
const FORMS = ['object', 'node', 'promise'];

/** The test pages, with /pkg the panic-probe build. */
function startProbePagesServer() {
  if (!existsSync(join(PROBE_PKG, 'amazon-cognito-identity.min.js'))) {
    throw new Error('target/pkg-panic-probe is missing: run `node scripts/build.mjs --features panic-probe --out target/pkg-panic-probe`');
  }
  return startStaticServer({ '/pkg': PROBE_PKG, '/pages': join(ROOT, 'tests', 'pages') });
}

const { backend: emu, pool, poolData, newPage: newLibraryPage } = useBackendPages('emulator', { poolName: 'panic', startServer: startProbePagesServer });

/** In-page helpers (window.p), installed before the page's own scripts. */
function pageHelpers() {
  const plain = (v) => (v === null || v === undefined || typeof v !== 'object' ? v : `[${v.constructor && v.constructor.name}]`);
  window.p = {
    user: (poolData, username) => new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) }),
    details: (username, password) => new AC.AuthenticationDetails({ Username: username, Password: password }),
    /**
     * Starts `start(cb)` in `form` ('object', 'node' or 'promise'), collects every delivery
     * until 400 ms after the first, and sums it up with localStorage before and after.
     */
    async deliveries(form, start) {
      const before = harness.storageSnapshot();
      const onlyOnce = { settleMs: 400, timeoutMs: 15000 };
      let r;
      if (form === 'object') {
        r = await harness.callbacks(['onSuccess', 'onFailure', 'mfaRequired', 'totpRequired'], start, onlyOnce);
        r.calls = r.calls.map((c) => ({ name: c.name, thisIsCallback: c.thisIsCallback, err: c.name === 'onFailure' ? harness.errInfo(c.args[0]) : undefined, value: plain(c.args[0]) }));
      } else if (form === 'node') {
        r = await harness.nodeCallback(start, onlyOnce);
        r.calls = r.calls.map((c) => ({ name: c.err ? 'err' : 'ok', err: harness.errInfo(c.err), value: plain(c.result) }));
      } else {
        let returned;
        let thrown;
        try {
          returned = start(undefined);
        } catch (e) {
          thrown = harness.errInfo(e);
        }
        const s = await harness.settle(returned);
        await harness.sleep(400);
        r = { thrown, returnedPromise: harness.isPromise(returned), calls: [s.ok ? { name: 'resolve', value: plain(s.value) } : { name: 'reject', err: harness.errInfo(s.error) }] };
      }
      return { ...r, returned: plain(r.returned), before, after: harness.storageSnapshot() };
    },
  };
}

/** A page of the probe build (by script tag, or 'module') with the helpers as window.p. */
const newPage = (name = 'script') => newLibraryPage({ page: name, init: pageHelpers });

/** The one delivery was a WasmPanicException, nothing thrown, storage untouched. */
function assertOnePanicError(out, label) {
  assert.equal(out.thrown, undefined, `${label}: nothing thrown`);
  assert.equal(out.calls.length, 1, `${label}: exactly one delivery, got ${JSON.stringify(out.calls)}`);
  const [call] = out.calls;
  assert.ok(['onFailure', 'err', 'reject'].includes(call.name), `${label}: a failure, got ${JSON.stringify(call)}`);
  if (call.name === 'onFailure') assert.equal(call.thisIsCallback, true, `${label}: this = the callback object`);
  if (call.name === 'err') assert.equal(call.value ?? null, null, `${label}: no result with the error`);
  assertPanicError(call.err, label);
  assert.deepEqual(out.after, out.before, `${label}: localStorage as before`);
}

function assertPanicError(err, label) {
  assert.equal(err.isError, true, `${label}: an Error`);
  assert.equal(err.code, CODE, `${label}: code (${err.message})`);
  assert.equal(err.name, CODE, `${label}: name = code`);
  assert.match(err.message, /^internal error in cognito-identity-wasm: panic probe /, `${label}: message`);
  assert.equal(err.statusCode, undefined, `${label}: no statusCode`);
}

/** No RuntimeError (or anything else) escaped to the page. */
function assertNoPageErrors(page) {
  const uncaught = page.consoleLines.filter((l) => l.startsWith('pageerror:'));
  assert.deepEqual(uncaught, [], `uncaught errors in the page:\n${page.consoleLines.join('\n')}`);
}

/** `user` (a page-side expression) signs in and gets its session; tokens are stored. */
async function assertSignsIn(page, userExpr, who) {
  const out = await page.evaluate(async ({ poolData, who, userExpr }) => {
    const user = userExpr === 'new' ? p.user(poolData, who.username) : window[userExpr];
    const session = await user.authenticateUser(p.details(who.username, who.password));
    const again = await new Promise((resolve, reject) => user.getSession((err, s) => (err ? reject(err) : resolve(s))));
    const stored = harness.keysWithPrefix(localStorage, `CognitoIdentityServiceProvider.${poolData.ClientId}.${who.username}.`);
    return { valid: session.isValid(), sameTokens: again.getIdToken().getJwtToken() === session.getIdToken().getJwtToken(), stored: stored.length };
  }, { poolData, who, userExpr });
  assert.deepEqual(out, { valid: true, sameTokens: true, stored: out.stored });
  assert.ok(out.stored >= 3, 'tokens stored');
}

describe('a panic in the wasm', () => {
  let page;
  let ann;
  before(async () => {
    page = await newPage();
    ann = await signUpConfirmed(emu, pool, uniqueName('ann'));
    await page.evaluate(({ poolData, ann }) => { window.annUser = p.user(poolData, ann.username); }, { poolData, ann });
  });
  after(() => assertNoPageErrors(page));

  for (const [point, where] of [['after-fetch', 'mid-flight, once Cognito answered'], ['authenticate-sync', 'in authenticateUser itself']]) {
    it(`${where} (${point}): one WasmPanicException per form through the call's own callback or Promise; storage untouched; the same object then signs in`, async () => {
      for (const form of FORMS) {
        const out = await page.evaluate(({ ann, form, point }) => {
          AC.armPanicProbe(point);
          return p.deliveries(form, (cb) => annUser.authenticateUser(p.details(ann.username, ann.password), cb));
        }, { ann, form, point });
        const label = `${point} (${form})`;
        assertOnePanicError(out, label);
        if (form === 'promise') assert.equal(out.returnedPromise, true, `${label}: a Promise returned`);
        else assert.equal(out.returned, undefined, `${label}: undefined returned`);
      }
      await assertSignsIn(page, 'annUser', ann);
      await assertSignsIn(page, 'new', ann);
    });
  }

  it('in a sync method with no callback (getCurrentUser): it throws WasmPanicException; the same object answers next time and signs in', async () => {
    const out = await page.evaluate(({ poolData }) => {
      const pool = new AC.CognitoUserPool(poolData);
      localStorage.setItem(`CognitoIdentityServiceProvider.${poolData.ClientId}.LastAuthUser`, 'someone');
      AC.armPanicProbe('current-user');
      let thrown;
      try {
        pool.getCurrentUser();
      } catch (e) {
        thrown = harness.errInfo(e);
      }
      const next = pool.getCurrentUser().getUsername();
      localStorage.clear();
      return { thrown, next };
    }, { poolData });
    assertPanicError(out.thrown, 'getCurrentUser');
    assert.equal(out.next, 'someone');
    await assertSignsIn(page, 'annUser', ann);
  });

  it('calls in flight when it happens fail too, once each, and write nothing; later calls work', async () => {
    const bo = await signUpConfirmed(emu, pool, uniqueName('bo'));
    const outs = await page.evaluate(({ poolData, ann, bo }) => {
      localStorage.clear();
      AC.armPanicProbe('after-fetch'); // whichever sign-in hears back first panics
      return Promise.all([
        p.deliveries('object', (cb) => p.user(poolData, ann.username).authenticateUser(p.details(ann.username, ann.password), cb)),
        p.deliveries('promise', () => p.user(poolData, bo.username).authenticateUser(p.details(bo.username, bo.password))),
      ]);
    }, { poolData, ann, bo });
    assertOnePanicError(outs[0], 'ann (callbacks)');
    assertOnePanicError(outs[1], 'bo (Promise)');
    assert.deepEqual(outs[1].after, {}, 'nothing stored');
    await assertSignsIn(page, 'new', bo);
  });

  it('in a refresh shared by parallel getSession calls: each fails once, the expired session stays; the next getSession refreshes', async () => {
    const cy = await signUpConfirmed(emu, pool, uniqueName('cy'));
    await emu.post('/_test/token-lifetime', { clientId: pool.ClientId, accessSeconds: 1, idSeconds: 1 });
    try {
      await page.evaluate(async ({ poolData, cy }) => {
        window.cyUser = p.user(poolData, cy.username);
        const session = await cyUser.authenticateUser(p.details(cy.username, cy.password));
        for (let i = 0; i < 50 && session.isValid(); i++) await harness.sleep(100);
        if (session.isValid()) throw new Error('the 1-second tokens did not expire');
      }, { poolData, cy });
    } finally {
      await emu.test('/_test/token-lifetime', { method: 'DELETE' });
    }
    const outs = await page.evaluate(({ poolData, cy }) => {
      AC.armPanicProbe('after-fetch');
      const other = p.user(poolData, cy.username);
      return Promise.all([
        p.deliveries('node', (cb) => cyUser.getSession(cb)),
        p.deliveries('node', (cb) => other.getSession(cb)),
      ]);
    }, { poolData, cy });
    assertOnePanicError(outs[0], 'getSession (leader)');
    assertOnePanicError(outs[1], 'getSession (follower)');
    // It must not join the abandoned refresh, nor wait for the Web Lock that one held.
    const next = await page.evaluate(() => Promise.race([
      new Promise((resolve) => cyUser.getSession((err, s) => resolve(err ? harness.errInfo(err) : s.isValid()))),
      harness.sleep(10000).then(() => 'no answer within 10 s'),
    ]));
    assert.equal(next, true, `the next getSession refreshes: ${JSON.stringify(next)}`);
  });
});

describe('the ES module entry', () => {
  it('reports a panic the same way, and keeps working', async () => {
    const page = await newPage('module');
    const dee = await signUpConfirmed(emu, pool, uniqueName('dee'));
    const out = await page.evaluate(({ poolData, dee }) => {
      window.deeUser = p.user(poolData, dee.username);
      AC.armPanicProbe('current-user');
      try {
        new AC.CognitoUserPool(poolData).getCurrentUser();
        return null;
      } catch (e) {
        return harness.errInfo(e);
      }
    }, { poolData, dee });
    assertPanicError(out, 'getCurrentUser (ES module)');
    const promised = await page.evaluate(({ dee }) => {
      AC.armPanicProbe('after-fetch');
      return p.deliveries('promise', () => deeUser.authenticateUser(p.details(dee.username, dee.password)));
    }, { dee });
    assertOnePanicError(promised, 'authenticateUser (ES module)');
    await assertSignsIn(page, 'deeUser', dee);
    assertNoPageErrors(page);
  });
});
