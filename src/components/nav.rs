//! The main navigation: a bottom bar on phones, a side bar from 900 px.

use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the four sections. `A` marks the current one with
/// `aria-current="page"`, which the style sheet highlights.
#[component]
pub fn MainNav() -> impl IntoView {
    view! {
        <nav class="main-nav" aria-label="Sections">
            <ul>
                <li>
                    <A href="/foods">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M11 20A7 7 0 0 1 9.8 6.1C15.5 5 17 4.5 19 2c1 2 2 4.2 2 8 0 5.5-4.8 10-10 10z"/><path d="M2 21c0-3 1.9-5.4 5.1-6"/></svg>
                        <span>"Foods"</span>
                    </A>
                </li>
                <li>
                    <A href="/today">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 3"/></svg>
                        <span>"Today"</span>
                    </A>
                </li>
                <li>
                    <A href="/list">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 5h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2"/><circle cx="9" cy="20" r="1.4"/><circle cx="17" cy="20" r="1.4"/></svg>
                        <span>"List"</span>
                    </A>
                </li>
                <li>
                    <A href="/diary">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><rect x="4" y="3" width="16" height="18" rx="2"/><path d="M8 8h8M8 12h8M8 16h5"/></svg>
                        <span>"Diary"</span>
                    </A>
                </li>
            </ul>
        </nav>
    }
}
