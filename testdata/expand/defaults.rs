// Default methods: inferred Sync/Send bounds and supertrait suppression (spec §3).
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
pub trait Defaults {
    async fn shared(&self) -> usize {
        1
    }
    async fn exclusive(&mut self) -> usize {
        2
    }
    async fn owned(self) -> usize
    where
        Self: Sized,
    {
        3
    }
    async fn arc(self: Arc<Self>) -> usize {
        4
    }
    async fn boxed(self: Box<Self>) -> usize {
        5
    }
    async fn associated() -> usize
    where
        Self: Sized,
    {
        6
    }
    async fn calls_self() -> usize {
        Self::helper()
    }
    async fn plain() -> usize {
        7
    }
    fn helper() -> usize {
        8
    }
}

#[async_trait]
pub trait SyncSuper: Sync {
    async fn shared(&self) -> usize {
        1
    }
    async fn arc(self: Arc<Self>) -> usize {
        2
    }
}

#[async_trait]
pub trait QualifiedSuper: ::core::marker::Sync + std::marker::Send {
    async fn shared(&self) -> usize {
        1
    }
    async fn exclusive(&mut self) -> usize {
        2
    }
}

#[async_trait(?Send)]
pub trait LocalDefaults {
    async fn shared(&self) -> usize {
        1
    }
}
