// Where our start-up time goes, outside the library: decode the inlined literal (the
// package's own wasmBytes()), compile the module synchronously (what initSync does),
// instantiate it with stub imports (the glue's imports are not run at instantiation).
import { wasmBytes } from '/pkg/wasm-bytes.js';

const t0 = performance.now();
const bytes = wasmBytes();
const t1 = performance.now();
const module = new WebAssembly.Module(bytes);
const t2 = performance.now();
let instantiate = null;
try {
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    const ns = (imports[imp.module] ??= {});
    if (imp.kind === 'function') ns[imp.name] = () => { throw new Error('stub'); };
    else if (imp.kind === 'memory') ns[imp.name] = new WebAssembly.Memory({ initial: 17 });
    else if (imp.kind === 'table') ns[imp.name] = new WebAssembly.Table({ initial: 0, element: 'anyfunc' });
    else if (imp.kind === 'global') ns[imp.name] = new WebAssembly.Global({ value: 'i32', mutable: false }, 0);
  }
  const t3 = performance.now();
  new WebAssembly.Instance(module, imports);
  instantiate = performance.now() - t3;
} catch (e) {
  instantiate = null;
}
// For comparison, the same bytes as base64 decoded by the built-in Uint8Array.fromBase64
// (how the package carried them before; see scripts/inline-wasm.mjs), where the browser has it.
let fromBase64 = null;
if (typeof Uint8Array.fromBase64 === 'function' && typeof bytes.toBase64 === 'function') {
  const b64 = bytes.toBase64();
  const t4 = performance.now();
  const again = Uint8Array.fromBase64(b64);
  fromBase64 = performance.now() - t4;
  if (again.length !== bytes.length) fromBase64 = null;
}
window.__startup = { decode: t1 - t0, compile: t2 - t1, instantiate, fromBase64, wasmBytes: bytes.length };
