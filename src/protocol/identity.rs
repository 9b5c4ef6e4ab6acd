//! Cognito Identity (identity pools): turning a user pool's ID token, or nothing (a guest),
//! into temporary AWS credentials — GetId, then GetCredentialsForIdentity — without the AWS SDK.

use super::{Operation, Request};
use crate::json::{FromJson, Object, Value};
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

#[derive(Clone, Default, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_key: String,
    pub session_token: String,
    /// Seconds since the epoch.
    pub expiration: f64,
}

impl Credentials {
    /// The credentials in `o` under `names` (access key id, secret key, session token:
    /// strings; expiration: a number, in the unit of the caller's source), or None unless
    /// all four are there. Read in place, then copied: nothing half-read to drop. The wire's
    /// and the JS object's (other names, milliseconds) are both read here.
    #[inline(never)]
    pub fn read(o: &Value, names: &[&str; 4]) -> Option<Credentials> {
        let text = |k: &str| o.get(k).and_then(Value::as_str);
        match (text(names[0]), text(names[1]), text(names[2]), o.get(names[3]).and_then(Value::as_f64)) {
            (Some(access_key_id), Some(secret_key), Some(session_token), Some(expiration)) => Some(Credentials {
                access_key_id: access_key_id.to_string(),
                secret_key: secret_key.to_string(),
                session_token: session_token.to_string(),
                expiration,
            }),
            _ => None,
        }
    }
}

/// What GetId (`{ IdentityId }`) and GetCredentialsForIdentity (`{ IdentityId,
/// Credentials }`) answer: one record read by one function, not a decoder per answer.
#[derive(Clone, Default, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct IdentityAnswer {
    pub identity_id: String,
    /// Always there in GetCredentialsForIdentity's answer; never read from GetId's.
    pub credentials: Option<Credentials>,
}

impl IdentityAnswer {
    /// `None` unless `value` is an object with the string `IdentityId` and, when
    /// `with_credentials`, `Credentials` with its three strings and its numeric `Expiration`.
    /// Read in place, then copied once all are there: nothing half-read to drop.
    #[inline(never)]
    fn read(value: &Value, with_credentials: bool) -> Option<IdentityAnswer> {
        let identity_id = value.get("IdentityId").and_then(Value::as_str)?.to_string();
        if !with_credentials {
            return Some(IdentityAnswer { identity_id, credentials: None });
        }
        let names = &["AccessKeyId", "SecretKey", "SessionToken", "Expiration"];
        let credentials = Credentials::read(&value["Credentials"], names)?;
        Some(IdentityAnswer { identity_id, credentials: Some(credentials) })
    }
}

/// GetId's answer.
#[cfg_attr(not(shipped), derive(Debug))]
pub struct GetIdResponse(pub IdentityAnswer);

impl FromJson for GetIdResponse {
    fn from_json(value: Value) -> Option<Self> {
        IdentityAnswer::read(&value, false).map(GetIdResponse)
    }
}

/// GetCredentialsForIdentity's answer (its `credentials` are always there).
#[cfg_attr(not(shipped), derive(Debug))]
pub struct CredentialsResponse(pub IdentityAnswer);

impl FromJson for CredentialsResponse {
    fn from_json(value: Value) -> Option<Self> {
        IdentityAnswer::read(&value, true).map(CredentialsResponse)
    }
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
        let CredentialsResponse(r) = json::from_str(body).unwrap();
        assert_eq!((r.identity_id.as_str(), r.credentials.unwrap().expiration), ("id", 1_731_234_567.5));
        assert!(
            json::from_str::<CredentialsResponse>(r#"{"IdentityId":"id","Credentials":{"AccessKeyId":"A"}}"#).is_none()
        );
    }

    #[test]
    fn get_id_reads_only_the_identity_id() {
        let GetIdResponse(r) = json::from_str(r#"{"IdentityId":"id","Credentials":5}"#).unwrap();
        assert_eq!((r.identity_id.as_str(), r.credentials), ("id", None));
        assert!(json::from_str::<GetIdResponse>(r#"{"IdentityId":null}"#).is_none());
        assert!(json::from_str::<CredentialsResponse>(r#"{"IdentityId":"id","Credentials":null}"#).is_none());
    }

    #[test]
    fn credentials_are_renewed_before_they_expire() {
        assert!(!needs_refresh(10_000.0, 9_000.0));
        assert!(needs_refresh(10_000.0, 9_800.0));
        assert!(needs_refresh(f64::NAN, 0.0));
    }
}
