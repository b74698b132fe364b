// case: associated types in signatures (`Self::Item`, `Result<Self::A, Self::B>`, §9 43) and associated consts read through `Self::` in default bodies (§9 27); generic caller constrained on the associated type (§6)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Parser {
    type Output: Send;
    type Error: Send + std::fmt::Debug;
    const NAME: &'static str;
    const LIMIT: usize = 8;

    async fn parse(&self, s: &str) -> Result<Self::Output, Self::Error>;
    async fn parse_limited(&self, s: &str) -> Result<Self::Output, String> {
        if s.len() > Self::LIMIT {
            return Err(format!("{}: too long (>{})", Self::NAME, Self::LIMIT));
        }
        self.parse(s).await.map_err(|e| format!("{}: {:?}", Self::NAME, e))
    }
}

struct Ints;
struct Words;

#[async_trait]
impl Parser for Ints {
    type Output = i64;
    type Error = std::num::ParseIntError;
    const NAME: &'static str = "ints";
    async fn parse(&self, s: &str) -> Result<i64, std::num::ParseIntError> {
        s.parse()
    }
}

#[async_trait]
impl Parser for Words {
    type Output = Vec<String>;
    type Error = ();
    const NAME: &'static str = "words";
    const LIMIT: usize = 20;
    async fn parse(&self, s: &str) -> Result<Self::Output, Self::Error> {
        if s.is_empty() {
            Err(())
        } else {
            Ok(s.split(' ').map(String::from).collect())
        }
    }
}

async fn parse_all<P: Parser<Output = i64> + Sync>(p: &P, items: &[&str]) -> i64 {
    let mut sum = 0;
    for i in items {
        sum += p.parse_limited(i).await.unwrap_or(0);
    }
    sum
}

fn main() {
    assert_eq!(block_on(Ints.parse("12")), Ok(12));
    assert_eq!(block_on(Ints.parse_limited("123456789")), Err("ints: too long (>8)".to_string()));
    assert!(block_on(Ints.parse_limited("x")).unwrap_err().starts_with("ints: ParseIntError"));
    assert_eq!(block_on(Words.parse_limited("a b c")), Ok(vec!["a".into(), "b".into(), "c".into()]));
    assert_eq!(block_on(Words.parse_limited("")), Err("words: ()".to_string()));
    assert_eq!(block_on(parse_all(&Ints, &["1", "2", "x", "40"])), 43);
    println!("sum {}", block_on(parse_all(&Ints, &["5", "6"])));
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
