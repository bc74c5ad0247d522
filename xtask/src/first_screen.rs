//! Writes the static first screen of each main route into `index.html`.
//!
//! `public/first-screens.json` holds each route's first screen as the app
//! itself renders it on a first visit (`make first-screens` takes it from the
//! built app). Each becomes a `<template>`, and a small inline script shows
//! the one for the address in place of the generic loading screen before the
//! first paint. The browser can then paint the page's largest element from
//! the HTML and CSS alone, without waiting for the wasm; the app builds its
//! page hidden behind the static copy and removes the copy once the page is
//! there, so the same page shows in one frame and nothing moves.
//!
//! The static copy never shows stale data: where the person has stored
//! anything (any `mgt/` key but `mgt/meta`, the key layout and app version
//! the app writes on every start) or the address has a query, a page that
//! shows stored data gets only its heading, because the copy shows an empty
//! first visit.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One route's first screen, as `end2end/first-screens.mjs` writes it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Screen {
    /// The document title the app sets on that route.
    pub title: String,
    /// Whether the page shows what the person stored.
    pub user_data: bool,
    /// The inner markup of the app's root element.
    pub html: String,
}

/// Chooses and shows the first screen. It runs while the page is parsed,
/// right after the loading screen (`#boot`), which the style sheet keeps
/// hidden until this script marks it `data-shown`: a frame painted between
/// the two shows nothing rather than the generic screen, so the first paint
/// is the page's, and so is the largest.
const CHOOSER: &str = "(() => {
  const boot = document.getElementById('boot');
  if (!boot) return;
  const path = location.pathname.replace(/\\/+$/, '') || '/today';
  const template = [...document.querySelectorAll('template[data-first-screen]')]
    .find((t) => t.dataset.firstScreen === path);
  if (template) {
    const screen = template.content.cloneNode(true);
    let stored = true;
    try {
      stored = Object.keys(localStorage).some((k) => k.startsWith('mgt/') && k !== 'mgt/meta');
    } catch (e) {}
    if (template.hasAttribute('data-user-data') && (stored || location.search)) {
      const main = screen.querySelector('main');
      const heading = main && main.querySelector('h1');
      if (main) main.replaceChildren(...(heading ? [heading] : []));
    }
    // The hint for a start that never comes stays, over the page.
    const hint = boot.querySelector('.boot-slow');
    boot.replaceChildren(screen);
    if (hint) boot.append(hint);
    boot.dataset.firstScreen = path;
    document.title = template.dataset.title;
  }
  boot.dataset.shown = '';
})();";

/// `html` with a template per screen at the end of the head and the script
/// that picks one right after the loading screen, before `<noscript>` (or the
/// end of the body). The templates are parsed before the body, so the
/// loading screen and the script come in one piece and no frame paints the
/// loading screen before the script has replaced it.
pub fn with_first_screens(html: &str, screens_json: &str) -> Result<String, String> {
    let screens: BTreeMap<String, Screen> =
        serde_json::from_str(screens_json).map_err(|e| format!("first-screens.json: {e}"))?;
    let mut tags = String::new();
    for (path, screen) in &screens {
        if !path.starts_with('/') || path.contains('"') {
            return Err(format!("first-screens.json: {path:?} is not a path"));
        }
        // The markup is the browser's own serialisation; it can hold no
        // template end tag unless something wrote one into the page on purpose.
        if screen.html.contains("</template") || screen.html.contains("<script") {
            return Err(format!(
                "first-screens.json: the screen of {path} holds a template end or a script"
            ));
        }
        tags.push_str(&format!(
            "<template data-first-screen=\"{path}\" data-title=\"{}\"{}>{}</template>",
            attribute(&screen.title),
            if screen.user_data {
                " data-user-data"
            } else {
                ""
            },
            screen.html
        ));
    }
    let at = html
        .find("<noscript")
        .or_else(|| html.find("</body>"))
        .ok_or("index.html has neither <noscript> nor </body>")?;
    let html = format!("{}<script>{CHOOSER}</script>{}", &html[..at], &html[at..]);
    // Before `</head>`, or before `<body>` where a minifier dropped the
    // optional end tag.
    let head_end = html
        .find("</head>")
        .or_else(|| html.find("<body"))
        .ok_or("index.html has neither </head> nor <body>")?;
    Ok(format!("{}{tags}{}", &html[..head_end], &html[head_end..]))
}

/// Text as the value of a double-quoted attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<head><title>t</title></head><body><div class=app id=boot>Loading</div><noscript>JS</noscript></body>";

    fn json(html: &str) -> String {
        serde_json::json!({
            "/guide": { "title": "Guide · \"M\" & T", "userData": false, "html": html },
            "/today": { "title": "Today", "userData": true, "html": "<main><h1>Today</h1></main>" },
        })
        .to_string()
    }

    #[test]
    fn templates_go_in_the_head_and_the_chooser_after_the_loading_screen() {
        let out = with_first_screens(PAGE, &json("<main><h1>Guide</h1></main>")).unwrap();
        let title = out.find("<title>").unwrap();
        let head_end = out.find("</head>").unwrap();
        let boot = out.find("id=boot").unwrap();
        let guide = out
            .find("<template data-first-screen=\"/guide\" data-title=\"Guide · &quot;M&quot; &amp; T\"><main><h1>Guide</h1></main></template>")
            .unwrap();
        let today = out
            .find(
                "<template data-first-screen=\"/today\" data-title=\"Today\" data-user-data><main>",
            )
            .unwrap();
        let script = out.find("<script>(() => {").unwrap();
        let noscript = out.find("<noscript>").unwrap();
        assert!(title < guide && guide < today && today < head_end);
        assert!(head_end < boot && boot < script && script < noscript);
        assert!(out.contains("Loading</div><script>(() => {"));
    }

    #[test]
    fn a_minified_page_without_noscript_or_head_end_tag_works_too() {
        let out = with_first_screens(
            "<title>t</title><body><div id=boot></div></body>",
            &json("<h1>G</h1>"),
        )
        .unwrap();
        assert!(out.starts_with("<title>t</title><template data-first-screen=\"/guide\""));
        assert!(out.ends_with("<div id=boot></div><script>") || out.ends_with("</script></body>"));
        assert!(with_first_screens("<div id=boot></div>", &json("<h1>G</h1>")).is_err());
    }

    #[test]
    fn screens_that_could_break_out_of_their_template_stop_the_build() {
        for html in ["<h1>G</h1></template><p>", "<script>alert(1)</script>"] {
            let err = with_first_screens(PAGE, &json(html)).unwrap_err();
            assert!(err.contains("/guide"), "{err}");
        }
        let bad = r#"{"guide": {"title": "G", "userData": false, "html": ""}}"#;
        assert!(with_first_screens(PAGE, bad).is_err());
        let unknown = r#"{"/g": {"title": "G", "userData": false, "html": "", "extra": 1}}"#;
        assert!(with_first_screens(PAGE, unknown).is_err());
    }
}
