//! The saved supplement regimen: the doses a person takes every day, what
//! they add up to against the supplement upper level, and "Log my regimen",
//! which adds the day's doses in one tap without logging any dose twice.
//!
//! Each dose has a [`DoseId`] that is never reused within the regimen. A day
//! records what happened to each dose by that id ([`DayLog::dose_status`]),
//! so logging the regimen twice, or after logging one dose by hand, adds
//! only what is still missing, and a dose the person skipped stays skipped.

use crate::domain::amounts::{NonNegative, Positive};
use crate::domain::day::{DayLog, DoseStatus, EntryId, Item, SupplementEntry};
use crate::domain::dri::Reference;
use crate::domain::mg::{self, format_mg};
use crate::domain::sorted::SortedSet;
use crate::domain::supplement::{DoseError, DoseInput, SupplementForm, convert};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::domain::day::DoseId;

/// The longest product label a dose keeps, in characters.
pub const MAX_LABEL_CHARS: usize = 100;

/// The most doses a regimen holds; a longer list is a mistake, not a regimen.
pub const MAX_DOSES: usize = 50;

/// A time of day as hours and minutes on a 24-hour clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "ClockRepr", into = "ClockRepr")]
pub struct ClockTime {
    hour: u8,
    minute: u8,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct ClockRepr {
    #[serde(rename = "hour")]
    hour: u8,
    #[serde(rename = "minute")]
    minute: u8,
}

impl ClockTime {
    /// `None` unless `hour` is 0–23 and `minute` 0–59.
    pub fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl TryFrom<ClockRepr> for ClockTime {
    type Error = String;
    fn try_from(r: ClockRepr) -> Result<ClockTime, String> {
        ClockTime::new(r.hour, r.minute)
            .ok_or_else(|| format!("{:02}:{:02} is not a time of day", r.hour, r.minute))
    }
}

impl From<ClockTime> for ClockRepr {
    fn from(c: ClockTime) -> ClockRepr {
        ClockRepr {
            hour: c.hour,
            minute: c.minute,
        }
    }
}

/// When in the day a dose is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DoseTime {
    #[serde(rename = "morning")]
    Morning,
    #[serde(rename = "midday")]
    Midday,
    #[serde(rename = "evening")]
    Evening,
    #[serde(rename = "bedtime")]
    Bedtime,
    #[serde(rename = "clock")]
    Clock(ClockTime),
}

impl DoseTime {
    /// The clock time a reminder uses. The named slots get fixed times
    /// (08:00, 12:00, 18:00, 22:00) so that a calendar can ring at all; the
    /// person who wants another time picks a clock time instead.
    pub fn clock(self) -> ClockTime {
        let (hour, minute) = match self {
            DoseTime::Morning => (8, 0),
            DoseTime::Midday => (12, 0),
            DoseTime::Evening => (18, 0),
            DoseTime::Bedtime => (22, 0),
            DoseTime::Clock(c) => return c,
        };
        ClockTime { hour, minute }
    }

    /// "Morning", "Bedtime", "07:30".
    pub fn label(self) -> String {
        match self {
            DoseTime::Morning => "Morning".into(),
            DoseTime::Midday => "Midday".into(),
            DoseTime::Evening => "Evening".into(),
            DoseTime::Bedtime => "Bedtime".into(),
            DoseTime::Clock(c) => c.to_string(),
        }
    }

    /// A short ASCII name for identifiers ("morning", "t0730"), stable
    /// across releases because calendar UIDs are built from it.
    pub fn slug(self) -> String {
        match self {
            DoseTime::Morning => "morning".into(),
            DoseTime::Midday => "midday".into(),
            DoseTime::Evening => "evening".into(),
            DoseTime::Bedtime => "bedtime".into(),
            DoseTime::Clock(c) => format!("t{:02}{:02}", c.hour, c.minute),
        }
    }

    /// The order doses are listed in: by clock time, and a named slot before
    /// a clock time that happens to be equal.
    fn sort_key(self) -> (ClockTime, bool) {
        (self.clock(), matches!(self, DoseTime::Clock(_)))
    }
}

/// One dose of the regimen. Its elemental amount is computed when it is
/// made and checked again when it is read, so a dose that cannot be
/// converted (a compound weight for an unknown form) never exists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DoseRepr", into = "DoseRepr")]
pub struct Dose {
    id: DoseId,
    form: SupplementForm,
    dose: DoseInput,
    servings: Positive,
    time: DoseTime,
    label: Option<String>,
    elemental_mg_per_serving: f64,
}

#[derive(Clone, Serialize, Deserialize)]
struct DoseRepr {
    #[serde(rename = "id")]
    id: DoseId,
    #[serde(rename = "form")]
    form: SupplementForm,
    #[serde(rename = "dose")]
    dose: DoseInput,
    #[serde(rename = "servings")]
    servings: Positive,
    #[serde(rename = "time")]
    time: DoseTime,
    #[serde(rename = "label", default)]
    label: Option<String>,
}

impl TryFrom<DoseRepr> for Dose {
    type Error = DoseError;
    fn try_from(r: DoseRepr) -> Result<Dose, DoseError> {
        Dose::build(r.id, r.form, r.dose, r.servings, r.time, r.label)
    }
}

impl From<Dose> for DoseRepr {
    fn from(d: Dose) -> DoseRepr {
        DoseRepr {
            id: d.id,
            form: d.form,
            dose: d.dose,
            servings: d.servings,
            time: d.time,
            label: d.label,
        }
    }
}

impl Dose {
    fn build(
        id: DoseId,
        form: SupplementForm,
        dose: DoseInput,
        servings: Positive,
        time: DoseTime,
        label: Option<String>,
    ) -> Result<Dose, DoseError> {
        let elemental_mg_per_serving = convert(form, dose)?.elemental_mg;
        // A blank label is no label, so the dose is named by its form.
        let label = label
            .map(|l| l.trim().chars().take(MAX_LABEL_CHARS).collect::<String>())
            .filter(|l| !l.is_empty());
        Ok(Dose {
            id,
            form,
            dose,
            servings,
            time,
            label,
            elemental_mg_per_serving,
        })
    }

    pub fn id(&self) -> DoseId {
        self.id
    }

    pub fn form(&self) -> SupplementForm {
        self.form
    }

    pub fn dose(&self) -> DoseInput {
        self.dose
    }

    pub fn servings(&self) -> Positive {
        self.servings
    }

    pub fn time(&self) -> DoseTime {
        self.time
    }

    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The product name, or the form when there is none.
    pub fn name(&self) -> &str {
        self.label.as_deref().unwrap_or(self.form.label())
    }

    /// Elemental magnesium of this dose (all its servings), unrounded.
    pub fn elemental_mg(&self) -> f64 {
        self.elemental_mg_per_serving * self.servings.get()
    }

    /// "2 × Night caps (200 mg)", as a reminder lists it.
    pub fn summary(&self) -> String {
        format!(
            "{} × {} ({})",
            crate::domain::day::format_quantity(self.servings.get()),
            self.name(),
            format_mg(self.elemental_mg())
        )
    }

    /// The day-log entry for this dose, as if logged by hand.
    pub fn entry(&self) -> SupplementEntry {
        SupplementEntry {
            form: self.form,
            dose: self.dose,
            servings: self.servings,
            // The amount was converted when the dose was made, and a finite
            // positive dose times a fraction below one is a valid amount.
            elemental_mg_per_serving: NonNegative::new(self.elemental_mg_per_serving)
                .unwrap_or(NonNegative::ZERO),
            label: self.label.clone(),
        }
    }
}

/// What a new or edited dose is made of, as the form collects it.
#[derive(Clone, Debug, PartialEq)]
pub struct DoseDraft {
    pub form: SupplementForm,
    pub dose: DoseInput,
    pub servings: Positive,
    pub time: DoseTime,
    pub label: Option<String>,
}

/// The saved regimen: its doses in the order of the day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RegimenRepr", into = "RegimenRepr")]
pub struct Regimen {
    id: u64,
    doses: Vec<Dose>,
    next_dose_id: u64,
}

#[derive(Clone, Serialize, Deserialize)]
struct RegimenRepr {
    /// Chosen when the regimen is first made (the page uses the time in
    /// ms); calendar UIDs are built from it, so it never changes.
    #[serde(rename = "id")]
    id: u64,
    #[serde(rename = "next_dose_id", default)]
    next_dose_id: u64,
    #[serde(rename = "doses")]
    doses: Vec<Dose>,
}

impl TryFrom<RegimenRepr> for Regimen {
    type Error = RegimenError;
    fn try_from(r: RegimenRepr) -> Result<Regimen, RegimenError> {
        let mut seen = SortedSet::new();
        if let Some(dup) = r.doses.iter().find(|d| !seen.insert(d.id)) {
            return Err(RegimenError::DuplicateDoseId(dup.id));
        }
        if r.doses.len() > MAX_DOSES {
            return Err(RegimenError::TooManyDoses);
        }
        // A stale counter must never hand out an id in use.
        let above = r.doses.iter().map(|d| d.id.0 + 1).max().unwrap_or(1);
        Ok(Regimen {
            id: r.id,
            next_dose_id: r.next_dose_id.max(above),
            doses: r.doses,
        })
    }
}

impl From<Regimen> for RegimenRepr {
    fn from(r: Regimen) -> RegimenRepr {
        RegimenRepr {
            id: r.id,
            next_dose_id: r.next_dose_id,
            doses: r.doses,
        }
    }
}

/// Why a regimen or a dose cannot be saved. `Display` gives a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegimenError {
    /// Saving a regimen without a single dose.
    NoDoses,
    /// More than [`MAX_DOSES`] doses.
    TooManyDoses,
    /// The dose cannot be converted to elemental magnesium.
    Dose(DoseError),
    /// No dose has this id (deleted meanwhile).
    NoSuchDose(DoseId),
    /// Two stored doses share an id.
    DuplicateDoseId(DoseId),
}

impl fmt::Display for RegimenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegimenError::NoDoses => {
                f.write_str("Add at least one dose before saving the regimen.")
            }
            RegimenError::TooManyDoses => {
                write!(f, "A regimen can hold at most {MAX_DOSES} doses.")
            }
            RegimenError::Dose(e) => fmt::Display::fmt(e, f),
            RegimenError::NoSuchDose(_) => f.write_str("That dose is no longer in the regimen."),
            RegimenError::DuplicateDoseId(id) => write!(f, "two doses share the id {}", id.0),
        }
    }
}

impl std::error::Error for RegimenError {}

/// The regimen's supplemental magnesium against the upper level of one
/// reference set and life stage.
#[derive(Clone, Debug, PartialEq)]
pub enum UpperLevelCheck {
    /// At or below the upper level; `share` is the fraction of it (1.0 =
    /// exactly at it), unrounded.
    Within { share: f64, sentence: String },
    /// Above the upper level: warn before saving.
    Exceeds { share: f64, sentence: String },
    /// The set established no upper level for this life stage.
    NoUpperLevel { sentence: String },
}

impl UpperLevelCheck {
    pub fn sentence(&self) -> &str {
        match self {
            UpperLevelCheck::Within { sentence, .. }
            | UpperLevelCheck::Exceeds { sentence, .. }
            | UpperLevelCheck::NoUpperLevel { sentence } => sentence,
        }
    }

    pub fn exceeds(&self) -> bool {
        matches!(self, UpperLevelCheck::Exceeds { .. })
    }
}

/// One dose "Log my regimen" adds, and the item it adds.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedDose {
    pub dose: DoseId,
    pub item: Item,
}

impl Regimen {
    /// An empty regimen to start editing; it cannot be saved until it has a
    /// dose ([`Regimen::validate`]).
    pub fn new(id: u64) -> Regimen {
        Regimen {
            id,
            doses: Vec::new(),
            next_dose_id: 1,
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    /// The doses in the order of the day (by clock time, then as added).
    pub fn doses(&self) -> &[Dose] {
        &self.doses
    }

    pub fn dose(&self, id: DoseId) -> Option<&Dose> {
        self.doses.iter().find(|d| d.id == id)
    }

    /// Adds a dose and returns its new id.
    pub fn add(&mut self, draft: DoseDraft) -> Result<DoseId, RegimenError> {
        if self.doses.len() >= MAX_DOSES {
            return Err(RegimenError::TooManyDoses);
        }
        let id = DoseId(self.next_dose_id);
        let dose = Dose::build(
            id,
            draft.form,
            draft.dose,
            draft.servings,
            draft.time,
            draft.label,
        )
        .map_err(RegimenError::Dose)?;
        self.next_dose_id += 1;
        self.doses.push(dose);
        self.order_doses();
        Ok(id)
    }

    /// Changes a dose, keeping its id so days that already logged it still
    /// know it was taken.
    pub fn edit(&mut self, id: DoseId, draft: DoseDraft) -> Result<(), RegimenError> {
        let slot = self
            .doses
            .iter_mut()
            .find(|d| d.id == id)
            .ok_or(RegimenError::NoSuchDose(id))?;
        *slot = Dose::build(
            id,
            draft.form,
            draft.dose,
            draft.servings,
            draft.time,
            draft.label,
        )
        .map_err(RegimenError::Dose)?;
        self.order_doses();
        Ok(())
    }

    /// Removes a dose; its id is not handed out again.
    pub fn remove(&mut self, id: DoseId) -> Option<Dose> {
        let index = self.doses.iter().position(|d| d.id == id)?;
        Some(self.doses.remove(index))
    }

    fn order_doses(&mut self) {
        // A stable sort keeps doses at the same time in the order added.
        crate::domain::sorting::sort_by_key(&mut self.doses, |d| d.time.sort_key());
    }

    /// Whether the regimen can be saved.
    pub fn validate(&self) -> Result<(), RegimenError> {
        if self.doses.is_empty() {
            return Err(RegimenError::NoDoses);
        }
        Ok(())
    }

    /// The elemental magnesium of one day of the regimen, unrounded.
    pub fn daily_elemental_mg(&self) -> f64 {
        self.doses.iter().map(Dose::elemental_mg).sum()
    }

    /// The daily amount as a fraction of the reference's upper level;
    /// `None` where the set has none for this life stage.
    pub fn upper_level_share(&self, reference: &Reference) -> Option<f64> {
        reference
            .upper_limit_mg
            .filter(|&ul| ul > 0)
            .map(|ul| self.daily_elemental_mg() / f64::from(ul))
    }

    /// The daily amount against the upper level, with the sentence the
    /// editor shows. The comparison uses the amount as shown, as the day
    /// summary does, so "350 mg" is never called more than a 350 mg level.
    pub fn upper_level_check(&self, reference: &Reference) -> UpperLevelCheck {
        let daily = self.daily_elemental_mg();
        let set = reference.set.name();
        let Some(ul) = reference.upper_limit_mg else {
            return UpperLevelCheck::NoUpperLevel {
                sentence: format!(
                    "This regimen gives {} of magnesium a day. {set} sets no upper level \
                     for supplements for {}.",
                    format_mg(daily),
                    reference.life_stage
                ),
            };
        };
        let share = daily / f64::from(ul.max(1));
        let percent = (share * 100.0).round();
        if mg::shown(daily) > f64::from(ul) {
            UpperLevelCheck::Exceeds {
                share,
                sentence: format!(
                    "This regimen gives {} of magnesium a day, {percent:.0} % of the {ul} mg \
                     upper level for supplements ({set}, {}). Above it, diarrhoea and \
                     other side effects become more likely; check with a doctor before \
                     saving it.",
                    format_mg(daily),
                    reference.life_stage
                ),
            }
        } else {
            UpperLevelCheck::Within {
                share,
                sentence: format!(
                    "This regimen gives {} of magnesium a day, {percent:.0} % of the {ul} mg \
                     upper level for supplements ({set}, {}).",
                    format_mg(daily),
                    reference.life_stage
                ),
            }
        }
    }

    /// The warning to show before saving, or `None` when the regimen stays
    /// within the upper level or the set has none.
    pub fn exceeds(&self, reference: &Reference) -> Option<String> {
        match self.upper_level_check(reference) {
            UpperLevelCheck::Exceeds { sentence, .. } => Some(sentence),
            _ => None,
        }
    }

    /// The doses "Log my regimen" adds to `day`: every dose neither taken
    /// (and still logged) nor skipped that day, in the order of the day.
    pub fn log_plan(&self, day: &DayLog) -> Vec<PlannedDose> {
        self.doses
            .iter()
            .filter(|d| day.dose_status(d.id).is_none())
            .map(|d| PlannedDose {
                dose: d.id,
                item: Item::Supplement(d.entry()),
            })
            .collect()
    }

    /// "Log my regimen": adds the planned doses and returns the new entries'
    /// ids (empty when everything was already logged or skipped).
    pub fn log(&self, day: &mut DayLog) -> Vec<EntryId> {
        self.log_plan(day)
            .into_iter()
            .map(|p| day.add_dose(p.dose, p.item))
            .collect()
    }

    /// Logs one dose as taken (a dose already taken is not added again).
    pub fn take(&self, dose: DoseId, day: &mut DayLog) -> Result<EntryId, RegimenError> {
        let d = self.dose(dose).ok_or(RegimenError::NoSuchDose(dose))?;
        Ok(day.add_dose(dose, Item::Supplement(d.entry())))
    }

    /// Each dose with its state on `day`, for the checklist.
    pub fn status_on<'a>(&'a self, day: &DayLog) -> Vec<(&'a Dose, Option<DoseStatus>)> {
        self.doses
            .iter()
            .map(|d| (d, day.dose_status(d.id)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::dri::{self, Age, Profile, ReferenceSet, Sex, Status};

    fn pos(v: f64) -> Positive {
        Positive::new(v).unwrap()
    }

    fn draft(form: SupplementForm, dose: DoseInput, servings: f64, time: DoseTime) -> DoseDraft {
        DoseDraft {
            form,
            dose,
            servings: pos(servings),
            time,
            label: None,
        }
    }

    fn elemental(mg: f64, time: DoseTime) -> DoseDraft {
        draft(
            SupplementForm::Glycinate,
            DoseInput::ElementalMg(pos(mg)),
            1.0,
            time,
        )
    }

    fn regimen(doses: &[DoseDraft]) -> Regimen {
        let mut r = Regimen::new(42);
        for d in doses {
            r.add(d.clone()).unwrap();
        }
        r
    }

    fn adult(set: ReferenceSet) -> Reference {
        let p = Profile::new(Age::from_years(40).unwrap(), Sex::Female, Status::None).unwrap();
        dri::reference(p, set)
    }

    fn toddler(set: ReferenceSet) -> Reference {
        let p = Profile::new(Age::from_years(2).unwrap(), Sex::Male, Status::None).unwrap();
        dri::reference(p, set)
    }

    fn day() -> DayLog {
        DayLog::new(Date::parse("2026-03-01").unwrap())
    }

    #[test]
    fn named_slots_have_fixed_clock_times_and_clock_times_are_checked() {
        // (time, clock shown, slug)
        let cases = [
            (DoseTime::Morning, "08:00", "morning"),
            (DoseTime::Midday, "12:00", "midday"),
            (DoseTime::Evening, "18:00", "evening"),
            (DoseTime::Bedtime, "22:00", "bedtime"),
            (
                DoseTime::Clock(ClockTime::new(7, 5).unwrap()),
                "07:05",
                "t0705",
            ),
        ];
        for (time, clock, slug) in cases {
            assert_eq!(time.clock().to_string(), clock);
            assert_eq!(time.slug(), slug);
        }
        for (h, m, ok) in [
            (0, 0, true),
            (23, 59, true),
            (24, 0, false),
            (12, 60, false),
        ] {
            assert_eq!(ClockTime::new(h, m).is_some(), ok, "{h}:{m}");
        }
        let bad = r#"{"clock":{"hour":25,"minute":0}}"#;
        assert!(serde_json::from_str::<DoseTime>(bad).is_err());
    }

    #[test]
    fn daily_totals_convert_each_dose_and_multiply_servings() {
        let citrate = convert(SupplementForm::Citrate, DoseInput::CompoundMg(pos(500.0)))
            .unwrap()
            .elemental_mg;
        // (doses, expected daily mg)
        let cases = [
            (vec![elemental(100.0, DoseTime::Morning)], 100.0),
            (
                vec![
                    draft(
                        SupplementForm::Glycinate,
                        DoseInput::ElementalMg(pos(100.0)),
                        2.0,
                        DoseTime::Bedtime,
                    ),
                    draft(
                        SupplementForm::Citrate,
                        DoseInput::CompoundMg(pos(500.0)),
                        1.0,
                        DoseTime::Morning,
                    ),
                ],
                200.0 + citrate,
            ),
        ];
        for (doses, expected) in cases {
            let r = regimen(&doses);
            assert!((r.daily_elemental_mg() - expected).abs() < 1e-9);
        }
    }

    #[test]
    fn the_upper_level_check_follows_the_reference_set_and_life_stage() {
        // An adult woman: IOM sets 350 mg, EFSA 250 mg.
        // (daily mg, reference, exceeds, share, words the sentence has)
        let cases = [
            (
                300.0,
                adult(ReferenceSet::Iom1997),
                Some(false),
                Some(300.0 / 350.0),
                "86 % of the 350 mg",
            ),
            (
                300.0,
                adult(ReferenceSet::Efsa2015),
                Some(true),
                Some(300.0 / 250.0),
                "120 % of the 250 mg",
            ),
            (
                250.0,
                adult(ReferenceSet::Efsa2015),
                Some(false),
                Some(1.0),
                "100 % of the 250 mg",
            ),
            // 250.4 mg shows as "250 mg", so it is not called more than 250.
            (
                250.4,
                adult(ReferenceSet::Efsa2015),
                Some(false),
                Some(250.4 / 250.0),
                "250 mg of magnesium",
            ),
            (
                250.6,
                adult(ReferenceSet::Efsa2015),
                Some(true),
                Some(250.6 / 250.0),
                "251 mg of magnesium",
            ),
            // EFSA sets no upper level under 4 years; IOM does (65 mg at 1–3).
            (
                100.0,
                toddler(ReferenceSet::Efsa2015),
                None,
                None,
                "sets no upper level",
            ),
            (
                100.0,
                toddler(ReferenceSet::Iom1997),
                Some(true),
                Some(100.0 / 65.0),
                "65 mg upper level",
            ),
        ];
        for (mg, reference, exceeds, share, words) in cases {
            let r = regimen(&[elemental(mg, DoseTime::Morning)]);
            let check = r.upper_level_check(&reference);
            let label = format!("{mg} mg, {}", reference.set.name());
            match exceeds {
                None => assert!(
                    matches!(check, UpperLevelCheck::NoUpperLevel { .. }),
                    "{label}: {check:?}"
                ),
                Some(e) => assert_eq!(check.exceeds(), e, "{label}: {check:?}"),
            }
            assert!(
                check.sentence().contains(words),
                "{label}: {}",
                check.sentence()
            );
            assert!(check.sentence().contains(reference.set.name()), "{label}");
            assert_eq!(
                r.exceeds(&reference).is_some(),
                exceeds == Some(true),
                "{label}"
            );
            match (r.upper_level_share(&reference), share) {
                (Some(got), Some(want)) => assert!((got - want).abs() < 1e-9, "{label}"),
                (got, want) => assert_eq!(got, want, "{label}"),
            }
        }
    }

    #[test]
    fn bad_regimens_get_sentences() {
        assert_eq!(Regimen::new(1).validate(), Err(RegimenError::NoDoses));
        assert_eq!(
            RegimenError::NoDoses.to_string(),
            "Add at least one dose before saving the regimen."
        );
        let mut r = Regimen::new(1);
        let other = draft(
            SupplementForm::Other,
            DoseInput::CompoundMg(pos(500.0)),
            1.0,
            DoseTime::Morning,
        );
        let err = r.add(other).unwrap_err();
        assert_eq!(err, RegimenError::Dose(DoseError::CompoundNeedsKnownForm));
        assert!(
            err.to_string()
                .contains("elemental magnesium from the label")
        );
        assert!(r.doses().is_empty(), "a failed add changes nothing");
        assert_eq!(
            r.edit(DoseId(9), elemental(1.0, DoseTime::Morning)),
            Err(RegimenError::NoSuchDose(DoseId(9)))
        );
        // Stored doses that cannot be converted or share an id do not decode.
        let bad = [
            r#"{"id":1,"next_dose_id":2,"doses":[{"id":1,"form":"other","dose":{"compound_mg":5.0},"servings":1.0,"time":"morning","label":null}]}"#,
            r#"{"id":1,"next_dose_id":3,"doses":[{"id":1,"form":"citrate","dose":{"elemental_mg":5.0},"servings":1.0,"time":"morning","label":null},{"id":1,"form":"citrate","dose":{"elemental_mg":5.0},"servings":1.0,"time":"evening","label":null}]}"#,
            r#"{"id":1,"next_dose_id":2,"doses":[{"id":1,"form":"citrate","dose":{"elemental_mg":5.0},"servings":0.0,"time":"morning","label":null}]}"#,
        ];
        for raw in bad {
            assert!(serde_json::from_str::<Regimen>(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn doses_are_kept_in_the_order_of_the_day_and_ids_are_never_reused() {
        let mut r = regimen(&[
            elemental(1.0, DoseTime::Bedtime),
            elemental(2.0, DoseTime::Clock(ClockTime::new(7, 0).unwrap())),
            elemental(3.0, DoseTime::Morning),
            elemental(4.0, DoseTime::Clock(ClockTime::new(8, 0).unwrap())),
        ]);
        let order: Vec<f64> = r.doses().iter().map(Dose::elemental_mg).collect();
        assert_eq!(order, [2.0, 3.0, 4.0, 1.0]);
        let last = r.doses()[3].id();
        r.remove(last).unwrap();
        let new = r.add(elemental(5.0, DoseTime::Midday)).unwrap();
        assert_ne!(new, last);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Regimen>(&json).unwrap(), r);
    }

    #[test]
    fn logging_the_regimen_never_logs_a_dose_twice() {
        let r = regimen(&[
            elemental(100.0, DoseTime::Morning),
            elemental(50.0, DoseTime::Midday),
            elemental(200.0, DoseTime::Bedtime),
        ]);
        let [morning, midday, bedtime] = [0, 1, 2].map(|i| r.doses()[i].id());
        let mut log = day();
        // The morning dose is logged on its own first, the midday one skipped.
        let first = r.take(morning, &mut log).unwrap();
        assert_eq!(r.take(morning, &mut log).unwrap(), first, "taken once");
        log.skip_dose(midday);
        let plan: Vec<DoseId> = r.log_plan(&log).iter().map(|p| p.dose).collect();
        assert_eq!(plan, [bedtime]);
        assert_eq!(r.log(&mut log).len(), 1);
        assert!(r.log(&mut log).is_empty(), "a second tap adds nothing");
        assert_eq!(log.entries().len(), 2);
        assert!((log.totals().supplement_mg - 300.0).abs() < 1e-9);

        // Deleting a logged dose makes it loggable again; undoing the delete
        // makes it taken again.
        let removed = log.delete(first).unwrap();
        assert_eq!(log.dose_status(morning), None);
        assert_eq!(r.log_plan(&log).len(), 1);
        log.undo(removed).unwrap();
        assert_eq!(log.dose_status(morning), Some(DoseStatus::Taken(first)));
        assert!(r.log_plan(&log).is_empty());

        // Skipping a taken dose removes its entry; clearing the skip lets
        // "Log my regimen" add it again.
        assert!(log.skip_dose(morning).is_some());
        assert_eq!(log.dose_status(morning), Some(DoseStatus::Skipped));
        log.clear_dose(morning);
        log.clear_dose(midday);
        assert_eq!(r.log(&mut log).len(), 2);
        let states: Vec<bool> = r
            .status_on(&log)
            .iter()
            .map(|(_, s)| matches!(s, Some(DoseStatus::Taken(_))))
            .collect();
        assert_eq!(states, [true, true, true]);
    }

    #[test]
    fn dose_marks_round_trip_and_old_logs_encode_as_before() {
        let r = regimen(&[
            elemental(100.0, DoseTime::Morning),
            elemental(5.0, DoseTime::Evening),
        ]);
        let mut log = day();
        let empty = serde_json::to_string(&log).unwrap();
        assert_eq!(empty, r#"{"date":"2026-03-01","next_id":1,"entries":[]}"#);
        r.log(&mut log);
        log.skip_dose(r.doses()[1].id());
        let json = serde_json::to_string(&log).unwrap();
        assert!(
            json.ends_with(r#""doses":{"1":{"taken":1},"2":"skipped"}}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<DayLog>(&json).unwrap(), log);
        for l in [day(), log] {
            let bytes = postcard::to_allocvec(&l).unwrap();
            assert_eq!(postcard::from_bytes::<DayLog>(&bytes).unwrap(), l);
        }
    }
}
