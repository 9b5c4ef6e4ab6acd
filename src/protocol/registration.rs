//! Bodies of registration: SignUp (a function), ConfirmSignUp and ResendConfirmationCode
//! (rows of the one-request table, [`super::one_request`]). Optional fields are left out
//! when unset, as `JSON.stringify` drops `undefined`. SignUp and ConfirmSignUp carry
//! advanced security's `UserContextData`; the JS SDK sends none with
//! ResendConfirmationCode, and neither do we.

use super::one_request::{After, Needs, OneRequest, Source::*, Tells};
use super::types::{AttributeType, StringMap};
use super::{text_fields, with_metadata_and_context, Operation, Request, UserContextData};
use crate::json;
use crate::json::Value;

pub fn sign_up(
    client_id: &str, username: &str, password: &str, user_attributes: Option<&[AttributeType]>,
    validation_data: Option<&[AttributeType]>, client_metadata: Option<&StringMap>, user_context: &UserContextData,
) -> Request {
    let mut body = text_fields(&["ClientId", "Username", "Password"], &[client_id, username, password]);
    insert_attributes(&mut body, "UserAttributes", user_attributes);
    insert_attributes(&mut body, "ValidationData", validation_data);
    Request::new(Operation::SignUp, with_metadata_and_context(body, client_metadata, user_context))
}

/// Adds a list of attributes when there is one (the SDK sends `undefined`, i.e. nothing,
/// otherwise).
fn insert_attributes(body: &mut Value, name: &str, list: Option<&[AttributeType]>) {
    if let Some(list) = list {
        body.insert(name, json!(list));
    }
}

/// `confirmRegistration`: the code from the sign-up message.
pub static CONFIRM_SIGN_UP: OneRequest = OneRequest {
    operation: Operation::ConfirmSignUp,
    needs: Needs::Nothing,
    body: &[
        ("ClientId", ClientId),
        ("ConfirmationCode", Text("code")),
        ("Username", Username),
        ("ForceAliasCreation", Flag("forceAliasCreation")),
        ("ClientMetadata", Metadata),
        ("UserContextData", UserContext),
    ],
    tells: Tells::Success,
    after: After::Nothing,
};

pub static RESEND_CONFIRMATION_CODE: OneRequest = OneRequest {
    operation: Operation::ResendConfirmationCode,
    needs: Needs::Nothing,
    body: &[("ClientId", ClientId), ("Username", Username), ("ClientMetadata", Metadata)],
    tells: Tells::Answer,
    after: After::Nothing,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_fields_go_out_in_the_sdk_order() {
        let attributes = [AttributeType { name: "email".into(), value: "a@b".into() }];
        let meta: StringMap = [("k".to_string(), "v".to_string())].into();
        let body = sign_up("c", "u", "p", Some(&attributes), None, Some(&meta), &UserContextData::Absent);
        let expected = r#"{"ClientId":"c","Username":"u","Password":"p","UserAttributes":[{"Name":"email","Value":"a@b"}],"ClientMetadata":{"k":"v"}}"#;
        assert_eq!(body.text(), expected);
    }

    #[test]
    fn sign_up_and_its_confirmation_carry_the_context_data_last() {
        let encoded = UserContextData::Encoded("E".into());
        let meta: StringMap = [("k".to_string(), "v".to_string())].into();
        assert_eq!(
            sign_up("c", "u", "p", None, None, Some(&meta), &encoded).text(),
            r#"{"ClientId":"c","Username":"u","Password":"p","ClientMetadata":{"k":"v"},"UserContextData":{"EncodedData":"E"}}"#
        );
    }
}
