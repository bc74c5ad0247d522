//! Loads the food-data asset in the background so the page paints first.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::{Measure, next_paint, yield_to_browser};
use crate::domain::food::{AssetDecoder, FoodDb};
use crate::domain::search::{IndexBuilder, SearchIndex, SortBy};
use crate::domain::shop::week;
use crate::domain::sources::{
    RANKED_TOP_SOURCES, TopSources, all_top_sources, first_of_each, ranked_top_sources,
};

/// The build names the asset by its content hash in
/// `<meta name="mgt-food-data">` (see `xtask sw`); on a first visit the start
/// worker fetches it beside the wasm (elsewhere the start script preloads
/// it), and the service worker precaches it, so it loads offline too.
const ASSET_META: &str = "meta[name=mgt-food-data]";

/// Where the start script leaves the start worker's answer for the food
/// data: a promise of its bytes, or of null (see `pattern_script` in
/// `Trunk.toml`).
const FROM_START_WORKER: &str = "mgtFoodData";

/// The decoded foods and their search index, built once per page load.
pub struct Foods {
    pub db: FoodDb,
    /// `None` until the foods are sorted, then an index that lists them (see
    /// [`IndexBuilder::browse`]), then the searchable one. Pages that only
    /// read `db` render as soon as it is decoded and never again for this.
    index: ArcRwSignal<Option<Arc<SearchIndex>>>,
    /// The Top sources of every category at [`RANKED_TOP_SOURCES`], as the
    /// food asset carries them ([`ranked_top_sources`]), for the Foods page,
    /// the Guide and the pool.
    top: Vec<TopSources>,
    /// The foods Close the gap and Fill my week start from, from `top`.
    pool: Vec<usize>,
}

impl Foods {
    /// The foods Close the gap and Fill my week choose from
    /// ([`crate::domain::shop::week::pool_sources`]).
    pub fn pool_sources(&self) -> &[usize] {
        &self.pool
    }

    /// Each category's best `limit` foods ([`all_top_sources`]); a prefix of
    /// the asset's ranking, so no reader walks the table.
    pub fn top_sources(&self, limit: usize) -> Vec<TopSources> {
        if limit <= RANKED_TOP_SOURCES {
            first_of_each(&self.top, limit)
        } else {
            all_top_sources(&self.db, limit)
        }
    }

    /// The index as far as it is built; reading it subscribes to the rest.
    pub fn index(&self) -> Option<Arc<SearchIndex>> {
        self.index.get()
    }

    /// The index once a query can be answered, `None` before; reading it
    /// subscribes to that moment.
    pub fn searchable_index(&self) -> Option<Arc<SearchIndex>> {
        self.index().filter(|index| index.is_searchable())
    }

    /// The `limit` best matches by relevance for what a person typed into a
    /// picker: none for a blank query, and none until the words are indexed
    /// (a moment after start-up), when this re-runs for a reader.
    pub fn quick_matches(&self, query: &str, limit: usize) -> Vec<usize> {
        match self.searchable_index() {
            Some(index) if !query.trim().is_empty() => index
                .search(query, None, SortBy::Relevance)
                .into_iter()
                .take(limit)
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The app-wide handle on the food data; the root component provides its slot (see
/// `app_wide`).
#[derive(Clone, Copy)]
pub struct FoodData(RwSignal<Option<Result<Arc<Foods>, String>>>);

impl FoodData {
    /// Starts loading; pages read it through [`use_foods`].
    pub fn load() -> FoodData {
        let state = RwSignal::new(None);
        leptos::task::spawn_local(async move {
            match fetch_foods().await {
                Ok(db) => {
                    // Today's Close the gap reads the pool as soon as the foods
                    // are published; the asset carries the ranking it is made of.
                    let top = ranked_top_sources(&db);
                    let pool = week::pool_from(&top);
                    let foods = Arc::new(Foods {
                        db,
                        index: ArcRwSignal::new(None),
                        top,
                        pool,
                    });
                    state.set(Some(Ok(Arc::clone(&foods))));
                    build_index(&foods).await;
                }
                Err(e) => state.set(Some(Err(e))),
            }
        });
        FoodData(state)
    }

    /// `None` while loading, then the foods or the reason they failed.
    pub fn get(&self) -> Option<Result<Arc<Foods>, String>> {
        self.0.get()
    }

    /// [`Self::get`] without subscribing, for code that runs once.
    pub fn get_untracked(&self) -> Option<Result<Arc<Foods>, String>> {
        self.0.get_untracked()
    }
}

/// The food data, whose loading starts the first time anything asks.
pub fn use_foods() -> FoodData {
    crate::app_wide::AppWide::get_or_init(FoodData::load)
}

async fn fetch_foods() -> Result<FoodDb, String> {
    let window = web_sys::window().ok_or("no window")?;
    let url = window
        .document()
        .and_then(|d| d.query_selector(ASSET_META).ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or("this build has no food data")?;
    let bytes = match from_start_worker(&window).await {
        Some(bytes) => bytes,
        None => fetch_bytes(&window, &url).await?,
    };
    // A column or a thousand foods a step, with a yield whenever a slice
    // has held the main thread for `SLICE_MS`, so the decode never holds it
    // as one long task; the measure spans every slice and yield.
    let damaged = |e| format!("the food data is damaged: {e}");
    let measure = Measure::start("mgt-food-decode");
    let mut decoder = AssetDecoder::new(&bytes).map_err(damaged)?;
    let mut slices = Slices::new(&measure);
    while decoder.step().map_err(damaged)? {
        slices.yield_if_due().await;
    }
    let db = decoder.finish().map_err(damaged);
    measure.end();
    db
}

/// The food data's bytes as the start worker fetched them, un-gzipped off
/// the main thread, taken once (the page keeps no second reference to the
/// 0.9 MB), or `None` where there are none: a visit the service worker
/// answers, or a worker that could not fetch them. The caller then fetches
/// them itself.
async fn from_start_worker(window: &web_sys::Window) -> Option<Vec<u8>> {
    let key = wasm_bindgen::JsValue::from_str(FROM_START_WORKER);
    let answer = js_sys::Reflect::get(window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(window, &key);
    let answer: js_sys::Promise = answer.dyn_into().ok()?;
    let buffer: js_sys::ArrayBuffer = JsFuture::from(answer).await.ok()?.dyn_into().ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The food data's bytes from the network (or, offline, the service worker).
async fn fetch_bytes(window: &web_sys::Window, url: &str) -> Result<Vec<u8>, String> {
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "the food data could not be loaded".to_string())?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!(
            "the food data could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| "the food data could not be read")?,
    )
    .await
    .map_err(|_| "the food data could not be read".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Foods indexed between checks of the clock.
const FOODS_PER_STEP: usize = 200;
/// How long decoding or indexing may hold the main thread before it lets
/// the page paint and handle input. With the step that ends it, a slice
/// stays near 10 ms, short of a long task (over 50 ms, as the browser
/// defines it) even on a phone four times slower, which is how Lighthouse
/// counts blocking time and `make bench` checks the cold start's longest
/// task; only the index's two sorts and the decode's final check of the
/// table are single steps.
const SLICE_MS: f64 = 6.0;

/// The slices of a start-up job (decoding, ranking, indexing) on the clock
/// of its measure: the job yields to the browser once a slice has held the
/// main thread for [`SLICE_MS`].
struct Slices<'m> {
    measure: &'m Measure,
    start: f64,
}

impl<'m> Slices<'m> {
    fn new(measure: &'m Measure) -> Self {
        Slices {
            measure,
            start: measure.now(),
        }
    }

    /// Yields if this slice has run its time, and then starts the next.
    async fn yield_if_due(&mut self) {
        if self.measure.now() - self.start > SLICE_MS {
            yield_to_browser().await;
            self.restart();
        }
    }

    /// Starts a new slice, after the job has let the browser run some
    /// other way.
    fn restart(&mut self) {
        self.start = self.measure.now();
    }
}

/// Builds the search index of `foods` in slices with a yield to the browser
/// between them, so the page stays responsive while 8,789 foods are
/// indexed. The list can show as soon as the foods are sorted, before their
/// words are indexed (the longer part of the work), so the browse index is
/// published first. The `mgt-food-index` measure spans the whole
/// build, yields included.
async fn build_index(foods: &Foods) {
    yield_to_browser().await;
    let measure = Measure::start("mgt-food-index");
    let mut builder = IndexBuilder::new(&foods.db);
    let mut slices = Slices::new(&measure);
    let mut browsing = false;
    while builder.step(FOODS_PER_STEP) {
        if !browsing && let Some(browse) = builder.browse() {
            foods.index.set(Some(Arc::new(browse)));
            browsing = true;
            // Let the list paint before the words are indexed: a yield alone
            // may run the next slice before the frame that shows the list.
            next_paint().await;
            slices.restart();
        } else {
            slices.yield_if_due().await;
        }
    }
    foods.index.set(Some(Arc::new(builder.finish())));
    measure.end();
}
