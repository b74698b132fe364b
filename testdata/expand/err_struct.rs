use async_trait::async_trait;

#[async_trait]
struct S;
