// Every receiver form, required and implemented (spec §3.1).
use async_trait::async_trait;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

#[async_trait]
pub trait Receivers {
    async fn by_ref(&self) -> u8;
    async fn by_mut(&mut self) -> u8;
    async fn by_value(self) -> u8
    where
        Self: Sized;
    async fn by_mut_value(mut self) -> u8
    where
        Self: Sized;
    async fn named<'a>(&'a self) -> &'a u8;
    async fn boxed(self: Box<Self>) -> u8;
    async fn pinned(self: Pin<&mut Self>) -> u8;
    async fn arc(self: Arc<Self>) -> u8;
    async fn typed_ref(self: &Self) -> u8;
    async fn typed_mut(self: &mut Self) -> u8;
    async fn none() -> u8;
}

pub struct Counter {
    n: u8,
}

#[async_trait]
impl Receivers for Counter {
    async fn by_ref(&self) -> u8 {
        self.n
    }
    async fn by_mut(&mut self) -> u8 {
        self.n += 1;
        self.n
    }
    async fn by_value(self) -> u8 {
        self.n
    }
    async fn by_mut_value(mut self) -> u8 {
        self.n *= 2;
        self.n
    }
    async fn named<'a>(&'a self) -> &'a u8 {
        &self.n
    }
    async fn boxed(mut self: Box<Self>) -> u8 {
        self.n += 3;
        self.n
    }
    async fn pinned(self: Pin<&mut Self>) -> u8 {
        self.n
    }
    async fn arc(self: Arc<Self>) -> u8 {
        self.n
    }
    async fn typed_ref(mut self: &Self) -> u8 {
        let other = &Counter { n: 7 };
        if self.n == 0 {
            self = other;
        }
        self.n
    }
    async fn typed_mut(self: &mut Self) -> u8 {
        self.n
    }
    async fn none() -> u8 {
        0
    }
}

#[async_trait(?Send)]
pub trait Local {
    async fn rc(self: Rc<Self>) -> u8;
}

#[async_trait(?Send)]
impl Local for Counter {
    async fn rc(self: Rc<Self>) -> u8 {
        self.n
    }
}
