//! Output formats that are valid by construction, checked on a built
//! fixture site: whatever the content, every calendar is a valid
//! RFC 5545 object.

mod common;
use common::Fixture;
use std::str::FromStr;

/// The names of a calendar's top-level components.
fn components(ics: &str) -> Vec<String> {
    let mut depth = 0;
    let mut names = Vec::new();
    for line in ics.split("\r\n") {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            if depth == 1 {
                names.push(name.to_string());
            }
            depth += 1;
        } else if line.starts_with("END:") {
            depth -= 1;
        }
    }
    names
}

#[test]
fn every_calendar_of_a_site_has_at_least_one_component() {
    // The fixture has a venue and no meetings at all: the area, wijk and
    // venue calendars are all without events.
    let site = Fixture::new();
    site.build_ok();
    let calendars: Vec<(String, Vec<u8>)> = site
        .snapshot()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".ics"))
        .collect();
    let paths: Vec<&str> = calendars.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "agenda.ics",
        "noord/agenda.ics",
        "locaties/buurthuis/agenda.ics",
    ] {
        assert!(paths.contains(&expected), "{expected} missing in {paths:?}");
    }
    for (path, bytes) in calendars {
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(!components(&text).is_empty(), "{path} has no component");
        let parsed = icalendar::Calendar::from_str(&text)
            .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        assert!(!parsed.components.is_empty(), "{path}");
    }
}
