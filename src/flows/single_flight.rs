//! One in-flight operation per key, its result shared by every caller who asked while it
//! ran: N parallel `getSession` calls on an expired session send one refresh, not N.
//! Single-threaded (wasm): no locks, no Send.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

/// One running operation: its result once it ends, and who waits for it.
struct Flight<T> {
    result: RefCell<Option<T>>,
    wakers: RefCell<Vec<Waker>>,
}

/// Keys and their flights in a Vec: a few keys at most (one per signed-in user), and a
/// hash map would add hashing code to the wasm. (One result type is shipped, the
/// session's refresh: the identity pool's fetches are shared by the JS, which holds their
/// Promise; with one type, no `dyn Any` of the result, its vtable and downcast.)
pub struct SingleFlight<T: Clone>(RefCell<Vec<(String, Rc<Flight<T>>)>>);

impl<T: Clone> Default for SingleFlight<T> {
    fn default() -> Self {
        SingleFlight(RefCell::new(Vec::new()))
    }
}

/// Resolves when the leader stores the result in the flight.
pub struct Follower<T>(Rc<Flight<T>>);

impl<T: Clone> Future for Follower<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        match &*self.0.result.borrow() {
            Some(result) => Poll::Ready(result.clone()),
            None => {
                self.0.wakers.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A caller's part in the operation of its key: the one that runs it, or one that waits.
pub enum Turn<T> {
    /// No operation of this key was running: the caller runs it, then [`Leader::finish`]es.
    Lead(Leader<T>),
    /// Another caller runs it: await its result.
    Follow(Follower<T>),
}

/// The caller that runs the operation of its key (see [`Turn::Lead`]).
pub struct Leader<T>(Rc<Flight<T>>);

impl<T: Clone> Leader<T> {
    /// Hands `result` to every caller that waits for it; the key is free again: the next
    /// caller runs again.
    pub fn finish(self, flights: &SingleFlight<T>, result: &T) {
        let mut all = flights.0.borrow_mut();
        if let Some(at) = all.iter().position(|(_, f)| Rc::ptr_eq(f, &self.0)) {
            all.swap_remove(at);
        }
        drop(all);
        *self.0.result.borrow_mut() = Some(result.clone());
        for w in self.0.wakers.take() {
            w.wake();
        }
    }
}

impl<T: Clone> SingleFlight<T> {
    /// Whether this caller runs the operation of `key` or waits for the one running: a
    /// decision, not a future, so a caller awaits its own operation (no future of it nested
    /// in this one's).
    pub fn turn(&self, key: &str) -> Turn<T> {
        let mut flights = self.0.borrow_mut();
        if let Some((_, flight)) = flights.iter().find(|(k, _)| k == key) {
            return Turn::Follow(Follower(flight.clone()));
        }
        let flight = Rc::new(Flight { result: RefCell::new(None), wakers: RefCell::new(Vec::new()) });
        flights.push((key.to_string(), flight.clone()));
        Turn::Lead(Leader(flight))
    }

    /// Runs `start()` unless an operation for `key` is already running, in which case
    /// this waits for that one's result instead. (The shipped flows take their turn
    /// themselves: a future of this around theirs is a state machine more.)
    #[cfg(test)]
    pub async fn run<F: Future<Output = T>>(&self, key: &str, start: impl FnOnce() -> F) -> T {
        match self.turn(key) {
            Turn::Follow(follower) => follower.await,
            Turn::Lead(leader) => {
                let result = start().await;
                leader.finish(self, &result);
                result
            }
        }
    }

    #[cfg(test)]
    pub fn is_running(&self, key: &str) -> bool {
        self.0.borrow().iter().any(|(k, _)| k == key)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use alloc::sync::Arc;
    use core::cell::Cell;
    use std::task::Wake;

    struct NoopWaker;
    impl Wake for NoopWaker {
        fn wake(self: Arc<Self>) {}
    }

    /// Runs one future to its end (see [`run_all`]).
    pub fn run<'a, T: 'a>(f: impl Future<Output = T> + 'a) -> T {
        run_all(vec![Box::pin(f) as Pin<Box<dyn Future<Output = T> + 'a>>]).remove(0)
    }

    /// Polls every future round-robin until all are done: enough of an executor for
    /// single-threaded tests whose futures only wait on each other.
    pub fn run_all<T>(mut futures: Vec<Pin<Box<dyn Future<Output = T> + '_>>>) -> Vec<T> {
        let waker = Waker::from(Arc::new(NoopWaker));
        let mut cx = Context::from_waker(&waker);
        let mut results: Vec<Option<T>> = futures.iter().map(|_| None).collect();
        for _round in 0..1000 {
            for (i, f) in futures.iter_mut().enumerate() {
                if results[i].is_none() {
                    if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                        results[i] = Some(v);
                    }
                }
            }
            if results.iter().all(Option::is_some) {
                return results.into_iter().flatten().collect();
            }
        }
        panic!("futures did not finish");
    }

    /// A future that is pending `n` times before it completes, like a slow request.
    pub struct Yield(pub u32);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            if self.0 == 0 {
                Poll::Ready(())
            } else {
                self.0 -= 1;
                Poll::Pending
            }
        }
    }

    #[test]
    fn concurrent_callers_share_one_run() {
        let flights = SingleFlight::<u32>::default();
        let runs = Cell::new(0);
        let call = || {
            Box::pin(flights.run("alice", || async {
                runs.set(runs.get() + 1);
                Yield(3).await;
                42
            })) as Pin<Box<dyn Future<Output = u32>>>
        };
        let results = run_all((0..8).map(|_| call()).collect());
        assert_eq!(results, vec![42; 8]);
        assert_eq!(runs.get(), 1);
        assert!(!flights.is_running("alice"));
        // Once finished, the next call runs again.
        run_all(vec![call()]);
        assert_eq!(runs.get(), 2);
    }

    #[test]
    fn different_keys_run_separately() {
        let flights = SingleFlight::<&'static str>::default();
        let runs = Cell::new(0);
        let call = |key: &'static str| {
            let runs = &runs;
            Box::pin(flights.run(key, move || async move {
                runs.set(runs.get() + 1);
                Yield(1).await;
                key
            })) as Pin<Box<dyn Future<Output = &'static str>>>
        };
        assert_eq!(run_all(vec![call("a"), call("b"), call("a")]), vec!["a", "b", "a"]);
        assert_eq!(runs.get(), 2);
    }
}
