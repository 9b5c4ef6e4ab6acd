//! An executor for the native tests: enough to poll single-threaded futures that only
//! wait on each other (and a future that is pending a few times, like a slow request).

use crate::prelude::*;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::sync::Arc;
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
