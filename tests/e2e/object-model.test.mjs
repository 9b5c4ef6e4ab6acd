// The JS SDK's object model, checked on ours (issue #15, "Done when", first bullet).
//
// In Chromium against the project's emulator, the same in-page walker
// (tests/pages/object-model.js) records the model of the JS SDK 6.3.21 (its browser bundle,
// /oracle) and of ours (/pkg, the script-tag bundle): every export and class (prototype
// methods up the chain with their arity, accessors, statics), and the own properties of
// every live object at each step of sign-up, sign-in (no challenge, each challenge callback,
// onSuccess), getSession, refreshSession, signOut and a remembered device, with what
// JSON.stringify and structuredClone make of each. Then:
//
//   - every export of the JS SDK exists on ours, as the same kind of value and arity;
//   - every method its index.d.ts declares (read with the TypeScript compiler API,
//     tests/support/sdk-declarations.mjs), the undocumented ones issue #15 lists, and all of
//     AuthenticationHelper's and DateHelper's, exist on ours with the same kind and arity;
//   - the instance properties the d.ts declares and the ones issue #15 lists (user: username,
//     pool, Session, client, signInUserSession…; pool: userPoolId, clientId, storage…) are
//     there on ours at every step where the JS SDK has them, as the same kind of property;
//   - the own enumerable keys of every instance at every step equal the JS SDK's, each
//     holding the same kind of value (ours may keep more state, but not enumerable);
//   - JSON.stringify and structuredClone give the same shape (keys and kinds of values);
//   - every step that goes through on the JS SDK goes through on ours.
//
// Self-check: the JS SDK is recorded twice (two pages, other users) and every check above
// run with it on both sides must find nothing, which proves the walker and the checks do
// not flag what merely changes from run to run; and the JS SDK's model must show what the
// checks rely on (Session mid-challenge, the device keys, inherited token methods…).
//
// Set OBJECT_MODEL_DUMP=<dir> to write the three models and the differences as JSON.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueName } from '../support/admin.mjs';
import { mfaPool, mfaUser } from '../support/challenge-users.mjs';
import { PASSWORD, adminCall, createPoolAndClient, exposeEmulatorCodes, signUpConfirmed } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';
import { allChecks, report, requirements } from '../support/object-model.mjs';
import { sdkDeclarations } from '../support/sdk-declarations.mjs';
import { rfc6238 } from '../support/totp.mjs';

const NEW_PASSWORD = 'N3w-Battery-Staple!';
const TEMP_PASSWORD = 'Temp-Passw0rd!';
const CUSTOM_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
/** Generous: a library that never calls back costs each step its in-page timeout (25 s). */
const RECORD_TIMEOUT_MS = 600_000;

const { backend, newPage, setUp } = useBackendPages('emulator');
const pools = {};
const declared = sdkDeclarations();
const models = {};

const poolDataOf = (pool) => ({ UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint });

setUp(async () => {
  const customPool = (name) => createPoolAndClient(backend.endpoint, { poolName: uniqueName(name), flows: CUSTOM_FLOWS });
  [pools.plain, pools.mfa, pools.mfaOn, pools.custom, pools.customPlain, pools.device] = await Promise.all([
    createPoolAndClient(backend.endpoint, { poolName: uniqueName('model') }),
    mfaPool(backend, 'modelmfa', 'OPTIONAL'),
    mfaPool(backend, 'modelmfaon', 'ON', { totp: true }),
    customPool('modelcustom'),
    customPool('modelcustomplain'),
    createPoolAndClient(backend.endpoint, {
      poolName: uniqueName('modeldevice'),
      poolSettings: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } },
      flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  ]);
  const challenge = { answer: 'otp-123', publicChallengeParameters: { question: 'code?' } };
  await backend.post('/_test/custom-auth', { userPoolId: pools.custom.UserPoolId, srpFirst: true, challenges: [challenge] });
  await backend.post('/_test/custom-auth', { userPoolId: pools.customPlain.UserPoolId, challenges: [challenge] });
});

/** Fresh users for one recording (each run signs its own users up and in). */
async function usersFor(tag) {
  const newPasswordUser = uniqueName(`om${tag}np`);
  await adminCall(backend.endpoint, 'AdminCreateUser', {
    UserPoolId: pools.plain.UserPoolId, Username: newPasswordUser, TemporaryPassword: TEMP_PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${newPasswordUser}@example.com` }],
  });
  const [sms, totp, select, mfaOn, custom, customPlain, device] = await Promise.all([
    mfaUser(backend, pools.mfa, `om${tag}sms`, { sms: true }),
    mfaUser(backend, pools.mfa, `om${tag}totp`, { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' }),
    mfaUser(backend, pools.mfa, `om${tag}sel`, { sms: true, totp: true }),
    signUpConfirmed(backend, pools.mfaOn, uniqueName(`om${tag}setup`)),
    signUpConfirmed(backend, pools.custom, uniqueName(`om${tag}cus`)),
    signUpConfirmed(backend, pools.customPlain, uniqueName(`om${tag}cusp`)),
    signUpConfirmed(backend, pools.device, uniqueName(`om${tag}dev`)),
  ]);
  return {
    plain: { poolData: poolDataOf(pools.plain), username: uniqueName(`om${tag}`), password: PASSWORD },
    mfa: { poolData: poolDataOf(pools.mfa), sms, totp, select },
    mfaOn: { poolData: poolDataOf(pools.mfaOn), ...mfaOn },
    newPassword: { poolData: poolDataOf(pools.plain), username: newPasswordUser, password: TEMP_PASSWORD, newPassword: NEW_PASSWORD },
    custom: { poolData: poolDataOf(pools.custom), ...custom, answer: 'otp-123' },
    customPlain: { poolData: poolDataOf(pools.customPlain), ...customPlain, answer: 'otp-123' },
    device: { poolData: poolDataOf(pools.device), ...device },
  };
}

/** The model of the library `page` ('oracle': the JS SDK, 'script': ours) in a fresh browser context. */
async function recordModel(pageName, tag) {
  const ctx = await usersFor(tag);
  const page = await newPage({
    page: pageName,
    beforeLoad: async (p) => {
      await exposeEmulatorCodes(p, backend);
      await p.exposeFunction('totpNow', (secret) => rfc6238(secret));
    },
  });
  try {
    await page.addScriptTag({ url: '/pages/object-model.js' });
    const library = await page.evaluate(() => objectModel.walkLibrary());
    const steps = {};
    for (const name of await page.evaluate(() => objectModel.steps)) {
      steps[name] = await page.evaluate(([n, c]) => objectModel.step(n, c), [name, ctx]);
    }
    return { library, steps, pageErrors: page.pageErrors };
  } finally {
    await page.context().close();
  }
}

const needModel = (name) => {
  assert.ok(models[name], `needs the recording of ${name} (an earlier test)`);
  return models[name];
};

/** Fails with the readable list of differences unless `lines` is empty. */
function assertNone(title, lines) {
  if (lines.length) assert.fail(`\n${report(title, lines)}`);
}

/** Every error a recording met: [{ where, what }]. */
const stepErrors = (model) => Object.entries(model.steps).flatMap(([step, r]) => Object.entries(r.errors).map(([what, err]) => ({ where: `[${step}]`, what: `${what}: ${err}` })));

function dump(name, data) {
  if (!process.env.OBJECT_MODEL_DUMP) return;
  mkdirSync(process.env.OBJECT_MODEL_DUMP, { recursive: true });
  writeFileSync(join(process.env.OBJECT_MODEL_DUMP, `${name}.json`), JSON.stringify(data, null, 1));
}

describe('the JS SDK 6.3.21 object model', () => {
  it('index.d.ts read with the TypeScript compiler: the declared classes, methods, properties and exports', () => {
    assert.deepEqual(Object.keys(declared.exports).sort(), [
      'AuthenticationDetails', 'CognitoAccessToken', 'CognitoIdToken', 'CognitoRefreshToken', 'CognitoUser', 'CognitoUserAttribute',
      'CognitoUserPool', 'CognitoUserSession', 'CookieStorage', 'UserAgent', 'WordArray', 'appendToCognitoUserAgent',
    ]);
    assert.equal(declared.exports.appendToCognitoUserAgent, 'const');
    assert.ok(declared.classes.CognitoUser.methods.includes('getSession'));
    assert.ok(declared.classes.CognitoUser.methods.includes('getCachedDeviceKeyAndPassword'));
    assert.equal(declared.classes.CognitoUser.methods.length, 40);
    assert.deepEqual(declared.classes.CognitoUser.properties, ['challengeName']);
    assert.deepEqual(declared.classes.CognitoUserAttribute.properties, ['Name', 'Value']);
    assert.deepEqual(declared.classes.CognitoIdToken.properties, ['payload']);
    assert.deepEqual(declared.classes.WordArray.methods, ['random', 'toString']);
    assert.deepEqual(declared.classes.CookieStorage.methods, ['clear', 'getItem', 'removeItem', 'setItem']);
  });

  it('records the JS SDK (run 1): every step goes through', { timeout: RECORD_TIMEOUT_MS }, async () => {
    models.sdk1 = await recordModel('oracle', 'a');
    dump('js-sdk-run1', models.sdk1);
    assertNone('steps that failed on the JS SDK', stepErrors(models.sdk1));
  });

  it('records the JS SDK (run 2, other users): every step goes through', { timeout: RECORD_TIMEOUT_MS }, async () => {
    models.sdk2 = await recordModel('oracle', 'b');
    dump('js-sdk-run2', models.sdk2);
    assertNone('steps that failed on the JS SDK', stepErrors(models.sdk2));
  });

  it("control: the JS SDK's model shows what the checks rely on", () => {
    const m = needModel('sdk1');
    const at = (step, label) => {
      const inst = m.steps[step].instances[label];
      assert.ok(inst, `[${step}] ${label} recorded`);
      return inst;
    };
    // Exports and prototypes, inherited members included.
    assert.ok(['AuthenticationHelper', 'WordArray', 'DateHelper', 'CookieStorage', 'appendToCognitoUserAgent'].every((n) => n in m.library.exports));
    assert.equal('UserAgent' in m.library.exports, false, 'the bundle does not export UserAgent, though index.d.ts declares it');
    assert.deepEqual(m.library.classes.CognitoIdToken.members.getJwtToken, { kind: 'method', arity: 0 }, 'inherited from CognitoJwtToken');
    assert.deepEqual(m.library.classes.CognitoUser.members.getCachedDeviceKeyAndPassword, { kind: 'method', arity: 0 });
    assert.deepEqual(m.library.classes.CognitoUserPool.members.signUp, { kind: 'method', arity: 6 });
    assert.equal(m.library.exports.CognitoUserPool.arity, 2);
    // The user's own properties, step by step.
    const fresh = at('constructed', 'user');
    assert.equal(fresh.class, 'CognitoUser');
    assert.deepEqual(fresh.keys, ['username', 'pool', 'Session', 'client', 'signInUserSession', 'authenticationFlowType', 'storage', 'keyPrefix', 'userDataKey']);
    assert.deepEqual(fresh.own.Session, { enumerable: true, kind: 'data', writable: true, type: 'null' });
    assert.deepEqual(fresh.own.storage, { enumerable: true, kind: 'data', writable: true, type: 'object', class: 'localStorage' });
    assert.equal(fresh.own.client.class, 'internal');
    for (const [step, label] of [['smsMfa', 'user in mfaRequired'], ['totp', 'user in totpRequired'], ['selectMfa', 'user in selectMFAType'],
      ['newPassword', 'user in newPasswordRequired'], ['customChallenge', 'user in customChallenge'], ['customChallengeInitiateAuth', 'user in customChallenge'],
      ['mfaSetup', 'user in mfaSetup']]) {
      assert.deepEqual(at(step, label).own.Session, { enumerable: true, kind: 'data', writable: true, type: 'string', string: 'non-empty' }, `${step}: Session mid-flow`);
    }
    const signedIn = at('signIn', 'user after onSuccess');
    assert.equal(signedIn.own.signInUserSession.class, 'CognitoUserSession');
    assert.ok('challengeName' in signedIn.own, 'challengeName (declared in index.d.ts) is set on success');
    const device = at('device', 'user after onSuccess (device confirmed)');
    for (const k of ['deviceKey', 'deviceGroupKey', 'randomPassword', 'verifierDevices']) assert.equal(device.own[k]?.string, 'non-empty', k);
    assert.equal(at('device', 'pool.getCurrentUser()').own.deviceKey, undefined);
    assert.equal(at('device', 'user after getCachedDeviceKeyAndPassword()').own.deviceKey?.string, 'non-empty');
    assert.equal(at('constructed', 'pool with wrapRefreshSessionCallback, Storage, AdvancedSecurityDataCollectionFlag false').own.wrapRefreshSessionCallback.type, 'function');
    assert.equal(at('constructed', 'pool').own.wrapRefreshSessionCallback, undefined);
    // What JSON.stringify and structuredClone give.
    const session = at('signIn', 'session (onSuccess argument)');
    assert.deepEqual(session.keys, ['idToken', 'refreshToken', 'accessToken', 'clockDrift']);
    assert.equal(session.json.shape.idToken.jwtToken, 'string');
    assert.equal(session.json.shape.refreshToken.token, 'string');
    assert.equal(session.clone.ok, true);
    assert.equal(signedIn.json.ok, true, 'JSON.stringify(user) works on the JS SDK (pool, client and storage included)');
    assert.equal(signedIn.json.shape.pool.client.endpoint, 'string');
    assert.deepEqual(signedIn.clone, { ok: false, error: 'DataCloneError' }, 'structuredClone(user) throws: it holds localStorage');
    const emptyToken = at('constructed', 'idToken, no argument');
    assert.deepEqual([emptyToken.keys, emptyToken.own.jwtToken.string, emptyToken.own.payload.class], [['jwtToken', 'payload'], 'empty', 'Object']);
  });

  it('self-check: every check, run with the JS SDK on both sides (two runs), finds no difference', () => {
    const [a, b] = [needModel('sdk1'), needModel('sdk2')];
    const req = requirements(declared, a);
    const found = allChecks(a, b, req);
    for (const [name, lines] of Object.entries(found)) assertNone(`self-check ${name}`, lines);
    // And the requirements are not empty: the checks had something to check.
    assert.equal(req.methods.CognitoUser.length, 52, 'the 40 index.d.ts declares and 12 more of issue #15 (getCachedDeviceKeyAndPassword is in both)');
    assert.ok(req.methods.AuthenticationHelper.includes('getPasswordAuthenticationKey'));
    assert.deepEqual(req.properties.CognitoUserPool, ['advancedSecurityDataCollectionFlag', 'client', 'clientId', 'storage', 'userPoolId', 'wrapRefreshSessionCallback']);
  });

  it('self-check: differences planted in the second run of the JS SDK are each found', () => {
    const a = needModel('sdk1');
    const b = structuredClone(needModel('sdk2'));
    const req = requirements(declared, a);
    const mid = b.steps.smsMfa.instances['user in mfaRequired'];
    delete mid.own.Session; // no Session mid-challenge
    mid.keys = mid.keys.filter((k) => k !== 'Session');
    mid.own.__wbg_ptr = { enumerable: true, kind: 'data', writable: true, type: 'number' }; // a handle instead
    mid.keys.push('__wbg_ptr');
    b.steps.signIn.instances['session (onSuccess argument)'].json.shape = { __wbg_ptr: 'number' };
    b.steps.signIn.instances['user after onSuccess'].own.username.writable = false;
    delete b.library.classes.CognitoUser.members.cacheTokens;
    b.library.classes.CognitoUser.members.getSession.arity = 0;
    delete b.library.exports.WordArray;
    b.steps.device.errors['getCachedDeviceKeyAndPassword()'] = 'TypeError: not a function';
    const found = allChecks(a, b, req);
    const whats = (name) => found[name].map((l) => `${l.where}: ${l.what}`);
    assert.deepEqual(whats('exports'), ['export WordArray: JS SDK function/2, ours missing']);
    assert.deepEqual(whats('members'), ['CognitoUser.prototype.cacheTokens: JS SDK method/0, ours missing', 'CognitoUser.prototype.getSession: JS SDK method/1, ours method/0']);
    assert.deepEqual(whats('namedProperties'), [
      '[signIn] user after onSuccess: .username: JS SDK enumerable writable string:non-empty, ours enumerable read-only string:non-empty',
      '[smsMfa] user in mfaRequired: .Session: JS SDK enumerable writable string:non-empty, ours missing',
    ]);
    assert.deepEqual(whats('instances'), [
      '[signIn] user after onSuccess: .username: JS SDK enumerable writable string:non-empty, ours enumerable read-only string:non-empty',
      '[smsMfa] user in mfaRequired: ours lacks enumerable Session',
      '[smsMfa] user in mfaRequired: ours has extra enumerable __wbg_ptr',
    ]);
    assert.deepEqual(whats('serialisation').map((l) => l.replace(/ \(JS SDK \{.*$/, '')), [
      '[signIn] session (onSuccess argument): JSON.stringify.accessToken: ours lacks it',
      '[signIn] session (onSuccess argument): JSON.stringify.clockDrift: ours lacks it (JS SDK number)',
      '[signIn] session (onSuccess argument): JSON.stringify.idToken: ours lacks it',
      '[signIn] session (onSuccess argument): JSON.stringify.refreshToken: ours lacks it',
      '[signIn] session (onSuccess argument): JSON.stringify.__wbg_ptr: ours has extra (number)',
    ]);
    assert.deepEqual(whats('steps'), ['[device]: getCachedDeviceKeyAndPassword() fails on ours: TypeError: not a function']);
  });
});

describe('ours has the JS SDK 6.3.21 object model', () => {
  let found;
  let req;
  const diff = (name) => {
    if (!found) {
      const ref = needModel('sdk1');
      req = requirements(declared, ref);
      found = allChecks(ref, needModel('ours'), req);
      dump('differences', found);
    }
    return found[name];
  };

  it('records ours', { timeout: RECORD_TIMEOUT_MS }, async () => {
    models.ours = await recordModel('script', 'o');
    dump('ours', models.ours);
    assert.ok(Object.keys(models.ours.library.exports).length > 0, 'the walker saw the library');
  });

  it('every export of the JS SDK, the same kind and arity', () => assertNone('exports ours lacks or differs on', diff('exports')));

  it("every method of index.d.ts, issue #15's undocumented ones, AuthenticationHelper's and DateHelper's: same kind and arity", () =>
    assertNone('prototype members ours lacks or differs on', diff('members')));

  it('the declared and listed instance properties, at every step where the JS SDK has them', () =>
    assertNone('instance properties ours lacks or differs on', diff('namedProperties')));

  it("own enumerable keys of every instance at every step equal the JS SDK's, holding the same kind of value", () =>
    assertNone('instance differences', diff('instances')));

  it('JSON.stringify and structuredClone give the same shape', () => assertNone('serialisation differences', diff('serialisation')));

  it('every step that goes through on the JS SDK goes through on ours', () => assertNone('steps that fail on ours', diff('steps')));

  it('what index.d.ts declares but the JS SDK bundle lacks (UserAgent) is exported by ours', () => {
    diff('exports');
    assert.deepEqual(req.declaredOnly, ['export UserAgent (class)'], 'control: the only declaration the JS SDK does not provide');
    assert.equal(needModel('ours').library.exports.UserAgent?.type, 'function', 'ours exports UserAgent');
  });
});
