// How the package carries its wasm inside JavaScript, so it can be instantiated
// synchronously right after `import` or the <script> tag.
//
// Base64 hides the byte-level repeats gzip and brotli feed on (a repeated byte run
// lands on four different 6-bit alignments): the 512 KB module gzips to 213 KB but
// its base64 to 285 KB. Here every byte stays on a character boundary, so repeats
// stay repeats (gzip comes within about 2% of the bare module's): the most frequent
// byte values (counted per build) are one printable ASCII character each, the rest
// a prefix character plus one. Only printable ASCII without `"`, `\` and `<`: the
// literal needs no escapes, no minifier or charset can change it, and no `</script`
// can appear if someone inlines the file into HTML. Decoding is a table lookup per
// character.

/** The characters that stand for something: printable ASCII except `"`, `\`, `<`. */
const LEFT_OUT = [0x22, 0x5c, 0x3c];
const ALPHABET = [...Array(0x7f - 0x20).keys()].map(i => i + 0x20).filter(c => !LEFT_OUT.includes(c));
/** Two prefixes: 90 single characters + 2 × 90 pairs cover all 256 byte values. */
const PREFIXES = ALPHABET.slice(-2);
const SINGLES = ALPHABET.slice(0, -2);

const text = codes => String.fromCharCode(...codes);

/** Byte values by rank: the SINGLES.length most frequent (ties by value: the build is
 * reproducible), then the rest, each group by value. The file carries only which bytes are
 * in the first group (`singlesBitmap`), 64 hex digits, where their order by frequency took
 * 180 (-118 B gzip, the literal's own gzip a little smaller too): a renaming of the single
 * characters changes what gzip's Huffman codes count hardly at all. */
function byFrequency(wasm) {
  const count = new Array(256).fill(0);
  for (const b of wasm) count[b]++;
  const top = [...Array(256).keys()].sort((a, b) => count[b] - count[a] || a - b).slice(0, SINGLES.length).sort((a, b) => a - b);
  return [...top, ...[...Array(256).keys()].filter((b) => !top.includes(b))];
}

/** Which bytes have a single character: a bit each, four to a hex digit. */
function singlesBitmap(order) {
  const digits = new Array(64).fill(0);
  for (const b of order.slice(0, SINGLES.length)) digits[b >> 2] |= 1 << (b & 3);
  return digits.map((d) => d.toString(16)).join('');
}

/** The character(s) for the byte of frequency rank `r`. */
function encodeRank(r) {
  if (r < SINGLES.length) return [SINGLES[r]];
  const k = r - SINGLES.length;
  return [PREFIXES[Math.floor(k / SINGLES.length)], SINGLES[k % SINGLES.length]];
}

// The decoding loop runs in a 100-byte wasm module of its own, assembled here: in
// the JS loop a cold page spent about 6 ms on it, in wasm it is a fraction of that.
// Memory: [0, 256) rank of each ASCII character as u16 (for a prefix 256 + the rank
// its pairs start at), [256, 512) byte value of each rank, then the characters, then
// the output. d(in, out, end) decodes from `in` into [out, end).
const u32 = n => { const b = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; b.push(x); } while (n); return b; };
const section = (id, content) => [id, ...u32(content.length), ...content];
const [I32_LOAD8_U, I32_LOAD16_U, I32_STORE8] = [0x2d, 0x2f, 0x3a];
const [GET, SET, TEE] = [0x20, 0x21, 0x22];
const [ADD, SUB, SHL, GE_U, LT_U] = [0x6a, 0x6b, 0x74, 0x4f, 0x49];
const CONST = n => [0x41, ...u32(n)]; // signed LEB128 = unsigned for the constants used here (1, 256)
const mem = (op, align, offset) => [op, align, ...u32(offset)];
const IN = 0, OUT = 1, END = 2, V = 3;
const nextRank = [ // rank of the character at IN, then IN += 1
  GET, IN, ...mem(I32_LOAD8_U, 0, 0), ...CONST(1), SHL, ...mem(I32_LOAD16_U, 1, 0),
  GET, IN, ...CONST(1), ADD, SET, IN,
];
const body = [
  0x01, 0x01, 0x7f, // one i32 local: V
  0x03, 0x40, // loop
  ...nextRank, TEE, V, ...CONST(256), GE_U,
  0x04, 0x40, // if a prefix: V = V - 256 + rank of the next character
  GET, V, ...CONST(256), SUB, ...nextRank, ADD, SET, V,
  0x0b,
  GET, OUT, GET, V, ...mem(I32_LOAD8_U, 0, 256), ...mem(I32_STORE8, 0, 0),
  GET, OUT, ...CONST(1), ADD, TEE, OUT, GET, END, LT_U, 0x0d, 0x00, // br_if loop
  0x0b, 0x0b,
];
export const DECODER_WASM = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00]), // type (i32, i32, i32) -> ()
  ...section(3, [0x01, 0x00]), // one function of that type
  ...section(5, [0x01, 0x00, 0x00]), // memory, 0 pages to start (grown by the caller)
  ...section(7, [0x02, 0x01, 0x6d, 0x02, 0x00, 0x01, 0x64, 0x00, 0x00]), // export "m" memory, "d" function
  ...section(10, [0x01, ...u32(body.length), ...body]),
]);

/**
 * JS source declaring `wasmData` (the literal) and `function wasmBytes()` returning
 * the module's bytes; `exported` puts `export` before the function. The literal sits
 * outside the function on purpose: V8 compiles inner functions lazily, and a literal
 * inside one would be scanned twice (pre-parse, then full parse on the call), which
 * cost about 3 ms.
 *
 * The package decodes and compiles its wasm at its first use, not as it loads; the source
 * compiles an empty module as it runs, so that where a Content-Security-Policy refuses
 * WebAssembly the package still fails as it loads (tests/packaging/csp.test.mjs), not at
 * the app's first call. (An empty module, not the decoder: it costs the page's start-up
 * about half the main-thread time.)
 */
export function wasmBytesSource(wasm, { exported = false } = {}) {
  const order = byFrequency(wasm);
  const rank = new Array(256);
  order.forEach((byte, r) => { rank[byte] = r; });
  const chars = [...Array(256).keys()].map(encodeRank);
  const data = [];
  for (const b of wasm) data.push(text(chars[rank[b]]));
  return `// The wasm module, one or two characters per byte (scripts/inline-wasm.mjs).
var wasmData = "${data.join('')}";
new WebAssembly.Module(new Uint8Array([${Array.from(DECODER_WASM.subarray(0, 8)).join(',')}]));
${exported ? 'export ' : ''}function wasmBytes() {
  var data = wasmData;
  var singles = "${singlesBitmap(order)}";
  var length = ${wasm.length};
  var decoder = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([${Array.from(DECODER_WASM).join(',')}]))).exports;
  var input = 512, output = input + data.length, end = output + length;
  decoder.m.grow(Math.ceil(end / 65536));
  var heap = new Uint8Array(decoder.m.buffer), view = new DataView(decoder.m.buffer);
  // The alphabet in order: the singles' ranks, then each prefix's 256 + where its pairs start.
  for (var c = ${ALPHABET[0]}, k = 0; c <= ${ALPHABET.at(-1)}; c++) {
    if (${LEFT_OUT.map((x) => `c != ${x}`).join(' && ')}) view.setUint16(2 * c, k < ${SINGLES.length} ? k++ : 256 + ${SINGLES.length} * (k++ - ${SINGLES.length - 1}), true);
  }
  // The bytes by rank: those with a single character, then the rest, each by value.
  for (var r = 0, single = 1; single >= 0; single--) {
    for (var b = 0; b < 256; b++) if ((parseInt(singles[b >> 2], 16) >> (b & 3) & 1) == single) heap[256 + r++] = b;
  }
  new TextEncoder().encodeInto(data, heap.subarray(input, output)); // ASCII: one byte per character
  decoder.d(input, output, end);
  // A view, not a copy: WebAssembly.Module copies what it is given anyway.
  return heap.subarray(output, end);
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
