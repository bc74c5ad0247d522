//! The food table: the USDA SR28 foods, the compact asset the browser
//! decodes at start-up, the portion each food is shown with, the search
//! index built over it on every start, and the "Top sources" rankings.
//!
//! The app reaches these modules as `magnesium_tracker::domain::food` and so
//! on: `domain` re-exports them. They are a crate of their own because the
//! start-up walks (decoding 8,789 foods and indexing their words) and the
//! search on every keystroke are the app's hot loops, and a crate can be
//! optimised for speed while the rest of the wasm module is optimised for
//! size. Like all of the domain, nothing here imports Leptos or web-sys.

pub mod food;
pub mod portion;
pub mod search;
pub mod sorting;
pub mod sources;

/// The SR28 asset the app ships, for the tests that check the real table.
#[cfg(test)]
mod testing {
    use crate::food::FoodDb;

    /// The bytes of `public/foods.bin`, at the root of the checkout.
    pub fn asset_bytes() -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/foods.bin");
        std::fs::read(path).expect("public/foods.bin (cargo run -p xtask -- foods)")
    }

    /// The decoded asset, decoded once for all the tests that read it.
    pub fn sr28() -> &'static FoodDb {
        static DB: std::sync::OnceLock<FoodDb> = std::sync::OnceLock::new();
        DB.get_or_init(|| FoodDb::decode(&asset_bytes()).expect("the committed asset decodes"))
    }
}
