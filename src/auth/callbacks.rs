//! The arguments challenges reach the SDK's callback objects with (which method each one
//! calls is in `protocol::challenge`).

use crate::json::{self, Object, Value};
use crate::prelude::*;

/// The prefix Cognito puts on attribute names in NEW_PASSWORD_REQUIRED.
pub const USER_ATTRIBUTES_PREFIX: &str = "userAttributes.";

/// `(userAttributes, requiredAttributes)` for `newPasswordRequired`: Cognito sends both as
/// JSON text; required names lose their `userAttributes.` prefix. Bad JSON gives `null` / `[]`.
pub fn new_password_required_args(parameters: &Object) -> (Value, Vec<String>) {
    let parse = |name: &str| match parameters.get(name) {
        Some(Value::String(text)) => json::parse(text).unwrap_or(Value::Null),
        _ => Value::Null,
    };
    let user_attributes = parse("userAttributes");
    // A loop, not `collect`: the iterator adapters cost more wasm than the pushes.
    let mut required = Vec::new();
    if let Value::Array(items) = parse("requiredAttributes") {
        for name in items.iter().filter_map(Value::as_str) {
            required.push(name.strip_prefix(USER_ATTRIBUTES_PREFIX).unwrap_or(name).to_string());
        }
    }
    (user_attributes, required)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn new_password_required_args_lose_the_prefix() {
        let params = json!({"userAttributes":"{\"email\":\"a@b\"}","requiredAttributes":"[\"userAttributes.name\",\"family_name\"]"});
        let (attrs, required) = new_password_required_args(params.as_object().unwrap());
        assert_eq!(attrs, json!({"email":"a@b"}));
        assert_eq!(required, vec!["name", "family_name"]);
        let (attrs, required) = new_password_required_args(json!({"userAttributes":"{not json"}).as_object().unwrap());
        assert_eq!((attrs, required.len()), (Value::Null, 0));
    }
}
