//! Reminders as an iCalendar file (RFC 5545): one daily event per dose time
//! of the regimen, each with an alarm, for any calendar app to import.
//!
//! Times are *floating* local times (RFC 5545 §3.3.5, form 1: no `TZID`, no
//! `Z`): "every day at 08:00 wherever you are". A supplement is taken by the
//! clock on the wall, so a person who flies to another time zone should be
//! reminded at 08:00 there, not at 08:00 at home; an offline app also has no
//! reliable time-zone database to write a `VTIMEZONE` from.
//!
//! UIDs are built from the regimen's id and the dose time, so importing a
//! newer export updates the same events instead of adding copies.

use crate::domain::date::Date;
use crate::domain::regimen::{Dose, DoseTime, Regimen};

/// The product identifier written into every file.
pub const PRODID: &str = "-//Magnesium Tracker//Regimen reminders//EN";

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "magnesium-tracker";

/// The longest content line, in octets, before the line break (RFC 5545
/// §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// When the alarm rings relative to the dose time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlarmLead {
    /// At the dose time (`TRIGGER:PT0M`).
    AtTime,
    /// Five minutes before (`TRIGGER:-PT5M`).
    FiveMinutesBefore,
}

impl AlarmLead {
    fn trigger(self) -> &'static str {
        match self {
            AlarmLead::AtTime => "PT0M",
            AlarmLead::FiveMinutesBefore => "-PT5M",
        }
    }
}

/// The regimen as an iCalendar file: CRLF line endings, lines folded at 75
/// octets. `now_ms` stamps `DTSTAMP` (UTC, as the standard requires) and
/// `first_day` is the local date of the first reminder.
pub fn regimen_calendar(
    regimen: &Regimen,
    now_ms: u64,
    first_day: Date,
    lead: AlarmLead,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    let stamp = utc_stamp(now_ms);
    let (y, m, d) = first_day.ymd();
    for (time, doses) in by_time(regimen) {
        let clock = time.clock();
        let list: Vec<String> = doses.iter().map(|d| d.summary()).collect();
        let summary = format!("Magnesium: {}", list.join(", "));
        let description = format!(
            "{} dose from your Magnesium Tracker regimen:\n{}",
            time.label(),
            list.join("\n")
        );
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:regimen-{}-{}@{UID_DOMAIN}", regimen.id(), time.slug()),
            format!("DTSTAMP:{stamp}"),
            format!(
                "DTSTART:{y:04}{m:02}{d:02}T{:02}{:02}00",
                clock.hour(),
                clock.minute()
            ),
            "DURATION:PT5M".into(),
            "RRULE:FREQ=DAILY".into(),
            format!("SUMMARY:{}", escape_text(&summary)),
            format!("DESCRIPTION:{}", escape_text(&description)),
            "TRANSP:TRANSPARENT".into(),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("TRIGGER:{}", lead.trigger()),
            format!("DESCRIPTION:{}", escape_text(&summary)),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold(line));
        out.push_str("\r\n");
    }
    out
}

/// The doses grouped by their time, in the order of the day. Two named
/// slots or clock times that fall on the same minute stay separate events,
/// because their UIDs must not change when the person edits a default.
fn by_time(regimen: &Regimen) -> Vec<(DoseTime, Vec<&Dose>)> {
    let mut groups: Vec<(DoseTime, Vec<&Dose>)> = Vec::new();
    for dose in regimen.doses() {
        match groups.iter_mut().find(|(t, _)| *t == dose.time()) {
            Some((_, list)) => list.push(dose),
            None => groups.push((dose.time(), vec![dose])),
        }
    }
    groups
}

/// A TEXT value escaped as RFC 5545 §3.3.11 requires: backslash, semicolon
/// and comma get a backslash, and a line break becomes `\n`.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF is one line break; a lone CR is treated as one too.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: at most 75 octets per physical line, never
/// splitting a UTF-8 sequence, continuation lines starting with a space
/// (which counts toward their 75). Returns the line without its final CRLF.
///
/// A fold never falls next to a space or tab of the text. RFC 5545
/// unfolding removes exactly the line break and one whitespace character,
/// but some readers (the `ical` crate among them) also trim whitespace at
/// the end of each physical line, which would eat a space of the summary;
/// breaking a character or two earlier costs nothing.
pub fn fold(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut start = 0;
    // The first physical line has the whole 75 octets; later ones lose one
    // to the leading space.
    let mut budget = MAX_LINE_OCTETS;
    while start < chars.len() {
        let mut end = start;
        let mut used = 0;
        while end < chars.len() && used + chars[end].len_utf8() <= budget {
            used += chars[end].len_utf8();
            end += 1;
        }
        if end < chars.len() {
            // Step back while whitespace would end this line or start the
            // next, keeping at least one character on this line.
            let blank = |c: char| matches!(c, ' ' | '\t');
            while end > start + 1 && (blank(chars[end]) || blank(chars[end - 1])) {
                end -= 1;
            }
        }
        if start > 0 {
            out.push_str("\r\n ");
        }
        out.extend(&chars[start..end]);
        start = end;
        budget = MAX_LINE_OCTETS - 1;
    }
    out
}

/// `YYYYMMDDTHHMMSSZ` for a time in ms since the Unix epoch.
fn utc_stamp(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i32;
    let rest = secs % 86_400;
    let (y, m, d) = Date::from_days_since_epoch(days).ymd();
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

// The tests read the file back with the `ical` crate, a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::amounts::Positive;
    use crate::domain::regimen::{ClockTime, DoseDraft};
    use crate::domain::supplement::{DoseInput, SupplementForm};

    fn pos(v: f64) -> Positive {
        Positive::new(v).unwrap()
    }

    fn dose(label: &str, mg: f64, time: DoseTime) -> DoseDraft {
        DoseDraft {
            form: SupplementForm::Glycinate,
            dose: DoseInput::ElementalMg(pos(mg)),
            servings: pos(1.0),
            time,
            label: Some(label.into()),
        }
    }

    fn sample() -> Regimen {
        let mut r = Regimen::new(1_740_000_000_000);
        r.add(dose(
            "Night caps; strong, \"extra\"",
            200.0,
            DoseTime::Bedtime,
        ))
        .unwrap();
        r.add(dose("Citrate", 100.0, DoseTime::Morning)).unwrap();
        r.add(dose("Backslash \\ brand", 50.0, DoseTime::Morning))
            .unwrap();
        r.add(dose(
            "Ünïcödé magnesium with a name long enough to need folding — ✓✓✓",
            25.0,
            DoseTime::Clock(ClockTime::new(7, 30).unwrap()),
        ))
        .unwrap();
        r
    }

    fn date() -> Date {
        Date::parse("2026-03-01").unwrap()
    }

    /// Undoes [`escape_text`], as a calendar app reading the value does.
    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn text_values_are_escaped() {
        // (text, escaped)
        let cases = [
            ("plain", "plain"),
            ("a, b; c", "a\\, b\\; c"),
            ("back\\slash", "back\\\\slash"),
            ("two\nlines", "two\\nlines"),
            ("crlf\r\nline", "crlf\\nline"),
            ("bell\u{7}gone", "bellgone"),
        ];
        for (text, escaped) in cases {
            assert_eq!(escape_text(text), escaped, "{text:?}");
            if !text.contains('\r') && !text.contains('\u{7}') {
                assert_eq!(unescape(escaped), text);
            }
        }
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_utf8_whole() {
        // (line, physical line lengths in octets)
        let long_ascii = "x".repeat(160);
        let long_multibyte = "ü".repeat(50); // 100 octets
        // A space at octet 76 moves the fold one character earlier.
        let spaced = format!("{} {}", "a".repeat(75), "b".repeat(10));
        let spaced_earlier = format!("{} {}", "a".repeat(74), "b".repeat(10));
        let cases: [(&str, &[usize]); 6] = [
            (&spaced_earlier, &[73, 13]),
            ("short", &[5]),
            (&long_ascii, &[75, 75, 12]),
            (&long_multibyte, &[74, 27]),
            (&"y".repeat(75), &[75]),
            (&spaced, &[74, 13]),
        ];
        for (line, lengths) in cases {
            let folded = fold(line);
            let parts: Vec<&str> = folded.split("\r\n").collect();
            let got: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            assert_eq!(got, lengths, "{line}");
            assert!(parts[1..].iter().all(|p| p.starts_with(' ')));
            assert!(parts[1..].iter().all(|p| !p[1..].starts_with(' ')));
            assert!(parts.iter().all(|p| !p.ends_with(' ')));
            // Unfolding gives the line back.
            assert_eq!(folded.replace("\r\n ", ""), line);
        }
    }

    #[test]
    fn the_timestamp_is_utc() {
        assert_eq!(utc_stamp(0), "19700101T000000Z");
        assert_eq!(utc_stamp(1_741_523_696_789), "20250309T123456Z");
    }

    #[test]
    fn every_line_ends_in_crlf_and_fits_in_75_octets() {
        let text = regimen_calendar(&sample(), 1_741_523_696_789, date(), AlarmLead::AtTime);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let body = text.strip_suffix("\r\n").unwrap();
        for line in body.split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
            assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        }
        // Every LF belongs to a CRLF.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert!(text.contains("\r\n "), "the long summary is folded");
    }

    #[test]
    fn a_real_parser_reads_every_event_rule_and_alarm() {
        let regimen = sample();
        let text = regimen_calendar(
            &regimen,
            1_741_523_696_789,
            date(),
            AlarmLead::FiveMinutesBefore,
        );
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let calendar = parser.next().expect("one calendar").expect("it parses");
        assert!(parser.next().is_none(), "exactly one calendar");
        let prop = |props: &[ical::property::Property], name: &str| -> String {
            let found: Vec<&ical::property::Property> =
                props.iter().filter(|p| p.name == name).collect();
            assert_eq!(found.len(), 1, "{name} once");
            found[0].value.clone().unwrap_or_default()
        };
        assert_eq!(prop(&calendar.properties, "VERSION"), "2.0");
        assert_eq!(prop(&calendar.properties, "PRODID"), PRODID);
        assert_eq!(prop(&calendar.properties, "CALSCALE"), "GREGORIAN");

        // (UID, DTSTART, summary after unfolding and unescaping)
        let expected = [
            (
                "regimen-1740000000000-t0730@magnesium-tracker",
                "20260301T073000",
                "Magnesium: 1 × Ünïcödé magnesium with a name long enough to need folding — ✓✓✓ (25 mg)",
            ),
            (
                "regimen-1740000000000-morning@magnesium-tracker",
                "20260301T080000",
                "Magnesium: 1 × Citrate (100 mg), 1 × Backslash \\ brand (50 mg)",
            ),
            (
                "regimen-1740000000000-bedtime@magnesium-tracker",
                "20260301T220000",
                "Magnesium: 1 × Night caps; strong, \"extra\" (200 mg)",
            ),
        ];
        assert_eq!(calendar.events.len(), expected.len());
        for (event, (uid, start, summary)) in calendar.events.iter().zip(expected) {
            let p = &event.properties;
            assert_eq!(prop(p, "UID"), uid);
            assert_eq!(prop(p, "DTSTART"), start, "floating: no Z");
            let start_param = p.iter().find(|x| x.name == "DTSTART").unwrap();
            assert!(start_param.params.is_none(), "no TZID");
            assert_eq!(prop(p, "DTSTAMP"), "20250309T123456Z");
            assert_eq!(prop(p, "RRULE"), "FREQ=DAILY");
            assert_eq!(unescape(&prop(p, "SUMMARY")), summary);
            let description = unescape(&prop(p, "DESCRIPTION"));
            assert!(description.contains("dose from your Magnesium Tracker regimen:\n"));
            assert_eq!(event.alarms.len(), 1, "{uid}");
            let alarm = &event.alarms[0].properties;
            assert_eq!(prop(alarm, "ACTION"), "DISPLAY");
            assert_eq!(prop(alarm, "TRIGGER"), "-PT5M");
            assert_eq!(unescape(&prop(alarm, "DESCRIPTION")), summary);
        }

        // A later export (another stamp, an edited dose) keeps the UIDs, so
        // importing it updates the events instead of duplicating them.
        let mut edited = regimen.clone();
        let id = edited.doses()[0].id();
        edited
            .edit(
                id,
                dose(
                    "Renamed",
                    30.0,
                    DoseTime::Clock(ClockTime::new(7, 30).unwrap()),
                ),
            )
            .unwrap();
        let again = regimen_calendar(&edited, 1_800_000_000_000, date(), AlarmLead::AtTime);
        let uids = |t: &str| -> Vec<String> {
            t.split("\r\n")
                .filter(|l| l.starts_with("UID:"))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(uids(&again), uids(&text));
        assert!(again.contains("TRIGGER:PT0M\r\n"));
    }
}
