// The SDK's exported `WordArray`: random bytes as big-endian 32-bit words, printed as
// hex. The words come from the core's secure randomness (`srp.randomWords`, the same
// source as the SRP's); the object holds `words` and `sigBytes` as the SDK's does.
//
// Needs `nowOk` (core.js) in scope.

class WordArray {
  constructor(words, sigBytes) {
    this.words = words || [];
    this.sigBytes = sigBytes != undefined ? sigBytes : this.words.length * 4;
  }

  /** `nBytes` random bytes: one random word per started four bytes. */
  random(nBytes) {
    return new WordArray(nowOk('srp.randomWords', [Number(nBytes)]), nBytes);
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
