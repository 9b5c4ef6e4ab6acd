//! The Cognito user-pool wire protocol: which operations exist, how a request is
//! addressed and framed, what the bodies look like, and how errors are shaped.
//! Plain Rust: no JS types, so it builds and tests natively.

use crate::prelude::*;
#[macro_use]
mod named;
#[macro_use]
pub mod one_request;
pub mod account;
pub mod auth;
pub mod challenge;
mod error;
pub mod identity;
mod operation;
pub mod registration;
pub mod secret_hash;
pub mod types;
pub mod user_context;

use crate::json::{Object, Value};
pub use error::{CognitoError, ErrorKind, HttpResponse, JsonAnswer};
pub use operation::Operation;
pub use user_context::UserContextData;

/// Value of `X-Amz-User-Agent`: the JS SDK's, plus our own name so servers can tell us apart.
pub const USER_AGENT: &str = concat!("aws-amplify/5.0.4 js cognito-identity-wasm/", env!("CARGO_PKG_VERSION"));

/// A request ready for the transport: where it goes, its target header, its JSON body.
/// The body stays a value until the transport writes it ([`Request::text`]), so adding
/// SECRET_HASH or dropping a forgotten device's key edits fields, not text.
#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Request {
    pub operation: Operation,
    pub body: Object,
}

impl Request {
    /// Only the builders in this module's files make requests: one per operation.
    pub(in crate::protocol) fn new(operation: Operation, body: Object) -> Request {
        Request { operation, body }
    }

    /// The body as the wire carries it.
    pub fn text(&self) -> String {
        self.body.stringify()
    }

    /// A field of the body, or of one of its maps (`AuthParameters`, `ChallengeResponses`).
    pub fn fields_mut(&mut self, map: Option<&str>) -> Option<&mut Object> {
        match map {
            None => Some(&mut self.body),
            Some(name) => self.body.get_mut(name).and_then(Value::as_object_mut),
        }
    }

    /// The headers the JS SDK sends, in its order, as the JSON object `fetch` is given.
    pub fn headers_json(&self, user_agent: &str) -> String {
        let target = self.operation.target();
        let values = ["application/x-amz-json-1.1", target.as_str(), user_agent, "no-store"];
        Value::Object(text_fields(&["Content-Type", "X-Amz-Target", "X-Amz-User-Agent", "Cache-Control"], &values))
            .stringify()
    }
}

/// A body of text fields, in this order: what most operations send. The names come apart
/// from the texts, so each call's names are one constant rather than stores per member.
/// The builders start from it and insert the other members, rather than writing
/// [`crate::json!`] objects: measured, no json! object in the shipped code means none of
/// its per-member conversions (see the commit that made it so for the numbers).
fn text_fields(names: &[&str], texts: &[&str]) -> Object {
    Object::from_texts(names, texts)
}

/// Adds the member `name` when the text is there (the SDK sends `undefined`, i.e. nothing,
/// otherwise): one copy of the code for every optional text field.
fn insert_text(body: &mut Object, name: &str, text: Option<&str>) {
    if let Some(text) = text {
        body.insert(name, Value::String(text.into()));
    }
}

/// Adds `ClientMetadata` when there is any (the SDK sends `undefined`, i.e. nothing, otherwise).
fn with_metadata(mut body: Object, client_metadata: Option<&types::StringMap>) -> Object {
    if let Some(meta) = client_metadata {
        body.insert("ClientMetadata", Value::Object(meta.clone()));
    }
    body
}

/// [`with_metadata`], then `UserContextData` after it, in the SDK's order: for the
/// operations that carry advanced security's context data.
fn with_metadata_and_context(
    body: Object, client_metadata: Option<&types::StringMap>, user_context: &UserContextData,
) -> Object {
    let mut body = with_metadata(body, client_metadata);
    user_context.add_to(&mut body);
    body
}

/// The regional endpoint for a user pool id such as `eu-west-1_AbC123`, unless the
/// pool data names its own `endpoint`.
pub fn endpoint_for(user_pool_id: &str, custom: Option<&str>) -> String {
    regional_endpoint("https://cognito-idp.", user_pool_id, b'_', custom)
}

/// `<service>.<region>.amazonaws.com/`, the region being what comes before `separator` in
/// the pool's id, unless an endpoint is given: one function for both services.
fn regional_endpoint(service: &str, pool_id: &str, separator: u8, custom: Option<&str>) -> String {
    match custom {
        Some(url) if !url.is_empty() => url.to_string(),
        _ => crate::text::concat(&[service, crate::text::before(pool_id, separator), ".amazonaws.com/"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_comes_from_the_pool_id_region() {
        assert_eq!(endpoint_for("eu-west-1_AbC123", None), "https://cognito-idp.eu-west-1.amazonaws.com/");
        assert_eq!(endpoint_for("eu-west-1_AbC123", Some("")), "https://cognito-idp.eu-west-1.amazonaws.com/");
        assert_eq!(endpoint_for("eu-west-1_AbC123", Some("http://127.0.0.1:4566")), "http://127.0.0.1:4566");
    }

    #[test]
    fn headers_name_the_operation() {
        let req = Request::new(Operation::InitiateAuth, Object::new());
        let h = crate::json::parse(&req.headers_json(USER_AGENT)).unwrap();
        let names: Vec<&str> = h.as_object().unwrap().iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["Content-Type", "X-Amz-Target", "X-Amz-User-Agent", "Cache-Control"]);
        assert_eq!(h["Content-Type"], "application/x-amz-json-1.1");
        assert_eq!(h["X-Amz-Target"], "AWSCognitoIdentityProviderService.InitiateAuth");
        assert!(h["X-Amz-User-Agent"].as_str().unwrap().contains("cognito-identity-wasm/"));
        assert_eq!(h["Cache-Control"], "no-store");
    }
}
