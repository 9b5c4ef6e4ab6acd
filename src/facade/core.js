// The JS side of the wasm boundary (src/js/entry): the classes call the core with plain
// data and deliver what it answers. `wasm` (the wasm-bindgen exports) and `instantiate()`
// (instantiates the inlined wasm, returning the instance's own exports) are bound by the
// package entry that this file is built into (scripts/build.mjs); `ready()` calls it once.
//
// Nothing here decides a flow: which request goes out, which challenge comes next, what is
// stored and when to refresh are the core's. This file turns objects into data, data
// into the SDK's objects, and hands a reply to the callback object, the Node-style
// callback or the Promise, once.

/** The calls in flight (`run`), by id (from 1: the wasm's `call` takes 0 for `now`):
 * settled by the wasm (`host.settle`), or failed all at once by a panic (`host.panicked`,
 * src/js/panic.rs). */
const calls = new Map();
let nextCall = 0;
/** Panics so far, and the coded error data of the last. */
let panics = 0;
let lastPanic;
/** Puts the wasm's shadow stack pointer back at its top (set by `ready`). */
let resetStack;
/** The instance's own exports, once `ready`. */
let instanceExports;
/** The `pool` call of the first pool made before then (`poolMade`). */
let poolBefore;

/**
 * Instantiates the wasm at its first use: a call (`enter`), a storage event, or the idle
 * time after load (start.js), whichever comes first. Loading the package, `new
 * CognitoUserPool` and its getters run none of it (tests/e2e/lazy-wasm.test.mjs), so the
 * page's start-up path does not pay for decoding, compiling and instantiating it; and it
 * is synchronous, so every sync method stays sync.
 */
function ready() {
  if (instanceExports) return;
  instanceExports = instantiate();
  // A trap leaves the shadow stack pointer (exported by scripts/build.mjs) where the
  // trapping frames had moved it; read now, with no wasm frame live, it is the top, and
  // `host.panicked` has it put back from a microtask after each panic.
  const stack = instanceExports.__stack_pointer;
  const top = stack.value;
  resetStack = () => {
    stack.value = top;
  };
  if (poolBefore) coreNow('pool', ...poolBefore);
}

/**
 * `new CognitoUserPool`'s call into the core, which schedules the idle-time SRP work of a
 * signed-out page (src/js/srp_ahead.rs); the pool's settings are checked in JS. Before the
 * wasm is there, the first pool's call is made when it comes (`ready`), still before any
 * sign-in of the page (which would not want the work done): as the core takes only the
 * first pool's while its work is pending, the later ones' would change nothing.
 */
function poolMade(input, storage) {
  if (instanceExports) coreNow('pool', input, storage);
  else poolBefore ??= [input, storage];
}

/**
 * Runs a call into the wasm (instantiated first if it is not yet). A panic there traps,
 * once src/js/panic.rs has failed every call in flight with a coded error
 * (`WasmPanicException`): it is thrown here, or, for a call that had set up its Promise
 * (`call`), that Promise (rejected with it) is returned.
 */
function enter(f, call) {
  ready();
  const seen = panics;
  try {
    return f();
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError) || panics === seen) throw e;
    if (call) return call;
    throw errorOf(lastPanic);
  }
}

/** The answer of the last `now`, which the wasm hands over (`host.settle`, id 0) before
 * its `call` returns. */
let nowAnswer;

/** `now(op, input, storage)` (the wasm's `call`, id 0): the core's answer, parsed. */
function coreNow(op, input, storage) {
  enter(() => wasm.call(op, JSON.stringify(input), storageId(storage), 0));
  return JSON.parse(nowAnswer);
}

/** `now(op, input, storage)`'s value; throws its error. */
function nowOk(op, input = {}, storage) {
  return okOrThrow(coreNow(op, input, storage));
}

/** The storage objects the wasm names, by number (`JsStorage`, src/js/js_storage.rs; the
 * `host` storage functions take the number): each object once, and held weakly, so a page
 * that makes a storage object per pool does not keep them all. While a call runs, its
 * caller holds the object (the call's user or pool); one the app has let go of since reads
 * as empty, as does 0, what is not an object (no storage methods). */
const storages = [];
const storageIds = new WeakMap();
function storageId(storage) {
  if (Object(storage) !== storage) return 0;
  let id = storageIds.get(storage);
  if (!id) storageIds.set(storage, (id = storages.push(new WeakRef(storage))));
  return id;
}
const storageOf = (id) => storages[id - 1]?.deref();

/** `run(op, input, storage)` (the wasm's `call`, with the call's id): a Promise of the
 * core's answer, parsed. */
function coreRun(op, input, storage) {
  const text = JSON.stringify(input);
  const id = ++nextCall;
  const answer = new Promise((resolve, reject) => calls.set(id, { resolve, reject }));
  return enter(() => {
    wasm.call(op, text, storageId(storage), id);
    return answer;
  }, answer).then(JSON.parse);
}

/** The Error the SDK gives for a reply's `err`: coded (its fields set on it; `message`,
 * the same text, stays the Error's own), or plain for its argument checks, a TypeError
 * where the JS SDK's code would throw one (the core says `type`). */
function errorOf(data) {
  if (data instanceof Error) return data;
  const err = data.type === 'TypeError' ? new TypeError(data.message) : new Error(data.message);
  return data.code === undefined ? err : Object.assign(err, data);
}

/** Throws the reply's error, or gives its `ok` value: for the sync methods. */
function okOrThrow(answer) {
  if (answer.reply.err) throw errorOf(answer.reply.err);
  return answer.reply.ok;
}

/** An exception thrown by the app's own callback must not turn into a second callback
 * (the JS SDK's double-callback bug), nor vanish: it surfaces as an unhandled rejection. */
function surface(f) {
  try {
    f();
  } catch (thrown) {
    Promise.reject(thrown);
  }
}

/**
 * Where a call's result goes: `callback` as the SDK takes it (a callback object, a
 * Node-style function) or, without one, a Promise (`returned`). `deliver(answer)` holds
 * the answer's `user` properties (`hold`) and reports its reply once: `value(reply)` is
 * the success value (a session object, ...); a `method` reply calls that method of a
 * callback object, else delivers its `otherwise`. `fail(err)`: a failure before the core
 * answered (a panic thrown by `enter`, an unreadable argument). `to` (the core reads it)
 * is 'object' for a callback object; a Node-style callback and the Promise are reached
 * through the callback object that reports to them.
 */
function targetOf(callback, value, hold = () => {}) {
  let cb = callback;
  let returned;
  let done;
  if (typeof callback === 'function') cb = { onSuccess: (...results) => callback(null, ...results), onFailure: (err) => callback(err, null) };
  else if (callback === null || typeof callback !== 'object') {
    returned = new Promise((onSuccess, onFailure) => {
      cb = { onSuccess, onFailure };
    });
  }
  const to = cb === callback ? 'object' : undefined;
  const tell = (reply, give = value) => {
    if (done) return;
    if (reply.challenge) reply = challengeReply(reply.challenge);
    const { method, err } = reply;
    if (method !== undefined) {
      // a challenge's `args`, else the `ok` value alone (src/js/entry/reply.rs, `or_method`)
      if (!to || typeof cb[method] !== 'function') return tell(reply.otherwise || { ok: reply.ok }, give);
      done = true;
      return surface(() => cb[method](...(reply.args || [reply.ok])));
    }
    done = true;
    const name = err === undefined ? 'onSuccess' : 'onFailure';
    const args = err === undefined ? [give(reply), ...(reply.details === undefined ? [] : [reply.details])] : [errorOf(err)];
    surface(() => typeof cb[name] === 'function' && cb[name](...args));
  };
  return {
    to,
    returned,
    deliver: (answer) => {
      hold(answer.user);
      tell(answer.reply);
    },
    fail: (err) => tell({ err }, () => {}),
  };
}

/**
 * A challenge as the core reports it (src/js/entry/user/sign_in.rs: which one, its
 * parameters, SELECT_CHALLENGE's first factors, the callback `method` it reaches, the
 * error `code` when it is not reached) as a
 * `method` reply: that method with the SDK's arguments, otherwise (no such method, or no
 * method for this challenge) an UnhandledChallengeException naming it. Arguments: the
 * name and parameters; customChallenge's parameters alone; selectChallenge's first
 * factors first; newPasswordRequired's both from JSON text in the parameters (null, [] when
 * it is not JSON), the required names without their `userAttributes.` prefix.
 */
function challengeReply({ code, name, parameters, available, method }) {
  const but = method ? `the callback object has no ${method} method.` : 'this SDK does not handle that challenge yet.';
  const err = { code, name: code, message: `Cognito asked for the ${name} challenge, but ${but}`, challengeName: name, challengeParameters: parameters };
  if (available.length) err.availableChallenges = available;
  const parsed = (key) => {
    try {
      return typeof parameters[key] === 'string' ? JSON.parse(parameters[key]) : null;
    } catch {
      return null;
    }
  };
  const required = parsed('requiredAttributes');
  const args = {
    customChallenge: [parameters],
    selectChallenge: [available, parameters],
    newPasswordRequired: [
      parsed('userAttributes'),
      Array.isArray(required) ? required.filter((n) => typeof n === 'string').map((n) => n.replace(/^userAttributes\./, '')) : [],
    ],
  };
  return method ? { method, args: args[method] || [name, parameters], otherwise: { err } } : { err };
}

/** What `f()` gives; when it throws, undefined, and `target` fails with the error. */
function attempt(target, f) {
  try {
    return f();
  } catch (err) {
    target.fail(err);
  }
}

/**
 * Runs `op` in the core with the input `input()` makes and delivers the answer to
 * `target`; what fails before the core answers (an object that cannot be read, a panic)
 * fails it. Given a `key` (getSession's, which the core names), shares the run in flight
 * under it, or starts one later calls share. Returns what the method returns: the Promise
 * without a callback.
 */
function runInto(target, op, input, storage, key) {
  const run = () => coreRun(op, input(), storage);
  const running = attempt(target, () => (key ? sharedRun(sharedRuns, key, run) : run()));
  if (running) running.then(target.deliver, target.fail);
  return target.returned;
}

/**
 * `now` first: its answer delivered to `target`, unless it is `pending` (the core needs a
 * request): then what `later(pending)` returns. What fails before the core answers fails
 * `target`.
 */
function nowOrLater(target, op, input, storage, later) {
  const answer = attempt(target, () => coreNow(op, input(), storage));
  if (answer && answer.reply.pending) return later(answer.reply.pending);
  if (answer) target.deliver(answer);
  return target.returned;
}

/** A sync operation: `hold`s what it answers and gives its value, or throws its error. */
function nowHeld(op, input, storage, hold) {
  const answer = coreNow(op, input, storage);
  hold(answer.user);
  return okOrThrow(answer);
}

/** getSession's runs in flight, by the key the core names for each (its `pending`: one
 * per client and user). */
const sharedRuns = new Map();

/** The run in flight under `key` in `runs` (a Map or WeakMap), else the one `start()`
 * begins, kept there until it settles: callers meanwhile share its answer as their own. */
function sharedRun(runs, key, start) {
  if (!runs.has(key)) {
    const run = start();
    const done = () => runs.delete(key);
    runs.set(key, run);
    run.then(done, done);
  }
  return runs.get(key);
}

/** The pool's settings as the core reads them, from ours or from the JS SDK's pool, with
 * the X-Amz-User-Agent as it reads now (UserAgent.js). */
function poolData(pool) {
  const client = pool.client || {};
  return {
    UserPoolId: pool.getUserPoolId(),
    ClientId: pool.getClientId(),
    endpoint: client.endpoint,
    credentials: client.fetchOptions && client.fetchOptions.credentials,
    // Ours' pool has these getters; a pool of the JS SDK's has neither.
    ClientSecret: pool.clientSecret || pool.ClientSecret,
    refreshTokenRotation: pool.refreshTokenRotation,
    AdvancedSecurityDataCollectionFlag: pool.advancedSecurityDataCollectionFlag,
    userAgent: getAmplifyUserAgent(),
  };
}

/** A session object's tokens as data (ours, the JS SDK's, or one an app built). */
function sessionData(session) {
  if (!session || typeof session.getIdToken !== 'function') return null;
  return {
    IdToken: session.getIdToken().getJwtToken(),
    AccessToken: session.getAccessToken().getJwtToken(),
    RefreshToken: session.getRefreshToken().getToken(),
    ClockDrift: session.getClockDrift(),
  };
}

/** A text argument as localStorage and the SDK's JSON bodies take it: `String(v)`;
 * null and undefined stay absent (the core reads them as missing). */
function text(v) {
  return v === null || v === undefined ? undefined : String(v);
}

/** Sets `obj[name] = value` as a non-enumerable own property: state of ours that
 * Object.keys, spread and JSON.stringify leave out (the SDK's objects have no such
 * property), which a Proxy of the object still reads (a private field would throw there). */
function hidden(obj, name, value) {
  Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
}

// ----- the Web APIs the wasm uses (src/js/host.rs) ----------------------------------
// Each wasm-bindgen import costs glue on both sides, and building or reading a JS object
// from Rust costs one import per step: so the wasm calls these few functions with
// strings, numbers and the app's own objects, and everything that touches a Web API
// object happens here. Nothing here decides a flow.

/** `obj[key]` when it is a string: what a throwing getter or a non-object gives is undefined. */
function stringField(obj, key) {
  let value;
  try {
    value = obj[key];
  } catch {
    // a throwing getter reads as nothing
  }
  return typeof value === 'string' ? value : undefined;
}

/** What a failure says: its `message`, or the thrown string itself. */
function describeFailure(e) {
  return stringField(e, 'message') ?? (typeof e === 'string' ? e : '');
}

/** The WebAuthn failures that are not the browser's: rejected as 'json' and '' (src/js/passkeys.rs). */
const NOT_JSON = {};
const NO_WEBAUTHN = {};

/** `navigator.locks`, where there is one. */
function webLocks() {
  const nav = globalThis.navigator;
  return nav && nav.locks;
}

/** `setTimeout(task, ms)`: the timer, or undefined where there is none. */
function timer(task, ms) {
  try {
    return setTimeout(task, ms);
  } catch {
    return undefined;
  }
}

/** `queueMicrotask(task)`, or a resolved Promise's `then` where there is none. */
function microtask(task) {
  if (typeof queueMicrotask === 'function') queueMicrotask(task);
  else Promise.resolve().then(task);
}

/** Runs the wasm's tasks that are ready (src/js/tasks.rs). A trap in one (a panic, or an
 * exception thrown through the wasm) ends that call: the next says so and runs the rest. */
function runTasks() {
  let trapped = false;
  let message = '';
  for (;;) {
    try {
      wasm.call('__poll', message, undefined, +trapped);
      return;
    } catch (e) {
      trapped = true;
      // '' for none (an empty message reads as none too)
      message = stringField(e, 'message') || '';
    }
  }
}

/** Reports how `promise` ends to the wasm task awaiting operation `id` (src/js/tasks.rs):
 * its value or reason when a string, else ''. */
function settleWait(id, promise) {
  const text = (v) => (typeof v === 'string' ? v : '');
  promise.then((value) => wasm.call('__settled', text(value), undefined, id), (reason) => wasm.call('__failed', text(reason), undefined, id));
}

const sessionListeners = [];
const watchedClients = [];
/** The Web Locks requested by the wasm until it lets go (`host.unlock`), by id. */
const lockReleases = new Map();

/** What the wasm's imports call (`host.name(...)`, src/js/host.rs): handed to the glue's
 * `initSync` by `instantiate()` (scripts/build.mjs). */
const host = {
  // The asynchronous operations end by settling the wasm's operation `wait`.

  /** POSTs `body`: "status\n[=x-amzn-errortype]\nbody", or what failed (no answer at
   * all). Only the pool's `credentials` fetch option is honoured. */
  fetch(url, headers, body, credentials, wait) {
    settleWait(wait, new Promise((resolve) => {
      const f = globalThis.fetch;
      if (typeof f !== 'function') throw 'fetch is not available in this environment';
      const init = { method: 'POST', mode: 'cors', headers: JSON.parse(headers), body };
      if (credentials !== undefined) init.credentials = credentials;
      const sent = f(url, init);
      if (!(sent instanceof Promise)) throw 'fetch did not return a Promise';
      resolve(sent.then((response) => {
        let type = null;
        try {
          type = response.headers.get('x-amzn-errortype');
        } catch {
          // no headers: no error type
        }
        const head = `${response.status}\n${typeof type === 'string' ? `=${type}` : ''}\n`;
        return response.text().then((text) => head + (typeof text === 'string' ? text : ''));
      }));
    }).catch((e) => {
      throw describeFailure(e);
    }));
  },

  /** Ends after `ms` (at once where there is no setTimeout). */
  sleep(ms, wait) {
    settleWait(wait, new Promise((resolve) => timer(resolve, ms) ?? resolve()));
  },

  schedule() {
    microtask(runTasks);
  },

  /** Resolves call `id` with the core's answer (unless a panic failed it already); id 0
   * is `now`'s (`coreNow`). */
  settle(id, answer) {
    if (!id) nowAnswer = answer;
    const call = calls.get(id);
    calls.delete(id);
    if (call) call.resolve(answer);
  },

  /** A panic (or a trap the wasm did not see coming): the Web Locks it held are let go,
   * the shadow stack is put back, and every call in flight fails with the coded error,
   * from microtasks (app code never runs inside the panic hook). */
  panicked(code, message) {
    panics += 1;
    for (const release of lockReleases.values()) release();
    lockReleases.clear();
    if (resetStack) microtask(resetStack);
    const data = { name: code, code, message };
    lastPanic = data;
    const failed = [...calls.values()];
    calls.clear();
    microtask(() => {
      for (const call of failed) call.reject(errorOf(data));
    });
  },

  hasLocks() {
    const locks = webLocks();
    return Boolean(locks) && typeof locks.request === 'function';
  },

  /** `navigator.locks.request(name)`: ends once the lock is held, with the names of the
   * locks held then, a line each (none when the query fails; names that are not a line
   * are left out); it stays held until `unlock(wait)`. */
  lock(name, wait) {
    const held = new Promise((resolve) => lockReleases.set(wait, resolve));
    settleWait(wait, new Promise((resolve) => {
      webLocks().request(name, () => {
        resolve(new Promise((named) => named(webLocks().query())).then((snapshot) =>
          Array.from(snapshot.held, (lock) => lock.name).filter((n) => typeof n === 'string' && !n.includes('\n')).join('\n'), () => ''));
        return held;
      });
    }));
  },

  /** Lets go of the lock requested as `id`: at once, or given `marker`, once the lock
   * `marker` is granted, which is then held `ms` (a refused marker lets go too). */
  unlock(id, marker, ms) {
    const release = lockReleases.get(id);
    lockReleases.delete(id);
    if (!release) return;
    if (marker === undefined) return release();
    new Promise((resolve) => resolve(webLocks().request(marker, () => {
      release();
      return new Promise((end) => timer(end, ms));
    }))).catch(release);
  },

  /** `navigator.credentials.create` (or `.get`) with options in WebAuthn's JSON form: the
   * credential's JSON text; fails with 'json' (options not JSON), '' (no WebAuthn) or the
   * browser's failure as "name\nmessage". */
  passkey(create, options, wait) {
    settleWait(wait, new Promise((resolve) => {
      let json;
      try {
        json = JSON.parse(options);
      } catch {
        throw NOT_JSON;
      }
      const PKC = globalThis.PublicKeyCredential;
      const parse = PKC && PKC[create ? 'parseCreationOptionsFromJSON' : 'parseRequestOptionsFromJSON'];
      if (typeof parse !== 'function') throw NO_WEBAUTHN;
      const publicKey = parse.call(PKC, json);
      const nav = globalThis.navigator;
      const container = nav && nav.credentials;
      const call = container && container[create ? 'create' : 'get'];
      if (typeof call !== 'function') throw NO_WEBAUTHN;
      const pending = call.call(container, { publicKey });
      if (!(pending instanceof Promise)) throw NO_WEBAUTHN;
      resolve(pending.then((credential) => {
        if (typeof (credential && credential.toJSON) !== 'function') throw NO_WEBAUTHN;
        const data = credential.toJSON();
        let text;
        try {
          text = JSON.stringify(data);
        } catch {
          // unwritable: no WebAuthn JSON support
        }
        if (typeof text !== 'string') throw NO_WEBAUTHN;
        return text;
      }));
    }).catch((e) => {
      if (e === NOT_JSON) throw 'json';
      if (e === NO_WEBAUTHN) throw '';
      throw `${stringField(e, 'name') ?? 'WebAuthnError'}\n${stringField(e, 'message') ?? ''}`;
    }));
  },

  /** `crypto.getRandomValues(bytes)`: false when it throws (no `crypto`). */
  random(bytes) {
    try {
      crypto.getRandomValues(bytes);
      return true;
    } catch {
      return false;
    }
  },

  /** Runs the wasm's `__atIdle(prepare)` at idle time (requestIdleCallback, else a 200 ms
   * timer that does not keep Node running), instantiating it first if nothing has yet;
   * false when nothing can be scheduled. */
  idle(prepare) {
    const task = () => {
      ready();
      wasm.call('__atIdle', '', undefined, +prepare);
    };
    if (typeof globalThis.requestIdleCallback === 'function') {
      try {
        globalThis.requestIdleCallback(task, { timeout: 2000 });
        return true;
      } catch {
        return false;
      }
    }
    const t = timer(task, 200);
    if (t === undefined) return false;
    if (t && typeof t.unref === 'function') t.unref();
    return true;
  },

  /** `pool.onSessionChange(listener)`: returns the function that removes it. Changes in
   * other tabs arrive as `storage` events, which the core reads (`__storageEvent`). */
  onSessionChange(clientId, listener) {
    if (!watchedClients.includes(clientId)) {
      watchedClients.push(clientId);
      try {
        globalThis.addEventListener('storage', (e) => {
          ready();
          wasm.call('__storageEvent', JSON.stringify([clientId, ...['key', 'oldValue', 'newValue'].map((k) => stringField(e, k) ?? null)]), undefined, 0);
        });
      } catch {
        // no addEventListener (Node): nothing to watch
      }
    }
    const entry = [clientId, listener];
    sessionListeners.push(entry);
    return () => {
      const at = sessionListeners.indexOf(entry);
      if (at >= 0) sessionListeners.splice(at, 1);
    };
  },

  /** Tells the listeners of `clientId`; one that throws does not stop the others (its
   * exception surfaces as an unhandled rejection). */
  emit(clientId, type, username, otherTab) {
    const listeners = sessionListeners.filter(([c]) => c === clientId);
    if (!listeners.length) return;
    const event = { type, username, otherTab };
    for (const [, listener] of listeners) surface(() => listener.call(undefined, event));
  },

  /** The page's advanced-security collector, looked up at each request as the SDK does. */
  hasContextData() {
    return globalThis.AmazonCognitoAdvancedSecurityData !== undefined;
  },

  contextData(username, userPoolId, clientId) {
    try {
      const data = globalThis.AmazonCognitoAdvancedSecurityData.getData(username, userPoolId, clientId);
      return typeof data === 'string' ? data : undefined;
    } catch {
      return undefined;
    }
  },

  /** SRP's TIMESTAMP for `secs` (epoch seconds) as the JS SDK's DateHelper writes it,
   * `Tue Sep 3 08:04:05 UTC 2024`: toUTCString's `Tue, 03 Sep 2024 08:04:05 GMT`
   * rearranged (day and year as plain numbers, as getUTCDate / getUTCFullYear give them). */
  time(secs) {
    const [day, date, month, year, time] = new Date(secs * 1000).toUTCString().split(' ');
    return `${day.slice(0, 3)} ${month} ${+date} ${time} UTC ${+year}`;
  },

  userAgent() {
    return stringField(globalThis.navigator, 'userAgent');
  },

  localStorage() {
    try {
      return globalThis.localStorage;
    } catch {
      return undefined;
    }
  },

  /** A storage object's `getItem` (a throwing or missing one finds nothing). */
  getItem(storage, key) {
    try {
      const value = storageOf(storage).getItem(key);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  },

  /** A storage object's `setItem`: what failed, or undefined. */
  setItem(storage, key, value) {
    storage = storageOf(storage);
    let set;
    try {
      set = storage.setItem;
    } catch {
      // unreadable: no method
    }
    if (typeof set !== 'function') return 'the storage object has no setItem method';
    try {
      set.call(storage, key, value);
      return undefined;
    } catch (e) {
      return stringField(e, 'name') ?? 'storage write failed';
    }
  },

  removeItem(storage, key) {
    try {
      storageOf(storage).removeItem(key);
    } catch {
      // a broken backend never throws through the SDK
    }
  },
};
