// The published package as apps get it: `npm pack` of pkg/, installed from that tarball
// into a fresh app (offline: nothing else is fetched), then built by webpack 5 with the
// README's plain config and by Vite with no config file at all, nothing about WebAssembly
// in either. Each build is served and opened in Chromium, where it signs in against the
// project's emulator. Also: Vite's dev server, and Node resolving the installed package
// by name (import and require). The bundlers are the repository's own (node_modules/.bin),
// run with the app as working directory. Needs `npm run build` first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { adminCall, createPoolAndClient, uniqueName } from '../support/admin.mjs';
import { launchBrowser, openPage } from '../support/browser.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { startEmulator } from '../emulator/server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const PKG = join(ROOT, 'pkg');
const BIN = join(ROOT, 'node_modules', '.bin');
const PASSWORD = 'Corr3ct-Horse!';
const run = promisify(execFile);

/** The environment the app's commands run with: the repository's bundlers on PATH, npm quiet and offline. */
const ENV = {
  ...process.env,
  PATH: `${BIN}${delimiter}${process.env.PATH}`,
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

async function sh(cwd, cmd, args, timeout = 60_000) {
  try {
    return await run(cmd, args, { cwd, env: ENV, timeout, maxBuffer: 16 << 20 });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

const files = (dir) => readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()).map(String);

let work;
let tarball;
let emu;
let config; // what the pages get in ?config=
let browser;

before(async () => {
  for (const f of ['index.js', 'index.cjs', 'package.json']) assert.ok(existsSync(join(PKG, f)), `pkg/${f} is missing: run \`npm run build\` first`);
  work = mkdtempSync(join(tmpdir(), 'ciw-bundlers-'));
  const packing = sh(work, 'npm', ['pack', PKG, '--pack-destination', work, '--ignore-scripts', '--json']);
  const starting = startEmulator({ port: 0 });
  const launching = launchBrowser();
  const [{ stdout }] = await Promise.all([packing]);
  tarball = join(work, JSON.parse(stdout)[0].filename);
  emu = await starting;
  browser = await launching;
  // A confirmed user in a fresh pool.
  const pool = await createPoolAndClient(emu.url, { poolName: uniqueName('bundlers') });
  const username = uniqueName('bundled');
  await adminCall(emu.url, 'SignUp', {
    ClientId: pool.ClientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  await adminCall(emu.url, 'AdminConfirmSignUp', { UserPoolId: pool.UserPoolId, Username: username });
  config = { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: emu.url, username, password: PASSWORD };
});

after(async () => {
  await browser?.close();
  await emu?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Copies tests/packaging/apps/<name> to a temp dir (`as`) and installs the tarball there, offline. */
async function createApp(name, as = name) {
  const dir = join(work, as);
  cpSync(join(HERE, 'apps', name), dir, { recursive: true });
  await sh(dir, 'npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts']);
  const installed = JSON.parse(readFileSync(join(dir, 'node_modules', 'cognito-identity-wasm', 'package.json'), 'utf8'));
  assert.equal(installed.name, 'cognito-identity-wasm');
  assert.deepEqual(readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.')), ['cognito-identity-wasm'], 'the app installed something else');
  return dir;
}

/**
 * Opens `url` (with ?config=) and waits for the app's `window.result`. Asserts the page only
 * talked to its own origin and the emulator (no .wasm or other file fetched from elsewhere).
 */
async function signInThrough(url) {
  const page = await openPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(`${url}?config=${encodeURIComponent(JSON.stringify(config))}`);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 20_000 });
    const result = await page.evaluate(() => window.result);
    const origins = new Set(requests.map((u) => new URL(u).origin));
    origins.delete(new URL(url).origin);
    origins.delete(new URL(emu.url).origin);
    assert.deepEqual([...origins], [], `unexpected requests: ${requests.join(', ')}`);
    assert.ok(!requests.some((u) => u.endsWith('.wasm')), `a .wasm file was fetched: ${requests.join(', ')}`);
    return { result, console: page.consoleLines };
  } catch (e) {
    throw new Error(`${e.message}\npage console:\n${page.consoleLines.join('\n')}`);
  } finally {
    await page.close();
  }
}

function assertSignedIn({ result, console: lines }) {
  assert.deepEqual(result, { ok: true, username: config.username, valid: true, lastAuthUser: config.username }, lines.join('\n'));
  assert.deepEqual(lines.filter((l) => l.startsWith('pageerror')), []);
}

describe('webpack 5, the README\'s config (entry, output, mode; nothing about wasm)', () => {
  let dir;
  let server;
  before(async () => {
    dir = await createApp('webpack');
  });
  after(() => server?.close());

  it('builds (npm run build → webpack) into one file, no .wasm asset', async (t) => {
    const started = Date.now();
    await sh(dir, 'npm', ['run', 'build']);
    t.diagnostic(`webpack build: ${Date.now() - started} ms`);
    assert.deepEqual(files(join(dir, 'dist')), ['my-app.js']);
    t.diagnostic(`dist/my-app.js: ${statSync(join(dir, 'dist', 'my-app.js')).size} bytes`);
  });

  it('signs in in Chromium', async () => {
    server = await startStaticServer({ '/': dir });
    assertSignedIn(await signInThrough(`${server.url}/`));
  });
});

describe('Vite, no config file', () => {
  let dir;
  let server;
  let devServer;
  before(async () => {
    dir = await createApp('vite');
  });
  after(async () => {
    await server?.close();
    if (devServer && devServer.exitCode === null) {
      const exited = new Promise((ok) => devServer.once('exit', ok));
      devServer.kill('SIGTERM');
      await exited;
    }
  });

  it('builds (npm run build → vite build), no .wasm asset', async (t) => {
    assert.ok(!readdirSync(dir).some((f) => /^vite\.config\./.test(f)), 'the app must have no Vite config');
    const started = Date.now();
    await sh(dir, 'npm', ['run', 'build']);
    t.diagnostic(`vite build: ${Date.now() - started} ms`);
    const built = files(join(dir, 'dist'));
    assert.ok(built.includes('index.html'), built.join(', '));
    assert.deepEqual(built.filter((f) => !/^(index\.html|assets[/\\][\w-]+\.js)$/.test(f)), [], `unexpected output: ${built.join(', ')}`);
  });

  it('the build signs in in Chromium', async () => {
    server = await startStaticServer({ '/': join(dir, 'dist') });
    assertSignedIn(await signInThrough(`${server.url}/`));
  });

  it('the dev server (vite, no config) serves an app that signs in', async (t) => {
    const started = Date.now();
    devServer = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', '127.0.0.1', '--port', '0', '--clearScreen', 'false'], {
      cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vite dev server did not start:\n${output}`)), 30_000);
      const onData = (chunk) => {
        output += chunk;
        // eslint-disable-next-line no-control-regex
        const m = output.replace(/\x1b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+)\//);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      devServer.stdout.on('data', onData);
      devServer.stderr.on('data', onData);
      devServer.once('exit', (code) => reject(new Error(`vite exited (${code}):\n${output}`)));
    });
    assertSignedIn(await signInThrough(`${url}/`));
    t.diagnostic(`vite dev: started and signed in in ${Date.now() - started} ms`);
  });
});

describe('Node, the installed package by name', () => {
  let dir, exported;
  before(async () => {
    dir = await createApp('webpack', 'node-app'); // any app with the tarball installed
    // Every export of the built package: the installed copy must offer exactly these.
    exported = Object.keys(await import(pathToFileURL(join(PKG, 'index.js')).href)).sort();
  });

  const probe = `const pool = new m.CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: 'abc' });
    console.log(JSON.stringify({ names: Object.keys(m).sort(), pool: pool.getUserPoolName(), storage: pool.storage.constructor.name }));`;

  it('require(\'cognito-identity-wasm\') → index.cjs', async () => {
    const { stdout } = await sh(dir, process.execPath, ['-e', `const m = require('cognito-identity-wasm');
      if (require.resolve('cognito-identity-wasm') !== require('path').resolve('node_modules/cognito-identity-wasm/index.cjs')) throw new Error(require.resolve('cognito-identity-wasm'));
      ${probe}`]);
    assert.deepEqual(JSON.parse(stdout), { names: exported, pool: 'aB12cDe34', storage: 'MemoryStorage' });
  });

  it('import \'cognito-identity-wasm\' → index.js', async () => {
    const { stdout } = await sh(dir, process.execPath, ['--input-type=module', '-e', `import * as m from 'cognito-identity-wasm';
      const resolved = import.meta.resolve('cognito-identity-wasm');
      if (!resolved.endsWith('/node_modules/cognito-identity-wasm/index.js')) throw new Error(resolved);
      ${probe}`]);
    assert.deepEqual(JSON.parse(stdout), { names: exported, pool: 'aB12cDe34', storage: 'MemoryStorage' });
  });
});

