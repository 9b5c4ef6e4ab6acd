//! Bodies of registration: SignUp, ConfirmSignUp and ResendConfirmationCode, rows of the
//! one-request table ([`super::one_request`]). Optional fields are left out when unset,
//! as `JSON.stringify` drops `undefined`. SignUp and ConfirmSignUp carry
//! advanced security's `UserContextData`; the JS SDK sends none with
//! ResendConfirmationCode, and neither do we.

use super::one_request::{After, Needs, OneRequest, Tells};
use super::Operation;
use crate::json::{Object, Value};
use crate::prelude::*;

/// `pool.signUp`: registers the user; Cognito's answer says whether a confirmation code
/// is on its way.
pub static SIGN_UP: OneRequest = OneRequest {
    operation: Operation::SignUp,
    needs: Needs::Nothing,
    body: body![
        "ClientId" = ClientId,
        "Username" = Text("username"),
        "Password" = Text("password"),
        "UserAttributes" = UserAttributes("userAttributes"),
        "ValidationData" = UserAttributes("validationData"),
        "ClientMetadata" = Metadata,
        "UserContextData" = UserContext,
    ],
    tells: Tells::SignedUp,
    after: After::Nothing,
};

/// `confirmRegistration`: the code from the sign-up message.
pub static CONFIRM_SIGN_UP: OneRequest = OneRequest {
    operation: Operation::ConfirmSignUp,
    needs: Needs::Nothing,
    body: body![
        "ClientId" = ClientId,
        "ConfirmationCode" = Text("code"),
        "Username" = Username,
        "ForceAliasCreation" = Flag("forceAliasCreation"),
        "ClientMetadata" = Metadata,
        "UserContextData" = UserContext,
    ],
    tells: Tells::Success,
    after: After::Nothing,
};

pub static RESEND_CONFIRMATION_CODE: OneRequest = OneRequest {
    operation: Operation::ResendConfirmationCode,
    needs: Needs::Nothing,
    body: body!["ClientId" = ClientId, "Username" = Username, "ClientMetadata" = Metadata],
    tells: Tells::Answer,
    after: After::Nothing,
};

/// `signUp`'s result from SignUp's `answer`: `{ username, userConfirmed, userSub,
/// codeDeliveryDetails }` (the JS makes `user`). What Cognito left out (or sent as null)
/// stays out: the JS reads it as undefined, as the SDK gives it. `None` for an answer
/// that does not say whether the user is confirmed, or whose UserSub is no text: not
/// SignUp's. Checked in place, not decoded into a record.
pub fn signed_up(username: String, answer: &Value) -> Option<Value> {
    let confirmed = answer["UserConfirmed"].as_bool()?;
    let sub = match &answer["UserSub"] {
        Value::Null => None,
        sub => Some(sub.as_str()?),
    };
    let mut result = Object::new();
    result.insert("username", Value::String(username));
    result.insert("userConfirmed", Value::Bool(confirmed));
    if let Some(sub) = sub {
        result.insert("userSub", Value::String(sub.to_string()));
    }
    match &answer["CodeDeliveryDetails"] {
        Value::Null => {}
        details => result.insert("codeDeliveryDetails", details.clone()),
    }
    Some(Value::Object(result))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn result(answer: Value) -> Option<String> {
        signed_up("u".into(), &answer).map(|r| r.stringify())
    }

    #[test]
    fn sign_up_answers_become_the_sdks_result_and_others_are_refused() {
        assert_eq!(
            result(json!({"UserSub":"s","UserConfirmed":false,"CodeDeliveryDetails":{"DeliveryMedium":"EMAIL"},"X":1}))
                .as_deref(),
            Some(
                r#"{"username":"u","userConfirmed":false,"userSub":"s","codeDeliveryDetails":{"DeliveryMedium":"EMAIL"}}"#
            )
        );
        // What Cognito leaves out, or sends as null, stays out.
        let bare = Some(r#"{"username":"u","userConfirmed":true}"#.to_string());
        assert_eq!(result(json!({"UserConfirmed":true})), bare);
        assert_eq!(result(json!({"UserConfirmed":true,"UserSub":null,"CodeDeliveryDetails":null})), bare);
        assert_eq!(result(json!({"UserSub":"s"})), None, "UserConfirmed is required");
        for answer in [json!({"UserConfirmed":"yes"}), json!({"UserConfirmed":true,"UserSub":5}), json!([])] {
            assert_eq!(result(answer), None);
        }
    }
}
