//! One refresh across browser tabs. Tabs of one origin share storage but not memory; when
//! several need a refresh at once, exactly one should send it and the others pick the new
//! tokens up from storage (with refresh-token rotation, two refreshes of one token would
//! sign the user out). The browser build uses the Web Locks API ([`LockManager`], with the
//! marker protocol of [`MarkerLock`]); where it is missing, [`StorageLease`] coordinates
//! through the shared storage itself. [`TabCoordinator`] picks one of the two.

use crate::prelude::*;
use crate::srp::to_hex;
use crate::storage::{keys, Storage};
use crate::text;
use core::future::Future;

/// Waiting: every tab lock polls. Any transport is one (`flows::Transport` sleeps for its
/// backoff), so the browser's `setTimeout` serves both.
#[allow(async_fn_in_trait)] // single-threaded (wasm) use only
pub trait Sleep {
    /// Resolves after `ms` milliseconds.
    async fn sleep(&self, ms: u32);
}

/// The lock `name` across every tab of this origin, taken and let go of in two steps, so
/// a caller awaits its own work between them (no future of the work nested in the lock's).
#[allow(async_fn_in_trait)] // single-threaded (wasm) use only
pub trait TabLock {
    /// What holding the lock takes until it is let go of.
    type Hold;
    /// Resolves once this tab holds the lock `name`.
    async fn acquire(&self, name: &str) -> Self::Hold;
    /// Lets go of the lock `name` taken by [`TabLock::acquire`]. Not awaited: what must
    /// happen before the lock is free to others (a marker granted) happens on its own.
    fn release(&self, name: &str, hold: Self::Hold);

    /// Runs `work` while holding the lock `name` across every tab of this origin.
    async fn exclusive<T>(&self, name: &str, work: impl Future<Output = T>) -> T {
        let hold = self.acquire(name).await;
        let out = work.await;
        self.release(name, hold);
        out
    }
}

/// No coordination (native tests, or a single context).
pub struct NoTabLock;

impl TabLock for NoTabLock {
    type Hold = ();
    async fn acquire(&self, _name: &str) {}
    fn release(&self, _name: &str, _hold: ()) {}
}

/// How long a lease lasts before other tabs may take it over (a tab that closed mid-refresh).
pub const LEASE_MS: f64 = 10_000.0;
/// Pause between looks at the lease while another tab holds it.
const POLL_MS: u32 = 50;
/// After writing our claim, wait this long and read it back: if two tabs wrote at once,
/// the later write wins and the earlier writer sees it lost.
const SETTLE_MS: u32 = 30;

/// A lease in storage: `<owner>:<expiry ms>` under a key of its own.
pub struct StorageLease<'a, S: Storage + ?Sized, T: Sleep> {
    pub storage: &'a S,
    pub timer: &'a T,
    /// Unique to this tab.
    pub owner: String,
    pub now_ms: fn() -> f64,
}

/// Read with the JSON number reader, and written as whole milliseconds (what `Date.now()`
/// gives anyway), so no float parsing or formatting code reaches the wasm.
#[inline(always)] // one shipped caller
fn parse_lease(value: &str) -> Option<(&str, f64)> {
    let (owner, expiry) = crate::text::rsplit_once_byte(value, b':')?;
    Some((owner, crate::json::parse(expiry).ok()?.as_f64()?))
}

#[inline(always)] // one shipped caller
fn lease(owner: &str, expiry_ms: f64) -> String {
    let mut out = String::from(owner);
    out.push(':');
    crate::text::push_int(&mut out, expiry_ms as i64);
    out
}

impl<'a, S: Storage + ?Sized, T: Sleep> StorageLease<'a, S, T> {
    fn coordinator(&self) -> TabCoordinator<'_, NoLockManager, S, T> {
        TabCoordinator {
            locks: None,
            storage: self.storage,
            timer: self.timer,
            settle_keys: &[],
            owner: &self.owner,
            now_ms: self.now_ms,
        }
    }
}

impl<S: Storage + ?Sized, T: Sleep> TabLock for StorageLease<'_, S, T> {
    type Hold = Hold<()>;
    async fn acquire(&self, name: &str) -> Hold<()> {
        self.coordinator().lock(name).await
    }
    fn release(&self, name: &str, hold: Hold<()>) {
        self.coordinator().unlock(name, hold)
    }
}

/// The browser's lock manager (`navigator.locks`), as far as the marker protocol uses it.
#[allow(async_fn_in_trait)] // single-threaded (wasm) use only
pub trait LockManager {
    /// A requested lock, let go of (held or not yet) when dropped.
    type Held;
    /// Requests the exclusive lock `name`: the request, and a future that resolves once
    /// it is held, with the names of the locks held then, by any tab, a line each (none
    /// when the query fails): one wait for both. Err: the manager refused or failed (e.g.
    /// an opaque origin).
    fn request(&self, name: &str) -> (Self::Held, impl Future<Output = Result<String, String>>);
    /// Lets go of `held`: at once, or given a `marker`, once the lock `marker` is granted,
    /// which is then kept [`MARKER_HOLD_MS`] whatever the caller does meanwhile.
    fn release(held: Self::Held, marker: Option<&str>);
}

/// No lock manager: the type a [`StorageLease`] gives its [`TabCoordinator`].
pub enum NoLockManager {}

impl LockManager for NoLockManager {
    type Held = ();
    fn request(&self, _name: &str) -> ((), impl Future<Output = Result<String, String>>) {
        ((), core::future::ready(Err(String::new())))
    }
    fn release(_held: (), _marker: Option<&str>) {}
}

/// After storing new tokens, the holder also holds a marker lock named
/// `<lock>.fresh.<time>.<tag of the settle keys' new values>` for this long. The lock
/// manager is one authority for all tabs, and the marker is granted before the main lock
/// is let go: the next holder, querying the locks, learns that new tokens exist even when
/// its own copy of localStorage does not show them yet, and waits for them.
pub const MARKER_HOLD_MS: u32 = 10_000;
/// How long a tab waits for tokens a marker announced to reach its storage.
pub const SETTLE_POLLS: u32 = 80;
pub const SETTLE_POLL_MS: u32 = 25;

/// A short, non-secret tag of a stored value (no token text goes into lock names).
pub fn tag(value: Option<&str>) -> String {
    to_hex(&crate::srp::sha256(&[value.unwrap_or_default().as_bytes()])[..8])
}

/// The tag of the newest marker of `lock` among `held` lock names (a line each), if any.
#[inline(always)] // one shipped caller
pub fn newest_marker<'a>(lock: &str, held: &'a str) -> Option<&'a str> {
    // A loop rather than `filter_map(..).max()`: less wasm. On a tie the later one wins, as
    // with `max`.
    let (mut newest, mut rest) = (None, Some(held));
    while let Some(names) = rest {
        let (name, more) = text::split_once_byte(names, b'\n').map_or((names, None), |(n, m)| (n, Some(m)));
        rest = more;
        if let Some(marker) = keys::parse_marker(lock, name) {
            if newest.is_none_or(|n| marker >= n) {
                newest = Some(marker);
            }
        }
    }
    newest.map(|(_, tag)| tag)
}

/// Whether the work just done stored new tokens other tabs should wait for: the settle
/// keys hold a value, and not the one they held before.
#[inline(always)] // one caller: inlined, less wasm than a call
pub fn should_announce(before: Option<&str>, after: Option<&str>) -> bool {
    after.is_some() && after != before
}

/// One refresh across tabs through a [`LockManager`], with markers: the lock is held
/// around the work; a tab that gets it first waits (boundedly) for tokens a marker
/// announced, and a tab whose work changed the settle keys' values announces them.
pub struct MarkerLock<'a, L: LockManager, S: Storage + ?Sized, T: Sleep> {
    pub locks: &'a L,
    pub storage: &'a S,
    pub timer: &'a T,
    /// The keys the lock holder rewrites (the user's tokens), read together as one value.
    /// Chromium delivers one tab's localStorage writes to the other tabs asynchronously,
    /// and key by key, so a tab that gets the lock right after the holder let go can
    /// still read old values for a while (seen: long enough, on a loaded machine, to
    /// refresh again with a rotated-away token), or the new idToken beside the old
    /// accessToken: it waits until every one of them is the announced one.
    pub settle_keys: &'a [String],
    pub now_ms: fn() -> f64,
}

impl<L: LockManager, S: Storage + ?Sized, T: Sleep> MarkerLock<'_, L, S, T> {
    fn coordinator(&self) -> TabCoordinator<'_, L, S, T> {
        TabCoordinator {
            locks: Some(self.locks),
            storage: self.storage,
            timer: self.timer,
            settle_keys: self.settle_keys,
            owner: "",
            now_ms: self.now_ms,
        }
    }
}

impl<L: LockManager, S: Storage + ?Sized, T: Sleep> TabLock for MarkerLock<'_, L, S, T> {
    type Hold = Hold<L::Held>;
    async fn acquire(&self, name: &str) -> Hold<L::Held> {
        self.coordinator().lock(name).await
    }
    fn release(&self, name: &str, hold: Hold<L::Held>) {
        self.coordinator().unlock(name, hold)
    }
}

/// The keys the lock holder rewrites (see [`MarkerLock::settle_keys`]), made when read: the
/// browser build names them by their user rather than keeping a list of them.
pub trait SettleKeys {
    /// The key `i`, None past the last.
    fn key(&self, i: usize) -> Option<String>;
}

impl SettleKeys for &[String] {
    fn key(&self, i: usize) -> Option<String> {
        self.get(i).cloned()
    }
}

/// The lock the browser build uses: the marker protocol over `locks` when there is a
/// lock manager, else a [`StorageLease`] owned by `owner` (this tab).
pub struct TabCoordinator<'a, L: LockManager, S: Storage + ?Sized, T: Sleep, K: SettleKeys + Copy = &'a [String]> {
    pub locks: Option<&'a L>,
    pub storage: &'a S,
    pub timer: &'a T,
    pub settle_keys: K,
    pub owner: &'a str,
    pub now_ms: fn() -> f64,
}

impl<L: LockManager, S: Storage + ?Sized, T: Sleep, K: SettleKeys + Copy> TabCoordinator<'_, L, S, T, K> {
    /// Whether the unexpired lease under `key` is ours; None when there is none.
    fn lease_is_ours(&self, key: &str) -> Option<bool> {
        let value = self.storage.get_item(key)?;
        let (owner, expiry) = parse_lease(&value)?;
        (expiry > (self.now_ms)()).then_some(owner == self.owner)
    }

    fn holds(&self, key: &str) -> bool {
        self.lease_is_ours(key) == Some(true)
    }

    /// The settle keys' values as one, a line each (a missing one empty: a single key's
    /// is its value); None when none is stored.
    fn settled(&self) -> Option<String> {
        let (mut value, mut any) = (String::new(), false);
        let mut i = 0;
        while let Some(key) = self.settle_keys.key(i) {
            if i > 0 {
                value.push('\n');
            }
            if let Some(item) = self.storage.get_item(&key) {
                value.push_str(&item);
                any = true;
            }
            i += 1;
        }
        any.then_some(value)
    }

    /// One look after taking the lock: None once the wait is over, else how long to sleep
    /// before the next look. Lease: over once the lease is ours (or we give up waiting, or
    /// storage refuses writes: proceed uncoordinated rather than hang). Marker: over once
    /// the settle keys' tag is the announced one, or after [`SETTLE_POLLS`] looks. One
    /// function for both, out of the lock's future: the future holds only `waiting`.
    #[inline(always)]
    fn pause(&self, waiting: &mut Waiting) -> Option<u32> {
        match waiting {
            Waiting::Lease { key, give_up_at, claimed } => {
                // One look at the lease and the clock for the whole step.
                let (ours, now) = (self.lease_is_ours(key), (self.now_ms)());
                if ours == Some(true) || (core::mem::take(claimed) && now >= *give_up_at) {
                    return None;
                }
                if ours == Some(false) && now < *give_up_at {
                    return Some(POLL_MS);
                }
                self.storage.set_item(key, &lease(self.owner, now + LEASE_MS)).ok()?;
                *claimed = true;
                Some(SETTLE_MS)
            }
            Waiting::Marker { expected, polls } => {
                *polls += 1;
                (*polls <= SETTLE_POLLS && tag(self.settled().as_deref()) != *expected).then_some(SETTLE_POLL_MS)
            }
            Waiting::Nothing => None,
        }
    }
}

/// What a tab waits for once it has the lock (see [`TabCoordinator::pause`]).
enum Waiting {
    /// The lease protocol: the lease under `key`; `claimed`: our claim was written before
    /// the last sleep.
    Lease {
        key: String,
        give_up_at: f64,
        claimed: bool,
    },
    /// The marker protocol: tokens the newest marker announced (their tag) to reach storage.
    Marker {
        expected: String,
        polls: u32,
    },
    Nothing,
}

/// What a [`TabCoordinator`] holds between taking the lock and letting it go: the marker
/// protocol's lock (with the settle keys' value when it was taken), or the lease (the wait
/// that took it, which names its key: kept as it ended rather than taken apart).
pub struct Hold<H> {
    held: Option<H>,
    waited: Waiting,
    before: Option<String>,
}

/// Both protocols in one state machine, so that the sleep between looks appears once: the
/// marker protocol holds `held` (and waits, boundedly, for tokens the newest marker
/// announced); the lease protocol holds the lease under the key its wait names.
impl<L: LockManager, S: Storage + ?Sized, T: Sleep, K: SettleKeys + Copy> TabCoordinator<'_, L, S, T, K> {
    /// [`TabLock::acquire`]. The future borrows the coordinator rather than holding a copy
    /// of it (measured smaller).
    pub async fn lock(&self, name: &str) -> Hold<L::Held> {
        let (held, mut waiting) = match self.locks {
            Some(locks) => {
                let (lock, granted) = locks.request(name);
                match granted.await {
                    // Another tab may have stored new tokens just before we got the lock.
                    Ok(names) => (Some(lock), self.marker_wait(name, &names)),
                    // The manager refused: run uncoordinated.
                    Err(_) => (None, Waiting::Nothing),
                }
            }
            None => {
                let give_up_at = (self.now_ms)() + LEASE_MS;
                (None, Waiting::Lease { key: keys::lease(name), give_up_at, claimed: false })
            }
        };
        while let Some(ms) = self.pause(&mut waiting) {
            self.timer.sleep(ms).await
        }
        self.hold(held, waiting)
    }

    /// The wait for tokens the newest marker of `name` among the `held` lock names announced.
    #[inline(always)]
    fn marker_wait(&self, name: &str, held: &str) -> Waiting {
        match newest_marker(name, held) {
            Some(expected) => Waiting::Marker { expected: expected.to_string(), polls: 0 },
            None => Waiting::Nothing,
        }
    }

    /// What is held once the wait is over: the marker protocol's lock, with the settle
    /// keys' value then, or the lease's key.
    #[inline(always)]
    fn hold(&self, held: Option<L::Held>, waiting: Waiting) -> Hold<L::Held> {
        let before = if held.is_some() { self.settled() } else { None };
        Hold { held, waited: waiting, before }
    }

    /// [`TabLock::release`]: lets go, announcing new tokens
    /// the work stored (the lock manager lets go once the marker is granted).
    pub fn unlock(&self, name: &str, hold: Hold<L::Held>) {
        // Held: taken from `self.locks`.
        if let Some(held) = hold.held {
            let after = self.settled();
            let marker = should_announce(hold.before.as_deref(), after.as_deref())
                .then(|| keys::marker(name, (self.now_ms)() as u64, &tag(after.as_deref())));
            L::release(held, marker.as_deref());
        }
        if let Waiting::Lease { key, .. } = &hold.waited {
            if self.holds(key) {
                self.storage.remove_item(key);
            }
        }
    }
}

impl<L: LockManager, S: Storage + ?Sized, T: Sleep, K: SettleKeys + Copy> TabLock for TabCoordinator<'_, L, S, T, K> {
    type Hold = Hold<L::Held>;
    /// The lock's future itself, not one awaiting it.
    #[allow(clippy::manual_async_fn)]
    fn acquire(&self, name: &str) -> impl Future<Output = Hold<L::Held>> {
        self.lock(name)
    }
    fn release(&self, name: &str, hold: Hold<L::Held>) {
        self.unlock(name, hold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::test_executor::{run_all, Yield};
    use crate::storage::MemoryStorage;
    use alloc::rc::Rc;
    use core::cell::{Cell, RefCell};
    use core::pin::Pin;

    thread_local! {
        static CLOCK: Cell<f64> = const { Cell::new(1_000.0) };
    }
    fn now() -> f64 {
        CLOCK.with(Cell::get)
    }

    /// Sleeping advances the shared fake clock and yields to the other "tabs".
    struct FakeTimer;
    impl Sleep for FakeTimer {
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

    /// One lock manager shared by the "tabs": exclusive locks, and markers that expire on
    /// the fake clock. `main_held_at_marker` records whether the main lock was still held
    /// when each marker was granted.
    #[derive(Default)]
    struct FakeLocks {
        held: Rc<RefCell<Vec<String>>>,
        markers: Rc<RefCell<Vec<(String, f64)>>>,
        main_held_at_marker: Rc<RefCell<Vec<bool>>>,
        refuse: bool,
    }

    /// The held names and the lock's name, with the manager's record of markers (release
    /// has no `&self`).
    struct FakeHeld(
        Rc<RefCell<Vec<String>>>,
        Rc<RefCell<String>>,
        Rc<RefCell<Vec<(String, f64)>>>,
        Rc<RefCell<Vec<bool>>>,
    );
    impl Drop for FakeHeld {
        fn drop(&mut self) {
            let name = self.1.borrow();
            self.0.borrow_mut().retain(|n| *n != *name);
        }
    }

    impl LockManager for FakeLocks {
        type Held = FakeHeld;
        fn request(&self, name: &str) -> (FakeHeld, impl Future<Output = Result<String, String>>) {
            // Named "" until granted: a refused request lets go of nothing.
            let held = FakeHeld(
                self.held.clone(),
                Rc::new(RefCell::new(String::new())),
                self.markers.clone(),
                self.main_held_at_marker.clone(),
            );
            let granted_as = held.1.clone();
            let granted = async move {
                if self.refuse {
                    return Err(String::new());
                }
                while self.held.borrow().iter().any(|n| n == name) {
                    Yield(1).await;
                }
                self.held.borrow_mut().push(name.to_string());
                *granted_as.borrow_mut() = name.to_string();
                let markers = self.markers.borrow();
                let live = markers.iter().filter(|(_, until)| *until > now()).map(|(n, _)| n.clone());
                let names: Vec<String> = self.held.borrow().iter().cloned().chain(live).collect();
                Ok(names.join("\n"))
            };
            (held, granted)
        }
        fn release(held: FakeHeld, marker: Option<&str>) {
            if let Some(name) = marker {
                held.3.borrow_mut().push(!held.0.borrow().is_empty());
                held.2.borrow_mut().push((name.to_string(), now() + MARKER_HOLD_MS as f64));
            }
            drop(held);
        }
    }

    /// The tests' one settle key, "id".
    fn id() -> &'static [String] {
        Box::leak(Box::new(["id".to_string()]))
    }

    fn marker_lock<'a>(
        locks: &'a FakeLocks, storage: &'a MemoryStorage,
    ) -> MarkerLock<'a, FakeLocks, MemoryStorage, FakeTimer> {
        MarkerLock { locks, storage, timer: &FakeTimer, settle_keys: id(), now_ms: now }
    }

    type Boxed<'a, R> = Pin<Box<dyn Future<Output = R> + 'a>>;

    #[test]
    fn the_newest_marker_wins() {
        let held = [
            keys::marker("L", 5, "new"),
            "L".to_string(),
            keys::marker("L", 3, "old"),
            keys::marker("M", 9, "other-lock"),
            "L.fresh.x.garbage".to_string(),
        ];
        assert_eq!(newest_marker("L", &held.join("\n")), Some("new"));
        assert_eq!(newest_marker("L", &held[1]), None);
        assert_ne!(tag(Some("a")), tag(Some("b")));
        assert_eq!(tag(Some("a")).len(), 16);
    }

    #[test]
    fn a_tab_waits_until_announced_tokens_reach_its_storage() {
        let (locks, storage) = (FakeLocks::default(), MemoryStorage::new());
        storage.set_item("id", "old").unwrap();
        locks.markers.borrow_mut().push((keys::marker("L", 5, &tag(Some("new"))), f64::INFINITY));
        locks.markers.borrow_mut().push((keys::marker("L", 3, &tag(Some("older"))), f64::INFINITY));
        let lock = marker_lock(&locks, &storage);
        let delivery = Box::pin(async {
            for _ in 0..5 {
                FakeTimer.sleep(SETTLE_POLL_MS).await;
            }
            storage.set_item("id", "new").unwrap();
            None
        }) as Boxed<Option<String>>;
        let work = Box::pin(lock.exclusive("L", async { storage.get_item("id") })) as Boxed<Option<String>>;
        let seen = run_all(vec![work, delivery]).remove(0);
        assert_eq!(seen.as_deref(), Some("new"), "the work ran once the announced value arrived");
        assert_eq!(locks.markers.borrow().len(), 2, "nothing changed: nothing announced");
        assert!(locks.held.borrow().is_empty());
    }

    #[test]
    fn a_tab_waits_until_every_announced_token_reached_its_storage() {
        // Chromium hands another tab's writes over key by key: the new idToken can be
        // there beside the old accessToken. The work runs only once both are new.
        let (locks, storage) = (FakeLocks::default(), MemoryStorage::new());
        let keys: &[String] = Box::leak(Box::new(["id".to_string(), "access".to_string()]));
        storage.set_item("id", "old-id").unwrap();
        storage.set_item("access", "old-access").unwrap();
        let lock = MarkerLock { locks: &locks, storage: &storage, timer: &FakeTimer, settle_keys: keys, now_ms: now };
        // What the holder announced: its settle value after storing both (in its storage).
        let stored_by_holder = MemoryStorage::new();
        stored_by_holder.set_item("id", "new-id").unwrap();
        stored_by_holder.set_item("access", "new-access").unwrap();
        let holder = MarkerLock { storage: &stored_by_holder, ..lock };
        let announced = tag(holder.coordinator().settled().as_deref());
        locks.markers.borrow_mut().push((keys::marker("L", 5, &announced), f64::INFINITY));
        let delivery = Box::pin(async {
            FakeTimer.sleep(SETTLE_POLL_MS).await;
            storage.set_item("id", "new-id").unwrap();
            for _ in 0..3 {
                FakeTimer.sleep(SETTLE_POLL_MS).await;
            }
            storage.set_item("access", "new-access").unwrap();
            None
        }) as Boxed<Option<String>>;
        let work = Box::pin(lock.exclusive("L", async { storage.get_item("access") })) as Boxed<Option<String>>;
        let seen = run_all(vec![work, delivery]).remove(0);
        assert_eq!(seen.as_deref(), Some("new-access"), "the work waited for the second key too");
    }

    #[test]
    fn the_wait_for_announced_tokens_is_bounded() {
        let (locks, storage) = (FakeLocks::default(), MemoryStorage::new());
        locks.markers.borrow_mut().push((keys::marker("L", 5, &tag(Some("never"))), f64::INFINITY));
        let start = now();
        let ran = run_all(vec![Box::pin(marker_lock(&locks, &storage).exclusive("L", async { true })) as Boxed<bool>]);
        assert_eq!(ran, [true]);
        assert_eq!(now() - start, (SETTLE_POLLS * SETTLE_POLL_MS) as f64 / 4.0, "FakeTimer runs at 4x");
    }

    #[test]
    fn new_tokens_are_announced_before_the_lock_is_let_go() {
        let (locks, storage) = (FakeLocks::default(), MemoryStorage::new());
        storage.set_item("id", "old").unwrap();
        let work = async { storage.set_item("id", "fresh").unwrap() };
        run_all(vec![Box::pin(marker_lock(&locks, &storage).exclusive("L", work)) as Boxed<()>]);
        let markers = locks.markers.borrow();
        assert_eq!(markers.len(), 1);
        assert_eq!(markers[0].0, keys::marker("L", now() as u64, &tag(Some("fresh"))));
        assert_eq!(markers[0].1, now() + MARKER_HOLD_MS as f64);
        assert_eq!(*locks.main_held_at_marker.borrow(), [true]);
        assert!(locks.held.borrow().is_empty(), "the main lock is released");
        // A value that disappeared announces nothing.
        drop(markers);
        run_all(vec![
            Box::pin(marker_lock(&locks, &storage).exclusive("L", async { storage.remove_item("id") })) as Boxed<()>
        ]);
        assert_eq!(locks.markers.borrow().len(), 1);
    }

    #[test]
    fn tabs_holding_the_lock_take_turns() {
        let (locks, storage) = (FakeLocks::default(), MemoryStorage::new());
        let (inside, max_inside) = (Cell::new(0), Cell::new(0));
        let lock = marker_lock(&locks, &storage);
        let runs: Vec<Boxed<()>> = (0..3)
            .map(|_| {
                let (inside, max_inside) = (&inside, &max_inside);
                Box::pin(lock.exclusive("L", async move {
                    inside.set(inside.get() + 1);
                    max_inside.set(max_inside.get().max(inside.get()));
                    FakeTimer.sleep(100).await;
                    inside.set(inside.get() - 1);
                })) as Boxed<()>
            })
            .collect();
        run_all(runs);
        assert_eq!(max_inside.get(), 1);
    }

    #[test]
    fn without_a_lock_manager_the_storage_lease_is_used() {
        let storage = MemoryStorage::new();
        let coordinator = TabCoordinator::<FakeLocks, _, _> {
            locks: None,
            storage: &storage,
            timer: &FakeTimer,
            settle_keys: id(),
            owner: "me",
            now_ms: now,
        };
        let lease = run_all(vec![
            Box::pin(coordinator.exclusive("L", async { storage.get_item("L.lease") })) as Boxed<Option<String>>
        ])
        .remove(0);
        assert!(lease.is_some_and(|l| l.starts_with("me:")));
        assert!(storage.keys().is_empty());
        // A manager that refuses: the work runs, uncoordinated.
        let refusing = FakeLocks { refuse: true, ..FakeLocks::default() };
        let coordinator = TabCoordinator { locks: Some(&refusing), ..coordinator };
        let ran = run_all(vec![Box::pin(coordinator.exclusive("L", async { storage.keys() })) as Boxed<Vec<String>>]);
        assert_eq!(ran, [Vec::<String>::new()], "no lease either");
    }
}
