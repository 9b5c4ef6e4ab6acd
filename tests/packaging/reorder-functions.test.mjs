// scripts/reorder-functions.mjs: the build reorders the wasm's function bodies for gzip;
// every reference to a function must follow its body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { reorderFunctions } from '../../scripts/reorder-functions.mjs';
import { functionBodies, sections } from '../../scripts/wasm-binary.mjs';

/** A module that reaches its functions every way the renumbering handles: direct calls,
 * an exported function, the table (an active segment of indices and a passive one of
 * `ref.func` expressions, copied in by `table.init`), `ref.func` in code, and an import
 * before them. Bodies alternate between two shapes so the packed order differs from this one. */
const WAT = `(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (type $unary (func (param i32) (result i32)))
  (table $t 8 funcref)
  (elem (table $t) (i32.const 0) func $inc $dec)
  (elem $later funcref (ref.func $sq) (ref.func $half))
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $dec (param i32) (result i32) (i32.sub (local.get 0) (i32.const 1)))
  (func $half (param i32) (result i32) (i32.div_s (local.get 0) (i32.const 2)))
  (func $viaRef (param i32) (result i32)
    (table.set $t (i32.const 4) (ref.func $inc))
    (call_indirect $t (type $unary) (local.get 0) (i32.const 4)))
  (func (export "run") (param i32) (result i32)
    (local i32)
    (table.init $t $later (i32.const 2) (i32.const 0) (i32.const 2))
    (local.set 1 (call $twice (call $inc (local.get 0))))
    (local.set 1 (i32.add (local.get 1) (call_indirect $t (type $unary) (local.get 0) (i32.const 1))))
    (local.set 1 (i32.add (local.get 1) (call_indirect $t (type $unary) (local.get 0) (i32.const 2))))
    (local.set 1 (i32.add (local.get 1) (call_indirect $t (type $unary) (local.get 0) (i32.const 3))))
    (i32.add (local.get 1) (call $viaRef (local.get 0))))
  (export "half" (func $half))
)`;

function assemble() {
  binaryen.setFeatures?.(binaryen.Features.All);
  const module = binaryen.parseText(WAT);
  module.setFeatures(binaryen.Features.BulkMemory | binaryen.Features.ReferenceTypes | binaryen.Features.MutableGlobals);
  assert.ok(module.validate());
  const wasm = Buffer.from(module.emitBinary());
  module.dispose();
  return wasm;
}

const run = (wasm, x) => {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(wasm), { env: { twice: (v) => 2 * v } });
  return [exports.run(x), exports.half(x)];
};

/** The code section's bodies, in order. */
const bodies = (wasm) => functionBodies(wasm).map((b) => Buffer.from(b).toString('hex'));

test('reordered, every call, table entry, ref.func and export still reaches its function', () => {
  const wasm = assemble();
  const reordered = reorderFunctions(wasm);
  assert.ok(WebAssembly.validate(reordered));
  assert.notDeepEqual(bodies(reordered), bodies(wasm), 'the order changed, or this test proves nothing');
  for (const x of [0, 7, 100, -9]) assert.deepEqual(run(reordered, x), run(wasm, x), `x = ${x}`);
  // The expected values, worked out by hand for x = 7: twice(8) + dec(7) + sq(7) + half(7) + inc(7).
  assert.deepEqual(run(reordered, 7), [16 + 6 + 49 + 3 + 8, 3]);
});

test('an opcode it does not know stops the build instead of being guessed', () => {
  const wasm = assemble();
  const code = sections(wasm).find((s) => s.id === 10).body;
  const at = wasm.indexOf(code) + code.indexOf(0x6a); // the first i32.add, in $inc
  const broken = Buffer.from(wasm);
  broken[at] = 0xfd; // the SIMD prefix, a feature the build does not enable
  assert.throws(() => reorderFunctions(broken), /not understood/);
});
