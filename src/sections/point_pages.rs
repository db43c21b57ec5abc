//! Residents' points: `/punten/` (open points first, grouped by wijk and
//! status, each with its history), a page per point, "Open punten" on each
//! wijk page, the Atom feed `/punten/atom.xml` (one entry per point raised
//! and per update) and the open data `/punten/punten.csv` and `.json`.

use crate::content::dates;
use crate::content::folders::POINTS;
use crate::model::pages::url_for;
use crate::model::projects::find_project;
use crate::model::punten::{Point, PointStatus, Update};
use crate::model::wijkplan;
use crate::model::{Site, Wijk};
use crate::sections::Section;
use crate::sections::feeds::{self, FeedItem, FeedMeta};
use crate::sections::open_data::push_row;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem, Theme};
use crate::util::diagnostics::Diagnostics;
use crate::util::escape::html as escape;
use serde::Serialize;
use serde_json::json;
use tera::Context;

/// The feed of points and their news.
pub const FEED_PATH: &str = "/punten/atom.xml";
/// The feed holds at most this many entries.
const FEED_LIMIT: usize = 50;

/// A link to something a point refers to.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// A point for lists and its page.
#[derive(Debug, Clone, Serialize)]
pub struct PointRow<'a> {
    pub key: String,
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    /// `in-behandeling`: for CSS classes and `t.point_status`.
    pub status: String,
    pub open: bool,
    pub raised: String,
    pub raised_long: &'a str,
    pub wijk: Option<&'a str>,
    pub wijk_url: Option<&'a str>,
    pub theme: Option<&'a str>,
    pub referred_to: Option<&'a str>,
    pub answer_html: Option<&'a str>,
    pub updates: &'a [Update],
    pub last_change: String,
    pub last_change_long: String,
    pub meeting: Option<LinkView>,
    pub report: Option<LinkView>,
    pub priority: Option<LinkView>,
    pub project: Option<LinkView>,
}

pub fn point_row<'a>(site: &'a Site, p: &'a Point) -> PointRow<'a> {
    let wijk = p.wijk.as_deref().and_then(|w| site.wijk(w));
    let meeting = p.meeting.as_deref().and_then(|m| site.agenda.get(m));
    let report = p
        .meeting
        .as_deref()
        .and_then(|m| crate::model::verslagen::of_meeting(&site.reports, m));
    PointRow {
        key: p.key(),
        id: &p.id,
        title: &p.title,
        url: &p.url,
        status: p.status.code(),
        open: p.status.is_open(),
        raised: p.raised.to_string(),
        raised_long: &p.raised_long,
        wijk: wijk.map(|w| w.config.name.as_str()),
        wijk_url: wijk.map(|w| w.url.as_str()),
        theme: p.theme.as_deref(),
        referred_to: p.referred_to.as_deref(),
        answer_html: p.answer_html.as_deref(),
        updates: &p.updates,
        last_change: p.last_change().to_string(),
        last_change_long: dates::date_without_weekday(p.last_change()),
        meeting: meeting.map(|m| LinkView {
            title: format!("{}, {}", m.title, m.date_long),
            url: m.url.clone(),
        }),
        report: report.map(|r| LinkView {
            title: String::new(),
            url: r.url.clone(),
        }),
        priority: p
            .priority
            .as_deref()
            .and_then(|k| wijkplan::find_priority(&site.wijkplannen, k))
            .map(|pr| LinkView {
                title: format!("{} ({})", pr.title, pr.year),
                url: pr.url.clone(),
            }),
        project: p
            .project
            .as_deref()
            .and_then(|k| find_project(&site.rounds, k))
            .map(|(round, project)| LinkView {
                title: format!("{} ({})", project.title, round.title),
                url: project.url.clone(),
            }),
    }
}

/// The points raised at the meeting `slug`, as rows (newest first).
pub fn at_meeting<'a>(site: &'a Site, slug: &str) -> Vec<PointRow<'a>> {
    site.points
        .iter()
        .filter(|p| p.meeting.as_deref() == Some(slug))
        .map(|p| point_row(site, p))
        .collect()
}

/// Points of one status within a wijk group.
#[derive(Debug, Serialize)]
struct StatusGroup<'a> {
    status: String,
    points: Vec<PointRow<'a>>,
}

/// Points of one wijk (or the whole area).
#[derive(Debug, Serialize)]
struct WijkGroup<'a> {
    /// `None` for the whole area.
    name: Option<&'a str>,
    id: String,
    statuses: Vec<StatusGroup<'a>>,
    count: usize,
}

/// The points with `open` as given, by wijk (site order, the whole area
/// last) and status (in the order of the content model).
fn grouped<'a>(site: &'a Site, open: bool) -> Vec<WijkGroup<'a>> {
    let wijken = site
        .wijken
        .iter()
        .map(|w| (Some(w.config.slug.as_str()), Some(w.config.name.as_str())))
        .chain([(None, None)]);
    let prefix = if open { "open" } else { "klaar" };
    wijken
        .filter_map(|(slug, name)| {
            let statuses: Vec<StatusGroup> = PointStatus::ALL
                .into_iter()
                .filter(|s| s.is_open() == open)
                .map(|status| StatusGroup {
                    status: status.code(),
                    points: site
                        .points
                        .iter()
                        .filter(|p| p.status == status && p.wijk.as_deref() == slug)
                        .map(|p| point_row(site, p))
                        .collect(),
                })
                .filter(|g| !g.points.is_empty())
                .collect();
            let count = statuses.iter().map(|s| s.points.len()).sum();
            (count > 0).then(|| WijkGroup {
                name,
                id: format!("{prefix}-{}", slug.unwrap_or("hele-gebied")),
                statuses,
                count,
            })
        })
        .collect()
}

fn jobs(site: &Site) -> Vec<Job> {
    if site.points.is_empty() {
        return Vec::new();
    }
    let points_url = url_for(&site.config, POINTS.path);
    let source = site.points.first().map_or(POINTS.source, |p| &p.source);
    let open_count = site.points.iter().filter(|p| p.status.is_open()).count();
    let data = |ext: &str| url_for(&site.config, &format!("{}punten.{ext}", POINTS.path));
    let mut jobs = vec![
        Job::new("points.html", POINTS.path, source)
            .with("open_groups", &grouped(site, true))
            .with("closed_groups", &grouped(site, false))
            .with("open_count", &open_count)
            .with("total_count", &site.points.len())
            .with("feed_url", &url_for(&site.config, FEED_PATH))
            .with("csv_url", &data("csv"))
            .with("json_url", &data("json")),
    ];
    for p in &site.points {
        jobs.push(
            Job::new("point.html", p.path.clone(), &p.source)
                .with("point", &point_row(site, p))
                .with("points_url", &points_url),
        );
    }
    jobs
}

/// The feed: an entry when a point comes in and one per update.
fn feed(site: &Site, strings: &UiStrings) -> Result<OutputFile, Diagnostics> {
    let config = &site.config;
    let tz = config.time_zone();
    let mut items = Vec::new();
    for p in &site.points {
        let raised = dates::start_of_day(p.raised, tz);
        items.push(FeedItem {
            id: feeds::tag_uri(config, p.raised, &format!("punten/{}/{}", p.year, p.id)),
            title: format!("{}: {}", strings.get(Ui::PointRaised), p.title),
            url: p.permalink.clone(),
            published: raised,
            updated: raised,
            summary: p.title.clone(),
            content_html: format!("<p>{}</p>", escape(&p.title)),
        });
        for (n, update) in p.updates.iter().enumerate() {
            let at = dates::start_of_day(update.date, tz);
            items.push(FeedItem {
                id: feeds::tag_uri(
                    config,
                    update.date,
                    &format!("punten/{}/{}/{}", p.year, p.id, n + 1),
                ),
                title: p.title.clone(),
                url: p.permalink.clone(),
                published: at,
                updated: at,
                summary: update.text.clone(),
                content_html: format!("<p>{}</p>", escape(&update.text)),
            });
        }
    }
    // A point or update dated after the build waits for a later build, as in
    // every other feed (docs/content-model.md): no entry after the build time.
    items.retain(|i| feeds::not_after_build(i.published, i.updated, site));
    let meta = FeedMeta {
        id: config.absolute_url(FEED_PATH),
        title: format!("{} · {}", strings.get(Ui::PointsTitle), config.short_title),
        subtitle: strings.get(Ui::PointsFeedSubtitle).to_string(),
        self_url: config.absolute_url(FEED_PATH),
        alternate_url: config.absolute_url(POINTS.path),
        author_name: feeds::author_name(config),
        author_email: Some(config.contact.email.clone()),
        lang: "nl".into(),
    };
    feeds::feed_file(FEED_PATH, &meta, items, FEED_LIMIT)
}

const CSV_COLUMNS: &[&str] = &[
    "year",
    "id",
    "title",
    "raised",
    "meeting",
    "wijk",
    "theme",
    "referred_to",
    "status",
    "last_change",
    "updates",
    "priority",
    "project",
    "url",
];

/// `punten.csv` and `punten.json`: every point, oldest raised first.
fn open_data(site: &Site) -> Vec<OutputFile> {
    let mut points: Vec<&Point> = site.points.iter().collect();
    points.sort_by(|a, b| (a.raised, &a.id).cmp(&(b.raised, &b.id)));
    let mut csv = String::new();
    push_row(&mut csv, CSV_COLUMNS.iter().copied());
    let mut json_points = Vec::with_capacity(points.len());
    for p in &points {
        let url = site.config.absolute_url(&p.path);
        push_row(
            &mut csv,
            [
                p.year.to_string().as_str(),
                &p.id,
                &p.title,
                &p.raised.to_string(),
                p.meeting.as_deref().unwrap_or(""),
                p.wijk.as_deref().unwrap_or(""),
                p.theme.as_deref().unwrap_or(""),
                p.referred_to.as_deref().unwrap_or(""),
                p.status.word(),
                &p.last_change().to_string(),
                &p.updates.len().to_string(),
                p.priority.as_deref().unwrap_or(""),
                p.project.as_deref().unwrap_or(""),
                &url,
            ],
        );
        json_points.push(json!({
            "year": p.year,
            "id": p.id,
            "title": p.title,
            "raised": p.raised.to_string(),
            "meeting": p.meeting,
            "wijk": p.wijk,
            "theme": p.theme,
            "referred_to": p.referred_to,
            "status": p.status.word(),
            "open": p.status.is_open(),
            "last_change": p.last_change().to_string(),
            "updates": p.updates.iter().map(|u| json!({"date": u.date.to_string(), "text": u.text})).collect::<Vec<_>>(),
            "priority": p.priority,
            "project": p.project,
            "url": url,
        }));
    }
    let mut json = serde_json::to_string_pretty(&json!({ "points": json_points }))
        .unwrap_or_else(|_| "{}".into());
    json.push('\n');
    let path = |ext: &str| format!("{}punten.{ext}", POINTS.path.trim_start_matches('/'));
    vec![
        OutputFile::bytes(path("csv"), csv),
        OutputFile::bytes(path("json"), json),
    ]
}

/// A wijk page: the wijk's open points, last news first.
fn wijk(site: &Site, wijk: &Wijk, job: &mut Job) {
    if site.points.is_empty() {
        return;
    }
    let mut open: Vec<&Point> = site
        .points
        .iter()
        .filter(|p| p.status.is_open() && p.wijk.as_deref() == Some(wijk.config.slug.as_str()))
        .collect();
    open.sort_by(|a, b| (b.last_change(), &a.id).cmp(&(a.last_change(), &b.id)));
    let rows: Vec<PointRow> = open.into_iter().map(|p| point_row(site, p)).collect();
    job.insert("wijk_points", &rows);
    job.insert("wijk_points_url", &url_for(&site.config, POINTS.path));
}

/// Residents' points: pages, feed and open data.
pub struct Points;

impl Section for Points {
    fn folder(&self) -> &'static crate::content::folders::Folder {
        &POINTS
    }

    fn menu(&self, site: &Site, theme: &Theme) -> Option<MenuItem> {
        (!site.points.is_empty()).then(|| {
            MenuItem::new(
                &site.config,
                theme.strings().get(Ui::PointsTitle),
                POINTS.path,
            )
        })
    }

    fn jobs(&self, site: &Site, _theme: &Theme) -> Vec<Job> {
        jobs(site)
    }

    fn files(
        &self,
        site: &Site,
        theme: &Theme,
        _base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        if site.points.is_empty() {
            return Ok(Vec::new());
        }
        let mut files = open_data(site);
        files.push(feed(site, theme.strings())?);
        Ok(files)
    }

    fn wijk(&self, site: &Site, wijk_: &Wijk, job: &mut Job) {
        wijk(site, wijk_, job);
    }
}
