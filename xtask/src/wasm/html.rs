//! Edits the staged `index.html`: drops what Trunk's own Rust step linked and
//! adds the tags that start the split app.

use super::{APP, Output, file_name};
use crate::sw::head_end;
use std::fs;
use std::path::Path;

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
pub fn trunks_rust_outputs(dir: &Path) -> Result<Vec<String>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_head_gets_the_start_script_and_a_preload_of_every_module() {
        let out: Vec<Output> = [
            "magnesium-tracker-0123456789abcdef.js",
            "magnesium-tracker-0123456789abcdef_bg.wasm",
            "wasm-split-0123456789abcdef.js",
            "content-0123456789abcdef.wasm",
        ]
        .into_iter()
        .map(|name| Output {
            name: name.into(),
            bytes: Vec::new(),
        })
        .collect();
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
