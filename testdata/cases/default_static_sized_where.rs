// case: trait-level where clause `where Box<Self>: Sized, Self: Sized + Send` with a static (no receiver) default method, a `Sized + Send` supertrait trait taking `Self` as a non-receiver parameter, and a default returning `Self` with `where Self: Sized` (§6, §9 12, §9 21)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Build
where
    Box<Self>: Sized,
    Self: Sized + Send,
{
    fn seed() -> u32;
    async fn build() -> Vec<u32> {
        vec![Self::seed(); 2]
    }
}

#[async_trait]
trait Merge: Sized + Send {
    async fn merge(a: Self, b: Self) -> Self;
    async fn merge3(a: Self, b: Self, c: Self) -> Self {
        let ab = Self::merge(a, b).await;
        Self::merge(ab, c).await
    }
}

#[async_trait]
trait Fresh {
    fn n(&self) -> u32;
    async fn fresh(&self) -> Self
    where
        Self: Sized + Default,
    {
        Self::default()
    }
}

#[derive(Debug, Default, PartialEq)]
struct Sum(u32);

impl Build for Sum {
    fn seed() -> u32 {
        4
    }
}

#[async_trait]
impl Merge for Sum {
    async fn merge(a: Self, b: Self) -> Self {
        Sum(a.0 + b.0)
    }
}

impl Fresh for Sum {
    fn n(&self) -> u32 {
        self.0
    }
}

fn main() {
    assert_eq!(block_on(Sum::build()), [4, 4]);
    assert_eq!(block_on(Sum::merge3(Sum(1), Sum(2), Sum(3))), Sum(6));
    let s = Sum(9);
    assert_eq!(block_on(s.fresh()), Sum(0));
    assert_eq!(s.n(), 9);
    println!("{:?}", block_on(Sum::merge(Sum(20), Sum(22))));
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
