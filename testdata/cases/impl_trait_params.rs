// case: `impl Trait` parameters get `'async_trait` as first bound and parens where needed: `impl Fn(&str) -> u8 + Send`, `impl FnMut(&str) + Send`, `&impl Display`, `&mut impl Iterator`, `impl Iterator<Item = impl Display>`, `Box<impl Fn() + Send>` (§2.9, §9 51, §9 54)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::fmt::Display;

#[async_trait]
trait Callbacks {
    // the `&str` inside `Fn(&str)` gets a named lifetime ('life1), so `f` is no longer
    // higher-ranked: it can be called with 'static strings but not with `s` (see
    // fail_impl_fn_param_not_higher_ranked.rs)
    async fn apply(&self, f: impl Fn(&str) -> u8 + Send, s: &'static str) -> u8;
    async fn each(&self, f: impl FnMut(&str) + Send);
    async fn show(&self, d: &(impl Display + Sync)) -> String;
    async fn drain(&self, it: &mut (impl Iterator<Item = u32> + Send)) -> u32;
    async fn join(&self, items: impl Iterator<Item = impl Display> + Send) -> String;
    async fn boxed(&self, f: Box<impl Fn() -> u32 + Send>) -> u32;
}

struct C {
    words: Vec<&'static str>,
}

#[async_trait]
impl Callbacks for C {
    async fn apply(&self, f: impl Fn(&str) -> u8 + Send, s: &'static str) -> u8 {
        f(s) + f("")
    }
    async fn each(&self, mut f: impl FnMut(&str) + Send) {
        for w in &self.words {
            f(w);
        }
    }
    async fn show(&self, d: &(impl Display + Sync)) -> String {
        format!("({})", d)
    }
    async fn drain(&self, it: &mut (impl Iterator<Item = u32> + Send)) -> u32 {
        let mut total = 0;
        for x in it.by_ref().take(2) {
            total += x;
        }
        total
    }
    async fn join(&self, items: impl Iterator<Item = impl Display> + Send) -> String {
        items.map(|x| x.to_string()).collect::<Vec<_>>().join("+")
    }
    async fn boxed(&self, f: Box<impl Fn() -> u32 + Send>) -> u32 {
        f() * 2
    }
}

fn main() {
    let c = C { words: vec!["a", "bb", "ccc"] };
    assert_eq!(block_on(c.apply(|s| s.len() as u8, "four")), 4);
    let mut seen = Vec::new();
    block_on(c.each(|w| seen.push(w.len())));
    assert_eq!(seen, [1, 2, 3]);
    assert_eq!(block_on(c.show(&3.5)), "(3.5)");
    let mut it = vec![1u32, 2, 3].into_iter();
    assert_eq!(block_on(c.drain(&mut it)), 3);
    assert_eq!(it.next(), Some(3));
    assert_eq!(block_on(c.join(vec![1, 2, 3].into_iter())), "1+2+3");
    assert_eq!(block_on(c.join(["x", "y"].into_iter())), "x+y");
    assert_eq!(block_on(c.boxed(Box::new(|| 21))), 42);
    println!("seen {:?}", seen);
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
