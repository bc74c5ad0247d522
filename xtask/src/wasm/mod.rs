//! The app's wasm step, run by Trunk's post-build hook in place of Trunk's own
//! Rust step, because Trunk 0.21 cannot split a module.
//!
//! It builds the app for wasm32, cuts it at its split point (`#[lazy]` in
//! `src/app.rs`) with `wasm-split-cli`, binds the main module with
//! wasm-bindgen, shrinks every module with `wasm-opt -Oz` in release builds
//! (`build`, with the tools it runs checked in `tools`), names the files by
//! their content (`link`), and links the shell's files into `index.html`
//! (`html`): the main module starts the app, and the content module is
//! preloaded so that it downloads beside the shell instead of after it.

mod build;
mod html;
mod link;
mod tools;

use std::fs;
use std::path::Path;

/// The crate's binary, and the stem of the main module's files.
const APP: &str = "magnesium-tracker";
/// The names `wasm-split-cli --out-name app` gives its outputs.
const SPLIT_MAIN: &str = "app";
const SPLIT_LOADER: &str = "__wasm_split.js";

/// One built file: its name in the site and its bytes.
#[derive(Debug, PartialEq)]
pub struct Output {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Builds, splits, binds and optimises the wasm, writes the files into `dir`
/// and links them from `dir/index.html`.
pub fn run(dir: &Path) -> Result<(), String> {
    let release = std::env::var("TRUNK_PROFILE").as_deref() != Ok("debug");
    let root = xtask::workspace_root();
    tools::check(&root, release)?;
    let modules = build::modules(&root, release)?;
    let outputs = link::link(
        modules.main_js,
        modules.main_wasm,
        modules.loader,
        modules.parts,
    )?;

    let index_path = dir.join("index.html");
    let mut page =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    for name in html::trunks_rust_outputs(dir)? {
        fs::remove_file(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        page = html::without_tags_for(&page, &name);
    }
    let page = html::with_app_tags(&page, &outputs)?;
    for output in &outputs {
        fs::write(dir.join(&output.name), &output.bytes)
            .map_err(|e| format!("{}: {e}", output.name))?;
    }
    fs::write(&index_path, page).map_err(|e| format!("{}: {e}", index_path.display()))?;
    for output in &outputs {
        eprintln!("wasm: {} ({} bytes)", output.name, output.bytes.len());
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
