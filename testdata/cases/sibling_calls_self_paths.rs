// case: full trait + impl exercise (§9 1, §9 2): by-value, `&self`, `&mut self` defaults, a required method returning an associated type, elided and explicit lifetimes, a generic method with a bound, and methods calling siblings via `self.`, `Self::` and `<Self>::` / `<Self as Trait>::`, all awaited from async code
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Kitchen {
    type Dish: Send + std::fmt::Debug;
    async fn cook(&self, name: &str) -> Self::Dish;
    async fn prep<'a>(&self, name: &'a str) -> &'a str {
        name.trim()
    }
    async fn serve(&self, raw: &str) -> Self::Dish {
        let name = self.prep(raw).await;
        Self::cook(self, name).await
    }
    // `&mut self` infers only `Self: Send`; calling the `&self` default needs `Sync` too
    async fn serve_two(&mut self, a: &str, b: &str) -> (Self::Dish, Self::Dish)
    where
        Self: Sync,
    {
        let x = <Self>::serve(self, a).await;
        let y = <Self as Kitchen>::serve(self, b).await;
        (x, y)
    }
    async fn close(self) -> usize
    where
        Self: Sized,
    {
        0
    }
    async fn season<T: ToString + Send>(&self, t: T) -> String {
        format!("seasoned {}", t.to_string())
    }
}

#[derive(Default)]
struct Diner {
    served: usize,
}

#[async_trait]
impl Kitchen for Diner {
    type Dish = String;
    async fn cook(&self, name: &str) -> String {
        format!("{} #{}", name, self.served)
    }
    async fn serve_two(&mut self, a: &str, b: &str) -> (String, String) {
        self.served += 1;
        let x = self.serve(a).await;
        self.served += 1;
        let y = Self::serve(self, b).await;
        (x, y)
    }
    async fn close(self) -> usize {
        self.served
    }
}

fn main() {
    let mut d = Diner::default();
    assert_eq!(block_on(d.serve("  soup ")), "soup #0");
    let two = block_on(d.serve_two("egg", " ham"));
    assert_eq!(two, ("egg #1".to_string(), "ham #2".to_string()));
    assert_eq!(block_on(d.season(5)), "seasoned 5");
    let served = block_on(async move {
        let s = d.season("salt").await;
        assert_eq!(s, "seasoned salt");
        d.close().await
    });
    assert_eq!(served, 2);
    println!("{:?} served={}", two, served);
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
