//! Geometry for the inline-SVG history chart: daily magnesium as bars on the
//! left axis, the target as a horizontal line, and symptom ratings (0–10) as
//! lines on the right axis, over the 7, 30 or 90 days ending on a date.
//!
//! Everything here is numbers and strings in one fixed `viewBox`; the page
//! only turns them into elements. A day without data gets no bar and breaks
//! the symptom line, because drawing a zero would claim something the person
//! never recorded.

use crate::domain::date::Date;
use crate::domain::day::DayLog;
use crate::domain::diary::{DiaryEntry, Rating, SymptomId, SymptomList};
use crate::domain::mg;
use crate::domain::sorted::SortedMap;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// The width of the `viewBox`; the SVG scales to its container.
pub const VIEW_WIDTH: f64 = 640.0;
/// The height of the `viewBox`.
pub const VIEW_HEIGHT: f64 = 320.0;
/// The `viewBox` attribute value matching [`VIEW_WIDTH`] and [`VIEW_HEIGHT`].
pub const VIEW_BOX: &str = "0 0 640 320";

/// The plotting area inside the `viewBox`; the margins hold the axis labels
/// (milligrams on the left, ratings on the right, dates below).
pub const PLOT: Rect = Rect {
    left: 52.0,
    top: 12.0,
    right: 604.0,
    bottom: 288.0,
};

/// Bars fill this share of a day's slot, leaving a gap between days.
pub const BAR_FILL: f64 = 0.7;

/// The mg axis top when there is no data and no target, so an empty chart
/// still has a sensible scale.
pub const EMPTY_MG_TOP: f64 = 400.0;

/// The most symptom lines at once: the style sheet has three line colours,
/// and more lines on a phone turn into a tangle.
pub const MAX_SERIES: usize = 3;

/// A rectangle by its edges, in `viewBox` units (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// The length of the chart window. Stored in settings as `"week"`,
/// `"month"` or `"quarter"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    Week,
    Month,
    Quarter,
}

/// One symptom line.
#[derive(Clone, Debug, PartialEq)]
pub struct SymptomSeries {
    /// The symptom's display name, for the legend.
    pub label: String,
    /// Shown in the legend ("higher is better"), since a rising sleep
    /// quality line is good news while a rising cramps line is not.
    pub higher_is_better: bool,
    /// Ratings by day; days without a rating are absent.
    pub ratings: SortedMap<Date, Rating>,
}

/// Everything the chart needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartInput<'a> {
    /// The last day shown (usually today).
    pub end: Date,
    pub span: Span,
    /// Total magnesium in mg by day; days with nothing logged are absent.
    /// Negative or non-finite values are treated as missing.
    pub magnesium_mg: &'a SortedMap<Date, f64>,
    /// The daily target in mg, if a profile exists.
    pub target_mg: Option<f64>,
    pub symptoms: &'a [SymptomSeries],
}

/// A laid-out chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// The first and last day shown.
    pub start: Date,
    pub end: Date,
    pub plot: Rect,
    /// The value at the top of the mg axis.
    pub mg_top: f64,
    pub bars: Vec<Bar>,
    pub target: Option<TargetLine>,
    /// Ticks for the left (mg) axis, bottom to top, starting at 0.
    pub mg_ticks: Vec<YTick>,
    /// Ticks for the right (rating) axis; empty when no symptom is shown.
    pub rating_ticks: Vec<YTick>,
    /// Date ticks along the bottom, oldest first, always including `end`.
    pub date_ticks: Vec<XTick>,
    pub series: Vec<SeriesLine>,
}

/// One day's magnesium bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub date: Date,
    pub value_mg: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Whether the day reached the target; `None` without a target.
    pub at_target: Option<bool>,
}

/// The horizontal target line across the plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetLine {
    pub value_mg: f64,
    pub y: f64,
}

/// A label on a vertical axis.
#[derive(Clone, Debug, PartialEq)]
pub struct YTick {
    pub y: f64,
    pub label: String,
}

/// A date label on the horizontal axis. `label` is a short English form
/// ("3 Mar"); `date` is there for pages that format dates themselves.
#[derive(Clone, Debug, PartialEq)]
pub struct XTick {
    pub x: f64,
    pub date: Date,
    pub label: String,
}

/// One symptom line: an SVG path with a new `M` after every gap, and the
/// individual points so that isolated days (which a path cannot show) can be
/// drawn as dots.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesLine {
    pub label: String,
    pub higher_is_better: bool,
    /// The `d` attribute; empty when the window holds no rating.
    pub path: String,
    pub points: Vec<Point>,
}

/// A rated day on a symptom line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub date: Date,
    pub rating: u8,
    pub x: f64,
    pub y: f64,
}

impl Span {
    pub const ALL: [Span; 3] = [Span::Week, Span::Month, Span::Quarter];

    pub fn days(self) -> u32 {
        match self {
            Span::Week => 7,
            Span::Month => 30,
            Span::Quarter => 90,
        }
    }

    /// The span with exactly `days` days, if it is one of the three.
    pub fn from_days(days: u32) -> Option<Span> {
        Span::ALL.into_iter().find(|s| s.days() == days)
    }

    /// Days between date labels, chosen so labels never crowd.
    fn tick_every(self) -> i32 {
        match self {
            Span::Week => 1,
            Span::Month => 7,
            Span::Quarter => 14,
        }
    }
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }
}

/// Total magnesium (food and supplements) per logged day. A day without a
/// log is absent, never 0, because nothing was recorded for it.
pub fn magnesium_by_day(days: &SortedMap<Date, DayLog>) -> SortedMap<Date, f64> {
    SortedMap::from_iter(
        days.iter()
            .filter(|(_, log)| log.has_intake())
            .map(|(date, log)| (*date, log.totals().total_mg())),
    )
}

/// The rating lines for the chosen symptoms, in the order chosen: unknown
/// ids are skipped and at most [`MAX_SERIES`] are kept.
pub fn symptom_series(
    diary: &SortedMap<Date, DiaryEntry>,
    symptoms: &SymptomList,
    chosen: &[SymptomId],
) -> Vec<SymptomSeries> {
    chosen
        .iter()
        .filter_map(|id| symptoms.get(id))
        .take(MAX_SERIES)
        .map(|s| SymptomSeries {
            label: s.name().to_owned(),
            higher_is_better: s.higher_is_better(),
            ratings: SortedMap::from_iter(
                diary
                    .iter()
                    .filter_map(|(date, e)| e.rating(s.id()).map(|r| (*date, r))),
            ),
        })
        .collect()
}

/// Lays out the chart.
pub fn layout(input: &ChartInput<'_>) -> Chart {
    let n = input.span.days() as i32;
    let start = input.end.add_days(1 - n);
    let slot = PLOT.width() / f64::from(n);
    let x_center = |date: Date| PLOT.left + (f64::from(start.days_until(date)) + 0.5) * slot;

    let values: Vec<(Date, f64)> = input
        .magnesium_mg
        .range(start..=input.end)
        .filter(|(_, v)| v.is_finite() && **v >= 0.0)
        .map(|(d, v)| (*d, *v))
        .collect();
    let target = input.target_mg.filter(|t| t.is_finite() && *t > 0.0);

    let highest = values
        .iter()
        .map(|(_, v)| *v)
        .chain(target)
        .fold(0.0_f64, f64::max);
    let (mg_top, mg_step) = if highest > 0.0 {
        nice_scale(highest)
    } else {
        nice_scale(EMPTY_MG_TOP)
    };
    let y_mg = |mg: f64| PLOT.bottom - mg / mg_top * PLOT.height();
    let y_rating = |r: f64| PLOT.bottom - r / 10.0 * PLOT.height();

    let bar_width = slot * BAR_FILL;
    let bars = values
        .iter()
        .map(|&(date, value_mg)| {
            let y = y_mg(value_mg);
            Bar {
                date,
                value_mg,
                x: x_center(date) - bar_width / 2.0,
                y,
                width: bar_width,
                height: PLOT.bottom - y,
                // Judged on the amount as shown, like the day page.
                at_target: target.map(|t| mg::shown(value_mg) >= t),
            }
        })
        .collect();

    let mg_ticks = (0..)
        .map(|i| f64::from(i) * mg_step)
        .take_while(|v| *v <= mg_top + mg_step * 1e-9)
        .map(|v| YTick {
            y: y_mg(v),
            label: format_tick(v),
        })
        .collect();

    let rating_ticks = if input.symptoms.is_empty() {
        Vec::new()
    } else {
        (0..=10)
            .step_by(2)
            .map(|r| YTick {
                y: y_rating(f64::from(r)),
                label: r.to_string(),
            })
            .collect()
    };

    let every = input.span.tick_every();
    let mut date_ticks: Vec<XTick> = (0..)
        .map(|k| input.end.add_days(-k * every))
        .take_while(|d| *d >= start)
        .map(|date| XTick {
            x: x_center(date),
            date,
            label: short_label(date),
        })
        .collect();
    date_ticks.reverse();

    let series = input
        .symptoms
        .iter()
        .map(|s| {
            let points: Vec<Point> = s
                .ratings
                .range(start..=input.end)
                .map(|(date, r)| Point {
                    date: *date,
                    rating: r.get(),
                    x: x_center(*date),
                    y: y_rating(f64::from(r.get())),
                })
                .collect();
            SeriesLine {
                label: s.label.clone(),
                higher_is_better: s.higher_is_better,
                path: line_path(&points),
                points,
            }
        })
        .collect();

    Chart {
        start,
        end: input.end,
        plot: PLOT,
        mg_top,
        bars,
        target: target.map(|value_mg| TargetLine {
            value_mg,
            y: y_mg(value_mg),
        }),
        mg_ticks,
        rating_ticks,
        date_ticks,
        series,
    }
}

/// A "nice" axis top at or above `max` and its tick step: the smallest step
/// of 1, 2, 2.5 or 5 times a power of ten that needs at most five intervals,
/// which gives three to five labelled intervals. `max` must be positive and
/// finite.
pub fn nice_scale(max: f64) -> (f64, f64) {
    const MAX_INTERVALS: f64 = 5.0;
    let magnitude = 10f64.powf((max / MAX_INTERVALS).log10().floor());
    // A tiny tolerance keeps 400 / 100 from counting as slightly above 4.
    let intervals = |step: f64| (max / step - 1e-9).ceil();
    let step = [1.0, 2.0, 2.5, 5.0, 10.0, 20.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| intervals(*s) <= MAX_INTERVALS)
        .unwrap_or(20.0 * magnitude);
    (intervals(step) * step, step)
}

/// A short English date label such as "3 Mar".
pub fn short_label(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (_, month, day) = date.ymd();
    format!("{day} {}", MONTHS[(month as usize).saturating_sub(1) % 12])
}

/// A path through consecutive days; a missing day ends the current segment
/// and the next rated day starts a new one with `M`.
fn line_path(points: &[Point]) -> String {
    let mut path = String::new();
    let mut previous: Option<Date> = None;
    for p in points {
        let command = match previous {
            Some(d) if d.add_days(1) == p.date => 'L',
            _ => 'M',
        };
        if !path.is_empty() {
            path.push(' ');
        }
        // Writing to a String cannot fail.
        let _ = write!(path, "{command}{} {}", coord(p.x), coord(p.y));
        previous = Some(p.date);
    }
    path
}

/// A coordinate rounded to 0.1, without a trailing ".0", to keep paths short.
fn coord(v: f64) -> String {
    let tenths = (v * 10.0).round() + 0.0;
    if tenths % 10.0 == 0.0 {
        format!("{:.0}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

fn format_tick(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn series(label: &str, ratings: &[(&str, u8)]) -> SymptomSeries {
        SymptomSeries {
            label: label.to_owned(),
            higher_is_better: false,
            ratings: ratings
                .iter()
                .map(|(day, r)| (d(day), Rating::new(*r).unwrap()))
                .collect(),
        }
    }

    #[test]
    fn magnesium_by_day_lists_logged_days_only() {
        let (first, second) = (d("2025-03-01"), d("2025-03-03"));
        let mut log = DayLog::new(first);
        log.add(crate::domain::day::Item::Food(
            crate::domain::day::FoodEntry {
                ndb: 12036,
                name: "Seeds, sunflower".to_owned(),
                measure: "g".to_owned(),
                quantity: crate::domain::amounts::Positive::new(50.0).unwrap(),
                measure_grams: crate::domain::amounts::Positive::new(1.0).unwrap(),
                mg_per_100g: crate::domain::amounts::NonNegative::new(325.0),
            },
        ));
        let days = SortedMap::from([(first, log), (second, DayLog::new(second))]);
        let by_day = magnesium_by_day(&days);
        assert_eq!(by_day.len(), 2);
        assert!(close(by_day[&first], 162.5));
        assert_eq!(by_day[&second], 0.0, "a logged empty day is 0");
        assert_eq!(
            by_day.get(&d("2025-03-02")),
            None,
            "an unlogged day is absent"
        );
    }

    #[test]
    fn symptom_series_follow_the_choice() {
        let symptoms = SymptomList::defaults();
        let id = |s: &str| SymptomId::new(s).unwrap();
        let all: Vec<SymptomId> = symptoms.all().iter().map(|s| s.id().clone()).collect();
        let mut entry = DiaryEntry::new(d("2025-03-02"), 0);
        entry.set_rating(&all[1], Some(Rating::new(6).unwrap()), 0);
        let diary = SortedMap::from([(d("2025-03-02"), entry)]);
        // (chosen ids, expected labels in order)
        let name = |i: usize| symptoms.all()[i].name().to_owned();
        let cases: Vec<(Vec<SymptomId>, Vec<String>)> = vec![
            (vec![], vec![]),
            (vec![all[1].clone(), all[0].clone()], vec![name(1), name(0)]),
            (vec![id("custom-99"), all[2].clone()], vec![name(2)]),
            (all.clone(), (0..MAX_SERIES).map(name).collect()),
        ];
        for (chosen, labels) in cases {
            let series = symptom_series(&diary, &symptoms, &chosen);
            let got: Vec<String> = series.iter().map(|s| s.label.clone()).collect();
            assert_eq!(got, labels, "{chosen:?}");
        }
        let series = symptom_series(&diary, &symptoms, &all[..2]);
        assert!(series[0].ratings.is_empty());
        assert_eq!(
            series[1].ratings.get(&d("2025-03-02")).map(|r| r.get()),
            Some(6)
        );
        assert_eq!(
            series[1].higher_is_better,
            symptoms.all()[1].higher_is_better()
        );
    }

    #[test]
    fn nice_scales() {
        let cases = [
            (350.0, 400.0, 100.0),
            (400.0, 400.0, 100.0),
            (401.0, 500.0, 100.0),
            (420.0, 500.0, 100.0),
            (1000.0, 1000.0, 200.0),
            (87.0, 100.0, 20.0),
            (7.0, 8.0, 2.0),
            (1.0, 1.0, 0.2),
            (0.3, 0.3, 0.1),
        ];
        for (max, top, step) in cases {
            let (t, s) = nice_scale(max);
            assert!(close(t, top) && close(s, step), "{max}: got {t}/{s}");
            let intervals = (t / s).round();
            assert!((3.0..=5.0).contains(&intervals), "{max}: {intervals}");
        }
    }

    #[test]
    fn spans() {
        for span in Span::ALL {
            assert_eq!(Span::from_days(span.days()), Some(span));
        }
        assert_eq!(Span::from_days(14), None);
    }

    #[test]
    fn bars_scale_and_skip_missing_days() {
        let mut mg = SortedMap::new();
        mg.insert(d("2025-03-01"), 999.0); // Before the window.
        mg.insert(d("2025-03-04"), 200.0);
        mg.insert(d("2025-03-05"), f64::NAN);
        mg.insert(d("2025-03-06"), 0.0);
        mg.insert(d("2025-03-08"), 400.0);
        mg.insert(d("2025-03-09"), 999.0); // After the window.
        let chart = layout(&ChartInput {
            end: d("2025-03-08"),
            span: Span::Week,
            magnesium_mg: &mg,
            target_mg: Some(310.0),
            symptoms: &[],
        });
        assert_eq!(chart.start, d("2025-03-02"));
        assert_eq!(chart.mg_top, 400.0);
        let dates: Vec<Date> = chart.bars.iter().map(|b| b.date).collect();
        assert_eq!(dates, [d("2025-03-04"), d("2025-03-06"), d("2025-03-08")]);

        let slot = PLOT.width() / 7.0;
        let b = &chart.bars[0];
        assert!(
            close(b.x + b.width / 2.0, PLOT.left + 2.5 * slot),
            "third slot centre"
        );
        assert!(close(b.width, slot * BAR_FILL));
        assert!(
            close(b.height, PLOT.height() / 2.0),
            "200 of 400 is half height"
        );
        assert!(close(b.y + b.height, PLOT.bottom), "bars stand on the axis");
        assert_eq!(b.at_target, Some(false));
        assert!(
            close(chart.bars[1].height, 0.0),
            "a logged zero is a real zero"
        );
        assert!(close(chart.bars[2].y, PLOT.top));
        assert_eq!(chart.bars[2].at_target, Some(true));

        let target = chart.target.unwrap();
        assert!(close(target.y, PLOT.bottom - 310.0 / 400.0 * PLOT.height()));
        let labels: Vec<&str> = chart.mg_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0", "100", "200", "300", "400"]);
        assert!(close(chart.mg_ticks[4].y, PLOT.top));
        assert!(chart.rating_ticks.is_empty());
    }

    #[test]
    fn the_target_raises_the_scale() {
        let mut mg = SortedMap::new();
        mg.insert(d("2025-03-08"), 100.0);
        let chart = layout(&ChartInput {
            end: d("2025-03-08"),
            span: Span::Week,
            magnesium_mg: &mg,
            target_mg: Some(420.0),
            symptoms: &[],
        });
        assert_eq!(chart.mg_top, 500.0);
        assert!(chart.target.unwrap().y > PLOT.top);
    }

    #[test]
    fn empty_chart_has_a_default_scale() {
        let chart = layout(&ChartInput {
            end: d("2025-03-08"),
            span: Span::Month,
            magnesium_mg: &SortedMap::new(),
            target_mg: None,
            symptoms: &[],
        });
        assert!(chart.bars.is_empty());
        assert_eq!(chart.target, None);
        assert_eq!(chart.mg_top, EMPTY_MG_TOP);
    }

    #[test]
    fn symptom_lines_break_at_gaps() {
        let s = series(
            "Cramps",
            &[
                ("2025-03-02", 0),
                ("2025-03-03", 10),
                ("2025-03-05", 5),
                ("2025-03-07", 4),
                ("2025-03-08", 6),
            ],
        );
        let chart = layout(&ChartInput {
            end: d("2025-03-08"),
            span: Span::Week,
            magnesium_mg: &SortedMap::new(),
            target_mg: None,
            symptoms: &[s],
        });
        let line = &chart.series[0];
        let commands: Vec<char> = line
            .path
            .split(' ')
            .filter_map(|t| t.chars().next().filter(char::is_ascii_alphabetic))
            .collect();
        assert_eq!(commands, ['M', 'L', 'M', 'M', 'L']);
        assert_eq!(line.points.len(), 5);
        assert!(close(line.points[0].y, PLOT.bottom), "0 sits on the axis");
        assert!(close(line.points[1].y, PLOT.top), "10 is the top");
        assert!(close(line.points[2].y, (PLOT.top + PLOT.bottom) / 2.0));
        let slot = PLOT.width() / 7.0;
        assert!(close(line.points[0].x, PLOT.left + slot / 2.0));
        assert!(close(line.points[4].x, PLOT.right - slot / 2.0));
        assert!(
            line.path
                .starts_with(&format!("M{} 288 L", coord(PLOT.left + slot / 2.0)))
        );
        let ticks: Vec<&str> = chart
            .rating_ticks
            .iter()
            .map(|t| t.label.as_str())
            .collect();
        assert_eq!(ticks, ["0", "2", "4", "6", "8", "10"]);
    }

    #[test]
    fn date_ticks_end_on_the_last_day() {
        let cases = [
            (Span::Week, 7, "2 Mar"),
            (Span::Month, 5, "8 Feb"),
            (Span::Quarter, 7, "14 Dec"),
        ];
        for (span, count, first) in cases {
            let chart = layout(&ChartInput {
                end: d("2025-03-08"),
                span,
                magnesium_mg: &SortedMap::new(),
                target_mg: None,
                symptoms: &[],
            });
            assert_eq!(chart.date_ticks.len(), count, "{span:?}");
            assert_eq!(chart.date_ticks[0].label, first, "{span:?}");
            let last = chart.date_ticks.last().unwrap();
            assert_eq!(last.date, d("2025-03-08"));
            assert_eq!(last.label, "8 Mar");
            assert!(chart.date_ticks.windows(2).all(|w| w[0].x < w[1].x));
            assert!(
                chart
                    .date_ticks
                    .iter()
                    .all(|t| t.x > PLOT.left && t.x < PLOT.right)
            );
        }
    }

    #[test]
    fn coordinates_are_compact() {
        let cases = [
            (288.0, "288"),
            (12.04, "12"),
            (12.05, "12.1"),
            (-0.01, "0"),
            (83.333, "83.3"),
        ];
        for (v, text) in cases {
            assert_eq!(coord(v), text, "{v}");
        }
    }
}
