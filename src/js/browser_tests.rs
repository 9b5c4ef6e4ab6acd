//! Tests that need a real browser: run by `wasm-pack test --headless --chrome`.
//! They exercise the browser edge (localStorage, fetch, callbacks) and a full sign-in
//! through it against ministack on 127.0.0.1 (started by scripts/test.sh).

use super::fetch::FetchTransport;
use super::js_storage::{usable_local_storage, JsStorage};
use crate::auth::SignInParams;
use crate::flows::clock::now_secs;
use crate::flows::pool::PoolConfig;
use crate::flows::sign_in::{self, Begin, SignInOutcome};
use crate::flows::user::{self, Caller};
use crate::flows::Env;
use crate::json;
use crate::json::Value;
use crate::protocol::challenge::AuthFlow;
use crate::protocol::user_context::NoCollector;
use crate::protocol::{account, registration};
use crate::srp::SrpClient;
use crate::storage::{keys, SessionStore, Storage};
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MINISTACK: &str = match option_env!("MINISTACK_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:4566",
};

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// An admin call to ministack with raw fetch (it needs an Authorization header naming key `test`).
async fn admin(operation: &str, body: Value) -> Value {
    let headers = Object::new();
    for (k, v) in [
        ("Content-Type", "application/x-amz-json-1.1".to_string()),
        ("X-Amz-Target", format!("AWSCognitoIdentityProviderService.{operation}")),
        ("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0".to_string()),
    ] {
        Reflect::set(&headers, &k.into(), &v.into()).unwrap();
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body.stringify()));
    let resp: web_sys::Response = JsFuture::from(web_sys::window().unwrap().fetch_with_str_and_init(MINISTACK, &init))
        .await
        .unwrap()
        .unchecked_into();
    let text = JsFuture::from(resp.text().unwrap()).await.unwrap().as_string().unwrap();
    assert!(resp.ok(), "{operation}: {text}");
    json::parse(&text).unwrap()
}

#[wasm_bindgen_test]
fn local_storage_is_usable_and_js_storage_round_trips() {
    super::host::install_for_tests();
    let storage = usable_local_storage().expect("localStorage expected in a browser page");
    assert!(storage.dyn_ref::<web_sys::Storage>().is_some(), "localStorage expected in a browser page");
    let s = JsStorage(super::host::storage_id(&storage));
    s.set_item("cognito-wasm-test", "v1").unwrap();
    assert_eq!(local_storage().get_item("cognito-wasm-test").unwrap().as_deref(), Some("v1"));
    s.remove_item("cognito-wasm-test");
    assert_eq!(s.get_item("cognito-wasm-test"), None);
}

#[wasm_bindgen_test]
fn a_throwing_storage_object_never_throws_through() {
    super::host::install_for_tests();
    let obj = Object::new();
    let thrower = Function::new_no_args("throw new Error('boom')");
    for m in ["getItem", "setItem", "removeItem"] {
        Reflect::set(&obj, &m.into(), &thrower).unwrap();
    }
    let s = JsStorage(super::host::storage_id(&obj.into()));
    assert_eq!(s.get_item("k"), None);
    assert!(s.set_item("k", "v").is_err());
    s.remove_item("k");
    let store = SessionStore::new(&s, "client");
    assert_eq!(store.last_auth_user(), None);
    assert_eq!(store.load("alice"), None);
}

#[wasm_bindgen_test]
async fn fetch_to_a_closed_port_is_a_network_error() {
    super::host::install_for_tests();
    let pool = PoolConfig::new(Some("us-east-1_abc"), Some("client"), Some("http://127.0.0.1:9")).unwrap();
    let request = account::revoke_token("client", "x");
    let storage = JsStorage(super::host::storage_id(&usable_local_storage().unwrap()));
    let env = Env {
        pool: &pool,
        transport: &FetchTransport { credentials: None, user_agent: crate::protocol::USER_AGENT.into() },
        storage: &storage,
        now: now_secs,
        random: getrandom::getrandom,
        context_data: &NoCollector,
    };
    let err = env.call::<Value>(&request).await.unwrap_err();
    assert_eq!(err.code(), "NetworkError");
    assert_eq!(err.status_code, None);
}

#[wasm_bindgen_test]
async fn srp_sign_in_against_ministack_stores_the_session_under_the_sdk_keys() {
    super::host::install_for_tests();
    let pool_id =
        admin("CreateUserPool", json!({"PoolName":"wasm-test"})).await["UserPool"]["Id"].as_str().unwrap().to_string();
    let client = admin(
        "CreateUserPoolClient",
        json!({"UserPoolId": pool_id, "ClientName":"web", "ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}),
    )
    .await;
    let client_id = client["UserPoolClient"]["ClientId"].as_str().unwrap().to_string();
    let pool = PoolConfig::new(Some(&pool_id), Some(&client_id), Some(MINISTACK)).unwrap();
    let transport = FetchTransport { credentials: None, user_agent: crate::protocol::USER_AGENT.into() };
    let storage = JsStorage(super::host::storage_id(&usable_local_storage().unwrap()));
    let env = Env {
        pool: &pool,
        transport: &transport,
        storage: &storage,
        now: now_secs,
        random: getrandom::getrandom,
        context_data: &NoCollector,
    };
    let username = format!("wasm{}", js_sys::Date::now() as u64);

    let no_token = || Err(crate::protocol::CognitoError::not_authenticated("no session"));
    let caller = Caller { username: &username, access_token: &no_token };
    let sign_up = json!({ "username": (username.as_str()), "password": "Passw0rd!" });
    let signed_up = user::call(&env, &caller, &registration::SIGN_UP, &sign_up).await.unwrap();
    assert_eq!(signed_up.get("UserConfirmed"), Some(&Value::Bool(false)));
    let confirm = |code: &str| json!({ "code": code, "forceAliasCreation": true });
    let wrong = user::call(&env, &caller, &registration::CONFIRM_SIGN_UP, &confirm("000000")).await.unwrap_err();
    assert_eq!((wrong.code(), wrong.status_code), ("CodeMismatchException", Some(400)));
    user::call(&env, &caller, &registration::CONFIRM_SIGN_UP, &confirm("123456")).await.unwrap();

    let params = |password: &str| SignInParams {
        user_pool_id: pool_id.clone(),
        client_id: client_id.clone(),
        username: username.clone(),
        password: password.into(),
        client_metadata: None,
        preferred_challenge: None,
    };
    let bad =
        sign_in::start(&env, Begin::Flow(AuthFlow::UserSrp), params("wrong"), &SrpClient::generate).await.unwrap_err();
    assert_eq!(bad.error.code(), "NotAuthorizedException");
    assert_eq!(
        local_storage().get_item(&keys::last_auth_user(&client_id)).unwrap(),
        None,
        "a failed sign-in writes nothing"
    );

    let outcome =
        sign_in::start(&env, Begin::Flow(AuthFlow::UserSrp), params("Passw0rd!"), &SrpClient::generate).await.unwrap();
    let SignInOutcome::SignedIn(done) = outcome else { panic!("unexpected challenge") };
    let (stored_as, session) = (done.username, done.session);
    assert!(session.is_valid(now_secs()));
    assert_eq!(session.id_token.payload()["cognito:username"], username.as_str());
    assert_eq!(
        local_storage().get_item(&keys::last_auth_user(&client_id)).unwrap().as_deref(),
        Some(stored_as.as_str())
    );
    let loaded = SessionStore::new(&storage, &client_id).load(&stored_as).unwrap();
    assert_eq!(loaded.id_token, session.id_token);
    SessionStore::new(&storage, &client_id).clear(&stored_as);
    assert_eq!(local_storage().get_item(&keys::last_auth_user(&client_id)).unwrap(), None);
}

/// `float::parse` is the browser's own number reader: it must read every JSON number as
/// `JSON.parse` does, bit for bit (the core reads Cognito's times and counts through it).
#[wasm_bindgen_test]
fn numbers_read_as_json_parse_reads_them() {
    for text in [
        "0",
        "-0",
        "1.5",
        "1731234567.891",
        "1731234567891e-3",
        "0.1",
        "9007199254740993",
        "123456789012345678901234567890",
        "1e400",
        "-1e400",
        "1e-400",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1.7976931348623157e308",
        "1E+9",
        "0.30000000000000004",
    ] {
        let want = js_sys::JSON::parse(text).unwrap().as_f64().unwrap();
        assert_eq!(crate::float::parse(text).to_bits(), want.to_bits(), "{text}");
    }
}
