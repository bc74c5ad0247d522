//! Writes `<name>.br` beside every compressible file of a release build.
//!
//! Brotli at its highest quality is too slow for a host to run on each
//! request, but a host that can serve precompressed files (nginx's
//! `brotli_static`, Caddy's `precompressed br`) sends these copies as they
//! are. The result is a smaller download than gzip without any work on the
//! server, and hosts that cannot use the copies simply ignore them.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The extensions worth compressing: text and the wasm and food data, which
/// are not compressed already. Images such as PNG are left alone because
/// brotli would only make them a few bytes larger. The end-to-end server and
/// the size bench use the same list.
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "mjs",
    "css",
    "wasm",
    "webmanifest",
    "json",
    "svg",
    "bin",
    "txt",
];

/// The suffix of a precompressed copy. The service worker skips these files,
/// because the browser never asks for them by name.
pub const SUFFIX: &str = ".br";

/// The highest brotli quality: the file is compressed once at build time and
/// downloaded many times, so the slow setting pays for itself.
const QUALITY: i32 = 11;
/// A 16 MiB window, the largest that standard brotli decoders accept, so
/// matches can reach back across the whole of the largest build outputs.
const WINDOW_BITS: i32 = 24;

/// Whether `path` is a file that gets a brotli copy.
pub fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| COMPRESSIBLE.contains(&ext))
}

/// Writes a `.br` copy of every compressible file under `dir`, including
/// those in subfolders such as `icons/`, and returns how many it wrote.
pub fn run(dir: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    for path in &files {
        let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut out = path.clone().into_os_string();
        out.push(SUFFIX);
        fs::write(&out, compress(&bytes)?)
            .map_err(|e| format!("{}: {e}", Path::new(&out).display()))?;
    }
    Ok(files.len())
}

/// Compresses `bytes` into a standard brotli stream, the format browsers
/// accept as `Content-Encoding: br`.
pub fn compress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: QUALITY,
        lgwin: WINDOW_BITS,
        // Knowing the size up front lets the encoder pick its tables for
        // the whole file instead of guessing.
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut Cursor::new(bytes), &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

/// The compressible files under `dir`, leaving out existing `.br` copies
/// because their extension is not on the list.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if is_compressible(&path) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decompress(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut Cursor::new(bytes), &mut out).unwrap();
        out
    }

    #[test]
    fn every_compressible_file_gets_a_br_copy_that_decompresses_to_the_same_bytes() {
        let dir = std::env::temp_dir().join(format!("mgt-precompress-{}", std::process::id()));
        fs::create_dir_all(dir.join("icons")).unwrap();
        let html = b"<!doctype html><title>t</title>".repeat(50);
        // Bytes that do not repeat, so the copy cannot be a trivial stream.
        let wasm: Vec<u8> = (0u32..20_000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'></svg>";
        fs::write(dir.join("index.html"), &html).unwrap();
        fs::write(dir.join("app.wasm"), &wasm).unwrap();
        fs::write(dir.join("icons/icon.svg"), svg).unwrap();
        fs::write(dir.join("icons/icon-192.png"), b"\x89PNG not really").unwrap();

        assert_eq!(run(&dir).unwrap(), 3);
        for (name, original) in [
            ("index.html", &html[..]),
            ("app.wasm", &wasm[..]),
            ("icons/icon.svg", &svg[..]),
        ] {
            let br = fs::read(dir.join(format!("{name}.br"))).unwrap();
            assert_eq!(decompress(&br), original, "{name}");
        }
        assert!(
            !dir.join("icons/icon-192.png.br").exists(),
            "PNG is compressed already"
        );
        // A second run must not compress the copies again.
        assert_eq!(run(&dir).unwrap(), 3);
        assert!(!dir.join("index.html.br.br").exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn empty_files_round_trip_too() {
        assert_eq!(decompress(&compress(b"").unwrap()), b"");
    }
}
