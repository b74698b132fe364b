// case: blanket impls `impl<T: Display + Sync> Tr for T` (no `Self: 'async_trait` needed from bodies using `Self::`, §9 63), impl for `&P` with `P: ?Sized`, and a generic method whose closure parameter takes a reference to an associated type (§9 36)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::fmt::Display;

#[async_trait]
trait Render {
    async fn render(&self) -> String;
}

#[async_trait]
impl<T: Display + Sync> Render for T {
    async fn render(&self) -> String {
        format!("<{}>", self)
    }
}

#[async_trait]
trait Kind {
    fn kind() -> &'static str;
    async fn tagged(&self) -> String;
}

#[async_trait]
impl<T: Display + Sync> Kind for Vec<T> {
    fn kind() -> &'static str {
        "vec"
    }
    async fn tagged(&self) -> String {
        let parts: Vec<String> = self.iter().map(|x| x.to_string()).collect();
        format!("{}[{}]", Self::kind(), parts.join(","))
    }
}

#[async_trait]
trait Process {
    type Item: Sync;
    fn items(&self) -> Vec<Self::Item>;
    async fn each<F>(&self, f: F) -> usize
    where
        F: Fn(&Self::Item) -> bool + Send;
}

struct Nums;

#[async_trait]
impl Process for Nums {
    type Item = i32;
    fn items(&self) -> Vec<i32> {
        vec![-1, 2, 3]
    }
    async fn each<F>(&self, f: F) -> usize
    where
        F: Fn(&Self::Item) -> bool + Send,
    {
        self.items().iter().filter(|i| f(i)).count()
    }
}

#[async_trait]
impl<'a, P: ?Sized + Process + Sync> Process for &'a P {
    type Item = P::Item;
    fn items(&self) -> Vec<P::Item> {
        (**self).items()
    }
    async fn each<F>(&self, f: F) -> usize
    where
        F: Fn(&Self::Item) -> bool + Send,
    {
        (**self).each(f).await + 1000
    }
}

fn main() {
    assert_eq!(block_on(5.render()), "<5>");
    assert_eq!(block_on("str".render()), "<str>");
    assert_eq!(block_on(vec![1, 2].tagged()), "vec[1,2]");
    assert_eq!(block_on(Nums.each(|i| *i > 0)), 2);
    let r = &Nums;
    assert_eq!(block_on(Process::each(&r, |i: &i32| *i < 0)), 1001);
    println!("{} {}", block_on(3.5.render()), block_on(vec!["a"].tagged()));
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
