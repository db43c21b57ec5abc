//! Meetings: the public meetings of the wijk networks and the area's team
//! (`content/bijeenkomsten/*.md`), and the venues they are held at (from
//! `site.yaml`).
//!
//! Each meeting file is read once, checked and turned into a [`Meeting`]:
//! its local and UTC times, its date line the Dutch way ("dinsdag 20 januari
//! 2026, 19.30–21.30 uur"), its rendered agenda, a plain-text description for
//! calendars and its stable calendar UID. Then the meetings are checked
//! against each other (unique slugs and UIDs, `moved_to` pointing to a real
//! meeting). Every problem becomes a [`Diagnostic`] with file, line and hint.
//!
//! Local times that do not exist or exist twice are refused: in the spring
//! night of the clock change the hour 02:00–03:00 is skipped, and in the
//! autumn night it happens twice. A meeting never needs those hours, and
//! refusing them is the one rule that cannot silently put a meeting at the
//! wrong instant.
//!
//! Rendering reads the result: `meeting_pages` makes the HTML pages,
//! `calendar` the iCalendar feeds.

use crate::content::StaticFile;
use crate::content::config::{self, SiteConfig};
use crate::content::dates::{self, LocalDateTime};
use crate::content::markdown::{self, RenderOptions};
use crate::content::placeholders;
use crate::content::source;
use crate::content::{Kind, SourceFile};
use crate::model::event_details::{self, Document, Registration};
use crate::model::loader::{Loadable, load_all};
use crate::model::pages::{self, Page};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use crate::util::suggest;
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Site path of the meetings list; each meeting lives under it.
pub const MEETINGS_PATH: &str = crate::content::folders::MEETINGS.path;
/// Site path of the venues list; each venue lives under it.
pub const VENUES_PATH: &str = "/locaties/";
/// A meeting without `end` lasts this long.
const DEFAULT_DURATION_HOURS: i64 = 2;
/// The hint for a start or end in the hour of a clock change.
const CLOCK_CHANGE_HINT: &str = "kies een tijd buiten 02:00–03:00 in de nacht van de klokwissel";

/// The front matter of a meeting file, as the editor writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeetingFront {
    title: String,
    start: LocalDateTime,
    end: Option<LocalDateTime>,
    venue: Option<String>,
    location: Option<String>,
    wijken: Option<Vec<String>>,
    kind: Option<String>,
    /// Checked here rather than by serde, to name the allowed values in Dutch.
    status: Option<String>,
    moved_to: Option<String>,
    uid: Option<String>,
    sequence: Option<u32>,
    minutes: Option<String>,
    summary: Option<String>,
    draft: Option<bool>,
    slug: Option<String>,
    /// The day the meeting was made public: its date in the site's feeds.
    announced: Option<dates::Date>,
    registration: Option<event_details::RegistrationFront>,
    online_url: Option<String>,
    documents: Option<Vec<event_details::DocumentFront>>,
}

/// Whether a meeting takes place as announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Confirmed,
    Tentative,
    Cancelled,
    /// Replaced by another meeting (`moved_to`).
    Moved,
}

impl Status {
    const ALL: [Status; 4] = [
        Status::Confirmed,
        Status::Tentative,
        Status::Cancelled,
        Status::Moved,
    ];

    /// The word editors write in `status:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Tentative => "tentative",
            Status::Cancelled => "cancelled",
            Status::Moved => "moved",
        }
    }

    fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }

    /// Cancelled or moved: the meeting does not take place at this time.
    pub fn is_off(self) -> bool {
        matches!(self, Status::Cancelled | Status::Moved)
    }
}

/// One meeting, checked and ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    /// The source file, relative to the site root.
    pub source: String,
    pub slug: String,
    /// Site path, `/bijeenkomsten/<slug>/`.
    pub path: String,
    /// Link target inside the site (base path included).
    pub url: String,
    /// Absolute URL of the meeting page.
    pub permalink: String,
    /// `/bijeenkomsten/<slug>.ics`: this meeting alone, to add to a calendar.
    pub ics_path: String,
    pub ics_url: String,
    /// `/bijeenkomsten/<slug>/poster/`: the printable A4 poster.
    pub poster_path: String,
    pub poster_url: String,
    pub title: String,
    /// One or two sentences for lists and the meta description.
    pub summary: String,
    /// Wall-clock times in the site's time zone, as written.
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    /// The same moments as instants.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `2026-01-20T19:30+01:00`, for `<time datetime>`.
    pub start_iso: String,
    pub end_iso: String,
    /// "dinsdag 20 januari 2026".
    pub date_long: String,
    /// "19.30–21.30 uur".
    pub time_range: String,
    /// "dinsdag 20 januari 2026, 19.30–21.30 uur".
    pub when: String,
    /// Slug of a venue from site.yaml.
    pub venue: Option<String>,
    /// Free-text place, when there is no venue.
    pub location: Option<String>,
    /// The wijken it concerns; empty means the whole area.
    pub wijken: Vec<String>,
    pub kind: Option<String>,
    pub status: Status,
    /// Slug of the meeting that replaces this one (status `moved`).
    pub moved_to: Option<String>,
    /// Stable calendar UID: `<slug>@<host>` or the `uid` override.
    pub uid: String,
    pub sequence: u32,
    /// Link target of the minutes: an http(s) URL, or a site path with the
    /// base path added.
    pub minutes: Option<String>,
    /// The agenda and description, rendered.
    pub html: String,
    /// The agenda and description as plain text, links written out in full.
    pub description: String,
    pub draft: bool,
    /// The day it was made public (`announced`), when the file says.
    pub announced: Option<chrono::NaiveDate>,
    /// How to sign up, when one can or must.
    pub registration: Option<Registration>,
    /// Where to join online (a hybrid meeting).
    pub online_url: Option<String>,
    /// Papers to read beforehand.
    pub documents: Vec<Document>,
    /// File line of each front matter key, for messages.
    #[serde(skip)]
    pub lines: BTreeMap<String, usize>,
}

impl Meeting {
    /// Whether the meeting is for the whole area rather than some wijken.
    pub fn is_area_wide(&self) -> bool {
        self.wijken.is_empty()
    }

    /// Whether the meeting concerns `wijk`: it is for that wijk or for the
    /// whole area.
    pub fn concerns(&self, wijk: &str) -> bool {
        self.is_area_wide() || self.wijken.iter().any(|w| w == wijk)
    }

    /// Upcoming means not yet over at `now` (the build time).
    pub fn is_upcoming(&self, now: DateTime<Utc>) -> bool {
        self.end >= now
    }

    /// The file line of a front matter key, when the key is there.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
}

/// A venue from site.yaml, with what its page and feed need.
#[derive(Debug, Clone, Serialize)]
pub struct Venue {
    #[serde(flatten)]
    pub config: config::Venue,
    /// Site path, `/locaties/<slug>/`.
    pub path: String,
    pub url: String,
    pub permalink: String,
    /// "Middelpunt 1, 3824 AA Amersfoort".
    pub address_line: String,
    /// A link to the place on OpenStreetMap, when the coordinates are known.
    pub osm_url: Option<String>,
    /// The accessibility notes (Markdown), rendered.
    pub accessibility_html: String,
    /// The name for pages: "'t" kept with the next word by a no-break
    /// space, so "'t Middelpunt" never breaks after "'t".
    pub display_name: String,
}

impl Venue {
    /// Name and full address on one line, for calendars: "'t Middelpunt,
    /// Middelpunt 1, 3824 AA Amersfoort".
    pub fn location_line(&self) -> String {
        format!("{}, {}", self.config.name, self.address_line)
    }

    /// Latitude and longitude, when both are known.
    pub fn geo(&self) -> Option<(f64, f64)> {
        self.config.lat.zip(self.config.lon)
    }
}

/// All meetings, sorted by start (then slug), and all venues in the order
/// of site.yaml.
#[derive(Debug, Clone, Default)]
pub struct Agenda {
    pub meetings: Vec<Meeting>,
    pub venues: Vec<Venue>,
}

impl Agenda {
    /// The meeting with this slug.
    pub fn get(&self, slug: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.slug == slug)
    }

    pub fn venue(&self, slug: &str) -> Option<&Venue> {
        self.venues.iter().find(|v| v.config.slug == slug)
    }

    /// Meetings not yet over at `now`, soonest first.
    pub fn upcoming(&self, now: DateTime<Utc>) -> impl DoubleEndedIterator<Item = &Meeting> {
        self.meetings.iter().filter(move |m| m.is_upcoming(now))
    }

    /// Meetings over at `now`, most recent first.
    pub fn past(&self, now: DateTime<Utc>) -> impl DoubleEndedIterator<Item = &Meeting> {
        self.meetings
            .iter()
            .rev()
            .filter(move |m| !m.is_upcoming(now))
    }

    /// Meetings that start in `[from, to)`, soonest first.
    pub fn starting_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl DoubleEndedIterator<Item = &Meeting> {
        self.meetings
            .iter()
            .filter(move |m| m.start >= from && m.start < to)
    }

    /// Meetings for `wijk` or for the whole area, soonest first.
    pub fn concerning<'a>(&'a self, wijk: &'a str) -> impl DoubleEndedIterator<Item = &'a Meeting> {
        self.meetings.iter().filter(move |m| m.concerns(wijk))
    }

    /// Meetings at the venue `venue`, soonest first.
    pub fn at_venue<'a>(&'a self, venue: &'a str) -> impl DoubleEndedIterator<Item = &'a Meeting> {
        self.meetings
            .iter()
            .filter(move |m| m.venue.as_deref() == Some(venue))
    }
}

/// What loading meetings needs from the rest of the site.
pub struct LoadContext<'a> {
    pub config: &'a SiteConfig,
    /// Include drafts.
    pub drafts: bool,
    /// The site's pages and static files: a `minutes` path must be one of them.
    pub pages: &'a [&'a Page],
    pub static_files: &'a [StaticFile],
}

/// Loads and checks every meeting and venue. Problems go to `problems`;
/// meetings with problems are left out of the result.
pub fn load(files: &[SourceFile], ctx: &LoadContext, problems: &mut Diagnostics) -> Agenda {
    let venues = load_venues(ctx.config, problems);
    let targets = SiteTargets::new(ctx.pages, ctx.static_files);
    let mut meetings = load_all(
        files,
        |kind| *kind == Kind::Meeting,
        ctx.drafts,
        problems,
        |file, text| load_published_meeting(file, text, ctx.config, &targets),
    );
    meetings.sort_by(|a, b| (a.start, &a.slug, &a.source).cmp(&(b.start, &b.slug, &b.source)));
    check_unique_uids(&meetings, problems);
    check_moved_to(&meetings, problems);
    warn_like_content(&meetings, problems);
    Agenda { meetings, venues }
}

/// The venues of site.yaml with their addresses and rendered notes.
fn load_venues(config: &SiteConfig, problems: &mut Diagnostics) -> Vec<Venue> {
    config
        .venues
        .iter()
        .map(|venue| {
            let path = format!("{VENUES_PATH}{}/", venue.slug);
            let notes = venue.accessibility.as_deref().unwrap_or("");
            let rendered = markdown::render(
                notes,
                RenderOptions {
                    base_path: config.base_path(),
                    allow_raw_html: config.allow_raw_html,
                    line_offset: 0,
                    images: config.images_for(config::CONFIG_FILE),
                },
            );
            // The notes live inside site.yaml: name the venue instead of a
            // line counted from the start of the notes.
            for problem in rendered.problems(config::CONFIG_FILE, config.allow_raw_html) {
                problems.push(Diagnostic {
                    line: None,
                    message: format!(
                        "bij de toegankelijkheid van locatie `{}`: {}",
                        venue.slug, problem.message
                    ),
                    ..problem
                });
            }
            Venue {
                url: pages::url_for(config, &path),
                permalink: config.absolute_url(&path),
                path,
                address_line: format!("{}, {} {}", venue.address, venue.postcode, venue.city),
                osm_url: venue.lat.zip(venue.lon).map(|(lat, lon)| osm_url(lat, lon)),
                accessibility_html: rendered.html,
                display_name: keep_together(&venue.name),
                config: venue.clone(),
            }
        })
        .collect()
}

/// `text` with a no-break space after a short article ("'t", "'s"), so a
/// line never ends in it: "'t Middelpunt" stays together.
pub fn keep_together(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['\'', '\u{2019}']) {
        let quote = rest[i..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[i + quote..];
        let word_start = rest[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '(');
        out.push_str(&rest[..i + quote]);
        rest = after;
        if word_start
            && let Some(tail) = after
                .strip_prefix("t ")
                .or_else(|| after.strip_prefix("s "))
        {
            out.push_str(&after[..1]);
            out.push('\u{a0}');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// A link to a point on OpenStreetMap (a link only: nothing is embedded).
pub fn osm_url(lat: f64, lon: f64) -> String {
    format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}")
}

/// The site paths a `minutes` path may point to: pages and static files.
pub struct SiteTargets {
    paths: BTreeSet<String>,
}

impl SiteTargets {
    pub fn new(pages: &[&Page], static_files: &[StaticFile]) -> SiteTargets {
        let mut paths: BTreeSet<String> = pages.iter().map(|p| p.path.clone()).collect();
        paths.extend(static_files.iter().map(|f| format!("/{}", f.to)));
        SiteTargets { paths }
    }

    /// Whether a site path (`/a/b.pdf`, `/over/`, `/over`, `/over/#kop`)
    /// is a page or a static file.
    pub fn resolves(&self, path: &str) -> bool {
        let path = path.split(['#', '?']).next().unwrap_or("");
        self.paths.contains(path)
            || self.paths.contains(&format!("{path}/"))
            || (path.ends_with('/') && self.paths.contains(&format!("{path}index.html")))
    }
}

/// Reads one meeting file: its front matter, checks and body.
fn load_meeting(
    file: &SourceFile,
    text: &str,
    config: &SiteConfig,
    targets: &SiteTargets,
) -> Result<Meeting, Diagnostics> {
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
    let front: MeetingFront =
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
    let times = checker.times(&front, config.time_zone());
    let venue = checker.venue(&front, config);
    let wijken = checker.wijken(&front, config);
    let status = checker.status(&front);
    let minutes = checker.minutes(&front, config, targets);
    let details = checker.details(&front, config, targets);
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
        None => format!("{slug}@{}", config.host()),
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

    let path = format!("{MEETINGS_PATH}{slug}/");
    let ics_path = format!("{MEETINGS_PATH}{slug}.ics");
    let poster_path = format!("{path}poster/");
    let summary = front
        .summary
        .clone()
        .unwrap_or_else(|| markdown::first_paragraph(split.body, 200));
    let description = calendar_description(
        absolute_links(&markdown::to_plain_text(split.body), config),
        &config.absolute_url(&path),
    );
    Ok(Meeting {
        source: file.rel.clone(),
        url: pages::url_for(config, &path),
        permalink: config.absolute_url(&path),
        ics_url: pages::url_for(config, &ics_path),
        poster_url: pages::url_for(config, &poster_path),
        path,
        ics_path,
        poster_path,
        slug,
        title,
        summary,
        start_local: times.start_local,
        end_local: times.end_local,
        start: times.start,
        end: times.end,
        start_iso: times.start_iso,
        end_iso: times.end_iso,
        date_long: dates::long_date(times.start_local.date()),
        time_range: time_range(times.start_local, times.end_local),
        when: when(times.start_local, times.end_local),
        venue,
        location: front.location.map(|l| l.trim().to_string()),
        wijken,
        kind: front
            .kind
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty()),
        status,
        moved_to: front.moved_to,
        uid,
        sequence: front.sequence.unwrap_or(0),
        minutes,
        html: rendered.html,
        description,
        draft: front.draft.unwrap_or(false),
        announced: front.announced.map(|d| d.0),
        registration: details.registration,
        online_url: details.online_url,
        documents: details.documents,
        lines: lines.keys,
    })
}

/// Registration, online link and documents, checked.
#[derive(Default)]
struct Details {
    registration: Option<Registration>,
    online_url: Option<String>,
    documents: Vec<Document>,
}

/// Calendar apps show a few lines of an event; a long agenda would be
/// copied into four calendars in full. Longer descriptions end at a word
/// with a link to the page.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

fn calendar_description(text: String, permalink: &str) -> String {
    if text.chars().count() <= MAX_DESCRIPTION_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION_CHARS).collect();
    let cut = cut
        .rsplit_once(char::is_whitespace)
        .map_or(cut.as_str(), |(head, _)| head);
    format!("{}…\n\nLees verder: {permalink}", cut.trim_end())
}

/// Start and end, local and UTC.
struct Times {
    start_local: NaiveDateTime,
    end_local: NaiveDateTime,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    start_iso: String,
    end_iso: String,
}

/// Why a wall-clock time is not one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockChange {
    /// The time falls in the hour skipped in spring: it never happens.
    Skipped,
    /// The time falls in the hour repeated in autumn: it happens twice.
    Repeated,
}

/// The instant of a wall-clock time in `tz`, or why there is not exactly one.
pub fn to_instant(local: NaiveDateTime, tz: Tz) -> Result<DateTime<Tz>, ClockChange> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::None => Err(ClockChange::Skipped),
        LocalResult::Ambiguous(_, _) => Err(ClockChange::Repeated),
    }
}

/// `2026-01-20T19:30+01:00`: local time with its offset (valid in `<time datetime>`).
fn iso(t: &DateTime<Tz>) -> String {
    t.format("%Y-%m-%dT%H:%M%:z").to_string()
}

/// "19.30–21.30 uur", or "19.30 uur tot woensdag 21 januari 2026, 01.00 uur"
/// when the meeting ends on another day.
pub fn time_range(start: NaiveDateTime, end: NaiveDateTime) -> String {
    let from = dates::clock_time(start.time());
    let to = dates::clock_time(end.time());
    if start.date() == end.date() {
        format!("{from}–{to} uur")
    } else {
        format!("{from} uur tot {}, {to} uur", dates::long_date(end.date()))
    }
}

/// "dinsdag 20 januari 2026, 19.30–21.30 uur".
pub fn when(start: NaiveDateTime, end: NaiveDateTime) -> String {
    format!(
        "{}, {}",
        dates::long_date(start.date()),
        time_range(start, end)
    )
}

/// Writes root-relative link targets in plain text (as `to_plain_text`
/// writes them: "tekst (/pad/)") as absolute URLs, so they work in a
/// calendar app.
fn absolute_links(text: &str, config: &SiteConfig) -> String {
    let base = config.base_url.trim_end_matches('/');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" (/") {
        let (before, after) = rest.split_at(i + 2);
        out.push_str(before);
        if !after.starts_with("//") {
            out.push_str(base);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// File lines of the top-level keys of a front matter, and the text to find
/// the line of one value (a wijk in a list) in.
pub struct FrontLines<'a> {
    keys: BTreeMap<String, usize>,
    yaml: &'a str,
    first_line: usize,
}

impl<'a> FrontLines<'a> {
    pub fn new(yaml: &'a str, first_line: usize) -> Self {
        let mut keys = BTreeMap::new();
        for (index, line) in yaml.lines().enumerate() {
            if let Some((key, _)) = line.split_once(':') {
                let is_key = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if is_key {
                    keys.entry(key.to_string()).or_insert(first_line + index);
                }
            }
        }
        FrontLines {
            keys,
            yaml,
            first_line,
        }
    }

    pub fn key(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// Every key's line.
    pub fn into_keys(self) -> BTreeMap<String, usize> {
        self.keys
    }

    /// The first line at or after `key` that holds `value`, before the next
    /// key; else the key's own line.
    pub fn value(&self, key: &str, value: &str) -> Option<usize> {
        let key_line = self.key(key)?;
        let next_key = self
            .keys
            .values()
            .copied()
            .filter(|&l| l > key_line)
            .min()
            .unwrap_or(usize::MAX);
        self.yaml
            .lines()
            .enumerate()
            .map(|(index, line)| (self.first_line + index, line))
            .filter(|(line, _)| (key_line..next_key).contains(line))
            .find(|(_, text)| text.contains(value))
            .map(|(line, _)| line)
            .or(Some(key_line))
    }
}

/// Collects the problems of one meeting file.
struct Checker<'a> {
    file: &'a str,
    lines: &'a FrontLines<'a>,
    problems: Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, key: &str, message: &str, hint: &str) {
        self.error_at(self.lines.key(key), message, hint);
    }

    fn error_at(&mut self, line: Option<usize>, message: &str, hint: &str) {
        self.problems.push(
            Diagnostic::error(self.file, message)
                .at_opt(line)
                .hint(hint),
        );
    }

    /// Start and end as instants; the end defaults to two hours after the start.
    fn times(&mut self, front: &MeetingFront, tz: Tz) -> Option<Times> {
        let start_local = front.start.0;
        let start = self.instant(start_local, tz, "start", "begintijd");
        let end = match front.end {
            Some(end) => self.instant(end.0, tz, "end", "eindtijd"),
            None => {
                let start = start?;
                let end = start + Duration::hours(DEFAULT_DURATION_HOURS);
                Some(end)
            }
        };
        let (start, end) = (start?, end?);
        if end <= start {
            self.error(
                "end",
                &format!(
                    "de bijeenkomst eindigt ({}) niet na het begin ({})",
                    end.naive_local().format("%Y-%m-%d %H:%M"),
                    start_local.format("%Y-%m-%d %H:%M"),
                ),
                "schrijf bij `end:` een tijd na `start:`, of laat `end:` weg (dan duurt de bijeenkomst 2 uur)",
            );
            return None;
        }
        Some(Times {
            start_local,
            end_local: end.naive_local(),
            start: start.with_timezone(&Utc),
            end: end.with_timezone(&Utc),
            start_iso: iso(&start),
            end_iso: iso(&end),
        })
    }

    fn instant(
        &mut self,
        local: NaiveDateTime,
        tz: Tz,
        key: &str,
        what: &str,
    ) -> Option<DateTime<Tz>> {
        let written = local.format("%Y-%m-%d %H:%M");
        match to_instant(local, tz) {
            Ok(t) => Some(t),
            Err(ClockChange::Skipped) => {
                self.error(
                    key,
                    &format!(
                        "de {what} {written} bestaat niet: in die nacht gaat de klok een uur vooruit (zomertijd)"
                    ),
                    CLOCK_CHANGE_HINT,
                );
                None
            }
            Err(ClockChange::Repeated) => {
                self.error(
                    key,
                    &format!(
                        "de {what} {written} komt twee keer voor: in die nacht gaat de klok een uur terug (wintertijd)"
                    ),
                    CLOCK_CHANGE_HINT,
                );
                None
            }
        }
    }

    /// The venue slug, checked against site.yaml.
    fn venue(&mut self, front: &MeetingFront, config: &SiteConfig) -> Option<String> {
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
            let hint = if known.is_empty() {
                "er staan nog geen locaties in site.yaml: voeg de locatie toe onder `venues:`, of schrijf het adres bij `location:`".to_string()
            } else {
                format!(
                    "{}; of schrijf een andere plek bij `location:`",
                    suggest::hint(slug, &known, "locaties")
                )
            };
            self.error("venue", &format!("onbekende locatie `{slug}`"), &hint);
            return None;
        }
        Some(slug.to_string())
    }

    /// The wijken, checked against site.yaml; empty means the whole area.
    fn wijken(&mut self, front: &MeetingFront, config: &SiteConfig) -> Vec<String> {
        let mut wijken: Vec<String> = Vec::new();
        for wijk in front.wijken.iter().flatten() {
            let wijk = wijk.trim();
            if config.unknown_wijk(wijk).is_some() {
                let known = suggest::hint(
                    wijk,
                    &config
                        .wijken
                        .iter()
                        .map(|w| w.slug.as_str())
                        .collect::<Vec<_>>(),
                    "wijken",
                );
                let line = self.lines.value("wijken", wijk);
                self.error_at(
                    line,
                    &format!("onbekende wijk `{wijk}`"),
                    &format!(
                        "{known}; laat `wijken:` weg als de bijeenkomst voor het hele gebied is"
                    ),
                );
            } else if !wijken.iter().any(|w| w == wijk) {
                wijken.push(wijk.to_string());
            }
        }
        // In the order of site.yaml, so lists read the same everywhere.
        wijken.sort_by_key(|w| config.wijken.iter().position(|c| &c.slug == w));
        wijken
    }

    /// The status, and `moved_to` only together with `moved`.
    fn status(&mut self, front: &MeetingFront) -> Option<Status> {
        let status = match front.status.as_deref() {
            None => Status::Confirmed,
            Some(text) => match Status::parse(text) {
                Some(status) => status,
                None => {
                    let all = Status::ALL.map(Status::as_str);
                    let choose = "kies confirmed (gaat door), tentative (nog niet zeker), cancelled (gaat niet door) of moved (verplaatst, met moved_to)";
                    let hint = match suggest::closest(text, &all) {
                        Some(best) => {
                            format!("bedoelt u `{best}`? {}", suggest::capitalised(choose))
                        }
                        None => choose.to_string(),
                    };
                    self.error(
                        "status",
                        &format!("onbekende status `{}`", text.trim()),
                        &hint,
                    );
                    return None;
                }
            },
        };
        match (status, &front.moved_to) {
            (Status::Moved, None) => {
                self.error(
                    "status",
                    "de bijeenkomst is verplaatst (`status: moved`), maar `moved_to:` ontbreekt",
                    "voeg `moved_to:` toe met de slug van de nieuwe bijeenkomst (de bestandsnaam zonder .md)",
                );
                None
            }
            (Status::Moved, Some(_)) | (_, None) => Some(status),
            (_, Some(_)) => {
                self.error(
                    "moved_to",
                    "`moved_to:` hoort alleen bij een verplaatste bijeenkomst",
                    "zet `status: moved`, of haal `moved_to:` weg",
                );
                None
            }
        }
    }

    fn detail_problem(&mut self, problem: event_details::Problem) {
        self.error(problem.key, &problem.message, &problem.hint);
    }

    /// `registration`, `online_url` and `documents`.
    fn details(
        &mut self,
        front: &MeetingFront,
        config: &SiteConfig,
        targets: &SiteTargets,
    ) -> Details {
        let mut details = Details::default();
        if let Some(r) = &front.registration {
            match event_details::registration(r) {
                Ok(r) => details.registration = Some(r),
                Err(problems) => problems.into_iter().for_each(|p| self.detail_problem(p)),
            }
        }
        if let Some(url) = &front.online_url {
            match event_details::online_url(url) {
                Ok(url) => details.online_url = Some(url),
                Err(p) => self.detail_problem(p),
            }
        }
        if let Some(documents) = &front.documents {
            match event_details::documents(documents, config, &|p| targets.resolves(p)) {
                Ok(d) => details.documents = d,
                Err(problems) => problems.into_iter().for_each(|p| self.detail_problem(p)),
            }
        }
        details
    }

    /// The minutes link: an http(s) URL, or a site path that exists.
    fn minutes(
        &mut self,
        front: &MeetingFront,
        config: &SiteConfig,
        targets: &SiteTargets,
    ) -> Option<String> {
        let minutes = front.minutes.as_deref()?.trim();
        if minutes.starts_with("https://") || minutes.starts_with("http://") {
            return Some(minutes.to_string());
        }
        if minutes.starts_with('/') && !minutes.starts_with("//") {
            if targets.resolves(minutes) {
                return Some(pages::url_for(config, minutes));
            }
            self.error(
                "minutes",
                &format!("het verslag `{minutes}` bestaat niet op de site"),
                "zet het bestand in content/static/ (bijvoorbeeld content/static/verslagen/verslag.pdf wordt /verslagen/verslag.pdf), of controleer de spelling",
            );
            return None;
        }
        self.error(
            "minutes",
            &format!("`{minutes}` is geen webadres en geen pad op de site"),
            "schrijf een volledig webadres (https://…) of een pad dat met / begint, zoals /verslagen/verslag.pdf",
        );
        None
    }
}

/// Two meeting files with one slug would share one page.
impl Loadable for Meeting {
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
        .at_opt(self.line_of("slug"))
        .hint("geef één van beide een andere bestandsnaam of `slug:`")
    }
}

/// A UID names one event in every calendar that subscribed: two meetings
/// with one UID would overwrite each other there.
fn check_unique_uids(meetings: &[Meeting], problems: &mut Diagnostics) {
    let mut by_uid: BTreeMap<&str, Vec<&Meeting>> = BTreeMap::new();
    for meeting in meetings {
        by_uid.entry(&meeting.uid).or_default().push(meeting);
    }
    for (uid, group) in by_uid.into_iter().filter(|(_, g)| g.len() > 1) {
        // Same slug is reported as a duplicate address already.
        if group.iter().all(|m| m.slug == group[0].slug) {
            continue;
        }
        for meeting in &group {
            let others: Vec<&str> = group
                .iter()
                .filter(|m| m.source != meeting.source)
                .map(|m| m.source.as_str())
                .collect();
            problems.push(
                Diagnostic::error(
                    &meeting.source,
                    format!(
                        "dit bestand en {} hebben dezelfde UID `{uid}`; agenda's zouden de ene bijeenkomst door de andere vervangen",
                        others.join(" en ")
                    ),
                )
                .at_opt(meeting.line_of("uid").or(meeting.line_of("title")))
                .hint("geef elke bijeenkomst een eigen `uid:`, of laat `uid:` weg (dan maakt wijksite er zelf een)"),
            );
        }
    }
}

/// `moved_to` must name another meeting that is on the site.
fn check_moved_to(meetings: &[Meeting], problems: &mut Diagnostics) {
    let slugs: BTreeSet<&str> = meetings.iter().map(|m| m.slug.as_str()).collect();
    for meeting in meetings {
        let Some(target) = &meeting.moved_to else {
            continue;
        };
        let message = if target == &meeting.slug {
            format!("de bijeenkomst is verplaatst naar zichzelf (`moved_to: {target}`)")
        } else if !slugs.contains(target.as_str()) {
            format!("`moved_to: {target}` wijst naar een bijeenkomst die er niet is")
        } else {
            continue;
        };
        problems.push(
            Diagnostic::error(&meeting.source, message)
                .at_opt(meeting.line_of("moved_to"))
                .hint("schrijf de slug van de nieuwe bijeenkomst: haar bestandsnaam zonder .md, zoals 2026-09-29-bewonersteam (en zet die niet op draft)"),
        );
    }
}

/// [`load_meeting`], and a published meeting may not hold placeholder text.
fn load_published_meeting(
    file: &SourceFile,
    text: &str,
    config: &SiteConfig,
    targets: &SiteTargets,
) -> Result<Meeting, Diagnostics> {
    let meeting = load_meeting(file, text, config, targets)?;
    if !meeting.draft {
        placeholders::check(&file.rel, text, &config.placeholders)?;
    }
    Ok(meeting)
}

/// Meetings start in this window of the day (local time); outside it, the
/// time is probably a typing error (`7:30` for an evening meeting).
const USUAL_HOURS: (u32, u32) = (8, 23);

/// Warnings for mistakes that look like content: a copied file whose name
/// has another date than its `start`, two meetings at the same time and
/// place, a start in the middle of the night. They never stop the build.
fn warn_like_content(meetings: &[Meeting], problems: &mut Diagnostics) {
    let mut taken: BTreeMap<(NaiveDateTime, &str), &Meeting> = BTreeMap::new();
    for meeting in meetings {
        let start = meeting.start_local;
        let warn = |message: String, hint: String| {
            Diagnostic::warning(&meeting.source, message)
                .at_opt(meeting.line_of("start"))
                .hint(hint)
        };
        if let Some(named) = file_name_date(&meeting.source)
            && named != start.date()
        {
            problems.push(warn(
                format!(
                    "de datum in de bestandsnaam ({named}) is een andere dan de datum bij `start` ({})",
                    start.date()
                ),
                format!(
                    "is het bestand gekopieerd? Zet bij `start` de goede datum, zoals `start: {named} {}`, of geef het bestand de datum van `start` in de naam",
                    start.format("%H:%M")
                ),
            ));
        }
        let minutes = start.time().hour() * 60 + start.time().minute();
        if minutes < USUAL_HOURS.0 * 60 || minutes > USUAL_HOURS.1 * 60 {
            // Before 08.00 is most often the evening time written the
            // 12-hour way: 7:30 for 19:30.
            let hint = match start.checked_add_signed(Duration::hours(12)) {
                Some(later) if start.time().hour() < USUAL_HOURS.0 => format!(
                    "schrijf de tijd met 24 uur: voor {} 's avonds is het `start: {}`",
                    start.format("%-H.%M"),
                    later.format("%Y-%m-%d %H:%M")
                ),
                _ => "schrijf de tijd met 24 uur, zoals `start: 2027-02-04 19:30` voor half acht 's avonds".into(),
            };
            problems.push(warn(
                format!(
                    "de bijeenkomst begint om {}, buiten de gewone tijden (08.00–23.00 uur)",
                    start.format("%H.%M")
                ),
                hint,
            ));
        }
        if meeting.status.is_off() {
            continue;
        }
        let Some(venue) = meeting.venue.as_deref() else {
            continue;
        };
        if let Some(first) = taken.insert((start, venue), meeting) {
            problems.push(warn(
                format!(
                    "er is al een bijeenkomst op hetzelfde moment en op dezelfde plek (`{venue}`): {}",
                    first.source
                ),
                "is het een kopie? Pas `start` of `venue` aan, of haal één van beide weg".into(),
            ));
            taken.insert((start, venue), first);
        }
    }
}

/// The date at the front of a meeting's file name (`2027-03-04-…md`).
fn file_name_date(source: &str) -> Option<chrono::NaiveDate> {
    let name = source.rsplit('/').next()?;
    let head = name.get(..10)?;
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::test_support::config;

    fn local(text: &str) -> NaiveDateTime {
        dates::parse_local_datetime(text).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        local(text).and_utc()
    }

    fn file(stem: &str) -> SourceFile {
        SourceFile {
            kind: Kind::Meeting,
            rel: format!("content/bijeenkomsten/{stem}.md"),
            abs: std::path::PathBuf::new(),
        }
    }

    fn no_targets() -> SiteTargets {
        SiteTargets::new(&[], &[])
    }

    fn load_text(stem: &str, text: &str) -> Result<Meeting, Diagnostics> {
        load_meeting(&file(stem), text, &config(), &no_targets())
    }

    fn problems_of(text: &str) -> Vec<Diagnostic> {
        load_text("m", text).unwrap_err().into_sorted()
    }

    #[test]
    fn winter_and_summer_evenings_become_the_right_utc_instants() {
        let tz = chrono_tz::Europe::Amsterdam;
        let winter = to_instant(local("2026-01-20 19:30"), tz).unwrap();
        let summer = to_instant(local("2026-06-16 19:30"), tz).unwrap();
        assert_eq!(winter.with_timezone(&Utc), utc("2026-01-20 18:30"));
        assert_eq!(summer.with_timezone(&Utc), utc("2026-06-16 17:30"));
        assert_eq!(iso(&winter), "2026-01-20T19:30+01:00");
        assert_eq!(iso(&summer), "2026-06-16T19:30+02:00");
    }

    #[test]
    fn the_skipped_and_the_repeated_hour_are_not_instants() {
        let tz = chrono_tz::Europe::Amsterdam;
        assert_eq!(
            to_instant(local("2026-03-29 02:30"), tz),
            Err(ClockChange::Skipped)
        );
        assert_eq!(
            to_instant(local("2026-10-25 02:30"), tz),
            Err(ClockChange::Repeated)
        );
        assert!(to_instant(local("2026-03-29 03:00"), tz).is_ok());
        assert!(to_instant(local("2026-10-25 03:00"), tz).is_ok());
    }

    #[test]
    fn dates_and_times_read_the_dutch_way() {
        let start = local("2026-01-20 19:30");
        assert_eq!(
            when(start, local("2026-01-20 21:30")),
            "dinsdag 20 januari 2026, 19.30–21.30 uur"
        );
        assert_eq!(
            when(start, local("2026-01-21 01:00")),
            "dinsdag 20 januari 2026, 19.30 uur tot woensdag 21 januari 2026, 01.00 uur"
        );
    }

    #[test]
    fn a_minimal_meeting_gets_defaults_a_uid_from_slug_and_host_and_two_hours() {
        let m = load_text(
            "2026-01-20-noord",
            "---\ntitle: Avond Noord\nstart: 2026-01-20 19:30\n---\nWelkom.\n",
        )
        .unwrap();
        assert_eq!(m.uid, "2026-01-20-noord@wijk.example");
        assert_eq!(m.path, "/bijeenkomsten/2026-01-20-noord/");
        assert_eq!(m.ics_path, "/bijeenkomsten/2026-01-20-noord.ics");
        assert_eq!(m.poster_path, "/bijeenkomsten/2026-01-20-noord/poster/");
        assert_eq!(m.status, Status::Confirmed);
        assert_eq!(m.end - m.start, Duration::hours(2));
        assert_eq!(m.when, "dinsdag 20 januari 2026, 19.30–21.30 uur");
        assert!(m.is_area_wide());
        assert!(m.concerns("noord") && m.concerns("zuid"));
        assert_eq!(m.sequence, 0);
        assert_eq!(m.summary, "Welkom.");
    }

    #[test]
    fn the_default_end_counts_real_hours_across_the_spring_change() {
        // 01:30 + 2 real hours = 04:30, because 02:00–03:00 does not happen.
        let m = load_text("n", "---\ntitle: Nacht\nstart: 2026-03-29 01:30\n---\n").unwrap();
        assert_eq!(m.end_local, local("2026-03-29 04:30"));
    }

    #[test]
    fn the_uid_override_wins_and_the_slug_override_moves_the_page() {
        let m = load_text(
            "bestand",
            "---\ntitle: A\nstart: 2026-01-20 19:30\nslug: andere-naam\nuid: vast-123@elders.example\n---\n",
        )
        .unwrap();
        assert_eq!(m.uid, "vast-123@elders.example");
        assert_eq!(m.path, "/bijeenkomsten/andere-naam/");
    }

    #[test]
    fn wijken_are_checked_deduplicated_and_kept_in_site_order() {
        let m = load_text(
            "m",
            "---\ntitle: A\nstart: 2026-01-20 19:30\nwijken: [zuid, noord, zuid]\n---\n",
        )
        .unwrap();
        assert_eq!(m.wijken, ["noord", "zuid"]);
        assert!(m.concerns("noord") && !m.is_area_wide());
    }

    #[test]
    fn an_unknown_wijk_in_a_block_list_is_reported_on_its_own_line() {
        let problems = problems_of(
            "---\ntitle: A\nstart: 2026-01-20 19:30\nwijken:\n  - noord\n  - oost\nkind: x\n---\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(6));
        assert!(problems[0].message.contains("onbekende wijk `oost`"));
        assert!(problems[0].hint.as_deref().unwrap().contains("noord, zuid"));
    }

    #[test]
    fn all_problems_of_one_file_are_reported_each_on_its_line() {
        let problems = problems_of(
            "---\ntitle: A\nstart: 2026-01-20 19:30\nend: 2026-01-20 18:00\nvenue: elders\nstatus: uitgesteld\nminutes: verslag.pdf\n---\n",
        );
        let found: Vec<(Option<usize>, &str)> = problems
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(problems.len(), 4, "{found:?}");
        assert!(found[0].0 == Some(4) && found[0].1.contains("niet na het begin"));
        assert!(found[1].0 == Some(5) && found[1].1.contains("onbekende locatie `elders`"));
        assert!(found[2].0 == Some(6) && found[2].1.contains("onbekende status `uitgesteld`"));
        assert!(found[3].0 == Some(7) && found[3].1.contains("geen webadres"));
    }

    #[test]
    fn a_start_in_the_clock_change_hour_names_it_and_gives_the_hint() {
        for (start, words) in [
            ("2026-03-29 02:30", "bestaat niet"),
            ("2026-10-25 02:30", "komt twee keer voor"),
        ] {
            let problems = problems_of(&format!("---\ntitle: A\nstart: {start}\n---\n"));
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].line, Some(3));
            assert!(problems[0].message.contains(words), "{}", problems[0]);
            assert_eq!(problems[0].hint.as_deref(), Some(CLOCK_CHANGE_HINT));
        }
    }

    #[test]
    fn moved_needs_moved_to_and_moved_to_needs_moved() {
        let problems = problems_of("---\ntitle: A\nstart: 2026-01-20 19:30\nstatus: moved\n---\n");
        assert_eq!(problems[0].line, Some(4));
        assert!(problems[0].message.contains("`moved_to:` ontbreekt"));
        let problems = problems_of("---\ntitle: A\nstart: 2026-01-20 19:30\nmoved_to: b\n---\n");
        assert_eq!(problems[0].line, Some(4));
        assert!(problems[0].message.contains("alleen bij een verplaatste"));
    }

    #[test]
    fn venue_and_location_together_are_refused() {
        let problems = problems_of(
            "---\ntitle: A\nstart: 2026-01-20 19:30\nvenue: buurthuis\nlocation: zaal 2\n---\n",
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(5));
    }

    #[test]
    fn minutes_may_be_a_url_or_an_existing_site_path() {
        let statics = [StaticFile {
            from: Default::default(),
            to: "verslagen/maart.pdf".into(),
            source: "content/static/verslagen/maart.pdf".into(),
        }];
        let targets = SiteTargets::new(&[], &statics);
        let with = |minutes: &str| {
            let text = format!("---\ntitle: A\nstart: 2026-01-20 19:30\nminutes: {minutes}\n---\n");
            load_meeting(&file("m"), &text, &config(), &targets).map(|m| m.minutes)
        };
        assert_eq!(
            with("https://elders.example/v.pdf").unwrap().as_deref(),
            Some("https://elders.example/v.pdf")
        );
        assert_eq!(
            with("/verslagen/maart.pdf").unwrap().as_deref(),
            Some("/verslagen/maart.pdf")
        );
        let e = with("/verslagen/april.pdf").unwrap_err().into_sorted();
        assert_eq!(e[0].line, Some(4));
        assert!(e[0].message.contains("bestaat niet"));
        assert!(with("javascript:alert(1)").is_err());
    }

    #[test]
    fn site_targets_accept_pages_with_or_without_slash_and_anchors() {
        let statics = [StaticFile {
            from: Default::default(),
            to: "archief/index.html".into(),
            source: String::new(),
        }];
        let targets = SiteTargets::new(&[], &statics);
        assert!(targets.resolves("/archief/"));
        assert!(targets.resolves("/archief/index.html#kop"));
        assert!(!targets.resolves("/archief/ander/"));
    }

    #[test]
    fn a_long_description_ends_at_a_word_with_a_link_to_the_page() {
        let long = "woord ".repeat(1_000);
        let short = calendar_description(long, "https://wijk.example/bijeenkomsten/a/");
        assert!(short.chars().count() < MAX_DESCRIPTION_CHARS + 80);
        assert!(short.ends_with("woord…\n\nLees verder: https://wijk.example/bijeenkomsten/a/"));
        assert_eq!(calendar_description("Kort.".into(), "x"), "Kort.");
    }

    #[test]
    fn the_description_is_plain_text_with_absolute_links() {
        let m = load_text(
            "m",
            "---\ntitle: A\nstart: 2026-01-20 19:30\n---\n## Agenda\n\n1. Het [wijkplan](/wijkplan/2026/)\n2. [Elders](https://x.example/)\n",
        )
        .unwrap();
        assert_eq!(
            m.description,
            "Agenda\n\n1. Het wijkplan (https://wijk.example/wijkplan/2026/)\n2. Elders (https://x.example/)"
        );
    }

    fn meeting(slug: &str, uid: &str) -> Meeting {
        let mut m = load_text(slug, "---\ntitle: A\nstart: 2026-01-20 19:30\n---\n").unwrap();
        m.uid = uid.into();
        m
    }

    #[test]
    fn two_meetings_with_one_uid_are_both_reported_naming_each_other() {
        let meetings = [
            meeting("a", "x@y"),
            meeting("b", "x@y"),
            meeting("c", "z@y"),
        ];
        let mut problems = Diagnostics::new();
        check_unique_uids(&meetings, &mut problems);
        let problems = problems.into_sorted();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.contains("content/bijeenkomsten/b.md"));
        assert!(problems[1].message.contains("content/bijeenkomsten/a.md"));
    }

    #[test]
    fn moved_to_must_name_another_meeting() {
        let mut moved = meeting("a", "a@y");
        moved.status = Status::Moved;
        moved.moved_to = Some("b".into());
        let mut problems = Diagnostics::new();
        check_moved_to(&[moved.clone(), meeting("b", "b@y")], &mut problems);
        assert!(problems.is_empty());
        check_moved_to(&[moved.clone()], &mut problems);
        moved.moved_to = Some("a".into());
        check_moved_to(&[moved], &mut problems);
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn upcoming_means_not_yet_over_at_build_time() {
        let m = meeting("a", "a@y");
        assert!(m.is_upcoming(utc("2026-01-20 20:29")), "still going on");
        assert!(m.is_upcoming(m.end));
        assert!(!m.is_upcoming(utc("2026-01-20 20:31")));
    }

    #[test]
    fn raw_html_is_reported_in_the_agenda_and_in_venue_notes_when_the_site_forbids_it() {
        let strict = SiteConfig::parse(
            &(crate::model::test_support::SITE_YAML
                .replace("lon: 5.3}", "lon: 5.3, accessibility: \"<b>Lift</b>\"}")
                + "allow_raw_html: false\n"),
            None,
        )
        .unwrap();
        let text = "---\ntitle: A\nstart: 2026-01-20 19:30\n---\nTekst.\n\n<div>x</div>\n";
        let e = load_meeting(&file("m"), text, &strict, &no_targets())
            .unwrap_err()
            .into_sorted();
        assert_eq!(e[0].line, Some(7));
        assert!(e[0].message.contains("HTML"));
        let mut problems = Diagnostics::new();
        load_venues(&strict, &mut problems);
        let problems = problems.into_sorted();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("locatie `buurthuis`"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn venues_get_an_address_line_and_an_openstreetmap_link() {
        let mut problems = Diagnostics::new();
        let venues = load_venues(&config(), &mut problems);
        assert_eq!(venues[0].path, "/locaties/buurthuis/");
        assert_eq!(
            venues[0].location_line(),
            "'t Buurthuis, Dorpsstraat 1, 1234 AB Testdorp"
        );
        assert_eq!(
            venues[0].osm_url.as_deref(),
            Some("https://www.openstreetmap.org/?mlat=52.1&mlon=5.3#map=18/52.1/5.3")
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn a_short_article_stays_with_its_word() {
        assert_eq!(keep_together("'t Middelpunt"), "'t\u{a0}Middelpunt");
        assert_eq!(
            keep_together("Huis \u{2019}s Avonds, 't Hof"),
            "Huis \u{2019}s\u{a0}Avonds, 't\u{a0}Hof"
        );
        assert_eq!(
            keep_together("Piet's tuin"),
            "Piet's tuin",
            "not inside a word"
        );
        assert_eq!(keep_together("'t"), "'t");
        assert_eq!(keep_together("De Hoef"), "De Hoef");
    }
}
