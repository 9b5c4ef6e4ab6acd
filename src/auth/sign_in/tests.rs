use super::*;
use crate::json;
use crate::protocol::Operation;
use crate::session::tests::jwt;

fn params(password: &str) -> SignInParams {
    SignInParams {
        user_pool_id: "us-east-1_Pool1".into(),
        client_id: "client".into(),
        username: "Alice".into(),
        password: password.into(),
        client_metadata: None,
        preferred_challenge: None,
    }
}

fn no_srp() -> Result<Box<SrpClient>, SrpError> {
    panic!("this step needs no SRP")
}

fn srp_with(byte: u8) -> impl FnOnce() -> Result<Box<SrpClient>, SrpError> {
    move || Ok(Box::new(SrpClient::from_small_a(&[byte; 128])))
}

fn no_devices(_: &str) -> Option<DeviceSecrets> {
    None
}

/// No advanced-security collector: no request carries UserContextData.
fn no_context(_: &str) -> UserContextData {
    UserContextData::Absent
}

fn body(req: &Request) -> Value {
    json::parse(&req.text()).unwrap()
}

/// A successful answer with JWT-shaped tokens ("i" and "a" in their payloads).
fn signed_in(refresh: Option<&str>) -> Value {
    let mut result = json!({"IdToken": (jwt(&json!({"t":"i"}))), "AccessToken": (jwt(&json!({"t":"a"})))});
    if let Some(r) = refresh {
        result.insert("RefreshToken", json!(r));
    }
    json!({ "AuthenticationResult": result })
}

fn auth(v: Value) -> AuthResponse {
    json::FromJson::from_json(v).unwrap()
}

fn start(flow: AuthFlow, p: SignInParams) -> (AwaitingServer, Request) {
    AwaitingServer::start(Begin::Flow(flow), p, &no_devices, &no_context, srp_with(7)).unwrap()
}

/// Feeds `response`, expecting the sign-in to go on (a request or a challenge).
fn feed(state: AwaitingServer, response: Value, now: i64) -> Next {
    state.on_response(auth(response), now, &no_devices, &no_context, no_srp).unwrap()
}

fn challenge_of(next: Next) -> AwaitingAnswer {
    match next {
        Next::Challenge(c) => c,
        other => panic!("expected a challenge, got {other:?}"),
    }
}

fn send_of(next: Next) -> (AwaitingServer, Request) {
    match next {
        Next::Send(s, r) => (s, r),
        other => panic!("expected a request, got {other:?}"),
    }
}

#[test]
fn password_flow_sends_the_password_and_takes_tokens() {
    let (s, req) =
        AwaitingServer::start(Begin::Flow(AuthFlow::UserPassword), params("pw"), &no_devices, &no_context, no_srp)
            .unwrap();
    assert_eq!(
        body(&req),
        json!({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client","AuthParameters":{"USERNAME":"Alice","PASSWORD":"pw"}})
    );
    let Next::SignedIn(done) = feed(s, signed_in(Some("r")), 0) else { panic!() };
    let session = Session::issued(&jwt(&json!({"t":"i"})), &jwt(&json!({"t":"a"})), "r", 0);
    assert_eq!(
        *done,
        SignedIn {
            username: "Alice".into(),
            session,
            new_device: None,
            device_session: None,
            device_verifier: None,
            user_confirmation_necessary: false
        }
    );
}

#[test]
fn empty_password_is_refused_before_any_request() {
    let err = AwaitingServer::start(Begin::Flow(AuthFlow::UserPassword), params(""), &no_devices, &no_context, no_srp)
        .unwrap_err();
    assert_eq!(err.message, "PASSWORD parameter is required");
}

#[test]
fn srp_flow_never_sends_the_password_and_switches_to_user_id_for_srp() {
    let (s, req) = start(AuthFlow::UserSrp, params("secret-password"));
    let b = body(&req);
    assert_eq!(b["AuthFlow"], "USER_SRP_AUTH");
    assert!(b["AuthParameters"]["SRP_A"].as_str().unwrap().len() > 500);
    let challenge = json!({"ChallengeName":"PASSWORD_VERIFIER","Session":"sess","ChallengeParameters":{
        "USER_ID_FOR_SRP":"uuid-1","SRP_B":"abcdef0123","SALT":"0badc0de","SECRET_BLOCK":"c2VjcmV0"}});
    let (s, next) = send_of(feed(s, challenge, 1_725_350_645));
    assert!(!next.text().contains("secret-password") && !req.text().contains("secret-password"));
    let nb = body(&next);
    assert_eq!(nb["ChallengeName"], "PASSWORD_VERIFIER");
    assert_eq!(nb["Session"], "sess");
    assert_eq!(nb["ChallengeResponses"]["USERNAME"], "uuid-1");
    assert_eq!(nb["ChallengeResponses"]["TIMESTAMP"], "Tue Sep 3 08:04:05 UTC 2024");
    let next = feed(s, signed_in(Some("r")), 0);
    assert!(matches!(next, Next::SignedIn(ref done) if done.username == "uuid-1"));
}

#[test]
fn custom_auth_with_srp_names_the_srp_a_challenge() {
    let (_, req) = start(AuthFlow::CustomAuth, params("pw"));
    assert_eq!(body(&req)["AuthParameters"]["CHALLENGE_NAME"], "SRP_A");
}

#[test]
fn hostile_or_broken_answers_are_coded_errors_not_panics() {
    let cases = [
        json!({"ChallengeName":"PASSWORD_VERIFIER"}),
        json!({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"USER_ID_FOR_SRP":"u","SRP_B":"0","SALT":"00","SECRET_BLOCK":"AA=="}}),
        json!({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"USER_ID_FOR_SRP":"u","SRP_B":"zz","SALT":"00","SECRET_BLOCK":"AA=="}}),
        json!({}),
        json!({"AuthenticationResult":{"IdToken":"","AccessToken":"a"}}),
    ];
    for case in cases {
        let (s, _) = start(AuthFlow::UserSrp, params("pw"));
        let err = s.on_response(auth(case.clone()), 0, &no_devices, &no_context, no_srp).unwrap_err();
        assert!(!err.code().is_empty() && !err.message.is_empty(), "{}", case.stringify());
    }
}

#[test]
fn a_proof_without_its_parameters_names_what_is_missing() {
    let prefix = "Unexpected response from Cognito (HTTP 200): ";
    for (answer, what) in [
        (json!({"ChallengeName":"PASSWORD_VERIFIER"}), "ChallengeParameters"),
        (json!({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SRP_B":"ab"}}), "USER_ID_FOR_SRP"),
        (
            json!({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"USER_ID_FOR_SRP":"u","SRP_B":"ab"}}),
            "SALT",
        ),
    ] {
        let (s, _) = start(AuthFlow::UserSrp, params("pw"));
        let err = s.on_response(auth(answer), 0, &no_devices, &no_context, no_srp).unwrap_err();
        assert_eq!(err.message, [prefix, what, " is missing"].concat());
    }
}

#[test]
fn tokens_that_are_not_jwts_are_refused() {
    for (id, access) in [("abc".to_string(), jwt(&json!({}))), (jwt(&json!({})), "a.b.c".to_string())] {
        let err = session_from(
            &auth(json!({"AuthenticationResult": {"IdToken": (id), "AccessToken": (access)}})),
            "",
            1_000_000,
        )
        .unwrap_err();
        assert_eq!(err.code(), "UnexpectedResponseException");
    }
}

#[test]
fn unknown_challenges_are_reported_with_their_session() {
    let (s, _) = start(AuthFlow::UserPassword, params("pw"));
    let c = challenge_of(feed(
        s,
        json!({"ChallengeName":"SOMETHING_NEW","Session":"x","ChallengeParameters":{"a":"b"}}),
        0,
    ));
    let (username, c) = (c.username(), c.challenge());
    assert_eq!((c.name.as_str(), c.session.as_deref(), username), ("SOMETHING_NEW", Some("x"), "Alice"));
}

#[test]
fn a_challenge_is_answered_with_its_session_and_then_signs_in() {
    let (s, _) = start(AuthFlow::UserPassword, params("pw"));
    let c =
        challenge_of(feed(s, json!({"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"s1","ChallengeParameters":{}}), 0));
    assert_eq!(c.challenge().name, ChallengeName::SoftwareTokenMfa);
    assert_eq!(c.challenge().session.as_deref(), Some("s1"));
    let answer = Answer::MfaCode { code: "123456".into(), mfa_type: ChallengeName::SoftwareTokenMfa };
    let (s, req) = c.answer(&answer, None, &no_context, no_srp).unwrap();
    assert_eq!(
        body(&req),
        json!({"ChallengeName":"SOFTWARE_TOKEN_MFA","ClientId":"client","Session":"s1",
        "ChallengeResponses":{"USERNAME":"Alice","SOFTWARE_TOKEN_MFA_CODE":"123456"}})
    );
    // A second answer before Cognito replied cannot be given: the challenge was consumed.
    assert!(matches!(feed(s, signed_in(Some("r")), 0), Next::SignedIn(_)));
}

#[test]
fn a_refused_answer_can_be_given_again() {
    let (s, _) = start(AuthFlow::UserPassword, params("pw"));
    let c = challenge_of(feed(s, json!({"ChallengeName":"SMS_MFA","Session":"s1"}), 0));
    let (s, _) = c
        .answer(&Answer::MfaCode { code: "000000".into(), mfa_type: ChallengeName::SmsMfa }, None, &no_context, no_srp)
        .unwrap();
    let c = s.reopen().expect("the challenge waits again");
    let answer = Answer::MfaCode { code: "123456".into(), mfa_type: ChallengeName::SmsMfa };
    let (_, req) = c.answer(&answer, None, &no_context, no_srp).unwrap();
    assert_eq!(body(&req)["Session"], "s1");
}

#[test]
fn a_refused_first_request_reopens_nothing() {
    let (s, _) = start(AuthFlow::UserPassword, params("pw"));
    assert!(s.reopen().is_none());
}

#[test]
fn custom_auth_without_srp_sends_the_apps_parameters() {
    let (s, req) = AwaitingServer::start(
        Begin::Custom([("hint".to_string(), Value::String("x".into()))].into()),
        params(""),
        &no_devices,
        &no_context,
        no_srp,
    )
    .unwrap();
    assert_eq!(body(&req)["AuthParameters"], json!({"hint":"x","USERNAME":"Alice"}));
    let c = challenge_of(feed(
        s,
        json!({"ChallengeName":"CUSTOM_CHALLENGE","Session":"c1","ChallengeParameters":{"q":"2+2"}}),
        0,
    ));
    assert_eq!(c.challenge().name, ChallengeName::CustomChallenge);
}

#[test]
fn mfa_setup_takes_the_session_from_verify_software_token() {
    let (s, _) = start(AuthFlow::UserPassword, params("pw"));
    let mut c = challenge_of(feed(s, json!({"ChallengeName":"MFA_SETUP","Session":"s1"}), 0));
    c.update_session("s2".into());
    let (s, verify) = c
        .answer(&Answer::MfaSetup { code: "1".into(), friendly_device_name: None }, None, &no_context, no_srp)
        .unwrap();
    assert_eq!(
        (verify.operation, body(&verify)),
        (Operation::VerifySoftwareToken, json!({"Session":"s2","UserCode":"1"}))
    );
    // VerifySoftwareToken gave no new Session: MFA_SETUP is answered with the challenge's.
    let (s, req) = send_of(feed(s, json!({"Status":"SUCCESS"}), 0));
    assert_eq!(body(&req)["Session"], "s2");
    assert_eq!(body(&req)["ChallengeName"], "MFA_SETUP");
    // A refused answer reopens the challenge as it stands.
    assert_eq!(s.reopen().unwrap().challenge().session.as_deref(), Some("s2"));
}

#[test]
fn mfa_setup_is_answered_with_the_session_verify_software_token_gives() {
    let (s, _) = start(AuthFlow::UserPassword, params("pw"));
    let c = challenge_of(feed(s, json!({"ChallengeName":"MFA_SETUP","Session":"s1"}), 0));
    let answer = Answer::MfaSetup { code: "1".into(), friendly_device_name: Some("phone".into()) };
    let (s, verify) = c.answer(&answer, None, &no_context, no_srp).unwrap();
    assert_eq!(body(&verify), json!({"Session":"s1","UserCode":"1","FriendlyDeviceName":"phone"}));
    let (s, req) = send_of(feed(s, json!({"Status":"SUCCESS","Session":"s3"}), 0));
    assert_eq!(
        body(&req),
        json!({"ChallengeName":"MFA_SETUP","ClientId":"client","ChallengeResponses":{"USERNAME":"Alice"},"Session":"s3"})
    );
    assert_eq!(s.reopen().unwrap().challenge().session.as_deref(), Some("s3"));
}

#[test]
fn user_auth_offers_a_choice_and_the_answer_brings_its_first_factor() {
    let (s, req) =
        AwaitingServer::start(Begin::Flow(AuthFlow::UserAuth), params("pw"), &no_devices, &no_context, no_srp).unwrap();
    assert_eq!(body(&req)["AuthFlow"], "USER_AUTH");
    assert_eq!(body(&req)["AuthParameters"], json!({"USERNAME":"Alice"}));
    let c = challenge_of(feed(
        s,
        json!({"ChallengeName":"SELECT_CHALLENGE","Session":"s1","AvailableChallenges":["PASSWORD_SRP","EMAIL_OTP","WEB_AUTHN"]}),
        0,
    ));
    assert_eq!(c.challenge().available, json!(["PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]));
    let (s, req) = c.answer(&Answer::SelectChallenge("PASSWORD_SRP".into()), None, &no_context, srp_with(9)).unwrap();
    let b = body(&req);
    assert_eq!((b["ChallengeName"].as_str(), b["Session"].as_str()), (Some("SELECT_CHALLENGE"), Some("s1")));
    assert_eq!(b["ChallengeResponses"]["ANSWER"], "PASSWORD_SRP");
    assert!(b["ChallengeResponses"]["SRP_A"].as_str().unwrap().len() > 500);
    // The password verifier then follows as in USER_SRP_AUTH.
    let challenge = json!({"ChallengeName":"PASSWORD_VERIFIER","Session":"s2","ChallengeParameters":{
        "USER_ID_FOR_SRP":"Alice","SRP_B":"abcdef0123","SALT":"0badc0de","SECRET_BLOCK":"c2VjcmV0"}});
    assert!(matches!(feed(s, challenge, 1_725_350_645), Next::Send(..)));
}

#[test]
fn a_password_factor_without_a_password_gives_the_choice_back() {
    let (s, _) =
        AwaitingServer::start(Begin::Flow(AuthFlow::UserAuth), params(""), &no_devices, &no_context, no_srp).unwrap();
    let c = challenge_of(feed(s, json!({"ChallengeName":"SELECT_CHALLENGE","Session":"s1"}), 0));
    let (err, c) = c.answer(&Answer::SelectChallenge("PASSWORD".into()), None, &no_context, no_srp).unwrap_err();
    assert_eq!(err.message, "PASSWORD parameter is required");
    assert_eq!(c.challenge().name, ChallengeName::SelectChallenge);
}

#[test]
fn user_auth_preferred_factors_go_in_the_first_request() {
    let mut p = params("pw");
    p.preferred_challenge = Some("PASSWORD".into());
    let (_, req) =
        AwaitingServer::start(Begin::Flow(AuthFlow::UserAuth), p.clone(), &no_devices, &no_context, no_srp).unwrap();
    assert_eq!(
        body(&req)["AuthParameters"],
        json!({"USERNAME":"Alice","PREFERRED_CHALLENGE":"PASSWORD","PASSWORD":"pw"})
    );
    p.preferred_challenge = Some("EMAIL_OTP".into());
    let (s, req) = AwaitingServer::start(Begin::Flow(AuthFlow::UserAuth), p, &no_devices, &no_context, no_srp).unwrap();
    assert_eq!(body(&req)["AuthParameters"], json!({"USERNAME":"Alice","PREFERRED_CHALLENGE":"EMAIL_OTP"}));
    let c = challenge_of(feed(
        s,
        json!({"ChallengeName":"EMAIL_OTP","Session":"e1","ChallengeParameters":{"CODE_DELIVERY_DESTINATION":"a***@e***"}}),
        0,
    ));
    assert_eq!(c.challenge().name, ChallengeName::EmailOtp);
    let answer = Answer::MfaCode { code: "12345678".into(), mfa_type: ChallengeName::EmailOtp };
    let (_, req) = c.answer(&answer, None, &no_context, no_srp).unwrap();
    assert_eq!(body(&req)["ChallengeResponses"], json!({"USERNAME":"Alice","EMAIL_OTP_CODE":"12345678"}));
}

fn device() -> DeviceSecrets {
    DeviceSecrets { key: "us-east-1_dev".into(), group_key: "group".into(), password: "devpw".into() }
}

fn alices_device(u: &str) -> Option<DeviceSecrets> {
    (u == "Alice").then(device)
}

#[test]
fn a_remembered_device_answers_device_srp_itself() {
    let (s, req) =
        AwaitingServer::start(Begin::Flow(AuthFlow::UserPassword), params("pw"), &alices_device, &no_context, no_srp)
            .unwrap();
    assert_eq!(body(&req)["AuthParameters"]["DEVICE_KEY"], "us-east-1_dev");
    let next = s.on_response(
        auth(json!({"ChallengeName":"DEVICE_SRP_AUTH","Session":"d1"})),
        0,
        &alices_device,
        &no_context,
        srp_with(3),
    );
    let (s, req) = send_of(next.unwrap());
    let b = body(&req);
    assert_eq!((b["ChallengeName"].as_str(), b["Session"].as_str()), (Some("DEVICE_SRP_AUTH"), Some("d1")));
    assert_eq!(b["ChallengeResponses"]["DEVICE_KEY"], "us-east-1_dev");
    assert!(b["ChallengeResponses"]["SRP_A"].as_str().unwrap().len() > 500);
    let verifier = json!({"ChallengeName":"DEVICE_PASSWORD_VERIFIER","Session":"d2","ChallengeParameters":{"SRP_B":"abcdef0123","SALT":"0badc0de","SECRET_BLOCK":"c2VjcmV0","USERNAME":"Alice","DEVICE_KEY":"us-east-1_dev"}});
    let (s, req) = send_of(feed(s, verifier, 1_725_350_645));
    let b = body(&req);
    assert_eq!(b["ChallengeName"], "DEVICE_PASSWORD_VERIFIER");
    assert_eq!(b["ChallengeResponses"]["DEVICE_KEY"], "us-east-1_dev");
    assert_eq!(b["ChallengeResponses"]["TIMESTAMP"], "Tue Sep 3 08:04:05 UTC 2024");
    assert!(!req.text().contains("devpw"), "the device password is never sent");
    let mut result = signed_in(Some("r"));
    let device = json!({"DeviceKey":"k2","DeviceGroupKey":"g2"});
    result.as_object_mut().and_then(|r| r.get_mut("AuthenticationResult")).unwrap().insert("NewDeviceMetadata", device);
    let Next::SignedIn(done) = feed(s, result, 0) else { panic!() };
    let SignedIn { new_device, .. } = *done;
    assert_eq!(new_device, Some(NewDevice { key: "k2".into(), group_key: "g2".into() }));
}

#[test]
fn device_srp_without_a_remembered_device_is_a_coded_error_and_draws_nothing() {
    let (s, _) = start(AuthFlow::UserPassword, params("pw"));
    let err = s
        .on_response(
            auth(json!({"ChallengeName":"DEVICE_SRP_AUTH","Session":"d1"})),
            0,
            &no_devices,
            &no_context,
            no_srp,
        )
        .unwrap_err();
    assert_eq!(err.code(), "DeviceNotRememberedException");
}

#[test]
fn a_forgotten_device_is_dropped_from_the_request() {
    let (mut s, mut req) =
        AwaitingServer::start(Begin::Flow(AuthFlow::UserPassword), params("pw"), &alices_device, &no_context, no_srp)
            .unwrap();
    s.forget_device(&mut req);
    assert!(s.device().is_none());
    assert_eq!(body(&req)["AuthParameters"], json!({"USERNAME":"Alice","PASSWORD":"pw"}));
}

#[test]
fn refresh_keeps_the_previous_refresh_token() {
    let t = session_from(
        &auth(json!({"AuthenticationResult": {"IdToken": (jwt(&json!({"t":"i"}))), "AccessToken": (jwt(&json!({"t":"a"})))}})),
        "old",
        1_000_000,
    )
    .unwrap();
    assert_eq!(t.refresh_token, "old");
    let b = body(&crate::protocol::auth::refresh(false, "c", "rt", None, None, || UserContextData::Absent));
    assert_eq!(b, json!({"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"c","AuthParameters":{"REFRESH_TOKEN":"rt"}}));
}
