//! The HTML side of the meetings: the list `/bijeenkomsten/`, a page and an
//! A4 poster per meeting, the venues `/locaties/`, the menu entry, and what
//! the home page and each wijk's page show of the meetings.
//!
//! Templates get small views ([`MeetingSummary`]) for lists; only a
//! meeting's own page and poster get its full content. "Upcoming" means
//! not yet over at the build time (`site.build_time`).

use crate::formats::qr;
use crate::model::meetings::{MEETINGS_PATH, Meeting, VENUES_PATH, Venue};
use crate::model::pages;
use crate::model::{Site, Wijk};
use crate::sections::Section;
use crate::sections::activity_pages::everything_subscription;
use crate::sections::calendar::{self, Scope, Subscription};
use crate::sections::share;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem, Theme};
use crate::util::diagnostics::Diagnostics;
use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

/// How many upcoming meetings the home page shows.
const HOME_MEETINGS: usize = 5;
/// Where the list pages' messages point to.
const MEETINGS_SOURCE: &str = crate::content::folders::MEETINGS.source;
const VENUES_SOURCE: &str = "content/site.yaml";

/// What a list shows of one meeting.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub when: &'a str,
    pub date_long: &'a str,
    pub time_range: &'a str,
    pub start_iso: &'a str,
    /// `confirmed`, `tentative`, `cancelled` or `moved`.
    pub status: &'static str,
    /// The venue's name or the free-text location.
    pub place: Option<&'a str>,
    pub venue_url: Option<&'a str>,
    /// Names of the wijken; empty for the whole area.
    pub wijken: Vec<&'a str>,
}

impl<'a> MeetingSummary<'a> {
    pub fn new(meeting: &'a Meeting, site: &'a Site) -> Self {
        let venue = venue_of(meeting, site);
        MeetingSummary {
            title: &meeting.title,
            url: &meeting.url,
            summary: &meeting.summary,
            when: &meeting.when,
            date_long: &meeting.date_long,
            time_range: &meeting.time_range,
            start_iso: &meeting.start_iso,
            status: meeting.status.as_str(),
            place: venue
                .map(|v| v.display_name.as_str())
                .or(meeting.location.as_deref()),
            venue_url: venue.map(|v| v.url.as_str()),
            wijken: wijk_names(meeting, site),
        }
    }
}

/// Past meetings of one year.
#[derive(Debug, Serialize)]
struct Year<'a> {
    year: i32,
    meetings: Vec<MeetingSummary<'a>>,
}

/// What the venues list shows of a venue.
#[derive(Debug, Serialize)]
struct VenueSummary<'a> {
    name: &'a str,
    url: &'a str,
    address_line: &'a str,
}

fn venue_of<'a>(meeting: &Meeting, site: &'a Site) -> Option<&'a Venue> {
    meeting
        .venue
        .as_deref()
        .and_then(|slug| site.agenda.venue(slug))
}

fn wijk_names<'a>(meeting: &Meeting, site: &'a Site) -> Vec<&'a str> {
    meeting
        .wijken
        .iter()
        .filter_map(|slug| site.config.wijk(slug))
        .map(|w| w.name.as_str())
        .collect()
}

fn summaries<'a>(
    meetings: impl Iterator<Item = &'a Meeting>,
    site: &'a Site,
) -> Vec<MeetingSummary<'a>> {
    meetings.map(|m| MeetingSummary::new(m, site)).collect()
}

/// The feed with every meeting.
fn all_feed(site: &Site) -> Subscription {
    Subscription::new(&site.config, calendar::ALL_FEED_PATH, Scope::All, "")
}

/// The menu entry "Bijeenkomsten".
pub fn menu_entry(site: &Site, strings: &UiStrings) -> MenuItem {
    let title = strings.get(Ui::Meetings);
    MenuItem::new(&site.config, title, MEETINGS_PATH)
}

/// Every HTML page of the meetings and venues.
pub fn jobs(site: &Site, strings: &UiStrings) -> Vec<Job> {
    let qr_label = strings.get(Ui::PosterQrLabel);
    let mut jobs = vec![list_job(site), venues_job(site)];
    jobs.extend(
        site.agenda
            .meetings
            .par_iter()
            .flat_map_iter(|m| {
                let page = meeting_job(m, site).with("share", &share::meeting(m, site, strings));
                [page, poster_job(m, site, qr_label)]
            })
            .collect::<Vec<Job>>(),
    );
    jobs.extend(site.agenda.venues.iter().map(|v| venue_job(v, site)));
    jobs
}

/// `/bijeenkomsten/`: upcoming meetings first, then past ones by year.
fn list_job(site: &Site) -> Job {
    let now = site.build_time;
    let mut years: Vec<Year> = Vec::new();
    for meeting in site.agenda.past(now) {
        let year = meeting.start_local.year();
        let summary = MeetingSummary::new(meeting, site);
        match years.last_mut() {
            Some(last) if last.year == year => last.meetings.push(summary),
            _ => years.push(Year {
                year,
                meetings: vec![summary],
            }),
        }
    }
    let venues: Vec<VenueSummary> = site
        .agenda
        .venues
        .iter()
        .map(|v| VenueSummary {
            name: &v.display_name,
            url: &v.url,
            address_line: &v.address_line,
        })
        .collect();
    let feed = all_feed(site);
    Job::new("meetings.html", MEETINGS_PATH, MEETINGS_SOURCE)
        .with("upcoming", &summaries(site.agenda.upcoming(now), site))
        .with("past_years", &years)
        .with("venues", &venues)
        .with("subscription", &feed)
        .with("calendar_feed", &feed)
        .with(
            "everything",
            &everything_subscription(site, Scope::All, "", ""),
        )
}

/// `/bijeenkomsten/<slug>/`.
fn meeting_job(meeting: &Meeting, site: &Site) -> Job {
    let feed = all_feed(site);
    Job::new("meeting.html", meeting.path.clone(), &meeting.source)
        .with("meeting", meeting)
        .with("venue", &venue_of(meeting, site))
        .with("meeting_wijken", &wijk_names(meeting, site))
        .with("replacement", &replacement(meeting, site))
        .with("meetings_url", &pages::url_for(&site.config, MEETINGS_PATH))
        .with("subscription", &feed)
        .with("calendar_feed", &feed)
        .with(
            "meeting_points",
            &crate::sections::point_pages::at_meeting(site, &meeting.slug),
        )
}

/// The meeting that replaces a moved one.
fn replacement<'a>(meeting: &Meeting, site: &'a Site) -> Option<MeetingSummary<'a>> {
    meeting
        .moved_to
        .as_deref()
        .and_then(|slug| site.agenda.get(slug))
        .map(|m| MeetingSummary::new(m, site))
}

/// `/bijeenkomsten/<slug>/poster/`: A4, big type, a QR code to the page.
fn poster_job(meeting: &Meeting, site: &Site, qr_label: &str) -> Job {
    // Only a URL of more than about 2300 bytes fails; the poster then
    // shows the address without a code.
    let qr = qr::qr_svg(&meeting.permalink, qr_label).ok();
    Job::new("poster.html", meeting.poster_path.clone(), &meeting.source)
        .with("replacement", &replacement(meeting, site))
        .with("meeting", &MeetingSummary::new(meeting, site))
        .with("permalink", &meeting.permalink)
        .with("venue", &venue_of(meeting, site))
        .with("location", &meeting.location)
        .with("qr_svg", &qr)
}

/// `/locaties/`: every venue.
fn venues_job(site: &Site) -> Job {
    let venues: Vec<VenueSummary> = site
        .agenda
        .venues
        .iter()
        .map(|v| VenueSummary {
            name: &v.display_name,
            url: &v.url,
            address_line: &v.address_line,
        })
        .collect();
    Job::new("venues.html", VENUES_PATH, VENUES_SOURCE)
        .with("venues", &venues)
        .with("meetings_url", &pages::url_for(&site.config, MEETINGS_PATH))
}

/// `/locaties/<venue>/`: address, accessibility and the meetings there.
fn venue_job(venue: &Venue, site: &Site) -> Job {
    let now = site.build_time;
    let slug = venue.config.slug.as_str();
    let here = || site.agenda.at_venue(slug);
    let upcoming = summaries(here().filter(|m| m.is_upcoming(now)), site);
    let past = summaries(here().rev().filter(|m| !m.is_upcoming(now)), site);
    let feed = Subscription::new(
        &site.config,
        &calendar::venue_feed_path(slug),
        Scope::Venue,
        &venue.config.name,
    );
    Job::new("venue.html", venue.path.clone(), VENUES_SOURCE)
        .with("venue", venue)
        .with("upcoming", &upcoming)
        .with("past", &past)
        .with("venues_url", &pages::url_for(&site.config, VENUES_PATH))
        .with("subscription", &feed)
        .with("calendar_feed", &feed)
        .with(
            "everything",
            &everything_subscription(site, Scope::Venue, slug, &venue.config.name),
        )
}

/// The meeting at the top of the home page: the first upcoming one that
/// goes ahead, with what a resident needs to decide to come.
#[derive(Debug, Serialize)]
struct NextMeeting<'a> {
    #[serde(flatten)]
    summary: MeetingSummary<'a>,
    /// The meeting's own calendar file.
    ics_url: &'a str,
    /// The start of the venue's accessibility notes, as plain text.
    accessibility: Option<String>,
    /// `today` or `tomorrow` when the meeting is on the day of the build
    /// or the day after, in the site's time zone.
    day: Option<&'static str>,
}

/// At most this many characters of a venue's accessibility notes on the
/// home page: whole sentences, about one line on a desktop screen.
const ACCESSIBILITY_LINE_CHARS: usize = 100;

/// The first sentences of `markdown`'s first paragraph as plain text, as
/// many as fit in [`ACCESSIBILITY_LINE_CHARS`] (at least one, cut at a
/// word when it is longer); `None` when there is no text.
fn accessibility_line(markdown: &str) -> Option<String> {
    let paragraph = first_paragraph_text(markdown);
    let mut line = String::new();
    for sentence in sentences(&paragraph) {
        let longer = line.chars().count() + 1 + sentence.chars().count();
        if !line.is_empty() && longer > ACCESSIBILITY_LINE_CHARS {
            break;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(sentence);
    }
    let line = crate::content::markdown::truncate_words(&line, ACCESSIBILITY_LINE_CHARS);
    (!line.is_empty()).then_some(line)
}

/// The text of the first paragraph of `markdown`, without link addresses
/// (the home page links to the venue's page for the rest).
fn first_paragraph_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            _ => {}
        }
    }
    text
}

/// The sentences of a plain text: a sentence ends with `.`, `?` or `!`
/// followed by a space and a capital letter (so "bijv. de" stays one).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let chars: Vec<(usize, char)> = rest.char_indices().collect();
        let end = chars
            .windows(3)
            .find(|w| matches!(w[0].1, '.' | '?' | '!') && w[1].1 == ' ' && w[2].1.is_uppercase())
            .map_or(rest.len(), |w| w[1].0);
        let (sentence, tail) = rest.split_at(end);
        rest = tail.trim_start();
        Some(sentence.trim())
    })
}

/// The next meeting that goes ahead (not cancelled or moved).
fn next_meeting(site: &Site) -> Option<NextMeeting<'_>> {
    let meeting = site
        .agenda
        .upcoming(site.build_time)
        .find(|m| !m.status.is_off())?;
    // "Today" and "tomorrow" are relative to the build. CI rebuilds the
    // site every day, so on the day of a build "morgen" is right; a site
    // that is not rebuilt daily would keep saying it.
    let today = site
        .build_time
        .with_timezone(&site.config.time_zone())
        .date_naive();
    let date = meeting.start_local.date();
    let day = if date == today {
        Some("today")
    } else if today.succ_opt() == Some(date) {
        Some("tomorrow")
    } else {
        None
    };
    let accessibility = venue_of(meeting, site)
        .and_then(|v| v.config.accessibility.as_deref())
        .and_then(accessibility_line);
    Some(NextMeeting {
        summary: MeetingSummary::new(meeting, site),
        ics_url: &meeting.ics_url,
        accessibility,
        day,
    })
}

/// The home page: the next meeting, the next few meetings and the feed
/// with every meeting.
pub fn home(site: &Site, job: &mut Job) {
    let next = summaries(
        site.agenda.upcoming(site.build_time).take(HOME_MEETINGS),
        site,
    );
    let feed = all_feed(site);
    job.insert("next_meeting", &next_meeting(site));
    job.insert("home_meetings", &next);
    job.insert("meetings_url", &pages::url_for(&site.config, MEETINGS_PATH));
    job.insert("meetings_feed", &feed);
    job.insert("calendar_feed", &feed);
}

/// A wijk's page: its upcoming meetings (the whole area's included) and its feed.
pub fn wijk(site: &Site, wijk: &Wijk, job: &mut Job) {
    let slug = wijk.config.slug.as_str();
    let upcoming = summaries(
        site.agenda
            .concerning(slug)
            .filter(|m| m.is_upcoming(site.build_time)),
        site,
    );
    let feed = Subscription::new(
        &site.config,
        &calendar::wijk_feed_path(slug),
        Scope::Wijk,
        &wijk.config.name,
    );
    job.insert("wijk_meetings", &upcoming);
    job.insert("meetings_url", &pages::url_for(&site.config, MEETINGS_PATH));
    job.insert("wijk_feed", &feed);
    job.insert("calendar_feed", &feed);
}

/// Meetings and venues: pages, posters and calendars.
pub struct Meetings;

impl Section for Meetings {
    fn folder(&self) -> &'static crate::content::folders::Folder {
        &crate::content::folders::MEETINGS
    }

    fn menu(&self, site: &Site, theme: &Theme) -> Option<MenuItem> {
        Some(menu_entry(site, theme.strings()))
    }

    fn jobs(&self, site: &Site, theme: &Theme) -> Vec<Job> {
        jobs(site, theme.strings())
    }

    fn files(
        &self,
        site: &Site,
        theme: &Theme,
        _base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        Ok(calendar::files(site, theme.strings()))
    }

    fn home(&self, site: &Site, job: &mut Job) {
        home(site, job);
    }

    fn wijk(&self, site: &Site, wijk_: &Wijk, job: &mut Job) {
        wijk(site, wijk_, job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support;

    fn meeting(stem: &str, front: &str) -> (String, String) {
        (
            stem.to_string(),
            format!("---\ntitle: {stem}\n{front}---\n"),
        )
    }

    fn site_with(meetings: &[(String, String)], now: &str) -> Site {
        let borrowed: Vec<(&str, &str)> = meetings
            .iter()
            .map(|(s, t)| (s.as_str(), t.as_str()))
            .collect();
        test_support::site_with_meetings(&borrowed, now)
    }

    /// The titles in a list of summaries inside a job's context.
    fn titles(job: &Job, key: &str) -> Vec<String> {
        job.extra
            .get(key)
            .and_then(serde_json::Value::as_array)
            .expect(key)
            .iter()
            .map(|m| m["title"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn the_list_has_upcoming_meetings_soonest_first_and_past_ones_by_year_newest_first() {
        let site = site_with(
            &[
                meeting("a", "start: 2025-03-01 19:30\n"),
                meeting("b", "start: 2026-01-10 19:30\n"),
                meeting("c", "start: 2026-02-01 19:30\n"),
                meeting("d", "start: 2026-06-01 19:30\n"),
                meeting("e", "start: 2026-03-01 19:30\n"),
            ],
            "2026-02-15 12:00",
        );
        let job = list_job(&site);
        assert_eq!(titles(&job, "upcoming"), ["e", "d"]);
        let years = job.extra.get("past_years").unwrap().as_array().unwrap();
        let years: Vec<(i64, Vec<&str>)> = years
            .iter()
            .map(|y| {
                let titles = y["meetings"].as_array().unwrap().iter();
                (
                    y["year"].as_i64().unwrap(),
                    titles.map(|m| m["title"].as_str().unwrap()).collect(),
                )
            })
            .collect();
        assert_eq!(years, [(2026, vec!["c", "b"]), (2025, vec!["a"])]);
    }

    #[test]
    fn a_meeting_still_going_on_at_build_time_is_upcoming() {
        let site = site_with(
            &[meeting("a", "start: 2026-02-15 12:30\n")],
            "2026-02-15 12:00",
        );
        // 12:30 in Amsterdam is 11:30 UTC; it ends at 13:30 UTC.
        assert_eq!(titles(&list_job(&site), "upcoming"), ["a"]);
    }

    #[test]
    fn the_home_page_gets_at_most_five_upcoming_meetings() {
        let meetings: Vec<_> = (1..=7)
            .map(|d| meeting(&format!("m{d}"), &format!("start: 2026-03-0{d} 19:30\n")))
            .collect();
        let site = site_with(&meetings, "2026-03-01 00:00");
        let mut job = Job::new("index.html", "/", "x");
        home(&site, &mut job);
        assert_eq!(
            titles(&job, "home_meetings"),
            ["m1", "m2", "m3", "m4", "m5"]
        );
        assert_eq!(
            job.extra.get("calendar_feed").unwrap()["url"],
            "/agenda.ics"
        );
    }

    /// The home page's next meeting as JSON.
    fn next_of(site: &Site) -> serde_json::Value {
        let mut job = Job::new("index.html", "/", "x");
        home(site, &mut job);
        job.extra.get("next_meeting").cloned().unwrap()
    }

    #[test]
    fn the_next_meeting_is_the_first_that_goes_ahead_with_its_calendar_file() {
        let site = site_with(
            &[
                meeting("afgelast", "start: 2026-03-03 19:30\nstatus: cancelled\n"),
                meeting("b", "start: 2026-03-05 19:30\nvenue: buurthuis\n"),
                meeting("c", "start: 2026-03-06 19:30\n"),
            ],
            "2026-03-01 12:00",
        );
        let next = next_of(&site);
        assert_eq!(next["title"], "b");
        assert_eq!(next["ics_url"], "/bijeenkomsten/b.ics");
        assert_eq!(next["place"], "'t\u{a0}Buurthuis");
        assert!(
            next["day"].is_null(),
            "four days ahead is neither today nor tomorrow"
        );
        // The fixture's venue has no accessibility notes.
        assert!(next["accessibility"].is_null());
    }

    #[test]
    fn today_and_tomorrow_are_days_in_the_sites_time_zone() {
        let meetings = [meeting("m", "start: 2026-03-02 19:30\n")];
        // 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam.
        assert_eq!(
            next_of(&site_with(&meetings, "2026-03-01 23:30"))["day"],
            "today"
        );
        assert_eq!(
            next_of(&site_with(&meetings, "2026-03-01 22:30"))["day"],
            "tomorrow"
        );
        assert!(next_of(&site_with(&meetings, "2026-02-28 22:30"))["day"].is_null());
    }

    #[test]
    fn without_an_upcoming_meeting_that_goes_ahead_there_is_no_next_meeting() {
        let site = site_with(
            &[meeting("a", "start: 2026-03-03 19:30\nstatus: cancelled\n")],
            "2026-03-01 12:00",
        );
        assert!(next_of(&site).is_null());
    }

    #[test]
    fn the_accessibility_line_is_whole_sentences_of_plain_text() {
        let notes = "De zaal is op de begane grond. Er is een [lift](/lift/).\n\
                     Het toilet is aangepast. Er is een ringleiding in de grote zaal.\n\n\
                     Tweede alinea.";
        assert_eq!(
            accessibility_line(notes).as_deref(),
            Some("De zaal is op de begane grond. Er is een lift. Het toilet is aangepast.")
        );
        // "bijv. de" does not end a sentence; a long first sentence is cut at a word.
        let long = format!("Kom bijv. de {} op.", "hele ".repeat(40));
        let line = accessibility_line(&long).unwrap();
        assert!(line.starts_with("Kom bijv. de hele"), "{line}");
        assert!(line.ends_with('…') && line.chars().count() <= 101, "{line}");
        assert_eq!(accessibility_line("  \n"), None);
    }

    #[test]
    fn a_wijk_page_gets_its_own_and_the_area_wide_upcoming_meetings_and_its_feed() {
        let site = site_with(
            &[
                meeting("noord", "start: 2026-03-02 19:30\nwijken: [noord]\n"),
                meeting("zuid", "start: 2026-03-03 19:30\nwijken: [zuid]\n"),
                meeting("gebied", "start: 2026-03-04 19:30\n"),
                meeting("oud", "start: 2026-02-01 19:30\nwijken: [noord]\n"),
            ],
            "2026-03-01 00:00",
        );
        let mut job = Job::new("wijk.html", "/noord/", "x");
        wijk(&site, &site.wijken[0], &mut job);
        assert_eq!(titles(&job, "wijk_meetings"), ["noord", "gebied"]);
        let feed = job.extra.get("wijk_feed").unwrap();
        assert_eq!(feed["webcal"], "webcal://wijk.example/noord/agenda.ics");
        assert_eq!(feed["name"], "Noord");
    }

    #[test]
    fn a_summary_names_the_place_and_the_wijken() {
        let site = site_with(
            &[
                meeting(
                    "a",
                    "start: 2026-03-02 19:30\nvenue: buurthuis\nwijken: [zuid, noord]\n",
                ),
                meeting("b", "start: 2026-03-03 19:30\nlocation: Het grasveld\n"),
            ],
            "2026-03-01 00:00",
        );
        let a = MeetingSummary::new(&site.agenda.meetings[0], &site);
        assert_eq!(a.place, Some("'t\u{a0}Buurthuis"), "'t kept with its word");
        assert_eq!(a.venue_url, Some("/locaties/buurthuis/"));
        assert_eq!(a.wijken, ["Noord", "Zuid"]);
        let b = MeetingSummary::new(&site.agenda.meetings[1], &site);
        assert_eq!((b.place, b.venue_url), (Some("Het grasveld"), None));
        assert!(b.wijken.is_empty());
    }

    #[test]
    fn every_meeting_gets_a_page_and_a_poster_and_every_venue_a_page() {
        let site = site_with(
            &[meeting("a", "start: 2026-03-02 19:30\n")],
            "2026-03-01 00:00",
        );
        let strings = UiStrings::wijk_theme();
        let mut paths: Vec<String> = jobs(&site, &strings).into_iter().map(|j| j.path).collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "/bijeenkomsten/",
                "/bijeenkomsten/a/",
                "/bijeenkomsten/a/poster/",
                "/locaties/",
                "/locaties/buurthuis/",
                "/locaties/school/",
            ]
        );
    }
}
