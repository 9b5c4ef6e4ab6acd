//! Sign-in and its challenges: authenticateUser, initiateAuth, the methods that answer a
//! challenge, and TOTP set-up, over `flows::sign_in`; which callback a challenge reaches.

use super::super::call::{session_json, Call};
use super::super::op::Op;
use super::super::pending;
use super::super::reply::{Answer, Outcome, Reply};
use super::held::{device, emit, named};
use crate::auth::{Answer as ChallengeAnswer, AwaitingAnswer, Challenge, SignInParams, SignedIn};
use crate::flows;
use crate::flows::sign_in::{Begin, SignInFailure, SignInOutcome, SignInResult, Step as FlowStep};
use crate::json::{Object, Value};
use crate::prelude::*;
use crate::protocol::challenge::{AuthFlow, ChallengeName};
use crate::protocol::{CognitoError, ErrorKind};
use crate::storage::events::Change;

/// One step of a sign-in, as the app asked for it: an answer carries the challenge it
/// answers, or the error that no such challenge waits.
pub(super) type Step = Result<FlowStep, CognitoError>;

fn sign_in_params(call: &Call) -> SignInParams {
    SignInParams {
        user_pool_id: call.shared.config.user_pool_id.clone(),
        client_id: call.shared.config.client_id.clone(),
        username: call.username().to_string(),
        password: call.text("password"),
        client_metadata: call.string_map("clientMetadata"),
        preferred_challenge: call.optional_text("preferredChallenge"),
    }
}

/// The sign-in step `op` asks for, or the reply refusing it before any request; None
/// when `op` is not a sign-in step. An answer takes up its waiting challenge here (the
/// sign-in's future starts at once, in the same call: built by one match, not converted).
pub(super) fn step(op: Op, call: &Call) -> Option<Result<Step, Reply>> {
    let answer = |a: ChallengeAnswer| {
        Ok(waiting_challenge(call).map(|pending| FlowStep::Answer(pending, a, call.string_map("clientMetadata"))))
    };
    Some(match op {
        Op::AuthenticateUser => {
            let flow = call.user().get("flow").and_then(Value::as_str).and_then(AuthFlow::parse);
            match flow {
                Some(flow) => Ok(Ok(FlowStep::Start(Begin::Flow(flow), sign_in_params(call)))),
                None => Err(Reply::plain_err("Authentication flow type is invalid.")),
            }
        }
        Op::InitiateAuth => {
            let auth_parameters = call.string_map("authParameters").unwrap_or_default();
            Ok(Ok(FlowStep::Start(Begin::Custom(auth_parameters), sign_in_params(call))))
        }
        Op::SendMfaCode => {
            let mfa_type = call.optional_text("mfaType").filter(|t| !t.is_empty());
            let mfa_type = mfa_type.map_or(ChallengeName::SmsMfa, |t| ChallengeName::parse(&t));
            answer(ChallengeAnswer::MfaCode { code: call.text("code"), mfa_type })
        }
        Op::SendSelectChallengeAnswer | Op::SendMfaSelectionAnswer | Op::SendCustomChallengeAnswer => {
            let text = call.text("answer");
            answer(match op {
                Op::SendSelectChallengeAnswer => ChallengeAnswer::SelectChallenge(text),
                Op::SendMfaSelectionAnswer => ChallengeAnswer::MfaSelection(text),
                _ => ChallengeAnswer::Custom(text),
            })
        }
        // Verifying TOTP during MFA_SETUP (the user holds the challenge's Session)
        // finishes the sign-in; for a signed-in user it is a one-request operation (`account`).
        Op::VerifySoftwareToken if call.challenge_session().is_some() => answer(ChallengeAnswer::MfaSetup {
            code: call.text("code"),
            friendly_device_name: call.optional_text("friendlyDeviceName"),
        }),
        Op::CompleteNewPasswordChallenge => match call.optional_text("newPassword").filter(|p| !p.is_empty()) {
            Some(password) => {
                let attributes = call.string_map("attributes").unwrap_or_default();
                answer(ChallengeAnswer::NewPassword { password, attributes })
            }
            None => Err(Reply::plain_err("New password is required.")),
        },
        _ => return None,
    })
}

/// The sign-in waiting for the app's answer: the one this page started under the user's
/// `Session`, else one taken up from that Session alone (handed over from elsewhere).
fn waiting_challenge(call: &Call) -> Result<AwaitingAnswer, CognitoError> {
    let session = call.challenge_session().ok_or_else(|| {
        CognitoError::invalid_parameter("No challenge is waiting for an answer: call authenticateUser first.")
    })?;
    if let Some(pending) = pending::take(session) {
        return Ok(pending);
    }
    Ok(flows::sign_in::resume(&call.env(), sign_in_params(call), session.to_string()))
}

/// Reports where a sign-in stopped: signed in, at a challenge (kept under its Session
/// before the app hears of it: its callback may answer at once), or refused.
/// Inlined into the one future (`run`), its one caller: the result is read where it lies
/// in the future's state instead of being moved into a call (measured smaller).
#[inline(always)]
pub(super) fn finish(call: &Call, result: SignInResult, names_challenge: bool, out: &mut Answer) -> Outcome {
    match result {
        // Read in its box (its texts taken), not moved out of it.
        Ok(SignInOutcome::SignedIn(mut signed_in)) => {
            let SignedIn { username, session, device_session, device_verifier, user_confirmation_necessary, .. } =
                &mut *signed_in;
            let username = &**username;
            emit(call, Change::SignIn, username);
            named(out, call, username);
            out.set("session", session_json(session));
            // The SDK's device SRP path leaves no challengeName.
            let unset_challenge = names_challenge && device_session.is_none();
            // The user keeps the Session of the last challenge, as the SDK's does.
            if let Some(device_session) = device_session.take() {
                out.set("Session", Value::String(device_session));
            }
            // New properties appear in the order the SDK first sets them (Object.keys,
            // spread and JSON.stringify show it): confirming a new device, challengeName
            // first, then the device as it is confirmed; a remembered device is read from
            // storage before the first request.
            let confirmed = device_verifier.is_some();
            if unset_challenge && confirmed {
                out.unset("challengeName");
            }
            if let Some(verifier) = device_verifier.take() {
                out.set("verifierDevices", Value::String(verifier));
            }
            device(call, username, confirmed, out);
            if unset_challenge && !confirmed {
                out.unset("challengeName");
            }
            let reply = Reply::session(session);
            Ok(if *user_confirmation_necessary { reply.with_details(Value::Bool(true)) } else { reply })
        }
        // `sign_in` answers every passkey step before it reports.
        Ok(SignInOutcome::Challenge(pending)) => {
            let reply = challenge_reply(pending.challenge());
            named(out, call, pending.username());
            let session = pending::keep(pending);
            out.set("Session", session.map_or(Value::Null, Value::String));
            Ok(reply)
        }
        Err(SignInFailure { error, pending }) => {
            // A refused answer (wrong code) may be given again, as with the JS SDK.
            if let Some(pending) = pending {
                pending::keep(pending);
            }
            // A refused password is typed again: have the next SRP client ready.
            crate::js::srp_ahead::prepare_if_signed_out(&call.shared.config.client_id, &call.storage);
            Err(error)
        }
    }
}

/// The challenge as data, once: its name, parameters, SELECT_CHALLENGE's first factors,
/// the callback method it reaches (none for a challenge this SDK does not handle) and the
/// error code for a callback object without it. The facade (`challengeReply`,
/// src/facade/core.js) shapes the SDK's arguments for that method, or that error: built
/// here, the same shaping cost more wasm than its JS. The code comes from here so that
/// error codes stay spelled in one place (`ErrorKind`).
fn challenge_reply(challenge: &Challenge) -> Reply {
    let mut o = Object::from_texts(&["code", "name"], &[ErrorKind::UnhandledChallenge.code(), challenge.name.as_str()]);
    o.insert("parameters", Value::Object(challenge.parameters.clone()));
    o.insert("available", challenge.available.clone());
    if let Some(method) = challenge.name.callback() {
        o.insert("method", Value::String(method.to_string()));
    }
    Reply::one("challenge", Value::Object(o))
}
