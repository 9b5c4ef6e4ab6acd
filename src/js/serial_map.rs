//! A map keyed by serial numbers (tasks, awaited Promises), kept as two Vecs in no
//! particular order: it holds a handful of entries at a time,
//! and a BTreeMap per value type cost far more wasm (measured with twiggy; see
//! BENCHMARKS.md, "Size decisions"). The keys apart from the values, so that finding one
//! is one function for every value type.

use crate::prelude::*;
pub struct SerialMap<V> {
    keys: Vec<u64>,
    values: Vec<V>,
}

/// Where `key` is.
fn find(keys: &[u64], key: u64) -> Option<usize> {
    keys.iter().position(|k| *k == key)
}

impl<V> SerialMap<V> {
    pub const fn new() -> Self {
        SerialMap { keys: Vec::new(), values: Vec::new() }
    }

    /// Adds `value` under `key`, which the map does not hold.
    pub fn insert(&mut self, key: u64, value: V) {
        self.keys.push(key);
        self.values.push(value);
    }

    pub fn remove(&mut self, key: u64) -> Option<V> {
        let i = find(&self.keys, key)?;
        // The order of entries means nothing (they are found by key): no shifting.
        self.keys.swap_remove(i);
        Some(self.values.swap_remove(i))
    }
}
