// case: `#[async_trait]` on an inherent impl is rejected by the macro with "expected a trait impl" (§1.1, §7.1)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: expected a trait impl
use async_trait::async_trait;

struct S;

#[async_trait]
impl S {
    async fn f(&self) {}
}

fn main() {}
