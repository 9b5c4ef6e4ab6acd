//! `CognitoIdToken`, `CognitoAccessToken`, `CognitoRefreshToken`, `CognitoUserSession`.

use super::convert::{call_string, get, plain_error};
use crate::flows::clock::now_secs;
use crate::session::{calculate_clock_drift, JwtToken, Session};
use wasm_bindgen::prelude::*;

fn payload_object(token: &JwtToken) -> JsValue {
    js_sys::JSON::parse(&token.payload_json()).unwrap_or_else(|_| js_sys::Object::new().into())
}

/// The two JWT classes differ only in their name and the field they are built from.
macro_rules! jwt_class {
    ($name:ident, $field:literal) => {
        #[wasm_bindgen]
        pub struct $name(pub(crate) JwtToken);

        #[wasm_bindgen]
        impl $name {
            /// `new CognitoIdToken({ IdToken })` / `new CognitoAccessToken({ AccessToken })`.
            #[wasm_bindgen(constructor)]
            pub fn new(data: JsValue) -> $name {
                $name(JwtToken::new(&get(&data, $field).as_string().unwrap_or_default()))
            }
            #[wasm_bindgen(js_name = getJwtToken)]
            pub fn get_jwt_token(&self) -> String {
                self.0.jwt.clone()
            }
            #[wasm_bindgen(getter, js_name = jwtToken)]
            pub fn jwt_token(&self) -> String {
                self.0.jwt.clone()
            }
            /// `exp` (undefined when the token has none, as in the SDK).
            #[wasm_bindgen(js_name = getExpiration)]
            pub fn get_expiration(&self) -> Option<f64> {
                self.0.expiration().map(|v| v as f64)
            }
            #[wasm_bindgen(js_name = getIssuedAt)]
            pub fn get_issued_at(&self) -> Option<f64> {
                self.0.issued_at().map(|v| v as f64)
            }
            #[wasm_bindgen(js_name = decodePayload)]
            pub fn decode_payload(&self) -> JsValue {
                payload_object(&self.0)
            }
            #[wasm_bindgen(getter)]
            pub fn payload(&self) -> JsValue {
                payload_object(&self.0)
            }
        }
    };
}

jwt_class!(CognitoIdToken, "IdToken");
jwt_class!(CognitoAccessToken, "AccessToken");

#[wasm_bindgen]
pub struct CognitoRefreshToken(pub(crate) String);

#[wasm_bindgen]
impl CognitoRefreshToken {
    #[wasm_bindgen(constructor)]
    pub fn new(data: JsValue) -> CognitoRefreshToken {
        CognitoRefreshToken(get(&data, "RefreshToken").as_string().unwrap_or_default())
    }
    #[wasm_bindgen(js_name = getToken)]
    pub fn get_token(&self) -> String {
        self.0.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> String {
        self.0.clone()
    }
}

#[wasm_bindgen]
pub struct CognitoUserSession(pub(crate) Session);

#[wasm_bindgen]
impl CognitoUserSession {
    /// `new CognitoUserSession({ IdToken, AccessToken, RefreshToken, ClockDrift })` with
    /// token objects (ours or the JS SDK's: anything with `getJwtToken` / `getToken`).
    #[wasm_bindgen(constructor)]
    pub fn new(data: JsValue) -> Result<CognitoUserSession, JsValue> {
        let id = call_string(&get(&data, "IdToken"), "getJwtToken");
        let access = call_string(&get(&data, "AccessToken"), "getJwtToken");
        let (Some(id), Some(access)) = (id, access) else {
            return Err(plain_error("Id token and Access Token must be present."));
        };
        let refresh = call_string(&get(&data, "RefreshToken"), "getToken").unwrap_or_default();
        let (id_token, access_token) = (JwtToken::new(&id), JwtToken::new(&access));
        let clock_drift = match get(&data, "ClockDrift").as_f64() {
            Some(d) if d.is_finite() => d as i64,
            _ => calculate_clock_drift(&id_token, &access_token, now_secs()),
        };
        Ok(CognitoUserSession(Session { id_token, access_token, refresh_token: refresh, clock_drift }))
    }

    #[wasm_bindgen(js_name = getIdToken)]
    pub fn get_id_token(&self) -> CognitoIdToken {
        CognitoIdToken(self.0.id_token.clone())
    }
    #[wasm_bindgen(js_name = getAccessToken)]
    pub fn get_access_token(&self) -> CognitoAccessToken {
        CognitoAccessToken(self.0.access_token.clone())
    }
    #[wasm_bindgen(js_name = getRefreshToken)]
    pub fn get_refresh_token(&self) -> CognitoRefreshToken {
        CognitoRefreshToken(self.0.refresh_token.clone())
    }
    #[wasm_bindgen(js_name = getClockDrift)]
    pub fn get_clock_drift(&self) -> f64 {
        self.0.clock_drift as f64
    }
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(&self) -> bool {
        self.0.is_valid(now_secs())
    }
    #[wasm_bindgen(getter, js_name = idToken)]
    pub fn id_token(&self) -> CognitoIdToken {
        self.get_id_token()
    }
    #[wasm_bindgen(getter, js_name = accessToken)]
    pub fn access_token(&self) -> CognitoAccessToken {
        self.get_access_token()
    }
    #[wasm_bindgen(getter, js_name = refreshToken)]
    pub fn refresh_token(&self) -> CognitoRefreshToken {
        self.get_refresh_token()
    }
    #[wasm_bindgen(getter, js_name = clockDrift)]
    pub fn clock_drift(&self) -> f64 {
        self.get_clock_drift()
    }
}
