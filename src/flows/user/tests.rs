use super::*;
use crate::auth::device::DeviceSecrets;
use crate::flows::single_flight::tests::run;
use crate::flows::tests::{env, pool, tokens, FakeServer};
use crate::json;
use crate::json::Value;
use crate::protocol::Operation;
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
    let answer = run(call(&env, &ALICE, &UserCall::GetUser)).unwrap();
    assert_eq!(answer.get("Username").and_then(Value::as_str), Some("alice"));
    assert_eq!(sent(&server, 0), (Operation::GetUser, json!({"AccessToken":"token"})));
}

#[test]
fn without_a_session_nothing_is_sent_but_the_forgot_password_pair_needs_none() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let nobody = Caller { username: "alice", access_token: &signed_out };
    let err = run(call(&env, &nobody, &UserCall::VerifyAttribute { name: "email".into(), code: "1".into() }));
    assert_eq!(err.unwrap_err().message, "User is not authenticated");
    assert!(server.requests.borrow().is_empty());
    server.answer(200, json!({"CodeDeliveryDetails":{}}));
    run(call(&env, &nobody, &UserCall::ForgotPassword { client_metadata: None })).unwrap();
    assert_eq!(sent(&server, 0), (Operation::ForgotPassword, json!({"ClientId":"client","Username":"alice"})));
}

#[test]
fn this_browsers_device_calls_need_a_remembered_device() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let err = run(call(&env, &ALICE, &UserCall::GetDevice)).unwrap_err();
    assert_eq!(err.code(), "DeviceNotRememberedException");
    assert!(server.requests.borrow().is_empty());
    remember(&storage, "dk");
    server.answer(200, json!({"Device":{}}));
    run(call(&env, &ALICE, &UserCall::SetDeviceStatus { remembered: false })).unwrap();
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
    run(call(&env, &ALICE, &UserCall::ForgetSpecificDevice { key: "other".into() })).unwrap();
    assert!(sessions.load_device("alice").is_some(), "another device's key leaves this one remembered");
    run(call(&env, &ALICE, &UserCall::ForgetSpecificDevice { key: "dk".into() })).unwrap();
    assert!(sessions.load_device("alice").is_none());
    // Refused by Cognito: nothing changes here.
    remember(&storage, "dk");
    run(call(&env, &ALICE, &UserCall::ForgetDevice)).unwrap_err();
    assert!(sessions.load_device("alice").is_some(), "a refused forget keeps the device");
}

#[test]
fn deleting_the_user_or_signing_out_everywhere_clears_the_stored_session() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let sessions = SessionStore::new(&storage, "client");
    for op in [UserCall::GlobalSignOut, UserCall::DeleteUser { client_metadata: None }] {
        signed_in(&storage);
        server.answer(400, json!({"__type":"InternalErrorException"}));
        run(call(&env, &ALICE, &op)).unwrap_err();
        assert!(sessions.load("alice").is_some(), "a failed call keeps the session");
        server.answer(200, json!({}));
        run(call(&env, &ALICE, &op)).unwrap();
        assert!(sessions.load("alice").is_none(), "{op:?} clears the stored session");
    }
}
