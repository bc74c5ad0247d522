//! The application shell: header, navigation, routes and the update prompt.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::components::nav::MainNav;
use crate::components::storage_banner::StorageBanner;
use crate::components::update_banner::UpdateBanner;
use crate::pages::{
    diary::DiaryPage, food_detail::FoodDetailPage, foods::FoodsPage, guide::GuidePage,
    not_found::NotFound, report::ReportPage, settings::SettingsPage, today::TodayPage,
};

/// The root component: one router, one layout, every route of the app.
#[component]
pub fn App() -> impl IntoView {
    let update_ready = crate::sw::register();
    provide_context(crate::store::Store::load());
    provide_context(crate::food_data::FoodData::load());

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
                    <StorageBanner/>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/today"/> }/>
                        <Route path=path!("/foods") view=FoodsPage/>
                        <Route path=path!("/foods/:ndb") view=FoodDetailPage/>
                        <Route path=path!("/today") view=TodayPage/>
                        <Route path=path!("/diary") view=DiaryPage/>
                        <Route path=path!("/diary/report") view=ReportPage/>
                        <Route path=path!("/guide") view=GuidePage/>
                        <Route path=path!("/settings") view=SettingsPage/>
                    </Routes>
                </main>
                <UpdateBanner ready=update_ready/>
            </div>
        </Router>
    }
}
