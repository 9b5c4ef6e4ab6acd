// Runs once the package is loaded. The wasm is not instantiated yet (`ready`, core.js).

// The idle time after load: the wasm is instantiated then, unless a call needed it
// sooner, so that a later sign-in does not wait for it; and the SRP arithmetic is warmed
// up (`__atIdle(false)`, src/js/srp_ahead.rs).
host.idle(false);
