//! `CognitoUserPool`.

use super::callbacks::reply_for;
use super::convert::{get, get_string, json_from_js, plain_error, string_map};
use super::pool_shared::PoolShared;
use super::user::CognitoUser;
use crate::flows::pool::PoolConfig;
use crate::flows::user;
use crate::json::FromJson;
use crate::protocol::types::AttributeType;
use crate::protocol::CognitoError;
use crate::storage::SessionStore;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

fn attributes(v: &JsValue) -> Result<Option<Vec<AttributeType>>, CognitoError> {
    match json_from_js(v) {
        None => Ok(None),
        Some(json) => Vec::<AttributeType>::from_json(json).map(Some).ok_or_else(|| {
            CognitoError::invalid_parameter(
                "User attributes must be a list of { Name, Value } (CognitoUserAttribute) objects.",
            )
        }),
    }
}

#[wasm_bindgen]
pub struct CognitoUserPool {
    shared: Rc<PoolShared>,
}

#[wasm_bindgen]
impl CognitoUserPool {
    /// `new CognitoUserPool({ UserPoolId, ClientId, endpoint?, Storage?, fetchOptions?, refreshTokenRotation?, ClientSecret? })`.
    /// Throws the SDK's errors for missing or malformed ids.
    #[wasm_bindgen(constructor)]
    pub fn new(data: JsValue) -> Result<CognitoUserPool, JsValue> {
        let config = PoolConfig::new(
            get_string(&data, "UserPoolId").as_deref(),
            get_string(&data, "ClientId").as_deref(),
            get_string(&data, "endpoint").as_deref(),
        )
        .map_err(|e| plain_error(&e.message))?;
        let shared = PoolShared::with_options(config, &data, get(&data, "Storage"), get_string(&data, "ClientSecret"));
        let shared = Rc::new(shared);
        super::srp_ahead::prepare_if_signed_out(&shared);
        Ok(CognitoUserPool { shared })
    }

    #[wasm_bindgen(js_name = getUserPoolId)]
    pub fn get_user_pool_id(&self) -> String {
        self.shared.config.user_pool_id.clone()
    }
    #[wasm_bindgen(js_name = getUserPoolName)]
    pub fn get_user_pool_name(&self) -> String {
        self.shared.config.pool_name().to_string()
    }
    #[wasm_bindgen(js_name = getClientId)]
    pub fn get_client_id(&self) -> String {
        self.shared.config.client_id.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn endpoint(&self) -> String {
        self.shared.config.endpoint.clone()
    }
    /// The app client secret given in the pool data, if any (server-side use only).
    #[wasm_bindgen(getter, js_name = clientSecret)]
    pub fn client_secret(&self) -> Option<String> {
        self.shared.config.client_secret.clone()
    }
    #[wasm_bindgen(getter, js_name = refreshTokenRotation)]
    pub fn refresh_token_rotation(&self) -> bool {
        self.shared.config.refresh_token_rotation
    }
    /// The JS SDK's property: the pool data's `AdvancedSecurityDataCollectionFlag !== false`.
    /// Users made from this pool read it here.
    #[wasm_bindgen(getter, js_name = advancedSecurityDataCollectionFlag)]
    pub fn advanced_security_data_collection_flag(&self) -> bool {
        self.shared.config.advanced_security_data_collection
    }
    #[wasm_bindgen(getter)]
    pub fn storage(&self) -> JsValue {
        self.shared.storage.clone()
    }
    #[wasm_bindgen(getter, js_name = fetchOptions)]
    pub fn fetch_options(&self) -> JsValue {
        let obj = js_sys::Object::new();
        if let Some(c) = &self.shared.transport.credentials {
            let _ = js_sys::Reflect::set(&obj, &"credentials".into(), &c.into());
        }
        obj.into()
    }

    /// `signUp(username, password, userAttributes, validationData, callback, clientMetadata)`
    /// → `{ user, userConfirmed, userSub, codeDeliveryDetails }`.
    #[wasm_bindgen(js_name = signUp)]
    pub fn sign_up(
        &self, username: JsValue, password: JsValue, user_attributes: JsValue, validation_data: JsValue,
        callback: JsValue, client_metadata: JsValue,
    ) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let shared = self.shared.clone();
        let username = username.as_string().unwrap_or_default();
        let password = password.as_string().unwrap_or_default();
        let lists = attributes(&user_attributes).and_then(|a| Ok((a, attributes(&validation_data)?)));
        let metadata = string_map(&client_metadata);
        crate::js::panic::spawn(async move {
            let result = async {
                let (user_attributes, validation_data) = lists?;
                let storage = shared.storage();
                let env = shared.env(&storage);
                let (attributes, validation) = (user_attributes.as_deref(), validation_data.as_deref());
                let data = user::sign_up(&env, &username, &password, attributes, validation, metadata.as_ref()).await?;
                let out = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&out, &k.into(), &v);
                };
                set("user", CognitoUser::create(username, shared.clone(), None).into());
                set("userConfirmed", data.user_confirmed.into());
                set("userSub", data.user_sub.map(JsValue::from).unwrap_or(JsValue::UNDEFINED));
                set(
                    "codeDeliveryDetails",
                    data.code_delivery_details.as_ref().map(super::convert::js_from_json).unwrap_or(JsValue::UNDEFINED),
                );
                Ok(out.into())
            }
            .await;
            reply.settle(result);
        });
        ret
    }

    /// `onSessionChange(listener)` (ours): `listener({ type: 'signIn' | 'refresh' | 'signOut',
    /// username, otherTab })` on every session change of this app client, in this tab or
    /// another. Returns a function that removes the listener.
    #[wasm_bindgen(js_name = onSessionChange)]
    pub fn on_session_change(&self, listener: js_sys::Function) -> JsValue {
        super::events::subscribe(&self.shared.config.client_id, listener)
    }

    /// The user who signed in last on this client (from storage), or null.
    #[wasm_bindgen(js_name = getCurrentUser)]
    pub fn get_current_user(&self) -> JsValue {
        match SessionStore::new(&self.shared.storage(), &self.shared.config.client_id).last_auth_user() {
            Some(username) => CognitoUser::create(username, self.shared.clone(), None).into(),
            None => JsValue::NULL,
        }
    }
}
