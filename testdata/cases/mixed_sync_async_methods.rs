// case: traits and impls mixing async and non-async methods, associated consts and types, a sync default calling nothing async, and an async default calling sync ones; only `async fn`s are rewritten (§1.2)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Repo {
    type Id: Copy + Send + Sync + std::fmt::Debug;
    const KIND: &'static str;
    fn next_id(&mut self) -> Self::Id;
    fn kind(&self) -> &'static str {
        Self::KIND
    }
    async fn insert(&mut self, value: String) -> Self::Id;
    async fn get(&self, id: Self::Id) -> Option<String>;
    async fn describe(&self, id: Self::Id) -> String {
        format!("{}#{:?}={:?}", self.kind(), id, self.get(id).await)
    }
}

#[derive(Default)]
struct VecRepo {
    items: Vec<String>,
}

#[async_trait]
impl Repo for VecRepo {
    type Id = usize;
    const KIND: &'static str = "vec";
    fn next_id(&mut self) -> usize {
        self.items.len()
    }
    async fn insert(&mut self, value: String) -> usize {
        let id = self.next_id();
        self.items.push(value);
        id
    }
    async fn get(&self, id: usize) -> Option<String> {
        self.items.get(id).cloned()
    }
}

fn main() {
    let mut r = VecRepo::default();
    let a = block_on(r.insert("alpha".into()));
    let b = block_on(r.insert("beta".into()));
    assert_eq!((a, b), (0, 1));
    assert_eq!(r.kind(), "vec");
    assert_eq!(block_on(r.describe(1)), "vec#1=Some(\"beta\")");
    assert_eq!(block_on(r.describe(7)), "vec#7=None");
    println!("{}", block_on(r.describe(0)));
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
