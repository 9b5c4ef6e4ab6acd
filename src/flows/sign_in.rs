//! The sign-in driver: sends what the typed states in `auth` produce, feeds Cognito's
//! answers back, stores the session, and confirms a device Cognito issued. Also a sign-in
//! taken up from a challenge's Session alone. (MFA set-up's VerifySoftwareToken is a step
//! of the typed states; USER_AUTH's passkey step is answered by the browser, in `js`.)

use super::{Env, Transport};
use crate::auth::device::{new_device_verifier, DeviceSecrets};
#[cfg(test)]
use crate::auth::Answer;
pub use crate::auth::Begin;
pub use crate::auth::Step;
use crate::auth::{AwaitingAnswer, AwaitingServer, NewDevice, Next, SignInParams, SignedIn};
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::account;
#[cfg(test)]
use crate::protocol::types::StringMap;
use crate::protocol::types::{AuthResponse, Passthrough};
use crate::protocol::{CognitoError, ErrorKind, JsonAnswer, Request};
use crate::session::Session;
use crate::srp::{SrpClient, SrpError};
use crate::storage::Storage;

/// Where SRP's secret ephemeral `a` comes from: fresh randomness, or in the browser one
/// precomputed at idle time (`srp::ahead`); fixed in tests.
pub type SrpSource<'a> = &'a dyn Fn() -> Result<Box<SrpClient>, SrpError>;

/// How a sign-in ended (so far).
#[cfg_attr(not(shipped), derive(Debug))]
pub enum SignInOutcome {
    /// Signed in, the session stored and a new device confirmed (see [`SignedIn`]'s
    /// `device_verifier`). The box the typed states made, handed on as it is: one pointer
    /// through the driver's and the entry's futures.
    SignedIn(Box<SignedIn>),
    /// The app answers this challenge through its callback object, or for USER_AUTH's
    /// passkey step the browser ([`AwaitingAnswer::passkey_options`]).
    Challenge(AwaitingAnswer),
}

/// A sign-in step that failed. `pending`: the challenge that was being answered, which
/// waits for another answer (a mistyped code), as the JS SDK allows.
#[cfg_attr(not(shipped), derive(Debug))]
pub struct SignInFailure {
    pub error: CognitoError,
    pub pending: Option<AwaitingAnswer>,
}

impl From<CognitoError> for SignInFailure {
    fn from(error: CognitoError) -> SignInFailure {
        SignInFailure { error, pending: None }
    }
}

pub type SignInResult = Result<SignInOutcome, SignInFailure>;

/// Runs a sign-in step to the sign-in's end or to the next challenge the caller must
/// answer. On success the session is stored before this returns; a failed start leaves
/// storage untouched. One future for every step: each async fn brings its own state
/// machine and drop glue.
pub async fn run<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, step: Step, srp: SrpSource<'_>,
) -> SignInResult {
    let devices = |username: &str| env.sessions().load_device(username);
    let context = |username: &str| env.user_context_data(username);
    // A refused code leaves the challenge waiting (VerifySoftwareToken's during MFA set-up too).
    let (state, mut request) =
        step.send(&devices, &context, srp).map_err(|(error, pending)| SignInFailure { error, pending })?;
    // Sends `request` and keeps feeding answers to the sign-in until it signs in or stops
    // at a challenge; then a new device's ConfirmDevice. One await for every request (each
    // await of a typed `call` brought its own state and decoding: measured larger).
    // `phase`: the sign-in's state, or once signed in, the new device being confirmed.
    let mut phase: Result<AwaitingServer, (Box<SignedIn>, DeviceSecrets, String)> = Ok(state);
    loop {
        let answer = env.call_json(&request, None, false).await;
        let mut state = match phase {
            Ok(state) => state,
            Err((mut signed_in, secrets, verifier)) => {
                // The user is signed in either way: if confirming fails, the device is simply
                // not remembered.
                if let Ok(answer) = answer.and_then(JsonAnswer::decode::<Passthrough>) {
                    let _ = env.sessions().save_device(&signed_in.username, &secrets);
                    signed_in.user_confirmation_necessary =
                        answer.get("UserConfirmationNecessary").and_then(Value::as_bool).unwrap_or(false);
                    signed_in.device_verifier = Some(verifier);
                }
                return Ok(SignInOutcome::SignedIn(signed_in));
            }
        };
        let response: AuthResponse = match answer.and_then(AuthResponse::of) {
            Ok(response) => response,
            // Cognito forgot the device (forgotten elsewhere, pool reset): drop it and
            // repeat the request without it, as the JS SDK does (once: the state has no
            // device after this). One `call` in the loop, not a second one here.
            Err(e) if is_unknown_device(&e) && state.device().is_some() => {
                env.sessions().clear_device(state.username());
                state.forget_device(&mut request);
                phase = Ok(state);
                continue;
            }
            Err(error) => return Err(SignInFailure { error, pending: state.reopen() }),
        };
        let signed_in = match state.on_response(response, (env.now)(), &devices, &context, srp)? {
            Next::Send(next, next_request) => {
                (phase, request) = (Ok(next), next_request);
                continue;
            }
            Next::Challenge(pending) => return Ok(SignInOutcome::Challenge(pending)),
            Next::SignedIn(signed_in) => signed_in,
        };
        env.store_session(&signed_in.username, &signed_in.session)?;
        // Confirms a device Cognito just issued and stores its secrets.
        match signed_in.new_device.as_ref().and_then(|device| confirm_device(env, &signed_in.session, device)) {
            Some((secrets, verifier, confirm)) => {
                request = confirm;
                phase = Err((signed_in, secrets, verifier));
            }
            None => return Ok(SignInOutcome::SignedIn(signed_in)),
        }
    }
}

/// Starts a sign-in ([`run`] of [`Step::Start`]): the tests' shorthand; the entry calls `run`.
#[cfg(test)]
pub async fn start<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, begin: Begin, params: SignInParams, srp: SrpSource<'_>,
) -> SignInResult {
    run(env, Step::Start(begin, params), srp).await
}

/// A sign-in taken up from a challenge's Session alone (handed over from another
/// `CognitoUser` or page load), with the user's remembered device.
pub fn resume<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, params: SignInParams, session: String,
) -> AwaitingAnswer {
    let device = env.sessions().load_device(&params.username);
    AwaitingAnswer::resume(params, session, device)
}

/// Answers the pending challenge and runs the sign-in on from there ([`run`] of
/// [`Step::Answer`]): the tests' shorthand; the entry calls `run`.
#[cfg(test)]
pub async fn answer<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, pending: AwaitingAnswer, answer: &Answer, client_metadata: Option<StringMap>,
    srp: SrpSource<'_>,
) -> SignInResult {
    run(env, Step::Answer(pending, answer.clone(), client_metadata), srp).await
}

fn is_unknown_device(e: &CognitoError) -> bool {
    e.kind == ErrorKind::ResourceNotFound && crate::text::contains_ignore_ascii_case(&e.message, "device")
}

/// A new device's secrets and verifier, and the ConfirmDevice that registers it (None
/// without randomness).
fn confirm_device<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, session: &Session, device: &NewDevice,
) -> Option<(DeviceSecrets, String, Request)> {
    let (secrets, verifier) = new_device_verifier(&device.group_key, &device.key, env.random).ok()?;
    let request = account::confirm_device(
        &session.access_token.jwt,
        &device.key,
        &verifier.salt_b64,
        &verifier.verifier_b64,
        &env.pool.device_name,
    );
    // Only the verifier itself is kept (the SDK's `verifierDevices`).
    Some((secrets, verifier.verifier_b64, request))
}

/// VerifySoftwareToken during the MFA_SETUP challenge, which then finishes the sign-in
/// ([`run`] of [`Answer::MfaSetup`]): the tests' shorthand; the entry calls `run`.
#[cfg(test)]
pub async fn finish_mfa_setup<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, pending: AwaitingAnswer, code: &str, friendly_device_name: Option<&str>, srp: SrpSource<'_>,
) -> SignInResult {
    let answer =
        Answer::MfaSetup { code: code.to_string(), friendly_device_name: friendly_device_name.map(str::to_string) };
    run(env, Step::Answer(pending, answer, None), srp).await
}
