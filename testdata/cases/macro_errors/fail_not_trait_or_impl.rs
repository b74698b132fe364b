// case: the attribute on a struct is rejected by the macro ("expected one of: `unsafe`, `pub`, `trait`, `impl`" in 0.1.56/HEAD wording begins with "expected") (§7.1)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: expected
use async_trait::async_trait;

#[async_trait]
struct NotATrait {
    x: u32,
}

fn main() {}
