//! The JS-facing layer: wasm-bindgen classes with amazon-cognito-identity-js's names and
//! shapes. Thin by design: argument reading, callback/Promise plumbing, and calls into
//! the pure core. No protocol logic lives here.

mod attributes;
mod callbacks;
mod convert;
mod cookie_storage;
mod date_helper;
mod events;
mod fetch;
mod identity_credentials;
mod js_storage;
mod panic;
mod panic_probe;
mod passkeys;
mod serial_map;
mod srp_ahead;
mod tabs;
mod tokens;
mod user;
mod user_pool;
mod web;

#[cfg(test)]
mod browser_tests;
