//! Storage written by someone else: every key of a stored session holds arbitrary text.
//! Loading, validity checks and clearing never panic.
#![no_main]
use cognito_identity_wasm::storage::{keys, MemoryStorage, SessionStore, Storage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Split the input into the values of the session's keys.
    let mut parts = text.split('\u{1}');
    let mem = MemoryStorage::new();
    let username = parts.next().unwrap_or_default().to_string();
    let _ = mem.set_item(&keys::last_auth_user("client"), &username);
    for item in ["idToken", "accessToken", "refreshToken", "clockDrift", "userData"] {
        if let Some(value) = parts.next() {
            let _ = mem.set_item(&format!("CognitoIdentityServiceProvider.client.{username}.{item}"), value);
        }
    }
    let store = SessionStore::new(&mem, "client");
    if let Some(user) = store.last_auth_user() {
        if let Some(session) = store.load(&user) {
            let _ = session.is_valid(1_700_000_000);
        }
        store.clear(&user);
    }
});
