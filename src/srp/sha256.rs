//! SHA-256 (FIPS 180-4) over the concatenation of byte strings, written out here: the
//! sha2 crate's generic buffering and finalisation wrappers took more of the wasm than
//! the whole of this. Everything the crate hashes is short (an SRP sign-in hashes a few
//! kilobytes beside its modular exponentiations), so it feeds the blocks a byte at a time.

/// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
];

/// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
const INITIAL: [u32; 8] =
    [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// SHA-256 over the concatenation of `parts`.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    sha256_after(&[], parts)
}

/// SHA-256 over `first` and then `parts` (HMAC's padded key, then its message).
pub(super) fn sha256_after(first: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let len: usize = first.len() + parts.iter().map(|p| p.len()).sum::<usize>();
    // The padding: 0x80, zeros up to 8 bytes short of a whole block, the length in bits.
    let mut tail = [0u8; 72];
    tail[0] = 0x80;
    let tail_len = 9 + (119 - len % 64) % 64;
    let bits = len as u64 * 8;
    // Byte by byte: the word's byte swap costs more code (wasm has no instruction for it).
    for i in 0..8 {
        tail[tail_len - 1 - i] = (bits >> (8 * i)) as u8;
    }
    let mut state = INITIAL;
    // The block as big-endian words, filled a byte at a time: each byte shifts in from
    // the right, so after four bytes nothing of what the word held before is left.
    let mut block = [0u32; 16];
    let mut filled = 0;
    for k in 0..parts.len() + 2 {
        let part = match k.checked_sub(1) {
            None => first,
            Some(i) => parts.get(i).copied().unwrap_or(&tail[..tail_len]),
        };
        for &byte in part {
            // `filled` is below 64 anyway: `% 16` tells the compiler, and no bounds check is left.
            let word = &mut block[filled / 4 % 16];
            *word = *word << 8 | u32::from(byte);
            filled += 1;
            if filled == 64 {
                compress(&mut state, &mut block);
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
fn compress(state: &mut [u32; 8], w: &mut [u32; 16]) {
    let mut v = *state;
    for (i, &k) in K.iter().enumerate() {
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
    use super::sha256;
    use sha2::{Digest, Sha256};

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
