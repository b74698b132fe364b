// case: a `&self` default method gets `Self: Sync` (§3.1), so calling it on a Send-but-!Sync type (`Cell`) fails with E0277 ... cannot be shared between threads safely
// deps: std
// edition: 2021
// expect: compile-fail E0277
// expect-stderr-contains: cannot be shared between threads safely
use async_trait::async_trait;
use std::cell::Cell;

#[async_trait]
trait Read {
    fn v(&self) -> u32;
    async fn read(&self) -> u32 {
        self.v()
    }
}

struct C(Cell<u32>);

impl Read for C {
    fn v(&self) -> u32 {
        self.0.get()
    }
}

fn main() {
    let _ = C(Cell::new(1)).read();
}
