// case: path spellings `#[async_trait::async_trait]` and `#[::async_trait::async_trait]` (with and without `(?Send)`), no `use` import (§10 attribute resolution)
// deps: std
// edition: 2021

#[async_trait::async_trait]
trait Double {
    async fn double(&self, x: i64) -> i64;
}

#[::async_trait::async_trait]
trait Triple {
    async fn triple(&self, x: i64) -> i64;
}

#[async_trait::async_trait(?Send)]
trait Negate {
    async fn negate(&self, x: i64) -> i64;
}

struct Math;

#[::async_trait::async_trait]
impl Double for Math {
    async fn double(&self, x: i64) -> i64 {
        x * 2
    }
}

#[async_trait::async_trait]
impl Triple for Math {
    async fn triple(&self, x: i64) -> i64 {
        self.double(x).await + x
    }
}

#[::async_trait::async_trait(?Send)]
impl Negate for Math {
    async fn negate(&self, x: i64) -> i64 {
        -self.triple(x).await
    }
}

fn main() {
    let m = Math;
    assert_eq!(block_on(m.double(21)), 42);
    assert_eq!(block_on(m.triple(5)), 15);
    assert_eq!(block_on(m.negate(3)), -9);
    println!("double/triple/negate ok: {} {} {}", block_on(m.double(1)), block_on(m.triple(1)), block_on(m.negate(1)));
}

// ---- minimal block_on executor (std::task::Wake), from rust-offline/std_only_expanded.rs ----
mod executor {
    use std::future::Future;
    use std::sync::{Arc, Condvar, Mutex};
    use std::task::{Context, Poll, Wake, Waker};

    struct Signal {
        woken: Mutex<bool>,
        cv: Condvar,
    }
    impl Wake for Signal {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref()
        }
        fn wake_by_ref(self: &Arc<Self>) {
            *self.woken.lock().unwrap() = true;
            self.cv.notify_one();
        }
    }
    pub fn block_on<F: Future>(fut: F) -> F::Output {
        let mut fut = Box::pin(fut);
        let sig = Arc::new(Signal { woken: Mutex::new(false), cv: Condvar::new() });
        let waker = Waker::from(sig.clone());
        let mut cx = Context::from_waker(&waker);
        loop {
            if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return v;
            }
            let mut w = sig.woken.lock().unwrap();
            while !*w {
                w = sig.cv.wait(w).unwrap();
            }
            *w = false;
        }
    }
}
use executor::block_on;
