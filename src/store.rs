//! The app's state in memory, loaded once from the storage adapter and
//! written back record by record. Pages read one record at a time (or, over
//! the whole history, only what they use) and change records only through
//! the actions here, so every change is saved the same way.
//!
//! Each action computes the new record from a copy, asks the storage adapter
//! to write it, and only once the write succeeded takes it into memory (by the
//! rules of [`Data::apply`] and [`Data::forget`]). A failed write therefore leaves
//! memory and storage as they were and shows "Not saved — …".

use crate::domain::sorted::SortedMap;
use std::future::Future;

use leptos::prelude::*;

use crate::domain::data::Data;
use crate::domain::date::Date;
use crate::domain::day::{CustomItem, DayLog};
use crate::domain::diary::{DiaryEntry, SymptomList};
use crate::domain::dri::{self, Profile, Reference};
use crate::domain::meals::{Meal, Recipe};
use crate::domain::regimen::Regimen;
use crate::domain::schema::{self, Meta, Record, RecordKey, Stored};
use crate::domain::settings::Settings;
use crate::domain::shop::list::ShoppingList;
use crate::domain::shop::price::PriceBook;
pub use crate::storage::Problem;
use crate::storage::{self, SaveError};

/// The reactive store; the root component provides its slot (see `app_wide`).
///
/// Memory holds the same records as [`Data`], but as separate reactive nodes:
/// one signal per singleton, and for days and diary entries a signal for the
/// set of dates plus one signal per record. A change to one record notifies
/// only the readers of that record (or of the set, when a date comes or
/// goes), so a keystroke in a note does not re-run work over the whole
/// history. Readers that need everything assemble a [`Data`] untracked
/// ([`Store::data_untracked`]).
#[derive(Clone, Copy)]
pub struct Store {
    pub profile: RwSignal<Option<Profile>>,
    pub settings: RwSignal<Settings>,
    pub custom_items: RwSignal<Vec<CustomItem>>,
    pub symptoms: RwSignal<SymptomList>,
    pub regimen: RwSignal<Option<Regimen>>,
    pub meals: RwSignal<Vec<Meal>>,
    pub recipes: RwSignal<Vec<Recipe>>,
    pub prices: RwSignal<PriceBook>,
    /// The shopping list. `/list` gives each row a memo of its own item, so
    /// checking one re-renders only that row.
    pub shopping_list: RwSignal<ShoppingList>,
    days: RwSignal<SortedMap<Date, ArcRwSignal<DayLog>>>,
    diary: RwSignal<SortedMap<Date, DiaryNode>>,
    /// When each record last changed, for the two-tab rule and the backup
    /// reminder.
    stamps: RwSignal<SortedMap<RecordKey, u64>>,
    /// Damaged or too-new values found when loading, for the banner.
    pub problems: RwSignal<Vec<Problem>>,
    /// The last failed write, shown as "Not saved — …" until a write works.
    pub save_error: RwSignal<Option<String>>,
}

/// One diary entry's node: the entry, and what readers over the whole
/// history read of it ([`DiaryEntry::without_note`]), set only when that
/// changes, so typing a note does not notify them.
#[derive(Clone)]
struct DiaryNode {
    entry: ArcRwSignal<DiaryEntry>,
    without_note: ArcRwSignal<DiaryEntry>,
}

impl DiaryNode {
    fn new(entry: DiaryEntry) -> DiaryNode {
        DiaryNode {
            without_note: ArcRwSignal::new(entry.without_note()),
            entry: ArcRwSignal::new(entry),
        }
    }

    fn set(&self, entry: DiaryEntry) {
        let without_note = entry.without_note();
        if self.without_note.with_untracked(|w| *w != without_note) {
            self.without_note.set(without_note);
        }
        self.entry.set(entry);
    }
}

/// The store, loaded from storage the first time a page asks for it.
pub fn use_store() -> Store {
    crate::app_wide::AppWide::get_or_init(Store::load)
}

thread_local! {
    static ASKED_TO_PERSIST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The first time the person saves something in a session is the sensible
/// moment to ask the browser to keep the data under storage pressure: there
/// is now something to lose. Chromium decides without a prompt.
fn ask_to_persist_once() {
    if !ASKED_TO_PERSIST.with(|a| a.replace(true)) {
        leptos::task::spawn_local(async {
            let _ = storage::request_persistence(true).await;
        });
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The person's local calendar day.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| Date::from_days_since_epoch((js_sys::Date::now() / 86_400_000.0) as i32))
}

impl Store {
    /// Loads everything from storage, records which app version last opened
    /// the store, and starts listening to other tabs.
    pub fn load() -> Store {
        let loaded = storage::load_all();
        write_meta(&loaded.records);
        let empty = Data::empty();
        let store = Store {
            profile: RwSignal::new(empty.profile),
            settings: RwSignal::new(empty.settings),
            custom_items: RwSignal::new(empty.custom_items),
            symptoms: RwSignal::new(empty.symptoms),
            regimen: RwSignal::new(empty.regimen),
            meals: RwSignal::new(empty.meals),
            recipes: RwSignal::new(empty.recipes),
            prices: RwSignal::new(empty.prices),
            shopping_list: RwSignal::new(empty.shopping_list),
            days: RwSignal::new(SortedMap::new()),
            diary: RwSignal::new(SortedMap::new()),
            stamps: RwSignal::new(SortedMap::new()),
            problems: RwSignal::new(loaded.problems),
            save_error: RwSignal::new(None),
        };
        store.replace_all(Data::from_records(loaded.records));
        storage::watch_other_tabs(move |key, value| store.incoming(&key, value));
        store
    }

    /// Makes memory hold exactly `data`.
    fn replace_all(&self, data: Data) {
        let Data {
            profile,
            settings,
            custom_items,
            symptoms,
            regimen,
            meals,
            recipes,
            prices,
            shopping_list,
            days,
            diary,
            stamps,
        } = data;
        self.profile.set(profile);
        self.settings.set(settings);
        self.custom_items.set(custom_items);
        self.symptoms.set(symptoms);
        self.regimen.set(regimen);
        self.meals.set(meals);
        self.recipes.set(recipes);
        self.prices.set(prices);
        self.shopping_list.set(shopping_list);
        let mut day_nodes = SortedMap::new();
        for (date, log) in days {
            day_nodes.insert(date, ArcRwSignal::new(log));
        }
        let mut diary_nodes = SortedMap::new();
        for (date, entry) in diary {
            diary_nodes.insert(date, DiaryNode::new(entry));
        }
        self.days.set(day_nodes);
        self.diary.set(diary_nodes);
        self.stamps.set(stamps);
    }

    /// Everything held, as one [`Data`], without tracking: for the backup,
    /// the CSV and the import, which read it once when asked.
    pub fn data_untracked(&self) -> Data {
        Data {
            profile: self.profile.get_untracked(),
            settings: self.settings.get_untracked(),
            custom_items: self.custom_items.get_untracked(),
            symptoms: self.symptoms.get_untracked(),
            regimen: self.regimen.get_untracked(),
            meals: self.meals.get_untracked(),
            recipes: self.recipes.get_untracked(),
            prices: self.prices.get_untracked(),
            shopping_list: self.shopping_list.get_untracked(),
            days: self
                .days
                .with_untracked(|m| values(m, ArcRwSignal::get_untracked)),
            diary: self
                .diary
                .with_untracked(|m| values(m, |node| node.entry.get_untracked())),
            stamps: self.stamps.get_untracked(),
        }
    }

    /// Takes in a record as loaded, saved or imported, as [`Data::apply`]
    /// does: a record already held changes only its own node.
    pub(crate) fn take(&self, stored: Stored) {
        let key = stored.key();
        if key == RecordKey::Meta {
            return;
        }
        let at = stored.updated_at_ms();
        self.stamps.update(|s| {
            s.insert(key, at);
        });
        match stored.into_record() {
            Record::Profile(p) => self.profile.set(Some(p)),
            Record::Settings(s) => self.settings.set(s),
            Record::CustomItems(items) => self.custom_items.set(items),
            Record::Symptoms(list) => self.symptoms.set(list),
            Record::Regimen(r) => self.regimen.set(Some(r)),
            Record::Meals(list) => self.meals.set(list),
            Record::Recipes(list) => self.recipes.set(list),
            Record::Prices(book) => self.prices.set(book),
            Record::ShoppingList(list) => self.shopping_list.set(list),
            Record::Day(log) => {
                let date = log.date();
                match self.days.with_untracked(|m| m.get(&date).cloned()) {
                    Some(node) => node.set(log),
                    None => self.days.update(|m| {
                        m.insert(date, ArcRwSignal::new(log));
                    }),
                }
            }
            Record::Diary(entry) => {
                let date = entry.date();
                match self.diary.with_untracked(|m| m.get(&date).cloned()) {
                    Some(node) => node.set(entry),
                    None => self.diary.update(|m| {
                        m.insert(date, DiaryNode::new(entry));
                    }),
                }
            }
            Record::Meta(_) => {}
        }
    }

    /// A record gone from storage, as [`Data::forget`]: singletons return to
    /// their first-run value.
    pub(crate) fn forget(&self, key: RecordKey) {
        self.stamps.update(|s| {
            s.remove(&key);
        });
        let empty = Data::empty();
        match key {
            RecordKey::Profile => self.profile.set(empty.profile),
            RecordKey::Settings => self.settings.set(empty.settings),
            RecordKey::CustomItems => self.custom_items.set(empty.custom_items),
            RecordKey::Symptoms => self.symptoms.set(empty.symptoms),
            RecordKey::Regimen => self.regimen.set(empty.regimen),
            RecordKey::Meals => self.meals.set(empty.meals),
            RecordKey::Recipes => self.recipes.set(empty.recipes),
            RecordKey::Prices => self.prices.set(empty.prices),
            RecordKey::ShoppingList => self.shopping_list.set(empty.shopping_list),
            RecordKey::Day(d) => self.days.update(|m| {
                m.remove(&d);
            }),
            RecordKey::Diary(d) => self.diary.update(|m| {
                m.remove(&d);
            }),
            RecordKey::Meta => {}
        }
    }

    /// The version held under `key` with its time, as [`Data::stored`].
    pub(crate) fn held(&self, key: RecordKey) -> Option<Stored> {
        let at = self.stamps.with_untracked(|s| s.get(&key).copied())?;
        let record = match key {
            RecordKey::Profile => Record::Profile(self.profile.get_untracked()?),
            RecordKey::Settings => Record::Settings(self.settings.get_untracked()),
            RecordKey::CustomItems => Record::CustomItems(self.custom_items.get_untracked()),
            RecordKey::Symptoms => Record::Symptoms(self.symptoms.get_untracked()),
            RecordKey::Regimen => Record::Regimen(self.regimen.get_untracked()?),
            RecordKey::Meals => Record::Meals(self.meals.get_untracked()),
            RecordKey::Recipes => Record::Recipes(self.recipes.get_untracked()),
            RecordKey::Prices => Record::Prices(self.prices.get_untracked()),
            RecordKey::ShoppingList => Record::ShoppingList(self.shopping_list.get_untracked()),
            RecordKey::Day(d) => Record::Day(self.day_untracked(d)?),
            RecordKey::Diary(d) => Record::Diary(self.diary_untracked(d)?),
            RecordKey::Meta => return None,
        };
        Some(Stored::new(record, at))
    }

    /// Applies a change made in another tab when it wins the two-tab rule
    /// ([`schema::incoming_wins`]).
    fn incoming(&self, key: &str, value: Option<String>) {
        if key.is_empty() {
            // The other tab cleared everything: mirror what is stored now.
            self.replace_all(Data::from_records(storage::load_all().records));
            return;
        }
        let Some(record_key) = RecordKey::parse(key) else {
            return;
        };
        match value {
            None => self.forget(record_key),
            Some(raw) => match schema::decode(key, &raw) {
                Ok(stored) => {
                    // Decided without a write first, so a losing version
                    // re-runs no reader.
                    if schema::incoming_wins(self.held(stored.key()).as_ref(), &stored) {
                        self.take(stored);
                    }
                }
                // The adapter refuses to write this key from now on; the
                // banner says why.
                Err(schema::DecodeError::NewerSchema { key, found, .. }) => {
                    // Storage events can repeat a change already seen (or
                    // found at load), and one banner per key is enough.
                    let problem = Problem::NewerSchema { key, found };
                    if !self.problems.with_untracked(|p| p.contains(&problem)) {
                        self.problems.update(|p| p.push(problem));
                    }
                }
                // Another tab wrote something we cannot read; the next load
                // quarantines it. Until then our copy stays in memory.
                Err(_) => {}
            },
        }
    }

    /// One day's log; tracks that day only (and whether it exists).
    pub fn day(&self, date: Date) -> Option<DayLog> {
        self.days
            .with(|m| m.get(&date).cloned())
            .map(|node| node.get())
    }

    fn day_untracked(&self, date: Date) -> Option<DayLog> {
        self.days
            .with_untracked(|m| m.get(&date).cloned())
            .map(|node| node.get_untracked())
    }

    /// One day's diary entry; tracks that entry only (and whether it exists).
    pub fn diary_entry(&self, date: Date) -> Option<DiaryEntry> {
        self.diary
            .with(|m| m.get(&date).cloned())
            .map(|node| node.entry.get())
    }

    fn diary_untracked(&self, date: Date) -> Option<DiaryEntry> {
        self.diary
            .with_untracked(|m| m.get(&date).cloned())
            .map(|node| node.entry.get_untracked())
    }

    /// Whether `date` has a diary entry and whether it has an intake log;
    /// tracks only the sets of dates.
    pub fn logged(&self, date: Date) -> (bool, bool) {
        (
            self.diary.with(|m| m.contains_key(&date)),
            self.days
                .with(|m| m.get(&date).is_some_and(|n| n.with(DayLog::has_intake))),
        )
    }

    /// How many days have a log and how many a diary entry; tracks only the
    /// sets of dates.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.days
                .with(|m| m.values().filter(|n| n.with(DayLog::has_intake)).count()),
            self.diary.with(SortedMap::len),
        )
    }

    /// Every day log; tracks every one.
    /// Logs that hold only skipped doses are left out (`DayLog::has_intake`).
    pub fn all_days(&self) -> SortedMap<Date, DayLog> {
        let mut days = self.days.with(|m| values(m, ArcRwSignal::get));
        days.retain(|_, log| log.has_intake());
        days
    }

    /// Every diary entry; tracks every one, notes included.
    pub fn all_diary(&self) -> SortedMap<Date, DiaryEntry> {
        self.diary.with(|m| values(m, |node| node.entry.get()))
    }

    /// The latest `limit` diary entries; tracks only those (and the set).
    pub fn latest_diary(&self, limit: usize) -> SortedMap<Date, DiaryEntry> {
        self.diary.with(|m| {
            let mut latest = SortedMap::new();
            for (date, node) in m.iter().rev().take(limit) {
                latest.insert(*date, node.entry.get());
            }
            latest
        })
    }

    /// Every diary entry without its note ([`DiaryEntry::without_note`]), for
    /// readers over the whole history that use ratings and tags: it does not
    /// change while the person types a note.
    pub fn rated_diary(&self) -> SortedMap<Date, DiaryEntry> {
        self.diary
            .with(|m| values(m, |node| node.without_note.get()))
    }

    /// When each record last changed, without tracking (for a sync run).
    pub(crate) fn stamps_untracked(&self) -> SortedMap<RecordKey, u64> {
        self.stamps.get_untracked()
    }

    /// Reads when each record last changed; tracks every stamp.
    pub fn with_stamps<R>(&self, f: impl FnOnce(&SortedMap<RecordKey, u64>) -> R) -> R {
        self.stamps.with(f)
    }

    /// Tracks every change to any record, for readers that follow all of
    /// them (the import preview).
    pub fn track_changes(&self) {
        self.stamps.track();
    }

    /// The profile the targets use ([`Data::effective_profile`]).
    pub fn effective_profile(&self) -> Profile {
        self.profile.get().unwrap_or_else(Profile::default_adult)
    }

    /// The reference values in force ([`Data::reference`]).
    pub fn reference(&self) -> Reference {
        dri::reference(
            self.effective_profile(),
            self.settings.with(|s| s.reference_set),
        )
    }

    /// Saves one record stamped now and, once it is stored, takes it into
    /// memory. Returns whether it was saved.
    pub(crate) fn commit(&self, record: Record) -> bool {
        let stored = Stored::new(record, now_ms());
        match storage::save(&stored) {
            Ok(()) => {
                self.take(stored);
                self.save_error.set(None);
                ask_to_persist_once();
                true
            }
            Err(e) => self.failed(&e),
        }
    }

    /// Deletes one record and, once it is gone from storage, from memory.
    pub(crate) fn remove(&self, key: RecordKey) -> bool {
        match storage::remove(key) {
            Ok(()) => {
                self.forget(key);
                self.save_error.set(None);
                true
            }
            Err(e) => self.failed(&e),
        }
    }

    /// Shows a failed write as "Not saved — …".
    pub(crate) fn failed(&self, error: &SaveError) -> bool {
        self.save_error.set(Some(error.to_string()));
        false
    }

    /// The person's daily target in mg ([`Data::target_mg`]), as a memo for
    /// pages that show shares of it; `None` where the chosen reference set
    /// publishes no value.
    pub fn target_mg(&self) -> Memo<Option<f64>> {
        let store = *self;
        Memo::new(move |_| store.reference().target_mg().map(f64::from))
    }

    /// Changes one day's log (creating it when needed) and saves it; a log
    /// left with no entries and no dose marks is deleted instead.
    pub fn update_day<R>(&self, date: Date, f: impl FnOnce(&mut DayLog) -> R) -> R {
        let mut day = self
            .day_untracked(date)
            .unwrap_or_else(|| DayLog::new(date));
        let result = f(&mut day);
        if day.is_empty() {
            self.remove(RecordKey::Day(date));
        } else {
            self.commit(Record::Day(day));
        }
        result
    }

    /// Changes one day's diary entry (creating it when needed) and saves it;
    /// an entry left empty is deleted instead.
    pub fn update_diary<R>(&self, date: Date, f: impl FnOnce(&mut DiaryEntry) -> R) -> R {
        let mut entry = self
            .diary_untracked(date)
            .unwrap_or_else(|| DiaryEntry::new(date, now_ms()));
        let result = f(&mut entry);
        if entry.is_empty() {
            self.remove(RecordKey::Diary(date));
        } else {
            self.commit(Record::Diary(entry));
        }
        result
    }

    /// Puts back a whole diary entry (undo of a delete).
    pub fn put_diary(&self, entry: DiaryEntry) {
        self.commit(Record::Diary(entry));
    }

    pub fn delete_diary(&self, date: Date) -> Option<DiaryEntry> {
        let entry = self.diary_untracked(date)?;
        self.remove(RecordKey::Diary(date));
        Some(entry)
    }

    pub fn set_profile(&self, profile: Profile) {
        self.commit(Record::Profile(profile));
    }

    pub fn update_settings(&self, f: impl FnOnce(&mut Settings)) {
        let mut settings = self.settings.get_untracked();
        f(&mut settings);
        self.commit(Record::Settings(settings));
    }

    pub fn update_symptoms<R>(&self, f: impl FnOnce(&mut SymptomList) -> R) -> R {
        let mut list = self.symptoms.get_untracked();
        let result = f(&mut list);
        self.commit(Record::Symptoms(list));
        result
    }

    pub fn update_custom_items<R>(&self, f: impl FnOnce(&mut Vec<CustomItem>) -> R) -> R {
        let mut items = self.custom_items.get_untracked();
        let result = f(&mut items);
        self.commit(Record::CustomItems(items));
        result
    }

    /// Saves the regimen (check it with [`Regimen::validate`] first).
    pub fn set_regimen(&self, regimen: Regimen) {
        self.commit(Record::Regimen(regimen));
    }

    /// Deletes the saved regimen; days keep the doses already logged.
    pub fn delete_regimen(&self) {
        self.remove(RecordKey::Regimen);
    }

    pub fn update_meals<R>(&self, f: impl FnOnce(&mut Vec<Meal>) -> R) -> R {
        let mut list = self.meals.get_untracked();
        let result = f(&mut list);
        self.commit(Record::Meals(list));
        result
    }

    pub fn update_recipes<R>(&self, f: impl FnOnce(&mut Vec<Recipe>) -> R) -> R {
        let mut list = self.recipes.get_untracked();
        let result = f(&mut list);
        self.commit(Record::Recipes(list));
        result
    }

    /// Changes the remembered package prices; false when the write failed
    /// (memory is then unchanged and the banner says why).
    pub fn update_prices(&self, f: impl FnOnce(&mut PriceBook)) -> bool {
        let mut book = self.prices.get_untracked();
        f(&mut book);
        self.commit(Record::Prices(book))
    }

    /// Saves a new custom item made by `make` from the next free id, and
    /// returns that id once it is stored.
    pub fn add_custom_item(&self, make: impl FnOnce(u64) -> CustomItem) -> Option<u64> {
        let mut items = self.custom_items.get_untracked();
        let id = crate::domain::day::next_custom_item_id(&items);
        items.push(make(id));
        self.commit(Record::CustomItems(items)).then_some(id)
    }

    /// Changes the shopping list and saves it. The result is what the change
    /// returned (for undo and confirmations), or `None` when the write
    /// failed and nothing changed, so a page never confirms or offers to
    /// undo what was not saved (the banner says why).
    pub fn update_list<R>(&self, f: impl FnOnce(&mut ShoppingList) -> R) -> Option<R> {
        let mut list = self.shopping_list.get_untracked();
        let result = f(&mut list);
        self.commit(Record::ShoppingList(list)).then_some(result)
    }

    /// Drops a quarantined copy from storage and from the banner.
    pub fn discard_problem(&self, quarantine_key: &str) {
        if let Err(e) = storage::discard_quarantined(quarantine_key) {
            self.failed(&e);
            return;
        }
        self.problems.update(|p| {
            p.retain(|problem| !matches!(problem, Problem::Quarantined { quarantine_key: k, .. } if k == quarantine_key))
        });
    }

    /// Approximately how many bytes the app's data takes in storage. Reads
    /// the stamps so that a page showing it follows every change.
    pub fn usage_bytes(&self) -> usize {
        self.stamps.track();
        storage::usage_bytes()
    }

    /// Whether the browser keeps the data under storage pressure; with
    /// `ask`, asks it to. `None` where the browser cannot promise.
    pub fn persistence(self, ask: bool) -> impl Future<Output = Option<bool>> + use<> {
        storage::request_persistence(ask)
    }
}

/// The value of each node, by date.
fn values<N, T>(nodes: &SortedMap<Date, N>, value: impl Fn(&N) -> T) -> SortedMap<Date, T> {
    let mut out = SortedMap::new();
    for (date, node) in nodes {
        out.insert(*date, value(node));
    }
    out
}

/// Records in `mgt/meta` which app version last opened the store and which
/// key layout is on disk, when that differs from what is stored. A failure
/// is not shown: the person saved nothing, and a meta key from a newer app is
/// already reported by the newer-version banner.
fn write_meta(records: &[Stored]) {
    let current = Meta::current(env!("CARGO_PKG_VERSION"));
    let stored = records.iter().find_map(|s| match s.record() {
        Record::Meta(meta) => Some(meta),
        _ => None,
    });
    if stored != Some(&current) {
        let _ = storage::save(&Stored::new(Record::Meta(current), now_ms()));
    }
}
