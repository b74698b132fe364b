// Method generics, const generics, where clauses, attributes on generic
// parameters (spec §2.2, §2.6, §2.7).
use async_trait::async_trait;
use std::fmt::Display;

#[async_trait]
pub trait Generic<T: Send + 'static> {
    async fn plain<U>(&self, u: U) -> usize
    where
        U: Send + 'async_trait;
    async fn bounded<U: Display + Send, V: Clone + Send>(&self, u: U, v: V) -> String;
    async fn lifetimes<'a, 'b: 'a, U: Send + 'a>(&self, x: &'a str, y: &'b str, u: U) -> usize;
    async fn consts<const N: usize>(&self, a: [u8; N]) -> usize;
    async fn trailing<U>(&self, u: U) -> usize
    where
        U: Send;
    async fn cfg_generic<#[cfg(all())] U: Send>(&self, #[cfg(all())] u: U) -> usize;
    async fn from_self<U: Into<usize> + Send>(u: U) -> usize
    where
        Self: Sized;
    async fn owned_t(&self, t: T) -> T;
}

pub struct Impl;

#[async_trait]
impl<T: Send + 'static> Generic<T> for Impl {
    async fn plain<U>(&self, _u: U) -> usize
    where
        U: Send + 'async_trait,
    {
        1
    }
    async fn bounded<U: Display + Send, V: Clone + Send>(&self, u: U, v: V) -> String {
        let _ = v.clone();
        u.to_string()
    }
    async fn lifetimes<'a, 'b: 'a, U: Send + 'a>(&self, x: &'a str, y: &'b str, _u: U) -> usize {
        x.len() + y.len()
    }
    async fn consts<const N: usize>(&self, a: [u8; N]) -> usize {
        a.len()
    }
    async fn trailing<U>(&self, _u: U) -> usize
    where
        U: Send,
    {
        2
    }
    async fn cfg_generic<#[cfg(all())] U: Send>(&self, #[cfg(all())] _u: U) -> usize {
        3
    }
    async fn from_self<U: Into<usize> + Send>(u: U) -> usize {
        u.into()
    }
    async fn owned_t(&self, t: T) -> T {
        t
    }
}
