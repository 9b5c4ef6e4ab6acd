// Drops the function table's entries that nothing can call, before wasm-opt: wasm-bindgen's
// closure `invoke` shims (and js-sys's JSPI waker, which only JSPI futures use).
//
// Why they are there: every js-sys import that takes a callback (Array#forEach,
// Promise#then, …) has a describe function that takes the address of an `invoke` shim,
// which puts the shim in the function table. wasm-bindgen runs the describe functions at
// build time and deletes them, but the table entries stay, and with them the shims (about
// 4.7 KB of code before wasm-opt). They exist for JS to call a Rust `Closure` through the
// table; the shipped code makes no `Closure` (only the wasm tests do) and the table is not
// exported, so no JS can reach them, and no Rust code holds their indexes any more.
//
// How: the element segment is rewritten in its expressions form, those entries as
// `ref.null func` (a call through one would trap) and every other entry as `ref.func` of the
// same function at the same index, so every function pointer the code holds still means
// what it meant. wasm-opt then removes the shims, which nothing references.
//
// Refuses (returns the module unchanged, with the reason) when the glue could call into the
// table after all: the function table exported, or the glue making closures.

/** Function names that may go: the shims, by the names rustc gives them. */
const DEAD = [/^wasm_bindgen::convert::closures::/, /^js_sys::futures::jspi::/];

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value |= (b & 0x7f) << shift;
    shift += 7;
    if (b < 0x80) return [value >>> 0, at];
  }
}

function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function readName(bytes, at) {
  const [len, start] = readU32(bytes, at);
  return [Buffer.from(bytes.subarray(start, start + len)).toString('utf8'), start + len];
}

/** The module's sections: `{ id, start, end }` of each section's content. */
function sections(wasm) {
  const out = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    out.push({ id, start, end: start + size });
    at = start + size;
  }
  return out;
}

/** Function index -> name, from the name section's function names. */
function functionNames(wasm, all) {
  const names = new Map();
  for (const s of all.filter((x) => x.id === 0)) {
    let [name, at] = readName(wasm, s.start);
    if (name !== 'name') continue;
    while (at < s.end) {
      const kind = wasm[at];
      const [size, start] = readU32(wasm, at + 1);
      if (kind === 1) {
        let [count, p] = readU32(wasm, start);
        for (let i = 0; i < count; i++) {
          let index;
          [index, p] = readU32(wasm, p);
          [name, p] = readName(wasm, p);
          names.set(index, name);
        }
      }
      at = start + size;
    }
  }
  return names;
}

/** Whether an export hands out the function table (export kind 1: table; table 0 is funcref). */
function exportsFunctionTable(wasm, all) {
  const section = all.find((s) => s.id === 7);
  if (!section) return false;
  let [count, at] = readU32(wasm, section.start);
  for (let i = 0; i < count; i++) {
    let name;
    [name, at] = readName(wasm, at);
    const kind = wasm[at];
    let index;
    [index, at] = readU32(wasm, at + 1);
    if (kind === 1 && index === 0) return true;
  }
  return false;
}

/**
 * `wasm` (wasm-bindgen's output, with its name section) with the dead table entries as
 * nulls, and `glue` (wasm-bindgen's JS for it), which must not make closures.
 * Returns `{ wasm, pruned, why }`.
 */
export function pruneTable(wasm, glue) {
  const all = sections(wasm);
  if (/makeMutClosure|makeClosure|__wbindgen_closure|CLOSURE_DTORS/.test(glue)) return { wasm, pruned: 0, why: 'the glue makes closures' };
  if (exportsFunctionTable(wasm, all)) return { wasm, pruned: 0, why: 'the function table is exported' };
  const elem = all.find((s) => s.id === 9);
  if (!elem) return { wasm, pruned: 0, why: 'no element segment' };
  let [count, at] = readU32(wasm, elem.start);
  const [flags, afterFlags] = readU32(wasm, at);
  if (count !== 1 || flags !== 0) return { wasm, pruned: 0, why: `element section of ${count} segment(s), flags ${flags}` };
  // Flags 0: an offset expression (`i32.const n end`), then a vector of function indexes.
  const offsetStart = afterFlags;
  at = offsetStart;
  while (wasm[at] !== 0x0b) at++;
  const offset = wasm.subarray(offsetStart, at + 1);
  let entries;
  [entries, at] = readU32(wasm, at + 1);
  const names = functionNames(wasm, all);
  const items = [];
  let pruned = 0;
  for (let i = 0; i < entries; i++) {
    let index;
    [index, at] = readU32(wasm, at);
    const name = names.get(index) ?? '';
    if (DEAD.some((re) => re.test(name))) {
      items.push(0xd0, 0x70, 0x0b); // ref.null func
      pruned++;
    } else {
      items.push(0xd2, ...u32(index), 0x0b); // ref.func index
    }
  }
  if (!pruned) return { wasm, pruned: 0, why: 'nothing to prune' };
  // Flags 4: active in table 0, funcref, the entries as expressions.
  const content = [...u32(1), ...u32(4), ...offset, ...u32(entries), ...items];
  const section = Buffer.from([9, ...u32(content.length), ...content]);
  const headerStart = elem.start - u32(elem.end - elem.start).length - 1;
  return { wasm: Buffer.concat([wasm.subarray(0, headerStart), section, wasm.subarray(elem.end)]), pruned, why: '' };
}
