// CRLF line endings: generated lines follow the file's.
use async_trait::async_trait;

#[async_trait]
pub trait T {
    async fn f(&self, x: &str) -> usize {
        x.len()
    }
}
