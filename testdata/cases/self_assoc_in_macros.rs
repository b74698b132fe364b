// case: `Self`, `<Self>::`, `<Self as Tr>::` associated consts/types/fns referenced inside macro invocations in trait defaults and impl bodies (token-level `self` rename inside macros, `Self` untouched), inherent items via `Self::` in a generic impl, and a trait/impl where clause containing a type macro `mac!(Self): Send` (§5.2, §2.5, §9 33)
// deps: std
// edition: 2021
use async_trait::async_trait;

macro_rules! mac {
    ($($tt:tt)*) => {
        $($tt)*
    };
}

pub struct Struct<T> {
    x: T,
}

impl<T> Struct<T> {
    const INHERENT: &'static str = "inherent";
    fn inherent_fn() -> u32 {
        1
    }
}

#[async_trait]
pub trait Trait
where
    mac!(Self): Send,
{
    const CONST: &'static str;
    type Assoc: Default + std::fmt::Debug;

    fn sync_value(&self) -> u32;

    async fn in_default(&self) -> String {
        mac!(let a: Self::Assoc = Default::default(););
        mac!(let b: <Self>::Assoc = Default::default(););
        mac!(let c: <Self as Trait>::Assoc = Default::default(););
        let v = mac!(Self::sync_value(self) + <Self>::sync_value(self) + <Self as Trait>::sync_value(self));
        format!("{} {:?} {:?} {:?} {}", mac!(Self::CONST), a, b, c, v)
    }
    async fn plain(&self) -> u32;
}

#[async_trait]
impl<T: Send + Sync + Copy + Into<u32>> Trait for Struct<T>
where
    mac!(Self): Send,
{
    const CONST: &'static str = "struct";
    type Assoc = u8;

    fn sync_value(&self) -> u32 {
        self.x.into()
    }

    async fn plain(&self) -> u32 {
        let inh = mac!(Self::INHERENT.len() as u32 + <Self>::inherent_fn());
        let c = mac!(<Self as Trait>::CONST.len() as u32);
        let x = mac!(self.x.into());
        inh + c + x
    }
}

pub struct Unit;

#[async_trait]
impl Trait for Unit {
    const CONST: &'static str = "unit";
    type Assoc = ();
    fn sync_value(&self) -> u32 {
        0
    }
    async fn plain(&self) -> u32 {
        mac!(let Self = *self;);
        mac!(Self::CONST.len() as u32)
    }
}

fn main() {
    let s = Struct { x: 2u8 };
    assert_eq!(block_on(s.in_default()), "struct 0 0 0 6");
    assert_eq!(block_on(s.plain()), 8 + 1 + 6 + 2);
    assert_eq!(block_on(Unit.in_default()), "unit () () () 0");
    assert_eq!(block_on(Unit.plain()), 4);
    println!("{} / {}", block_on(s.in_default()), block_on(Unit.in_default()));
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
