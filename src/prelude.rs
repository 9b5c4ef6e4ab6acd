//! What std's prelude gives, from `alloc`, for the `no_std` wasm build: each module
//! starts with `use crate::prelude::*;`. No `format!`: shipped code builds its text
//! without core::fmt (see crate::text).

pub use alloc::boxed::Box;
pub use alloc::string::{String, ToString};
// Only the wasm-only modules (src/js) use `vec!` at present: unused in native builds.
#[allow(unused_imports)]
pub use alloc::vec;
pub use alloc::vec::Vec;
