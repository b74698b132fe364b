// case: code after `unimplemented!()` in a body is still reported unreachable under `#![deny(warnings)]` (the macro only allows unreachable_code on its own `return __ret`/`__ret`, §5.1, §9 80)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: unreachable
#![deny(warnings)]
use async_trait::async_trait;

#[async_trait]
trait Tr {
    async fn f(&self) -> u32;
}

struct S;

#[async_trait]
impl Tr for S {
    async fn f(&self) -> u32 {
        unimplemented!();
        let x = 1;
        x
    }
}

fn main() {
    let _ = S.f();
}
