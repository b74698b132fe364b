// case: `-> impl Trait` returns in trait and impl, nested `Result<impl Debug + Send, E>` and `Option<impl Iterator<Item = u8> + Send>`: the signature keeps `impl` inside `Output = ..` (RPITIT), the body uses `_` in `None::<..>` / `let __ret: ..` (§2.10, §5.1 b, §6, §9 62)
// deps: std
// edition: 2021
// oracle: skip (0.1.56 writes the `impl Trait` type into `let __ret: ...` in the body, which does not compile, §8 item 8)
use async_trait::async_trait;
use std::fmt::{Debug, Display};

#[async_trait]
trait Produce {
    async fn display(&self) -> impl Display + Send;
    async fn maybe(&self, ok: bool) -> Result<impl Debug + Send, String>;
    async fn bytes(&self) -> Option<impl Iterator<Item = u8> + Send>;
}

struct P;

#[async_trait]
impl Produce for P {
    async fn display(&self) -> impl Display + Send {
        42
    }
    async fn maybe(&self, ok: bool) -> Result<impl Debug + Send, String> {
        if !ok {
            return Err("nope".to_string());
        }
        Ok(vec![1, 2])
    }
    async fn bytes(&self) -> Option<impl Iterator<Item = u8> + Send> {
        Some(vec![1u8, 2, 3].into_iter())
    }
}

fn main() {
    assert_eq!(block_on(P.display()).to_string(), "42");
    assert_eq!(format!("{:?}", block_on(P.maybe(true))), "Ok([1, 2])");
    assert_eq!(format!("{:?}", block_on(P.maybe(false))), "Err(\"nope\")");
    assert_eq!(block_on(P.bytes()).unwrap().sum::<u8>(), 6);
    println!("{} {:?}", block_on(P.display()), block_on(P.maybe(true)));
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
