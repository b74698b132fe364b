//! `#[dump]`, placed below `#[async_trait]`, receives the real macro's
//! output and appends it (tokens printed by proc_macro) to
//! `$ASYNCTRAIT_ORACLE_OUT/<crate>.txt`, one item per record, then returns
//! it unchanged.
extern crate proc_macro;
use proc_macro::TokenStream;
use std::io::Write;

#[proc_macro_attribute]
pub fn dump(_args: TokenStream, input: TokenStream) -> TokenStream {
    if let Ok(dir) = std::env::var("ASYNCTRAIT_ORACLE_OUT") {
        let krate = std::env::var("CARGO_CRATE_NAME").unwrap_or_default();
        let path = std::path::Path::new(&dir).join(format!("{krate}.txt"));
        let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap();
        writeln!(f, "{}\n\u{1e}", input).unwrap();
    }
    input
}
