//! Magnesium Tracker: an offline progressive web app for magnesium.
//!
//! `domain` is plain Rust and builds everywhere; the user interface, the
//! storage adapter and the service-worker glue are compiled only for wasm32.

pub mod domain;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod app_wide;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod food_data;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
mod store_import;
#[cfg(target_arch = "wasm32")]
mod sw;
#[cfg(target_arch = "wasm32")]
pub mod sync;

/// Installs the panic hook and mounts the application on `<body>`, in place
/// of the static header and "Loading…" line that `index.html` paints while
/// the wasm downloads. Both happen in one task, so no frame shows neither.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
