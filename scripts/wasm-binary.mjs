// Reading and writing the parts of a wasm module's binary form that the build's own
// post-processing steps touch (scripts/short-names.mjs, scripts/prune-table.mjs,
// scripts/inline-wasm.mjs).

/** An unsigned LEB128 number at `at`: `[value, where it ends]`. */
export const leb = (bytes, at) => {
  let value = 0, shift = 0, byte;
  do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, at];
};

/** `n` as unsigned LEB128 bytes. */
export const u32 = (n) => { const b = []; do { let x = n % 128; n = Math.floor(n / 128); if (n) x |= 0x80; b.push(x); } while (n); return b; };

/** A name as the binary form writes it: its UTF-8 length, then its bytes. */
export const nameBytes = (s) => [...u32(Buffer.byteLength(s)), ...Buffer.from(s, 'utf8')];

/** The module's sections as { id, body } (body: a Buffer view). */
export function sections(wasm) {
  const out = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    out.push({ id, body: wasm.subarray(start, start + size) });
    at = start + size;
  }
  return out;
}

/** The code section's function bodies (after their sizes), in order: views of `wasm`;
 * throws when the section does not end with its last function. */
export function functionBodies(wasm) {
  const code = sections(wasm).find((s) => s.id === 10)?.body;
  if (!code) return [];
  let [count, at] = leb(code, 0);
  const out = [];
  while (count--) {
    const [size, start] = leb(code, at);
    out.push(code.subarray(start, start + size));
    at = start + size;
  }
  if (at !== code.length) throw new Error('wasm-binary: the code section does not end with its last function');
  return out;
}

/** A module made of `wasm`'s header and `parts` ({ id, body }). */
export function moduleOf(wasm, parts) {
  const out = [wasm.subarray(0, 8)];
  for (const { id, body } of parts) out.push(Buffer.from([id, ...u32(body.length)]), body);
  return Buffer.concat(out);
}

/** A name at `at` of `body`: `[name, where it ends]`. */
export function readName(body, at) {
  const [length, start] = leb(body, at);
  return [Buffer.from(body.subarray(start, start + length)).toString('utf8'), start + length];
}
