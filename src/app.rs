//! The application shell: header, navigation, routes and the update prompt.
//!
//! The shell is all the main wasm module holds: the pages, the store and the
//! food data are behind one split point (`content`), which the build (`xtask
//! wasm`) cuts into a second module.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, ParamSegment, StaticSegment, path};

use crate::app_wide::AppWide;
use crate::components::nav::MainNav;
use crate::components::update_banner::UpdateBanner;
use crate::domain::routes::{self, Route as Path};
use crate::food_data::FoodData;
use crate::pages::not_found::NotFound;
use crate::store::Store;
use crate::sync::runner::SyncRunner;

/// Everything the shell does not draw: one split point, so the build cuts all
/// of it into a second module. The shell paints without it; the first route
/// loads it (the build preloads it beside the shell). One module rather than
/// one per page: per-page modules made about 100 shared pieces whose total
/// was a quarter larger than one module, and the service worker precaches
/// them all on the first visit anyway.
#[derive(Clone, Copy)]
enum Content {
    Foods,
    FoodDetail,
    List,
    Today,
    Diary,
    Report,
    Guide,
    Settings,
    Compare,
    /// The storage banners, which load the store, and the food data, whose
    /// loading starts as soon as the module has arrived, beside the page's.
    Services,
}

/// `fallible`: a module that cannot be loaded (a first visit that lost the
/// network) is an `Err` the shell shows, not a panic, which would abort the
/// whole app, navigation and update prompt included.
#[leptos::wasm_split::wasm_split(content, wasm_split_path = ::leptos::wasm_split, fallible)]
fn content(which: Content) -> Result<AnyView, SplitLoaderError> {
    use crate::pages::*;
    Ok(match which {
        Content::Foods => view! { <foods::FoodsPage/> }.into_any(),
        Content::FoodDetail => view! { <food_detail::FoodDetailPage/> }.into_any(),
        Content::List => view! { <list::ListPage/> }.into_any(),
        Content::Today => view! { <today::TodayPage/> }.into_any(),
        Content::Diary => view! { <diary::DiaryPage/> }.into_any(),
        Content::Report => view! { <report::ReportPage/> }.into_any(),
        Content::Guide => view! { <guide::GuidePage/> }.into_any(),
        Content::Settings => view! { <settings::SettingsPage/> }.into_any(),
        Content::Compare => view! { <compare::ComparePage/> }.into_any(),
        Content::Services => {
            crate::food_data::use_foods();
            // Sync starts with the app, whichever page opens first.
            crate::sync::runner::use_sync();
            view! { <crate::components::storage_banner::StorageBanner/> }.into_any()
        }
    })
}

/// Where the content module is, for the status line in the main area.
#[derive(Clone, Copy, PartialEq)]
enum ContentState {
    Loading,
    Loaded,
    Failed,
}

/// Loads the services part of the content module and reports how that went.
/// A component inside `<Router>`, so the banners it renders have the router.
#[component]
fn Services(state: RwSignal<ContentState>) -> impl IntoView {
    Suspend::new(async move {
        match content(Content::Services).await {
            Ok(view) => {
                state.set(ContentState::Loaded);
                view
            }
            Err(_) => {
                state.set(ContentState::Failed);
                ().into_any()
            }
        }
    })
}

/// Shown when the content module cannot be loaded.
const LOAD_FAILED: &str = "The app's pages could not be loaded. Until its first visit has \
     finished loading, the app is not saved for offline use: check the connection and try again.";

/// "Loading…" until the content module has arrived, with the boot screen's
/// hint after 10 s; an alert and a way to try again if it cannot be loaded.
/// The routes show nothing of their own meanwhile, so this is the one place.
#[component]
fn ContentStatus(state: RwSignal<ContentState>) -> impl IntoView {
    let reload = |_| {
        let _ = web_sys::window().map(|w| w.location().reload());
    };
    move || match state.get() {
        ContentState::Loaded => ().into_any(),
        ContentState::Loading => view! {
            <div data-testid="content-loading">
                <p class="muted" role="status">"Loading…"</p>
                <p class="boot-slow">"Still loading? Reload the page."</p>
            </div>
        }
        .into_any(),
        ContentState::Failed => view! {
            <div class="banner error" role="alert" data-testid="content-failed">
                <p>{LOAD_FAILED}</p>
                <button on:click=reload>"Try again"</button>
            </div>
        }
        .into_any(),
    }
}

/// Declares a route whose page comes from the content module.
macro_rules! content_route {
    ($route:ident, $content:expr) => {
        struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                // A failure shows once, in `ContentStatus`.
                content($content).await.unwrap_or_else(|_| ().into_any())
            }
        }
    };
}

content_route!(FoodsRoute, Content::Foods);
content_route!(FoodDetailRoute, Content::FoodDetail);
content_route!(ListRoute, Content::List);
content_route!(TodayRoute, Content::Today);
content_route!(DiaryRoute, Content::Diary);
content_route!(ReportRoute, Content::Report);
content_route!(GuideRoute, Content::Guide);
content_route!(SettingsRoute, Content::Settings);
content_route!(CompareRoute, Content::Compare);

/// The root component: one router, one layout, every route of the app.
#[component]
pub fn App() -> impl IntoView {
    let update_ready = crate::sw::register();
    AppWide::<Store>::provide();
    AppWide::<FoodData>::provide();
    AppWide::<SyncRunner>::provide();
    // The shell starts before the content module has arrived.
    let content_state = RwSignal::new(ContentState::Loading);

    view! {
        <Router>
            <div class="app">
                <a class="skip-link" href="#main">"Skip to content"</a>
                <header class="app-header">
                    <A href="/today" attr:class="brand">
                        <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                        <span>"Magnesium Tracker"</span>
                    </A>
                    <A href="/guide" attr:class="header-link" attr:aria-label="Guide">
                        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                            <path d="M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5z"/><path d="M4 19.5A2.5 2.5 0 0 0 6.5 22H20v-5"/>
                        </svg>
                    </A>
                    <A href="/settings" attr:class="header-link" attr:aria-label="Settings and about">
                        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                            <circle cx="12" cy="12" r="3"/>
                            <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 0 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 0 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 0 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 0 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"/>
                        </svg>
                    </A>
                </header>
                <MainNav/>
                <main id="main" tabindex="-1">
                    <Services state=content_state/>
                    <ContentStatus state=content_state/>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/today"/> }/>
                        <Route path=one(routes::FOODS) view={Lazy::<FoodsRoute>::new()}/>
                        <Route path=with_param(routes::FOOD_DETAIL) view={Lazy::<FoodDetailRoute>::new()}/>
                        <Route path=one(routes::LIST) view={Lazy::<ListRoute>::new()}/>
                        <Route path=one(routes::TODAY) view={Lazy::<TodayRoute>::new()}/>
                        <Route path=one(routes::DIARY) view={Lazy::<DiaryRoute>::new()}/>
                        <Route path=two(routes::REPORT) view={Lazy::<ReportRoute>::new()}/>
                        <Route path=one(routes::GUIDE) view={Lazy::<GuideRoute>::new()}/>
                        <Route path=one(routes::SETTINGS) view={Lazy::<SettingsRoute>::new()}/>
                        <Route path=one(routes::COMPARE) view={Lazy::<CompareRoute>::new()}/>
                    </Routes>
                </main>
                <UpdateBanner ready=update_ready/>
            </div>
        </Router>
    }
}

// The router's paths are types, so each shape of route in the domain's table
// (`domain::routes`) has its own small builder here.

/// A route of one fixed segment, such as `/today`.
fn one(route: Path) -> (StaticSegment<&'static str>,) {
    (StaticSegment(route.segments()[0]),)
}

/// A route of two fixed segments, such as `/diary/report`.
fn two(route: Path) -> (StaticSegment<&'static str>, StaticSegment<&'static str>) {
    let segments = route.segments();
    (StaticSegment(segments[0]), StaticSegment(segments[1]))
}

/// A fixed segment and a parameter, such as `/foods/:ndb`.
fn with_param(route: Path) -> (StaticSegment<&'static str>, ParamSegment) {
    (
        StaticSegment(route.segments()[0]),
        ParamSegment(route.param().unwrap_or_default()),
    )
}
