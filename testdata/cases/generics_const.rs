// case: const generic parameters on the trait, the impl and the method, passed through untouched (§2.2, §2.7 trailing comma), executed; const bool generic with by-value `self` and `Self: Sized` (§9 25, §9 41)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Fixed<const N: usize> {
    async fn sum(&self) -> u32;
    async fn take<const M: usize>(&self, extra: [u32; M]) -> u32;
}

struct Arr<const N: usize>([u32; N]);

#[async_trait]
impl<const N: usize> Fixed<N> for Arr<N> {
    async fn sum(&self) -> u32 {
        self.0.iter().sum()
    }
    async fn take<const M: usize>(&self, extra: [u32; M]) -> u32 {
        self.sum().await + extra.iter().sum::<u32>() + (N * 100 + M) as u32
    }
}

#[async_trait]
trait Flag {
    async fn pick<const B: bool>(self) -> &'static str
    where
        Self: Sized;
}

struct Unit;

#[async_trait]
impl Flag for Unit {
    async fn pick<const B: bool>(self) -> &'static str {
        if B {
            "yes"
        } else {
            "no"
        }
    }
}

fn main() {
    let a = Arr([1, 2, 3]);
    assert_eq!(block_on(a.sum()), 6);
    assert_eq!(block_on(a.take([10, 20])), 6 + 30 + 302);
    assert_eq!(block_on(Unit.pick::<true>()), "yes");
    assert_eq!(block_on(Unit.pick::<false>()), "no");
    println!("sum={} take={}", block_on(a.sum()), block_on(a.take::<0>([])));
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
