//! Names the files by their content and rewrites the references between
//! them, including the generated loader's fetch of each part.

use super::{APP, Output, SPLIT_LOADER, SPLIT_MAIN};
use crate::sw::short_hash;

/// Gives the files their names in the site and rewrites the references
/// between them. The main script imports the loader and the loader imports
/// the main script back, so no file's hash can include the other's name: all
/// share one hash of their final contents with the names left out, and a
/// change to any of them renames them all.
///
/// Returns the main script, the main module, the loader, then the parts.
pub fn link(
    main_js: String,
    main_wasm: Vec<u8>,
    loader: String,
    parts: Vec<(String, Vec<u8>)>,
) -> Result<Vec<Output>, String> {
    let provisional = link_as(HASH_PLACEHOLDER, main_js, main_wasm, loader, parts)?;
    let hash = short_hash(&concatenated(&provisional));
    Ok(provisional
        .into_iter()
        .map(|output| {
            let name = output.name.replace(HASH_PLACEHOLDER, &hash);
            let bytes = if name.ends_with(".js") {
                String::from_utf8_lossy(&output.bytes)
                    .replace(HASH_PLACEHOLDER, &hash)
                    .into_bytes()
            } else {
                output.bytes
            };
            Output { name, bytes }
        })
        .collect())
}

/// Stands for the hash while the files are linked; it is not hex, so it
/// cannot be mistaken for a real one.
const HASH_PLACEHOLDER: &str = "@@build-hash@@";

/// Every name and every byte, in order, for the hash.
fn concatenated(outputs: &[Output]) -> Vec<u8> {
    let mut all = Vec::new();
    for output in outputs {
        all.extend_from_slice(output.name.as_bytes());
        all.extend_from_slice(&output.bytes);
    }
    all
}

/// [`link`] with a given hash.
fn link_as(
    hash: &str,
    main_js: String,
    main_wasm: Vec<u8>,
    loader: String,
    parts: Vec<(String, Vec<u8>)>,
) -> Result<Vec<Output>, String> {
    let js_name = format!("{APP}-{hash}.js");
    let loader_name = format!("wasm-split-{hash}.js");

    // Only the import statement: the import object's key stays the module
    // name the wasm itself asks for.
    let main_js = replace_all(
        &main_js,
        &format!("from \"./{SPLIT_LOADER}\""),
        &format!("from \"./{loader_name}\""),
    )?;
    let mut loader = replace_all(
        &loader,
        &format!("\"./{SPLIT_MAIN}.js\""),
        &format!("\"./{js_name}\""),
    )?;
    let mut outputs = vec![
        Output {
            name: js_name,
            bytes: main_js.into_bytes(),
        },
        Output {
            name: format!("{APP}-{hash}_bg.wasm"),
            bytes: main_wasm,
        },
    ];
    let mut renamed = Vec::new();
    for (name, bytes) in parts {
        let new_name = format!("{}-{hash}.wasm", part_stem(&name));
        // The generated loader fetches and compiles a part only when the app
        // first asks for it, after the main module has started; taking the
        // module compiled since the loader was imported lets both compile at
        // once (see `EARLY_COMPILE`).
        loader = replace_all(
            &loader,
            &format!("const src = fetch(new URL(\"./{name}\", import.meta.url));"),
            &format!("const src = takeEarly(\"./{new_name}\");"),
        )?;
        renamed.push(Output {
            name: new_name,
            bytes,
        });
    }
    loader = replace_all(
        &loader,
        "WebAssembly.instantiateStreaming(src, imports)",
        "WebAssembly.instantiate(await src, imports)",
    )?;
    let early: Vec<String> = renamed
        .iter()
        .map(|o| format!("\"./{}\"", o.name))
        .collect();
    loader.push_str(&EARLY_COMPILE.replace("PARTS", &early.join(", ")));
    outputs.push(Output {
        name: loader_name,
        bytes: loader.into_bytes(),
    });
    outputs.extend(renamed);
    Ok(outputs)
}

/// Appended to the loader: every part starts compiling as soon as the loader
/// is imported, which the main script does statically, so the content module
/// compiles beside the main one instead of after it. A load the JavaScript
/// side retries compiles afresh (the app itself offers a reload instead).
const EARLY_COMPILE: &str = "
// Added by xtask wasm: compile every part from the start.
const early = new Map();
function compile(path) {
    const module = compileFrom(fetch(new URL(path, import.meta.url)));
    module.catch(() => {});
    return module;
}
async function compileFrom(fetched) {
    const response = await fetched;
    try {
        return await WebAssembly.compileStreaming(response);
    } catch (e) {
        // As wasm-bindgen's own loader does: a host that sends another
        // Content-Type than application/wasm gets the slower path.
        if (response.headers.get('Content-Type') === 'application/wasm') throw e;
        return WebAssembly.compile(await response.arrayBuffer());
    }
}
function takeEarly(path) {
    const module = early.get(path) ?? compile(path);
    early.delete(path);
    return module;
}
for (const path of [PARTS]) early.set(path, compile(path));
";

/// `split_content_1609…` names the split point `content`; shared pieces are
/// `chunk_<n>` and keep that name.
pub fn part_stem(file: &str) -> &str {
    let stem = file.strip_suffix(".wasm").unwrap_or(file);
    match stem.strip_prefix("split_") {
        Some(rest) => match rest.rsplit_once('_') {
            Some((name, id)) if !name.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => rest,
        },
        None => stem,
    }
}

/// Replaces every `from` and fails if there is none: the generated code
/// changing shape must stop the build, not ship a site that cannot load.
fn replace_all(text: &str, from: &str, to: &str) -> Result<String, String> {
    if !text.contains(from) {
        return Err(format!("expected {from} in the generated JavaScript"));
    }
    Ok(text.replace(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part's fetcher as wasm_split_cli_support 0.2.4 writes it.
    const FETCHER: &str =
        "export const __wasm_split_load_content_160947 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL(\"./split_content_160947.wasm\", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []));";

    fn parts() -> Vec<(String, Vec<u8>)> {
        vec![("split_content_160947.wasm".into(), b"content".to_vec())]
    }

    #[test]
    fn split_points_are_named_and_shared_chunks_keep_their_names() {
        let cases = [
            ("split_content_16094706169254820051.wasm", "content"),
            ("split_foods_route_view_1.wasm", "foods_route_view"),
            ("chunk_12.wasm", "chunk_12"),
            ("split_odd.wasm", "odd"),
        ];
        for (file, stem) in cases {
            assert_eq!(part_stem(file), stem, "{file}");
        }
    }

    #[test]
    fn files_share_one_content_hash_and_point_at_each_other() {
        let main_js =
            "import * as import1 from \"./__wasm_split.js\"\nconst imports = { \"./__wasm_split.js\": import1 };"
                .to_string();
        let loader = format!("import {{ initSync }} from \"./app.js\";\n{FETCHER}");
        let out = link(main_js.clone(), b"main".to_vec(), loader.clone(), parts()).unwrap();
        let names: Vec<&str> = out.iter().map(|o| o.name.as_str()).collect();
        let hash = &names[0]["magnesium-tracker-".len()..names[0].len() - 3];
        assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            names,
            [
                format!("magnesium-tracker-{hash}.js"),
                format!("magnesium-tracker-{hash}_bg.wasm"),
                format!("wasm-split-{hash}.js"),
                format!("content-{hash}.wasm"),
            ]
        );
        let js = String::from_utf8(out[0].bytes.clone()).unwrap();
        assert!(js.contains(&format!("import1 from \"./wasm-split-{hash}.js\"")));
        assert!(js.contains("{ \"./__wasm_split.js\": import1 }"), "{js}");
        let loader_out = String::from_utf8(out[2].bytes.clone()).unwrap();
        assert!(loader_out.contains(&format!("from \"./magnesium-tracker-{hash}.js\"")));
        // The part compiles from the start; the loader takes that module.
        assert!(loader_out.contains(&format!(
            "const src = takeEarly(\"./content-{hash}.wasm\");"
        )));
        assert!(loader_out.contains("WebAssembly.instantiate(await src, imports)"));
        assert!(loader_out.contains(&format!(
            "for (const path of [\"./content-{hash}.wasm\"]) early.set"
        )));
        assert!(
            !loader_out.contains("instantiateStreaming") && !loader_out.contains("split_content")
        );

        // The hash is of the final contents, the names written as the
        // placeholder: a change in how the files are rewritten renames them.
        let provisional: Vec<Output> = out
            .iter()
            .map(|o| Output {
                name: o.name.replace(hash, HASH_PLACEHOLDER),
                bytes: String::from_utf8_lossy(&o.bytes)
                    .replace(hash, HASH_PLACEHOLDER)
                    .into_bytes(),
            })
            .collect();
        assert_eq!(short_hash(&concatenated(&provisional)), hash);

        // Any change to any file gives every file a new name.
        let changed = link(main_js, b"main2".to_vec(), loader, parts()).unwrap();
        assert!(changed.iter().zip(&out).all(|(a, b)| a.name != b.name));
    }

    #[test]
    fn generated_code_of_another_shape_stops_the_build() {
        let err = link(
            "import './elsewhere.js'".into(),
            vec![],
            "import { initSync } from \"./app.js\";".into(),
            parts(),
        )
        .unwrap_err();
        assert!(err.contains("__wasm_split.js"), "{err}");
        let err = link(
            "from \"./__wasm_split.js\"".into(),
            vec![],
            "import { initSync } from \"./app.js\";".into(),
            parts(),
        )
        .unwrap_err();
        assert!(err.contains("split_content_160947.wasm"), "{err}");
    }
}
