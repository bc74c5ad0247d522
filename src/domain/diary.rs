//! The symptom diary: the list of symptoms a person rates and one entry per
//! calendar day with 0–10 ratings, a free-text note and tags.
//!
//! Ratings are keyed by a stable [`SymptomId`], never by display name or
//! position, so renaming, hiding or reordering a symptom never loses or
//! reassigns a past rating.

use crate::domain::date::Date;
use crate::domain::sorted::SortedMap;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest symptom name, in characters; longer names break table and
/// chart layouts without adding meaning.
pub const MAX_SYMPTOM_NAME_CHARS: usize = 60;
/// The most symptoms a list may hold, hidden ones included. Each one becomes
/// a CSV column and a chart series, so an unbounded list would only hurt.
pub const MAX_SYMPTOMS: usize = 64;
/// The longest note, in characters (about two printed pages).
pub const MAX_NOTE_CHARS: usize = 4000;
/// The most tags on one day.
pub const MAX_TAGS: usize = 20;
/// The longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 40;
/// The highest rating; the lowest is 0.
pub const MAX_RATING: u8 = 10;
/// The longest note excerpt in a list of recent entries, in characters.
pub const EXCERPT_CHARS: usize = 140;

/// A stable symptom identifier: 1–32 characters of `a-z`, `0-9` and `-`.
/// Built-in symptoms have fixed ids (`cramps`, `sleep`, …); symptoms a person
/// adds get `custom-N`, where N is the creation time in milliseconds (or
/// one more than the previous number, if larger). A plain counter would give
/// two devices the same `custom-1` for different symptoms, and merging a
/// backup from one into the other would then mix their ratings.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SymptomId(String);

/// A rating from 0 (none) to 10 (worst, or best for symptoms where higher is
/// better). An unrated symptom has no `Rating` at all, which is different
/// from a rating of 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

/// One symptom in the person's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SymptomData")]
pub struct Symptom {
    id: SymptomId,
    name: String,
    higher_is_better: bool,
    hidden: bool,
}

/// The ordered symptom list. Symptoms are never removed, only hidden, so
/// every id that ever held a rating keeps resolving to a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SymptomListData")]
pub struct SymptomList {
    symptoms: Vec<Symptom>,
    /// The lowest number the next custom symptom may get; kept explicitly
    /// so that an id is never handed out twice.
    next_custom: u64,
}

/// The diary for one calendar day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DiaryEntryData")]
pub struct DiaryEntry {
    date: Date,
    ratings: SortedMap<SymptomId, Rating>,
    note: String,
    tags: Vec<String>,
    updated_at_ms: u64,
}

/// Something deleted that can still be restored for [`UNDO_WINDOW_MS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo<T> {
    item: T,
    deleted_at_ms: u64,
}

/// How long a deletion can be undone: long enough to reach the "Undo" button
/// of a toast, short enough that nobody expects it to come back later.
pub const UNDO_WINDOW_MS: u64 = 10_000;

/// Why a diary or symptom-list change was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiaryError {
    InvalidSymptomId(String),
    RatingOutOfRange(u8),
    NameEmpty,
    NameTooLong { chars: usize, max: usize },
    NameHasControlCharacters,
    NameNotTrimmed(String),
    NameTaken(String),
    UnknownSymptom(SymptomId),
    DuplicateSymptomId(SymptomId),
    TooManySymptoms { max: usize },
    CustomCounterBehind { id: SymptomId, next_custom: u64 },
    NoteTooLong { chars: usize, max: usize },
    TooManyTags { count: usize, max: usize },
    TagTooLong { tag: String, max: usize },
    TagNotNormalised(String),
    DuplicateTag(String),
}

/// Why an undo could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UndoError {
    /// The undo window has passed.
    Expired,
    /// Something new was written at the same place in the meantime, and an
    /// undo must never overwrite newer data.
    Occupied,
}

impl SymptomId {
    /// Checks the id grammar (`[a-z0-9-]{1,32}`).
    pub fn new(id: &str) -> Result<SymptomId, DiaryError> {
        let ok = (1..=32).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(SymptomId(id.to_owned()))
        } else {
            Err(DiaryError::InvalidSymptomId(id.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number of a `custom-N` id, `None` for built-in ids.
    fn custom_number(&self) -> Option<u64> {
        let digits = self.0.strip_prefix("custom-")?;
        if digits.starts_with('0') {
            return None;
        }
        digits.parse().ok()
    }
}

impl Rating {
    pub fn new(value: u8) -> Result<Rating, DiaryError> {
        if value <= MAX_RATING {
            Ok(Rating(value))
        } else {
            Err(DiaryError::RatingOutOfRange(value))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl Symptom {
    pub fn id(&self) -> &SymptomId {
        &self.id
    }

    /// The name the person sees (and the CSV column header).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// True for symptoms where a higher rating is better, such as sleep
    /// quality; charts and insights must say so instead of calling a higher
    /// value "worse".
    pub fn higher_is_better(&self) -> bool {
        self.higher_is_better
    }

    pub fn hidden(&self) -> bool {
        self.hidden
    }
}

impl SymptomList {
    /// The built-in list every person starts with, in display order.
    pub fn defaults() -> SymptomList {
        let symptoms = DEFAULT_SYMPTOMS
            .iter()
            .map(|&(id, name, higher_is_better)| Symptom {
                id: SymptomId(id.to_owned()),
                name: name.to_owned(),
                higher_is_better,
                hidden: false,
            })
            .collect();
        SymptomList {
            symptoms,
            next_custom: 1,
        }
    }

    /// Every symptom in display order, hidden ones included.
    pub fn all(&self) -> &[Symptom] {
        &self.symptoms
    }

    /// The symptoms shown in the diary form, in display order.
    pub fn visible(&self) -> impl Iterator<Item = &Symptom> {
        self.symptoms.iter().filter(|s| !s.hidden)
    }

    /// Visible symptoms in display order followed by hidden ones in display
    /// order: the column order of exports, so that past ratings of a hidden
    /// symptom are still exported.
    pub fn export_order(&self) -> impl Iterator<Item = &Symptom> {
        self.visible()
            .chain(self.symptoms.iter().filter(|s| s.hidden))
    }

    pub fn get(&self, id: &SymptomId) -> Option<&Symptom> {
        self.symptoms.iter().find(|s| &s.id == id)
    }

    /// Adds a custom symptom at the end of the list and returns its new id.
    /// Whether higher is better is fixed at creation: flipping it later would
    /// silently reverse the meaning of every past rating.
    pub fn add(
        &mut self,
        name: &str,
        higher_is_better: bool,
        now_ms: u64,
    ) -> Result<SymptomId, DiaryError> {
        if self.symptoms.len() >= MAX_SYMPTOMS {
            return Err(DiaryError::TooManySymptoms { max: MAX_SYMPTOMS });
        }
        let name = self.checked_new_name(name, None)?;
        let number = self.next_custom.max(now_ms);
        let id = SymptomId(format!("custom-{number}"));
        self.next_custom = number.saturating_add(1);
        self.symptoms.push(Symptom {
            id: id.clone(),
            name,
            higher_is_better,
            hidden: false,
        });
        Ok(id)
    }

    /// Brings in every symptom of `other` whose id this list lacks, appended
    /// in `other`'s order with its name, direction and hidden flag, while
    /// this list's own symptoms keep their order, names and flags. Merging a
    /// backup uses this because ratings refer to symptoms by id, so a symptom
    /// must never drop out of the list while ratings may point at it. A
    /// brought-in name that clashes with an existing one gets a number, as in
    /// "Tinnitus (2)". On error the list is unchanged.
    pub fn merge_from(&mut self, other: &SymptomList) -> Result<(), DiaryError> {
        let mut merged = self.clone();
        for symptom in &other.symptoms {
            if merged.get(&symptom.id).is_some() {
                continue;
            }
            if merged.symptoms.len() >= MAX_SYMPTOMS {
                return Err(DiaryError::TooManySymptoms { max: MAX_SYMPTOMS });
            }
            let name = merged.unused_name(&symptom.name);
            merged.symptoms.push(Symptom {
                name,
                ..symptom.clone()
            });
        }
        merged.next_custom = merged.next_custom.max(other.next_custom);
        *self = merged;
        Ok(())
    }

    /// Renames a symptom; its ratings stay attached because they are keyed
    /// by id.
    pub fn rename(&mut self, id: &SymptomId, name: &str) -> Result<(), DiaryError> {
        let name = self.checked_new_name(name, Some(id))?;
        self.position(id).map(|i| self.symptoms[i].name = name)
    }

    /// Hides or shows a symptom. Hidden symptoms keep their ratings and stay
    /// in exports.
    pub fn set_hidden(&mut self, id: &SymptomId, hidden: bool) -> Result<(), DiaryError> {
        self.position(id).map(|i| self.symptoms[i].hidden = hidden)
    }

    /// Moves a symptom to `index` in the full list (clamped to the end), for
    /// drag-and-drop reordering.
    pub fn move_to(&mut self, id: &SymptomId, index: usize) -> Result<(), DiaryError> {
        let from = self.position(id)?;
        let symptom = self.symptoms.remove(from);
        let to = index.min(self.symptoms.len());
        self.symptoms.insert(to, symptom);
        Ok(())
    }

    /// Moves a symptom one place up among the visible symptoms, skipping
    /// hidden ones, so that the "up" button always changes what is seen.
    /// Does nothing at the top.
    pub fn move_up(&mut self, id: &SymptomId) -> Result<(), DiaryError> {
        let from = self.position(id)?;
        if let Some(to) = (0..from).rev().find(|&i| !self.symptoms[i].hidden) {
            let symptom = self.symptoms.remove(from);
            self.symptoms.insert(to, symptom);
        }
        Ok(())
    }

    /// Moves a symptom one place down among the visible symptoms, skipping
    /// hidden ones. Does nothing at the bottom.
    pub fn move_down(&mut self, id: &SymptomId) -> Result<(), DiaryError> {
        let from = self.position(id)?;
        if let Some(to) = (from + 1..self.symptoms.len()).find(|&i| !self.symptoms[i].hidden) {
            let symptom = self.symptoms.remove(from);
            // After the removal the neighbour sits at `to - 1`; inserting at
            // `to` places the moved symptom right after it.
            self.symptoms.insert(to, symptom);
        }
        Ok(())
    }

    /// `name` if no symptom uses it, otherwise `name (2)`, `name (3)`, …,
    /// shortened so that the result still fits the length limit.
    fn unused_name(&self, name: &str) -> String {
        let taken = |candidate: &str| {
            let folded = candidate.to_lowercase();
            self.symptoms
                .iter()
                .any(|s| s.name.to_lowercase() == folded)
        };
        if !taken(name) {
            return name.to_owned();
        }
        (2..)
            .map(|n| {
                let suffix = format!(" ({n})");
                let room = MAX_SYMPTOM_NAME_CHARS - suffix.chars().count();
                let base: String = name.chars().take(room).collect();
                format!("{}{suffix}", base.trim_end())
            })
            .find(|candidate| !taken(candidate))
            .unwrap_or_else(|| name.to_owned())
    }

    fn position(&self, id: &SymptomId) -> Result<usize, DiaryError> {
        self.symptoms
            .iter()
            .position(|s| &s.id == id)
            .ok_or_else(|| DiaryError::UnknownSymptom(id.clone()))
    }

    /// Validates a name and checks it is not used by another symptom, hidden
    /// ones included, because hidden symptoms still become CSV columns.
    fn checked_new_name(
        &self,
        name: &str,
        renaming: Option<&SymptomId>,
    ) -> Result<String, DiaryError> {
        let name = validate_symptom_name(name)?;
        let folded = name.to_lowercase();
        let taken = self
            .symptoms
            .iter()
            .any(|s| Some(&s.id) != renaming && s.name.to_lowercase() == folded);
        if taken {
            return Err(DiaryError::NameTaken(name));
        }
        Ok(name)
    }
}

impl DiaryEntry {
    /// An empty entry for `date`.
    pub fn new(date: Date, now_ms: u64) -> DiaryEntry {
        DiaryEntry {
            date,
            ratings: SortedMap::new(),
            note: String::new(),
            tags: Vec::new(),
            updated_at_ms: now_ms,
        }
    }

    pub fn date(&self) -> Date {
        self.date
    }

    pub fn ratings(&self) -> &SortedMap<SymptomId, Rating> {
        &self.ratings
    }

    /// The rating of one symptom; `None` means not rated that day.
    pub fn rating(&self, id: &SymptomId) -> Option<Rating> {
        self.ratings.get(id).copied()
    }

    pub fn note(&self) -> &str {
        &self.note
    }

    /// Normalised tags (see [`normalise_tag`]) in the order first entered.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// When the entry last changed, in milliseconds since the Unix epoch;
    /// the newer of two versions wins a conflict.
    pub fn updated_at_ms(&self) -> u64 {
        self.updated_at_ms
    }

    /// The entry as readers over the whole history (insights, the chart)
    /// see it: its ratings and tags, with no note and no time, so that
    /// typing a note changes nothing they read.
    pub fn without_note(&self) -> DiaryEntry {
        DiaryEntry {
            date: self.date,
            ratings: self.ratings.clone(),
            note: String::new(),
            tags: self.tags.clone(),
            updated_at_ms: 0,
        }
    }

    /// True when nothing is recorded, so storage can drop the entry.
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty() && self.note.is_empty() && self.tags.is_empty()
    }

    /// Sets or clears (`None`) one rating.
    pub fn set_rating(&mut self, id: &SymptomId, rating: Option<Rating>, now_ms: u64) {
        match rating {
            Some(r) => self.ratings.insert(id.clone(), r),
            None => self.ratings.remove(id),
        };
        self.touch(now_ms);
    }

    /// Replaces the note. The text is kept exactly as typed apart from the
    /// length limit, because a diary must not rewrite what a person wrote.
    pub fn set_note(&mut self, note: &str, now_ms: u64) -> Result<(), DiaryError> {
        let chars = note.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(DiaryError::NoteTooLong {
                chars,
                max: MAX_NOTE_CHARS,
            });
        }
        self.note = note.to_owned();
        self.touch(now_ms);
        Ok(())
    }

    /// Replaces the tags with the normalised, de-duplicated forms of `tags`;
    /// tags that normalise to nothing are dropped.
    pub fn set_tags<I, S>(&mut self, tags: I, now_ms: u64) -> Result<(), DiaryError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut normalised: Vec<String> = Vec::new();
        for tag in tags {
            let tag = normalise_tag(tag.as_ref());
            if tag.is_empty() || normalised.contains(&tag) {
                continue;
            }
            let chars = tag.chars().count();
            if chars > MAX_TAG_CHARS {
                return Err(DiaryError::TagTooLong {
                    tag,
                    max: MAX_TAG_CHARS,
                });
            }
            normalised.push(tag);
        }
        if normalised.len() > MAX_TAGS {
            return Err(DiaryError::TooManyTags {
                count: normalised.len(),
                max: MAX_TAGS,
            });
        }
        self.tags = normalised;
        self.touch(now_ms);
        Ok(())
    }

    /// Adds one tag (normalised); adding a tag already present changes
    /// nothing but the timestamp.
    pub fn add_tag(&mut self, tag: &str, now_ms: u64) -> Result<(), DiaryError> {
        let mut tags = self.tags.clone();
        tags.push(tag.to_owned());
        self.set_tags(tags, now_ms)
    }

    /// Removes the tag whose normalised form equals that of `tag`.
    pub fn remove_tag(&mut self, tag: &str, now_ms: u64) {
        let tag = normalise_tag(tag);
        self.tags.retain(|t| *t != tag);
        self.touch(now_ms);
    }

    /// Records a change at `now_ms`. The timestamp never goes backwards, so
    /// an edit made after a clock correction still beats the version before
    /// it in a conflict.
    pub fn touch(&mut self, now_ms: u64) {
        self.updated_at_ms = now_ms.max(self.updated_at_ms.saturating_add(1));
    }
}

impl<T> Undo<T> {
    pub fn new(item: T, deleted_at_ms: u64) -> Undo<T> {
        Undo {
            item,
            deleted_at_ms,
        }
    }

    /// What was deleted, for the "Deleted … Undo" message.
    pub fn item(&self) -> &T {
        &self.item
    }

    /// True while the deletion can still be undone. A clock that went
    /// backwards counts as still inside the window.
    pub fn is_available(&self, now_ms: u64) -> bool {
        now_ms.saturating_sub(self.deleted_at_ms) < UNDO_WINDOW_MS
    }

    /// Gives the deleted item back while the window is open.
    pub fn take(self, now_ms: u64) -> Result<T, UndoError> {
        if self.is_available(now_ms) {
            Ok(self.item)
        } else {
            Err(UndoError::Expired)
        }
    }
}

/// Removes the entry for `date` and returns an undo token for it, or `None`
/// when there was no entry.
pub fn delete_entry(
    entries: &mut SortedMap<Date, DiaryEntry>,
    date: Date,
    now_ms: u64,
) -> Option<Undo<DiaryEntry>> {
    entries.remove(&date).map(|entry| Undo::new(entry, now_ms))
}

/// Puts a deleted entry back and returns its date. The restored entry is
/// touched at `now_ms` so that it wins over the deletion everywhere else.
/// Fails when the window has passed or a new entry for the same day was
/// written in the meantime.
pub fn undo_delete(
    entries: &mut SortedMap<Date, DiaryEntry>,
    undo: Undo<DiaryEntry>,
    now_ms: u64,
) -> Result<Date, UndoError> {
    let date = undo.item.date;
    if entries.contains_key(&date) {
        return Err(UndoError::Occupied);
    }
    let mut entry = undo.take(now_ms)?;
    entry.touch(now_ms);
    entries.insert(date, entry);
    Ok(date)
}

/// The canonical form of a tag: surrounding whitespace and leading `#`
/// removed, lower case, inner whitespace runs collapsed to one space, and
/// `,` and `;` dropped because they separate tags in text input and in CSV.
pub fn normalise_tag(tag: &str) -> String {
    let cleaned: String = tag
        .chars()
        .filter(|c| *c != ',' && *c != ';' && !c.is_control())
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    // Stripping `#` and spaces together keeps the function idempotent: "# #"
    // becomes "", not "#", so a stored tag always equals its normal form.
    collapsed
        .trim_start_matches(|c: char| c == '#' || c.is_whitespace())
        .to_lowercase()
}

/// Splits text typed into a tag field ("travel, poor sleep; #stress") into
/// normalised, de-duplicated tags.
pub fn parse_tags(input: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for part in input.split([',', ';']) {
        let tag = normalise_tag(part);
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// One line of a list of recent entries, worded for the page.
#[derive(Clone, Debug, PartialEq)]
pub struct RecentEntry {
    pub date: Date,
    /// "Muscle or leg cramps 4 · Sleep quality 7", in export order.
    pub ratings: String,
    pub tags: String,
    /// The note's first [`EXCERPT_CHARS`] characters, with "…" when cut.
    pub excerpt: String,
}

/// The `limit` latest entries, newest first.
pub fn recent_entries(
    diary: &SortedMap<Date, DiaryEntry>,
    symptoms: &SymptomList,
    limit: usize,
) -> Vec<RecentEntry> {
    diary
        .values()
        .rev()
        .take(limit)
        .map(|e| {
            let ratings: Vec<String> = symptoms
                .export_order()
                .filter_map(|s| {
                    e.rating(s.id())
                        .map(|r| format!("{} {}", s.name(), r.get()))
                })
                .collect();
            let mut excerpt: String = e.note().chars().take(EXCERPT_CHARS).collect();
            if e.note().chars().count() > EXCERPT_CHARS {
                excerpt.push('…');
            }
            RecentEntry {
                date: e.date(),
                ratings: ratings.join(" · "),
                tags: e.tags().join(", "),
                excerpt,
            }
        })
        .collect()
}

/// Checks a display name and returns it trimmed.
pub fn validate_symptom_name(name: &str) -> Result<String, DiaryError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DiaryError::NameEmpty);
    }
    let chars = name.chars().count();
    if chars > MAX_SYMPTOM_NAME_CHARS {
        return Err(DiaryError::NameTooLong {
            chars,
            max: MAX_SYMPTOM_NAME_CHARS,
        });
    }
    if name.chars().any(char::is_control) {
        return Err(DiaryError::NameHasControlCharacters);
    }
    Ok(name.to_owned())
}

impl fmt::Display for SymptomId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for DiaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiaryError::InvalidSymptomId(id) => write!(f, "{id:?} is not a valid symptom id"),
            DiaryError::RatingOutOfRange(v) => {
                write!(f, "rating {v} is outside 0–{MAX_RATING}")
            }
            DiaryError::NameEmpty => f.write_str("the name is empty"),
            DiaryError::NameTooLong { chars, max } => {
                write!(f, "the name has {chars} characters; at most {max} fit")
            }
            DiaryError::NameHasControlCharacters => {
                f.write_str("the name contains control characters")
            }
            DiaryError::NameNotTrimmed(name) => {
                write!(f, "the stored name {name:?} has surrounding spaces")
            }
            DiaryError::NameTaken(name) => write!(f, "a symptom called {name:?} already exists"),
            DiaryError::UnknownSymptom(id) => write!(f, "no symptom has the id {id:?}"),
            DiaryError::DuplicateSymptomId(id) => write!(f, "the symptom id {id:?} appears twice"),
            DiaryError::TooManySymptoms { max } => write!(f, "at most {max} symptoms fit"),
            DiaryError::CustomCounterBehind { id, next_custom } => write!(
                f,
                "symptom id {id:?} is not below the next custom number {next_custom}"
            ),
            DiaryError::NoteTooLong { chars, max } => {
                write!(f, "the note has {chars} characters; at most {max} fit")
            }
            DiaryError::TooManyTags { count, max } => {
                write!(f, "{count} tags given; at most {max} fit")
            }
            DiaryError::TagTooLong { tag, max } => {
                write!(f, "the tag {tag:?} is longer than {max} characters")
            }
            DiaryError::TagNotNormalised(tag) => {
                write!(f, "the tag {tag:?} is not in normalised form")
            }
            DiaryError::DuplicateTag(tag) => write!(f, "the tag {tag:?} appears twice"),
        }
    }
}

impl std::error::Error for DiaryError {}

impl fmt::Display for UndoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UndoError::Expired => f.write_str("too late to undo"),
            UndoError::Occupied => f.write_str("a newer entry exists for that day"),
        }
    }
}

impl std::error::Error for UndoError {}

// Built-in symptoms: (stable id, English name, higher is better). The ids are
// stored with every rating and must never change; the names may.
const DEFAULT_SYMPTOMS: [(&str, &str, bool); 10] = [
    ("cramps", "Muscle or leg cramps", false),
    ("sleep", "Sleep quality", true),
    ("headache", "Migraine or headache", false),
    ("low-mood", "Low mood", false),
    ("anxiety", "Anxiety", false),
    ("fatigue", "Fatigue", false),
    ("restlessness", "Restlessness or poor focus", false),
    ("twitches", "Muscle twitches or tension", false),
    ("palpitations", "Palpitations", false),
    ("loose-stools", "Loose stools", false),
];

impl TryFrom<String> for SymptomId {
    type Error = DiaryError;
    fn try_from(s: String) -> Result<SymptomId, DiaryError> {
        SymptomId::new(&s)
    }
}

impl From<SymptomId> for String {
    fn from(id: SymptomId) -> String {
        id.0
    }
}

impl TryFrom<u8> for Rating {
    type Error = DiaryError;
    fn try_from(v: u8) -> Result<Rating, DiaryError> {
        Rating::new(v)
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

// The deserialisation mirrors below let stored data go through exactly the
// checks the setters apply, so a decoded value always satisfies the same
// invariants as one built in memory.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SymptomData {
    id: SymptomId,
    name: String,
    higher_is_better: bool,
    hidden: bool,
}

impl TryFrom<SymptomData> for Symptom {
    type Error = DiaryError;
    fn try_from(d: SymptomData) -> Result<Symptom, DiaryError> {
        let name = validate_symptom_name(&d.name)?;
        if name != d.name {
            // Stored names are always trimmed; a difference means the data
            // was not written by this app.
            return Err(DiaryError::NameNotTrimmed(d.name));
        }
        Ok(Symptom {
            id: d.id,
            name,
            higher_is_better: d.higher_is_better,
            hidden: d.hidden,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SymptomListData {
    symptoms: Vec<Symptom>,
    next_custom: u64,
}

impl TryFrom<SymptomListData> for SymptomList {
    type Error = DiaryError;
    fn try_from(d: SymptomListData) -> Result<SymptomList, DiaryError> {
        if d.symptoms.len() > MAX_SYMPTOMS {
            return Err(DiaryError::TooManySymptoms { max: MAX_SYMPTOMS });
        }
        let mut names: Vec<String> = Vec::with_capacity(d.symptoms.len());
        for (i, s) in d.symptoms.iter().enumerate() {
            if d.symptoms[..i].iter().any(|t| t.id == s.id) {
                return Err(DiaryError::DuplicateSymptomId(s.id.clone()));
            }
            let folded = s.name.to_lowercase();
            if names.contains(&folded) {
                return Err(DiaryError::NameTaken(s.name.clone()));
            }
            names.push(folded);
            if let Some(n) = s.id.custom_number()
                && n >= d.next_custom
            {
                return Err(DiaryError::CustomCounterBehind {
                    id: s.id.clone(),
                    next_custom: d.next_custom,
                });
            }
        }
        Ok(SymptomList {
            symptoms: d.symptoms,
            next_custom: d.next_custom,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiaryEntryData {
    date: Date,
    ratings: SortedMap<SymptomId, Rating>,
    note: String,
    tags: Vec<String>,
    updated_at_ms: u64,
}

impl TryFrom<DiaryEntryData> for DiaryEntry {
    type Error = DiaryError;
    fn try_from(d: DiaryEntryData) -> Result<DiaryEntry, DiaryError> {
        let chars = d.note.chars().count();
        if chars > MAX_NOTE_CHARS {
            return Err(DiaryError::NoteTooLong {
                chars,
                max: MAX_NOTE_CHARS,
            });
        }
        if d.tags.len() > MAX_TAGS {
            return Err(DiaryError::TooManyTags {
                count: d.tags.len(),
                max: MAX_TAGS,
            });
        }
        for (i, tag) in d.tags.iter().enumerate() {
            if tag.is_empty() || normalise_tag(tag) != *tag {
                return Err(DiaryError::TagNotNormalised(tag.clone()));
            }
            if tag.chars().count() > MAX_TAG_CHARS {
                return Err(DiaryError::TagTooLong {
                    tag: tag.clone(),
                    max: MAX_TAG_CHARS,
                });
            }
            if d.tags[..i].contains(tag) {
                return Err(DiaryError::DuplicateTag(tag.clone()));
            }
        }
        Ok(DiaryEntry {
            date: d.date,
            ratings: d.ratings,
            note: d.note,
            tags: d.tags,
            updated_at_ms: d.updated_at_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> SymptomId {
        SymptomId::new(s).unwrap()
    }

    #[test]
    fn recent_entries_are_newest_first_and_worded() {
        let symptoms = SymptomList::defaults();
        let [first, second] = [&symptoms.all()[0], &symptoms.all()[1]];
        let long = "a".repeat(EXCERPT_CHARS + 1);
        let exact = "é".repeat(EXCERPT_CHARS);
        let mut diary = SortedMap::new();
        for (i, note) in ["", long.as_str(), exact.as_str()].into_iter().enumerate() {
            let date = Date::parse("2025-03-01").unwrap().add_days(i as i32);
            let mut e = DiaryEntry::new(date, 0);
            e.set_note(note, 0).unwrap();
            diary.insert(date, e);
        }
        let d1 = Date::parse("2025-03-01").unwrap();
        let e = diary.get_mut(&d1).unwrap();
        e.set_rating(second.id(), Some(Rating::new(7).unwrap()), 0);
        e.set_rating(first.id(), Some(Rating::new(4).unwrap()), 0);
        e.set_tags(["coffee", "stress"], 0).unwrap();

        let recent = recent_entries(&diary, &symptoms, 10);
        let dates: Vec<String> = recent.iter().map(|r| r.date.to_string()).collect();
        assert_eq!(dates, ["2025-03-03", "2025-03-02", "2025-03-01"]);
        // (entry, ratings, tags, excerpt)
        let cases = [
            (0, String::new(), "", exact.clone()),
            (
                1,
                String::new(),
                "",
                format!("{}…", "a".repeat(EXCERPT_CHARS)),
            ),
            (
                2,
                format!("{} 4 · {} 7", first.name(), second.name()),
                "coffee, stress",
                String::new(),
            ),
        ];
        for (i, ratings, tags, excerpt) in cases {
            assert_eq!(recent[i].ratings, ratings, "{i}");
            assert_eq!(recent[i].tags, tags, "{i}");
            assert_eq!(recent[i].excerpt, excerpt, "{i}");
        }
        let limited = recent_entries(&diary, &symptoms, 2);
        assert_eq!(limited, recent[..2]);
        assert!(recent_entries(&SortedMap::new(), &symptoms, 10).is_empty());
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn names(list: &SymptomList) -> Vec<&str> {
        list.all().iter().map(Symptom::name).collect()
    }

    #[test]
    fn defaults_have_stable_unique_ids_and_sleep_is_higher_better() {
        let list = SymptomList::defaults();
        let ids: Vec<&str> = list.all().iter().map(|s| s.id().as_str()).collect();
        assert_eq!(
            ids,
            [
                "cramps",
                "sleep",
                "headache",
                "low-mood",
                "anxiety",
                "fatigue",
                "restlessness",
                "twitches",
                "palpitations",
                "loose-stools"
            ]
        );
        let better: Vec<&str> = list
            .all()
            .iter()
            .filter(|s| s.higher_is_better())
            .map(|s| s.id().as_str())
            .collect();
        assert_eq!(better, ["sleep"]);
        // The defaults must pass the same validation as stored lists.
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<SymptomList>(&json).unwrap(), list);
    }

    #[test]
    fn symptom_id_grammar() {
        let cases = [
            ("cramps", true),
            ("custom-12", true),
            ("a", true),
            ("", false),
            ("Cramps", false),
            ("leg cramps", false),
            ("x".repeat(32).as_str(), true),
            ("x".repeat(33).as_str(), false),
            ("ümlaut", false),
        ]
        .map(|(s, ok)| (s.to_owned(), ok));
        for (text, ok) in cases {
            assert_eq!(SymptomId::new(&text).is_ok(), ok, "{text:?}");
        }
    }

    #[test]
    fn ratings_are_limited_to_zero_to_ten() {
        for v in 0..=10 {
            assert_eq!(Rating::new(v).unwrap().get(), v);
        }
        for v in [11, 200, 255] {
            assert_eq!(Rating::new(v), Err(DiaryError::RatingOutOfRange(v)));
        }
        assert!(serde_json::from_str::<Rating>("11").is_err());
        assert!(serde_json::from_str::<Rating>("-1").is_err());
        assert!(serde_json::from_str::<Rating>("2.5").is_err());
    }

    #[test]
    fn adding_gives_new_ids_that_are_never_reused() {
        let mut list = SymptomList::defaults();
        let a = list.add("  Tinnitus ", false, 1_000).unwrap();
        let b = list.add("Energy", true, 1_000).unwrap();
        assert_eq!(a.as_str(), "custom-1000");
        assert_eq!(b.as_str(), "custom-1001", "same millisecond");
        assert_eq!(list.get(&a).unwrap().name(), "Tinnitus");
        assert!(list.get(&b).unwrap().higher_is_better());
        // Renaming and hiding do not free a number, and a clock that went
        // backwards cannot bring an old number back.
        list.rename(&a, "Ringing ears").unwrap();
        list.set_hidden(&a, true).unwrap();
        let c = list.add("Tinnitus", false, 10).unwrap();
        assert_eq!(c.as_str(), "custom-1002");
        let d = list.add("Brain fog", false, 1_700_000_000_000).unwrap();
        assert_eq!(d.as_str(), "custom-1700000000000");
        // The stored list accepts what `add` produced.
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<SymptomList>(&json).unwrap(), list);
    }

    #[test]
    fn names_are_checked() {
        let mut list = SymptomList::defaults();
        let cases: [(&str, DiaryError); 4] = [
            ("   ", DiaryError::NameEmpty),
            ("fatigue", DiaryError::NameTaken("fatigue".into())),
            (
                &"n".repeat(61),
                DiaryError::NameTooLong { chars: 61, max: 60 },
            ),
            ("tab\there", DiaryError::NameHasControlCharacters),
        ];
        for (name, err) in cases {
            assert_eq!(list.add(name, false, 1), Err(err), "{name:?}");
        }
        // Keeping one's own name with different case is a rename, not a clash.
        list.rename(&id("fatigue"), "FATIGUE").unwrap();
        assert_eq!(list.get(&id("fatigue")).unwrap().name(), "FATIGUE");
        assert_eq!(
            list.rename(&id("anxiety"), "fatigue"),
            Err(DiaryError::NameTaken("fatigue".into()))
        );
        assert_eq!(
            list.rename(&id("nope"), "x"),
            Err(DiaryError::UnknownSymptom(id("nope")))
        );
    }

    #[test]
    fn the_list_is_bounded() {
        let mut list = SymptomList::defaults();
        for i in list.all().len()..MAX_SYMPTOMS {
            list.add(&format!("s{i}"), false, 1).unwrap();
        }
        assert_eq!(
            list.add("one more", false, 1),
            Err(DiaryError::TooManySymptoms { max: MAX_SYMPTOMS })
        );
    }

    #[test]
    fn without_the_note_an_entry_changes_only_with_its_ratings_or_tags() {
        let mut base = DiaryEntry::new(day("2025-01-10"), 1);
        base.set_rating(&id("cramps"), Some(Rating::new(7).unwrap()), 2);
        type Edit = fn(&mut DiaryEntry);
        // (edit, whether readers of the entry without its note see a change)
        let cases: [(Edit, bool); 4] = [
            (|e| e.set_note("typed a word", 9).unwrap(), false),
            (|e| e.touch(9), false),
            (
                |e| e.set_rating(&id("cramps"), Some(Rating::new(3).unwrap()), 9),
                true,
            ),
            (|e| e.add_tag("travel", 9).unwrap(), true),
        ];
        for (i, (edit, changes)) in cases.into_iter().enumerate() {
            let mut edited = base.clone();
            edit(&mut edited);
            assert_ne!(edited, base, "case {i} edits the entry");
            assert_eq!(
                edited.without_note() != base.without_note(),
                changes,
                "case {i}"
            );
            assert_eq!(edited.without_note().note(), "", "case {i}");
        }
    }

    #[test]
    fn reordering_and_hiding_keep_ratings() {
        let mut list = SymptomList::defaults();
        let mut entry = DiaryEntry::new(day("2025-01-10"), 1);
        entry.set_rating(&id("cramps"), Some(Rating::new(7).unwrap()), 2);
        entry.set_rating(&id("sleep"), Some(Rating::new(3).unwrap()), 3);

        list.move_to(&id("cramps"), 99).unwrap();
        list.rename(&id("cramps"), "Leg cramps").unwrap();
        list.set_hidden(&id("sleep"), true).unwrap();

        assert_eq!(list.all().last().unwrap().id(), &id("cramps"));
        let rated: Vec<(&str, u8)> = list
            .export_order()
            .filter_map(|s| entry.rating(s.id()).map(|r| (s.name(), r.get())))
            .collect();
        assert_eq!(rated, [("Leg cramps", 7), ("Sleep quality", 3)]);
        assert_eq!(list.visible().count(), 9);
    }

    #[test]
    fn up_and_down_skip_hidden_symptoms() {
        let mut list = SymptomList::defaults();
        // Order: cramps sleep headache low-mood …; hide sleep.
        list.set_hidden(&id("sleep"), true).unwrap();
        list.move_up(&id("headache")).unwrap();
        assert_eq!(
            &names(&list)[..3],
            [
                "Migraine or headache",
                "Muscle or leg cramps",
                "Sleep quality"
            ]
        );
        list.move_down(&id("cramps")).unwrap();
        assert_eq!(
            &names(&list)[..4],
            [
                "Migraine or headache",
                "Sleep quality",
                "Low mood",
                "Muscle or leg cramps"
            ]
        );
        // At the edges nothing changes.
        let before = list.clone();
        list.move_up(&id("headache")).unwrap();
        list.move_down(&id("loose-stools")).unwrap();
        assert_eq!(list, before);
    }

    #[test]
    fn export_order_puts_hidden_last_in_list_order() {
        let mut list = SymptomList::defaults();
        list.set_hidden(&id("fatigue"), true).unwrap();
        list.set_hidden(&id("cramps"), true).unwrap();
        let order: Vec<&str> = list.export_order().map(|s| s.id().as_str()).collect();
        assert_eq!(&order[order.len() - 2..], ["cramps", "fatigue"]);
        assert_eq!(order[0], "sleep");
        assert_eq!(order.len(), 10);
    }

    #[test]
    fn unrated_is_not_zero() {
        let mut entry = DiaryEntry::new(day("2025-01-10"), 1);
        assert_eq!(entry.rating(&id("cramps")), None);
        entry.set_rating(&id("cramps"), Some(Rating::new(0).unwrap()), 2);
        assert_eq!(entry.rating(&id("cramps")), Some(Rating::new(0).unwrap()));
        assert!(!entry.is_empty());
        entry.set_rating(&id("cramps"), None, 3);
        assert_eq!(entry.rating(&id("cramps")), None);
        assert!(entry.is_empty());
    }

    #[test]
    fn tags_are_normalised_and_deduplicated() {
        let cases: [(&[&str], &[&str]); 6] = [
            (&["Travel", " travel ", "#TRAVEL"], &["travel"]),
            (&["poor   sleep", "Poor Sleep"], &["poor sleep"]),
            (&["", "  ", "#"], &[]),
            (&["a,b", "c;d"], &["ab", "cd"]),
            (&["Éclair", "éclair"], &["éclair"]),
            (&["# #", "##", "#a #b"], &["a #b"]),
        ];
        for (input, expected) in cases {
            let mut entry = DiaryEntry::new(day("2025-01-10"), 1);
            entry.set_tags(input.iter(), 2).unwrap();
            assert_eq!(entry.tags(), expected, "{input:?}");
        }
        assert_eq!(
            parse_tags("travel, poor sleep; #Stress,travel"),
            ["travel", "poor sleep", "stress"]
        );
    }

    #[test]
    fn tag_and_note_limits() {
        let mut entry = DiaryEntry::new(day("2025-01-10"), 1);
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(
            entry.set_tags(&many, 2),
            Err(DiaryError::TooManyTags { count: 21, max: 20 })
        );
        assert!(entry.set_tags(&many[..20], 2).is_ok());
        assert!(matches!(
            entry.set_tags([&"x".repeat(41)], 3),
            Err(DiaryError::TagTooLong { .. })
        ));
        assert_eq!(
            entry.tags().len(),
            20,
            "a refused change leaves the tags alone"
        );
        assert!(entry.set_note(&"é".repeat(MAX_NOTE_CHARS), 4).is_ok());
        assert_eq!(
            entry.set_note(&"é".repeat(MAX_NOTE_CHARS + 1), 5),
            Err(DiaryError::NoteTooLong {
                chars: MAX_NOTE_CHARS + 1,
                max: MAX_NOTE_CHARS
            })
        );
        entry.add_tag("New", 6).unwrap_err();
        entry.remove_tag("T3", 7);
        entry.add_tag("New", 8).unwrap();
        assert_eq!(entry.tags().last().map(String::as_str), Some("new"));
    }

    #[test]
    fn timestamps_never_go_backwards() {
        let mut entry = DiaryEntry::new(day("2025-01-10"), 1_000);
        entry.set_note("a", 2_000).unwrap();
        assert_eq!(entry.updated_at_ms(), 2_000);
        entry.set_note("b", 1_500).unwrap();
        assert_eq!(entry.updated_at_ms(), 2_001);
    }

    #[test]
    fn stored_entries_are_validated() {
        let good = r#"{"date":"2025-01-10","ratings":{"cramps":4,"custom-1":0},"note":"ok","tags":["travel"],"updated_at_ms":5}"#;
        let entry: DiaryEntry = serde_json::from_str(good).unwrap();
        assert_eq!(entry.rating(&id("custom-1")).map(Rating::get), Some(0));
        let bad = [
            r#"{"date":"2025-02-30","ratings":{},"note":"","tags":[],"updated_at_ms":5}"#,
            r#"{"date":"2025-01-10","ratings":{"cramps":11},"note":"","tags":[],"updated_at_ms":5}"#,
            r#"{"date":"2025-01-10","ratings":{"Cramps":1},"note":"","tags":[],"updated_at_ms":5}"#,
            r#"{"date":"2025-01-10","ratings":{},"note":"","tags":["Travel"],"updated_at_ms":5}"#,
            r#"{"date":"2025-01-10","ratings":{},"note":"","tags":["a","a"],"updated_at_ms":5}"#,
            r#"{"date":"2025-01-10","ratings":{},"note":"","tags":[],"updated_at_ms":-5}"#,
            r#"{"date":"2025-01-10","ratings":{},"note":"","tags":[]}"#,
            r#"{"date":"2025-01-10","ratings":{},"note":"","tags":[],"updated_at_ms":5,"extra":1}"#,
        ];
        for text in bad {
            assert!(serde_json::from_str::<DiaryEntry>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn stored_symptom_lists_are_validated() {
        let mut list = SymptomList::defaults();
        list.add("Energy", true, 5_000).unwrap();
        let json = serde_json::to_value(&list).unwrap();
        let mutate = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = json.clone();
            f(&mut v);
            serde_json::from_value::<SymptomList>(v)
        };
        assert_eq!(mutate(&|_| {}).unwrap(), list);
        let bad: [&dyn Fn(&mut serde_json::Value); 5] = [
            &|v| v["next_custom"] = 1.into(),
            &|v| v["symptoms"][1]["id"] = "cramps".into(),
            &|v| v["symptoms"][1]["name"] = "FATIGUE".into(),
            &|v| v["symptoms"][1]["name"] = " padded ".into(),
            &|v| v["symptoms"][1]["name"] = "".into(),
        ];
        for (i, f) in bad.iter().enumerate() {
            assert!(mutate(*f).is_err(), "case {i}");
        }
    }

    #[test]
    fn merging_lists_keeps_every_id() {
        let mut phone = SymptomList::defaults();
        let tinnitus = phone.add("Tinnitus", false, 100).unwrap();
        let energy = phone.add("Energy", true, 200).unwrap();
        phone.set_hidden(&energy, true).unwrap();
        phone.rename(&id("sleep"), "Sleep").unwrap();

        let mut laptop = SymptomList::defaults();
        let other_tinnitus = laptop.add("tinnitus", false, 150).unwrap();
        laptop.move_to(&id("fatigue"), 0).unwrap();

        let mut merged = laptop.clone();
        merged.merge_from(&phone).unwrap();
        // The laptop's own symptoms keep their order and names.
        assert_eq!(&merged.all()[..laptop.all().len()], laptop.all());
        // The phone's extra symptoms follow, with a clashing name numbered
        // and the hidden flag kept.
        let extra: Vec<(&str, &str, bool)> = merged.all()[laptop.all().len()..]
            .iter()
            .map(|s| (s.id().as_str(), s.name(), s.hidden()))
            .collect();
        assert_eq!(
            extra,
            [
                (tinnitus.as_str(), "Tinnitus (2)", false),
                (energy.as_str(), "Energy", true)
            ]
        );
        assert_ne!(tinnitus, other_tinnitus);
        // New ids stay above everything merged in.
        let next = merged.add("New", false, 0).unwrap();
        assert_eq!(next.as_str(), "custom-201");
        // Merging is idempotent and the result passes stored-list validation.
        let again = {
            let mut m = merged.clone();
            m.merge_from(&phone).unwrap();
            m
        };
        assert_eq!(again, merged);
        let json = serde_json::to_string(&merged).unwrap();
        assert_eq!(serde_json::from_str::<SymptomList>(&json).unwrap(), merged);
    }

    #[test]
    fn merging_respects_the_size_limit() {
        let mut a = SymptomList::defaults();
        let mut b = SymptomList::defaults();
        for i in 0..30 {
            a.add(&format!("a{i}"), false, 1).unwrap();
            b.add(&format!("b{i}"), false, 1_000).unwrap();
        }
        let before = a.clone();
        assert_eq!(
            a.merge_from(&b),
            Err(DiaryError::TooManySymptoms { max: MAX_SYMPTOMS })
        );
        assert_eq!(a, before);
    }

    #[test]
    fn numbered_names_fit_the_limit() {
        let long = "x".repeat(MAX_SYMPTOM_NAME_CHARS);
        let mut a = SymptomList::defaults();
        a.add(&long, false, 1).unwrap();
        let mut b = SymptomList::defaults();
        b.add(&long, false, 2).unwrap();
        a.merge_from(&b).unwrap();
        let name = a.all().last().unwrap().name();
        assert_eq!(name.chars().count(), MAX_SYMPTOM_NAME_CHARS);
        assert!(name.ends_with(" (2)"));
    }

    #[test]
    fn delete_and_undo() {
        let d = day("2025-01-10");
        let mut entries = SortedMap::new();
        let mut entry = DiaryEntry::new(d, 100);
        entry.set_note("slept badly", 200).unwrap();
        entries.insert(d, entry.clone());

        assert!(delete_entry(&mut entries, day("2025-01-11"), 300).is_none());
        let undo = delete_entry(&mut entries, d, 300).unwrap();
        assert!(entries.is_empty());
        assert_eq!(undo.item().note(), "slept badly");
        assert_eq!(
            undo_delete(&mut entries, undo.clone(), 300 + UNDO_WINDOW_MS),
            Err(UndoError::Expired)
        );
        assert_eq!(undo_delete(&mut entries, undo.clone(), 5_000), Ok(d));
        assert_eq!(entries[&d].note(), "slept badly");
        assert_eq!(entries[&d].updated_at_ms(), 5_000);
        // A new entry written meanwhile is never overwritten.
        assert_eq!(
            undo_delete(&mut entries, undo, 5_001),
            Err(UndoError::Occupied)
        );
    }
}
