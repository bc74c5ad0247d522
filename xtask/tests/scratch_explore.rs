use magnesium_tracker::domain::food::FoodDb;
use magnesium_tracker::domain::search::{SearchIndex, SortBy};
#[test]
fn explore() {
    let db = FoodDb::decode(&std::fs::read(xtask::workspace_root().join("public/foods.bin")).unwrap()).unwrap();
    let t = std::time::Instant::now();
    let index = SearchIndex::new(&db);
    println!("build {:?} vocab {}", t.elapsed(), index.vocabulary_len());
    let qs = std::env::var("Q").unwrap();
    for q in qs.split('|') {
        let t = std::time::Instant::now();
        let hits = index.search(q, None, SortBy::Relevance);
        let el = t.elapsed();
        println!("== {q:?}: {} hits in {:?}", hits.len(), el);
        for &i in hits.iter().take(6) {
            let f = &db.foods()[i];
            println!("   {} {} [{}] {:?}", f.ndb, f.description, db.group(f.group).unwrap().name, f.mg_per_serving());
        }
    }
}
#[test]
fn sources() {
    use magnesium_tracker::domain::sources::*;
    let db = FoodDb::decode(&std::fs::read(xtask::workspace_root().join("public/foods.bin")).unwrap()).unwrap();
    for t in all_top_sources(&db, 8) {
        println!("== {}", t.category.label());
        for i in t.foods { let f = &db.foods()[i]; println!("   {} {:<70} {:>7.1} mg / {}", f.ndb, f.description, f.mg_per_serving().unwrap(), f.serving_label()); }
    }
}
