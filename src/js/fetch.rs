//! The `fetch` transport. Uses the global `fetch` (window, worker or Node 18+), so the
//! same build runs everywhere.

use crate::flows::transport::Transport;
use crate::prelude::*;
use crate::protocol::{CognitoError, HttpResponse, Request};
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// `fetch` with the pool's `fetchOptions` (only `credentials` is honoured, as in the SDK)
/// and the X-Amz-User-Agent the JS's `UserAgent` gave for this call.
pub struct FetchTransport {
    pub credentials: Option<String>,
    pub user_agent: String,
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

impl Transport for FetchTransport {
    async fn send(&self, endpoint: &str, request: &Request) -> Result<HttpResponse, CognitoError> {
        let headers = Object::new();
        for (name, value) in request.headers(&self.user_agent) {
            set(&headers, name, &JsValue::from_str(&value));
        }
        let init = Object::new();
        set(&init, "method", &"POST".into());
        set(&init, "mode", &"cors".into());
        set(&init, "headers", &headers);
        set(&init, "body", &JsValue::from_str(&request.text()));
        if let Some(credentials) = &self.credentials {
            set(&init, "credentials", &JsValue::from_str(credentials));
        }
        let fetch = Reflect::get(&js_sys::global(), &"fetch".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| CognitoError::network("fetch is not available in this environment"))?;
        let promise: Promise = fetch
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(endpoint), &init)
            .map_err(|e| CognitoError::network(describe(&e)))?
            .dyn_into()
            .map_err(|_| CognitoError::network("fetch did not return a Promise"))?;
        let response: web_sys::Response =
            JsFuture::from(promise).await.map_err(|e| CognitoError::network(describe(&e)))?.unchecked_into();
        let status = response.status();
        let error_type = response.headers().get("x-amzn-errortype").ok().flatten();
        // A body that breaks off mid-stream is reported like a dropped connection.
        let text = match response.text() {
            Ok(p) => JsFuture::from(p).await.map_err(|e| CognitoError::network(describe(&e)))?,
            Err(e) => return Err(CognitoError::network(describe(&e))),
        };
        super::panic_probe::trip(super::panic_probe::Point::AfterFetch);
        Ok(HttpResponse { status, body: text.as_string().unwrap_or_default(), error_type })
    }

    async fn sleep(&self, ms: u32) {
        let promise = Promise::new(&mut |resolve, _reject| {
            // Without a timer, no wait: better a quick retry than none.
            if super::web::set_timeout(&resolve, ms).is_none() {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            }
        });
        let _ = JsFuture::from(promise).await;
    }
}

fn describe(e: &JsValue) -> String {
    super::convert::get_string(e, "message").or_else(|| e.as_string()).unwrap_or_default()
}
