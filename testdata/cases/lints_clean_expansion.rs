// case: no lint fires on the expansion under `#![deny(warnings)]`: non-snake-case method names allowed only on the trait side (§9 30), `&self` on `()` (§9 38), `Result<Self::A, Self::B>` (§9 43), unit/explicit `()`/diverging bodies (§9 44), a `const` item after statements (§9 47), rebinding shadows (§9 52), an output that is itself a future (§9 58), an unused first parameter `_x` (§9 40)
// deps: std
// edition: 2021
#![deny(warnings)]
use async_trait::async_trait;
use std::future::Future;
use std::pin::Pin;

type BoxFut = Pin<Box<dyn Future<Output = u32> + Send>>;

#[async_trait]
trait Lints {
    type A;
    type B;
    #[allow(non_snake_case)]
    async fn CamelMethod(&self) -> u32;
    async fn pair(&self) -> Result<Self::A, Self::B>;
    async fn unit(&self);
    async fn explicit_unit(&self) -> ();
    async fn with_const(&self) -> u32;
    async fn shadow(&self, x: u32) -> u32;
    async fn future_out(&self) -> BoxFut;
    async fn unused_first(&self, _x: u32, y: u32) -> u32;
}

#[async_trait]
impl Lints for () {
    type A = u8;
    type B = String;
    async fn CamelMethod(&self) -> u32 {
        1
    }
    async fn pair(&self) -> Result<u8, String> {
        Ok(2)
    }
    async fn unit(&self) {}
    async fn explicit_unit(&self) -> () {}
    async fn with_const(&self) -> u32 {
        let base = 1;
        const STEP: u32 = 3;
        base + STEP
    }
    async fn shadow(&self, x: u32) -> u32 {
        let x = x + 1;
        x
    }
    async fn future_out(&self) -> BoxFut {
        Box::pin(async { 5 })
    }
    async fn unused_first(&self, _x: u32, y: u32) -> u32 {
        y
    }
}

fn main() {
    let u = ();
    assert_eq!(block_on(u.CamelMethod()), 1);
    assert_eq!(block_on(u.pair()), Ok(2));
    block_on(u.unit());
    block_on(u.explicit_unit());
    assert_eq!(block_on(u.with_const()), 4);
    assert_eq!(block_on(u.shadow(5)), 6);
    let inner = block_on(u.future_out());
    assert_eq!(block_on(inner), 5);
    assert_eq!(block_on(u.unused_first(0, 7)), 7);
    println!("lint-clean expansion ok");
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
