// case: default bodies whose tail needs the declared return type for inference/coercion (`Box<dyn Iterator<Item = u32> + Send + 'a>`, `.collect()` into the declared type, `Default::default()`, `.into()`), the typed `let __ret: R = ..` drives it (§5.1 b, §9 7)
// deps: std
// edition: 2021
use async_trait::async_trait;
use std::collections::BTreeSet;

#[async_trait]
trait Source {
    fn raw(&self) -> Vec<u32>;
    async fn iter<'a>(&'a self) -> Box<dyn Iterator<Item = u32> + Send + 'a> {
        Box::new(self.raw().into_iter().map(|x| x * 2))
    }
    async fn unique(&self) -> BTreeSet<u32> {
        self.raw().into_iter().collect()
    }
    async fn empty(&self) -> Vec<String> {
        Default::default()
    }
    async fn label(&self) -> String {
        "label".into()
    }
    async fn parsed(&self) -> Result<u32, std::num::ParseIntError> {
        "7".parse()
    }
}

struct S;

impl Source for S {
    fn raw(&self) -> Vec<u32> {
        vec![3, 1, 3, 2]
    }
}

fn main() {
    let doubled: Vec<u32> = block_on(S.iter()).collect();
    assert_eq!(doubled, [6, 2, 6, 4]);
    assert_eq!(block_on(S.unique()).into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    assert!(block_on(S.empty()).is_empty());
    assert_eq!(block_on(S.label()), "label");
    assert_eq!(block_on(S.parsed()), Ok(7));
    println!("{:?}", doubled);
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
