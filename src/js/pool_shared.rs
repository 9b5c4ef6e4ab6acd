//! What a pool and every user made from it share: the pool's settings, its storage and
//! its transport, read from our `CognitoUserPool` or from the JS SDK's.

use super::convert::{call_string, get, get_string};
use super::fetch::FetchTransport;
use super::js_storage::{default_storage, JsStorage};
use crate::flows::clock::now_secs;
use crate::flows::pool::PoolConfig;
use crate::flows::Env;
use crate::protocol::CognitoError;
use wasm_bindgen::prelude::*;

/// What a pool and every user made from it share.
pub struct PoolShared {
    pub config: PoolConfig,
    pub storage: JsValue,
    pub transport: FetchTransport,
}

impl PoolShared {
    pub fn storage(&self) -> JsStorage {
        JsStorage(self.storage.clone())
    }

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

    /// Settings read from any pool-like object: ours, or amazon-cognito-identity-js's own
    /// `CognitoUserPool` (its endpoint lives at `client.endpoint`).
    pub fn from_js(pool: &JsValue) -> Result<PoolShared, CognitoError> {
        let endpoint = get_string(pool, "endpoint").or_else(|| get_string(&get(pool, "client"), "endpoint"));
        let config = PoolConfig::new(
            call_string(pool, "getUserPoolId").as_deref(),
            call_string(pool, "getClientId").as_deref(),
            endpoint.as_deref(),
        )?;
        let secret = get_string(pool, "clientSecret").or_else(|| get_string(pool, "ClientSecret"));
        Ok(PoolShared::with_options(config, pool, get(pool, "storage"), secret))
    }

    /// The settings beyond the ids, read the same way from pool data and from a pool object:
    /// `refreshTokenRotation` and `fetchOptions` on `source`, plus the storage and secret found.
    pub fn with_options(
        mut config: PoolConfig, source: &JsValue, storage: JsValue, client_secret: Option<String>,
    ) -> PoolShared {
        // Ours: app clients with refresh token rotation must refresh through GetTokensFromRefreshToken.
        config.refresh_token_rotation = get(source, "refreshTokenRotation").is_truthy();
        // Ours: app clients with a secret, for server-side use (Node, SSR) only.
        config.client_secret = client_secret.filter(|s| !s.is_empty());
        config.device_name = device_name();
        // The JS SDK's `AdvancedSecurityDataCollectionFlag !== false` on pool data, and its
        // pool object's `advancedSecurityDataCollectionFlag`.
        config.advanced_security_data_collection =
            ["AdvancedSecurityDataCollectionFlag", "advancedSecurityDataCollectionFlag"]
                .iter()
                .all(|name| get(source, name).as_bool() != Some(false));
        let storage = Some(storage).filter(|s| s.is_object()).unwrap_or_else(default_storage);
        let credentials = get_string(&get(source, "fetchOptions"), "credentials");
        PoolShared { config, storage, transport: FetchTransport { credentials } }
    }
}

/// The name ConfirmDevice gives a new device: the browser's user agent, as in the JS SDK.
fn device_name() -> String {
    super::web::user_agent().unwrap_or_else(|| "cognito-identity-wasm".into())
}
