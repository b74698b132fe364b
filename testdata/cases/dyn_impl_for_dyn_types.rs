// case: impls for bare `dyn` self types: `dyn Send + Sync`, `dyn Fn(i8) -> i8 + Send + Sync`, and the parenthesized `(dyn Fn(i8) -> i8 + Send + Sync)` form behind a different trait (§9 32, §8 row 0.1.65 impl headers)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Describe {
    async fn describe(&self) -> String;
}

#[async_trait]
impl Describe for dyn Send + Sync {
    async fn describe(&self) -> String {
        "dyn Send + Sync".into()
    }
}

#[async_trait]
impl Describe for dyn Fn(i8) -> i8 + Send + Sync {
    async fn describe(&self) -> String {
        format!("fn gives {}", self(2))
    }
}

#[async_trait]
trait Apply {
    async fn apply(&self, x: i8) -> i8;
}

#[async_trait]
#[allow(unused_parens)]
impl Apply for (dyn Fn(i8) -> i8 + Send + Sync) {
    async fn apply(&self, x: i8) -> i8 {
        self(x) + 1
    }
}

fn main() {
    let anything: Box<dyn Send + Sync> = Box::new(5u8);
    assert_eq!(block_on(anything.describe()), "dyn Send + Sync");
    let f: Box<dyn Fn(i8) -> i8 + Send + Sync> = Box::new(|x| x * 10);
    assert_eq!(block_on(f.describe()), "fn gives 20");
    assert_eq!(block_on(f.apply(4)), 41);
    println!("{} / {}", block_on(anything.describe()), block_on(f.describe()));
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
