// case: returned references bound to `self` by elision (`-> &str`, `-> Option<&T>`, `-> &mut Vec<u32>`) and by name (`-> &'a str` with `&'a self`); return types are not renamed (§2.1, §6 "Methods returning references")
// deps: std
// edition: 2021
// 0.1.56 does not put `#[allow(elided_named_lifetimes)]` on the methods (HEAD does, §8), so rustc 1.95 warns
// "eliding a lifetime that's named elsewhere" at `-> &str`; allowed here crate-wide.
#![allow(mismatched_lifetime_syntaxes)]
use async_trait::async_trait;

#[async_trait]
trait Holder {
    async fn name(&self) -> &str;
    async fn first(&self) -> Option<&u32>;
    async fn items_mut(&mut self) -> &mut Vec<u32>;
    async fn pick<'a>(&'a self, key: &str) -> &'a str;
}

struct Box2 {
    name: String,
    items: Vec<u32>,
}

#[async_trait]
impl Holder for Box2 {
    async fn name(&self) -> &str {
        &self.name
    }
    async fn first(&self) -> Option<&u32> {
        self.items.first()
    }
    async fn items_mut(&mut self) -> &mut Vec<u32> {
        &mut self.items
    }
    async fn pick<'a>(&'a self, key: &str) -> &'a str {
        if key == "name" {
            self.name.as_str()
        } else {
            "?"
        }
    }
}

fn main() {
    let mut b = Box2 { name: "crate".into(), items: vec![] };
    assert_eq!(block_on(b.first()), None);
    block_on(b.items_mut()).extend([3, 4]);
    assert_eq!(block_on(b.first()), Some(&3));
    assert_eq!(block_on(b.name()), "crate");
    let key = String::from("name");
    let picked = block_on(b.pick(&key));
    drop(key);
    assert_eq!(picked, "crate");
    println!("{} {:?}", picked, b.items);
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
