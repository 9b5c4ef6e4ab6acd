//! The futures of the calls in flight, run from the JS side. A task is polled by
//! `__poll` (through the entry point, `super::entry::call`), which the JS runs from a
//! microtask (`host.schedule`) inside a `try`: a trap in a task (a panic, or an exception
//! thrown through the wasm) ends that export call, and the JS calls `__poll` again saying
//! so, to run the tasks after it. The host's asynchronous operations (fetch, timers, Web
//! Locks, WebAuthn) take an id and report their outcome to `__settled` / `__failed` under
//! it ([`Wait`]).
//!
//! This replaces wasm-bindgen-futures' executor and `JsFuture`, whose closures, queue and
//! glue cost more than this (BENCHMARKS.md, "Size decisions"), and the trampoline through
//! which each poll had to pass to catch a trap (`super::panic`).

use super::host::host;
use super::panic;
use super::serial_map::SerialMap;
use crate::prelude::*;
use core::cell::{Cell, RefCell};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

struct Task {
    /// The panic count when spawned: a panic since fails its call, and it stops.
    panics: u32,
    future: Pin<Box<dyn Future<Output = ()>>>,
}

/// The waker of task `id`: the id is the waker's data, nothing is allocated or counted
/// (an `Arc`-based `Wake` costs its reference counting and four vtable functions).
fn task_waker(id: u32) -> Waker {
    // The data pointer is the id itself, never dereferenced.
    fn raw(id: *const ()) -> RawWaker {
        RawWaker::new(id, &VTABLE)
    }
    const VTABLE: RawWakerVTable = RawWakerVTable::new(raw, |id| wake(id as u32), |id| wake(id as u32), |_| {});
    // SAFETY: the vtable's functions only pass the id on (`wake`) or copy it (`raw`);
    // clone, wake and drop are sound for any data value, from any owner.
    #[allow(unsafe_code)]
    unsafe {
        Waker::from_raw(raw(id as usize as *const ()))
    }
}

/// What an id stands for: a task, or an operation of the host (a [`Wait`]), waiting or
/// settled. Tasks and operations take their ids from one count (`next_id`), so one map
/// holds both: one copy of the map's code.
enum Slot {
    Task(Task),
    Waiting(Option<Waker>),
    Settled(Result<String, String>),
}

/// The slots and the ids woken, in one `RefCell` (one borrow flag, one panic `Location`).
struct Queue {
    slots: SerialMap<Slot>,
    /// Woken, in order: the run in progress takes the first `RUNNING` of them (those
    /// woken before it began); what a trap leaves of these, the next `__poll` runs.
    ready: Vec<u32>,
}

local! {
    static QUEUE: RefCell<Queue> = const { RefCell::new(Queue { slots: SerialMap::new(), ready: Vec::new() }) };
    static RUNNING: Cell<usize> = const { Cell::new(0) };
    /// The panic count of the task being polled: if its poll traps, the next `__poll` learns it here.
    static POLLING: Cell<Option<u32>> = const { Cell::new(None) };
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// `f` on the queue: one place borrows it (one panic `Location`, not one per use).
fn queue<R>(f: impl FnOnce(&mut Queue) -> R) -> R {
    QUEUE.with(|q| f(&mut q.borrow_mut()))
}

fn slots<R>(f: impl FnOnce(&mut SerialMap<Slot>) -> R) -> R {
    queue(|q| f(&mut q.slots))
}

fn ready<R>(f: impl FnOnce(&mut Vec<u32>) -> R) -> R {
    queue(|q| f(&mut q.ready))
}

/// A fresh id (tasks, awaited operations).
fn next_id() -> u32 {
    NEXT_ID.with(|n| n.replace(n.get().wrapping_add(1)))
}

/// Runs `future` to its end from the next microtask on; a panic elsewhere stops it at its
/// next wake-up (see `super::panic`).
pub fn spawn(future: Pin<Box<dyn Future<Output = ()>>>) {
    let id = next_id();
    let task = Task { panics: panic::panics(), future };
    slots(|s| s.insert(id, Slot::Task(task)));
    wake(id);
}

fn wake(id: u32) {
    ready(|r| r.push(id));
    schedule();
}

/// Has the JS run `__poll` from a microtask, unless it is to already (the panic hook
/// calls it too: it borrows nothing).
pub fn schedule() {
    if !SCHEDULED.with(|s| s.replace(true)) {
        host().schedule();
    }
}

/// Runs the tasks woken since the last run (the JS calls it from a microtask). `trapped`:
/// the previous call ended in a trap, `message` what the exception said; the task it was
/// polling is gone (its state is torn mid-poll: it is never polled nor dropped again),
/// and unless a panic already reported it, the calls in flight fail as after a panic.
/// `message` is "" when the exception had none (a `String` costs less than an `Option`).
pub fn run(trapped: bool, message: &str) {
    if trapped {
        // Not in a task's poll (the trap was this module's own): the next run goes on.
        let Some(panics) = POLLING.with(Cell::take) else { return };
        if panics == panic::panics() {
            // A JS exception unwound it, not a panic: the hook did not run.
            panic::abandon_in_flight(if message.is_empty() { "an exception unwound a call" } else { message });
        }
    } else {
        SCHEDULED.with(|s| s.set(false));
        RUNNING.with(|r| r.set(ready(|r| r.len())));
    }
    // Counted down before each is taken: a trap in its poll leaves the count of the rest.
    while RUNNING.with(|r| r.replace(r.get().saturating_sub(1))) > 0 {
        // None only if the count outran the list (it cannot): nothing to run then.
        let Some(id) = ready(|ids| crate::vec::take_at(ids, 0)) else { break };
        poll(id);
    }
}

fn poll(id: u32) {
    // Out of the map while polled: a trap leaves it out, and its poll may spawn or wake.
    let Some(Slot::Task(mut task)) = slots(|s| s.remove(id)) else { return };
    if task.panics != panic::panics() {
        return; // failed by a panic already: stop here
    }
    POLLING.with(|p| p.set(Some(task.panics)));
    // The waker is made for each poll: it is the id, nothing to keep.
    let polled = task.future.as_mut().poll(&mut Context::from_waker(&task_waker(id)));
    POLLING.with(|p| p.set(None));
    if polled.is_pending() {
        slots(|s| s.insert(id, Slot::Task(task)));
    }
}

/// What a JS operation of the host gives, awaited: its value, or what it failed with (as
/// text, "" for anything else). The operation is started with the id it settles
/// (`__settled` / `__failed`): `let wait = Wait::new(); host().sleep(ms, wait.id()); wait.await`.
pub struct Wait(u32);

impl Wait {
    pub fn new() -> Wait {
        let id = next_id();
        slots(|s| s.insert(id, Slot::Waiting(None)));
        Wait(id)
    }

    pub fn id(&self) -> u32 {
        self.0
    }
}

/// The host's report: the operation `id` ended (`ok`: it succeeded) with `value`.
pub fn settle(id: u32, ok: bool, value: String) {
    let waker = slots(|s| {
        let waiting = s.remove(id)?;
        s.insert(id, Slot::Settled(if ok { Ok(value) } else { Err(value) }));
        match waiting {
            Slot::Waiting(waker) => waker,
            _ => None,
        }
    });
    if let Some(waker) = waker {
        waker.wake();
    }
}

impl Future for Wait {
    type Output = Result<String, String>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        slots(|s| match s.remove(self.0) {
            Some(Slot::Settled(outcome)) => Poll::Ready(outcome),
            _ => {
                s.insert(self.0, Slot::Waiting(Some(cx.waker().clone())));
                Poll::Pending
            }
        })
    }
}

/// A host call's [`Wait`], its outcome mapped by the function beside it: what an
/// operation of the host that is awaited at once hands back instead of an `async fn`
/// around it (no state machine or drop glue of its own). The call is made when this is
/// made.
pub struct Then<F>(pub Wait, pub F);

impl<F: FnMut(Result<String, String>) -> O + Unpin, O> Future for Then<F> {
    type Output = O;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        let outcome = core::task::ready!(Pin::new(&mut self.0).poll(cx));
        Poll::Ready((self.1)(outcome))
    }
}

impl Drop for Wait {
    /// Awaited no more (its task stopped): its outcome, when it comes, is dropped.
    fn drop(&mut self) {
        QUEUE.with(|q| {
            if let Ok(mut q) = q.try_borrow_mut() {
                q.slots.remove(self.0);
            }
        });
    }
}
