//! Wall-clock seconds. `std::time::SystemTime` panics on wasm32-unknown-unknown, so the
//! browser build asks JS's `Date.now()` instead.

#[cfg(target_arch = "wasm32")]
pub fn now_millis() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now_millis() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as f64).unwrap_or(0.0)
}

pub fn now_secs() -> i64 {
    crate::float::floor(now_millis() / 1000.0) as i64
}
