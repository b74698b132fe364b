// case: methods without a receiver: required, defaulted calling `Self::` (has_self from the body → `Self: Send`, §2.5, §6), and a default with neither receiver nor `Self` (no Self predicate); `Self::` inside a body-local `macro_rules!` and inside `format!` (§9 34)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Factory {
    async fn make(seed: u32) -> u32;
    async fn make_twice(seed: u32) -> u32 {
        macro_rules! again {
            ($x:expr) => {
                Self::make($x).await
            };
        }
        let a = Self::make(seed).await;
        again!(a)
    }
    async fn label(seed: u32) -> String {
        format!("{}-{}", Self::NAME, Self::make(seed).await)
    }
    async fn constant() -> u32 {
        7
    }
    const NAME: &'static str;
}

struct Plus1;
struct Times3;

#[async_trait]
impl Factory for Plus1 {
    const NAME: &'static str = "plus1";
    async fn make(seed: u32) -> u32 {
        seed + 1
    }
}

#[async_trait]
impl Factory for Times3 {
    const NAME: &'static str = "times3";
    async fn make(seed: u32) -> u32 {
        seed * 3
    }
    async fn constant() -> u32 {
        Self::make(1).await
    }
}

async fn generic<F: Factory + Send>(seed: u32) -> (u32, String, u32) {
    (F::make_twice(seed).await, F::label(seed).await, F::constant().await)
}

fn main() {
    let a = block_on(generic::<Plus1>(1));
    let b = block_on(generic::<Times3>(2));
    println!("{:?} {:?}", a, b);
    assert_eq!(a, (3, "plus1-2".to_string(), 7));
    assert_eq!(b, (18, "times3-6".to_string(), 3));
    assert_eq!(block_on(<Plus1 as Factory>::make(9)), 10);
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
