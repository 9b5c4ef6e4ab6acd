// The next sign-in's SRP a and A, computed at idle time on signed-out pages
// (src/srp/ahead.rs, src/js/srp_ahead.rs): headless Chromium, the library by script tag,
// the project's emulator (which checks every SRP proof). crypto.getRandomValues is
// wrapped before the library loads so the test sees when each `a` (64 bytes) is drawn
// and what it is; SRP_A on the wire is then checked to be exactly g^a mod N.
//   (a) a pool made on a signed-out page draws an `a` at idle time; the sign-in that
//       follows sends g^that a, draws nothing itself, and succeeds;
//   (b) a precomputed `a` is used once: after sign-out, the next sign-in draws a new one;
//   (c) a refused password has the next `a` ready before the user tries again;
//   (d) a page with a signed-in user computes nothing ahead;
//   (e) a sign-in that starts before the idle time comes cancels the work (it has its a).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { signUpConfirmed, sleep, waitReady } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';
import { N, modPow } from '../emulator/srp-server.mjs';

/** Bytes of the secret SRP exponent a (SMALL_A_BYTES in src/srp/client.rs). */
const A_BYTES = 64;

const { backend: emu, pool, poolData, newPage: openLibraryPage } = useBackendPages('emulator', { poolName: 'ahead' });

/** Installed before the library loads: records every draw (its bytes, and what the page was doing). */
function recordDraws() {
  window.draws = [];
  window.phase = 'idle';
  const real = Crypto.prototype.getRandomValues;
  Crypto.prototype.getRandomValues = function (array) {
    const out = real.call(this, array);
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    window.draws.push({ phase: window.phase, hex: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') });
    return out;
  };
  /** Signs in with `password`, marking the draws made meanwhile; the outcome's code or 'ok'. */
  window.signIn = (user, password) => {
    window.phase = 'sign-in';
    return user.authenticateUser(new AC.AuthenticationDetails({ Username: user.getUsername(), Password: password })).then(
      () => 'ok',
      (e) => e.code,
    ).finally(() => { window.phase = 'idle'; });
  };
}

const newPage = () => openLibraryPage({ init: recordDraws });

/**
 * A new confirmed user and a fresh signed-out page whose pool and CognitoUser (window.user)
 * are made at once (unless `makeUser` is false), as an app does at load; the emulator's
 * request log is cleared.
 */
async function pageWithUser({ makeUser = true } = {}) {
  const user = await signUpConfirmed(emu, pool, uniqueName('ahead'));
  const page = await newPage();
  await emu.post('/_test/requests/clear');
  if (!makeUser) return { user, page };
  await page.evaluate(({ poolData, username }) => {
    window.user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
  }, { poolData, username: user.username });
  return { user, page };
}

/** The SRP `a` draws (64 bytes) so far, in order. */
const secretDraws = (page) => page.evaluate((n) => window.draws.filter((d) => d.hex.length === 2 * n), A_BYTES);

/** Waits until the page has made `count` SRP `a` draws (the idle callback has run). */
async function waitForDraws(page, count) {
  for (let waited = 0; waited < 5000; waited += 50) {
    if ((await secretDraws(page)).length >= count) return;
    await sleep(50);
  }
  assert.fail(`no precomputed SRP a after 5 s (draws: ${JSON.stringify(await secretDraws(page))})`);
}

/** Returns once the page has had idle time (any idle work has run), and `ms` more. */
async function idleTimeGone(page, ms) {
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 300))));
  await sleep(ms);
}

const largeA = (hex) => modPow(2n, BigInt(`0x${hex}`), N).toString(16);
const sentA = async () => (await emu.requests('InitiateAuth')).map((r) => r.json.AuthParameters.SRP_A);

describe('SRP a and A computed at idle time', () => {
  it('(a) signed-out page: an a drawn at idle, the sign-in sends g^a without drawing, and succeeds; (b) used once', async () => {
    const { user, page } = await pageWithUser();
    try {
      await waitForDraws(page, 1);
      assert.equal(await page.evaluate((password) => window.signIn(window.user, password), user.password), 'ok');
      let draws = await secretDraws(page);
      assert.deepEqual(draws.map((d) => d.phase), ['idle'], 'the sign-in drew no a of its own');
      assert.deepEqual(await sentA(), [largeA(draws[0].hex)], 'SRP_A is g^a for the a drawn at idle');

      // Signed in: nothing is computed ahead. After sign-out the next sign-in draws its own a.
      await page.evaluate(() => window.user.signOut());
      assert.equal(await page.evaluate((password) => window.signIn(window.user, password), user.password), 'ok');
      draws = await secretDraws(page);
      assert.deepEqual(draws.map((d) => d.phase), ['idle', 'sign-in']);
      assert.notEqual(draws[1].hex, draws[0].hex);
      assert.deepEqual(await sentA(), [largeA(draws[0].hex), largeA(draws[1].hex)], 'each a is used once');
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });

  it('(c) a refused password: the next a is drawn at idle and the next attempt uses it', async () => {
    const { user, page } = await pageWithUser();
    try {
      await waitForDraws(page, 1);
      assert.equal(await page.evaluate(() => window.signIn(window.user, 'Wr0ng-Password!')), 'NotAuthorizedException');
      await waitForDraws(page, 2);
      assert.equal(await page.evaluate((password) => window.signIn(window.user, password), user.password), 'ok');
      const draws = await secretDraws(page);
      assert.deepEqual(draws.map((d) => d.phase), ['idle', 'idle'], 'neither attempt drew its own a');
      assert.deepEqual(await sentA(), draws.map((d) => largeA(d.hex)));
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });

  it('(d) a page with a signed-in user computes nothing ahead', async () => {
    const { user, page } = await pageWithUser();
    try {
      assert.equal(await page.evaluate((password) => window.signIn(window.user, password), user.password), 'ok');
      // The next page load of the same origin: a signed-in user.
      await page.reload();
      await waitReady(page);
      const current = await page.evaluate((poolData) => new AC.CognitoUserPool(poolData).getCurrentUser()?.getUsername(), poolData);
      assert.equal(current, user.username);
      await idleTimeGone(page, 1000);
      assert.deepEqual(await secretDraws(page), [], 'no a drawn on a signed-in page');
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });

  it('(e) a sign-in started before idle time: it draws its own a and none is computed ahead', async () => {
    const { user, page } = await pageWithUser({ makeUser: false });
    try {
      // Pool, user and sign-in in one task: the idle callback can only come later.
      const outcome = await page.evaluate(({ poolData, username, password }) => {
        window.user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
        return window.signIn(window.user, password);
      }, { poolData, username: user.username, password: user.password });
      assert.equal(outcome, 'ok');
      await idleTimeGone(page, 500);
      const draws = await secretDraws(page);
      assert.deepEqual(draws.map((d) => d.phase), ['sign-in']);
      assert.deepEqual(await sentA(), [largeA(draws[0].hex)]);
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });
});
