//! The dates of the subsidy rounds, wherever the site shows them: deadline
//! events in the area calendar (`/agenda.ics`), the timeline on a round's
//! page, and the "Nu open" block on the home page (and the placeholders a
//! page can use, see [`placeholder_values`]).
//!
//! "Open" is decided against the build date (`site.build_date()`, which
//! honours `SOURCE_DATE_EPOCH`), as the rest of the site decides what is
//! upcoming: a round is open from `opens` up to and including `closes`.
//!
//! A deadline event is an all-day event (`DTSTART;VALUE=DATE`) with
//! `CATEGORIES:Deadline`. Its `UID` is `<round>-<what>@<host>` (`what` is
//! `opens`, `closes`, `decision` or `report`): it stays the same across
//! builds and when the date moves, so calendars update the event. The
//! advice meeting is a meeting with its own event already.

use crate::content::dates;
use crate::formats::ical::{self, DayEvent, Organizer};
use crate::model::Site;
use crate::model::projects::Round;
use crate::theme::strings::{Ui, UiStrings};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The names a page can use as `{{ ronde.<name> }}`.
pub const FIELDS: [&str; 7] = [
    "titel",
    "adres",
    "opent",
    "sluit",
    "besluit",
    "verantwoording",
    "advies",
];

/// Every `{{ ronde.<name> }}` in `text` whose name is not one of
/// [`FIELDS`], as its 1-based line and the name.
pub fn unknown_fields(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    if !text.contains("ronde.") {
        return found;
    }
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("{{") {
            rest = &rest[at + 2..];
            let Some(end) = rest.find("}}") else { break };
            let inner = rest[..end].trim();
            if let Some(name) = inner.strip_prefix("ronde.")
                && !FIELDS.contains(&name)
            {
                found.push((index + 1, name.to_string()));
            }
            rest = &rest[end + 2..];
        }
    }
    found
}

/// What a page shows for a date the round does not have.
const UNKNOWN: &str = "nog niet bekend";

/// The category of every deadline event.
pub const DEADLINE_CATEGORY: &str = "Deadline";

/// "15 maart" (the year is clear from the context of an open round).
pub fn day_and_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), dates::month_name(date.month()))
}

/// The deadline events of every round, by date, then round and kind.
pub fn deadline_events(site: &Site, strings: &UiStrings) -> Vec<DayEvent> {
    let host = site.config.host();
    let mut events = Vec::new();
    for round in &site.rounds {
        let d = &round.dates;
        let steps = [
            ("opens", d.opens, Ui::DeadlineOpens),
            ("closes", d.closes, Ui::DeadlineCloses),
            ("decision", d.decision_expected, Ui::DeadlineDecision),
            ("report", d.report_due, Ui::DeadlineReport),
        ];
        for (what, date, ui) in steps {
            let Some(date) = date else { continue };
            events.push(DayEvent {
                uid: format!("{}-{what}@{host}", round.slug),
                stamp: site.build_time,
                date,
                summary: strings.get(ui).replace("{round}", &round.title),
                url: round.permalink.clone(),
                description: String::new(),
                sequence: 0,
                last_modified: site.build_time,
                categories: vec![DEADLINE_CATEGORY.to_string()],
            });
        }
    }
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    events
}

/// The deadline events as `VEVENT` blocks, for the area calendar.
pub fn deadline_blocks(site: &Site, strings: &UiStrings, organizer: &Organizer) -> Vec<String> {
    deadline_events(site, strings)
        .iter()
        .map(|e| ical::day_event_block(e, organizer))
        .collect()
}

/// One step of a round's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// `opens`, `closes`, `advice`, `decision`, `report`.
    pub what: &'static str,
    pub date: String,
    pub date_long: String,
    /// The advice meeting's page.
    pub url: Option<String>,
    /// On or before the build date.
    pub done: bool,
}

/// The steps of a round, by date; empty when the round has no dates
/// besides its decision.
pub fn timeline(site: &Site, round: &Round) -> Vec<Step> {
    let today = site.build_date();
    let d = &round.dates;
    let meeting = round
        .advice_meeting
        .as_deref()
        .and_then(|m| site.agenda.get(m));
    let decision = if round.decided <= today {
        Some(round.decided)
    } else {
        d.decision_expected.or(Some(round.decided))
    };
    let mut steps: Vec<(&'static str, NaiveDate, Option<String>)> = Vec::new();
    let mut push = |what, date: Option<NaiveDate>, url: Option<String>| {
        if let Some(date) = date {
            steps.push((what, date, url));
        }
    };
    push("opens", d.opens, None);
    push("closes", d.closes, None);
    push(
        "advice",
        meeting.map(|m| m.start_local.date()),
        meeting.map(|m| m.url.clone()),
    );
    push("decision", decision, None);
    push("report", d.report_due, None);
    if steps.len() <= 1 {
        return Vec::new();
    }
    steps.sort_by_key(|(_, date, _)| *date);
    steps
        .into_iter()
        .map(|(what, date, url)| Step {
            what,
            date: date.to_string(),
            date_long: dates::long_date(date),
            url,
            done: date <= today,
        })
        .collect()
}

/// The round open on the build date, as the home page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct OpenRound {
    pub title: String,
    pub url: String,
    /// "15 maart".
    pub closes: String,
    /// "zondag 15 maart 2026".
    pub closes_long: String,
    pub closes_iso: String,
    /// "Nu open: aanvragen tot en met 15 maart".
    pub heading: String,
}

/// The first round (by closing date) that is open on `date`.
pub fn open_round_on(rounds: &[Round], date: NaiveDate) -> Option<&Round> {
    rounds
        .iter()
        .filter(|r| r.dates.open_on(date))
        .min_by_key(|r| (r.dates.closes, &r.slug))
}

/// The round open on the build date, for templates.
pub fn open_round(site: &Site, strings: &UiStrings) -> Option<OpenRound> {
    let round = open_round_on(&site.rounds, site.build_date())?;
    let closes = round.dates.closes?;
    Some(OpenRound {
        title: round.title.clone(),
        url: round.url.clone(),
        closes: day_and_month(closes),
        closes_long: dates::long_date(closes),
        closes_iso: closes.to_string(),
        heading: strings
            .get(Ui::OpenRoundTitle)
            .replace("{date}", &day_and_month(closes)),
    })
}

/// The round whose dates a page shows: the open one, else the next to
/// open, else the latest with dates.
pub fn current_round(site: &Site) -> Option<&Round> {
    let today = site.build_date();
    let with_dates = || site.rounds.iter().filter(|r| r.dates.closes.is_some());
    open_round_on(&site.rounds, today)
        .or_else(|| {
            with_dates()
                .filter(|r| r.dates.opens.is_some_and(|o| o > today))
                .min_by_key(|r| (r.dates.opens, &r.slug))
        })
        .or_else(|| with_dates().max_by_key(|r| (r.dates.closes, &r.slug)))
}

/// The values a page can show with `{{ ronde.<name> }}`: the current
/// round's title, page and dates, written out ("zondag 15 maart 2026").
/// A date the round does not have reads "nog niet bekend".
pub fn placeholder_values(site: &Site) -> Vec<(&'static str, String)> {
    let Some(round) = current_round(site) else {
        return Vec::new();
    };
    let d = &round.dates;
    let mut values = vec![("titel", round.title.clone()), ("adres", round.url.clone())];
    let dated = [
        ("opent", d.opens),
        ("sluit", d.closes),
        ("besluit", d.decision_expected.or(Some(round.decided))),
        ("verantwoording", d.report_due),
        (
            "advies",
            round
                .advice_meeting
                .as_deref()
                .and_then(|m| site.agenda.get(m))
                .map(|m| m.start_local.date()),
        ),
    ];
    for (name, date) in dated {
        values.push((
            name,
            date.map_or_else(|| UNKNOWN.to_string(), dates::long_date),
        ));
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::projects::RoundDates;

    fn date(text: &str) -> NaiveDate {
        dates::parse_date(text).unwrap()
    }

    fn round(slug: &str, opens: &str, closes: &str) -> Round {
        Round {
            slug: slug.into(),
            source: String::new(),
            title: slug.into(),
            decided: date("2026-12-31"),
            decided_long: String::new(),
            budget: None,
            fund: None,
            fund_line: None,
            dates: RoundDates {
                opens: Some(date(opens)),
                closes: Some(date(closes)),
                decision_expected: None,
                report_due: None,
            },
            advice_meeting: None,
            advice_meeting_line: None,
            projects: Vec::new(),
            path: String::new(),
            url: String::new(),
            permalink: String::new(),
        }
    }

    #[test]
    fn a_round_is_open_from_its_first_to_its_last_day_and_the_first_to_close_wins() {
        let rounds = [
            round("b", "2026-09-01", "2026-10-31"),
            round("a", "2026-09-10", "2026-09-30"),
        ];
        assert!(open_round_on(&rounds, date("2026-08-31")).is_none());
        assert_eq!(
            open_round_on(&rounds, date("2026-09-01")).unwrap().slug,
            "b"
        );
        assert_eq!(
            open_round_on(&rounds, date("2026-09-30")).unwrap().slug,
            "a"
        );
        assert_eq!(
            open_round_on(&rounds, date("2026-10-31")).unwrap().slug,
            "b"
        );
        assert!(open_round_on(&rounds, date("2026-11-01")).is_none());
    }

    #[test]
    fn unknown_round_fields_are_found_on_their_line() {
        let text = "Tot {{ ronde.sluit }}.\nEn {{ronde.sluiting}} of {{ ronde.x }}.\n{{ iets }}";
        assert_eq!(
            unknown_fields(text),
            [(2, "sluiting".to_string()), (2, "x".to_string())]
        );
    }

    #[test]
    fn the_closing_day_is_written_without_the_year() {
        assert_eq!(day_and_month(date("2027-03-14")), "14 maart");
    }
}
