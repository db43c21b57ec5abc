//! Activities and what issue 19 adds around them, on a built fixture site:
//! every calendar (agenda.ics with meetings only, alles.ics with meetings
//! and activities, per area, wijk and venue, and one per activity) read
//! back with an independent parser (the `icalendar` crate) and checked
//! against RFC 5545's line and structure rules; whole days, several days,
//! a night across the autumn clock change, a cancelled activity; stable
//! UIDs; sign-up, online link and papers of a meeting; feeds never dated
//! after the build (SOURCE_DATE_EPOCH), per-wijk Atom feeds (read back with
//! `feed-rs`), share texts and the newsletter sign-up.
//!
//! The fixture builds at SOURCE_DATE_EPOCH 1790000000 (2026-09-21 14:13:20 UTC).

mod common;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use common::Fixture;
use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

const BUILD: i64 = 1_790_000_000;

fn write_activities(site: &Fixture) {
    site.write(
        "content/activiteiten/2026-10-03-oogstfeest.md",
        "---\ntitle: Oogstfeest\nstart: 2026-10-03\nlocation: De buurttuin\nwijken: [noord]\n\
         organiser: Tuingroep\ncost: Gratis\n---\nSoep van eigen oogst.\n",
    );
    site.write(
        "content/activiteiten/2026-10-24-tuinweekend.md",
        "---\ntitle: Tuinweekend\nstart: 2026-10-24\nend: 2026-10-26\nvenue: buurthuis\n---\nDrie dagen.\n",
    );
    site.write(
        "content/activiteiten/2026-10-24-nachtwandeling.md",
        "---\ntitle: Nachtwandeling\nstart: 2026-10-24 22:00\nend: 2026-10-25 04:00\nwijken: [zuid]\n\
         location: Het park\n---\nDoor de nacht van de klokwissel.\n",
    );
    site.write(
        "content/activiteiten/2026-11-07-opruimen.md",
        "---\ntitle: Opruimochtend\nstart: 2026-11-07 10:00\nend: 2026-11-07 12:00\nvenue: buurthuis\n\
         cancelled: true\nsequence: 1\n---\nGaat niet door door de storm.\n",
    );
    site.write(
        "content/activiteiten/2026-12-19-kerstmaaltijd.md",
        "---\ntitle: Kerstmaaltijd\nstart: 2026-12-19 17:00\nend: 2026-12-19 20:00\nvenue: buurthuis\n\
         announced: 2026-09-01\nregistration:\n  required: true\n  email: eten@test.example\n  \
         opens: 2026-11-28\n  closes: 2026-12-16\n  capacity: 40\n---\nWarm eten.\n",
    );
    site.write(
        "content/bijeenkomsten/2026-10-06-wijkavond.md",
        "---\ntitle: Wijkavond\nstart: 2026-10-06 19:30\nend: 2026-10-06 21:30\nvenue: buurthuis\n\
         wijken: [noord]\nkind: wijknetwerk\nannounced: 2026-09-10\n\
         online_url: https://meet.test.example/wijkavond\n\
         registration:\n  url: https://test.example/aanmelden\n  closes: 2026-10-05\n\
         documents:\n  - title: Agenda\n    file: /stukken/agenda.pdf\n  - title: Plan van de gemeente\n    url: https://gemeente.example/plan.pdf\n---\nWelkom.\n",
    );
    site.write("content/static/stukken/agenda.pdf", "%PDF-1.4\n");
    // A meeting far ahead: its feed date (six weeks before) is after the build.
    site.write(
        "content/bijeenkomsten/2027-06-15-zomer.md",
        "---\ntitle: Zomeravond\nstart: 2027-06-15 19:00\n---\nBuiten.\n",
    );
}

fn site() -> Fixture {
    let site = Fixture::new();
    write_activities(&site);
    site.write(
        "content/site.yaml",
        format!(
            "{}newsletter:\n  signup_url: https://test.example/nieuwsbrief-aanmelden\n  unsubscribe: afmelden@test.example\n",
            common::SITE_YAML
        ),
    );
    site
}

fn utc(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, mi, 0).unwrap()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The start or end: a UTC time or a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

fn when(value: Option<DatePerhapsTime>) -> Option<When> {
    match value? {
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => Some(When::At(t)),
        DatePerhapsTime::Date(d) => Some(When::Day(d)),
        _ => None,
    }
}

/// Validator 1: the RFC 5545 line rules (CRLF only, at most 75 octets a
/// line, folded lines start with one space).
fn check_lines(path: &str, text: &str) {
    assert!(text.ends_with("\r\n"), "{path}: no final CRLF");
    for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!line.contains(['\r', '\n']), "{path}: bare line break");
        assert!(line.len() <= 75, "{path}: {} octets: {line:?}", line.len());
        assert!(!line.is_empty(), "{path}: empty line");
    }
}

/// Validator 2: structure. BEGIN/END nest and balance; each VEVENT has
/// exactly one UID, DTSTAMP and DTSTART, DTSTART and DTEND of one value
/// type, and an all-day DTEND after its DTSTART.
fn check_structure(path: &str, text: &str) {
    let unfolded = text.replace("\r\n ", "");
    let mut stack: Vec<&str> = Vec::new();
    let mut props: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            stack.push(name);
            if name == "VEVENT" {
                props.clear();
            }
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(stack.pop(), Some(name), "{path}: END:{name} out of place");
            if name == "VEVENT" {
                for once in [
                    "UID",
                    "DTSTAMP",
                    "DTSTART",
                    "SUMMARY",
                    "STATUS",
                    "ORGANIZER",
                ] {
                    assert_eq!(
                        props.get(once).map(Vec::len),
                        Some(1),
                        "{path}: {once} in {props:?}"
                    );
                }
                let start = props["DTSTART"][0];
                if let Some(end) = props.get("DTEND").map(|e| e[0]) {
                    let day = |v: &str| v.starts_with(";VALUE=DATE:");
                    assert_eq!(day(start), day(end), "{path}: {start} / {end}");
                    let (s, e) = (
                        start.rsplit(':').next().unwrap(),
                        end.rsplit(':').next().unwrap(),
                    );
                    assert!(e > s, "{path}: DTEND {e} not after DTSTART {s}");
                }
            }
        } else if stack.last() == Some(&"VEVENT") {
            let cut = line.find([':', ';']).expect("a property name");
            props.entry(&line[..cut]).or_default().push(&line[cut..]);
        }
    }
    assert!(stack.is_empty(), "{path}: unclosed {stack:?}");
}

/// Validator 3: the independent parser reads it, with the calendar
/// properties subscribers need. Validator 4: every event has its facts
/// (UID, stamp, a start before its end, summary, URL, sequence, status,
/// organizer). Validator 5: no UID twice in one calendar.
fn parse(path: &str, text: &str) -> icalendar::Calendar {
    check_lines(path, text);
    check_structure(path, text);
    let calendar = icalendar::Calendar::from_str(text)
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"), "{path}");
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"), "{path}");
    assert!(calendar.get_name().is_some(), "{path}");
    let mut uids = BTreeSet::new();
    for event in calendar.events() {
        let uid = event.get_uid().expect("UID");
        assert!(uids.insert(uid.to_string()), "{path}: {uid} twice");
        let (start, end) = (when(event.get_start()), when(event.get_end()));
        assert!(
            start.is_some(),
            "{path} {uid}: DTSTART is neither UTC nor a date"
        );
        assert!(end > start, "{path} {uid}: DTEND");
        assert!(event.get_timestamp().is_some(), "{path} {uid}");
        assert!(event.get_summary().is_some(), "{path} {uid}");
        assert!(event.get_url().is_some(), "{path} {uid}");
        assert!(event.get_sequence().is_some(), "{path} {uid}");
        assert!(event.get_status().is_some(), "{path} {uid}");
        assert!(
            event
                .property_value("ORGANIZER")
                .is_some_and(|o| o.starts_with("mailto:")),
            "{path} {uid}"
        );
    }
    calendar
}

fn calendars(site: &Fixture) -> BTreeMap<String, icalendar::Calendar> {
    site.snapshot()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".ics"))
        .map(|(p, bytes)| {
            let text = String::from_utf8(bytes).unwrap();
            let cal = parse(&p, &text);
            (p, cal)
        })
        .collect()
}

fn uids(cal: &icalendar::Calendar) -> Vec<String> {
    cal.events()
        .map(|e| {
            let uid = e.get_uid().unwrap();
            uid.strip_suffix("@test.example").unwrap_or(uid).to_string()
        })
        .collect()
}

fn event<'a>(cal: &'a icalendar::Calendar, uid: &str) -> &'a icalendar::Event {
    cal.events()
        .find(|e| e.get_uid() == Some(&format!("{uid}@test.example")))
        .unwrap_or_else(|| panic!("no {uid}"))
}

#[test]
fn every_calendar_passes_the_validators_and_holds_the_right_events() {
    let site = site();
    site.build_ok();
    let cals = calendars(&site);
    for path in [
        "agenda.ics",
        "alles.ics",
        "noord/agenda.ics",
        "noord/alles.ics",
        "zuid/alles.ics",
        "locaties/buurthuis/agenda.ics",
        "locaties/buurthuis/alles.ics",
        "activiteiten/2026-10-03-oogstfeest.ics",
    ] {
        assert!(cals.contains_key(path), "{path} missing: {:?}", cals.keys());
    }
    // Meetings only in agenda.ics, as before.
    assert_eq!(
        uids(&cals["agenda.ics"]),
        ["2026-10-06-wijkavond", "2027-06-15-zomer"]
    );
    // Everything in alles.ics, by start.
    assert_eq!(
        uids(&cals["alles.ics"]),
        [
            "activiteit-2026-10-03-oogstfeest",
            "2026-10-06-wijkavond",
            "activiteit-2026-10-24-tuinweekend",
            "activiteit-2026-10-24-nachtwandeling",
            "activiteit-2026-11-07-opruimen",
            "activiteit-2026-12-19-kerstmaaltijd",
            "2027-06-15-zomer",
        ]
    );
    // A wijk: its own and the whole area's; not the other wijk's.
    let noord = uids(&cals["noord/alles.ics"]);
    assert!(noord.contains(&"activiteit-2026-10-03-oogstfeest".to_string()));
    assert!(!noord.contains(&"activiteit-2026-10-24-nachtwandeling".to_string()));
    assert!(noord.contains(&"activiteit-2026-12-19-kerstmaaltijd".to_string()));
    assert_eq!(
        uids(&cals["noord/agenda.ics"]),
        ["2026-10-06-wijkavond", "2027-06-15-zomer"]
    );
    // A venue: what happens there.
    assert_eq!(
        uids(&cals["locaties/buurthuis/alles.ics"]),
        [
            "2026-10-06-wijkavond",
            "activiteit-2026-10-24-tuinweekend",
            "activiteit-2026-11-07-opruimen",
            "activiteit-2026-12-19-kerstmaaltijd",
        ]
    );
    // Activities are marked as such; meetings keep their kind.
    let all = &cals["alles.ics"];
    let categories = |uid: &str| {
        event(all, uid).multi_properties()["CATEGORIES"]
            .iter()
            .map(|p| p.value().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        categories("activiteit-2026-10-03-oogstfeest"),
        ["Activiteit"]
    );
    assert_eq!(categories("2026-10-06-wijkavond"), ["wijknetwerk"]);
}

#[test]
fn whole_days_several_days_the_clock_change_and_cancelled() {
    let site = site();
    site.build_ok();
    let text = site.output("alles.ics");
    let all = parse("alles.ics", &text);
    let day = |e: &icalendar::Event| (when(e.get_start()), when(e.get_end()));
    // One whole day: DTEND is the day after (exclusive).
    let feest = event(&all, "activiteit-2026-10-03-oogstfeest");
    assert_eq!(
        day(feest),
        (
            Some(When::Day(date("2026-10-03"))),
            Some(When::Day(date("2026-10-04")))
        )
    );
    assert!(text.contains("DTSTART;VALUE=DATE:20261003\r\n"));
    // Three days across the clock change (25 October): the same dates.
    let weekend = event(&all, "activiteit-2026-10-24-tuinweekend");
    assert_eq!(
        day(weekend),
        (
            Some(When::Day(date("2026-10-24"))),
            Some(When::Day(date("2026-10-27")))
        )
    );
    // A night across the change: 22:00 CEST is 20:00 UTC, 04:00 CET is 03:00 UTC.
    let nacht = event(&all, "activiteit-2026-10-24-nachtwandeling");
    assert_eq!(
        day(nacht),
        (
            Some(When::At(utc(2026, 10, 24, 20, 0))),
            Some(When::At(utc(2026, 10, 25, 3, 0)))
        )
    );
    // Cancelled: status and title say so, UID and sequence stay.
    let weg = event(&all, "activiteit-2026-11-07-opruimen");
    assert_eq!(weg.get_status(), Some(icalendar::EventStatus::Cancelled));
    assert!(weg.get_summary().unwrap().starts_with("Gaat niet door: "));
    assert_eq!(weg.get_sequence(), Some(1));
    // The page says the same, once, and offers no calendar file.
    let page = site.output("activiteiten/2026-11-07-opruimen/index.html");
    assert!(page.contains("Deze activiteit gaat niet door."));
    assert!(!page.contains("activiteiten/2026-11-07-opruimen.ics"));
    let multi = site.output("activiteiten/2026-10-24-tuinweekend/index.html");
    assert!(
        multi.contains("zaterdag 24 oktober 2026, <span class=\"nowrap\">tot en met maandag 26 oktober 2026</span>"),
        "{multi}"
    );
}

#[test]
fn uids_stay_the_same_when_other_content_changes() {
    let site = site();
    site.build_ok();
    let before = uids(&parse("alles.ics", &site.output("alles.ics")));
    site.write(
        "content/activiteiten/2026-10-01-aaa-eerder.md",
        "---\ntitle: Eerder\nstart: 2026-10-01 10:00\n---\n",
    );
    site.write(
        "content/activiteiten/2026-10-03-oogstfeest.md",
        "---\ntitle: Oogstfeest (nieuwe titel)\nstart: 2026-10-04\nsequence: 1\n---\nLater.\n",
    );
    site.build_ok();
    let after = uids(&parse("alles.ics", &site.output("alles.ics")));
    for uid in &before {
        assert!(after.contains(uid), "{uid} changed: {after:?}");
    }
    assert!(after.contains(&"activiteit-2026-10-01-aaa-eerder".to_string()));
}

#[test]
fn a_meeting_shows_sign_up_online_link_and_papers_and_its_event_carries_them() {
    let site = site();
    site.build_ok();
    let text = site.output("bijeenkomsten/2026-10-06-wijkavond.ics");
    let cal = parse("wijkavond.ics", &text);
    let e = event(&cal, "2026-10-06-wijkavond");
    let attach: Vec<&str> = e.multi_properties()["ATTACH"]
        .iter()
        .map(|p| p.value())
        .collect();
    assert_eq!(
        attach,
        [
            "https://test.example/stukken/agenda.pdf",
            "https://gemeente.example/plan.pdf"
        ]
    );
    let conference = e.properties().get("CONFERENCE").expect("CONFERENCE");
    assert_eq!(conference.value(), "https://meet.test.example/wijkavond");
    assert_eq!(
        conference.params().get("VALUE").map(|p| p.value()),
        Some("URI")
    );
    let description = e.get_description().unwrap();
    assert!(
        description.contains(
            "Aanmelden graag, uiterlijk maandag 5 oktober 2026, via https://test.example/aanmelden."
        ),
        "{description}"
    );
    let page = site.output("bijeenkomsten/2026-10-06-wijkavond/index.html");
    assert!(
        page.contains("href=\"/stukken/agenda.pdf\">Agenda</a> <span class=\"meta\">(PDF)</span>")
    );
    assert!(page.contains("href=\"https://meet.test.example/wijkavond\""));
    assert!(page.contains("href=\"https://test.example/aanmelden\""));
    // The Kerstmaaltijd: sign-up needed, from a date, with room for 40.
    let kerst = site.output("activiteiten/2026-12-19-kerstmaaltijd/index.html");
    assert!(kerst.contains("Aanmelden is nodig, vanaf zaterdag 28 november 2026, uiterlijk woensdag 16 december 2026."), "{kerst}");
    assert!(kerst.contains("Er is plaats voor 40 mensen."));
    assert!(kerst.contains("href=\"mailto:eten@test.example\""));
}

#[test]
fn bad_activities_and_details_are_reported_with_file_and_line() {
    let site = Fixture::new();
    site.write(
        "content/activiteiten/a.md",
        "---\ntitle: A\nstart: 2026-10-03 10:00\nend: 2026-10-03\n---\n",
    );
    site.build()
        .assert_error("content/activiteiten/a.md:4", &["end", "tijd"]);
    let site = Fixture::new();
    site.write(
        "content/activiteiten/b.md",
        "---\ntitle: B\nstart: 2026-03-29 02:30\n---\n",
    );
    site.build()
        .assert_error("content/activiteiten/b.md:3", &["klok"]);
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/c.md",
        "---\ntitle: C\nstart: 2026-10-03 19:30\ndocuments:\n  - title: Weg\n    file: /stukken/weg.pdf\n---\n",
    );
    site.build().assert_error(
        "content/bijeenkomsten/c.md:4",
        &["/stukken/weg.pdf", "content/static"],
    );
    let site = Fixture::new();
    site.write(
        "content/activiteiten/d.md",
        "---\ntitle: D\nstart: 2026-10-03\norganizr: X\n---\n",
    );
    site.build()
        .assert_error("content/activiteiten/d.md", &["organizr"]);
    // An activity's own `uid:` equal to a meeting's would put two events
    // with one UID in alles.ics.
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/2026-10-06-wijkavond.md",
        "---\ntitle: Wijkavond\nstart: 2026-10-06 19:30\n---\n",
    );
    site.write(
        "content/activiteiten/e.md",
        "---\ntitle: E\nstart: 2026-10-03\nuid: 2026-10-06-wijkavond@test.example\n---\n",
    );
    site.build().assert_error(
        "content/activiteiten/e.md:4",
        &["2026-10-06-wijkavond@test.example", "bijeenkomsten"],
    );
}

fn parse_feed(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("feed-rs: {e}\n{xml}"))
}

#[test]
fn no_feed_dates_an_entry_after_the_build_and_wijk_feeds_are_valid_atom() {
    let site = site();
    // A page and an edition dated after the build, too.
    site.write(
        "content/wijken/noord/later.md",
        "---\ntitle: Later nieuws\ndate: 2026-12-01\n---\nNog niet.\n",
    );
    site.write(
        "content/nieuwsbrief/2026-09-noord.md",
        "---\ntitle: Nieuws voor Noord\ndate: 2026-09-15\nwijken: [noord]\n---\nVoor Noord.\n",
    );
    site.write(
        "content/nieuwsbrief/2026-12-kerst.md",
        "---\ntitle: Kerstnummer\ndate: 2026-12-20\nwijken: [noord]\n---\nLater.\n",
    );
    site.build_ok();
    let now = DateTime::from_timestamp(BUILD, 0).unwrap();
    for path in [
        "atom.xml",
        "nieuwsbrief/atom.xml",
        "noord/atom.xml",
        "zuid/atom.xml",
    ] {
        let feed = parse_feed(&site.output(path));
        assert!(feed.updated.is_some_and(|u| u <= now), "{path}");
        for entry in &feed.entries {
            let published = entry.published.expect("published");
            assert!(
                published <= now,
                "{path}: {:?} dated {published}",
                entry.title
            );
            assert!(entry.updated.is_some_and(|u| u <= now), "{path}");
        }
    }
    let all = site.output("atom.xml");
    // The meeting with `announced` is dated to it; the one far ahead waits.
    assert!(
        all.contains("<published>2026-09-10T00:00:00+02:00</published>"),
        "{all}"
    );
    assert!(!all.contains("Zomeravond"));
    assert!(!all.contains("Kerstnummer") && !all.contains("Later nieuws"));
    // Activities: the Kerstmaaltijd is announced; the Oogstfeest dated six
    // weeks before (22 August).
    assert!(all.contains("Kerstmaaltijd") && all.contains("Oogstfeest"));
    assert!(all.contains("<published>2026-08-22T00:00:00+02:00</published>"));

    let noord = parse_feed(&site.output("noord/atom.xml"));
    let titles: Vec<String> = noord
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    for expected in [
        "Wijkavond",
        "Oogstfeest",
        "Kerstmaaltijd",
        "Nieuws voor Noord",
    ] {
        assert!(
            titles.iter().any(|t| t == expected),
            "{expected} in {titles:?}"
        );
    }
    assert!(
        !titles.iter().any(|t| t == "Nachtwandeling"),
        "a Zuid activity"
    );
    let zuid = site.output("zuid/atom.xml");
    assert!(zuid.contains("Nachtwandeling") && !zuid.contains("Wijkavond"));
    // The wijk's pages name its feed in their head.
    let page = site.output("noord/index.html");
    let head = &page[..page.find("</head>").unwrap()];
    assert!(head.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"TW: Noord\" href=\"/noord/atom.xml\">"
    ));
}

/// The text of the share block for one channel, unescaped.
fn share_text(page: &str, channel: &str) -> String {
    let id = format!("id=\"deeltekst-{channel}\">");
    let start = page
        .find(&id)
        .unwrap_or_else(|| panic!("no {channel} text"))
        + id.len();
    let end = start + page[start..].find("</p>").unwrap();
    page[start..end]
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
}

#[test]
fn share_texts_are_plain_dutch_and_within_their_limits() {
    let site = site();
    site.write(
        "content/activiteiten/2026-10-10-lang.md",
        format!(
            "---\ntitle: Lange activiteit\nstart: 2026-10-10 14:00\nend: 2026-10-10 16:30\nvenue: buurthuis\nsummary: \"{}\"\n---\n",
            "Een heel lange samenvatting met veel woorden. ".repeat(30)
        ),
    );
    site.build_ok();
    let page = site.output("activiteiten/2026-10-10-lang/index.html");
    assert!(page.contains("<h2 id=\"delen-kop\">Delen</h2>"));
    for (channel, max) in [("facebook", 500), ("nextdoor", 1000), ("whatsapp", 400)] {
        let text = share_text(&page, channel);
        assert!(
            text.chars().count() <= max,
            "{channel}: {} {text:?}",
            text.chars().count()
        );
        assert!(
            !text.contains('<') && !text.contains('>'),
            "{channel}: {text}"
        );
        assert!(
            text.contains("zaterdag 10 oktober 2026, 14.00–16.30 uur"),
            "{text}"
        );
        assert!(
            text.contains("'t Buurthuis, Dorpsstraat 1, 1234 AB Testdorp"),
            "{text}"
        );
        assert!(
            text.ends_with("https://test.example/activiteiten/2026-10-10-lang/"),
            "{text}"
        );
    }
    let meeting = site.output("bijeenkomsten/2026-10-06-wijkavond/index.html");
    let fb = share_text(&meeting, "facebook");
    assert!(
        fb.contains("dinsdag 6 oktober 2026, 19.30–21.30 uur"),
        "{fb}"
    );
    // Each text can be copied: the theme's own script, nothing from elsewhere.
    assert!(meeting.contains("data-copy=\"deeltekst-whatsapp\""));
    assert!(!meeting.contains("facebook.com") && !meeting.contains("wa.me"));
    let whole = share_text(
        &site.output("activiteiten/2026-10-24-tuinweekend/index.html"),
        "whatsapp",
    );
    assert!(
        whole.contains("zaterdag 24 oktober 2026 tot en met maandag 26 oktober 2026"),
        "{whole}"
    );
}

#[test]
fn the_newsletter_says_how_to_get_and_stop_it_by_email() {
    let site = site();
    site.write(
        "content/nieuwsbrief/2026-09-sept.md",
        "---\ntitle: September\ndate: 2026-09-15\n---\nNieuws.\n",
    );
    site.build_ok();
    for page in [
        "nieuwsbrief/index.html",
        "nieuwsbrief/2026-09-sept/index.html",
    ] {
        let html = site.output(page);
        assert!(
            html.contains("href=\"https://test.example/nieuwsbrief-aanmelden\""),
            "{page}"
        );
        assert!(
            html.contains("href=\"mailto:afmelden@test.example\""),
            "{page}"
        );
    }
    let text = site.output("nieuwsbrief/2026-09-sept/email.txt");
    assert!(text.contains("afmelden@test.example"), "{text}");
    assert!(
        text.contains("https://test.example/nieuwsbrief-aanmelden"),
        "{text}"
    );
    let html = site.output("nieuwsbrief/2026-09-sept/email.html");
    assert!(html.contains("mailto:afmelden@test.example"));
    // Without `newsletter:` nothing changes and nothing is asked for.
    let plain = Fixture::new();
    plain.write(
        "content/nieuwsbrief/2026-09-sept.md",
        "---\ntitle: September\ndate: 2026-09-15\n---\nNieuws.\n",
    );
    plain.build_ok();
    assert!(
        !plain
            .output("nieuwsbrief/index.html")
            .contains("nieuwsbrief-email-kop")
    );
    // A bad address is named.
    let bad = Fixture::new();
    bad.write(
        "content/site.yaml",
        format!("{}newsletter:\n  email: geen adres\n", common::SITE_YAML),
    );
    bad.build()
        .assert_error("content/site.yaml", &["newsletter", "geen adres"]);
}

#[test]
fn new_activiteit_starts_a_draft_that_builds_once_filled_in() {
    let site = Fixture::new();
    let run = site.run(&[
        "new",
        "activiteit",
        "Oogstfeest in de tuin",
        "--date",
        "2026-10-03 14:00",
        "--wijk",
        "noord",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rel = "content/activiteiten/2026-10-03-oogstfeest-in-de-tuin.md";
    let text = std::fs::read_to_string(site.root().join(rel)).expect(rel);
    assert!(text.contains("start: 2026-10-03 14:00") && text.contains("wijken: [noord]"));
    site.build_ok();
    assert!(!site.output_exists("activiteiten/2026-10-03-oogstfeest-in-de-tuin/index.html"));
    let done = text
        .replace("draft: true", "draft: false")
        .replace("[INVULLEN: naam van de groep]", "Tuingroep")
        .replace("[INVULLEN: wat gaan we doen, en voor wie is het?]", "Soep.");
    site.write(rel, done);
    site.build_ok();
    let ics = site.output("activiteiten/2026-10-03-oogstfeest-in-de-tuin.ics");
    assert!(ics.contains("DTSTART:20261003T120000Z\r\n"), "{ics}");
    assert!(
        site.output("noord/alles.ics")
            .contains("Oogstfeest in de tuin")
    );
}
