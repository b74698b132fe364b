// case: by-value receivers `self` and `mut self` in required, defaulted (`where Self: Sized`) and implemented methods; binding `mut` dropped from the signature (§2.8, §3.1, §3.3, §9 16, §9 6)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Consume {
    async fn into_total(self) -> u32;
    async fn into_doubled(mut self) -> u32;
    async fn into_label(mut self) -> String
    where
        Self: Sized,
    {
        let total = self.bump_sync();
        println!("default into_label sees {}", total);
        format!("total={}", total)
    }
    fn bump_sync(&mut self) -> u32;
}

struct Bag {
    items: Vec<u32>,
}

#[async_trait]
impl Consume for Bag {
    async fn into_total(self) -> u32 {
        println!("into_total with {} items", self.items.len());
        self.items.iter().sum()
    }
    // the impl may drop `mut` even though the trait wrote it, and vice versa
    async fn into_doubled(mut self) -> u32 {
        for x in self.items.iter_mut() {
            *x *= 2;
        }
        self.items.push(1);
        self.items.into_iter().sum()
    }
    fn bump_sync(&mut self) -> u32 {
        self.items.push(100);
        self.items.iter().sum()
    }
}

fn main() {
    assert_eq!(block_on(Bag { items: vec![1, 2, 3] }.into_total()), 6);
    assert_eq!(block_on(Bag { items: vec![1, 2, 3] }.into_doubled()), 13);
    let s = block_on(Bag { items: vec![5] }.into_label());
    assert_eq!(s, "total=105");
    println!("{}", s);
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
