// case: an impl whose associated type is defined as `impl Trait` (type_alias_impl_trait) and returned by an async method: HEAD emits the body without `__ret`/`None::<R>` (§5.1 c, §9 46); nightly only
// deps: std
// edition: 2021
// nightly: impl_trait_in_assoc_type
#![feature(impl_trait_in_assoc_type)]
use async_trait::async_trait;
use std::fmt::Display;

#[async_trait]
trait Make {
    type Out: Display + Send;
    async fn make(&self) -> Self::Out;
}

struct M;

#[async_trait]
impl Make for M {
    type Out = impl Display + Send;
    async fn make(&self) -> Self::Out {
        42u32
    }
}

fn main() {
    let v = block_on(M.make());
    assert_eq!(v.to_string(), "42");
    println!("{}", v);
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
