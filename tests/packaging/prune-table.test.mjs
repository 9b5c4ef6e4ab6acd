// scripts/prune-table.mjs: which function-table entries and exports the build drops before wasm-opt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { deadIn, pruneExports, pruneTable } from '../../scripts/prune-table.mjs';

const SHIM = 'wasm_bindgen::convert::closures::_::invoke::h0123';
const DISPLAY = '<u32 as core[c5930c85a12de822]::fmt::Display>::fmt';
const BORROW = '<core[c5930c85a12de822]::cell::BorrowError as core[c5930c85a12de822]::fmt::Display>::fmt';
const OURS = 'cognito_identity_wasm::json::parse::Parser::value::h0123';

test('closure shims and, when nothing formats, the formatting functions go; our code stays', () => {
  const dead = deadIn([SHIM, DISPLAY, BORROW, OURS]);
  assert.deepEqual([SHIM, DISPLAY, BORROW, OURS].map(dead), [true, true, true, false]);
});

test('the formatting functions stay when a formatting driver is in the module', () => {
  for (const driver of ['core[c5930c85a12de822]::fmt::write', 'alloc[1234abcd]::fmt::format::format_inner', '<alloc::string::String as core::fmt::Write>::write_fmt']) {
    const dead = deadIn([SHIM, DISPLAY, OURS, driver]);
    assert.deepEqual([SHIM, DISPLAY, OURS].map(dead), [true, false, false], driver);
  }
});

const bg = 'target/bindgen/web/cognito_identity_wasm_bg.wasm';
const glue = 'target/bindgen/web/cognito_identity_wasm.js';
test('the build output: entries pruned, and refused when the glue makes closures', { skip: !existsSync(bg) && 'run `npm run build` first' }, () => {
  const wasm = readFileSync(bg);
  const js = readFileSync(glue, 'utf8');
  const pruned = pruneTable(wasm, js);
  assert.ok(pruned.pruned > 0, pruned.why);
  const refused = pruneTable(wasm, `${js}\nfunction makeMutClosure() {}`);
  assert.deepEqual([refused.pruned, refused.why], [0, 'the glue makes closures']);
});

test('the build output: the exports nothing reads go, the ones the glue or the facade reads stay', { skip: !existsSync(bg) && 'run `npm run build` first' }, () => {
  const wasm = readFileSync(bg);
  const reads = 'wasm.call(); wasm.memory; wasm.__wbindgen_malloc(); wasm.__wbindgen_externrefs; wasm.__externref_table_alloc(); wasm.__wbindgen_exn_store(); wasm.__wbindgen_start();';
  const { wasm: trimmed, dropped } = pruneExports(wasm, reads, ['__stack_pointer']);
  assert.ok(dropped.includes('__wbindgen_free') && dropped.includes('__wbindgen_realloc'), dropped.join());
  assert.ok(!dropped.some((name) => reads.includes(`wasm.${name}`) || name === '__stack_pointer'), dropped.join());
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(trimmed)).map((e) => e.name);
  for (const name of ['call', 'memory', '__stack_pointer', '__wbindgen_malloc']) assert.ok(exports.includes(name), name);
  assert.ok(!exports.includes('__wbindgen_free'));
});
