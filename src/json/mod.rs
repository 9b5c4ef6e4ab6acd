//! JSON of our own, in place of serde/serde_json (measured: they made the wasm much
//! larger, with the float formatting they drag in; see BENCHMARKS.md, "Size
//! decisions"). What Cognito and storage send is parsed into a [`Value`]; request
//! bodies are built as `Value`s and written back with [`Value::stringify`], byte for
//! byte as `JSON.stringify` writes them.
//!
//! - Objects keep their keys in the order written (a duplicated key keeps its first
//!   place and its last value, as `JSON.parse` does).
//! - Numbers keep their source text ([`Number`]): read as integers or floats on demand,
//!   written back unchanged, so no float formatting code is ever needed.
//! - Parsing is for hostile input: it never panics, nests at most [`MAX_DEPTH`] deep,
//!   and allocates in proportion to the input.
//!
//! Typed bodies implement [`ToJson`] / [`FromJson`] by hand; [`json!`](crate::json!)
//! builds values in code.

use crate::prelude::*;
mod number;
mod object;
mod parse;
mod write;

pub use number::Number;
pub use object::{Object, OrderedMap};
pub use parse::{parse, parse_bytes, ParseError, Reason, MAX_DEPTH};

#[derive(PartialEq, Default)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// By hand: the derived copy went through `Vec::clone` for arrays and for objects, a
/// copy of the slice-cloning code per element type; here one loop of pushes each.
impl Clone for Value {
    fn clone(&self) -> Value {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(n.clone()),
            Value::String(s) => Value::String(s.clone()),
            Value::Array(items) => {
                let mut copy = Vec::new();
                for item in items {
                    copy.push(item.clone());
                }
                Value::Array(copy)
            }
            Value::Object(members) => Value::Object(members.clone()),
        }
    }
}

/// What `value["missing"]` gives, as with serde_json.
static NULL: Value = Value::Null;

impl Value {
    /// The member `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A number written as a plain integer that fits an i64 (no fraction, no exponent).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// Any number, as the nearest f64 or close to it (see [`Number::as_f64`]).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn into_object(self) -> Option<Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Sets the member `key` of an object (in its place when present, else last);
    /// no effect on other values. For building request bodies.
    pub fn insert(&mut self, key: &str, value: Value) {
        if let Value::Object(o) = self {
            o.insert(key, value);
        }
    }
}

/// `value["key"]`: the member, or null when it is missing or `value` is no object.
impl core::ops::Index<&str> for Value {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

/// `object["key"]`: the member, or null when it is missing.
impl core::ops::Index<&str> for Object {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl PartialEq<str> for Value {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

/// Rust data that has a JSON form (request bodies, and the pieces they are built from).
pub trait ToJson {
    fn to_json(&self) -> Value;
}

/// Rust data read from JSON: `None` when the value does not have the expected shape.
/// Takes the value by move, so decoding a response copies no strings.
pub trait FromJson: Sized {
    fn from_json(value: Value) -> Option<Self>;
}

/// Parses `text` as JSON and decodes it as `T`: `None` for bad JSON or the wrong shape.
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(parse(text).ok()?)
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for u32 {
    fn to_json(&self) -> Value {
        Value::Number(Number::from(i64::from(*self)))
    }
}

/// What an unsuffixed integer literal in [`json!`](crate::json!) is.
impl ToJson for i32 {
    fn to_json(&self) -> Value {
        i64::from(*self).to_json()
    }
}

impl ToJson for i64 {
    fn to_json(&self) -> Value {
        Value::Number(Number::from(*self))
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        let mut items = Vec::new();
        for item in self {
            items.push(item.to_json());
        }
        Value::Array(items)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

/// `None` is null (only where null is wanted: optional fields are left out instead).
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl FromJson for Value {
    fn from_json(value: Value) -> Option<Self> {
        Some(value)
    }
}

impl FromJson for Object {
    fn from_json(value: Value) -> Option<Self> {
        value.into_object()
    }
}

impl FromJson for String {
    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

impl FromJson for bool {
    fn from_json(value: Value) -> Option<Self> {
        value.as_bool()
    }
}

impl FromJson for i64 {
    fn from_json(value: Value) -> Option<Self> {
        value.as_i64()
    }
}

impl FromJson for u32 {
    fn from_json(value: Value) -> Option<Self> {
        u32::try_from(value.as_i64()?).ok()
    }
}

impl FromJson for f64 {
    fn from_json(value: Value) -> Option<Self> {
        value.as_f64()
    }
}

/// Null is `None`; anything else must decode as `T`.
impl<T: FromJson> FromJson for Option<T> {
    #[inline(always)]
    fn from_json(value: Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            other => T::from_json(other).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Option<Self> {
        let Value::Array(mut items) = value else { return None };
        // Each item taken out in its place (a null left behind), not with `into_iter`, whose
        // drop code was a copy per element type.
        let mut out = Vec::new();
        for item in &mut items {
            match T::from_json(core::mem::take(item)) {
                Some(decoded) => out.push(decoded),
                None => return None,
            }
        }
        Some(out)
    }
}

/// A [`Value`] written like JSON: `json!({ "AccessToken": token, "Limit": (n + 1), "Tags": ["a"] })`.
/// Keys are string literals; a value is `null`, an object or array literal, or a single
/// token tree implementing [`ToJson`] (put longer expressions in parentheses).
#[macro_export]
macro_rules! json {
    (null) => {
        $crate::json::Value::Null
    };
    ([ $($item:tt),* $(,)? ]) => {
        $crate::json::Value::Array(vec![ $( $crate::json!($item) ),* ])
    };
    ({ $($key:literal : $value:tt),* $(,)? }) => {
        $crate::json::Value::Object($crate::json::Object::from_literal(&[ $( ($key, $crate::json!(@member $value)) ),* ]))
    };
    // An object member: the value by reference, converted in `from_literal` (not at each
    // member of each call site). Literals of null, arrays and objects are built here.
    (@member null) => {
        &$crate::json::Value::Null as &dyn $crate::json::ToJson
    };
    (@member [ $($item:tt)* ]) => {
        &$crate::json!([ $($item)* ]) as &dyn $crate::json::ToJson
    };
    (@member { $($member:tt)* }) => {
        &$crate::json!({ $($member)* }) as &dyn $crate::json::ToJson
    };
    (@member $value:tt) => {
        &$value as &dyn $crate::json::ToJson
    };
    ($other:expr) => {
        $crate::json::ToJson::to_json(&$other)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_macro_builds_values_in_the_order_written() {
        let token = "t";
        let v = json!({ "b": token, "a": [1u32, true, null, { "x": (2i64 - 5) }], "s": (String::from("s")) });
        assert_eq!(v.stringify(), r#"{"b":"t","a":[1,true,null,{"x":-3}],"s":"s"}"#);
        assert_eq!(json!([]).stringify(), "[]");
        assert_eq!(json!({}).stringify(), "{}");
    }

    #[test]
    fn index_and_accessors_never_panic() {
        let v = parse(r#"{"a":{"b":"c"},"n":12,"f":1.5,"t":true}"#).unwrap();
        assert_eq!(v["a"]["b"], "c");
        assert!(v["missing"]["deeper"].is_null());
        assert!(v["a"]["b"]["not an object"].is_null());
        assert_eq!((v["n"].as_i64(), v["f"].as_i64(), v["f"].as_f64()), (Some(12), None, Some(1.5)));
        assert_eq!((v["t"].as_bool(), v["n"].as_str()), (Some(true), None));
    }

    #[test]
    fn decoding_checks_types() {
        assert_eq!(from_str::<Vec<String>>(r#"["a","b"]"#), Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(from_str::<Vec<String>>(r#"["a",1]"#), None);
        assert_eq!(from_str::<Vec<String>>("{}"), None);
        assert_eq!(from_str::<Vec<String>>("[\"a\""), None);
        assert_eq!(from_str::<i64>("3600"), Some(3600));
    }

    #[test]
    fn string_maps_and_options_become_json() {
        let map: OrderedMap<String> = [("k".to_string(), "v".to_string())].into();
        assert_eq!(map.to_json().stringify(), r#"{"k":"v"}"#);
        assert_eq!(None::<String>.to_json(), Value::Null);
        assert_eq!(42u32.to_json().stringify(), "42");
    }
}
