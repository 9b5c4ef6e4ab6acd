//! Advanced security (Cognito's threat protection): the `UserContextData` field, with the
//! risk signals a page collects, that the JS SDK adds to sign-up, its confirmation, the
//! forgot-password pair and every sign-in request (InitiateAuth, RespondToAuthChallenge).
//! The collector is Cognito's advanced-security script, which defines the global
//! `AmazonCognitoAdvancedSecurityData`; here it is a [`ContextDataSource`], so this
//! module stays plain Rust.

use crate::json::{Object, Value};
use crate::prelude::*;

/// Where the encoded context data comes from: the page's collector in the browser.
pub trait ContextDataSource {
    /// Whether there is a collector at all. Without one, no request carries the field.
    fn is_present(&self) -> bool;

    /// `getData(username, userPoolId, clientId)`: the encoded data, or None when the
    /// collector gave nothing.
    fn encoded_data(&self, username: &str, user_pool_id: &str, client_id: &str) -> Option<String>;
}

/// No collector: Node, identity pools, tests.
pub struct NoCollector;

impl ContextDataSource for NoCollector {
    fn is_present(&self) -> bool {
        false
    }

    fn encoded_data(&self, _: &str, _: &str, _: &str) -> Option<String> {
        None
    }
}

/// The `UserContextData` of one request.
#[derive(Clone, PartialEq, Eq, Default)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum UserContextData {
    /// No collector on the page: the request has no such field.
    #[default]
    Absent,
    /// `{}`: a collector is there, but the pool data turned collection off
    /// (`AdvancedSecurityDataCollectionFlag: false`) or it gave nothing. The JS SDK's
    /// quirk, kept because apps and Cognito's logs see it.
    Empty,
    /// `{ EncodedData }`.
    Encoded(String),
}

impl UserContextData {
    /// Asks `source` as the JS SDK's `getUserContextData(username)` does: the collector is
    /// called only when the pool collects (`collection_enabled`).
    pub fn collect(
        source: &dyn ContextDataSource, collection_enabled: bool, username: &str, user_pool_id: &str, client_id: &str,
    ) -> UserContextData {
        if !source.is_present() {
            return UserContextData::Absent;
        }
        let data = match collection_enabled {
            true => source.encoded_data(username, user_pool_id, client_id),
            false => None,
        };
        // The SDK sends EncodedData only when getData's result is truthy: "" is nothing.
        match data.filter(|d| !d.is_empty()) {
            Some(encoded) => UserContextData::Encoded(encoded),
            None => UserContextData::Empty,
        }
    }

    /// The field's value (the SDK's `getUserContextData()`); None: no field.
    pub fn value(&self) -> Option<Value> {
        let encoded = match self {
            UserContextData::Absent => return None,
            UserContextData::Empty => None,
            UserContextData::Encoded(data) => Some(data.as_str()),
        };
        let mut value = Object::new();
        super::insert_text(&mut value, "EncodedData", encoded);
        Some(Value::Object(value))
    }

    /// Adds the field to a request body, last, where the SDK adds it.
    pub(super) fn add_to(&self, body: &mut Object) {
        if let Some(value) = self.value() {
            body.insert("UserContextData", value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use core::cell::RefCell;

    /// A collector that records what it was asked and gives `answer`.
    struct Recorder {
        answer: Option<String>,
        asked: RefCell<Vec<(String, String, String)>>,
    }

    impl ContextDataSource for Recorder {
        fn is_present(&self) -> bool {
            true
        }
        fn encoded_data(&self, username: &str, user_pool_id: &str, client_id: &str) -> Option<String> {
            self.asked.borrow_mut().push((username.into(), user_pool_id.into(), client_id.into()));
            self.answer.clone()
        }
    }

    fn recorder(answer: Option<&str>) -> Recorder {
        Recorder { answer: answer.map(str::to_string), asked: RefCell::default() }
    }

    #[test]
    fn without_a_collector_there_is_no_field_and_nothing_is_asked() {
        assert_eq!(UserContextData::collect(&NoCollector, true, "u", "p", "c"), UserContextData::Absent);
    }

    #[test]
    fn the_collector_is_asked_for_the_user_pool_and_client() {
        let source = recorder(Some("ENC"));
        let data = UserContextData::collect(&source, true, "alice", "us-east-1_P", "client");
        assert_eq!(data, UserContextData::Encoded("ENC".into()));
        assert_eq!(*source.asked.borrow(), [("alice".into(), "us-east-1_P".into(), "client".into())]);
    }

    #[test]
    fn collection_turned_off_or_nothing_collected_is_an_empty_object() {
        let source = recorder(Some("ENC"));
        assert_eq!(UserContextData::collect(&source, false, "u", "p", "c"), UserContextData::Empty);
        assert!(source.asked.borrow().is_empty(), "the SDK does not call getData when the pool turned it off");
        for nothing in [None, Some("")] {
            assert_eq!(UserContextData::collect(&recorder(nothing), true, "u", "p", "c"), UserContextData::Empty);
        }
    }

    #[test]
    fn the_field_goes_last_in_the_body() {
        let with = |data: UserContextData| {
            let mut body = json!({ "ClientId": "c" }).into_object().unwrap();
            data.add_to(&mut body);
            Value::Object(body).stringify()
        };
        assert_eq!(with(UserContextData::Absent), r#"{"ClientId":"c"}"#);
        assert_eq!(with(UserContextData::Empty), r#"{"ClientId":"c","UserContextData":{}}"#);
        assert_eq!(
            with(UserContextData::Encoded("E".into())),
            r#"{"ClientId":"c","UserContextData":{"EncodedData":"E"}}"#
        );
    }
}
