//! Service-worker registration and the update hand-over.
//!
//! The worker itself is `src/sw.js`, generated into the build by `xtask sw`.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    static RELOAD_ON_CONTROLLER_CHANGE: Cell<bool> = const { Cell::new(false) };
}

/// Registers `/sw.js` once the start is over and the page is idle, and
/// returns a signal that turns true when a new version has been installed
/// and waits. Registration failure (an insecure origin, a browser without
/// service workers) is logged and the app runs on without it.
pub fn register() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    // Debug builds are served by `trunk serve` with live reload; a caching
    // worker there would serve stale code, so only release builds register.
    if cfg!(debug_assertions) {
        return ready;
    }
    let Some(container) = container() else {
        web_sys::console::warn_1(
            &"Service workers are unavailable: the app will not work offline.".into(),
        );
        return ready;
    };
    // The worker precaches the whole build. Registering once the page has
    // loaded (the food data is preloaded, so that includes it) lets it take
    // every hashed file from the HTTP cache, where a race with the page's
    // own downloads would fetch the wasm and the food data twice. It also
    // waits for the start to be over and the page to be idle: installing
    // the worker and copying 3 MB into its cache takes threads of a
    // two-core phone that the start and the search index need.
    crate::components::start::after_start(move || {
        wasm_bindgen_futures::spawn_local(async move {
            page_loaded().await;
            crate::browser::when_idle().await;
            match JsFuture::from(container.register("/sw.js")).await {
                Ok(value) => {
                    let registration: ServiceWorkerRegistration = value.unchecked_into();
                    watch(&container, &registration, set_ready);
                    REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
                }
                Err(error) => {
                    web_sys::console::warn_2(&"Service worker registration failed:".into(), &error);
                }
            }
        });
    });
    ready
}

/// Activates the waiting version; the page reloads once it has taken control.
pub fn apply_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    match waiting {
        Some(worker) => {
            RELOAD_ON_CONTROLLER_CHANGE.with(|c| c.set(true));
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
            if worker.post_message(&message).is_err() {
                reload();
            }
        }
        None => reload(),
    }
}

/// Resolves once the window's `load` event has fired.
async fn page_loaded() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window
        .document()
        .is_some_and(|d| d.ready_state() == "complete")
    {
        return;
    }
    let loaded = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window.add_event_listener_with_callback("load", &resolve);
    });
    let _ = JsFuture::from(loaded).await;
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.serviceWorker` is undefined on insecure origins; calling
    // through web-sys without this check would throw.
    let present = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

fn watch(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    set_ready: WriteSignal<bool>,
) {
    // A version may already be waiting from an earlier visit.
    if registration.waiting().is_some() && container.controller().is_some() {
        set_ready.set(true);
    }
    let reg = registration.clone();
    let container_for_update = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker = installing.clone();
        let container = container_for_update.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            // Without a controller this is the first install, not an update.
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                set_ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();

    let on_controller_change = Closure::<dyn FnMut()>::new(|| {
        if RELOAD_ON_CONTROLLER_CHANGE.with(|c| c.get()) {
            reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    // Look for a new version whenever the app comes back to the foreground,
    // as an installed app may stay open for days.
    let reg = registration.clone();
    let on_visible = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible && let Ok(promise) = reg.update() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
    }
    on_visible.forget();
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
