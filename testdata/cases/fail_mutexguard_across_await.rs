// case: a `std::sync::MutexGuard` held across `.await` in a Send-mode impl makes the boxed future non-Send: rejected exactly as with the real macro (§2.10, §9 78)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: future cannot be sent between threads safely
// expect-stderr-contains: MutexGuard
use async_trait::async_trait;
use std::sync::Mutex;

#[async_trait]
trait Counter {
    async fn bump(&self) -> u32;
}

struct C {
    n: Mutex<u32>,
}

async fn checkpoint() {}

#[async_trait]
impl Counter for C {
    async fn bump(&self) -> u32 {
        let mut guard = self.n.lock().unwrap();
        checkpoint().await;
        *guard += 1;
        *guard
    }
}

fn main() {
    let c = C { n: Mutex::new(0) };
    let _ = c.bump();
}
