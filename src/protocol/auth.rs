//! Bodies of the sign-in operations: InitiateAuth (every flow, the refresh included),
//! RespondToAuthChallenge, and GetTokensFromRefreshToken. Field order as the JS SDK's.
//! InitiateAuth and RespondToAuthChallenge carry advanced security's `UserContextData`,
//! as every one the JS SDK sends does.

use super::challenge::{AuthFlow, ChallengeName};
use super::types::{put_text, StringMap};
use super::{insert_text, text_fields, with_metadata, with_metadata_and_context, Operation, Request, UserContextData};
use crate::json::Value;
use crate::prelude::*;

pub fn initiate_auth(
    flow: AuthFlow, client_id: &str, auth_parameters: StringMap, client_metadata: Option<&StringMap>,
    user_context: &UserContextData,
) -> Request {
    let mut body = text_fields(&["AuthFlow", "ClientId"], &[flow.name(), client_id]);
    body.insert("AuthParameters", Value::Object(auth_parameters));
    Request::new(Operation::InitiateAuth, with_metadata_and_context(body, client_metadata, user_context))
}

pub fn respond_to_auth_challenge(
    challenge: &ChallengeName, client_id: &str, challenge_responses: StringMap, session: Option<&str>,
    client_metadata: Option<&StringMap>, user_context: &UserContextData,
) -> Request {
    let mut body = text_fields(&["ChallengeName", "ClientId"], &[challenge.as_str(), client_id]);
    body.insert("ChallengeResponses", Value::Object(challenge_responses));
    insert_text(&mut body, "Session", session);
    Request::new(Operation::RespondToAuthChallenge, with_metadata_and_context(body, client_metadata, user_context))
}

/// The request that trades a refresh token for fresh tokens: GetTokensFromRefreshToken on
/// clients with refresh-token rotation, else InitiateAuth with REFRESH_TOKEN_AUTH. A
/// remembered device's refresh tokens are bound to it, so its key goes along.
/// GetTokensFromRefreshToken takes no UserContextData, so `user_context` is asked (the
/// page's collector runs) only for InitiateAuth.
pub fn refresh(
    rotation: bool, client_id: &str, refresh_token: &str, device_key: Option<&str>,
    client_metadata: Option<&StringMap>, user_context: impl FnOnce() -> UserContextData,
) -> Request {
    if rotation {
        let mut body = text_fields(&["ClientId", "RefreshToken"], &[client_id, refresh_token]);
        insert_text(&mut body, "DeviceKey", device_key);
        return Request::new(Operation::GetTokensFromRefreshToken, with_metadata(body, client_metadata));
    }
    let mut auth_parameters = StringMap::new();
    put_text(&mut auth_parameters, "REFRESH_TOKEN", refresh_token.to_string());
    if let Some(device_key) = device_key {
        put_text(&mut auth_parameters, "DEVICE_KEY", device_key.to_string());
    }
    initiate_auth(AuthFlow::RefreshToken, client_id, auth_parameters, client_metadata, &user_context())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: UserContextData = UserContextData::Absent;

    #[test]
    fn unset_optional_fields_are_left_out_like_json_stringify_does() {
        let body = initiate_auth(
            AuthFlow::UserSrp,
            "c",
            [("USERNAME".to_string(), Value::String("u".into()))].into(),
            None,
            &NONE,
        );
        assert_eq!(body.text(), r#"{"AuthFlow":"USER_SRP_AUTH","ClientId":"c","AuthParameters":{"USERNAME":"u"}}"#);
        let r = respond_to_auth_challenge(&ChallengeName::SmsMfa, "c", StringMap::new(), None, None, &NONE);
        assert_eq!(r.text(), r#"{"ChallengeName":"SMS_MFA","ClientId":"c","ChallengeResponses":{}}"#);
    }

    #[test]
    fn user_context_data_goes_after_client_metadata() {
        let meta: StringMap = [("k".to_string(), Value::String("v".into()))].into();
        let encoded = UserContextData::Encoded("E".into());
        let r =
            respond_to_auth_challenge(&ChallengeName::SmsMfa, "c", StringMap::new(), Some("s"), Some(&meta), &encoded);
        assert_eq!(
            r.text(),
            r#"{"ChallengeName":"SMS_MFA","ClientId":"c","ChallengeResponses":{},"Session":"s","ClientMetadata":{"k":"v"},"UserContextData":{"EncodedData":"E"}}"#
        );
        let r = initiate_auth(AuthFlow::UserPassword, "c", StringMap::new(), None, &UserContextData::Empty);
        assert_eq!(
            r.text(),
            r#"{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c","AuthParameters":{},"UserContextData":{}}"#
        );
    }

    #[test]
    fn refresh_requests_of_both_kinds() {
        let r = refresh(false, "c", "rt", Some("dk"), None, || UserContextData::Empty);
        assert_eq!(
            r.text(),
            r#"{"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"c","AuthParameters":{"REFRESH_TOKEN":"rt","DEVICE_KEY":"dk"},"UserContextData":{}}"#
        );
        let meta: StringMap = [("k".to_string(), Value::String("v".into()))].into();
        let r = refresh(true, "c", "rt", Some("dk"), Some(&meta), || {
            panic!("GetTokensFromRefreshToken has no UserContextData")
        });
        assert_eq!(r.operation, Operation::GetTokensFromRefreshToken);
        assert_eq!(r.text(), r#"{"ClientId":"c","RefreshToken":"rt","DeviceKey":"dk","ClientMetadata":{"k":"v"}}"#);
    }
}
