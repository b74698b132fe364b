// case: `#[cfg(all())]` (always enabled) and `#[allow(unused_variables)]` on parameters with identifier, wildcard and tuple patterns; attributes stay on the parameter (§2.8, §4, §9 55)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Configured {
    async fn f(&self, #[cfg(all())] a: u32, #[cfg(all())] b: u32, #[allow(unused_variables)] c: u32) -> u32;
    async fn g(&self, #[cfg(all())] _: String, #[cfg(all())] pair: (u8, u8)) -> u8;
}

struct C;

#[async_trait]
impl Configured for C {
    async fn f(&self, #[cfg(all())] a: u32, #[cfg(all())] mut b: u32, #[allow(unused_variables)] c: u32) -> u32 {
        // `#[allow]` is not copied onto the body's `let c = c;` rebinding, so `c` must be used
        b += 1;
        a * 10 + b + c * 0
    }
    async fn g(&self, #[cfg(all())] _: String, #[cfg(all())] (x, y): (u8, u8)) -> u8 {
        x + y
    }
}

fn main() {
    assert_eq!(block_on(C.f(4, 1, 99)), 42);
    assert_eq!(block_on(C.g(String::from("ignored"), (40, 2))), 42);
    println!("f={} g={}", block_on(C.f(1, 1, 0)), block_on(C.g(String::new(), (1, 2))));
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
