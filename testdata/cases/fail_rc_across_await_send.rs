// case: an `Rc` held across `.await` in a Send-mode (no `?Send`) impl with a unit return: the future is not Send, as with the real macro (§1.3, §9 78)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: future cannot be sent between threads safely
// expect-stderr-contains: Rc<
use async_trait::async_trait;
use std::rc::Rc;

#[async_trait]
trait Job {
    async fn run(&self);
}

struct J;

async fn checkpoint() {}

#[async_trait]
impl Job for J {
    async fn run(&self) {
        let shared = Rc::new(5);
        checkpoint().await;
        println!("{}", shared);
    }
}

fn main() {
    let _ = J.run();
}
