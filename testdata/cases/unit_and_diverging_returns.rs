// case: implicit unit return (`let _: () = {..};`), explicit `-> ()`, a body ending in `;`, early `return;`, and diverging bodies `unimplemented!()` / `todo!()` / `panic!` in methods never called or caught (§5.1 a/b, §9 9, §9 44)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::sync::atomic::{AtomicU32, Ordering};

static CALLS: AtomicU32 = AtomicU32::new(0);

#[async_trait]
trait Units {
    async fn implicit(&self);
    async fn explicit(&self) -> ();
    async fn early(&self, stop: bool);
    async fn not_yet(&self) -> String {
        unimplemented!()
    }
    async fn later(&self, _x: u32) -> Vec<u8> {
        todo!()
    }
    async fn boom(&self) -> u32;
}

struct U;

#[async_trait]
impl Units for U {
    async fn implicit(&self) {
        CALLS.fetch_add(1, Ordering::SeqCst);
    }
    async fn explicit(&self) -> () {
        CALLS.fetch_add(10, Ordering::SeqCst);
    }
    async fn early(&self, stop: bool) {
        if stop {
            return;
        }
        CALLS.fetch_add(100, Ordering::SeqCst);
    }
    async fn boom(&self) -> u32 {
        panic!("boom")
    }
}

fn main() {
    let unit: () = block_on(U.implicit());
    assert_eq!(unit, ());
    block_on(U.explicit());
    block_on(U.early(true));
    block_on(U.early(false));
    assert_eq!(CALLS.load(Ordering::SeqCst), 111);
    // creating the futures does not run the bodies
    let _never_polled = (U.not_yet(), U.later(1));
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| block_on(U.boom()));
    let todo = std::panic::catch_unwind(|| block_on(U.later(2)));
    let _ = std::panic::take_hook();
    assert!(caught.is_err());
    assert!(todo.is_err());
    println!("calls = {}", CALLS.load(Ordering::SeqCst));
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
