//! The wasm module the package runs [`crate::merge`] in: one export, `merge(input, length,
//! out)`, over its exported memory (which the JS grows to hold both).

/// # Safety
/// See [`crate::merge`].
#[no_mangle]
pub unsafe extern "C" fn merge(input: *const u8, len: usize, out: *mut u8) -> usize {
    crate::merge(input, len, out)
}

#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
