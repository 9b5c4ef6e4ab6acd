// The package in Node 18+: `import` of pkg/index.js and `require` of pkg/index.cjs each
// sign up, confirm and sign in against the project's emulator, with Node's global fetch
// and, Node having no localStorage, the in-memory storage. ESM uses the Promise forms,
// CommonJS the callback forms. Needs `npm run build` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPoolAndClient, uniqueName } from '../support/admin.mjs';
import { startEmulator } from '../emulator/server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'pkg');
const PASSWORD = 'Corr3ct-Horse!';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let emu;
before(async () => {
  for (const f of ['index.js', 'index.cjs']) assert.ok(existsSync(join(PKG, f)), `pkg/${f} is missing: run \`npm run build\` first`);
  emu = await startEmulator({ port: 0 });
});
after(() => emu?.close());

async function signUpCode(pool, username) {
  const q = `userPoolId=${encodeURIComponent(pool.UserPoolId)}&username=${encodeURIComponent(username)}`;
  const codes = await (await fetch(`${emu.url}/_test/codes?${q}`)).json();
  assert.ok(codes.signUp, `no sign-up code for ${username}: ${JSON.stringify(codes)}`);
  return codes.signUp;
}

/** Node-style call → Promise of [err, result], asserting a single call. */
function nodeStyle(start) {
  return new Promise((resolve) => {
    let calls = 0;
    const returned = start((err, result) => {
      calls += 1;
      assert.equal(calls, 1, 'callback called twice');
      resolve([err, result]);
    });
    assert.equal(returned, undefined, 'a call with a callback returns undefined');
  });
}

/** Callback-object call → Promise of ['onSuccess' | 'onFailure' | ..., argument]. */
function withCallbacks(start) {
  return new Promise((resolve) => {
    const callbacks = {};
    for (const m of ['onSuccess', 'onFailure', 'mfaRequired', 'totpRequired', 'newPasswordRequired', 'customChallenge', 'mfaSetup', 'selectMFAType']) {
      callbacks[m] = (arg) => resolve([m, arg]);
    }
    start(callbacks);
  });
}

const jwtPayload = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

describe('Node: no localStorage, global fetch', () => {
  it('this Node has fetch and no localStorage (what the tests below rely on)', () => {
    assert.equal(typeof fetch, 'function');
    assert.equal(typeof globalThis.localStorage, 'undefined');
  });
});

describe('import pkg/index.js (ES module), Promise forms', () => {
  let AC;
  let pool;
  const username = uniqueName('esm');
  before(async () => {
    AC = await import(pathToFileURL(join(PKG, 'index.js')).href);
    pool = await createPoolAndClient(emu.url, { poolName: uniqueName('node') });
  });

  it('classes work right after import; the pool falls back to MemoryStorage', () => {
    const userPool = new AC.CognitoUserPool({ UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url });
    assert.ok(userPool.storage instanceof AC.MemoryStorage, `storage is ${userPool.storage}`);
    assert.equal(userPool.getCurrentUser(), null);
  });

  it('signs up, confirms, signs in, reads attributes, restores the session and signs out', async () => {
    const poolData = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url };
    const userPool = new AC.CognitoUserPool(poolData);
    const email = new AC.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` });

    const signedUp = await userPool.signUp(username, PASSWORD, [email], null);
    assert.equal(signedUp.userConfirmed, false);
    assert.match(signedUp.userSub, UUID);
    assert.equal(signedUp.codeDeliveryDetails.DeliveryMedium, 'EMAIL');
    assert.ok(signedUp.user instanceof AC.CognitoUser);

    assert.equal(await signedUp.user.confirmRegistration(await signUpCode(pool, username), true), 'SUCCESS');

    const user = new AC.CognitoUser({ Username: username, Pool: userPool });
    const session = await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: PASSWORD }));
    assert.ok(session instanceof AC.CognitoUserSession);
    assert.equal(session.isValid(), true);
    assert.equal(session.getIdToken().payload['cognito:username'], username);
    assert.equal(jwtPayload(session.getAccessToken().getJwtToken()).username, username);
    assert.equal(session.getIdToken().payload.sub, signedUp.userSub);

    const attributes = await user.getUserAttributes();
    assert.equal(attributes.find((a) => a.getName() === 'email')?.getValue(), `${username}@example.com`);

    // A new pool object sees the stored session (MemoryStorage is shared in this process).
    const current = new AC.CognitoUserPool(poolData).getCurrentUser();
    assert.equal(current?.getUsername(), username);
    const restored = await current.getSession();
    assert.equal(restored.getAccessToken().getJwtToken(), session.getAccessToken().getJwtToken());

    await current.signOut();
    assert.equal(new AC.CognitoUserPool(poolData).getCurrentUser(), null);
  });

  it('a wrong password rejects with the SDK\'s error shape', async () => {
    const userPool = new AC.CognitoUserPool({ UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url });
    const user = new AC.CognitoUser({ Username: username, Pool: userPool });
    const err = await user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: 'Wr0ng-password!' })).then(
      () => assert.fail('signed in with a wrong password'),
      (e) => e,
    );
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'NotAuthorizedException');
    assert.equal(err.name, 'NotAuthorizedException');
    assert.equal(err.statusCode, 400);
  });

  it('getSignInUserSession() is null before sign-in, as in amazon-cognito-identity-js', () => {
    const userPool = new AC.CognitoUserPool({ UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url });
    assert.equal(new AC.CognitoUser({ Username: 'nobody', Pool: userPool }).getSignInUserSession(), null);
  });
});

describe('require pkg/index.cjs (CommonJS), callback forms', () => {
  let AC;
  let pool;
  const username = uniqueName('cjs');
  before(async () => {
    AC = createRequire(import.meta.url)(join(PKG, 'index.cjs'));
    pool = await createPoolAndClient(emu.url, { poolName: uniqueName('node') });
  });

  it('exports the same names as the ES module entry', async () => {
    const esm = await import(pathToFileURL(join(PKG, 'index.js')).href);
    assert.deepEqual(Object.keys(AC).sort(), Object.keys(esm).sort());
    assert.equal(globalThis.AmazonCognitoIdentity, undefined, 'require must not define the script-tag global');
  });

  it('signs up, confirms and signs in; the session is kept in MemoryStorage', async () => {
    const poolData = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url };
    const userPool = new AC.CognitoUserPool(poolData);
    assert.ok(userPool.storage instanceof AC.MemoryStorage);
    const email = new AC.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` });

    const [signUpErr, signedUp] = await nodeStyle((cb) => userPool.signUp(username, PASSWORD, [email], null, cb));
    assert.equal(signUpErr, null);
    assert.equal(signedUp.userConfirmed, false);
    assert.equal(signedUp.user.getUsername(), username);

    const code = await signUpCode(pool, username);
    const [confirmErr, confirmed] = await nodeStyle((cb) => signedUp.user.confirmRegistration(code, true, cb));
    assert.equal(confirmErr, null);
    assert.equal(confirmed, 'SUCCESS');

    const user = new AC.CognitoUser({ Username: username, Pool: userPool });
    const details = new AC.AuthenticationDetails({ Username: username, Password: PASSWORD });
    const [outcome, session] = await withCallbacks((callbacks) => user.authenticateUser(details, callbacks));
    assert.equal(outcome, 'onSuccess', `${outcome}: ${session?.message}`);
    assert.equal(session.isValid(), true);
    assert.equal(session.getIdToken().payload.email, `${username}@example.com`);
    assert.equal(user.getSignInUserSession().getIdToken().getJwtToken(), session.getIdToken().getJwtToken());

    const stored = new AC.MemoryStorage().getItem(`CognitoIdentityServiceProvider.${pool.ClientId}.LastAuthUser`);
    assert.equal(stored, username);

    const [sessionErr, restored] = await nodeStyle((cb) => new AC.CognitoUserPool(poolData).getCurrentUser().getSession(cb));
    assert.equal(sessionErr, null);
    assert.equal(restored.getRefreshToken().getToken(), session.getRefreshToken().getToken());
  });
});

describe('the user agent: appendToCognitoUserAgent and the /internals entry', () => {
  /** The X-Amz-User-Agent of one request `library` sends (a forgotPassword for nobody). */
  async function userAgentOfARequest(library, poolData) {
    const seen = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (url, init) => {
      seen.push(new Headers(init.headers).get('X-Amz-User-Agent'));
      return realFetch(url, init);
    };
    try {
      const user = new library.CognitoUser({ Username: uniqueName('nobody'), Pool: new library.CognitoUserPool(poolData) });
      await new Promise((resolve) => user.forgotPassword({ onSuccess: resolve, onFailure: resolve, inputVerificationCode: resolve }));
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.equal(seen.length, 1, 'one request');
    return seen[0];
  }

  it('the JS SDK and ours: the header is the user agent, then what was appended, the auth category and the framework, as the internals entry set them', async () => {
    const pool = await createPoolAndClient(emu.url, { poolName: uniqueName('ua') });
    const poolData = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url };
    const require = createRequire(import.meta.url);
    const sdk = { main: require('amazon-cognito-identity-js'), internals: require('amazon-cognito-identity-js/internals') };
    const ours = {
      main: await import(pathToFileURL(join(PKG, 'index.js')).href),
      internals: await import(pathToFileURL(join(PKG, 'internals', 'index.js')).href),
      cjs: require(join(PKG, 'internals', 'index.cjs')),
    };
    for (const [name, lib] of [['JS SDK', sdk], ['ours', ours]]) {
      const base = await userAgentOfARequest(lib.main, poolData);
      assert.match(base, /^aws-amplify\/\S+/, `${name}: the JS SDK's Amplify user agent`);
      lib.main.appendToCognitoUserAgent('myapp/1.2');
      lib.main.appendToCognitoUserAgent('myapp/1.2'); // once only
      lib.internals.addAuthCategoryToCognitoUserAgent();
      lib.internals.addFrameworkToCognitoUserAgent('react');
      assert.equal(await userAgentOfARequest(lib.main, poolData), `${base} myapp/1.2 auth framework/react`, name);
    }
    // The CommonJS /internals changes the user agent of the CommonJS entry (a module system's
    // own instance of the package, as for any dual package).
    ours.cjs.addFrameworkToCognitoUserAgent('vue');
    assert.match(await userAgentOfARequest(require(join(PKG, 'index.cjs')), poolData), / framework\/vue$/);
  });
});
