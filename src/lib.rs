//! Magnesium Tracker: an offline progressive web app for magnesium.
//!
//! `domain` is plain Rust and builds everywhere; the user interface, the
//! storage adapter and the service-worker glue are compiled only for wasm32.

pub mod domain;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod food_data;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod store_import;
#[cfg(target_arch = "wasm32")]
mod sw;

/// Installs the panic hook and mounts the application on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
