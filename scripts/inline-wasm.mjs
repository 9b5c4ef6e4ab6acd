// How the package carries its wasm inside JavaScript, so it can be instantiated
// synchronously right after `import` or the <script> tag.
//
// Base64 hides the byte-level repeats gzip and brotli feed on (a repeated byte run
// lands on three different 6-bit alignments): the 512 KB module was 213 KB gzipped
// but its base64 285 KB. Here each byte value instead stands for one character of a
// string literal, so repeats stay repeats: the most frequent byte values (per build)
// become the printable ASCII characters, the rarer ones `\xNN` escapes, which the JS
// parser turns back into single characters. The file stays pure ASCII (no charset
// trouble for a classic script), and `<` is always escaped so that no `</script` can
// appear if someone inlines the file into HTML. Decoding is one table lookup per byte.

const SHORT = new Map([[0x22, '\\"'], [0x5c, '\\\\']]);

/** The character codes a byte may become as itself: printable ASCII except `"`, `\`, `<`. */
function plainCodes() {
  const codes = [];
  for (let c = 0x20; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c && c !== 0x3c) codes.push(c);
  return codes;
}

/** Code point → its text in a double-quoted ASCII JS string literal. */
function literalChar(code) {
  if (SHORT.has(code)) return SHORT.get(code);
  if (code >= 0x20 && code < 0x7f && code !== 0x3c) return String.fromCharCode(code);
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

const literal = codes => `"${Array.from(codes, literalChar).join('')}"`;

/**
 * byte value → character code: the most frequent byte values get the printable
 * characters, then `"` and `\` (two-character escapes), then the rest (`\xNN`).
 */
function byteToCode(wasm) {
  const count = new Array(256).fill(0);
  for (const b of wasm) count[b]++;
  const byFrequency = [...Array(256).keys()].sort((a, b) => count[b] - count[a] || a - b);
  const plain = plainCodes();
  const codeOrder = [...plain, ...SHORT.keys(), ...[...Array(256).keys()].filter(c => !plain.includes(c) && !SHORT.has(c))];
  const map = new Array(256);
  byFrequency.forEach((byte, rank) => { map[byte] = codeOrder[rank]; });
  return map;
}

/** JS source of `function wasmBytes()` returning the module's bytes. */
export function wasmBytesFunction(wasm) {
  const map = byteToCode(wasm);
  const table = new Array(256); // character code → byte value
  map.forEach((code, byte) => { table[code] = byte; });
  return `function wasmBytes() {
  // The wasm module, one character per byte, through a per-build table (scripts/inline-wasm.mjs).
  var table = ${literal(table)};
  var data = ${literal(Array.from(wasm, b => map[b]))};
  var byteOf = new Uint8Array(256);
  for (var c = 0; c < 256; c++) byteOf[c] = table.charCodeAt(c);
  var bytes = new Uint8Array(data.length);
  for (var i = 0; i < data.length; i++) bytes[i] = byteOf[data.charCodeAt(i)];
  return bytes;
}`;
}

/** The `data` string literal inside a built file: what the file carries for the wasm. */
export function inlinedLiteral(source) {
  const m = source.match(/var data = ("(?:[^"\\]|\\.)*");/);
  return m ? m[1] : null;
}
