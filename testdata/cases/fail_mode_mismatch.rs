// case: trait in Send mode but impl in `?Send` mode: signatures differ (`+ Send` missing on the impl's future), a rustc error, not a macro error (§1.3, §7.2)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: error[E
use async_trait::async_trait;

#[async_trait]
trait Tr {
    async fn f(&self) -> u32;
}

struct S;

#[async_trait(?Send)]
impl Tr for S {
    async fn f(&self) -> u32 {
        1
    }
}

fn main() {
    let _ = S.f();
}
