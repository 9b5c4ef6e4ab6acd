// The before/after hooks most files in tests/e2e/ open with: the pages server and the
// browser, a back end with a fresh pool, and pages of the library that are ready to use.
// Call these at the top of a file (or inside a describe, for a back end per suite).
//
// What they return is there to be destructured at once, before any hook has run: the
// server, back end, pool and poolData are empty objects that the before hook fills in
// place, so the file's tests and hooks see them filled.
//
// A file's own set-up that needs them goes in `setUp(fn)`, not in a plain top-level
// before(): Node 20 starts a file's top-level before hooks as soon as they are
// registered, side by side, so a plain one would not wait for these.
import { after, before } from 'node:test';
import { createPoolAndClient, uniqueName } from './admin.mjs';
import { launchBrowser, openPage } from './browser.mjs';
import { startBackend, startPagesServer, waitReady } from './e2e.mjs';

/**
 * The pages server (startPagesServer unless `startServer` says otherwise) and Chromium:
 * { server, newContext(), newPage(options), setUp(fn) }.
 */
export function useBrowserPages(options = {}) {
  return registerHooks([browserPages(options)]);
}

/**
 * A back end ('emulator' or 'ministack', see startBackend) with, given a `poolName`, one
 * fresh pool from createPoolAndClient (with `flows` and `poolSettings` if given):
 * { backend, pool, poolData, setUp(fn) } (poolData: what the library's CognitoUserPool takes).
 */
export function useBackend(name, options = {}) {
  return registerHooks([backendWithPool(name, options)]);
}

/** useBrowserPages and useBackend together: the set-up of most files here. */
export function useBackendPages(name, options = {}) {
  return registerHooks([browserPages(options), backendWithPool(name, options)]);
}

/** One before hook that starts `parts` in order, one after hook that stops them. */
function registerHooks(parts) {
  let started;
  const ready = new Promise((resolve, reject) => {
    started = { resolve, reject };
  });
  ready.catch(() => {}); // a failed start is reported by the hook below
  before(async () => {
    try {
      for (const part of parts) await part.start();
      started.resolve();
    } catch (e) {
      started.reject(e);
      throw e;
    }
  });
  after(async () => {
    for (const part of parts) await part.stop();
  });
  /** A before hook of the file's own that runs once all of the above is there. */
  const setUp = (fn) => before(async (t) => {
    await ready;
    return fn(t);
  });
  return Object.assign({ setUp }, ...parts.map((part) => part.provides));
}

function browserPages({ startServer = startPagesServer }) {
  const server = {};
  let browser;
  const newContext = () => browser.newContext();

  /**
   * Opens `/pages/<page>.html<search>` from `origin` in a new browser context, or in
   * `context` (tabs sharing storage), and waits until the library is `window.AC`.
   * `beforeLoad(page)` runs first (routes, exposed functions), then the `init` scripts are
   * installed to run before the page's own on every load. The page keeps `consoleLines`
   * and `pageErrors` (see openPage).
   */
  async function newPage({ page: name = 'script', search = '', origin = server.url, context, init = [], beforeLoad } = {}) {
    const page = await openPage(context ?? (await newContext()));
    if (beforeLoad) await beforeLoad(page);
    for (const script of [init].flat()) await page.addInitScript(script);
    await page.goto(`${origin}/pages/${name}.html${search}`);
    await waitReady(page);
    return page;
  }

  return {
    provides: { server, newContext, newPage },
    async start() {
      Object.assign(server, await startServer());
      browser = await launchBrowser();
    },
    async stop() {
      await browser?.close();
      await server.close?.();
    },
  };
}

function backendWithPool(name, { poolName, flows, poolSettings }) {
  const backend = {};
  const pool = {};
  const poolData = {};
  return {
    provides: { backend, pool, poolData },
    async start() {
      Object.assign(backend, await startBackend(name));
      if (!poolName) return;
      Object.assign(pool, await createPoolAndClient(backend.endpoint, { poolName: uniqueName(poolName), flows, poolSettings }));
      Object.assign(poolData, { UserPoolId: pool.UserPoolId, ClientId: pool.ClientId, endpoint: backend.endpoint });
    },
    async stop() {
      await backend.close?.();
    },
  };
}
