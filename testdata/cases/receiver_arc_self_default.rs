// case: default method with `self: Arc<Self>` and no supertraits: HEAD infers `Self: Sync + Send` (§3.1 Arc rule, §9 13); the body holds the Arc across `.await`
// deps: std
// edition: 2021
// oracle: skip (0.1.56 infers only `Self: Send` for `Arc<Self>` defaults, §8 item 5, so the boxed future is not Send there)
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
trait Named {
    fn name(&self) -> String;
    async fn shout(self: Arc<Self>) -> String {
        let me = self.clone();
        yield_now().await;
        me.name().to_uppercase()
    }
}

struct Bob;

impl Named for Bob {
    fn name(&self) -> String {
        "bob".into()
    }
}

#[async_trait]
impl Named for String {
    fn name(&self) -> String {
        self.clone()
    }
    async fn shout(self: Arc<Self>) -> String {
        format!("{}!", self)
    }
}

fn main() {
    let b = Arc::new(Bob);
    let s = block_on(b.clone().shout());
    assert_eq!(s, "BOB");
    let t = block_on(Arc::new(String::from("hey")).shout());
    assert_eq!(t, "hey!");
    println!("{} {}", s, t);
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

    /// A future that returns Pending once and wakes itself from another thread.
    pub struct YieldOnce(bool);
    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                return Poll::Ready(());
            }
            self.0 = true;
            let w = cx.waker().clone();
            std::thread::spawn(move || w.wake());
            Poll::Pending
        }
    }
    pub fn yield_now() -> YieldOnce {
        YieldOnce(false)
    }
}
use executor::{block_on, yield_now};
