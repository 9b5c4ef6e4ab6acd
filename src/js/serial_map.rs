//! A map keyed by increasing serial numbers (calls in flight, locks to release), kept
//! as a sorted Vec: it holds a handful of entries at a time, and a BTreeMap per value
//! type cost far more wasm (measured with twiggy; see BENCHMARKS.md, "Size decisions").

use crate::prelude::*;
pub struct SerialMap<V>(Vec<(u64, V)>);

impl<V> SerialMap<V> {
    pub const fn new() -> Self {
        SerialMap(Vec::new())
    }

    pub fn insert(&mut self, serial: u64, value: V) {
        match self.0.binary_search_by_key(&serial, |e| e.0) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (serial, value)),
        }
    }

    pub fn remove(&mut self, serial: u64) -> Option<V> {
        let i = self.0.binary_search_by_key(&serial, |e| e.0).ok()?;
        Some(self.0.remove(i).1)
    }

    /// Every entry, oldest first, leaving the map empty.
    pub fn take_all(&mut self) -> Vec<(u64, V)> {
        core::mem::take(&mut self.0)
    }
}
