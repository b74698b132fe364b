use async_trait::async_trait;

#[async_trait(Send)]
pub trait T {
    async fn f(&self);
}
