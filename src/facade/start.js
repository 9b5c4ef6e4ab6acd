// Runs once the wasm is instantiated (`instanceExports`: its raw exports).

// A trap leaves the shadow stack pointer where the trapping frames had moved it; read
// now, with no wasm frame live, it is the top, and `host.panicked` (core.js) has it put
// back from a microtask after each panic.
(function resetStackAfterPanics() {
  const stack = instanceExports.__stack_pointer;
  if (stack instanceof WebAssembly.Global) {
    const top = stack.value;
    resetStack = () => {
      stack.value = top;
    };
  }
})();

// Idle-time warm-up of the SRP arithmetic (`__atIdle(false)`, src/js/srp_ahead.rs),
// scheduled from here: a call into the wasm now would only schedule it, on the page's
// start-up path.
host.idle(false);
