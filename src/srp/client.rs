//! Client side of Cognito's SRP-6a variant (USER_SRP_AUTH / PASSWORD_VERIFIER),
//! mirroring AuthenticationHelper.js and CognitoUser.authenticateUserDefaultAuth.

use crate::prelude::*;

use super::group::group;
use super::mont::{self, Exponent, N_LEN};
use super::pad::{pad_bytes, parse_hex_uint, strip_leading_zeros, to_hex_trimmed};
use super::sha256::sha256_after;
use super::{sha256, SrpError};
use crate::text::{base64_decode, base64_encode};

/// HKDF "info" string used by Cognito.
pub(super) const INFO: &[u8] = b"Caldera Derived Key";

/// SHA-256's block size, what HMAC pads its key to.
const BLOCK: usize = 64;

/// HMAC-SHA256 (RFC 2104) of the parts one after another (also the secret hash's, in
/// crate::protocol), over [`sha256`]: the hmac crate's generic wrapper cost the wasm more
/// than these lines, and an SRP sign-in runs three HMACs beside its exponentiations.
pub fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let hashed;
    let key = if key.len() > BLOCK {
        hashed = sha256(&[key]);
        &hashed[..]
    } else {
        key
    };
    let (mut inner_pad, mut outer_pad) = ([0x36u8; BLOCK], [0x5cu8; BLOCK]);
    for ((i, o), k) in inner_pad.iter_mut().zip(outer_pad.iter_mut()).zip(key) {
        *i ^= k;
        *o ^= k;
    }
    sha256_after(&outer_pad, &[&sha256_after(&inner_pad, parts)])
}

/// One-block HKDF-SHA256 (RFC 5869) truncated to 16 bytes, which is exactly
/// what AuthenticationHelper.computehkdf does: PRK = HMAC(salt, ikm),
/// OKM = HMAC(PRK, info | 0x01)[..16].
pub(super) fn hkdf16(salt: &[u8], ikm: &[u8]) -> [u8; 16] {
    let prk = hmac_sha256(salt, &[ikm]);
    let t1 = hmac_sha256(&prk, &[INFO, &[1u8]]);
    // Always a chunk (32 bytes long): the panic-free form of `t1[..16]`.
    t1.first_chunk().copied().unwrap_or_default()
}

/// Every value of one SRP computation, in the JS SDK's `toString(16)` form
/// (lower case, no padding), so tests can compare step by step. Not in the shipped wasm,
/// which needs only the key.
#[cfg(not(shipped))]
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SrpIntermediates {
    pub large_a: String,
    pub u: String,
    pub x: String,
    pub s: String,
    pub key: [u8; 16],
    pub key_hex: String,
}

/// The client's ephemeral secret `a` and public value `A = g^a mod N`.
#[derive(Clone)]
pub struct SrpClient {
    /// Secret; processed at the fixed bit length 8·len(a bytes).
    small_a: Exponent,
    /// A mod N, big-endian, canonical (in [1, N)).
    large_a: [u8; N_LEN],
}

// Hand-written so `a` never ends up in logs.
#[cfg(not(shipped))]
impl core::fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SrpClient").field("large_a", &self.large_a_hex()).finish_non_exhaustive()
    }
}

/// Length of the client's secret ephemeral `a`: 64 bytes (512 bits), where the
/// JS SDK draws 128 bytes. The exponent length sets the cost of A = g^a and of
/// S = (B − k·v)^(a + u·x) (whose exponent is max(bits(a), 512) + 1 bits), so
/// this halves the client's SRP work. Still at or above every requirement for
/// this 3072-bit safe-prime group: RFC 5054 §2.5.4 (SRP for TLS) asks for at
/// least 256 bits, RFC 3526 §8 estimates 260–420-bit exponents for its full
/// strength, NIST SP 800-56A r3 §5.6.1.1.4 needs 2·128 bits. The server only
/// sees A, which looks the same for any exponent length.
pub const SMALL_A_BYTES: usize = 64;

impl SrpClient {
    /// Fresh client with a random [`SMALL_A_BYTES`]-byte `a` (no reduction
    /// needed since it is far below N). Uses the OS RNG natively and
    /// crypto.getRandomValues on wasm32.
    /// Boxed: the client is ~400 bytes, and every move of an unboxed one (through
    /// `Result`s and sign-in states) is a copy.
    pub fn generate() -> Result<Box<SrpClient>, SrpError> {
        let mut bytes = [0u8; SMALL_A_BYTES];
        getrandom::getrandom(&mut bytes).map_err(SrpError::Random)?;
        Ok(Box::new(Self::from_small_a(&bytes)))
    }

    /// Client with a given `a` (big-endian bytes), for known-answer tests.
    pub fn from_small_a(a_bytes: &[u8]) -> SrpClient {
        let small_a = Exponent::from_be_bytes(a_bytes);
        // g is a generator of a prime-order group, so A mod N is never 0 (the
        // JS "A mod N cannot be 0" check can never fire).
        let large_a = g_pow(&small_a);
        SrpClient { small_a, large_a }
    }

    /// `A.toString(16)`: what the JS SDK sends as `SRP_A`.
    pub fn large_a_hex(&self) -> String {
        to_hex_trimmed(&self.large_a)
    }

    /// The 16-byte key that signs the PASSWORD_VERIFIER response.
    pub fn password_authentication_key(
        &self, pool_name: &str, user_id_for_srp: &str, password: &str, srp_b_hex: &str, salt_hex: &str,
    ) -> Result<[u8; 16], SrpError> {
        derive_key(&self.small_a, &self.large_a, pool_name, user_id_for_srp, password, srp_b_hex, salt_hex)
            .map(|d| d.key)
    }

    /// getPasswordAuthenticationKey, keeping the intermediate values.
    #[cfg(not(shipped))]
    pub fn intermediates(
        &self, pool_name: &str, user_id_for_srp: &str, password: &str, srp_b_hex: &str, salt_hex: &str,
    ) -> Result<SrpIntermediates, SrpError> {
        key_intermediates(&self.small_a, &self.large_a, pool_name, user_id_for_srp, password, srp_b_hex, salt_hex)
    }
}

/// `g^e mod N` as big-endian bytes (A = g^a; a device's verifier g^x).
pub(super) fn g_pow(e: &Exponent) -> [u8; N_LEN] {
    mont::limbs_to_be(&mont::from_mont(&mont::pow2_mont(e)))
}

/// Server's B from its hex: the bytes as received and B mod N, refused as the JS SDK
/// refuses it (B ≡ 0 mod N) and, beyond it, when unreduced (B ≥ N).
fn checked_server_b(srp_b_hex: &str) -> Result<(Vec<u8>, mont::Limbs), SrpError> {
    let b = parse_hex_uint(srp_b_hex).ok_or(SrpError::InvalidHex("SRP_B"))?;
    let b_mod_n = mont::reduce_be(&b); // any length, into [0, N)
    if mont::is_zero(&b_mod_n) {
        return Err(SrpError::BIsZero);
    }
    // The JS SDK accepts an unreduced B; a hostile server gains nothing from one, but
    // no honest server sends it either, so it is refused (B ≡ 0 was checked first, so
    // B = N keeps the SDK's message).
    if !less_than_n(&b) {
        return Err(SrpError::BOutOfRange);
    }
    Ok((b, b_mod_n))
}

/// u = H(pad(A) | pad(B)), B hashed as received, NOT reduced mod N (calculateU).
pub(super) fn scrambling_parameter(large_a: &[u8], b: &[u8]) -> [u8; 32] {
    sha256(&[&pad_bytes(large_a), &pad_bytes(b)])
}

/// x = H(pad(salt) | H(poolName | userId | ":" | password)). The inner hash is over the
/// UTF-8 text; the outer over bytes. The salt went through a BigInteger first in the
/// JS, so its leading zero bytes are dropped and a 00 is added back only if the top
/// bit is set: [`pad_bytes`].
pub(super) fn private_key(salt: &[u8], pool_name: &str, user_id_for_srp: &str, password: &str) -> [u8; 32] {
    let inner = sha256(&[pool_name.as_bytes(), user_id_for_srp.as_bytes(), b":", password.as_bytes()]);
    sha256(&[&pad_bytes(salt), &inner])
}

/// S = (B - k·g^x)^(a + u·x) mod N (calculateS), for B already reduced mod N.
pub(super) fn premaster_secret(small_a: &Exponent, b_mod_n: &mont::Limbs, u: &[u8], x: &[u8]) -> [u8; N_LEN] {
    // Everything touching a, x or g^x goes through the constant-time code in `mont`.
    // The JS lets the base go negative and its modPow reduces it into [0, N); we do the
    // same without signed maths: (B mod N − (k·g^x mod N)) mod N. The exponent is left
    // unreduced, as in the JS.
    // g^x in Montgomery form; Montgomery-multiplying it by plain k leaves
    // the domain: k·g^x mod N.
    let gx_m = mont::pow2_mont(&Exponent::from_be_bytes(x));
    let kgx = mont::cond_sub_n(&mont::mont_mul(&gx_m, group().k_limbs()));
    let base_m = mont::to_mont(&mont::sub_mod(b_mod_n, &kgx));
    let exp = Exponent::a_plus_ux(small_a, u, x);
    mont::limbs_to_be(&mont::from_mont(&mont::pow_mont(&base_m, &exp)))
}

/// What getPasswordAuthenticationKey computes, as bytes: u and the key, and for the tests'
/// [`key_intermediates`] x and S (the shipped wasm neither keeps nor copies those).
pub(super) struct Derived {
    pub u: [u8; 32],
    pub key: [u8; 16],
    #[cfg(not(shipped))]
    x_and_s: ([u8; 32], [u8; N_LEN]),
}

/// getPasswordAuthenticationKey for a secret `a` and the A sent for it (the JS SDK hashes
/// the A it holds, whatever produced it), keeping the intermediate values as text.
#[cfg(not(shipped))]
pub(super) fn key_intermediates(
    small_a: &Exponent, large_a: &[u8], pool_name: &str, user_id_for_srp: &str, password: &str, srp_b_hex: &str,
    salt_hex: &str,
) -> Result<SrpIntermediates, SrpError> {
    let d = derive_key(small_a, large_a, pool_name, user_id_for_srp, password, srp_b_hex, salt_hex)?;
    Ok(SrpIntermediates {
        large_a: to_hex_trimmed(large_a),
        u: to_hex_trimmed(&d.u),
        x: to_hex_trimmed(&d.x_and_s.0),
        s: to_hex_trimmed(&d.x_and_s.1),
        key: d.key,
        key_hex: super::to_hex(&d.key),
    })
}

/// getPasswordAuthenticationKey's computation (the sign-in and the helper need only the
/// bytes; the text of every step is for [`key_intermediates`]).
pub(super) fn derive_key(
    small_a: &Exponent, large_a: &[u8], pool_name: &str, user_id_for_srp: &str, password: &str, srp_b_hex: &str,
    salt_hex: &str,
) -> Result<Derived, SrpError> {
    // Public values (B, salt, u, k) may take variable time.
    let (b, b_mod_n) = checked_server_b(srp_b_hex)?;
    let salt = parse_hex_uint(salt_hex).ok_or(SrpError::InvalidHex("SALT"))?;
    let u = scrambling_parameter(large_a, &b);
    if u.iter().all(|&v| v == 0) {
        return Err(SrpError::UIsZero);
    }
    let x = private_key(&salt, pool_name, user_id_for_srp, password);
    let s = premaster_secret(small_a, &b_mod_n, &u, &x);
    // key = HKDF(salt = pad(u), ikm = pad(S), "Caldera Derived Key")[..16]
    let key = hkdf16(&pad_bytes(&u), &pad_bytes(&s));
    Ok(Derived {
        u,
        key,
        #[cfg(not(shipped))]
        x_and_s: (x, s),
    })
}

/// `b < N` for big-endian bytes of any length (public data: variable time is fine): fewer
/// bytes than N once the leading zeros are gone (N's top byte is not zero), or as many
/// and below N's bytes in order.
fn less_than_n(b: &[u8]) -> bool {
    let b = strip_leading_zeros(b);
    b.len() < N_LEN || (b.len() == N_LEN && *b < group().n_bytes()[..])
}

/// Free-function form of [`SrpClient::intermediates`].
#[cfg(not(shipped))]
pub fn srp_intermediates(
    client: &SrpClient, pool_name: &str, user_id_for_srp: &str, password: &str, srp_b_hex: &str, salt_hex: &str,
) -> Result<SrpIntermediates, SrpError> {
    client.intermediates(pool_name, user_id_for_srp, password, srp_b_hex, salt_hex)
}

/// PASSWORD_CLAIM_SIGNATURE:
/// base64(HMAC-SHA256(key, poolName | userIdForSrp | base64decode(SECRET_BLOCK) | timestamp)).
pub fn password_claim_signature(
    key: &[u8; 16], pool_name: &str, user_id_for_srp: &str, secret_block_b64: &str, timestamp: &str,
) -> Result<String, SrpError> {
    // Padding optional, as Node's decoder (what the JS SDK relies on) does not require it.
    let secret_block = base64_decode(secret_block_b64).ok_or(SrpError::InvalidBase64("SECRET_BLOCK"))?;
    let mac =
        hmac_sha256(key, &[pool_name.as_bytes(), user_id_for_srp.as_bytes(), &secret_block, timestamp.as_bytes()]);
    Ok(base64_encode(&mac))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srp::to_hex;

    fn client() -> SrpClient {
        SrpClient::from_small_a(&[0x5a; 128])
    }

    fn key_for(b_hex: &str, salt_hex: &str) -> Result<[u8; 16], SrpError> {
        client().password_authentication_key("pool", "user", "pw", b_hex, salt_hex)
    }

    #[test]
    fn hmac_matches_the_hmac_crate() {
        use hmac::{Hmac, Mac};
        for key_len in [0, 1, 32, 63, 64, 65, 200] {
            let key: Vec<u8> = (0..key_len).map(|i| i as u8 ^ 0xa5).collect();
            let parts: [&[u8]; 3] = [b"pool", b"", &[7u8; 100]];
            let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&key).unwrap();
            parts.iter().for_each(|p| mac.update(p));
            assert_eq!(hmac_sha256(&key, &parts), <[u8; 32]>::from(mac.finalize().into_bytes()), "{key_len}");
        }
    }

    #[test]
    fn hkdf16_matches_rfc5869_prefix() {
        // Cross-check the hand-rolled one-block HKDF against the hkdf crate.
        let salt = [7u8; 33];
        let ikm = [9u8; 384];
        let mut okm = [0u8; 16];
        hkdf::Hkdf::<sha2::Sha256>::new(Some(&salt), &ikm).expand(INFO, &mut okm).unwrap();
        assert_eq!(hkdf16(&salt, &ikm), okm);
    }

    #[test]
    fn b_multiple_of_n_is_refused() {
        use num_bigint::BigUint;
        let n = BigUint::from_bytes_be(&group().n_bytes());
        let big = BigUint::from(1u32) << 5000;
        for b in [BigUint::default(), n.clone(), &n * 2u32, &n * 7u32, &n * &big] {
            let hex = b.to_str_radix(16);
            assert_eq!(key_for(&hex, "01"), Err(SrpError::BIsZero), "{hex}");
            let padded = format!("0000{hex}");
            assert_eq!(key_for(&padded, "01"), Err(SrpError::BIsZero), "{padded}");
        }
        // Just off a multiple but not below N: refused as unreduced.
        for b in [&n + 1u32, &n * &big - 1u32, &n * 3u32 + 5u32] {
            assert_eq!(key_for(&b.to_str_radix(16), "01"), Err(SrpError::BOutOfRange));
        }
        assert!(key_for(&(&n - 1u32).to_str_radix(16), "01").is_ok());
        assert_eq!(key_for("0000", "01"), Err(SrpError::BIsZero));
        assert_eq!(SrpError::BIsZero.message(), "B cannot be zero.");
    }

    /// The whole computation against a num-bigint reference for inputs the
    /// JS known-answer test does not produce: B far longer than N, B with
    /// leading zeros, B ≡ small mod N, long and zero salts, short and long a.
    #[test]
    fn matches_num_bigint_reference_on_hostile_inputs() {
        use num_bigint::BigUint;
        let n = BigUint::from_bytes_be(&group().n_bytes());
        let k = BigUint::from_bytes_be(group().k_bytes());
        let two = BigUint::from(2u32);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut bytes = |len: usize| -> Vec<u8> {
            (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect()
        };
        let long_b = BigUint::from_bytes_be(&bytes(1000));
        let b_hexes = [
            long_b.to_str_radix(16),
            format!("000000{}", to_hex(&bytes(384))),
            (&n * 5u32 + 3u32).to_str_radix(16),
            (&n - 1u32).to_str_radix(16),
            "1".to_string(),
            "F".repeat(769),
        ];
        let salts = ["00", "0000ff", "80", &to_hex(&bytes(300))];
        for (i, b_hex) in b_hexes.iter().enumerate() {
            let a = bytes([128, 1, 0, 200][i % 4]);
            let client = SrpClient::from_small_a(&a);
            let salt_hex = salts[i % salts.len()];
            let b_value = BigUint::parse_bytes(b_hex.as_bytes(), 16).unwrap();
            let result = client.intermediates("pool", "user", "pw", b_hex, salt_hex);
            if b_value >= n {
                assert_eq!(result.err(), Some(SrpError::BOutOfRange), "{b_hex}");
                continue;
            }
            let im = result.unwrap();

            let a_big = BigUint::from_bytes_be(&a);
            let big_a = two.modpow(&a_big, &n);
            assert_eq!(im.large_a, big_a.to_str_radix(16));
            let b = BigUint::parse_bytes(b_hex.as_bytes(), 16).unwrap();
            let u = BigUint::from_bytes_be(&sha256(&[&pad_bytes(&big_a.to_bytes_be()), &pad_bytes(&b.to_bytes_be())]));
            let salt = BigUint::parse_bytes(salt_hex.as_bytes(), 16).unwrap();
            let inner = sha256(&[b"pool", b"user", b":", b"pw"]);
            let x = BigUint::from_bytes_be(&sha256(&[&pad_bytes(&salt.to_bytes_be()), &inner]));
            let base = (&b % &n + &n - (&k * two.modpow(&x, &n)) % &n) % &n;
            let s = base.modpow(&(&a_big + &u * &x), &n);
            assert_eq!(im.u, u.to_str_radix(16), "case {i}");
            assert_eq!(im.x, x.to_str_radix(16), "case {i}");
            assert_eq!(im.s, s.to_str_radix(16), "case {i}");
        }
    }

    #[test]
    fn malformed_inputs_are_errors() {
        assert_eq!(key_for("", "01"), Err(SrpError::InvalidHex("SRP_B")));
        assert_eq!(key_for("xyz", "01"), Err(SrpError::InvalidHex("SRP_B")));
        assert_eq!(key_for("-1f", "01"), Err(SrpError::InvalidHex("SRP_B")));
        assert_eq!(key_for("1f", ""), Err(SrpError::InvalidHex("SALT")));
        assert_eq!(key_for("1f", "0x12"), Err(SrpError::InvalidHex("SALT")));
        let key = [0u8; 16];
        assert_eq!(
            password_claim_signature(&key, "p", "u", "not base64!", "t"),
            Err(SrpError::InvalidBase64("SECRET_BLOCK"))
        );
        assert_eq!(
            password_claim_signature(&key, "p", "u", "QQ=QQ", "t"),
            Err(SrpError::InvalidBase64("SECRET_BLOCK"))
        );
    }

    #[test]
    fn empty_strings_do_not_panic() {
        let c = SrpClient::from_small_a(&[]);
        assert_eq!(c.large_a_hex(), "1"); // g^0
        let _ = c.password_authentication_key("", "", "", "", "");
        let _ = c.password_authentication_key("", "", "", "1", "0");
        let key = [0u8; 16];
        // Empty is valid base64 (zero bytes), like Buffer.from('', 'base64').
        assert!(password_claim_signature(&key, "", "", "", "").is_ok());
    }

    #[test]
    fn padding_optional_on_secret_block() {
        let key = [1u8; 16];
        assert_eq!(
            password_claim_signature(&key, "p", "u", "QUI=", "t"),
            password_claim_signature(&key, "p", "u", "QUI", "t")
        );
    }

    #[test]
    fn generate_gives_distinct_clients() {
        let a = SrpClient::generate().unwrap();
        let b = SrpClient::generate().unwrap();
        assert_ne!(a.large_a_hex(), b.large_a_hex());
        // The exponent length is public and fixed: what the constant-time
        // argument and the cost of A and S rest on.
        assert_eq!(a.small_a.bits, 8 * SMALL_A_BYTES);
        assert_eq!(Exponent::a_plus_ux(&a.small_a, &[0xff; 32], &[0xff; 32]).bits, 513);
    }
}
