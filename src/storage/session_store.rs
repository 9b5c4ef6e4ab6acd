//! Reading and writing a whole session under the SDK's keys, all or nothing.

use super::keys::{self, UserItem, SESSION_ITEMS};
use super::Storage;
use crate::auth::device::DeviceSecrets;
use crate::prelude::*;
use crate::session::{parse_clock_drift, JwtToken, Session};

pub struct SessionStore<'a, S: Storage + ?Sized> {
    storage: &'a S,
    client_id: &'a str,
}

impl<'a, S: Storage + ?Sized> SessionStore<'a, S> {
    pub fn new(storage: &'a S, client_id: &'a str) -> Self {
        SessionStore { storage, client_id }
    }

    fn key(&self, username: &str, item: UserItem) -> String {
        keys::user_item(self.client_id, username, item)
    }

    /// The stored `item` of `username`, unless missing or empty (every reader treats an
    /// empty item as a missing one). One call, out of line, for every item read: the key's
    /// building and dropping are then not repeated at each read.
    #[inline(never)]
    fn read(&self, username: &str, item: UserItem) -> Option<String> {
        self.get(&self.key(username, item))
    }

    /// The item under `key`, unless missing or empty.
    #[inline(never)]
    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).filter(|v| !v.is_empty())
    }

    /// Removes the stored `items` of `username`, in order (one loop for every removal).
    #[inline(never)]
    fn remove(&self, username: &str, items: &[UserItem]) {
        for &item in items {
            self.storage.remove_item(&self.key(username, item))
        }
    }

    /// The username of whoever signed in last on this client, if anyone.
    pub fn last_auth_user(&self) -> Option<String> {
        self.get(&keys::last_auth_user(self.client_id))
    }

    /// The stored session of `username`, or `None` when there is no ID token (the SDK's test).
    pub fn load(&self, username: &str) -> Option<Session> {
        let id = self.read(username, UserItem::IdToken)?;
        let access = self.read(username, UserItem::AccessToken).unwrap_or_default();
        let refresh = self.read(username, UserItem::RefreshToken).unwrap_or_default();
        let drift = parse_clock_drift(self.read(username, UserItem::ClockDrift).as_deref());
        Some(Session {
            id_token: JwtToken { jwt: id },
            access_token: JwtToken { jwt: access },
            refresh_token: refresh,
            clock_drift: drift,
        })
    }

    /// Writes the session and makes `username` the last signed-in user. LastAuthUser is
    /// written last, and if any write fails every key written is put back as it was, so a
    /// reader never finds half a session and an earlier session is not lost.
    pub fn save(&self, username: &str, session: &Session) -> Result<(), String> {
        let drift = crate::text::int(session.clock_drift);
        self.write_all(
            username,
            &[
                (Some(UserItem::IdToken), session.id_token.jwt.as_str()),
                (Some(UserItem::AccessToken), session.access_token.jwt.as_str()),
                (Some(UserItem::RefreshToken), session.refresh_token.as_str()),
                (Some(UserItem::ClockDrift), drift.as_str()),
                (None, username),
            ],
        )
    }

    /// The key of `username`'s `item`; None: LastAuthUser.
    #[inline(never)]
    fn key_of(&self, username: &str, item: Option<UserItem>) -> String {
        match item {
            Some(item) => self.key(username, item),
            None => keys::last_auth_user(self.client_id),
        }
    }

    /// Writes every item in order, all or nothing: when a write fails, the items written
    /// before it are put back as they were, the latest first. One item a call (recursing
    /// for the rest): its key is built once, and its old value, read just before its
    /// write, waits on the stack until the rest are written (less wasm than a list of old
    /// values and a loop of restores).
    fn write_all(&self, username: &str, writes: &[(Option<UserItem>, &str)]) -> Result<(), String> {
        let Some((&(item, value), rest)) = writes.split_first() else { return Ok(()) };
        let key = self.key_of(username, item);
        let old = self.storage.get_item(&key);
        self.storage.set_item(&key, value)?;
        let written = self.write_all(username, rest);
        // Restoring a value that fitted before; without one, or if even that fails, the key goes.
        if written.is_err() && old.is_none_or(|old| self.storage.set_item(&key, &old).is_err()) {
            self.storage.remove_item(&key);
        }
        written
    }

    /// The remembered device of `username` (the SDK's deviceKey, deviceGroupKey and
    /// randomPasswordKey), if all three are stored.
    pub fn load_device(&self, username: &str) -> Option<DeviceSecrets> {
        Some(DeviceSecrets {
            key: self.read(username, UserItem::DeviceKey)?,
            group_key: self.read(username, UserItem::DeviceGroupKey)?,
            password: self.read(username, UserItem::RandomPasswordKey)?,
        })
    }

    /// Remembers `device` for `username`, all three keys or (when a write fails) none of
    /// them: the keys are then as they were before.
    pub fn save_device(&self, username: &str, device: &DeviceSecrets) -> Result<(), String> {
        self.write_all(
            username,
            &[
                (Some(UserItem::DeviceKey), device.key.as_str()),
                (Some(UserItem::RandomPasswordKey), device.password.as_str()),
                (Some(UserItem::DeviceGroupKey), device.group_key.as_str()),
            ],
        )
    }

    /// Forgets the remembered device (sign-out keeps it: a device outlives sessions).
    pub fn clear_device(&self, username: &str) {
        self.remove(username, &[UserItem::DeviceKey, UserItem::RandomPasswordKey, UserItem::DeviceGroupKey]);
    }

    /// Removes the session of `username` and its cached user data, and the LastAuthUser
    /// pointer when it points at `username` (clearing one user must not sign out another:
    /// the JS SDK removed LastAuthUser whoever it named).
    pub fn clear(&self, username: &str) {
        self.clear_tokens(username);
        self.remove(username, &[UserItem::UserData]);
    }

    /// Removes the session of `username` (the SDK's `clearCachedTokens`), and LastAuthUser
    /// when it points at `username`.
    pub fn clear_tokens(&self, username: &str) {
        self.remove(username, &SESSION_ITEMS);
        if self.last_auth_user().is_none_or(|last| last == username) {
            self.storage.remove_item(&keys::last_auth_user(self.client_id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::tests::jwt;
    use crate::storage::MemoryStorage;

    fn session() -> Session {
        let id = jwt(&crate::json!({"iat":100,"exp":200}));
        let access = jwt(&crate::json!({"iat":100,"exp":200}));
        Session::issued(&id, &access, "refresh", 103)
    }

    #[test]
    fn round_trips_under_the_sdk_keys() {
        let mem = MemoryStorage::new();
        let store = SessionStore::new(&mem, "client");
        store.save("alice", &session()).unwrap();
        assert_eq!(mem.get_item("CognitoIdentityServiceProvider.client.LastAuthUser").as_deref(), Some("alice"));
        assert_eq!(mem.get_item("CognitoIdentityServiceProvider.client.alice.clockDrift").as_deref(), Some("3"));
        assert_eq!(
            mem.get_item("CognitoIdentityServiceProvider.client.alice.refreshToken").as_deref(),
            Some("refresh")
        );
        assert_eq!(store.last_auth_user().as_deref(), Some("alice"));
        assert_eq!(store.load("alice"), Some(session()));
        store.clear("alice");
        assert!(mem.keys().is_empty());
        assert_eq!(store.load("alice"), None);
    }

    /// Storage that refuses writes to one key, like a localStorage that is full.
    struct FailingStorage {
        inner: MemoryStorage,
        refused: Option<&'static str>,
    }
    impl Storage for FailingStorage {
        fn get_item(&self, key: &str) -> Option<String> {
            self.inner.get_item(key)
        }
        fn set_item(&self, key: &str, value: &str) -> Result<(), String> {
            match self.refused {
                Some(suffix) if key.ends_with(suffix) => Err("QuotaExceededError".into()),
                _ => self.inner.set_item(key, value),
            }
        }
        fn remove_item(&self, key: &str) {
            self.inner.remove_item(key)
        }
    }

    const KEYS_IN_WRITE_ORDER: [&str; 5] = ["idToken", "accessToken", "refreshToken", "clockDrift", "LastAuthUser"];

    #[test]
    fn clearing_one_user_keeps_another_signed_in() {
        let mem = MemoryStorage::new();
        let store = SessionStore::new(&mem, "client");
        store.save("alice", &session()).unwrap();
        store.clear("bob");
        assert_eq!(store.last_auth_user().as_deref(), Some("alice"));
        assert!(store.load("alice").is_some());
    }

    #[test]
    fn a_failed_write_leaves_no_half_session() {
        for refused in KEYS_IN_WRITE_ORDER {
            let failing = FailingStorage { inner: MemoryStorage::new(), refused: Some(refused) };
            let store = SessionStore::new(&failing, "client");
            assert!(store.save("alice", &session()).is_err());
            assert!(failing.inner.keys().is_empty(), "refusing {refused}: {:?}", failing.inner.keys());
        }
    }

    #[test]
    fn a_failed_device_write_keeps_the_previous_device() {
        let device = |key: &str| DeviceSecrets { key: key.into(), group_key: "g".into(), password: "p".into() };
        for refused in ["deviceKey", "randomPasswordKey", "deviceGroupKey"] {
            let mut failing = FailingStorage { inner: MemoryStorage::new(), refused: Some(refused) };
            let store = SessionStore::new(&failing, "client");
            assert!(store.save_device("alice", &device("new")).is_err());
            assert!(failing.inner.keys().is_empty(), "refusing {refused}: {:?}", failing.inner.keys());
            failing.refused = None;
            SessionStore::new(&failing, "client").save_device("alice", &device("old")).unwrap();
            failing.refused = Some(refused);
            let store = SessionStore::new(&failing, "client");
            assert!(store.save_device("alice", &device("new")).is_err());
            assert_eq!(store.load_device("alice"), Some(device("old")), "refusing {refused}");
        }
    }

    #[test]
    fn a_failed_write_keeps_the_previous_session() {
        for refused in KEYS_IN_WRITE_ORDER {
            let mut failing = FailingStorage { inner: MemoryStorage::new(), refused: None };
            SessionStore::new(&failing, "client").save("alice", &session()).unwrap();
            failing.refused = Some(refused);
            let store = SessionStore::new(&failing, "client");
            let mut newer = session();
            newer.refresh_token = "newer".into();
            newer.id_token = JwtToken::new("newer-id");
            assert!(store.save("alice", &newer).is_err());
            assert_eq!(store.load("alice"), Some(session()), "refusing {refused}");
            assert_eq!(store.last_auth_user().as_deref(), Some("alice"));
        }
    }
}
