//! Reads the feed written by `wijksite::formats::ical` back with an independent
//! parser (the `icalendar` crate) and checks that every value survives
//! folding and escaping unchanged.

use std::str::FromStr;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use wijksite::formats::ical::{Calendar, Event, EventStatus, Organizer, write_calendar};

const LOCATION: &str = "'t Middelpunt, Amersfoort; zaal 2";

/// Long enough to be folded several times, with é and ë on the fold points,
/// a line break, `;`, `,`, `:` and a backslash.
///
/// A backslash directly followed by `n`, `N`, `,`, `;` or `:` is avoided on
/// purpose: `icalendar` 0.17 unescapes with chained `str::replace` calls, so
/// it reads the correct escape `\\n` (a backslash, then `n`) as a line
/// break. That is a bug of the parser, not of the writer; the writer's own
/// round trip of such strings is covered by the property tests in
/// `src/ical.rs`.
fn long_description() -> String {
    let mut text = String::from("Agenda: opening; notulen, financiën.\n");
    text.push_str(&"Café-overleg over de brug bij de Eemoever, daarna ëën rondje. ".repeat(4));
    text.push_str("Map: stukken\\2026");
    text
}

/// 19:30 local time in Amsterdam on the given day, as a UTC instant.
fn amsterdam_1930(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Amsterdam
        .with_ymd_and_hms(y, m, d, 19, 30, 0)
        .single()
        .expect("19:30 exists and is unambiguous")
        .with_timezone(&Utc)
}

fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap()
}

fn event(uid: &str, start: DateTime<Utc>, status: EventStatus) -> Event {
    Event {
        uid: uid.into(),
        stamp: utc(2026, 1, 2, 8, 0),
        start,
        end: start + Duration::hours(2),
        summary: "Wijkraadvergadering".into(),
        location: Some(LOCATION.into()),
        geo: Some((52.1675, 5.4021)),
        url: format!("https://wijk.example.nl/agenda/{uid}/"),
        description: long_description(),
        status,
        sequence: 3,
        last_modified: utc(2026, 1, 1, 12, 0),
        organizer: None,
        categories: vec!["Wijkraad".into(), "Openbaar".into()],
        all_day: None,
        conference: String::new(),
        attachments: Vec::new(),
    }
}

fn utc_start(e: &icalendar::Event) -> Option<DateTime<Utc>> {
    match e.get_start()? {
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => Some(t),
        _ => None,
    }
}

fn utc_end(e: &icalendar::Event) -> Option<DateTime<Utc>> {
    match e.get_end()? {
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => Some(t),
        _ => None,
    }
}

#[test]
fn amsterdam_evening_meetings_are_the_expected_utc_instants() {
    // CET (UTC+1) in winter, CEST (UTC+2) in summer.
    assert_eq!(amsterdam_1930(2026, 1, 20), utc(2026, 1, 20, 18, 30));
    assert_eq!(amsterdam_1930(2026, 6, 16), utc(2026, 6, 16, 17, 30));
}

#[test]
fn an_independent_parser_reads_back_the_same_values() {
    let winter = event(
        "winter-2026",
        amsterdam_1930(2026, 1, 20),
        EventStatus::Cancelled,
    );
    let summer = event(
        "summer-2026",
        amsterdam_1930(2026, 6, 16),
        EventStatus::Confirmed,
    );
    let organizer = Organizer {
        name: "Wijkraad Schothorst, secretariaat".into(),
        email: "secretariaat@example.nl".into(),
    };
    let events = [winter, summer];
    let doc = write_calendar(&Calendar {
        name: "Wijkagenda Schothorst",
        description: "Vergaderingen, activiteiten; alles in de wijk",
        source_url: "https://wijk.example.nl/agenda.ics",
        refresh_hours: 6,
        organizer: &organizer,
        events: &events,
    });
    assert!(doc.contains("\r\n "), "the long description must be folded");

    let parsed = icalendar::Calendar::from_str(&doc).expect("the parser accepts the feed");

    assert_eq!(parsed.get_name(), Some("Wijkagenda Schothorst"));
    assert_eq!(
        parsed.get_description(),
        Some("Vergaderingen, activiteiten; alles in de wijk")
    );
    assert_eq!(parsed.get_ttl(), Some(Duration::hours(6)));
    assert_eq!(parsed.property_value("METHOD"), Some("PUBLISH"));

    let read: Vec<&icalendar::Event> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(read.len(), 2);

    let (winter_read, summer_read) = (read[0], read[1]);
    assert_eq!(utc_start(winter_read), Some(utc(2026, 1, 20, 18, 30)));
    assert_eq!(utc_end(winter_read), Some(utc(2026, 1, 20, 20, 30)));
    assert_eq!(
        winter_read.get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    assert_eq!(utc_start(summer_read), Some(utc(2026, 6, 16, 17, 30)));
    assert_eq!(utc_end(summer_read), Some(utc(2026, 6, 16, 19, 30)));
    assert_eq!(
        summer_read.get_status(),
        Some(icalendar::EventStatus::Confirmed)
    );

    for (written, read) in events.iter().zip(&read) {
        assert_eq!(read.get_uid(), Some(written.uid.as_str()));
        assert_eq!(read.get_summary(), Some("Wijkraadvergadering"));
        assert_eq!(read.get_location(), Some(LOCATION));
        assert_eq!(read.get_description(), Some(long_description().as_str()));
        assert_eq!(read.get_url(), Some(written.url.as_str()));
        assert_eq!(read.get_sequence(), Some(3));
        assert_eq!(read.get_timestamp(), Some(utc(2026, 1, 2, 8, 0)));
        assert_eq!(read.get_last_modified(), Some(utc(2026, 1, 1, 12, 0)));
        assert_eq!(read.property_value("GEO"), Some("52.167500;5.402100"));
        // The parser keeps CATEGORIES as a repeatable property and reads the
        // whole value as one TEXT, so names with a comma are not used here.
        let categories: Vec<&str> = read.multi_properties()["CATEGORIES"]
            .iter()
            .map(|p| p.value())
            .collect();
        assert_eq!(categories, ["Wijkraad,Openbaar"]);

        let organizer_prop = &read.properties()["ORGANIZER"];
        assert_eq!(organizer_prop.value(), "mailto:secretariaat@example.nl");
        let cn = organizer_prop.params().get("CN").map(|p| p.value());
        assert_eq!(cn, Some("Wijkraad Schothorst, secretariaat"));
    }
}

/// RFC 5545 §3.6: `icalbody` holds at least one component. A calendar
/// without events (a venue without meetings) still has one, a VTIMEZONE
/// that the independent parser reads as a component.
#[test]
fn a_calendar_without_events_still_has_a_component() {
    let organizer = Organizer {
        name: "Wijkraad".into(),
        email: "wijkraad@example.nl".into(),
    };
    let doc = write_calendar(&Calendar {
        name: "Agenda van 't Buurthuis",
        description: "",
        source_url: "https://wijk.example.nl/locaties/buurthuis/agenda.ics",
        refresh_hours: 6,
        organizer: &organizer,
        events: &[],
    });
    let parsed = icalendar::Calendar::from_str(&doc).expect("the parser accepts the feed");
    assert_eq!(parsed.components.len(), 1, "{doc}");
    assert_eq!(parsed.events().count(), 0);
    let begins = doc.lines().filter(|l| l.starts_with("BEGIN:")).count();
    let ends = doc.lines().filter(|l| l.starts_with("END:")).count();
    assert_eq!(begins, ends, "{doc}");
    assert!(doc.contains("\r\nBEGIN:VTIMEZONE\r\nTZID:UTC\r\n"), "{doc}");
}
