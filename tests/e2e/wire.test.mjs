// What goes over the wire, read from the project's emulator request log (/_test/requests):
// the password appears in no request of the SRP flow, and the requests carry the JS SDK's
// headers (Content-Type, X-Amz-Target, X-Amz-User-Agent, Cache-Control) and body fields,
// compared with what amazon-cognito-identity-js sends from the same browser and origin.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { PASSWORD, leaks } from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const WRONG = 'Wr0ng-Passw0rd!';
const AUTH_CALLBACKS = ['onSuccess', 'onFailure', 'newPasswordRequired', 'mfaRequired', 'totpRequired', 'customChallenge', 'mfaSetup'];

const { backend: emu, pool, poolData, newPage } = useBackendPages('emulator', { poolName: 'wire' });

/** In the page (any library as window.AC): sign in with callbacks, return call names. */
async function signIn(page, username, password, flow, clientMetadata) {
  return page.evaluate(async ({ poolData, username, password, flow, names, clientMetadata }) => {
    const pool = new AC.CognitoUserPool(poolData);
    const user = new AC.CognitoUser({ Username: username, Pool: pool });
    if (flow) user.setAuthenticationFlowType(flow);
    const details = new AC.AuthenticationDetails({ Username: username, Password: password, ClientMetadata: clientMetadata });
    const { calls } = await harness.callbacks(names, (cb) => user.authenticateUser(details, cb), { settleMs: 50 });
    return calls.map((c) => (c.name === 'onFailure' ? `onFailure:${c.args[0] && c.args[0].code}` : c.name));
  }, { poolData, username, password, flow, names: AUTH_CALLBACKS, clientMetadata });
}

/** Signs a user up and confirms them through our library in `page`. */
async function registerWithOurs(page, username) {
  await page.evaluate(async ({ poolData, username, password }) => {
    const pool = new AC.CognitoUserPool(poolData);
    await pool.signUp(username, password, [new AC.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })], null);
  }, { poolData, username, password: PASSWORD });
  const code = await emu.signUpCode(pool, username);
  const res = await page.evaluate(async ({ poolData, username, code }) => {
    const user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(poolData) });
    return user.confirmRegistration(code, true);
  }, { poolData, username, code });
  assert.equal(res, 'SUCCESS');
}

const logged = (operation) => emu.test(`/_test/requests${operation ? `?operation=${operation}` : ''}`);

for (const flavour of ['script', 'module']) {
  describe(`password never on the wire (ours, ${flavour})`, () => {
    it('no InitiateAuth / RespondToAuthChallenge body of the SRP flow contains the password, right or wrong', async () => {
      const page = await newPage({ page: flavour });
      try {
        const username = uniqueName('srp');
        await registerWithOurs(page, username);
        // Control: the log holds bodies verbatim, and the leak check does find a password.
        const signUps = (await logged('SignUp')).filter((r) => JSON.parse(r.body).Username === username);
        assert.equal(signUps.length, 1);
        assert.ok(leaks(signUps[0].body, PASSWORD).length > 0, 'the SignUp body carries the password (control)');

        await emu.post('/_test/requests/clear');
        assert.deepEqual(await signIn(page, username, PASSWORD), ['onSuccess']);
        assert.deepEqual(await signIn(page, username, WRONG), ['onFailure:NotAuthorizedException']);
        const log = await logged();
        assert.deepEqual(log.map((r) => r.operation), ['InitiateAuth', 'RespondToAuthChallenge', 'InitiateAuth', 'RespondToAuthChallenge']);
        for (const r of log) {
          assert.deepEqual(leaks(r.body, PASSWORD), [], `${r.operation} leaks the password: ${r.body}`);
          assert.deepEqual(leaks(r.body, WRONG), [], `${r.operation} leaks the wrong password: ${r.body}`);
          const body = JSON.parse(r.body);
          if (r.operation === 'InitiateAuth') {
            assert.equal(body.AuthFlow, 'USER_SRP_AUTH');
            assert.equal(body.AuthParameters.PASSWORD, undefined);
          } else {
            assert.equal(body.ChallengeName, 'PASSWORD_VERIFIER');
            assert.match(body.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE, /^[A-Za-z0-9+/]+=*$/);
          }
        }
        // The two signatures differ: the claim depends on the password.
        const sigs = log.filter((r) => r.operation === 'RespondToAuthChallenge').map((r) => JSON.parse(r.body).ChallengeResponses.PASSWORD_CLAIM_SIGNATURE);
        assert.notEqual(sigs[0], sigs[1]);
      } finally {
        await page.context().close();
      }
    });
  });
}

describe('request headers and bodies match amazon-cognito-identity-js', () => {
  let username;
  let oracleLog;
  let oursLog;

  before(async () => {
    const page = await newPage({ page: 'script' });
    username = uniqueName('hdr');
    await registerWithOurs(page, username);
    await page.context().close();

    const run = async (pageName) => {
      const p = await newPage({ page: pageName });
      try {
        await emu.post('/_test/requests/clear');
        assert.deepEqual(await signIn(p, username, PASSWORD), ['onSuccess'], `${pageName} SRP sign-in`);
        assert.deepEqual(await signIn(p, username, PASSWORD, 'USER_PASSWORD_AUTH'), ['onSuccess'], `${pageName} password sign-in`);
        return await logged();
      } finally {
        await p.context().close();
      }
    };
    oracleLog = await run('oracle');
    oursLog = await run('script');
  });

  it('same operations in the same order', () => {
    const ops = ['InitiateAuth', 'RespondToAuthChallenge', 'InitiateAuth'];
    assert.deepEqual(oracleLog.map((r) => r.operation), ops);
    assert.deepEqual(oursLog.map((r) => r.operation), ops);
  });

  it('Content-Type application/x-amz-json-1.1, X-Amz-Target, X-Amz-User-Agent (the SDK\'s, extended), Cache-Control no-store', () => {
    const oracleUA = oracleLog[0].headers['x-amz-user-agent'];
    assert.match(oracleUA, /^aws-amplify\/\d+\.\d+\.\d+/, 'control: the oracle sends its user agent');
    for (const r of oursLog) {
      const h = r.headers;
      assert.equal(h['content-type'], 'application/x-amz-json-1.1');
      assert.equal(h['x-amz-target'], `AWSCognitoIdentityProviderService.${r.operation}`);
      assert.ok(h['x-amz-user-agent'].startsWith(oracleUA), `X-Amz-User-Agent ${h['x-amz-user-agent']} starts with the SDK's ${oracleUA}`);
      assert.equal(h['cache-control'], 'no-store');
      assert.equal(h.authorization, undefined, 'unauthenticated calls carry no Authorization');
    }
  });

  it('every other header is what the SDK sends from the same page origin', () => {
    const ignore = new Set(['content-length', 'referer', 'x-amz-user-agent', 'connection']);
    for (let i = 0; i < oursLog.length; i++) {
      const pick = (h) => Object.fromEntries(Object.entries(h).filter(([k]) => !ignore.has(k)).sort(([a], [b]) => a.localeCompare(b)));
      assert.deepEqual(pick(oursLog[i].headers), pick(oracleLog[i].headers), `headers of ${oursLog[i].operation}`);
    }
  });

  it('request bodies have the SDK\'s fields (an empty ClientMetadata counts as none)', () => {
    const shape = (v) => (v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k])]))
      : typeof v);
    // The SDK always sends `ClientMetadata: {}`; leaving an empty map out means the same.
    const body = (r) => {
      const b = JSON.parse(r.body);
      if (b.ClientMetadata && !Object.keys(b.ClientMetadata).length) delete b.ClientMetadata;
      return b;
    };
    for (let i = 0; i < oursLog.length; i++) {
      const ours = body(oursLog[i]);
      const oracle = body(oracleLog[i]);
      assert.deepEqual(shape(ours), shape(oracle), `body of ${oursLog[i].operation}`);
      if (ours.AuthFlow) assert.equal(ours.AuthFlow, oracle.AuthFlow);
      if (ours.ChallengeName) assert.equal(ours.ChallengeName, oracle.ChallengeName);
    }
  });

  it('AuthenticationDetails ClientMetadata is sent as the SDK sends it', async () => {
    const meta = { app: 'e2e', n: '1' };
    const run = async (pageName) => {
      const p = await newPage({ page: pageName });
      try {
        await emu.post('/_test/requests/clear');
        assert.deepEqual(await signIn(p, username, PASSWORD, undefined, meta), ['onSuccess']);
        assert.deepEqual(await signIn(p, username, PASSWORD, 'USER_PASSWORD_AUTH', meta), ['onSuccess']);
        return (await logged()).map((r) => [r.operation, JSON.parse(r.body).ClientMetadata]);
      } finally {
        await p.context().close();
      }
    };
    const oracle = await run('oracle');
    assert.deepEqual(oracle.map(([, m]) => m), [meta, meta, meta], 'control: the oracle sends it on every call');
    assert.deepEqual(await run('script'), oracle);
  });

  it('appendToCognitoUserAgent(content) extends the header of later requests', async () => {
    const page = await newPage({ page: 'module' });
    try {
      await emu.post('/_test/requests/clear');
      await page.evaluate(() => AC.appendToCognitoUserAgent('e2e-app/1.2.3'));
      assert.deepEqual(await signIn(page, username, PASSWORD, 'USER_PASSWORD_AUTH'), ['onSuccess']);
      const [r] = await logged('InitiateAuth');
      assert.ok(r.headers['x-amz-user-agent'].endsWith(' e2e-app/1.2.3'), r.headers['x-amz-user-agent']);
      assert.ok(r.headers['x-amz-user-agent'].startsWith(oracleLog[0].headers['x-amz-user-agent']));
    } finally {
      await page.context().close();
    }
  });
});
