// case: plain `#[async_trait]` (Send mode, §1.3) on trait and impl; the boxed future is Send and runs on another thread (§2.10)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Greeter {
    async fn greet(&self, name: &str) -> String;
}

struct English {
    prefix: String,
}

#[async_trait]
impl Greeter for English {
    async fn greet(&self, name: &str) -> String {
        yield_now().await;
        format!("{}, {}!", self.prefix, name)
    }
}

fn assert_send<T: Send>(t: T) -> T {
    t
}

fn main() {
    let g = English { prefix: "Hello".to_string() };
    let fut = assert_send(g.greet("world"));
    let s = block_on(fut);
    println!("{}", s);
    assert_eq!(s, "Hello, world!");

    // the future can move to another thread
    let g = std::sync::Arc::new(g);
    let g2 = g.clone();
    let h = std::thread::spawn(move || block_on(async move { g2.greet("thread").await }));
    let s = h.join().unwrap();
    println!("{}", s);
    assert_eq!(s, "Hello, thread!");
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
