// case: `self: Box<Self>` and `mut self: Box<Self>` receivers, required and defaulted, called through `Box<dyn Tr + Send>` (§2.8, §3.1)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Job: Send {
    async fn run(self: Box<Self>) -> String;
    async fn run_twice(mut self: Box<Self>) -> String {
        self.tick();
        self.tick();
        self.run().await
    }
    fn tick(&mut self);
}

struct Counter {
    n: u32,
}

#[async_trait]
impl Job for Counter {
    async fn run(self: Box<Self>) -> String {
        format!("counter at {}", self.n)
    }
    fn tick(&mut self) {
        self.n += 1;
    }
}

struct Echo(&'static str);

#[async_trait]
impl Job for Echo {
    async fn run(mut self: Box<Self>) -> String {
        self.0 = "changed";
        self.0.to_uppercase()
    }
    fn tick(&mut self) {}
}

fn main() {
    let jobs: Vec<Box<dyn Job>> = vec![Box::new(Counter { n: 0 }), Box::new(Echo("x"))];
    let mut out = Vec::new();
    for j in jobs {
        out.push(block_on(j.run_twice()));
    }
    out.push(block_on(Box::new(Counter { n: 7 }).run()));
    println!("{:?}", out);
    assert_eq!(out, ["counter at 2", "CHANGED", "counter at 7"]);
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
