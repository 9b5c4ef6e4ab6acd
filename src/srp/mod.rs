//! Cognito's SRP (Secure Remote Password) client, in plain Rust so it runs
//! natively and on wasm32. Bit-for-bit compatible with amazon-cognito-identity-js
//! (AuthenticationHelper.js, DateHelper.js, CognitoUser.js); see
//! `tests/srp_kat.rs` for the known-answer tests against the JS SDK itself.
//!
//! Nothing here panics on caller data: malformed input comes back as
//! [`SrpError`].

use crate::prelude::*;
pub mod ahead;
mod client;
mod group;
pub mod helper;
use srp_mont as mont;
mod pad;
mod sha256;
mod timestamp;

#[cfg(test)]
mod bench;

pub use client::{hmac_sha256, password_claim_signature, SrpClient, SMALL_A_BYTES};
#[cfg(not(shipped))]
pub use client::{srp_intermediates, SrpIntermediates};
pub use group::{group, Group};
pub use pad::{pad_hex, pad_hex_signed, parse_hex_bytes, to_hex};
pub use sha256::sha256;
pub use timestamp::timestamp;

#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum SrpError {
    /// Server's B is a multiple of N (SRP safety check).
    BIsZero,
    /// Server's B is not reduced (B ≥ N): no honest server sends that.
    BOutOfRange,
    /// u = H(A|B) came out as zero (SRP safety check).
    UIsZero,
    /// A hex field (named by its Cognito challenge-parameter name) is malformed.
    InvalidHex(&'static str),
    /// A base64 field (named by its Cognito challenge-parameter name) is malformed.
    InvalidBase64(&'static str),
    /// A value that must be a SHA-256 output (u, x), named by the JS SDK's name for it,
    /// has more than 32 bytes.
    LongerThanHash(&'static str),
    /// The system random number generator failed.
    Random(getrandom::Error),
}

impl SrpError {
    /// Human-readable text; identical to the JS SDK's error message where it has one.
    pub fn message(&self) -> String {
        const TEXTS: [&str; 6] = [
            "B cannot be zero.",
            "B must be less than N.",
            "U cannot be zero.",
            " is not a valid hex string.",
            " is not valid base64.",
            " is longer than a SHA-256 hash.",
        ];
        let (field, text) = match *self {
            SrpError::BIsZero => ("", 0),
            SrpError::BOutOfRange => ("", 1),
            SrpError::UIsZero => ("", 2),
            SrpError::InvalidHex(field) => (field, 3),
            SrpError::InvalidBase64(field) => (field, 4),
            SrpError::LongerThanHash(field) => (field, 5),
            SrpError::Random(e) => return random_failure(e),
        };
        crate::text::concat(&[field, TEXTS[text]])
    }
}

/// What getrandom's `Display` says, written without `core::fmt`. The shipped wasm's only
/// failure is the first: its source (src/js/web.rs) reports every failure as `WEB_CRYPTO`,
/// so the other texts are left out of it.
fn random_failure(e: getrandom::Error) -> String {
    let mut out = String::from("Could not generate random bytes: ");
    if cfg!(shipped) || e == getrandom::Error::WEB_CRYPTO {
        out.push_str("Web Crypto API is unavailable");
    } else {
        let code = e.code().get();
        out.push_str(if e.raw_os_error().is_some() { "OS Error: " } else { "Unknown Error: " });
        crate::text::push_uint(&mut out, u64::from(code), 1);
    }
    out
}

/// Pool name as the JS SDK derives it: `userPoolId.split('_')[1]`, i.e. the
/// text between the first and second `_` ("us-east-1_abc" -> "abc"). An id
/// without `_` gives "" (the JS would produce `undefined`; CognitoUserPool's
/// id validation prevents that case there).
pub fn pool_name(user_pool_id: &str) -> &str {
    crate::text::split_once_byte(user_pool_id, b'_').map_or("", |(_, rest)| crate::text::before(rest, b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_name_cases() {
        assert_eq!(pool_name("us-east-1_abc"), "abc");
        assert_eq!(pool_name("eu-west-2_AbC123xyz"), "AbC123xyz");
        assert_eq!(pool_name("a_b_c"), "b"); // split('_')[1]
        assert_eq!(pool_name("noseparator"), "");
        assert_eq!(pool_name(""), "");
        assert_eq!(pool_name("_"), "");
        assert_eq!(pool_name("region_"), "");
    }

    #[test]
    fn error_messages() {
        assert_eq!(SrpError::UIsZero.message(), "U cannot be zero.");
        assert_eq!(SrpError::LongerThanHash("u").message(), "u is longer than a SHA-256 hash.");
        assert_eq!(
            SrpError::Random(getrandom::Error::WEB_CRYPTO).message(),
            "Could not generate random bytes: Web Crypto API is unavailable"
        );
        let other = getrandom::Error::from(core::num::NonZeroU32::new(5).unwrap());
        assert_eq!(SrpError::Random(other).message(), "Could not generate random bytes: OS Error: 5");
        assert_eq!(SrpError::InvalidHex("SALT").message(), "SALT is not a valid hex string.");
    }
}
