// case: early `return` inside a body returns from the async block; the output type is pinned before the body (`None::<R>` trick) so `return &thing` coerces to `&'static dyn Tr` / `Box<dyn Tr>`, `?` works, and the tail coerces too (§5.1 b, §9 45)
// deps: std
// edition: 2021
use async_trait::async_trait;

trait Shape: Sync {
    fn area(&self) -> u32;
}
struct Square(u32);
impl Shape for Square {
    fn area(&self) -> u32 {
        self.0 * self.0
    }
}
struct Empty;
impl Shape for Empty {
    fn area(&self) -> u32 {
        0
    }
}

static SQUARE: Square = Square(3);
static EMPTY: Empty = Empty;

#[async_trait]
trait Pick {
    async fn pick(&self, big: bool) -> &'static dyn Shape;
    async fn boxed(&self, n: u32) -> Box<dyn Shape + Send>;
    async fn parse(&self, s: &str) -> Result<u32, std::num::ParseIntError>;
}

struct P;

#[async_trait]
impl Pick for P {
    async fn pick(&self, big: bool) -> &'static dyn Shape {
        if big {
            return &SQUARE;
        }
        &EMPTY
    }
    async fn boxed(&self, n: u32) -> Box<dyn Shape + Send> {
        if n == 0 {
            return Box::new(Empty);
        }
        Box::new(Square(n))
    }
    async fn parse(&self, s: &str) -> Result<u32, std::num::ParseIntError> {
        let n: u32 = s.trim().parse()?;
        if n > 100 {
            return Ok(100);
        }
        Ok(n)
    }
}

fn main() {
    assert_eq!(block_on(P.pick(true)).area(), 9);
    assert_eq!(block_on(P.pick(false)).area(), 0);
    assert_eq!(block_on(P.boxed(4)).area(), 16);
    assert_eq!(block_on(P.boxed(0)).area(), 0);
    assert_eq!(block_on(P.parse(" 5 ")), Ok(5));
    assert_eq!(block_on(P.parse("500")), Ok(100));
    assert!(block_on(P.parse("x")).is_err());
    println!("areas {} {}", block_on(P.pick(true)).area(), block_on(P.boxed(2)).area());
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
