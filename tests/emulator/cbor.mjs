// The part of CBOR (RFC 8949) that WebAuthn needs: attestation objects and
// COSE keys. Definite lengths only (CTAP2 canonical CBOR has no indefinite
// items), no tags, no floats; maps decode to Map so integer COSE labels keep
// their type. Anything else is refused rather than guessed at.

export class CborError extends Error {}

const MAX_DEPTH = 16;

function readLength(buf, pos, info) {
  if (info < 24) return [info, pos];
  const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
  if (!size) throw new CborError(info === 31 ? 'indefinite-length items are not allowed' : `reserved additional info ${info}`);
  if (pos + size > buf.length) throw new CborError('truncated length');
  let n = 0n;
  for (let i = 0; i < size; i++) n = (n << 8n) | BigInt(buf[pos + i]);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError('length or integer too large');
  return [Number(n), pos + size];
}

function item(buf, pos, depth) {
  if (depth > MAX_DEPTH) throw new CborError('nesting too deep');
  if (pos >= buf.length) throw new CborError('unexpected end of data');
  const major = buf[pos] >> 5;
  const [arg, at] = readLength(buf, pos + 1, buf[pos] & 0x1f);
  switch (major) {
    case 0:
      return [arg, at];
    case 1:
      return [-1 - arg, at];
    case 2:
    case 3: {
      if (at + arg > buf.length) throw new CborError('truncated string');
      const bytes = buf.subarray(at, at + arg);
      return [major === 2 ? Buffer.from(bytes) : new TextDecoder('utf-8', { fatal: true }).decode(bytes), at + arg];
    }
    case 4: {
      const out = [];
      let p = at;
      for (let i = 0; i < arg; i++) {
        const [v, next] = item(buf, p, depth + 1);
        out.push(v);
        p = next;
      }
      return [out, p];
    }
    case 5: {
      const out = new Map();
      let p = at;
      for (let i = 0; i < arg; i++) {
        const [k, afterKey] = item(buf, p, depth + 1);
        if (typeof k !== 'number' && typeof k !== 'string') throw new CborError('map keys must be integers or text');
        if (out.has(k)) throw new CborError(`duplicate map key ${k}`);
        const [v, afterValue] = item(buf, afterKey, depth + 1);
        out.set(k, v);
        p = afterValue;
      }
      return [out, p];
    }
    case 7:
      if ((buf[pos] & 0x1f) === 20) return [false, at];
      if ((buf[pos] & 0x1f) === 21) return [true, at];
      if ((buf[pos] & 0x1f) === 22) return [null, at];
      throw new CborError('floats and other simple values are not supported');
    default:
      throw new CborError('tags are not supported');
  }
}

/** Decode one item at `offset`; returns {value, end} so trailing data can follow (authData). */
export function decodeFirst(buf, offset = 0) {
  const [value, end] = item(buf, offset, 0);
  return { value, end };
}

/** Decode exactly one item spanning the whole buffer. */
export function decode(buf) {
  const { value, end } = decodeFirst(buf, 0);
  if (end !== buf.length) throw new CborError(`${buf.length - end} bytes after the CBOR item`);
  return value;
}
