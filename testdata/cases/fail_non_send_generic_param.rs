// case: a method generic `T` without `Send` in Send mode: the by-value `T` lives in the boxed `Send` future, so rustc rejects it (§2.2, §9 69); adding `+ Send` fixes it
// deps: std
// edition: 2021
// expect: compile-fail
// expect-stderr-contains: cannot be sent between threads safely
use async_trait::async_trait;

#[async_trait]
trait Put {
    async fn put<T>(&self, t: T);
}

struct P;

#[async_trait]
impl Put for P {
    async fn put<T>(&self, t: T) {
        let _t = t;
    }
}

fn main() {
    let _ = P.put(1);
}
