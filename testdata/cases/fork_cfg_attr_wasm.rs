// case: the fork's mode selected by configuration: `#[cfg_attr(target_arch = "wasm32", async_trait_without_send)] #[cfg_attr(not(target_arch = "wasm32"), async_trait_with_send)]` on trait and impl (§11); on this (non-wasm) target the futures are Send and run on another thread
// deps: std
// edition: 2021
// oracle: skip (fork attributes)
use std::sync::Arc;
// one of the two attributes is unused on any given target
#[allow(unused_imports)]
use workflow_async_trait::{async_trait_with_send, async_trait_without_send};

#[cfg_attr(target_arch = "wasm32", async_trait_without_send)]
#[cfg_attr(not(target_arch = "wasm32"), async_trait_with_send)]
pub trait Store {
    async fn load(&self, key: &str) -> Option<String>;
    async fn load_or(&self, key: &str, fallback: &str) -> String {
        self.load(key).await.unwrap_or_else(|| fallback.to_string())
    }
}

pub struct Db {
    rows: Vec<(String, String)>,
}

#[cfg_attr(target_arch = "wasm32", async_trait_without_send)]
#[cfg_attr(not(target_arch = "wasm32"), async_trait_with_send)]
impl Store for Db {
    async fn load(&self, key: &str) -> Option<String> {
        yield_now().await;
        self.rows.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn on_thread(db: Arc<Db>) -> String {
    std::thread::spawn(move || block_on(db.load_or("b", "-"))).join().unwrap()
}

#[cfg(target_arch = "wasm32")]
fn on_thread(db: Arc<Db>) -> String {
    block_on(db.load_or("b", "-"))
}

fn main() {
    let db = Arc::new(Db { rows: vec![("a".into(), "1".into()), ("b".into(), "2".into())] });
    assert_eq!(block_on(db.load("a")), Some("1".to_string()));
    assert_eq!(block_on(db.load_or("zz", "none")), "none");
    assert_eq!(on_thread(db.clone()), "2");
    let objs: Vec<Box<dyn Store + Sync>> = vec![Box::new(Db { rows: vec![] })];
    assert_eq!(block_on(objs[0].load_or("x", "empty")), "empty");
    println!("cfg_attr fork mode ok: {}", on_thread(db));
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

    /// A future that returns Pending once and wakes itself from another thread.
    pub struct YieldOnce(bool);
    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                return Poll::Ready(());
            }
            self.0 = true;
            let w = cx.waker().clone();
            std::thread::spawn(move || w.wake());
            Poll::Pending
        }
    }
    pub fn yield_now() -> YieldOnce {
        YieldOnce(false)
    }
}
use executor::{block_on, yield_now};
