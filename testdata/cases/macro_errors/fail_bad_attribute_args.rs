// case: attribute arguments other than nothing or `?Send` (here `Send`) are rejected with "expected #[async_trait] or #[async_trait(?Send)]" (§1.3, §7.1)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: expected #[async_trait] or #[async_trait(?Send)]
use async_trait::async_trait;

#[async_trait(Send)]
trait T {
    async fn f(&self);
}

fn main() {}
