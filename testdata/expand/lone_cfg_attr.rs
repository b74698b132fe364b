// rustc: -A async_fn_in_trait
// rustc-also: --cfg feature="boxed"
// A lone cfg_attr: a rewritten copy where it applies, the native trait where
// it does not.
use async_trait::async_trait;

#[cfg_attr(feature = "boxed", async_trait)]
pub trait Maybe {
    async fn go(&self) -> u8;
}

pub struct S;

#[cfg_attr(feature = "boxed", async_trait)]
impl Maybe for S {
    async fn go(&self) -> u8 {
        1
    }
}
