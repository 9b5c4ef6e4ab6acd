//! What the JS SDK's exported `AuthenticationHelper` computes, method by method, as
//! plain functions over the sign-in's own SRP code ([`super::client`]): apps use that
//! class to run USER_SRP_AUTH or a device's SRP themselves (against the AWS SDK, on a
//! server, in tests). Numbers come and go as `BigInteger#toString(16)` text (lower
//! case, no leading zeros, `-` for a negative); randomness comes in as bytes, so every
//! answer here is reproducible.
//!
//! Where the helper and the sign-in share a step, they share its code: `u`, `S`, the
//! key, HKDF, padHex and the device verifier exist once, in this module's parent.

use super::client::{derive_key, g_pow, hkdf16, premaster_secret, private_key, scrambling_parameter, INFO};
use super::group::group;
use super::mont::{self, Exponent};
use super::pad::{pad_bytes, pad_hex_signed, parse_hex_uint, strip_leading_zeros, to_hex, to_hex_trimmed};
use super::{sha256, SrpError};
use crate::prelude::*;

/// What `calculateU` gives: the value, and the 64-digit hash it keeps as `UHexHash`.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Scrambler {
    pub value: String,
    pub hex_hash: String,
}

impl Scrambler {
    fn from_hash(u: &[u8; 32]) -> Scrambler {
        Scrambler { value: to_hex_trimmed(u), hex_hash: to_hex(u) }
    }
}

/// What `getPasswordAuthenticationKey` gives (the key) and leaves on the helper (`UValue`,
/// `UHexHash`).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordKey {
    pub key: [u8; 16],
    pub u: Scrambler,
}

// Hand-written: the key is a secret.
#[cfg(not(shipped))]
impl core::fmt::Debug for PasswordKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PasswordKey").field("u", &self.u).finish_non_exhaustive()
    }
}

/// What `generateHashDevice` leaves on the helper beside the device's random password:
/// the padHex bytes of its salt (`SaltToHashDevices`) and verifier (`verifierDevices`).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct DeviceHash {
    pub salt: Vec<u8>,
    pub verifier: Vec<u8>,
}

/// Bytes in a random device password (`generateRandomString`: 40 bytes, base64).
pub const RANDOM_STRING_BYTES: usize = 40;
/// Bytes in a device's random salt (`generateHashDevice`).
pub const DEVICE_SALT_BYTES: usize = 16;

/// The constant parts of a helper: `N`, `g`, `k` as `toString(16)`, and `infoBits`.
pub fn n_hex() -> String {
    group().n_hex()
}

/// g = 2 (`Group::g`) as text: one digit, written out.
pub fn g_hex() -> String {
    String::from("2")
}

pub fn k_hex() -> String {
    group().k_hex()
}

/// `infoBits`: the HKDF info text.
pub fn info_bits() -> &'static [u8] {
    INFO
}

/// A non-negative integer given as `toString(16)` text, as big-endian bytes; `field`
/// names it in the error. A `hash` (u, x: SHA-256 outputs) has at most 32 bytes, leading
/// zeros aside; they are left on, as they change nothing in the arithmetic (and padding
/// to 32 cost the wasm a `vec!` of zeros of its own).
pub fn number(hex: &str, field: &'static str, hash: bool) -> Result<Vec<u8>, SrpError> {
    let bytes = parse_hex_uint(hex).ok_or(SrpError::InvalidHex(field))?;
    if hash && strip_leading_zeros(&bytes).len() > 32 {
        return Err(SrpError::LongerThanHash(field));
    }
    Ok(bytes)
}

fn unsigned(hex: &str, field: &'static str) -> Result<Vec<u8>, SrpError> {
    number(hex, field, false)
}

/// `generateRandomString` from its random bytes: base64.
pub fn random_string(random: &[u8]) -> String {
    crate::text::base64_encode(random)
}

// The operations below come twice: on numbers as bytes (what the JS class's
// operations call, its inputs parsed in one place, `flows::authentication_helper`), and
// on numbers as `toString(16)` text, parsed here in the JS SDK's order.

/// `calculateA(a)`: A = g^a mod N, for a as bytes.
pub fn large_a(small_a: &[u8]) -> String {
    to_hex_trimmed(&g_pow(&Exponent::from_be_bytes(small_a)))
}

/// `calculateA(a)`.
pub fn calculate_a(small_a_hex: &str) -> Result<String, SrpError> {
    Ok(large_a(&unsigned(small_a_hex, "smallAValue")?))
}

/// `calculateU(A, B)`: u = H(padHex(A) | padHex(B)), for A and B as bytes.
pub fn scrambler(large_a: &[u8], b: &[u8]) -> Scrambler {
    Scrambler::from_hash(&scrambling_parameter(large_a, b))
}

/// `calculateU(A, B)`.
pub fn calculate_u(large_a_hex: &str, b_hex: &str) -> Result<Scrambler, SrpError> {
    let large_a = unsigned(large_a_hex, "largeAValue")?;
    let b = unsigned(b_hex, "serverBValue")?;
    Ok(scrambler(&large_a, &b))
}

/// `calculateS(x, B)` with the helper's `a` and `UValue`: S = (B − k·g^x)^(a + u·x) mod N,
/// for a, B, u and x as bytes (u and x [`number`]'s hashes). Like the JS, no check
/// on B here.
pub fn premaster(small_a: &[u8], u: &[u8], x: &[u8], b: &[u8]) -> String {
    let a = Exponent::from_be_bytes(small_a);
    to_hex_trimmed(&premaster_secret(&a, &mont::reduce_be(b), u, x))
}

/// `calculateS(x, B)`; u and x are SHA-256 outputs, so longer ones are refused.
pub fn calculate_s(small_a_hex: &str, u_hex: &str, x_hex: &str, b_hex: &str) -> Result<String, SrpError> {
    let a = unsigned(small_a_hex, "smallAValue")?;
    let u = number(u_hex, "UValue", true)?;
    let x = number(x_hex, "xValue", true)?;
    let b = unsigned(b_hex, "serverBValue")?;
    Ok(premaster(&a, &u, &x, &b))
}

/// `getPasswordAuthenticationKey(username, password, B, salt)` for the helper's `a` and
/// `A` as bytes (`largeAValue`, hashed into u as the JS hashes it), refusing what the
/// sign-in refuses.
pub fn password_key(
    small_a: &[u8], large_a: &[u8], pool_name: &str, username: &str, password: &str, b_hex: &str, salt_hex: &str,
) -> Result<PasswordKey, SrpError> {
    let a = Exponent::from_be_bytes(small_a);
    let derived = derive_key(&a, large_a, pool_name, username, password, b_hex, salt_hex)?;
    Ok(PasswordKey { key: derived.key, u: Scrambler::from_hash(&derived.u) })
}

/// `getPasswordAuthenticationKey(username, password, B, salt)`.
pub fn password_authentication_key(
    small_a_hex: &str, large_a_hex: &str, pool_name: &str, username: &str, password: &str, b_hex: &str, salt_hex: &str,
) -> Result<PasswordKey, SrpError> {
    let a = unsigned(small_a_hex, "smallAValue")?;
    let large_a = unsigned(large_a_hex, "largeAValue")?;
    password_key(&a, &large_a, pool_name, username, password, b_hex, salt_hex)
}

/// `computehkdf(ikm, salt)`: the first 16 bytes of HKDF-SHA256 with the Cognito info text.
pub fn compute_hkdf(ikm: &[u8], salt: &[u8]) -> [u8; 16] {
    hkdf16(salt, ikm)
}

/// `hash(buf)`: SHA-256 as 64 hex digits.
pub fn hash(bytes: &[u8]) -> String {
    to_hex(&sha256(&[bytes]))
}

/// `padHex(bigInt)` for `bigInt.toString(16)` (a leading `-` for a negative).
pub fn pad_hex(value: &str) -> Result<String, SrpError> {
    let (negative, digits) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    Ok(pad_hex_signed(negative, &unsigned(digits, "bigInt")?))
}

/// `generateHashDevice(deviceGroupKey, username)` for the device's random password
/// (`generateRandomString`) and its salt's random bytes; the verifier is g^x with
/// x = H(padHex(salt) | H(deviceGroupKey | username | ":" | password)).
pub fn device_hash(group_key: &str, username: &str, random_password: &str, salt_bytes: &[u8]) -> DeviceHash {
    // The salt goes through a BigInteger and padHex in the JS: same here.
    let salt = pad_bytes(salt_bytes);
    let x = private_key(&salt, group_key, username, random_password);
    let verifier = pad_bytes(&g_pow(&Exponent::from_be_bytes(&x)));
    DeviceHash { salt, verifier }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::srp::SrpClient;

    #[test]
    fn hash_is_sha256_in_hex() {
        assert_eq!(hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn key_matches_the_sign_in_client() {
        let a = [0x5a; 64];
        let client = SrpClient::from_small_a(&a);
        let b = group().k_hex(); // any B in [1, N)
        let key =
            password_authentication_key(&to_hex(&a), &client.large_a_hex(), "pool", "user", "pw", &b, "0a").unwrap();
        let im = client.intermediates("pool", "user", "pw", &b, "0a").unwrap();
        assert_eq!(key.key, im.key);
        assert_eq!(key.u.value, im.u);
        assert_eq!(key.u.hex_hash.len(), 64);
        assert_eq!(calculate_u(&client.large_a_hex(), &b).unwrap(), key.u);
        assert_eq!(calculate_a(&to_hex(&a)).unwrap(), client.large_a_hex());
        assert_eq!(calculate_s(&to_hex(&a), &im.u, &im.x, &b).unwrap(), im.s);
    }

    #[test]
    fn refusals_name_the_argument() {
        assert_eq!(calculate_a("xyz"), Err(SrpError::InvalidHex("smallAValue")));
        assert_eq!(calculate_u("-1", "1"), Err(SrpError::InvalidHex("largeAValue")));
        assert_eq!(calculate_s("1", &"f".repeat(65), "1", "2"), Err(SrpError::LongerThanHash("UValue")));
        assert_eq!(calculate_s("1", "1", &format!("00{}", "f".repeat(64)), "2").map(|s| s.is_empty()), Ok(false));
        assert_eq!(pad_hex("-"), Err(SrpError::InvalidHex("bigInt")));
        assert_eq!(pad_hex("-ec").unwrap(), "ff14"); // padHex(-236), the SDK's doc example
        assert_eq!(password_authentication_key("1", "2", "p", "u", "pw", "0", "1").unwrap_err(), SrpError::BIsZero);
    }

    /// u and x keep the leading zeros they are given: the same S as without them.
    #[test]
    fn leading_zeros_change_nothing() {
        let s = calculate_s("5a5a", "7f", "9e", "2").unwrap();
        let zeros = "00".repeat(40);
        assert_eq!(calculate_s("5a5a", &format!("{zeros}7f"), &format!("{zeros}09e"), "2").unwrap(), s);
        let full = |x: &str| calculate_s("5a5a", &"ff".repeat(32), x, "2").unwrap();
        assert_eq!(full(&format!("{zeros}{}", "ee".repeat(32))), full(&"ee".repeat(32)));
    }

    #[test]
    fn constants() {
        assert_eq!(g_hex(), to_hex_trimmed(&group().g().to_be_bytes()));
        assert_eq!(info_bits(), b"Caldera Derived Key");
        assert_eq!(n_hex().len(), 768);
        assert_eq!(random_string(&[0xff; 3]), "////");
    }
}
