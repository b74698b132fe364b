// case: WITHOUT the macro, a native `async fn` trait is not dyn compatible: `Box<dyn Tr>` is E0038 (§6 dyn compatibility, §9 76); the same trait with `#[async_trait]` is (see dyn_trait_objects.rs)
// deps: std
// edition: 2021
// expect: compile-fail E0038
trait Native {
    async fn f(&self) -> u32;
}

struct S;

impl Native for S {
    async fn f(&self) -> u32 {
        1
    }
}

fn main() {
    let b: Box<dyn Native> = Box::new(S);
    let _ = b.f();
}
