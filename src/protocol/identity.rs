//! Cognito Identity (identity pools): turning a user pool's ID token, or nothing (a guest),
//! into temporary AWS credentials — GetId, then GetCredentialsForIdentity — without the AWS SDK.

use super::{Operation, Request};
use crate::json::{Object, Value};
use crate::prelude::*;
use crate::text::{before, concat};

/// `https://cognito-identity.<region>.amazonaws.com/`, the region being the identity pool
/// id's prefix (`us-east-1:1234...`), unless an endpoint is given.
pub fn endpoint_for(identity_pool_id: &str, custom: Option<&str>) -> String {
    super::regional_endpoint("https://cognito-identity.", identity_pool_id, b':', custom)
}

/// The Logins key for a user pool: `cognito-idp.<region>.amazonaws.com/<userPoolId>`.
pub fn login_provider(user_pool_id: &str) -> String {
    concat(&["cognito-idp.", before(user_pool_id, b'_'), ".amazonaws.com/", user_pool_id])
}

/// `{ name: id }`, plus `Logins` when there are any (guests send none).
fn with_logins(name: &str, id: &str, logins: &Object) -> Object {
    let mut body = super::text_fields(&[name], &[id]);
    if !logins.is_empty() {
        body.insert("Logins", Value::Object(logins.clone()));
    }
    body
}

pub fn get_id(identity_pool_id: &str, logins: &Object) -> Request {
    Request::new(Operation::GetId, with_logins("IdentityPoolId", identity_pool_id, logins))
}

pub fn get_credentials_for_identity(identity_id: &str, logins: &Object) -> Request {
    Request::new(Operation::GetCredentialsForIdentity, with_logins("IdentityId", identity_id, logins))
}

/// The string `IdentityId` of GetId's (`{ IdentityId }`) or GetCredentialsForIdentity's
/// (`{ IdentityId, Credentials }`) answer, when `with_credentials` only with `Credentials`
/// holding its three strings and its numeric `Expiration` (seconds since the epoch): one
/// check for both answers, not a decoder per answer.
#[inline(never)]
pub fn identity_id(value: &Value, with_credentials: bool) -> Option<&str> {
    let id = value.get("IdentityId").and_then(Value::as_str)?;
    if with_credentials {
        let c = &value["Credentials"];
        let text = |k: &str| c.get(k).and_then(Value::as_str).is_some();
        let complete = text("AccessKeyId") && text("SecretKey") && text("SessionToken");
        c.get("Expiration").and_then(Value::as_f64).filter(|_| complete)?;
    }
    Some(id)
}

/// Credentials are renewed this long before they expire, so no request goes out with
/// credentials that die in flight.
pub const EXPIRY_MARGIN_SECS: f64 = 300.0;

/// True unless the credentials stay valid beyond the margin (a NaN expiry included).
pub fn needs_refresh(expiration: f64, now_secs: f64) -> bool {
    let still_good = expiration - EXPIRY_MARGIN_SECS > now_secs;
    !still_good
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn addresses_and_keys() {
        assert_eq!(endpoint_for("eu-west-1:abc", None), "https://cognito-identity.eu-west-1.amazonaws.com/");
        assert_eq!(login_provider("eu-west-1_AbC"), "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
        assert_eq!(Operation::GetId.target(), "AWSCognitoIdentityService.GetId");
        assert_eq!(Operation::InitiateAuth.target(), "AWSCognitoIdentityProviderService.InitiateAuth");
    }

    #[test]
    fn guests_send_no_logins() {
        let r = get_id("p", &Object::new());
        assert_eq!(r.text(), r#"{"IdentityPoolId":"p"}"#);
        let mut logins = Object::new();
        logins.insert("cognito-idp.x.amazonaws.com/x_1", json!("tok"));
        let r = get_credentials_for_identity("id", &logins);
        assert_eq!(r.text(), r#"{"IdentityId":"id","Logins":{"cognito-idp.x.amazonaws.com/x_1":"tok"}}"#);
    }

    #[test]
    fn credentials_take_a_fractional_expiry() {
        let body = r#"{"IdentityId":"id","Credentials":{"AccessKeyId":"A","SecretKey":"S","SessionToken":"T","Expiration":1.7312345675E9}}"#;
        let r = json::parse(body).unwrap();
        assert_eq!(
            (identity_id(&r, true), r["Credentials"]["Expiration"].as_f64()),
            (Some("id"), Some(1_731_234_567.5))
        );
        let partial = json::parse(r#"{"IdentityId":"id","Credentials":{"AccessKeyId":"A"}}"#).unwrap();
        assert!(identity_id(&partial, true).is_none());
    }

    #[test]
    fn get_id_reads_only_the_identity_id() {
        let answer = |body: &str| json::parse(body).unwrap();
        assert_eq!(identity_id(&answer(r#"{"IdentityId":"id","Credentials":5}"#), false), Some("id"));
        assert!(identity_id(&answer(r#"{"IdentityId":null}"#), false).is_none());
        assert!(identity_id(&answer(r#"{"IdentityId":"id","Credentials":null}"#), true).is_none());
    }

    #[test]
    fn credentials_are_renewed_before_they_expire() {
        assert!(!needs_refresh(10_000.0, 9_000.0));
        assert!(needs_refresh(10_000.0, 9_800.0));
        assert!(needs_refresh(f64::NAN, 0.0));
    }
}
