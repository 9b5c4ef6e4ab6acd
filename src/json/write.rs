//! The writer: compact JSON, byte for byte what `JSON.stringify` makes of the same data,
//! so request bodies match the JS SDK's.

use super::{Object, Value};
use crate::prelude::*;

impl Value {
    /// This value as compact JSON text, like `JSON.stringify(value)`.
    pub fn stringify(&self) -> String {
        let mut out = String::new();
        write_value(self, &mut out);
        out
    }
}

impl Object {
    /// This object as compact JSON text (a request body, written once by the transport).
    pub fn stringify(&self) -> String {
        let mut out = String::new();
        write_object(self, &mut out);
        out
    }
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.as_text()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => write_object(members, out),
    }
}

fn write_object(members: &Object, out: &mut String) {
    out.push('{');
    for (i, (key, item)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write_value(item, out);
    }
    out.push('}');
}

/// A JSON string as `JSON.stringify` writes it: `"` and `\` escaped, the control
/// characters with a short escape where JSON has one and as `\u00xx` otherwise; every
/// other character (non-ASCII included) as itself.
fn write_string(s: &str, out: &mut String) {
    // The characters with a short escape, and the letter after the backslash for each.
    const SHORT: &[u8; 7] = b"\"\\\x08\x0c\n\r\t";
    const LETTERS: &[u8; 7] = b"\"\\bfnrt";
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut clean_from = 0;
    for (i, b) in s.bytes().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        // Only ASCII bytes get here, so `i` is a char boundary (`get`: without the
        // char-boundary panic of `&s[..]`, which would bring core's formatting in).
        out.push_str(s.get(clean_from..i).unwrap_or_default());
        out.push('\\');
        match SHORT.iter().position(|&c| c == b) {
            Some(k) => out.push(char::from(LETTERS[k])),
            None => {
                out.push_str("u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        clean_from = i + 1;
    }
    out.push_str(s.get(clean_from..s.len()).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use crate::json::{parse, Value};

    fn string(s: &str) -> String {
        Value::String(s.into()).stringify()
    }

    #[test]
    fn strings_are_escaped_exactly_like_json_stringify() {
        // Expected texts from node: JSON.stringify(s).
        assert_eq!(string("plain"), r#""plain""#);
        assert_eq!(string("q\"b\\s/"), r#""q\"b\\s/""#);
        assert_eq!(string("\n\r\t\u{8}\u{c}"), r#""\n\r\t\b\f""#);
        assert_eq!(string("\u{0}\u{1}\u{1f}\u{7f}"), "\"\\u0000\\u0001\\u001f\u{7f}\"");
        assert_eq!(string("ü€😀\u{2028}"), "\"ü€😀\u{2028}\"");
        assert_eq!(string("a\u{b}b"), r#""a\u000bb""#);
        // The expected text is node's JSON.stringify of the same 128 characters.
        let ascii: String = (0u8..128).map(char::from).collect();
        let node = concat!(
            r##""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"##,
            "\u{7f}\""
        );
        assert_eq!(string(&ascii), node);
        assert_eq!(parse(node).unwrap(), Value::String(ascii));
    }

    #[test]
    fn round_trips_keep_text_order_and_numbers() {
        for text in [
            r#"{"z":1,"a":[true,false,null],"m":{"k":"v"},"n":-1.50e+3,"big":123456789012345678901234567890}"#,
            r#"[]"#,
            r#"{}"#,
            r#""\u0000\n😀""#,
            r#"[[[[{"a":[{}]}]]]]"#,
        ] {
            assert_eq!(parse(text).unwrap().stringify(), text);
        }
        // Whitespace and needless escapes go; the data stays.
        assert_eq!(parse(" { \"a\" : \"\\u0041\\/\" } ").unwrap().stringify(), r#"{"a":"A/"}"#);
    }
}
