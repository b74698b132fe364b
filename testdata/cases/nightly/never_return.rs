// case: `-> !` return type: `Output = !`, body form (b) with `#[allow(unreachable_code)]` on the generated `return __ret`/`__ret` (§2.10, §5.1 b, §9 60); nightly only (never_type)
// deps: std
// edition: 2021
// nightly: never_type
// 0.1.56 builds and runs it with RUSTC_BOOTSTRAP=1 but warns "unreachable expression" (no allow on `return __ret;` before 0.1.80, §8)
#![feature(never_type)]
use async_trait::async_trait;

#[async_trait]
trait Diverge {
    async fn stop(&self, code: i32) -> !;
}

struct D;

#[async_trait]
impl Diverge for D {
    async fn stop(&self, code: i32) -> ! {
        panic!("stop {}", code)
    }
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(|| block_on(D.stop(3)));
    let _ = std::panic::take_hook();
    let msg = r.unwrap_err().downcast::<String>().unwrap();
    assert_eq!(*msg, "stop 3");
    println!("diverged with {:?}", msg);
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
