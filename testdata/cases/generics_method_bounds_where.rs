// case: method generics with inline bounds, `?Sized`, no bounds, lifetime params `<'a: 'b, 'b>`, a user where clause with a trailing comma, `Self` in a generic bound (`T: Into<Self>`), all moved to the where clause after the user's predicates (§2.2, §2.6, §2.7, §6)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::fmt::{Debug, Display};

#[async_trait]
trait Generic {
    async fn show<T: Display + Send>(&self, t: T) -> String;
    async fn show_ref<T: ?Sized + Debug + Sync>(&self, t: &T) -> String;
    async fn count<I>(&self, items: I) -> usize
    where
        I: IntoIterator + Send,
        I::IntoIter: Send,;
    async fn longest<'a: 'b, 'b>(&self, a: &'a str, b: &'b str) -> &'b str;
    async fn absorb<T: Into<Self> + Send>(&mut self, t: T)
    where
        Self: Sized;
    async fn unbounded<T>(t: T) -> Vec<T>
    where
        T: Send;
}

#[derive(Debug, Default, PartialEq)]
struct Acc(i64);

impl From<i64> for Acc {
    fn from(v: i64) -> Self {
        Acc(v)
    }
}

#[async_trait]
impl Generic for Acc {
    async fn show<T: Display + Send>(&self, t: T) -> String {
        format!("{}:{}", self.0, t)
    }
    async fn show_ref<T: ?Sized + Debug + Sync>(&self, t: &T) -> String {
        format!("{:?}", t)
    }
    async fn count<I>(&self, items: I) -> usize
    where
        I: IntoIterator + Send,
        I::IntoIter: Send,
    {
        items.into_iter().count()
    }
    async fn longest<'a: 'b, 'b>(&self, a: &'a str, b: &'b str) -> &'b str {
        if a.len() > b.len() {
            a
        } else {
            b
        }
    }
    async fn absorb<T: Into<Self> + Send>(&mut self, t: T) {
        let other: Self = t.into();
        self.0 += other.0;
    }
    async fn unbounded<T>(t: T) -> Vec<T>
    where
        T: Send,
    {
        vec![t]
    }
}

fn main() {
    let mut a = Acc(1);
    assert_eq!(block_on(a.show(2.5)), "1:2.5");
    assert_eq!(block_on(a.show_ref("slice")), "\"slice\"");
    assert_eq!(block_on(a.show_ref(&[1, 2][..])), "[1, 2]");
    assert_eq!(block_on(a.count(vec![1, 2, 3])), 3);
    assert_eq!(block_on(a.longest("abc", "de")), "abc");
    block_on(a.absorb(41i64));
    assert_eq!(a, Acc(42));
    assert_eq!(block_on(Acc::unbounded("x")), ["x"]);
    println!("{:?} {}", a, block_on(a.show("done")));
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
