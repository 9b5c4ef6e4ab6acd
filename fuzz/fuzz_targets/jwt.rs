//! Any string as a token: decoding, expiry and validity never panic.
#![no_main]
use cognito_identity_wasm::session::{JwtToken, Session};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let token = JwtToken::new(&text);
    let _ = (token.expiration(), token.issued_at(), token.payload_json());
    let session = Session::issued(&text, &text, "r", 1_700_000_000);
    let _ = session.is_valid(i64::MAX);
    let _ = session.is_valid(i64::MIN);
});
