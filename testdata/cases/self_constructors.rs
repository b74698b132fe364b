// case: `Self` as unit, tuple and braced constructor, `Self::Variant` (unit/tuple/struct-like, incl. no-field `Variant()`/`Variant {}`) in impl bodies and patterns, enum matched via the enum name and via `Self::`, `PhantomData<_>`-typed fields, and an impl returning the concrete type where the trait says `Self` (§2.5 has_self from bodies, §9 20, §9 24, §9 28, §9 31)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::marker::PhantomData;

#[async_trait]
trait Make: Sized {
    async fn make(n: u32) -> Self;
    async fn check(&self) -> String;
}

#[derive(Debug, PartialEq)]
struct Unit;
#[derive(Debug, PartialEq)]
struct Tuple(u32);
#[derive(Debug, PartialEq)]
struct Braced {
    n: u32,
}
#[derive(Debug, PartialEq)]
struct Ghost<T>(u32, PhantomData<T>);

#[derive(Debug, PartialEq)]
enum E {
    A,
    B(u32),
    C { n: u32 },
    D(),
    F {},
}

#[async_trait]
impl Make for Unit {
    async fn make(_n: u32) -> Self {
        Self
    }
    async fn check(&self) -> String {
        let Self = self;
        "unit".into()
    }
}

#[async_trait]
impl Make for Tuple {
    async fn make(n: u32) -> Tuple {
        Self(n)
    }
    async fn check(&self) -> String {
        let Self(n) = self;
        format!("tuple {}", n)
    }
}

#[async_trait]
impl Make for Braced {
    async fn make(n: u32) -> Self {
        Self { n }
    }
    async fn check(&self) -> String {
        let Self { n } = self;
        format!("braced {}", n)
    }
}

#[async_trait]
impl<T: Send + Sync> Make for Ghost<T> {
    async fn make(n: u32) -> Self {
        Self(n, PhantomData)
    }
    async fn check(&self) -> String {
        let copy: Ghost<T> = Self(self.0, PhantomData::<_>);
        format!("ghost {}", copy.0)
    }
}

#[async_trait]
impl Make for E {
    async fn make(n: u32) -> Self {
        match n {
            0 => Self::A,
            1 => Self::B(n),
            2 => Self::C { n },
            3 => Self::D(),
            _ => Self::F {},
        }
    }
    async fn check(&self) -> String {
        match self {
            Self::A => "A".into(),
            E::B(n) => format!("B{}", n),
            Self::C { n } => format!("C{}", n),
            Self::D() => "D()".into(),
            E::F {} => "F{}".into(),
        }
    }
}

fn main() {
    assert_eq!(block_on(Unit::make(0)), Unit);
    assert_eq!(block_on(Tuple::make(4)), Tuple(4));
    assert_eq!(block_on(Braced::make(5)), Braced { n: 5 });
    assert_eq!(block_on(Ghost::<String>::make(6)).0, 6);
    let checks = [
        block_on(Unit.check()),
        block_on(Tuple(1).check()),
        block_on(Braced { n: 2 }.check()),
        block_on(Ghost::<u8>(3, PhantomData).check()),
    ];
    assert_eq!(checks, ["unit", "tuple 1", "braced 2", "ghost 3"]);
    let mut variants = Vec::new();
    for i in 0..5 {
        variants.push(block_on(block_on(E::make(i)).check()));
    }
    assert_eq!(variants, ["A", "B1", "C2", "D()", "F{}"]);
    println!("{:?} {:?}", checks, variants);
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
