//! Everything the person has stored, as one value, and the rules over it:
//! taking in a record that was loaded, saved or imported, forgetting one that
//! is gone, keeping the newer of two tabs' versions, and the reference values
//! and target that follow from the profile and settings.
//!
//! The store (`src/store.rs`) holds the same records as separate reactive
//! nodes, follows the same rules, and assembles a [`Data`] for readers that
//! need everything at once (the backup, the CSV, the import).

use crate::domain::sorted::SortedMap;

use crate::domain::backup::Snapshot;
use crate::domain::date::Date;
use crate::domain::day::{CustomItem, DayLog};
use crate::domain::diary::{DiaryEntry, SymptomList};
use crate::domain::dri::{self, Profile, Reference};
use crate::domain::meals::{Meal, Recipe};
use crate::domain::regimen::Regimen;
use crate::domain::schema::{self, Record, RecordKey, Stored};
use crate::domain::settings::Settings;
use crate::domain::shop::list::ShoppingList;
use crate::domain::shop::price::PriceBook;

/// Everything the person has stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Data {
    pub profile: Option<Profile>,
    pub settings: Settings,
    pub custom_items: Vec<CustomItem>,
    pub symptoms: SymptomList,
    /// The saved supplement regimen; `None` until one is saved.
    pub regimen: Option<Regimen>,
    pub meals: Vec<Meal>,
    pub recipes: Vec<Recipe>,
    /// The package prices remembered per compared food or item.
    pub prices: PriceBook,
    pub shopping_list: ShoppingList,
    pub days: SortedMap<Date, DayLog>,
    pub diary: SortedMap<Date, DiaryEntry>,
    /// When each record last changed, for the two-tab rule (newer wins). A
    /// record without a stamp was never saved: it holds its first-run value.
    pub stamps: SortedMap<RecordKey, u64>,
}

impl Data {
    /// The data of a new installation: no profile, the first-run settings and
    /// the built-in symptom list, nothing logged.
    pub fn empty() -> Data {
        Data {
            profile: None,
            settings: Settings::first_run(),
            custom_items: Vec::new(),
            symptoms: SymptomList::defaults(),
            regimen: None,
            meals: Vec::new(),
            recipes: Vec::new(),
            prices: PriceBook::default(),
            shopping_list: ShoppingList::empty(),
            days: SortedMap::new(),
            diary: SortedMap::new(),
            stamps: SortedMap::new(),
        }
    }

    /// The data that `records` (as loaded from storage) describe.
    pub fn from_records(records: impl IntoIterator<Item = Stored>) -> Data {
        let mut data = Data::empty();
        for stored in records {
            data.apply(stored);
        }
        data
    }

    /// Takes in a record as loaded, saved or imported: its value and its
    /// time. The meta record describes the store rather than the person, so
    /// it is not kept; stamping it would count it as a new entry.
    pub fn apply(&mut self, stored: Stored) {
        if stored.key() == RecordKey::Meta {
            return;
        }
        self.stamps.insert(stored.key(), stored.updated_at_ms());
        match stored.into_record() {
            Record::Profile(p) => self.profile = Some(p),
            Record::Settings(s) => self.settings = s,
            Record::CustomItems(items) => self.custom_items = items,
            Record::Symptoms(list) => self.symptoms = list,
            Record::Regimen(r) => self.regimen = Some(r),
            Record::Meals(list) => self.meals = list,
            Record::Recipes(list) => self.recipes = list,
            Record::Prices(book) => self.prices = book,
            Record::ShoppingList(list) => self.shopping_list = list,
            Record::Day(day) => {
                self.days.insert(day.date(), day);
            }
            Record::Diary(entry) => {
                self.diary.insert(entry.date(), entry);
            }
            Record::Meta(_) => {}
        }
    }

    /// A record gone from storage: singletons return to their first-run value.
    pub fn forget(&mut self, key: RecordKey) {
        self.stamps.remove(&key);
        match key {
            RecordKey::Profile => self.profile = None,
            RecordKey::Settings => self.settings = Settings::first_run(),
            RecordKey::CustomItems => self.custom_items.clear(),
            RecordKey::Symptoms => self.symptoms = SymptomList::defaults(),
            RecordKey::Regimen => self.regimen = None,
            RecordKey::Meals => self.meals.clear(),
            RecordKey::Recipes => self.recipes.clear(),
            RecordKey::Prices => self.prices = PriceBook::default(),
            RecordKey::ShoppingList => self.shopping_list = ShoppingList::empty(),
            RecordKey::Day(d) => {
                self.days.remove(&d);
            }
            RecordKey::Diary(d) => {
                self.diary.remove(&d);
            }
            RecordKey::Meta => {}
        }
    }

    /// The version of the record under `key` held here, with its time;
    /// `None` for a record that was never saved.
    pub fn stored(&self, key: RecordKey) -> Option<Stored> {
        let at = *self.stamps.get(&key)?;
        let record = match key {
            RecordKey::Profile => Record::Profile(self.profile?),
            RecordKey::Settings => Record::Settings(self.settings.clone()),
            RecordKey::CustomItems => Record::CustomItems(self.custom_items.clone()),
            RecordKey::Symptoms => Record::Symptoms(self.symptoms.clone()),
            RecordKey::Regimen => Record::Regimen(self.regimen.clone()?),
            RecordKey::Meals => Record::Meals(self.meals.clone()),
            RecordKey::Recipes => Record::Recipes(self.recipes.clone()),
            RecordKey::Prices => Record::Prices(self.prices.clone()),
            RecordKey::ShoppingList => Record::ShoppingList(self.shopping_list.clone()),
            RecordKey::Day(d) => Record::Day(self.days.get(&d)?.clone()),
            RecordKey::Diary(d) => Record::Diary(self.diary.get(&d)?.clone()),
            RecordKey::Meta => return None,
        };
        Some(Stored::new(record, at))
    }

    /// Takes in a version another tab saved, if it wins the two-tab rule
    /// ([`schema::resolve_conflict`]) against the one held here. Returns
    /// whether it was taken. Both tabs apply the same rule to the same two
    /// versions, so they keep the same one even when the times are equal.
    pub fn take_incoming(&mut self, incoming: Stored) -> bool {
        let wins = self.incoming_wins(&incoming);
        if wins {
            self.apply(incoming);
        }
        wins
    }

    /// Whether a version another tab saved wins over the one held here; a
    /// record never saved here always loses to it. The meta record is never
    /// taken (see [`Data::apply`]).
    pub fn incoming_wins(&self, incoming: &Stored) -> bool {
        schema::incoming_wins(self.stored(incoming.key()).as_ref(), incoming)
    }

    /// The profile the targets use: the person's, or
    /// [`Profile::default_adult`] until they save one. Pages state what that
    /// default gets with [`dri::default_adult_sentence`], which follows the
    /// chosen reference set.
    pub fn effective_profile(&self) -> Profile {
        self.profile.unwrap_or_else(Profile::default_adult)
    }

    /// The reference values in force for the person and chosen set.
    pub fn reference(&self) -> Reference {
        dri::reference(self.effective_profile(), self.settings.reference_set)
    }

    /// The person's daily target in mg ([`Reference::target_mg`] of
    /// [`Data::reference`]); `None` where the chosen set publishes no value.
    pub fn target_mg(&self) -> Option<u32> {
        self.reference().target_mg()
    }

    /// Everything stored, as the backup sees it. Singletons that were never
    /// saved (the first-run settings, the built-in symptom list) are left
    /// out, so a backup from a new installation does not claim to hold
    /// choices the person never made. Days and diary entries are always
    /// included.
    pub fn snapshot(&self) -> Snapshot {
        let stamp = |key: RecordKey| self.stamps.get(&key).copied();
        let mut records: Vec<Stored> = Vec::new();
        if let (Some(profile), Some(at)) = (self.profile, stamp(RecordKey::Profile)) {
            records.push(Stored::new(Record::Profile(profile), at));
        }
        if let Some(at) = stamp(RecordKey::Settings) {
            records.push(Stored::new(Record::Settings(self.settings.clone()), at));
        }
        if let Some(at) = stamp(RecordKey::CustomItems) {
            records.push(Stored::new(
                Record::CustomItems(self.custom_items.clone()),
                at,
            ));
        }
        if let Some(at) = stamp(RecordKey::Symptoms) {
            records.push(Stored::new(Record::Symptoms(self.symptoms.clone()), at));
        }
        if let (Some(regimen), Some(at)) = (&self.regimen, stamp(RecordKey::Regimen)) {
            records.push(Stored::new(Record::Regimen(regimen.clone()), at));
        }
        if let Some(at) = stamp(RecordKey::Meals) {
            records.push(Stored::new(Record::Meals(self.meals.clone()), at));
        }
        if let Some(at) = stamp(RecordKey::Recipes) {
            records.push(Stored::new(Record::Recipes(self.recipes.clone()), at));
        }
        if let Some(at) = stamp(RecordKey::Prices) {
            records.push(Stored::new(Record::Prices(self.prices.clone()), at));
        }
        if let Some(at) = stamp(RecordKey::ShoppingList) {
            records.push(Stored::new(
                Record::ShoppingList(self.shopping_list.clone()),
                at,
            ));
        }
        // Memory changes only after a successful write, so every day here has
        // a stamp; 0 (the oldest time) is a safe fallback that exports the
        // day but lets it lose any merge.
        for (date, log) in &self.days {
            let at = stamp(RecordKey::Day(*date)).unwrap_or(0);
            records.push(Stored::new(Record::Day(log.clone()), at));
        }
        for entry in self.diary.values() {
            // A diary entry carries its own time; `Stored::new` uses it.
            records.push(Stored::new(Record::Diary(entry.clone()), 0));
        }
        records.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chart::Span;
    use crate::domain::day::{Item, TopicalEntry};
    use crate::domain::dri::{Age, ReferenceSet, Sex, Status};
    use crate::domain::schema::Meta;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn day(on: &str, note: &str) -> DayLog {
        let mut log = DayLog::new(date(on));
        log.add(Item::Topical(TopicalEntry {
            description: note.into(),
        }));
        log
    }

    fn woman(years: u16) -> Profile {
        Profile::new(Age::from_years(years).unwrap(), Sex::Female, Status::None).unwrap()
    }

    fn weekly() -> Settings {
        let mut s = Settings::first_run();
        s.chart_span = Span::Week;
        s
    }

    #[test]
    fn apply_then_forget_returns_each_record_to_its_first_run_value() {
        let diary = DiaryEntry::new(date("2026-03-01"), 40);
        type Holds = fn(&Data) -> bool;
        // (record, what memory holds for it once applied)
        let cases: Vec<(Record, Holds)> = vec![
            (Record::Profile(woman(40)), |d| d.profile == Some(woman(40))),
            (Record::Settings(weekly()), |d| d.settings == weekly()),
            (Record::CustomItems(Vec::new()), |d| {
                d.custom_items.is_empty()
            }),
            (Record::Symptoms(SymptomList::defaults()), |d| {
                d.symptoms == SymptomList::defaults()
            }),
            (Record::Regimen(Regimen::new(3)), |d| {
                d.regimen == Some(Regimen::new(3))
            }),
            (Record::Meals(Vec::new()), |d| d.meals.is_empty()),
            (Record::Recipes(Vec::new()), |d| d.recipes.is_empty()),
            (Record::Prices(PriceBook::default()), |d| {
                d.prices.is_empty()
            }),
            (Record::ShoppingList(ShoppingList::empty()), |d| {
                d.shopping_list.is_empty()
            }),
            (Record::Day(day("2026-03-01", "spray")), |d| {
                d.days.get(&date("2026-03-01")) == Some(&day("2026-03-01", "spray"))
            }),
            (Record::Diary(diary), |d| {
                d.diary.contains_key(&date("2026-03-01"))
            }),
        ];
        for (record, holds) in cases {
            let key = record.key();
            let mut data = Data::empty();
            data.apply(Stored::new(record, 7));
            assert!(holds(&data), "{key} applied");
            let expected_stamp = if key.kind() == schema::RecordKind::Diary {
                40
            } else {
                7
            };
            assert_eq!(data.stamps.get(&key), Some(&expected_stamp), "{key}");
            data.forget(key);
            assert_eq!(data, Data::empty(), "{key} forgotten");
        }
    }

    #[test]
    fn the_meta_record_is_not_kept_and_gets_no_stamp() {
        let meta = Stored::new(Record::Meta(Meta::current("0.1.0")), 5);
        let mut data = Data::empty();
        data.apply(meta.clone());
        assert_eq!(data, Data::empty());
        assert_eq!(data.stored(RecordKey::Meta), None);
        assert!(!data.take_incoming(meta));
        assert_eq!(data, Data::empty());
    }

    #[test]
    fn stored_gives_back_what_was_applied_and_nothing_for_unsaved_records() {
        let saved = Stored::new(Record::Day(day("2026-03-02", "bath")), 9);
        let data = Data::from_records([saved.clone()]);
        // (key, expected)
        let cases = [
            (RecordKey::Day(date("2026-03-02")), Some(saved)),
            (RecordKey::Day(date("2026-03-03")), None),
            (RecordKey::Profile, None),
            // First-run settings are held but were never saved.
            (RecordKey::Settings, None),
        ];
        for (key, expected) in cases {
            assert_eq!(data.stored(key), expected, "{key}");
        }
    }

    #[test]
    fn the_newer_version_wins_and_a_tie_picks_the_same_one_on_either_side() {
        let a = Stored::new(Record::Settings(Settings::first_run()), 100);
        let b_later = Stored::new(Record::Settings(weekly()), 200);
        let b_same_ms = Stored::new(Record::Settings(weekly()), 100);
        let a_earlier = Stored::new(Record::Settings(Settings::first_run()), 50);
        // (held here, arriving from the other tab, kept)
        let cases = [
            (&a, &b_later, &b_later),
            (&b_later, &a, &b_later),
            (&a, &a_earlier, &a),
            (&a, &a, &a),
        ];
        for (local, incoming, kept) in cases {
            let mut data = Data::from_records([local.clone()]);
            let taken = data.take_incoming(incoming.clone());
            assert_eq!(data.stored(RecordKey::Settings).as_ref(), Some(kept));
            assert_eq!(taken, kept != local, "taken from {incoming:?}");
        }
        // Two tabs that each saved a different version in the same
        // millisecond both end with the same one.
        let mut first = Data::from_records([a.clone()]);
        let mut second = Data::from_records([b_same_ms.clone()]);
        first.take_incoming(b_same_ms.clone());
        second.take_incoming(a.clone());
        assert_eq!(first, second);
    }

    #[test]
    fn an_incoming_record_we_never_saved_is_taken() {
        let mut data = Data::empty();
        let profile = Stored::new(Record::Profile(woman(30)), 1);
        assert!(data.take_incoming(profile));
        assert_eq!(data.profile, Some(woman(30)));
    }

    #[test]
    fn the_target_follows_the_profile_and_the_reference_set() {
        let infant = Profile::new(Age::from_months(3).unwrap(), Sex::Female, Status::None).unwrap();
        // (profile, set, target in mg)
        let cases = [
            (None, ReferenceSet::Iom1997, Some(420)),
            (None, ReferenceSet::Efsa2015, Some(350)),
            (Some(woman(40)), ReferenceSet::Iom1997, Some(320)),
            (Some(woman(40)), ReferenceSet::Efsa2015, Some(300)),
            (Some(infant), ReferenceSet::Efsa2015, None),
        ];
        for (profile, set, expected) in cases {
            let mut data = Data::empty();
            data.profile = profile;
            data.settings.reference_set = set;
            assert_eq!(data.target_mg(), expected, "{profile:?} {set:?}");
            assert_eq!(
                data.target_mg(),
                data.reference().target.map(|t| t.mg),
                "{profile:?} {set:?}"
            );
        }
    }

    #[test]
    fn a_snapshot_leaves_out_singletons_never_saved() {
        let on = Stored::new(Record::Day(day("2026-03-01", "spray")), 3);
        let settings = Stored::new(Record::Settings(weekly()), 4);
        // (records loaded, records the snapshot holds)
        let cases = [
            (vec![], vec![]),
            (vec![on.clone()], vec![on.clone()]),
            (
                vec![on.clone(), settings.clone()],
                vec![settings.clone(), on.clone()],
            ),
        ];
        for (loaded, expected) in cases {
            let data = Data::from_records(loaded.clone());
            let snapshot = data.snapshot();
            let mut got: Vec<Stored> = snapshot.iter().cloned().collect();
            let mut want = expected;
            got.sort_by_key(|s| s.key());
            want.sort_by_key(|s| s.key());
            assert_eq!(got, want, "from {loaded:?}");
        }
    }
}
