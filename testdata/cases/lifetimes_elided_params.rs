// case: elided lifetimes in parameter types named 'life0.. depth-first: `&str`, `&'a str` (method lifetime), `Foo<'_>`, `&Foo<'_>`, `&mut [&str]`, `&&u8`, `&'_ T`, `Option<&str>` (§2.1, §2.4)
// deps: std
// edition: 2021
use async_trait::async_trait;

struct Window<'a> {
    text: &'a str,
}

#[async_trait]
trait Lifetimes {
    async fn plain(&self, s: &str) -> usize;
    async fn named<'a>(&self, s: &'a str, t: &'a str) -> &'a str;
    async fn placeholder(&self, w: Window<'_>) -> usize;
    async fn ref_to_placeholder(&self, w: &Window<'_>) -> String;
    async fn sort_words(&self, words: &mut [&str]);
    async fn double_ref(&self, b: &&u8) -> u8;
    async fn anon(&self, x: &'_ u32, y: Option<&str>) -> u32;
}

struct L;

#[async_trait]
impl Lifetimes for L {
    async fn plain(&self, s: &str) -> usize {
        s.len()
    }
    async fn named<'a>(&self, s: &'a str, t: &'a str) -> &'a str {
        if s.len() >= t.len() {
            s
        } else {
            t
        }
    }
    async fn placeholder(&self, w: Window<'_>) -> usize {
        w.text.split_whitespace().count()
    }
    async fn ref_to_placeholder(&self, w: &Window<'_>) -> String {
        w.text.to_uppercase()
    }
    async fn sort_words(&self, words: &mut [&str]) {
        words.sort();
    }
    async fn double_ref(&self, b: &&u8) -> u8 {
        **b + 1
    }
    async fn anon(&self, x: &'_ u32, y: Option<&str>) -> u32 {
        *x + y.map_or(0, |s| s.len() as u32)
    }
}

fn main() {
    let l = L;
    assert_eq!(block_on(l.plain("four")), 4);
    let owned = String::from("longer");
    assert_eq!(block_on(l.named("ab", &owned)), "longer");
    assert_eq!(block_on(l.placeholder(Window { text: "a b c" })), 3);
    assert_eq!(block_on(l.ref_to_placeholder(&Window { text: "hi" })), "HI");
    let mut words = vec!["pear", "apple", "fig"];
    block_on(l.sort_words(&mut words));
    assert_eq!(words, ["apple", "fig", "pear"]);
    let b = 41u8;
    assert_eq!(block_on(l.double_ref(&&b)), 42);
    assert_eq!(block_on(l.anon(&1, Some("xyz"))), 4);
    assert_eq!(block_on(l.anon(&1, None)), 1);
    println!("sorted {:?}", words);
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
