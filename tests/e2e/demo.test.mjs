// End-to-end test of the demo app (www/) in Chromium against ministack:
// register → wrong code → confirm → sign in (SRP) → claims → reload keeps the session →
// sign out; a wrong password shows NotAuthorizedException.
//
// Needs the package built (`npm run build`). Starts ministack if it is not running, builds
// the demo with webpack into a temporary directory (www/dist is left alone), writes its
// config.json there and serves it on a free port.
//   bash scripts/ministack.sh && npm run build && node --test tests/e2e/demo.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoConfig, MINISTACK_CODE } from '../../scripts/demo-config.mjs';
import { adminCall, uniqueName } from '../support/admin.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOT = join(root, 'target', 'screenshots', 'demo-profile.png');
const PASSWORD = 'Demo-Passw0rd!';

let browser;
const built = []; // { dir, server } to clean up
let demo; // { url, config }

function webpack(outDir) {
  const args = ['--config', 'webpack.config.js', '--mode', 'production', '--output-path', outDir];
  execFileSync(join(root, 'node_modules', '.bin', 'webpack'), args, { cwd: root, stdio: 'pipe' });
}

/** Builds the demo into a temp dir (with its config.json) and serves it. */
async function buildAndServe() {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-wasm-demo-'));
  webpack(dir);
  const { config } = await writeDemoConfig(dir);
  const server = await startStaticServer({ '/': dir });
  built.push({ dir, server });
  return { url: `${server.url}/`, config };
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
  const page = await openPage(browser, url);
  try {
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

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // A reload keeps the user signed in (getCurrentUser + getSession).
    await page.reload();
    await visible(page, '#profile');
    assert.equal(await text(page, '#profile-username'), username);
    assert.equal(await claim('email'), email);

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
  } catch (e) {
    e.message += `\nbrowser console:\n${page.consoleLines.join('\n')}`;
    throw e;
  } finally {
    await page.close();
  }
});

test('a wrong password shows NotAuthorizedException', async () => {
  const { url, config } = demo;
  const username = uniqueName('demo');
  await adminCall(config.endpoint, 'SignUp', {
    ClientId: config.ClientId, Username: username, Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  await adminCall(config.endpoint, 'AdminConfirmSignUp', { UserPoolId: config.UserPoolId, Username: username });

  const page = await openPage(browser, url);
  try {
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
  } catch (e) {
    e.message += `\nbrowser console:\n${page.consoleLines.join('\n')}`;
    throw e;
  } finally {
    await page.close();
  }
});
