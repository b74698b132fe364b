// case: impls whose self type has lifetimes: `Wrapper<'_>` (§9 37), `&Struct` (elided, header untouched in HEAD, 'implN in 0.1.56 — both compile, §8 row 0.1.65, §9 59), `&'a mut Struct`, and an impl with an anonymous lifetime in the trait path
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Describe {
    async fn describe(&self) -> String;
}

struct Wrapper<'a> {
    inner: &'a str,
}

#[async_trait]
impl Describe for Wrapper<'_> {
    async fn describe(&self) -> String {
        format!("wrapper({})", self.inner)
    }
}

struct Thing {
    id: u32,
}

#[async_trait]
impl Describe for &Thing {
    async fn describe(&self) -> String {
        format!("&thing({})", self.id)
    }
}

#[async_trait]
impl<'a> Describe for &'a mut Thing {
    async fn describe(&self) -> String {
        format!("&mut thing({})", self.id)
    }
}

#[async_trait]
trait Visit<'v> {
    async fn visit(&mut self, item: &'v str);
}

struct Collector<'v> {
    seen: Vec<&'v str>,
}

#[async_trait]
impl<'v> Visit<'v> for Collector<'v> {
    async fn visit(&mut self, item: &'v str) {
        self.seen.push(item);
    }
}

fn main() {
    let s = String::from("inner");
    assert_eq!(block_on(Wrapper { inner: &s }.describe()), "wrapper(inner)");
    let mut t = Thing { id: 4 };
    assert_eq!(block_on((&t).describe()), "&thing(4)");
    let m = &mut t;
    assert_eq!(block_on(m.describe()), "&mut thing(4)");
    let words = vec![String::from("a"), String::from("b")];
    let mut c = Collector { seen: Vec::new() };
    for w in &words {
        block_on(c.visit(w));
    }
    assert_eq!(c.seen, ["a", "b"]);
    println!("{} {:?}", block_on(Wrapper { inner: "x" }.describe()), c.seen);
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
