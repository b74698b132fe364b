// case: arbitrary-self spellings `self: &Self`, `mut self: &Self` (the reference itself reassigned in the body) and `self: &mut Self`, required and defaulted (§3.1, §3.3, §9 29, §9 61)
// deps: std
// edition: 2021
use async_trait::async_trait;

static FALLBACK: Cell = Cell { v: 99 };

#[async_trait]
trait Reader {
    async fn read(self: &Self) -> u32;
    async fn read_or_fallback(mut self: &Self, use_fallback: bool) -> u32 {
        let r = &mut self;
        let v = r.read().await;
        v + if use_fallback { 1000 } else { 0 }
    }
    async fn write(self: &mut Self, v: u32);
}

struct Cell {
    v: u32,
}

#[async_trait]
impl Reader for Cell {
    async fn read(self: &Self) -> u32 {
        self.v
    }
    async fn read_or_fallback(mut self: &Self, use_fallback: bool) -> u32 {
        if use_fallback {
            self = &FALLBACK;
        }
        self.read().await
    }
    async fn write(self: &mut Self, v: u32) {
        self.v = v;
    }
}

struct Plain;

#[async_trait]
impl Reader for Plain {
    async fn read(self: &Self) -> u32 {
        7
    }
    async fn write(self: &mut Self, _v: u32) {}
}

fn main() {
    assert_eq!(block_on(Plain.read_or_fallback(false)), 7);
    assert_eq!(block_on(Plain.read_or_fallback(true)), 1007);
    block_on(Plain.write(3));
    let mut c = Cell { v: 1 };
    block_on(c.write(5));
    assert_eq!(block_on(c.read()), 5);
    assert_eq!(block_on(c.read_or_fallback(false)), 5);
    assert_eq!(block_on(c.read_or_fallback(true)), 99);
    println!("read {} fallback {}", block_on(c.read()), block_on(c.read_or_fallback(true)));
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
