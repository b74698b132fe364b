// case: supertrait `Sync` / `Send` / `::core::marker::Sync` / `std::marker::Send` suppress the inferred `Self: Sync`/`Send` on default methods, so defaults are callable through plain `&dyn Tr` / `&mut dyn Tr` (§3.2, §9 3, §9 50); `?Send` variant of a dyn trait with a default
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::cell::RefCell;
use std::rc::Rc;

#[async_trait]
trait PlainSync: Sync {
    fn v(&self) -> u32;
    async fn get(&self) -> u32 {
        self.v()
    }
}

#[async_trait]
trait FullyQualified: ::core::marker::Sync + std::marker::Send {
    fn v(&self) -> u32;
    async fn get(&self) -> u32 {
        self.v() * 2
    }
    async fn bump(&mut self) -> u32 {
        self.v() + 1
    }
}

#[async_trait]
trait SendOnly: Send {
    fn v(&self) -> u32;
    async fn take(&mut self) -> u32 {
        self.v() + 100
    }
}

#[async_trait(?Send)]
trait Local {
    fn cell(&self) -> Rc<RefCell<u32>>;
    async fn incr(&self) -> u32 {
        let c = self.cell();
        *c.borrow_mut() += 1;
        let v = *c.borrow();
        v
    }
}

struct S(u32);

impl PlainSync for S {
    fn v(&self) -> u32 {
        self.0
    }
}
impl FullyQualified for S {
    fn v(&self) -> u32 {
        self.0
    }
}
impl SendOnly for S {
    fn v(&self) -> u32 {
        self.0
    }
}

struct L(Rc<RefCell<u32>>);
impl Local for L {
    fn cell(&self) -> Rc<RefCell<u32>> {
        self.0.clone()
    }
}

fn main() {
    let mut s = S(5);
    let a: &dyn PlainSync = &s;
    assert_eq!(block_on(a.get()), 5);
    assert_eq!(block_on(a.get()), 5);
    let b: &dyn FullyQualified = &s;
    assert_eq!(block_on(b.get()), 10);
    let c: &mut dyn FullyQualified = &mut s;
    assert_eq!(block_on(c.bump()), 6);
    let d: &mut dyn SendOnly = &mut s;
    assert_eq!(block_on(d.take()), 105);
    let l: Box<dyn Local> = Box::new(L(Rc::new(RefCell::new(0))));
    block_on(l.incr());
    assert_eq!(block_on(l.incr()), 2);
    println!("dyn defaults ok: {} {}", block_on(PlainSync::get(&s)), block_on(l.incr()));
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
