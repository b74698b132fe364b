// case: `unsafe trait` / `unsafe impl`, `pub(crate)` and private unsafe traits with another attribute after the macro, `pub` methods are not a thing in traits but `pub(crate)` items around them are kept; an `unsafe fn` async method keeps `unsafe` (§1.1, §2.0, §9 4)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
pub unsafe trait PubUnsafe {
    async fn f(&self) -> u8;
}

#[async_trait]
#[allow(dead_code)]
pub(crate) unsafe trait CrateUnsafe {
    async fn g(&self) -> u8;
    async unsafe fn unchecked(&self, v: &[u8], i: usize) -> u8;
}

#[async_trait]
#[doc = "private"]
unsafe trait PrivUnsafe {
    async fn h(&self) -> u8 {
        3
    }
}

pub(crate) struct S;

#[async_trait]
unsafe impl PubUnsafe for S {
    async fn f(&self) -> u8 {
        1
    }
}

#[async_trait]
unsafe impl CrateUnsafe for S {
    async fn g(&self) -> u8 {
        2
    }
    async unsafe fn unchecked(&self, v: &[u8], i: usize) -> u8 {
        // SAFETY: the caller promises `i < v.len()`
        unsafe { *v.get_unchecked(i) }
    }
}

#[async_trait]
unsafe impl PrivUnsafe for S {}

pub(crate) mod api {
    use async_trait::async_trait;
    #[async_trait]
    pub(crate) trait Visible {
        async fn vis(&self) -> &'static str;
    }
    #[async_trait]
    impl Visible for super::S {
        async fn vis(&self) -> &'static str {
            "visible"
        }
    }
}

use api::Visible;

fn main() {
    let data = [40u8, 41, 42];
    // SAFETY: index 2 is in bounds
    let raw = block_on(unsafe { S.unchecked(&data, 2) });
    let all = [block_on(S.f()), block_on(S.g()), block_on(S.h()), raw];
    assert_eq!(all, [1, 2, 3, 42]);
    assert_eq!(block_on(S.vis()), "visible");
    println!("{:?} {}", all, block_on(S.vis()));
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
