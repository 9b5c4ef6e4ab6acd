//! What a change to shared storage means for a session: another tab of the same origin
//! signed in, refreshed or signed out. The browser reports such changes with the `storage`
//! event (the key, its old and new value); the JS layer hands them here.

use super::keys;

#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Change {
    SignIn,
    Refresh,
    SignOut,
}

impl Change {
    /// The event's `type`, as `pool.onSessionChange` listeners see it.
    pub fn name(self) -> &'static str {
        match self {
            Change::SignIn => "signIn",
            Change::Refresh => "refresh",
            Change::SignOut => "signOut",
        }
    }
}

/// Which change a write of `key` (from `old` to `new`) means, and for whom (a part of
/// `key`). Only the ID token is watched: every sign-in, refresh and sign-out rewrites it.
/// The values are only looked at, and the username only read: borrowed, nothing is
/// copied or dropped here.
#[inline(always)] // one shipped caller (`storage_event`)
pub fn storage_change<'k>(
    client_id: &str, key: &'k str, old: Option<&str>, new: Option<&str>,
) -> Option<(Change, &'k str)> {
    let username = keys::id_token_user(client_id, key)?;
    let change = match (old, new) {
        (_, None) => Change::SignOut,
        (None, Some(_)) => Change::SignIn,
        (Some(_), Some(_)) => Change::Refresh,
    };
    Some((change, username))
}

/// [`storage_change`] for a `storage` event, whose key is null when another tab cleared
/// the whole storage: everyone is signed out then (reported with an empty username).
pub fn storage_event<'k>(
    client_id: &str, key: Option<&'k str>, old: Option<&str>, new: Option<&str>,
) -> Option<(Change, &'k str)> {
    match key {
        None => Some((Change::SignOut, "")),
        Some(key) => storage_change(client_id, key, old, new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_events_map_to_changes() {
        let key = "CognitoIdentityServiceProvider.c.alice.idToken";
        assert_eq!(storage_change("c", key, None, Some("t")), Some((Change::SignIn, "alice")));
        assert_eq!(storage_change("c", key, Some("t"), Some("u")), Some((Change::Refresh, "alice")));
        assert_eq!(storage_change("c", key, Some("t"), None), Some((Change::SignOut, "alice")));
        assert_eq!(storage_change("other", key, None, Some("t")), None);
        assert_eq!(storage_change("c", "CognitoIdentityServiceProvider.c.alice.accessToken", None, None), None);
    }

    #[test]
    fn a_cleared_storage_signs_everyone_out() {
        assert_eq!(storage_event("c", None, None, None), Some((Change::SignOut, "")));
        let key = "CognitoIdentityServiceProvider.c.a.b@c.com.idToken";
        assert_eq!(storage_event("c", Some(key), None, Some("t")), Some((Change::SignIn, "a.b@c.com")));
        assert_eq!(storage_event("c", Some("CognitoIdentityServiceProvider.c.LastAuthUser"), None, None), None);
    }
}
