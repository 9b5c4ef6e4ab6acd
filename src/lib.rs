//! cognito-identity-wasm: the Amazon Cognito user-pool SDK for browsers, in Rust.
//!
//! Pure core (no JS types, tested natively): [`srp`], [`protocol`], [`auth`], [`session`],
//! [`storage`], [`pool`], [`client`]. The browser edge lives in `js` (wasm32 only).

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
