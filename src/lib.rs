//! cognito-identity-wasm: the Amazon Cognito user-pool SDK for browsers, in Rust.
//!
//! Pure core (no JS types, tested natively): [`srp`], [`protocol`], [`auth`], [`session`],
//! [`storage`], [`pool`], [`client`]. The browser edge lives in `js` (wasm32 only).

pub mod auth;
pub mod client;
pub mod clock;
pub mod json;
pub mod pool;
pub mod protocol;
pub mod retry;
pub mod session;
pub mod single_flight;
pub mod srp;
pub mod storage;
pub mod tab_lock;
pub mod transport;

#[cfg(target_arch = "wasm32")]
mod js;
