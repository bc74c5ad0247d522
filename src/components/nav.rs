//! The main navigation: a bottom bar on phones, a side bar from 900 px.

use leptos::prelude::*;

use crate::domain::routes::in_section;
use crate::router::use_location;

/// Links to the four sections. [`ShellLink`] marks the current one with
/// `aria-current="page"`, which the style sheet highlights.
#[component]
pub fn MainNav() -> impl IntoView {
    view! {
        <nav class="main-nav" aria-label="Sections">
            <ul>
                <li>
                    <ShellLink href="/foods">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M11 20A7 7 0 0 1 9.8 6.1C15.5 5 17 4.5 19 2c1 2 2 4.2 2 8 0 5.5-4.8 10-10 10z"/><path d="M2 21c0-3 1.9-5.4 5.1-6"/></svg>
                        <span>"Foods"</span>
                    </ShellLink>
                </li>
                <li>
                    <ShellLink href="/today">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 3"/></svg>
                        <span>"Today"</span>
                    </ShellLink>
                </li>
                <li>
                    <ShellLink href="/list">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 5h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2"/><circle cx="9" cy="20" r="1.4"/><circle cx="17" cy="20" r="1.4"/></svg>
                        <span>"List"</span>
                    </ShellLink>
                </li>
                <li>
                    <ShellLink href="/diary">
                        <svg viewBox="0 0 24 24" aria-hidden="true"><rect x="4" y="3" width="16" height="18" rx="2"/><path d="M8 8h8M8 12h8M8 16h5"/></svg>
                        <span>"Diary"</span>
                    </ShellLink>
                </li>
            </ul>
        </nav>
    }
}

/// A link of the shell (header and navigation): a plain anchor, which the
/// router follows without reloading the page, marked `aria-current="page"`
/// while the address is in its section, so the section a person is in
/// stands out and a screen reader says so.
#[component]
pub fn ShellLink(
    href: &'static str,
    #[prop(optional)] class: Option<&'static str>,
    #[prop(optional)] label: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let current = move || {
        location
            .pathname
            .with(|path| in_section(path, href))
            .then_some("page")
    };
    view! { <a href=href class=class aria-label=label aria-current=current>{children()}</a> }
}
