// The wasm's function bodies put in an order that gzip (and brotli) pack tighter.
//
// Deflate finds repeats only within the last 32 KB, and codes a near repeat in fewer bits
// than a far one; LLVM and wasm-opt order the functions by where they come from, not by what
// they look like. Here each next body is the one that compresses best right after the body
// before it (greedy, by deflate's own measure), so similar bodies (the many small futures'
// polls, drop glue, JSON readers) sit side by side. Only the order changes: each function
// keeps its body, and every reference to a function index (calls, `ref.func`, the table's
// elements, exports) is renumbered to match. Imported functions keep their indices (they
// come first in the index space, and have no bodies).

import { deflateRawSync } from 'node:zlib';
import { leb, moduleOf, readName, sections, u32 } from './wasm-binary.mjs';

const [IMPORT, FUNCTION, EXPORT, START, ELEMENT, CODE] = [2, 3, 7, 8, 9, 10];

/** A vector's elements as byte ranges: `read(at)` returns where one ends. */
function items(body, at, read) {
  const [count, start] = leb(body, at);
  const out = [];
  let p = start;
  for (let i = 0; i < count; i++) { const end = read(p); out.push([p, end]); p = end; }
  return [out, p];
}

/** How many functions the module imports (they take the first indices). */
function importedFunctions(body) {
  let count = 0;
  items(body, 0, (p) => {
    for (let k = 0; k < 2; k++) { const [n, s] = leb(body, p); p = s + n; } // module, name
    const kind = body[p++];
    if (kind === 0x00) { count++; return leb(body, p)[1]; }
    if (kind === 0x01) p++; // table: reference type, then limits
    if (kind === 0x01 || kind === 0x02) { const flags = body[p]; let [, q] = leb(body, p + 1); if (flags & 1) [, q] = leb(body, q); return q; }
    if (kind === 0x03) return p + 2;
    throw new Error(`import kind ${kind} not understood`);
  });
  return count;
}

/** Skips a signed LEB128 number. */
const skipLeb = (bytes, at) => { while (bytes[at++] & 0x80); return at; };

/**
 * Copies the instructions of `bytes` from `at` to the end of the expression (the `end` that
 * closes the function body, or a constant expression) into `out`, renumbering the function
 * indices of `call` and `ref.func` by `renumber`. Returns where the expression ends.
 * The opcodes are those of wasm 1.0 plus the features the build enables (bulk memory,
 * sign extension, non-trapping float-to-int, reference types, multi-value); any other
 * stops the build rather than guess its immediates.
 */
function copyCode(bytes, at, out, renumber) {
  let depth = 1, from = at;
  const funcIndex = (p) => {
    out.push(...bytes.subarray(from, p));
    const [index, end] = leb(bytes, p);
    out.push(...u32(renumber(index)));
    from = end;
    return end;
  };
  while (depth > 0) {
    const op = bytes[at++];
    if (op === 0x02 || op === 0x03 || op === 0x04) { depth++; at = skipLeb(bytes, at); } // block type: 0x40, a value type or a type index, all LEB-shaped
    else if (op === 0x0b) depth--;
    else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x26)) at = leb(bytes, at)[1];
    else if (op === 0x0e) { const [n, s] = leb(bytes, at); at = s; for (let i = 0; i <= n; i++) at = leb(bytes, at)[1]; }
    else if (op === 0x10 || op === 0xd2) at = funcIndex(at);
    else if (op === 0x11) at = leb(bytes, leb(bytes, at)[1])[1];
    else if (op === 0x1c) { const [n, s] = leb(bytes, at); at = s + n; }
    else if (op >= 0x28 && op <= 0x3e) at = leb(bytes, leb(bytes, at)[1])[1]; // memarg
    else if (op === 0x3f || op === 0x40 || op === 0xd0) at++;
    else if (op === 0x41 || op === 0x42) at = skipLeb(bytes, at);
    else if (op === 0x43) at += 4;
    else if (op === 0x44) at += 8;
    else if (op === 0xfc) {
      const [sub, s] = leb(bytes, at);
      at = s;
      if (sub <= 7) { /* saturating truncations */ }
      else if (sub === 8) at = leb(bytes, at)[1] + 1;
      else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) at = leb(bytes, at)[1];
      else if (sub === 10) at += 2;
      else if (sub === 11) at += 1;
      else if (sub === 12 || sub === 14) at = leb(bytes, leb(bytes, at)[1])[1];
      else throw new Error(`reorder-functions: instruction 0xfc ${sub} not understood`);
    } else if (op <= 0x01 || op === 0x05 || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1) { /* no immediates */ }
    else throw new Error(`reorder-functions: opcode 0x${op.toString(16)} not understood`);
  }
  out.push(...bytes.subarray(from, at));
  return at;
}

/** A function body with its function indices renumbered (its size prefix left off). */
function renumberBody(body, renumber) {
  let [, at] = items(body, 0, (p) => leb(body, p)[1] + 1); // locals: count, value type
  const out = [...body.subarray(0, at)];
  at = copyCode(body, at, out, renumber);
  if (at !== body.length) throw new Error('reorder-functions: a function body has bytes after its end');
  return Buffer.from(out);
}

/** The order of `bodies` (indices into it) in which each follows the one it packs best after. */
function packedOrder(bodies) {
  const size = (b) => deflateRawSync(b, { level: 9 }).length;
  const alone = bodies.map(size);
  const order = [0];
  const left = new Set(bodies.keys());
  left.delete(0);
  while (left.size) {
    const last = bodies[order[order.length - 1]];
    const lastSize = alone[order[order.length - 1]];
    let best = -1, bestCost = Infinity;
    for (const i of left) { // in index order: ties go to the earlier function, so the build is reproducible
      const cost = size(Buffer.concat([last, bodies[i]])) - lastSize - alone[i];
      if (cost < bestCost) { best = i; bestCost = cost; }
    }
    order.push(best);
    left.delete(best);
  }
  return order;
}

/** Element segments with their function indices renumbered (all eight encodings). */
function renumberElements(body, renumber) {
  const [count, first] = leb(body, 0);
  const out = [...u32(count)];
  let at = first;
  for (let s = 0; s < count; s++) {
    const start = at;
    const flags = body[at];
    at = leb(body, at)[1];
    if ((flags & 3) === 2) at = leb(body, at)[1]; // table index
    if (!(flags & 1)) at = copyCode(body, at, [], (i) => i); // offset: a constant expression
    if (flags & 3) at++; // element kind or reference type
    out.push(...body.subarray(start, at));
    const [n, items] = leb(body, at);
    out.push(...u32(n));
    at = items;
    for (let i = 0; i < n; i++) {
      if (flags & 4) at = copyCode(body, at, out, renumber); // expressions (ref.func)
      else { const [index, next] = leb(body, at); out.push(...u32(renumber(index))); at = next; }
    }
  }
  if (at !== body.length) throw new Error('reorder-functions: the element section has bytes after its end');
  return Buffer.from(out);
}

/** Exports with their function indices renumbered. */
function renumberExports(body, renumber) {
  const [list] = items(body, 0, (p) => { const [n, s] = leb(body, p); return leb(body, s + n + 1)[1]; });
  const out = [...u32(list.length)];
  for (const [start] of list) {
    const [n, s] = leb(body, start);
    const kind = body[s + n];
    const [index] = leb(body, s + n + 1);
    out.push(...body.subarray(start, s + n + 1), ...u32(kind === 0x00 ? renumber(index) : index));
  }
  return Buffer.from(out);
}

/** `wasm` with its function bodies reordered (see the top of this file). */
export function reorderFunctions(wasm) {
  const parts = sections(wasm);
  const part = (id) => parts.find((p) => p.id === id);
  if (part(START)) throw new Error('reorder-functions: a start section is not handled');
  if (parts.some((p) => p.id === 0 && readName(p.body, 0)[0] === 'name')) throw new Error('reorder-functions: the name section would need renumbering too');
  const imported = part(IMPORT) ? importedFunctions(part(IMPORT).body) : 0;
  const [types] = items(part(FUNCTION).body, 0, (p) => leb(part(FUNCTION).body, p)[1]);
  const code = part(CODE).body;
  const [ranges] = items(code, 0, (p) => { const [n, s] = leb(code, p); return s + n; });
  const bodies = ranges.map(([p, end]) => code.subarray(leb(code, p)[1], end));
  if (bodies.length !== types.length) throw new Error('reorder-functions: the function and code sections disagree');

  const order = packedOrder(bodies);
  const newIndex = new Array(order.length);
  order.forEach((old, position) => { newIndex[old] = position; });
  const renumber = (index) => (index < imported ? index : imported + newIndex[index - imported]);

  const functionSection = part(FUNCTION).body;
  const newTypes = order.map((old) => functionSection.subarray(...types[old]));
  const newBodies = order.map((old) => { const b = renumberBody(bodies[old], renumber); return Buffer.concat([Buffer.from(u32(b.length)), b]); });
  return moduleOf(wasm, parts.map(({ id, body }) => {
    if (id === FUNCTION) return { id, body: Buffer.concat([Buffer.from(u32(order.length)), ...newTypes]) };
    if (id === CODE) return { id, body: Buffer.concat([Buffer.from(u32(order.length)), ...newBodies]) };
    if (id === EXPORT) return { id, body: renumberExports(body, renumber) };
    if (id === ELEMENT) return { id, body: renumberElements(body, renumber) };
    return { id, body };
  }));
}
