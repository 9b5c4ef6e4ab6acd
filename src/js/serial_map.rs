//! A map keyed by serial numbers (`super::tasks`' tasks and awaited host operations, one
//! map of both), kept as two Vecs in no particular order: it holds a handful of entries at
//! a time, and a BTreeMap cost far more wasm (measured with twiggy; see BENCHMARKS.md,
//! "Size decisions"). The keys apart from the values, so that finding one is one function
//! whatever the values.

use crate::prelude::*;
pub struct SerialMap<V> {
    keys: Vec<u32>,
    values: Vec<V>,
}

/// Where `key` is.
fn find(keys: &[u32], key: u32) -> Option<usize> {
    keys.iter().position(|k| *k == key)
}

impl<V> SerialMap<V> {
    pub const fn new() -> Self {
        SerialMap { keys: Vec::new(), values: Vec::new() }
    }

    /// Adds `value` under `key`, which the map does not hold.
    pub fn insert(&mut self, key: u32, value: V) {
        self.keys.push(key);
        self.values.push(value);
    }

    pub fn remove(&mut self, key: u32) -> Option<V> {
        let i = find(&self.keys, key)?;
        // Both Vecs are as long (`insert` pushes to both); checked once here, `swap_remove`
        // has nothing left to check.
        if i >= self.values.len() {
            return None;
        }
        // The order of entries means nothing (they are found by key): no shifting.
        self.keys.swap_remove(i);
        Some(self.values.swap_remove(i))
    }
}
