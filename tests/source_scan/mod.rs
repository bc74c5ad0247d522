//! Reading the app's own source, for the tests that check a rule over every
//! file (one sort, number boxes).

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, in every subfolder.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
