// case: dyn use of async traits: `Box<dyn Tr + Send + Sync>`, `&dyn Tr`, `Arc<dyn Tr>`, `&mut dyn Tr`; defaults callable through `&(dyn Tr + Sync)` / `&mut (dyn Tr + Send)` (§6 dyn compatibility, §9 3); `where Self: Sized` methods excluded from the vtable
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
trait Animal {
    async fn name(&self) -> String;
    async fn rename(&mut self, to: &str);
    async fn shout(&self) -> String {
        self.name().await.to_uppercase()
    }
    async fn clone_boxed(&self) -> Self
    where
        Self: Sized + Clone,
    {
        self.clone()
    }
}

#[derive(Clone)]
struct Dog(String);

#[async_trait]
impl Animal for Dog {
    async fn name(&self) -> String {
        self.0.clone()
    }
    async fn rename(&mut self, to: &str) {
        self.0 = to.to_string();
    }
}

struct Cat;

#[async_trait]
impl Animal for Cat {
    async fn name(&self) -> String {
        "cat".into()
    }
    async fn rename(&mut self, _to: &str) {}
    async fn shout(&self) -> String {
        "MEOW".into()
    }
}

async fn names(zoo: &[Box<dyn Animal + Send + Sync>]) -> Vec<String> {
    let mut out = Vec::new();
    for a in zoo {
        out.push(a.shout().await);
    }
    out
}

fn main() {
    let zoo: Vec<Box<dyn Animal + Send + Sync>> = vec![Box::new(Dog("rex".into())), Box::new(Cat)];
    assert_eq!(block_on(names(&zoo)), ["REX", "MEOW"]);

    let r: &dyn Animal = &Cat;
    assert_eq!(block_on(r.name()), "cat");
    let r_sync: &(dyn Animal + Sync) = &Dog("fido".into());
    assert_eq!(block_on(r_sync.shout()), "FIDO");

    let mut d = Dog("a".into());
    {
        let m: &mut (dyn Animal + Send) = &mut d;
        block_on(m.rename("b"));
    }
    assert_eq!(block_on(d.name()), "b");
    assert_eq!(block_on(block_on(d.clone_boxed()).name()), "b");

    let shared: Arc<dyn Animal + Send + Sync> = Arc::new(Dog("arc".into()));
    let s2 = Arc::clone(&shared);
    let got = std::thread::spawn(move || block_on(s2.shout())).join().unwrap();
    assert_eq!(got, "ARC");
    println!("{:?} {}", block_on(names(&zoo)), got);
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
