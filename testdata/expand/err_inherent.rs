use async_trait::async_trait;

struct S;

#[async_trait]
impl S {
    async fn f(&self) {}
}
