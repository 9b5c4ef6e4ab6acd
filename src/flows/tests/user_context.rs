//! Advanced security against the fake server: which requests carry `UserContextData`, for
//! which user, and the JS SDK's quirk (`{}` when the pool turns collection off or the
//! collector gives nothing). One script runs every operation that sends a request: sign-up
//! and its confirmation, the forgot-password pair, each sign-in flow, each challenge, a
//! remembered device, refresh, and the calls that must not carry the field.

use super::{env, pool, refreshed, signed_in_answer, tokens, FakeServer, NOW};
use crate::auth::device::DeviceSecrets;
use crate::auth::{Answer, SignInParams};
use crate::flows::pool::PoolConfig;
use crate::flows::sign_in::{self, Begin, SignInOutcome, SignInResult};
use crate::flows::test_executor::run;
use crate::flows::user::{self, Caller};
use crate::flows::{refresh, revoke, Env};
use crate::json;
use crate::json::Value;
use crate::protocol::account;
use crate::protocol::challenge::{AuthFlow, ChallengeName};
use crate::protocol::registration;
use crate::protocol::user_context::ContextDataSource;
use crate::protocol::CognitoError;
use crate::session::Session;
use crate::srp::{SrpClient, SrpError};
use crate::storage::{MemoryStorage, SessionStore};
use alloc::collections::BTreeSet;
use core::cell::RefCell;

/// A page's collector: present or not; gives `ENC:<username>` (so each request shows whom
/// it was collected for) unless `gives_nothing`; records every `getData` call.
struct Collector {
    present: bool,
    gives_nothing: bool,
    asked: RefCell<Vec<(String, String, String)>>,
}

impl Collector {
    fn new(present: bool, gives_nothing: bool) -> Collector {
        Collector { present, gives_nothing, asked: RefCell::default() }
    }
}

impl ContextDataSource for Collector {
    fn is_present(&self) -> bool {
        self.present
    }
    fn encoded_data(&self, username: &str, user_pool_id: &str, client_id: &str) -> Option<String> {
        self.asked.borrow_mut().push((username.into(), user_pool_id.into(), client_id.into()));
        (!self.gives_nothing).then(|| format!("ENC:{username}"))
    }
}

fn srp() -> Result<Box<SrpClient>, SrpError> {
    Ok(Box::new(SrpClient::from_small_a(&[5u8; 64])))
}

fn params(username: &str) -> SignInParams {
    SignInParams {
        user_pool_id: "us-east-1_Pool".into(),
        client_id: "client".into(),
        username: username.into(),
        password: "pw".into(),
        client_metadata: None,
        preferred_challenge: None,
    }
}

fn token() -> Result<String, CognitoError> {
    Ok("token".into())
}

fn challenge(name: &str, session: &str, parameters: Value) -> Value {
    json!({ "ChallengeName": name, "Session": session, "ChallengeParameters": parameters })
}

/// SRP's PASSWORD_VERIFIER (or a device's) naming `user_id`.
fn verifier(name: &str, user_id: &str) -> Value {
    let parameters = json!({
        "USER_ID_FOR_SRP": user_id, "USERNAME": user_id, "SRP_B": "abcdef0123", "SALT": "0badc0de", "SECRET_BLOCK": "c2VjcmV0",
    });
    challenge(name, "v", parameters)
}

fn waiting(result: SignInResult) -> crate::auth::AwaitingAnswer {
    match result {
        Ok(SignInOutcome::Challenge(pending)) => pending,
        other => panic!("expected a challenge, got {other:?}"),
    }
}

fn signed_in(result: SignInResult) {
    assert!(matches!(result, Ok(SignInOutcome::SignedIn(_))), "expected tokens, got {result:?}");
}

/// Runs every operation once against `env`, the server answering as Cognito would.
fn run_everything(env: &Env<'_, FakeServer, MemoryStorage>, server: &FakeServer, storage: &MemoryStorage) {
    let srp: &dyn Fn() -> Result<Box<SrpClient>, SrpError> = &srp;
    let answer = |pending, a: Answer| run(sign_in::answer(env, pending, &a, None, srp));

    // Registration and the forgot-password pair, for what the app typed (an email alias).
    let typed = Caller { username: "alice@example.com", access_token: &token };
    server.answer(200, json!({"UserConfirmed": false, "UserSub": "sub-1"}));
    let sign_up = json!({"username": "alice@example.com", "password": "pw"});
    run(user::call(env, &typed, &registration::SIGN_UP, &sign_up)).unwrap();
    for (row, args) in [
        (&registration::RESEND_CONFIRMATION_CODE, json!({})),
        (&registration::CONFIRM_SIGN_UP, json!({"code":"1","forceAliasCreation":true})),
        (&account::FORGOT_PASSWORD, json!({})),
        (&account::CONFIRM_FORGOT_PASSWORD, json!({"code":"1","newPassword":"pw2"})),
    ] {
        server.answer(200, json!({}));
        run(user::call(env, &typed, row, &args)).unwrap();
    }

    // USER_SRP_AUTH as the alias; Cognito names the user sub-1 (USER_ID_FOR_SRP), whose
    // device is remembered: new password, MFA choice, TOTP, then the device's proof.
    let device = DeviceSecrets { key: "us-east-1_dk".into(), group_key: "group".into(), password: "dp".into() };
    SessionStore::new(storage, "client").save_device("sub-1", &device).unwrap();
    server.answer(200, verifier("PASSWORD_VERIFIER", "sub-1")).answer(
        200,
        challenge("NEW_PASSWORD_REQUIRED", "s1", json!({"userAttributes": "{}", "requiredAttributes": "[]"})),
    );
    let pending = waiting(run(sign_in::start(env, Begin::Flow(AuthFlow::UserSrp), params("alice@example.com"), srp)));
    server.answer(200, challenge("SELECT_MFA_TYPE", "s2", json!({"MFAS_CAN_CHOOSE": "[\"SOFTWARE_TOKEN_MFA\"]"})));
    let pending =
        waiting(answer(pending, Answer::NewPassword { password: "pw3".into(), attributes: Default::default() }));
    server.answer(200, challenge("SOFTWARE_TOKEN_MFA", "s3", json!({})));
    let pending = waiting(answer(pending, Answer::MfaSelection("SOFTWARE_TOKEN_MFA".into())));
    server
        .answer(200, challenge("DEVICE_SRP_AUTH", "s4", json!({})))
        .answer(200, verifier("DEVICE_PASSWORD_VERIFIER", "sub-1"))
        .answer(200, signed_in_answer());
    let totp = Answer::MfaCode { code: "123456".into(), mfa_type: ChallengeName::SoftwareTokenMfa };
    signed_in(answer(pending, totp));

    // USER_PASSWORD_AUTH: SMS MFA, then TOTP set-up (MFA_SETUP) and a device to remember.
    server.answer(200, challenge("SMS_MFA", "s5", json!({})));
    let pending = waiting(run(sign_in::start(env, Begin::Flow(AuthFlow::UserPassword), params("bob"), srp)));
    server.answer(200, challenge("MFA_SETUP", "s6", json!({})));
    let mut pending = waiting(answer(pending, Answer::MfaCode { code: "1".into(), mfa_type: ChallengeName::SmsMfa }));
    server.answer(200, json!({"SecretCode": "SECRET", "Session": "s7"}));
    let in_challenge = Caller { username: "bob", access_token: &token };
    let associated =
        run(user::call(env, &in_challenge, &account::ASSOCIATE_SOFTWARE_TOKEN_IN_CHALLENGE, &json!({"Session": "s6"})));
    pending.update_session(associated.unwrap().get("Session").and_then(Value::as_str).unwrap().to_string());
    let mut issued = signed_in_answer();
    let new_device = json!({"DeviceKey": "us-east-1_new", "DeviceGroupKey": "group"});
    issued
        .as_object_mut()
        .and_then(|r| r.get_mut("AuthenticationResult"))
        .unwrap()
        .insert("NewDeviceMetadata", new_device);
    server.answer(200, json!({"Status": "SUCCESS", "Session": "s8"})).answer(200, issued).answer(200, json!({}));
    signed_in(run(sign_in::finish_mfa_setup(env, pending, "123456", None, srp)));

    // CUSTOM_AUTH with SRP first, then a custom challenge; and `initiateAuth` without SRP.
    server.answer(200, challenge("CUSTOM_CHALLENGE", "s9", json!({"q": "?"})));
    let pending = waiting(run(sign_in::start(env, Begin::Flow(AuthFlow::CustomAuth), params("carol"), srp)));
    server.answer(200, signed_in_answer());
    signed_in(answer(pending, Answer::Custom("42".into())));
    server.answer(200, signed_in_answer());
    signed_in(run(sign_in::start(env, Begin::Custom(Default::default()), params("dave"), srp)));

    // Ours beyond the JS SDK: USER_AUTH, a first factor picked, then its code.
    server.answer(
        200,
        json!({"ChallengeName": "SELECT_CHALLENGE", "Session": "s10", "AvailableChallenges": ["EMAIL_OTP"]}),
    );
    let pending = waiting(run(sign_in::start(env, Begin::Flow(AuthFlow::UserAuth), params("erin"), srp)));
    server.answer(200, challenge("EMAIL_OTP", "s11", json!({})));
    let pending = waiting(answer(pending, Answer::SelectChallenge("EMAIL_OTP".into())));
    server.answer(200, signed_in_answer());
    signed_in(answer(pending, Answer::MfaCode { code: "1".into(), mfa_type: ChallengeName::EmailOtp }));

    // Signed in as bob: refresh, account calls, sign-out everywhere, revocation.
    server.answer(200, refreshed(None));
    run(refresh(env, "bob", "r", None)).unwrap();
    let bob = Caller { username: "bob", access_token: &token };
    for row in [&account::GET_USER, &account::GLOBAL_SIGN_OUT] {
        server.answer(200, json!({}));
        run(user::call(env, &bob, row, &Value::Null)).unwrap();
    }
    let (id, access) = tokens(NOW + 3600);
    server.answer(200, json!({}));
    run(revoke(env, &Session::issued(&id, &access, "r", NOW)).expect("a revocable session")).unwrap();
}

/// Each request as `<Operation> [<AuthFlow or ChallengeName>]` with its UserContextData.
fn sent(server: &FakeServer) -> Vec<(String, Option<Value>)> {
    let requests = server.requests.borrow();
    requests
        .iter()
        .map(|r| {
            let body = json::parse(&r.text()).unwrap();
            let kind = body.get("AuthFlow").or_else(|| body.get("ChallengeName")).and_then(Value::as_str);
            let label = match kind {
                Some(kind) => format!("{} {kind}", r.operation.name()),
                None => r.operation.name().to_string(),
            };
            (label, body.get("UserContextData").cloned())
        })
        .collect()
}

/// What the script sends, in order, and for whom each request carrying the field is made.
const EXPECTED: &[(&str, Option<&str>)] = &[
    ("SignUp", Some("alice@example.com")),
    ("ResendConfirmationCode", None),
    ("ConfirmSignUp", Some("alice@example.com")),
    ("ForgotPassword", Some("alice@example.com")),
    ("ConfirmForgotPassword", Some("alice@example.com")),
    ("InitiateAuth USER_SRP_AUTH", Some("alice@example.com")),
    // From here on the SDK's `this.username` is USER_ID_FOR_SRP.
    ("RespondToAuthChallenge PASSWORD_VERIFIER", Some("sub-1")),
    ("RespondToAuthChallenge NEW_PASSWORD_REQUIRED", Some("sub-1")),
    ("RespondToAuthChallenge SELECT_MFA_TYPE", Some("sub-1")),
    ("RespondToAuthChallenge SOFTWARE_TOKEN_MFA", Some("sub-1")),
    ("RespondToAuthChallenge DEVICE_SRP_AUTH", Some("sub-1")),
    ("RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER", Some("sub-1")),
    ("InitiateAuth USER_PASSWORD_AUTH", Some("bob")),
    ("RespondToAuthChallenge SMS_MFA", Some("bob")),
    ("AssociateSoftwareToken", None),
    ("VerifySoftwareToken", None),
    ("RespondToAuthChallenge MFA_SETUP", Some("bob")),
    ("ConfirmDevice", None),
    ("InitiateAuth CUSTOM_AUTH", Some("carol")),
    ("RespondToAuthChallenge CUSTOM_CHALLENGE", Some("carol")),
    ("InitiateAuth CUSTOM_AUTH", Some("dave")),
    ("InitiateAuth USER_AUTH", Some("erin")),
    ("RespondToAuthChallenge SELECT_CHALLENGE", Some("erin")),
    ("RespondToAuthChallenge EMAIL_OTP", Some("erin")),
    ("InitiateAuth REFRESH_TOKEN_AUTH", Some("bob")),
    ("GetUser", None),
    ("GlobalSignOut", None),
    ("RevokeToken", None),
];

/// Every kind of request the JS SDK sends the field on: the "fifteen" of issue 15, which
/// names sixteen (SignUp in CognitoUserPool.js and fifteen call sites in CognitoUser.js),
/// with `sendMFACode`'s SMS and TOTP requests written apart.
const THE_SDKS: [&str; 17] = [
    "SignUp",
    "ConfirmSignUp",
    "ForgotPassword",
    "ConfirmForgotPassword",
    "InitiateAuth USER_SRP_AUTH",
    "InitiateAuth USER_PASSWORD_AUTH",
    "InitiateAuth CUSTOM_AUTH",
    "InitiateAuth REFRESH_TOKEN_AUTH",
    "RespondToAuthChallenge PASSWORD_VERIFIER",
    "RespondToAuthChallenge NEW_PASSWORD_REQUIRED",
    "RespondToAuthChallenge DEVICE_SRP_AUTH",
    "RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER",
    "RespondToAuthChallenge CUSTOM_CHALLENGE",
    "RespondToAuthChallenge SMS_MFA",
    "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
    "RespondToAuthChallenge SELECT_MFA_TYPE",
    "RespondToAuthChallenge MFA_SETUP",
];

/// Ours beyond the JS SDK, which has no USER_AUTH: Cognito reads the field on every
/// InitiateAuth and RespondToAuthChallenge.
const USER_AUTHS: [&str; 3] =
    ["InitiateAuth USER_AUTH", "RespondToAuthChallenge SELECT_CHALLENGE", "RespondToAuthChallenge EMAIL_OTP"];

/// The script run with `collector` and the pool's collection flag.
fn sent_with(collector: &Collector, collection_enabled: bool) -> Vec<(String, Option<Value>)> {
    let pool = PoolConfig { advanced_security_data_collection: collection_enabled, ..pool() };
    let (server, storage) = (FakeServer::default(), MemoryStorage::new());
    let env = Env { context_data: collector, ..env(&pool, &server, &storage) };
    run_everything(&env, &server, &storage);
    sent(&server)
}

#[test]
fn with_a_collector_the_sdks_requests_and_user_auths_carry_what_it_gave_for_their_user() {
    let collector = Collector::new(true, false);
    let sent = sent_with(&collector, true);
    let want: Vec<(String, Option<Value>)> = EXPECTED
        .iter()
        .map(|(label, user)| (label.to_string(), user.map(|u| json!({ "EncodedData": (format!("ENC:{u}")) }))))
        .collect();
    assert_eq!(sent, want);
    // Exactly the JS SDK's kinds carry it, and ours of USER_AUTH.
    let carrying: BTreeSet<&str> = EXPECTED.iter().filter(|(_, user)| user.is_some()).map(|(l, _)| *l).collect();
    let sdk_and_ours: BTreeSet<&str> = THE_SDKS.into_iter().chain(USER_AUTHS).collect();
    assert_eq!(carrying, sdk_and_ours);
    // Asked once per request that carries it, for this pool and client.
    let asked = collector.asked.borrow();
    assert_eq!(asked.len(), want.iter().filter(|(_, data)| data.is_some()).count());
    assert!(asked.iter().all(|(_, pool, client)| pool == "us-east-1_Pool" && client == "client"));
}

#[test]
fn without_a_collector_no_request_carries_the_field() {
    let collector = Collector::new(false, false);
    let sent = sent_with(&collector, true);
    assert_eq!(sent.len(), EXPECTED.len());
    assert!(sent.iter().all(|(_, data)| data.is_none()), "{sent:?}");
    assert!(collector.asked.borrow().is_empty());
}

#[test]
fn collection_turned_off_sends_an_empty_object_without_asking_the_collector() {
    let collector = Collector::new(true, false);
    let sent = sent_with(&collector, false);
    let want: Vec<(String, Option<Value>)> =
        EXPECTED.iter().map(|(label, user)| (label.to_string(), user.map(|_| json!({})))).collect();
    assert_eq!(sent, want);
    assert!(collector.asked.borrow().is_empty(), "the SDK calls getData only when the pool collects");
}

#[test]
fn a_collector_that_gives_nothing_gets_an_empty_object_sent() {
    let collector = Collector::new(true, true);
    let sent = sent_with(&collector, true);
    let want: Vec<(String, Option<Value>)> =
        EXPECTED.iter().map(|(label, user)| (label.to_string(), user.map(|_| json!({})))).collect();
    assert_eq!(sent, want);
    assert!(!collector.asked.borrow().is_empty());
}

#[test]
fn refresh_through_get_tokens_from_refresh_token_carries_none_and_asks_nothing() {
    let collector = Collector::new(true, false);
    let pool = PoolConfig { refresh_token_rotation: true, ..pool() };
    let (server, storage) = (FakeServer::default(), MemoryStorage::new());
    let env = Env { context_data: &collector, ..env(&pool, &server, &storage) };
    server.answer(200, refreshed(Some("r2")));
    run(refresh(&env, "bob", "r", None)).unwrap();
    assert_eq!(sent(&server), [("GetTokensFromRefreshToken".to_string(), None)]);
    assert!(collector.asked.borrow().is_empty());
}
