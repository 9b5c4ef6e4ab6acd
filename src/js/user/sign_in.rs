//! `authenticateUser` and how challenges reach the app's callback object.

use super::{session_js, CognitoUser};
use crate::auth::{self, ChallengeCallback, Flow, SignInParams};
use crate::client::{self, SignInOutcome};
use crate::js::callbacks::{reply_for, Reply};
use crate::js::convert::{call_method, call_string, error, from_json, get_string, plain_error, string_map};
use crate::protocol::CognitoError;
use crate::srp::SrpClient;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// Tells the callback object about a challenge, or fails the call with a coded error when
/// it has no method for it (instead of the SDK's "callback.totpRequired is not a function").
fn deliver_challenge(reply: Reply, challenge: &auth::Challenge) {
    let params = from_json(&Value::Object(challenge.parameters.clone()));
    let name = JsValue::from_str(&challenge.name);
    let callback = auth::challenge_callback(&challenge.name);
    let delivered = match callback {
        Some(ChallengeCallback::NameAndParameters(method)) => reply.method(method, &[&name, &params]),
        Some(ChallengeCallback::ParametersOnly(method)) => reply.method(method, &[&params]),
        Some(ChallengeCallback::NewPasswordRequired) => {
            let (attributes, required) = auth::new_password_required_args(&challenge.parameters);
            let required = from_json(&Value::from(required));
            reply.method("newPasswordRequired", &[&from_json(&attributes), &required])
        }
        None => Err(reply),
    };
    if let Err(reply) = delivered {
        let how = match callback {
            Some(cb) => format!("the callback object has no {} method", cb.method()),
            None => "this SDK does not handle that challenge yet".to_string(),
        };
        let err = error(&CognitoError::new("UnhandledChallengeException", format!("Cognito asked for the {} challenge, but {how}.", challenge.name)));
        let _ = js_sys::Reflect::set(&err, &"challengeName".into(), &name);
        let _ = js_sys::Reflect::set(&err, &"challengeParameters".into(), &params);
        reply.err_value(err);
    }
}

/// The SDK sends ValidationData as ClientMetadata when there is any, else ClientMetadata.
fn client_metadata_of(auth_details: &JsValue) -> Option<crate::protocol::types::StringMap> {
    let read = |getter: &str| call_method(auth_details, getter, &[]).and_then(Result::ok).and_then(|v| string_map(&v));
    read("getValidationData").or_else(|| read("getClientMetadata"))
}

#[wasm_bindgen]
impl CognitoUser {
    /// `authenticateUser(authDetails, { onSuccess, onFailure, mfaRequired, ... })`, or a
    /// Promise of the session when no callback object is given.
    #[wasm_bindgen(js_name = authenticateUser)]
    pub fn authenticate_user(&self, auth_details: JsValue, callback: JsValue) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let Some(flow) = Flow::parse(&self.get_authentication_flow_type()) else {
            reply.err_value(plain_error("Authentication flow type is invalid."));
            return ret;
        };
        let params = SignInParams {
            user_pool_id: self.pool.config.user_pool_id.clone(),
            client_id: self.pool.config.client_id.clone(),
            username: self.get_username(),
            password: call_string(&auth_details, "getPassword").or_else(|| get_string(&auth_details, "Password")).unwrap_or_default(),
            client_metadata: client_metadata_of(&auth_details),
        };
        let h = self.handle();
        wasm_bindgen_futures::spawn_local(async move {
            match client::sign_in(&h.env(), flow, params, SrpClient::generate).await {
                Ok(SignInOutcome::SignedIn { username, session }) => {
                    h.set_session(username, session.clone());
                    reply.ok(session_js(session));
                }
                Ok(SignInOutcome::Challenge(challenge)) => {
                    {
                        let mut state = h.state.borrow_mut();
                        state.username = challenge.username.clone();
                        state.challenge_session = challenge.session.clone();
                    }
                    deliver_challenge(reply, &challenge);
                }
                Err(e) => reply.err(&e),
            }
        });
        ret
    }
}
