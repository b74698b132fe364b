// case: generic trait `Trait<T>` with impls for `Vec<T>` (impl-level `T: Sync` bound) and a method-level generic on top (§2.2: trait/impl type params get no 'async_trait bound; §9 10)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::fmt::Debug;

#[async_trait]
trait Container<T> {
    async fn first_matching<'s, F>(&'s self, pred: F) -> Option<&'s T>
    where
        F: Fn(&T) -> bool + Send;
    async fn push_owned(&mut self, t: T)
    where
        T: 'async_trait;
    async fn render<U: Debug + Send>(&self, extra: U) -> String;
}

#[async_trait]
impl<T: Debug + Send + Sync> Container<T> for Vec<T> {
    async fn first_matching<'s, F>(&'s self, pred: F) -> Option<&'s T>
    where
        F: Fn(&T) -> bool + Send,
    {
        self.iter().find(|t| pred(t))
    }
    async fn push_owned(&mut self, t: T)
    where
        T: 'async_trait,
    {
        self.push(t);
    }
    async fn render<U: Debug + Send>(&self, extra: U) -> String {
        format!("{:?} + {:?}", self, extra)
    }
}

async fn use_generic<C: Container<u8> + Sync>(c: &C) -> Option<u8> {
    c.first_matching(|x| *x > 1).await.copied()
}

fn main() {
    let mut v: Vec<u8> = vec![1, 2, 3];
    assert_eq!(block_on(v.first_matching(|x| *x % 2 == 0)), Some(&2));
    block_on(v.push_owned(4));
    assert_eq!(v, [1, 2, 3, 4]);
    assert_eq!(block_on(use_generic(&v)), Some(2));
    let s = block_on(v.render("tail"));
    println!("{}", s);
    assert_eq!(s, "[1, 2, 3, 4] + \"tail\"");
    let mut words: Vec<String> = Vec::new();
    block_on(words.push_owned("w".to_string()));
    assert_eq!(block_on(words.render(1u8)), "[\"w\"] + 1");
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
