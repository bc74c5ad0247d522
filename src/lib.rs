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
mod router;
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

/// Installs the panic hook and mounts the application on `<body>`, after
/// the static first screen that `index.html` paints while the wasm
/// downloads. The app stays hidden behind it (see `#boot ~ .app` in the
/// styles) while it is built in turns, a task each (see
/// `components::start`); the task after the last turn removes the static
/// copy: no frame shows neither, and no task builds more than one piece.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
