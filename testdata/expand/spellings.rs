// Every attribute spelling (spec §10, issue: attribute forms).
use async_trait::async_trait as at;

mod rt {
    pub use async_trait::async_trait;
}

/// A documented trait; the doc stays.
#[at]
pub trait Renamed {
    async fn a(&self) -> u8;
}

#[async_trait::async_trait]
#[allow(dead_code)]
pub trait Qualified {
    async fn b(&self) -> u8;
}

#[allow(dead_code)]
#[::async_trait::async_trait(?Send)]
pub trait Rooted {
    async fn c(&self) -> u8;
}

#[rt::async_trait]
pub trait Reexported {
    async fn d(&self) -> u8;
}

pub struct S;

#[at]
impl Renamed for S {
    async fn a(&self) -> u8 {
        1
    }
}

#[async_trait::async_trait]
impl Qualified for S {
    async fn b(&self) -> u8 {
        2
    }
}

#[::async_trait::async_trait(? Send)]
impl Rooted for S {
    async fn c(&self) -> u8 {
        3
    }
}

#[rt::async_trait]
impl Reexported for S {
    async fn d(&self) -> u8 {
        4
    }
}
