// case: `#[async_trait(?Send)]` with `Rc<RefCell<..>>` state held across `.await` in trait defaults and impls, a `!Send` type as `Self`, interleaved futures on one thread (§1.3, §3.1 no inferred bounds in ?Send mode)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::cell::RefCell;
use std::rc::Rc;

#[async_trait(?Send)]
trait Ledger {
    fn state(&self) -> Rc<RefCell<Vec<i64>>>;
    async fn record(&self, amount: i64) {
        let st = self.state();
        yield_now().await;
        st.borrow_mut().push(amount);
    }
    async fn total(&self) -> i64;
}

struct Book {
    entries: Rc<RefCell<Vec<i64>>>,
    _not_send: std::marker::PhantomData<*const ()>,
}

#[async_trait(?Send)]
impl Ledger for Book {
    fn state(&self) -> Rc<RefCell<Vec<i64>>> {
        Rc::clone(&self.entries)
    }
    async fn total(&self) -> i64 {
        let entries = self.state();
        yield_now().await;
        let sum = entries.borrow().iter().sum();
        sum
    }
}

fn main() {
    let b = Book { entries: Rc::new(RefCell::new(Vec::new())), _not_send: std::marker::PhantomData };
    block_on(async {
        let f1 = b.record(10);
        let f2 = b.record(-3);
        // poll both before either finishes: they interleave on this thread
        f2.await;
        f1.await;
        b.record(5).await;
    });
    assert_eq!(*b.entries.borrow(), [-3, 10, 5]);
    assert_eq!(block_on(b.total()), 12);
    println!("entries {:?} total {}", b.entries.borrow(), block_on(b.total()));
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
