// Parameter patterns, `impl Trait` arguments and `#[cfg]` on parameters
// (spec §2.8, §2.9, §4).
use async_trait::async_trait;
use std::fmt::Display;

pub struct Pair {
    pub a: u32,
    pub b: u32,
}

#[async_trait]
pub trait Patterns {
    async fn tuple(&self, pair: (u32, u32)) -> u32;
    async fn structs(&self, p: Pair) -> u32;
    async fn wildcard(&self, x: u64, y: u64) -> u64;
    async fn refs(&self, a: &u8, b: &u8, c: &mut u8) -> u8;
    async fn impls(&self, f: impl Fn(&str) -> usize + Send, d: &(impl Display + Sync)) -> usize;
    async fn nested(&self, it: impl Iterator<Item = impl Display> + Send) -> usize;
    async fn cfgs(&self, #[cfg(all())] on: u8, #[cfg(any())] off: u8) -> u8;
}

pub struct Impl;

#[async_trait]
impl Patterns for Impl {
    async fn tuple(&self, (lo, mut hi): (u32, u32)) -> u32 {
        hi += lo;
        hi
    }
    async fn structs(&self, Pair { a, b: ref mut bb }: Pair) -> u32 {
        *bb += a;
        *bb
    }
    async fn wildcard(&self, _: u64, mut y: u64) -> u64 {
        y += 1;
        y
    }
    async fn refs(&self, &a: &u8, _: &u8, mut c: &mut u8) -> u8 {
        *c += a;
        let d = &mut c;
        **d
    }
    async fn impls(&self, f: impl Fn(&str) -> usize + Send, d: &(impl Display + Sync)) -> usize {
        // `&str` in `Fn(&str)` was named `'life1` (spec §2.1): only a
        // borrow that outlives the call fits.
        f("static") + d.to_string().len()
    }
    async fn nested(&self, it: impl Iterator<Item = impl Display> + Send) -> usize {
        it.map(|x| x.to_string().len()).sum()
    }
    async fn cfgs(&self, #[cfg(all())] on: u8, #[cfg(any())] off: u8) -> u8 {
        on
    }
}
