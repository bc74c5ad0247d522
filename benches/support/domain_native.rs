// Benchmarks of the work the browser does with the food table: decoding the
// asset on start, building the search index once, answering a query per
// keystroke, and computing the "Top sources" page.
//
// Run with `cargo bench --bench domain`. Native times are a floor for wasm,
// which typically runs two to three times slower.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use magnesium_tracker::domain::food::FoodDb;
use magnesium_tracker::domain::search::{SearchIndex, SortBy};
use magnesium_tracker::domain::sources::{DEFAULT_TOP_SOURCES, all_top_sources};
use std::hint::black_box;
use std::time::Duration;

/// Queries people type: single foods, two-word foods in either order,
/// prefixes of a word still being typed, plurals and typos.
const QUERIES: [&str; 20] = [
    "almonds",
    "pumpkin seeds",
    "spinach raw",
    "dark chocolate",
    "black beans",
    "brown rice",
    "quinoa",
    "cashews",
    "banana",
    "avocado",
    "spinnach",
    "almnds",
    "s",
    "chi",
    "raw spinach",
    "milk",
    "berries",
    "salmon cooked",
    "oatmeal cookies",
    "tofu firm",
];

fn asset() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/foods.bin");
    std::fs::read(path).expect("public/foods.bin (cargo run -p xtask -- foods)")
}

fn benches(c: &mut Criterion) {
    let bytes = asset();
    let db = FoodDb::decode(&bytes).expect("the asset decodes");
    let index = SearchIndex::new(&db);

    c.bench_function("decode foods.bin", |b| {
        b.iter(|| FoodDb::decode(black_box(&bytes)))
    });
    c.bench_function("build search index", |b| {
        b.iter(|| SearchIndex::new(black_box(&db)))
    });
    c.bench_function("top sources, all categories", |b| {
        b.iter(|| all_top_sources(black_box(&db), DEFAULT_TOP_SOURCES))
    });

    let mut group = c.benchmark_group("query");
    for query in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
            b.iter(|| index.search(black_box(q), None, SortBy::Relevance))
        });
    }
    group.finish();
    c.bench_function("query all 20, relevance", |b| {
        b.iter(|| {
            for q in QUERIES {
                black_box(index.search(q, None, SortBy::Relevance));
            }
        })
    });
    c.bench_function("query empty, mg per serving", |b| {
        b.iter(|| index.search(black_box(""), None, SortBy::MgPerPortion))
    });
}

criterion_group! {
    name = domain;
    // Short runs: the numbers are stable to a few percent well before
    // criterion's defaults, and the benchmark runs on a shared machine.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = benches
}
criterion_main!(domain);
