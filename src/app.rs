//! The application shell: header, navigation, routes and the update prompt.

use leptos::prelude::*;

use crate::app_wide::AppWide;
use crate::browser::after_next_paint;
use crate::components::Deferred;
use crate::components::nav::{MainNav, ShellLink};
use crate::components::start::{InTurn, take_turns};
use crate::components::storage_banner::StorageBanner;
use crate::components::update_banner::UpdateBanner;
use crate::domain::routes;
use crate::food_data::FoodData;
use crate::pages::not_found::NotFound;
use crate::pages::{compare, diary, food_detail, foods, guide, list, report, settings, today};
use crate::router::{Page, Router, Routes};
use crate::store::Store;
use crate::sync::runner::SyncRunner;

/// The services every page relies on, rendered once beside the routes: the
/// food data starts loading and sync starts with the app, whichever page
/// opens first, and the storage banners (which load the store) show on
/// every page. A component inside `<Router>`, so the banners have the router.
/// They start just after the first paint, each in a task of its own rather
/// than in the one that mounts the app; the start script has already
/// preloaded the food data, so its fetch loses nothing by waiting. The food
/// data and sync do not wait for the start to be over (a page waits for the
/// food data); the banners do, like any section of a page.
#[component]
fn Services() -> impl IntoView {
    let owner = Owner::current().expect("the services are rendered in the app");
    let foods_owner = owner.clone();
    after_next_paint(move || {
        foods_owner.with(crate::food_data::use_foods);
    });
    after_next_paint(move || {
        owner.with(crate::sync::runner::use_sync);
    });
    view! { <Deferred><StorageBanner/></Deferred> }
}

/// Removes the static first screen (`#boot` in `index.html`), which shows the
/// app hidden behind it, and then scrolls to the part of the page the
/// address names, which the browser could not find in the hidden app.
fn remove_first_screen() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    request_animation_frame(|| {
        crate::browser::scroll_to_fragment();
    });
}

/// The root component: one router, one layout, every route of the app.
#[component]
pub fn App() -> impl IntoView {
    AppWide::<Store>::provide();
    AppWide::<FoodData>::provide();
    AppWide::<SyncRunner>::provide();
    // The app is built in turns behind the static first screen, which it
    // removes once every piece is there; the service worker waits for that.
    take_turns(remove_first_screen);
    let update_ready = crate::sw::register();
    view! {
        <Router>
            <div class="app">
                <InTurn>
                <a class="skip-link" href="#main">"Skip to content"</a>
                <header class="app-header">
                    <ShellLink href="/today" class="brand">
                        <img src="/icons/icon.svg" alt="" width="28" height="28"/>
                        <span>"Magnesium Tracker"</span>
                    </ShellLink>
                    <InTurn>
                    <ShellLink href="/guide" class="header-link" label="Guide">
                        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                            <path d="M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5z"/><path d="M4 19.5A2.5 2.5 0 0 0 6.5 22H20v-5"/>
                        </svg>
                    </ShellLink>
                    <ShellLink href="/settings" class="header-link" label="Settings and about">
                        <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                            <circle cx="12" cy="12" r="3"/>
                            <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 0 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 0 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 0 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 0 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z"/>
                        </svg>
                    </ShellLink>
                    </InTurn>
                </header>
                </InTurn>
                <InTurn><MainNav/></InTurn>
                <main id="main" tabindex="-1">
                    <Services/>
                    // Every page reads the store, so it loads in a turn before the page.
                    <InTurn>{crate::store::use_store(); }</InTurn>
                    <InTurn>
                    <Routes pages=&PAGES fallback=|| view! { <NotFound/> }.into_any()/>
                    </InTurn>
                </main>
                <UpdateBanner ready=update_ready/>
            </div>
        </Router>
    }
}

/// Every route's page; `/` is replaced with [`routes::HOME`] before any
/// page reads the address (`crate::router`).
static PAGES: [Page; 9] = [
    (routes::FOODS, || view! { <foods::FoodsPage/> }.into_any()),
    (routes::FOOD_DETAIL, || {
        view! { <food_detail::FoodDetailPage/> }.into_any()
    }),
    (routes::LIST, || view! { <list::ListPage/> }.into_any()),
    (routes::TODAY, || view! { <today::TodayPage/> }.into_any()),
    (routes::DIARY, || view! { <diary::DiaryPage/> }.into_any()),
    (routes::REPORT, || {
        view! { <report::ReportPage/> }.into_any()
    }),
    (routes::GUIDE, || view! { <guide::GuidePage/> }.into_any()),
    (routes::SETTINGS, || {
        view! { <settings::SettingsPage/> }.into_any()
    }),
    (routes::COMPARE, || {
        view! { <compare::ComparePage/> }.into_any()
    }),
];
