// case: reference-typed parameters with patterns (`(a, b): &mut (T, T)`, `&mut (ref mut x, _)`, `&(p, q): &(u8, u8)`) in a generic impl where `T: Send` only (no `T: Sync` needed), used across an `.await` (§2.8 reference rule, §4, §9 56)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::cell::Cell;

#[async_trait]
trait Pairs<T> {
    async fn swap(&self, pair: &mut (T, T));
    async fn replace_first(&self, pair: &mut (T, T), with: T) -> T;
    async fn sum(&self, pair: &(u8, u8)) -> u8;
}

struct P;

#[async_trait]
impl<T: Send> Pairs<T> for P {
    async fn swap(&self, (a, b): &mut (T, T)) {
        yield_now().await;
        std::mem::swap(a, b);
    }
    async fn replace_first(&self, &mut (ref mut x, _): &mut (T, T), with: T) -> T {
        yield_now().await;
        std::mem::replace(x, with)
    }
    async fn sum(&self, &(p, q): &(u8, u8)) -> u8 {
        p + q
    }
}

fn main() {
    // Cell<u8> is Send but not Sync
    let mut pair = (Cell::new(1u8), Cell::new(2u8));
    block_on(P.swap(&mut pair));
    assert_eq!((pair.0.get(), pair.1.get()), (2, 1));
    let old = block_on(P.replace_first(&mut pair, Cell::new(9)));
    assert_eq!(old.get(), 2);
    assert_eq!((pair.0.get(), pair.1.get()), (9, 1));
    assert_eq!(block_on(Pairs::<()>::sum(&P, &(40, 2))), 42);
    println!("pair = ({}, {})", pair.0.get(), pair.1.get());
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

    /// A future that returns Pending once and wakes itself from another thread.
    pub struct YieldOnce(bool);
    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                return Poll::Ready(());
            }
            self.0 = true;
            let w = cx.waker().clone();
            std::thread::spawn(move || w.wake());
            Poll::Pending
        }
    }
    pub fn yield_now() -> YieldOnce {
        YieldOnce(false)
    }
}
use executor::{block_on, yield_now};
