//! The meetings as iCalendar feeds that residents subscribe to.
//!
//! Maps each [`Meeting`] onto an [`ical::Event`] and writes one feed per
//! audience: `/agenda.ics` (every meeting), `/<wijk>/agenda.ics` (that wijk
//! and the whole area), `/locaties/<venue>/agenda.ics` (that venue) and
//! `/bijeenkomsten/<slug>.ics` (one meeting, to add it alone). Cancelled and
//! moved meetings stay in the feeds with `STATUS:CANCELLED`, so calendars
//! that already hold them see the change.
//!
//! `DTSTAMP` and `LAST-MODIFIED` are the build time (`site.build_time`),
//! which honours `SOURCE_DATE_EPOCH`: the same content built with the same
//! `SOURCE_DATE_EPOCH` gives the same bytes. Calendar apps decide what
//! changed by `SEQUENCE` and the content, so editors raise `sequence` when
//! they change a published meeting.
//!
//! Feed names and status lines are UI strings (`calendar_*` in the theme's
//! strings.yaml), with `{site}`, `{name}`, `{when}` and `{url}` filled in.

use crate::content::config::SiteConfig;
use crate::formats::ical::{self, Calendar, EventStatus, Organizer};
use crate::model::Site;
use crate::model::event_details::Registration;
use crate::model::meetings::{Meeting, Status, VENUES_PATH};
use crate::model::pages;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::{Ui, UiStrings};
use crate::util::escape::percent_encode;
use rayon::prelude::*;
use serde::Serialize;

/// Site path of the feed with every meeting.
pub const ALL_FEED_PATH: &str = "/agenda.ics";
/// How often subscribers should fetch the feed again: often enough to see
/// a cancellation on the day itself.
const REFRESH_HOURS: u32 = 6;

/// Site path of a wijk's feed: `/<wijk>/agenda.ics`.
pub fn wijk_feed_path(wijk: &str) -> String {
    format!("/{wijk}/agenda.ics")
}

/// Site path of a venue's feed: `/locaties/<venue>/agenda.ics`.
pub fn venue_feed_path(venue: &str) -> String {
    format!("{VENUES_PATH}{venue}/agenda.ics")
}

/// What a feed is for, so templates can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    All,
    Wijk,
    Venue,
}

/// The links to subscribe to one feed, for the subscribe buttons.
#[derive(Debug, Clone, Serialize)]
pub struct Subscription {
    pub scope: Scope,
    /// The wijk's or venue's name; empty for the feed with every meeting.
    pub name: String,
    /// Link target inside the site (base path included).
    pub url: String,
    /// The absolute https URL, to copy into any calendar app.
    pub https: String,
    /// `webcal://…`: opens Apple Calendar or Outlook and subscribes.
    pub webcal: String,
    /// Google Calendar's subscribe-by-URL link.
    pub google: String,
}

impl Subscription {
    pub fn new(config: &SiteConfig, path: &str, scope: Scope, name: &str) -> Subscription {
        let https = config.absolute_url(path);
        let webcal = webcal_url(&https);
        Subscription {
            scope,
            name: name.to_string(),
            url: pages::url_for(config, path),
            google: format!(
                "https://calendar.google.com/calendar/render?cid={}",
                percent_encode(&webcal)
            ),
            https,
            webcal,
        }
    }
}

/// The same address with the `webcal` scheme.
pub fn webcal_url(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

/// One feed to write: where, its name, and which meetings (by index into
/// `site.agenda.meetings`).
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub path: String,
    pub name: String,
    pub description: String,
    pub refresh_hours: u32,
    pub meetings: Vec<usize>,
}

/// Every feed of the site, in a fixed order.
pub fn feeds(site: &Site, strings: &UiStrings) -> Vec<Feed> {
    let meetings = &site.agenda.meetings;
    let site_name = site.config.short_title.as_str();
    let select = |keep: &dyn Fn(&Meeting) -> bool| -> Vec<usize> {
        (0..meetings.len())
            .filter(|&i| keep(&meetings[i]))
            .collect()
    };
    let named = |key: Ui, name: &str, extra: &[(&str, &str)]| {
        let mut values = vec![("site", site_name), ("name", name)];
        values.extend_from_slice(extra);
        fill(strings.get(key), &values)
    };
    let mut feeds = vec![Feed {
        path: ALL_FEED_PATH.to_string(),
        name: named(Ui::CalendarAll, "", &[]),
        description: named(Ui::CalendarAllDescription, "", &[]),
        refresh_hours: REFRESH_HOURS,
        meetings: select(&|_| true),
    }];
    for wijk in &site.config.wijken {
        feeds.push(Feed {
            path: wijk_feed_path(&wijk.slug),
            name: named(Ui::CalendarWijk, &wijk.name, &[]),
            description: named(Ui::CalendarWijkDescription, &wijk.name, &[]),
            refresh_hours: REFRESH_HOURS,
            meetings: select(&|m| m.concerns(&wijk.slug)),
        });
    }
    for venue in &site.agenda.venues {
        let slug = venue.config.slug.as_str();
        let address = venue.address_line.as_str();
        feeds.push(Feed {
            path: venue_feed_path(slug),
            name: named(Ui::CalendarVenue, &venue.config.name, &[]),
            description: named(
                Ui::CalendarVenueDescription,
                &venue.config.name,
                &[("address", address)],
            ),
            refresh_hours: REFRESH_HOURS,
            meetings: select(&|m| m.venue.as_deref() == Some(slug)),
        });
    }
    for (i, meeting) in meetings.iter().enumerate() {
        feeds.push(Feed {
            path: meeting.ics_path.clone(),
            name: meeting.title.clone(),
            description: String::new(),
            // One meeting, added once: nothing to refresh.
            refresh_hours: 0,
            meetings: vec![i],
        });
    }
    feeds
}

/// The `ORGANIZER` of every event: the site's contact role address.
pub fn organizer(config: &SiteConfig) -> Organizer {
    Organizer {
        name: config
            .contact
            .name
            .clone()
            .unwrap_or_else(|| config.title.clone()),
        email: config.contact.email.clone(),
    }
}

/// One meeting as a calendar event.
pub fn event(meeting: &Meeting, site: &Site, strings: &UiStrings) -> ical::Event {
    let venue = meeting.venue.as_deref().and_then(|v| site.agenda.venue(v));
    let location = match venue {
        Some(venue) => Some(venue.location_line()),
        None => meeting.location.clone(),
    };
    ical::Event {
        uid: meeting.uid.clone(),
        stamp: site.build_time,
        start: meeting.start,
        end: meeting.end,
        summary: summary(meeting, strings),
        location,
        geo: venue.and_then(|v| v.geo()),
        url: meeting.permalink.clone(),
        description: with_registration(
            description(meeting, site, strings),
            meeting.registration.as_ref(),
            strings,
        ),
        status: match meeting.status {
            Status::Confirmed => EventStatus::Confirmed,
            Status::Tentative => EventStatus::Tentative,
            Status::Cancelled | Status::Moved => EventStatus::Cancelled,
        },
        sequence: meeting.sequence,
        last_modified: site.build_time,
        organizer: None,
        categories: meeting.kind.iter().cloned().collect(),
        all_day: None,
        conference: meeting.online_url.clone().unwrap_or_default(),
        attachments: meeting
            .documents
            .iter()
            .map(|d| d.absolute.clone())
            .collect(),
    }
}

/// `text` with how to sign up after it, when one can.
pub fn with_registration(
    text: String,
    registration: Option<&Registration>,
    strings: &UiStrings,
) -> String {
    let Some(registration) = registration else {
        return text;
    };
    let line = crate::sections::share::registration_line(registration, strings);
    if text.is_empty() {
        line
    } else {
        format!("{text}\n\n{line}")
    }
}

/// The title; a cancelled or moved meeting's starts with "Gaat niet door: "
/// or "Verplaatst: ", as apps that ignore `STATUS:CANCELLED` would show the
/// event as going ahead. (`STATUS` and `UID` stay as they are, so apps that
/// know the event update it.) A title that already starts so keeps one.
fn summary(meeting: &Meeting, strings: &UiStrings) -> String {
    let prefix = match meeting.status {
        Status::Cancelled => strings.get(Ui::CalendarCancelledSummary),
        Status::Moved => strings.get(Ui::CalendarMovedSummary),
        Status::Confirmed | Status::Tentative => return meeting.title.clone(),
    };
    let already = meeting
        .title
        .get(..prefix.len())
        .is_some_and(|start| start.to_lowercase() == prefix.to_lowercase());
    if already || prefix.trim().is_empty() {
        meeting.title.clone()
    } else {
        format!("{prefix}{}", meeting.title)
    }
}

/// The plain-text agenda, after a line saying so in words when the meeting
/// is cancelled, moved or not yet certain (not every app shows `STATUS`).
fn description(meeting: &Meeting, site: &Site, strings: &UiStrings) -> String {
    let status_line = match meeting.status {
        Status::Confirmed => String::new(),
        Status::Tentative => strings.get(Ui::CalendarTentative).to_string(),
        Status::Cancelled => strings.get(Ui::CalendarCancelled).to_string(),
        Status::Moved => {
            let target = meeting.moved_to.as_deref().and_then(|s| site.agenda.get(s));
            match target {
                Some(target) => fill(
                    strings.get(Ui::CalendarMoved),
                    &[("when", &target.when), ("url", &target.permalink)],
                ),
                None => strings.get(Ui::CalendarCancelled).to_string(),
            }
        }
    };
    let text = match (status_line.is_empty(), meeting.description.is_empty()) {
        (true, _) => meeting.description.clone(),
        (false, true) => status_line,
        (false, false) => format!("{status_line}\n\n{}", meeting.description),
    };
    // Once the meeting has a report, the event says where to read it.
    match crate::model::verslagen::of_meeting(&site.reports, &meeting.slug) {
        Some(report) => {
            let line = fill(
                strings.get(Ui::CalendarReport),
                &[("url", &report.permalink)],
            );
            if text.is_empty() {
                line
            } else {
                format!("{text}\n\n{line}")
            }
        }
        None => text,
    }
}

/// Every feed as an output file.
/// Each meeting's event is written once and copied into every feed that
/// holds it (a meeting is in four or five feeds).
pub fn files(site: &Site, strings: &UiStrings) -> Vec<OutputFile> {
    let organizer = organizer(&site.config);
    let blocks: Vec<String> = site
        .agenda
        .meetings
        .par_iter()
        .map(|m| ical::event_block(&event(m, site, strings), &organizer))
        .collect();
    // The rounds' deadlines go in the area calendar only.
    let deadlines = crate::sections::round_dates::deadline_blocks(site, strings, &organizer);
    feeds(site, strings)
        .into_par_iter()
        .map(|feed| {
            let source_url = site.config.absolute_url(&feed.path);
            let calendar = Calendar {
                name: &feed.name,
                description: &feed.description,
                source_url: &source_url,
                refresh_hours: feed.refresh_hours,
                organizer: &organizer,
                events: &[],
            };
            let chosen = feed.meetings.iter().map(|&i| blocks[i].as_str());
            let extra: &[String] = if feed.path == ALL_FEED_PATH {
                &deadlines
            } else {
                &[]
            };
            let chosen = chosen.chain(extra.iter().map(String::as_str));
            let doc = ical::write_calendar_of_blocks(&calendar, chosen);
            OutputFile::bytes(feed.path.trim_start_matches('/'), doc)
        })
        .collect()
}

/// Replaces each `{key}` in `template` with its value.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |acc, (key, value)| {
            acc.replace(&format!("{{{key}}}"), value)
        })
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::test_support::config_at as config;

    #[test]
    fn subscribe_links_use_webcal_and_google_with_the_encoded_webcal_url() {
        let s = Subscription::new(
            &config("https://wijk.example/szh/"),
            "/noord/agenda.ics",
            Scope::Wijk,
            "Noord",
        );
        assert_eq!(s.https, "https://wijk.example/szh/noord/agenda.ics");
        assert_eq!(s.url, "/szh/noord/agenda.ics");
        assert_eq!(s.webcal, "webcal://wijk.example/szh/noord/agenda.ics");
        assert_eq!(
            s.google,
            "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fwijk.example%2Fszh%2Fnoord%2Fagenda.ics"
        );
    }

    #[test]
    fn a_plain_http_preview_still_gets_a_webcal_link() {
        assert_eq!(
            webcal_url("http://127.0.0.1:1111/agenda.ics"),
            "webcal://127.0.0.1:1111/agenda.ics"
        );
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("a b/é?&="), "a%20b%2F%C3%A9%3F%26%3D");
    }

    #[test]
    fn placeholders_are_filled_in() {
        assert_eq!(
            fill(
                "{site}: bijeenkomsten in {name}",
                &[("site", "SZH"), ("name", "Noord")]
            ),
            "SZH: bijeenkomsten in Noord"
        );
    }

    #[test]
    fn feed_paths_are_per_wijk_and_per_venue() {
        assert_eq!(wijk_feed_path("noord"), "/noord/agenda.ics");
        assert_eq!(
            venue_feed_path("buurthuis"),
            "/locaties/buurthuis/agenda.ics"
        );
    }

    use crate::model::test_support;

    fn strings() -> UiStrings {
        UiStrings::wijk_theme()
            .with(Ui::CalendarAll, "{site}: alle bijeenkomsten")
            .with(Ui::CalendarWijk, "{site}: bijeenkomsten voor {name}")
            .with(Ui::CalendarVenue, "{site}: bijeenkomsten in {name}")
            .with(Ui::CalendarVenueDescription, "In {name}, {address}.")
            .with(Ui::CalendarCancelled, "Gaat niet door.")
            .with(Ui::CalendarMoved, "Verplaatst naar {when}: {url}")
    }

    fn sample_site() -> Site {
        test_support::site_with_meetings(
            &[
                (
                    "a-noord",
                    "---\ntitle: Noord\nstart: 2026-01-20 19:30\nvenue: buurthuis\nwijken: [noord]\n---\n",
                ),
                (
                    "b-gebied",
                    "---\ntitle: Gebied\nstart: 2026-02-03 19:30\nvenue: school\n---\nAgenda.\n",
                ),
                (
                    "c-zuid",
                    "---\ntitle: Zuid\nstart: 2026-02-10 19:30\nwijken: [zuid]\nstatus: moved\nmoved_to: d-zuid\n---\nWeg.\n",
                ),
                (
                    "d-zuid",
                    "---\ntitle: Zuid later\nstart: 2026-02-17 19:30\nwijken: [zuid]\nlocation: Kerk\nkind: wijkraad\n---\n",
                ),
            ],
            "2026-01-01 00:00",
        )
    }

    fn feed<'a>(feeds: &'a [Feed], path: &str) -> &'a Feed {
        feeds.iter().find(|f| f.path == path).expect(path)
    }

    fn slugs(site: &Site, feed: &Feed) -> Vec<String> {
        feed.meetings
            .iter()
            .map(|&i| site.agenda.meetings[i].slug.clone())
            .collect()
    }

    #[test]
    fn each_audience_gets_its_own_feed() {
        let site = sample_site();
        let feeds = feeds(&site, &strings());
        let all = feed(&feeds, "/agenda.ics");
        assert_eq!(all.name, "ST: alle bijeenkomsten");
        assert_eq!(
            slugs(&site, all),
            ["a-noord", "b-gebied", "c-zuid", "d-zuid"]
        );
        let noord = feed(&feeds, "/noord/agenda.ics");
        assert_eq!(noord.name, "ST: bijeenkomsten voor Noord");
        assert_eq!(slugs(&site, noord), ["a-noord", "b-gebied"]);
        let zuid = feed(&feeds, "/zuid/agenda.ics");
        assert_eq!(slugs(&site, zuid), ["b-gebied", "c-zuid", "d-zuid"]);
        let school = feed(&feeds, "/locaties/school/agenda.ics");
        assert_eq!(
            school.description,
            "In De School, Schoolpad 2, 1234 AC Testdorp."
        );
        assert_eq!(slugs(&site, school), ["b-gebied"]);
        let one = feed(&feeds, "/bijeenkomsten/d-zuid.ics");
        assert_eq!((one.name.as_str(), one.refresh_hours), ("Zuid later", 0));
        assert_eq!(slugs(&site, one), ["d-zuid"]);
        assert_eq!(feeds.len(), 1 + 2 + 2 + 4);
    }

    #[test]
    fn a_meeting_maps_onto_an_event() {
        let site = sample_site();
        let noord = event(&site.agenda.meetings[0], &site, &strings());
        assert_eq!(noord.uid, "a-noord@wijk.example");
        assert_eq!(noord.start.to_rfc3339(), "2026-01-20T18:30:00+00:00");
        assert_eq!(noord.end.to_rfc3339(), "2026-01-20T20:30:00+00:00");
        assert_eq!(
            noord.location.as_deref(),
            Some("'t Buurthuis, Dorpsstraat 1, 1234 AB Testdorp")
        );
        assert_eq!(noord.geo, Some((52.1, 5.3)));
        assert_eq!(noord.url, "https://wijk.example/bijeenkomsten/a-noord/");
        assert_eq!(noord.status, EventStatus::Confirmed);
        assert_eq!(
            (noord.stamp, noord.last_modified),
            (site.build_time, site.build_time)
        );
        let school = event(&site.agenda.meetings[1], &site, &strings());
        assert_eq!(school.geo, None, "the school has no coordinates");
        let later = event(&site.agenda.meetings[3], &site, &strings());
        assert_eq!(later.location.as_deref(), Some("Kerk"));
        assert_eq!(later.categories, ["wijkraad"]);
    }

    #[test]
    fn a_moved_meeting_is_cancelled_and_says_where_it_went() {
        let site = sample_site();
        let moved = event(&site.agenda.meetings[2], &site, &strings());
        assert_eq!(moved.status, EventStatus::Cancelled);
        assert_eq!(
            moved.description,
            "Verplaatst naar dinsdag 17 februari 2026, 19.30–21.30 uur: \
             https://wijk.example/bijeenkomsten/d-zuid/\n\nWeg."
        );
    }

    #[test]
    fn a_cancelled_meeting_says_so_in_its_title_and_keeps_uid_and_status() {
        let site = test_support::site_with_meetings(
            &[
                (
                    "c-zuid",
                    "---\ntitle: Zuid\nstart: 2026-02-10 19:30\nstatus: moved\nmoved_to: a-noord\n---\n",
                ),
                (
                    "a-noord",
                    "---\ntitle: Noord\nstart: 2026-03-10 19:30\n---\n",
                ),
                (
                    "e-noord",
                    "---\ntitle: Noord afgelast\nstart: 2026-03-17 19:30\nstatus: cancelled\n---\n",
                ),
                (
                    "f-noord",
                    "---\ntitle: \"gaat niet door: Noord\"\nstart: 2026-03-24 19:30\nstatus: cancelled\n---\n",
                ),
            ],
            "2026-01-01 00:00",
        );
        let strings = UiStrings::wijk_theme();
        let [moved, confirmed, cancelled, already] =
            [0, 1, 2, 3].map(|i| event(&site.agenda.meetings[i], &site, &strings));
        assert_eq!(cancelled.summary, "Gaat niet door: Noord afgelast");
        assert_eq!(cancelled.uid, "e-noord@wijk.example");
        assert_eq!(cancelled.status, EventStatus::Cancelled);
        assert_eq!(already.summary, "gaat niet door: Noord", "said once");
        assert_eq!(moved.summary, "Verplaatst: Zuid");
        assert_eq!(confirmed.summary, "Noord");
    }

    #[test]
    fn the_organizer_is_the_contact_role_address() {
        let o = organizer(&config("https://wijk.example"));
        assert_eq!(o.email, "info@wijk.example");
        assert_eq!(o.name, "Bewonersteam");
        let yaml = test_support::SITE_YAML.replace(", name: Bewonersteam", "");
        let o = organizer(&crate::content::config::SiteConfig::parse(&yaml, None).unwrap());
        assert_eq!(
            o.name, "Samen in Test",
            "without a contact name, the site title"
        );
    }
}
