//! Every number box the person types in is bound with `use:typed_value`
//! (`src/components/mod.rs`), never with a reactive `prop:value`: setting a
//! number box's value after each keystroke makes Chromium redraw it from the
//! start, so "12.5" typed key by key became 512. A static `prop:value` (a
//! box that saves on `change`) is written once and is fine.

mod source_scan;

use std::path::Path;

use source_scan::rust_files;

/// The `<input …/>` elements of a source text, as written.
fn inputs(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<input ") {
        let tail = &rest[start..];
        let end = tail.find("/>").map_or(tail.len(), |e| e + 2);
        found.push(&tail[..end]);
        rest = &tail[end..];
    }
    found
}

#[test]
fn the_scan_tells_a_typed_binding_from_a_written_back_one() {
    let text = r#"<input type="number" prop:value=move || a.get() on:input=x/>
        <input type="text" prop:value=move || b.get()/>
        <input type="number" use:typed_value=Signal::from(c) on:input=y/>"#;
    let found = inputs(text);
    assert_eq!(found.len(), 3);
    assert!(written_back(found[0]));
    assert!(!written_back(found[1]));
    assert!(!written_back(found[2]));
}

fn written_back(input: &str) -> bool {
    input.contains(r#"type="number""#) && input.contains("prop:value=move")
}

#[test]
fn number_boxes_never_write_back_what_is_typed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut boxes = 0;
    let mut found = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for input in inputs(&text) {
            if input.contains(r#"type="number""#) {
                boxes += 1;
            }
            if written_back(input) {
                found.push(format!("{}: {}", path.display(), input.trim()));
            }
        }
    }
    // The app has a dozen number boxes; far fewer means the scan is broken.
    assert!(boxes >= 10, "found only {boxes} number boxes");
    assert!(
        found.is_empty(),
        "bind these with use:typed_value:\n{}",
        found.join("\n")
    );
}
