//! The router: the address as a signal that the pages read, links followed
//! without reloading the page, and the page for the current path, from the
//! domain's table of routes (`domain::routes`).
//!
//! The app has nine routes, one of them with a parameter, and no nested
//! layouts, loaders or transitions, so this is a signal, three window
//! listeners and a lookup in a table. It replaced `leptos_router`, whose
//! generic route matching, asynchronous transitions and typed paths,
//! instantiated for every route, cost 43 KB of the wasm's gzip size (743.2
//! KB with it, 700.2 without) for features the app does not use.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::routes::{self, Route};
use crate::domain::url::{Query, decode_lenient};

/// The parts of the address the pages read.
#[derive(Clone, Debug, Default, PartialEq)]
struct Address {
    /// `/foods/12061`, percent-encoded as the browser keeps it.
    path: String,
    /// The query without its `?`.
    search: String,
    /// The fragment with its `#`, or empty.
    hash: String,
}

impl Address {
    /// The browser's address in the form the routes serve: `/` replaced
    /// with [`routes::HOME`] and a trailing slash dropped
    /// ([`routes::canonical`]), in the history entry too, keeping the query
    /// and fragment.
    fn settle() -> Address {
        let location = window().location();
        let (address, changed) = Address::of(
            location.pathname().unwrap_or_default(),
            &location.search().unwrap_or_default(),
            location.hash().unwrap_or_default(),
        )
        .canonical();
        if changed {
            let _ = replace_state(&format!(
                "{}{}",
                address.path,
                address.written_query_and_hash()
            ));
        }
        address
    }

    /// The address with its path as a route serves it
    /// ([`routes::canonical`]), and whether that changed it.
    fn canonical(self) -> (Address, bool) {
        match routes::canonical(&self.path) {
            Some(path) => (Address { path, ..self }, true),
            None => (self, false),
        }
    }

    fn of(path: String, search: &str, hash: String) -> Address {
        Address {
            path,
            search: search.trim_start_matches('?').to_owned(),
            hash,
        }
    }

    /// The query and fragment as an address writes them: `?q=nuts#top`.
    fn written_query_and_hash(&self) -> String {
        let mark = if self.search.is_empty() { "" } else { "?" };
        format!("{mark}{}{}", self.search, self.hash)
    }
}

fn replace_state(url: &str) -> Result<(), JsValue> {
    window()
        .history()?
        .replace_state_with_url(&JsValue::NULL, "", Some(url))
}

/// The current address; [`Router`] provides it to every page.
#[derive(Clone, Copy)]
pub struct Location {
    address: RwSignal<Address>,
    /// The path, without query or fragment.
    pub pathname: Memo<String>,
    /// The raw query, without its `?`.
    pub search: Memo<String>,
    /// The query, decoded.
    pub query: Memo<Query>,
}

/// How [`use_navigate`] goes to an address.
#[derive(Clone, Copy, Debug)]
pub struct NavigateOptions {
    /// Replace the current history entry rather than add one, for a change
    /// that Back should not step through (a query typed key by key).
    pub replace: bool,
    /// Scroll to the fragment's element, or to the top without one, as a
    /// new page would open; off for a change within the page.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

impl Location {
    /// Goes to `href` (resolved against the current address) without
    /// reloading: adds or replaces the history entry, then updates the
    /// address, which renders the new page or updates the current one.
    fn go(self, href: &str, options: NavigateOptions) {
        let location = window().location();
        let Ok(here) = location.href() else { return };
        let Ok(url) = web_sys::Url::new_with_base(href, &here) else {
            return;
        };
        if Ok(url.origin()) != location.origin() {
            // Not an address of this app: the browser's to open.
            let _ = location.assign(&url.href());
            return;
        }
        let target = format!("{}{}{}", url.pathname(), url.search(), url.hash());
        // A link to the address already open replaces its entry, as the
        // browser's own navigation does, so Back does not repeat a page.
        let same = url.href() == here;
        let stored = match window().history() {
            Ok(history) if options.replace || same => {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&target))
            }
            Ok(history) => history.push_state_with_url(&JsValue::NULL, "", Some(&target)),
            Err(e) => Err(e),
        };
        if stored.is_ok() {
            self.follow();
        } else {
            // The browser refused to change the entry (Safari and Firefox
            // refuse calls that come too fast, as a query typed key by key
            // can): the page still follows, and the address bar catches up
            // with the next change it takes.
            let (address, _) = Address::of(url.pathname(), &url.search(), url.hash()).canonical();
            self.address.set(address);
        }
        if options.scroll {
            // After the new page has rendered, which the signal's effects
            // do before the next frame.
            request_animation_frame(|| {
                if !crate::browser::scroll_to_fragment() {
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                }
            });
        }
    }

    /// Takes the browser's address, after a navigation of the browser's own
    /// (Back, Forward, a fragment link) or of [`Location::go`].
    fn follow(self) {
        let now = Address::settle();
        if self.address.with_untracked(|a| *a != now) {
            self.address.set(now);
        }
    }
}

/// The current address.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// The current address's query, decoded.
pub fn use_query_map() -> Memo<Query> {
    use_location().query
}

/// The value of the current route's parameter (`ndb` in `/foods/:ndb`),
/// decoded as the browser decodes an address.
pub fn use_param() -> Memo<Option<String>> {
    let location = use_location();
    Memo::new(move |_| {
        location.pathname.with(|path| {
            routes::route_of(path)
                .and_then(|route| route.param_in(path))
                .map(decode_lenient)
        })
    })
}

/// Goes to an address of the app without reloading the page.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + 'static {
    let location = use_location();
    move |href, options| location.go(href, options)
}

/// Provides the [`Location`] to `children` and follows the links in the
/// whole document.
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let address = RwSignal::new(Address::settle());
    let location = Location::reading(address, address.into());
    provide_context(location);
    let handles = [
        window_event_listener(ev::popstate, move |_| location.follow()),
        window_event_listener(ev::hashchange, move |_| location.follow()),
        window_event_listener(ev::click, move |ev| follow_link(location, ev)),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    children()
}

/// Follows a click on a link to another page of the app in place. The
/// browser keeps the rest: a click with a modifier key or another button
/// (a new tab or window), a link with a target, a download or
/// `rel="external"`, another origin, and a link to a part of the current
/// page, where it also moves the focus there (which the skip link needs);
/// its `hashchange` updates the address.
fn follow_link(location: Location, ev: web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    if !link.target().is_empty()
        || link.has_attribute("download")
        || link.rel().split_ascii_whitespace().any(|r| r == "external")
    {
        return;
    }
    let (Ok(url), here) = (web_sys::Url::new(&link.href()), window().location()) else {
        return;
    };
    if Ok(url.origin()) != here.origin() {
        return;
    }
    let in_page = Ok(url.pathname()) == here.pathname()
        && Ok(url.search()) == here.search()
        && !url.hash().is_empty();
    if in_page {
        return;
    }
    ev.prevent_default();
    location.go(&url.href(), NavigateOptions::default());
}

/// A route and the page it shows.
pub type Page = (Route, fn() -> AnyView);

/// The page for the current path: the route's view from `pages`, or
/// `fallback` for a path no route serves. The page stays when only the
/// query or the parameter changes; it reads them itself.
#[component]
pub fn Routes(pages: &'static [Page], fallback: fn() -> AnyView) -> impl IntoView {
    let location = use_location();
    let route = Memo::new(move |_| location.pathname.with(|path| routes::route_of(path)));
    move || {
        let route = route.get();
        provide_context(location.of_page(route));
        match pages.iter().find(|(r, _)| Some(*r) == route) {
            Some((_, page)) => page(),
            None => fallback(),
        }
    }
}

impl Location {
    /// The address as the page of `route` sees it: it keeps its last value
    /// once the address has left the route, so the page's effects never
    /// see another page's address in the moment before the page is
    /// replaced (the comparison would otherwise forget its foods as it is
    /// left, and a page could write its state into the next page's address).
    fn of_page(self, route: Option<Route>) -> Location {
        let address = self.address;
        let seen = Memo::new(move |prev: Option<&Address>| {
            address.with(|a| match prev {
                Some(prev) if routes::route_of(&a.path) != route => prev.clone(),
                _ => a.clone(),
            })
        });
        Location::reading(address, seen.into())
    }

    /// The parts of `seen` as the pages read them; `address` is where
    /// navigation writes.
    fn reading(address: RwSignal<Address>, seen: Signal<Address>) -> Location {
        Location {
            address,
            pathname: Memo::new(move |_| seen.with(|a| a.path.clone())),
            search: Memo::new(move |_| seen.with(|a| a.search.clone())),
            query: Memo::new(move |_| seen.with(|a| Query::parse(&a.search))),
        }
    }
}
