//! The JSON parser on any bytes: it accepts or refuses without panicking, and whatever
//! it accepts writes back as JSON that parses to the same value, and writes the same
//! text again (a fixed point after one round).
#![no_main]
use cognito_identity_wasm::json::{parse, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = parse_bytes(data) else { return };
    let text = value.stringify();
    let again = parse(&text).expect("our own output parses");
    assert_eq!(again, value);
    assert_eq!(again.stringify(), text);
    let _ = (value["a"]["b"].as_str(), value.as_f64(), value.as_i64());
});
