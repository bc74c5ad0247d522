//! A month calendar of links to `/diary?date=…`, coloured by what was logged
//! on each day, and the English date words the diary pages share.

use leptos::prelude::*;

use crate::domain::date::Date;
use crate::store::{today, use_store};

/// Full month names, for labels a screen reader reads out.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names from Monday, matching [`Date::weekday_from_monday`].
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// "12 March 2026".
pub fn long_date(date: Date) -> String {
    let (year, month, day) = date.ymd();
    format!("{day} {} {year}", month_name(month))
}

/// "Thursday 12 March 2026".
pub fn weekday_date(date: Date) -> String {
    format!(
        "{} {}",
        WEEKDAYS[date.weekday_from_monday() as usize % 7],
        long_date(date)
    )
}

/// "March 2026" for any day of that month.
pub fn month_title(date: Date) -> String {
    format!("{} {}", month_name(date.month()), date.year())
}

fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).saturating_sub(1) % 12]
}

/// What a day holds, for its colour and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Logged {
    Nothing,
    DiaryOnly,
    IntakeOnly,
    Both,
}

impl Logged {
    fn words(self) -> &'static str {
        match self {
            Logged::Nothing => "nothing logged",
            Logged::DiaryOnly => "diary logged",
            Logged::IntakeOnly => "intake logged",
            Logged::Both => "diary and intake logged",
        }
    }

    /// The style sheet's classes: a diary entry is the strong colour, intake
    /// alone the quiet one.
    fn class(self) -> &'static str {
        match self {
            Logged::Nothing => "",
            Logged::DiaryOnly | Logged::Both => "has-data",
            Logged::IntakeOnly => "has-intake",
        }
    }
}

/// One month as a grid of day links. `month` is any day of the month shown
/// (the buttons move it); `selected` is the diary's current day.
#[component]
pub fn MonthCalendar(month: RwSignal<Date>, #[prop(into)] selected: Signal<Date>) -> impl IntoView {
    let store = use_store();
    let title = move || month_title(month.get());
    // The days of the shown month with what each holds, recomputed only when
    // the month or the set of recorded dates change.
    let cells = Memo::new(move |_| {
        let first = month.get().first_of_month();
        (0..first.days_in_month() as i32)
            .map(|i| {
                let day = first.add_days(i);
                let logged = match store.logged(day) {
                    (true, true) => Logged::Both,
                    (true, false) => Logged::DiaryOnly,
                    (false, true) => Logged::IntakeOnly,
                    (false, false) => Logged::Nothing,
                };
                (day, logged)
            })
            .collect::<Vec<_>>()
    });
    let padding = move || month.get().first_of_month().weekday_from_monday();

    view! {
        <div class="calendar-wrap" data-testid="calendar">
            <div class="row calendar-head">
                <button type="button" aria-label="Previous month" on:click=move |_| month.update(|m| *m = m.add_months(-1))>"‹"</button>
                <h3 class="grow calendar-title" aria-live="polite" data-testid="calendar-month">{title}</h3>
                <button type="button" aria-label="Next month" on:click=move |_| month.update(|m| *m = m.add_months(1))>"›"</button>
            </div>
            <div class="calendar" role="group" aria-label=title>
                {["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].into_iter().map(|d| view! {
                    <span class="dow" aria-hidden="true">{d}</span>
                }).collect_view()}
                {move || (0..padding()).map(|_| view! { <span class="pad" aria-hidden="true"></span> }).collect_view()}
                {move || {
                    let chosen = selected.get();
                    let now = today();
                    cells.get().into_iter().map(|(day, logged)| {
                        let mut label = format!("{} {}, {}", day.day(), month_name(day.month()), logged.words());
                        if day == chosen {
                            label.push_str(", shown");
                        }
                        let class = format!("{}{}", logged.class(), if day == chosen { " selected" } else { "" });
                        view! {
                            <a href=format!("/diary?date={day}") class=class aria-label=label
                                aria-current=(day == now).then_some("date") data-testid="calendar-day"
                                data-logged=logged.words()>
                                {day.day()}
                            </a>
                        }
                    }).collect_view()
                }}
            </div>
            <p class="small muted calendar-key">
                <span class="key has-data" aria-hidden="true"></span>" diary entry  "
                <span class="key has-intake" aria-hidden="true"></span>" intake only"
            </p>
        </div>
    }
}
