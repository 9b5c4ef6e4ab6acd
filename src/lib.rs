//! cognito-identity-wasm: the Amazon Cognito user-pool SDK for browsers, in Rust.
//!
//! The core owns every flow and is plain Rust (no JS types, tested natively):
//! [`protocol`] (the wire and its vocabulary), [`auth`] (sign-in as typed states),
//! [`flows`] (every operation over `Env`), [`session`], [`storage`], [`srp`], [`json`].
//! The browser edge, `js` (wasm32 only), binds Web APIs and the SDK's classes to it.

// The one exception is allowed where it lives, in `js::panic` (the panic trampoline).
#![deny(unsafe_code)]

pub mod auth;
pub mod flows;
pub mod json;
pub mod protocol;
pub mod session;
pub mod srp;
pub mod storage;

#[cfg(target_arch = "wasm32")]
mod js;
