// rustc-also: -A explicit_builtin_cfgs_in_flags --cfg target_arch="wasm32"
// A cfg-gated re-export selects the mode of a plain #[async_trait] (spec §11).
#[cfg(not(target_arch = "wasm32"))]
use workflow_async_trait::async_trait_with_send as async_trait;
#[cfg(target_arch = "wasm32")]
use workflow_async_trait::async_trait_without_send as async_trait;

#[async_trait]
pub trait Source {
    async fn read(&mut self, buf: &mut [u8]) -> usize;
}

pub struct Zeros;

#[async_trait]
impl Source for Zeros {
    async fn read(&mut self, buf: &mut [u8]) -> usize {
        buf.fill(0);
        buf.len()
    }
}
