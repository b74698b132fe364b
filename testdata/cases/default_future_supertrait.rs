// case: trait with a `Future` supertrait whose default by-value method awaits `self`, with where clauses on `Self::Output` (§9 11)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

#[async_trait]
trait AwaitAndMap: Future + Sized
where
    Self::Output: Send,
{
    async fn map_output<U: Send>(self, f: fn(Self::Output) -> U) -> U
    where
        Self: Send,
    {
        f(self.await)
    }
    async fn twice(self) -> (Self::Output, Self::Output)
    where
        Self: Send + Clone,
        Self::Output: Clone,
    {
        let copy = self.clone();
        (self.await, copy.await)
    }
}

#[derive(Clone)]
struct Ready(u32);

impl Future for Ready {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<u32> {
        Poll::Ready(self.0)
    }
}

impl AwaitAndMap for Ready {}

fn main() {
    assert_eq!(block_on(Ready(20).map_output(|x| x * 2 + 2)), 42);
    assert_eq!(block_on(Ready(3).map_output(|x| x.to_string())), "3");
    assert_eq!(block_on(Ready(5).twice()), (5, 5));
    println!("{:?}", block_on(Ready(1).twice()));
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
