// case: `#[tokio::main]` runtime driving `#[async_trait]` methods with tokio timers and channels inside bodies, `Box<dyn Tr + Send + Sync>` in a Vec, `tokio::join!` over two trait futures, spawn_local-free `?Send` trait awaited on the main task
// deps: tokio
// edition: 2021
use async_trait::async_trait;
use std::rc::Rc;
use std::time::Duration;

#[async_trait]
trait Worker {
    async fn work(&self, input: u32) -> u32;
}

struct Sleeper(u64);
struct Channel;

#[async_trait]
impl Worker for Sleeper {
    async fn work(&self, input: u32) -> u32 {
        tokio::time::sleep(Duration::from_millis(self.0)).await;
        input + self.0 as u32
    }
}

#[async_trait]
impl Worker for Channel {
    async fn work(&self, input: u32) -> u32 {
        let (tx, mut rx) = tokio::sync::mpsc::channel(1);
        tokio::spawn(async move { tx.send(input * 2).await.unwrap() });
        rx.recv().await.unwrap()
    }
}

#[async_trait(?Send)]
trait LocalWorker {
    async fn work_local(&self) -> usize;
}

struct RcHolder(Rc<String>);

#[async_trait(?Send)]
impl LocalWorker for RcHolder {
    async fn work_local(&self) -> usize {
        let keep = Rc::clone(&self.0);
        tokio::task::yield_now().await;
        keep.len() + Rc::strong_count(&keep)
    }
}

#[tokio::main]
async fn main() {
    let workers: Vec<Box<dyn Worker + Send + Sync>> = vec![Box::new(Sleeper(5)), Box::new(Channel)];
    let mut results = Vec::new();
    for w in &workers {
        results.push(w.work(10).await);
    }
    assert_eq!(results, [15, 20]);
    let (a, b) = tokio::join!(workers[0].work(1), workers[1].work(2));
    assert_eq!((a, b), (6, 4));
    let local = RcHolder(Rc::new("abc".to_string()));
    assert_eq!(local.work_local().await, 5);
    println!("results {:?} join {:?}", results, (a, b));
}
