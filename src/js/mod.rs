//! The browser side of the core: the wasm boundary the JS classes (src/facade) call
//! (`entry`), and the Web APIs it uses, mostly through a few functions of the JS side
//! (`host`): `fetch`, `js_storage`, `tabs`, `passkeys`, `events`, `web`. Bindings only: no
//! request is built and no challenge name or error code is branched on here.

mod allocator;
mod entry;
mod events;
mod fetch;
mod host;
mod js_storage;
mod panic;
mod panic_probe;
mod passkeys;
mod pool_shared;
mod serial_map;
mod srp_ahead;
mod tabs;
mod tasks;
mod web;

/// SRP's TIMESTAMP for an instant, written by the JS side (`crate::srp::timestamp`).
pub(crate) fn timestamp(epoch_secs: i64) -> crate::prelude::String {
    host::host().time(epoch_secs as f64)
}

#[cfg(test)]
mod browser_tests;
