//! The storage key layout, byte for byte the JS SDK's, so a user signed in by
//! amazon-cognito-identity-js stays signed in after the swap (and back).
//!
//! `CognitoIdentityServiceProvider.<clientId>.LastAuthUser` → the username, then per user
//! `CognitoIdentityServiceProvider.<clientId>.<username>.<item>`.

const PREFIX: &str = "CognitoIdentityServiceProvider";

/// The per-user items the SDK stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    fn suffix(self) -> &'static str {
        match self {
            UserItem::IdToken => "idToken",
            UserItem::AccessToken => "accessToken",
            UserItem::RefreshToken => "refreshToken",
            UserItem::ClockDrift => "clockDrift",
            UserItem::UserData => "userData",
            UserItem::DeviceKey => "deviceKey",
            UserItem::RandomPasswordKey => "randomPasswordKey",
            UserItem::DeviceGroupKey => "deviceGroupKey",
        }
    }
}

/// The items that make up a signed-in session (what sign-out removes, with LastAuthUser).
pub const SESSION_ITEMS: [UserItem; 4] =
    [UserItem::IdToken, UserItem::AccessToken, UserItem::RefreshToken, UserItem::ClockDrift];

pub fn last_auth_user(client_id: &str) -> String {
    format!("{PREFIX}.{client_id}.LastAuthUser")
}

pub fn user_item(client_id: &str, username: &str, item: UserItem) -> String {
    format!("{PREFIX}.{client_id}.{username}.{}", item.suffix())
}

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
    }
}
