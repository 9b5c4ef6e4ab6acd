//! Server answers of any shape: every response type parses or fails with a coded error,
//! and the sign-in state machine never panics whatever comes back at any step.
#![no_main]
use cognito_identity_wasm::auth::{AwaitingServer, Begin, Next, SignInParams};
use cognito_identity_wasm::protocol::challenge::AuthFlow;
use cognito_identity_wasm::json::Value;
use cognito_identity_wasm::protocol::registration::signed_up;
use cognito_identity_wasm::protocol::types::AuthResponse;
use cognito_identity_wasm::protocol::user_context::UserContextData;
use cognito_identity_wasm::protocol::HttpResponse;
use cognito_identity_wasm::srp::SrpClient;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&status_byte, body)) = data.split_first() else { return };
    let status = [200u16, 400, 500, 502][status_byte as usize % 4];
    let body = String::from_utf8_lossy(body).into_owned();
    let response = |b: &str| HttpResponse { status, body: b.to_string(), error_type: Some("X:y".into()) };
    if let Ok(answer) = response(&body).into_result::<Value>() {
        let _ = signed_up("user".into(), &answer); // signUp's result, or its refusal
    }
    // A one-byte `a`: SRP is not what this target explores, and a full-size exponent in
    // the instrumented build held it to about 50 inputs in 15 s.
    let srp = || Ok(Box::new(SrpClient::from_small_a(&[3u8])));
    let devices = |_: &str| None;
    let no_context = |_: &str| UserContextData::Absent;
    for flow in [AuthFlow::UserSrp, AuthFlow::UserPassword, AuthFlow::CustomAuth] {
        let params = SignInParams {
            user_pool_id: "us-east-1_Fuzz".into(),
            client_id: "client".into(),
            username: "user".into(),
            password: "pw".into(),
            client_metadata: None,
            preferred_challenge: None,
        };
        let Ok((mut state, _)) = AwaitingServer::start(Begin::Flow(flow), params, &devices, &no_context, srp) else { continue };
        // Feed the same answer several times: each state must cope with anything.
        for _ in 0..3 {
            match response(&body).into_result::<AuthResponse>() {
                Ok(parsed) => match state.on_response(parsed, 1_700_000_000, &devices, &no_context, srp) {
                    Ok(Next::Send(next, _)) => state = next,
                    Ok(Next::Challenge(_) | Next::SignedIn(_)) => break,
                    Err(e) => {
                        assert!(!e.code().is_empty());
                        break;
                    }
                },
                Err(e) => {
                    assert!(!e.code().is_empty());
                    break;
                }
            }
        }
    }
});
