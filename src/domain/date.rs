//! Calendar dates without a time zone: the diary and the day log are keyed by
//! the person's local calendar day, which the browser supplies. Also the one
//! text form of an instant (milliseconds since the epoch, in UTC) that
//! backups write and read and the pages show.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01 so
/// that ordering and arithmetic are integer operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// Builds a date from year, month (1–12) and day (1–31); `None` when the
    /// day does not exist (for example 2023-02-29).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Parses the ISO 8601 form `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    pub fn from_days_since_epoch(days: i32) -> Date {
        Date(days)
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// Whole days from `self` to `later`.
    pub fn days_until(self, later: Date) -> i32 {
        later.0 - self.0
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn month(self) -> u32 {
        self.ymd().1
    }

    pub fn day(self) -> u32 {
        self.ymd().2
    }

    /// Day of the week, 0 = Monday … 6 = Sunday (ISO order, as calendars in
    /// most of the world start on Monday).
    pub fn weekday_from_monday(self) -> u32 {
        // 1970-01-01 was a Thursday (index 3 from Monday).
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> Date {
        let (y, m, _) = self.ymd();
        Date(days_from_civil(y, m, 1))
    }

    /// The number of days in this date's month.
    pub fn days_in_month(self) -> u32 {
        let (y, m, _) = self.ymd();
        days_in_month(y, m)
    }

    /// The first day of the month `n` months away.
    pub fn add_months(self, n: i32) -> Date {
        let (y, m, _) = self.ymd();
        let index = y * 12 + (m as i32 - 1) + n;
        Date(days_from_civil(
            index.div_euclid(12),
            index.rem_euclid(12) as u32 + 1,
            1,
        ))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

/// The last instant a timestamp can name, 9999-12-31T23:59:59.999Z: ISO
/// dates have four-digit years, and a later clock reading is a broken clock.
pub const MAX_FORMATTED_MS: u64 = 253_402_300_799_999;

/// Milliseconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC).
/// Values after [`MAX_FORMATTED_MS`] are written as that instant, so the
/// text always parses back.
pub fn format_timestamp(ms: u64) -> String {
    let ms = ms.min(MAX_FORMATTED_MS);
    let days = ms / MS_PER_DAY;
    let in_day = ms % MS_PER_DAY;
    // At most 2 932 896 days, far inside i32.
    let date = Date::from_days_since_epoch(i32::try_from(days).unwrap_or(i32::MAX));
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    )
}

/// Parses the form [`format_timestamp`] writes; also accepts it without the
/// milliseconds. `None` for anything else, including dates before 1970.
pub fn parse_timestamp(text: &str) -> Option<u64> {
    let (date, time) = text.split_once('T')?;
    let date = Date::parse(date)?;
    let time = time.strip_suffix('Z')?;
    let (hms, millis) = match time.split_once('.') {
        Some((hms, ms)) if ms.len() == 3 => (hms, number(ms)?),
        Some(_) => return None,
        None => (time, 0),
    };
    let b = hms.as_bytes();
    // Checking for ASCII first makes the byte-range slices below safe.
    if !hms.is_ascii() || b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, m, s) = (
        number(&hms[0..2])?,
        number(&hms[3..5])?,
        number(&hms[6..8])?,
    );
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    let days = u64::try_from(date.days_since_epoch()).ok()?;
    Some(days * MS_PER_DAY + h * 3_600_000 + m * 60_000 + s * 1000 + millis)
}

/// "2026-11-27 14:03 UTC": an instant to the minute, in the same clock for
/// everyone, for a file (a backup) that does not say where it was made.
pub fn format_utc_minute(ms: u64) -> String {
    let stamp = format_timestamp(ms);
    match (stamp.get(..10), stamp.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => stamp,
    }
}

const MS_PER_DAY: u64 = 86_400_000;

fn number(digits: &str) -> Option<u64> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days-from-civil algorithm: exact for every Gregorian date.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (1_741_523_696_789, "2025-03-09T12:34:56.789Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (86_399_999, "1970-01-01T23:59:59.999Z"),
        ];
        for (ms, text) in cases {
            assert_eq!(format_timestamp(ms), text);
            assert_eq!(parse_timestamp(text), Some(ms), "{text}");
        }
        assert_eq!(
            parse_timestamp("2025-03-09T12:34:56Z"),
            Some(1_741_523_696_000)
        );
        assert_eq!(
            format_timestamp(MAX_FORMATTED_MS),
            "9999-12-31T23:59:59.999Z"
        );
        assert_eq!(format_timestamp(u64::MAX), "9999-12-31T23:59:59.999Z");
        assert_eq!(
            parse_timestamp(&format_timestamp(u64::MAX)),
            Some(MAX_FORMATTED_MS)
        );
        for bad in [
            "2025-03-09",
            "2025-03-09T12:34:56.789",
            "2025-03-09T24:00:00Z",
            "2025-03-09T12:60:00Z",
            "2025-03-09T1:02:03Z",
            "2025-03-09T12:34:56.78Z",
            "2025-02-30T12:34:56Z",
            "1969-12-31T23:59:59Z",
            "2025-03-09T12:3é:56Z",
            "2025-03-09T+1:34:56Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn utc_minutes() {
        let cases = [
            (0, "1970-01-01 00:00 UTC"),
            (1_741_523_696_789, "2025-03-09 12:34 UTC"),
            (u64::MAX, "9999-12-31 23:59 UTC"),
        ];
        for (ms, text) in cases {
            assert_eq!(format_utc_minute(ms), text);
        }
    }

    #[test]
    fn parse_and_format_round_trip() {
        let cases = [
            ("1970-01-01", 0),
            ("2000-02-29", 11_016),
            ("2024-12-31", 20_088),
            ("1969-12-31", -1),
        ];
        for (text, days) in cases {
            let d = Date::parse(text).unwrap();
            assert_eq!(d.days_since_epoch(), days, "{text}");
            assert_eq!(d.to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "24-01-01",
            "2024/01/01",
            "2024-1-011",
            "+024-01-01",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn weekdays_and_months() {
        let d = Date::parse("2026-11-27").unwrap();
        assert_eq!(d.weekday_from_monday(), 4, "a Friday");
        assert_eq!(d.first_of_month().to_string(), "2026-11-01");
        assert_eq!(d.days_in_month(), 30);
        assert_eq!(d.add_months(2).to_string(), "2027-01-01");
        assert_eq!(d.add_months(-11).to_string(), "2025-12-01");
        assert_eq!(d.add_days(5).to_string(), "2026-12-02");
        assert_eq!(Date::parse("2024-02-01").unwrap().days_in_month(), 29);
    }

    #[test]
    fn serde_uses_iso_text() {
        let d = Date::parse("2025-03-09").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2025-03-09\"");
        assert_eq!(serde_json::from_str::<Date>("\"2025-03-09\"").unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2025-02-30\"").is_err());
    }
}
