// case: `self: Rc<Self>` receiver in `?Send` mode, required and defaulted; Rc kept across `.await` (§3.1 "any other typed receiver", §1.3)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::cell::RefCell;
use std::rc::Rc;

#[async_trait(?Send)]
trait Node {
    async fn visit(self: Rc<Self>, log: Rc<RefCell<Vec<String>>>);
    async fn visit_twice(self: Rc<Self>, log: Rc<RefCell<Vec<String>>>) {
        self.clone().visit(log.clone()).await;
        yield_now().await;
        self.visit(log).await;
    }
}

struct Leaf(&'static str);

#[async_trait(?Send)]
impl Node for Leaf {
    async fn visit(self: Rc<Self>, log: Rc<RefCell<Vec<String>>>) {
        let me = self.clone();
        yield_now().await;
        log.borrow_mut().push(format!("{} (rc={})", me.0, Rc::strong_count(&me)));
    }
}

fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let leaf = Rc::new(Leaf("a"));
    block_on(leaf.clone().visit_twice(log.clone()));
    let as_dyn: Rc<dyn Node> = Rc::new(Leaf("b"));
    block_on(as_dyn.visit(log.clone()));
    println!("{:?}", log.borrow());
    assert_eq!(*log.borrow(), ["a (rc=4)", "a (rc=3)", "b (rc=2)"]);
    assert_eq!(Rc::strong_count(&leaf), 1);
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
