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
// character.

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
 * carries only which bytes are singles (`singlesBitmap`), 64 hex digits, from which the
 * decoder derives the rest. */
function byFrequency(part) {
  const count = new Array(256).fill(0);
  for (const b of part) count[b]++;
  const top = [...Array(256).keys()].sort((a, b) => count[b] - count[a] || a - b).slice(0, SINGLES.length);
  const others = top.filter((b) => !SINGLES.includes(b)).sort((a, b) => a - b);
  const singles = SINGLES.map((c) => (top.includes(c) ? c : others.shift()));
  return [...singles, ...[...Array(256).keys()].filter((b) => !top.includes(b))];
}

/** Which bytes of `order` (byFrequency's) are singles, as characters that lead the part's
 * text: six bits each (the character of rank v for the bits v), 43 characters for 256 bits. */
function singlesBitmap(order) {
  const bits = new Array(BITMAP_CHARS * 6).fill(0);
  for (const b of order.slice(0, SINGLES.length)) bits[b] = 1;
  const chars = [];
  for (let i = 0; i < bits.length; i += 6) chars.push(ALPHABET[bits.slice(i, i + 6).reduce((v, bit, j) => v | (bit << j), 0)]);
  return text(chars);
}
const BITMAP_CHARS = 43;

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
  let at = 8;
  const leb = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = wasm[at++];
      n += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80) || at >= wasm.length) return n;
    }
  };
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) return wasm.length;
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    if (id === 11) return Math.min(at, wasm.length);
    at += size;
  }
  return wasm.length;
}

/** The character(s) for the byte of frequency rank `r`. */
function encodeRank(r) {
  if (r < SINGLES.length) return [SINGLES[r]];
  const k = r - SINGLES.length;
  return [PREFIXES[Math.floor(k / SINGLES.length)], SINGLES[k % SINGLES.length]];
}

// The decoder is a 200-byte wasm module of its own, assembled here per build (the part
// lengths are its constants): in the JS loop a cold page spent about 6 ms on decoding, in
// wasm a fraction of that; and the tables it builds from the bitmaps cost fewer bytes in
// wasm than in JS. Memory: [32, 127) rank of each character, [127, 219) character of
// each rank, [256, 512) byte value of each rank, then the characters, which the bytes
// overwrite as they are decoded (a byte never takes fewer characters than one).
const RANK = 0, CHAR = 127, BYTE = 256, INPUT = 512; // RANK is read at [32, 127): one-byte offsets for both
const u32 = n => { const b = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; b.push(x); } while (n); return b; };
const s32 = n => { const b = []; for (;;) { const x = n & 0x7f; n >>= 7; if ((n === 0 && !(x & 0x40)) || (n === -1 && x & 0x40)) return [...b, x]; b.push(x | 0x80); } };
const section = (id, content) => [id, ...u32(content.length), ...content];
const [LOOP, IF, ELSE, END, BR, BR_IF, CALL] = [0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x10];
const [LOAD8, STORE8] = [0x2d, 0x3a];
const [GET, SET, TEE] = [0x20, 0x21, 0x22];
const [EQ, NE, LT_U, GE_U, ADD, SUB, MUL, DIV_U, REM_U, AND, SHR_U] = [0x46, 0x47, 0x49, 0x4f, 0x6a, 0x6b, 0x6c, 0x6e, 0x70, 0x71, 0x76];
const I32 = 0x7f;
const CONST = n => [0x41, ...s32(n)];
const mem = (op, offset) => [op, 0, ...u32(offset)];
const inc = (x) => [GET, x, ...CONST(1), ADD, SET, x];
const postInc = (x) => [GET, x, ...inc(x)]; // x, then x += 1

/** bit(x, at): whether byte value x is a single, from the bitmap's characters at `at`. */
const X = 0, AT = 1;
const bitBody = [
  0x00, // no locals
  GET, AT, GET, X, ...CONST(6), DIV_U, ADD, ...mem(LOAD8, 0), ...mem(LOAD8, RANK),
  GET, X, ...CONST(6), REM_U, SHR_U, ...CONST(1), AND,
  END,
];

/** d(): decodes the parts in place; `ends` are where each part's bytes end. */
function decodeBody(ends) {
  const IN = 0, OUT = 1, STOP = 2, C = 3, K = 4, P = 5, Q = 6, V = 7;
  const rankOfCharAt = (offset) => [GET, IN, ...mem(LOAD8, offset), ...mem(LOAD8, RANK)];
  return [
    0x01, 0x08, I32, // eight i32 locals
    // The rank of each character and the character of each rank (a left-out character
    // shares the next one's rank and is then overwritten by it).
    ...CONST(ALPHABET[0]), SET, C,
    LOOP, 0x40,
    GET, C, GET, K, ...mem(STORE8, RANK),
    GET, K, GET, C, ...mem(STORE8, CHAR),
    GET, K, ...LEFT_OUT.flatMap((x, i) => [GET, C, ...CONST(x), NE, ...(i ? [AND] : [])]), ADD, SET, K,
    GET, C, ...CONST(1), ADD, TEE, C, ...CONST(ALPHABET.at(-1) + 1), LT_U, BR_IF, 0,
    END,
    ...CONST(INPUT), TEE, IN, SET, OUT,
    ...CONST(ends[0]), SET, STOP,
    LOOP, 0x40, // each part: its table, then its bytes
    // The byte of each rank: a single that is a single character is that character's;
    // the other singles take, in order, the single characters whose bytes are not singles;
    // the rest, by value, the pairs.
    ...CONST(0), TEE, C, SET, Q, ...CONST(SINGLES.length), SET, P,
    LOOP, 0x40,
    GET, C, GET, IN, CALL, 1,
    IF, I32,
    GET, C, ...CONST(ALPHABET[0]), SUB, ...CONST(SINGLES.at(-1) - ALPHABET[0] + 1), LT_U,
    GET, C, ...mem(LOAD8, RANK), ...mem(LOAD8, CHAR), GET, C, EQ, AND,
    IF, I32,
    GET, C, ...mem(LOAD8, RANK),
    ELSE,
    LOOP, 0x40, // the next single character whose byte is no single
    GET, Q, ...mem(LOAD8, CHAR), GET, IN, CALL, 1,
    IF, 0x40, ...inc(Q), BR, 1, END,
    END,
    ...postInc(Q),
    END,
    ELSE,
    ...postInc(P),
    END,
    GET, C, ...mem(STORE8, BYTE),
    GET, C, ...CONST(1), ADD, TEE, C, ...CONST(256), LT_U, BR_IF, 0,
    END,
    GET, IN, ...CONST(BITMAP_CHARS), ADD, SET, IN,
    LOOP, 0x40, // each byte: a single character, or a prefix and a character
    ...rankOfCharAt(0), TEE, V, ...CONST(SINGLES.length), GE_U,
    IF, 0x40,
    GET, V, ...CONST(SINGLES.length - 1), SUB, ...CONST(SINGLES.length), MUL, ...rankOfCharAt(1), ADD, SET, V,
    ...inc(IN),
    END,
    ...inc(IN),
    GET, OUT, GET, V, ...mem(LOAD8, BYTE), ...mem(STORE8, 0),
    GET, OUT, ...CONST(1), ADD, TEE, OUT, GET, STOP, LT_U, BR_IF, 0,
    END,
    ...CONST(ends.at(-1)), SET, STOP,
    GET, OUT, GET, STOP, LT_U, BR_IF, 0,
    END,
    END,
  ];
}

/** The decoder for parts whose bytes end at `ends` (from INPUT), taking `chars` characters. */
function decoderWasm(ends, chars) {
  const body = decodeBody(ends);
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x02, 0x60, 0x00, 0x00, 0x60, 0x02, I32, I32, 0x01, I32]), // () -> (), (i32, i32) -> i32
    ...section(3, [0x02, 0x00, 0x01]),
    ...section(5, [0x01, 0x00, ...u32(Math.ceil((INPUT + chars) / 65536))]), // memory for the characters
    ...section(7, [0x02, 0x01, 0x6d, 0x02, 0x00, 0x01, 0x64, 0x00, 0x00]), // export "m" memory, "d" function
    ...section(10, [0x02, ...u32(body.length), ...body, ...u32(bitBody.length), ...bitBody]),
  ]);
}

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
  const split = dataSectionStart(wasm);
  const parts = [wasm.subarray(0, split), wasm.subarray(split)].filter((part) => part.length).map((part) => {
    const order = byFrequency(part);
    const chars = new Array(256);
    order.forEach((byte, r) => { chars[byte] = text(encodeRank(r)); });
    return { bitmap: singlesBitmap(order), length: part.length, text: Array.from(part, (b) => chars[b]).join('') };
  });
  const data = parts.map((part) => part.bitmap + part.text).join('');
  let end = INPUT;
  const decoder = decoderWasm(parts.map((part) => (end += part.length)), data.length);
  return `// The wasm module: each part's bitmap of single bytes, then one or two characters per byte (scripts/inline-wasm.mjs).
var wasmData = "${data}";
new WebAssembly.Module(new Uint8Array([${Array.from(decoder.subarray(0, 8)).join(',')}]));
${exported ? 'export ' : ''}function wasmBytes() {
  var decoder = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array([${Array.from(decoder).join(',')}]))).exports;
  var memory = decoder.m.buffer;
  new TextEncoder().encodeInto(wasmData, new Uint8Array(memory, ${INPUT})); // ASCII: one byte per character
  decoder.d();
  // A view, not a copy: WebAssembly.Module copies what it is given anyway.
  return new Uint8Array(memory, ${INPUT}, ${wasm.length});
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
