// case: parameters containing trait objects: `Vec<Box<dyn Display + Send>>` bound to `_` (§9 14), `Box<dyn Fn(&str) -> usize + Send + Sync>` (its `&str` renamed too), `&(dyn Display + Sync)` (→ `&'life1 (dyn ...)`, default object lifetime rules, §2.1), `&mut dyn Iterator<Item = u8> + Send`
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::fmt::Display;

#[async_trait]
trait Dyns {
    async fn ignore(&self, _: Vec<Box<dyn Display + Send>>) -> usize;
    async fn call(&self, f: Box<dyn Fn(&str) -> usize + Send + Sync>) -> usize;
    async fn show(&self, d: &(dyn Display + Sync)) -> String;
    async fn pull(&self, it: &mut (dyn Iterator<Item = u8> + Send)) -> Option<u8>;
}

struct D;

#[async_trait]
impl Dyns for D {
    async fn ignore(&self, _: Vec<Box<dyn Display + Send>>) -> usize {
        0
    }
    async fn call(&self, f: Box<dyn Fn(&str) -> usize + Send + Sync>) -> usize {
        // `Fn(&str)` inside the Box got a named lifetime too (§2.1), so only long-lived strs fit
        f("hello") + f("!")
    }
    async fn show(&self, d: &(dyn Display + Sync)) -> String {
        format!("[{}]", d)
    }
    async fn pull(&self, it: &mut (dyn Iterator<Item = u8> + Send)) -> Option<u8> {
        it.next()
    }
}

fn main() {
    assert_eq!(block_on(D.ignore(vec![Box::new(1), Box::new("x")])), 0);
    assert_eq!(block_on(D.call(Box::new(|s: &str| s.len()))), 6);
    assert_eq!(block_on(D.show(&42)), "[42]");
    let mut it = vec![7u8, 8].into_iter();
    assert_eq!(block_on(D.pull(&mut it)), Some(7));
    assert_eq!(block_on(D.pull(&mut it)), Some(8));
    assert_eq!(block_on(D.pull(&mut it)), None);
    println!("{}", block_on(D.show(&"dyn")));
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
