//! The parser: strict RFC 8259 JSON, as `JSON.parse` accepts it, for hostile input.
//! Never panics; nesting is capped at [`MAX_DEPTH`]; everything allocated is a copy of
//! part of the input. A lone UTF-16 surrogate in a `\u` escape (which `JSON.parse`
//! accepts but a Rust string cannot hold) becomes U+FFFD.

use super::{Number, Object, Value};
use crate::prelude::*;

/// How deeply arrays and objects may nest. Nothing Cognito sends comes close; the cap
/// keeps a hostile `[[[[...` from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Why the text is not JSON, and where (a byte offset). The shipped wasm has no reader
/// for the reason, so it does not record one (a store at each of the parser's failures).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct ParseError {
    pub offset: usize,
    #[cfg(not(shipped))]
    pub reason: Reason,
}

/// Why a text is not JSON: a code, whose words ([`Reason::text`]) are for people. No
/// caller in the shipped wasm reads them, so they are not in it; as `&'static str`s in
/// every error they were, and each failure stored two words instead of one byte.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Reason {
    NotUtf8,
    TextAfterValue,
    EndOfInput,
    NotAValue,
    NestedTooDeeply,
    UnclosedArray,
    UnclosedObject,
    NotAKey,
    NoColon,
    UnterminatedString,
    ControlCharacter,
    InvalidEscape,
    InvalidUnicodeEscape,
    InvalidNumber,
}

impl Reason {
    /// The reason in words.
    pub fn text(self) -> &'static str {
        [
            "not UTF-8",
            "unexpected text after the JSON value",
            "unexpected end of input",
            "expected a JSON value",
            "nested too deeply",
            "expected ',' or ']'",
            "expected ',' or '}'",
            "expected a string key",
            "expected ':' after a key",
            "unterminated string",
            "control character in a string",
            "invalid escape",
            "invalid \\u escape",
            "invalid number",
        ][self as usize]
    }
}

/// One JSON value, optionally surrounded by whitespace, and nothing else.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    parse_bytes(text.as_bytes())
}

/// [`parse`] for bytes, which must be UTF-8 (a JWT payload, say). Outside its strings
/// JSON is ASCII, so the strings' contents are all there is to check: each run is checked
/// as it is copied, rather than the whole text first into a copy of its own.
pub fn parse_bytes(text: &[u8]) -> Result<Value, ParseError> {
    let mut parser = Parser {
        text,
        at: 0,
        #[cfg(not(shipped))]
        reason: Reason::EndOfInput,
    };
    if let Some(value) = parser.value(0) {
        parser.skip_whitespace();
        if parser.at == text.len() {
            return Ok(value);
        }
        parser.fail::<()>(Reason::TextAfterValue);
    }
    Err(ParseError {
        offset: parser.at,
        #[cfg(not(shipped))]
        reason: parser.reason,
    })
}

/// Every reading step returns an `Option`: on failure the step has set `reason`, and
/// `at` is where it failed, which [`parse`] turns into the [`ParseError`]. (As a `Result`
/// each failure wrote the whole error through the return slot, at every one of them.)
struct Parser<'a> {
    text: &'a [u8],
    /// Byte offset of the next unread byte.
    at: usize,
    /// Why the reading failed, once it has (see [`ParseError`]).
    #[cfg(not(shipped))]
    reason: Reason,
}

impl Parser<'_> {
    /// Fails here, for `reason`.
    #[inline(always)]
    fn fail<T>(&mut self, reason: Reason) -> Option<T> {
        #[cfg(not(shipped))]
        {
            self.reason = reason;
        }
        #[cfg(shipped)]
        let _ = reason;
        None
    }

    // Inlined: as a call, its `Option<u8>` came back through memory at each of a dozen uses.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// `depth`: how many arrays and objects enclose this value.
    fn value(&mut self, depth: usize) -> Option<Value> {
        self.skip_whitespace();
        match self.peek() {
            Some(open @ (b'{' | b'[')) => {
                if depth >= MAX_DEPTH {
                    return self.fail(Reason::NestedTooDeeply);
                }
                self.at += 1; // the opening bracket
                self.members(depth + 1, open == b'{')
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => self.literal(),
            None => self.fail(Reason::EndOfInput),
        }
    }

    /// The unread bytes.
    #[inline(always)]
    fn rest(&self) -> &[u8] {
        self.text.get(self.at..).unwrap_or_default()
    }

    /// Appends the text from byte `start` to the current position to `out`, checked as
    /// UTF-8; fails where it is not.
    fn copy_since(&mut self, start: usize, out: &mut String) -> Option<()> {
        let run = self.text.get(start..self.at).unwrap_or_default();
        if let Err(offset) = crate::text::push_utf8(out, run) {
            self.at = start + offset;
            return self.fail(Reason::NotUtf8);
        }
        Some(())
    }

    /// `true`, `false` or `null`, by its first letter; anything else is no JSON value.
    fn literal(&mut self) -> Option<Value> {
        let (word, value) = match self.peek() {
            Some(b't') => ("true", Value::Bool(true)),
            Some(b'f') => ("false", Value::Bool(false)),
            _ => ("null", Value::Null),
        };
        if !self.rest().starts_with(word.as_bytes()) {
            return self.fail(Reason::NotAValue);
        }
        self.at += word.len();
        Some(value)
    }

    /// After `[` (or `{` when `object`): values (or `"key": value` members) separated by
    /// commas, then the closing bracket. One loop for both kinds: less wasm than two.
    fn members(&mut self, depth: usize, object: bool) -> Option<Value> {
        let mut items = Vec::new();
        let mut members = Vec::new();
        // The reading fails in one place here, where what was read so far is dropped, rather
        // than at each of its failures.
        self.read_members(depth, object, &mut items, &mut members)?;
        // The list not read into is empty, and an empty `Vec` owns no memory: forgotten,
        // leaking nothing, rather than dropped by code of its own.
        Some(if object {
            core::mem::forget(items);
            Value::Object(Object::from_pairs(members))
        } else {
            core::mem::forget(members);
            Value::Array(items)
        })
    }

    fn read_members(
        &mut self, depth: usize, object: bool, items: &mut Vec<Value>, members: &mut Vec<(String, Value)>,
    ) -> Option<()> {
        let (close, unclosed) = if object { (b'}', Reason::UnclosedObject) } else { (b']', Reason::UnclosedArray) };
        self.skip_whitespace();
        if self.eat(close) {
            return Some(());
        }
        loop {
            if object {
                self.skip_whitespace();
                if self.peek() != Some(b'"') {
                    return self.fail(Reason::NotAKey);
                }
                let key = self.string()?;
                self.skip_whitespace();
                if !self.eat(b':') {
                    return self.fail(Reason::NoColon);
                }
                members.push((key, self.value(depth)?));
            } else {
                items.push(self.value(depth)?);
            }
            self.skip_whitespace();
            if self.eat(close) {
                return Some(());
            }
            if !self.eat(b',') {
                return self.fail(unclosed);
            }
        }
    }

    /// At `"`: the string's contents with escapes resolved.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        // Runs up to the next quote, backslash or control character are copied at once: all
        // three are ASCII, so a run of UTF-8 ends where a character does.
        let mut run = self.at;
        loop {
            let Some(b) = self.peek() else {
                return self.fail(Reason::UnterminatedString);
            };
            if b != b'"' && b != b'\\' && b >= 0x20 {
                self.at += 1;
                continue;
            }
            self.copy_since(run, &mut out)?;
            match b {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.at += 1;
                    out.push(self.escape()?);
                    run = self.at;
                }
                _ => return self.fail(Reason::ControlCharacter),
            }
        }
    }

    /// After a backslash: the character of one escape sequence.
    fn escape(&mut self) -> Option<char> {
        // The escapes and the characters they stand for, in the same order.
        const ESCAPES: &[u8; 8] = b"\"\\/bfnrt";
        const MEANINGS: &[u8; 8] = b"\"\\/\x08\x0c\n\r\t";
        if self.peek() == Some(b'u') {
            self.at += 1;
            return self.unicode_escape();
        }
        let Some(i) = ESCAPES.iter().position(|&e| Some(e) == self.peek()) else {
            return self.fail(Reason::InvalidEscape);
        };
        self.at += 1;
        Some(char::from(MEANINGS[i]))
    }

    /// After `\u`: a code unit, joined with a following `\uDC00`-`\uDFFF` when it is a
    /// high surrogate. Unpaired surrogates become U+FFFD.
    fn unicode_escape(&mut self) -> Option<char> {
        let Some(unit) = hex4(self.rest()) else {
            return self.fail(Reason::InvalidUnicodeEscape);
        };
        self.at += 4;
        let c = match unit {
            0xD800..=0xDBFF => match self.low_surrogate_after() {
                Some(low) => char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)),
                None => None,
            },
            _ => char::from_u32(unit),
        };
        Some(c.unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// Consumes `\uDC00`-`\uDFFF` if that comes next; anything else is left for later.
    fn low_surrogate_after(&mut self) -> Option<u32> {
        let unit = match self.rest() {
            [b'\\', b'u', digits @ ..] => hex4(digits)?,
            _ => return None,
        };
        if !(0xDC00..=0xDFFF).contains(&unit) {
            return None;
        }
        self.at += 6;
        Some(unit)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        self.eat(b'-');
        // Each part stops where it fails, so the error is reported there.
        let well_formed = (self.eat(b'0') || self.digits())
            && (!self.eat(b'.') || self.digits())
            && (!(self.eat(b'e') || self.eat(b'E')) || {
                let _ = self.eat(b'+') || self.eat(b'-');
                self.digits()
            });
        if !well_formed {
            return self.fail(Reason::InvalidNumber);
        }
        let mut text = String::new();
        self.copy_since(start, &mut text)?; // ASCII: never fails
        Some(Value::Number(Number::from_checked_text(text)))
    }

    /// Consumes the next byte if it is `wanted`.
    fn eat(&mut self, wanted: u8) -> bool {
        let eaten = self.peek() == Some(wanted);
        self.at += usize::from(eaten);
        eaten
    }

    /// Consumes decimal digits; whether there was at least one.
    fn digits(&mut self) -> bool {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at > start
    }
}

/// The code unit written by the first four bytes of `digits` in hex (and nothing like
/// the `+1` that from_str_radix would take).
fn hex4(digits: &[u8]) -> Option<u32> {
    let mut unit = 0;
    for i in 0..4 {
        unit = unit << 4 | u32::from(crate::text::hex_digit(*digits.get(i)?)?);
    }
    Some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    #[test]
    fn parses_every_kind_of_value() {
        let v = ok(" {\"s\":\"x\",\"n\":-1.5e+3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[],{}]} \n");
        assert_eq!(v["s"], "x");
        assert_eq!(v["n"].as_f64(), Some(-1500.0));
        assert_eq!((v["t"].as_bool(), v["f"].as_bool(), v["z"].is_null()), (Some(true), Some(false), true));
        assert_eq!(v["a"].as_array().map(Vec::len), Some(3));
        assert_eq!(ok("0"), Value::Number(Number::from(0)));
        assert_eq!(ok("\"\""), Value::String(String::new()));
    }

    #[test]
    fn resolves_every_escape() {
        assert_eq!(ok(r#""\"\\\/\b\f\n\r\t""#), Value::String("\"\\/\u{8}\u{c}\n\r\t".into()));
        assert_eq!(ok(r#""\u0041\u00e9\u20AC""#), Value::String("Aé€".into()));
        assert_eq!(ok(r#""\ud83d\ude00 ok""#), Value::String("😀 ok".into()));
        assert_eq!(ok("\"raw ü 😀\""), Value::String("raw ü 😀".into()));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(ok(r#""\ud800""#), Value::String("\u{FFFD}".into()));
        assert_eq!(ok(r#""\udc00x""#), Value::String("\u{FFFD}x".into()));
        assert_eq!(ok(r#""\ud800\u0041""#), Value::String("\u{FFFD}A".into()));
        assert_eq!(ok(r#""\ud800\ud800\udc00""#), Value::String("\u{FFFD}\u{10000}".into()));
        assert_eq!(ok(r#""\ud800\n""#), Value::String("\u{FFFD}\n".into()));
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        for bad in [
            "",
            " ",
            "{",
            "[",
            "[1,]",
            "[,1]",
            "{\"a\"}",
            "{\"a\":1,}",
            "{a:1}",
            "{'a':1}",
            "\"abc",
            "\"a\u{1}b\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u+123\"",
            "\"\\u12G4\"",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "1e+",
            "+1",
            "--1",
            "NaN",
            "Infinity",
            "tru",
            "nul",
            "truex",
            "1 2",
            "{} x",
            "[]]",
            "\u{feff}{}",
            "\"\\",
            "[1\u{0}]",
            "1.5e",
            "0x10",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn nesting_is_capped() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert_eq!(parse(&deep(MAX_DEPTH + 1)).unwrap_err().reason.text(), "nested too deeply");
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert!(parse(&objects).is_err());
        // A million opening brackets fail at the cap, not by overflowing the stack.
        assert!(parse(&"[".repeat(1_000_000)).is_err());
    }

    #[test]
    fn hostile_input_fails_cleanly() {
        for bad in ["\"\\ud800\\u", "\"\\ud800\\uDC", "\"\\u", "[1,{\"a\":[\"\\", "{\"a\":1,\"a\"", "-0.e1", "\"é"] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
        assert!(parse_bytes(b"\"\xff\"").is_err());
        assert_eq!(parse_bytes(b"{\"a\":1}").unwrap()["a"].as_i64(), Some(1));
        // Many distinct keys parse without quadratic work.
        let many: Vec<String> = (0..20_000).map(|i| format!("\"k{i}\":{i}")).collect();
        let v = ok(&format!("{{{}}}", many.join(",")));
        assert_eq!(v.as_object().map(Object::len), Some(20_000));
    }

    /// An error as offset and words.
    fn failure(text: &str) -> (usize, &'static str) {
        let e = parse(text).unwrap_err();
        (e.offset, e.reason.text())
    }

    #[test]
    fn every_reason_has_its_words() {
        let utf8 = parse_bytes(b"[\"\xff\"]").unwrap_err();
        assert_eq!((utf8.offset, utf8.reason.text()), (2, "not UTF-8"));
        for (text, offset, words) in [
            ("{} x", 3, "unexpected text after the JSON value"),
            ("[1,", 3, "unexpected end of input"),
            ("[1, x]", 4, "expected a JSON value"),
            ("[1 2]", 3, "expected ',' or ']'"),
            ("{\"a\":1 x", 7, "expected ',' or '}'"),
            ("{a:1}", 1, "expected a string key"),
            ("{\"a\" 1}", 5, "expected ':' after a key"),
            ("\"abc", 4, "unterminated string"),
            ("\"\t\"", 1, "control character in a string"),
            ("\"\\x\"", 2, "invalid escape"),
            ("\"\\u12\"", 3, "invalid \\u escape"),
            ("-", 1, "invalid number"),
        ] {
            assert_eq!(failure(text), (offset, words), "{text}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(failure(&deep), (MAX_DEPTH, "nested too deeply"));
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(failure("[1, x]"), (4, "expected a JSON value"));
        assert_eq!(parse("{} x").unwrap_err().offset, 3);
        assert_eq!(failure("\"abc"), (4, "unterminated string"));
        assert_eq!(failure("[\"é\u{1}\"]"), (4, "control character in a string"));
        // A number fails where its grammar does.
        for (text, offset) in [("-x", 1), ("[1.]", 3), ("1e+", 3), ("-", 1), ("2.5E", 4), ("0.e1", 2)] {
            assert_eq!(failure(text), (offset, "invalid number"), "{text}");
        }
    }
}
