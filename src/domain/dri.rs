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
//! * Pregnancy and breastfeeding are accepted only for females aged 10 or
//!   over (the start of EFSA's 10–<18 band, inside IOM's 9–13 band).
//!   [`Profile::new`] rejects them for males and younger children rather than
//!   silently ignoring them, so a stored profile can never claim a status
//!   that has no effect.
//! * IOM lists pregnancy and lactation values for 14–18, 19–30 and 31–50
//!   only: a pregnant or breastfeeding girl under 14 gets the 14–18 row and a
//!   woman over 50 the 31–50 row, each with a note saying so.
//! * EFSA sets no increase for pregnancy or lactation, so the value for the
//!   person's age and sex applies; the label still names the status so the
//!   person can see it was taken into account.
//! * EFSA set no value at all for infants aged 0–6 months; the target is
//!   `None` with a note, never an invented number.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The oldest age accepted, in years; anything above is a typing mistake.
pub const MAX_AGE_YEARS: u16 = 130;

/// The youngest age, in years, at which pregnancy or breastfeeding may be
/// recorded.
pub const MIN_STATUS_AGE_YEARS: u16 = 10;

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
    /// The upper level for magnesium from supplements and medicines (not
    /// food), mg/day; `None` where the set established none.
    pub upper_limit_mg: Option<u32>,
    /// The row used, e.g. "Women 31–50, pregnant".
    pub life_stage: &'static str,
    pub citation: &'static str,
    /// Short sentences the page shows under the numbers: what the upper
    /// level covers, why a value is missing, or which row stood in.
    pub notes: Vec<&'static str>,
}

/// Looks up the target and upper level for `profile` in `set`.
pub fn reference(profile: Profile, set: ReferenceSet) -> Reference {
    match set {
        ReferenceSet::Iom1997 => iom_1997(profile),
        ReferenceSet::Efsa2015 => efsa_2015(profile),
    }
}

/// Citation of the IOM set.
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
/// EFSA: no value for young infants.
pub const NOTE_EFSA_NO_INFANT_VALUE: &str = "EFSA (2015) did not set a magnesium value for \
infants aged 0–6 months. The IOM 1997 set, available in Settings, gives an adequate intake \
for this age.";
/// EFSA: what its upper level covers.
pub const NOTE_EFSA_UL_SCOPE: &str = "The upper level of 250 mg counts magnesium from \
supplements, fortified foods and added to water (readily dissociable salts and compounds such \
as magnesium oxide), not magnesium naturally present in food.";
/// EFSA: no upper level under four years.
pub const NOTE_EFSA_NO_UL_UNDER_4: &str = "EFSA set no upper level for children under 4 years.";
/// EFSA: no increase in pregnancy or lactation.
pub const NOTE_EFSA_NO_STATUS_INCREASE: &str = "EFSA found no evidence of a higher need during \
pregnancy or breastfeeding, so the usual value for age and sex applies.";

fn iom_1997(p: Profile) -> Reference {
    let years = p.age.years();
    let female = p.sex == Sex::Female;
    let mut notes = Vec::new();
    let (life_stage, mg, kind, ul) = if let Some(months) = p.age.infant_months() {
        notes.push(NOTE_IOM_INFANT);
        if months <= 6 {
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
        (Some(0..=6), _) => {
            notes.insert(0, NOTE_EFSA_NO_INFANT_VALUE);
            ("Infants 0–6 months", None)
        }
        (Some(_), _) => ("Infants 7–11 months", Some(80)),
        (None, 1..=2) => ("Children 1–2", Some(170)),
        (None, 3..=9) => ("Children 3–9", Some(230)),
        // Profile::new guarantees that a status other than None belongs to a
        // female aged at least 10, so only these four rows carry one.
        (None, 10..=17) if female => (
            match p.status {
                Status::None => "Girls 10–17",
                Status::Pregnant => "Girls 10–17, pregnant",
                Status::Breastfeeding => "Girls 10–17, breastfeeding",
            },
            Some(250),
        ),
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
        notes.push(NOTE_EFSA_NO_STATUS_INCREASE);
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
        (M(6),   F,  No, 30,  AI,  None,      "Infants 0–6 months"),
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
        // No increase in pregnancy or lactation: the age band's value, at the
        // same ages as the IOM pregnancy rows.
        (Y(10),  F,  Pr, 250, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(13),  F,  Pr, 250, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(14),  F,  Pr, 250, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(17),  F,  Pr, 250, AI, Some(250), "Girls 10–17, pregnant"),
        (Y(18),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(19),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(30),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(31),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(50),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(51),  F,  Pr, 300, AI, Some(250), "Women 18+, pregnant"),
        (Y(10),  F,  Bf, 250, AI, Some(250), "Girls 10–17, breastfeeding"),
        (Y(13),  F,  Bf, 250, AI, Some(250), "Girls 10–17, breastfeeding"),
        (Y(14),  F,  Bf, 250, AI, Some(250), "Girls 10–17, breastfeeding"),
        (Y(17),  F,  Bf, 250, AI, Some(250), "Girls 10–17, breastfeeding"),
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
    fn iom_rows() {
        check(ReferenceSet::Iom1997, IOM_ROWS);
    }

    #[test]
    fn efsa_rows() {
        check(ReferenceSet::Efsa2015, EFSA_ROWS);
    }

    #[test]
    fn efsa_sets_no_value_for_young_infants() {
        for months in [0, 3, 6] {
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
        assert_eq!(
            notes(Y(12), F, Pr, iom),
            [NOTE_IOM_UL_SCOPE, NOTE_IOM_STATUS_UNDER_14]
        );
        assert_eq!(
            notes(Y(55), F, Bf, iom),
            [NOTE_IOM_UL_SCOPE, NOTE_IOM_STATUS_OVER_50]
        );
        assert_eq!(notes(Y(14), F, Pr, iom), [NOTE_IOM_UL_SCOPE]);
        assert_eq!(notes(Y(50), F, Pr, iom), [NOTE_IOM_UL_SCOPE]);
        assert_eq!(notes(M(9), Ma, No, iom), [NOTE_IOM_INFANT]);
        assert_eq!(notes(Y(3), Ma, No, efsa), [NOTE_EFSA_NO_UL_UNDER_4]);
        assert_eq!(notes(Y(4), Ma, No, efsa), [NOTE_EFSA_UL_SCOPE]);
        assert_eq!(
            notes(Y(30), F, Pr, efsa),
            [NOTE_EFSA_UL_SCOPE, NOTE_EFSA_NO_STATUS_INCREASE]
        );
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
