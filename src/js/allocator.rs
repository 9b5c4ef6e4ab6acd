//! The heap of the shipped (`no_std`) wasm. Other builds link std, which brings its own.

#[cfg(shipped)]
#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;
