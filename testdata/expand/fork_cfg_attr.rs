// rustc-also: -A explicit_builtin_cfgs_in_flags --cfg target_arch="wasm32"
// The fork's attributes selected by configuration (spec §11): with no --cfg
// one copy per branch is emitted, guarded by #[cfg].
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

#[async_trait_without_send]
pub trait Always {
    async fn ping(&self);
}

#[async_trait_without_send]
impl Always for Db {
    async fn ping(&self) {}
}
