// case: the attribute re-exported through a local module: `mod rt { pub use async_trait::async_trait; }` then `#[rt::async_trait]` and `#[crate::rt::async_trait(?Send)]` (§10)
// deps: std
// edition: 2021

mod rt {
    pub use async_trait::async_trait;
}

#[rt::async_trait]
pub trait Fetch {
    async fn fetch(&self, id: u32) -> String;
}

#[crate::rt::async_trait(?Send)]
pub trait FetchLocal {
    async fn fetch_local(&self, id: u32) -> String;
}

struct Db;

#[rt::async_trait]
impl Fetch for Db {
    async fn fetch(&self, id: u32) -> String {
        format!("row-{}", id)
    }
}

#[crate::rt::async_trait(?Send)]
impl FetchLocal for Db {
    async fn fetch_local(&self, id: u32) -> String {
        let r = self.fetch(id).await;
        format!("local:{}", r)
    }
}

mod inner {
    use super::rt;
    pub struct Nested;
    #[rt::async_trait]
    impl super::Fetch for Nested {
        async fn fetch(&self, id: u32) -> String {
            format!("nested-{}", id)
        }
    }
}

fn main() {
    assert_eq!(block_on(Db.fetch(7)), "row-7");
    assert_eq!(block_on(Db.fetch_local(8)), "local:row-8");
    let objs: Vec<Box<dyn Fetch>> = vec![Box::new(Db), Box::new(inner::Nested)];
    let got: Vec<String> = objs.iter().map(|o| block_on(o.fetch(1))).collect();
    println!("{:?}", got);
    assert_eq!(got, ["row-1", "nested-1"]);
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
