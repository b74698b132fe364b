// Elided and explicit lifetimes in inputs (spec §2.1, §2.3).
use async_trait::async_trait;

pub struct Note<'a>(pub &'a str);

#[async_trait]
pub trait Lifetimes<'t> {
    async fn refs(&self, a: &str, b: &mut [&str], c: &&u8) -> usize;
    async fn anon(&self, n: Note<'_>, m: &'_ str) -> usize;
    async fn named<'a, 'b: 'a>(&'a self, x: &'b str) -> &'a str;
    async fn outer(&self, t: &'t str) -> &'t str;
    async fn returns_ref(&self) -> &str;
    async fn static_ref(&self, s: &'static str) -> &'static str;
    async fn callbacks(&self, f: fn(&u8) -> u8, g: Box<dyn Fn(&u8) -> u8 + Send + Sync>) -> u8;
    async fn iter(&self, it: Box<dyn Iterator<Item = &'_ u8> + Send>) -> usize;
}

pub struct Impl;

#[async_trait]
impl<'t> Lifetimes<'t> for Impl {
    async fn refs(&self, a: &str, b: &mut [&str], c: &&u8) -> usize {
        a.len() + b.len() + **c as usize
    }
    async fn anon(&self, n: Note<'_>, m: &'_ str) -> usize {
        n.0.len() + m.len()
    }
    async fn named<'a, 'b: 'a>(&'a self, x: &'b str) -> &'a str {
        x
    }
    async fn outer(&self, t: &'t str) -> &'t str {
        t
    }
    async fn returns_ref(&self) -> &str {
        "ok"
    }
    async fn static_ref(&self, s: &'static str) -> &'static str {
        s
    }
    async fn callbacks(&self, f: fn(&u8) -> u8, g: Box<dyn Fn(&u8) -> u8 + Send + Sync>) -> u8 {
        f(&1) + g(&2)
    }
    async fn iter(&self, it: Box<dyn Iterator<Item = &'_ u8> + Send>) -> usize {
        it.count()
    }
}
