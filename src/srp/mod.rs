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
mod timestamp;

#[cfg(test)]
mod bench;

pub use client::{password_claim_signature, srp_intermediates, SrpClient, SrpIntermediates, SMALL_A_BYTES};
pub use group::{group, Group};
pub use pad::{pad_hex, pad_hex_signed, parse_hex_bytes, to_hex};
pub use timestamp::timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
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
    Random(String),
}

impl SrpError {
    /// Human-readable text; identical to the JS SDK's error message where it has one.
    pub fn message(&self) -> String {
        match self {
            SrpError::BIsZero => "B cannot be zero.".to_string(),
            SrpError::BOutOfRange => "B must be less than N.".to_string(),
            SrpError::UIsZero => "U cannot be zero.".to_string(),
            SrpError::InvalidHex(field) => format!("{field} is not a valid hex string."),
            SrpError::InvalidBase64(field) => format!("{field} is not valid base64."),
            SrpError::LongerThanHash(field) => format!("{field} is longer than a SHA-256 hash."),
            SrpError::Random(e) => format!("Could not generate random bytes: {e}"),
        }
    }
}

impl core::fmt::Display for SrpError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for SrpError {}

/// Pool name as the JS SDK derives it: `userPoolId.split('_')[1]`, i.e. the
/// text between the first and second `_` ("us-east-1_abc" -> "abc"). An id
/// without `_` gives "" (the JS would produce `undefined`; CognitoUserPool's
/// id validation prevents that case there).
pub fn pool_name(user_pool_id: &str) -> &str {
    user_pool_id.split('_').nth(1).unwrap_or("")
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
        assert_eq!(SrpError::UIsZero.to_string(), "U cannot be zero.");
        assert_eq!(SrpError::InvalidHex("SALT").message(), "SALT is not a valid hex string.");
    }
}
