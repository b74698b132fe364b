// case: `async` on the trait method but a plain `fn` in the impl: the macro does not check, rustc reports E0195 lifetime parameters mismatch (§1.2, §7.2, §9 73)
// deps: std
// edition: 2021
// expect: compile-fail E0195
use async_trait::async_trait;

#[async_trait]
trait Tr {
    async fn method(&self);
}

struct S;

#[async_trait]
impl Tr for S {
    fn method(&self) {}
}

fn main() {
    let _ = S.method();
}
