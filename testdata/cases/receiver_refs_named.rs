// case: `&self`, `&mut self`, `&'a self` (method lifetime) and `&'static self` receivers; `&mut self` body takes `&mut self` again (§2.1, §3.1, §3.3, §9 65)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Account {
    async fn balance(&self) -> i64;
    async fn deposit(&mut self, amount: i64) -> i64;
    async fn name<'a>(&'a self) -> &'a str;
    async fn describe(&'static self) -> String;
}

struct Acct {
    name: String,
    cents: i64,
}

impl Acct {
    fn add(&mut self, n: i64) {
        self.cents += n;
    }
}

fn bump(a: &mut Acct) {
    a.add(1);
}

#[async_trait]
impl Account for Acct {
    async fn balance(&self) -> i64 {
        self.cents
    }
    async fn deposit(&mut self, amount: i64) -> i64 {
        self.add(amount);
        bump(&mut self);
        bump(self);
        let me = &mut self;
        me.add(0);
        self.balance().await
    }
    async fn name<'a>(&'a self) -> &'a str {
        &self.name
    }
    async fn describe(&'static self) -> String {
        format!("{}: {}", self.name().await, self.cents)
    }
}

fn main() {
    let mut a = Acct { name: "alice".into(), cents: 10 };
    assert_eq!(block_on(a.deposit(5)), 17);
    assert_eq!(block_on(a.balance()), 17);
    assert_eq!(block_on(a.name()), "alice");
    let leaked: &'static Acct = Box::leak(Box::new(a));
    let d = block_on(leaked.describe());
    println!("{}", d);
    assert_eq!(d, "alice: 17");
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
