// case: `#[tracing::instrument]` on impl methods (before the rewrite it sees `Box::pin(async move {..})`, §6 attributes on methods), with `skip(self)`, `fields(..)`, `ret`, nested span depth across awaits, recorded by a tiny hand-written Subscriber (§9 22)
// deps: std, tracing
// edition: 2021
use async_trait::async_trait;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[derive(Default)]
struct Recorder {
    next: AtomicU64,
    names: Mutex<Vec<(u64, String)>>,
    stack: Mutex<Vec<u64>>,
    log: Mutex<Vec<String>>,
}

impl Recorder {
    fn name_of(&self, id: u64) -> String {
        self.names.lock().unwrap().iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default()
    }
}

struct Shared(Arc<Recorder>);

impl Subscriber for Shared {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let id = self.0.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = String::new();
        struct V<'a>(&'a mut String);
        impl tracing::field::Visit for V<'_> {
            fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                self.0.push_str(&format!(" {}={:?}", f.name(), v));
            }
        }
        attrs.record(&mut V(&mut fields));
        self.0.names.lock().unwrap().push((id, format!("{}{}", attrs.metadata().name(), fields)));
        Id::from_u64(id)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, e: &Event<'_>) {
        let depth = self.0.stack.lock().unwrap().len();
        let mut msg = String::new();
        struct V<'a>(&'a mut String);
        impl tracing::field::Visit for V<'_> {
            fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                if !self.0.is_empty() {
                    self.0.push(' ');
                }
                self.0.push_str(&format!("{}={:?}", f.name(), v));
            }
        }
        e.record(&mut V(&mut msg));
        self.0.log.lock().unwrap().push(format!("{}event {}", "  ".repeat(depth), msg));
    }
    fn enter(&self, id: &Id) {
        let depth = self.0.stack.lock().unwrap().len();
        let name = self.0.name_of(id.into_u64());
        self.0.log.lock().unwrap().push(format!("{}enter {}", "  ".repeat(depth), name));
        self.0.stack.lock().unwrap().push(id.into_u64());
    }
    fn exit(&self, _: &Id) {
        self.0.stack.lock().unwrap().pop();
    }
}

#[async_trait]
trait Service {
    async fn outer(&self, n: u32) -> u32;
    async fn inner(&self, n: u32) -> u32;
}

#[derive(Debug)]
struct Svc {
    base: u32,
}

#[async_trait]
impl Service for Svc {
    #[tracing::instrument(skip(self), fields(base = self.base))]
    async fn outer(&self, n: u32) -> u32 {
        tracing::info!("outer start");
        let v = self.inner(n).await;
        yield_now().await;
        v + 1
    }

    #[tracing::instrument(level = "debug", ret)]
    async fn inner(&self, n: u32) -> u32 {
        yield_now().await;
        tracing::info!(n, "inner");
        self.base + n
    }
}

fn main() {
    let rec = Arc::new(Recorder::default());
    let result = tracing::subscriber::with_default(Shared(rec.clone()), || block_on(Svc { base: 10 }.outer(5)));
    assert_eq!(result, 16);
    let log = rec.log.lock().unwrap().clone();
    for l in &log {
        println!("{}", l);
    }
    // first entry: the outer span with its custom field and without `self`
    assert_eq!(log[0], "enter outer n=5 base=10");
    assert!(log.contains(&"  event message=outer start".to_string()), "{:?}", log);
    // the inner span is entered while the outer one is entered: depth 1
    assert!(log.contains(&"  enter inner self=Svc { base: 10 } n=5".to_string()), "{:?}", log);
    assert!(log.contains(&"    event message=inner n=5".to_string()), "{:?}", log);
    assert!(log.contains(&"    event return=15".to_string()), "{:?}", log);
    assert!(rec.stack.lock().unwrap().is_empty());
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
