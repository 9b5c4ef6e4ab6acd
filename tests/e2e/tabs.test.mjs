// Many tabs, one session: four tabs of one origin with an expired session call getSession
// at once and exactly one refresh request goes out (Web Locks, and the storage lease where
// navigator.locks is missing); with refresh-token rotation every tab ends up valid. A
// sign-out in one tab reaches the other tab's onSessionChange listener.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { createPoolAndClient, signUpConfirmed, PASSWORD } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const { backend, newContext, newPage } = useBackendPages('emulator');

/** An init script (it runs before any of the page's): as in a browser without the Web Locks API. */
const removeWebLocks = () => { delete Navigator.prototype.locks; };

/** `count` tabs (pages of one browser context, so they share localStorage) on the script-tag page. */
async function openTabs(context, count, { withoutWebLocks = false } = {}) {
  const pages = [];
  for (let i = 0; i < count; i++) pages.push(await newPage({ context, init: withoutWebLocks ? removeWebLocks : [] }));
  return pages;
}

/** A confirmed user signed in from `page`, with tokens that expire 2 s after issue. */
async function signedInWithShortTokens(page, poolData, username) {
  await backend.post('/_test/token-lifetime', { clientId: poolData.ClientId, accessSeconds: 2, idSeconds: 2 });
  await page.evaluate(async ({ poolData, username, password }) => {
    const pool = new AC.CognitoUserPool(poolData);
    const user = new AC.CognitoUser({ Username: username, Pool: pool });
    await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
  }, { poolData, username, password: PASSWORD });
  await new Promise((r) => setTimeout(r, 3000)); // let the tokens expire
  // Refreshed tokens last the usual hour, so a slow tab cannot find them expired again.
  await backend.test('/_test/token-lifetime', { method: 'DELETE' });
}

/** getSession in every tab at the same moment; each tab reports its session. */
function getSessionEverywhere(pages, poolData) {
  return Promise.all(pages.map((page) => page.evaluate(async (poolData) => {
    const pool = new AC.CognitoUserPool(poolData);
    const session = await pool.getCurrentUser().getSession();
    return { valid: session.isValid(), refreshToken: session.getRefreshToken().getToken(), idToken: session.getIdToken().getJwtToken() };
  }, poolData)));
}

async function refreshRequests() {
  const initiate = (await backend.requests('InitiateAuth')).filter((r) => r.json?.AuthFlow === 'REFRESH_TOKEN_AUTH');
  const rotating = await backend.requests('GetTokensFromRefreshToken');
  return initiate.length + rotating.length;
}

async function scenario({ rotation, withoutWebLocks }) {
  const pool = await createPoolAndClient(backend.endpoint, { poolName: uniqueName('tabs') });
  const poolData = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint, refreshTokenRotation: rotation };
  if (rotation) await backend.post('/_test/refresh-rotation', { clientId: pool.ClientId, enabled: true, graceSeconds: 0 });
  const username = uniqueName('tab');
  await signUpConfirmed(backend, pool, username);
  const context = await newContext();
  try {
    const pages = await openTabs(context, 4, { withoutWebLocks });
    if (withoutWebLocks) assert.equal(await pages[0].evaluate(() => 'locks' in navigator), false);
    await signedInWithShortTokens(pages[0], poolData, username);
    await backend.post('/_test/requests/clear');
    const sessions = await getSessionEverywhere(pages, poolData);
    assert.equal(await refreshRequests(), 1, 'exactly one refresh request for four tabs');
    for (const s of sessions) {
      assert.equal(s.valid, true);
      assert.equal(s.idToken, sessions[0].idToken, 'every tab has the one refreshed session');
      assert.equal(s.refreshToken, sessions[0].refreshToken);
    }
    // The stored refresh token works (with rotation: it is the new one, the old is dead).
    return sessions[0];
  } finally {
    await context.close();
  }
}

describe('many tabs, one refresh', () => {
  it('Web Locks: four tabs send one refresh', async () => {
    await scenario({ rotation: false, withoutWebLocks: false });
  });

  it('Web Locks with refresh-token rotation: one refresh and every tab valid', async () => {
    await scenario({ rotation: true, withoutWebLocks: false });
  });

  it('storage lease (no navigator.locks) with rotation: one refresh and every tab valid', async () => {
    await scenario({ rotation: true, withoutWebLocks: true });
  });
});

describe('session events across tabs', () => {
  it('a sign-out in one tab fires the other tab\'s listener and signs it out', async () => {
    const pool = await createPoolAndClient(backend.endpoint, { poolName: uniqueName('events') });
    const poolData = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint };
    const username = uniqueName('ev');
    await signUpConfirmed(backend, pool, username);
    const context = await newContext();
    try {
      const [one, two] = await openTabs(context, 2);
      await two.evaluate((poolData) => {
        window.events = [];
        window.unsubscribe = new AC.CognitoUserPool(poolData).onSessionChange((e) => window.events.push(e));
      }, poolData);
      // Tab one signs in: tab two hears of it; tab one's own listener reports a local change.
      await one.evaluate(async ({ poolData, username, password }) => {
        const pool = new AC.CognitoUserPool(poolData);
        window.local = [];
        pool.onSessionChange((e) => window.local.push(e));
        await new AC.CognitoUser({ Username: username, Pool: pool }).authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
      }, { poolData, username, password: PASSWORD });
      await two.waitForFunction(() => window.events.length >= 1);
      assert.deepEqual(await two.evaluate(() => window.events), [{ type: 'signIn', username, otherTab: true }]);
      assert.deepEqual(await one.evaluate(() => window.local), [{ type: 'signIn', username, otherTab: false }]);

      await one.evaluate((poolData) => new AC.CognitoUserPool(poolData).getCurrentUser().signOut(), poolData);
      await two.waitForFunction(() => window.events.length >= 2);
      assert.deepEqual((await two.evaluate(() => window.events))[1], { type: 'signOut', username, otherTab: true });
      assert.equal(await two.evaluate((poolData) => new AC.CognitoUserPool(poolData).getCurrentUser(), poolData), null);

      // After unsubscribing, nothing more arrives.
      await two.evaluate(() => window.unsubscribe());
      await one.evaluate(async ({ poolData, username, password }) => {
        const pool = new AC.CognitoUserPool(poolData);
        await new AC.CognitoUser({ Username: username, Pool: pool }).authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }));
      }, { poolData, username, password: PASSWORD });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await two.evaluate(() => window.events.length), 2);
    } finally {
      await context.close();
    }
  });
});
