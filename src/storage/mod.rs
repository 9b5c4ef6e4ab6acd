//! Where sessions live between page loads. The backend is a small trait so native tests
//! use memory and the browser uses localStorage, a cookie jar, or the app's own object.

use crate::prelude::*;
pub mod events;
pub mod keys;
mod session_store;
pub mod tab_lock;

pub use session_store::SessionStore;

use crate::json::OrderedMap;
use core::cell::RefCell;

/// The `Storage` shape the JS SDK accepts: `getItem`, `setItem`, `removeItem`.
/// Writes can fail (quota, Safari private mode, a throwing user object).
pub trait Storage {
    fn get_item(&self, key: &str) -> Option<String>;
    fn set_item(&self, key: &str, value: &str) -> Result<(), String>;
    fn remove_item(&self, key: &str);
}

/// In-memory storage: the fallback when localStorage is missing or throws, and the
/// backend of native tests.
#[derive(Default)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct MemoryStorage {
    items: RefCell<OrderedMap<String>>,
}

impl MemoryStorage {
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    pub fn keys(&self) -> Vec<String> {
        self.items.borrow().keys().cloned().collect()
    }

    pub fn clear(&self) {
        self.items.borrow_mut().clear();
    }
}

impl Storage for MemoryStorage {
    fn get_item(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }
    fn set_item(&self, key: &str, value: &str) -> Result<(), String> {
        self.items.borrow_mut().insert(key, value.to_string());
        Ok(())
    }
    fn remove_item(&self, key: &str) {
        self.items.borrow_mut().remove(key);
    }
}
