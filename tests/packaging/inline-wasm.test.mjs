// The wasm travels inside the JS as a printable-ASCII string literal (scripts/inline-wasm.mjs).
// Its decoder must give back the exact bytes for any content, and the literal must stay
// safe to embed: ASCII only, no character that needs escaping, no `<` (no `</script`).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';

import { inlinedLiteral, wasmBytesSource } from '../../scripts/inline-wasm.mjs';

const decode = (source) => new Function(`${source}\nreturn wasmBytes();`)();

const cases = {
  'every byte value once': Uint8Array.from({ length: 256 }, (_, i) => i),
  'one byte': Uint8Array.of(0x3c),
  'only rare-looking bytes': Uint8Array.from({ length: 5000 }, (_, i) => 0x80 + (i % 128)),
  'one value repeated': new Uint8Array(70000).fill(0x22),
  'random, 64 KiB': randomBytes(65536),
  'random, 200 KiB (past one wasm page of output)': randomBytes(200 * 1024),
};

for (const [name, bytes] of Object.entries(cases)) {
  test(`round trip: ${name}`, () => {
    const source = wasmBytesSource(bytes);
    assert.deepEqual(decode(source), new Uint8Array(bytes));
    const literal = inlinedLiteral(source) ?? source.match(/wasmData = ("[^"]*")/)[1];
    assert.match(literal, /^"[\x20-\x7e]*"$/, 'printable ASCII only');
    assert.doesNotMatch(literal.slice(1, -1), /["\\<]/, 'nothing to escape, no <');
    // (These have no data section: one part, one 64-character bitmap of its single bytes.)
    assert.ok(literal.length - 2 - 64 <= 2 * bytes.length, 'at most two characters per byte, after the bitmap');
  });
}

test('the exported form is an ES module exporting wasmBytes', async () => {
  const bytes = randomBytes(1000);
  const url = `data:text/javascript,${encodeURIComponent(wasmBytesSource(bytes, { exported: true }))}`;
  const { wasmBytes } = await import(url);
  assert.deepEqual(wasmBytes(), new Uint8Array(bytes));
});

test('a module with a data section: both parts round-trip, and the data\'s text is written as itself', () => {
  // Magic, version, a code section of 90 byte values that are no characters (frequent
  // enough that one table for the whole module would have no room for letters), then a
  // data section of text, zeros and every byte value (section 11, sizes as LEB128).
  const text = Buffer.from('clientMetadata UserPoolId {"IdToken":"~}<\\"} '.repeat(40));
  const data = Buffer.concat([text, new Uint8Array(300), Uint8Array.from({ length: 256 }, (_, i) => i)]);
  const leb = (n) => (n < 128 ? [n] : [0x80 | (n & 0x7f), ...leb(n >> 7)]);
  const code = Uint8Array.from({ length: 30000 }, (_, i) => 0x80 + (i % 90));
  const bytes = Buffer.concat([
    Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0),
    Uint8Array.of(10, ...leb(code.length)), code,
    Uint8Array.of(11, ...leb(data.length)), data,
  ]);
  const source = wasmBytesSource(bytes);
  assert.deepEqual(decode(source), new Uint8Array(bytes));
  const literal = source.match(/wasmData = "([^"]*)"/)[1];
  assert.ok(literal.includes('clientMetadata UserPoolId'), 'the data section\'s text, as itself');
  assert.doesNotMatch(literal, /["\\<]/);
});
