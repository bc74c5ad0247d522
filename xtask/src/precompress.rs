//! Writes `<name>.br` and `<name>.gz` beside every compressible file of a
//! release build.
//!
//! Brotli at its highest quality and zopfli's gzip are too slow for a host
//! to run on each request, but a host that can serve precompressed files
//! (nginx's `brotli_static` and `gzip_static`, Caddy's `precompressed br
//! gzip`) sends these copies as they are. The result is a smaller download
//! without any work on the server: brotli for browsers that accept it, and
//! for the rest a gzip stream about 4 % smaller than `gzip -9` that every
//! gzip decoder reads. Hosts that cannot use the copies simply ignore them.

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

/// The suffixes of the precompressed copies. The service worker skips these
/// files, because the browser never asks for them by name.
pub const SUFFIXES: [&str; 2] = [".br", ".gz"];

/// The highest brotli quality: the file is compressed once at build time and
/// downloaded many times, so the slow setting pays for itself.
const QUALITY: i32 = 11;
/// A 16 MiB window, the largest that standard brotli decoders accept, so
/// matches can reach back across the whole of the largest build outputs.
const WINDOW_BITS: i32 = 24;

/// Zopfli's passes over each block. Its default of 15 takes about 7 s for the
/// wasm module on this project's two-core machine; more passes gain well
/// under 0.1 %.
const ZOPFLI_ITERATIONS: u64 = 15;

/// Whether `path` is a file that gets precompressed copies.
pub fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| COMPRESSIBLE.contains(&ext))
}

/// Writes a `.br` and a `.gz` copy of every compressible file under `dir`,
/// including those in subfolders such as `icons/`, and returns how many
/// files it compressed.
pub fn run(dir: &Path) -> Result<usize, String> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    for path in &files {
        let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (suffix, copy) in [(".br", brotli(&bytes)?), (".gz", gzip(&bytes)?)] {
            let mut out = path.clone().into_os_string();
            out.push(suffix);
            fs::write(&out, copy).map_err(|e| format!("{}: {e}", Path::new(&out).display()))?;
        }
    }
    Ok(files.len())
}

/// Compresses `bytes` into a standard brotli stream, the format browsers
/// accept as `Content-Encoding: br`.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let params = ::brotli::enc::BrotliEncoderParams {
        quality: QUALITY,
        lgwin: WINDOW_BITS,
        // Knowing the size up front lets the encoder pick its tables for
        // the whole file instead of guessing.
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    ::brotli::BrotliCompress(&mut Cursor::new(bytes), &mut out, &params)
        .map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

/// Compresses `bytes` into a standard gzip stream (RFC 1952), the format
/// every browser accepts as `Content-Encoding: gzip`.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let options = zopfli::Options {
        iteration_count: std::num::NonZeroU64::new(ZOPFLI_ITERATIONS)
            .ok_or("zopfli needs at least one iteration")?,
        ..Default::default()
    };
    let mut out = Vec::new();
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out)
        .map_err(|e| format!("zopfli: {e}"))?;
    Ok(out)
}

/// The compressible files under `dir`, leaving out existing copies because
/// their extensions are not on the list.
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
    use std::io::Read;

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        ::brotli::BrotliDecompress(&mut Cursor::new(bytes), &mut out).unwrap();
        out
    }

    fn ungzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn every_compressible_file_gets_br_and_gz_copies_that_decompress_to_the_same_bytes() {
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
            assert_eq!(unbrotli(&br), original, "{name}.br");
            let gz = fs::read(dir.join(format!("{name}.gz"))).unwrap();
            assert_eq!(ungzip(&gz), original, "{name}.gz");
        }
        // The repeated page must really be compressed, not stored.
        assert!(fs::metadata(dir.join("index.html.gz")).unwrap().len() < 200);
        for copy in ["icons/icon-192.png.br", "icons/icon-192.png.gz"] {
            assert!(!dir.join(copy).exists(), "PNG is compressed already");
        }
        // A second run must not compress the copies again.
        assert_eq!(run(&dir).unwrap(), 3);
        assert!(!dir.join("index.html.br.br").exists());
        assert!(!dir.join("index.html.gz.gz").exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn empty_files_round_trip_too() {
        assert_eq!(unbrotli(&brotli(b"").unwrap()), b"");
        assert_eq!(ungzip(&gzip(b"").unwrap()), b"");
    }
}
