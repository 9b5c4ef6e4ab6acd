//! The signed-in account: attributes, user data, passwords, MFA settings, deletion.
//! Like the SDK, these need a valid in-memory session (`getSession` or a sign-in first)
//! and fail with 'User is not authenticated' otherwise.

use super::{answer_success, CognitoUser, Handle};
use crate::flows::user::UserCall;
use crate::flows::user_data;
use crate::js::attributes::CognitoUserAttribute;
use crate::js::callbacks::reply_for;
use crate::js::convert::{get, js_from_json, json_from_js, string_arg, string_map};
use crate::json::{FromJson, Value};
use crate::protocol::types::AttributeType;
use crate::protocol::CognitoError;
use wasm_bindgen::prelude::*;

const SUCCESS: &str = "SUCCESS";

fn attribute_list(v: &JsValue) -> Result<Vec<AttributeType>, CognitoError> {
    Vec::<AttributeType>::from_json(json_from_js(v).unwrap_or(Value::Array(vec![]))).ok_or_else(|| {
        CognitoError::invalid_parameter("Attributes must be a list of { Name, Value } (CognitoUserAttribute) objects.")
    })
}

impl CognitoUser {
    /// Runs a call that sends the user a code, and hands Cognito's answer (the delivery
    /// details) to the callback object's `inputVerificationCode` when it has one; else to
    /// onSuccess: `success_text` there when given, the answer otherwise.
    fn respond_with_code(&self, callback: &JsValue, call: UserCall, success_text: Option<&'static str>) -> JsValue {
        let (reply, ret) = reply_for(callback);
        let to_object = callback.is_object();
        let h = self.handle();
        crate::js::panic::spawn(async move {
            match h.user_call(&call).await {
                Ok(data) => {
                    let data = js_from_json(&Value::Object(data));
                    let fallback = match success_text {
                        Some(text) if to_object => JsValue::from_str(text),
                        _ => data.clone(),
                    };
                    reply.ok_via("inputVerificationCode", data, fallback)
                }
                Err(e) => reply.err(&e),
            }
        });
        ret
    }
}

impl Handle {
    /// `getUserData` (`flows::user_data`) over this user's in-memory session; a bypass
    /// refreshes through `Handle::refresh`, which keeps the session and tells listeners.
    async fn user_data(
        &self, bypass_cache: bool, client_metadata: Option<crate::protocol::types::StringMap>,
    ) -> Result<Value, CognitoError> {
        let session = || self.state.borrow().session.clone();
        let refresh = |token: String| async move { self.refresh(&token, client_metadata).await };
        user_data::user_data(&self.env(), &self.username(), session, bypass_cache, refresh).await
    }
}

#[wasm_bindgen]
impl CognitoUser {
    /// `getUserAttributes(callback)` → `CognitoUserAttribute[]`.
    #[wasm_bindgen(js_name = getUserAttributes)]
    pub fn get_user_attributes(&self, callback: JsValue) -> JsValue {
        self.respond_to_call(&callback, UserCall::GetUser, |_, data| {
            let attrs: Vec<AttributeType> = data
                .get("UserAttributes")
                .cloned()
                .and_then(Vec::<AttributeType>::from_json)
                .ok_or_else(|| CognitoError::unexpected_response(200, "UserAttributes is missing"))?;
            let list = js_sys::Array::new();
            for a in attrs {
                list.push(&CognitoUserAttribute::from_parts(a.name, a.value).into());
            }
            Ok(list.into())
        })
    }

    /// `getUserData(callback, { bypassCache, clientMetadata })` → GetUser's answer.
    #[wasm_bindgen(js_name = getUserData)]
    pub fn get_user_data(&self, callback: JsValue, params: JsValue) -> JsValue {
        let bypass = get(&params, "bypassCache").is_truthy();
        let metadata = string_map(&get(&params, "clientMetadata"));
        self.respond(&callback, move |h| async move { h.user_data(bypass, metadata).await.map(|v| js_from_json(&v)) })
    }

    /// `getMFAOptions(callback)` → GetUser's `MFAOptions`.
    #[wasm_bindgen(js_name = getMFAOptions)]
    pub fn get_mfa_options(&self, callback: JsValue) -> JsValue {
        self.respond_to_call(&callback, UserCall::GetUser, |_, data| {
            Ok(data.get("MFAOptions").map(js_from_json).unwrap_or(JsValue::UNDEFINED))
        })
    }

    /// `updateAttributes(attributes, callback, clientMetadata)` → `callback(null, 'SUCCESS', result)`.
    #[wasm_bindgen(js_name = updateAttributes)]
    pub fn update_attributes(&self, attributes: JsValue, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let attributes = attribute_list(&attributes);
        let metadata = string_map(&client_metadata);
        let h = self.handle();
        crate::js::panic::spawn(async move {
            let result = async {
                h.access_token()?; // a missing session is reported before bad attributes
                let call = UserCall::UpdateAttributes { attributes: attributes?, client_metadata: metadata };
                let result = h.user_call(&call).await?;
                let _ = h.user_data(true, None).await; // refresh the cached user, as the SDK does
                Ok::<_, CognitoError>(result)
            }
            .await;
            match result {
                Ok(details) => reply.ok_with_details(JsValue::from_str(SUCCESS), js_from_json(&Value::Object(details))),
                Err(e) => reply.err(&e),
            }
        });
        ret
    }

    /// `deleteAttributes(attributeNames, callback)` → 'SUCCESS'.
    #[wasm_bindgen(js_name = deleteAttributes)]
    pub fn delete_attributes(&self, attribute_names: JsValue, callback: JsValue) -> JsValue {
        let names: Result<Vec<String>, CognitoError> =
            Vec::<String>::from_json(json_from_js(&attribute_names).unwrap_or(Value::Array(vec![])))
                .ok_or_else(|| CognitoError::invalid_parameter("Attribute names must be a list of strings."));
        self.respond(&callback, move |h| async move {
            h.access_token()?; // a missing session is reported before bad names
            h.user_call(&UserCall::DeleteAttributes { names: names? }).await?;
            let _ = h.user_data(true, None).await;
            Ok(JsValue::from_str(SUCCESS))
        })
    }

    /// `getAttributeVerificationCode(name, { onSuccess, onFailure, inputVerificationCode? }, clientMetadata)`.
    #[wasm_bindgen(js_name = getAttributeVerificationCode)]
    pub fn get_attribute_verification_code(
        &self, attribute_name: JsValue, callback: JsValue, client_metadata: JsValue,
    ) -> JsValue {
        let call = UserCall::GetAttributeVerificationCode {
            name: string_arg(&attribute_name),
            client_metadata: string_map(&client_metadata),
        };
        // A Promise resolves to the delivery details; a callback object without
        // inputVerificationCode gets onSuccess('SUCCESS') as in the SDK.
        self.respond_with_code(&callback, call, Some(SUCCESS))
    }

    /// `verifyAttribute(name, code, { onSuccess, onFailure })` → 'SUCCESS'.
    #[wasm_bindgen(js_name = verifyAttribute)]
    pub fn verify_attribute(&self, attribute_name: JsValue, code: JsValue, callback: JsValue) -> JsValue {
        let attribute_name = string_arg(&attribute_name);
        let code = string_arg(&code);
        self.respond_to_call(&callback, UserCall::VerifyAttribute { name: attribute_name, code }, answer_success)
    }

    /// `changePassword(oldPassword, newPassword, callback, clientMetadata)` → 'SUCCESS'.
    #[wasm_bindgen(js_name = changePassword)]
    pub fn change_password(
        &self, old_password: JsValue, new_password: JsValue, callback: JsValue, client_metadata: JsValue,
    ) -> JsValue {
        let call = UserCall::ChangePassword {
            previous: string_arg(&old_password),
            proposed: string_arg(&new_password),
            client_metadata: string_map(&client_metadata),
        };
        self.respond_to_call(&callback, call, answer_success)
    }

    /// `forgotPassword({ onSuccess, onFailure, inputVerificationCode? }, clientMetadata)`.
    #[wasm_bindgen(js_name = forgotPassword)]
    pub fn forgot_password(&self, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let call = UserCall::ForgotPassword { client_metadata: string_map(&client_metadata) };
        self.respond_with_code(&callback, call, None)
    }

    /// `confirmPassword(code, newPassword, { onSuccess, onFailure }, clientMetadata)` → 'SUCCESS'.
    #[wasm_bindgen(js_name = confirmPassword)]
    pub fn confirm_password(
        &self, code: JsValue, new_password: JsValue, callback: JsValue, client_metadata: JsValue,
    ) -> JsValue {
        let call = UserCall::ConfirmForgotPassword {
            code: string_arg(&code),
            password: string_arg(&new_password),
            client_metadata: string_map(&client_metadata),
        };
        self.respond_to_call(&callback, call, answer_success)
    }

    /// `deleteUser(callback, clientMetadata)` → 'SUCCESS', and the local session is cleared.
    #[wasm_bindgen(js_name = deleteUser)]
    pub fn delete_user(&self, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let call = UserCall::DeleteUser { client_metadata: string_map(&client_metadata) };
        self.respond_to_call(&callback, call, |h, _| {
            h.clear_local();
            Ok(JsValue::from_str(SUCCESS))
        })
    }

    /// `enableMFA(callback)`: legacy SMS MFA on → 'SUCCESS'.
    #[wasm_bindgen(js_name = enableMFA)]
    pub fn enable_mfa(&self, callback: JsValue) -> JsValue {
        self.set_sms_mfa(callback, true)
    }

    /// `disableMFA(callback)`: legacy SMS MFA off → 'SUCCESS'.
    #[wasm_bindgen(js_name = disableMFA)]
    pub fn disable_mfa(&self, callback: JsValue) -> JsValue {
        self.set_sms_mfa(callback, false)
    }

    fn set_sms_mfa(&self, callback: JsValue, enabled: bool) -> JsValue {
        self.respond_to_call(&callback, UserCall::SetSmsMfa { enabled }, answer_success)
    }

    /// `setUserMfaPreference(smsSettings, totpSettings, callback, emailSettings?)` → 'SUCCESS'.
    /// The fourth argument (email MFA) is ours: the JS SDK predates email MFA.
    #[wasm_bindgen(js_name = setUserMfaPreference)]
    pub fn set_user_mfa_preference(&self, sms: JsValue, totp: JsValue, callback: JsValue, email: JsValue) -> JsValue {
        let call = UserCall::SetMfaPreference {
            sms: json_from_js(&sms),
            software_token: json_from_js(&totp),
            email: json_from_js(&email),
        };
        self.respond_to_call(&callback, call, answer_success)
    }
}
