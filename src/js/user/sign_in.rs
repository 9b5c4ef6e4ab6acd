//! `authenticateUser`, `initiateAuth`, the calls that answer challenges, and how
//! challenges reach the app's callback object.

use super::{session_js, CognitoUser, Handle};
use crate::auth::device::DeviceSecrets;
use crate::auth::{self, Answer, ChallengeCallback, Flow, SignIn, SignInParams};
use crate::flows::{self, SignInOutcome};
use crate::js::callbacks::{reply_for, Reply};
use crate::js::convert::{
    call_method, call_string, error, get_string, js_from_json, optional_string_arg, plain_error, string_arg, string_map,
};
use crate::js::events::Change;
use crate::js::panic_probe::{self, Point};
use crate::js::passkeys;
use crate::json::{ToJson, Value};
use crate::protocol::account::{self, SetupAuth};
use crate::protocol::types::{Passthrough, StringMap};
use crate::protocol::{CognitoError, ErrorKind, Request};
use crate::srp;
use crate::storage::SessionStore;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;

/// Tells the callback object about a challenge, or fails the call with a coded error when
/// it has no method for it (instead of the SDK's "callback.totpRequired is not a function").
fn deliver_challenge(reply: Reply, challenge: &auth::Challenge) {
    let params = js_from_json(&Value::Object(challenge.parameters.clone()));
    let name = JsValue::from_str(&challenge.name);
    let callback = auth::challenge_callback(&challenge.name);
    let delivered = match callback {
        Some(ChallengeCallback::NameAndParameters(method)) => reply.method(method, &[&name, &params]),
        Some(ChallengeCallback::ParametersOnly(method)) => reply.method(method, &[&params]),
        Some(ChallengeCallback::SelectChallenge) => {
            let available = js_from_json(&challenge.available.to_json());
            reply.method("selectChallenge", &[&available, &params])
        }
        Some(ChallengeCallback::NewPasswordRequired) => {
            let (attributes, required) = auth::new_password_required_args(&challenge.parameters);
            let required = js_from_json(&required.to_json());
            reply.method("newPasswordRequired", &[&js_from_json(&attributes), &required])
        }
        None => Err(reply),
    };
    if let Err(reply) = delivered {
        let how = match callback {
            Some(cb) => format!("the callback object has no {} method", cb.method()),
            None => "this SDK does not handle that challenge yet".to_string(),
        };
        let err = error(&CognitoError::new(
            ErrorKind::UnhandledChallenge,
            format!("Cognito asked for the {} challenge, but {how}.", challenge.name),
        ));
        let _ = js_sys::Reflect::set(&err, &"challengeName".into(), &name);
        let _ = js_sys::Reflect::set(&err, &"challengeParameters".into(), &params);
        if !challenge.available.is_empty() {
            let _ = js_sys::Reflect::set(
                &err,
                &"availableChallenges".into(),
                &js_from_json(&challenge.available.to_json()),
            );
        }
        reply.err_value(err);
    }
}

/// Starts a sign-in step once it runs: the machine with its next request (or the error the
/// machine gave instead of one), or an error when there is no sign-in to go on with.
type BeginStep = Box<dyn FnOnce(&Handle) -> Result<(SignIn, Result<Request, CognitoError>), CognitoError>>;

/// The SDK sends ValidationData as ClientMetadata when there is any, else ClientMetadata.
fn client_metadata_of(auth_details: &JsValue) -> Option<StringMap> {
    let read = |getter: &str| call_method(auth_details, getter, &[]).and_then(Result::ok).and_then(|v| string_map(&v));
    read("getValidationData").or_else(|| read("getClientMetadata"))
}

impl Handle {
    /// Reports how a sign-in (or one of its steps) ended, keeping the machine when it
    /// stopped at a challenge so the app's answer can continue it.
    fn finish_step(&self, mut machine: SignIn, outcome: Result<SignInOutcome, CognitoError>, reply: Reply) {
        match outcome {
            Ok(SignInOutcome::SignedIn { username, session, user_confirmation_necessary }) => {
                self.set_session(username, session.clone());
                self.emit(Change::SignIn);
                if user_confirmation_necessary {
                    reply.ok_with_details(session_js(session), JsValue::TRUE);
                } else {
                    reply.ok(session_js(session));
                }
            }
            Ok(SignInOutcome::Challenge(challenge)) => {
                {
                    let mut state = self.state.borrow_mut();
                    state.username = challenge.username.clone();
                    state.sign_in = Some(machine);
                }
                if challenge.name == "WEB_AUTHN" {
                    // No app callback: the browser asks the user for their passkey.
                    let options = challenge
                        .parameters
                        .get("CREDENTIAL_REQUEST_OPTIONS")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string();
                    let h = self.clone();
                    crate::js::panic::spawn(async move {
                        match passkeys::assertion(&options).await {
                            Ok(credential) => h.answer(Answer::WebAuthn(credential), None, reply).await,
                            Err(e) => {
                                h.state.borrow_mut().sign_in = None;
                                reply.err(&e)
                            }
                        }
                    });
                    return;
                }
                deliver_challenge(reply, &challenge);
            }
            Err(e) => {
                // A refused answer (wrong code) may be given again, as with the JS SDK.
                machine.reopen_challenge();
                if machine.pending_challenge().is_some() {
                    self.state.borrow_mut().sign_in = Some(machine);
                }
                // A refused password is typed again: have the next SRP client ready.
                crate::js::srp_ahead::prepare_if_signed_out(&self.pool);
                reply.err(&e);
            }
        }
    }

    /// Finds remembered devices in this user's storage (for the sign-in machine).
    fn device_lookup(&self) -> impl Fn(&str) -> Option<DeviceSecrets> + 'static {
        let (storage, client_id) = (self.storage.clone(), self.pool.config.client_id.clone());
        move |username: &str| SessionStore::new(&storage, &client_id).load_device(username)
    }

    fn take_sign_in(&self) -> Result<SignIn, CognitoError> {
        self.state.borrow_mut().sign_in.take().ok_or_else(|| {
            CognitoError::invalid_parameter("No challenge is waiting for an answer: call authenticateUser first.")
        })
    }

    /// Answers the pending challenge and runs the sign-in on from there.
    fn answer(
        self,
        answer: Answer,
        client_metadata: Option<StringMap>,
        reply: Reply,
    ) -> Pin<Box<dyn Future<Output = ()>>> {
        self.run_sign_in(
            Box::new(move |h| {
                let mut machine = h.take_sign_in()?;
                let request = machine.answer(&answer, client_metadata, srp::ahead::take_or_generate);
                Ok((machine, request))
            }),
            reply,
        )
    }

    /// Runs a sign-in from `begin`'s machine and request (the first request, or the answer
    /// to a challenge) to its next stop, and reports it. authenticateUser, initiateAuth and
    /// the answers share this one boxed future instead of a state machine each.
    fn run_sign_in(self, begin: BeginStep, reply: Reply) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(async move {
            let (mut machine, request) = match begin(&self) {
                Ok(started) => started,
                Err(e) => return reply.err(&e),
            };
            let outcome = match request {
                Ok(request) => flows::drive(&self.env(), &mut machine, request).await,
                Err(e) => Err(e),
            };
            self.finish_step(machine, outcome, reply);
        })
    }

    /// During the MFA_SETUP challenge, set-up calls carry its Session; otherwise the
    /// signed-in user's access token.
    fn setup_auth(&self) -> Result<SetupAuth, CognitoError> {
        let state = self.state.borrow();
        if let Some(session) =
            state.sign_in.as_ref().and_then(|m| m.pending_challenge()).and_then(|c| c.session.clone())
        {
            return Ok(SetupAuth::Session(session));
        }
        drop(state);
        self.access_token().map(SetupAuth::AccessToken)
    }

    fn update_challenge_session(&self, session: Option<&Value>) {
        if let (Some(session), Some(machine)) =
            (session.and_then(Value::as_str), self.state.borrow_mut().sign_in.as_mut())
        {
            machine.update_session(session.to_string());
        }
    }
}

#[wasm_bindgen]
impl CognitoUser {
    fn sign_in_params(&self, auth_details: &JsValue) -> SignInParams {
        SignInParams {
            user_pool_id: self.pool.config.user_pool_id.clone(),
            client_id: self.pool.config.client_id.clone(),
            username: self.get_username(),
            password: call_string(auth_details, "getPassword")
                .or_else(|| get_string(auth_details, "Password"))
                .unwrap_or_default(),
            client_metadata: client_metadata_of(auth_details),
            preferred_challenge: call_string(auth_details, "getPreferredChallenge")
                .or_else(|| get_string(auth_details, "PreferredChallenge")),
        }
    }

    /// `authenticateUser(authDetails, { onSuccess, onFailure, mfaRequired, ... })`, or a
    /// Promise of the session when no callback object is given.
    #[wasm_bindgen(js_name = authenticateUser)]
    pub fn authenticate_user(&self, auth_details: JsValue, callback: JsValue) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let Some(flow) = Flow::parse(&self.get_authentication_flow_type()) else {
            reply.err_value(plain_error("Authentication flow type is invalid."));
            return ret;
        };
        let params = self.sign_in_params(&auth_details);
        panic_probe::trip(Point::AuthenticateSync);
        let begin = Box::new(move |h: &Handle| {
            let mut machine = SignIn::new(flow, params).with_devices(h.device_lookup());
            let request = machine.start(srp::ahead::take_or_generate);
            Ok((machine, request))
        });
        crate::js::panic::spawn(self.handle().run_sign_in(begin, reply));
        ret
    }

    /// `initiateAuth(authDetails, callbacks)`: CUSTOM_AUTH without SRP, sending the app's
    /// AuthParameters (`new AuthenticationDetails({ Username, AuthParameters })`).
    #[wasm_bindgen(js_name = initiateAuth)]
    pub fn initiate_auth(&self, auth_details: JsValue, callback: JsValue) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let params = self.sign_in_params(&auth_details);
        let auth_parameters = call_method(&auth_details, "getAuthParameters", &[])
            .and_then(Result::ok)
            .and_then(|v| string_map(&v))
            .unwrap_or_default();
        let begin = Box::new(move |h: &Handle| {
            let mut machine = SignIn::new(Flow::CustomAuth, params).with_devices(h.device_lookup());
            let request = machine.start_custom(auth_parameters);
            Ok((machine, request))
        });
        crate::js::panic::spawn(self.handle().run_sign_in(begin, reply));
        ret
    }

    /// `sendMFACode(code, callbacks, mfaType = 'SMS_MFA', clientMetadata)`; mfaType may also be
    /// `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`, or `SMS_OTP` (USER_AUTH's passwordless codes).
    #[wasm_bindgen(js_name = sendMFACode)]
    pub fn send_mfa_code(
        &self,
        code: JsValue,
        callback: JsValue,
        mfa_type: JsValue,
        client_metadata: JsValue,
    ) -> JsValue {
        let code = string_arg(&code);
        let mfa_type = optional_string_arg(&mfa_type);
        let answer =
            Answer::MfaCode { code, mfa_type: mfa_type.filter(|t| !t.is_empty()).unwrap_or_else(|| "SMS_MFA".into()) };
        self.answer_with(callback, answer, string_map(&client_metadata))
    }

    /// Ours, USER_AUTH: `sendSelectChallengeAnswer(answer, callbacks)` answers `selectChallenge`
    /// with the first factor picked: `PASSWORD_SRP` or `PASSWORD` (using the password given to
    /// authenticateUser), `EMAIL_OTP`, `SMS_OTP` (a code follows: `emailOtpRequired` /
    /// `smsOtpRequired`) or `WEB_AUTHN` (the browser asks for the passkey).
    #[wasm_bindgen(js_name = sendSelectChallengeAnswer)]
    pub fn send_select_challenge_answer(&self, answer: JsValue, callback: JsValue) -> JsValue {
        let answer = string_arg(&answer);
        self.answer_with(callback, Answer::SelectChallenge(answer), None)
    }

    /// `sendMFASelectionAnswer(answer, callbacks)`: `SMS_MFA`, `SOFTWARE_TOKEN_MFA` or `EMAIL_OTP`.
    #[wasm_bindgen(js_name = sendMFASelectionAnswer)]
    pub fn send_mfa_selection_answer(&self, answer: JsValue, callback: JsValue) -> JsValue {
        let answer = string_arg(&answer);
        self.answer_with(callback, Answer::MfaSelection(answer), None)
    }

    /// `completeNewPasswordChallenge(newPassword, requiredAttributeData, callbacks, clientMetadata)`.
    #[wasm_bindgen(js_name = completeNewPasswordChallenge)]
    pub fn complete_new_password_challenge(
        &self,
        new_password: JsValue,
        required_attributes: JsValue,
        callback: JsValue,
        client_metadata: JsValue,
    ) -> JsValue {
        let Some(password) = new_password.as_string().filter(|p| !p.is_empty()) else {
            let (reply, ret) = reply_for(&callback);
            reply.err_value(plain_error("New password is required."));
            return ret;
        };
        let attributes = string_map(&required_attributes).unwrap_or_default();
        self.answer_with(callback, Answer::NewPassword { password, attributes }, string_map(&client_metadata))
    }

    /// `sendCustomChallengeAnswer(answer, callbacks, clientMetadata)`.
    #[wasm_bindgen(js_name = sendCustomChallengeAnswer)]
    pub fn send_custom_challenge_answer(
        &self,
        answer: JsValue,
        callback: JsValue,
        client_metadata: JsValue,
    ) -> JsValue {
        let answer = string_arg(&answer);
        self.answer_with(callback, Answer::Custom(answer), string_map(&client_metadata))
    }

    fn answer_with(&self, callback: JsValue, answer: Answer, client_metadata: Option<StringMap>) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        crate::js::panic::spawn(self.handle().answer(answer, client_metadata, reply));
        ret
    }

    /// `associateSoftwareToken({ associateSecretCode, onFailure })`: starts TOTP set-up, during
    /// the MFA_SETUP challenge or for a signed-in user. The Promise form resolves to the secret.
    #[wasm_bindgen(js_name = associateSoftwareToken)]
    pub fn associate_software_token(&self, callback: JsValue) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let h = self.handle();
        crate::js::panic::spawn(async move {
            let result = async {
                let data: Passthrough = h.env().call(&account::associate_software_token(&h.setup_auth()?)).await?;
                h.update_challenge_session(data.get("Session"));
                Ok::<_, CognitoError>(data.get("SecretCode").map(js_from_json).unwrap_or(JsValue::UNDEFINED))
            }
            .await;
            match result {
                Ok(secret) => {
                    if let Err(reply) = reply.method("associateSecretCode", &[&secret]) {
                        reply.ok(secret)
                    }
                }
                Err(e) => reply.err(&e),
            }
        });
        ret
    }

    /// `verifySoftwareToken(code, friendlyDeviceName, { onSuccess, onFailure })`: during the
    /// MFA_SETUP challenge this also finishes the sign-in (onSuccess gets the session);
    /// for a signed-in user onSuccess gets VerifySoftwareToken's answer.
    #[wasm_bindgen(js_name = verifySoftwareToken)]
    pub fn verify_software_token(&self, code: JsValue, friendly_device_name: JsValue, callback: JsValue) -> JsValue {
        let code = string_arg(&code);
        let friendly_device_name = optional_string_arg(&friendly_device_name);
        let (reply, ret) = reply_for(&callback);
        let h = self.handle();
        crate::js::panic::spawn(async move {
            let auth = match h.setup_auth() {
                Ok(a) => a,
                Err(e) => return reply.err(&e),
            };
            let verified: Result<Passthrough, _> =
                h.env().call(&account::verify_software_token(&auth, &code, friendly_device_name.as_deref())).await;
            match (verified, auth) {
                (Err(e), _) => reply.err(&e),
                (Ok(data), SetupAuth::Session(_)) => {
                    h.update_challenge_session(data.get("Session"));
                    h.answer(Answer::MfaSetupDone, None, reply).await
                }
                (Ok(data), SetupAuth::AccessToken(_)) => reply.ok(js_from_json(&Value::Object(data))),
            }
        });
        ret
    }
}
