//! The SRP group Cognito uses: RFC 3526 3072-bit MODP prime, generator 2,
//! and the multiplier `k = H(pad(N) | pad(g))`. The arithmetic modulo N lives
//! in [`super::mont`].

use crate::prelude::*;

use super::mont::{limbs_from_be, limbs_to_be, Limbs, N, N_LEN};
use super::pad::to_hex_trimmed;

/// The generator.
const G: u32 = 2;

/// k = H(padHex(N) | padHex(g)) (the JS: `hexHash(padHex(N) + padHex(g))`), written out
/// rather than hashed at first use (no lazy static, no hashing code run for it); the
/// tests hash it again.
const K: [u8; 32] = [
    0x53, 0x82, 0x82, 0xc4, 0x35, 0x47, 0x42, 0xd7, 0xcb, 0xbd, 0xe2, 0x35, 0x9f, 0xcf, 0x67, 0xf9, 0xf5, 0xb3, 0xa6,
    0xb0, 0x87, 0x91, 0xe5, 0x01, 0x1b, 0x43, 0xb8, 0xa5, 0xb6, 0x6d, 0x9e, 0xe6,
];
const K_LIMBS: Limbs = limbs_from_be(&K);

/// The group parameters.
pub struct Group;

impl Group {
    /// N as big-endian bytes (384 bytes).
    /// Written out from N's limbs when asked for (a few times per sign-in): the limbs
    /// are in the wasm's data already, and `srp_mont::N_BYTES` beside them was 384 bytes
    /// that do not compress.
    pub fn n_bytes(&self) -> [u8; N_LEN] {
        limbs_to_be(&N)
    }

    /// `N.toString(16)` (lower case, no padding).
    pub fn n_hex(&self) -> String {
        to_hex_trimmed(&self.n_bytes())
    }

    /// The generator g = 2.
    pub fn g(&self) -> u32 {
        G
    }

    /// k as big-endian bytes (the SHA-256 digest, 32 bytes).
    pub fn k_bytes(&self) -> &[u8; 32] {
        &K
    }

    /// `k.toString(16)` (lower case, no padding).
    pub fn k_hex(&self) -> String {
        to_hex_trimmed(&K)
    }

    /// k as (plain, not Montgomery) limbs; k < 2^256 < N.
    pub(crate) fn k_limbs(&self) -> &Limbs {
        &K_LIMBS
    }
}

pub fn group() -> &'static Group {
    &Group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_is_3072_bits_and_k_matches_js_sdk() {
        let g = group();
        assert_eq!(g.n_bytes().len(), 384);
        assert!(g.n_bytes()[0] & 0x80 != 0);
        assert!(g.n_hex().starts_with("ffffffffffffffffc90fdaa2"));
        assert!(g.n_hex().ends_with("a93ad2caffffffffffffffff"));
        assert_eq!(g.n_hex().len(), 768);
        assert_eq!(g.g(), 2);
        // JS: hexHash(padHex(N) + padHex(g)), i.e. SHA-256 over the padded bytes.
        let hashed = super::super::sha256(&[
            &super::super::pad::pad_bytes(&g.n_bytes()),
            &super::super::pad::pad_bytes(&G.to_be_bytes()),
        ]);
        assert_eq!(g.k_bytes(), &hashed);
        assert_eq!(g.k_limbs(), &limbs_from_be(&hashed));
        // Value printed by `new AuthenticationHelper('x').k.toString(16)`.
        assert_eq!(g.k_hex(), "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
    }
}
