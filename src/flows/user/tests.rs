use super::*;
use crate::auth::device::DeviceSecrets;
use crate::flows::pool::PoolConfig;
use crate::flows::test_executor::run;
use crate::flows::tests::{env, pool, tokens, FakeServer};
use crate::json;
use crate::json::Value;
use crate::protocol::account::*;
use crate::protocol::one_request::OneRequest;
use crate::protocol::registration::{CONFIRM_SIGN_UP, RESEND_CONFIRMATION_CODE, SIGN_UP};
use crate::protocol::user_context::ContextDataSource;
use crate::protocol::{Operation, UserContextData};
use crate::session::Session;
use crate::storage::{MemoryStorage, SessionStore};

fn signed_in(storage: &MemoryStorage) {
    let (id, access) = tokens(crate::flows::tests::NOW + 3600);
    SessionStore::new(storage, "client").save("alice", &Session::issued(&id, &access, "r", 0)).unwrap();
}

fn remember(storage: &MemoryStorage, key: &str) {
    let device = DeviceSecrets { key: key.into(), group_key: "g".into(), password: "p".into() };
    SessionStore::new(storage, "client").save_device("alice", &device).unwrap();
}

fn token() -> Result<String, CognitoError> {
    Ok("token".into())
}

fn signed_out() -> Result<String, CognitoError> {
    Err(CognitoError::not_authenticated("User is not authenticated"))
}

const ALICE: Caller = Caller { username: "alice", access_token: &token };

fn sent(server: &FakeServer, i: usize) -> (Operation, Value) {
    let r = server.requests.borrow()[i].clone();
    (r.operation, json::parse(&r.text()).unwrap())
}

#[test]
fn a_call_sends_its_request_with_the_access_token_and_returns_the_answer() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    server.answer(200, json!({"Username":"alice","UserAttributes":[]}));
    let answer = run(call(&env, &ALICE, &GET_USER, &Value::Null)).unwrap();
    assert_eq!(answer.get("Username").and_then(Value::as_str), Some("alice"));
    assert_eq!(sent(&server, 0), (Operation::GetUser, json!({"AccessToken":"token"})));
}

#[test]
fn without_a_session_nothing_is_sent_but_the_forgot_password_pair_needs_none() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let nobody = Caller { username: "alice", access_token: &signed_out };
    let err = run(call(&env, &nobody, &VERIFY_USER_ATTRIBUTE, &json!({"name":"email","code":"1"})));
    assert_eq!(err.unwrap_err().message, "User is not authenticated");
    assert!(server.requests.borrow().is_empty());
    server.answer(200, json!({"CodeDeliveryDetails":{}}));
    run(call(&env, &nobody, &FORGOT_PASSWORD, &Value::Null)).unwrap();
    assert_eq!(sent(&server, 0), (Operation::ForgotPassword, json!({"ClientId":"client","Username":"alice"})));
}

#[test]
fn this_browsers_device_calls_need_a_remembered_device() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let err = run(call(&env, &ALICE, &GET_DEVICE, &Value::Null)).unwrap_err();
    assert_eq!(err.code(), "DeviceNotRememberedException");
    assert!(server.requests.borrow().is_empty());
    remember(&storage, "dk");
    server.answer(200, json!({"Device":{}}));
    run(call(&env, &ALICE, &DO_NOT_REMEMBER_DEVICE, &Value::Null)).unwrap();
    assert_eq!(
        sent(&server, 0).1,
        json!({"AccessToken":"token","DeviceKey":"dk","DeviceRememberedStatus":"not_remembered"})
    );
}

#[test]
fn forgetting_a_device_forgets_it_here_only_when_it_is_this_browsers() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let sessions = SessionStore::new(&storage, "client");
    remember(&storage, "dk");
    server.answer(200, json!({})).answer(200, json!({})).answer(400, json!({"__type":"NotAuthorizedException"}));
    run(call(&env, &ALICE, &FORGET_SPECIFIC_DEVICE, &json!({"deviceKey":"other"}))).unwrap();
    assert!(sessions.load_device("alice").is_some(), "another device's key leaves this one remembered");
    run(call(&env, &ALICE, &FORGET_SPECIFIC_DEVICE, &json!({"deviceKey":"dk"}))).unwrap();
    assert!(sessions.load_device("alice").is_none());
    // Refused by Cognito: nothing changes here.
    remember(&storage, "dk");
    run(call(&env, &ALICE, &FORGET_DEVICE, &Value::Null)).unwrap_err();
    assert!(sessions.load_device("alice").is_some(), "a refused forget keeps the device");
}

#[test]
fn deleting_the_user_or_signing_out_everywhere_clears_the_stored_session() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let sessions = SessionStore::new(&storage, "client");
    for (name, row) in [("GlobalSignOut", &GLOBAL_SIGN_OUT), ("DeleteUser", &DELETE_USER)] {
        signed_in(&storage);
        server.answer(400, json!({"__type":"InternalErrorException"}));
        run(call(&env, &ALICE, row, &Value::Null)).unwrap_err();
        assert!(sessions.load("alice").is_some(), "a failed call keeps the session");
        server.answer(200, json!({}));
        run(call(&env, &ALICE, row, &Value::Null)).unwrap();
        assert!(sessions.load("alice").is_none(), "{name} clears the stored session");
    }
}

/// A collector that gives what `UserContextData` is to be sent (none without one).
struct Gives(UserContextData);

impl ContextDataSource for Gives {
    fn is_present(&self) -> bool {
        self.0 != UserContextData::Absent
    }
    fn encoded_data(&self, _: &str, _: &str, _: &str) -> Option<String> {
        match &self.0 {
            UserContextData::Encoded(data) => Some(data.clone()),
            _ => None,
        }
    }
}

fn t() -> Result<String, CognitoError> {
    Ok("t".into())
}

/// The request `row` sends with `args` for user "u" of client "c", signed in (access
/// token "t"), this browser's device "dk", the collector giving `context`.
fn request_with(row: &OneRequest, args: Value, context: UserContextData) -> Request {
    let pool = PoolConfig { client_id: "c".into(), ..pool() };
    let (server, storage, collector) = (FakeServer::default(), MemoryStorage::new(), Gives(context));
    let env = Env { context_data: &collector, ..env(&pool, &server, &storage) };
    let device = DeviceSecrets { key: "dk".into(), group_key: "g".into(), password: "p".into() };
    SessionStore::new(&storage, "c").save_device("u", &device).unwrap();
    server.answer(200, json!({}));
    run(call(&env, &Caller { username: "u", access_token: &t }, row, &args)).unwrap();
    let request = server.requests.borrow()[0].clone();
    request
}

fn request(row: &OneRequest, args: Value) -> Request {
    request_with(row, args, UserContextData::Absent)
}

fn body(row: &OneRequest, args: Value) -> Value {
    json::parse(&request(row, args).text()).unwrap()
}

fn text(row: &OneRequest, args: Value) -> String {
    request(row, args).text()
}

#[test]
fn bodies_match_the_sdk_wire_format() {
    let attrs = json!([{"Name":"email","Value":"a@b"}]);
    let r = request(&UPDATE_USER_ATTRIBUTES, json!({ "attributes": attrs }));
    assert_eq!(r.operation, Operation::UpdateUserAttributes);
    assert_eq!(
        json::parse(&r.text()).unwrap(),
        json!({"AccessToken":"t","UserAttributes":[{"Name":"email","Value":"a@b"}]})
    );
    assert_eq!(
        body(&CHANGE_PASSWORD, json!({"oldPassword":"old","newPassword":"new","clientMetadata":{"k":"v"}})),
        json!({"PreviousPassword":"old","ProposedPassword":"new","AccessToken":"t","ClientMetadata":{"k":"v"}})
    );
    assert_eq!(
        body(&ENABLE_SMS_MFA, Value::Null),
        json!({"MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}],"AccessToken":"t"})
    );
    assert_eq!(body(&DISABLE_SMS_MFA, Value::Null), json!({"MFAOptions":[],"AccessToken":"t"}));
    assert_eq!(
        body(&CONFIRM_FORGOT_PASSWORD, json!({"code":"123","newPassword":"pw"})),
        json!({"ClientId":"c","Username":"u","ConfirmationCode":"123","Password":"pw"})
    );
    assert_eq!(
        request_with(&FORGOT_PASSWORD, Value::Null, UserContextData::Encoded("E".into())).text(),
        r#"{"ClientId":"c","Username":"u","UserContextData":{"EncodedData":"E"}}"#
    );
}

#[test]
fn sign_up_and_its_confirmation_carry_the_context_data_last() {
    let args = json!({"username":"u","password":"p","clientMetadata":{"k":"v"}});
    assert_eq!(
        request_with(&SIGN_UP, args, UserContextData::Encoded("E".into())).text(),
        r#"{"ClientId":"c","Username":"u","Password":"p","ClientMetadata":{"k":"v"},"UserContextData":{"EncodedData":"E"}}"#
    );
}

/// A collector whose data names the user it was asked for.
struct NamesTheUser;

impl ContextDataSource for NamesTheUser {
    fn is_present(&self) -> bool {
        true
    }
    fn encoded_data(&self, username: &str, _: &str, _: &str) -> Option<String> {
        Some(username.into())
    }
}

#[test]
fn sign_up_collects_the_context_data_for_the_user_it_registers() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = Env { context_data: &NamesTheUser, ..env(&pool, &server, &storage) };
    server.answer(200, json!({"UserConfirmed":false})).answer(200, json!({}));
    let args = json!({"username":"new","password":"p"});
    run(call(&env, &Caller { username: "", access_token: &signed_out }, &SIGN_UP, &args)).unwrap();
    assert_eq!(sent(&server, 0).1["UserContextData"], json!({"EncodedData":"new"}));
    run(call(&env, &ALICE, &FORGOT_PASSWORD, &Value::Null)).unwrap();
    assert_eq!(sent(&server, 1).1["UserContextData"], json!({"EncodedData":"alice"}));
}

#[test]
fn sign_up_refuses_attribute_lists_of_the_wrong_shape_before_sending() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    for args in [
        json!({"username":"u","password":"p","userAttributes":{"Name":"email"}}),
        json!({"username":"u","password":"p","userAttributes":[],"validationData":[{"Value":"v"}]}),
    ] {
        let err = run(call(&env, &ALICE, &SIGN_UP, &args)).unwrap_err();
        assert_eq!(
            (err.code(), err.message.as_str()),
            (
                "InvalidParameterException",
                "User attributes must be a list of { Name, Value } (CognitoUserAttribute) objects."
            )
        );
    }
    assert!(server.requests.borrow().is_empty());
}

#[test]
fn attribute_lists_are_sent_as_name_and_value_alone() {
    // A missing or null Value is ''; other members are left out.
    let attributes = json!([{"Name":"a"},{"Name":"b","Value":null},{"Value":"v","Name":"c","Extra":1}]);
    assert_eq!(
        text(&UPDATE_USER_ATTRIBUTES, json!({ "attributes": attributes })),
        r#"{"AccessToken":"t","UserAttributes":[{"Name":"a","Value":""},{"Name":"b","Value":""},{"Name":"c","Value":"v"}]}"#
    );
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    for attributes in [json!([{"Name":1,"Value":"v"}]), json!([{"Name":"a","Value":2}]), json!(["a"]), json!({})] {
        let err = run(call(&env, &ALICE, &UPDATE_USER_ATTRIBUTES, &json!({ "attributes": attributes }))).unwrap_err();
        assert_eq!(err.message, "Attributes must be a list of { Name, Value } (CognitoUserAttribute) objects.");
    }
    for names in [json!(["a", 1]), json!({}), Value::Null] {
        let err = run(call(&env, &ALICE, &DELETE_USER_ATTRIBUTES, &json!({ "names": names }))).unwrap_err();
        assert_eq!(err.message, "Attribute names must be a list of strings.");
    }
    assert!(server.requests.borrow().is_empty());
}

#[test]
fn mfa_preference_leaves_out_unset_kinds() {
    let args = json!({"totp":{"Enabled":true,"PreferredMfa":true},"email":null});
    assert_eq!(
        body(&SET_USER_MFA_PREFERENCE, args),
        json!({"AccessToken":"t","SoftwareTokenMfaSettings":{"Enabled":true,"PreferredMfa":true}})
    );
}

#[test]
fn bodies_keep_the_field_order_they_are_written_in() {
    assert_eq!(
        text(&DELETE_USER_ATTRIBUTES, json!({"names":["a"]})),
        r#"{"UserAttributeNames":["a"],"AccessToken":"t"}"#
    );
    assert_eq!(
        text(&LIST_DEVICES, json!({"limit":10,"paginationToken":"p"})),
        r#"{"AccessToken":"t","Limit":10,"PaginationToken":"p"}"#
    );
}

#[test]
fn registration_fields_go_out_in_the_sdk_order() {
    let args = json!({
        "username": "u", "password": "p", "userAttributes": [{"Name":"email","Value":"a@b"}], "validationData": null,
        "clientMetadata": {"k":"v"},
    });
    let expected = r#"{"ClientId":"c","Username":"u","Password":"p","UserAttributes":[{"Name":"email","Value":"a@b"}],"ClientMetadata":{"k":"v"}}"#;
    assert_eq!(text(&SIGN_UP, args), expected);
    assert_eq!(
        text(&CONFIRM_SIGN_UP, json!({"code":"123","forceAliasCreation":false})),
        r#"{"ClientId":"c","ConfirmationCode":"123","Username":"u","ForceAliasCreation":false}"#
    );
    assert_eq!(text(&RESEND_CONFIRMATION_CODE, Value::Null), r#"{"ClientId":"c","Username":"u"}"#);
    assert_eq!(
        request_with(&CONFIRM_SIGN_UP, json!({"code":"1","forceAliasCreation":true}), UserContextData::Empty).text(),
        r#"{"ClientId":"c","ConfirmationCode":"1","Username":"u","ForceAliasCreation":true,"UserContextData":{}}"#
    );
}

/// Every row of the table with typical arguments: its operation and its body, byte for byte.
#[test]
fn every_row_sends_its_operation_and_body() {
    let meta = json!({"k":"v"});
    let cases: [(&OneRequest, Value, Operation, &str); 30] = [
        (&ASSOCIATE_SOFTWARE_TOKEN, Value::Null, Operation::AssociateSoftwareToken, r#"{"AccessToken":"t"}"#),
        (
            &ASSOCIATE_SOFTWARE_TOKEN_IN_CHALLENGE,
            json!({"Session":"s"}),
            Operation::AssociateSoftwareToken,
            r#"{"Session":"s"}"#,
        ),
        (
            &VERIFY_SOFTWARE_TOKEN,
            json!({"code":"123456","friendlyDeviceName":"phone"}),
            Operation::VerifySoftwareToken,
            r#"{"AccessToken":"t","UserCode":"123456","FriendlyDeviceName":"phone"}"#,
        ),
        (
            &SIGN_UP,
            json!({"username":"u","password":"p","validationData":[{"Name":"n","Value":"v","Extra":1}]}),
            Operation::SignUp,
            r#"{"ClientId":"c","Username":"u","Password":"p","ValidationData":[{"Name":"n","Value":"v"}]}"#,
        ),
        (&GET_USER, Value::Null, Operation::GetUser, r#"{"AccessToken":"t"}"#),
        (&GET_USER_ATTRIBUTES, Value::Null, Operation::GetUser, r#"{"AccessToken":"t"}"#),
        (&GET_MFA_OPTIONS, Value::Null, Operation::GetUser, r#"{"AccessToken":"t"}"#),
        (
            &UPDATE_USER_ATTRIBUTES,
            json!({"attributes":[{"Name":"n","Value":"v"}],"clientMetadata":meta}),
            Operation::UpdateUserAttributes,
            r#"{"AccessToken":"t","UserAttributes":[{"Name":"n","Value":"v"}],"ClientMetadata":{"k":"v"}}"#,
        ),
        (
            &DELETE_USER_ATTRIBUTES,
            json!({"names":["a","b"]}),
            Operation::DeleteUserAttributes,
            r#"{"UserAttributeNames":["a","b"],"AccessToken":"t"}"#,
        ),
        (
            &GET_USER_ATTRIBUTE_VERIFICATION_CODE,
            json!({"name":"email","clientMetadata":meta}),
            Operation::GetUserAttributeVerificationCode,
            r#"{"AttributeName":"email","AccessToken":"t","ClientMetadata":{"k":"v"}}"#,
        ),
        (
            &VERIFY_USER_ATTRIBUTE,
            json!({"name":"email","code":"1"}),
            Operation::VerifyUserAttribute,
            r#"{"AttributeName":"email","Code":"1","AccessToken":"t"}"#,
        ),
        (
            &CHANGE_PASSWORD,
            json!({"oldPassword":"o","newPassword":"n"}),
            Operation::ChangePassword,
            r#"{"PreviousPassword":"o","ProposedPassword":"n","AccessToken":"t"}"#,
        ),
        (
            &FORGOT_PASSWORD,
            json!({"clientMetadata":meta}),
            Operation::ForgotPassword,
            r#"{"ClientId":"c","Username":"u","ClientMetadata":{"k":"v"}}"#,
        ),
        (
            &CONFIRM_FORGOT_PASSWORD,
            json!({"code":"1","newPassword":"n","clientMetadata":meta}),
            Operation::ConfirmForgotPassword,
            r#"{"ClientId":"c","Username":"u","ConfirmationCode":"1","Password":"n","ClientMetadata":{"k":"v"}}"#,
        ),
        (
            &DELETE_USER,
            json!({"clientMetadata":meta}),
            Operation::DeleteUser,
            r#"{"AccessToken":"t","ClientMetadata":{"k":"v"}}"#,
        ),
        (
            &ENABLE_SMS_MFA,
            Value::Null,
            Operation::SetUserSettings,
            r#"{"MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}],"AccessToken":"t"}"#,
        ),
        (&DISABLE_SMS_MFA, Value::Null, Operation::SetUserSettings, r#"{"MFAOptions":[],"AccessToken":"t"}"#),
        (
            &SET_USER_MFA_PREFERENCE,
            json!({"sms":{"Enabled":false},"totp":null,"email":{"Enabled":true,"PreferredMfa":true}}),
            Operation::SetUserMFAPreference,
            r#"{"AccessToken":"t","SMSMfaSettings":{"Enabled":false},"EmailMfaSettings":{"Enabled":true,"PreferredMfa":true}}"#,
        ),
        (&GLOBAL_SIGN_OUT, Value::Null, Operation::GlobalSignOut, r#"{"AccessToken":"t"}"#),
        (&GET_DEVICE, Value::Null, Operation::GetDevice, r#"{"AccessToken":"t","DeviceKey":"dk"}"#),
        (&LIST_DEVICES, json!({"limit":60}), Operation::ListDevices, r#"{"AccessToken":"t","Limit":60}"#),
        (
            &REMEMBER_DEVICE,
            Value::Null,
            Operation::UpdateDeviceStatus,
            r#"{"AccessToken":"t","DeviceKey":"dk","DeviceRememberedStatus":"remembered"}"#,
        ),
        (
            &DO_NOT_REMEMBER_DEVICE,
            Value::Null,
            Operation::UpdateDeviceStatus,
            r#"{"AccessToken":"t","DeviceKey":"dk","DeviceRememberedStatus":"not_remembered"}"#,
        ),
        (&FORGET_DEVICE, Value::Null, Operation::ForgetDevice, r#"{"AccessToken":"t","DeviceKey":"dk"}"#),
        (
            &FORGET_SPECIFIC_DEVICE,
            json!({"deviceKey":"other"}),
            Operation::ForgetDevice,
            r#"{"AccessToken":"t","DeviceKey":"other"}"#,
        ),
        (&START_WEBAUTHN_REGISTRATION, Value::Null, Operation::StartWebAuthnRegistration, r#"{"AccessToken":"t"}"#),
        (
            &COMPLETE_WEBAUTHN_REGISTRATION,
            json!({"credential":{"id":"x","response":{}}}),
            Operation::CompleteWebAuthnRegistration,
            r#"{"AccessToken":"t","Credential":{"id":"x","response":{}}}"#,
        ),
        (
            &LIST_WEBAUTHN_CREDENTIALS,
            json!({"maxResults":5,"nextToken":"n"}),
            Operation::ListWebAuthnCredentials,
            r#"{"AccessToken":"t","MaxResults":5,"NextToken":"n"}"#,
        ),
        (
            &DELETE_WEBAUTHN_CREDENTIAL,
            json!({"credentialId":"cred"}),
            Operation::DeleteWebAuthnCredential,
            r#"{"AccessToken":"t","CredentialId":"cred"}"#,
        ),
        (
            &RESEND_CONFIRMATION_CODE,
            json!({"clientMetadata":meta}),
            Operation::ResendConfirmationCode,
            r#"{"ClientId":"c","Username":"u","ClientMetadata":{"k":"v"}}"#,
        ),
    ];
    for (row, args, operation, expected) in cases {
        let r = request(row, args);
        assert_eq!((r.operation, r.text().as_str()), (operation, expected));
    }
}

#[test]
fn arguments_of_the_wrong_kind_are_sent_as_the_sdk_would_or_left_out() {
    // A missing or non-text text argument is '' (never "undefined"); a flag is false
    // unless true; counts below 1 and non-text optional texts are left out; a fractional
    // count is cut to a whole number; client metadata keeps its text members only.
    assert_eq!(
        text(&CONFIRM_SIGN_UP, json!({"code":5,"forceAliasCreation":"yes","clientMetadata":{"a":"1","b":2,"c":"3"}})),
        r#"{"ClientId":"c","ConfirmationCode":"","Username":"u","ForceAliasCreation":false,"ClientMetadata":{"a":"1","c":"3"}}"#
    );
    assert_eq!(text(&LIST_DEVICES, json!({"limit":0,"paginationToken":7})), r#"{"AccessToken":"t"}"#);
    assert_eq!(
        text(&LIST_WEBAUTHN_CREDENTIALS, json::parse(r#"{"maxResults":2.7}"#).unwrap()),
        r#"{"AccessToken":"t","MaxResults":2}"#
    );
    assert_eq!(text(&DELETE_USER, json!({"clientMetadata":"k=v"})), r#"{"AccessToken":"t"}"#);
    // The passkey credential goes as given, null included.
    assert_eq!(text(&COMPLETE_WEBAUTHN_REGISTRATION, Value::Null), r#"{"AccessToken":"t","Credential":null}"#);
}

#[test]
fn checks_fail_in_the_sdks_order() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let nobody = Caller { username: "alice", access_token: &signed_out };
    let code = |row: &OneRequest, caller: &Caller, args: Value| {
        run(call(&env, caller, row, &args)).unwrap_err().code().to_string()
    };
    // A missing session is reported before bad arguments.
    assert_eq!(code(&UPDATE_USER_ATTRIBUTES, &nobody, json!({"attributes":"x"})), "UserUnAuthenticatedException");
    assert_eq!(code(&DELETE_USER_ATTRIBUTES, &nobody, json!({"names":[1]})), "UserUnAuthenticatedException");
    let bad = run(call(&env, &ALICE, &UPDATE_USER_ATTRIBUTES, &json!({"attributes":[{"Value":"v"}]}))).unwrap_err();
    assert_eq!(
        (bad.code(), bad.message.as_str()),
        ("InvalidParameterException", "Attributes must be a list of { Name, Value } (CognitoUserAttribute) objects.")
    );
    let bad = run(call(&env, &ALICE, &DELETE_USER_ATTRIBUTES, &json!({"names":"a"}))).unwrap_err();
    assert_eq!(bad.message, "Attribute names must be a list of strings.");
    // forgetDevice looks for this browser's device before the token; the others ask the token first.
    assert_eq!(code(&FORGET_DEVICE, &nobody, Value::Null), "DeviceNotRememberedException");
    assert_eq!(code(&GET_DEVICE, &nobody, Value::Null), "UserUnAuthenticatedException");
    assert_eq!(code(&REMEMBER_DEVICE, &nobody, Value::Null), "UserUnAuthenticatedException");
    assert_eq!(code(&REMEMBER_DEVICE, &ALICE, Value::Null), "DeviceNotRememberedException");
    assert!(server.requests.borrow().is_empty());
    // Registration needs no token either.
    server.answer(200, json!({})).answer(200, json!({}));
    run(call(&env, &nobody, &CONFIRM_SIGN_UP, &json!({"code":"1"}))).unwrap();
    run(call(&env, &nobody, &RESEND_CONFIRMATION_CODE, &Value::Null)).unwrap();
    assert_eq!(server.requests.borrow().len(), 2);
}
