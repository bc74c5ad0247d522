//! The "new version is ready" prompt shown when a new service worker waits.

use leptos::prelude::*;

/// Shown while a new version of the app is installed and waiting; the button
/// activates it and the page reloads into it.
#[component]
pub fn UpdateBanner(ready: ReadSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || ready.get()>
            <div class="banner update-banner" role="status" data-testid="update-banner">
                <p>"A new version is ready."</p>
                <button class="primary" on:click=|_| crate::sw::apply_update()>"Reload"</button>
            </div>
        </Show>
    }
}
