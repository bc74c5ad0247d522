//! The router's table: every path the app serves. The router matches the
//! address against it (`src/router.rs`) and the shell pairs each route with
//! its page (`src/app.rs`), so a test here can check a link written anywhere
//! in the domain (the Guide's, for one) against the same table the router
//! uses.

/// One route: its fixed segments and, for the page of one food, the name of
/// the parameter that follows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    segments: &'static [&'static str],
    param: Option<&'static str>,
}

/// The food list, `/foods`.
pub const FOODS: Route = Route::fixed(&["foods"]);
/// One food, `/foods/:ndb`.
pub const FOOD_DETAIL: Route = Route::with_param(&["foods"], "ndb");
/// The shopping list and "Fill my week", `/list`.
pub const LIST: Route = Route::fixed(&["list"]);
/// The day log, `/today`.
pub const TODAY: Route = Route::fixed(&["today"]);
/// The diary, `/diary`.
pub const DIARY: Route = Route::fixed(&["diary"]);
/// The printable report, `/diary/report`.
pub const REPORT: Route = Route::fixed(&["diary", "report"]);
/// The handbook, `/guide`.
pub const GUIDE: Route = Route::fixed(&["guide"]);
/// Settings and about, `/settings`.
pub const SETTINGS: Route = Route::fixed(&["settings"]);
/// The shelf comparison, `/compare` (`?items=12061,11457,c3`).
pub const COMPARE: Route = Route::fixed(&["compare"]);

/// Every route the router serves besides `/`, which redirects to
/// [`TODAY`].
pub const ROUTES: [Route; 9] = [
    FOODS,
    FOOD_DETAIL,
    LIST,
    TODAY,
    DIARY,
    REPORT,
    GUIDE,
    SETTINGS,
    COMPARE,
];

impl Route {
    /// The fixed segments, without slashes: `["diary", "report"]`.
    pub const fn segments(self) -> &'static [&'static str] {
        self.segments
    }

    /// The parameter after the segments, if the route has one.
    pub const fn param(self) -> Option<&'static str> {
        self.param
    }

    /// Whether this route serves `path`, a path without query or fragment
    /// such as `/foods/12061`. A parameter matches any non-empty segment.
    pub fn serves(self, path: &str) -> bool {
        let Some(rest) = path.strip_prefix('/') else {
            return false;
        };
        let mut parts = rest.split('/');
        let fixed = self
            .segments
            .iter()
            .all(|segment| parts.next() == Some(*segment));
        let param = match self.param {
            Some(_) => parts.next().is_some_and(|p| !p.is_empty()),
            None => true,
        };
        fixed && param && parts.next().is_none()
    }

    /// The value of the route's parameter in `path`, which it serves:
    /// `"12061"` in `/foods/12061`.
    pub fn param_in(self, path: &str) -> Option<&str> {
        self.param?;
        self.serves(path).then(|| path.rsplit('/').next()).flatten()
    }

    const fn fixed(segments: &'static [&'static str]) -> Route {
        Route {
            segments,
            param: None,
        }
    }

    const fn with_param(segments: &'static [&'static str], param: &'static str) -> Route {
        Route {
            segments,
            param: Some(param),
        }
    }
}

/// Whether the router serves `path` (without query or fragment).
pub fn is_served(path: &str) -> bool {
    route_of(path).is_some()
}

/// The route that serves `path` (without query or fragment), if any; the
/// router shows the page not found otherwise.
pub fn route_of(path: &str) -> Option<Route> {
    ROUTES.iter().copied().find(|route| route.serves(path))
}

/// Where `/` leads: the day log, the page a person opens the app for. The
/// router replaces the address, so Back does not return to `/`.
pub const HOME: &str = "/today";

/// The path a route serves for `path`, when that differs from it: `/` is
/// [`HOME`], and a trailing slash, which hosts and bookmarks sometimes
/// add, is dropped (`/today/` is `/today`). The router shows the page at
/// that path and writes it into the address.
pub fn canonical(path: &str) -> Option<String> {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return Some(HOME.to_owned());
    }
    (trimmed.len() != path.len()).then(|| trimmed.to_owned())
}

/// Whether the address `path` lies in the section a link to `href` opens:
/// the section's own page or a page under it (`/foods/12061` is in Foods,
/// `/diary/report` in the Diary). The shell marks that link as the current
/// page.
pub fn in_section(path: &str, href: &str) -> bool {
    let href = href.trim_end_matches('/');
    match path.strip_prefix(href) {
        Some(rest) => href.is_empty() || rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_of_an_address() {
        let cases = [
            ("/foods", "/foods", true),
            ("/foods/12061", "/foods", true),
            ("/foods/", "/foods", true),
            ("/foodstuff", "/foods", false),
            ("/diary/report", "/diary", true),
            ("/diary", "/diary/report", false),
            ("/today", "/foods", false),
            ("/", "/today", false),
            ("/today", "/", true),
        ];
        for (path, href, expected) in cases {
            assert_eq!(in_section(path, href), expected, "{path} in {href}");
        }
    }

    #[test]
    fn paths_the_router_serves() {
        let cases = [
            ("/foods", true),
            ("/foods/12061", true),
            ("/today", true),
            ("/diary", true),
            ("/diary/report", true),
            ("/guide", true),
            ("/settings", true),
            ("/compare", true),
            ("/compare/12061", false),
            ("/list", true),
            ("/list/1", false),
            ("/foods/", false),
            ("/foods/12061/x", false),
            ("/today/", false),
            ("/diary/reports", false),
            ("/report", false),
            ("today", false),
            ("/", false),
            ("", false),
            ("//today", false),
        ];
        for (path, expected) in cases {
            assert_eq!(is_served(path), expected, "{path}");
        }
    }

    #[test]
    fn the_route_of_a_path_and_its_parameter() {
        let cases = [
            ("/foods/12061", Some(FOOD_DETAIL), Some("12061")),
            ("/foods/abc", Some(FOOD_DETAIL), Some("abc")),
            ("/foods", Some(FOODS), None),
            ("/diary/report", Some(REPORT), None),
            ("/diary", Some(DIARY), None),
            ("/foods/", None, None),
            ("/", None, None),
        ];
        for (path, route, param) in cases {
            assert_eq!(route_of(path), route, "{path}");
            assert_eq!(route.and_then(|r| r.param_in(path)), param, "{path}");
        }
        assert_eq!(FOOD_DETAIL.param_in("/today"), None);
        assert!(is_served(HOME));
    }

    #[test]
    fn the_path_a_route_serves_for_an_address() {
        let cases = [
            ("/", Some(HOME)),
            ("//", Some(HOME)),
            ("/today/", Some("/today")),
            ("/foods/12061/", Some("/foods/12061")),
            ("/diary/report//", Some("/diary/report")),
            ("/today", None),
            ("/foods/12061", None),
            ("/nowhere/", Some("/nowhere")),
        ];
        for (path, expected) in cases {
            assert_eq!(canonical(path).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn each_route_serves_only_its_own_paths() {
        for (i, route) in ROUTES.iter().enumerate() {
            let mut path: String = route.segments().iter().map(|s| format!("/{s}")).collect();
            if route.param().is_some() {
                path.push_str("/1");
            }
            for (j, other) in ROUTES.iter().enumerate() {
                assert_eq!(other.serves(&path), i == j, "{path} and route {j}");
            }
        }
    }
}
