//! The app's code sorts through `domain::sorting`: each call of the standard
//! library's stable sort would put another copy of the algorithm, about
//! 4 KB, into the wasm module. Its ordered maps and sets are the sorted
//! vectors of `domain::sorted`: every `BTreeMap` or `BTreeSet` type would
//! bring its own copy of the tree's code, every `HashMap` or `HashSet` type
//! its own copy of the hash table's. Tests may sort as they like.

mod source_scan;

use std::path::{Path, PathBuf};

use source_scan::rust_files;

/// The stable sorts of the standard library, as a call is written.
const STABLE_SORTS: [&str; 4] = [
    ".sort()",
    ".sort_by(",
    ".sort_by_key(",
    ".sort_by_cached_key(",
];

#[test]
fn app_code_sorts_through_the_one_sort() {
    // The app and the food table, which holds the one sort.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates/foods/src"] {
        let before = files.len();
        rust_files(&root.join(dir), &mut files);
        assert!(
            files.len() > before + 5,
            "found only {} files under {dir}",
            files.len() - before
        );
    }
    assert!(files.len() > 50, "found only {} files", files.len());
    // The one sort itself calls the standard library's.
    files.retain(|path| !path.ends_with("crates/foods/src/sorting.rs"));
    let found = lines_naming(&files, &STABLE_SORTS);
    assert!(
        found.is_empty(),
        "use domain::sorting instead:\n{}",
        found.join("\n")
    );
}

/// The standard collections whose code each key type would copy again.
const ORDERED_COLLECTIONS: [&str; 4] = ["BTreeMap", "BTreeSet", "HashMap", "HashSet"];

#[test]
fn app_code_keeps_ordered_collections_in_sorted_vectors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let found = lines_naming(&files, &ORDERED_COLLECTIONS);
    assert!(
        found.is_empty(),
        "use domain::sorted instead:\n{}",
        found.join("\n")
    );
}

/// Each line of app code in `files` that names one of `names`, as
/// "path:line: text". Unit tests are left out: a module's come last, after
/// its `#[cfg(test)]`, or live in a `tests.rs` of their own.
fn lines_naming(files: &[PathBuf], names: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in files.iter().filter(|p| !p.ends_with("tests.rs")) {
        let text = std::fs::read_to_string(path).expect("a readable source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or_default();
            if names.iter().any(|name| line.contains(name)) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    found
}
