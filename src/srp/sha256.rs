//! SHA-256 (FIPS 180-4) over the concatenation of byte strings, written out here: the
//! sha2 crate's generic buffering and finalisation wrappers took more of the wasm than
//! the whole of this. Everything the crate hashes is short (an SRP sign-in hashes a few
//! kilobytes beside its modular exponentiations), so it feeds the blocks a byte at a time.

/// SHA-256's constants, computed once rather than written out (288 bytes that do not
/// compress): the first 32 bits of the fractional parts of the cube roots of the first 64
/// primes (`k`, one per round) and of the square roots of the first 8 (`initial`, the
/// starting state).
struct Constants {
    k: [u32; 64],
    initial: [u32; 8],
}

local! {
    static CONSTANTS: Constants = constants();
}

fn constants() -> Constants {
    let mut c = Constants { k: [0; 64], initial: [0; 8] };
    let mut found = 0;
    let mut n = 2u32;
    while found < 64 {
        if (2..n).take_while(|d| d * d <= n).all(|d| !n.is_multiple_of(d)) {
            let p = f64::from(n);
            // Newton's method in f64, from 7 (above every root here: the cube roots of
            // primes up to 311 are below 6.8), so it comes down to them monotonically: from
            // 8 steps on it gives all 72 to the 32 bits kept (the tests compare the hashes
            // with the sha2 crate's). About 5 µs once per page.
            let (mut cube, mut square) = (7.0, 7.0);
            for _ in 0..12 {
                cube -= (cube * cube * cube - p) / (3.0 * cube * cube);
                square -= (square * square - p) / (2.0 * square);
            }
            c.k[found] = fraction_bits(cube);
            if let Some(slot) = c.initial.get_mut(found) {
                *slot = fraction_bits(square);
            }
            found += 1;
        }
        n += 1;
    }
    c
}

/// The first 32 bits of the fractional part of `x` (positive, below 2^32).
fn fraction_bits(x: f64) -> u32 {
    ((x - f64::from(x as u32)) * 4_294_967_296.0) as u32
}

/// SHA-256 over the concatenation of `parts`.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    sha256_after(&[], parts)
}

/// SHA-256 over `first` and then `parts` (HMAC's padded key, then its message).
pub(super) fn sha256_after(first: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut len = first.len();
    for p in parts {
        len += p.len();
    }
    // The padding: 0x80, zeros up to 8 bytes short of a whole block, the length in bits.
    let mut tail = [0u8; 72];
    tail[0] = 0x80;
    let tail_len = 9 + (119 - len % 64) % 64;
    let bits = len as u64 * 8;
    // Byte by byte: the word's byte swap costs more code (wasm has no instruction for it).
    for i in 0..8 {
        tail[tail_len - 1 - i] = (bits >> (8 * i)) as u8;
    }
    CONSTANTS.with(|c| hash_into(c, first, parts, &tail[..tail_len]))
}

/// The hash of `first`, `parts` and then the padding `tail`.
fn hash_into(c: &Constants, first: &[u8], parts: &[&[u8]], tail: &[u8]) -> [u8; 32] {
    let mut state = c.initial;
    // The block as big-endian words, filled a byte at a time: each byte shifts in from
    // the right, so after four bytes nothing of what the word held before is left.
    let mut block = [0u32; 16];
    let mut filled = 0;
    for k in 0..parts.len() + 2 {
        let part = match k.checked_sub(1) {
            None => first,
            Some(i) => parts.get(i).copied().unwrap_or(tail),
        };
        for &byte in part {
            // `filled` is below 64 anyway: `% 16` tells the compiler, and no bounds check is left.
            let word = &mut block[filled / 4 % 16];
            *word = *word << 8 | u32::from(byte);
            filled += 1;
            if filled == 64 {
                compress(&c.k, &mut state, &mut block);
                filled = 0;
            }
        }
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = (state[i / 4] >> (24 - 8 * (i % 4))) as u8;
    }
    out
}

/// One block into `state`. The message schedule is computed in place in the block's
/// sixteen words (each word is needed for sixteen rounds after it is made), which leaves
/// the block overwritten.
fn compress(k: &[u32; 64], state: &mut [u32; 8], w: &mut [u32; 16]) {
    let mut v = *state;
    for (i, &k) in k.iter().enumerate() {
        if i >= 16 {
            let (w15, w2) = (w[(i + 1) % 16], w[(i + 14) % 16]);
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            w[i % 16] = w[i % 16].wrapping_add(s0).wrapping_add(w[(i + 9) % 16]).wrapping_add(s1);
        }
        let [a, b, c, d, e, f, g, h] = v;
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let choice = (e & f) ^ (!e & g);
        let t1 = h.wrapping_add(s1).wrapping_add(choice).wrapping_add(k).wrapping_add(w[i % 16]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let majority = (a & b) ^ (a & c) ^ (b & c);
        v = [t1.wrapping_add(s0).wrapping_add(majority), a, b, c, d.wrapping_add(t1), e, f, g];
    }
    for (s, v) in state.iter_mut().zip(v) {
        *s = s.wrapping_add(v);
    }
}

#[cfg(test)]
mod tests {
    use super::{constants, sha256};
    use sha2::{Digest, Sha256};

    /// The computed constants are FIPS 180-4's (§4.2.2 and §5.3.3), at both ends.
    #[test]
    fn constants_are_the_standards() {
        let c = constants();
        assert_eq!([c.k[0], c.k[1], c.k[62], c.k[63]], [0x428a2f98, 0x71374491, 0xbef9a3f7, 0xc67178f2]);
        assert_eq!([c.initial[0], c.initial[7]], [0x6a09e667, 0x5be0cd19]);
    }

    /// Against the sha2 crate, for every length around the block and padding boundaries
    /// and split into parts in several ways.
    #[test]
    fn matches_the_sha2_crate() {
        let data: Vec<u8> = (0..400u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in (0..200).chain([255, 256, 257, 399, 400]) {
            let bytes = &data[..len];
            let expected: [u8; 32] = Sha256::digest(bytes).into();
            assert_eq!(sha256(&[bytes]), expected, "{len}");
            let (a, b) = bytes.split_at(len / 3);
            assert_eq!(sha256(&[a, &[], b]), expected, "{len} in parts");
        }
        assert_eq!(sha256(&[]), <[u8; 32]>::from(Sha256::digest(b"")));
    }
}
