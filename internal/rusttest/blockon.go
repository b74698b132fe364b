package rusttest

// BlockOn is Rust source for a std-only executor to append to test
// programs compiled without Deps: it defines
//
//	fn block_on<F: Future>(fut: F) -> F::Output
//
// at the crate root (with #[allow(dead_code)]), built on std::task::Wake
// and a Condvar, so futures that return Pending and wake from another
// thread work too. It uses only absolute ::std paths and names its helper
// type __RusttestSignal, so it neither needs nor clashes with the
// program's imports. Valid in every edition from 2018 on.
const BlockOn = `
// ---- rusttest.BlockOn: minimal std-only executor ----
#[allow(dead_code)]
struct __RusttestSignal {
    woken: ::std::sync::Mutex<bool>,
    cv: ::std::sync::Condvar,
}
impl ::std::task::Wake for __RusttestSignal {
    fn wake(self: ::std::sync::Arc<Self>) {
        self.wake_by_ref()
    }
    fn wake_by_ref(self: &::std::sync::Arc<Self>) {
        *self.woken.lock().unwrap() = true;
        self.cv.notify_one();
    }
}
#[allow(dead_code)]
fn block_on<F: ::std::future::Future>(fut: F) -> F::Output {
    let mut fut = ::std::boxed::Box::pin(fut);
    let sig = ::std::sync::Arc::new(__RusttestSignal {
        woken: ::std::sync::Mutex::new(false),
        cv: ::std::sync::Condvar::new(),
    });
    let waker = ::std::task::Waker::from(sig.clone());
    let mut cx = ::std::task::Context::from_waker(&waker);
    loop {
        if let ::std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        let mut w = sig.woken.lock().unwrap();
        while !*w {
            w = sig.cv.wait(w).unwrap();
        }
        *w = false;
    }
}
// ---- end rusttest.BlockOn ----
`
