// case: `self: Pin<&mut Self>` receiver on a `!Unpin` type, required and defaulted; the lifetime inside `Pin<&mut Self>` is named `'life0` (§2.1, §3.1)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::marker::PhantomPinned;
use std::pin::Pin;

#[async_trait]
trait Stepper {
    async fn step(self: Pin<&mut Self>) -> u32;
    async fn step_n(mut self: Pin<&mut Self>, n: u32) -> u32 {
        let mut last = 0;
        for _ in 0..n {
            last = self.as_mut().step().await;
        }
        last
    }
}

struct Pinned {
    count: u32,
    _pin: PhantomPinned,
}

#[async_trait]
impl Stepper for Pinned {
    async fn step(self: Pin<&mut Self>) -> u32 {
        // safe: `count` is not structurally pinned
        let this = unsafe { self.get_unchecked_mut() };
        this.count += 1;
        this.count
    }
}

fn main() {
    let mut p = Box::pin(Pinned { count: 0, _pin: PhantomPinned });
    assert_eq!(block_on(p.as_mut().step()), 1);
    assert_eq!(block_on(p.as_mut().step_n(4)), 5);
    println!("count = {}", p.count);
    assert_eq!(p.count, 5);
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
