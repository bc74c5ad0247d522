use magnesium_tracker::domain::food::FoodDb;
use magnesium_tracker::domain::search::{SearchIndex, words};
use std::time::Instant;
#[test]
fn build_parts() {
    let db = FoodDb::decode(&std::fs::read(xtask::workspace_root().join("public/foods.bin")).unwrap()).unwrap();
    let med = |f: &mut dyn FnMut()| { let mut v = vec![]; for _ in 0..61 { let t = Instant::now(); f(); v.push(t.elapsed().as_secs_f64()*1e3);} v.sort_by(f64::total_cmp); v[0] };
    println!("full build {:.2} ms", med(&mut || { std::hint::black_box(SearchIndex::new(&db)); }));
    println!("words only {:.2} ms", med(&mut || { for f in db.foods() { std::hint::black_box(words(&f.description)); std::hint::black_box(words(&f.common_names)); } }));
    println!("brand_like {:.2} ms", med(&mut || { for f in db.foods() { std::hint::black_box(f.brand_like()); } }));
    println!("head {:.2} ms", med(&mut || { for f in db.foods() { std::hint::black_box(f.head()); } }));
    println!("lower+sort {:.2} ms", med(&mut || { let mut v: Vec<String> = db.foods().iter().map(|f| f.description.to_lowercase()).collect(); v.sort(); std::hint::black_box(v); }));
    println!("mg sort x3 {:.2} ms", med(&mut || { for _ in 0..3 { let mut v: Vec<(Option<f64>, u32)> = db.foods().iter().enumerate().map(|(i,f)| (f.mg_per_serving(), i as u32)).collect(); v.sort_by(|a,b| b.0.partial_cmp(&a.0).unwrap()); std::hint::black_box(v);} }));
}
