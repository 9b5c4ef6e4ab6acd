//! The JS-facing layer: wasm-bindgen classes with amazon-cognito-identity-js's names and
//! shapes. Bindings only: argument reading, callback/Promise plumbing, Web APIs through
//! typed imports (`web`), and calls into `crate::flows`. No request is built and no
//! challenge name or error code is branched on here.

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
mod pool_shared;
mod serial_map;
mod srp_ahead;
mod tabs;
mod tokens;
mod user;
mod user_pool;
mod web;

#[cfg(test)]
mod browser_tests;
