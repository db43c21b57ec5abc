//! Meetings: the pages, posters and calendar feeds a fixture site and the
//! sample site produce, read back with an independent iCalendar parser
//! (the `icalendar` crate), and every bad-input error with its file and line.
//!
//! The fixture builds with SOURCE_DATE_EPOCH 1790000000
//! (2026-09-21 14:13:20 UTC): meetings before that are past.

mod common;
use chrono::{DateTime, TimeZone, Utc};
use common::{Fixture, repo_root};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

const LOCATION: &str = "'t Middelpunt, Amersfoort; zaal 2";

/// One paragraph long enough to be folded many times, with é and ë.
const LONG_TEXT: &str = "Wij praten over het café in de wijk, de financiën van de \
    ëërste buurttuin, een idee voor een zomerfeest en de coördinatie van \
    vrijwilligers. Daarna is er tijd voor vragen van bewoners over de \
    geluidsoverlast bij de brug en de veiligheid op het fietspad.";

fn meeting(front: &str, body: &str) -> String {
    format!("---\n{front}---\n{body}")
}

/// A fixture site with six meetings: past and upcoming, winter and summer,
/// for one wijk or the whole area, confirmed, cancelled and moved.
fn site_with_meetings() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/2026-01-20-noord.md",
        meeting(
            "title: Wijknetwerk Noord in de winter\nstart: 2026-01-20 19:30\nend: 2026-01-20 21:30\n\
             venue: buurthuis\nwijken: [noord]\nkind: wijknetwerk\nminutes: /verslagen/januari.txt\n",
            "## Agenda\n\n1. Welkom\n2. Het [plan](/meedoen/)\n",
        ),
    );
    site.write("content/static/verslagen/januari.txt", "Verslag.\n");
    site.write(
        "content/bijeenkomsten/2026-06-16-zuid.md",
        meeting(
            &format!(
                "title: Wijkraad Zuid in de zomer\nstart: 2026-06-16 19:30\nlocation: \"{LOCATION}\"\nwijken: [zuid]\n"
            ),
            "Zomeravond.\n",
        ),
    );
    site.write(
        "content/bijeenkomsten/2026-10-06-gebied.md",
        meeting(
            "title: Bewonersteam van het hele gebied\nstart: 2026-10-06 19:30\nvenue: buurthuis\nkind: bewonersteam\n",
            &format!("{LONG_TEXT}\n"),
        ),
    );
    site.write(
        "content/bijeenkomsten/2026-11-03-noord.md",
        meeting(
            "title: Wijknetwerk Noord in november\nstart: 2026-11-03 19:30\nvenue: buurthuis\nwijken: [noord]\nstatus: cancelled\nsequence: 2\n",
            "Gaat niet door wegens een lekkage.\n",
        ),
    );
    site.write(
        "content/bijeenkomsten/2026-11-10-zuid.md",
        meeting(
            "title: Wijkraad Zuid in november\nstart: 2026-11-10 19:30\nwijken: [zuid]\nstatus: moved\nmoved_to: 2026-11-17-zuid\nsequence: 1\n",
            "Een week later.\n",
        ),
    );
    site.write(
        "content/bijeenkomsten/2026-11-17-zuid.md",
        meeting(
            "title: Wijkraad Zuid, nieuwe datum\nstart: 2026-11-17 20:00\nend: 2026-11-17 22:00\nwijken: [zuid]\n",
            "De vervangende avond.\n",
        ),
    );
    site
}

fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap()
}

/// An iCalendar document parsed by the independent parser, after checking
/// the line rules the parser does not check: CRLF everywhere and no
/// physical line over 75 octets.
fn parse_ics(path: &str, text: &str) -> icalendar::Calendar {
    assert!(text.ends_with("\r\n"), "{path}: no final CRLF");
    for line in text.strip_suffix("\r\n").unwrap_or(text).split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "{path}: bare line break"
        );
        assert!(line.len() <= 75, "{path}: {} octets: {line:?}", line.len());
    }
    let calendar = icalendar::Calendar::from_str(text)
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"), "{path}");
    assert!(calendar.property_value("PRODID").is_some(), "{path}");
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"), "{path}");
    assert!(calendar.get_name().is_some(), "{path}: no NAME");
    assert!(calendar.property_value("X-WR-CALNAME").is_some(), "{path}");
    for event in calendar.events() {
        let uid = event
            .get_uid()
            .unwrap_or_else(|| panic!("{path}: event without UID"));
        // A whole-day activity (issue 19) is written with dates (RFC 5545
        // VALUE=DATE, the end the day after the last); everything else in UTC.
        let days = match (event.get_start(), event.get_end()) {
            (Some(DatePerhapsTime::Date(start)), Some(DatePerhapsTime::Date(end))) => {
                Some((start, end))
            }
            _ => None,
        };
        if is_deadline(event) {
            // A round's deadline is a whole day: a DATE, no time zone.
            let (Some(DatePerhapsTime::Date(start)), Some(DatePerhapsTime::Date(end))) =
                (event.get_start(), event.get_end())
            else {
                panic!("{path} {uid}: a deadline is an all-day event");
            };
            assert_eq!(end, start.succ_opt().unwrap(), "{path} {uid}: one day");
        } else if let Some((start, end)) = days {
            assert!(end > start, "{path} {uid}: DTEND");
        } else {
            assert!(
                utc_start(event).is_some(),
                "{path} {uid}: DTSTART is not UTC"
            );
            assert!(utc_end(event) > utc_start(event), "{path} {uid}: DTEND");
        }
        assert!(event.get_timestamp().is_some(), "{path} {uid}: no DTSTAMP");
        assert!(
            event.get_last_modified().is_some(),
            "{path} {uid}: no LAST-MODIFIED"
        );
        assert!(event.get_summary().is_some(), "{path} {uid}: no SUMMARY");
        assert!(event.get_url().is_some(), "{path} {uid}: no URL");
        assert!(event.get_sequence().is_some(), "{path} {uid}: no SEQUENCE");
        assert!(event.get_status().is_some(), "{path} {uid}: no STATUS");
        let organizer = event.property_value("ORGANIZER");
        assert!(
            organizer.is_some_and(|o| o.starts_with("mailto:")),
            "{path} {uid}: METHOD:PUBLISH needs an ORGANIZER"
        );
    }
    calendar
}

/// Every .ics file under `dir`, parsed, by path relative to `dir`.
fn all_feeds(dir: &Path) -> BTreeMap<String, icalendar::Calendar> {
    common::snapshot(dir)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".ics"))
        .map(|(path, bytes)| {
            let text = String::from_utf8(bytes).expect("UTF-8");
            let calendar = parse_ics(&path, &text);
            (path, calendar)
        })
        .collect()
}

/// A round's deadline (sections/round_dates.rs), not a meeting.
fn is_deadline(e: &icalendar::Event) -> bool {
    e.multi_properties()
        .get("CATEGORIES")
        .is_some_and(|all| all.iter().any(|p| p.value() == "Deadline"))
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

/// Event by UID.
fn event<'a>(calendar: &'a icalendar::Calendar, uid: &str) -> &'a icalendar::Event {
    calendar
        .events()
        .find(|e| e.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("no event {uid}"))
}

/// The meeting slugs in a feed, from their UIDs.
fn slugs(calendar: &icalendar::Calendar) -> Vec<String> {
    calendar
        .events()
        .map(|e| {
            let uid = e.get_uid().unwrap();
            uid.strip_suffix("@test.example").unwrap_or(uid).to_string()
        })
        .collect()
}

// ---- Feeds ----

#[test]
fn every_feed_of_the_fixture_parses_and_has_the_expected_files() {
    let site = site_with_meetings();
    site.build_ok();
    let feeds = all_feeds(&site.root().join("output"));
    let paths: Vec<&str> = feeds.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "agenda.ics",
            "alles.ics",
            "bijeenkomsten/2026-01-20-noord.ics",
            "bijeenkomsten/2026-06-16-zuid.ics",
            "bijeenkomsten/2026-10-06-gebied.ics",
            "bijeenkomsten/2026-11-03-noord.ics",
            "bijeenkomsten/2026-11-10-zuid.ics",
            "bijeenkomsten/2026-11-17-zuid.ics",
            "locaties/buurthuis/agenda.ics",
            "locaties/buurthuis/alles.ics",
            "noord/agenda.ics",
            "noord/alles.ics",
            "zuid/agenda.ics",
            "zuid/alles.ics",
        ]
    );
    let all = &feeds["agenda.ics"];
    assert_eq!(
        slugs(&feeds["alles.ics"]),
        slugs(all),
        "without activities, everything is the meetings"
    );
    assert_eq!(
        slugs(all),
        [
            "2026-01-20-noord",
            "2026-06-16-zuid",
            "2026-10-06-gebied",
            "2026-11-03-noord",
            "2026-11-10-zuid",
            "2026-11-17-zuid"
        ],
        "every meeting, in order of start"
    );
    assert_eq!(all.get_ttl(), Some(chrono::Duration::hours(6)));
    let single = &feeds["bijeenkomsten/2026-10-06-gebied.ics"];
    assert_eq!(slugs(single), ["2026-10-06-gebied"]);
    assert_eq!(single.get_name(), Some("Bewonersteam van het hele gebied"));
}

#[test]
fn winter_and_summer_meetings_are_the_right_utc_instants() {
    let site = site_with_meetings();
    site.build_ok();
    let all = parse_ics("agenda.ics", &site.output("agenda.ics"));
    // CET (UTC+1) in January, CEST (UTC+2) in June.
    let winter = event(&all, "2026-01-20-noord@test.example");
    assert_eq!(utc_start(winter), Some(utc(2026, 1, 20, 18, 30)));
    assert_eq!(utc_end(winter), Some(utc(2026, 1, 20, 20, 30)));
    let summer = event(&all, "2026-06-16-zuid@test.example");
    assert_eq!(utc_start(summer), Some(utc(2026, 6, 16, 17, 30)));
    assert_eq!(
        utc_end(summer),
        Some(utc(2026, 6, 16, 19, 30)),
        "without end: two hours"
    );
}

#[test]
fn cancelled_and_moved_meetings_stay_in_the_feed_as_cancelled_and_say_so() {
    let site = site_with_meetings();
    site.build_ok();
    let all = parse_ics("agenda.ics", &site.output("agenda.ics"));
    let cancelled = event(&all, "2026-11-03-noord@test.example");
    assert_eq!(
        cancelled.get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    assert_eq!(cancelled.get_sequence(), Some(2));
    assert!(
        cancelled
            .get_description()
            .unwrap()
            .starts_with("Deze bijeenkomst gaat niet door.")
    );
    let moved = event(&all, "2026-11-10-zuid@test.example");
    assert_eq!(moved.get_status(), Some(icalendar::EventStatus::Cancelled));
    assert!(
        moved.get_description().unwrap().starts_with(
            "Deze bijeenkomst is verplaatst naar dinsdag 17 november 2026, 20.00–22.00 uur: \
             https://test.example/bijeenkomsten/2026-11-17-zuid/"
        ),
        "{:?}",
        moved.get_description()
    );
    let confirmed = event(&all, "2026-11-17-zuid@test.example");
    assert_eq!(
        confirmed.get_status(),
        Some(icalendar::EventStatus::Confirmed)
    );
}

#[test]
fn a_long_description_with_accents_is_folded_and_reads_back_unchanged() {
    let site = site_with_meetings();
    site.build_ok();
    let text = site.output("bijeenkomsten/2026-10-06-gebied.ics");
    let folded: Vec<&str> = text
        .split("\r\n")
        .skip_while(|l| !l.starts_with("DESCRIPTION:") || !l.contains("Wij praten"))
        .take_while(|l| l.starts_with("DESCRIPTION:") || l.starts_with(' '))
        .collect();
    assert!(folded.len() > 3, "the description is folded: {folded:?}");
    let calendar = parse_ics("gebied.ics", &text);
    let read = event(&calendar, "2026-10-06-gebied@test.example");
    let expected = LONG_TEXT.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(read.get_description(), Some(expected.as_str()));
    assert!(expected.contains('é') && expected.contains('ë'));
}

#[test]
fn a_location_with_comma_and_semicolon_is_escaped_and_reads_back_unchanged() {
    let site = site_with_meetings();
    site.build_ok();
    let text = site.output("zuid/agenda.ics");
    assert!(
        text.contains("\r\nLOCATION:'t Middelpunt\\, Amersfoort\\; zaal 2\r\n"),
        "{text}"
    );
    let calendar = parse_ics("zuid/agenda.ics", &text);
    let read = event(&calendar, "2026-06-16-zuid@test.example");
    assert_eq!(read.get_location(), Some(LOCATION));
    assert_eq!(
        read.property_value("GEO"),
        None,
        "a free-text place has no GEO"
    );
}

#[test]
fn a_venue_gives_location_with_address_and_geo() {
    let site = site_with_meetings();
    site.build_ok();
    let calendar = parse_ics("agenda.ics", &site.output("agenda.ics"));
    let read = event(&calendar, "2026-01-20-noord@test.example");
    assert_eq!(
        read.get_location(),
        Some("'t Buurthuis, Dorpsstraat 1, 1234 AB Testdorp")
    );
    assert_eq!(read.property_value("GEO"), Some("52.100000;5.300000"));
    assert_eq!(
        read.get_url(),
        Some("https://test.example/bijeenkomsten/2026-01-20-noord/")
    );
    let categories: Vec<&str> = read.multi_properties()["CATEGORIES"]
        .iter()
        .map(|p| p.value())
        .collect();
    assert_eq!(categories, ["wijknetwerk"], "the kind");
    assert_eq!(
        read.get_description(),
        Some("Agenda\n\n1. Welkom\n2. Het plan (https://test.example/meedoen/)")
    );
    // DTSTAMP and LAST-MODIFIED are the build time (SOURCE_DATE_EPOCH).
    let build = DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    assert_eq!(read.get_timestamp(), Some(build));
    assert_eq!(read.get_last_modified(), Some(build));
}

#[test]
fn a_wijk_feed_has_its_own_and_area_wide_meetings_and_no_other_wijk() {
    let site = site_with_meetings();
    site.build_ok();
    let noord = parse_ics("noord/agenda.ics", &site.output("noord/agenda.ics"));
    assert_eq!(
        slugs(&noord),
        ["2026-01-20-noord", "2026-10-06-gebied", "2026-11-03-noord"]
    );
    assert_eq!(
        noord.get_name(),
        Some("TW: bijeenkomsten voor Noord"),
        "the calendar is named after the wijk"
    );
    let zuid = parse_ics("zuid/agenda.ics", &site.output("zuid/agenda.ics"));
    assert_eq!(
        slugs(&zuid),
        [
            "2026-06-16-zuid",
            "2026-10-06-gebied",
            "2026-11-10-zuid",
            "2026-11-17-zuid"
        ]
    );
}

#[test]
fn a_venue_feed_has_only_the_meetings_at_that_venue() {
    let site = site_with_meetings();
    site.build_ok();
    let feed = parse_ics(
        "locaties/buurthuis/agenda.ics",
        &site.output("locaties/buurthuis/agenda.ics"),
    );
    assert_eq!(
        slugs(&feed),
        ["2026-01-20-noord", "2026-10-06-gebied", "2026-11-03-noord"]
    );
}

/// Slug → UID in /agenda.ics.
fn uids(site: &Fixture) -> BTreeMap<String, String> {
    let calendar = parse_ics("agenda.ics", &site.output("agenda.ics"));
    calendar
        .events()
        .map(|e| {
            let url = e.get_url().unwrap();
            let slug = url.trim_end_matches('/').rsplit('/').next().unwrap();
            (slug.to_string(), e.get_uid().unwrap().to_string())
        })
        .collect()
}

#[test]
fn a_uid_survives_renaming_other_files_and_editing_the_agenda() {
    let site = site_with_meetings();
    site.build_ok();
    let before = uids(&site);
    assert_eq!(
        before["2026-10-06-gebied"],
        "2026-10-06-gebied@test.example"
    );

    // Rename another meeting, add one that sorts first, edit this one's agenda.
    let old = site
        .root()
        .join("content/bijeenkomsten/2026-01-20-noord.md");
    let new = site
        .root()
        .join("content/bijeenkomsten/2026-01-27-noord.md");
    std::fs::rename(old, new).unwrap();
    site.write(
        "content/bijeenkomsten/2025-12-01-eerder.md",
        meeting("title: Eerder\nstart: 2025-12-01 19:30\n", ""),
    );
    site.write(
        "content/bijeenkomsten/2026-10-06-gebied.md",
        meeting(
            "title: Bewonersteam van het hele gebied\nstart: 2026-10-06 19:30\nvenue: buurthuis\nkind: bewonersteam\n",
            "## Nieuwe agenda\n\n1. Iets anders\n",
        ),
    );
    site.build_ok();
    let after = uids(&site);
    assert_eq!(after["2026-10-06-gebied"], before["2026-10-06-gebied"]);
    assert_eq!(after["2026-11-17-zuid"], before["2026-11-17-zuid"]);
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn a_uid_override_is_used_as_is() {
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/a.md",
        meeting(
            "title: A\nstart: 2026-10-06 19:30\nuid: 2019-wijkraad-7@oude-site.example\n",
            "",
        ),
    );
    site.build_ok();
    assert_eq!(uids(&site)["a"], "2019-wijkraad-7@oude-site.example");
}

#[test]
fn rebuilding_gives_identical_bytes() {
    let site = site_with_meetings();
    site.build_ok();
    let first = site.snapshot();
    site.build_ok();
    assert_eq!(first, site.snapshot());
}

// ---- Pages ----

#[test]
fn a_meeting_page_has_the_dutch_date_venue_map_link_agenda_and_buttons() {
    let site = site_with_meetings();
    site.build_ok();
    let page = site.output("bijeenkomsten/2026-01-20-noord/index.html");
    assert!(page.contains("<h1>Wijknetwerk Noord in de winter</h1>"));
    assert!(page.contains(
        r#"<time datetime="2026-01-20T19:30+01:00">dinsdag 20 januari 2026, <span class="nowrap">19.30–21.30 uur</span></time>"#
    ));
    assert!(page.contains(
        "<a href=\"/locaties/buurthuis/\">&#39;t\u{a0}Buurthuis</a>, \n\
         <span class=\"nowrap\">Dorpsstraat 1</span>, <span class=\"nowrap\">1234 AB Testdorp</span>"
    ));
    // The venue's accessibility, right on the meeting page.
    assert!(page.contains("<dt>Toegankelijkheid</dt>"), "{page}");
    assert!(page.contains("<p>Gelijkvloers.</p>"), "{page}");
    assert!(page.contains(
        r#"href="https://www.openstreetmap.org/?mlat=52.1&amp;mlon=5.3#map=18/52.1/5.3""#
    ));
    assert!(!page.contains("<iframe"), "a link, no embedded map");
    assert!(page.contains(r#"<h2 id="agenda">Agenda</h2>"#));
    assert!(
        page.contains(r#"<a href="/verslagen/januari.txt">"#),
        "minutes"
    );
    assert!(page.contains(r#"href="/bijeenkomsten/2026-01-20-noord.ics""#));
    assert!(page.contains(r#"href="/bijeenkomsten/2026-01-20-noord/poster/""#));
    assert!(page.contains(">Noord</dd>"), "the wijk it is for");
}

#[test]
fn subscribe_buttons_offer_webcal_google_and_the_address_to_copy() {
    let site = site_with_meetings();
    site.build_ok();
    let list = site.output("bijeenkomsten/index.html");
    assert!(list.contains(r#"href="webcal://test.example/agenda.ics""#));
    assert!(list.contains(
        r#"href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftest.example%2Fagenda.ics""#
    ));
    assert!(list.contains(r#"class="feed-url" aria-describedby="agenda-adres-uitleg">https://test.example/agenda.ics</code>"#));
    assert!(
        list.contains("kopieer het adres"),
        "one line of instructions"
    );
    assert!(list.contains(
        r#"<link rel="alternate" type="text/calendar" title="TW: Bijeenkomsten" href="/agenda.ics">"#
    ));
    // The only script is the theme's own copy button (tests/subscribe.rs).
    assert_eq!(list.matches("<script").count(), 1);
    assert!(list.contains(r#"<script src="/copy.js" defer></script>"#));
}

#[test]
fn cancelled_and_moved_meetings_say_so_in_words_and_link_to_the_new_date() {
    let site = site_with_meetings();
    site.build_ok();
    let cancelled = site.output("bijeenkomsten/2026-11-03-noord/index.html");
    // Said once, plainly; no add-to-calendar for a meeting that is off.
    // (The editor's own text below may say it again; what the page adds
    // between the title and that text says it once.)
    let facts = |page: &str| {
        let start = page.find("</h1>").unwrap();
        let end = page.find("<div class=\"prose\">").unwrap();
        page[start..end].to_lowercase()
    };
    assert_eq!(
        facts(&cancelled).matches("gaat niet door").count(),
        1,
        "{cancelled}"
    );
    assert!(cancelled.contains("<strong>Deze bijeenkomst gaat niet door.</strong>"));
    assert!(!cancelled.contains("2026-11-03-noord.ics\""), "{cancelled}");
    let moved = site.output("bijeenkomsten/2026-11-10-zuid/index.html");
    assert_eq!(facts(&moved).matches("verplaatst").count(), 1, "{moved}");
    assert!(moved.contains(
        r#"<strong>Deze bijeenkomst is verplaatst naar</strong> <a href="/bijeenkomsten/2026-11-17-zuid/">dinsdag 17 november 2026, <span class="nowrap">20.00–22.00 uur</span></a>"#
    ), "{moved}");
    let ics = site.output("bijeenkomsten/2026-11-03-noord.ics");
    assert!(ics.contains("SUMMARY:Gaat niet door: "), "{ics}");
    assert!(ics.contains("STATUS:CANCELLED"), "{ics}");
    let poster = site.output("bijeenkomsten/2026-11-10-zuid/poster/index.html");
    assert_eq!(poster.matches("erplaatst").count(), 1, "{poster}");
    let list = site.output("bijeenkomsten/index.html");
    assert!(list.contains(r#"<strong class="status status-cancelled">Gaat niet door</strong>"#));
    assert!(list.contains(r#"<strong class="status status-moved">Verplaatst</strong>"#));
}

#[test]
fn the_list_shows_upcoming_meetings_first_then_past_ones_by_year() {
    let site = site_with_meetings();
    site.write(
        "content/bijeenkomsten/2025-05-01-oud.md",
        meeting("title: Een oude avond\nstart: 2025-05-01 19:30\n", ""),
    );
    site.build_ok();
    let list = site.output("bijeenkomsten/index.html");
    let at = |needle: &str| {
        list.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(at("Komende bijeenkomsten") < at("Bewonersteam van het hele gebied"));
    assert!(at("Bewonersteam van het hele gebied") < at("Wijkraad Zuid, nieuwe datum"));
    assert!(at("Wijkraad Zuid, nieuwe datum") < at("Eerdere bijeenkomsten"));
    assert!(at("Eerdere bijeenkomsten") < at(r#"<h3 id="jaar-2026">"#));
    assert!(at(r#"<h3 id="jaar-2026">"#) < at("Wijkraad Zuid in de zomer"));
    assert!(at("Wijkraad Zuid in de zomer") < at("Wijknetwerk Noord in de winter"));
    assert!(at("Wijknetwerk Noord in de winter") < at(r#"<h3 id="jaar-2025">"#));
    assert!(at(r#"<h3 id="jaar-2025">"#) < at("Een oude avond"));
}

#[test]
fn the_home_page_shows_the_next_meetings() {
    let site = site_with_meetings();
    site.build_ok();
    let home = site.output("index.html");
    let section = &home[home.find("Komende bijeenkomsten").expect("section")..];
    assert!(
        section.find("Bewonersteam van het hele gebied")
            < section.find("Wijkraad Zuid, nieuwe datum")
    );
    assert!(
        !home.contains("Wijknetwerk Noord in de winter"),
        "past meetings are not on the home page"
    );
    assert!(home.contains(r#"href="/agenda.ics""#));
}

#[test]
fn the_home_page_shows_at_most_five_meetings() {
    let site = Fixture::new();
    for day in 1..=7 {
        site.write(
            &format!("content/bijeenkomsten/2026-10-0{day}.md"),
            meeting(
                &format!("title: Avond {day}\nstart: 2026-10-0{day} 19:30\n"),
                "",
            ),
        );
    }
    site.build_ok();
    let home = site.output("index.html");
    assert!(home.contains("Avond 5"));
    assert!(!home.contains("Avond 6"));
}

#[test]
fn a_wijk_page_shows_its_upcoming_and_area_wide_meetings_and_its_feed() {
    let site = site_with_meetings();
    site.build_ok();
    let noord = site.output("noord/index.html");
    assert!(
        noord.contains("Bewonersteam van het hele gebied"),
        "area-wide"
    );
    assert!(noord.contains("Wijknetwerk Noord in november"));
    assert!(!noord.contains("Wijkraad Zuid"), "another wijk's meeting");
    assert!(!noord.contains("Wijknetwerk Noord in de winter"), "past");
    assert!(noord.contains(r#"href="webcal://test.example/noord/agenda.ics""#));
    assert!(
        noord.contains(r#"href="/noord/agenda.ics""#),
        "alternate link"
    );
}

#[test]
fn a_venue_page_has_the_address_accessibility_and_its_meetings() {
    let site = site_with_meetings();
    site.build_ok();
    let venue = site.output("locaties/buurthuis/index.html");
    assert!(venue.contains("<h1>&#39;t\u{a0}Buurthuis</h1>"));
    assert!(venue.contains(
        "<span class=\"nowrap\">Dorpsstraat 1</span><br><span class=\"nowrap\">1234 AB Testdorp</span>"
    ));
    assert!(venue.contains("<p>Gelijkvloers.</p>"));
    assert!(venue.contains("Bewonersteam van het hele gebied"));
    assert!(!venue.contains("Wijkraad Zuid"), "not at this venue");
    assert!(venue.contains(r#"href="webcal://test.example/locaties/buurthuis/agenda.ics""#));
    assert!(
        site.output("locaties/index.html")
            .contains(r#"href="/locaties/buurthuis/""#)
    );
}

#[test]
fn the_poster_is_a4_with_big_type_and_a_qr_code_to_the_meeting() {
    let site = site_with_meetings();
    site.build_ok();
    let poster = site.output("bijeenkomsten/2026-10-06-gebied/poster/index.html");
    assert!(poster.contains("<h1>Bewonersteam van het hele gebied</h1>"));
    assert!(
        poster.contains("dinsdag 6 oktober 2026<br><span class=\"nowrap\">19.30–21.30 uur</span>")
    );
    assert!(poster.contains("&#39;t\u{a0}Buurthuis"));
    assert!(poster.contains("<h2>Toegankelijkheid</h2>"), "{poster}");
    assert!(poster.contains("<p>Gelijkvloers.</p>"), "{poster}");
    assert!(poster.contains(r#"<svg xmlns="http://www.w3.org/2000/svg" role="img""#));
    assert!(poster.contains("https://test.example/bijeenkomsten/2026-10-06-gebied/"));
    assert!(poster.contains(r#"href="/poster.css""#));
    let css = site.output("poster.css");
    assert!(css.contains("@page { size: A4;"));
    let sitemap = site.output("sitemap.xml");
    assert!(
        !sitemap.contains("/poster/"),
        "posters are not in the sitemap"
    );
    assert!(sitemap.contains("<loc>https://test.example/bijeenkomsten/2026-10-06-gebied/</loc>"));
}

#[test]
fn the_menu_has_bijeenkomsten() {
    let site = site_with_meetings();
    site.build_ok();
    let page = site.output("meedoen/index.html");
    assert!(page.contains(r#"<li><a href="/bijeenkomsten/">Bijeenkomsten</a></li>"#));
    let list = site.output("bijeenkomsten/index.html");
    assert!(list.contains(r#"<a href="/bijeenkomsten/" aria-current="page">Bijeenkomsten</a>"#));
}

#[test]
fn a_draft_meeting_is_left_out_unless_asked_for() {
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/concept.md",
        meeting("title: Concept\nstart: 2026-10-06 19:30\ndraft: true\n", ""),
    );
    site.build_ok();
    assert!(!site.output_exists("bijeenkomsten/concept/index.html"));
    assert!(!site.output("agenda.ics").contains("concept@"));
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    assert!(site.output_exists("bijeenkomsten/concept/index.html"));
}

#[test]
fn links_of_the_fixture_resolve_under_a_base_path() {
    let site = site_with_meetings();
    let run = site.run(&["build", "--base-url", "https://preview.example/pr-7/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let broken = common::broken_internal_links(&site.root().join("output"), "/pr-7/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let page = site.output("bijeenkomsten/2026-01-20-noord/index.html");
    assert!(page.contains(r#"href="/pr-7/verslagen/januari.txt""#));
    assert!(page.contains(r#"href="webcal://preview.example/pr-7/agenda.ics""#));
}

// ---- The sample site ----

#[test]
fn every_feed_of_the_sample_site_parses_with_the_right_instants_and_statuses() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(["build", "-q", "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .status()
        .unwrap();
    assert!(status.success());
    let feeds = all_feeds(&out);
    assert_eq!(
        feeds
            .keys()
            .filter(|p| p.starts_with("bijeenkomsten/"))
            .count(),
        16,
        "one .ics per meeting"
    );
    let all = &feeds["agenda.ics"];
    assert_eq!(all.events().filter(|e| !is_deadline(e)).count(), 16);
    // Four rounds, each with opens, closes, decision_expected and report_due.
    assert_eq!(all.events().filter(|e| is_deadline(e)).count(), 16);
    assert_eq!(
        feeds["alles.ics"].events().count(),
        16 + 7 + 16,
        "the meetings, the sample's seven activities and the rounds' deadlines"
    );
    let uid = |slug: &str| format!("{slug}@szh-amersfoort.example");
    // 19:30 in winter (CET) and in summer (CEST), on both sides of both changes.
    for (slug, hour) in [
        ("2026-03-10-wijkraad-schothorst", 18),
        ("2026-03-30-bewonersteam", 17),
        ("2026-06-09-wijkraad-schothorst", 17),
        ("2026-10-27-bewonersteam", 18),
    ] {
        let start = utc_start(event(all, &uid(slug))).unwrap();
        assert_eq!(
            start.format("%H:%M").to_string(),
            format!("{hour}:30"),
            "{slug}"
        );
    }
    for slug in [
        "2026-09-10-wijknetwerk-zielhorst",
        "2026-09-22-bewonersteam",
    ] {
        assert_eq!(
            event(all, &uid(slug)).get_status(),
            Some(icalendar::EventStatus::Cancelled),
            "{slug}"
        );
    }
    assert_eq!(
        event(all, &uid("2027-06-15-zomeravond-szh")).get_status(),
        Some(icalendar::EventStatus::Tentative)
    );
    // Each wijk's feed: its own meetings and the area-wide ones, no other wijk's.
    let hoef = &feeds["hoefkwartier/agenda.ics"];
    assert!(
        hoef.events()
            .any(|e| e.get_uid() == Some(&uid("2026-04-16-bewonersgroep-hoefkwartier")))
    );
    assert!(
        hoef.events()
            .any(|e| e.get_uid() == Some(&uid("2026-03-30-bewonersteam")))
    );
    assert!(
        !hoef
            .events()
            .any(|e| e.get_uid() == Some(&uid("2026-03-10-wijkraad-schothorst")))
    );
    let de_hoef = &feeds["locaties/wijkcentrum-de-hoef/agenda.ics"];
    assert_eq!(de_hoef.events().count(), 2);
}

// ---- Bad input ----

/// Builds a good site, adds `files`, and checks the build fails without
/// touching the previous output.
fn broken(files: &[(&str, String)]) -> common::Run {
    site_with_meetings().break_and_build(
        |site| {
            for (path, text) in files {
                site.write(path, text);
            }
        },
        Fixture::build,
    )
}

const BAD: &str = "content/bijeenkomsten/fout.md";

fn bad(front: &str) -> common::Run {
    broken(&[(BAD, meeting(front, "Agenda.\n"))])
}

#[test]
fn an_end_before_the_start_is_reported() {
    let run = bad("title: A\nstart: 2026-10-06 19:30\nend: 2026-10-06 17:00\n");
    run.assert_error(
        &format!("{BAD}:4: "),
        &["eindigt", "niet na het begin", "tip"],
    );
}

#[test]
fn an_unknown_venue_is_reported_with_the_known_ones() {
    let run = bad("title: A\nstart: 2026-10-06 19:30\nvenue: stadhuis\n");
    run.assert_error(
        &format!("{BAD}:4: "),
        &["onbekende locatie `stadhuis`", "buurthuis"],
    );
}

#[test]
fn an_unknown_wijk_is_reported_with_the_known_ones() {
    let run = bad("title: A\nstart: 2026-10-06 19:30\nwijken:\n  - noord\n  - oost\n");
    run.assert_error(
        &format!("{BAD}:6: "),
        &["onbekende wijk `oost`", "noord, zuid"],
    );
}

#[test]
fn a_start_in_the_skipped_spring_hour_is_reported() {
    let run = bad("title: A\nstart: 2026-03-29 02:30\n");
    run.assert_error(
        &format!("{BAD}:3: "),
        &[
            "2026-03-29 02:30 bestaat niet",
            "kies een tijd buiten 02:00–03:00 in de nacht van de klokwissel",
        ],
    );
}

#[test]
fn a_start_in_the_repeated_autumn_hour_is_reported() {
    let run = bad("title: A\nstart: 2026-10-25 02:30\n");
    run.assert_error(
        &format!("{BAD}:3: "),
        &[
            "2026-10-25 02:30 komt twee keer voor",
            "kies een tijd buiten 02:00–03:00 in de nacht van de klokwissel",
        ],
    );
}

#[test]
fn an_unknown_status_is_reported_with_the_allowed_ones() {
    let run = bad("title: A\nstart: 2026-10-06 19:30\nstatus: postponed\n");
    run.assert_error(
        &format!("{BAD}:4: "),
        &[
            "onbekende status `postponed`",
            "confirmed",
            "tentative",
            "cancelled",
            "moved",
        ],
    );
}

#[test]
fn moved_without_moved_to_is_reported() {
    let run = bad("title: A\nstart: 2026-10-06 19:30\nstatus: moved\n");
    run.assert_error(&format!("{BAD}:4: "), &["`moved_to:` ontbreekt", "slug"]);
}

#[test]
fn moved_to_a_meeting_that_does_not_exist_is_reported() {
    let run =
        bad("title: A\nstart: 2026-10-06 19:30\nstatus: moved\nmoved_to: 2026-10-13-nergens\n");
    run.assert_error(
        &format!("{BAD}:5: "),
        &["`moved_to: 2026-10-13-nergens`", "niet is", "tip"],
    );
}

#[test]
fn two_meetings_with_one_uid_are_reported_naming_both_files() {
    let other = "content/bijeenkomsten/ander.md";
    let run = broken(&[
        (
            BAD,
            meeting(
                "title: A\nstart: 2026-10-06 19:30\nuid: vast@test.example\n",
                "",
            ),
        ),
        (
            other,
            meeting(
                "title: B\nstart: 2026-10-13 19:30\nkind: x\nuid: vast@test.example\n",
                "",
            ),
        ),
    ]);
    run.assert_error(
        &format!("{BAD}:4: "),
        &["dezelfde UID `vast@test.example`", other],
    );
    run.assert_error(&format!("{other}:5: "), &["dezelfde UID", BAD]);
}

#[test]
fn a_uid_override_equal_to_another_meetings_generated_uid_is_reported() {
    let run = bad("title: A\nstart: 2026-10-06 19:30\nuid: 2026-10-06-gebied@test.example\n");
    run.assert_error(
        &format!("{BAD}:4: "),
        &["dezelfde UID", "content/bijeenkomsten/2026-10-06-gebied.md"],
    );
}

#[test]
fn minutes_that_point_to_no_file_on_the_site_are_reported() {
    let run = bad("title: A\nstart: 2026-10-06 19:30\nminutes: /verslagen/maart.pdf\n");
    run.assert_error(
        &format!("{BAD}:4: "),
        &["/verslagen/maart.pdf", "bestaat niet"],
    );
}

#[test]
fn a_missing_start_and_an_unknown_key_are_reported() {
    let run = bad("title: A\nbegin: 2026-10-06 19:30\n");
    run.assert_error(&format!("{BAD}:3:"), &["onbekend veld `begin`"]);
}

#[test]
fn all_problems_of_all_meetings_are_listed_in_one_build() {
    let run = broken(&[
        (
            "content/bijeenkomsten/een.md",
            meeting("title: A\nstart: 2026-03-29 02:15\nvenue: stadhuis\n", ""),
        ),
        (
            "content/bijeenkomsten/twee.md",
            meeting("title: B\nstart: 2026-10-06 19:30\nstatus: moved\n", ""),
        ),
    ]);
    run.assert_error("content/bijeenkomsten/een.md:3: ", &["bestaat niet"]);
    run.assert_error("content/bijeenkomsten/een.md:4: ", &["stadhuis"]);
    run.assert_error("content/bijeenkomsten/twee.md:4: ", &["moved_to"]);
}
