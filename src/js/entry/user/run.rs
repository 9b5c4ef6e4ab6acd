//! The user's operations that may send requests (`run`), as one future: a sign-in step,
//! a one-request operation, or a session operation. One async fn with an arm for each,
//! not one per kind: one state machine, one drop glue and one boxing for all three
//! (measured smaller; an async fn awaiting the three as futures of their own was larger).

use super::super::call::Call;
use super::super::op::Op;
use super::super::reply::{Answer, Outcome, Reply};
use super::account::{self, access_token};
use super::held::clear_local;
use super::session::{tell, with_session, SessionOp};
use super::sign_in::{self, finish, Step};
use crate::auth::Answer as ChallengeAnswer;
use crate::flows::sign_in::{SignInOutcome, SrpSource, Step as FlowStep};
use crate::flows::user::Caller;
use crate::flows::{self, user_data};
use crate::js::passkeys;
use crate::js::tabs::{browser_tab_lock, BrowserTabLock, UserTokens};
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::one_request::{After, OneRequest};
use crate::protocol::types::Passthrough;
use crate::protocol::{self, CognitoError};
use crate::srp;
use crate::storage::keys::{self, UserItem};
use crate::storage::{SessionStore, Storage};
use core::future::Future;
use core::pin::Pin;

/// What a `run` operation is: which arm of [`work`] runs it.
enum Work<'a> {
    /// A sign-in step, or the reply refusing it before any request (`sign_in::step`).
    SignIn(Result<Step, Reply>),
    /// A one-request operation: its row and arguments (`account::one_request`).
    One(&'static OneRequest, &'a Value),
    Session(SessionOp),
}

/// The operations that may send requests (`run`), the pool's `signUp` among them
/// (a one-request operation), as one boxed future: its own type, not a `dyn Future` (one
/// type now, so no vtable). An unknown name is the error itself, not a future of it.
pub(in super::super) fn run<'a>(
    op: Op, name: &str, call: &'a Call, out: &'a mut Answer,
) -> Result<Pin<Box<impl Future<Output = Outcome> + 'a>>, CognitoError> {
    let work = if let Some(step) = sign_in::step(op, call) {
        Work::SignIn(step)
    } else if let Some((row, args)) = account::one_request(op, call) {
        Work::One(row, args)
    } else {
        Work::Session(match op {
            Op::GetSession => SessionOp::Get,
            Op::RefreshSession => SessionOp::Refresh,
            Op::SignOut => SessionOp::SignOut,
            Op::RevokeTokens => SessionOp::Revoke,
            _ => return Err(super::unknown_op(name)),
        })
    };
    Ok(Box::pin(work_future(call, work, out)))
}

async fn work_future(call: &Call, work: Work<'_>, out: &mut Answer) -> Outcome {
    // One environment for every arm (one slot in the future's state).
    let (env, username) = (call.env(), call.username());
    match work {
        // Runs a sign-in step: to the end, or to the next challenge the app answers.
        Work::SignIn(step) => {
            let mut step = match step {
                Ok(step) => step,
                Err(refused) => return Ok(refused),
            };
            // The SDK's own path for these (authenticateUserInternal) leaves `challengeName`
            // (undefined) on the user when it signs in; its MFA, TOTP set-up and device paths do not.
            let names_challenge = matches!(
                step,
                Ok(FlowStep::Start(..)
                    | FlowStep::Answer(_, ChallengeAnswer::NewPassword { .. } | ChallengeAnswer::Custom(_), _))
            );
            let srp: SrpSource = &srp::ahead::take_or_generate;
            let result = loop {
                let next = match step {
                    Ok(next) => next,
                    Err(e) => break Err(e.into()),
                };
                // Not boxed: with the passkey wait no future of its own, the inlined state machine is smaller (measured).
                let pending = match flows::sign_in::run(&env, next, srp).await {
                    Ok(SignInOutcome::Challenge(pending)) => pending,
                    result => break result,
                };
                // USER_AUTH's passkey step: no app callback, the browser asks for the passkey.
                let Some(options) = pending.passkey_options() else { break Ok(SignInOutcome::Challenge(pending)) };
                let credential = passkeys::assertion(passkeys::get(options).await);
                step = credential.map(|c| FlowStep::Answer(pending, ChallengeAnswer::WebAuthn(c), None));
            };
            finish(call, result, names_challenge, out)
        }
        // A one-request operation (`one_request`), `getUserData` and `registerPasskey` among
        // them: its request, what follows it here, and what the app is told. A second request
        // is a turn of the loop, and each is sent here, between `flows::user::request` and
        // `settle`, not in a future of its own.
        Work::One(first, args) => {
            let access_token = || access_token(call);
            let caller = Caller { username, access_token: &access_token };
            // getUserData's choice; the user data updateAttributes and deleteAttributes refresh
            // is fetched again whatever is cached.
            let caching = first.after == After::CachesUserData;
            let bypass = !caching || call.arg("bypassCache").as_bool().unwrap_or(false);
            let (mut row, mut args) = (first, args.clone());
            // The first request's result, when the app is told of it after a second.
            let mut told = None;
            let result = loop {
                if row.after == After::CachesUserData {
                    if let Some(done) = user_data::cached(&env, username, call.session(), bypass) {
                        break done;
                    }
                }
                let request = match flows::user::request(&env, &caller, row, &args) {
                    Ok(request) => request,
                    Err(e) => break Err(e),
                };
                let mut answer: Passthrough = match env.call(&request).await {
                    Ok(answer) => answer,
                    Err(e) => break Err(e),
                };
                flows::user::settle(&env, username, row, &request, &answer);
                match row.after {
                    After::CreatesPasskey => {
                        let options = answer.take("CredentialCreationOptions");
                        // The second request's arguments: the first's answer, with the passkey added.
                        answer.insert("credential", passkeys::created(passkeys::create(&options).await)?);
                        (row, args) = (&protocol::account::COMPLETE_WEBAUTHN_REGISTRATION, Value::Object(answer));
                    }
                    // updateAttributes and deleteAttributes refresh the cached user data, as the SDK does.
                    After::RefreshesUserData => {
                        told = Some(Value::Object(answer));
                        row = &protocol::account::GET_USER;
                    }
                    // After a bypass, the session is refreshed best effort (and listeners hear of it);
                    // only getUserData's refresh sends its ClientMetadata.
                    After::CachesUserData if bypass => {
                        if let Some(token) = user_data::refresh_token(&env, call.session()) {
                            let metadata = if caching { Some(call.arg("clientMetadata")) } else { None };
                            let tabs = tab_lock(call, username);
                            let from = Ok(token);
                            let found = flows::session::session(&env, &tabs, from, username, metadata).await;
                            let _ = tell(call, username, found);
                        }
                        break Ok(Value::Object(answer));
                    }
                    _ => break Ok(Value::Object(answer)),
                }
            };
            let result = match told {
                Some(first) => Ok(first),
                None => result,
            };
            let signs_out = matches!(first.after, After::SignsOut | After::SignsOutEverywhere);
            if signs_out && result.is_ok() {
                clear_local(call, username);
            }
            // globalSignOut drops the in-memory session even when it fails.
            let everywhere = first.after == After::SignsOutEverywhere;
            if signs_out && (result.is_ok() || everywhere && call.session().is_some()) {
                out.set("session", Value::Null);
            }
            Ok(account::reply(first.tells, call, result?, out))
        }
        // After `Get` and `Refresh` the user holds the session (none after a failure) and its
        // remembered device key; the error, if any, goes to the callback.
        Work::Session(op) => {
            let session = if op == SessionOp::Revoke {
                call.session().cloned().ok_or_else(|| CognitoError::not_authenticated("User is not authenticated"))
            } else {
                // Sign-outs send no ClientMetadata.
                let metadata = if op == SessionOp::SignOut { None } else { Some(call.arg("clientMetadata")) };
                let token = if op == SessionOp::Refresh { Some(call.text("refreshToken")) } else { None };
                let from = token.as_deref().ok_or(call.session());
                let tabs = tab_lock(call, username);
                // Not boxed (boxed was larger in gzip); awaited here and after getUserData's
                // bypass, its poll is a function of its own.
                let found = flows::session::session(&env, &tabs, from, username, metadata).await;
                if op == SessionOp::Get {
                    // Told by the JS as it delivers the answer, to each getSession call
                    // that shares it (src/facade/CognitoUser.js).
                    if let Some(change) = found.change {
                        out.set("change", Value::String(change.name().to_string()));
                    }
                    found.session
                } else {
                    tell(call, username, found)
                }
            };
            if matches!(op, SessionOp::SignOut | SessionOp::Revoke) {
                let revoked = match session.map(|session| flows::revoke(&env, &session)) {
                    Ok(Some(sent)) => sent.await.map(drop),
                    Ok(None) => Ok(()),
                    Err(e) => Err(e),
                };
                if op == SessionOp::SignOut {
                    clear_local(call, username);
                    out.set("session", Value::Null);
                }
                return revoked.map(|()| Reply::done());
            }
            let outcome = with_session(session, out);
            // A refresh leaves the signed-in user's remembered device key (or null) on the user,
            // as the SDK's `refreshSession` reads it from storage.
            let client_id = &call.shared.config.client_id;
            if let Some(last) = SessionStore::new(&call.storage, client_id).last_auth_user() {
                let key = call.storage.get_item(&keys::user_item(client_id, &last, UserItem::DeviceKey));
                out.set("deviceKey", key.map_or(Value::Null, Value::String));
            }
            outcome
        }
    }
}

fn tab_lock<'a>(call: &'a Call, username: &'a str) -> BrowserTabLock<'a> {
    let settle_keys = UserTokens { client_id: &call.shared.config.client_id, username };
    browser_tab_lock(&call.storage, &call.shared.transport, settle_keys)
}
