// case: a struct pattern `Msg { id, .. }` whose unbound field has Drop: HEAD's block-wrapped rebinding `let PAT = { let __argN = __argN; __argN };` moves the whole argument into the future, and the unbound rest is dropped at that `let`, i.e. on first poll before the body runs (§4, §8 row 0.1.63, §9 57). A native `async fn` keeps it until the end: the two differ, and the case pins both.
// deps: std
// edition: 2021
// oracle: skip (0.1.56 rebinds `let PAT = __argN;`: the edition-2021 async block captures only the bound fields, so the `Drop` field is dropped already when the future is created, before "created")
use async_trait::async_trait;
use std::sync::Mutex;

static EVENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn event(s: impl Into<String>) {
    EVENTS.lock().unwrap().push(s.into());
}

struct Noisy(&'static str);
impl Drop for Noisy {
    fn drop(&mut self) {
        event(format!("drop {}", self.0));
    }
}

struct Msg {
    id: u32,
    _guard: Noisy,
}

#[async_trait]
trait Handler {
    async fn handle(&self, msg: Msg) -> u32;
}

struct H;

#[async_trait]
impl Handler for H {
    async fn handle(&self, Msg { id, .. }: Msg) -> u32 {
        event(format!("body {}", id));
        id
    }
}

// the reference semantics: a native async fn with the same pattern
async fn native(Msg { id, .. }: Msg) -> u32 {
    event(format!("body {}", id));
    id
}

fn run<F: std::future::Future<Output = u32>>(make: impl FnOnce() -> F) -> Vec<String> {
    EVENTS.lock().unwrap().clear();
    let fut = make();
    event("created");
    assert_eq!(block_on(fut), 1);
    event("done");
    std::mem::take(&mut *EVENTS.lock().unwrap())
}

fn main() {
    let native_order = run(|| native(Msg { id: 1, _guard: Noisy("native") }));
    let trait_order = run(|| H.handle(Msg { id: 1, _guard: Noisy("trait") }));
    println!("native: {:?}", native_order);
    println!("trait:  {:?}", trait_order);
    assert_eq!(native_order, ["created", "body 1", "drop native", "done"]);
    // HEAD async-trait: moved into the future (nothing dropped at creation), dropped at the rebinding
    assert_eq!(trait_order, ["created", "drop trait", "body 1", "done"]);
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
