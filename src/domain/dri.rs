//! Daily magnesium reference values: who the person is (a validated
//! [`Profile`]) and what the chosen reference set says for them
//! ([`reference`]).
//!
//! Two sets are offered because they disagree noticeably and people in
//! different countries are told different numbers:
//!
//! * IOM 1997, the US/Canadian Dietary Reference Intakes as tabulated in the
//!   NIH Office of Dietary Supplements magnesium fact sheet: an RDA from one
//!   year (an AI for infants) and an upper level for supplements and
//!   medicines only.
//! * EFSA 2015, the European adequate intakes, with the 250 mg/day upper level
//!   for supplemental magnesium set by the Scientific Committee on Food (2001)
//!   and adopted by EFSA.
//!
//! Edge cases, decided here so the interface never has to:
//!
//! * Ages are whole years from one year on and whole months below it; an age
//!   given in months of a year or more is rounded down to whole years, since
//!   every band from one year on is defined in whole years.
//! * Months are completed months, the way a parent says "six months old". A
//!   baby who has turned six months is in the seventh month of life, so from
//!   [`SECOND_HALF_YEAR_MONTHS`] on the second half-year band applies (IOM
//!   7–12 months, EFSA 7–11 months), and a note says why the label and the
//!   typed age seem to disagree.
//! * Pregnancy and breastfeeding are accepted only for females aged 10 or
//!   over (the start of EFSA's 10–<18 band, inside IOM's 9–13 band).
//!   [`Profile::new`] rejects them for males and younger children rather than
//!   silently ignoring them, so a stored profile can never claim a status
//!   that has no effect.
//! * IOM lists pregnancy and lactation values for 14–18, 19–30 and 31–50
//!   only: a pregnant or breastfeeding girl under 14 gets the 14–18 row and a
//!   woman over 50 the 31–50 row, each with a note saying so.
//! * EFSA sets no increase for pregnancy or lactation: its value for both is
//!   the 300 mg of adult women. A pregnant or breastfeeding girl under 18
//!   therefore gets 300 mg rather than the 250 mg of her age band, with a note
//!   saying so; from 18 on that is simply the value for her age and sex.
//! * EFSA set no value at all for infants under seven months (its adequate
//!   intake starts at 7–11 months); the target is `None` with a note, never
//!   an invented number.
//! * Until the person saves a profile, [`Profile::default_adult`] stands in,
//!   and every sentence about that default or about an upper level is built
//!   here for the chosen set ([`default_adult_sentence`],
//!   [`Reference::upper_level_text`]), so no page can name the IOM numbers
//!   while the EFSA set is in force.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The oldest age accepted, in years; anything above is a typing mistake.
pub const MAX_AGE_YEARS: u16 = 130;

/// The youngest age, in years, at which pregnancy or breastfeeding may be
/// recorded.
pub const MIN_STATUS_AGE_YEARS: u16 = 10;

/// The first completed month of the second half-year band; see the module
/// notes for why a baby who has turned six months belongs there.
pub const SECOND_HALF_YEAR_MONTHS: u16 = 6;

/// Which published reference values to use; a user setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReferenceSet {
    /// US/Canadian Dietary Reference Intakes (Institute of Medicine, 1997).
    #[serde(rename = "iom_1997")]
    Iom1997,
    /// European Dietary Reference Values (EFSA, 2015).
    #[serde(rename = "efsa_2015")]
    Efsa2015,
}

impl ReferenceSet {
    /// Every set, in the order a settings page should list them.
    pub const ALL: [ReferenceSet; 2] = [ReferenceSet::Iom1997, ReferenceSet::Efsa2015];

    /// A short name for menus, e.g. "IOM 1997 (US/Canada)".
    pub fn name(self) -> &'static str {
        match self {
            ReferenceSet::Iom1997 => "IOM 1997 (US/Canada)",
            ReferenceSet::Efsa2015 => "EFSA 2015 (EU)",
        }
    }

    /// The full citation shown under every target.
    pub fn citation(self) -> &'static str {
        match self {
            ReferenceSet::Iom1997 => IOM_CITATION,
            ReferenceSet::Efsa2015 => EFSA_CITATION,
        }
    }

    /// What this set's upper level counts, as a phrase to put in brackets
    /// after a number. The two sets draw the line differently: IOM counts
    /// supplements and medicines only, EFSA also magnesium added to water and
    /// fortified foods. The app adds to the upper-level total only what is
    /// logged as a supplement, so the EFSA phrase says how to log those.
    pub fn upper_level_scope(self) -> &'static str {
        match self {
            ReferenceSet::Iom1997 => "supplements and medicines only; food and water never count",
            ReferenceSet::Efsa2015 => {
                "supplements, and magnesium added to water or fortified foods when you mark \
                 them as a supplement; magnesium naturally in food never counts"
            }
        }
    }
}

/// Biological sex, which selects the row of the reference tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// Pregnancy or breastfeeding; only meaningful for females (see
/// [`Profile::new`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Neither pregnant nor breastfeeding.
    None,
    Pregnant,
    Breastfeeding,
}

/// An age as the reference tables use it: whole months below one year, whole
/// years from then on.
///
/// Invariant: `months < 12`, or `months` is a whole number of years between
/// 1 and [`MAX_AGE_YEARS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "AgeRepr", into = "AgeRepr")]
pub struct Age {
    months: u16,
}

impl Age {
    /// An age in whole years; zero is rejected because infants need months
    /// (the first year spans two bands).
    pub fn from_years(years: u16) -> Result<Age, ProfileError> {
        match years {
            0 => Err(ProfileError::InfantNeedsMonths),
            y if y > MAX_AGE_YEARS => Err(ProfileError::AgeTooHigh),
            y => Ok(Age { months: y * 12 }),
        }
    }

    /// An age in whole months. Twelve months or more is rounded down to whole
    /// years, so `from_months(12)` is one year and `from_months(30)` two.
    pub fn from_months(months: u16) -> Result<Age, ProfileError> {
        if months < 12 {
            Ok(Age { months })
        } else {
            Age::from_years(months / 12)
        }
    }

    /// Whole years (0 for infants).
    pub fn years(self) -> u16 {
        self.months / 12
    }

    /// Age in months (a multiple of 12 from one year on).
    pub fn months(self) -> u16 {
        self.months
    }

    /// `Some(months)` for infants under one year.
    pub fn infant_months(self) -> Option<u16> {
        (self.months < 12).then_some(self.months)
    }
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.infant_months(), self.years()) {
            (Some(1), _) => write!(f, "1 month"),
            (Some(m), _) => write!(f, "{m} months"),
            (None, 1) => write!(f, "1 year"),
            (None, y) => write!(f, "{y} years"),
        }
    }
}

/// The person the targets are for. Fields are private so every profile, even
/// one read back from storage, has passed [`Profile::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ProfileRepr", into = "ProfileRepr")]
pub struct Profile {
    age: Age,
    sex: Sex,
    status: Status,
}

impl Profile {
    /// The profile the targets use until the person saves one: a man aged
    /// 31. In the IOM set his row equals the US Daily Value; in the EFSA set
    /// he gets the adult men's value. What he gets is always stated through
    /// [`default_adult_sentence`], never as a fixed number.
    pub fn default_adult() -> Profile {
        Profile {
            age: Age {
                months: DEFAULT_ADULT_YEARS * 12,
            },
            sex: Sex::Male,
            status: Status::None,
        }
    }

    /// Validates the combination: pregnancy and breastfeeding need a female
    /// aged at least [`MIN_STATUS_AGE_YEARS`].
    pub fn new(age: Age, sex: Sex, status: Status) -> Result<Profile, ProfileError> {
        if status != Status::None {
            if sex != Sex::Female {
                return Err(ProfileError::StatusNeedsFemale);
            }
            if age.years() < MIN_STATUS_AGE_YEARS {
                return Err(ProfileError::StatusTooYoung);
            }
        }
        Ok(Profile { age, sex, status })
    }

    /// Whether a form should offer the pregnancy/breastfeeding choice for
    /// this age and sex.
    pub fn status_allowed(age: Age, sex: Sex) -> bool {
        sex == Sex::Female && age.years() >= MIN_STATUS_AGE_YEARS
    }

    pub fn age(self) -> Age {
        self.age
    }

    pub fn sex(self) -> Sex {
        self.sex
    }

    pub fn status(self) -> Status {
        self.status
    }
}

/// The age of [`Profile::default_adult`], in years.
const DEFAULT_ADULT_YEARS: u16 = 31;

/// The sentence that tells a person without a profile which target the app
/// uses for them in `set`, e.g. "Until you save a profile, targets use a
/// default adult, a man aged 31: 350 mg a day (AI) in EFSA 2015 (EU)."
pub fn default_adult_sentence(set: ReferenceSet) -> String {
    let r = reference(Profile::default_adult(), set);
    format!(
        "Until you save a profile, targets use a default adult, a man aged \
         {DEFAULT_ADULT_YEARS}: {} in {}.",
        r.target_text_short(),
        set.name()
    )
}

/// Why an age or profile was rejected; `Display` is a sentence for the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileError {
    /// An age of zero years: the first year has two bands, so months are needed.
    InfantNeedsMonths,
    /// More than [`MAX_AGE_YEARS`].
    AgeTooHigh,
    /// Pregnancy or breastfeeding given for a male.
    StatusNeedsFemale,
    /// Pregnancy or breastfeeding given below [`MIN_STATUS_AGE_YEARS`].
    StatusTooYoung,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::InfantNeedsMonths => {
                write!(f, "For a baby under one year, give the age in months.")
            }
            ProfileError::AgeTooHigh => write!(f, "Age must be at most {MAX_AGE_YEARS} years."),
            ProfileError::StatusNeedsFemale => {
                write!(f, "Pregnancy and breastfeeding apply only to females.")
            }
            ProfileError::StatusTooYoung => write!(
                f,
                "Pregnancy and breastfeeding can be recorded from age {MIN_STATUS_AGE_YEARS}."
            ),
        }
    }
}

impl std::error::Error for ProfileError {}

/// Whether the target is a Recommended Dietary Allowance (enough for nearly
/// all healthy people) or an Adequate Intake (set where evidence was too thin
/// for an RDA).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetKind {
    Rda,
    Ai,
}

impl TargetKind {
    /// "RDA" or "AI".
    pub fn abbreviation(self) -> &'static str {
        match self {
            TargetKind::Rda => "RDA",
            TargetKind::Ai => "AI",
        }
    }

    /// "Recommended Dietary Allowance" or "Adequate Intake".
    pub fn name(self) -> &'static str {
        match self {
            TargetKind::Rda => "Recommended Dietary Allowance",
            TargetKind::Ai => "Adequate Intake",
        }
    }
}

/// A daily target in whole milligrams, as published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub mg: u32,
    pub kind: TargetKind,
}

/// What a reference set says for one profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub set: ReferenceSet,
    /// `None` only where the set publishes no value (EFSA, 0–6 months); the
    /// notes then explain why.
    pub target: Option<Target>,
    /// The upper level for supplemental magnesium, mg/day; `None` where the
    /// set established none. What counts toward it differs between the sets
    /// (see [`ReferenceSet::upper_level_scope`]).
    pub upper_limit_mg: Option<u32>,
    /// The row used, e.g. "Women 31–50, pregnant".
    pub life_stage: &'static str,
    pub citation: &'static str,
    /// Short sentences the page shows under the numbers: what the upper
    /// level covers, why a value is missing, or which row stood in.
    pub notes: Vec<&'static str>,
}

impl Reference {
    /// The daily target in mg: the one place that turns a reference into the
    /// number pages, charts, the report and the CSV compare intakes with.
    /// `None` where the set publishes no value.
    pub fn target_mg(&self) -> Option<u32> {
        self.target.map(|t| t.mg)
    }

    /// The target with its kind spelled out, e.g. "350 mg a day (Adequate
    /// Intake)", or "no value published" where the set has none.
    pub fn target_text(&self) -> String {
        self.target.map_or_else(
            || "no value published".to_string(),
            |t| format!("{} mg a day ({})", t.mg, t.kind.name()),
        )
    }

    /// The target with its kind abbreviated, e.g. "350 mg a day (AI)".
    pub fn target_text_short(&self) -> String {
        self.target.map_or_else(
            || "no value published".to_string(),
            |t| format!("{} mg a day ({})", t.mg, t.kind.abbreviation()),
        )
    }

    /// The upper level, e.g. "250 mg a day", or "none set for this age"
    /// where the set has none. What it counts is said by the notes beside it
    /// or, where no notes are shown, by [`ReferenceSet::upper_level_scope`].
    pub fn upper_level_text(&self) -> String {
        self.upper_limit_mg.map_or_else(
            || "none set for this age".to_string(),
            |ul| format!("{ul} mg a day"),
        )
    }
}

/// Looks up the target and upper level for `profile` in `set`.
pub fn reference(profile: Profile, set: ReferenceSet) -> Reference {
    match set {
        ReferenceSet::Iom1997 => iom_1997(profile),
        ReferenceSet::Efsa2015 => efsa_2015(profile),
    }
}

/// Citation of the IOM set.
/// An age band of a reference set as it publishes its tables, in months:
/// below a year every month, from then on whole years (a multiple of 12),
/// which is how [`Age`] counts. A band is split where the upper level
/// changes inside it, so every age in a band gets one target and one upper
/// level.
#[derive(Debug)]
pub struct AgeBand {
    /// The band as a table shows it, e.g. "19–30 years".
    pub ages: &'static str,
    pub first_month: u16,
    pub last_month: u16,
    /// Whether the set publishes pregnancy and breastfeeding values here.
    pub statuses: bool,
}

/// The age bands of `set`, youngest first, covering every age once.
pub fn age_bands(set: ReferenceSet) -> &'static [AgeBand] {
    match set {
        ReferenceSet::Iom1997 => IOM_BANDS,
        ReferenceSet::Efsa2015 => EFSA_BANDS,
    }
}

pub const IOM_CITATION: &str = "Institute of Medicine (1997). Dietary Reference Intakes for \
Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride. Washington, DC: National Academy \
Press. Values as tabulated in the NIH Office of Dietary Supplements Magnesium Fact Sheet for \
Health Professionals.";

/// Citation of the EFSA set, including the source of its upper level.
pub const EFSA_CITATION: &str = "EFSA Panel on Dietetic Products, Nutrition and Allergies \
(2015). Scientific Opinion on Dietary Reference Values for magnesium. EFSA Journal \
13(7):4186, doi:10.2903/j.efsa.2015.4186. Upper level: Scientific Committee on Food (2001), \
Opinion on the Tolerable Upper Intake Level of Magnesium.";

/// IOM: what its upper level covers.
pub const NOTE_IOM_UL_SCOPE: &str = "The upper level counts magnesium from supplements and \
medicines only, not magnesium in food and water.";
/// IOM: infants have no upper level.
pub const NOTE_IOM_INFANT: &str = "No upper level was set for infants: breast milk, formula \
and food should be their only sources of magnesium.";
/// IOM: pregnancy or lactation under 14 uses the 14–18 row.
pub const NOTE_IOM_STATUS_UNDER_14: &str = "IOM lists no pregnancy or breastfeeding value \
under 14 years, so the value for ages 14–18 is shown.";
/// IOM: pregnancy or lactation over 50 uses the 31–50 row.
pub const NOTE_IOM_STATUS_OVER_50: &str = "IOM lists pregnancy and breastfeeding values only \
up to 50 years, so the value for ages 31–50 is shown.";
/// Both sets: a baby who has turned six months is counted in the 7-month row.
pub const NOTE_SEVENTH_MONTH: &str = "A baby who has turned 6 months is in the seventh month \
of life, so the value for the second half of the first year applies.";
/// EFSA: no value for young infants.
pub const NOTE_EFSA_NO_INFANT_VALUE: &str = "EFSA (2015) set no magnesium value for infants \
under 7 months; its adequate intake starts at 7–11 months. The IOM 1997 set, available in \
Settings, gives an adequate intake for this age.";
/// EFSA: what its upper level covers.
pub const NOTE_EFSA_UL_SCOPE: &str = "The upper level of 250 mg counts magnesium from \
supplements and magnesium added to water and fortified foods (readily dissociable salts and \
compounds such as magnesium oxide), not magnesium naturally present in food. To count such a \
water or food toward it, log it as a supplement.";
/// EFSA: no upper level under four years.
pub const NOTE_EFSA_NO_UL_UNDER_4: &str = "EFSA set no upper level for children under 4 years.";
/// EFSA: no increase in pregnancy or lactation.
pub const NOTE_EFSA_NO_STATUS_INCREASE: &str = "EFSA found no evidence of a higher need during \
pregnancy or breastfeeding, so the usual value for age and sex applies.";
/// EFSA: pregnancy or lactation under 18 uses the adult women's value.
pub const NOTE_EFSA_STATUS_UNDER_18: &str = "EFSA gives one value for pregnancy and \
breastfeeding, the 300 mg of adult women, so it is shown instead of the 250 mg for girls aged \
10–17.";

const fn years(y: u16) -> u16 {
    y * 12
}

const fn band(ages: &'static str, first_month: u16, last_month: u16, statuses: bool) -> AgeBand {
    AgeBand {
        ages,
        first_month,
        last_month,
        statuses,
    }
}

/// The last completed month of the first half-year band in both sets; the
/// split is [`SECOND_HALF_YEAR_MONTHS`], so the tables and the calculator
/// cannot disagree about a six-month-old.
const FIRST_HALF_YEAR_LAST_MONTH: u16 = SECOND_HALF_YEAR_MONTHS - 1;

/// The bands of the IOM tables. Pregnancy and breastfeeding are published for
/// 14–50 only; younger or older mothers get a neighbouring row, which
/// the notes of [`reference`] explain.
const IOM_BANDS: &[AgeBand] = &[
    band("0–6 months", 0, FIRST_HALF_YEAR_LAST_MONTH, false),
    band("7–12 months", SECOND_HALF_YEAR_MONTHS, 11, false),
    band("1–3 years", years(1), years(3), false),
    band("4–8 years", years(4), years(8), false),
    band("9–13 years", years(9), years(13), false),
    band("14–18 years", years(14), years(18), true),
    band("19–30 years", years(19), years(30), true),
    band("31–50 years", years(31), years(50), true),
    band("51 years and over", years(51), years(MAX_AGE_YEARS), false),
];

/// The bands of the EFSA tables, with 3–9 years split at four because the
/// upper level starts there.
const EFSA_BANDS: &[AgeBand] = &[
    band("0–6 months", 0, FIRST_HALF_YEAR_LAST_MONTH, false),
    band("7–11 months", SECOND_HALF_YEAR_MONTHS, 11, false),
    band("1–2 years", years(1), years(2), false),
    band("3 years", years(3), years(3), false),
    band("4–9 years", years(4), years(9), false),
    band("10–17 years", years(10), years(17), true),
    band("18 years and over", years(18), years(MAX_AGE_YEARS), true),
];

fn iom_1997(p: Profile) -> Reference {
    let years = p.age.years();
    let female = p.sex == Sex::Female;
    let mut notes = Vec::new();
    let (life_stage, mg, kind, ul) = if let Some(months) = p.age.infant_months() {
        notes.push(NOTE_IOM_INFANT);
        if months == SECOND_HALF_YEAR_MONTHS {
            notes.push(NOTE_SEVENTH_MONTH);
        }
        if months < SECOND_HALF_YEAR_MONTHS {
            ("Infants 0–6 months", 30, TargetKind::Ai, None)
        } else {
            ("Infants 7–12 months", 75, TargetKind::Ai, None)
        }
    } else if p.status != Status::None {
        // Profile::new guarantees a female aged at least 10 here.
        if years < 14 {
            notes.push(NOTE_IOM_STATUS_UNDER_14);
        } else if years > 50 {
            notes.push(NOTE_IOM_STATUS_OVER_50);
        }
        let band = if years <= 18 {
            0
        } else if years <= 30 {
            1
        } else {
            2
        };
        let (label, mg) = match (p.status, band) {
            (Status::Pregnant, 0) => ("Girls 14–18, pregnant", 400),
            (Status::Pregnant, 1) => ("Women 19–30, pregnant", 350),
            (Status::Pregnant, _) => ("Women 31–50, pregnant", 360),
            (_, 0) => ("Girls 14–18, breastfeeding", 360),
            (_, 1) => ("Women 19–30, breastfeeding", 310),
            (_, _) => ("Women 31–50, breastfeeding", 320),
        };
        (label, mg, TargetKind::Rda, Some(350))
    } else {
        let (label, mg, ul) = match years {
            1..=3 => ("Children 1–3", 80, 65),
            4..=8 => ("Children 4–8", 130, 110),
            9..=13 if female => ("Girls 9–13", 240, 350),
            9..=13 => ("Boys 9–13", 240, 350),
            14..=18 if female => ("Girls 14–18", 360, 350),
            14..=18 => ("Boys 14–18", 410, 350),
            19..=30 if female => ("Women 19–30", 310, 350),
            19..=30 => ("Men 19–30", 400, 350),
            31..=50 if female => ("Women 31–50", 320, 350),
            31..=50 => ("Men 31–50", 420, 350),
            _ if female => ("Women 51+", 320, 350),
            _ => ("Men 51+", 420, 350),
        };
        (label, mg, TargetKind::Rda, Some(ul))
    };
    if ul.is_some() {
        notes.insert(0, NOTE_IOM_UL_SCOPE);
    }
    Reference {
        set: ReferenceSet::Iom1997,
        target: Some(Target { mg, kind }),
        upper_limit_mg: ul,
        life_stage,
        citation: IOM_CITATION,
        notes,
    }
}

fn efsa_2015(p: Profile) -> Reference {
    let years = p.age.years();
    let female = p.sex == Sex::Female;
    let mut notes = Vec::new();
    let ul = if years >= 4 {
        notes.push(NOTE_EFSA_UL_SCOPE);
        Some(250)
    } else {
        notes.push(NOTE_EFSA_NO_UL_UNDER_4);
        None
    };
    let (life_stage, mg) = match (p.age.infant_months(), years) {
        (Some(m), _) if m < SECOND_HALF_YEAR_MONTHS => {
            notes.insert(0, NOTE_EFSA_NO_INFANT_VALUE);
            ("Infants 0–6 months", None)
        }
        (Some(m), _) => {
            if m == SECOND_HALF_YEAR_MONTHS {
                notes.push(NOTE_SEVENTH_MONTH);
            }
            ("Infants 7–11 months", Some(80))
        }
        (None, 1..=2) => ("Children 1–2", Some(170)),
        (None, 3..=9) => ("Children 3–9", Some(230)),
        // Profile::new guarantees that a status other than None belongs to a
        // female aged at least 10, so only these rows carry one. EFSA's one
        // pregnancy and lactation value is the adult women's, whatever the age.
        (None, 10..=17) if female => match p.status {
            Status::None => ("Girls 10–17", Some(250)),
            Status::Pregnant => ("Girls 10–17, pregnant", Some(300)),
            Status::Breastfeeding => ("Girls 10–17, breastfeeding", Some(300)),
        },
        (None, 10..=17) => ("Boys 10–17", Some(300)),
        (None, _) if female => (
            match p.status {
                Status::None => "Women 18+",
                Status::Pregnant => "Women 18+, pregnant",
                Status::Breastfeeding => "Women 18+, breastfeeding",
            },
            Some(300),
        ),
        (None, _) => ("Men 18+", Some(350)),
    };
    if p.status != Status::None {
        notes.push(if years < 18 {
            NOTE_EFSA_STATUS_UNDER_18
        } else {
            NOTE_EFSA_NO_STATUS_INCREASE
        });
    }
    Reference {
        set: ReferenceSet::Efsa2015,
        target: mg.map(|mg| Target {
            mg,
            kind: TargetKind::Ai,
        }),
        upper_limit_mg: ul,
        life_stage,
        citation: EFSA_CITATION,
        notes,
    }
}

/// Stored form of [`Age`]: infants in months, everyone else in years, which
/// is how the person typed it.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum AgeRepr {
    Months(u16),
    Years(u16),
}

impl From<Age> for AgeRepr {
    fn from(age: Age) -> AgeRepr {
        match age.infant_months() {
            Some(m) => AgeRepr::Months(m),
            None => AgeRepr::Years(age.years()),
        }
    }
}

impl TryFrom<AgeRepr> for Age {
    type Error = ProfileError;
    fn try_from(repr: AgeRepr) -> Result<Age, ProfileError> {
        match repr {
            AgeRepr::Months(m) => Age::from_months(m),
            AgeRepr::Years(y) => Age::from_years(y),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct ProfileRepr {
    age: Age,
    sex: Sex,
    status: Status,
}

impl From<Profile> for ProfileRepr {
    fn from(p: Profile) -> ProfileRepr {
        ProfileRepr {
            age: p.age,
            sex: p.sex,
            status: p.status,
        }
    }
}

impl TryFrom<ProfileRepr> for Profile {
    type Error = ProfileError;
    fn try_from(r: ProfileRepr) -> Result<Profile, ProfileError> {
        Profile::new(r.age, r.sex, r.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How a test names an age: whole years, or months for infants.
    #[derive(Clone, Copy, Debug)]
    enum A {
        M(u16),
        Y(u16),
    }

    fn profile(age: A, sex: Sex, status: Status) -> Profile {
        let age = match age {
            A::M(m) => Age::from_months(m),
            A::Y(y) => Age::from_years(y),
        }
        .unwrap();
        Profile::new(age, sex, status).unwrap()
    }

    use A::{M, Y};
    use Sex::{Female as F, Male as Ma};
    use Status::{Breastfeeding as Bf, None as No, Pregnant as Pr};

    // (age, sex, status, target mg, kind, UL, label)
    type Row = (A, Sex, Status, u32, TargetKind, Option<u32>, &'static str);

    const RDA: TargetKind = TargetKind::Rda;
    const AI: TargetKind = TargetKind::Ai;

    /// Every IOM row, visited at both edges of each band and for both sexes.
    #[rustfmt::skip]
    const IOM_ROWS: &[Row] = &[
        (M(0),   Ma, No, 30,  AI,  None,      "Infants 0–6 months"),
        (M(5),   F,  No, 30,  AI,  None,      "Infants 0–6 months"),
        (M(6),   Ma, No, 75,  AI,  None,      "Infants 7–12 months"),
        (M(7),   Ma, No, 75,  AI,  None,      "Infants 7–12 months"),
        (M(11),  F,  No, 75,  AI,  None,      "Infants 7–12 months"),
        (M(12),  Ma, No, 80,  RDA, Some(65),  "Children 1–3"),
        (Y(1),   F,  No, 80,  RDA, Some(65),  "Children 1–3"),
        (Y(3),   Ma, No, 80,  RDA, Some(65),  "Children 1–3"),
        (Y(4),   F,  No, 130, RDA, Some(110), "Children 4–8"),
        (Y(8),   Ma, No, 130, RDA, Some(110), "Children 4–8"),
        (Y(9),   Ma, No, 240, RDA, Some(350), "Boys 9–13"),
        (Y(9),   F,  No, 240, RDA, Some(350), "Girls 9–13"),
        (Y(10),  F,  No, 240, RDA, Some(350), "Girls 9–13"),
        (Y(13),  Ma, No, 240, RDA, Some(350), "Boys 9–13"),
        (Y(14),  Ma, No, 410, RDA, Some(350), "Boys 14–18"),
        (Y(14),  F,  No, 360, RDA, Some(350), "Girls 14–18"),
        (Y(17),  Ma, No, 410, RDA, Some(350), "Boys 14–18"),
        (Y(18),  F,  No, 360, RDA, Some(350), "Girls 14–18"),
        (Y(19),  Ma, No, 400, RDA, Some(350), "Men 19–30"),
        (Y(19),  F,  No, 310, RDA, Some(350), "Women 19–30"),
        (Y(30),  Ma, No, 400, RDA, Some(350), "Men 19–30"),
        (Y(30),  F,  No, 310, RDA, Some(350), "Women 19–30"),
        (Y(31),  Ma, No, 420, RDA, Some(350), "Men 31–50"),
        (Y(31),  F,  No, 320, RDA, Some(350), "Women 31–50"),
        (Y(50),  Ma, No, 420, RDA, Some(350), "Men 31–50"),
        (Y(50),  F,  No, 320, RDA, Some(350), "Women 31–50"),
        (Y(51),  Ma, No, 420, RDA, Some(350), "Men 51+"),
        (Y(51),  F,  No, 320, RDA, Some(350), "Women 51+"),
        (Y(130), F,  No, 320, RDA, Some(350), "Women 51+"),
        // Pregnancy at every band and at the substituted edges.
        (Y(10),  F,  Pr, 400, RDA, Some(350), "Girls 14–18, pregnant"),
        (Y(13),  F,  Pr, 400, RDA, Some(350), "Girls 14–18, pregnant"),
        (Y(14),  F,  Pr, 400, RDA, Some(350), "Girls 14–18, pregnant"),
        (Y(18),  F,  Pr, 400, RDA, Some(350), "Girls 14–18, pregnant"),
        (Y(19),  F,  Pr, 350, RDA, Some(350), "Women 19–30, pregnant"),
        (Y(30),  F,  Pr, 350, RDA, Some(350), "Women 19–30, pregnant"),
        (Y(31),  F,  Pr, 360, RDA, Some(350), "Women 31–50, pregnant"),
        (Y(50),  F,  Pr, 360, RDA, Some(350), "Women 31–50, pregnant"),
        (Y(51),  F,  Pr, 360, RDA, Some(350), "Women 31–50, pregnant"),
        // Breastfeeding likewise.
        (Y(10),  F,  Bf, 360, RDA, Some(350), "Girls 14–18, breastfeeding"),
        (Y(13),  F,  Bf, 360, RDA, Some(350), "Girls 14–18, breastfeeding"),
        (Y(14),  F,  Bf, 360, RDA, Some(350), "Girls 14–18, breastfeeding"),
        (Y(18),  F,  Bf, 360, RDA, Some(350), "Girls 14–18, breastfeeding"),
        (Y(19),  F,  Bf, 310, RDA, Some(350), "Women 19–30, breastfeeding"),
        (Y(30),  F,  Bf, 310, RDA, Some(350), "Women 19–30, breastfeeding"),
        (Y(31),  F,  Bf, 320, RDA, Some(350), "Women 31–50, breastfeeding"),
        (Y(50),  F,  Bf, 320, RDA, Some(350), "Women 31–50, breastfeeding"),
        (Y(51),  F,  Bf, 320, RDA, Some(350), "Women 31–50, breastfeeding"),
    ];

    /// Every EFSA row with a value, at both edges of each band.
    #[rustfmt::skip]
    const EFSA_ROWS: &[Row] = &[
        (M(6),   F,  No, 80,  AI, None,      "Infants 7–11 months"),
        (M(7),   Ma, No, 80,  AI, None,      "Infants 7–11 months"),
        (M(11),  F,  No, 80,  AI, None,      "Infants 7–11 months"),
        (M(12),  F,  No, 170, AI, None,      "Children 1–2"),
        (Y(2),   Ma, No, 170, AI, None,      "Children 1–2"),
        (Y(3),   Ma, No, 230, AI, None,      "Children 3–9"),
        (Y(4),   F,  No, 230, AI, Some(250), "Children 3–9"),
        (Y(8),   Ma, No, 230, AI, Some(250), "Children 3–9"),
        (Y(9),   F,  No, 230, AI, Some(250), "Children 3–9"),
        (Y(10),  Ma, No, 300, AI, Some(250), "Boys 10–17"),
        (Y(10),  F,  No, 250, AI, Some(250), "Girls 10–17"),
        (Y(13),  Ma, No, 300, AI, Some(250), "Boys 10–17"),
        (Y(14),  F,  No, 250, AI, Some(250), "Girls 10–17"),
        (Y(17),  Ma, No, 300, AI, Some(250), "Boys 10–17"),
        (Y(17),  F,  No, 250, AI, Some(250), "Girls 10–17"),
        (Y(18),  Ma, No, 350, AI, Some(250), "Men 18+"),
        (Y(18),  F,  No, 300, AI, Some(250), "Women 18+"),
        (Y(19),  Ma, No, 350, AI, Some(250), "Men 18+"),
        (Y(19),  F,  No, 300, AI, Some(250), "Women 18+"),
        (Y(30),  Ma, No, 350, AI, Some(250), "Men 18+"),
        (Y(31),  F,  No, 300, AI, Some(250), "Women 18+"),
        (Y(50),  F,  No, 300, AI, Some(250), "Women 18+"),
        (Y(51),  Ma, No, 350, AI, Some(250), "Men 18+"),
        (Y(51),  F,  No, 300, AI, Some(250), "Women 18+"),
        // One value for pregnancy and lactation at every age, the adult
        // women's, at the same ages as the IOM pregnancy rows.
        (Y(10),  F,  Pr, 300, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(13),  F,  Pr, 300, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(14),  F,  Pr, 300, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(17),  F,  Pr, 300, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(18),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(19),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(30),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(31),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(50),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(51),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(10),  F,  Bf, 300, AI, Some(250), "Girls 10–17, breastfeeding"),
        (Y(13),  F,  Bf, 300, AI, Some(250), "Girls 10–17, breastfeeding"),
        (Y(14),  F,  Bf, 300, AI, Some(250), "Girls 10–17, breastfeeding"),
        (Y(17),  F,  Bf, 300, AI, Some(250), "Girls 10–17, breastfeeding"),
        (Y(18),  F,  Bf, 300, AI, Some(250), "Women 18+, breastfeeding"),
        (Y(30),  F,  Bf, 300, AI, Some(250), "Women 18+, breastfeeding"),
        (Y(31),  F,  Bf, 300, AI, Some(250), "Women 18+, breastfeeding"),
        (Y(51),  F,  Bf, 300, AI, Some(250), "Women 18+, breastfeeding"),
    ];

    fn check(set: ReferenceSet, rows: &[Row]) {
        for &(age, sex, status, mg, kind, ul, label) in rows {
            let r = reference(profile(age, sex, status), set);
            let case = format!("{set:?} {age:?} {sex:?} {status:?}");
            assert_eq!(r.target, Some(Target { mg, kind }), "{case}");
            assert_eq!(r.upper_limit_mg, ul, "{case}");
            assert_eq!(r.life_stage, label, "{case}");
            assert_eq!(r.set, set, "{case}");
            assert_eq!(r.citation, set.citation(), "{case}");
        }
    }

    #[test]
    fn reference_bands_cover_every_age_once() {
        for set in ReferenceSet::ALL {
            let bands = age_bands(set);
            assert_eq!(bands.first().map(|b| b.first_month), Some(0), "{set:?}");
            assert_eq!(
                bands.last().map(|b| b.last_month),
                Some(MAX_AGE_YEARS * 12),
                "{set:?}"
            );
            for pair in bands.windows(2) {
                let next = if pair[0].last_month < 12 {
                    pair[0].last_month + 1
                } else {
                    pair[0].last_month + 12
                };
                assert_eq!(pair[1].first_month, next, "{set:?} {}", pair[1].ages);
            }
        }
    }

    #[test]
    fn iom_rows() {
        check(ReferenceSet::Iom1997, IOM_ROWS);
    }

    #[test]
    fn efsa_rows() {
        check(ReferenceSet::Efsa2015, EFSA_ROWS);
    }

    #[test]
    fn efsa_sets_no_value_for_young_infants() {
        for months in [0, 3, 5] {
            for sex in [Ma, F] {
                let r = reference(profile(M(months), sex, No), ReferenceSet::Efsa2015);
                assert_eq!(r.target, None, "{months} months");
                assert_eq!(r.upper_limit_mg, None);
                assert_eq!(r.life_stage, "Infants 0–6 months");
                assert_eq!(r.notes.first(), Some(&NOTE_EFSA_NO_INFANT_VALUE));
            }
        }
    }

    #[test]
    fn notes_explain_substitutions_and_scope() {
        let notes = |age, sex, status, set| reference(profile(age, sex, status), set).notes;
        let iom = ReferenceSet::Iom1997;
        let efsa = ReferenceSet::Efsa2015;
        #[rustfmt::skip]
        let cases: &[(A, Sex, Status, ReferenceSet, &[&str])] = &[
            (Y(12), F, Pr, iom, &[NOTE_IOM_UL_SCOPE, NOTE_IOM_STATUS_UNDER_14]),
            (Y(55), F, Bf, iom, &[NOTE_IOM_UL_SCOPE, NOTE_IOM_STATUS_OVER_50]),
            (Y(14), F, Pr, iom, &[NOTE_IOM_UL_SCOPE]),
            (Y(50), F, Pr, iom, &[NOTE_IOM_UL_SCOPE]),
            (M(9), Ma, No, iom, &[NOTE_IOM_INFANT]),
            (Y(3), Ma, No, efsa, &[NOTE_EFSA_NO_UL_UNDER_4]),
            (Y(4), Ma, No, efsa, &[NOTE_EFSA_UL_SCOPE]),
            (Y(30), F, Pr, efsa, &[NOTE_EFSA_UL_SCOPE, NOTE_EFSA_NO_STATUS_INCREASE]),
            (Y(18), F, Bf, efsa, &[NOTE_EFSA_UL_SCOPE, NOTE_EFSA_NO_STATUS_INCREASE]),
            (Y(10), F, Pr, efsa, &[NOTE_EFSA_UL_SCOPE, NOTE_EFSA_STATUS_UNDER_18]),
            (Y(17), F, Bf, efsa, &[NOTE_EFSA_UL_SCOPE, NOTE_EFSA_STATUS_UNDER_18]),
            (Y(17), F, No, efsa, &[NOTE_EFSA_UL_SCOPE]),
            (M(6), F, No, iom, &[NOTE_IOM_INFANT, NOTE_SEVENTH_MONTH]),
            (M(6), Ma, No, efsa, &[NOTE_EFSA_NO_UL_UNDER_4, NOTE_SEVENTH_MONTH]),
        ];
        for &(age, sex, status, set, want) in cases {
            assert_eq!(
                notes(age, sex, status, set),
                want,
                "{age:?} {sex:?} {status:?} {set:?}"
            );
        }
    }

    /// The first year splits where a baby turns six months: completed months
    /// 0–5 are the first band, 6–11 the second, in both sets.
    #[test]
    fn infant_bands_split_at_six_completed_months() {
        // (months, IOM target mg, IOM label, EFSA target mg, EFSA label)
        #[rustfmt::skip]
        let cases: &[(u16, u32, &str, Option<u32>, &str)] = &[
            (0,  30, "Infants 0–6 months",  None,     "Infants 0–6 months"),
            (5,  30, "Infants 0–6 months",  None,     "Infants 0–6 months"),
            (6,  75, "Infants 7–12 months", Some(80), "Infants 7–11 months"),
            (7,  75, "Infants 7–12 months", Some(80), "Infants 7–11 months"),
            (11, 75, "Infants 7–12 months", Some(80), "Infants 7–11 months"),
            (12, 80, "Children 1–3",        Some(170), "Children 1–2"),
        ];
        for &(months, iom_mg, iom_label, efsa_mg, efsa_label) in cases {
            for sex in [Ma, F] {
                let p = profile(M(months), sex, No);
                let iom = reference(p, ReferenceSet::Iom1997);
                assert_eq!(
                    iom.target.map(|t| t.mg),
                    Some(iom_mg),
                    "IOM {months} months"
                );
                assert_eq!(iom.life_stage, iom_label, "IOM {months} months");
                let efsa = reference(p, ReferenceSet::Efsa2015);
                assert_eq!(efsa.target.map(|t| t.mg), efsa_mg, "EFSA {months} months");
                assert_eq!(efsa.life_stage, efsa_label, "EFSA {months} months");
                // Only the boundary month needs the note that explains it.
                for r in [&iom, &efsa] {
                    assert_eq!(
                        r.notes.contains(&NOTE_SEVENTH_MONTH),
                        months == SECOND_HALF_YEAR_MONTHS,
                        "{:?} {months} months",
                        r.set
                    );
                }
            }
        }
    }

    #[test]
    fn default_adult_is_a_valid_31_year_old_man() {
        let checked = Age::from_years(31)
            .and_then(|age| Profile::new(age, Ma, No))
            .unwrap();
        assert_eq!(Profile::default_adult(), checked);
    }

    /// The sentence about the default adult names the chosen set's number,
    /// and never the other set's.
    #[test]
    fn default_adult_sentence_follows_the_set() {
        // (set, target it must name, target it must not name)
        let cases = [
            (ReferenceSet::Iom1997, "420 mg a day (RDA)", "350 mg"),
            (ReferenceSet::Efsa2015, "350 mg a day (AI)", "420 mg"),
        ];
        for (set, says, never) in cases {
            let text = default_adult_sentence(set);
            assert!(text.contains(says), "{set:?}: {text}");
            assert!(!text.contains(never), "{set:?}: {text}");
            assert!(text.contains(set.name()), "{set:?}: {text}");
            assert!(text.ends_with('.'), "{set:?}: {text}");
        }
        assert_eq!(
            default_adult_sentence(ReferenceSet::Efsa2015),
            "Until you save a profile, targets use a default adult, a man aged 31: \
             350 mg a day (AI) in EFSA 2015 (EU)."
        );
    }

    /// The upper level follows the set: its number, and what it counts both
    /// in the short phrase and in the note shown beside the number.
    #[test]
    fn upper_level_follows_the_set() {
        let adult = Profile::default_adult();
        // (set, number, words the scope must hold, words it must not)
        let cases = [
            (
                ReferenceSet::Iom1997,
                "350 mg a day",
                &["supplements and medicines only"][..],
                "fortified",
            ),
            (
                ReferenceSet::Efsa2015,
                "250 mg a day",
                &["supplements", "added to water", "fortified foods"][..],
                "medicines only",
            ),
        ];
        for (set, number, holds, never) in cases {
            let r = reference(adult, set);
            assert_eq!(r.upper_level_text(), number, "{set:?}");
            let scope_note = r.notes.first().copied().unwrap_or_default();
            for text in [set.upper_level_scope(), scope_note] {
                for words in holds {
                    assert!(text.contains(words), "{set:?} {words:?}: {text}");
                }
                assert!(!text.contains(never), "{set:?}: {text}");
            }
        }
        let toddler = profile(Y(2), F, No);
        assert_eq!(
            reference(toddler, ReferenceSet::Iom1997).upper_level_text(),
            "65 mg a day"
        );
        assert_eq!(
            reference(toddler, ReferenceSet::Efsa2015).upper_level_text(),
            "none set for this age"
        );
        assert_eq!(
            reference(profile(M(3), F, No), ReferenceSet::Iom1997).upper_level_text(),
            "none set for this age"
        );
    }

    #[test]
    fn target_text_names_the_kind_or_the_gap() {
        let cases = [
            (
                profile(Y(40), Ma, No),
                ReferenceSet::Iom1997,
                "420 mg a day (Recommended Dietary Allowance)",
                "420 mg a day (RDA)",
            ),
            (
                profile(Y(15), F, Pr),
                ReferenceSet::Efsa2015,
                "300 mg a day (Adequate Intake)",
                "300 mg a day (AI)",
            ),
            (
                profile(M(2), F, No),
                ReferenceSet::Efsa2015,
                "no value published",
                "no value published",
            ),
        ];
        for (p, set, long, short) in cases {
            let r = reference(p, set);
            assert_eq!(r.target_text(), long, "{set:?} {p:?}");
            assert_eq!(r.target_text_short(), short, "{set:?} {p:?}");
        }
    }

    /// Whole years and months of an age, or why it was rejected.
    type AgeResult = Result<(u16, u16), ProfileError>;

    #[test]
    fn ages_normalise_and_validate() {
        let cases: &[(A, AgeResult)] = &[
            (M(0), Ok((0, 0))),
            (M(11), Ok((0, 11))),
            (M(12), Ok((1, 12))),
            (M(35), Ok((2, 24))),
            (Y(0), Err(ProfileError::InfantNeedsMonths)),
            (Y(1), Ok((1, 12))),
            (Y(MAX_AGE_YEARS), Ok((MAX_AGE_YEARS, MAX_AGE_YEARS * 12))),
            (Y(MAX_AGE_YEARS + 1), Err(ProfileError::AgeTooHigh)),
            (M((MAX_AGE_YEARS + 1) * 12), Err(ProfileError::AgeTooHigh)),
        ];
        for &(input, expected) in cases {
            let age = match input {
                M(m) => Age::from_months(m),
                Y(y) => Age::from_years(y),
            };
            assert_eq!(age.map(|a| (a.years(), a.months())), expected, "{input:?}");
        }
    }

    #[test]
    fn status_needs_an_adult_or_teenage_female() {
        let age = |y| Age::from_years(y).unwrap();
        // (age, sex, status, result of Profile::new, whether a form offers the status)
        let cases = [
            (age(30), Ma, Pr, Err(ProfileError::StatusNeedsFemale), false),
            (age(30), Ma, Bf, Err(ProfileError::StatusNeedsFemale), false),
            (age(9), F, Pr, Err(ProfileError::StatusTooYoung), false),
            (
                Age::from_months(8).unwrap(),
                F,
                Bf,
                Err(ProfileError::StatusTooYoung),
                false,
            ),
            (age(10), F, Pr, Ok(()), true),
            (age(9), F, No, Ok(()), false),
            (age(30), Ma, No, Ok(()), false),
            (age(70), F, No, Ok(()), true),
        ];
        for (a, sex, status, expected, allowed) in cases {
            assert_eq!(
                Profile::new(a, sex, status).map(|_| ()),
                expected,
                "{a} {sex:?} {status:?}"
            );
            assert_eq!(Profile::status_allowed(a, sex), allowed, "{a} {sex:?}");
        }
    }

    #[test]
    fn age_display() {
        let cases = [
            (M(0), "0 months"),
            (M(1), "1 month"),
            (M(12), "1 year"),
            (Y(40), "40 years"),
        ];
        for (a, text) in cases {
            let age = match a {
                M(m) => Age::from_months(m),
                Y(y) => Age::from_years(y),
            };
            assert_eq!(age.unwrap().to_string(), text);
        }
    }

    #[test]
    fn profile_serde_round_trips_and_validates() {
        let p = profile(M(7), F, No);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"age":{"months":7},"sex":"female","status":"none"}"#
        );
        assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), p);

        let p = profile(Y(33), F, Bf);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"age":{"years":33},"sex":"female","status":"breastfeeding"}"#
        );
        assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), p);

        for bad in [
            r#"{"age":{"years":33},"sex":"male","status":"pregnant"}"#,
            r#"{"age":{"years":0},"sex":"male","status":"none"}"#,
            r#"{"age":{"years":500},"sex":"male","status":"none"}"#,
        ] {
            assert!(serde_json::from_str::<Profile>(bad).is_err(), "{bad}");
        }
        assert_eq!(
            serde_json::to_string(&ReferenceSet::ALL).unwrap(),
            r#"["iom_1997","efsa_2015"]"#
        );
    }
}
