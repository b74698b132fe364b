// case: edition 2018: `&self`/`&mut self`/by-value, `_` and tuple-pattern parameters (the `_` rebinding is edition-independent, §8.1 0.1.55), `dyn` objects, a default method, and drop order of by-value arguments equal to a native `async fn` (§4, §9 42)
// deps: std
// edition: 2018
use async_trait::async_trait;
use std::sync::Mutex;

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct D(&'static str);
impl Drop for D {
    fn drop(&mut self) {
        LOG.lock().unwrap().push(format!("drop {}", self.0));
    }
}

#[async_trait]
trait Old {
    async fn take(&self, a: D, _: D, pair: (D, u32)) -> u32;
    async fn bump(&mut self) -> u32;
    async fn name(&self) -> String {
        String::from("old")
    }
}

struct O(u32);

#[async_trait]
impl Old for O {
    async fn take(&self, a: D, _: D, (d, n): (D, u32)) -> u32 {
        LOG.lock().unwrap().push("body".to_string());
        let _ = (&a, &d);
        n + self.0
    }
    async fn bump(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

async fn native(a: D, _: D, (d, n): (D, u32)) -> u32 {
    LOG.lock().unwrap().push("body".to_string());
    let _ = (&a, &d);
    n
}

fn main() {
    block_on(native(D("a"), D("_"), (D("d"), 1)));
    let n = std::mem::take(&mut *LOG.lock().unwrap());
    let mut o = O(0);
    assert_eq!(block_on(o.take(D("a"), D("_"), (D("d"), 1))), 1);
    let t = std::mem::take(&mut *LOG.lock().unwrap());
    println!("native {:?}", n);
    assert_eq!(n, t);
    assert_eq!(block_on(o.bump()), 1);
    let obj: Box<dyn Old + Send + Sync> = Box::new(O(5));
    assert_eq!(block_on(obj.name()), "old");
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
