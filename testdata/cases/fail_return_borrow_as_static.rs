// case: returning a borrow of a parameter where `-> &'static str` is declared fails "lifetime may not live long enough" ('lifeN defined here), as with the real macro (§6 "Methods returning references")
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: lifetime may not live long enough
use async_trait::async_trait;

#[async_trait]
trait Tr {
    async fn f(&self, s: &str) -> &'static str;
}

struct S;

#[async_trait]
impl Tr for S {
    async fn f(&self, s: &str) -> &'static str {
        s
    }
}

fn main() {
    let _ = S.f("x");
}
