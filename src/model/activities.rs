//! Activities: what happens in the wijken besides meetings, such as an
//! Oogstfeest, a Kerstmaaltijd or a clean-up morning
//! (`content/activiteiten/*.md`).
//!
//! An activity starts at a time (`start: 2026-10-03 14:00`, with or without
//! `end`) or lasts whole days (`start: 2026-10-03`, and `end:` the last
//! day for more than one day). It is at a venue from site.yaml or at a
//! free `location`, for some wijken or the whole area, with an organiser,
//! a cost, a way to sign up (`registration`), and may be cancelled
//! (`status: cancelled` or `cancelled: true`). Times are checked the way
//! meetings' are (the hours of a clock change are refused); whole days
//! have no clock time, so they are the same days on both sides of a
//! clock change.
//!
//! Rendering reads the result: `activity_pages` makes the pages and the
//! calendars with everything (`alles.ics`).

use crate::content::StaticFile;
use crate::content::config::SiteConfig;
use crate::content::dates::{self, DateOrTime};
use crate::content::markdown::{self, RenderOptions};
use crate::content::placeholders;
use crate::content::source;
use crate::content::{Kind, SourceFile};
use crate::model::event_details::{self, Document, Registration};
use crate::model::loader::{Loadable, load_all};
use crate::model::meetings::{self, ClockChange, FrontLines, SiteTargets, Status};
use crate::model::pages::{self, Page};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use crate::util::suggest;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Site path of the activities list; each activity lives under it.
pub const ACTIVITIES_PATH: &str = crate::content::folders::ACTIVITIES.path;
/// An activity with a start time and no `end` lasts this long.
const DEFAULT_DURATION_HOURS: i64 = 2;
/// An activity may last at most this many days (a typing error in a year
/// would otherwise make a calendar entry of months).
const MAX_DAYS: i64 = 31;

/// The front matter of an activity file, as the editor writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActivityFront {
    title: String,
    start: DateOrTime,
    end: Option<DateOrTime>,
    /// Whole days, also when `start` has a time.
    all_day: Option<bool>,
    venue: Option<String>,
    location: Option<String>,
    /// One wijk or a list; `wijk:` is accepted too.
    #[serde(default, alias = "wijk", deserialize_with = "one_or_many")]
    wijken: Option<Vec<String>>,
    #[serde(alias = "organizer")]
    organiser: Option<String>,
    /// Text, or a number of euros (`cost: 5`).
    #[serde(default, deserialize_with = "scalar_text")]
    cost: Option<String>,
    #[serde(alias = "signup", alias = "sign_up")]
    registration: Option<event_details::RegistrationFront>,
    status: Option<String>,
    cancelled: Option<bool>,
    online_url: Option<String>,
    documents: Option<Vec<event_details::DocumentFront>>,
    announced: Option<dates::Date>,
    uid: Option<String>,
    sequence: Option<u32>,
    summary: Option<String>,
    draft: Option<bool>,
    slug: Option<String>,
}

/// `wijken: noord` or `wijken: [noord, zuid]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => None,
        Some(OneOrMany::One(one)) => Some(vec![one]),
        Some(OneOrMany::Many(many)) => Some(many),
    })
}

/// A text, or a number written as text (`5` → "€ 5").
fn scalar_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Whole(u64),
        Number(f64),
    }
    Ok(match Option::<Scalar>::deserialize(d)? {
        None => None,
        Some(Scalar::Text(t)) => Some(t),
        Some(Scalar::Whole(0)) => Some("Gratis".to_string()),
        Some(Scalar::Whole(n)) => Some(format!("€ {n}")),
        Some(Scalar::Number(n)) => Some(format!("€ {}", format!("{n:.2}").replace('.', ","))),
    })
}

/// One activity, checked and ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub source: String,
    pub slug: String,
    /// `/activiteiten/<slug>/`.
    pub path: String,
    pub url: String,
    pub permalink: String,
    /// `/activiteiten/<slug>.ics`: this activity alone.
    pub ics_path: String,
    pub ics_url: String,
    pub title: String,
    pub summary: String,
    /// Whole days rather than clock times.
    pub all_day: bool,
    /// The first and the last day (the same for one day).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Wall-clock start (midnight of the first day when all-day).
    pub start_local: NaiveDateTime,
    /// The instants: for whole days, the start of the first day and of the
    /// day after the last, in the site's time zone.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// For `<time datetime>`: `2026-10-03T14:00+02:00`, or `2026-10-03`.
    pub start_iso: String,
    /// "zaterdag 3 oktober 2026".
    pub date_long: String,
    /// "14.00–17.00 uur", "hele dag", or "tot en met zondag 4 oktober 2026".
    pub time_range: String,
    /// Date and time in one line.
    pub when: String,
    pub venue: Option<String>,
    pub location: Option<String>,
    /// The wijken it is for; empty means the whole area.
    pub wijken: Vec<String>,
    pub organiser: Option<String>,
    pub cost: Option<String>,
    pub registration: Option<Registration>,
    pub status: Status,
    pub online_url: Option<String>,
    pub documents: Vec<Document>,
    pub announced: Option<NaiveDate>,
    /// Stable calendar UID: `activiteit-<slug>@<host>` or the `uid` override.
    pub uid: String,
    pub sequence: u32,
    pub html: String,
    /// Plain text for calendars, links written out in full.
    pub description: String,
    pub draft: bool,
    #[serde(skip)]
    pub lines: BTreeMap<String, usize>,
}

impl Activity {
    pub fn is_area_wide(&self) -> bool {
        self.wijken.is_empty()
    }

    /// For `wijk` or for the whole area.
    pub fn concerns(&self, wijk: &str) -> bool {
        self.is_area_wide() || self.wijken.iter().any(|w| w == wijk)
    }

    /// Not yet over at `now`.
    pub fn is_upcoming(&self, now: DateTime<Utc>) -> bool {
        self.end >= now
    }
}

impl Loadable for Activity {
    fn source(&self) -> &str {
        &self.source
    }

    fn unique_key(&self) -> Option<String> {
        Some(self.slug.clone())
    }

    fn is_draft(&self) -> bool {
        self.draft
    }

    fn clash(&self, first: &Self) -> Diagnostic {
        Diagnostic::error(
            &self.source,
            format!(
                "dit bestand en {} krijgen hetzelfde adres {}",
                first.source, self.path
            ),
        )
        .at_opt(self.lines.get("slug").copied())
        .hint("geef één van beide een andere bestandsnaam of `slug:`")
    }
}

/// Loads and checks every activity, sorted by start, then slug.
pub fn load(
    files: &[SourceFile],
    config: &SiteConfig,
    drafts: bool,
    pages: &[&Page],
    static_files: &[StaticFile],
    problems: &mut Diagnostics,
) -> Vec<Activity> {
    let targets = SiteTargets::new(pages, static_files);
    let mut items = load_all(
        files,
        |kind| *kind == Kind::Activity,
        drafts,
        problems,
        |file, text| {
            let activity = load_activity(file, text, config, &targets)?;
            if !activity.draft {
                placeholders::check(&file.rel, text, &config.placeholders)?;
            }
            Ok(activity)
        },
    );
    items.sort_by(|a, b| (a.start, &a.slug).cmp(&(b.start, &b.slug)));
    let mut seen: BTreeMap<&str, &Activity> = BTreeMap::new();
    for activity in &items {
        if let Some(first) = seen.insert(&activity.uid, activity)
            && first.slug != activity.slug
        {
            problems.push(
                Diagnostic::error(
                    &activity.source,
                    format!(
                        "dit bestand en {} hebben dezelfde UID `{}`",
                        first.source, activity.uid
                    ),
                )
                .at_opt(activity.lines.get("uid").copied())
                .hint("geef elke activiteit een eigen `uid:`, of laat `uid:` weg"),
            );
        }
    }
    items
}

/// An activity's UID must differ from every meeting's: both are in the
/// `alles.ics` feeds, where calendar apps would let one event replace the
/// other. Only an explicit `uid:` can collide (the default starts with
/// `activiteit-`).
pub fn check_uids_against_meetings(
    activities: &[Activity],
    meetings: &[meetings::Meeting],
    problems: &mut Diagnostics,
) {
    let by_uid: BTreeMap<&str, &meetings::Meeting> =
        meetings.iter().map(|m| (m.uid.as_str(), m)).collect();
    for activity in activities {
        if let Some(meeting) = by_uid.get(activity.uid.as_str()) {
            problems.push(
                Diagnostic::error(
                    &activity.source,
                    format!(
                        "dit bestand en {} hebben dezelfde UID `{}`; agenda's zouden de bijeenkomst door de activiteit vervangen",
                        meeting.source, activity.uid
                    ),
                )
                .at_opt(activity.lines.get("uid").copied())
                .hint("geef de activiteit een eigen `uid:`, of laat `uid:` weg"),
            );
        }
    }
}

/// Collects the problems of one activity file.
struct Checker<'a> {
    file: &'a str,
    lines: &'a FrontLines<'a>,
    problems: Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, key: &str, message: &str, hint: &str) {
        let line = self.lines.key(key);
        self.error_at(line, message, hint);
    }

    fn error_at(&mut self, line: Option<usize>, message: &str, hint: &str) {
        self.problems.push(
            Diagnostic::error(self.file, message)
                .at_opt(line)
                .hint(hint),
        );
    }

    fn detail(&mut self, problem: event_details::Problem) {
        self.error(problem.key, &problem.message, &problem.hint);
    }

    fn instant(
        &mut self,
        local: NaiveDateTime,
        tz: chrono_tz::Tz,
        key: &str,
    ) -> Option<DateTime<Utc>> {
        match meetings::to_instant(local, tz) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(change) => {
                let why = match change {
                    ClockChange::Skipped => {
                        "bestaat niet: in die nacht gaat de klok een uur vooruit (zomertijd)"
                    }
                    ClockChange::Repeated => {
                        "komt twee keer voor: in die nacht gaat de klok een uur terug (wintertijd)"
                    }
                };
                self.error(
                    key,
                    &format!("de tijd {} {why}", local.format("%Y-%m-%d %H:%M")),
                    "kies een tijd buiten 02:00–03:00 in de nacht van de klokwissel, of laat de tijd weg voor een hele dag",
                );
                None
            }
        }
    }

    fn times(&mut self, front: &ActivityFront, tz: chrono_tz::Tz) -> Option<Times> {
        let all_day = front.all_day.unwrap_or(false)
            || (matches!(front.start, DateOrTime::Date(_)) && front.all_day != Some(false));
        if matches!(front.start, DateOrTime::Date(_)) && front.all_day == Some(false) {
            self.error(
                "all_day",
                "`all_day: false`, maar bij `start:` staat geen tijd",
                "schrijf bij `start:` een datum met tijd, zoals `start: 2026-10-03 14:00`, of laat `all_day:` weg",
            );
            return None;
        }
        if all_day {
            let first = front.start.date();
            let last = front.end.map_or(first, DateOrTime::date);
            if last < first {
                self.error(
                    "end",
                    &format!("de laatste dag ({last}) ligt voor de eerste ({first})"),
                    "schrijf bij `end:` de laatste dag van de activiteit, op of na `start:`",
                );
                return None;
            }
            if (last - first).num_days() >= MAX_DAYS {
                self.error(
                    "end",
                    &format!("de activiteit duurt van {first} tot en met {last}: langer dan {MAX_DAYS} dagen"),
                    "kijk of het jaar en de maand bij `end:` kloppen",
                );
                return None;
            }
            let after = last.succ_opt()?;
            let start = dates::start_of_day(first, tz).with_timezone(&Utc);
            let end = dates::start_of_day(after, tz).with_timezone(&Utc);
            return Some(Times {
                all_day: true,
                first_day: first,
                last_day: last,
                start_local: first.and_time(chrono::NaiveTime::MIN),
                end_local: after.and_time(chrono::NaiveTime::MIN),
                start,
                end,
            });
        }
        let DateOrTime::Time(start_local) = front.start else {
            return None;
        };
        let start = self.instant(start_local, tz, "start");
        let (end_local, end) = match front.end {
            Some(DateOrTime::Time(end_local)) => (end_local, self.instant(end_local, tz, "end")),
            Some(DateOrTime::Date(_)) => {
                self.error(
                    "end",
                    "bij `start:` staat een tijd, bij `end:` alleen een datum",
                    "schrijf bij `end:` ook een tijd, zoals `end: 2026-10-03 17:00`; of laat bij `start:` de tijd weg voor hele dagen",
                );
                return None;
            }
            None => {
                let end = start? + Duration::hours(DEFAULT_DURATION_HOURS);
                (end.with_timezone(&tz).naive_local(), Some(end))
            }
        };
        let (start, end) = (start?, end?);
        if end <= start {
            self.error(
                "end",
                &format!(
                    "de activiteit eindigt ({}) niet na het begin ({})",
                    end_local.format("%Y-%m-%d %H:%M"),
                    start_local.format("%Y-%m-%d %H:%M")
                ),
                "schrijf bij `end:` een tijd na `start:`, of laat `end:` weg (dan duurt de activiteit 2 uur)",
            );
            return None;
        }
        if (end - start).num_days() >= MAX_DAYS {
            self.error(
                "end",
                &format!("de activiteit duurt langer dan {MAX_DAYS} dagen"),
                "kijk of het jaar en de maand bij `end:` kloppen",
            );
            return None;
        }
        Some(Times {
            all_day: false,
            first_day: start_local.date(),
            last_day: end_local.date(),
            start_local,
            end_local,
            start,
            end,
        })
    }

    fn venue(&mut self, front: &ActivityFront, config: &SiteConfig) -> Option<String> {
        let slug = front.venue.as_deref()?.trim();
        if front.location.is_some() {
            self.error(
                "location",
                "er staan zowel `venue:` als `location:` in de kop",
                "gebruik `venue:` voor een locatie uit site.yaml, of `location:` voor een andere plek; niet allebei",
            );
        }
        if config.venue(slug).is_none() {
            let known: Vec<&str> = config.venues.iter().map(|v| v.slug.as_str()).collect();
            let hint = format!(
                "{}; of schrijf een andere plek bij `location:`",
                suggest::hint(slug, &known, "locaties")
            );
            self.error("venue", &format!("onbekende locatie `{slug}`"), &hint);
            return None;
        }
        Some(slug.to_string())
    }

    fn wijken(&mut self, front: &ActivityFront, config: &SiteConfig) -> Vec<String> {
        let mut wijken: Vec<String> = Vec::new();
        for wijk in front.wijken.iter().flatten() {
            let wijk = wijk.trim();
            if config.unknown_wijk(wijk).is_some() {
                let known: Vec<&str> = config.wijken.iter().map(|w| w.slug.as_str()).collect();
                let line = self.lines.value("wijken", wijk);
                self.error_at(
                    line,
                    &format!("onbekende wijk `{wijk}`"),
                    &format!(
                        "{}; laat `wijken:` weg als de activiteit voor het hele gebied is",
                        suggest::hint(wijk, &known, "wijken")
                    ),
                );
            } else if !wijken.iter().any(|w| w == wijk) {
                wijken.push(wijk.to_string());
            }
        }
        wijken.sort_by_key(|w| config.wijken.iter().position(|c| &c.slug == w));
        wijken
    }

    fn status(&mut self, front: &ActivityFront) -> Option<Status> {
        let status = match front.status.as_deref().map(str::trim) {
            None | Some("confirmed") => Status::Confirmed,
            Some("tentative") => Status::Tentative,
            Some("cancelled") => Status::Cancelled,
            Some(other) => {
                let choose = "kies confirmed (gaat door), tentative (nog niet zeker) of cancelled (gaat niet door)";
                let hint = match suggest::closest(other, &["confirmed", "tentative", "cancelled"]) {
                    Some(best) => format!("bedoelt u `{best}`? {}", suggest::capitalised(choose)),
                    None => choose.to_string(),
                };
                self.error("status", &format!("onbekende status `{other}`"), &hint);
                return None;
            }
        };
        Some(match front.cancelled {
            Some(true) => Status::Cancelled,
            Some(false) if status == Status::Cancelled => {
                self.error(
                    "cancelled",
                    "`cancelled: false` en `status: cancelled` spreken elkaar tegen",
                    "laat één van beide weg",
                );
                return None;
            }
            _ => status,
        })
    }
}

struct Times {
    all_day: bool,
    first_day: NaiveDate,
    last_day: NaiveDate,
    start_local: NaiveDateTime,
    end_local: NaiveDateTime,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// Date and time in words.
fn when_of(times: &Times) -> (String, String, String) {
    let date_long = dates::long_date(times.first_day);
    let several_days = times.first_day != times.last_day;
    if times.all_day {
        let range = if several_days {
            format!("tot en met {}", dates::long_date(times.last_day))
        } else {
            "hele dag".to_string()
        };
        let when = if several_days {
            format!(
                "{date_long} tot en met {}",
                dates::long_date(times.last_day)
            )
        } else {
            format!("{date_long}, hele dag")
        };
        return (date_long, range, when);
    }
    let range = meetings::time_range(times.start_local, times.end_local);
    let when = meetings::when(times.start_local, times.end_local);
    (date_long, range, when)
}

fn load_activity(
    file: &SourceFile,
    text: &str,
    config: &SiteConfig,
    targets: &SiteTargets,
) -> Result<Activity, Diagnostics> {
    let one = |d: Diagnostic| Diagnostics::from_iter([d]);
    let split = source::split_front_matter(text, &file.rel).map_err(one)?;
    if split.yaml.trim().is_empty() {
        return Err(one(Diagnostic::error(
            &file.rel,
            "de kop (front matter) is leeg",
        )
        .at_line(split.yaml_line)
        .hint(
            "schrijf tussen de twee regels `---` minstens `title: …` en `start: …`",
        )));
    }
    let front: ActivityFront =
        source::parse_yaml(split.yaml, &file.rel, split.yaml_line).map_err(one)?;
    let lines = FrontLines::new(split.yaml, split.yaml_line);
    let mut checker = Checker {
        file: &file.rel,
        lines: &lines,
        problems: Diagnostics::new(),
    };
    let title = front.title.trim().to_string();
    if title.is_empty() {
        checker.error(
            "title",
            "de titel is leeg",
            "schrijf een titel achter `title:`",
        );
    }
    let slug = front
        .slug
        .clone()
        .unwrap_or_else(|| file.stem().to_string());
    if let Some((message, hint)) = slug::problem(&slug) {
        checker.error("slug", &message, &hint);
    }
    let tz = config.time_zone();
    let times = checker.times(&front, tz);
    let venue = checker.venue(&front, config);
    let wijken = checker.wijken(&front, config);
    let status = checker.status(&front);
    let registration = match &front.registration {
        Some(r) => match event_details::registration(r) {
            Ok(r) => Some(r),
            Err(problems) => {
                problems.into_iter().for_each(|p| checker.detail(p));
                None
            }
        },
        None => None,
    };
    let online_url = match &front.online_url {
        Some(url) => match event_details::online_url(url) {
            Ok(url) => Some(url),
            Err(p) => {
                checker.detail(p);
                None
            }
        },
        None => None,
    };
    let documents = match &front.documents {
        Some(d) => match event_details::documents(d, config, &|p| targets.resolves(p)) {
            Ok(d) => d,
            Err(problems) => {
                problems.into_iter().for_each(|p| checker.detail(p));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    let uid = match &front.uid {
        Some(uid) if uid.trim().is_empty() || uid.chars().any(char::is_whitespace) => {
            checker.error(
                "uid",
                &format!("de UID `{uid}` is leeg of bevat spaties"),
                "laat `uid:` weg (dan maakt wijksite er zelf een), of schrijf één woord zonder spaties",
            );
            String::new()
        }
        Some(uid) => uid.clone(),
        None => format!("activiteit-{slug}@{}", config.host()),
    };
    let rendered = markdown::render(
        split.body,
        RenderOptions {
            base_path: config.base_path(),
            allow_raw_html: config.allow_raw_html,
            line_offset: split.body_line - 1,
            images: config.images_for(&file.rel),
        },
    );
    checker
        .problems
        .extend(rendered.problems(&file.rel, config.allow_raw_html));
    let (Some(times), Some(status)) = (times, status) else {
        return Err(checker.problems);
    };
    if checker.problems.has_errors() {
        return Err(checker.problems);
    }
    let path = format!("{ACTIVITIES_PATH}{slug}/");
    let ics_path = format!("{ACTIVITIES_PATH}{slug}.ics");
    let permalink = config.absolute_url(&path);
    let summary = front
        .summary
        .clone()
        .unwrap_or_else(|| markdown::first_paragraph(split.body, 200));
    let description = markdown::to_plain_text(split.body);
    let description = absolute_links(&description, config);
    let (date_long, time_range, when) = when_of(&times);
    let start_iso = if times.all_day {
        times.first_day.format("%Y-%m-%d").to_string()
    } else {
        times
            .start
            .with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M%:z")
            .to_string()
    };
    Ok(Activity {
        source: file.rel.clone(),
        url: pages::url_for(config, &path),
        ics_url: pages::url_for(config, &ics_path),
        permalink,
        path,
        ics_path,
        slug,
        title,
        summary,
        all_day: times.all_day,
        first_day: times.first_day,
        last_day: times.last_day,
        start_local: times.start_local,
        start: times.start,
        end: times.end,
        start_iso,
        date_long,
        time_range,
        when,
        venue,
        location: front
            .location
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
        wijken,
        organiser: clean(front.organiser),
        cost: clean(front.cost),
        registration,
        status,
        online_url,
        documents,
        announced: front.announced.map(|d| d.0),
        uid,
        sequence: front.sequence.unwrap_or(0),
        html: rendered.html,
        description,
        draft: front.draft.unwrap_or(false),
        lines: lines.into_keys(),
    })
}

fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Root-relative links in plain text ("tekst (/pad/)") made absolute.
fn absolute_links(text: &str, config: &SiteConfig) -> String {
    let base = config.base_url.trim_end_matches('/');
    text.replace(" (/", &format!(" ({base}/"))
        .replace(&format!(" ({base}//"), " (//")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::config;

    fn load_text(stem: &str, text: &str) -> Result<Activity, Diagnostics> {
        let file = SourceFile {
            kind: Kind::Activity,
            rel: format!("content/activiteiten/{stem}.md"),
            abs: std::path::PathBuf::new(),
        };
        let targets = SiteTargets::new(&[], &[]);
        load_activity(&file, text, &config(), &targets)
    }

    #[test]
    fn a_date_without_time_is_a_whole_day_and_the_end_is_the_day_after_the_last() {
        let a = load_text(
            "oogstfeest",
            "---\ntitle: Oogstfeest\nstart: 2026-10-24\nend: 2026-10-25\n---\nSoep.\n",
        )
        .unwrap();
        assert!(a.all_day);
        assert_eq!(
            a.when,
            "zaterdag 24 oktober 2026 tot en met zondag 25 oktober 2026"
        );
        // Midnight CEST on the 24th; midnight CET on the 26th (after the clock change).
        assert_eq!(a.start.to_rfc3339(), "2026-10-23T22:00:00+00:00");
        assert_eq!(a.end.to_rfc3339(), "2026-10-25T23:00:00+00:00");
        assert_eq!(a.uid, "activiteit-oogstfeest@wijk.example");
        assert_eq!(a.start_iso, "2026-10-24");
    }

    #[test]
    fn times_across_the_clock_change_count_real_hours() {
        let a = load_text(
            "nacht",
            "---\ntitle: Nacht\nstart: 2026-10-24 22:00\nend: 2026-10-25 04:00\nvenue: buurthuis\n---\n",
        )
        .unwrap();
        assert_eq!((a.end - a.start).num_hours(), 7);
        assert_eq!(
            a.when,
            "zaterdag 24 oktober 2026, 22.00 uur tot zondag 25 oktober 2026, 04.00 uur"
        );
        let err = load_text("x", "---\ntitle: X\nstart: 2027-03-28 02:30\n---\n").unwrap_err();
        let text: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        assert!(text.join("\n").contains("klok"), "{text:?}");
    }

    #[test]
    fn cancelled_can_be_written_two_ways_and_bad_input_is_named() {
        let a = load_text(
            "a",
            "---\ntitle: A\nstart: 2026-11-07 10:00\ncancelled: true\n---\n",
        )
        .unwrap();
        assert_eq!(a.status, Status::Cancelled);
        let a = load_text(
            "a",
            "---\ntitle: A\nstart: 2026-11-07 10:00\nstatus: cancelled\n---\n",
        )
        .unwrap();
        assert_eq!(a.status, Status::Cancelled);
        let err = load_text(
            "a",
            "---\ntitle: A\nstart: 2026-11-07 10:00\nend: 2026-11-07\nwijken: [west]\nvenue: kerk\n---\n",
        )
        .unwrap_err();
        assert_eq!(err.len(), 3, "{:?}", err.into_sorted());
    }

    #[test]
    fn one_wijk_may_be_written_alone_and_a_cost_as_a_number() {
        let a = load_text(
            "a",
            "---\ntitle: A\nstart: 2026-11-07 10:00\nwijk: zuid\ncost: 2.5\n---\n",
        )
        .unwrap();
        assert_eq!(a.wijken, ["zuid"]);
        assert_eq!(a.cost.as_deref(), Some("€ 2,50"));
        let a = load_text("a", "---\ntitle: A\nstart: 2026-11-07\ncost: 0\n---\n").unwrap();
        assert_eq!(a.cost.as_deref(), Some("Gratis"));
    }
}
