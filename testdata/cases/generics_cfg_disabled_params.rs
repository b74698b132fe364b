// case: `#[cfg(any())]` (disabled) on a method type generic and lifetime generic and on the parameters using them; HEAD keeps the bound inline with `+ 'async_trait` so the disabled generic vanishes cleanly (§2.2, §2.7, §9 64)
// deps: std
// edition: 2021
// oracle: skip (0.1.56 moves a cfg'd type param's bounds into the where clause, naming a parameter that cfg removed, and panics on attributes on lifetime params, §7.3, §8 item 7)
use async_trait::async_trait;

#[async_trait]
trait Opt {
    async fn run<#[cfg(any())] 'a, #[cfg(any())] T: Send, U: Send>(
        &self,
        #[cfg(any())] t: &'a T,
        u: U,
    ) -> usize;
}

struct S;

#[async_trait]
impl Opt for S {
    async fn run<#[cfg(any())] 'a, #[cfg(any())] T: Send, U: Send>(
        &self,
        #[cfg(any())] t: &'a T,
        u: U,
    ) -> usize {
        let _ = u;
        std::mem::size_of::<U>()
    }
}

fn main() {
    assert_eq!(block_on(S.run(1u64)), 8);
    assert_eq!(block_on(S.run(1u8)), 1);
    println!("size {}", block_on(S.run(0u32)));
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
