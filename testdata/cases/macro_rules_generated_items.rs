// case: `macro_rules!` generating `#[async_trait]` traits and impls from `$ty:ty`, `$name:ident`, `$expr:expr` and `tt` fragments, incl. method generics from metavariables (§9 23, §9 35, §10 macro-generated code)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Id {
    async fn id(&self) -> i32;
}

macro_rules! impl_id {
    ($ty:ty, $id:expr) => {
        #[async_trait]
        impl Id for $ty {
            async fn id(&self) -> i32 {
                $id
            }
        }
    };
}

struct A;
struct B<'a>(&'a str);

impl_id!(A, 1);
impl_id!(B<'_>, 2 + 3);
impl_id!(Vec<u8>, -1);

macro_rules! named_trait {
    ($name:ident, $method:ident, $out:ty, $val:expr) => {
        #[async_trait]
        trait $name {
            async fn $method(&self) -> $out;
        }
        #[async_trait]
        impl $name for A {
            async fn $method(&self) -> $out {
                $val
            }
        }
    };
}

named_trait!(Greeting, greet, String, "hello".to_string());
named_trait!(Answer, answer, u64, 42);

macro_rules! generic_tt {
    ($tyargs:tt : $bound:tt) => {
        #[async_trait]
        trait Commands1: Sized {
            async fn wrap<$tyargs: $bound>(&mut self, x: $tyargs) -> Vec<$tyargs> {
                vec![x]
            }
        }
    };
}

macro_rules! generic_ident {
    ($tyargs:ident : $bound:ident) => {
        #[async_trait]
        trait Commands2: Sized {
            async fn wrap2<$tyargs: $bound>(&mut self, x: $tyargs) -> Option<$tyargs> {
                Some(x)
            }
        }
    };
}

generic_tt!(K: Send);
generic_ident!(K: Send);

impl Commands1 for A {}
impl Commands2 for A {}

fn main() {
    let ids = [block_on(A.id()), block_on(B("b").id()), block_on(vec![1u8].id())];
    assert_eq!(ids, [1, 5, -1]);
    assert_eq!(block_on(A.greet()), "hello");
    assert_eq!(block_on(A.answer()), 42);
    let mut a = A;
    assert_eq!(block_on(a.wrap(3)), [3]);
    assert_eq!(block_on(a.wrap2("s")), Some("s"));
    println!("ids {:?} greet {} {}", ids, block_on(A.greet()), B("b").0);
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
