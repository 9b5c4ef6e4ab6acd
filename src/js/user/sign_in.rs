//! `authenticateUser`, `initiateAuth`, the calls that answer challenges, and how
//! challenges reach the app's callback object.

use super::{session_js, CognitoUser, Handle};
use crate::auth::{self, Answer, AwaitingAnswer, Challenge, SignInParams};
use crate::flows::sign_in::{Begin, SignInFailure, SignInOutcome, SignInResult, SrpSource};
use crate::flows::{self};
use crate::js::callbacks::{reply_for, Reply};
use crate::js::convert::{
    call_method, call_string, error, get_string, js_from_json, optional_string_arg, plain_error, string_arg, string_map,
};
use crate::js::panic_probe::{self, Point};
use crate::js::passkeys;
use crate::json::{ToJson, Value};
use crate::protocol::account::SetupAuth;
use crate::protocol::challenge::{AuthFlow, ChallengeCallback, ChallengeName};
use crate::protocol::types::StringMap;
use crate::protocol::{CognitoError, ErrorKind};
use crate::srp;
use crate::storage::events::Change;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;

/// Tells the callback object about a challenge, or fails the call with a coded error when
/// it has no method for it (instead of the SDK's "callback.totpRequired is not a function").
fn deliver_challenge(reply: Reply, challenge: &Challenge) {
    let params = js_from_json(&Value::Object(challenge.parameters.clone()));
    let name = JsValue::from_str(challenge.name.as_str());
    let callback = challenge.name.callback();
    let delivered = match callback {
        Some(ChallengeCallback::NameAndParameters(method)) => reply.method(method, &[&name, &params]),
        Some(ChallengeCallback::ParametersOnly(method)) => reply.method(method, &[&params]),
        Some(ChallengeCallback::SelectChallenge) => {
            let available = js_from_json(&challenge.available.to_json());
            reply.method(ChallengeCallback::SelectChallenge.method(), &[&available, &params])
        }
        Some(ChallengeCallback::NewPasswordRequired) => {
            let (attributes, required) = auth::new_password_required_args(&challenge.parameters);
            let required = js_from_json(&required.to_json());
            reply.method(ChallengeCallback::NewPasswordRequired.method(), &[&js_from_json(&attributes), &required])
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
            format!("Cognito asked for the {} challenge, but {how}.", challenge.name.as_str()),
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

/// The SDK sends ValidationData as ClientMetadata when there is any, else ClientMetadata.
fn client_metadata_of(auth_details: &JsValue) -> Option<StringMap> {
    let read = |getter: &str| call_method(auth_details, getter, &[]).and_then(Result::ok).and_then(|v| string_map(&v));
    read("getValidationData").or_else(|| read("getClientMetadata"))
}

/// One step of a sign-in, as the app asked for it.
enum Step {
    Start(Begin, SignInParams),
    Answer(Answer, Option<StringMap>),
    FinishMfaSetup { code: String, friendly_device_name: Option<String> },
}

impl Handle {
    /// Reports how a sign-in (or one of its steps) ended, keeping a challenge that waits
    /// for the app's answer.
    fn finish_step(&self, result: SignInResult, reply: Reply) {
        match result {
            Ok(SignInOutcome::SignedIn { username, session, user_confirmation_necessary }) => {
                self.set_session(username, session.clone());
                self.emit(Change::SignIn);
                if user_confirmation_necessary {
                    reply.ok_with_details(session_js(session), JsValue::TRUE);
                } else {
                    reply.ok(session_js(session));
                }
            }
            Ok(SignInOutcome::Challenge(pending)) => {
                let challenge = pending.challenge().clone();
                // Kept before the app hears of it: its callback may answer at once.
                self.keep_pending(pending);
                deliver_challenge(reply, &challenge);
            }
            Ok(SignInOutcome::Passkey { pending, options }) => {
                // No app callback: the browser asks the user for their passkey.
                {
                    let mut state = self.state.borrow_mut();
                    state.username = pending.challenge().username.clone();
                    state.sign_in = None;
                }
                let h = self.clone();
                crate::js::panic::spawn(async move {
                    match passkeys::assertion(&options).await {
                        Ok(credential) => {
                            h.run_sign_in(Step::Answer(Answer::WebAuthn(credential), None), Some(pending), reply).await
                        }
                        Err(e) => reply.err(&e),
                    }
                });
            }
            Err(SignInFailure { error, pending }) => {
                // A refused answer (wrong code) may be given again, as with the JS SDK.
                if let Some(pending) = pending {
                    self.keep_pending(pending);
                }
                // A refused password is typed again: have the next SRP client ready.
                crate::js::srp_ahead::prepare_if_signed_out(&self.pool);
                reply.err(&error);
            }
        }
    }

    fn keep_pending(&self, pending: AwaitingAnswer) {
        let mut state = self.state.borrow_mut();
        state.username = pending.challenge().username.clone();
        state.sign_in = Some(pending);
    }

    fn take_pending(&self) -> Result<AwaitingAnswer, CognitoError> {
        self.state.borrow_mut().sign_in.take().ok_or_else(|| {
            CognitoError::invalid_parameter("No challenge is waiting for an answer: call authenticateUser first.")
        })
    }

    /// Runs one step of a sign-in (`pending`: the challenge it answers, taken from this
    /// user when not given) and reports where it stopped. Every way into a sign-in shares
    /// this one boxed future instead of a state machine each.
    fn run_sign_in(
        self, step: Step, pending: Option<AwaitingAnswer>, reply: Reply,
    ) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(async move {
            let env = self.env();
            let srp: SrpSource = &srp::ahead::take_or_generate;
            let result = match step {
                Step::Start(begin, params) => flows::sign_in::start(&env, begin, params, srp).await,
                Step::Answer(answer, metadata) => match pending.map_or_else(|| self.take_pending(), Ok) {
                    Ok(pending) => flows::sign_in::answer(&env, pending, &answer, metadata, srp).await,
                    Err(e) => Err(e.into()),
                },
                Step::FinishMfaSetup { code, friendly_device_name } => match self.take_pending() {
                    Ok(pending) => {
                        let name = friendly_device_name.as_deref();
                        flows::sign_in::finish_mfa_setup(&env, pending, &code, name, srp).await
                    }
                    Err(e) => Err(e.into()),
                },
            };
            self.finish_step(result, reply);
        })
    }

    /// During a sign-in's challenge, set-up calls carry its Session; otherwise the
    /// signed-in user's access token.
    fn setup_auth(&self) -> Result<SetupAuth, CognitoError> {
        let state = self.state.borrow();
        flows::sign_in::setup_auth(state.sign_in.as_ref(), || self.access_token())
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
        let Some(flow) = AuthFlow::parse(&self.get_authentication_flow_type()) else {
            reply.err_value(plain_error("Authentication flow type is invalid."));
            return ret;
        };
        let params = self.sign_in_params(&auth_details);
        panic_probe::trip(Point::AuthenticateSync);
        crate::js::panic::spawn(self.handle().run_sign_in(Step::Start(Begin::Flow(flow), params), None, reply));
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
        crate::js::panic::spawn(self.handle().run_sign_in(
            Step::Start(Begin::Custom(auth_parameters), params),
            None,
            reply,
        ));
        ret
    }

    /// `sendMFACode(code, callbacks, mfaType = 'SMS_MFA', clientMetadata)`; mfaType may also be
    /// `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`, or `SMS_OTP` (USER_AUTH's passwordless codes).
    #[wasm_bindgen(js_name = sendMFACode)]
    pub fn send_mfa_code(
        &self, code: JsValue, callback: JsValue, mfa_type: JsValue, client_metadata: JsValue,
    ) -> JsValue {
        let code = string_arg(&code);
        let mfa_type = optional_string_arg(&mfa_type);
        let mfa_type = mfa_type.filter(|t| !t.is_empty()).map_or(ChallengeName::SmsMfa, |t| ChallengeName::parse(&t));
        let answer = Answer::MfaCode { code, mfa_type };
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
        &self, new_password: JsValue, required_attributes: JsValue, callback: JsValue, client_metadata: JsValue,
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
        &self, answer: JsValue, callback: JsValue, client_metadata: JsValue,
    ) -> JsValue {
        let answer = string_arg(&answer);
        self.answer_with(callback, Answer::Custom(answer), string_map(&client_metadata))
    }

    fn answer_with(&self, callback: JsValue, answer: Answer, client_metadata: Option<StringMap>) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        crate::js::panic::spawn(self.handle().run_sign_in(Step::Answer(answer, client_metadata), None, reply));
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
                let (data, session) = flows::sign_in::associate_software_token(&h.env(), &h.setup_auth()?).await?;
                if let (Some(session), Some(pending)) = (session, h.state.borrow_mut().sign_in.as_mut()) {
                    pending.update_session(session);
                }
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
        match h.setup_auth() {
            Err(e) => reply.err(&e),
            Ok(SetupAuth::Session(_)) => {
                let step = Step::FinishMfaSetup { code, friendly_device_name };
                crate::js::panic::spawn(h.run_sign_in(step, None, reply));
            }
            Ok(SetupAuth::AccessToken(token)) => crate::js::panic::spawn(async move {
                let name = friendly_device_name.as_deref();
                match flows::sign_in::verify_software_token(&h.env(), &token, &code, name).await {
                    Ok(data) => reply.ok(js_from_json(&Value::Object(data))),
                    Err(e) => reply.err(&e),
                }
            }),
        }
        ret
    }
}
