// case: trait lifetime parameters used in parameter and return types (`'a: 'async_trait` added only when used, §2.3), impl for `&'a ()`, a trait with two lifetimes where only some methods mention them, and a trait lifetime inside a struct-typed parameter with a default calling other methods (§9 18, §9 19)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Borrow<'a> {
    async fn take(&self, s: &'a str) -> &'a str;
    async fn ignore(&self) -> u8;
}

#[async_trait]
impl<'a> Borrow<'a> for &'a () {
    async fn take(&self, s: &'a str) -> &'a str {
        &s[1..]
    }
    async fn ignore(&self) -> u8 {
        0
    }
}

#[async_trait]
trait Two<'a, 'b> {
    async fn first(&self, x: &'a u32) -> u32;
    async fn second(&self, y: &'b u32) -> &'b u32;
    async fn neither(&self) -> u32;
}

struct T2;

#[async_trait]
impl<'a, 'b> Two<'a, 'b> for T2 {
    async fn first(&self, x: &'a u32) -> u32 {
        *x + 1
    }
    async fn second(&self, y: &'b u32) -> &'b u32 {
        y
    }
    async fn neither(&self) -> u32 {
        5
    }
}

struct Ctx<'c> {
    name: &'c str,
}

#[async_trait]
trait Greeter<'c> {
    async fn hello(&self, ctx: Ctx<'c>) -> String;
    async fn twice(&self, ctx: Ctx<'c>) -> String
    where
        Self: Sync,
    {
        let first = self.hello(Ctx { name: ctx.name }).await;
        let second = self.hello(ctx).await;
        format!("{} {}", first, second)
    }
}

struct G;

#[async_trait]
impl<'c> Greeter<'c> for G {
    async fn hello(&self, ctx: Ctx<'c>) -> String {
        format!("hi {}", ctx.name)
    }
}

fn main() {
    let unit = ();
    let r: &() = &unit;
    let s = String::from("xhello");
    assert_eq!(block_on(r.take(&s)), "hello");
    assert_eq!(block_on(r.ignore()), 0);

    let a = 1;
    let b = 2;
    assert_eq!(block_on(Two::first(&T2, &a)), 2);
    assert_eq!(*block_on(Two::<'_, '_>::second(&T2, &b)), 2);
    assert_eq!(block_on(<T2 as Two<'_, '_>>::neither(&T2)), 5);

    let name = String::from("ann");
    let out = block_on(G.twice(Ctx { name: &name }));
    println!("{}", out);
    assert_eq!(out, "hi ann hi ann");
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
