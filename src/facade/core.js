// The JS side of the wasm boundary (src/js/entry): the classes call the core with plain
// data and deliver what it answers. `wasm` (the wasm-bindgen exports) is bound by the
// package entry that this file is built into (scripts/build.mjs).
//
// Nothing here decides a flow: which request goes out, which challenge comes next, what is
// stored and when to refresh are the core's. This file turns objects into data, data
// into the SDK's objects, and hands a reply to the callback object, the Node-style
// callback or the Promise, once.

/**
 * Runs a call into the wasm. A panic there traps; src/js/panic.rs has made a coded error
 * of it (`WasmPanicException`): it is thrown here, or, when the call had set up its
 * Promise before it panicked, that Promise (rejected with it) is returned.
 */
function enter(f) {
  const mark = wasm.__panicMark();
  try {
    return f();
  } catch (e) {
    const panic = e instanceof WebAssembly.RuntimeError ? wasm.__takePanic(mark) : undefined;
    if (!panic) throw e;
    if (panic.delivered) return panic.returned;
    throw panic.error;
  }
}

/** `now(op, input, storage)`: the core's answer, parsed. */
function coreNow(op, input, storage) {
  return JSON.parse(enter(() => wasm.now(op, JSON.stringify(input), storage)));
}

/** `now(op, input, storage)`'s value; throws its error. */
function nowOk(op, input = {}, storage) {
  return okOrThrow(coreNow(op, input, storage));
}

/** `run(op, input, storage)`: a Promise of the core's answer, parsed. */
function coreRun(op, input, storage) {
  return Promise.resolve(enter(() => wasm.run(op, JSON.stringify(input), storage))).then(JSON.parse);
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
 * Node-style function) or, without one, a Promise (`returned`). `deliver(reply, value)`
 * reports once: `value(reply)` is the success value (a session object, ...); a `method`
 * reply calls that method of a callback object, else delivers its `otherwise`. `fail(err)`:
 * a failure before the core answered (a panic thrown by `enter`, an unreadable argument).
 * `to` (the core reads it too) is 'object' for a callback object; a Node-style callback
 * and the Promise are reached through the callback object that reports to them.
 */
function targetOf(callback) {
  const to = typeof callback === 'function' ? 'node' : callback !== null && typeof callback === 'object' ? 'object' : 'promise';
  let cb = callback;
  let returned;
  let done;
  if (to === 'node') cb = { onSuccess: (...results) => callback(null, ...results), onFailure: (err) => callback(err, null) };
  if (to === 'promise') {
    returned = new Promise((onSuccess, onFailure) => {
      cb = { onSuccess, onFailure };
    });
  }
  const deliver = (reply, value) => {
    if (done) return;
    const { method, err } = reply;
    if (method !== undefined) {
      if (to !== 'object' || typeof cb[method] !== 'function') return deliver(reply.otherwise, value);
      done = true;
      return surface(() => cb[method](...reply.args));
    }
    done = true;
    const name = err === undefined ? 'onSuccess' : 'onFailure';
    const args = err === undefined ? [value(reply), ...(reply.details === undefined ? [] : [reply.details])] : [errorOf(err)];
    surface(() => typeof cb[name] === 'function' && cb[name](...args));
  };
  return { to, returned, deliver, fail: (err) => deliver({ err }, () => undefined) };
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
 * Runs `op` in the core with the input `input()` makes and hands the answer to `deliver`;
 * what fails before the core answers (an object that cannot be read, a panic) fails
 * `target`. Returns what the method returns: the Promise without a callback.
 */
function runInto(target, op, input, storage, deliver) {
  const running = attempt(target, () => coreRun(op, input(), storage));
  if (running) running.then(deliver, target.fail);
  return target.returned;
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
