// case: `self: Arc<Self>` receiver required in the trait and implemented; called through `Arc<dyn Tr + Send + Sync>` and across threads (§3.1, §9 13)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

#[async_trait]
trait Service {
    async fn handle(self: Arc<Self>, req: u32) -> u32;
}

struct Doubler {
    calls: AtomicU32,
}

#[async_trait]
impl Service for Doubler {
    async fn handle(self: Arc<Self>, req: u32) -> u32 {
        yield_now().await;
        self.calls.fetch_add(1, Ordering::SeqCst);
        req * 2
    }
}

fn main() {
    let svc = Arc::new(Doubler { calls: AtomicU32::new(0) });
    let dynsvc: Arc<dyn Service + Send + Sync> = svc.clone();
    let handles: Vec<_> = (1..=4)
        .map(|i| {
            let s = dynsvc.clone();
            std::thread::spawn(move || block_on(s.handle(i)))
        })
        .collect();
    let results: Vec<u32> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results, [2, 4, 6, 8]);
    assert_eq!(block_on(svc.clone().handle(10)), 20);
    assert_eq!(svc.calls.load(Ordering::SeqCst), 5);
    println!("results {:?}, calls {}", results, svc.calls.load(Ordering::SeqCst));
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
