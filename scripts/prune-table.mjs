// Drops the function table's entries that nothing can call, before wasm-opt: wasm-bindgen's
// closure `invoke` shims (and js-sys's JSPI waker, which only JSPI futures use), and core's
// formatting functions when nothing formats.
//
// Why they are there: every js-sys import that takes a callback (Array#forEach,
// Promise#then, …) has a describe function that takes the address of an `invoke` shim,
// which puts the shim in the function table. wasm-bindgen runs the describe functions at
// build time and deletes them, but the table entries stay, and with them the shims (about
// 4.7 KB of code before wasm-opt). They exist for JS to call a Rust `Closure` through the
// table; the shipped code makes no `Closure` (only the wasm tests do) and the table is not
// exported, so no JS can reach them, and no Rust code holds their indexes any more.
//
// The formatting functions (`<u32 as Display>::fmt`, `<&str as Display>::fmt`, the
// `RefCell` borrow errors' Display, and through them `Formatter::pad`, `pad_integral`, char
// counting and the digit pairs: about 2.8 KB) are there because every bounds check, `RefCell`
// borrow and overflow check builds its panic message as `fmt::Arguments`, which holds the
// address of each argument's formatting function. Only a formatting driver calls those
// (`core::fmt::write`, which `format!`, `write!` and `Formatter::write_fmt` go through); the
// shipped panic handler (src/js/panic.rs) reads the message only when it is a literal and
// never formats. So when no driver is in the module, no code can call them.
//
// How: the element segment is rewritten in its expressions form, those entries as
// `ref.null func` (a call through one would trap) and every other entry as `ref.func` of the
// same function at the same index, so every function pointer the code holds still means
// what it meant. wasm-opt then removes the shims, which nothing references.
//
// Refuses (returns the module unchanged, with the reason) when the glue could call into the
// table after all: the function table exported, or the glue making closures. The formatting
// functions stay when a formatting driver is in the module.
import { leb, moduleOf, readName, sections, u32 } from './wasm-binary.mjs';

/** Function names that may go: the shims, by the names rustc gives them. */
const DEAD = [/^wasm_bindgen::convert::closures::/, /^js_sys::futures::jspi::/];
/** Formatting functions, as `fmt::Arguments` point to them (`<T as core::fmt::Display>::fmt`). */
const FORMATTING = /^<.+ as core(\[[0-9a-f]+\])?::fmt::[A-Za-z]+>::fmt$/;
/** What calls the formatting functions: `core::fmt::write` and the ways into it. */
const FORMATS = /(^|::)fmt::write$|::write_fmt$|format_inner$|^alloc(\[[0-9a-f]+\])?::fmt::format$/;

/** Function index -> name, from the name section's function names. */
function functionNames(all) {
  const names = new Map();
  for (const { body } of all.filter((s) => s.id === 0)) {
    let [name, at] = readName(body, 0);
    if (name !== 'name') continue;
    while (at < body.length) {
      const kind = body[at];
      const [size, start] = leb(body, at + 1);
      if (kind === 1) {
        let [count, p] = leb(body, start);
        for (let i = 0; i < count; i++) {
          let index;
          [index, p] = leb(body, p);
          [name, p] = readName(body, p);
          names.set(index, name);
        }
      }
      at = start + size;
    }
  }
  return names;
}

/** Whether an export hands out the function table (export kind 1, table 0: the funcref one). */
function exportsFunctionTable(all) {
  const section = all.find((s) => s.id === 7);
  if (!section) return false;
  const { body } = section;
  let [count, at] = leb(body, 0);
  for (let i = 0; i < count; i++) {
    [, at] = readName(body, at);
    const kind = body[at];
    let index;
    [index, at] = leb(body, at + 1);
    if (kind === 1 && index === 0) return true;
  }
  return false;
}

/** Which of a module's function names (all of them given) nothing can call through the table. */
export function deadIn(allNames) {
  const formats = allNames.some((name) => FORMATS.test(name));
  return (name) => DEAD.some((re) => re.test(name)) || (!formats && FORMATTING.test(name));
}

/**
 * `wasm` (wasm-bindgen's output, with its name section) with the dead table entries as
 * nulls, and `glue` (wasm-bindgen's JS for it), which must not make closures.
 * Returns `{ wasm, pruned, why }`.
 */
export function pruneTable(wasm, glue) {
  const all = sections(wasm);
  if (/makeMutClosure|makeClosure|__wbindgen_closure|CLOSURE_DTORS/.test(glue)) return { wasm, pruned: 0, why: 'the glue makes closures' };
  if (exportsFunctionTable(all)) return { wasm, pruned: 0, why: 'the function table is exported' };
  const elem = all.find((s) => s.id === 9);
  if (!elem) return { wasm, pruned: 0, why: 'no element segment' };
  const { body } = elem;
  let [count, at] = leb(body, 0);
  let flags;
  [flags, at] = leb(body, at);
  if (count !== 1 || flags !== 0) return { wasm, pruned: 0, why: `element section of ${count} segment(s), flags ${flags}` };
  // Flags 0: an offset expression (`i32.const n end`), then a vector of function indexes.
  const offsetStart = at;
  while (body[at] !== 0x0b) at++;
  const offset = body.subarray(offsetStart, at + 1);
  let entries;
  [entries, at] = leb(body, at + 1);
  const names = functionNames(all);
  const dead = deadIn([...names.values()]);
  const items = [];
  let pruned = 0;
  for (let i = 0; i < entries; i++) {
    let index;
    [index, at] = leb(body, at);
    if (dead(names.get(index) ?? '')) {
      items.push(0xd0, 0x70, 0x0b); // ref.null func
      pruned++;
    } else {
      items.push(0xd2, ...u32(index), 0x0b); // ref.func index
    }
  }
  if (!pruned) return { wasm, pruned: 0, why: 'nothing to prune' };
  // Flags 4: active in table 0, funcref, the entries as expressions.
  const rewritten = Buffer.from([...u32(1), ...u32(4), ...offset, ...u32(entries), ...items]);
  return { wasm: moduleOf(wasm, all.map((s) => (s === elem ? { id: 9, body: rewritten } : s))), pruned, why: '' };
}

/**
 * `wasm` without the exports that neither `glue` (wasm-bindgen's JS for it) nor the
 * facade (`facadeReads`) reads: wasm-bindgen's runtime exports what its glue may need
 * (`__wbindgen_realloc`, `__wbindgen_free`, the abort handler's globals), and getrandom's
 * custom backend exports its hook; an export keeps its function or global alive, and
 * unexported, wasm-opt drops what nothing else uses. Returns `{ wasm, dropped }`.
 */
export function pruneExports(wasm, glue, facadeReads) {
  const all = sections(wasm);
  const section = all.find((s) => s.id === 7);
  if (!section) return { wasm, dropped: [] };
  const read = new Set([...glue.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]).concat(facadeReads));
  const { body } = section;
  let [count, at] = leb(body, 0);
  const kept = [];
  const dropped = [];
  for (let i = 0; i < count; i++) {
    const start = at;
    let name;
    [name, at] = readName(body, at);
    [, at] = leb(body, at + 1); // kind, index
    if (read.has(name)) kept.push(body.subarray(start, at));
    else dropped.push(name);
  }
  if (!dropped.length) return { wasm, dropped };
  const rewritten = Buffer.concat([Buffer.from(u32(kept.length)), ...kept]);
  return { wasm: moduleOf(wasm, all.map((s) => (s === section ? { id: 7, body: rewritten } : s))), dropped };
}
