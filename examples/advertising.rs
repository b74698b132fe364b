//! The advertising platform from async-trait's README, made runnable.
//!
//! `#[async_trait]` on the trait and on each impl makes `async fn` work in a
//! trait that is used as `dyn Advertisement`. Run
//! `asynctrait expand examples/advertising.rs` to see the plain Rust the
//! attribute stands for; the output compiles with `rustc` alone, no crates.

use async_trait::async_trait;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};

#[async_trait]
trait Advertisement {
    async fn run(&self);
}

struct Modal;

#[async_trait]
impl Advertisement for Modal {
    async fn run(&self) {
        self.render_fullscreen().await;
        for _ in 0..4u16 {
            remind_user_to_join_mailing_list().await;
        }
        self.hide_for_now().await;
    }
}

impl Modal {
    async fn render_fullscreen(&self) {
        println!("modal: fullscreen");
    }

    async fn hide_for_now(&self) {
        println!("modal: hidden for now");
    }
}

struct AutoplayingVideo {
    media_url: String,
}

#[async_trait]
impl Advertisement for AutoplayingVideo {
    async fn run(&self) {
        let stream = connect(&self.media_url).await;
        stream.play().await;

        // Video probably persuaded user to join our mailing list!
        Modal.run().await;
    }
}

struct Stream(String);

impl Stream {
    async fn play(&self) {
        println!("video: playing {}", self.0);
    }
}

async fn connect(url: &str) -> Stream {
    Yield(false).await;
    Stream(url.to_owned())
}

async fn remind_user_to_join_mailing_list() {
    println!("modal: join our mailing list!");
}

fn main() {
    let ads: Vec<Box<dyn Advertisement + Send + Sync>> = vec![
        Box::new(Modal),
        Box::new(AutoplayingVideo {
            media_url: "https://example.invalid/ad.mp4".to_owned(),
        }),
    ];
    // The futures are `Send`: run each on another thread.
    let ads = Arc::new(ads);
    for i in 0..ads.len() {
        let ads = Arc::clone(&ads);
        std::thread::spawn(move || block_on(ads[i].run()))
            .join()
            .unwrap();
    }
}

/// A future that is pending once and wakes itself from another thread.
struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        let waker = cx.waker().clone();
        std::thread::spawn(move || waker.wake());
        Poll::Pending
    }
}

/// A minimal executor, so the example needs nothing but std.
fn block_on<F: Future>(fut: F) -> F::Output {
    struct Signal {
        woken: Mutex<bool>,
        cv: Condvar,
    }
    impl Wake for Signal {
        fn wake(self: Arc<Self>) {
            *self.woken.lock().unwrap() = true;
            self.cv.notify_one();
        }
    }
    let mut fut = Box::pin(fut);
    let signal = Arc::new(Signal {
        woken: Mutex::new(false),
        cv: Condvar::new(),
    });
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        let mut woken = signal.woken.lock().unwrap();
        while !*woken {
            woken = signal.cv.wait(woken).unwrap();
        }
        *woken = false;
    }
}
