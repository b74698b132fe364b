// case: `futures::select!` using `self` inside an `Arc<Self>` method (macro tokens renamed, §5.2 `select` exception, §9 49), `futures::join!` over trait futures, `futures::executor::block_on`, and a `BoxFuture`-returning helper awaiting trait methods
// deps: futures
// edition: 2021
use async_trait::async_trait;
use futures::future::{BoxFuture, FutureExt};
use std::sync::Arc;

#[async_trait]
trait Race {
    async fn fast(&self) -> u32;
    async fn slow(&self) -> u32;
    async fn race(self: Arc<Self>) -> u32;
}

struct R {
    bonus: u32,
}

#[async_trait]
impl Race for R {
    async fn fast(&self) -> u32 {
        1 + self.bonus
    }
    async fn slow(&self) -> u32 {
        futures::future::pending::<()>().await;
        unreachable!()
    }
    async fn race(self: Arc<Self>) -> u32 {
        let mut a = self.fast().fuse();
        let mut b = self.slow().fuse();
        futures::select! {
            x = a => x + self.bonus,
            y = b => y,
        }
    }
}

fn helper<'a>(r: &'a R) -> BoxFuture<'a, (u32, u32)> {
    async move { futures::join!(r.fast(), r.fast()) }.boxed()
}

fn main() {
    let r = Arc::new(R { bonus: 10 });
    let v = futures::executor::block_on(r.clone().race());
    assert_eq!(v, 21);
    let pair = futures::executor::block_on(helper(&r));
    assert_eq!(pair, (11, 11));
    println!("race = {}, pair = {:?}", v, pair);
}
