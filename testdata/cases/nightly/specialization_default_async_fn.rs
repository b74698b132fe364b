// case: specialization: `default async fn` in a blanket impl keeps `default` (→ `default fn`, §2.0), overridden by a more specific impl (§9 17); nightly only
// deps: std
// edition: 2021
// nightly: specialization
#![feature(specialization)]
#![allow(incomplete_features)]
use async_trait::async_trait;
use std::fmt::Display;

#[async_trait]
trait AsyncToString {
    async fn async_to_string(&self) -> String;
}

#[async_trait]
impl<T: ?Sized + Display + Sync> AsyncToString for T {
    default async fn async_to_string(&self) -> String {
        format!("{}", self)
    }
}

#[async_trait]
impl AsyncToString for u8 {
    async fn async_to_string(&self) -> String {
        format!("u8:{}", self)
    }
}

fn main() {
    assert_eq!(block_on(5u32.async_to_string()), "5");
    assert_eq!(block_on(5u8.async_to_string()), "u8:5");
    println!("{}", block_on("str".async_to_string()));
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
