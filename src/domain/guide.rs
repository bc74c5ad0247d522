//! The in-app magnesium Guide: an offline handbook kept as structured data so
//! the page only renders it and the tests can check every statement.
//!
//! Every statement is a [`Claim`] with an [`Evidence`] level and the ids of
//! the [`Source`]s it rests on; all sources live in one list, so a citation
//! can never point at a reference the page does not show. Links go only to
//! routes inside the app ([`is_internal_route`]), never to shops.
//!
//! Numbers that the app already computes are deliberately not repeated here:
//! the reference tables come from [`crate::domain::dri`] through
//! [`reference_rows`], the elemental share of each supplement form from
//! [`crate::domain::supplement`] through [`elemental_shares`], and food
//! examples from the food data. A [`Figure`] on a section tells the page
//! which of these computed tables belongs there.

use crate::domain::diary::{SymptomId, SymptomList};
use crate::domain::dri::{Age, AgeBand, Profile, ReferenceSet, Sex, Status, age_bands};
use crate::domain::routes;
use crate::domain::supplement::SupplementForm;

/// The whole handbook: sections in reading order, the one source list and the
/// note that it is not medical advice.
#[derive(Debug)]
pub struct Guide {
    pub sections: &'static [Section],
    pub sources: &'static [Source],
    /// Shown at the top and bottom of the page.
    pub disclaimer: &'static str,
}

/// One topic of the Guide. `id` is the URL anchor (`/guide#<id>`), so it must
/// never change once published.
#[derive(Debug)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    /// One or two sentences shown under the title.
    pub intro: &'static str,
    pub claims: &'static [Claim],
    /// Where in the app a person can act on the section.
    pub links: &'static [Link],
    /// A table the page computes from app data and shows after the intro.
    pub figure: Option<Figure>,
}

/// One statement of one to three sentences, with how strong the evidence for
/// it is and the sources it rests on.
#[derive(Debug)]
pub struct Claim {
    pub text: &'static str,
    pub evidence: Evidence,
    /// Ids into [`Guide::sources`]; never empty.
    pub sources: &'static [&'static str],
    /// Links for this claim alone, such as the matching diary symptom.
    pub links: &'static [Link],
}

/// A link to a route inside the app (see [`is_internal_route`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Link {
    pub label: &'static str,
    pub href: &'static str,
}

/// How strong the evidence behind a claim is, from best to weakest support.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Evidence {
    /// Consistent physiology, official reference values or several good
    /// trials.
    Established,
    /// Randomised trials point this way but are small, short, of limited
    /// quality or show a modest effect.
    SomeTrials,
    /// Observational studies only.
    AssociationOnly,
    /// Studies disagree.
    Mixed,
    /// Good trials found no benefit, or reliable human studies are missing.
    NoGoodEvidence,
}

impl Evidence {
    /// Every level, in the order a legend lists them.
    pub const ALL: [Evidence; 5] = [
        Evidence::Established,
        Evidence::SomeTrials,
        Evidence::AssociationOnly,
        Evidence::Mixed,
        Evidence::NoGoodEvidence,
    ];

    /// A short label for the badge next to a claim.
    pub fn label(self) -> &'static str {
        match self {
            Evidence::Established => "Well established",
            Evidence::SomeTrials => "Some trial support",
            Evidence::AssociationOnly => "Association only",
            Evidence::Mixed => "Mixed evidence",
            Evidence::NoGoodEvidence => "No good evidence",
        }
    }

    /// One sentence for the legend.
    pub fn explanation(self) -> &'static str {
        match self {
            Evidence::Established => {
                "Backed by well-understood physiology, official reference values or several \
                 good studies that agree."
            }
            Evidence::SomeTrials => {
                "Randomised trials point this way, but they are few, small, short or of \
                 limited quality, or the effect is modest."
            }
            Evidence::AssociationOnly => {
                "Studies that observe people link magnesium with this, but they cannot show \
                 that magnesium is the cause."
            }
            Evidence::Mixed => "Studies disagree, and neither side clearly outweighs the other.",
            Evidence::NoGoodEvidence => {
                "Well-run trials found no benefit, or reliable studies in people are missing."
            }
        }
    }

    /// A stable lower-case key for styling and test ids, e.g. "some-trials".
    pub fn key(self) -> &'static str {
        match self {
            Evidence::Established => "established",
            Evidence::SomeTrials => "some-trials",
            Evidence::AssociationOnly => "association-only",
            Evidence::Mixed => "mixed",
            Evidence::NoGoodEvidence => "no-good-evidence",
        }
    }
}

/// A table that the page computes from app data rather than from text here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The reference values of both sets, from [`reference_rows`] and
    /// [`crate::domain::dri::reference`].
    ReferenceTables,
    /// Example portions of magnesium-rich foods, from the food data.
    FoodExamples,
    /// The elemental share of each supplement form, from [`elemental_shares`].
    ElementalShares,
}

/// A published source. Identifiers are given only where they were checked;
/// a missing DOI or PMID means "not recorded here", never "does not exist".
#[derive(Debug)]
pub struct Source {
    /// Stable id used by claims, e.g. "garrison-2020".
    pub id: &'static str,
    /// Authors as cited ("Garrison SR, Korownyk CS, …, et al.") or the
    /// organisation.
    pub authors: &'static str,
    pub title: &'static str,
    pub year: u16,
    /// Journal with volume and pages, or the publisher of a report.
    pub publisher: &'static str,
    pub doi: Option<&'static str>,
    pub pmid: Option<u32>,
    pub isbn: Option<&'static str>,
    /// A web address, only for sources that have no DOI or PMID to link.
    pub url: Option<&'static str>,
}

impl Source {
    /// The best web address for the source: its own URL, else its DOI, else
    /// its PubMed record.
    pub fn href(&self) -> Option<String> {
        if let Some(url) = self.url {
            Some(url.to_owned())
        } else if let Some(doi) = self.doi {
            Some(format!("https://doi.org/{doi}"))
        } else {
            self.pmid
                .map(|pmid| format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"))
        }
    }

    /// "Authors (year). Title. Publisher." for the reference list.
    pub fn citation(&self) -> String {
        let title_end = if self.title.ends_with(['?', '.', '!']) {
            ""
        } else {
            "."
        };
        format!(
            "{} ({}). {}{} {}.",
            self.authors, self.year, self.title, title_end, self.publisher
        )
    }
}

/// One row of a reference table: an age band and a profile standing for each
/// column, to be looked up with [`crate::domain::dri::reference`]. Every age
/// inside the band gives the same value as the profile shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReferenceRow {
    /// The band as the table shows it, e.g. "19–30 years".
    pub ages: &'static str,
    pub male: Profile,
    pub female: Profile,
    /// `None` where the set publishes no pregnancy value for this band.
    pub pregnant: Option<Profile>,
    pub breastfeeding: Option<Profile>,
}

/// How much of a supplement form's weight is magnesium.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ElementalShare {
    pub form: SupplementForm,
    /// Mass fraction, 0–1, computed from the formula in
    /// [`crate::domain::supplement`].
    pub fraction: f64,
}

/// The Guide.
pub fn guide() -> &'static Guide {
    &GUIDE
}

/// The source with this id.
pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

/// The 1-based number of a source in the reference list, for footnote marks.
pub fn source_number(id: &str) -> Option<usize> {
    SOURCES.iter().position(|s| s.id == id).map(|i| i + 1)
}

/// The section with this anchor id.
pub fn section(id: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.id == id)
}

/// Every evidence level, for the legend.
pub fn evidence_levels() -> &'static [Evidence] {
    &Evidence::ALL
}

/// Whether `href` is one of the app's own routes that the Guide may link to:
/// `/foods`, `/foods?view=top`, `/today`, `/diary`, `/settings`,
/// `/diary?symptom=<id>` for a built-in symptom, and `/guide#<id>` for an
/// existing section. Custom symptoms are rejected because their ids differ on
/// every device, so a fixed text can never point at one.
pub fn is_internal_route(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    if !routes::is_served(path) {
        return false;
    }
    match href {
        "/foods" | "/foods?view=top" | "/today" | "/diary" | "/settings" => true,
        _ => {
            if let Some(id) = href.strip_prefix("/diary?symptom=") {
                SymptomId::new(id).is_ok_and(|id| SymptomList::defaults().get(&id).is_some())
            } else if let Some(anchor) = href.strip_prefix("/guide#") {
                section(anchor).is_some()
            } else {
                false
            }
        }
    }
}

/// The rows of the reference table for `set`, youngest first, following the
/// bands that set publishes. A band is split where the upper level changes
/// inside it (EFSA sets none below four years), so each row has one value.
pub fn reference_rows(set: ReferenceSet) -> Vec<ReferenceRow> {
    age_bands(set).iter().filter_map(row).collect()
}

/// The index in [`reference_rows`] of the row whose band holds `age`, so the
/// page can mark the person's own row. A mother younger or older than the
/// pregnancy columns still gets her age's row; the notes from
/// [`crate::domain::dri::reference`] say which published row applies.
pub fn row_for_age(set: ReferenceSet, age: Age) -> Option<usize> {
    age_bands(set)
        .iter()
        .position(|b| (b.first_month..=b.last_month).contains(&age.months()))
}

/// Every supplement form with a known compound, richest in magnesium first.
pub fn elemental_shares() -> Vec<ElementalShare> {
    let mut shares: Vec<ElementalShare> = SupplementForm::ALL
        .iter()
        .filter_map(|&form| {
            form.elemental_fraction()
                .map(|fraction| ElementalShare { form, fraction })
        })
        .collect();
    // A stable sort keeps the picker order for equal shares.
    crate::domain::sorting::sort_by(&mut shares, |a, b| b.fraction.total_cmp(&a.fraction));
    shares
}

/// The table row standing for `band`: one profile per column, each the
/// band's youngest age.
fn row(band: &AgeBand) -> Option<ReferenceRow> {
    let age = Age::from_months(band.first_month).ok()?;
    let with_status = |status| {
        if band.statuses {
            Profile::new(age, Sex::Female, status).ok()
        } else {
            None
        }
    };
    Some(ReferenceRow {
        ages: band.ages,
        male: Profile::new(age, Sex::Male, Status::None).ok()?,
        female: Profile::new(age, Sex::Female, Status::None).ok()?,
        pregnant: with_status(Status::Pregnant),
        breastfeeding: with_status(Status::Breastfeeding),
    })
}

const DISCLAIMER: &str = "This Guide explains what published research says about magnesium \
in general. It is not medical advice and cannot replace a doctor, pharmacist or midwife who \
knows your health. Ask one before taking supplements if you are pregnant, have a long-term \
condition or take regular medicines.";

static GUIDE: Guide = Guide {
    sections: SECTIONS,
    sources: SOURCES,
    disclaimer: DISCLAIMER,
};

const NO_LINKS: &[Link] = &[];

const fn link(label: &'static str, href: &'static str) -> Link {
    Link { label, href }
}

const fn claim(text: &'static str, evidence: Evidence, sources: &'static [&'static str]) -> Claim {
    Claim {
        text,
        evidence,
        sources,
        links: NO_LINKS,
    }
}

const fn linked_claim(
    text: &'static str,
    evidence: Evidence,
    sources: &'static [&'static str],
    links: &'static [Link],
) -> Claim {
    Claim {
        text,
        evidence,
        sources,
        links,
    }
}

use Evidence::{AssociationOnly, Established, Mixed, NoGoodEvidence, SomeTrials};

const SECTIONS: &[Section] = &[
    Section {
        id: "why-it-matters",
        title: "Why magnesium matters",
        intro: "Magnesium is a mineral the body cannot make, so it has to come from food, \
                water or supplements. Here is what it does and how the body guards its supply.",
        claims: &[
            claim(
                "Magnesium helps hundreds of enzymes do their work: the NIH Office of Dietary \
                 Supplements counts more than 300 enzyme systems, and a later review puts the \
                 number above 600.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "Cells store and spend energy as ATP, and ATP works mainly as a pair with \
                 magnesium. That is why magnesium is needed wherever food is turned into \
                 usable energy.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "Magnesium helps carry calcium and potassium across cell membranes. Nerves \
                 depend on this to send signals, and muscles, the heart included, depend on it \
                 to contract and relax.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "In the brain, magnesium sits inside the channel of NMDA receptors, which take \
                 part in learning and memory, and keeps it shut until a nerve cell is strongly \
                 stimulated. This is one reason magnesium is studied for mood, sleep and pain.",
                Established,
                &["de-baaij-2015", "slutsky-2010"],
            ),
            claim(
                "An adult body holds roughly 25 grams of magnesium: about half to three fifths \
                 in bone, most of the rest inside muscle and other soft tissue, and less than \
                 one percent in the blood.",
                Established,
                &["ods-magnesium"],
            ),
            claim(
                "When intake runs low, the kidneys let less magnesium escape into the urine, \
                 the gut takes up a larger share of what is eaten, and bone can give up part of \
                 its store.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "Because the body keeps the level in the blood within a narrow range, a normal \
                 blood test does not rule out low stores. No simple test measures the body's \
                 total magnesium reliably.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "Clear deficiency caused by diet alone is uncommon in otherwise healthy people. \
                 Its early signs, such as poor appetite, nausea, tiredness and weakness, are \
                 vague and have many other causes.",
                Established,
                &["ods-magnesium"],
            ),
        ],
        links: &[
            link("See today's total", "/today"),
            link("Browse foods", "/foods"),
            link("How much you need", "/guide#how-much"),
        ],
        figure: None,
    },
    Section {
        id: "how-much",
        title: "How much you need",
        intro: "The app compares what you log with published reference values. The tables \
                below come from the same data the calculator uses.",
        claims: &[
            claim(
                "The app offers two reference sets: the US and Canadian Dietary Reference \
                 Intakes from the Institute of Medicine (1997), and the European values from \
                 EFSA (2015). You can choose either one in Settings.",
                Established,
                &["iom-1997", "efsa-2015", "ods-magnesium"],
            ),
            claim(
                "A Recommended Dietary Allowance is meant to cover the needs of nearly all \
                 healthy people of a given age and sex. An Adequate Intake is used where the \
                 evidence was too thin for that. EFSA gives only Adequate Intakes, from 7 \
                 months of age on, and set no value for younger babies.",
                Established,
                &["iom-1997", "efsa-2015"],
            ),
            claim(
                "The two sets differ mainly because they were built in different ways: the US \
                 and Canadian values rest largely on balance studies, while EFSA started from \
                 the intakes of healthy European populations. Both come from recognised expert \
                 bodies.",
                Established,
                &["iom-1997", "efsa-2015"],
            ),
            claim(
                "The US and Canadian tables raise the target a little during pregnancy. EFSA \
                 found no sign that pregnancy or breastfeeding needs more magnesium and gives \
                 the value for adult women for both, at any age.",
                Established,
                &["iom-1997", "efsa-2015"],
            ),
            claim(
                "An upper level is the most magnesium from supplements and medicines that is \
                 unlikely to cause side effects in almost anyone. It is a ceiling, not a goal, \
                 and the main effect it guards against is diarrhoea.",
                Established,
                &["iom-1997", "efsa-2006"],
            ),
            claim(
                "Magnesium naturally present in food does not count toward either upper level, \
                 because healthy kidneys clear any surplus from food without harm. The US and \
                 Canadian level also leaves out drinking water, while the European level does \
                 count magnesium salts added to foods, drinks and water.",
                Established,
                &["iom-1997", "efsa-2006", "ods-magnesium"],
            ),
            claim(
                "Going over the upper level now and then does not poison a healthy adult, but \
                 taking more than it regularly makes diarrhoea and stomach cramps more likely. \
                 People with kidney disease are different and should follow their doctor's \
                 advice.",
                Established,
                &["efsa-2006", "ods-magnesium"],
            ),
        ],
        links: &[
            link("Check today's total", "/today"),
            link("Choose your reference set and profile", "/settings"),
        ],
        figure: Some(Figure::ReferenceTables),
    },
    Section {
        id: "what-lowers-magnesium",
        title: "What lowers magnesium",
        intro: "Some habits, medicines and health conditions make the body lose more magnesium \
                or absorb less. None of this is a reason to stop a prescribed medicine, but it \
                is worth raising with whoever prescribed it.",
        claims: &[
            claim(
                "Alcohol makes the kidneys pass more magnesium into the urine. Low magnesium is \
                 common in people who have drunk heavily for a long time, who also tend to eat \
                 less of it.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "Caffeine briefly increases the magnesium lost in urine. In a controlled study \
                 the net extra loss over a whole day was small, so moderate coffee or tea \
                 drinking is unlikely to matter much.",
                SomeTrials,
                &["kynast-gales-1994"],
            ),
            claim(
                "Very high calcium intakes, mostly from supplements, have been suggested to \
                 reduce how much magnesium the body absorbs or keeps. Studies disagree, and \
                 some researchers think the balance between the two minerals matters more \
                 than either amount alone.",
                Mixed,
                &["rosanoff-2016"],
            ),
            claim(
                "Proton pump inhibitors, medicines that reduce stomach acid, can cause low \
                 blood magnesium when taken for a long time, in most reported cases for more \
                 than a year. The US Food and Drug Administration warned about this in 2011 \
                 and noted that supplements alone did not always put it right.",
                Established,
                &["fda-2011-ppi", "ods-magnesium"],
            ),
            claim(
                "Loop and thiazide diuretics, water tablets often used for high blood pressure \
                 and heart failure, increase the magnesium lost in urine. Potassium-sparing \
                 diuretics work the other way and can make the body hold on to magnesium.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "Hard drinking water can supply a useful amount of magnesium, while soft or \
                 desalinated water supplies very little. Some population studies linked harder \
                 water with fewer deaths from heart disease, but such studies cannot prove that \
                 magnesium was the reason.",
                AssociationOnly,
                &["who-2009"],
            ),
            claim(
                "People with type 2 diabetes more often have low magnesium, partly because \
                 sugar in the urine carries magnesium out with it. In long-term studies, people \
                 who ate more magnesium were less likely to develop type 2 diabetes, which \
                 shows a link but not a cause.",
                AssociationOnly,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "Conditions of the gut such as Crohn's disease and coeliac disease, and \
                 long-lasting diarrhoea, can reduce how much magnesium is absorbed.",
                Established,
                &["ods-magnesium"],
            ),
        ],
        links: &[
            link("See today's total", "/today"),
            link("Medicines that interact with supplements", "/guide#safety"),
        ],
        figure: None,
    },
    Section {
        id: "food-sources",
        title: "Where magnesium comes from",
        intro: "Most people can reach their target with ordinary food. The examples below are \
                calculated from the food table in the app, so they match what you log.",
        claims: &[
            claim(
                "Leafy green vegetables such as spinach and chard are among the richest \
                 vegetables, and a cooked portion holds more than a raw one because the leaves \
                 shrink.",
                Established,
                &["usda-sr28", "ods-magnesium"],
            ),
            claim(
                "Beans, lentils, peas and soy foods are dependable sources, and one cooked \
                 portion often gives a useful share of a day's target.",
                Established,
                &["usda-sr28", "ods-magnesium"],
            ),
            claim(
                "Nuts and seeds are the most concentrated everyday sources; pumpkin seeds, \
                 almonds, cashews and sesame stand out even in a small handful.",
                Established,
                &["usda-sr28", "ods-magnesium"],
            ),
            claim(
                "Whole grains keep the bran and germ, where most of a grain's magnesium sits, \
                 so wholemeal bread, brown rice and oats provide far more than white bread or \
                 white rice.",
                Established,
                &["usda-sr28"],
            ),
            claim(
                "Cocoa powder and dark chocolate are rich in magnesium, and the darker the \
                 chocolate the more it holds. A usual portion is small, so it helps rather \
                 than carries the day.",
                Established,
                &["usda-sr28"],
            ),
            claim(
                "Coffee and tea contain only a little magnesium per cup, but for someone who \
                 drinks several cups a day it adds up to a small, real part of the total.",
                Established,
                &["usda-sr28"],
            ),
            claim(
                "Mineral waters vary enormously, from a few milligrams to well over 100 \
                 milligrams of magnesium per litre, and tap water varies with local hardness. \
                 It is worth checking the water you drink most.",
                Established,
                &["who-2009"],
            ),
            claim(
                "Only part of the magnesium in food is absorbed, and the share rises when \
                 intake is low. The reference values already allow for this, so the app \
                 compares the amounts in food with them directly.",
                Established,
                &["ods-magnesium", "iom-1997"],
            ),
        ],
        links: &[
            link("Browse foods", "/foods"),
            link("Foods richest in magnesium", "/foods?view=top"),
        ],
        figure: Some(Figure::FoodExamples),
    },
    Section {
        id: "supplement-forms",
        title: "Supplement forms",
        intro: "Supplements are sold as many different compounds. Labels usually state the \
                elemental magnesium, which is the amount that counts; the table shows how much \
                of each compound is magnesium.",
        claims: &[
            claim(
                "Only the magnesium part of a compound counts, and that share ranges from more \
                 than half of the weight for magnesium oxide to under a tenth for some organic \
                 salts. Compare doses by their elemental amount, not by the weight of the \
                 tablet.",
                Established,
                &["ods-magnesium"],
            ),
            claim(
                "In small studies, organic salts such as citrate, lactate or glycinate raised \
                 magnesium in blood or urine somewhat more than magnesium oxide did. The \
                 studies were short and measured different things, so how much this matters in \
                 everyday use is unclear.",
                Mixed,
                &["walker-2003", "ods-magnesium"],
            ),
            linked_claim(
                "Several forms, including oxide, citrate, chloride and sulfate, draw water into \
                 the bowel and are sold as laxatives at higher doses. Loose stools are the usual \
                 sign that a dose is more than the gut can take up.",
                Established,
                &["ods-magnesium", "efsa-2006"],
                &[link("Track loose stools", "/diary?symptom=loose-stools")],
            ),
            claim(
                "Magnesium L-threonate raised brain magnesium and improved learning and memory \
                 in rats. One small trial in older adults, run by the compound's developers, \
                 reported better test scores, which has yet to be confirmed by others.",
                SomeTrials,
                &["slutsky-2010", "liu-2016"],
            ),
            claim(
                "Magnesium in sprays, oils, lotions and bath salts has not been shown to pass \
                 through the skin in useful amounts. The app records topical products but does \
                 not add them to your total.",
                NoGoodEvidence,
                &["grober-2017"],
            ),
            claim(
                "The body takes up a smaller share of a large amount swallowed at once, so \
                 splitting a bigger dose across the day is reasonable. Nothing known about \
                 absorption favours morning over evening, so the time of day is a matter of \
                 personal preference.",
                Established,
                &["de-baaij-2015"],
            ),
        ],
        links: &[
            link("Log a supplement", "/today"),
            link("Track loose stools", "/diary?symptom=loose-stools"),
        ],
        figure: Some(Figure::ElementalShares),
    },
    Section {
        id: "what-people-take-it-for",
        title: "What people take it for",
        intro: "People try magnesium for many reasons. This is what research says about the \
                common ones; the diary can help you see whether it makes a difference for you.",
        claims: &[
            linked_claim(
                "Migraine prevention has the firmest support: a 2012 guideline from the \
                 American Academy of Neurology and the American Headache Society rated \
                 magnesium as probably effective (level B) for preventing migraine in adults.",
                SomeTrials,
                &["holland-2012"],
                &[link("Track headaches", "/diary?symptom=headache")],
            ),
            linked_claim(
                "In a trial of 126 adults with mild to moderate depression, symptoms improved \
                 within six weeks of taking magnesium chloride. Participants knew what they \
                 were taking and there was no placebo, so the true size of the effect is \
                 uncertain.",
                SomeTrials,
                &["tarleton-2017"],
                &[link("Track low mood", "/diary?symptom=low-mood")],
            ),
            linked_claim(
                "A systematic review found hints that magnesium may ease mild anxiety, mainly \
                 in people prone to it, but judged the quality of the studies to be poor.",
                SomeTrials,
                &["boyle-2017"],
                &[link("Track anxiety", "/diary?symptom=anxiety")],
            ),
            linked_claim(
                "Small trials in older adults with insomnia suggest magnesium may help them \
                 fall asleep somewhat sooner. A review of those trials rated the evidence as \
                 low quality, so the benefit is uncertain.",
                SomeTrials,
                &["abbasi-2012", "mah-2021"],
                &[link("Track sleep quality", "/diary?symptom=sleep")],
            ),
            linked_claim(
                "For the night-time leg cramps common in older adults, a 2020 Cochrane review \
                 concluded that magnesium is unlikely to help. A placebo-controlled trial of \
                 magnesium oxide also found no benefit.",
                NoGoodEvidence,
                &["garrison-2020", "roguin-maor-2017"],
                &[link("Track cramps", "/diary?symptom=cramps")],
            ),
            linked_claim(
                "For leg cramps in pregnancy, trials have given conflicting results and most \
                 had a high risk of bias, so it is worth asking a midwife or doctor first.",
                Mixed,
                &["garrison-2020"],
                &[link("Track cramps", "/diary?symptom=cramps")],
            ),
            claim(
                "Across 34 placebo-controlled trials, magnesium lowered blood pressure slightly, \
                 by about 2 mmHg on average. That is a small effect and no substitute for \
                 prescribed treatment.",
                SomeTrials,
                &["zhang-2016"],
            ),
            linked_claim(
                "Routine magnesium supplements in pregnancy have not been shown to improve \
                 outcomes for mother or baby; a Cochrane review found too little high-quality \
                 evidence either way.",
                NoGoodEvidence,
                &["makrides-2014"],
                &[link("Record pregnancy in your profile", "/settings")],
            ),
            claim(
                "In observational studies, people who eat more magnesium tend to have denser \
                 bones, but whether supplements prevent fractures has not been shown.",
                AssociationOnly,
                &["ods-magnesium"],
            ),
            linked_claim(
                "Trials in active people with adequate intake found no better performance or \
                 recovery with magnesium, while some studies suggest a benefit for people whose \
                 intake or status is low.",
                Mixed,
                &["finstad-2001", "zhang-2017-exercise"],
                &[link("Track fatigue", "/diary?symptom=fatigue")],
            ),
            linked_claim(
                "Children with ADHD have slightly lower blood magnesium on average than other \
                 children. Comparisons like this cannot show that magnesium causes or treats \
                 the condition.",
                AssociationOnly,
                &["effatpanah-2019"],
                &[link(
                    "Track restlessness or poor focus",
                    "/diary?symptom=restlessness",
                )],
            ),
        ],
        links: &[link("Open the symptom diary", "/diary")],
        figure: None,
    },
    Section {
        id: "safety",
        title: "Safety",
        intro: "Magnesium from food is safe for healthy people, and supplements rarely cause \
                anything worse than loose stools. A few groups need a doctor's advice first.",
        claims: &[
            linked_claim(
                "The usual side effects of supplements are diarrhoea, nausea and stomach \
                 cramps. They depend on the dose and usually settle when the dose is lowered.",
                Established,
                &["ods-magnesium", "efsa-2006"],
                &[link("Track loose stools", "/diary?symptom=loose-stools")],
            ),
            claim(
                "Magnesium from food is not a concern for healthy people, because the kidneys \
                 remove what the body does not need.",
                Established,
                &["ods-magnesium", "iom-1997"],
            ),
            claim(
                "Dangerous excess is rare and usually follows very large doses of laxatives or \
                 antacids that contain magnesium, often in people whose kidneys work poorly. \
                 Signs include low blood pressure, flushing, nausea, muscle weakness and an \
                 irregular heartbeat, and in severe cases trouble breathing or cardiac arrest.",
                Established,
                &["ods-magnesium"],
            ),
            claim(
                "People with kidney disease should not take magnesium supplements, laxatives or \
                 antacids without their doctor's advice, because their kidneys may not clear \
                 the excess.",
                Established,
                &["ods-magnesium", "de-baaij-2015"],
            ),
            claim(
                "People with heart block or another problem with the heart's electrical \
                 conduction should ask their doctor before taking magnesium supplements. This \
                 is a precaution: magnesium at high blood levels can slow that conduction, but \
                 studies of supplements in people with such problems are missing.",
                NoGoodEvidence,
                &["de-baaij-2015", "ods-magnesium"],
            ),
            claim(
                "Magnesium binds tetracycline and quinolone antibiotics in the gut and stops \
                 them from being absorbed properly. Take these antibiotics at least two hours \
                 before or four to six hours after magnesium, unless your pharmacist advises \
                 otherwise.",
                Established,
                &["ods-magnesium"],
            ),
            claim(
                "Magnesium can reduce the absorption of bisphosphonates, medicines for \
                 osteoporosis, so the two should be taken at least two hours apart.",
                Established,
                &["ods-magnesium"],
            ),
            claim(
                "Anyone taking diuretics should mention magnesium supplements to their doctor: \
                 some diuretics drain magnesium, while potassium-sparing ones can make it build \
                 up.",
                Established,
                &["ods-magnesium"],
            ),
        ],
        links: &[
            link("Log what you take", "/today"),
            link("Track loose stools", "/diary?symptom=loose-stools"),
            link("Upper levels explained", "/guide#how-much"),
        ],
        figure: None,
    },
];

const SOURCES: &[Source] = &[
    Source {
        id: "ods-magnesium",
        authors: "National Institutes of Health, Office of Dietary Supplements",
        title: "Magnesium: Fact Sheet for Health Professionals",
        year: 2022,
        publisher: "U.S. Department of Health and Human Services, Bethesda, MD",
        doi: None,
        pmid: None,
        isbn: None,
        url: Some("https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"),
    },
    Source {
        id: "iom-1997",
        authors: "Institute of Medicine, Standing Committee on the Scientific Evaluation of \
                  Dietary Reference Intakes",
        title: "Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and \
                Fluoride",
        year: 1997,
        publisher: "National Academy Press, Washington, DC",
        doi: Some("10.17226/5776"),
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "efsa-2015",
        authors: "EFSA Panel on Dietetic Products, Nutrition and Allergies (NDA)",
        title: "Scientific Opinion on Dietary Reference Values for magnesium",
        year: 2015,
        publisher: "EFSA Journal 13(7):4186",
        doi: Some("10.2903/j.efsa.2015.4186"),
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "efsa-2006",
        authors: "Scientific Committee on Food; EFSA Scientific Panel on Dietetic Products, \
                  Nutrition and Allergies",
        title: "Tolerable Upper Intake Levels for Vitamins and Minerals",
        year: 2006,
        publisher: "European Food Safety Authority, Parma",
        doi: None,
        pmid: None,
        isbn: None,
        url: Some(
            "https://www.efsa.europa.eu/sites/default/files/efsa_rep/blobserver_assets/\
             ndatolerableuil.pdf",
        ),
    },
    Source {
        id: "de-baaij-2015",
        authors: "de Baaij JHF, Hoenderop JGJ, Bindels RJM",
        title: "Magnesium in man: implications for health and disease",
        year: 2015,
        publisher: "Physiological Reviews 95(1):1–46",
        doi: Some("10.1152/physrev.00012.2014"),
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "slutsky-2010",
        authors: "Slutsky I, Abumaria N, Wu LJ, Huang C, Zhang L, Li B, Zhao X, \
                  Govindarajan A, Zhao MG, Zhuo M, Tonegawa S, Liu G",
        title: "Enhancement of learning and memory by elevating brain magnesium",
        year: 2010,
        publisher: "Neuron 65(2):165–177",
        doi: Some("10.1016/j.neuron.2009.12.026"),
        pmid: Some(20152124),
        isbn: None,
        url: None,
    },
    Source {
        id: "liu-2016",
        authors: "Liu G, Weinger JG, Lu ZL, Xue F, Sadeghpour S",
        title: "Efficacy and Safety of MMFS-01, a Synapse Density Enhancer, for Treating \
                Cognitive Impairment in Older Adults: A Randomized, Double-Blind, \
                Placebo-Controlled Trial",
        year: 2016,
        publisher: "Journal of Alzheimer's Disease 49(4):971–990",
        doi: Some("10.3233/JAD-150538"),
        pmid: Some(26519439),
        isbn: None,
        url: None,
    },
    Source {
        id: "walker-2003",
        authors: "Walker AF, Marakis G, Christie S, Byng M",
        title: "Mg citrate found more bioavailable than other Mg preparations in a randomised, \
                double-blind study",
        year: 2003,
        publisher: "Magnesium Research 16(3):183–191",
        doi: None,
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "grober-2017",
        authors: "Gröber U, Werner T, Vormann J, Kisters K",
        title: "Myth or Reality—Transdermal Magnesium?",
        year: 2017,
        publisher: "Nutrients 9(8):813",
        doi: Some("10.3390/nu9080813"),
        pmid: Some(28788060),
        isbn: None,
        url: None,
    },
    Source {
        id: "holland-2012",
        authors: "Holland S, Silberstein SD, Freitag F, Dodick DW, Argoff C, Ashman E",
        title: "Evidence-based guideline update: NSAIDs and other complementary treatments \
                for episodic migraine prevention in adults: Report of the Quality Standards \
                Subcommittee of the American Academy of Neurology and the American Headache \
                Society",
        year: 2012,
        publisher: "Neurology 78(17):1346–1353",
        doi: Some("10.1212/WNL.0b013e3182535d0c"),
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "tarleton-2017",
        authors: "Tarleton EK, Littenberg B, MacLean CD, Kennedy AG, Daley C",
        title: "Role of magnesium supplementation in the treatment of depression: A \
                randomized clinical trial",
        year: 2017,
        publisher: "PLoS One 12(6):e0180067",
        doi: Some("10.1371/journal.pone.0180067"),
        pmid: Some(28654669),
        isbn: None,
        url: None,
    },
    Source {
        id: "boyle-2017",
        authors: "Boyle NB, Lawton C, Dye L",
        title: "The Effects of Magnesium Supplementation on Subjective Anxiety and Stress—A \
                Systematic Review",
        year: 2017,
        publisher: "Nutrients 9(5):429",
        doi: Some("10.3390/nu9050429"),
        pmid: Some(28445426),
        isbn: None,
        url: None,
    },
    Source {
        id: "abbasi-2012",
        authors: "Abbasi B, Kimiagar M, Sadeghniiat K, Shirazi MM, Hedayati M, Rashidkhani B",
        title: "The effect of magnesium supplementation on primary insomnia in elderly: A \
                double-blind placebo-controlled clinical trial",
        year: 2012,
        publisher: "Journal of Research in Medical Sciences 17(12):1161–1169",
        doi: None,
        pmid: Some(23853635),
        isbn: None,
        url: None,
    },
    Source {
        id: "mah-2021",
        authors: "Mah J, Pitre T",
        title: "Oral magnesium supplementation for insomnia in older adults: a Systematic \
                Review & Meta-Analysis",
        year: 2021,
        publisher: "BMC Complementary Medicine and Therapies 21:125",
        doi: Some("10.1186/s12906-021-03297-z"),
        pmid: Some(33865376),
        isbn: None,
        url: None,
    },
    Source {
        id: "garrison-2020",
        authors: "Garrison SR, Korownyk CS, Kolber MR, et al.",
        title: "Magnesium for skeletal muscle cramps",
        year: 2020,
        publisher: "Cochrane Database of Systematic Reviews 2020, Issue 9, CD009402",
        doi: Some("10.1002/14651858.CD009402.pub3"),
        pmid: Some(32956536),
        isbn: None,
        url: None,
    },
    Source {
        id: "roguin-maor-2017",
        authors: "Roguin Maor N, Alperin M, Shturman E, Khairaldeen H, Friedman M, Karkabi K, \
                  Milman U",
        title: "Effect of Magnesium Oxide Supplementation on Nocturnal Leg Cramps: A \
                Randomized Clinical Trial",
        year: 2017,
        publisher: "JAMA Internal Medicine 177(5):617–623",
        doi: Some("10.1001/jamainternmed.2016.9261"),
        pmid: Some(28241153),
        isbn: None,
        url: None,
    },
    Source {
        id: "zhang-2016",
        authors: "Zhang X, Li Y, Del Gobbo LC, Rosanoff A, Wang J, Zhang W, Song Y",
        title: "Effects of Magnesium Supplementation on Blood Pressure: A Meta-Analysis of \
                Randomized Double-Blind Placebo-Controlled Trials",
        year: 2016,
        publisher: "Hypertension 68(2):324–333",
        doi: Some("10.1161/HYPERTENSIONAHA.116.07664"),
        pmid: Some(27402922),
        isbn: None,
        url: None,
    },
    Source {
        id: "makrides-2014",
        authors: "Makrides M, Crosby DD, Bain E, Crowther CA",
        title: "Magnesium supplementation in pregnancy",
        year: 2014,
        publisher: "Cochrane Database of Systematic Reviews 2014, Issue 4, CD000937",
        doi: Some("10.1002/14651858.CD000937.pub2"),
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "fda-2011-ppi",
        authors: "U.S. Food and Drug Administration",
        title: "FDA Drug Safety Communication: Low magnesium levels can be associated with \
                long-term use of Proton Pump Inhibitor drugs (PPIs)",
        year: 2011,
        publisher: "U.S. Food and Drug Administration, Silver Spring, MD",
        doi: None,
        pmid: None,
        isbn: None,
        url: Some(
            "https://www.fda.gov/drugs/drug-safety-and-availability/\
             fda-drug-safety-communication-low-magnesium-levels-can-be-associated-long-term-use-\
             proton-pump",
        ),
    },
    Source {
        id: "who-2009",
        authors: "World Health Organization",
        title: "Calcium and Magnesium in Drinking-water: Public health significance",
        year: 2009,
        publisher: "World Health Organization, Geneva",
        doi: None,
        pmid: None,
        isbn: Some("978 92 4 156355 0"),
        url: None,
    },
    Source {
        id: "kynast-gales-1994",
        authors: "Kynast-Gales SA, Massey LK",
        title: "Effect of caffeine on circadian excretion of urinary calcium and magnesium",
        year: 1994,
        publisher: "Journal of the American College of Nutrition 13(5):467–472",
        doi: None,
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "rosanoff-2016",
        authors: "Rosanoff A, Dai Q, Shapses SA",
        title: "Essential Nutrient Interactions: Does Low or Suboptimal Magnesium Status \
                Interact with Vitamin D and/or Calcium Status?",
        year: 2016,
        publisher: "Advances in Nutrition 7(1):25–43",
        doi: Some("10.3945/an.115.008631"),
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "usda-sr28",
        authors: "U.S. Department of Agriculture, Agricultural Research Service, Nutrient Data \
                  Laboratory",
        title: "USDA National Nutrient Database for Standard Reference, Release 28 (2015, \
                revised 2016)",
        year: 2016,
        publisher: "U.S. Department of Agriculture, Beltsville, MD",
        doi: None,
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "finstad-2001",
        authors: "Finstad EW, Newhouse IJ, Lukaski HC, McAuliffe JE, Stewart CR",
        title: "The effects of magnesium supplementation on exercise performance",
        year: 2001,
        publisher: "Medicine & Science in Sports & Exercise 33(3):493–498",
        doi: None,
        pmid: None,
        isbn: None,
        url: None,
    },
    Source {
        id: "zhang-2017-exercise",
        authors: "Zhang Y, Xun P, Wang R, Mao L, He K",
        title: "Can Magnesium Enhance Exercise Performance?",
        year: 2017,
        publisher: "Nutrients 9(9):946",
        doi: Some("10.3390/nu9090946"),
        pmid: Some(28846654),
        isbn: None,
        url: None,
    },
    Source {
        id: "effatpanah-2019",
        authors: "Effatpanah M, Rezaei M, et al.",
        title: "Magnesium status and attention deficit hyperactivity disorder (ADHD): A \
                meta-analysis",
        year: 2019,
        publisher: "Psychiatry Research 274:228–234",
        doi: Some("10.1016/j.psychres.2019.02.043"),
        pmid: Some(30807974),
        isbn: None,
        url: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dri::{self, MAX_AGE_YEARS, Reference};
    use std::collections::HashSet;

    fn all_claims() -> impl Iterator<Item = (&'static Section, &'static Claim)> {
        guide()
            .sections
            .iter()
            .flat_map(|s| s.claims.iter().map(move |c| (s, c)))
    }

    fn all_links() -> impl Iterator<Item = (&'static str, &'static Link)> {
        guide().sections.iter().flat_map(|s| {
            s.links
                .iter()
                .chain(s.claims.iter().flat_map(|c| c.links.iter()))
                .map(move |l| (s.id, l))
        })
    }

    /// Every piece of prose in the Guide with a name for failure messages;
    /// source URLs are left out on purpose, they are the only place a web
    /// address belongs.
    fn all_texts() -> Vec<(String, &'static str)> {
        let g = guide();
        let mut texts = vec![("disclaimer".to_owned(), g.disclaimer)];
        for s in g.sections {
            texts.push((format!("{} id", s.id), s.id));
            texts.push((format!("{} title", s.id), s.title));
            texts.push((format!("{} intro", s.id), s.intro));
            for (i, c) in s.claims.iter().enumerate() {
                texts.push((format!("{} claim {i}", s.id), c.text));
            }
        }
        for (section, l) in all_links() {
            texts.push((format!("{section} link label"), l.label));
            texts.push((format!("{section} link href"), l.href));
        }
        for src in g.sources {
            texts.push((format!("{} authors", src.id), src.authors));
            texts.push((format!("{} title", src.id), src.title));
            texts.push((format!("{} publisher", src.id), src.publisher));
            texts.extend(src.doi.map(|d| (format!("{} doi", src.id), d)));
        }
        for e in evidence_levels() {
            texts.push((format!("{e:?} label"), e.label()));
            texts.push((format!("{e:?} explanation"), e.explanation()));
        }
        for set in ReferenceSet::ALL {
            for row in reference_rows(set) {
                texts.push((format!("{set:?} row"), row.ages));
            }
        }
        texts
    }

    /// Sentences in a text: a full stop, question or exclamation mark ends a
    /// sentence when it is followed by a space or the end of the text, so
    /// decimals such as "2.0" are not counted. The Guide avoids abbreviations
    /// with full stops for this reason.
    fn sentences(text: &str) -> usize {
        let chars: Vec<char> = text.chars().collect();
        chars
            .iter()
            .enumerate()
            .filter(|&(i, c)| {
                matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
            })
            .count()
    }

    fn is_slug(id: &str) -> bool {
        !id.is_empty()
            && !id.starts_with('-')
            && !id.ends_with('-')
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }

    #[test]
    fn sections_are_the_published_anchors_in_order() {
        let ids: Vec<&str> = guide().sections.iter().map(|s| s.id).collect();
        assert_eq!(
            ids,
            [
                "why-it-matters",
                "how-much",
                "what-lowers-magnesium",
                "food-sources",
                "supplement-forms",
                "what-people-take-it-for",
                "safety",
            ]
        );
        for id in ids {
            assert!(is_slug(id), "{id}");
            assert_eq!(section(id).map(|s| s.id), Some(id));
        }
        assert!(section("nope").is_none());
    }

    #[test]
    fn figures_sit_in_their_sections_once_each() {
        let cases = [
            ("how-much", Figure::ReferenceTables),
            ("food-sources", Figure::FoodExamples),
            ("supplement-forms", Figure::ElementalShares),
        ];
        for (id, figure) in cases {
            assert_eq!(section(id).and_then(|s| s.figure), Some(figure), "{id}");
        }
        let placed = guide().sections.iter().filter(|s| s.figure.is_some());
        assert_eq!(placed.count(), cases.len());
    }

    #[test]
    fn every_claim_cites_existing_sources_without_repeats() {
        for (s, c) in all_claims() {
            assert!(!c.sources.is_empty(), "{}: {}", s.id, c.text);
            let unique: HashSet<_> = c.sources.iter().collect();
            assert_eq!(unique.len(), c.sources.len(), "repeat in {}", c.text);
            for id in c.sources {
                assert!(source(id).is_some(), "{}: unknown source {id}", s.id);
            }
        }
    }

    #[test]
    fn every_source_is_cited() {
        let cited: HashSet<&str> = all_claims()
            .flat_map(|(_, c)| c.sources.iter().copied())
            .collect();
        for src in guide().sources {
            assert!(cited.contains(src.id), "{} is never cited", src.id);
        }
    }

    #[test]
    fn required_sources_are_present() {
        for id in [
            "ods-magnesium",
            "iom-1997",
            "efsa-2015",
            "efsa-2006",
            "garrison-2020",
            "roguin-maor-2017",
            "zhang-2016",
            "boyle-2017",
            "holland-2012",
            "fda-2011-ppi",
            "abbasi-2012",
            "tarleton-2017",
            "de-baaij-2015",
            "slutsky-2010",
        ] {
            assert!(source(id).is_some(), "{id}");
        }
    }

    #[test]
    fn sources_are_well_formed() {
        let mut ids = HashSet::new();
        for src in guide().sources {
            assert!(is_slug(src.id), "{}", src.id);
            assert!(ids.insert(src.id), "duplicate id {}", src.id);
            assert!((1990..=2030).contains(&src.year), "{}", src.id);
            for text in [src.authors, src.title, src.publisher] {
                assert!(!text.trim().is_empty(), "{}", src.id);
                assert_eq!(text, text.trim(), "{}", src.id);
                assert!(!text.contains("  "), "{}: {text}", src.id);
            }
            if let Some(doi) = src.doi {
                assert!(doi.starts_with("10.") && doi.contains('/'), "{doi}");
                assert!(!doi.contains(char::is_whitespace), "{doi}");
            }
            assert_ne!(src.pmid, Some(0), "{}", src.id);
            if let Some(url) = src.url {
                assert!(url.starts_with("https://"), "{url}");
                assert!(!url.contains(char::is_whitespace), "{url}");
            }
        }
        assert_eq!(source_number("ods-magnesium"), Some(1));
        assert_eq!(
            source_number("effatpanah-2019"),
            Some(guide().sources.len())
        );
        assert_eq!(source_number("nope"), None);
    }

    #[test]
    fn source_links_prefer_url_then_doi_then_pubmed() {
        let cases = [
            (
                "ods-magnesium",
                Some("https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"),
            ),
            (
                "garrison-2020",
                Some("https://doi.org/10.1002/14651858.CD009402.pub3"),
            ),
            (
                "abbasi-2012",
                Some("https://pubmed.ncbi.nlm.nih.gov/23853635/"),
            ),
            ("walker-2003", None),
        ];
        for (id, expected) in cases {
            let href = source(id).and_then(Source::href);
            assert_eq!(href.as_deref(), expected, "{id}");
        }
    }

    #[test]
    fn citations_read_as_one_line() {
        let cases = [
            (
                "zhang-2017-exercise",
                "Zhang Y, Xun P, Wang R, Mao L, He K (2017). Can Magnesium Enhance Exercise \
                 Performance? Nutrients 9(9):946.",
            ),
            (
                "efsa-2015",
                "EFSA Panel on Dietetic Products, Nutrition and Allergies (NDA) (2015). \
                 Scientific Opinion on Dietary Reference Values for magnesium. EFSA Journal \
                 13(7):4186.",
            ),
        ];
        for (id, expected) in cases {
            assert_eq!(source(id).map(Source::citation).as_deref(), Some(expected));
        }
    }

    /// The reference tables in the Guide and the calculator must cite the
    /// same documents.
    #[test]
    fn sources_agree_with_the_calculator_citations() {
        let efsa = source("efsa-2015").and_then(|s| s.doi);
        assert!(efsa.is_some_and(|doi| dri::EFSA_CITATION.contains(doi)));
        let iom = source("iom-1997").map(|s| s.title);
        assert!(iom.is_some_and(|title| dri::IOM_CITATION.contains(title)));
    }

    #[test]
    fn claims_are_one_to_three_sentences() {
        for (s, c) in all_claims() {
            let n = sentences(c.text);
            assert!((1..=3).contains(&n), "{}: {n} sentences: {}", s.id, c.text);
            assert!(c.text.ends_with('.'), "{}", c.text);
            assert!(c.text.chars().count() <= 400, "{}", c.text);
        }
    }

    #[test]
    fn sentence_counter_ignores_decimals() {
        let cases = [
            ("One.", 1),
            ("One. Two.", 2),
            ("About 2.0 mmHg. Small?", 2),
            ("No end", 0),
        ];
        for (text, n) in cases {
            assert_eq!(sentences(text), n, "{text}");
        }
    }

    #[test]
    fn sections_are_sized_for_reading() {
        for s in guide().sections {
            assert!((5..=11).contains(&s.claims.len()), "{}", s.id);
            assert!(!s.title.is_empty() && !s.intro.is_empty(), "{}", s.id);
            assert!((1..=2).contains(&sentences(s.intro)), "{}", s.id);
            assert!(!s.links.is_empty(), "{} has no link", s.id);
        }
    }

    #[test]
    fn every_link_is_an_internal_route() {
        for (section, l) in all_links() {
            assert!(is_internal_route(l.href), "{section}: {}", l.href);
            assert!(!l.label.is_empty(), "{section}: {}", l.href);
        }
    }

    /// Each link's path is one the router serves, read from the router's own
    /// table, so a renamed route cannot leave the Guide pointing nowhere.
    #[test]
    fn every_link_is_served_by_the_router() {
        for (section, l) in all_links() {
            let path = l.href.split(['?', '#']).next().unwrap_or_default();
            assert!(routes::is_served(path), "{section}: {}", l.href);
        }
    }

    #[test]
    fn internal_routes() {
        let cases = [
            ("/foods", true),
            ("/foods?view=top", true),
            ("/today", true),
            ("/diary", true),
            ("/settings", true),
            ("/diary?symptom=cramps", true),
            ("/diary?symptom=loose-stools", true),
            ("/guide#safety", true),
            ("/guide#how-much", true),
            ("/foods?view=all", false),
            ("/diary?symptom=", false),
            ("/diary?symptom=Cramps", false),
            ("/diary?symptom=custom-1", false),
            ("/diary?symptom=cramps&x=1", false),
            ("/guide", false),
            ("/guide#", false),
            ("/guide#nope", false),
            ("/today/", false),
            ("today", false),
            ("/settings#x", false),
            ("https://example.com/", false),
            ("//example.com", false),
            ("", false),
        ];
        for (href, expected) in cases {
            assert_eq!(is_internal_route(href), expected, "{href}");
        }
    }

    /// Every built-in diary symptom the issue names is reachable from the
    /// Guide, and the ids really are built-in ones.
    #[test]
    fn symptom_links_use_built_in_symptoms() {
        let defaults = SymptomList::defaults();
        let linked: HashSet<&str> = all_links()
            .filter_map(|(_, l)| l.href.strip_prefix("/diary?symptom="))
            .collect();
        for id in &linked {
            let id = SymptomId::new(id).expect("link ids follow the id grammar");
            assert!(defaults.get(&id).is_some(), "{}", id.as_str());
        }
        for id in [
            "headache",
            "low-mood",
            "anxiety",
            "sleep",
            "cramps",
            "restlessness",
            "fatigue",
            "loose-stools",
        ] {
            assert!(linked.contains(id), "no link to {id}");
        }
    }

    #[test]
    fn no_web_addresses_or_brands_in_the_text() {
        const DENIED: [&str; 8] = [
            "http", "www.", "®", "™", "©", "magtein", "nexium", "prilosec",
        ];
        for (name, text) in all_texts() {
            let lower = text.to_lowercase();
            for word in DENIED {
                assert!(!lower.contains(word), "{name} contains {word:?}: {text}");
            }
        }
    }

    #[test]
    fn evidence_legend_is_complete_and_used() {
        let levels = evidence_levels();
        assert_eq!(levels.len(), 5);
        let labels: HashSet<_> = levels.iter().map(|e| e.label()).collect();
        let keys: HashSet<_> = levels.iter().map(|e| e.key()).collect();
        assert_eq!(labels.len(), levels.len());
        assert_eq!(keys.len(), levels.len());
        for &e in levels {
            assert_eq!(sentences(e.explanation()), 1, "{e:?}");
            assert!(is_slug(e.key()), "{e:?}");
            assert!(
                all_claims().any(|(_, c)| c.evidence == e),
                "{e:?} is in the legend but never used"
            );
        }
    }

    /// Ages a band spans, as the [`Age`] values a person can enter.
    fn ages_in(b: &AgeBand) -> Vec<Age> {
        (b.first_month..=b.last_month)
            .filter(|&m| m < 12 || m % 12 == 0)
            .map(|m| Age::from_months(m).expect("band ages are valid"))
            .collect()
    }

    fn key(r: &Reference) -> (Option<dri::Target>, Option<u32>, &'static str) {
        (r.target, r.upper_limit_mg, r.life_stage)
    }

    #[test]
    fn one_row_per_band() {
        for set in ReferenceSet::ALL {
            assert_eq!(reference_rows(set).len(), age_bands(set).len(), "{set:?}");
        }
    }

    #[test]
    fn every_age_finds_its_own_row() {
        let cases = [
            (ReferenceSet::Iom1997, Age::from_months(0), "0–6 months"),
            (ReferenceSet::Iom1997, Age::from_months(5), "0–6 months"),
            (ReferenceSet::Iom1997, Age::from_months(6), "7–12 months"),
            (ReferenceSet::Iom1997, Age::from_months(11), "7–12 months"),
            (ReferenceSet::Efsa2015, Age::from_months(5), "0–6 months"),
            (ReferenceSet::Efsa2015, Age::from_months(6), "7–11 months"),
            (ReferenceSet::Efsa2015, Age::from_months(11), "7–11 months"),
            (ReferenceSet::Efsa2015, Age::from_months(12), "1–2 years"),
            (ReferenceSet::Iom1997, Age::from_years(13), "9–13 years"),
            (
                ReferenceSet::Iom1997,
                Age::from_years(51),
                "51 years and over",
            ),
            (ReferenceSet::Efsa2015, Age::from_years(3), "3 years"),
            (ReferenceSet::Efsa2015, Age::from_years(4), "4–9 years"),
            (ReferenceSet::Efsa2015, Age::from_years(17), "10–17 years"),
            (
                ReferenceSet::Efsa2015,
                Age::from_years(MAX_AGE_YEARS),
                "18 years and over",
            ),
        ];
        for (set, age, ages) in cases {
            let age = age.expect("valid age");
            let rows = reference_rows(set);
            let row = row_for_age(set, age).and_then(|i| rows.get(i));
            assert_eq!(row.map(|r| r.ages), Some(ages), "{set:?} {age}");
        }
        for set in ReferenceSet::ALL {
            for (i, b) in age_bands(set).iter().enumerate() {
                for age in ages_in(b) {
                    assert_eq!(row_for_age(set, age), Some(i), "{set:?} {age}");
                }
            }
        }
    }

    /// Each row's profiles stand for every age in the band: any age in it
    /// gives the same target, upper level and life stage.
    #[test]
    fn every_age_in_a_row_has_the_rows_values() {
        for set in ReferenceSet::ALL {
            for (b, row) in age_bands(set).iter().zip(reference_rows(set)) {
                assert_eq!(b.ages, row.ages);
                for age in ages_in(b) {
                    let cells = [
                        (Sex::Male, Status::None, Some(row.male)),
                        (Sex::Female, Status::None, Some(row.female)),
                        (Sex::Female, Status::Pregnant, row.pregnant),
                        (Sex::Female, Status::Breastfeeding, row.breastfeeding),
                    ];
                    for (sex, status, cell) in cells {
                        // A cell the set does not publish, or a status not
                        // allowed at this age, has nothing to compare.
                        let (Ok(p), Some(cell)) = (Profile::new(age, sex, status), cell) else {
                            continue;
                        };
                        assert_eq!(
                            key(&dri::reference(p, set)),
                            key(&dri::reference(cell, set)),
                            "{set:?} {} {age} {sex:?} {status:?}",
                            row.ages
                        );
                    }
                }
            }
        }
    }

    /// Whatever profile a person enters, the value the calculator gives them
    /// appears somewhere in the Guide's table for that set.
    #[test]
    fn tables_show_every_value_the_calculator_can_give() {
        for set in ReferenceSet::ALL {
            let shown: HashSet<_> = reference_rows(set)
                .iter()
                .flat_map(|r| [Some(r.male), Some(r.female), r.pregnant, r.breastfeeding])
                .flatten()
                .map(|p| key(&dri::reference(p, set)))
                .collect();
            let ages = (0..12)
                .map(Age::from_months)
                .chain((1..=MAX_AGE_YEARS).map(Age::from_years));
            for age in ages {
                let age = age.expect("valid age");
                for sex in [Sex::Male, Sex::Female] {
                    for status in [Status::None, Status::Pregnant, Status::Breastfeeding] {
                        if let Ok(p) = Profile::new(age, sex, status) {
                            let k = key(&dri::reference(p, set));
                            assert!(shown.contains(&k), "{set:?} {age} {sex:?} {status:?}");
                        }
                    }
                }
            }
        }
    }

    /// EFSA's youngest row publishes no value, so the Guide must not say
    /// that EFSA covers every age group, and must say where its values start.
    #[test]
    fn efsa_youngest_row_has_no_value_and_the_text_says_so() {
        let rows = reference_rows(ReferenceSet::Efsa2015);
        let first = rows.first().expect("EFSA has rows");
        assert_eq!(first.ages, "0–6 months");
        for p in [first.male, first.female] {
            assert_eq!(dri::reference(p, ReferenceSet::Efsa2015).target, None);
        }
        assert!(rows[1..].iter().all(|r| {
            dri::reference(r.male, ReferenceSet::Efsa2015)
                .target
                .is_some()
        }));
        assert!(!all_claims().any(|(_, c)| c.text.contains("every age group")));
        assert!(all_claims().any(|(_, c)| {
            c.text.contains("EFSA")
                && c.text.contains("from 7 months")
                && c.text.contains("no value for younger babies")
        }));
    }

    /// The heart-block precaution rests on physiology the cited sources do
    /// not spell out for supplements, so it cannot carry the top level.
    #[test]
    fn heart_block_precaution_is_not_marked_established() {
        let claims: Vec<&Claim> = all_claims()
            .map(|(_, c)| c)
            .filter(|c| c.text.contains("heart block"))
            .collect();
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].evidence, NoGoodEvidence);
    }

    #[test]
    fn status_columns_follow_the_published_tables() {
        let with_status = |set| -> Vec<&'static str> {
            reference_rows(set)
                .into_iter()
                .filter(|r| r.pregnant.is_some() && r.breastfeeding.is_some())
                .map(|r| r.ages)
                .collect()
        };
        assert_eq!(
            with_status(ReferenceSet::Iom1997),
            ["14–18 years", "19–30 years", "31–50 years"]
        );
        assert_eq!(
            with_status(ReferenceSet::Efsa2015),
            ["10–17 years", "18 years and over"]
        );
    }

    /// The supplement-forms section says the share runs from more than half
    /// (oxide) to under a tenth; these are the numbers behind that sentence.
    #[test]
    fn elemental_shares_come_from_the_supplement_formulas() {
        let shares = elemental_shares();
        let with_compound = SupplementForm::ALL
            .iter()
            .filter(|f| f.compound().is_some())
            .count();
        assert_eq!(shares.len(), with_compound);
        assert!(shares.iter().all(|s| s.form != SupplementForm::Other));
        assert!(shares.windows(2).all(|w| w[0].fraction >= w[1].fraction));
        for s in &shares {
            assert_eq!(Some(s.fraction), s.form.elemental_fraction());
            assert!(s.fraction > 0.0 && s.fraction < 1.0, "{:?}", s.form);
        }
        assert_eq!(shares.first().map(|s| s.form), Some(SupplementForm::Oxide));
        assert!(shares.first().is_some_and(|s| s.fraction > 0.5));
        assert!(shares.last().is_some_and(|s| s.fraction < 0.1));
    }
}
