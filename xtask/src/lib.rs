//! Build tools for Magnesium Tracker, run with `cargo run -p xtask -- <command>`.
//! The library part holds the SR28 parser and the asset generator so that
//! the integration tests in `xtask/tests/` can call them.

pub mod foods;
pub mod json_variant;
pub mod sr;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The raw USDA SR28 files, relative to the workspace root.
pub const DATA_DIR: &str = "data/usda-sr28";
/// The generated food asset, relative to the workspace root.
pub const ASSET_PATH: &str = "public/foods.bin";

/// The workspace root, found from this crate's location at compile time so
/// the tools work from any current directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Runs `command` and returns what it printed, or an error that names the
/// program and quotes what it printed to stderr.
pub fn stdout_of(command: &mut Command) -> Result<Vec<u8>, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let out = command
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(out.stdout)
}

/// Parses the SR28 files in `data_dir` and encodes the asset bytes.
pub fn generate_asset(data_dir: &Path) -> Result<Vec<u8>, sr::SrError> {
    foods::load(data_dir).map(|db| db.encode())
}
