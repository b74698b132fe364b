// case: drop order of by-value arguments (named, `_`, `mut`, tuple-destructured, receiver by value) and body locals equals a native `async fn` with the same signature: recorded in a Vec and compared (§4, §9 42)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::sync::Mutex;

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log(s: impl Into<String>) {
    LOG.lock().unwrap().push(s.into());
}

fn take_log() -> Vec<String> {
    std::mem::take(&mut *LOG.lock().unwrap())
}

struct D(&'static str);

impl Drop for D {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}

#[async_trait]
trait Ordered {
    async fn args(a: D, b: D, c: D);
    async fn wild(a: D, _: D, c: D);
    async fn with_mut(a: D, b: D);
    async fn with_tuple(a: D, pair: (D, D), z: D);
    async fn by_self(self, x: D);
    async fn default_args(a: D, _: D, b: D) {
        let _local = D("local");
        log("body");
        let _ = &a;
        let _ = &b;
    }
}

struct S;

#[async_trait]
impl Ordered for S {
    async fn args(a: D, b: D, c: D) {
        let _local = D("local");
        log("body");
        let _ = (&a, &b, &c);
    }
    async fn wild(a: D, _: D, c: D) {
        log("body");
        let _ = (&a, &c);
    }
    async fn with_mut(mut a: D, b: D) {
        a.0 = "a2";
        log("body");
        let _ = &b;
    }
    async fn with_tuple(a: D, (p, q): (D, D), z: D) {
        log("body");
        drop(q);
        let _ = (&a, &p, &z);
    }
    async fn by_self(self, x: D) {
        log("body");
        let _ = &x;
    }
}

impl Drop for S {
    fn drop(&mut self) {
        log("drop self");
    }
}

async fn n_args(a: D, b: D, c: D) {
    let _local = D("local");
    log("body");
    let _ = (&a, &b, &c);
}
async fn n_wild(a: D, _: D, c: D) {
    log("body");
    let _ = (&a, &c);
}
async fn n_with_mut(mut a: D, b: D) {
    a.0 = "a2";
    log("body");
    let _ = &b;
}
async fn n_with_tuple(a: D, (p, q): (D, D), z: D) {
    log("body");
    drop(q);
    let _ = (&a, &p, &z);
}
async fn n_by_self(s: S, x: D) {
    log("body");
    let _ = (&s, &x);
}
async fn n_default_args(a: D, _: D, b: D) {
    let _local = D("local");
    log("body");
    let _ = &a;
    let _ = &b;
}

fn check(what: &str, native: impl FnOnce(), via_trait: impl FnOnce()) {
    take_log();
    native();
    let n = take_log();
    via_trait();
    let t = take_log();
    println!("{:<12} native {:?}", what, n);
    assert_eq!(n, t, "{}: trait order differs from native", what);
}

fn main() {
    check("args", || block_on(n_args(D("a"), D("b"), D("c"))), || block_on(S::args(D("a"), D("b"), D("c"))));
    check("wild", || block_on(n_wild(D("a"), D("_"), D("c"))), || block_on(S::wild(D("a"), D("_"), D("c"))));
    check("with_mut", || block_on(n_with_mut(D("a"), D("b"))), || block_on(S::with_mut(D("a"), D("b"))));
    check(
        "with_tuple",
        || block_on(n_with_tuple(D("a"), (D("p"), D("q")), D("z"))),
        || block_on(S::with_tuple(D("a"), (D("p"), D("q")), D("z"))),
    );
    check("by_self", || block_on(n_by_self(S, D("x"))), || block_on(S.by_self(D("x"))));
    check(
        "default",
        || block_on(n_default_args(D("a"), D("_"), D("b"))),
        || block_on(S::default_args(D("a"), D("_"), D("b"))),
    );
    // sanity: the native order is what Rust specifies (locals, then args in reverse)
    block_on(n_args(D("a"), D("b"), D("c")));
    assert_eq!(take_log(), ["body", "drop local", "drop c", "drop b", "drop a"]);
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
