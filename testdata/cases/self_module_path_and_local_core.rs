// case: `self::module_fn()` module paths in bodies are not renamed (§5.2, §9 48), and the expansion uses `::core` even when a local `mod core` exists, under `#![deny(unused_qualifications)]` and 2021-compat lints (§2.10, §9 66)
// deps: std
// edition: 2021
#![deny(unused_qualifications, rust_2021_compatibility)]
use async_trait::async_trait;

#[allow(dead_code)]
mod core {}

fn module_fn() -> u32 {
    7
}

mod nested {
    pub fn inner() -> u32 {
        8
    }
}

#[async_trait]
trait Paths {
    async fn via_self_path(&self) -> u32 {
        // local items shadow the module's, so the `self::` qualification is needed
        fn module_fn() -> u32 {
            1000
        }
        mod nested {}
        module_fn() + self::module_fn() + self::nested::inner()
    }
    async fn with_receiver(&self) -> u32;
}

struct P(u32);

#[async_trait]
impl Paths for P {
    async fn with_receiver(&self) -> u32 {
        fn module_fn() -> u32 {
            2000
        }
        self.0 + self::module_fn() + module_fn()
    }
}

fn main() {
    assert_eq!(block_on(P(1).via_self_path()), 1015);
    assert_eq!(block_on(P(1).with_receiver()), 2008);
    println!("{} {}", block_on(P(0).via_self_path()), block_on(P(2).with_receiver()));
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
