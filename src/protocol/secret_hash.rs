//! App clients with a secret (server-side use: Node, SSR). Cognito then wants
//! SECRET_HASH = base64(HMAC-SHA256(secret, username + clientId)) in every operation that
//! names a user. The JS SDK refused such clients; here one function adds the hash to any
//! request, so no operation can forget it.

use super::{Operation, Request};
use crate::json::Value;
use crate::prelude::*;

pub fn secret_hash(client_secret: &str, username: &str, client_id: &str) -> String {
    let mac = crate::srp::hmac_sha256(client_secret.as_bytes(), &[username.as_bytes(), client_id.as_bytes()]);
    crate::text::base64_encode(&mac)
}

/// Where each operation carries the username, and where the hash goes.
enum Place {
    /// Top-level `Username`, hash in top-level `SecretHash`.
    TopLevel,
    /// Inside the named map (`AuthParameters` / `ChallengeResponses`), as USERNAME / SECRET_HASH.
    InMap(&'static str),
}

fn place(op: Operation) -> Option<Place> {
    use Operation::*;
    match op {
        SignUp | ConfirmSignUp | ResendConfirmationCode | ForgotPassword | ConfirmForgotPassword => {
            Some(Place::TopLevel)
        }
        InitiateAuth => Some(Place::InMap("AuthParameters")),
        RespondToAuthChallenge => Some(Place::InMap("ChallengeResponses")),
        _ => None,
    }
}

/// `request` with the client secret applied: SECRET_HASH where the operation names a user
/// (for REFRESH_TOKEN_AUTH, which names none, `refresh_username` is used), and the secret
/// itself where GetTokensFromRefreshToken and RevokeToken ask for `ClientSecret`.
pub fn apply(request: &Request, client_secret: &str, client_id: &str, refresh_username: Option<&str>) -> Request {
    let mut signed = request.clone();
    if matches!(request.operation, Operation::GetTokensFromRefreshToken | Operation::RevokeToken) {
        signed.body.insert("ClientSecret", Value::String(client_secret.to_string()));
    } else if let Some(place) = place(request.operation) {
        let (map, user_field, hash_field) = match place {
            Place::TopLevel => (None, "Username", "SecretHash"),
            Place::InMap(name) => (Some(name), "USERNAME", "SECRET_HASH"),
        };
        if let Some(fields) = signed.fields_mut(map) {
            let username = fields.get(user_field).and_then(Value::as_str).or(refresh_username).map(str::to_string);
            if let Some(username) = username {
                fields.insert(hash_field, Value::String(secret_hash(client_secret, &username, client_id)));
            }
        }
    }
    signed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn req(op: Operation, body: Value) -> Request {
        Request { operation: op, body: body.into_object().unwrap() }
    }
    fn body(r: &Request) -> Value {
        json::parse(&r.text()).unwrap()
    }

    #[test]
    fn hash_is_hmac_of_username_and_client_id() {
        // Reference: printf 'aliceclient' | openssl dgst -sha256 -hmac secret -binary | base64
        assert_eq!(secret_hash("secret", "alice", "client"), "RTsve+FQ659UKyESgvLg9GYmZEL+QjzQsW/OjL77/b0=");
    }

    #[test]
    fn every_user_operation_gets_the_hash_where_cognito_wants_it() {
        let h = secret_hash("s", "alice", "c");
        let r = apply(&req(Operation::SignUp, json!({"ClientId":"c","Username":"alice"})), "s", "c", None);
        assert_eq!(body(&r)["SecretHash"], h.as_str());
        let r = apply(&req(Operation::InitiateAuth, json!({"AuthParameters":{"USERNAME":"alice"}})), "s", "c", None);
        assert_eq!(body(&r)["AuthParameters"]["SECRET_HASH"], h.as_str());
        let r = apply(
            &req(Operation::RespondToAuthChallenge, json!({"ChallengeResponses":{"USERNAME":"alice"}})),
            "s",
            "c",
            None,
        );
        assert_eq!(body(&r)["ChallengeResponses"]["SECRET_HASH"], h.as_str());
        let r = apply(
            &req(
                Operation::InitiateAuth,
                json!({"AuthFlow":"REFRESH_TOKEN_AUTH","AuthParameters":{"REFRESH_TOKEN":"t"}}),
            ),
            "s",
            "c",
            Some("alice"),
        );
        assert_eq!(body(&r)["AuthParameters"]["SECRET_HASH"], h.as_str());
        let r = apply(&req(Operation::GetTokensFromRefreshToken, json!({"RefreshToken":"t"})), "s", "c", None);
        assert_eq!(body(&r)["ClientSecret"], "s");
        let r = apply(&req(Operation::RevokeToken, json!({"Token":"t","ClientId":"c"})), "s", "c", None);
        assert_eq!(body(&r)["ClientSecret"], "s");
        let r = apply(&req(Operation::GetUser, json!({"AccessToken":"t"})), "s", "c", Some("alice"));
        assert_eq!(body(&r), json!({"AccessToken":"t"}));
    }

    #[test]
    fn the_hash_goes_last_and_the_rest_of_the_body_is_unchanged() {
        let r = apply(
            &req(
                Operation::ForgotPassword,
                json!({"ClientId":"c","Username":"alice","ClientMetadata":{"z":"1","a":"2"}}),
            ),
            "s",
            "c",
            None,
        );
        let expected = format!(
            r#"{{"ClientId":"c","Username":"alice","ClientMetadata":{{"z":"1","a":"2"}},"SecretHash":"{}"}}"#,
            secret_hash("s", "alice", "c")
        );
        assert_eq!(r.text(), expected);
    }
}
