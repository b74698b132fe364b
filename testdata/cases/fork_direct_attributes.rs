// case: the fork's `#[async_trait_with_send]` (= `#[async_trait]`) and `#[async_trait_without_send]` (= `#[async_trait(?Send)]`) used directly on traits and impls; the now-unused fork import is removed by the expander (§11)
// deps: std
// edition: 2021
// oracle: skip (fork attributes)
use std::cell::RefCell;
use std::rc::Rc;
use workflow_async_trait::{async_trait_with_send, async_trait_without_send};

#[async_trait_with_send]
trait Remote {
    async fn call(&self, x: u32) -> u32;
    async fn call_twice(&self, x: u32) -> u32 {
        let a = self.call(x).await;
        self.call(a).await
    }
}

#[async_trait_without_send]
trait LocalCache {
    async fn remember(&self, v: u32) -> usize;
}

struct Doubler;

#[async_trait_with_send]
impl Remote for Doubler {
    async fn call(&self, x: u32) -> u32 {
        x * 2
    }
}

struct Cache(Rc<RefCell<Vec<u32>>>);

#[async_trait_without_send]
impl LocalCache for Cache {
    async fn remember(&self, v: u32) -> usize {
        let shared = Rc::clone(&self.0);
        yield_now().await;
        shared.borrow_mut().push(v);
        let n = shared.borrow().len();
        n
    }
}

fn main() {
    // Send mode: the future can run on another thread
    let h = std::thread::spawn(|| block_on(Doubler.call_twice(5)));
    assert_eq!(h.join().unwrap(), 20);
    let c = Cache(Rc::new(RefCell::new(Vec::new())));
    assert_eq!(block_on(c.remember(1)), 1);
    assert_eq!(block_on(c.remember(2)), 2);
    println!("remote {} cache {:?}", block_on(Doubler.call(21)), c.0.borrow());
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
