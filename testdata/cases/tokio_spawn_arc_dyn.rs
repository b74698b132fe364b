// case: `tokio::spawn(async move { obj.method().await })` with `Arc<dyn Tr + Send + Sync>` on a multi-thread runtime: the boxed futures are `Send + 'static`-compatible (§2.10, §6 dyn); a default method and `tokio::sync::Mutex` held across `.await` in a Send impl
// deps: tokio
// edition: 2021
use async_trait::async_trait;
use std::sync::Arc;
use tokio::sync::Mutex;

#[async_trait]
trait Store: Send + Sync {
    async fn add(&self, key: &str, n: u64) -> u64;
    async fn get(&self, key: &str) -> u64;
    async fn add_twice(&self, key: &str, n: u64) -> u64 {
        self.add(key, n).await;
        self.add(key, n).await
    }
}

#[derive(Default)]
struct MemStore {
    map: Mutex<std::collections::HashMap<String, u64>>,
}

#[async_trait]
impl Store for MemStore {
    async fn add(&self, key: &str, n: u64) -> u64 {
        let mut guard = self.map.lock().await;
        tokio::task::yield_now().await;
        let v = guard.entry(key.to_string()).or_insert(0);
        *v += n;
        *v
    }
    async fn get(&self, key: &str) -> u64 {
        self.map.lock().await.get(key).copied().unwrap_or(0)
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap();
    let total = rt.block_on(async {
        let store: Arc<dyn Store> = Arc::new(MemStore::default());
        let mut handles = Vec::new();
        for i in 0..16u64 {
            let s = Arc::clone(&store);
            handles.push(tokio::spawn(async move { s.add_twice("k", i).await }));
        }
        for h in handles {
            h.await.unwrap();
        }
        let s = Arc::clone(&store);
        let other = tokio::spawn(async move { s.add("other", 1).await }).await.unwrap();
        assert_eq!(other, 1);
        store.get("k").await
    });
    println!("total = {}", total);
    assert_eq!(total, 2 * (0..16).sum::<u64>());
}
