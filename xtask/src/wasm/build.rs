//! Makes the modules: `cargo build` for wasm32, `wasm-split-cli` at the split
//! point, wasm-bindgen on the main module, and `wasm-opt -Oz` on every module
//! in release builds.

use super::tools::{cargo, exec};
use super::{APP, SPLIT_LOADER, SPLIT_MAIN, file_name};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the tools made, before the files get their names in the site.
pub struct Modules {
    /// The main module's bindings, from wasm-bindgen.
    pub main_js: String,
    /// The main module, bound and optimised.
    pub main_wasm: Vec<u8>,
    /// The split loader, from `wasm-split-cli`.
    pub loader: String,
    /// Every other module with its name from `wasm-split-cli`, sorted by name.
    pub parts: Vec<(String, Vec<u8>)>,
}

/// Builds the crate for wasm32, splits, binds and (in release builds)
/// optimises it in a work folder under cargo's target directory.
pub fn modules(root: &Path, release: bool) -> Result<Modules, String> {
    let target = target_directory(root)?;

    let mut cargo = cargo();
    cargo.current_dir(root).args([
        "build",
        "--offline",
        "--target",
        "wasm32-unknown-unknown",
        "--bin",
        APP,
    ]);
    if release {
        cargo.arg("--release");
    }
    exec(&mut cargo)?;
    let profile = if release { "release" } else { "debug" };
    let input = target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{APP}.wasm"));

    // A fresh work folder each time, so no module of an earlier build (say,
    // of a split point since removed) can reach the site.
    let work = target.join("xtask-wasm").join(profile);
    if work.exists() {
        fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    let split = work.join("split");
    let bound = work.join("bound");
    exec(
        Command::new("wasm-split-cli")
            .arg(&input)
            .arg(&split)
            .args(["--target", "web", "--out-name", SPLIT_MAIN]),
    )?;
    // `--keep-lld-exports` keeps the function table and the shared symbols
    // that the split modules import from the main one.
    exec(
        Command::new("wasm-bindgen")
            .arg(split.join(format!("{SPLIT_MAIN}.wasm")))
            .args(["--target", "web", "--keep-lld-exports", "--no-typescript"])
            .arg("--out-dir")
            .arg(&bound),
    )?;

    let main_js = read(&bound.join(format!("{SPLIT_MAIN}.js")))?;
    let main_wasm = bound.join(format!("{SPLIT_MAIN}_bg.wasm"));
    let loader = read(&split.join(SPLIT_LOADER))?;
    let mut parts = Vec::new();
    for entry in fs::read_dir(&split).map_err(|e| format!("{}: {e}", split.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = file_name(&path);
        if name.ends_with(".wasm") && name != format!("{SPLIT_MAIN}.wasm") {
            parts.push((name, optimised(&path, release)?));
        }
    }
    parts.sort();
    Ok(Modules {
        main_js: String::from_utf8(main_js).map_err(|e| e.to_string())?,
        main_wasm: optimised(&main_wasm, release)?,
        loader: String::from_utf8(loader).map_err(|e| e.to_string())?,
        parts,
    })
}

/// Where cargo puts its builds, as cargo itself says: `CARGO_TARGET_DIR` and
/// `build.target-dir` in a cargo config both move it.
fn target_directory(root: &Path) -> Result<PathBuf, String> {
    let out = xtask::stdout_of(cargo().current_dir(root).args([
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
        "--offline",
    ]))?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&out).map_err(|e| format!("cargo metadata: {e}"))?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata names no target_directory".to_string())
}

fn optimised(path: &Path, release: bool) -> Result<Vec<u8>, String> {
    if release {
        // The features are the ones Rust's wasm32 target emits.
        exec(
            Command::new("wasm-opt")
                .arg("-Oz")
                .args(["--enable-bulk-memory", "--enable-nontrapping-float-to-int"])
                .arg(path)
                .arg("-o")
                .arg(path),
        )?;
    }
    read(path)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}
