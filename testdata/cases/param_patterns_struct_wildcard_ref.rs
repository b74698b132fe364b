// case: struct patterns, `_` (incl. unused first parameter `_x`), `&x: &u8`, `mut m: &u8`, `_: &str`, `x @ ..` bindings, slices, and `..` over a type with a `Drop` field, dropped exactly once (§2.8, §4, §9 40, §9 57)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::sync::Mutex;

static DROPS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

struct Noisy(&'static str);
impl Drop for Noisy {
    fn drop(&mut self) {
        DROPS.lock().unwrap().push(self.0);
    }
}

struct Point {
    x: i32,
    y: i32,
    _tag: Noisy,
}

#[async_trait]
trait Patterns {
    async fn point(&self, p: Point) -> i32;
    async fn wildcard(&self, _: u64, _unused: String) -> u8;
    async fn deref_pat(&self, x: &u8, m: &u8, _: &str) -> u8;
    async fn at_binding(&self, n: u32) -> u32;
    async fn array(&self, arr: [u8; 4]) -> u8;
}

struct P;

#[async_trait]
impl Patterns for P {
    async fn point(&self, Point { x, y, .. }: Point) -> i32 {
        // when `_tag` is dropped differs between 0.1.56 and HEAD: see param_struct_pattern_drop_timing.rs
        x * y
    }
    async fn wildcard(&self, _: u64, _unused: String) -> u8 {
        9
    }
    async fn deref_pat(&self, &x: &u8, mut m: &u8, _: &str) -> u8 {
        // Since 0.1.63 a reference parameter keeps its pattern and is not
        // rebound (§8), so `m` keeps its named lifetime: only a borrow that
        // outlives the call can be stored in it.
        static FIVE: u8 = 5;
        if x > *m {
            m = &FIVE;
        }
        *m
    }
    async fn at_binding(&self, n @ 0..=u32::MAX: u32) -> u32 {
        n + 1
    }
    async fn array(&self, [first, .., last]: [u8; 4]) -> u8 {
        first + last
    }
}

fn main() {
    let p = Point { x: 6, y: 7, _tag: Noisy("tag") };
    assert_eq!(block_on(P.point(p)), 42);
    assert_eq!(*DROPS.lock().unwrap(), ["tag"]);
    assert_eq!(block_on(P.wildcard(1, String::new())), 9);
    assert_eq!(block_on(P.deref_pat(&5, &3, "ignored")), 5);
    assert_eq!(block_on(P.deref_pat(&1, &3, "")), 3);
    assert_eq!(block_on(P.at_binding(41)), 42);
    assert_eq!(block_on(P.array([1, 2, 3, 4])), 5);
    println!("drops {:?}", DROPS.lock().unwrap());
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
