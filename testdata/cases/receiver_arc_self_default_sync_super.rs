// case: default `self: Arc<Self>` method in a trait with a `Sync` supertrait: only `Send` is still inferred (§3.1, §3.2); works with both 0.1.56 and HEAD; `std::sync::Arc<Self>` spelled with a path
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
trait Worker: Sync {
    fn id(&self) -> u32;
    async fn report(self: Arc<Self>) -> String {
        let keep = Arc::clone(&self);
        yield_now().await;
        format!("worker {} (refs {})", keep.id(), Arc::strong_count(&keep))
    }
    async fn report_path(self: std::sync::Arc<Self>) -> u32 {
        yield_now().await;
        self.id() * 10
    }
}

struct W(u32);

impl Worker for W {
    fn id(&self) -> u32 {
        self.0
    }
}

fn main() {
    let w = Arc::new(W(3));
    let r = block_on(w.clone().report());
    println!("{}", r);
    assert_eq!(r, "worker 3 (refs 3)");
    assert_eq!(block_on(w.report_path()), 30);
    let h = std::thread::spawn(|| block_on(Arc::new(W(4)).report()));
    assert_eq!(h.join().unwrap(), "worker 4 (refs 2)");
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
