//! amazon-cognito-identity-js's `CookieStorage`, without the browser: the options it
//! accepts, and the exact strings js-cookie 3.0.x (what the SDK uses) assigns to and
//! reads from `document.cookie`. The JS class (src/facade/CookieStorage.js, through
//! `js::entry::cookie`) only moves these strings in and out of `document.cookie`.
//!
//! Format facts reproduced here (js-cookie 3.0.8, the version in the SDK's dist bundle):
//! - name: `encodeURIComponent(name)` with `# $ & + ^ \` |` put back, then `(` `)` as `%28` `%29`;
//! - value: `encodeURIComponent(value)` with `# $ & + / : < = > ? @ [ ] ^ \` { | }` put back;
//! - attributes in the order the SDK's options object produces: `path`, `expires`, `domain`,
//!   `secure` (a bare flag), `sameSite`; falsy ones skipped; each value cut at its first `;`;
//! - `expires` in days → `new Date(Date.now() + days * 864e5).toUTCString()`;
//! - removal = the same attributes, value `''`, `expires` -1 day;
//! - reading: `document.cookie.split('; ')`, each pair split at its first `=`, the name
//!   through `decodeURIComponent`, the value with one pair of surrounding quotes dropped
//!   and its `%XX` runs decoded; a pair whose decoding throws is skipped; first one wins.

use crate::prelude::*;
use crate::text::{
    before, hex_digit, parse_uint, push_time_of_day, push_uint, split_once_byte, split_once_str, CivilDate,
};
/// The cookie `SameSite` attribute values the SDK accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum SameSite {
    Strict,
    Lax,
    None,
}

impl SameSite {
    /// Only the SDK's exact lower-case spellings (it checks with `includes`).
    pub fn parse(s: &str) -> Option<SameSite> {
        match s {
            "strict" => Some(SameSite::Strict),
            "lax" => Some(SameSite::Lax),
            "none" => Some(SameSite::None),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "strict",
            SameSite::Lax => "lax",
            SameSite::None => "none",
        }
    }
}

/// The cookie lifetime. The SDK passes its `expires` option to js-cookie untouched, so
/// besides a number of days it may be a `Date` or a falsy value (a session cookie).
#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Expires {
    /// A JS number of days from now (fractions, 0, negatives, NaN and Infinity included).
    Days(f64),
    /// A fixed instant, epoch milliseconds (a JS `Date`; NaN for an invalid one).
    At(f64),
    /// No `expires` attribute: `undefined`, `null`, `false` or `''`.
    Session,
}

pub const SAME_SITE_ERROR: &str = "The sameSite value of cookieStorage must be \"lax\", \"strict\" or \"none\".";
pub const SAME_SITE_NONE_ERROR: &str = "sameSite = None requires the Secure attribute in latest browser versions.";

/// `new CookieStorage(data)`'s settings.
#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct CookieOptions {
    pub domain: Option<String>,
    pub path: String,
    pub expires: Expires,
    pub secure: bool,
    pub same_site: Option<SameSite>,
}

impl Default for CookieOptions {
    fn default() -> CookieOptions {
        CookieOptions { domain: None, path: "/".into(), expires: Expires::Days(365.0), secure: true, same_site: None }
    }
}

impl CookieOptions {
    /// The SDK's constructor. `None` means "not in `data`". An empty domain or path counts
    /// as absent (the SDK tests them for truthiness); `expires` and `secure` default only
    /// when absent. `same_site`, when present, must be `"lax"`, `"strict"` or `"none"`, and
    /// `"none"` needs `secure`; the errors are the SDK's messages.
    pub fn new(
        domain: Option<&str>, path: Option<&str>, expires: Option<Expires>, secure: Option<bool>,
        same_site: Option<&str>,
    ) -> Result<CookieOptions, String> {
        let secure = secure.unwrap_or(true);
        let same_site = same_site.map(|s| check_same_site(s, secure)).transpose().map_err(str::to_string)?;
        Ok(CookieOptions {
            domain: domain.filter(|d| !d.is_empty()).map(str::to_string),
            path: path.filter(|p| !p.is_empty()).unwrap_or("/").to_string(),
            expires: expires.unwrap_or(Expires::Days(365.0)),
            secure,
            same_site,
        })
    }
}

/// The constructor's check of a given `sameSite`: one of the SDK's spellings, and
/// `"none"` only with `secure`; the errors are the SDK's messages. `new CookieStorage`
/// checks just this, without building the options.
pub fn check_same_site(same_site: &str, secure: bool) -> Result<SameSite, &'static str> {
    let parsed = SameSite::parse(same_site).ok_or(SAME_SITE_ERROR)?;
    if parsed == SameSite::None && !secure {
        return Err(SAME_SITE_NONE_ERROR);
    }
    Ok(parsed)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `s` with every byte `keep` refuses written as `%XX` (non-ASCII characters byte by byte,
/// as UTF-8): the one code path of the three encoders below.
fn percent_encode(s: &str, keep: fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii() && keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// The characters `encodeURIComponent` leaves alone.
fn uri_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || one_of(b, b"-_.!~*'()")
}

/// `encodeURIComponent`.
pub fn encode_uri_component(s: &str) -> String {
    percent_encode(s, uri_unreserved)
}

/// js-cookie's name encoding: `encodeURIComponent(name)
/// .replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent).replace(/[()]/g, escape)`.
pub fn encode_name(name: &str) -> String {
    percent_encode(name, |b| one_of(b, b"#$&+^`|") || (uri_unreserved(b) && !one_of(b, b"()")))
}

/// js-cookie's default write converter: `encodeURIComponent(value)
/// .replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent)`.
/// Space, `"`, `%`, `,`, `;`, `\` and non-ASCII stay encoded.
pub fn encode_value(value: &str) -> String {
    percent_encode(value, |b| one_of(b, b"#$&+/:<=>?@[]^`{|}") || uri_unreserved(b))
}

fn one_of(b: u8, set: &[u8]) -> bool {
    set.contains(&b)
}

/// The byte of a `%XX` at `s[i..]`, if there is one.
fn percent_byte(s: &[u8], i: usize) -> Option<u8> {
    if s.get(i) != Some(&b'%') {
        return None;
    }
    Some(hex_digit(*s.get(i + 1)?)? << 4 | hex_digit(*s.get(i + 2)?)?)
}

/// Decodes `%XX` sequences. Each maximal run of them must be valid UTF-8 (as
/// `decodeURIComponent` demands; None otherwise). A `%` not followed by two hex digits
/// fails when `strict` (`decodeURIComponent` on a whole string) and stays as it is
/// otherwise (js-cookie's `value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent)`).
fn percent_decode(s: &str, strict: bool) -> Option<String> {
    // The bytes are decoded first and checked as UTF-8 at the end, all at once: the text
    // between runs is whole characters, so a run that is not UTF-8 on its own leaves a
    // sequence broken (or a stray continuation byte) in the whole, and the other way round.
    let bytes = s.as_bytes();
    let mut raw = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match percent_byte(bytes, i) {
            Some(decoded) => {
                raw.push(decoded);
                i += 3;
            }
            None if strict && b == b'%' => return None,
            None => {
                raw.push(b);
                i += 1;
            }
        }
    }
    let mut out = String::with_capacity(raw.len());
    crate::text::push_utf8(&mut out, &raw).ok()?;
    Some(out)
}

/// `decodeURIComponent` (None where it throws a URIError).
pub fn decode_uri_component(s: &str) -> Option<String> {
    percent_decode(s, true)
}

/// js-cookie's default read converter: one leading `"` drops the first and the last
/// character, then every run of `%XX` is decoded. None where the decoding throws.
pub fn decode(value: &str) -> Option<String> {
    let value = match value.strip_prefix('"') {
        // Without its last character.
        Some(rest) => {
            let mut chars = rest.chars();
            chars.next_back();
            chars.as_str()
        }
        None => value,
    };
    percent_decode(value, false)
}

/// `new Date(ms).toUTCString()`, e.g. `Tue, 03 Sep 2024 08:04:05 GMT` (the Date is made
/// from `ms` the JS way: truncated to whole milliseconds, invalid beyond ±8.64e15).
pub fn to_utc_string(ms: f64) -> String {
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return "Invalid Date".into();
    }
    let ms = ms as i64; // towards zero, as JS Date truncates
    let date = CivilDate::from_days(ms.div_euclid(86_400_000));
    let mut out = String::with_capacity(29);
    out.push_str(date.weekday);
    out.push_str(", ");
    push_uint(&mut out, date.day, 2);
    out.push(' ');
    out.push_str(date.month);
    out.push(' ');
    if date.year < 0 {
        out.push('-');
    }
    push_uint(&mut out, date.year.unsigned_abs(), 4);
    out.push(' ');
    push_time_of_day(&mut out, (ms.rem_euclid(86_400_000) / 1000) as u64);
    out.push_str(" GMT");
    out
}

/// The `expires` attribute value for `expires` at `now_ms`, or None for a session cookie.
fn expires_value(expires: Expires, now_ms: f64) -> Option<String> {
    match expires {
        Expires::Days(days) => Some(to_utc_string(now_ms + days * 864e5)),
        Expires::At(ms) => Some(to_utc_string(ms)),
        Expires::Session => None,
    }
}

/// js-cookie's `set`: the whole string assigned to `document.cookie`.
fn cookie_string(name: &str, encoded_value: &str, options: &CookieOptions, expires: Expires, now_ms: f64) -> String {
    // An attribute value is cut at its first ';' (RFC 6265 5.2) and skipped when empty.
    fn attribute(out: &mut String, name: &str, value: &str) {
        if !value.is_empty() {
            out.push_str("; ");
            out.push_str(name);
            out.push('=');
            out.push_str(before(value, b';'));
        }
    }
    let mut out = encode_name(name);
    out.push('=');
    out.push_str(encoded_value);
    attribute(&mut out, "path", &options.path);
    if let Some(expires) = expires_value(expires, now_ms) {
        attribute(&mut out, "expires", &expires);
    }
    attribute(&mut out, "domain", options.domain.as_deref().unwrap_or(""));
    if options.secure {
        out.push_str("; secure");
    }
    if let Some(same_site) = options.same_site {
        attribute(&mut out, "sameSite", same_site.as_str());
    }
    out
}

/// What `CookieStorage.setItem(name, value)` assigns to `document.cookie` at `now_ms`.
pub fn set_cookie_string(name: &str, value: &str, options: &CookieOptions, now_ms: f64) -> String {
    cookie_string(name, &encode_value(value), options, options.expires, now_ms)
}

/// What `CookieStorage.removeItem(name)` assigns: an empty value that expired a day ago.
pub fn remove_cookie_string(name: &str, options: &CookieOptions, now_ms: f64) -> String {
    cookie_string(name, "", options, Expires::Days(-1.0), now_ms)
}

/// js-cookie's jar: every cookie in `document.cookie` whose name and value decode, in
/// order, the first of each name only.
pub fn parse_cookie_header(document_cookie: &str) -> Vec<(String, String)> {
    let mut jar: Vec<(String, String)> = Vec::new();
    if document_cookie.is_empty() {
        return jar;
    }
    let mut rest = Some(document_cookie);
    while let Some(text) = rest {
        let pair;
        (pair, rest) = match split_once_str(text, "; ") {
            Some((pair, after)) => (pair, Some(after)),
            None => (text, None),
        };
        let (raw_name, raw_value) = split_once_byte(pair, b'=').unwrap_or((pair, ""));
        let Some(name) = decode_uri_component(raw_name) else { continue };
        if jar.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if let Some(value) = decode(raw_value) {
            jar.push((name, value));
        }
    }
    jar
}

/// `Cookies.get(name)`: None for an empty name, as js-cookie does for any falsy name.
pub fn get(document_cookie: &str, name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    // Found by reference and copied: `into_iter().find` instantiated more code.
    let jar = parse_cookie_header(document_cookie);
    jar.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

/// The names `CookieStorage.clear()` removes, in the order it removes them: the jar's
/// keys as `Object.keys` lists them (array-index names first, ascending, then the rest in
/// insertion order).
pub fn clear_order(document_cookie: &str) -> Vec<String> {
    // An index below 2^32 - 1 written as JS writes it (no sign, no leading zero): the number
    // it reads as, written back, is the name.
    fn array_index(s: &str) -> Option<u32> {
        let n = u32::try_from(parse_uint(s)?).ok().filter(|&n| n != u32::MAX)?;
        (crate::text::int(i64::from(n)) == s).then_some(n)
    }
    // The array-index names by repeatedly taking the least index not taken yet: a jar holds
    // a handful of names, and a sort (or sorted inserts) instantiated more code for this one
    // element type (measured; see BENCHMARKS.md, "Size decisions"). A jar's names are
    // distinct, so no two have the same index.
    let jar = parse_cookie_header(document_cookie);
    let mut order: Vec<String> = Vec::new();
    let mut least = 0;
    loop {
        let mut next: Option<(u32, &String)> = None;
        for (name, _) in &jar {
            match array_index(name) {
                Some(i) if i >= least && next.is_none_or(|(n, _)| i < n) => next = Some((i, name)),
                _ => {}
            }
        }
        let Some((i, name)) = next else { break };
        order.push(name.clone());
        least = i + 1;
    }
    for (name, _) in &jar {
        if array_index(name).is_none() {
            order.push(name.clone());
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    // Known answers produced by amazon-cognito-identity-js 6.3.21's CookieStorage (lib/) and
    // js-cookie 3.0.8 run in Node with a mock `document` (its cookie setter records the
    // string, its getter returns the header under test) and `Date.now = () => 1725350645123`.
    // The generator is tests/oracle/cookie_vectors.cjs: for each option set it calls
    // `new CookieStorage(opts)`, then `setItem(k, v)` and `removeItem(k)` for every pair,
    // keeping the recorded strings; for reads it sets the header and lists
    // `Object.entries(Cookies.get())` and `Cookies.get(name)`. SET_CASES, GET_CASES and
    // DATE_CASES are its `--rust` output; the option sets and the answers quoted in the
    // tests below are its inputs and outputs too. tests/cookie_kat.rs checks this module
    // against the script's live output, and these constants against its `--rust` output.
    // Regenerate rather than edit: change the script's inputs, then paste
    // `node tests/oracle/cookie_vectors.cjs --rust` over the constants.
    const NOW: f64 = 1725350645123.0;

    fn opts(
        domain: Option<&str>, path: Option<&str>, expires: Option<Expires>, secure: Option<bool>,
        same_site: Option<&str>,
    ) -> CookieOptions {
        CookieOptions::new(domain, path, expires, secure, same_site).unwrap()
    }

    /// The CookieStorage constructor arguments, by index.
    fn option_sets() -> Vec<CookieOptions> {
        vec![
            // 0: new CookieStorage({})
            CookieOptions::default(),
            // 1: new CookieStorage({"domain":"example.com","path":"/app","expires":7,"secure":false,"sameSite":"strict"})
            opts(Some("example.com"), Some("/app"), Some(Expires::Days(7.0)), Some(false), Some("strict")),
            // 2: new CookieStorage({"secure":true,"sameSite":"none","expires":0.5})
            opts(None, None, Some(Expires::Days(0.5)), Some(true), Some("none")),
            // 3: new CookieStorage({"expires":null,"secure":false,"sameSite":"lax"})
            opts(None, None, Some(Expires::Session), Some(false), Some("lax")),
            // 4: new CookieStorage({"path":"/a;b","domain":"x.com;evil","expires":0.3333333333333333})
            opts(Some("x.com;evil"), Some("/a;b"), Some(Expires::Days(1.0 / 3.0)), None, None),
            // 5: new CookieStorage({"expires":-2.75,"secure":false})
            opts(None, None, Some(Expires::Days(-2.75)), Some(false), None),
            // 6: new CookieStorage({"expires":1e10})
            opts(None, None, Some(Expires::Days(1e10)), None, None),
            // 7: new CookieStorage({"expires":0})
            opts(None, None, Some(Expires::Days(0.0)), None, None),
        ]
    }

    /// (option set, key, value, string setItem assigns, string removeItem assigns)
    const SET_CASES: &[(usize, &str, &str, &str, &str)] = &[
        (0, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "a b", "c d",
         "a%20b=c%20d; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "a%20b=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "semi%3Bcolon=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "eq%3Dname=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "pct%25name=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "(paren)", "(v)",
         "%28paren%29=(v); path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "%28paren%29=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "quote%22d=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "apos'", "it's",
         "apos'=it's; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "apos'=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "json=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "#$&+^`|=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "!*~-_.=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "comma%2Cback%5Cslash=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "ctl%09%0A=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "empty", "",
         "empty=; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "empty=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "user%40example.com=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, "123", "456",
         "123=456; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "123=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (0, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/; expires=Wed, 03 Sep 2025 08:04:05 GMT; secure",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (1, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "a b", "c d",
         "a%20b=c%20d; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "a%20b=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "semi%3Bcolon=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "eq%3Dname=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "pct%25name=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "(paren)", "(v)",
         "%28paren%29=(v); path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "%28paren%29=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "quote%22d=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "apos'", "it's",
         "apos'=it's; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "apos'=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "json=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "#$&+^`|=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "!*~-_.=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "comma%2Cback%5Cslash=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "ctl%09%0A=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "empty", "",
         "empty=; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "empty=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "user%40example.com=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, "123", "456",
         "123=456; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "123=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (1, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/app; expires=Tue, 10 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/app; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=example.com; sameSite=strict"),
        (2, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "a b", "c d",
         "a%20b=c%20d; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "a%20b=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "semi%3Bcolon=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "eq%3Dname=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "pct%25name=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "(paren)", "(v)",
         "%28paren%29=(v); path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "%28paren%29=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "quote%22d=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "apos'", "it's",
         "apos'=it's; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "apos'=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "json=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "#$&+^`|=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "!*~-_.=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "comma%2Cback%5Cslash=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "ctl%09%0A=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "empty", "",
         "empty=; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "empty=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "user%40example.com=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, "123", "456",
         "123=456; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "123=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (2, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/; expires=Tue, 03 Sep 2024 20:04:05 GMT; secure; sameSite=none",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure; sameSite=none"),
        (3, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/; sameSite=lax",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/; sameSite=lax",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "a b", "c d",
         "a%20b=c%20d; path=/; sameSite=lax",
         "a%20b=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/; sameSite=lax",
         "semi%3Bcolon=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/; sameSite=lax",
         "eq%3Dname=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/; sameSite=lax",
         "pct%25name=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/; sameSite=lax",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "(paren)", "(v)",
         "%28paren%29=(v); path=/; sameSite=lax",
         "%28paren%29=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/; sameSite=lax",
         "quote%22d=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "apos'", "it's",
         "apos'=it's; path=/; sameSite=lax",
         "apos'=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/; sameSite=lax",
         "json=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/; sameSite=lax",
         "#$&+^`|=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/; sameSite=lax",
         "!*~-_.=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/; sameSite=lax",
         "comma%2Cback%5Cslash=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/; sameSite=lax",
         "ctl%09%0A=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "empty", "",
         "empty=; path=/; sameSite=lax",
         "empty=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/; sameSite=lax",
         "user%40example.com=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, "123", "456",
         "123=456; path=/; sameSite=lax",
         "123=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (3, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/; sameSite=lax",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; sameSite=lax"),
        (4, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "a b", "c d",
         "a%20b=c%20d; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "a%20b=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "semi%3Bcolon=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "eq%3Dname=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "pct%25name=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "(paren)", "(v)",
         "%28paren%29=(v); path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "%28paren%29=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "quote%22d=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "apos'", "it's",
         "apos'=it's; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "apos'=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "json=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "#$&+^`|=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "!*~-_.=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "comma%2Cback%5Cslash=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "ctl%09%0A=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "empty", "",
         "empty=; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "empty=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "user%40example.com=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, "123", "456",
         "123=456; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "123=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (4, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/a; expires=Tue, 03 Sep 2024 16:04:05 GMT; domain=x.com; secure",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/a; expires=Mon, 02 Sep 2024 08:04:05 GMT; domain=x.com; secure"),
        (5, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "a b", "c d",
         "a%20b=c%20d; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "a%20b=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "semi%3Bcolon=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "eq%3Dname=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "pct%25name=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "(paren)", "(v)",
         "%28paren%29=(v); path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "%28paren%29=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "quote%22d=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "apos'", "it's",
         "apos'=it's; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "apos'=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "json=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "#$&+^`|=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "!*~-_.=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "comma%2Cback%5Cslash=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "ctl%09%0A=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "empty", "",
         "empty=; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "empty=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "user%40example.com=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, "123", "456",
         "123=456; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "123=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (5, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/; expires=Sat, 31 Aug 2024 14:04:05 GMT",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT"),
        (6, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/; expires=Invalid Date; secure",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/; expires=Invalid Date; secure",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "a b", "c d",
         "a%20b=c%20d; path=/; expires=Invalid Date; secure",
         "a%20b=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/; expires=Invalid Date; secure",
         "semi%3Bcolon=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/; expires=Invalid Date; secure",
         "eq%3Dname=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/; expires=Invalid Date; secure",
         "pct%25name=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/; expires=Invalid Date; secure",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "(paren)", "(v)",
         "%28paren%29=(v); path=/; expires=Invalid Date; secure",
         "%28paren%29=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/; expires=Invalid Date; secure",
         "quote%22d=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "apos'", "it's",
         "apos'=it's; path=/; expires=Invalid Date; secure",
         "apos'=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/; expires=Invalid Date; secure",
         "json=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/; expires=Invalid Date; secure",
         "#$&+^`|=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/; expires=Invalid Date; secure",
         "!*~-_.=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/; expires=Invalid Date; secure",
         "comma%2Cback%5Cslash=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/; expires=Invalid Date; secure",
         "ctl%09%0A=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "empty", "",
         "empty=; path=/; expires=Invalid Date; secure",
         "empty=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/; expires=Invalid Date; secure",
         "user%40example.com=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, "123", "456",
         "123=456; path=/; expires=Invalid Date; secure",
         "123=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (6, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/; expires=Invalid Date; secure",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "CognitoIdentityServiceProvider.abc123.LastAuthUser", "alice",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=alice; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "CognitoIdentityServiceProvider.abc123.LastAuthUser=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "CognitoIdentityServiceProvider.abc123.alice.idToken", "eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=eyJraWQiOiJhYmMiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlX2J5dGVzLV8; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "CognitoIdentityServiceProvider.abc123.alice.idToken=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "a b", "c d",
         "a%20b=c%20d; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "a%20b=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "semi;colon", "x;y",
         "semi%3Bcolon=x%3By; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "semi%3Bcolon=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "eq=name", "a=b==c",
         "eq%3Dname=a=b==c; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "eq%3Dname=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "pct%name", "100% %41 %zz",
         "pct%25name=100%25%20%2541%20%25zz; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "pct%25name=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "uni é 日本 😀", "välue ✓ 😀",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=v%C3%A4lue%20%E2%9C%93%20%F0%9F%98%80; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "uni%20%C3%A9%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "(paren)", "(v)",
         "%28paren%29=(v); path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "%28paren%29=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "quote\"d", "\"quoted\"",
         "quote%22d=%22quoted%22; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "quote%22d=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "apos'", "it's",
         "apos'=it's; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "apos'=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "json", "{\"a\":1,\"b\":[true,null],\"c d\":\"e\\\"f\",\"g\":\"h;i,j\"}",
         "json={%22a%22:1%2C%22b%22:[true%2Cnull]%2C%22c%20d%22:%22e%5C%22f%22%2C%22g%22:%22h%3Bi%2Cj%22}; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "json=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "#$&+^`|", "#$&+/:<=>?@[]^`{|}",
         "#$&+^`|=#$&+/:<=>?@[]^`{|}; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "#$&+^`|=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "!*~-_.", "!*~-_.",
         "!*~-_.=!*~-_.; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "!*~-_.=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "comma,back\\slash", "comma,back\\slash",
         "comma%2Cback%5Cslash=comma%2Cback%5Cslash; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "comma%2Cback%5Cslash=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "ctl\u{9}\u{a}", "tab\u{9}here\u{d}\u{a}",
         "ctl%09%0A=tab%09here%0D%0A; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "ctl%09%0A=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "empty", "",
         "empty=; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "empty=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "user@example.com", "user@example.com",
         "user%40example.com=user@example.com; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "user%40example.com=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, "123", "456",
         "123=456; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "123=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
        (7, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=%20!%22#$%25&'()*+%2C-./0123456789:%3B<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[%5C]^_`abcdefghijklmnopqrstuvwxyz{|}~; path=/; expires=Tue, 03 Sep 2024 08:04:05 GMT; secure",
         "%20!%22#$%25&'%28%29*+%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D^_`abcdefghijklmnopqrstuvwxyz%7B|%7D~=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT; secure"),
    ];

    /// (document.cookie, Object.keys/entries of Cookies.get(), Cookies.get(name) for some names)
    #[allow(clippy::type_complexity)]
    const GET_CASES: &[(&str, &[(&str, &str)], &[(&str, Option<&str>)])] = &[
        ("a=1; b=2; a=3", &[("a", "1"), ("b", "2")], &[("a", Some("1")), ("b", Some("2")), ("c", None)]),
        (
            "q=\"hello%20world\"; q2=\"abc; q3=\"; q4=\"\"; q5=\"x\"y\"",
            &[("q", "hello world"), ("q2", "ab"), ("q3", ""), ("q4", ""), ("q5", "x\"y")],
            &[("q", Some("hello world")), ("q2", Some("ab")), ("q3", Some("")), ("q4", Some("")), ("q5", Some("x\"y"))],
        ),
        ("bad%zz=1; bad%E2=2; ok=3; %=4", &[("ok", "3")], &[("bad%zz", None), ("ok", Some("3")), ("%", None)]),
        (
            "v=%E2%82; v=second; w=%E2%82%AC%C3%A9; x=%e2%82%ac",
            &[("v", "second"), ("w", "€é"), ("x", "€")],
            &[("v", Some("second")), ("w", Some("€é")), ("x", Some("€"))],
        ),
        (
            "novalue; jwt=a.b.c==; x==y",
            &[("novalue", ""), ("jwt", "a.b.c=="), ("x", "=y")],
            &[("novalue", Some("")), ("jwt", Some("a.b.c==")), ("x", Some("=y"))],
        ),
        (
            "p=%%41%; q=%4; r=100%25; s=%2541",
            &[("p", "%A%"), ("q", "%4"), ("r", "100%"), ("s", "%41")],
            &[("p", Some("%A%")), ("q", Some("%4")), ("r", Some("100%")), ("s", Some("%41"))],
        ),
        (
            "a%20b=1; %28x%29=2; uni%20%C3%A9=%F0%9F%98%80",
            &[("a b", "1"), ("(x)", "2"), ("uni é", "😀")],
            &[("a b", Some("1")), ("(x)", Some("2")), ("uni é", Some("😀"))],
        ),
        ("", &[], &[("a", None)]),
        (
            "10=a; 2=b; z=c; 1=d; 01=e; 4294967295=f; 4294967294=g; 0=h",
            &[
                ("0", "h"),
                ("1", "d"),
                ("2", "b"),
                ("10", "a"),
                ("4294967294", "g"),
                ("z", "c"),
                ("01", "e"),
                ("4294967295", "f"),
            ],
            &[("10", Some("a")), ("01", Some("e"))],
        ),
        (
            "sp = a;  b=c; =d; e=",
            &[("sp ", " a"), (" b", "c"), ("", "d"), ("e", "")],
            &[("sp ", Some(" a")), ("sp", None), (" b", Some("c")), ("e", Some("")), ("", None)],
        ),
        (
            "over=%C0%80; sur=%ED%A0%80; big=%F4%90%80%80; ok=%F4%8F%BF%BF",
            &[("ok", "\u{10ffff}")],
            &[("over", None), ("sur", None), ("big", None), ("ok", Some("\u{10ffff}"))],
        ),
    ];

    /// (epoch ms, new Date(ms).toUTCString())
    const DATE_CASES: &[(f64, &str)] = &[
        (0.0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-1.0, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (1.5, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-1.5, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (1725350645123.0, "Tue, 03 Sep 2024 08:04:05 GMT"),
        (951782400000.0, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (4107542399999.0, "Sun, 28 Feb 2100 23:59:59 GMT"),
        (-62198755200000.0, "Fri, 01 Jan -0001 00:00:00 GMT"),
        (253402300800000.0, "Sat, 01 Jan 10000 00:00:00 GMT"),
        (8640000000000000.0, "Sat, 13 Sep 275760 00:00:00 GMT"),
        (-8640000000000000.0, "Tue, 20 Apr -271821 00:00:00 GMT"),
        (8640000000000001.0, "Invalid Date"),
        (-2208988800001.0, "Sun, 31 Dec 1899 23:59:59 GMT"),
    ];

    #[test]
    fn set_and_remove_strings_match_js_cookie() {
        let sets = option_sets();
        for &(i, name, value, set, remove) in SET_CASES {
            assert_eq!(
                set_cookie_string(name, value, &sets[i], NOW),
                set,
                "setItem({name:?}, {value:?}) with option set {i}"
            );
            assert_eq!(remove_cookie_string(name, &sets[i], NOW), remove, "removeItem({name:?}) with option set {i}");
        }
    }

    #[test]
    fn a_written_value_reads_back_unchanged() {
        for &(_, name, value, set, _) in SET_CASES {
            let pair = set.split("; ").next().unwrap();
            assert_eq!(get(pair, name).as_deref(), Some(value), "{pair}");
        }
    }

    #[test]
    fn reading_matches_js_cookie() {
        for &(header, jar, lookups) in GET_CASES {
            let mut ours = parse_cookie_header(header);
            ours.sort();
            let mut theirs: Vec<(String, String)> = jar.iter().map(|&(n, v)| (n.to_string(), v.to_string())).collect();
            theirs.sort();
            assert_eq!(ours, theirs, "jar of {header:?}");
            let keys: Vec<&str> = jar.iter().map(|&(n, _)| n).collect();
            assert_eq!(clear_order(header), keys, "Object.keys order of {header:?}");
            for &(name, expected) in lookups {
                assert_eq!(get(header, name).as_deref(), expected, "Cookies.get({name:?}) in {header:?}");
            }
        }
    }

    #[test]
    fn dates_format_like_to_utc_string() {
        for &(ms, expected) in DATE_CASES {
            assert_eq!(to_utc_string(ms), expected, "{ms}");
        }
        assert_eq!(to_utc_string(f64::NAN), "Invalid Date");
        assert_eq!(to_utc_string(f64::INFINITY), "Invalid Date");
    }

    #[test]
    fn a_date_expires_is_used_as_is() {
        // new CookieStorage({ expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)), secure: false }),
        // and an invalid Date; same generator.
        let at = opts(None, None, Some(Expires::At(1893553445000.0)), Some(false), None);
        assert_eq!(set_cookie_string("k", "v", &at, NOW), "k=v; path=/; expires=Wed, 02 Jan 2030 03:04:05 GMT");
        assert_eq!(remove_cookie_string("k", &at, NOW), "k=; path=/; expires=Mon, 02 Sep 2024 08:04:05 GMT");
        let invalid = opts(None, None, Some(Expires::At(f64::NAN)), Some(false), None);
        assert_eq!(set_cookie_string("k", "v", &invalid, NOW), "k=v; path=/; expires=Invalid Date");
    }

    #[test]
    fn constructor_defaults_and_validation_match_the_sdk() {
        // The SDK's answers (same generator, `new CookieStorage(data)`):
        //   {}                                  → { path: '/', expires: 365, secure: true, sameSite: null }
        //   { sameSite: 'lax' }                 → ok
        //   { sameSite: 'Lax' } / { sameSite: '' } → 'The sameSite value of cookieStorage must be "lax", "strict" or "none".'
        //   { sameSite: 'none', secure: false } → 'sameSite = None requires the Secure attribute in latest browser versions.'
        //   { sameSite: 'none' }, { sameSite: 'none', secure: true } → ok
        assert_eq!(CookieOptions::new(None, None, None, None, None).unwrap(), CookieOptions::default());
        assert_eq!(
            CookieOptions::default(),
            CookieOptions {
                domain: None,
                path: "/".into(),
                expires: Expires::Days(365.0),
                secure: true,
                same_site: None
            }
        );
        assert_eq!(CookieOptions::new(None, None, None, None, Some("lax")).unwrap().same_site, Some(SameSite::Lax));
        for bad in ["Lax", "", "STRICT", "null"] {
            assert_eq!(
                CookieOptions::new(None, None, None, None, Some(bad)).unwrap_err(),
                "The sameSite value of cookieStorage must be \"lax\", \"strict\" or \"none\"."
            );
        }
        assert_eq!(
            CookieOptions::new(None, None, None, Some(false), Some("none")).unwrap_err(),
            "sameSite = None requires the Secure attribute in latest browser versions."
        );
        // The sameSite value is checked before its pairing with secure.
        assert_eq!(CookieOptions::new(None, None, None, Some(false), Some("None")).unwrap_err(), SAME_SITE_ERROR);
        assert_eq!(CookieOptions::new(None, None, None, None, Some("none")).unwrap().same_site, Some(SameSite::None));
        // Empty domain and path count as absent, like the SDK's truthiness tests.
        let empty = CookieOptions::new(Some(""), Some(""), None, None, None).unwrap();
        assert_eq!((empty.domain, empty.path.as_str()), (None, "/"));
    }

    #[test]
    fn uri_component_helpers() {
        assert_eq!(encode_uri_component("a b/é😀(')"), "a%20b%2F%C3%A9%F0%9F%98%80(')");
        assert_eq!(decode_uri_component("a%20b%2F%C3%A9%F0%9F%98%80"), Some("a b/é😀".to_string()));
        assert_eq!(decode_uri_component("%"), None);
        assert_eq!(decode_uri_component("%E2%82"), None);
        assert_eq!(decode_uri_component("%E2x%82%AC"), None);
        assert_eq!(decode("%E2x%82%AC"), None);
        assert_eq!(decode("%zz%4"), Some("%zz%4".to_string()));
        // A leading quote drops the first and the last character, whatever their size.
        for (quoted, inner) in [("\"a%20b\"", "a b"), ("\"abé", "ab"), ("\"é", ""), ("\"", ""), ("\"\"", "")] {
            assert_eq!(decode(quoted).as_deref(), Some(inner), "{quoted:?}");
        }
    }
}
