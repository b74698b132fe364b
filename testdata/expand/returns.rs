// Return types: impl Trait (nested), Self, references, explicit unit.
use async_trait::async_trait;
use std::fmt::Debug;

#[async_trait]
pub trait Returns {
    async fn debug(&self) -> Box<dyn Debug + Send>;
    async fn make() -> Self
    where
        Self: Sized;
    async fn name(&self) -> &str;
    async fn nothing(&self) -> ();
}

#[derive(Debug, Default)]
pub struct R(String);

#[async_trait]
impl Returns for R {
    async fn debug(&self) -> Box<dyn Debug + Send> {
        Box::new(self.0.len())
    }
    async fn make() -> Self {
        Self::default()
    }
    async fn name(&self) -> &str {
        &self.0
    }
    async fn nothing(&self) -> () {}
}

pub trait Plain {
    fn it(&self) -> Result<Vec<u8>, std::io::Error>;
}

#[async_trait]
pub trait LongOutput {
    async fn load(
        &self,
        key: &str,
    ) -> Result<Vec<std::collections::HashMap<String, u32>>, Box<dyn std::error::Error + Send + Sync>>;
}
