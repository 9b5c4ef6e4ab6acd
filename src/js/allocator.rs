//! The heap of the shipped (`no_std`) wasm. Other builds link std, which brings its own.
//!
//! lol_alloc's free list (sorted by address, neighbours coalesced on free) instead of
//! dlmalloc, the allocator std would have brought: several KB less wasm. Its first-fit
//! search is linear in the free list's length, which stays short here: the heap holds a
//! few requests' JSON and the SRP numbers at a time, and the sign-in time is unchanged.
//! Coalescing keeps repeated sign-ins from fragmenting it (tests/e2e/soak.test.mjs
//! checks the memory stays flat over many rounds).

#[cfg(shipped)]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: the wasm runs on one thread (no shared memory, no threads in the build), the
// only case in which `AssumeSingleThreaded` is sound.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
