// case: `&impl Display` and `*const impl Debug` parameters (parenthesized as `&'life1 (impl 'async_trait + Display)`, `*const (impl 'async_trait + Debug)`, §2.9, §9 54) in `?Send` mode, where neither needs Sync/Send
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::cell::Cell;
use std::fmt::{Debug, Display};

struct NotSync(Cell<u8>);
impl Display for NotSync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cell {}", self.0.get())
    }
}

#[async_trait(?Send)]
trait Peek {
    async fn peek(&self, p: *const impl Debug) -> String;
    async fn show(&self, d: &impl Display) -> String;
}

struct P;

#[async_trait(?Send)]
impl Peek for P {
    async fn peek(&self, p: *const impl Debug) -> String {
        // SAFETY: main passes a pointer to a live value
        let r = unsafe { &*p };
        format!("{:?}", r)
    }
    async fn show(&self, d: &impl Display) -> String {
        format!("<{}>", d)
    }
}

fn main() {
    let v = vec![1, 2];
    let s = block_on(P.peek(&v as *const Vec<i32>));
    assert_eq!(s, "[1, 2]");
    let n = 7u8;
    assert_eq!(block_on(P.peek(&n)), "7");
    assert_eq!(block_on(P.show(&NotSync(Cell::new(3)))), "<cell 3>");
    println!("{} {}", s, block_on(P.show(&1)));
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
