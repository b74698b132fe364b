use workflow_async_trait::async_trait_with_send;

#[async_trait_with_send(?Send)]
pub trait T {
    async fn f(&self);
}
