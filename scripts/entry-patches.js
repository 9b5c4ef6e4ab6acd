// Small JS-side adjustments applied to the exported classes, shared by the ES module
// entry and the script-tag file. `api` is the object holding the exported classes.
function applyPatches(api) {
  // The SDK's setters return `this` for chaining; wasm-bindgen methods cannot.
  for (const name of ['setName', 'setValue']) {
    const original = api.CognitoUserAttribute.prototype[name];
    api.CognitoUserAttribute.prototype[name] = function (value) {
      original.call(this, value);
      return this;
    };
  }
}
