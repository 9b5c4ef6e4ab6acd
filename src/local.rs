//! `local!`: statics with `thread_local!`'s syntax and `with`, for the `no_std` wasm build.
//!
//! wasm32-unknown-unknown (built without atomics) runs one thread, so a static needs no
//! per-thread copy there: `Local` is a plain static whose value is made on first use, and
//! one with a `const { ... }` initializer a [`Fixed`], whose value is there from the start.
//! Native builds (tests, fuzzing: several threads) keep std's `thread_local!`.

#[cfg(target_arch = "wasm32")]
pub struct Local<T: 'static> {
    value: core::cell::OnceCell<T>,
    init: fn() -> T,
}

// SAFETY: wasm32 without the atomics feature has one thread; nothing is shared across threads.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl<T> Sync for Local<T> {}

#[cfg(target_arch = "wasm32")]
impl<T: 'static> Local<T> {
    pub const fn new(init: fn() -> T) -> Self {
        Local { value: core::cell::OnceCell::new(), init }
    }

    // `with` is instantiated per closure (dozens): it stays a call to `get`, which is
    // instantiated per value type only.
    #[inline(always)]
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(self.get())
    }

    #[inline(never)]
    fn get(&'static self) -> &'static T {
        self.value.get_or_init(self.init)
    }
}

/// A static with a `const` initializer: its value is in the data section from the start,
/// so reading it needs no first-use check (`Local::get` is instantiated per value type,
/// each a copy of `OnceCell`'s initialisation).
#[cfg(target_arch = "wasm32")]
pub struct Fixed<T: 'static>(pub T);

// SAFETY: as for `Local`: one thread.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl<T> Sync for Fixed<T> {}

#[cfg(target_arch = "wasm32")]
impl<T: 'static> Fixed<T> {
    #[inline(always)]
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}

#[cfg(target_arch = "wasm32")]
macro_rules! local {
    () => {};
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = const $init:block $(; $($rest:tt)*)?) => {
        $(#[$attr])* $vis static $name: $crate::local::Fixed<$t> = $crate::local::Fixed($init);
        $(local!($($rest)*);)?
    };
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr $(; $($rest:tt)*)?) => {
        $(#[$attr])* $vis static $name: $crate::local::Local<$t> = $crate::local::Local::new(|| $init);
        $(local!($($rest)*);)?
    };
}

#[cfg(not(target_arch = "wasm32"))]
macro_rules! local {
    ($($tt:tt)*) => { std::thread_local! { $($tt)* } };
}

/// A static made on first use, shared by every thread natively (std's `LazyLock`), the
/// one thread's on wasm32.
#[cfg(not(target_arch = "wasm32"))]
pub type Lazy<T> = std::sync::LazyLock<T>;
#[cfg(target_arch = "wasm32")]
pub type Lazy<T> = Local<T>;

#[cfg(target_arch = "wasm32")]
impl<T: 'static> core::ops::Deref for Local<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value.get_or_init(self.init)
    }
}

#[cfg(target_arch = "wasm32")]
impl<T: 'static> core::ops::Deref for Fixed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
