// The package carries its wasm with the code section split into streams and merges it back
// before compiling (crates/code-streams, scripts/inline-wasm.mjs). What the package's
// `wasmBytes()` returns must be the module the build made, function by function (merging
// writes the sizes as five-byte LEB128 numbers), and the split must be what makes the
// package smaller.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { functionBodies, sections } from '../../scripts/wasm-binary.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT = join(ROOT, 'target', 'bindgen', 'cognito_identity_wasm.opt.wasm');
const SPLIT = join(ROOT, 'target', 'bindgen', 'cognito_identity_wasm.split.wasm');
const PKG_BYTES = join(ROOT, 'pkg', 'wasm-bytes.js');

/** Each section as { id, bodies }: the code section's function bodies apart, any other whole. */
function parsed(wasm) {
  const hex = (b) => Buffer.from(b).toString('hex');
  return sections(wasm).map(({ id, body }) => ({ id, bodies: id === 10 ? functionBodies(wasm).map(hex) : [hex(body)] }));
}

test('the package\'s wasm, merged, is the module the build made', async () => {
  for (const f of [BUILT, SPLIT, PKG_BYTES]) assert.ok(existsSync(f), `${f} is missing: run \`npm run build\` first`);
  const { wasmBytes } = await import(pathToFileURL(PKG_BYTES).href);
  const merged = wasmBytes();
  const built = readFileSync(BUILT);
  assert.ok(WebAssembly.validate(merged));
  assert.deepEqual(parsed(merged), parsed(built));
  const split = readFileSync(SPLIT);
  const code = (wasm) => sections(wasm).find((s) => s.id === 10).body;
  assert.notDeepEqual(code(split), code(built), 'the code section is split');
  const gzip = (b) => gzipSync(b, { level: 9 }).length;
  assert.ok(gzip(split) < gzip(built) - 2000, `split ${gzip(split)} B gzip against ${gzip(built)}`);
});
