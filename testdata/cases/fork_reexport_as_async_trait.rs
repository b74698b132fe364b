// case: the fork's mode selected by a cfg-gated re-export `use workflow_async_trait::async_trait_with_send as async_trait;` (and `..._without_send` on wasm32), after which a plain `#[async_trait]` means the selected mode (§11); the expander must follow the import
// deps: std
// edition: 2021
// oracle: skip (fork attributes)
#[cfg(not(target_arch = "wasm32"))]
use workflow_async_trait::async_trait_with_send as async_trait;
#[cfg(target_arch = "wasm32")]
use workflow_async_trait::async_trait_without_send as async_trait;

#[async_trait]
pub trait Source {
    async fn read(&mut self, buf: &mut [u8]) -> usize;
    async fn read_all(&mut self, n: usize) -> Vec<u8> {
        let mut out = vec![0xff; n];
        let got = self.read(&mut out).await;
        out.truncate(got);
        out
    }
}

pub struct Counting {
    next: u8,
}

#[async_trait]
impl Source for Counting {
    async fn read(&mut self, buf: &mut [u8]) -> usize {
        for b in buf.iter_mut() {
            *b = self.next;
            self.next += 1;
        }
        buf.len()
    }
}

fn main() {
    let mut c = Counting { next: 0 };
    let mut buf = [0u8; 3];
    assert_eq!(block_on(c.read(&mut buf)), 3);
    assert_eq!(buf, [0, 1, 2]);
    assert_eq!(block_on(c.read_all(2)), [3, 4]);
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Send mode on this target: the future may move to another thread
        let h = std::thread::spawn(move || block_on(c.read_all(1)));
        assert_eq!(h.join().unwrap(), [5]);
    }
    println!("buf {:?}", buf);
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
