//! `local!`: statics with `thread_local!`'s syntax and `with`, for the `no_std` wasm build.
//!
//! wasm32-unknown-unknown (built without atomics) runs one thread, so a static needs no
//! per-thread copy there: `Local` is a plain static whose value is made on first use.
//! Native builds (tests, fuzzing: several threads) keep std's `thread_local!`.

#[cfg(target_arch = "wasm32")]
pub struct Local<T: 'static> {
    /// The value once made: leaked, as a static's value lives as long as the program.
    /// A `Cell` of a reference rather than a `OnceCell`, whose initialisation (with its
    /// re-entrancy check) was about 250 bytes of wasm per value type. (An `init` that read
    /// its own static would make a second value instead of panicking; none does.)
    value: core::cell::Cell<Option<&'static T>>,
    /// Makes the value and leaks it (the macro's closure, whose boxing is sized by `T`
    /// anyway): `get` then handles references only, the same code for every value type.
    init: fn() -> &'static T,
}

// SAFETY: wasm32 without the atomics feature has one thread; nothing is shared across threads.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl<T> Sync for Local<T> {}

#[cfg(target_arch = "wasm32")]
impl<T: 'static> Local<T> {
    pub const fn new(init: fn() -> &'static T) -> Self {
        Local { value: core::cell::Cell::new(None), init }
    }

    // `with` is instantiated per closure (dozens): it stays a call to `get`, which is
    // instantiated per value type only.
    #[inline(always)]
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(self.get())
    }

    #[inline(never)]
    fn get(&self) -> &'static T {
        if let Some(value) = self.value.get() {
            return value;
        }
        let value = (self.init)();
        self.value.set(Some(value));
        value
    }
}

/// A `local!` static whose value is a constant (`= const { … }`): held as it is, no
/// first-use check. Most of the crate's statics are these; made lazily, each would
/// instantiate its own `OnceCell` initialisation (about 100 bytes of wasm apiece).
#[cfg(target_arch = "wasm32")]
pub struct ConstLocal<T: 'static>(pub T);

// SAFETY: as for `Local`: one thread on wasm32 without atomics.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl<T> Sync for ConstLocal<T> {}

#[cfg(target_arch = "wasm32")]
impl<T: 'static> ConstLocal<T> {
    #[inline(always)]
    pub fn with<R>(&'static self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.0)
    }
}

#[cfg(target_arch = "wasm32")]
macro_rules! local {
    () => {};
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = const $init:block $(; $($rest:tt)*)?) => {
        $(#[$attr])* $vis static $name: $crate::local::ConstLocal<$t> = $crate::local::ConstLocal($init);
        $(local!($($rest)*);)?
    };
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr $(; $($rest:tt)*)?) => {
        $(#[$attr])* $vis static $name: $crate::local::Local<$t> = $crate::local::Local::new(|| &*alloc::boxed::Box::leak(alloc::boxed::Box::<$t>::new($init)));
        $(local!($($rest)*);)?
    };
}

#[cfg(not(target_arch = "wasm32"))]
macro_rules! local {
    ($($tt:tt)*) => { std::thread_local! { $($tt)* } };
}

#[cfg(target_arch = "wasm32")]
impl<T: 'static> core::ops::Deref for Local<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.get()
    }
}

#[cfg(target_arch = "wasm32")]
impl<T: 'static> core::ops::Deref for ConstLocal<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
