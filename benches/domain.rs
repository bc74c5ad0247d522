//! Native benchmarks of the domain (criterion): `cargo bench --bench domain`,
//! or `make bench`. Criterion is a native-only dependency, so on wasm32 (as
//! `cargo clippy --all-targets --target wasm32-unknown-unknown` builds it)
//! this bench is empty.

#[cfg(not(target_arch = "wasm32"))]
include!("support/domain_native.rs");

#[cfg(target_arch = "wasm32")]
fn main() {}
