//! The application shell: header, navigation, routes and the update prompt.
//!
//! The shell is all the main wasm module holds: the pages, the store and the
//! food data are behind one split point (`content`), which the build (`xtask
//! wasm`) cuts into a second module.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use leptos_router::{Lazy, LazyRoute, path};

use crate::app_wide::AppWide;
use crate::components::nav::MainNav;
use crate::components::update_banner::UpdateBanner;
use crate::food_data::FoodData;
use crate::pages::not_found::NotFound;
use crate::store::Store;

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
    Today,
    Diary,
    Report,
    Guide,
    Settings,
    /// The storage banners, which load the store, and the food data, whose
    /// loading starts here so it is decoded by the time a page asks for it.
    Services,
}

#[lazy]
fn content(which: Content) -> AnyView {
    use crate::pages::*;
    match which {
        Content::Foods => view! { <foods::FoodsPage/> }.into_any(),
        Content::FoodDetail => view! { <food_detail::FoodDetailPage/> }.into_any(),
        Content::Today => view! { <today::TodayPage/> }.into_any(),
        Content::Diary => view! { <diary::DiaryPage/> }.into_any(),
        Content::Report => view! { <report::ReportPage/> }.into_any(),
        Content::Guide => view! { <guide::GuidePage/> }.into_any(),
        Content::Settings => view! { <settings::SettingsPage/> }.into_any(),
        Content::Services => {
            crate::food_data::use_foods();
            view! { <crate::components::storage_banner::StorageBanner/> }.into_any()
        }
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
                content($content).await
            }
        }
    };
}

content_route!(FoodsRoute, Content::Foods);
content_route!(FoodDetailRoute, Content::FoodDetail);
content_route!(TodayRoute, Content::Today);
content_route!(DiaryRoute, Content::Diary);
content_route!(ReportRoute, Content::Report);
content_route!(GuideRoute, Content::Guide);
content_route!(SettingsRoute, Content::Settings);

/// The root component: one router, one layout, every route of the app.
#[component]
pub fn App() -> impl IntoView {
    let update_ready = crate::sw::register();
    AppWide::<Store>::provide();
    AppWide::<FoodData>::provide();
    // The shell starts before the content module has arrived; until it has,
    // the main area says so, and after 10 s adds the hint the boot screen
    // gives for a download that never finishes.
    let content_loaded = RwSignal::new(false);
    let services = Suspend::new(async move {
        let view = content(Content::Services).await;
        content_loaded.set(true);
        view
    });

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
                    {services}
                    <Show when=move || !content_loaded.get()>
                        <div data-testid="content-loading">
                            <p class="muted" role="status">"Loading…"</p>
                            <p class="boot-slow">"Still loading? Reload the page."</p>
                        </div>
                    </Show>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/today"/> }/>
                        <Route path=path!("/foods") view={Lazy::<FoodsRoute>::new()}/>
                        <Route path=path!("/foods/:ndb") view={Lazy::<FoodDetailRoute>::new()}/>
                        <Route path=path!("/today") view={Lazy::<TodayRoute>::new()}/>
                        <Route path=path!("/diary") view={Lazy::<DiaryRoute>::new()}/>
                        <Route path=path!("/diary/report") view={Lazy::<ReportRoute>::new()}/>
                        <Route path=path!("/guide") view={Lazy::<GuideRoute>::new()}/>
                        <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()}/>
                    </Routes>
                </main>
                <UpdateBanner ready=update_ready/>
            </div>
        </Router>
    }
}
