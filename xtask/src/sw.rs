//! Post-build step run by Trunk: writes the first screens into `index.html`
//! (`first_screen`), pins its inline scripts in a Content-Security-Policy and
//! writes the service worker with a precache list generated from the staged
//! build, so neither is ever maintained by hand. Release builds then get
//! their brotli and gzip copies (see `precompress`) last, so that the copies of
//! `index.html` and `sw.js` match their final text.

use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// The service-worker template; the build fills in its two markers.
const TEMPLATE: &str = include_str!("../../src/sw.js");
const VERSION_MARKER: &str = "'%%VERSION%%'";
const PRECACHE_MARKER: &str = "/*%%PRECACHE%%*/ []";

/// Rewrites `dir/index.html` with the CSP, writes `dir/sw.js` and, in release
/// builds, the `.br` and `.gz` copies.
pub fn run(dir: &Path) -> Result<(), String> {
    let index_path = dir.join("index.html");
    let mut html =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    if let Some(url) = hash_food_asset(dir)? {
        html = with_meta(&html, "mgt-food-data", &url)?;
    }
    let worker = write_start_worker(dir)?;
    html = with_meta(&html, "mgt-start-worker", &worker)?;
    let screens_path = xtask::workspace_root().join(FIRST_SCREENS);
    let screens = fs::read_to_string(&screens_path).map_err(|e| {
        format!(
            "{}: {e} (`make first-screens` writes it)",
            screens_path.display()
        )
    })?;
    html = crate::first_screen::with_first_screens(&html, &screens)?;
    // `trunk serve` injects its live-reload script after this hook runs, so
    // no hash of it can be pinned here: debug builds go without the CSP, and
    // the release build (which every test runs) always has it.
    let release = std::env::var("TRUNK_PROFILE").as_deref() != Ok("debug");
    if release {
        html = with_csp(&html)?;
    }
    fs::write(&index_path, &html).map_err(|e| format!("{}: {e}", index_path.display()))?;

    let entries = precache_entries(dir)?;
    let listing: String = entries
        .iter()
        .map(|(url, hash)| format!("{url} {hash}\n"))
        .collect();
    let version = short_hash(listing.as_bytes());
    let sw = service_worker(&version, &entries)?;
    fs::write(dir.join("sw.js"), sw).map_err(|e| format!("sw.js: {e}"))?;
    eprintln!(
        "service worker {version}: {} files precached",
        entries.len()
    );
    // Debug builds skip the copies, because brotli at its highest quality
    // and zopfli would slow down every rebuild that `trunk serve` makes.
    if release {
        let count = crate::precompress::run(dir)?;
        eprintln!("brotli and gzip: {count} files precompressed");
    }
    Ok(())
}

/// The URL and content hash of every file the service worker precaches:
/// everything in the build but the worker itself and the `.br` and `.gz`
/// copies, which the browser only ever receives as the encoding of the file
/// they copy.
fn precache_entries(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    files.sort();
    let mut entries = Vec::new();
    for rel in &files {
        if rel == "sw.js"
            || crate::precompress::SUFFIXES
                .iter()
                .any(|s| rel.ends_with(s))
        {
            continue;
        }
        let bytes = fs::read(dir.join(rel)).map_err(|e| format!("{rel}: {e}"))?;
        entries.push((format!("/{rel}"), short_hash(&bytes)));
    }
    Ok(entries)
}

/// The first screen of each main route, taken from the built app.
const FIRST_SCREENS: &str = "public/first-screens.json";

/// The food data as Trunk copies it; the hook gives it a content-hashed name.
const FOOD_ASSET: &str = "foods.bin";

/// Renames `dir/foods.bin` to `foods-<hash>.bin` and returns its URL.
///
/// A hashed name lets hosts cache the file for good and lets the service
/// worker take the copy the page has already downloaded from the HTTP cache
/// instead of fetching it a second time on the first visit.
fn hash_food_asset(dir: &Path) -> Result<Option<String>, String> {
    let path = dir.join(FOOD_ASSET);
    if !path.exists() {
        return Ok(None);
    }
    let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = format!("foods-{}.bin", short_hash(&bytes));
    fs::rename(&path, dir.join(&name)).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some(format!("/{name}")))
}

/// The start worker's source; the build copies it under a hashed name.
const START_WORKER: &str = include_str!("../../src/start_worker.js");

/// Writes the start worker as `dir/start-<hash>.js` and returns its URL.
///
/// The start script (`pattern_script` in `Trunk.toml`) hands the worker the
/// first visit's two large downloads, so their decoding stays off the page's
/// main thread. A hashed name lets hosts cache it for good, like the rest.
fn write_start_worker(dir: &Path) -> Result<String, String> {
    let name = format!("start-{}.js", short_hash(START_WORKER.as_bytes()));
    fs::write(dir.join(&name), START_WORKER).map_err(|e| format!("{name}: {e}"))?;
    Ok(format!("/{name}"))
}

/// Names an asset in the head, `<meta name=… content=URL>`: the food data
/// (`mgt-food-data`), which the app fetches from that URL where the start
/// worker has not handed it over, and the start worker (`mgt-start-worker`).
/// The start script reads both once the first screen has painted.
pub fn with_meta(html: &str, name: &str, url: &str) -> Result<String, String> {
    let head = head_start(html).ok_or("index.html has neither <head> nor <html>")?;
    Ok(format!(
        "{}<meta name=\"{name}\" content=\"{url}\">{}",
        &html[..head],
        &html[head..]
    ))
}

/// Fills the template. Fails loudly when a marker is missing, because a
/// worker with an empty precache list would silently break offline use.
pub fn service_worker(version: &str, entries: &[(String, String)]) -> Result<String, String> {
    if !TEMPLATE.contains(VERSION_MARKER) || !TEMPLATE.contains(PRECACHE_MARKER) {
        return Err("src/sw.js lost its %%VERSION%% or %%PRECACHE%% marker".into());
    }
    let list: Vec<String> = entries
        .iter()
        .map(|(url, hash)| format!("[{}, {}]", js_string(url), js_string(hash)))
        .collect();
    Ok(TEMPLATE
        .replace(VERSION_MARKER, &js_string(version))
        .replace(PRECACHE_MARKER, &format!("[\n  {},\n]", list.join(",\n  "))))
}

/// Adds a `<meta http-equiv="Content-Security-Policy">` as the first child of
/// `<head>`, allowing inline scripts only by their SHA-256 hash.
pub fn with_csp(html: &str) -> Result<String, String> {
    let hashes: Vec<String> = inline_scripts(html)
        .iter()
        .map(|body| format!("'sha256-{}'", base64(&Sha256::digest(body.as_bytes()))))
        .collect();
    // `connect-src` is the one door out: sync talks to the person's own
    // server, which may be any https origin, or plain http on this very
    // device (CouchDB on localhost). Nothing else may connect, and the app
    // makes no request at all while sync is off.
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
         img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self' https: http://localhost:* http://127.0.0.1:*; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'",
        hashes.join(" ")
    );
    let head = head_start(html).ok_or("index.html has neither <head> nor <html>")?;
    Ok(format!(
        "{}<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">{}",
        &html[..head],
        &html[head..]
    ))
}

/// Where the first child of the head goes. Trunk's release minifier drops the
/// optional `<head>` tag, so the end of the `<html …>` tag serves as well.
fn head_start(html: &str) -> Option<usize> {
    for tag in ["<head>", "<head ", "<html>", "<html "] {
        if let Some(start) = html.find(tag) {
            return Some(start + html[start..].find('>')? + 1);
        }
    }
    None
}

/// The bodies of `<script>` elements without a `src` attribute.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            found.push(&after[body_start..body_start + close]);
        }
        rest = &after[body_start + close..];
    }
    found
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path: PathBuf = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).map_err(|e| e.to_string())?;
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

pub fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn js_string(s: &str) -> String {
    // URLs and hex hashes never need more escaping than quotes and backslashes.
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Standard padded base64 (RFC 4648), the encoding CSP hash sources use.
fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
    }

    #[test]
    fn food_asset_gets_a_content_hash_and_a_preload() {
        let dir = std::env::temp_dir().join(format!("mgt-sw-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("foods.bin"), b"food bytes").unwrap();
        let url = hash_food_asset(&dir).unwrap().expect("the asset is there");
        // The service worker and the test server treat exactly this shape as
        // immutable, so the pattern is part of the contract.
        let name = url
            .strip_prefix("/foods-")
            .and_then(|n| n.strip_suffix(".bin"))
            .unwrap();
        assert_eq!(name, short_hash(b"food bytes"));
        assert!(name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(!dir.join("foods.bin").exists() && dir.join(&url[1..]).exists());
        assert_eq!(
            hash_food_asset(&dir).unwrap(),
            None,
            "nothing left to rename"
        );
        fs::remove_dir_all(&dir).unwrap();

        let html = with_meta("<html lang=en><title>t</title>", "mgt-food-data", &url).unwrap();
        assert_eq!(
            html,
            format!(
                "<html lang=en><meta name=\"mgt-food-data\" content=\"{url}\"><title>t</title>"
            )
        );
    }

    #[test]
    fn start_worker_is_written_under_its_content_hash() {
        let dir = std::env::temp_dir().join(format!("mgt-sw-worker-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let url = write_start_worker(&dir).unwrap();
        let written = fs::read_to_string(dir.join(&url[1..])).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        // The test server and the service worker cache exactly this shape
        // for good, so a changed worker must get a new name.
        assert_eq!(url, format!("/start-{}.js", short_hash(written.as_bytes())));
        assert_eq!(written, START_WORKER);
        // Both answers the start script waits for.
        assert!(
            written.contains("postMessage({ module:") && written.contains("postMessage({ food:")
        );
    }

    #[test]
    fn precache_list_leaves_out_the_worker_and_precompressed_copies() {
        let dir = std::env::temp_dir().join(format!("mgt-sw-precache-{}", std::process::id()));
        fs::create_dir_all(dir.join("icons")).unwrap();
        for name in [
            "index.html",
            "index.html.br",
            "index.html.gz",
            "app.wasm",
            "app.wasm.br",
            "app.wasm.gz",
            "sw.js",
            "sw.js.br",
            "icons/icon.svg",
            "icons/icon.svg.br",
            "icons/icon.svg.gz",
        ] {
            fs::write(dir.join(name), name).unwrap();
        }
        let entries = precache_entries(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let urls: Vec<&str> = entries.iter().map(|(url, _)| url.as_str()).collect();
        assert_eq!(urls, ["/app.wasm", "/icons/icon.svg", "/index.html"]);
        assert_eq!(entries[0].1, short_hash(b"app.wasm"));
    }

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import x from '/x.js';</script></head>"#;
        assert_eq!(inline_scripts(html), vec!["import x from '/x.js';"]);
    }

    #[test]
    fn csp_goes_first_in_head_with_the_script_hash() {
        let html = "<html><head><title>t</title><script>go()</script></head></html>";
        let out = with_csp(html).unwrap();
        assert!(out.starts_with("<html><head><meta http-equiv=\"Content-Security-Policy\""));
        // sha256("go()") in base64, computed independently with `openssl dgst -sha256 -binary | base64`.
        assert!(
            out.contains("'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"),
            "{out}"
        );
        assert!(out.contains("'wasm-unsafe-eval'") && !out.contains("unsafe-inline"));
    }

    #[test]
    fn csp_also_fits_minified_html_without_a_head_tag() {
        let out = with_csp(
            "<!doctype html><html lang=en><meta charset=utf-8><script type=module>x()</script>",
        )
        .unwrap();
        assert!(
            out.starts_with(
                "<!doctype html><html lang=en><meta http-equiv=\"Content-Security-Policy\""
            ),
            "{out}"
        );
    }

    #[test]
    fn worker_lists_every_entry_and_the_version() {
        let sw = service_worker(
            "abc123",
            &[
                ("/index.html".into(), "0011".into()),
                ("/app.wasm".into(), "2233".into()),
            ],
        )
        .unwrap();
        assert!(sw.contains("const VERSION = 'abc123';"));
        assert!(sw.contains("['/index.html', '0011'],\n  ['/app.wasm', '2233'],"));
        assert!(!sw.contains("%%"));
    }
}
