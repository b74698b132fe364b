// asynctrait: --cfg target_arch="wasm32"
// With --cfg the predicates are evaluated: wasm32 selects the ?Send form.
use workflow_async_trait::{async_trait_with_send, async_trait_without_send};

#[cfg_attr(target_arch = "wasm32", async_trait_without_send)]
#[cfg_attr(not(target_arch = "wasm32"), async_trait_with_send)]
pub trait Store {
    async fn get(&self, key: &str) -> Option<String>;
}

pub struct Db;

#[cfg_attr(target_arch = "wasm32", async_trait_without_send)]
#[cfg_attr(not(target_arch = "wasm32"), async_trait_with_send)]
impl Store for Db {
    async fn get(&self, key: &str) -> Option<String> {
        Some(key.to_owned())
    }
}
