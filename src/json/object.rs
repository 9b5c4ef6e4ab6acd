//! A JSON object: members in the order written, each key once. It is an [`OrderedMap`]
//! of JSON values; request parameter maps (`StringMap`) and the in-memory storage use
//! the same map with string values.

use super::{FromJson, ToJson, Value};
use crate::prelude::*;

/// String keys in the order they were first inserted, each key once, as a JS object keeps
/// them. A Vec with linear lookups: these maps hold a handful of entries, and each
/// BTreeMap instantiation cost far more wasm (measured with twiggy; see BENCHMARKS.md,
/// "Size decisions"). Bulk input (parsed JSON) goes through `FromIterator`, which
/// resolves repeated keys in O(n log n).
#[cfg_attr(not(shipped), derive(Debug))]
pub struct OrderedMap<V>(Vec<(String, V)>);

/// By hand, a loop of pushes: the derived copy was `Vec::clone`'s slice-cloning code.
impl<V: Clone> Clone for OrderedMap<V> {
    fn clone(&self) -> Self {
        let mut copy = Vec::new();
        for (k, v) in &self.0 {
            copy.push((k.clone(), v.clone()));
        }
        OrderedMap(copy)
    }
}

pub type Object = OrderedMap<Value>;

impl<V> OrderedMap<V> {
    pub const fn new() -> Self {
        OrderedMap(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`: in its place when present, else as the last member.
    #[inline(always)]
    pub fn insert(&mut self, key: impl AsRef<str>, value: V) {
        self.insert_str(key.as_ref(), value)
    }

    /// [`OrderedMap::insert`] once per value type, whatever the key's type. The key is
    /// copied here (when it is new), not at each call: most keys are names in the code.
    fn insert_str(&mut self, key: &str, value: V) {
        match self.get_mut(key) {
            Some(slot) => *slot = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        // Moved to the end one place at a time, the others keeping their order, and popped:
        // `Vec::remove` without its panic path, as `crate::vec::take_at` does, but with the
        // swap the key resolution uses: `take_at` instantiated for members measured 55 B
        // larger in the shipped wasm's gzip (session 13).
        for i in at + 1..self.0.len() {
            swap_ends(&mut self.0, i - 1, i, true);
        }
        self.0.pop().map(|(_, v)| v)
    }

    /// Members whose keys are written in the code, or taken from another map: each once,
    /// nothing to resolve.
    pub fn from_distinct(pairs: Vec<(String, V)>) -> Self {
        debug_assert!(pairs.iter().enumerate().all(|(i, (k, _))| pairs[..i].iter().all(|(seen, _)| seen != k)));
        OrderedMap(pairs)
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

/// Keys are unique already: no need to go through `FromIterator`.
impl<V: ToJson> ToJson for OrderedMap<V> {
    fn to_json(&self) -> Value {
        let mut members = Vec::new();
        for (k, v) in &self.0 {
            members.push((k.clone(), v.to_json()));
        }
        Value::Object(OrderedMap(members))
    }
}

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap::new()
    }
}

impl Object {
    /// The members in this order. A key given twice keeps its first place and takes its
    /// last value, as `JSON.parse` does with `{"a":1,"a":2}`.
    pub fn from_pairs(pairs: Vec<(String, Value)>) -> Object {
        OrderedMap(without_duplicate_keys(pairs))
    }

    /// [`Object::from_pairs`] as [`crate::json!`] writes it: keys written in the code,
    /// values by reference; the copies and conversions are made here, once, rather than
    /// at each member of each call site.
    pub fn from_literal(pairs: &[(&str, &dyn ToJson)]) -> Object {
        // Loops of pushes here and in `from_texts`: a `collect` cost more wasm each.
        let mut members = Vec::new();
        for (k, v) in pairs {
            members.push((String::from(*k), v.to_json()));
        }
        Object::from_distinct(members)
    }

    /// Text members, in this order (what most request bodies are): see [`Object::from_literal`].
    /// The names and the texts come apart, so the names are one constant at each call.
    pub fn from_texts(names: &[&str], texts: &[&str]) -> Object {
        debug_assert_eq!(names.len(), texts.len());
        let mut members = Vec::new();
        for (&k, &v) in names.iter().zip(texts) {
            members.push((String::from(k), Value::String(v.into())));
        }
        Object::from_distinct(members)
    }

    /// Takes the member `key` out, decoded as `T`: `None` when it is missing, null or
    /// of another type. For response fields the operation cannot do without.
    pub fn required<T: FromJson>(&mut self, key: &str) -> Option<T> {
        T::from_json(self.remove(key)?)
    }

    /// Takes the member `key` out; null when it is missing.
    pub fn take(&mut self, key: &str) -> Value {
        self.remove(key).unwrap_or_default()
    }

    /// Takes the member `key` out, decoded as `T`: `Some(None)` when it is missing or null,
    /// `None` when it has another type (the whole response is then not what was expected).
    pub fn optional<T: FromJson>(&mut self, key: &str) -> Option<Option<T>> {
        Option::<T>::from_json(self.take(key))
    }
}

impl<V> IntoIterator for OrderedMap<V> {
    type Item = (String, V);
    type IntoIter = alloc::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a OrderedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = core::iter::Map<core::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// A key given twice keeps its first place and takes its last value (`JSON.parse`, and
/// assigning to a JS object key by key).
impl<V> FromIterator<(String, V)> for OrderedMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(pairs: I) -> Self {
        OrderedMap(without_duplicate_keys(pairs.into_iter().collect()))
    }
}

impl<V, const N: usize> From<[(String, V); N]> for OrderedMap<V> {
    fn from(pairs: [(String, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

/// The positions of `pairs` sorted by key, equal keys in the order written (each position
/// is compared as (key, position), so the order is total and the result that of a stable
/// sort). A heapsort: O(n log n) on any input and the least code of the sorts tried (the
/// standard library's and a merge sort took more wasm; see BENCHMARKS.md, "Size
/// decisions"). Generic, but the shipped wasm has one value type (parsed JSON's): the
/// keys are read in place, with no list of them built first.
/// The indexing here reads and writes through [`read`] and [`swap`], which cannot panic:
/// each `[]` and `swap` that could kept a panic location (16 bytes of data) and its call.
fn positions_by_key<V>(pairs: &[(String, V)]) -> Vec<usize> {
    let n = pairs.len();
    let mut heap: Vec<usize> = (0..n).collect();
    let key = |i: usize| key(pairs, i);
    let before = |a: usize, b: usize| key(a).cmp(key(b)).then(a.cmp(&b)).is_lt();
    // The first n / 2 rounds build a max-heap; each later one moves its top behind it.
    for round in (0..n + n / 2).rev() {
        let (mut parent, end) = if round >= n {
            (round - n, n)
        } else {
            swap(&mut heap, 0, round);
            (0, round)
        };
        loop {
            let mut child = 2 * parent + 1;
            if child >= end {
                break;
            }
            if child + 1 < end && before(read(&heap, child), read(&heap, child + 1)) {
                child += 1;
            }
            if !before(read(&heap, parent), read(&heap, child)) {
                break;
            }
            swap(&mut heap, parent, child);
            parent = child;
        }
    }
    heap
}

/// The key at `i` (empty past the end, never reached), without the panic of a bounds check.
fn key<V>(pairs: &[(String, V)], i: usize) -> &str {
    pairs.get(i).map_or("", |(k, _)| k)
}

/// `items[i]`; 0 past the end, which no caller reaches (every index is a position below
/// the length), without the panic of a bounds check. Out of line: a call is less wasm than
/// the check and the fallback at each of its uses.
#[inline(never)]
fn read(items: &[usize], i: usize) -> usize {
    items.get(i).copied().unwrap_or_default()
}

/// `items.swap(a, b)`, nothing past the end (never reached), without the panic.
fn swap(items: &mut [usize], a: usize, b: usize) {
    if a < items.len() && b < items.len() {
        items.swap(a, b);
    }
}

/// Maps are equal with the same members, in any order (as JSON means objects).
impl<V: PartialEq> PartialEq for OrderedMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

/// Resolves repeated keys in O(n log n), so a hostile object with many keys cannot make
/// parsing quadratic: positions are sorted by key, and each run of equal keys collapses
/// into its first position with its last value.
fn without_duplicate_keys<V>(mut pairs: Vec<(String, V)>) -> Vec<(String, V)> {
    let order = positions_by_key(&pairs);
    // Which positions stay: each its own, or `GONE` for a repeated key.
    const GONE: usize = usize::MAX;
    let mut stays: Vec<usize> = (0..pairs.len()).collect();
    let slots = pairs.as_mut_slice();
    // Equal keys are neighbours in `order`, each run in the order written: a repeat's value
    // is swapped into its run's first position (so the run's last value ends there), and
    // the repeat is marked. Reads as in `positions_by_key`.
    let mut first = read(&order, 0);
    for pair in order.windows(2) {
        let (before, at) = (pair[0], pair[1]);
        if key(slots, before) != key(slots, at) {
            first = at;
            continue;
        }
        swap_ends(slots, first, at, false);
        if let Some(slot) = stays.get_mut(at) {
            *slot = GONE;
        }
    }
    // The members that stay move forward in the order written; the repeats go at the end.
    let mut kept = 0;
    for at in 0..slots.len() {
        if read(&stays, at) != GONE {
            swap_ends(slots, kept, at, true);
            kept += 1;
        }
    }
    pairs.truncate(kept);
    pairs
}

/// Swaps the values (and the keys too when `keys`) of the members at `a` and `b`, `a`
/// before `b`; nothing otherwise. The one slot range of the two passes above, which
/// cannot panic.
fn swap_ends<V>(slots: &mut [(String, V)], a: usize, b: usize, keys: bool) {
    if let Some([x, .., y]) = slots.get_mut(a..=b) {
        core::mem::swap(&mut x.1, &mut y.1);
        if keys {
            core::mem::swap(&mut x.0, &mut y.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn repeated_keys_keep_their_first_place_and_last_value_like_json_parse() {
        let v = parse(r#"{"a":1,"b":2,"a":3,"c":4,"a":5,"b":6}"#).unwrap();
        assert_eq!(v.stringify(), r#"{"a":5,"b":6,"c":4}"#);
    }

    #[test]
    fn positions_by_key_is_a_stable_sort() {
        // Every length up to 40 (odd runs, a last run alone) with keys from a small alphabet,
        // so runs of equal keys are common; checked against the standard library's stable sort.
        let mut seed = 7u32;
        for n in 0..40 {
            let pairs: Vec<(String, Value)> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (((seed >> 16) % 5).to_string(), Value::Null)
                })
                .collect();
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by(|&a, &b| pairs[a].0.cmp(&pairs[b].0));
            assert_eq!(positions_by_key(&pairs), expected, "n = {n}");
        }
    }

    #[test]
    fn repeated_keys_resolve_as_inserting_one_by_one() {
        // Random objects with keys from a small alphabet, checked against `insert` member by
        // member (first place, last value), which is what JSON.parse does.
        let mut seed = 11u32;
        for n in 0..60 {
            let pairs: Vec<(String, Value)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (["a", "b", "ab", "", "ba", "c"][(seed >> 16) as usize % 6].to_string(), (i as i64).to_json())
                })
                .collect();
            let mut expected = Object::new();
            for (k, v) in pairs.clone() {
                expected.insert(k, v);
            }
            let got = Object::from_pairs(pairs);
            assert_eq!(Value::Object(got).stringify(), Value::Object(expected).stringify(), "n = {n}");
        }
    }

    #[test]
    fn insert_replaces_in_place_and_remove_takes_out() {
        let mut o = Object::new();
        o.insert("x", Value::Bool(true));
        o.insert("y", Value::Null);
        o.insert("x", Value::Bool(false));
        assert_eq!(Value::Object(o.clone()).stringify(), r#"{"x":false,"y":null}"#);
        assert_eq!(o.remove("x"), Some(Value::Bool(false)));
        assert_eq!((o.len(), o.contains_key("x")), (1, false));
    }

    #[test]
    fn equality_ignores_member_order() {
        assert_eq!(parse(r#"{"a":1,"b":[2]}"#), parse(r#"{"b":[2],"a":1}"#));
        assert_ne!(parse(r#"{"a":1,"b":[2]}"#), parse(r#"{"a":1,"b":[2],"c":3}"#));
        assert_ne!(parse(r#"{"a":1}"#), parse(r#"{"b":1}"#));
    }

    #[test]
    fn required_and_optional_fields() {
        let mut o = parse(r#"{"s":"x","n":null,"w":5}"#).unwrap().into_object().unwrap();
        assert_eq!(o.optional::<String>("n"), Some(None));
        assert_eq!(o.optional::<String>("missing"), Some(None));
        assert_eq!(o.optional::<String>("w"), None);
        assert_eq!(o.required::<String>("s"), Some("x".to_string()));
        assert_eq!(o.required::<String>("s"), None, "taken out");
    }
}
