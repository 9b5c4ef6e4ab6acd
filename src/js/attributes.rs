//! `CognitoUserAttribute` and `AuthenticationDetails`: small value classes.

use super::convert::{get, string_arg};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct CognitoUserAttribute {
    name: String,
    value: String,
}

impl CognitoUserAttribute {
    pub(crate) fn from_parts(name: String, value: String) -> CognitoUserAttribute {
        CognitoUserAttribute { name, value }
    }
}

#[wasm_bindgen]
impl CognitoUserAttribute {
    /// `new CognitoUserAttribute({ Name, Value })`; both default to ''.
    #[wasm_bindgen(constructor)]
    pub fn new(data: JsValue) -> CognitoUserAttribute {
        let field = |n| get(&data, n).as_string().unwrap_or_default();
        CognitoUserAttribute { name: field("Name"), value: field("Value") }
    }
    #[wasm_bindgen(js_name = getName)]
    pub fn get_name(&self) -> String {
        self.name.clone()
    }
    #[wasm_bindgen(js_name = getValue)]
    pub fn get_value(&self) -> String {
        self.value.clone()
    }
    // setName / setValue return `this` for chaining as in the SDK; wasm-bindgen cannot
    // return `this`, so the package entry wraps these two (see scripts/entry.js).
    #[wasm_bindgen(js_name = setName)]
    pub fn set_name(&mut self, name: JsValue) {
        self.name = string_arg(&name);
    }
    #[wasm_bindgen(js_name = setValue)]
    pub fn set_value(&mut self, value: JsValue) {
        self.value = string_arg(&value);
    }
    #[wasm_bindgen(getter = Name)]
    pub fn name(&self) -> String {
        self.name.clone()
    }
    #[wasm_bindgen(setter = Name)]
    pub fn set_name_field(&mut self, name: JsValue) {
        self.name = string_arg(&name);
    }
    #[wasm_bindgen(getter = Value)]
    pub fn value(&self) -> String {
        self.value.clone()
    }
    #[wasm_bindgen(setter = Value)]
    pub fn set_value_field(&mut self, value: JsValue) {
        self.value = string_arg(&value);
    }
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsValue {
        let obj = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&obj, &"Name".into(), &self.name.clone().into());
        let _ = js_sys::Reflect::set(&obj, &"Value".into(), &self.value.clone().into());
        obj.into()
    }
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        crate::json!({"Name": (self.name), "Value": (self.value)}).stringify()
    }
}

#[wasm_bindgen]
pub struct AuthenticationDetails {
    data: JsValue,
}

#[wasm_bindgen]
impl AuthenticationDetails {
    /// `new AuthenticationDetails({ Username, Password, ValidationData, AuthParameters, ClientMetadata })`.
    #[wasm_bindgen(constructor)]
    pub fn new(data: JsValue) -> AuthenticationDetails {
        AuthenticationDetails { data }
    }
    #[wasm_bindgen(js_name = getUsername)]
    pub fn get_username(&self) -> JsValue {
        get(&self.data, "Username")
    }
    #[wasm_bindgen(js_name = getPassword)]
    pub fn get_password(&self) -> JsValue {
        get(&self.data, "Password")
    }
    #[wasm_bindgen(js_name = getValidationData)]
    pub fn get_validation_data(&self) -> JsValue {
        self.object_or_empty("ValidationData")
    }
    #[wasm_bindgen(js_name = getAuthParameters)]
    pub fn get_auth_parameters(&self) -> JsValue {
        self.object_or_empty("AuthParameters")
    }
    /// Ours, USER_AUTH: the first factor to try (`PreferredChallenge` in the data).
    #[wasm_bindgen(js_name = getPreferredChallenge)]
    pub fn get_preferred_challenge(&self) -> JsValue {
        get(&self.data, "PreferredChallenge")
    }
    #[wasm_bindgen(js_name = getClientMetadata)]
    pub fn get_client_metadata(&self) -> JsValue {
        self.object_or_empty("ClientMetadata")
    }
    fn object_or_empty(&self, name: &str) -> JsValue {
        let v = get(&self.data, name);
        if v.is_object() {
            v
        } else {
            js_sys::Object::new().into()
        }
    }
}
