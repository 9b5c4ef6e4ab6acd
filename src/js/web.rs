//! Web APIs through the JS side (`super::host`): randomness, which getrandom asks for,
//! and the advanced-security collector.

use super::host::host;
use crate::prelude::*;
use crate::protocol::user_context::ContextDataSource;

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

/// getrandom's source (its "custom" backend): `crypto.getRandomValues` (`host.random`),
/// which takes at most 65,536 bytes per call.
fn fill_random(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    for chunk in buf.chunks_mut(65_536) {
        if !host().random(chunk) {
            return Err(getrandom::Error::WEB_CRYPTO);
        }
    }
    Ok(())
}

getrandom::register_custom_getrandom!(fill_random);
