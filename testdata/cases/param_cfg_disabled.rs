// case: `#[cfg(any())]` (never enabled) on parameters with identifier, wildcard and tuple patterns: the parameter and its `#[cfg]`-copied rebinding both vanish, and indices `__argN` still count the removed parameters (§2.8, §4, §8 row 0.1.61, §9 55)
// deps: std
// edition: 2021
// oracle: skip (0.1.56 does not copy `#[cfg]` onto the body rebinding, so `let a = a;` for a removed parameter fails with E0425)
use async_trait::async_trait;

#[async_trait]
trait Configured {
    async fn f(&self, #[cfg(any())] a: u32, b: u32) -> u32;
    async fn g(&self, #[cfg(any())] _: String, #[cfg(all())] (x, y): (u8, u8), #[cfg(any())] (p, q): (u8, u8)) -> u8;
}

struct C;

#[async_trait]
impl Configured for C {
    async fn f(&self, #[cfg(any())] a: u32, b: u32) -> u32 {
        #[cfg(any())]
        let _ = a;
        b * 2
    }
    async fn g(&self, #[cfg(any())] _: String, #[cfg(all())] (x, y): (u8, u8), #[cfg(any())] (p, q): (u8, u8)) -> u8 {
        #[cfg(any())]
        let _ = (p, q);
        x * y
    }
}

fn main() {
    assert_eq!(block_on(C.f(21)), 42);
    assert_eq!(block_on(C.g((6, 7))), 42);
    println!("f={} g={}", block_on(C.f(1)), block_on(C.g((2, 3))));
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
