// End-to-end test of the demo app (www/) in Chromium against ministack:
// register → wrong code → confirm → sign in (SRP) → claims → attributes (update one) →
// reload keeps the session → change password (wrong, then right) → sign out → sign in with
// the new password → sign out; a user with TOTP MFA signs in through the MFA screen (wrong
// code, then the right one); a wrong password shows NotAuthorizedException. ministack never
// offers a choice of MFA types, so that screen (SELECT_MFA_TYPE → SMS code) runs against the
// project's emulator (tests/emulator/server.mjs).
// Screenshots: target/screenshots/demo-profile.png and demo-mfa.png.
//
// Needs the package built (`npm run build`). Starts ministack if it is not running, builds
// the demo with webpack into a temporary directory (www/dist is left alone), writes its
// config.json there and serves it on a free port.
//   bash scripts/ministack.sh && npm run build && node --test tests/e2e/demo.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoConfig, MINISTACK_CODE } from '../../scripts/demo-config.mjs';
import { adminCall, uniqueName } from '../support/admin.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { rfc6238 } from '../support/totp.mjs';
import { startEmulator } from '../emulator/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOTS = join(root, 'target', 'screenshots');
const SCREENSHOT = join(SCREENSHOTS, 'demo-profile.png');
const MFA_SCREENSHOT = join(SCREENSHOTS, 'demo-mfa.png');
const PASSWORD = 'Demo-Passw0rd!';
const NEW_PASSWORD = 'Demo-Passw0rd-2!';


let browser;
const built = []; // { dir, server } to clean up
let demo; // { url, config }
let emulator; // started by the test that needs it

function webpack(outDir) {
  const args = ['--config', 'webpack.config.js', '--mode', 'production', '--output-path', outDir];
  execFileSync(join(root, 'node_modules', '.bin', 'webpack'), args, { cwd: root, stdio: 'pipe' });
}

/**
 * Builds the demo into a temp dir (with its config.json) and serves it; `from`: copy that
 * build instead, to serve it with another config (another endpoint).
 */
async function buildAndServe({ endpoint, from } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-wasm-demo-'));
  if (from) cpSync(from, dir, { recursive: true });
  else webpack(dir);
  const { config } = await writeDemoConfig(dir, { endpoint });
  const server = await startStaticServer({ '/': dir });
  built.push({ dir, server });
  return { url: `${server.url}/`, config, dir };
}

/** Runs `body` on a fresh page of `url`; a failure carries the page's console, and the page is closed. */
async function withPage(url, body) {
  const page = await openPage(browser, url);
  try {
    await body(page);
  } catch (e) {
    e.message += `\nbrowser console:\n${page.consoleLines.join('\n')}`;
    throw e;
  } finally {
    await page.close();
  }
}

function pageErrors(page) {
  return page.consoleLines.filter(line => line.startsWith('pageerror'));
}

const visible = (page, selector) => page.locator(selector).waitFor({ state: 'visible', timeout: 20_000 });
const text = async (page, selector) => (await page.locator(selector).textContent()).trim();

before(async () => {
  assert.ok(existsSync(join(root, 'pkg', 'index.js')), 'pkg/index.js is missing: run `npm run build` first');
  execFileSync('bash', [join(root, 'scripts', 'ministack.sh')], { cwd: root, stdio: 'pipe' });
  demo = await buildAndServe();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (emulator) await emulator.close();
  for (const { dir, server } of built) {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('register, confirm, sign in, reload, sign out', async () => {
  const { url, config } = demo;
  const username = uniqueName('demo');
  const email = `${username}@example.com`;
  const storageKey = `CognitoIdentityServiceProvider.${config.ClientId}`;
  await withPage(url, async (page) => {
    await visible(page, '#signin-view');
    assert.match(await text(page, '#pool-info'), new RegExp(config.UserPoolId));

    // Register.
    await page.click('#tab-signup');
    await page.fill('#signup-username', username);
    await page.fill('#signup-email', email);
    await page.fill('#signup-password', PASSWORD);
    await page.click('#signup-submit');
    await visible(page, '#confirm-view');
    assert.equal(await page.inputValue('#confirm-username'), username);
    assert.match(await text(page, '#notice'), /confirmation code was sent by email/);
    assert.match(await text(page, '#code-hint'), new RegExp(MINISTACK_CODE));

    // A wrong code first, then the right one.
    await page.fill('#confirm-code', '000000');
    await page.click('#confirm-submit');
    await visible(page, '#error');
    assert.match(await text(page, '#error'), /^CodeMismatchException: /);
    await page.fill('#confirm-code', MINISTACK_CODE);
    await page.click('#confirm-submit');
    await visible(page, '#signin-view');
    assert.equal(await page.locator('#error').isVisible(), false);
    assert.match(await text(page, '#notice'), /confirmed/);
    assert.equal(await page.inputValue('#signin-username'), username);

    // Sign in (USER_SRP_AUTH).
    await page.fill('#signin-password', PASSWORD);
    await page.click('#signin-submit');
    await visible(page, '#profile');
    assert.equal(await text(page, '#profile-username'), username);
    const claim = name => text(page, `#claims tr[data-claim="${name}"] td:nth-child(2)`);
    assert.equal(await claim('email'), email);
    assert.equal(await claim('cognito:username'), username);
    assert.equal(await claim('token_use'), 'id');
    assert.equal(await claim('aud'), config.ClientId);
    assert.match(await text(page, '#session-info'), /Session valid: true/);
    // The SDK's localStorage keys.
    const stored = await page.evaluate(key => ({
      last: localStorage.getItem(`${key}.LastAuthUser`),
      idToken: localStorage.getItem(`${key}.${localStorage.getItem(`${key}.LastAuthUser`)}.idToken`),
    }), storageKey);
    assert.equal(stored.last, username);
    assert.match(stored.idToken || '', /^ey[\w-]+\.[\w-]+\.[\w-]+$/);

    // The attributes (getUserAttributes).
    const attribute = async name => {
      const cell = page.locator(`#attributes tr[data-attribute="${name}"] td:nth-child(2)`);
      await cell.waitFor({ state: 'visible', timeout: 20_000 });
      return (await cell.textContent()).trim();
    };
    assert.equal(await attribute('email'), email);
    assert.match(await attribute('sub'), /^[\w-]{8,}$/);
    assert.equal(await page.locator('#attributes tr[data-attribute="name"]').count(), 0);

    // Update one (updateAttributes): the list refreshes with it.
    assert.equal(await page.inputValue('#attr-name'), 'name');
    await page.fill('#attr-value', 'Demo User');
    await page.click('#attr-submit');
    await visible(page, '#notice');
    assert.match(await text(page, '#notice'), /Attribute name updated/);
    assert.equal(await attribute('name'), 'Demo User');
    await page.fill('#attr-name', 'given_name');
    await page.fill('#attr-value', 'Demo');
    await page.click('#attr-submit');
    assert.equal(await attribute('given_name'), 'Demo');
    assert.equal(await page.locator('#error').isVisible(), false, await text(page, '#error'));

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // A reload keeps the user signed in (getCurrentUser + getSession).
    await page.reload();
    await visible(page, '#profile');
    assert.equal(await text(page, '#profile-username'), username);
    assert.equal(await claim('email'), email);
    assert.equal(await attribute('name'), 'Demo User');

    // Change the password: a wrong current password first, then the right one.
    await page.fill('#old-password', 'not-the-password');
    await page.fill('#new-password', NEW_PASSWORD);
    await page.click('#change-password-submit');
    await visible(page, '#error');
    assert.match(await text(page, '#error'), /^NotAuthorizedException: /);
    assert.equal(await page.locator('#change-password-submit').isEnabled(), true);
    await page.fill('#old-password', PASSWORD);
    await page.fill('#new-password', NEW_PASSWORD);
    await page.click('#change-password-submit');
    await visible(page, '#notice');
    assert.match(await text(page, '#notice'), /Password changed/);
    assert.equal(await page.locator('#error').isVisible(), false);
    assert.equal(await page.inputValue('#old-password'), '');

    // Sign out, then sign in with the new password (the old one no longer works).
    await page.click('#signout');
    await visible(page, '#signin-view');
    assert.equal(await page.inputValue('#signin-username'), username);
    await page.fill('#signin-password', PASSWORD);
    await page.click('#signin-submit');
    await visible(page, '#error');
    assert.match(await text(page, '#error'), /^NotAuthorizedException: /);
    await page.fill('#signin-password', NEW_PASSWORD);
    await page.click('#signin-submit');
    await visible(page, '#profile');
    assert.equal(await text(page, '#profile-username'), username);
    assert.equal(await attribute('given_name'), 'Demo');

    // Sign out: back to the sign-in form, tokens gone, and a reload stays signed out.
    await page.click('#signout');
    await visible(page, '#signin-view');
    assert.equal(await page.locator('#profile').isVisible(), false);
    assert.equal(await page.locator('#error').isVisible(), false, await text(page, '#error'));
    assert.equal(await page.evaluate(key => localStorage.getItem(`${key}.LastAuthUser`), storageKey), null);
    await page.reload();
    await visible(page, '#signin-view');
    assert.equal(await page.locator('#profile').isVisible(), false);

    assert.deepEqual(pageErrors(page), []);
  });
});

test('a wrong password shows NotAuthorizedException', async () => {
  const { url, config } = demo;
  const username = uniqueName('demo');
  await adminCall(config.endpoint, 'SignUp', {
    ClientId: config.ClientId, Username: username, Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  await adminCall(config.endpoint, 'AdminConfirmSignUp', { UserPoolId: config.UserPoolId, Username: username });

  await withPage(url, async (page) => {
    await visible(page, '#signin-view');
    await page.fill('#signin-username', username);
    await page.fill('#signin-password', 'not-the-password');
    await page.click('#signin-submit');
    await visible(page, '#error');
    assert.match(await text(page, '#error'), /^NotAuthorizedException: Incorrect username or password\.?$/);
    assert.equal(await page.locator('#profile').isVisible(), false);
    assert.equal(await page.locator('#signin-submit').isEnabled(), true);

    // The right password then works and clears the error.
    await page.fill('#signin-password', PASSWORD);
    await page.click('#signin-submit');
    await visible(page, '#profile');
    assert.equal(await page.locator('#error').isVisible(), false);
    assert.equal(await text(page, '#profile-username'), username);
    assert.deepEqual(pageErrors(page), []);
  });
});

test('a user with TOTP MFA signs in through the MFA screen', async () => {
  const { url, config } = demo;
  const { endpoint, UserPoolId, ClientId } = config;
  const username = uniqueName('demomfa');
  // The pool offers TOTP MFA (OPTIONAL: only users who enrolled are asked).
  await adminCall(endpoint, 'SetUserPoolMfaConfig', {
    UserPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  await adminCall(endpoint, 'SignUp', {
    ClientId, Username: username, Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  await adminCall(endpoint, 'AdminConfirmSignUp', { UserPoolId, Username: username });
  // Enrol an authenticator: AssociateSoftwareToken → VerifySoftwareToken → SetUserMFAPreference.
  const auth = await adminCall(endpoint, 'InitiateAuth', {
    ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD },
  });
  const AccessToken = auth.AuthenticationResult.AccessToken;
  const { SecretCode } = await adminCall(endpoint, 'AssociateSoftwareToken', { AccessToken });
  const verified = await adminCall(endpoint, 'VerifySoftwareToken', {
    AccessToken, UserCode: rfc6238(SecretCode), FriendlyDeviceName: 'demo phone',
  });
  assert.equal(verified.Status, 'SUCCESS');
  await adminCall(endpoint, 'SetUserMFAPreference', {
    AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });

  await withPage(url, async (page) => {
    await visible(page, '#signin-view');
    await page.fill('#signin-username', username);
    await page.fill('#signin-password', PASSWORD);
    await page.click('#signin-submit');

    // SOFTWARE_TOKEN_MFA: the code screen, for an authenticator app.
    await visible(page, '#mfa-view');
    assert.equal(await page.locator('#profile').isVisible(), false);
    assert.equal(await page.locator('#signin-view').isVisible(), false);
    assert.equal(await page.locator('#tab-signin').isVisible(), false, 'a challenge hides the tabs');
    assert.equal(await page.getAttribute('#mfa-view', 'data-mfa-type'), 'SOFTWARE_TOKEN_MFA');
    assert.equal(await text(page, '#mfa-kind'), 'Authenticator app');
    assert.match(await text(page, '#mfa-detail'), /authenticator app/);
    await page.setViewportSize({ width: 1000, height: 700 });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: MFA_SCREENSHOT, fullPage: true });

    // A wrong code: CodeMismatchException, and the screen stays for another try.
    const valid = new Set([-1, 0, 1].map(offset => rfc6238(SecretCode, Date.now() + offset * 30_000)));
    const wrong = ['000000', '111111', '222222', '333333'].find(code => !valid.has(code));
    await page.fill('#mfa-code', wrong);
    await page.click('#mfa-submit');
    await visible(page, '#error');
    assert.match(await text(page, '#error'), /^CodeMismatchException: /);
    assert.equal(await page.locator('#mfa-view').isVisible(), true);
    assert.equal(await page.locator('#mfa-submit').isEnabled(), true);

    // The right code signs in.
    await page.fill('#mfa-code', rfc6238(SecretCode));
    await page.click('#mfa-submit');
    await visible(page, '#profile');
    assert.equal(await page.locator('#error').isVisible(), false);
    assert.equal(await text(page, '#profile-username'), username);
    const cell = page.locator('#attributes tr[data-attribute="email"] td:nth-child(2)');
    await cell.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal((await cell.textContent()).trim(), `${username}@example.com`);

    await page.click('#signout');
    await visible(page, '#signin-view');
    assert.deepEqual(pageErrors(page), []);
  });
});

test('choosing the MFA type (SELECT_MFA_TYPE), then an SMS code, on the emulator', async () => {
  emulator = await startEmulator({ port: 0 });
  const { url, config } = await buildAndServe({ endpoint: emulator.url, from: demo.dir });
  const { endpoint, UserPoolId, ClientId } = config;
  const username = uniqueName('demosel');
  await adminCall(endpoint, 'SetUserPoolMfaConfig', {
    UserPoolId, MfaConfiguration: 'OPTIONAL',
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is {####}' },
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  await adminCall(endpoint, 'AdminCreateUser', {
    UserPoolId, Username: username, TemporaryPassword: PASSWORD, MessageAction: 'SUPPRESS',
    UserAttributes: [
      { Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' },
      { Name: 'phone_number', Value: '+15555550123' },
    ],
  });
  await adminCall(endpoint, 'AdminSetUserPassword', { UserPoolId, Username: username, Password: PASSWORD, Permanent: true });
  // TOTP and SMS both enabled, neither preferred: Cognito asks which one.
  const auth = await adminCall(endpoint, 'InitiateAuth', {
    ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD },
  });
  const AccessToken = auth.AuthenticationResult.AccessToken;
  const { SecretCode } = await adminCall(endpoint, 'AssociateSoftwareToken', { AccessToken });
  await adminCall(endpoint, 'VerifySoftwareToken', { AccessToken, UserCode: rfc6238(SecretCode) });
  await adminCall(endpoint, 'SetUserMFAPreference', {
    AccessToken,
    SMSMfaSettings: { Enabled: true, PreferredMfa: false },
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
  });

  await withPage(url, async (page) => {
    await visible(page, '#signin-view');
    assert.match(await text(page, '#pool-info'), new RegExp(emulator.url.replace(/[.]/g, '\\.')));
    await page.fill('#signin-username', username);
    await page.fill('#signin-password', PASSWORD);
    await page.click('#signin-submit');

    // SELECT_MFA_TYPE: one button per type on offer.
    await visible(page, '#mfa-select-view');
    const offered = await page.locator('#mfa-options button').evaluateAll(bs => bs.map(b => b.dataset.mfaType));
    assert.deepEqual(offered, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    await page.click('#mfa-options button[data-mfa-type="SMS_MFA"]');

    // SMS_MFA: the code screen, for an SMS, answered with the code the emulator sent.
    await visible(page, '#mfa-view');
    assert.equal(await page.getAttribute('#mfa-view', 'data-mfa-type'), 'SMS_MFA');
    assert.equal(await text(page, '#mfa-kind'), 'SMS');
    assert.match(await text(page, '#mfa-detail'), /sent to \S*0123/);
    const q = new URLSearchParams({ userPoolId: UserPoolId, username });
    const sent = await (await fetch(`${endpoint}/_test/codes?${q}`)).json();
    assert.match(sent.mfa || '', /^\d{6}$/);
    await page.fill('#mfa-code', sent.mfa);
    await page.click('#mfa-submit');
    await visible(page, '#profile');
    assert.equal(await page.locator('#error').isVisible(), false);
    assert.equal(await text(page, '#profile-username'), username);
    assert.deepEqual(pageErrors(page), []);
  });
});
