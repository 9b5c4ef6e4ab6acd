//! `DateHelper`: the SDK's timestamp helper, exported for apps that used it.

use crate::flows::clock::now_secs;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
#[derive(Default)]
pub struct DateHelper;

#[wasm_bindgen]
impl DateHelper {
    #[wasm_bindgen(constructor)]
    pub fn new() -> DateHelper {
        DateHelper
    }

    /// The current UTC time as Cognito's SRP wants it: `Tue Sep 3 08:04:05 UTC 2024`.
    #[wasm_bindgen(js_name = getNowString)]
    pub fn get_now_string(&self) -> String {
        crate::srp::timestamp(now_secs())
    }
}
