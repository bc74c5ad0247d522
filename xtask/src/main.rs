//! `cargo run -p xtask -- foods` regenerates `public/foods.bin` from
//! `data/usda-sr28/`; `cargo run -p xtask -- sw <dir>` writes a built site's
//! service worker (and, in release builds, its brotli and gzip copies);
//! `cargo run -p xtask --release -- measure` compares the postcard asset with
//! a columnar JSON encoding.

mod first_screen;
mod precompress;
mod sw;

use magnesium_tracker::domain::food::FoodDb;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use xtask::{ASSET_PATH, DATA_DIR, foods, generate_asset, json_variant, workspace_root};

const USAGE: &str = "usage: cargo run -p xtask -- <command>
  foods [DATA_DIR [OUT_FILE]]  regenerate the food asset (defaults: data/usda-sr28, public/foods.bin)
  sw <DIR>                     generate the service worker for the built site in DIR
                               (and its .br and .gz copies unless TRUNK_PROFILE=debug)
  measure                      compare postcard and columnar JSON sizes and decode times";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["foods"] => write_foods(
            &workspace_root().join(DATA_DIR),
            &workspace_root().join(ASSET_PATH),
        ),
        ["foods", data] => write_foods(Path::new(data), &workspace_root().join(ASSET_PATH)),
        ["foods", data, out] => write_foods(Path::new(data), Path::new(out)),
        ["sw", dir] => sw::run(Path::new(dir)),
        ["measure"] => measure(),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write_foods(data: &Path, out: &Path) -> Result<(), String> {
    let bytes = generate_asset(data).map_err(|e| e.to_string())?;
    std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}

/// Prints raw and `gzip -9` sizes and the median native decode time of both
/// encodings. Build with `--release` for meaningful times.
fn measure() -> Result<(), String> {
    let db = foods::load(&workspace_root().join(DATA_DIR)).map_err(|e| e.to_string())?;
    let postcard = db.encode();
    let json = json_variant::encode(&db);
    if json_variant::decode(&json)? != db {
        return Err("the JSON variant does not round-trip".into());
    }
    let dir = std::env::temp_dir().join(format!("xtask-measure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for (name, bytes, decode_ms) in [
        (
            "postcard",
            postcard.as_slice(),
            median_ms(|| {
                FoodDb::decode(&postcard)
                    .map(drop)
                    .map_err(|e| e.to_string())
            })?,
        ),
        (
            "json",
            json.as_bytes(),
            median_ms(|| json_variant::decode(&json).map(drop))?,
        ),
    ] {
        let gz = gzip_size(&dir.join(name), bytes)?;
        println!(
            "{name:>8}: raw {:>9} B, gzip -9 {:>8} B, decode median {decode_ms:.2} ms",
            bytes.len(),
            gz
        );
    }
    std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(())
}

fn median_ms(mut run: impl FnMut() -> Result<(), String>) -> Result<f64, String> {
    let mut times = Vec::new();
    for _ in 0..51 {
        let start = Instant::now();
        run()?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

fn gzip_size(path: &PathBuf, bytes: &[u8]) -> Result<usize, String> {
    std::fs::write(path, bytes).map_err(|e| e.to_string())?;
    let gzipped = xtask::stdout_of(
        std::process::Command::new("gzip")
            .args(["-9", "-n", "-c"])
            .arg(path),
    )?;
    Ok(gzipped.len())
}
