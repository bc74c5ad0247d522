//! Settings and About.

use leptos::prelude::*;

/// Settings (profile, reference set, storage) and About (sources, privacy).
#[component]
pub fn SettingsPage() -> impl IntoView {
    crate::components::set_title("Settings and about");
    view! {
        <section data-testid="page-settings">
            <h1>"Settings and about"</h1>
            <About/>
        </section>
    }
}

#[component]
fn About() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="about-heading">
            <h2 id="about-heading">"About"</h2>
            <p>
                "Magnesium Tracker helps you see how much magnesium you get from food and supplements, "
                "how that compares with the reference amounts for your life stage, and how you feel."
            </p>
            <h3>"Food data"</h3>
            <p data-testid="data-source">
                "U.S. Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
                "USDA National Nutrient Database for Standard Reference, Release 28 (2015, revised 2016). "
                "Public domain. All 8,789 foods are stored in the app and work offline."
            </p>
            <h3>"Privacy"</h3>
            <p>
                "Everything you enter stays in this browser's storage on this device. The app makes no request "
                "to any other site, has no account, no analytics and no advertising."
            </p>
            <p class="muted small">"Not medical advice. Talk to a doctor before you start supplements, "
                "especially with kidney disease or heart problems."</p>
        </section>
    }
}
