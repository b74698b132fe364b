// case: a plain `fn` on the trait side but `async fn` in the impl: rustc reports E0195 (§7.2, §9 73)
// deps: std
// edition: 2021
// expect: compile-fail E0195
use async_trait::async_trait;

#[async_trait]
trait Tr {
    fn method(&self);
}

struct S;

#[async_trait]
impl Tr for S {
    async fn method(&self) {}
}

fn main() {
    S.method();
}
