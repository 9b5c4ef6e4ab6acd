// The SDK's exported `WordArray`: random bytes as big-endian 32-bit words, printed as
// hex. The words come from `crypto.getRandomValues`, one per started four bytes, as the
// SDK draws them (the source the core's SRP draws from too); the object holds `words`
// and `sigBytes` as the SDK's does.

class WordArray {
  constructor(words, sigBytes) {
    this.words = words || [];
    this.sigBytes = sigBytes != undefined ? sigBytes : this.words.length * 4;
  }

  /** `nBytes` random bytes: one random word per started four bytes. */
  random(nBytes) {
    const words = [];
    for (let i = 0; i < nBytes; i += 4) words.push(crypto.getRandomValues(new Uint32Array(1))[0]);
    return new WordArray(words, nBytes);
  }

  /** The first `sigBytes` bytes of the words, big-endian, in lower-case hex. */
  toString() {
    const bytes = [];
    for (let i = 0; i < this.sigBytes; i++) bytes.push((this.words[i >>> 2] >>> (24 - 8 * (i % 4))) & 0xff);
    return hexOf(bytes);
  }
}

/** Bytes (numbers 0-255) as lower-case hex, two digits each. */
function hexOf(bytes) {
  let hex = '';
  for (const b of bytes) hex += (b < 16 ? '0' : '') + b.toString(16);
  return hex;
}
