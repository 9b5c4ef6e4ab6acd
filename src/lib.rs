//! cognito-identity-wasm: the Amazon Cognito user-pool SDK for browsers, in Rust.
//!
//! The core owns every flow and is plain Rust (no JS types, tested natively):
//! [`protocol`] (the wire and its vocabulary), [`auth`] (sign-in as typed states),
//! [`flows`] (every operation over `Env`), [`session`], [`storage`], [`srp`], [`json`].
//! The browser edge, `js` (wasm32 only), binds Web APIs and the SDK's classes to it.

// The shipped wasm (built by scripts/build.mjs with `--cfg shipped`) is `no_std` + `alloc`,
// with its own panic handler and allocator (src/js/panic.rs, src/js/allocator.rs): std's
// panic machinery builds formatted messages on every bounds check, and kept `core::fmt`,
// `Debug` for `char` and unicode tables in the wasm. Every other build (native, the wasm
// tests, clippy) links std, which its test harnesses need; the code is written against
// `core` and `alloc` for all of them.
#![cfg_attr(shipped, no_std)]
// The exceptions are allowed where they live, each with its SAFETY comment: `local`
// (single-threaded statics), `js::allocator` (the allocator) and `js::tasks` (a waker
// whose data is the task's id, never dereferenced).
#![deny(unsafe_code)]

extern crate alloc;

#[macro_use]
mod local;
mod prelude;

pub mod float;
pub mod text;
pub mod vec;

pub mod auth;
pub mod flows;
pub mod json;
pub mod protocol;
pub mod session;
pub mod srp;
pub mod storage;

#[cfg(target_arch = "wasm32")]
mod js;
