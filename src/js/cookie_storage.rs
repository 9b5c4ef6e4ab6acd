//! `CookieStorage`: amazon-cognito-identity-js's cookie-backed `Storage`. The strings it
//! writes to and reads from `document.cookie` come from `storage::cookie` (js-cookie's
//! format, byte for byte); this class only reads the options the SDK's way and talks to
//! `globalThis.document` through `Reflect`, so no extra web-sys features are needed.
//!
//! Pass an instance as `Storage` to `new CognitoUserPool({ ..., Storage })`: the pool calls
//! its `getItem` / `setItem` / `removeItem` like those of any storage object.

use super::convert::{get, plain_error};
use crate::storage::cookie::{self, CookieOptions, Expires};
use js_sys::{Date, Function, JsString, Object, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
pub struct CookieStorage {
    options: CookieOptions,
    /// The SDK's fields, as given (the getters return them untouched).
    domain: JsValue,
    path: JsValue,
    expires: JsValue,
    secure: JsValue,
    same_site: JsValue,
    /// A truthy `path` or `domain` that is not a string: js-cookie cannot write it and
    /// throws this TypeError on every write.
    attribute_error: Option<&'static str>,
    /// An `expires` that is not a number, a Date or falsy: `setItem` throws this TypeError
    /// (`removeItem` replaces `expires`, so it still works).
    expires_error: Option<&'static str>,
}

fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

/// `globalThis.document`, or None where there is none (a worker): js-cookie then does nothing.
fn document() -> Option<JsValue> {
    let doc = get(&js_sys::global(), "document");
    (!doc.is_undefined() && !doc.is_null()).then_some(doc)
}

fn read_cookies(doc: &JsValue) -> Result<String, JsValue> {
    Ok(Reflect::get(doc, &JsValue::from_str("cookie"))?.as_string().unwrap_or_default())
}

fn write_cookie(doc: &JsValue, cookie: &str) -> Result<(), JsValue> {
    Reflect::set(doc, &JsValue::from_str("cookie"), &JsValue::from_str(cookie))?;
    Ok(())
}

/// JS `String(v)`, as `encodeURIComponent` converts its argument (a Symbol throws).
fn js_to_string(v: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_symbol() {
        return Err(type_error("Cannot convert a Symbol value to a string"));
    }
    let string: Function = get(&js_sys::global(), "String").dyn_into()?;
    Ok(string.call1(&JsValue::UNDEFINED, v)?.as_string().unwrap_or_default())
}

/// A `path` / `domain` field as js-cookie writes it: falsy → absent, a string → itself.
fn string_attribute(v: &JsValue) -> Result<Option<String>, &'static str> {
    if v.is_falsy() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or("attributes[attributeName].split is not a function")
}

impl CookieStorage {
    /// `Cookies.get(key)`: undefined for a falsy key, else the first decodable cookie of that name.
    fn lookup(doc: &JsValue, key: &JsValue) -> Result<Option<String>, JsValue> {
        if key.is_falsy() {
            return Ok(None);
        }
        Ok(cookie::get(&read_cookies(doc)?, &js_to_string(key)?))
    }

    fn remove(&self, doc: &JsValue, name: &str) -> Result<(), JsValue> {
        if let Some(e) = self.attribute_error {
            return Err(type_error(e));
        }
        write_cookie(doc, &cookie::remove_cookie_string(name, &self.options, Date::now()))
    }
}

#[wasm_bindgen]
impl CookieStorage {
    /// `new CookieStorage({ domain?, path = '/', expires = 365, secure = true, sameSite? })`.
    /// Throws the SDK's errors for a bad `sameSite`, or `sameSite: 'none'` without `secure`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(
            unchecked_optional_param_type = "{ domain?: string; path?: string; expires?: number | Date; secure?: boolean; sameSite?: 'strict' | 'lax' | 'none' }"
        )]
        data: JsValue,
    ) -> Result<CookieStorage, JsValue> {
        // Not Option<JsValue>: its glue turns null into None too, and the SDK throws on null.
        let data: JsValue = if data.is_undefined() { Object::new().into() } else { data };
        if data.is_null() {
            return Err(type_error("Cannot read properties of null (reading 'domain')"));
        }
        let has_own = |name: &str| -> Result<bool, JsValue> {
            if !data.is_object() && !data.is_function() {
                return Ok(false);
            }
            Object::has_own_str(data.unchecked_ref::<Object>(), &JsString::from(name))
        };

        let domain = Some(get(&data, "domain")).filter(|d| d.is_truthy()).unwrap_or(JsValue::UNDEFINED);
        let path = Some(get(&data, "path")).filter(|p| p.is_truthy()).unwrap_or_else(|| JsValue::from_str("/"));
        let expires = if has_own("expires")? { get(&data, "expires") } else { JsValue::from_f64(365.0) };
        let secure = if has_own("secure")? { get(&data, "secure") } else { JsValue::TRUE };
        let same_site = if has_own("sameSite")? {
            // Anything but these exact strings (undefined included) is rejected.
            Some(get(&data, "sameSite").as_string().unwrap_or_default())
        } else {
            None
        };

        let (expires_rs, expires_error) = if let Some(days) = expires.as_f64() {
            (Expires::Days(days), None)
        } else if expires.is_falsy() {
            (Expires::Session, None)
        } else if let Some(date) = expires.dyn_ref::<Date>() {
            (Expires::At(date.get_time()), None)
        } else {
            (Expires::Session, Some("attributes.expires.toUTCString is not a function"))
        };
        let (domain_rs, path_rs, attribute_error) = match (string_attribute(&path), string_attribute(&domain)) {
            (Ok(p), Ok(d)) => (d, p, None),
            (Err(e), _) | (_, Err(e)) => (None, None, Some(e)),
        };
        let options = CookieOptions::new(
            domain_rs.as_deref(),
            path_rs.as_deref(),
            Some(expires_rs),
            Some(secure.is_truthy()),
            same_site.as_deref(),
        )
        .map_err(|e| plain_error(&e))?;
        let same_site = same_site.map(|s| JsValue::from_str(&s)).unwrap_or(JsValue::NULL);
        Ok(CookieStorage { options, domain, path, expires, secure, same_site, attribute_error, expires_error })
    }

    /// Writes the cookie and returns what reading it back gives (a string, or undefined
    /// when the browser refused it or the key is empty), as the SDK does.
    #[wasm_bindgen(js_name = setItem, unchecked_return_type = "string | undefined")]
    pub fn set_item(
        &self, #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        let Some(doc) = document() else { return Ok(JsValue::UNDEFINED) };
        // js-cookie's order of failures: expires, then the name, the attributes, the value.
        if let Some(e) = self.expires_error {
            return Err(type_error(e));
        }
        let name = js_to_string(&key)?;
        if let Some(e) = self.attribute_error {
            return Err(type_error(e));
        }
        let value = js_to_string(&value)?;
        write_cookie(&doc, &cookie::set_cookie_string(&name, &value, &self.options, Date::now()))?;
        Ok(Self::lookup(&doc, &key)?.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))
    }

    /// The cookie's decoded value, or null. (Typed `string`, as in the SDK's typings.)
    #[wasm_bindgen(js_name = getItem, unchecked_return_type = "string")]
    pub fn get_item(&self, #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) -> Result<JsValue, JsValue> {
        let Some(doc) = document() else { return Ok(JsValue::NULL) };
        Ok(Self::lookup(&doc, &key)?.map(JsValue::from).unwrap_or(JsValue::NULL))
    }

    /// Expires the cookie (with this storage's path, domain, secure and sameSite).
    #[wasm_bindgen(js_name = removeItem)]
    pub fn remove_item(&self, #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue) -> Result<(), JsValue> {
        let Some(doc) = document() else { return Ok(()) };
        let name = js_to_string(&key)?;
        self.remove(&doc, &name)
    }

    /// Removes every cookie the page can read (with this storage's attributes, so cookies
    /// set with another path or domain survive, as in the SDK) and returns `{}`.
    #[wasm_bindgen(unchecked_return_type = "{}")]
    pub fn clear(&self) -> Result<JsValue, JsValue> {
        // The SDK runs Object.keys(Cookies.get()), and Cookies.get() is undefined here.
        let Some(doc) = document() else { return Err(type_error("Cannot convert undefined or null to object")) };
        for name in cookie::clear_order(&read_cookies(&doc)?) {
            self.remove(&doc, &name)?;
        }
        Ok(Object::new().into())
    }

    /// The `domain` option when one was given, else undefined.
    #[wasm_bindgen(getter, unchecked_return_type = "string | undefined")]
    pub fn domain(&self) -> JsValue {
        self.domain.clone()
    }
    /// The `path` option, `'/'` by default.
    #[wasm_bindgen(getter, unchecked_return_type = "string")]
    pub fn path(&self) -> JsValue {
        self.path.clone()
    }
    /// The `expires` option (days), 365 by default.
    #[wasm_bindgen(getter, unchecked_return_type = "number | Date")]
    pub fn expires(&self) -> JsValue {
        self.expires.clone()
    }
    /// The `secure` option, true by default.
    #[wasm_bindgen(getter, unchecked_return_type = "boolean")]
    pub fn secure(&self) -> JsValue {
        self.secure.clone()
    }
    /// The `sameSite` option, null by default.
    #[wasm_bindgen(getter, js_name = sameSite, unchecked_return_type = "'strict' | 'lax' | 'none' | null")]
    pub fn same_site(&self) -> JsValue {
        self.same_site.clone()
    }
}
