// case: a unit-returning method whose body ends in an integer: `let _: () = { 0 };` is a type error E0308 pointing at the value (§5.1 a, §9 79)
// deps: std
// edition: 2021
// expect: compile-fail E0308
use async_trait::async_trait;

#[async_trait]
trait Tr {
    async fn f(&self);
}

struct S;

#[async_trait]
impl Tr for S {
    async fn f(&self) {
        0
    }
}

fn main() {
    let _ = S.f();
}
