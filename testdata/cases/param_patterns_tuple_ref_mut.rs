// case: destructuring tuple parameters mixing plain, `mut`, `ref` and `ref mut` bindings become `[mut] __argN` and are rebound in the body (§2.8, §4, §9 5); index counts the receiver
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Tuples {
    // trait declarations without a body take plain names (a `mut` pattern would be rejected there)
    async fn mixed(&self, triple: (u32, Vec<u32>, String)) -> String;
    async fn swap_sum(&self, label: &str, pair: (u32, u32)) -> String;
    async fn nested(((x, y), z): ((u8, u8), u8)) -> u32;
}

struct T;

#[async_trait]
impl Tuples for T {
    async fn mixed(&self, (a, ref mut b, ref c): (u32, Vec<u32>, String)) -> String {
        b.push(a);
        b.push(c.len() as u32);
        format!("{:?} {}", b, c)
    }
    async fn swap_sum(&self, label: &str, (lo, mut hi): (u32, u32)) -> String {
        hi += lo;
        format!("{}={}", label, hi)
    }
    async fn nested(((x, y), z): ((u8, u8), u8)) -> u32 {
        x as u32 * 100 + y as u32 * 10 + z as u32
    }
}

fn main() {
    let s = block_on(T.mixed((7, vec![1], "abc".to_string())));
    assert_eq!(s, "[1, 7, 3] abc");
    assert_eq!(block_on(T.swap_sum("sum", (2, 40))), "sum=42");
    assert_eq!(block_on(T::nested(((1, 2), 3))), 123);
    println!("{} / {}", s, block_on(T.swap_sum("x", (1, 1))));
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
