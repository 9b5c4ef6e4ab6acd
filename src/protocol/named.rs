//! `named_variants!`: an enum of the protocol's vocabulary whose named variants each stand
//! for one fixed name, plus variants that carry a name of their own. Each named variant and
//! its name are written once; their order then gives the table of names, a variant's place
//! in it and the variant at a place (what the hand-written `Clone`s rebuild from), which
//! before were written out again beside each other per enum.

/// Declares the enum (the named variants first, then the others), `const $names` (the
/// names, in the variants' order: a table costs less wasm than a `match` of string arms),
/// `const $named` (every named variant, for the tests), and `index(&self)` (a named
/// variant's place, 0 for the others) and `named(i)` (the named variant at place `i`,
/// `$past` beyond them).
macro_rules! named_variants {
    (
        $(#[$attr:meta])*
        pub enum $ty:ident {
            $($(#[$vattr:meta])* $var:ident = $name:literal,)*
            ;
            $($(#[$oattr:meta])* $other:ident($oty:ty),)*
        }
        names: $names:ident, named: $named:ident, past: $past:expr
    ) => {
        $(#[$attr])*
        pub enum $ty {
            $($(#[$vattr])* $var,)*
            $($(#[$oattr])* $other($oty),)*
        }

        const $names: [&str; [$($name,)*].len()] = [$($name,)*];

        #[cfg(test)]
        const $named: [$ty; $names.len()] = [$($ty::$var,)*];

        impl $ty {
            /// The place of a named variant among the variants, and in the names (0 for the others).
            #[allow(unused_assignments)]
            fn index(&self) -> usize {
                let mut place = 0;
                $(
                    if let $ty::$var = self {
                        return place;
                    }
                    place += 1;
                )*
                0
            }

            /// The named variant at place `i` of the variants.
            #[allow(unused_assignments)]
            fn named(i: usize) -> $ty {
                let mut place = 0;
                $(
                    if i == place {
                        return $ty::$var;
                    }
                    place += 1;
                )*
                $past
            }
        }
    };
}
