// How the package carries its wasm inside JavaScript, so it can be instantiated
// synchronously right after `import` or the <script> tag.
//
// Base64 hides the byte-level repeats gzip and brotli feed on (a repeated byte run
// lands on four different 6-bit alignments): the 512 KB module gzips to 213 KB but
// its base64 to 285 KB. Here every byte stays on a character boundary, so repeats
// stay repeats (gzip comes within about 2% of the bare module's): the most frequent
// byte values (counted per build, for the code and the data section apart) are one
// printable ASCII character each, the rest a prefix character plus one. Only printable ASCII without `"`, `\` and `<`: the
// literal needs no escapes, no minifier or charset can change it, and no `</script`
// can appear if someone inlines the file into HTML. Decoding is a table lookup per
// character. The module it carries has its code section split into streams, with the
// small module that merges them back ahead of it (`merger`, crates/code-streams).

import { sections, u32 } from './wasm-binary.mjs';

/** The characters that stand for something: printable ASCII except `"`, `\`, `<`. */
const LEFT_OUT = [0x22, 0x5c, 0x3c];
const ALPHABET = [...Array(0x7f - 0x20).keys()].map(i => i + 0x20).filter(c => !LEFT_OUT.includes(c));
/** Two prefixes: 90 single characters + 2 × 90 pairs cover all 256 byte values. */
const PREFIXES = ALPHABET.slice(-2);
const SINGLES = ALPHABET.slice(0, -2);

const text = codes => String.fromCharCode(...codes);

/** Byte values by rank, for a part of the module: the SINGLES.length most frequent in it
 * (ties by value: the build is reproducible) are the singles, each written as the character
 * of its own value where that is one of SINGLES (so text in the module stays text), the
 * others taking the characters left over, in order; the rest, by value, are pairs. The file
 * carries only which bytes are singles (`singlesBitmap`), 64 characters, from which the
 * decoder derives the rest. */
function byFrequency(part) {
  const count = new Array(256).fill(0);
  for (const b of part) count[b]++;
  const top = [...Array(256).keys()].sort((a, b) => count[b] - count[a] || a - b).slice(0, SINGLES.length);
  const others = top.filter((b) => !SINGLES.includes(b)).sort((a, b) => a - b);
  const singles = SINGLES.map((c) => (top.includes(c) ? c : others.shift()));
  return [...singles, ...[...Array(256).keys()].filter((b) => !top.includes(b))];
}

/** Which bytes of `order` (byFrequency's) are singles, as 64 characters that lead the part's
 * text: four bits each, as the low bits of `@` to `O`. */
function singlesBitmap(order) {
  const digits = new Array(BITMAP_CHARS).fill(0x40);
  for (const b of order.slice(0, SINGLES.length)) digits[b >> 2] |= 1 << (b & 3);
  return text(digits);
}
const BITMAP_CHARS = 64;

/**
 * Where the module's data section starts (its bytes after the section's id and size), or
 * its length when it has none (or is not a module). The data section (the last, here) is
 * mostly text: the core's strings, JSON keys and operation names, many of which the JS
 * after the literal repeats. Its own table writes that text as itself, which gzip can
 * then refer back to from the JS (-664 B gzip for the script tag, the decoder's longer
 * setup included); the code before it has
 * its own table, its byte values being another mix.
 */
function dataSectionStart(wasm) {
  const isModule = wasm.length >= 8 && wasm[0] === 0 && wasm[1] === 0x61 && wasm[2] === 0x73 && wasm[3] === 0x6d;
  const data = isModule && sections(wasm).find((section) => section.id === 11);
  return data ? data.body.byteOffset - wasm.byteOffset : wasm.length;
}

/** The character(s) for the byte of frequency rank `r`. */
function encodeRank(r) {
  if (r < SINGLES.length) return [SINGLES[r]];
  const k = r - SINGLES.length;
  return [PREFIXES[Math.floor(k / SINGLES.length)], SINGLES[k % SINGLES.length]];
}

// The decoding loop runs in a 100-byte wasm module of its own, assembled here: in the JS
// loop a cold page spent about 6 ms on it, in wasm a fraction of that. Memory from 0: the
// byte of each character, and of each prefix and character at prefix × 128 + character
// (built by the JS from the bitmaps: fewer bytes there than as wasm); at INPUT the
// characters, which the bytes overwrite as they are decoded (a byte never takes fewer
// characters than one). d(in, out, end) decodes from `in` into [out, end) and returns
// where its characters end.
const INPUT = 1 << 14;
const [PREFIX] = PREFIXES;
const section = (id, content) => [id, ...u32(content.length), ...content];
const [LOOP, IF, END, BR_IF] = [0x03, 0x04, 0x0b, 0x0d];
const [LOAD8, STORE8] = [0x2d, 0x3a];
const [GET, SET, TEE] = [0x20, 0x21, 0x22];
const [LT_U, GE_U, ADD, OR, SHL] = [0x49, 0x4f, 0x6a, 0x72, 0x74];
const I32 = 0x7f;
const CONST = n => [0x41, ...u32(n)]; // signed LEB128 = unsigned for the constants used here (1, 7, 125 as 2 bytes)
const mem = (op, offset) => [op, 0, ...u32(offset)];
const IN = 0, OUT = 1, END_AT = 2, V = 3;
const inc = (x) => [GET, x, ...CONST(1), ADD, SET, x];
const body = [
  0x01, 0x01, I32, // one i32 local: V
  LOOP, 0x40, // each byte: a single character, or a prefix and a character
  GET, IN, ...mem(LOAD8, 0), TEE, V, 0x41, ...[PREFIX & 0x7f | 0x80, PREFIX >> 7], GE_U,
  IF, 0x40,
  GET, V, ...CONST(7), SHL, GET, IN, ...mem(LOAD8, 1), OR, SET, V,
  ...inc(IN),
  END,
  ...inc(IN),
  GET, OUT, GET, V, ...mem(LOAD8, 0), ...mem(STORE8, 0),
  GET, OUT, ...CONST(1), ADD, TEE, OUT, GET, END_AT, LT_U, BR_IF, 0,
  END,
  GET, IN,
  END,
];
function decoderWasm(chars) {
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x03, I32, I32, I32, 0x01, I32]), // type (i32, i32, i32) -> i32
    ...section(3, [0x01, 0x00]), // one function of that type
    ...section(5, [0x01, 0x00, ...u32(Math.ceil((INPUT + chars) / 65536))]), // memory for the characters
    ...section(7, [0x02, 0x01, 0x6d, 0x02, 0x00, 0x01, 0x64, 0x00, 0x00]), // export "m" memory, "d" function
    ...section(10, [0x01, ...u32(body.length), ...body]),
  ]);
}

/**
 * JS source declaring `wasmData` (the literal) and `function wasmBytes()` returning
 * the module's bytes; `exported` puts `export` before the function. The literal sits
 * outside the function on purpose: V8 compiles inner functions lazily, and a literal
 * inside one would be scanned twice (pre-parse, then full parse on the call), which
 * cost about 3 ms.
 *
 * With `merger` (the code-streams crate's wasm, crates/code-streams), `wasm` is a module
 * whose code section is split into streams, and the literal carries the merger ahead of
 * it: `wasmBytes()` instantiates the merger and returns what it makes of the rest, the
 * module itself.
 *
 * The package decodes and compiles its wasm at its first use, not as it loads; the source
 * compiles an empty module as it runs, so that where a Content-Security-Policy refuses
 * WebAssembly the package still fails as it loads (tests/packaging/csp.test.mjs), not at
 * the app's first call. (An empty module, not the decoder: it costs the page's start-up
 * about half the main-thread time.)
 */
export function wasmBytesSource(wasm, { exported = false, merger } = {}) {
  const carried = merger ? Buffer.concat([merger, wasm]) : wasm;
  const dataAt = (merger?.length ?? 0) + dataSectionStart(wasm);
  const parts = [carried.subarray(0, dataAt), carried.subarray(dataAt)].filter((part) => part.length).map((part) => {
    const order = byFrequency(part);
    const chars = new Array(256);
    order.forEach((byte, r) => { chars[byte] = text(encodeRank(r)); });
    return { bitmap: singlesBitmap(order), length: part.length, text: Array.from(part, (b) => chars[b]).join('') };
  });
  const data = parts.map((part) => part.bitmap + part.text).join('');
  const decoder = decoderWasm(data.length);
  const isChar = `x > ${ALPHABET[0] - 1} && x < ${PREFIX}${LEFT_OUT.map((c) => ` && x != ${c}`).join('')}`;
  // The merger's memory: its own data and stack, then the split module (copied there),
  // then the merged one, which is at most a few bytes per function longer (two pages per
  // 16 KB of input leave room for it several times over).
  const merged = merger ? `
  var merge = new WebAssembly.Instance(new WebAssembly.Module(heap.subarray(${INPUT}, ${INPUT + merger.length}))).exports;
  var memory = merge.memory, at = memory.buffer.byteLength, length = output - ${INPUT + merger.length};
  memory.grow((length >> 13) + 1);
  new Uint8Array(memory.buffer).set(heap.subarray(${INPUT + merger.length}, output), at);
  return new Uint8Array(memory.buffer, at + length, merge.merge(at, length, at + length));` : `
  // A view, not a copy: WebAssembly.Module copies what it is given anyway.
  return heap.subarray(${INPUT}, output);`;
  return `// The wasm module: each part's bitmap of single bytes, then one or two characters per byte (scripts/inline-wasm.mjs).
var wasmData = "${data}";
new WebAssembly.Module(new Uint8Array([${Array.from(decoder.subarray(0, 8)).join(',')}]));
${exported ? 'export ' : ''}function wasmBytes() {
  var decoder = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([${Array.from(decoder).join(',')}]))).exports;
  var heap = new Uint8Array(decoder.m.buffer), input = ${INPUT}, output = ${INPUT};
  var isChar = function (x) { return ${isChar}; };
  new TextEncoder().encodeInto(wasmData, heap.subarray(input)); // ASCII: one byte per character
  [${parts.map((part) => part.length).join(', ')}].forEach(function (length) {
    // The character(s) of each byte value b, as byFrequency orders them: a single that is
    // a single character, that character; another single, the next single character q
    // whose byte is no single; any other byte, the next pair p (prefix × 128 + character).
    var bit = function (x) { return heap[input + (x >> 2)] >> (x & 3) & 1; };
    for (var b = 0, q = ${ALPHABET[0] - 1}, p = ${PREFIX * 128 + ALPHABET[0] - 1}; b < 256; b++) {
      if (!bit(b)) while (!isChar(++p & 127));
      else if (!isChar(b)) while (!isChar(++q) || bit(q));
      heap[bit(b) ? (isChar(b) ? b : q) : p] = b;
    }
    input = decoder.d(input + ${BITMAP_CHARS}, output, output += length);
  });${merged}
}`;
}
/**
 * The wasm's string literal inside a built file, minified or not: its longest string
 * literal. (Minifiers may still escape a run such as `-->`, which terser writes `--\x3e`.)
 */
export function inlinedLiteral(source) {
  let longest = null;
  for (const m of source.matchAll(/"(?:[^"\\\n]|\\.){10000,}"/g)) if (!longest || m[0].length > longest.length) longest = m[0];
  return longest;
}
