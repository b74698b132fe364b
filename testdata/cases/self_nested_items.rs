// case: items nested in bodies keep their own `self` (fn, struct + impl, trait + impl; not renamed, §5.2), a body-local `macro_rules!` referring to `self` and `Self` (§9 8, §9 26), and a closure and nested `async` block capturing `self`
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Outer {
    fn base(&self) -> u32;
    async fn compute(&self) -> u32 {
        struct Inner {
            v: u32,
        }
        impl Inner {
            fn get(&self) -> u32 {
                self.v * 10
            }
        }
        trait Half {
            fn half(&self) -> u32;
        }
        impl Half for u32 {
            fn half(&self) -> u32 {
                *self / 2
            }
        }
        fn helper(x: u32) -> u32 {
            x + 1
        }
        macro_rules! base_of_self {
            () => {
                Self::base(self)
            };
        }
        let inner = Inner { v: self.base() };
        let closure = || self.base() + 1;
        let nested = async { self.base() + 2 }.await;
        inner.get() + helper(base_of_self!()) + closure() + nested + 40u32.half()
    }
}

struct O(u32);

impl Outer for O {
    fn base(&self) -> u32 {
        self.0
    }
}

#[async_trait]
trait Labelled {
    async fn label(&self) -> String;
}

#[async_trait]
impl Labelled for O {
    async fn label(&self) -> String {
        struct Tag<'a>(&'a str);
        impl Tag<'_> {
            fn render(&self) -> String {
                format!("<{}>", self.0)
            }
        }
        Tag(&format!("o{}", self.0)).render()
    }
}

fn main() {
    // 10 + (1+1) + 2 + 3 + 20
    assert_eq!(block_on(O(1).compute()), 10 + 2 + 2 + 3 + 20);
    assert_eq!(block_on(O(5).label()), "<o5>");
    println!("compute={} label={}", block_on(O(2).compute()), block_on(O(2).label()));
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
