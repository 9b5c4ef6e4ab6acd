//! Sign-ins stopped at a challenge, waiting for the app's answer, found by the
//! challenge's `Session`: the string the JS SDK keeps in `user.Session` and apps hand to
//! another `CognitoUser` (a custom challenge across components, an MFA screen). Whoever
//! holds the Session can answer; what the sign-in carries besides (the password for
//! USER_AUTH's password factor, the client metadata, the device in use) stays here,
//! never in a JS property. A Session from another page load finds nothing here: the
//! sign-in is taken up again from the Session alone (`AwaitingAnswer::resume`), as the
//! JS SDK does.

use crate::auth::AwaitingAnswer;
use crate::prelude::*;
use core::cell::RefCell;

/// Challenges abandoned by the app (a closed dialog) are dropped oldest first past this
/// many; a Session is worth nothing after Cognito's 3 minutes anyway.
const KEPT: usize = 8;

local! {
    // Each waits under its own challenge's Session: no key of its own to keep.
    static WAITING: RefCell<Vec<AwaitingAnswer>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `pending` under its Session; returns that Session (null for a challenge without one).
pub fn keep(pending: AwaitingAnswer) -> Option<String> {
    let session = pending.challenge().session.clone()?;
    take(&session);
    waiting(|w| {
        if w.len() >= KEPT {
            crate::vec::take_at(w, 0);
        }
        w.push(pending);
    });
    Some(session)
}

/// Takes the sign-in waiting under `session`, if this page started it.
pub fn take(session: &str) -> Option<AwaitingAnswer> {
    waiting(|w| {
        let at = w.iter().position(|p| p.challenge().session.as_deref() == Some(session))?;
        crate::vec::take_at(w, at)
    })
}

/// `f` on the sign-ins waiting, borrowed in one place (one panic `Location`).
fn waiting<R>(f: impl FnOnce(&mut Vec<AwaitingAnswer>) -> R) -> R {
    WAITING.with(|w| f(&mut w.borrow_mut()))
}

/// MFA set-up hands out a new Session for the same challenge.
pub fn rename(from: &str, to: &str) {
    if let Some(mut pending) = take(from) {
        pending.update_session(to.to_string());
        keep(pending);
    }
}
