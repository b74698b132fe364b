// case: renamed import `use async_trait::async_trait as at;` then `#[at]` and `#[at(?Send)]` (§10 attribute resolution)
// deps: std
// edition: 2021
use async_trait::async_trait as at;
use std::cell::RefCell;
use std::rc::Rc;

#[at]
trait Store {
    async fn put(&mut self, key: &str, value: u32);
    async fn get(&self, key: &str) -> Option<u32>;
}

#[at(?Send)]
trait LocalLog {
    async fn log(&self, line: String);
}

#[derive(Default)]
struct Mem {
    items: Vec<(String, u32)>,
}

#[at]
impl Store for Mem {
    async fn put(&mut self, key: &str, value: u32) {
        self.items.retain(|(k, _)| k != key);
        self.items.push((key.to_string(), value));
    }
    async fn get(&self, key: &str) -> Option<u32> {
        self.items.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

struct Log(Rc<RefCell<Vec<String>>>);

#[at(?Send)]
impl LocalLog for Log {
    async fn log(&self, line: String) {
        self.0.borrow_mut().push(line);
    }
}

fn main() {
    let mut m = Mem::default();
    block_on(m.put("a", 1));
    block_on(m.put("b", 2));
    block_on(m.put("a", 3));
    assert_eq!(block_on(m.get("a")), Some(3));
    assert_eq!(block_on(m.get("z")), None);
    let log = Log(Rc::new(RefCell::new(Vec::new())));
    block_on(log.log(format!("a={:?}", block_on(m.get("a")))));
    block_on(log.log("done".into()));
    assert_eq!(*log.0.borrow(), vec!["a=Some(3)".to_string(), "done".to_string()]);
    for l in log.0.borrow().iter() {
        println!("{}", l);
    }
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
