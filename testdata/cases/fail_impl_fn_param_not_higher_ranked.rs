// case: `f: impl Fn(&str) -> u8 + Send` has its elided `&str` named ('life1), so `f` is no longer higher-ranked and cannot be called with a borrow of a local or of another parameter (§2.1 "the higher-ranked meaning is lost", §2.9)
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: lifetime may not live long enough
use async_trait::async_trait;

#[async_trait]
trait Apply {
    async fn apply(&self, f: impl Fn(&str) -> u8 + Send, s: &str) -> u8;
}

struct A;

#[async_trait]
impl Apply for A {
    async fn apply(&self, f: impl Fn(&str) -> u8 + Send, s: &str) -> u8 {
        f(s)
    }
}

fn main() {
    let _ = A.apply(|s| s.len() as u8, "x");
}
