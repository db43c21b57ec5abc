//! Activities: the list `/activiteiten/`, a page and a calendar file per
//! activity, the calendars with everything (`alles.ics`: meetings and
//! activities, for the area, each wijk and each venue, beside the
//! meetings-only `agenda.ics`), the per-wijk Atom feeds (`/<wijk>/atom.xml`)
//! and what the home and wijk pages show of the activities.
//!
//! An activity's event has `CATEGORIES:Activiteit` (the theme's
//! `activity_category`); meetings keep their own categories. A whole-day
//! activity is written with `VALUE=DATE` days, so it is the same days on
//! both sides of a clock change.

use crate::formats::ical::{self, Calendar, EventStatus};
use crate::model::activities::{ACTIVITIES_PATH, Activity};
use crate::model::event_details;
use crate::model::meetings::Status;
use crate::model::pages;
use crate::model::{Site, Wijk};
use crate::sections::Section;
use crate::sections::calendar::{self, Scope, Subscription, fill};
use crate::sections::feeds::{self, FeedItem};
use crate::sections::share;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem, Theme};
use crate::util::diagnostics::Diagnostics;
use crate::util::escape;
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

/// How many upcoming activities the home page shows.
const HOME_ACTIVITIES: usize = 3;
const ACTIVITIES_SOURCE: &str = crate::content::folders::ACTIVITIES.source;

/// Site path of the calendar with everything: `/alles.ics`.
pub const EVERYTHING_FEED_PATH: &str = "/alles.ics";

/// `/<wijk>/alles.ics`.
pub fn wijk_everything_path(wijk: &str) -> String {
    format!("/{wijk}/alles.ics")
}

/// `/locaties/<venue>/alles.ics`.
pub fn venue_everything_path(venue: &str) -> String {
    format!("{}{venue}/alles.ics", crate::model::meetings::VENUES_PATH)
}

/// The subscribe links of the calendar with everything for a scope.
pub fn everything_subscription(site: &Site, scope: Scope, slug: &str, name: &str) -> Subscription {
    let path = match scope {
        Scope::All => EVERYTHING_FEED_PATH.to_string(),
        Scope::Wijk => wijk_everything_path(slug),
        Scope::Venue => venue_everything_path(slug),
    };
    Subscription::new(&site.config, &path, scope, name)
}

/// The meetings-only calendar of the whole area.
fn meetings_feed(site: &Site) -> Subscription {
    Subscription::new(&site.config, calendar::ALL_FEED_PATH, Scope::All, "")
}

/// What a list shows of one activity.
#[derive(Debug, Clone, Serialize)]
pub struct ActivitySummary<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub when: &'a str,
    pub date_long: &'a str,
    pub time_range: &'a str,
    pub start_iso: &'a str,
    pub status: &'static str,
    pub place: Option<&'a str>,
    pub cost: Option<&'a str>,
    pub wijken: Vec<&'a str>,
}

impl<'a> ActivitySummary<'a> {
    pub fn new(a: &'a Activity, site: &'a Site) -> Self {
        let venue = a.venue.as_deref().and_then(|v| site.agenda.venue(v));
        ActivitySummary {
            title: &a.title,
            url: &a.url,
            summary: &a.summary,
            when: &a.when,
            date_long: &a.date_long,
            time_range: &a.time_range,
            start_iso: &a.start_iso,
            status: a.status.as_str(),
            place: venue
                .map(|v| v.display_name.as_str())
                .or(a.location.as_deref()),
            cost: a.cost.as_deref(),
            wijken: wijk_names(&a.wijken, site),
        }
    }
}

fn wijk_names<'a>(slugs: &[String], site: &'a Site) -> Vec<&'a str> {
    slugs
        .iter()
        .filter_map(|s| site.config.wijk(s))
        .map(|w| w.name.as_str())
        .collect()
}

fn summaries<'a>(
    items: impl Iterator<Item = &'a Activity>,
    site: &'a Site,
) -> Vec<ActivitySummary<'a>> {
    items.map(|a| ActivitySummary::new(a, site)).collect()
}

/// `/activiteiten/`: upcoming first (soonest first), then past (newest first).
fn list_job(site: &Site) -> Job {
    let now = site.build_time;
    let upcoming = summaries(site.activities.iter().filter(|a| a.is_upcoming(now)), site);
    let past = summaries(
        site.activities.iter().rev().filter(|a| !a.is_upcoming(now)),
        site,
    );
    Job::new("activities.html", ACTIVITIES_PATH, ACTIVITIES_SOURCE)
        .with("upcoming", &upcoming)
        .with("past", &past)
        .with("subscription", &meetings_feed(site))
        .with(
            "everything",
            &everything_subscription(site, Scope::All, "", ""),
        )
}

/// `/activiteiten/<slug>/`.
fn activity_job(a: &Activity, site: &Site, strings: &UiStrings) -> Job {
    let venue = a.venue.as_deref().and_then(|v| site.agenda.venue(v));
    Job::new("activity.html", a.path.clone(), &a.source)
        .with("activity", a)
        .with("venue", &venue)
        .with("activity_wijken", &wijk_names(&a.wijken, site))
        .with(
            "activities_url",
            &pages::url_for(&site.config, ACTIVITIES_PATH),
        )
        .with("share", &share::activity(a, site, strings))
        .with("subscription", &meetings_feed(site))
        .with(
            "everything",
            &everything_subscription(site, Scope::All, "", ""),
        )
}

/// One activity as a calendar event.
pub fn event(a: &Activity, site: &Site, strings: &UiStrings) -> ical::Event {
    let venue = a.venue.as_deref().and_then(|v| site.agenda.venue(v));
    let location = match venue {
        Some(v) => Some(v.location_line()),
        None => a.location.clone(),
    };
    let cancelled = a.status == Status::Cancelled;
    let summary = if cancelled {
        let prefix = strings.get(Ui::CalendarCancelledSummary);
        if a.title.to_lowercase().starts_with(&prefix.to_lowercase()) {
            a.title.clone()
        } else {
            format!("{prefix}{}", a.title)
        }
    } else {
        a.title.clone()
    };
    let mut lines = Vec::new();
    match a.status {
        Status::Cancelled => lines.push(strings.get(Ui::CalendarActivityCancelled).to_string()),
        Status::Tentative => lines.push(strings.get(Ui::CalendarTentative).to_string()),
        Status::Confirmed | Status::Moved => {}
    }
    if !a.description.is_empty() {
        lines.push(a.description.clone());
    }
    let mut facts = Vec::new();
    if let Some(cost) = &a.cost {
        facts.push(format!("{}: {cost}", strings.get(Ui::ShareCost)));
    }
    if let Some(organiser) = &a.organiser {
        facts.push(format!("{}: {organiser}", strings.get(Ui::ShareOrganiser)));
    }
    if !facts.is_empty() {
        lines.push(facts.join("\n"));
    }
    let description =
        calendar::with_registration(lines.join("\n\n"), a.registration.as_ref(), strings);
    ical::Event {
        uid: a.uid.clone(),
        stamp: site.build_time,
        start: a.start,
        end: a.end,
        summary,
        location,
        geo: venue.and_then(|v| v.geo()),
        url: a.permalink.clone(),
        description,
        status: match a.status {
            Status::Confirmed => EventStatus::Confirmed,
            Status::Tentative => EventStatus::Tentative,
            Status::Cancelled | Status::Moved => EventStatus::Cancelled,
        },
        sequence: a.sequence,
        last_modified: site.build_time,
        organizer: None,
        categories: vec![strings.get(Ui::ActivityCategory).to_string()],
        all_day: a
            .all_day
            .then(|| a.last_day.succ_opt().map(|after| (a.first_day, after)))
            .flatten(),
        conference: a.online_url.clone().unwrap_or_default(),
        attachments: a.documents.iter().map(|d| d.absolute.clone()).collect(),
    }
}

/// One calendar to write: path, name, description and the events (by
/// start, then UID).
struct EverythingFeed {
    path: String,
    name: String,
    description: String,
    /// Indexes into the meeting blocks and the activity blocks.
    meetings: Vec<usize>,
    activities: Vec<usize>,
}

/// The calendars with everything, and one per activity.
pub fn files(site: &Site, strings: &UiStrings) -> Vec<OutputFile> {
    let organizer = calendar::organizer(&site.config);
    let meetings = &site.agenda.meetings;
    let activities = &site.activities;
    let meeting_blocks: Vec<String> = meetings
        .par_iter()
        .map(|m| ical::event_block(&calendar::event(m, site, strings), &organizer))
        .collect();
    let activity_blocks: Vec<String> = activities
        .par_iter()
        .map(|a| ical::event_block(&event(a, site, strings), &organizer))
        .collect();
    // The rounds' deadlines: in the area's calendar with everything, as in
    // its meetings-only calendar.
    let deadlines = crate::sections::round_dates::deadline_blocks(site, strings, &organizer);
    let site_name = site.config.short_title.as_str();
    let named = |key: Ui, name: &str, extra: &[(&str, &str)]| {
        let mut values = vec![("site", site_name), ("name", name)];
        values.extend_from_slice(extra);
        fill(strings.get(key), &values)
    };
    let pick_m = |keep: &dyn Fn(&crate::model::meetings::Meeting) -> bool| {
        (0..meetings.len())
            .filter(|&i| keep(&meetings[i]))
            .collect()
    };
    let pick_a = |keep: &dyn Fn(&Activity) -> bool| {
        (0..activities.len())
            .filter(|&i| keep(&activities[i]))
            .collect()
    };
    let mut feeds = vec![EverythingFeed {
        path: EVERYTHING_FEED_PATH.to_string(),
        name: named(Ui::CalendarEverything, "", &[]),
        description: named(Ui::CalendarEverythingDescription, "", &[]),
        meetings: pick_m(&|_| true),
        activities: pick_a(&|_| true),
    }];
    for wijk in &site.config.wijken {
        let slug = wijk.slug.as_str();
        feeds.push(EverythingFeed {
            path: wijk_everything_path(slug),
            name: named(Ui::CalendarWijkEverything, &wijk.name, &[]),
            description: named(Ui::CalendarWijkEverythingDescription, &wijk.name, &[]),
            meetings: pick_m(&|m| m.concerns(slug)),
            activities: pick_a(&|a| a.concerns(slug)),
        });
    }
    for venue in &site.agenda.venues {
        let slug = venue.config.slug.as_str();
        let address = venue.address_line.as_str();
        feeds.push(EverythingFeed {
            path: venue_everything_path(slug),
            name: named(Ui::CalendarVenueEverything, &venue.config.name, &[]),
            description: named(
                Ui::CalendarVenueEverythingDescription,
                &venue.config.name,
                &[("address", address)],
            ),
            meetings: pick_m(&|m| m.venue.as_deref() == Some(slug)),
            activities: pick_a(&|a| a.venue.as_deref() == Some(slug)),
        });
    }
    let mut out: Vec<OutputFile> = feeds
        .into_par_iter()
        .map(|feed| {
            // Meetings and activities together, by start, then UID.
            let mut chosen: Vec<(DateTime<Utc>, &str, &str)> = feed
                .meetings
                .iter()
                .map(|&i| {
                    (
                        meetings[i].start,
                        meetings[i].uid.as_str(),
                        meeting_blocks[i].as_str(),
                    )
                })
                .chain(feed.activities.iter().map(|&i| {
                    (
                        activities[i].start,
                        activities[i].uid.as_str(),
                        activity_blocks[i].as_str(),
                    )
                }))
                .collect();
            chosen.sort();
            let source_url = site.config.absolute_url(&feed.path);
            let cal = Calendar {
                name: &feed.name,
                description: &feed.description,
                source_url: &source_url,
                refresh_hours: 6,
                organizer: &organizer,
                events: &[],
            };
            let extra: &[String] = if feed.path == EVERYTHING_FEED_PATH {
                &deadlines
            } else {
                &[]
            };
            let blocks = chosen.iter().map(|c| c.2);
            let doc = ical::write_calendar_of_blocks(
                &cal,
                blocks.chain(extra.iter().map(String::as_str)),
            );
            OutputFile::bytes(feed.path.trim_start_matches('/'), doc)
        })
        .collect();
    out.extend(activities.iter().zip(&activity_blocks).map(|(a, block)| {
        let cal = Calendar {
            name: &a.title,
            description: "",
            source_url: "",
            refresh_hours: 0,
            organizer: &organizer,
            events: &[],
        };
        let doc = ical::write_calendar_of_blocks(&cal, [block.as_str()]);
        OutputFile::bytes(a.ics_path.trim_start_matches('/'), doc)
    }));
    out
}

impl Site {
    /// Site-feed entries of the activities, dated by the rule of
    /// `model::event_details` (announced, else six weeks before the first
    /// day); entries dated after the build are left out.
    pub fn activity_feed_items(&self, strings: &UiStrings) -> Vec<FeedItem> {
        self.activities
            .iter()
            .filter_map(|a| self.activity_feed_item(a, strings))
            .collect()
    }

    /// One activity's feed entry, or `None` before its date.
    pub fn activity_feed_item(&self, a: &Activity, strings: &UiStrings) -> Option<FeedItem> {
        let config = &self.config;
        let at = event_details::feed_date(a.announced, a.first_day, config.time_zone());
        if !event_details::in_feed_at(at, self.build_time) {
            return None;
        }
        let venue = a.venue.as_deref().and_then(|v| self.agenda.venue(v));
        let place = venue
            .map(|v| v.location_line())
            .or(a.location.clone())
            .unwrap_or_default();
        let mut facts = a.when.clone();
        if !place.is_empty() {
            facts.push_str(&format!(" · {place}"));
        }
        if a.status == Status::Cancelled {
            facts.push_str(&format!(" · {}", strings.get(Ui::StatusCancelled)));
        }
        let html = format!(
            "<p><strong>{}</strong></p>\n{}",
            escape::html(&facts),
            a.html
        );
        Some(FeedItem {
            id: feeds::tag_uri(
                config,
                a.first_day,
                &format!("{}/{}", crate::content::folders::ACTIVITIES.dir, a.slug),
            ),
            title: a.title.clone(),
            url: a.permalink.clone(),
            published: at,
            updated: at,
            summary: facts,
            content_html: feeds::absolute_html(&html, config, &a.permalink),
        })
    }
}

/// Activities: pages, calendars with everything, per-wijk feeds.
pub struct Activities;

impl Section for Activities {
    fn folder(&self) -> &'static crate::content::folders::Folder {
        &crate::content::folders::ACTIVITIES
    }

    fn menu(&self, site: &Site, theme: &Theme) -> Option<MenuItem> {
        (!site.activities.is_empty()).then(|| {
            MenuItem::new(
                &site.config,
                theme.strings().get(Ui::Activities),
                ACTIVITIES_PATH,
            )
        })
    }

    fn jobs(&self, site: &Site, theme: &Theme) -> Vec<Job> {
        if site.activities.is_empty() {
            return Vec::new();
        }
        let strings = theme.strings();
        let mut jobs = vec![list_job(site)];
        jobs.extend(
            site.activities
                .par_iter()
                .map(|a| activity_job(a, site, strings))
                .collect::<Vec<Job>>(),
        );
        jobs
    }

    fn files(
        &self,
        site: &Site,
        theme: &Theme,
        _base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        Ok(files(site, theme.strings()))
    }

    fn page_files(
        &self,
        site: &Site,
        theme: &Theme,
        base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        crate::sections::wijk_feeds::files(site, theme, base)
    }

    fn home(&self, site: &Site, job: &mut Job) {
        let now = site.build_time;
        let upcoming = summaries(
            site.activities
                .iter()
                .filter(|a| a.is_upcoming(now))
                .take(HOME_ACTIVITIES),
            site,
        );
        job.insert("home_activities", &upcoming);
        job.insert(
            "activities_url",
            &pages::url_for(&site.config, ACTIVITIES_PATH),
        );
    }

    fn wijk(&self, site: &Site, wijk: &Wijk, job: &mut Job) {
        let slug = wijk.config.slug.as_str();
        let now = site.build_time;
        let upcoming = summaries(
            site.activities
                .iter()
                .filter(|a| a.concerns(slug) && a.is_upcoming(now)),
            site,
        );
        job.insert("wijk_activities", &upcoming);
        job.insert(
            "activities_url",
            &pages::url_for(&site.config, ACTIVITIES_PATH),
        );
        job.insert(
            "wijk_everything_feed",
            &everything_subscription(site, Scope::Wijk, slug, &wijk.config.name),
        );
    }
}
