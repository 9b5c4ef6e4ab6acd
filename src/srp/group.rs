//! The SRP group Cognito uses: RFC 3526 3072-bit MODP prime, generator 2,
//! and the multiplier `k = H(pad(N) | pad(g))`.
//!
//! Also home of [`secret_mod_pow`], the one place where exponents derived
//! from secrets (`a`, `x`, `a + u·x`) meet the big-number library, so that it
//! can later be swapped for a constant-time Montgomery ladder in one spot.

use std::sync::OnceLock;

use num_bigint::BigUint;

use super::pad::{pad_bytes, sha256};

/// RFC 3526 group 15 (3072-bit), exactly as in the JS SDK's `initN`.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// The group parameters, computed once (parsing N and hashing k is cheap but
/// there is no reason to redo it for every login).
pub struct Group {
    pub n: BigUint,
    pub g: BigUint,
    pub k: BigUint,
}

pub fn group() -> &'static Group {
    static GROUP: OnceLock<Group> = OnceLock::new();
    GROUP.get_or_init(|| {
        // Constant input: this parse cannot fail, so the expect is not reachable
        // from any caller-supplied data.
        let n = BigUint::parse_bytes(N_HEX.as_bytes(), 16).expect("N_HEX is valid hex");
        let g = BigUint::from(2u32);
        // JS: hexHash(padHex(N) + padHex(g)), i.e. SHA-256 over the padded bytes.
        let k = BigUint::from_bytes_be(&sha256(&[&pad_bytes(&n), &pad_bytes(&g)]));
        Group { n, g, k }
    })
}

/// `base^exp mod N` for secret exponents. Variable-time today (num-bigint);
/// keep every secret-dependent exponentiation going through here so a
/// constant-time implementation can replace it without touching callers.
pub fn secret_mod_pow(base: &BigUint, exp: &BigUint) -> BigUint {
    base.modpow(exp, &group().n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_is_3072_bits_and_k_matches_js_sdk() {
        let g = group();
        assert_eq!(g.n.bits(), 3072);
        // Value printed by `new AuthenticationHelper('x').k.toString(16)`.
        assert_eq!(
            g.k.to_str_radix(16),
            "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
        );
    }
}
