// case: trait with a defaulted type parameter `trait Tr<T = ()>` and a method where clause naming `'async_trait` explicitly; user predicates stay first (§2.6, §9 39)
// deps: std
// edition: 2021
use async_trait::async_trait;

#[async_trait]
trait Sink<T = ()> {
    async fn accept(&self, t: T) -> usize
    where
        T: 'async_trait;
    async fn accept_ref<'x>(&self, t: &'x T) -> usize
    where
        T: Sync + 'async_trait,
        'x: 'async_trait;
}

struct Count;

#[async_trait]
impl Sink for Count {
    async fn accept(&self, _t: ()) -> usize
    where
        (): 'async_trait,
    {
        1
    }
    async fn accept_ref<'x>(&self, _t: &'x ()) -> usize
    where
        (): Sync + 'async_trait,
        'x: 'async_trait,
    {
        2
    }
}

#[async_trait]
impl Sink<String> for Count {
    async fn accept(&self, t: String) -> usize
    where
        String: 'async_trait,
    {
        t.len()
    }
    async fn accept_ref<'x>(&self, t: &'x String) -> usize
    where
        String: Sync + 'async_trait,
        'x: 'async_trait,
    {
        t.len() * 2
    }
}

fn main() {
    assert_eq!(block_on(Sink::<()>::accept(&Count, ())), 1);
    assert_eq!(block_on(Sink::<()>::accept_ref(&Count, &())), 2);
    assert_eq!(block_on(Sink::<String>::accept(&Count, "abc".into())), 3);
    let s = String::from("abcd");
    assert_eq!(block_on(Count.accept_ref(&s)), 8);
    println!("defaulted type param ok");
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
