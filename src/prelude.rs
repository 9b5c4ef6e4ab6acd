//! What std's prelude gives, from `alloc`, for the `no_std` wasm build: each module
//! starts with `use crate::prelude::*;`.

pub use alloc::boxed::Box;
// For src/js's remaining `format!` calls; the core builds its text without core::fmt
// (see crate::text).
#[cfg(target_arch = "wasm32")]
pub use alloc::format;
pub use alloc::string::{String, ToString};
pub use alloc::vec;
pub use alloc::vec::Vec;
