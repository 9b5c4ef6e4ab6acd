//! Hostile SRP challenge parameters: B, salt and secret block of any size and content.
//! Either a key and signature come out, or a clear error; never a panic.
#![no_main]
use cognito_identity_wasm::srp::{password_claim_signature, SrpClient};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('|');
    let b = parts.next().unwrap_or_default();
    let salt = parts.next().unwrap_or_default();
    let secret = parts.next().unwrap_or_default();
    let client = SrpClient::from_small_a(&[5u8; 128]);
    match client.password_authentication_key("Pool", "user", "pw", b, salt) {
        Ok(key) => {
            let _ = password_claim_signature(&key, "Pool", "user", secret, "Tue Sep 3 08:04:05 UTC 2024");
        }
        Err(e) => assert!(!e.message().is_empty()),
    }
});
