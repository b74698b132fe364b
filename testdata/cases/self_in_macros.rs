// case: `self` inside macro invocations in bodies is renamed at token level: `println!`, `format!`, `vec!`, `assert_eq!`, `matches!`, `write!`, a user `macro_rules!` taking `self`, field access inside format args (§5.2, §9 6, §9 15, §9 33)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::fmt::Write;

macro_rules! twice {
    ($e:expr) => {
        ($e, $e)
    };
}

#[async_trait]
trait Report {
    async fn by_ref(&self) -> String;
    async fn by_mut(&mut self) -> Vec<u32>;
    async fn by_value(self) -> (u32, u32);
    async fn default_uses_macros(&self) -> String
    where
        Self: std::fmt::Debug,
    {
        let s = format!("{:?}", self);
        assert_eq!(format!("{:?}", self), s);
        s
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Stats {
    hits: u32,
    name: String,
}

#[async_trait]
impl Report for Stats {
    async fn by_ref(&self) -> String {
        println!("by_ref: {} hits for {}", self.hits, self.name);
        assert_eq!(self.hits, 3, "hits of {}", self.name);
        assert!(matches!(self, Stats { hits: 3, .. }));
        let mut out = String::new();
        write!(out, "{}={}", self.name, self.hits).unwrap();
        out
    }
    async fn by_mut(&mut self) -> Vec<u32> {
        self.hits += 1;
        println!("by_mut: now {}", self.hits);
        vec![self.hits; 2]
    }
    async fn by_value(self) -> (u32, u32) {
        println!("by_value: {:?}", self);
        twice!(self.hits)
    }
}

fn main() {
    let mut s = Stats { hits: 3, name: "api".into() };
    assert_eq!(block_on(s.by_ref()), "api=3");
    assert_eq!(block_on(s.default_uses_macros()), "Stats { hits: 3, name: \"api\" }");
    assert_eq!(block_on(s.by_mut()), [4, 4]);
    assert_eq!(block_on(s.clone().by_value()), (4, 4));
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
