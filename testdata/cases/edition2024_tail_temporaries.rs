// case: edition 2024 (tail-expression temporaries drop before block locals; RPIT capture rules; `gen` reserved): drop order of a tail temporary vs a body local and the arguments equals a native `async fn` under 2024 rules; `r#gen` identifiers as parameter names (§5.1, §9 42)
// deps: std
// edition: 2024
use async_trait::async_trait;
use std::sync::Mutex;

static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log(s: String) {
    LOG.lock().unwrap().push(s);
}

struct D(&'static str);
impl Drop for D {
    fn drop(&mut self) {
        log(format!("drop {}", self.0));
    }
}
impl D {
    fn len(&self) -> usize {
        self.0.len()
    }
}

#[async_trait]
trait Tail {
    async fn tail(&self, arg: D, r#gen: u32) -> usize;
}

struct T;

#[async_trait]
impl Tail for T {
    async fn tail(&self, arg: D, r#gen: u32) -> usize {
        let _local = D("local");
        log(format!("body {}", r#gen));
        let _ = &arg;
        D("temp").len()
    }
}

async fn native(arg: D, r#gen: u32) -> usize {
    let _local = D("local");
    log(format!("body {}", r#gen));
    let _ = &arg;
    D("temp").len()
}

// `expr` fragments match `_` only from edition 2024 on: tells which rules this build uses
macro_rules! edition_2024 {
    ($e:expr) => {
        true
    };
    (_) => {
        false
    };
}

fn main() {
    assert_eq!(block_on(native(D("arg"), 1)), 4);
    let n = std::mem::take(&mut *LOG.lock().unwrap());
    assert_eq!(block_on(T.tail(D("arg"), 1)), 4);
    let t = std::mem::take(&mut *LOG.lock().unwrap());
    println!("native {:?}", n);
    println!("trait  {:?}", t);
    assert_eq!(n, t);
    if edition_2024!(_) {
        println!("edition 2024 rules");
        // 2024: the tail temporary is dropped before the local
        assert_eq!(n, ["body 1", "drop temp", "drop local", "drop arg"]);
    } else {
        // built as 2021 by a harness that ignores `// edition:`; still comparable to native
        println!("edition 2021 rules (the header asks for 2024)");
        assert_eq!(n, ["body 1", "drop local", "drop temp", "drop arg"]);
    }
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
