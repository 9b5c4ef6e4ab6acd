// Advanced security (Cognito threat protection) end to end: a page with a fake
// `AmazonCognitoAdvancedSecurityData` collector (the global Cognito's advanced-security
// script defines) runs sign-up, confirmation, the forgot-password pair, a sign-in of each
// flow, each challenge, a remembered device and a refresh against the emulator, and the
// request bodies show which requests carry `UserContextData`, collected for which user,
// pool and client. Run against amazon-cognito-identity-js (/oracle) and ours alike: with a
// collector, without one (no field anywhere), with the pool's
// `AdvancedSecurityDataCollectionFlag: false` and with a collector that gives nothing
// (both an empty `UserContextData: {}`, the JS SDK's quirk).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueName } from '../support/admin.mjs';
import { rfc6238 } from '../support/totp.mjs';
import {
  PASSWORD, adminCall, cognitoCall, createPoolAndClient, exposeEmulatorCodes, passwordSignIn, recordCognitoRequests,
  signUpConfirmed,
} from '../support/e2e.mjs';
import { useBackendPages } from '../support/e2e-hooks.mjs';

const NEW_PASSWORD = 'N3w-Battery-Staple!';
const TEMPORARY_PASSWORD = 'Temp-Passw0rd!';
const PHONE = '+15555550123';

const { backend, newPage, setUp } = useBackendPages('emulator');
const pools = {};

setUp(async () => {
  const create = (name, options = {}) => createPoolAndClient(backend.endpoint, { poolName: uniqueName(name), ...options });
  const customFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  [pools.main, pools.customSrp, pools.custom, pools.mfa, pools.mfaOn, pools.devices, pools.userAuth] = await Promise.all([
    // Users sign up and in with their email: Cognito names them otherwise (USER_ID_FOR_SRP).
    create('asfmain', { poolSettings: { UsernameAttributes: ['email'] } }),
    create('asfcsrp', { flows: customFlows }),
    create('asfcustom', { flows: customFlows }),
    create('asfmfa'),
    create('asfmfaon'),
    create('asfdev', {
      poolSettings: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } },
      flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
    create('asfua', {
      poolSettings: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } },
      flows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  ]);
  await backend.post('/_test/custom-auth', { userPoolId: pools.customSrp.UserPoolId, srpFirst: true, challenges: [{ answer: 'otp-123', publicChallengeParameters: { question: 'code?' } }] });
  await backend.post('/_test/custom-auth', { userPoolId: pools.custom.UserPoolId, challenges: [{ answer: 'blue', publicChallengeParameters: { question: 'colour?' } }] });
  const mfaConfig = (pool, MfaConfiguration, sms) => adminCall(backend.endpoint, 'SetUserPoolMfaConfig', {
    UserPoolId: pool.UserPoolId, MfaConfiguration,
    SmsMfaConfiguration: sms ? { SmsAuthenticationMessage: 'Your code is {####}' } : null,
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  await mfaConfig(pools.mfa, 'OPTIONAL', true);
  await mfaConfig(pools.mfaOn, 'ON', false);
});

/** A user of the MFA pool with SMS and a TOTP authenticator, neither preferred (SELECT_MFA_TYPE). */
async function userWithTwoFactors() {
  const u = await signUpConfirmed(backend, pools.mfa, uniqueName('asfsel'), { attributes: { phone_number: PHONE } });
  const { result } = await passwordSignIn(backend.endpoint, pools.mfa, u.username, PASSWORD);
  const a = await cognitoCall(backend.endpoint, 'AssociateSoftwareToken', { AccessToken: result.AccessToken });
  u.secret = a.data.SecretCode;
  await cognitoCall(backend.endpoint, 'VerifySoftwareToken', { AccessToken: result.AccessToken, UserCode: rfc6238(u.secret), FriendlyDeviceName: 'node' });
  await adminCall(backend.endpoint, 'AdminSetUserMFAPreference', {
    UserPoolId: pools.mfa.UserPoolId, Username: u.username,
    SMSMfaSettings: { Enabled: true, PreferredMfa: false }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
  });
  return u;
}

/** Fresh users for one run of the script (set up from Node). */
async function usersForOneRun() {
  const confirmed = (pool, prefix) => signUpConfirmed(backend, pool, uniqueName(prefix)).then((u) => u.username);
  const chained = uniqueName('asfchain'); // NEW_PASSWORD_REQUIRED, then MFA_SETUP
  await adminCall(backend.endpoint, 'AdminCreateUser', {
    UserPoolId: pools.mfaOn.UserPoolId, Username: chained, TemporaryPassword: TEMPORARY_PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${chained}@example.com` }],
  });
  const selecting = await userWithTwoFactors();
  return {
    email: `${uniqueName('asf')}@example.com`,
    customSrp: await confirmed(pools.customSrp, 'asfcsrp'),
    custom: await confirmed(pools.custom, 'asfcustom'),
    selecting: selecting.username,
    secret: selecting.secret,
    chained,
    device: await confirmed(pools.devices, 'asfdev'),
  };
}

/**
 * In the page: everything that sends a request carrying the field, and a few that must
 * not, with the JS SDK's API in callback form (the README's way), so one script runs on
 * both libraries. Resolves with the SignUp answer's UserSub (the main user's
 * USER_ID_FOR_SRP).
 */
async function everything({ pools, users, flagOff, password, newPassword, temporaryPassword }) {
  localStorage.clear();
  const poolOf = (p) => new AC.CognitoUserPool({
    UserPoolId: p.UserPoolId, ClientId: p.ClientId, endpoint: p.endpoint, ...(flagOff ? { AdvancedSecurityDataCollectionFlag: false } : {}),
  });
  const userOf = (p, username) => new AC.CognitoUser({ Username: username, Pool: poolOf(p) });
  const details = (Username, Password) => new AC.AuthenticationDetails({ Username, Password });
  const node = (start) => new Promise((resolve, reject) => start((err, result) => (err ? reject(err) : resolve(result))));
  /** A callback object: onSuccess resolves, onFailure rejects, `behave` answers challenges (with `this`). */
  const steps = (start, behave = {}) => new Promise((resolve, reject) => {
    const cb = { onSuccess: resolve, onFailure: reject };
    for (const [name, f] of Object.entries(behave)) {
      cb[name] = function (...args) {
        Promise.resolve().then(() => f.apply(this, args)).catch(reject);
      };
    }
    start(cb);
  });
  const codes = (p, username) => emuCodes(p.UserPoolId, username);
  const fail = (where) => (e) => {
    throw new Error(`${where}: ${e.code || ''} ${e.message}`);
  };

  // Registration and the forgot-password pair, for the email the user types.
  const { main } = pools;
  const signedUp = await node((cb) => poolOf(main).signUp(users.email, password, [new AC.CognitoUserAttribute({ Name: 'email', Value: users.email })], null, cb)).catch(fail('signUp'));
  const typed = userOf(main, users.email);
  await node((cb) => typed.resendConfirmationCode(cb)).catch(fail('resendConfirmationCode'));
  const signUpCode = (await codes(main, users.email)).signUp;
  await node((cb) => typed.confirmRegistration(signUpCode, true, cb)).catch(fail('confirmRegistration'));
  await steps((cb) => typed.forgotPassword(cb)).catch(fail('forgotPassword'));
  const resetCode = (await codes(main, users.email)).forgotPassword;
  await steps((cb) => typed.confirmPassword(resetCode, newPassword, cb)).catch(fail('confirmPassword'));

  // USER_SRP_AUTH as the email; a refresh and an account call; USER_PASSWORD_AUTH.
  const srpUser = userOf(main, users.email);
  const session = await steps((cb) => srpUser.authenticateUser(details(users.email, newPassword), cb)).catch(fail('SRP sign-in'));
  await node((cb) => srpUser.refreshSession(session.getRefreshToken(), cb)).catch(fail('refreshSession'));
  await node((cb) => srpUser.getUserAttributes(cb)).catch(fail('getUserAttributes'));
  const plainUser = userOf(main, users.email);
  plainUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
  await steps((cb) => plainUser.authenticateUser(details(users.email, newPassword), cb)).catch(fail('password sign-in'));

  // CUSTOM_AUTH: SRP first, then a custom challenge; and initiateAuth without SRP.
  const customSrp = userOf(pools.customSrp, users.customSrp);
  customSrp.setAuthenticationFlowType('CUSTOM_AUTH');
  await steps((cb) => customSrp.authenticateUser(details(users.customSrp, password), cb), {
    customChallenge() { customSrp.sendCustomChallengeAnswer('otp-123', this); },
  }).catch(fail('CUSTOM_AUTH with SRP'));
  const custom = userOf(pools.custom, users.custom);
  await steps((cb) => custom.initiateAuth(new AC.AuthenticationDetails({ Username: users.custom, AuthParameters: { HINT: 'e2e' } }), cb), {
    customChallenge() { custom.sendCustomChallengeAnswer('blue', this); },
  }).catch(fail('initiateAuth'));

  // SELECT_MFA_TYPE, answered with TOTP, then (signing in again) with SMS.
  const selectingTotp = userOf(pools.mfa, users.selecting);
  await steps((cb) => selectingTotp.authenticateUser(details(users.selecting, password), cb), {
    selectMFAType() { selectingTotp.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', this); },
    async totpRequired() { selectingTotp.sendMFACode(await totpNow(users.secret), this, 'SOFTWARE_TOKEN_MFA'); },
  }).catch(fail('TOTP sign-in'));
  const selectingSms = userOf(pools.mfa, users.selecting);
  await steps((cb) => selectingSms.authenticateUser(details(users.selecting, password), cb), {
    selectMFAType() { selectingSms.sendMFASelectionAnswer('SMS_MFA', this); },
    async mfaRequired() { selectingSms.sendMFACode((await codes(pools.mfa, users.selecting)).mfa, this); },
  }).catch(fail('SMS sign-in'));

  // NEW_PASSWORD_REQUIRED, then MFA_SETUP (TOTP set up during the sign-in).
  const chained = userOf(pools.mfaOn, users.chained);
  await steps((cb) => chained.authenticateUser(details(users.chained, temporaryPassword), cb), {
    newPasswordRequired(userAttributes) {
      delete userAttributes.email_verified;
      chained.completeNewPasswordChallenge(newPassword, {}, this);
    },
    mfaSetup() { chained.associateSoftwareToken(this); },
    async associateSecretCode(secretCode) { chained.verifySoftwareToken(await totpNow(secretCode), 'My TOTP device', this); },
  }).catch(fail('new password and MFA set-up'));

  // A device remembered at the first sign-in proves itself at the second.
  for (const round of ['first', 'second']) {
    const device = userOf(pools.devices, users.device);
    await steps((cb) => device.authenticateUser(details(users.device, password), cb)).catch(fail(`${round} device sign-in`));
  }
  return signedUp.userSub;
}

/**
 * What the script sends, in order: [request, pool, the user it is made for when it
 * carries UserContextData in the JS SDK, else null]. A request is the operation and, for
 * InitiateAuth and RespondToAuthChallenge, its AuthFlow or ChallengeName.
 */
function expectedRequests(users, srpId) {
  const respond = (name) => `RespondToAuthChallenge ${name}`;
  const srp = (pool, typed, id = typed) => [['InitiateAuth USER_SRP_AUTH', pool, typed], [respond('PASSWORD_VERIFIER'), pool, id]];
  return [
    ['SignUp', 'main', users.email],
    ['ResendConfirmationCode', 'main', null],
    ['ConfirmSignUp', 'main', users.email],
    ['ForgotPassword', 'main', users.email],
    ['ConfirmForgotPassword', 'main', users.email],
    // The JS SDK's this.username becomes USER_ID_FOR_SRP with the SRP challenge; its
    // refresh names the LastAuthUser, the same user.
    ...srp('main', users.email, srpId),
    ['InitiateAuth REFRESH_TOKEN_AUTH', 'main', srpId],
    ['GetUser', 'main', null],
    ['InitiateAuth USER_PASSWORD_AUTH', 'main', users.email],
    ['InitiateAuth CUSTOM_AUTH', 'customSrp', users.customSrp],
    [respond('PASSWORD_VERIFIER'), 'customSrp', users.customSrp],
    [respond('CUSTOM_CHALLENGE'), 'customSrp', users.customSrp],
    ['InitiateAuth CUSTOM_AUTH', 'custom', users.custom],
    [respond('CUSTOM_CHALLENGE'), 'custom', users.custom],
    ...srp('mfa', users.selecting),
    [respond('SELECT_MFA_TYPE'), 'mfa', users.selecting],
    [respond('SOFTWARE_TOKEN_MFA'), 'mfa', users.selecting],
    ...srp('mfa', users.selecting),
    [respond('SELECT_MFA_TYPE'), 'mfa', users.selecting],
    [respond('SMS_MFA'), 'mfa', users.selecting],
    ...srp('mfaOn', users.chained),
    [respond('NEW_PASSWORD_REQUIRED'), 'mfaOn', users.chained],
    ['AssociateSoftwareToken', 'mfaOn', null],
    ['VerifySoftwareToken', 'mfaOn', null],
    [respond('MFA_SETUP'), 'mfaOn', users.chained],
    ...srp('devices', users.device),
    ['ConfirmDevice', 'devices', null],
    ...srp('devices', users.device),
    [respond('DEVICE_SRP_AUTH'), 'devices', users.device],
    [respond('DEVICE_PASSWORD_VERIFIER'), 'devices', users.device],
  ];
}

/** Every kind of request the JS SDK sends UserContextData on (its sendMFACode as SMS and TOTP). */
const THE_SDKS = [
  'SignUp', 'ConfirmSignUp', 'ForgotPassword', 'ConfirmForgotPassword',
  'InitiateAuth USER_SRP_AUTH', 'InitiateAuth USER_PASSWORD_AUTH', 'InitiateAuth CUSTOM_AUTH', 'InitiateAuth REFRESH_TOKEN_AUTH',
  ...['PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE',
    'SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'MFA_SETUP'].map((name) => `RespondToAuthChallenge ${name}`),
];

/** The fake collector, installed before the page's own scripts. */
function collectorScript(collector) {
  if (collector === 'none') return [];
  const gives = collector === 'data' ? '`ENC:${username}|${userPoolId}|${clientId}`' : 'undefined';
  return [`window.AmazonCognitoAdvancedSecurityData = { getData(username, userPoolId, clientId) { return ${gives}; } };`];
}

const requestName = (r) => {
  const kind = r.json && (r.json.AuthFlow || r.json.ChallengeName);
  return kind ? `${r.operation} ${kind}` : r.operation;
};

/** Runs the script on `pageName` ('oracle': the JS SDK; 'script': ours) with `collector`. */
async function runEverything(pageName, collector, { flagOff = false } = {}) {
  const users = await usersForOneRun();
  const page = await newPage({
    page: pageName,
    init: collectorScript(collector),
    beforeLoad: async (p) => {
      await exposeEmulatorCodes(p, backend);
      await p.exposeFunction('totpNow', (secret) => rfc6238(secret));
    },
  });
  const requests = recordCognitoRequests(page, backend.endpoint);
  try {
    const poolsData = Object.fromEntries(Object.entries(pools).map(([k, p]) => [k, { ...p, endpoint: backend.endpoint }]));
    const srpId = await page.evaluate(everything, {
      pools: poolsData, users, flagOff, password: PASSWORD, newPassword: NEW_PASSWORD, temporaryPassword: TEMPORARY_PASSWORD,
    });
    return { users, srpId, sent: requests.map((r) => ({ name: requestName(r), has: 'UserContextData' in r.json, data: r.json.UserContextData })) };
  } finally {
    await page.context().close();
  }
}

/**
 * Asserts the requests of a run: the script's, in order, each carrying what `want(pool,
 * user)` gives where the JS SDK sends the field, and no field anywhere else.
 */
function assertUserContextData(run, want) {
  const expected = expectedRequests(run.users, run.srpId);
  assert.deepEqual(run.sent.map((r) => r.name), expected.map(([name]) => name));
  run.sent.forEach((r, i) => {
    const [name, poolKey, user] = expected[i];
    const wanted = user === null ? undefined : want(pools[poolKey], user);
    assert.equal(r.has, wanted !== undefined, `${i}: ${name} ${wanted === undefined ? 'carries no' : 'carries'} UserContextData`);
    assert.deepEqual(r.data, wanted, `${i}: ${name}`);
  });
  // Every kind of request the JS SDK sends it on was made.
  const carrying = new Set(expected.filter(([, , user]) => user !== null).map(([name]) => name));
  assert.deepEqual([...carrying].sort(), [...THE_SDKS].sort());
}

const VARIANTS = [
  {
    name: 'a collector: { EncodedData: getData(username, userPoolId, clientId) } for the user each request is made for',
    collector: 'data',
    want: (pool, user) => ({ EncodedData: `ENC:${user}|${pool.UserPoolId}|${pool.ClientId}` }),
  },
  { name: 'no collector: no request carries UserContextData', collector: 'none', want: () => undefined },
  { name: 'AdvancedSecurityDataCollectionFlag: false: UserContextData is {}', collector: 'data', flagOff: true, want: () => ({}) },
  { name: 'a collector that gives nothing: UserContextData is {}', collector: 'nothing', want: () => ({}) },
];

for (const variant of VARIANTS) {
  describe(variant.name, () => {
    for (const [library, pageName] of [['amazon-cognito-identity-js', 'oracle'], ['ours', 'script']]) {
      it(library, async () => {
        const run = await runEverything(pageName, variant.collector, { flagOff: variant.flagOff });
        assertUserContextData(run, variant.want);
      });
    }
  });
}

describe('USER_AUTH (ours; the JS SDK has none)', () => {
  it('InitiateAuth USER_AUTH and each answer carry it too', async () => {
    const username = (await signUpConfirmed(backend, pools.userAuth, uniqueName('asfua'))).username;
    const page = await newPage({ page: 'script', init: collectorScript('data') });
    const requests = recordCognitoRequests(page, backend.endpoint);
    try {
      await page.evaluate(({ pool, username, password }) => new Promise((resolve, reject) => {
        const user = new AC.CognitoUser({ Username: username, Pool: new AC.CognitoUserPool(pool) });
        user.setAuthenticationFlowType('USER_AUTH');
        user.authenticateUser(new AC.AuthenticationDetails({ Username: username, Password: password }), {
          onSuccess: resolve,
          onFailure: reject,
          selectChallenge() { user.sendSelectChallengeAnswer('PASSWORD_SRP', this); },
        });
      }), { pool: { ...pools.userAuth, endpoint: backend.endpoint }, username, password: PASSWORD });
      const want = { EncodedData: `ENC:${username}|${pools.userAuth.UserPoolId}|${pools.userAuth.ClientId}` };
      assert.deepEqual(requests.map((r) => [requestName(r), r.json.UserContextData]), [
        ['InitiateAuth USER_AUTH', want],
        ['RespondToAuthChallenge SELECT_CHALLENGE', want],
        ['RespondToAuthChallenge PASSWORD_VERIFIER', want],
      ]);
    } finally {
      await page.context().close();
    }
  });
});
