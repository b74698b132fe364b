// case: `#[async_trait(?Send)]` (§1.3): no Send on the future, so an Rc can be held across `.await`; `? Send` spelled with a space too
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::rc::Rc;

#[async_trait(?Send)]
trait Counter {
    async fn bump(&self, by: u32) -> u32;
}

struct Local {
    hits: Rc<std::cell::Cell<u32>>,
}

#[async_trait(? Send)]
impl Counter for Local {
    async fn bump(&self, by: u32) -> u32 {
        let held = Rc::clone(&self.hits);
        yield_now().await;
        held.set(held.get() + by);
        held.get()
    }
}

fn main() {
    let c = Local { hits: Rc::new(std::cell::Cell::new(0)) };
    assert_eq!(block_on(c.bump(2)), 2);
    assert_eq!(block_on(c.bump(5)), 7);
    let obj: &dyn Counter = &c;
    assert_eq!(block_on(obj.bump(1)), 8);
    println!("hits = {}", c.hits.get());
    assert_eq!(Rc::strong_count(&c.hits), 1);
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
