//! The Web APIs bound as typed imports rather than through the JS side (`super::host`):
//! randomness, which getrandom asks for (`catch`: a missing `crypto` throws a
//! ReferenceError); and the advanced-security collector, through the JS side.

use super::host::host;
use crate::prelude::*;
use crate::protocol::user_context::ContextDataSource;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `crypto.getRandomValues`, present in every browser, worker and Node ≥ 19.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// The page's advanced-security collector, `AmazonCognitoAdvancedSecurityData`, looked up at
/// each request as the JS SDK does (the script may load after this package). Read from the
/// global object: a collector declared with a top-level `let`/`const` is not seen.
pub struct AdvancedSecurityData;

impl ContextDataSource for AdvancedSecurityData {
    fn is_present(&self) -> bool {
        host().has_context_data()
    }

    /// A collector that throws, or gives something other than a string, gave nothing:
    /// the request goes out with `UserContextData: {}` rather than failing.
    fn encoded_data(&self, username: &str, user_pool_id: &str, client_id: &str) -> Option<String> {
        host().context_data(username, user_pool_id, client_id)
    }
}

/// getrandom's source (its "custom" backend): `crypto.getRandomValues`, which takes at most
/// 65,536 bytes per call.
fn fill_random(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    for chunk in buf.chunks_mut(65_536) {
        get_random_values(chunk).map_err(|_| getrandom::Error::WEB_CRYPTO)?;
    }
    Ok(())
}

getrandom::register_custom_getrandom!(fill_random);
