// case: default-method bound inference in Send mode: `&self` → `Self: Sync`, `&mut self` → `Self: Send`, `self` → `Send`, no receiver but `Self::` → `Send` (§2.5, §3.1, §6); shown by a Send-but-!Sync type (Cell) using the `&mut self`/`self` defaults and a Sync-but-!Send type using the `&self` default
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::MutexGuard;

#[async_trait]
trait Defaults {
    fn value(&self) -> u32;
    fn make() -> Self
    where
        Self: Sized;
    async fn read(&self) -> u32 {
        self.value()
    }
    async fn write(&mut self) -> u32 {
        self.value() + 1
    }
    async fn consume(self) -> u32
    where
        Self: Sized,
    {
        self.value() + 2
    }
    async fn build() -> u32
    where
        Self: Sized,
    {
        Self::make().value() + 3
    }
}

// Send, not Sync
struct SendOnly(Cell<u32>);
impl Defaults for SendOnly {
    fn value(&self) -> u32 {
        self.0.get()
    }
    fn make() -> Self {
        SendOnly(Cell::new(100))
    }
}

// Sync, not Send (a MutexGuard is Sync but !Send)
struct SyncOnly(u32, PhantomData<MutexGuard<'static, ()>>);
impl Defaults for SyncOnly {
    fn value(&self) -> u32 {
        self.0
    }
    fn make() -> Self {
        SyncOnly(200, PhantomData)
    }
}

fn assert_send<F: Send>(f: F) -> F {
    f
}

fn main() {
    let mut s = SendOnly(Cell::new(10));
    // `write`, `consume`, `build` only need Self: Send
    assert_eq!(block_on(assert_send(s.write())), 11);
    assert_eq!(block_on(SendOnly::build()), 103);
    assert_eq!(block_on(s.consume()), 12);
    // `read` only needs Self: Sync
    let y = SyncOnly(20, PhantomData);
    assert_eq!(block_on(assert_send(y.read())), 20);
    println!("inferred bounds ok: {}", block_on(y.read()));
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
