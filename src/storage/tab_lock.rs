//! One refresh across browser tabs. Tabs of one origin share storage but not memory; when
//! several need a refresh at once, exactly one should send it and the others pick the new
//! tokens up from storage (with refresh-token rotation, two refreshes of one token would
//! sign the user out). The browser build uses the Web Locks API; where it is missing,
//! [`StorageLease`] coordinates through the shared storage itself.

use crate::flows::transport::Transport;
use crate::storage::Storage;
use std::future::Future;

#[allow(async_fn_in_trait)] // single-threaded (wasm) use only
pub trait TabLock {
    /// Runs `work` while holding the lock `name` across every tab of this origin.
    async fn exclusive<T>(&self, name: &str, work: impl Future<Output = T>) -> T;
}

/// No coordination (native tests, or a single context).
pub struct NoTabLock;

impl TabLock for NoTabLock {
    async fn exclusive<T>(&self, _name: &str, work: impl Future<Output = T>) -> T {
        work.await
    }
}

/// How long a lease lasts before other tabs may take it over (a tab that closed mid-refresh).
pub const LEASE_MS: f64 = 10_000.0;
/// Pause between looks at the lease while another tab holds it.
const POLL_MS: u32 = 50;
/// After writing our claim, wait this long and read it back: if two tabs wrote at once,
/// the later write wins and the earlier writer sees it lost.
const SETTLE_MS: u32 = 30;

/// A lease in storage: `<owner>:<expiry ms>` under a key of its own.
pub struct StorageLease<'a, S: Storage + ?Sized, T: Transport> {
    pub storage: &'a S,
    pub timer: &'a T,
    /// Unique to this tab.
    pub owner: String,
    pub now_ms: fn() -> f64,
}

/// Read with the JSON number reader, and written as whole milliseconds (what `Date.now()`
/// gives anyway), so no float parsing or formatting code reaches the wasm.
fn parse_lease(value: &str) -> Option<(&str, f64)> {
    let (owner, expiry) = value.rsplit_once(':')?;
    Some((owner, crate::json::parse(expiry).ok()?.as_f64()?))
}

fn lease(owner: &str, expiry_ms: f64) -> String {
    format!("{owner}:{}", expiry_ms as i64)
}

impl<S: Storage + ?Sized, T: Transport> StorageLease<'_, S, T> {
    fn holder(&self, key: &str) -> Option<String> {
        let value = self.storage.get_item(key)?;
        let (owner, expiry) = parse_lease(&value)?;
        (expiry > (self.now_ms)()).then(|| owner.to_string())
    }

    async fn acquire(&self, key: &str) {
        let give_up_at = (self.now_ms)() + LEASE_MS;
        loop {
            match self.holder(key) {
                Some(owner) if owner != self.owner && (self.now_ms)() < give_up_at => self.timer.sleep(POLL_MS).await,
                Some(owner) if owner == self.owner => return,
                _ => {
                    let claim = lease(&self.owner, (self.now_ms)() + LEASE_MS);
                    if self.storage.set_item(key, &claim).is_err() {
                        return; // storage refuses writes: proceed uncoordinated rather than hang
                    }
                    self.timer.sleep(SETTLE_MS).await;
                    if self.holder(key).as_deref() == Some(self.owner.as_str()) || (self.now_ms)() >= give_up_at {
                        return;
                    }
                }
            }
        }
    }
}

impl<S: Storage + ?Sized, T: Transport> TabLock for StorageLease<'_, S, T> {
    async fn exclusive<R>(&self, name: &str, work: impl Future<Output = R>) -> R {
        let key = crate::storage::keys::lease(name);
        self.acquire(&key).await;
        let out = work.await;
        if self.holder(&key).as_deref() == Some(self.owner.as_str()) {
            self.storage.remove_item(&key);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::single_flight::tests::{run_all, Yield};
    use crate::protocol::{CognitoError, HttpResponse, Request};
    use crate::storage::MemoryStorage;
    use std::cell::{Cell, RefCell};
    use std::pin::Pin;

    thread_local! {
        static CLOCK: Cell<f64> = const { Cell::new(1_000.0) };
    }
    fn now() -> f64 {
        CLOCK.with(Cell::get)
    }

    /// Sleeping advances the shared fake clock and yields to the other "tabs".
    struct FakeTimer;
    impl Transport for FakeTimer {
        async fn send(&self, _: &str, _: &Request) -> Result<HttpResponse, CognitoError> {
            unreachable!()
        }
        async fn sleep(&self, ms: u32) {
            CLOCK.with(|c| c.set(c.get() + ms as f64 / 4.0));
            Yield(1).await;
        }
    }

    #[test]
    fn tabs_take_turns_and_the_lease_is_released() {
        let storage = MemoryStorage::new();
        let inside = Cell::new(0);
        let max_inside = Cell::new(0);
        let order = RefCell::new(Vec::new());
        let leases: Vec<_> = (0..4)
            .map(|i| StorageLease { storage: &storage, timer: &FakeTimer, owner: format!("tab{i}"), now_ms: now })
            .collect();
        let runs: Vec<Pin<Box<dyn Future<Output = ()> + '_>>> = leases
            .iter()
            .map(|lease| {
                let (inside, max_inside, order) = (&inside, &max_inside, &order);
                Box::pin(lease.exclusive("refresh", async move {
                    inside.set(inside.get() + 1);
                    max_inside.set(max_inside.get().max(inside.get()));
                    order.borrow_mut().push(lease.owner.clone());
                    FakeTimer.sleep(100).await;
                    inside.set(inside.get() - 1);
                })) as Pin<Box<dyn Future<Output = ()>>>
            })
            .collect();
        run_all(runs);
        assert_eq!(max_inside.get(), 1, "never two tabs inside at once");
        assert_eq!(order.borrow().len(), 4);
        assert!(storage.keys().is_empty(), "lease released: {:?}", storage.keys());
    }

    #[test]
    fn an_expired_lease_of_a_closed_tab_is_taken_over() {
        let storage = MemoryStorage::new();
        storage.set_item("refresh.lease", &format!("gone:{}", now() - 1.0)).unwrap();
        let lease = StorageLease { storage: &storage, timer: &FakeTimer, owner: "me".into(), now_ms: now };
        let ran =
            run_all(vec![Box::pin(lease.exclusive("refresh", async { true })) as Pin<Box<dyn Future<Output = bool>>>]);
        assert_eq!(ran, vec![true]);
    }

    #[test]
    fn lease_values_parse_defensively() {
        assert_eq!(parse_lease("a:b:12.5"), Some(("a:b", 12.5)));
        assert_eq!(parse_lease("garbage"), None);
        assert_eq!(parse_lease("x:NaN"), None);
        assert_eq!(parse_lease("x:1e999"), Some(("x", f64::INFINITY)));
        assert_eq!(lease("tab:1", 1_732_000_000_123.75), "tab:1:1732000000123");
        assert_eq!(parse_lease(&lease("tab:1", 1_732_000_000_123.0)), Some(("tab:1", 1_732_000_000_123.0)));
    }
}
