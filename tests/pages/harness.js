// In-page helpers for tests/e2e. The library under test is window.AC (ours, loaded by
// script tag or ES module, or the JS SDK for interop pages). Nothing here touches AC.
(function () {
  /** A plain, serialisable view of an error (or of whatever was passed as one). */
  function errInfo(e) {
    if (e === null || e === undefined) return e;
    if (typeof e !== 'object') return { notAnObject: true, value: String(e) };
    return { isError: e instanceof Error, code: e.code, name: e.name, message: e.message, statusCode: e.statusCode };
  }

  /**
   * Calls invoke(cb), where cb is an object with the given method names, and resolves
   * `settleMs` after the first call (or after `timeoutMs` with no call) with
   * { calls: [{ name, thisIsCallback, args }], returned }. `behave[name]` may replace
   * a method's body (it runs after the call is recorded, with the same `this`).
   */
  function callbacks(names, invoke, { settleMs = 300, timeoutMs = 20000, behave = {} } = {}) {
    return new Promise((resolve) => {
      const calls = [];
      const cb = {};
      let returned;
      let thrown;
      const done = () => resolve({ calls, returned, thrown });
      let timer = setTimeout(done, timeoutMs);
      for (const name of names) {
        cb[name] = function (...args) {
          calls.push({ name, thisIsCallback: this === cb, args });
          if (calls.length === 1) {
            clearTimeout(timer);
            timer = setTimeout(done, settleMs);
          }
          if (behave[name]) return behave[name].apply(this, args);
        };
      }
      try {
        returned = invoke(cb);
      } catch (e) {
        thrown = errInfo(e);
      }
    });
  }

  /**
   * Same for a Node-style callback(err, result): resolves with { calls: [{ err, result }],
   * returned, thrown }. `behave(err, result)` may replace the callback's body.
   */
  function nodeCallback(invoke, { settleMs = 300, timeoutMs = 20000, behave } = {}) {
    return new Promise((resolve) => {
      const calls = [];
      let returned;
      let thrown;
      const done = () => resolve({ calls, returned, thrown });
      let timer = setTimeout(done, timeoutMs);
      try {
        returned = invoke(function (err, result) {
          calls.push({ err, result });
          if (calls.length === 1) {
            clearTimeout(timer);
            timer = setTimeout(done, settleMs);
          }
          if (behave) return behave(err, result);
        });
      } catch (e) {
        thrown = errInfo(e);
      }
    });
  }

  /**
   * Like `callbacks`, for flows of several steps (a challenge answered from inside its
   * callback with `this`): records every call on the callback object and resolves
   * `settleMs` after `until(calls)` first holds (default: onSuccess or onFailure was
   * called), so a late duplicate call is still seen. `behave[name]` runs with the same
   * `this` as the library used.
   */
  function flow(names, invoke, { settleMs = 300, timeoutMs = 20000, behave = {}, until } = {}) {
    const finished = until || ((calls) => calls.some((c) => c.name === 'onSuccess' || c.name === 'onFailure'));
    return new Promise((resolve) => {
      const calls = [];
      const cb = {};
      let returned;
      let thrown;
      let settled = false;
      const done = () => resolve({ calls, returned, thrown, cb });
      let timer = setTimeout(done, timeoutMs);
      for (const name of names) {
        cb[name] = function (...args) {
          calls.push({ name, thisIsCallback: this === cb, args });
          let out;
          try {
            if (behave[name]) out = behave[name].apply(this, args);
          } finally {
            if (!settled && finished(calls)) {
              settled = true;
              clearTimeout(timer);
              timer = setTimeout(done, settleMs);
            }
          }
          return out;
        };
      }
      try {
        returned = invoke(cb);
      } catch (e) {
        thrown = errInfo(e);
      }
    });
  }

  /** Settles a promise into { ok, value } or { ok: false, error }. */
  function settle(p) {
    return Promise.resolve(p).then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
  }

  function isPromise(x) {
    return !!x && typeof x.then === 'function';
  }

  function storageSnapshot() {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  }

  /** Token strings and validity of a session (ours or the SDK's). */
  function sessionInfo(s) {
    if (!s) return null;
    return {
      valid: s.isValid(),
      idToken: s.getIdToken().getJwtToken(),
      accessToken: s.getAccessToken().getJwtToken(),
      refreshToken: s.getRefreshToken().getToken(),
      clockDrift: s.getClockDrift(),
    };
  }

  /** Resolves after `ms` milliseconds. */
  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** GET `url` and parse the JSON answer (e.g. the emulator's /_test/codes, which allow CORS). */
  function fetchJson(url) {
    return fetch(url).then((r) => r.json());
  }

  /** Every key of a Storage-like `store` (localStorage, sessionStorage) starting with `prefix`. */
  function keysWithPrefix(store, prefix) {
    const out = [];
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k.startsWith(prefix)) out.push(k);
    }
    return out.sort();
  }

  window.harness = { errInfo, callbacks, flow, nodeCallback, settle, isPromise, storageSnapshot, sessionInfo, sleep, fetchJson, keysWithPrefix };
})();
