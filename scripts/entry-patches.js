// Small JS-side adjustments applied to the exported classes, shared by the ES module
// entry and the script-tag file. `api` is the object holding the exported classes, `glue`
// wasm-bindgen's module (with the `__` functions kept out of `api`), `instanceExports` the
// wasm instance's raw exports.
function applyPatches(api, glue, instanceExports) {
  // The SDK's setters return `this` for chaining; wasm-bindgen methods cannot.
  for (const name of ['setName', 'setValue']) {
    const original = api.CognitoUserAttribute.prototype[name];
    api.CognitoUserAttribute.prototype[name] = function (value) {
      original.call(this, value);
      return this;
    };
  }
  reportPanics(api, glue, instanceExports);
  // Idle-time warm-up of the SRP arithmetic (src/js/srp_ahead.rs).
  glue.__warmUpAtIdle();
}

// A panic in the wasm traps: the method's caller would get a bare WebAssembly.RuntimeError.
// Every method of every class is wrapped so that it gets what src/js/panic.rs made of the
// panic instead: when the method had set up its call (callback or Promise), the panic
// hook fails that call and the method returns as usual (the Promise, or undefined);
// otherwise the method throws the coded error (`WasmPanicException`). Constructors cannot
// be wrapped without replacing the classes: a panic there still throws the RuntimeError.
function reportPanics(api, glue, instanceExports) {
  const stack = instanceExports && instanceExports.__stack_pointer;
  if (typeof WebAssembly !== 'undefined' && stack instanceof WebAssembly.Global) {
    // Read now, with no wasm frame live: the top of the shadow stack. A trap leaves the
    // pointer where the trapping frames had moved it; the hook has this reset run from a
    // microtask, when again no wasm frame is live.
    const top = stack.value;
    glue.__onPanicStackReset(function () { stack.value = top; });
  }
  const guard = (method) => function (...args) {
    const mark = glue.__panicMark();
    try {
      return method.apply(this, args);
    } catch (e) {
      const panic = e instanceof WebAssembly.RuntimeError ? glue.__takePanic(mark) : undefined;
      if (!panic) throw e;
      if (panic.delivered) return panic.returned;
      throw panic.error;
    }
  };
  for (const name of Object.keys(api)) {
    const cls = api[name];
    if (typeof cls !== 'function' || !cls.prototype) continue;
    for (const target of [cls.prototype, cls]) {
      for (const key of Object.getOwnPropertyNames(target)) {
        if (key === 'constructor' || key.startsWith('__') || ['length', 'name', 'prototype'].includes(key)) continue;
        const d = Object.getOwnPropertyDescriptor(target, key);
        if (!d.configurable) continue;
        if (typeof d.value === 'function') d.value = guard(d.value);
        if (d.get) d.get = guard(d.get);
        if (d.set) d.set = guard(d.set);
        Object.defineProperty(target, key, d);
      }
    }
  }
}
