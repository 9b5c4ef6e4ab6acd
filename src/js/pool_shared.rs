//! What every call of a pool's users shares: the pool's settings and its transport, read
//! from the plain data the JS classes hand over (`pool` in an entry point's input).

use super::fetch::FetchTransport;
use super::js_storage::JsStorage;
use crate::flows::clock::now_secs;
use crate::flows::pool::PoolConfig;
use crate::flows::Env;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::{endpoint_for, CognitoError};

pub struct PoolShared {
    pub config: PoolConfig,
    pub transport: FetchTransport,
}

impl PoolShared {
    /// Not inlined: built at some thirty call sites, it is one call each (measured smaller).
    #[inline(never)]
    pub fn env<'a>(&'a self, storage: &'a JsStorage) -> Env<'a, FetchTransport, JsStorage> {
        Env {
            pool: &self.config,
            transport: &self.transport,
            storage,
            now: now_secs,
            random: getrandom::getrandom,
            context_data: &super::web::AdvancedSecurityData,
        }
    }

    /// `{ UserPoolId, ClientId, endpoint?, ClientSecret?, refreshTokenRotation?, credentials?,
    /// AdvancedSecurityDataCollectionFlag?, userAgent? }`;
    /// the ids are checked as `new CognitoUserPool` checks them, with the SDK's messages.
    /// Inlined into `Call::parse`, its one caller: the settings are then built where the
    /// call keeps them instead of moved there (measured smaller).
    #[inline(always)]
    pub fn from_data(pool: &Value) -> Result<PoolShared, CognitoError> {
        let text = |k: &str| pool.get(k).and_then(Value::as_str);
        let (user_pool_id, client_id) = PoolConfig::checked(text("UserPoolId"), text("ClientId"))?;
        // Built in place, one literal (a `PoolConfig::new` then changed was moved twice more).
        Ok(PoolShared {
            config: PoolConfig {
                user_pool_id: user_pool_id.to_string(),
                client_id: client_id.to_string(),
                endpoint: endpoint_for(user_pool_id, text("endpoint")),
                // Ours: app clients with refresh token rotation must refresh through GetTokensFromRefreshToken.
                refresh_token_rotation: pool.get("refreshTokenRotation").and_then(Value::as_bool).unwrap_or(false),
                // Ours: app clients with a secret, for server-side use (Node, SSR) only.
                client_secret: text("ClientSecret").filter(|s| !s.is_empty()).map(str::to_string),
                device_name: device_name(),
                // The JS SDK's `AdvancedSecurityDataCollectionFlag !== false`.
                advanced_security_data_collection: pool
                    .get("AdvancedSecurityDataCollectionFlag")
                    .and_then(Value::as_bool)
                    != Some(false),
            },
            transport: FetchTransport {
                credentials: text("credentials").map(str::to_string),
                user_agent: text("userAgent").unwrap_or(crate::protocol::USER_AGENT).to_string(),
            },
        })
    }
}

local! {
    /// `navigator.userAgent`, read once: every entry point call builds a pool's settings,
    /// and the text does not change while the page lives.
    static DEVICE_NAME: String = super::host::host().user_agent().unwrap_or_else(|| "cognito-identity-wasm".into());
}

/// The name ConfirmDevice gives a new device: the browser's user agent, as in the JS SDK.
fn device_name() -> String {
    DEVICE_NAME.with(String::clone)
}
