//! Text inside a URL: one rule for percent-encoding a component, which the
//! sync requests (database names, checkpoint ids, sequence numbers) and the
//! shopping list's link share, and its inverse for reading a link back; and
//! the query of the app's own address, which the pages read their state from.

/// Percent-encodes every byte of the UTF-8 text but RFC 3986's unreserved
/// characters, so the result is safe in any part of a URL and survives a
/// chat app's link detection.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space, as forms write it) into
/// UTF-8 text; `None` for a broken escape or bytes that are not UTF-8.
pub fn decode_component(encoded: &str) -> Option<String> {
    String::from_utf8(decode_bytes(encoded, Escapes::Strict)?).ok()
}

/// What [`decode_bytes`] does with a `%` that does not start an escape.
#[derive(Clone, Copy, PartialEq)]
enum Escapes {
    /// Refuses the text: a link the app wrote never has one.
    Strict,
    /// Keeps the `%` as it is written, as browsers read an address.
    Lenient,
}

fn decode_bytes(encoded: &str, escapes: Escapes) -> Option<Vec<u8>> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = (bytes[at] == b'%')
            .then(|| encoded.get(at + 1..at + 3))
            .flatten()
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (escaped, bytes[at]) {
            (Some(byte), _) => {
                out.push(byte);
                at += 3;
                continue;
            }
            (None, b'%') if escapes == Escapes::Strict => return None,
            (None, b'+') => out.push(b' '),
            (None, byte) => out.push(byte),
        }
        at += 1;
    }
    Some(out)
}

/// The decoded `name=value` pairs of an address's query (`q=nuts&sort=mg`),
/// as a browser's `URLSearchParams` reads them: `+` is a space, a broken
/// escape is kept as it is written and bytes that are not UTF-8 become
/// U+FFFD, so any address opens a page rather than an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// Reads a query with or without its leading `?`.
    pub fn parse(search: &str) -> Query {
        let search = search.strip_prefix('?').unwrap_or(search);
        Query(
            search
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode_lenient(name), decode_lenient(value))
                })
                .collect(),
        )
    }

    /// The first value of `name`, if the query names it.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.clone())
    }
}

/// [`decode_component`] that keeps what it cannot decode, as a browser
/// reads an address.
pub fn decode_lenient(encoded: &str) -> String {
    let bytes = decode_bytes(encoded, Escapes::Lenient).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_reads_as_a_browser_reads_it() {
        // (query, name, value): the cases the pages meet in addresses typed,
        // shared or written by the app itself.
        let cases: [(&str, &str, Option<&str>); 14] = [
            ("?q=nuts", "q", Some("nuts")),
            ("q=nuts", "q", Some("nuts")),
            ("?q=pumpkin+seeds&sort=mg", "q", Some("pumpkin seeds")),
            ("?q=pumpkin+seeds&sort=mg", "sort", Some("mg")),
            ("?q=caf%C3%A9", "q", Some("café")),
            ("?q=a%2Bb%26c", "q", Some("a+b&c")),
            ("?q=100%", "q", Some("100%")),
            ("?q=%zz", "q", Some("%zz")),
            ("?q=%FF", "q", Some("\u{FFFD}")),
            ("?view", "view", Some("")),
            ("?q=&q=second", "q", Some("")),
            ("?&&date=2026-12-04&", "date", Some("2026-12-04")),
            ("?date=2026-12-04", "q", None),
            ("", "q", None),
        ];
        for (search, name, expected) in cases {
            let value = Query::parse(search).get(name);
            assert_eq!(value.as_deref(), expected, "{name} in {search:?}");
        }
    }
}
