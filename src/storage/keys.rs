//! The storage key layout, byte for byte the JS SDK's, so a user signed in by
//! amazon-cognito-identity-js stays signed in after the swap (and back).
//!
//! `CognitoIdentityServiceProvider.<clientId>.LastAuthUser` → the username, then per user
//! `CognitoIdentityServiceProvider.<clientId>.<username>.<item>`.
//!
//! Every other name this library writes to storage or gives a lock is here too:
//!
//! | name                                                 | what                                      |
//! |------------------------------------------------------|-------------------------------------------|
//! | `CognitoIdentityServiceProvider.<client>.<user>.refresh` | the cross-tab lock on one user's refresh |
//! | `<lock>.lease`                                       | the storage lease standing in for that lock |
//! | `<lock>.fresh.<ms>.<tag>`                            | a Web Locks marker: new tokens were stored |
//! | `aws.cognito.identity-id.<identityPoolId>`          | the cached identity id (the AWS SDK's key) |
//! | `aws.cognito.test-ls`                                | the probe write that tests localStorage   |

use crate::prelude::*;
use crate::text::{concat, parse_uint, push_uint, rsplit_once_byte, split_once_byte};
const PREFIX: &str = "CognitoIdentityServiceProvider";

/// The per-user items the SDK stores.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum UserItem {
    IdToken,
    AccessToken,
    RefreshToken,
    ClockDrift,
    UserData,
    DeviceKey,
    RandomPasswordKey,
    DeviceGroupKey,
}

impl UserItem {
    const ALL: [UserItem; 8] = [
        UserItem::IdToken,
        UserItem::AccessToken,
        UserItem::RefreshToken,
        UserItem::ClockDrift,
        UserItem::UserData,
        UserItem::DeviceKey,
        UserItem::RandomPasswordKey,
        UserItem::DeviceGroupKey,
    ];

    /// The item's name at the end of its key, from a table in the order of [`UserItem::ALL`].
    fn suffix(self) -> &'static str {
        SUFFIXES[self as usize]
    }
}

/// Each item's key suffix, in the order of the variants (and of [`UserItem::ALL`]).
const SUFFIXES: [&str; 8] = [
    "idToken",
    "accessToken",
    "refreshToken",
    "clockDrift",
    "userData",
    "deviceKey",
    "randomPasswordKey",
    "deviceGroupKey",
];

/// The items that make up a signed-in session (what sign-out removes, with LastAuthUser).
pub const SESSION_ITEMS: [UserItem; 4] =
    [UserItem::IdToken, UserItem::AccessToken, UserItem::RefreshToken, UserItem::ClockDrift];

/// `CognitoIdentityServiceProvider.<clientId>`: the SDK's `user.keyPrefix`.
pub fn client_prefix(client_id: &str) -> String {
    client_key(client_id, &[])
}

pub fn last_auth_user(client_id: &str) -> String {
    client_key(client_id, &[".LastAuthUser"])
}

pub fn user_item(client_id: &str, username: &str, item: UserItem) -> String {
    client_key(client_id, &[".", username, ".", item.suffix()])
}

/// `<prefix>.<client_id>` followed by `tail`: every key of a client, built by one function.
#[inline(never)]
fn client_key(client_id: &str, tail: &[&str]) -> String {
    let mut out = concat(&[PREFIX, ".", client_id]);
    for part in tail {
        out.push_str(part);
    }
    out
}

/// The user whose ID token is under `key` of `client_id`: what [`parse`] reads as
/// `(user, IdToken)`, without looking the item up among the others.
#[inline(always)] // one caller (`events::storage_change`)
pub fn id_token_user<'k>(client_id: &str, key: &'k str) -> Option<&'k str> {
    let (username, suffix) = user_key(client_id, key)?;
    (suffix == UserItem::IdToken.suffix()).then_some(username)
}

/// The user and item suffix of a key `<prefix>.<client>.<username>.<item>` of `client_id`.
#[inline(always)] // one shipped caller (`id_token_user`)
fn user_key<'k>(client_id: &str, key: &'k str) -> Option<(&'k str, &'k str)> {
    // The prefix written out once: one `strip_prefix`, not four.
    let rest = key.strip_prefix(client_key(client_id, &["."]).as_str())?;
    rsplit_once_byte(rest, b'.')
}

/// The user and item a key of `client_id` names (`<prefix>.<client>.<username>.<item>`);
/// None for LastAuthUser, other clients' keys and anything else. Usernames may contain
/// dots (an email address): the item is what follows the last one.
pub fn parse<'k>(client_id: &str, key: &'k str) -> Option<(&'k str, UserItem)> {
    let (username, suffix) = user_key(client_id, key)?;
    let item = UserItem::ALL[SUFFIXES.iter().position(|s| *s == suffix)?];
    Some((username, item))
}

/// The cross-tab lock guarding one user's refresh (also the lease key's and the markers' stem).
pub fn refresh_lock(client_id: &str, username: &str) -> String {
    client_key(client_id, &[".", username, ".refresh"])
}

/// The storage key of the lease that stands in for the lock `lock` without Web Locks.
#[inline(always)] // one shipped caller
pub fn lease(lock: &str) -> String {
    concat(&[lock, ".lease"])
}

/// What follows the lock's name in each of its markers.
const MARKER_INFIX: &str = ".fresh.";

/// What every marker of `lock` starts with: `<lock>.fresh.`.
#[inline(always)] // one shipped caller
pub fn marker_prefix(lock: &str) -> String {
    concat(&[lock, MARKER_INFIX])
}

/// `<lock>.fresh.<time ms>.<tag>`: the marker lock announcing new tokens (tagged `tag`)
/// stored at `time_ms`.
#[inline(always)] // one shipped caller
pub fn marker(lock: &str, time_ms: u64, tag: &str) -> String {
    let mut out = marker_prefix(lock);
    push_uint(&mut out, time_ms, 1);
    out.push('.');
    out.push_str(tag);
    out
}

/// The time and tag of a marker of the lock `lock`; None for any other name. Read as
/// `lock` then `.fresh.` (no prefix made for a caller reading many names).
#[inline(always)] // one shipped caller (`tab_lock::newest_marker`): inlined, as small as a copy there
pub fn parse_marker<'n>(lock: &str, name: &'n str) -> Option<(u64, &'n str)> {
    let (time, tag) = split_once_byte(name.strip_prefix(lock)?.strip_prefix(MARKER_INFIX)?, b'.')?;
    Some((parse_uint(time)?, tag))
}

/// Where the identity id of an identity pool is cached, as the AWS SDK's
/// `CognitoIdentityCredentials` keeps it.
pub fn identity_id(identity_pool_id: &str) -> String {
    concat(&["aws.cognito.identity-id.", identity_pool_id])
}

/// Written and removed again to learn whether localStorage accepts writes (Safari's
/// private mode throws); the JS SDK's name.
pub const STORAGE_PROBE: &str = "aws.cognito.test-ls";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_the_js_sdk() {
        assert_eq!(last_auth_user("abc"), "CognitoIdentityServiceProvider.abc.LastAuthUser");
        assert_eq!(user_item("abc", "alice", UserItem::IdToken), "CognitoIdentityServiceProvider.abc.alice.idToken");
        assert_eq!(
            user_item("abc", "alice", UserItem::ClockDrift),
            "CognitoIdentityServiceProvider.abc.alice.clockDrift"
        );
        assert_eq!(
            user_item("abc", "alice", UserItem::RandomPasswordKey),
            "CognitoIdentityServiceProvider.abc.alice.randomPasswordKey"
        );
        assert_eq!(refresh_lock("abc", "alice"), "CognitoIdentityServiceProvider.abc.alice.refresh");
        assert_eq!(lease("L"), "L.lease");
        assert_eq!(marker("L", 1_700_000_000_123, "00ff"), "L.fresh.1700000000123.00ff");
        assert_eq!(identity_id("eu-west-1:abc"), "aws.cognito.identity-id.eu-west-1:abc");
    }

    #[test]
    fn keys_parse_back() {
        for item in UserItem::ALL {
            assert_eq!(parse("abc", &user_item("abc", "a.b@c.com", item)), Some(("a.b@c.com", item)));
        }
        assert_eq!(parse("abc", &last_auth_user("abc")), None);
        assert_eq!(parse("abd", &user_item("abc", "alice", UserItem::IdToken)), None);
        assert_eq!(parse("ab", &user_item("abc", "alice", UserItem::IdToken)), None);
        assert_eq!(parse("abc", &refresh_lock("abc", "alice")), None);
        assert_eq!(parse("abc", "CognitoIdentityServiceProviderX.abc.alice.idToken"), None);
        assert_eq!(parse_marker("L", &marker("L", 42, "t")), Some((42, "t")));
        assert_eq!(parse_marker("L", "L.fresh.x.t"), None);
        assert_eq!(parse_marker("L", "M.fresh.1.t"), None);
        assert_eq!(parse_marker("L", "L.fresh.1"), None);
    }
}
