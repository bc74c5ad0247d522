//! Entry point: the browser build mounts the app; everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    magnesium_tracker::start();
}

// The product is a web app, so a native binary only says how to run it. Native
// builds exist for the domain's tests and the build tools.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Magnesium Tracker runs in the browser: use `make serve`.");
    std::process::exit(2);
}
