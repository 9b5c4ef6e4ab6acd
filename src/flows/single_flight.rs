//! One in-flight operation per key, its result shared by every caller who asked while it
//! ran: N parallel `getSession` calls on an expired session send one refresh, not N.
//! Single-threaded (wasm): no locks, no Send.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

/// One running operation: its result once it ends, and who waits for it (one cell for
/// both).
type Flight<T> = RefCell<(Option<T>, Vec<Waker>)>;

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

/// Resolves when the caller running the operation [`SingleFlight::finish`]es it.
pub struct Follower<T>(Rc<Flight<T>>);

impl<T: Clone> Future for Follower<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut flight = self.0.borrow_mut();
        match &flight.0 {
            Some(result) => Poll::Ready(result.clone()),
            None => {
                flight.1.push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl<T: Clone> SingleFlight<T> {
    /// Whether this caller waits for the operation of `key` already running (Some), or
    /// runs it (None), then [`SingleFlight::finish`]es it. A decision, not a future, so a
    /// caller awaits its own operation (no future of it nested in this one's). The key
    /// names the flight: one per key runs at a time, so no handle of it is kept.
    pub fn follow(&self, key: &str) -> Option<Follower<T>> {
        let mut flights = self.0.borrow_mut();
        if let Some((_, flight)) = flights.iter().find(|(k, _)| k == key) {
            return Some(Follower(flight.clone()));
        }
        flights.push((key.to_string(), Rc::default()));
        None
    }

    /// Hands `result` to every caller that waits for the operation of `key` (run by the
    /// caller [`SingleFlight::follow`] told to); the key is free again: the next caller
    /// runs again.
    pub fn finish(&self, key: &str, result: &T) {
        let mut all = self.0.borrow_mut();
        let Some(at) = all.iter().position(|(k, _)| k == key) else { return };
        let (_, flight) = all.swap_remove(at);
        drop(all);
        let wakers = {
            let mut flight = flight.borrow_mut();
            flight.0 = Some(result.clone());
            core::mem::take(&mut flight.1)
        };
        for w in wakers {
            w.wake();
        }
    }

    /// Runs `start()` unless an operation for `key` is already running, in which case
    /// this waits for that one's result instead. (The shipped flows take their turn
    /// themselves: a future of this around theirs is a state machine more.)
    #[cfg(test)]
    pub async fn run<F: Future<Output = T>>(&self, key: &str, start: impl FnOnce() -> F) -> T {
        match self.follow(key) {
            Some(follower) => follower.await,
            None => {
                let result = start().await;
                self.finish(key, &result);
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
