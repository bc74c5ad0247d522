//! The person's preferences: the reference set, the chart window, the last
//! backup and the starred foods. They are stored as one record
//! (`mgt/v1/settings`, see [`crate::domain::schema`]); unknown fields are
//! refused, so a typo in a hand-edited backup is reported, not dropped.

use crate::domain::chart::Span;
use crate::domain::dri::ReferenceSet;
use serde::{Deserialize, Serialize};

/// User preferences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Which published reference values set the target.
    pub reference_set: ReferenceSet,
    /// The chart window last chosen.
    pub chart_span: Span,
    /// When the person last exported a JSON backup, for the reminder.
    /// Absent until the first backup, so older records read unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_backup_ms: Option<u64>,
    /// NDB numbers of the foods the person starred, newest first, offered
    /// as quick adds on Today.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub favourite_foods: Vec<u32>,
    /// NDB numbers of the foods the person marked "not for me", which
    /// "Close the gap" and "Fill my week" never propose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoided_foods: Vec<u32>,
}

impl Settings {
    /// Stars or unstars a food; a newly starred food goes first.
    pub fn toggle_favourite(&mut self, ndb: u32) {
        if let Some(i) = self.favourite_foods.iter().position(|&n| n == ndb) {
            self.favourite_foods.remove(i);
        } else {
            self.favourite_foods.insert(0, ndb);
        }
    }

    pub fn is_favourite(&self, ndb: u32) -> bool {
        self.favourite_foods.contains(&ndb)
    }

    /// Marks a food "not for me", or takes the mark off.
    pub fn toggle_avoided(&mut self, ndb: u32) {
        if let Some(i) = self.avoided_foods.iter().position(|&n| n == ndb) {
            self.avoided_foods.remove(i);
        } else {
            self.avoided_foods.push(ndb);
        }
    }

    pub fn is_avoided(&self, ndb: u32) -> bool {
        self.avoided_foods.contains(&ndb)
    }

    /// The settings of a new installation: IOM (the values most sources
    /// quote) and the 30-day chart.
    pub fn first_run() -> Settings {
        Settings {
            reference_set: ReferenceSet::Iom1997,
            chart_span: Span::Month,
            last_backup_ms: None,
            favourite_foods: Vec::new(),
            avoided_foods: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn favourites_toggle_and_newest_come_first() {
        let mut settings = Settings::first_run();
        for (ndb, expected) in [
            (12061, vec![12061]),
            (11457, vec![11457, 12061]),
            (12061, vec![11457]),
            (12014, vec![12014, 11457]),
        ] {
            settings.toggle_favourite(ndb);
            assert_eq!(settings.favourite_foods, expected, "after toggling {ndb}");
        }
        assert!(settings.is_favourite(12014) && !settings.is_favourite(12061));
    }

    #[test]
    fn not_for_me_toggles_and_is_left_out_of_the_record_when_empty() {
        let mut settings = Settings::first_run();
        let plain = serde_json::to_string(&settings).unwrap();
        assert!(!plain.contains("avoided_foods"), "{plain}");
        for (ndb, expected) in [
            (12061, vec![12061]),
            (11457, vec![12061, 11457]),
            (12061, vec![11457]),
        ] {
            settings.toggle_avoided(ndb);
            assert_eq!(settings.avoided_foods, expected, "after toggling {ndb}");
        }
        assert!(settings.is_avoided(11457) && !settings.is_avoided(12061));
        let text = serde_json::to_string(&settings).unwrap();
        assert!(text.contains("\"avoided_foods\":[11457]"), "{text}");
        assert_eq!(serde_json::from_str::<Settings>(&text).unwrap(), settings);
        assert_eq!(
            serde_json::from_str::<Settings>(&plain).unwrap(),
            Settings::first_run()
        );
    }
}
