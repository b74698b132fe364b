// Bodies: self renaming, macros, nested items, early return, unit and
// diverging bodies (spec §5).
use async_trait::async_trait;
use std::fmt::Debug;

mod helpers {
    pub fn double(x: u32) -> u32 {
        x * 2
    }
}

pub trait Shape: Debug + Sync {}

#[derive(Debug)]
pub struct Square(pub u32);
impl Shape for Square {}

static SQUARE: Square = Square(1);

#[async_trait]
pub trait Bodies {
    async fn get(&self) -> u32;
    async fn describe(&self) -> String {
        format!(
            "value {} of {:?}",
            self.get().await,
            std::any::type_name::<Self>()
        )
    }
    async fn nested(&self) -> u32 {
        struct Inner(u32);
        impl Inner {
            fn get(&self) -> u32 {
                self.0
            }
        }
        Inner(self.get().await).get()
    }
    async fn module_path(&self) -> u32 {
        self::helpers::double(self.get().await)
    }
    async fn early(&self, flag: bool) -> &'static dyn Shape {
        if flag {
            return &SQUARE;
        }
        &SQUARE
    }
    async fn unit(&self) {
        let v = vec![self.get().await; 2];
        assert_eq!(v.len(), 2);
    }
    async fn explicit_unit(&self) -> () {}
    async fn never(&self) -> u32 {
        unimplemented!()
    }
    async fn with_inner_attr(&self) -> u32 {
        #![allow(unused_variables)]
        let unused = 1;
        self.get().await
    }
    async fn closure(&self) -> u32 {
        let f = || self.get();
        f().await + async { self.get().await }.await
    }
}

pub struct Impl(pub u32);

#[async_trait]
impl Bodies for Impl {
    async fn get(&self) -> u32 {
        self.0
    }
}
