// case: by-value arguments move into the future at call time and are dropped only when the un-polled future is dropped, in `?Send` and Send mode, like a native `async fn` (§4, §9 53)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

struct LocalGuard(Rc<RefCell<Vec<&'static str>>>, &'static str);
impl Drop for LocalGuard {
    fn drop(&mut self) {
        self.0.borrow_mut().push(self.1);
    }
}

struct SendGuard(Arc<Mutex<Vec<&'static str>>>, &'static str);
impl Drop for SendGuard {
    fn drop(&mut self) {
        self.0.lock().unwrap().push(self.1);
    }
}

#[async_trait(?Send)]
trait LocalTake {
    async fn take(&self, g: LocalGuard, _: LocalGuard);
}

#[async_trait]
trait SendTake {
    async fn take(&self, g: SendGuard);
}

struct T;

#[async_trait(?Send)]
impl LocalTake for T {
    async fn take(&self, g: LocalGuard, _: LocalGuard) {
        g.0.borrow_mut().push("polled");
    }
}

#[async_trait]
impl SendTake for T {
    async fn take(&self, g: SendGuard) {
        g.0.lock().unwrap().push("polled");
    }
}

async fn native_take(g: LocalGuard, _: LocalGuard) {
    g.0.borrow_mut().push("polled");
}

fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let fut = LocalTake::take(&T, LocalGuard(log.clone(), "g"), LocalGuard(log.clone(), "_"));
    log.borrow_mut().push("created");
    drop(fut);
    log.borrow_mut().push("after drop");
    let native = native_take(LocalGuard(log.clone(), "ng"), LocalGuard(log.clone(), "n_"));
    drop(native);
    println!("?Send: {:?}", log.borrow());
    // un-polled: captured arguments drop in declaration order, same as native
    assert_eq!(*log.borrow(), ["created", "g", "_", "after drop", "ng", "n_"]);

    let slog = Arc::new(Mutex::new(Vec::new()));
    let fut = SendTake::take(&T, SendGuard(slog.clone(), "s"));
    slog.lock().unwrap().push("created");
    drop(fut);
    let fut2 = SendTake::take(&T, SendGuard(slog.clone(), "s2"));
    block_on(fut2);
    println!("Send: {:?}", slog.lock().unwrap());
    assert_eq!(*slog.lock().unwrap(), ["created", "s", "polled", "s2"]);
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
