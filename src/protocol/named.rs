//! `named_variants!`: an enum of the protocol's vocabulary whose named variants each stand
//! for one fixed name, plus variants that carry a name of their own. Each named variant and
//! its name are written once; their order then gives the table of names, a variant's place
//! in it and the variant at a place (what the hand-written `Clone`s rebuild from), which
//! before were written out again beside each other per enum.

/// Declares the enum (the named variants first, then the others), `const $names` (the
/// names, in the variants' order, as one text: [`nth_name`], [`name_place`]),
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

        /// The names, each followed by a space (see [`nth_name`]).
        const $names: &str = concat!($($name, " ",)*);

        #[cfg(test)]
        const $named: [$ty; [$($name,)*].len()] = [$($ty::$var,)*];

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

/// The name at place `i` of `names`, a text of names each followed by a space (as
/// `concat!` writes them); "" past the last. One text in the wasm, where an array of
/// `&str` added a pointer and a length per name; a table still costs less than a `match`
/// of string arms.
pub fn nth_name(names: &'static str, i: usize) -> &'static str {
    // No name holds a space, so " " is never found: the walk stops at place `i`.
    walk(names, i, " ").1
}

/// The place of `wanted` among `names` (as [`nth_name`] reads them).
pub fn name_place(names: &'static str, wanted: &str) -> Option<usize> {
    let (place, name) = walk(names, usize::MAX, wanted);
    // No name is empty: "" is the walk past the last.
    (!name.is_empty()).then_some(place)
}

/// The first of `names` at place `stop` or equal to `wanted`, with its place, or ""
/// past the last: one loop for both look-ups.
fn walk(names: &'static str, stop: usize, wanted: &str) -> (usize, &'static str) {
    let mut rest = names;
    let mut place = 0;
    while let Some((name, tail)) = crate::text::split_once_byte(rest, b' ') {
        if place == stop || name == wanted {
            return (place, name);
        }
        place += 1;
        rest = tail;
    }
    (place, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_by_place_and_by_text() {
        const NAMES: &str = concat!("A", " ", "BB", " ", "C", " ");
        assert_eq!(
            [nth_name(NAMES, 0), nth_name(NAMES, 1), nth_name(NAMES, 2), nth_name(NAMES, 3)],
            ["A", "BB", "C", ""]
        );
        assert_eq!([name_place(NAMES, "A"), name_place(NAMES, "C"), name_place(NAMES, "B")], [Some(0), Some(2), None]);
        assert_eq!([name_place(NAMES, ""), name_place(NAMES, " "), name_place(NAMES, "A BB")], [None, None, None]);
    }
}
