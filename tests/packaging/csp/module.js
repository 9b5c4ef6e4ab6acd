// The ES-module page: imports the package entry (wasm instantiated on import).
import * as AC from '/pkg/index.js';

window.signIn(AC);
