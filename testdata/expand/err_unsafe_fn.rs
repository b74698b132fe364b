use async_trait::async_trait;

#[async_trait]
unsafe fn f() {}
