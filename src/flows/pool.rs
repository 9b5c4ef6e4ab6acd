//! A user pool's settings, checked as `new CognitoUserPool(data)` checks them.

use crate::prelude::*;
use crate::protocol::{endpoint_for, CognitoError};

const USER_POOL_ID_MAX_LENGTH: usize = 55;

#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct PoolConfig {
    pub user_pool_id: String,
    pub client_id: String,
    pub endpoint: String,
    /// Refresh through GetTokensFromRefreshToken (required for app clients with refresh
    /// token rotation) instead of InitiateAuth REFRESH_TOKEN_AUTH (the JS SDK's way).
    pub refresh_token_rotation: bool,
    /// For app clients with a secret (server-side use only: a secret in a browser is public).
    pub client_secret: Option<String>,
    /// DeviceName for ConfirmDevice (the browser's user agent, as in the JS SDK).
    pub device_name: String,
    /// Whether the page's advanced-security collector is asked for context data: the pool
    /// data's `AdvancedSecurityDataCollectionFlag`, on unless it is `false`. Off, requests
    /// still carry an empty `UserContextData` when there is a collector (the SDK's way).
    pub advanced_security_data_collection: bool,
}

impl PoolConfig {
    /// Errors carry the JS SDK's exact messages, which apps match on.
    pub fn new(
        user_pool_id: Option<&str>, client_id: Option<&str>, endpoint: Option<&str>,
    ) -> Result<PoolConfig, CognitoError> {
        let (user_pool_id, client_id) = PoolConfig::checked(user_pool_id, client_id)?;
        Ok(PoolConfig {
            user_pool_id: user_pool_id.to_string(),
            client_id: client_id.to_string(),
            endpoint: endpoint_for(user_pool_id, endpoint),
            refresh_token_rotation: false,
            client_secret: None,
            device_name: "cognito-identity-wasm".into(),
            advanced_security_data_collection: true,
        })
    }

    /// The pool's ids checked as `new CognitoUserPool` checks them (errors in the SDK's
    /// words): what a caller that builds the settings in place checks first.
    /// Inlined (its callers build the settings right after: measured smaller).
    #[inline(always)]
    pub fn checked<'a>(
        user_pool_id: Option<&'a str>, client_id: Option<&'a str>,
    ) -> Result<(&'a str, &'a str), CognitoError> {
        let (Some(user_pool_id), Some(client_id)) =
            (user_pool_id.filter(|s| !s.is_empty()), client_id.filter(|s| !s.is_empty()))
        else {
            return Err(CognitoError::invalid_parameter("Both UserPoolId and ClientId are required."));
        };
        if !is_valid_user_pool_id(user_pool_id) {
            return Err(CognitoError::invalid_parameter("Invalid UserPoolId format."));
        }
        Ok((user_pool_id, client_id))
    }

    /// The part after `_`: the "pool name" SRP hashes in.
    pub fn pool_name(&self) -> &str {
        crate::srp::pool_name(&self.user_pool_id)
    }
}

/// The SDK's `/^[\w-]+_[0-9a-zA-Z]+$/` with at most 55 characters. `\w` includes `_`, so
/// the split is at the last underscore. The one rule written twice: `new CognitoUserPool`
/// checks it in JS too (src/facade/CognitoUserPool.js, `USER_POOL_ID`), so that making a
/// pool runs no wasm; tests/packaging/pool-ids.test.mjs holds the two, and the JS SDK, to
/// one corpus of ids.
fn is_valid_user_pool_id(id: &str) -> bool {
    use crate::text::all_bytes;
    let Some((region, name)) = crate::text::rsplit_once_byte(id, b'_') else { return false };
    id.len() <= USER_POOL_ID_MAX_LENGTH
        && !region.is_empty()
        && all_bytes(region, |c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
        && !name.is_empty()
        && all_bytes(name, |c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_messages_match_the_sdk() {
        let msg = |p: Option<&str>, c: Option<&str>| PoolConfig::new(p, c, None).unwrap_err().message.clone();
        assert_eq!(msg(None, Some("c")), "Both UserPoolId and ClientId are required.");
        assert_eq!(msg(Some("us-east-1_x"), Some("")), "Both UserPoolId and ClientId are required.");
        for bad in [
            "nounderscore",
            "_abc",
            "us-east-1_",
            "us-east-1_ab-c",
            "us east_1",
            &format!("us-east-1_{}", "a".repeat(50)),
        ] {
            assert_eq!(msg(Some(bad), Some("c")), "Invalid UserPoolId format.", "{bad}");
        }
    }

    #[test]
    fn good_ids_are_accepted_and_named() {
        let p = PoolConfig::new(Some("us-east-1_Ab12"), Some("c"), None).unwrap();
        assert_eq!(p.pool_name(), "Ab12");
        assert_eq!(p.endpoint, "https://cognito-idp.us-east-1.amazonaws.com/");
        assert!(PoolConfig::new(Some("a_b_C9"), Some("c"), None).is_ok());
    }
}
