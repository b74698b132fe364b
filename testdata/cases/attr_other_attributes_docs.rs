// case: outer attributes and doc comments before and after `#[async_trait]` on trait, impl and methods are kept in order (§1.1, §2.11); `#[allow]`, `#[must_use]`, `#[inline]`, `#[cfg]` on a method, `#[cfg_attr]`
// deps: std
// edition: 2021
use async_trait::async_trait;

/// A documented trait.
///
/// Doc comments above the attribute.
#[allow(dead_code)]
#[async_trait]
/// More docs after the attribute.
#[allow(clippy::all)]
pub trait Documented {
    /// Returns the answer.
    #[doc(alias = "the_answer")]
    async fn answer(&self) -> u32;

    /// Only compiled when the cfg holds (it always does).
    #[cfg(all())]
    async fn present(&self) -> &'static str {
        "present"
    }

    /// Never compiled.
    #[cfg(any())]
    async fn absent(&self) -> DoesNotExist;

    #[must_use]
    #[inline]
    fn sync_helper(&self) -> u32 {
        1
    }
}

/// The implementor.
#[derive(Debug, Clone, Copy)]
struct Deep;

/// Impl docs.
#[async_trait]
#[cfg_attr(all(), allow(unused_mut))]
impl Documented for Deep {
    /// Forty-two.
    #[inline(never)]
    #[allow(clippy::needless_return)]
    async fn answer(&self) -> u32 {
        return 42;
    }
}

fn main() {
    let d = Deep;
    assert_eq!(block_on(d.answer()), 42);
    assert_eq!(block_on(d.present()), "present");
    assert_eq!(d.sync_helper(), 1);
    println!("{:?} answers {}", d, block_on(d.answer()));
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
