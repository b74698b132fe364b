// case: `#[cfg(all())]` (enabled) on a method type generic and on the parameter using it (§2.2 attribute rule, §9 64); in 0.1.56 the bound moves to the where clause, in HEAD it stays inline — both compile when the cfg is enabled
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::fmt::Display;

#[async_trait]
trait Show {
    async fn show<#[cfg(all())] T: Display + Send>(&self, #[cfg(all())] t: T) -> String;
}

struct S;

#[async_trait]
impl Show for S {
    async fn show<#[cfg(all())] T: Display + Send>(&self, #[cfg(all())] t: T) -> String {
        format!("[{}]", t)
    }
}

fn main() {
    assert_eq!(block_on(S.show(5)), "[5]");
    assert_eq!(block_on(S.show("x")), "[x]");
    println!("{}", block_on(S.show(1.5)));
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
