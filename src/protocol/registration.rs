//! Bodies of registration: SignUp, ConfirmSignUp, ResendConfirmationCode. Optional fields
//! are left out when unset, as `JSON.stringify` drops `undefined`. SignUp and ConfirmSignUp
//! carry advanced security's `UserContextData`; the JS SDK sends none with
//! ResendConfirmationCode, and neither do we.

use super::types::{AttributeType, StringMap};
use super::{text_fields, with_metadata, with_metadata_and_context, Operation, Request, UserContextData};
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

pub fn confirm_sign_up(
    client_id: &str, username: &str, confirmation_code: &str, force_alias_creation: bool,
    client_metadata: Option<&StringMap>, user_context: &UserContextData,
) -> Request {
    let mut body =
        text_fields(&["ClientId", "ConfirmationCode", "Username"], &[client_id, confirmation_code, username]);
    body.insert("ForceAliasCreation", Value::Bool(force_alias_creation));
    Request::new(Operation::ConfirmSignUp, with_metadata_and_context(body, client_metadata, user_context))
}

pub fn resend_confirmation_code(client_id: &str, username: &str, client_metadata: Option<&StringMap>) -> Request {
    Request::new(
        Operation::ResendConfirmationCode,
        with_metadata(text_fields(&["ClientId", "Username"], &[client_id, username]), client_metadata),
    )
}

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
        assert_eq!(
            confirm_sign_up("c", "u", "123", false, None, &UserContextData::Absent).text(),
            r#"{"ClientId":"c","ConfirmationCode":"123","Username":"u","ForceAliasCreation":false}"#
        );
        assert_eq!(resend_confirmation_code("c", "u", None).text(), r#"{"ClientId":"c","Username":"u"}"#);
    }

    #[test]
    fn sign_up_and_its_confirmation_carry_the_context_data_last() {
        let encoded = UserContextData::Encoded("E".into());
        let meta: StringMap = [("k".to_string(), "v".to_string())].into();
        assert_eq!(
            sign_up("c", "u", "p", None, None, Some(&meta), &encoded).text(),
            r#"{"ClientId":"c","Username":"u","Password":"p","ClientMetadata":{"k":"v"},"UserContextData":{"EncodedData":"E"}}"#
        );
        assert_eq!(
            confirm_sign_up("c", "u", "1", true, None, &UserContextData::Empty).text(),
            r#"{"ClientId":"c","ConfirmationCode":"1","Username":"u","ForceAliasCreation":true,"UserContextData":{}}"#
        );
    }
}
