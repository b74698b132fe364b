// case: calling an async-trait method without awaiting it discards a must-use future: `unused_must_use` fires (denied here) (§2.10 Pin<Box<dyn Future>> is must-use by itself, §8 item 1, §9 75)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: that must be used
#![deny(unused_must_use)]
use async_trait::async_trait;

#[async_trait]
trait Tr {
    async fn f(&self);
}

struct S;

#[async_trait]
impl Tr for S {
    async fn f(&self) {}
}

fn main() {
    S.f();
}
