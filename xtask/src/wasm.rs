//! The app's wasm step, run by Trunk's post-build hook in place of Trunk's own
//! Rust step, because Trunk 0.21 cannot split a module.
//!
//! It builds the app for wasm32, cuts it at its split point (`#[lazy]` in
//! `src/app.rs`) with `wasm-split-cli`, binds the main module with
//! wasm-bindgen, shrinks every module with `wasm-opt -Oz` in release builds,
//! names the files by their content, and links the shell's files into
//! `index.html`: the main module starts the app, and the content module is
//! preloaded so that it downloads beside the shell instead of after it.

use crate::sw::{head_end, short_hash};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

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
    check_tools(&root, release)?;
    let target = target_directory(&root)?;

    let mut cargo = cargo();
    cargo.current_dir(&root).args([
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
    let outputs = link(
        String::from_utf8(main_js).map_err(|e| e.to_string())?,
        optimised(&main_wasm, release)?,
        String::from_utf8(loader).map_err(|e| e.to_string())?,
        parts,
    )?;

    let index_path = dir.join("index.html");
    let mut html =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    for name in trunks_rust_outputs(dir)? {
        fs::remove_file(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        html = without_tags_for(&html, &name);
    }
    let html = with_app_tags(&html, &outputs)?;
    for output in &outputs {
        fs::write(dir.join(&output.name), &output.bytes)
            .map_err(|e| format!("{}: {e}", output.name))?;
    }
    fs::write(&index_path, html).map_err(|e| format!("{}: {e}", index_path.display()))?;
    for output in &outputs {
        eprintln!("wasm: {} ({} bytes)", output.name, output.bytes.len());
    }
    Ok(())
}

/// Cargo as the hook's `cargo run` found it.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
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

/// Adds what starts the app to the end of the head: the script that loads
/// the main module, module preloads for the two scripts, and fetch preloads
/// for every wasm module, so that the content module downloads and compiles
/// while the shell starts instead of after the first route asks for it.
pub fn with_app_tags(html: &str, outputs: &[Output]) -> Result<String, String> {
    let [js, wasm, loader, parts @ ..] = outputs else {
        return Err("the wasm step made fewer files than a split app has".into());
    };
    let mut tags = format!(
        "<script type=\"module\">import init from '/{}';\
         const wasm = await init({{ module_or_path: '/{}' }});\
         dispatchEvent(new CustomEvent('mgt-app-started', {{ detail: {{ wasm }} }}));</script>",
        js.name, wasm.name
    );
    for script in [js, loader] {
        tags.push_str(&format!(
            "<link rel=\"modulepreload\" href=\"/{}\" crossorigin>",
            script.name
        ));
    }
    for module in std::iter::once(wasm).chain(parts) {
        tags.push_str(&format!(
            "<link rel=\"preload\" href=\"/{}\" as=\"fetch\" type=\"application/wasm\" crossorigin>",
            module.name
        ));
    }
    let end = head_end(html).ok_or("index.html has no </head> and no <body>")?;
    Ok(format!("{}{tags}{}", &html[..end], &html[end..]))
}

/// The files of Trunk's own Rust step. With no Rust link in `index.html`,
/// Trunk still builds the crate (which this step's `cargo build` then finds
/// up to date) and stages the unsplit module with preloads of it; neither
/// belongs in the site.
fn trunks_rust_outputs(dir: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let name = file_name(&entry.map_err(|e| e.to_string())?.path());
        if is_trunk_output(&name) {
            found.push(name);
        }
    }
    Ok(found)
}

/// `magnesium-tracker-<hex>.js` or `…_bg.wasm`: Trunk's names. This step's
/// own files have the same shape but are written after these are removed.
pub fn is_trunk_output(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(&format!("{APP}-")) else {
        return false;
    };
    let hash = rest
        .strip_suffix("_bg.wasm")
        .or_else(|| rest.strip_suffix(".js"));
    // Trunk prints its 64-bit hash without leading zeros.
    hash.is_some_and(|h| (1..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `html` without the `<link>` tags and `<script>` elements that refer to
/// `name`: Trunk's preloads of its module and the script that starts it.
pub fn without_tags_for(html: &str, name: &str) -> String {
    let needle = format!("/{name}");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["<link", "<script"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min();
        let Some((start, open)) = next else {
            break;
        };
        let close = if open == "<link" { ">" } else { "</script>" };
        let Some(len) = rest[start..].find(close).map(|at| at + close.len()) else {
            break;
        };
        let element = &rest[start..start + len];
        out.push_str(&rest[..start]);
        if !element.contains(&needle) {
            out.push_str(element);
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Replaces every `from` and fails if there is none: the generated code
/// changing shape must stop the build, not ship a site that cannot load.
fn replace_all(text: &str, from: &str, to: &str) -> Result<String, String> {
    if !text.contains(from) {
        return Err(format!("expected {from} in the generated JavaScript"));
    }
    Ok(text.replace(from, to))
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

/// Trunk checked its tools' versions when its own Rust step ran them; this
/// step runs them itself, so it checks them against the same pins in
/// `Trunk.toml`. A wrong wasm-opt (Debian's 108) breaks Leptos output
/// silently, so it must fail here instead.
fn check_tools(root: &Path, release: bool) -> Result<(), String> {
    let trunk_toml =
        fs::read_to_string(root.join("Trunk.toml")).map_err(|e| format!("Trunk.toml: {e}"))?;
    // Each tool with its key in `Trunk.toml` and the part of the pin that
    // `--version` does not print: wasm-opt prints "wasm-opt version 132
    // (version_132)" for the pin "version_132".
    let mut tools = vec![("wasm-bindgen", "wasm_bindgen", "")];
    // Debug builds are not optimised, so they do not need wasm-opt at all.
    if release {
        tools.push(("wasm-opt", "wasm_opt", "version_"));
    }
    for (tool, key, pin_prefix) in tools {
        let pin = pinned(&trunk_toml, key).ok_or(format!("Trunk.toml pins no {key}"))?;
        let wanted = pin.strip_prefix(pin_prefix).unwrap_or(pin);
        let out = Command::new(tool).arg("--version").output().map_err(|e| {
            format!("cannot run {tool}: {e} (run `make serve` or `make test` to install it)")
        })?;
        let printed = String::from_utf8_lossy(&out.stdout);
        if !tool_version_matches(&printed, wanted) {
            return Err(format!(
                "{tool} on PATH is {:?}, Trunk.toml pins {pin} (run through `make`, which puts the pinned one first)",
                printed.trim()
            ));
        }
    }
    Ok(())
}

/// The value of `key = "…"` in the `[tools]` table.
pub fn pinned<'a>(toml: &'a str, key: &str) -> Option<&'a str> {
    toml.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"'))
    })
}

/// Whether `--version` output names exactly `version` as a whole word.
pub fn tool_version_matches(printed: &str, version: &str) -> bool {
    printed
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .any(|word| word == version)
}

fn exec(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}"))
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
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

    #[test]
    fn trunks_unsplit_module_and_its_preloads_are_recognised_and_dropped() {
        let cases = [
            ("magnesium-tracker-c6b6b22644ce4450.js", true),
            ("magnesium-tracker-c6b6b22644ce4450_bg.wasm", true),
            ("magnesium-tracker-a92b687a1fb002_bg.wasm", true),
            ("magnesium-tracker-c6b6b22644ce4450f.js", false),
            ("magnesium-tracker-.js", false),
            ("magnesium-tracker-c6b6b22644ce445g.js", false),
            ("magnesium-tracker-c6b6b22644ce4450.css", false),
            ("content-c6b6b22644ce4450.wasm", false),
            ("main-c6b6b22644ce4450.css", false),
        ];
        for (name, trunks) in cases {
            assert_eq!(is_trunk_output(name), trunks, "{name}");
        }
        let html = "<link href=/a.css rel=stylesheet><script type=module>import init from \
                    '/magnesium-tracker-c6b6b22644ce4450.js';\ninit();</script><script>keep()</script>\
                    <link crossorigin href=/magnesium-tracker-c6b6b22644ce4450.js rel=modulepreload></head>";
        assert_eq!(
            without_tags_for(html, "magnesium-tracker-c6b6b22644ce4450.js"),
            "<link href=/a.css rel=stylesheet><script>keep()</script></head>"
        );
    }

    #[test]
    fn tool_versions_are_read_from_trunk_toml_and_matched_exactly() {
        let toml = "[tools]\n# comment\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\"\n";
        assert_eq!(pinned(toml, "wasm_bindgen"), Some("0.2.130"));
        assert_eq!(pinned(toml, "wasm_opt"), Some("version_132"));
        assert_eq!(pinned(toml, "trunk"), None);
        let cases = [
            ("wasm-opt version 132 (version_132)\n", "132", true),
            ("wasm-opt version 108\n", "132", false),
            ("wasm-opt version 1320\n", "132", false),
            ("wasm-bindgen 0.2.130\n", "0.2.130", true),
            ("wasm-bindgen 0.2.13\n", "0.2.130", false),
        ];
        for (printed, version, matches) in cases {
            assert_eq!(
                tool_version_matches(printed, version),
                matches,
                "{printed:?}"
            );
        }
    }

    #[test]
    fn the_head_gets_the_start_script_and_a_preload_of_every_module() {
        let out = link(
            "from \"./__wasm_split.js\"".into(),
            b"m".to_vec(),
            format!("\"./app.js\" {FETCHER}"),
            parts(),
        )
        .unwrap();
        let html = with_app_tags("<html><title>t</title></head><body>", &out).unwrap();
        let (head, body) = html.split_once("</head>").unwrap();
        assert_eq!(body, "<body>");
        assert!(head.contains(&format!("import init from '/{}';", out[0].name)));
        assert!(head.contains(&format!("module_or_path: '/{}'", out[1].name)));
        for script in [&out[0], &out[2]] {
            assert!(head.contains(&format!("rel=\"modulepreload\" href=\"/{}\"", script.name)));
        }
        for module in [&out[1], &out[3]] {
            assert!(head.contains(&format!(
                "rel=\"preload\" href=\"/{}\" as=\"fetch\"",
                module.name
            )));
        }
        // The minified page has no </head>: the tags go before <body>.
        let minified = with_app_tags("<html><title>t</title><body>", &out).unwrap();
        assert!(minified.find("<script").unwrap() < minified.find("<body>").unwrap());
    }
}
