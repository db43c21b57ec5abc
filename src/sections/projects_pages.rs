//! The pages of the subsidy rounds: /projecten/ (every round with its
//! totals), /projecten/<round>/ (the requests, totals per wijk and per
//! priority with charts, the budget left) and /projecten/<round>/<id>/ (one
//! project with its milestones and result), plus what the home page and
//! each wijk page show of them.
//!
//! Templates get small views with amounts already written the Dutch way
//! (`€ 1.250,00`); every sum comes from [`Totals`], so the figures on the
//! pages are the ones in the open data (`open_data`). Words drawn inside
//! the charts come from the theme's strings, like every other UI text.

use crate::content::folders::{PROJECTS, WIJKPLAN};
use crate::formats::chart::{self, Bar, Chart};
use crate::model::projects::{self, Project, Round, Totals};
use crate::model::wijkplan;
use crate::model::{Site, Wijk};
use crate::sections::Section;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem, Theme};
use crate::util::diagnostics::Diagnostics;
use crate::util::money::Euros;
use serde::Serialize;
use serde_json::json;
use tera::Context;

/// The names a money chart needs, from the theme's strings.
pub struct ChartTexts<'a> {
    pub desc: &'a str,
    pub granted: &'a str,
    pub spent: &'a str,
    pub wijk: &'a str,
    pub priority: &'a str,
    pub area_wide: &'a str,
    pub no_priority: &'a str,
    pub per_wijk: &'a str,
    pub per_priority: &'a str,
    /// With `{year}` where the year goes.
    pub per_wijk_in_year: &'a str,
    pub per_priority_in_year: &'a str,
    /// "nog niet bekend", for a spent amount that is not known.
    pub not_reported: &'a str,
    /// With `{known}` and `{spending}` where the numbers go.
    pub spent_known_of: &'a str,
}

impl<'a> ChartTexts<'a> {
    pub fn from(strings: &'a UiStrings) -> Self {
        ChartTexts {
            desc: strings.get(Ui::MoneyChartDesc),
            granted: strings.get(Ui::Granted),
            spent: strings.get(Ui::Spent),
            wijk: strings.get(Ui::Wijk),
            priority: strings.get(Ui::Priority),
            area_wide: strings.get(Ui::AreaWide),
            no_priority: strings.get(Ui::NoPriority),
            per_wijk: strings.get(Ui::MoneyPerWijk),
            per_priority: strings.get(Ui::MoneyPerPriority),
            per_wijk_in_year: strings.get(Ui::MoneyPerWijkInYear),
            per_priority_in_year: strings.get(Ui::MoneyPerPriorityInYear),
            not_reported: strings.get(Ui::NotReported),
            spent_known_of: strings.get(Ui::SpentKnownOf),
        }
    }
}

/// `template` with `{year}` replaced by `year`.
pub fn in_year(template: &str, year: i32) -> String {
    template.replace("{year}", &year.to_string())
}

/// An amount set: written the Dutch way, for templates.
#[derive(Debug, Clone, Serialize)]
pub struct TotalsView {
    pub projects: usize,
    pub requested: String,
    /// Granted minus returned.
    pub granted: String,
    /// Money given back, when any was.
    pub returned: Option<String>,
    /// The known spent amounts added up; `None` when none is known (never
    /// "€ 0,00" for unknown amounts).
    pub spent: Option<String>,
    /// How many projects can spend, and of how many that is known.
    pub spending: usize,
    pub spent_known: usize,
    pub spent_complete: bool,
}

impl From<Totals> for TotalsView {
    fn from(t: Totals) -> Self {
        TotalsView {
            projects: t.projects,
            requested: t.requested.format_nl(),
            granted: t.granted.format_nl(),
            returned: (t.returned > Euros::zero()).then(|| t.returned.format_nl()),
            spent: t.spent_if_known().map(Euros::format_nl),
            spending: t.spending,
            spent_known: t.spent_known,
            spent_complete: t.spent_complete(),
        }
    }
}

/// A project in a table or list.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectRow<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// The wijk's name; `None` for the whole area.
    pub wijk: Option<&'a str>,
    pub applicant: &'a str,
    pub requested: String,
    /// What the project keeps: granted minus returned, as in every total.
    pub granted: String,
    /// Granted as decided (before money was given back).
    pub granted_decided: String,
    /// Money given back, when any was.
    pub returned: Option<String>,
    pub category: Option<&'a str>,
    /// When the report on the money was handed in and approved.
    pub submitted: Option<String>,
    pub approved: Option<String>,
    /// `None` when nothing has been reported.
    pub spent: Option<String>,
    pub advice: &'static str,
    pub decision: &'static str,
    pub status: &'static str,
    pub round_title: &'a str,
    pub round_url: &'a str,
}

/// A round in a list, with its totals.
#[derive(Debug, Clone, Serialize)]
pub struct RoundView<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    pub decided: String,
    pub decided_long: &'a str,
    /// The decision date is after the build date: nothing is decided yet,
    /// the pages say "besluit verwacht op".
    pub pending: bool,
    pub budget: Option<String>,
    pub budget_left: Option<String>,
    pub totals: TotalsView,
    pub csv_url: String,
    pub json_url: String,
}

/// One group (a wijk, a priority) in a money table.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    pub label: String,
    pub url: Option<String>,
    pub totals: TotalsView,
}

/// A chart of granted and spent money per group, with the same figures as
/// a table beside it.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyChart {
    /// Unique on the page; used for the section heading and the SVG ids.
    pub id: String,
    pub title: String,
    /// Header of the first column: "Wijk" or "Prioriteit".
    pub group_name: String,
    pub svg: String,
    pub rows: Vec<GroupRow>,
    pub total: TotalsView,
}

/// A group of projects to total and chart.
pub struct Group<'a> {
    pub label: String,
    pub url: Option<String>,
    pub projects: Vec<&'a Project>,
}

/// Builds a chart and its table from groups (empty groups are left out).
pub fn money_chart(
    id: &str,
    title: &str,
    group_name: &str,
    texts: &ChartTexts,
    groups: Vec<Group<'_>>,
) -> MoneyChart {
    let groups: Vec<(Group, Totals)> = groups
        .into_iter()
        .filter(|g| !g.projects.is_empty())
        .map(|g| {
            let totals = Totals::of(g.projects.iter().copied());
            (g, totals)
        })
        .collect();
    // A group that got no money (only rejected requests) gets no bar: it
    // would read as "€ 0,00 granted, € 0,00 spent". The table keeps it.
    let bars: Vec<Bar> = groups
        .iter()
        .filter(|(_, t)| t.spending > 0)
        .map(|(g, t)| Bar {
            label: g.label.clone(),
            value: t.granted,
            secondary: t.spent_if_known(),
            secondary_note: (t.spent_known > 0 && !t.spent_complete()).then(|| {
                format!(
                    "{}: {}",
                    texts.spent.to_lowercase(),
                    spent_known_text(texts.spent_known_of, t)
                )
            }),
        })
        .collect();
    let svg = chart::bar_chart_svg(
        &Chart {
            id_prefix: &format!("grafiek-{id}"),
            title,
            desc: texts.desc,
            value_name: texts.granted,
            secondary_name: texts.spent,
            secondary_unknown: texts.not_reported,
        },
        &bars,
    );
    let total = Totals::of(groups.iter().flat_map(|(g, _)| g.projects.iter().copied()));
    MoneyChart {
        id: id.to_string(),
        title: title.to_string(),
        group_name: group_name.to_string(),
        svg,
        rows: groups
            .into_iter()
            .map(|(g, t)| GroupRow {
                label: g.label,
                url: g.url,
                totals: t.into(),
            })
            .collect(),
        total: total.into(),
    }
}

/// "van 3 van de 6 projecten bekend": `template` with the numbers of `t`.
pub fn spent_known_text(template: &str, t: &Totals) -> String {
    template
        .replace("{known}", &t.spent_known.to_string())
        .replace("{spending}", &t.spending.to_string())
}

/// The projects grouped per wijk (site order), then the area-wide ones.
pub fn groups_per_wijk<'a>(
    site: &Site,
    texts: &ChartTexts,
    projects: &[&'a Project],
) -> Vec<Group<'a>> {
    let mut groups: Vec<Group> = site
        .wijken
        .iter()
        .map(|w| Group {
            label: w.config.name.clone(),
            url: Some(w.url.clone()),
            projects: projects
                .iter()
                .copied()
                .filter(|p| p.wijk.as_deref() == Some(w.config.slug.as_str()))
                .collect(),
        })
        .collect();
    groups.push(Group {
        label: texts.area_wide.to_string(),
        url: None,
        projects: projects
            .iter()
            .copied()
            .filter(|p| p.wijk.is_none())
            .collect(),
    });
    groups
}

/// The projects grouped per priority (by year and rank), then those without.
pub fn groups_per_priority<'a>(
    site: &Site,
    texts: &ChartTexts,
    projects: &[&'a Project],
) -> Vec<Group<'a>> {
    let mut groups: Vec<Group> = site
        .wijkplannen
        .iter()
        .flat_map(|plan| &plan.priorities)
        .map(|priority| {
            let key = priority.key();
            Group {
                label: format!("{} ({})", priority.title, priority.year),
                url: Some(priority.url.clone()),
                projects: projects
                    .iter()
                    .copied()
                    .filter(|p| p.priority.as_deref() == Some(key.as_str()))
                    .collect(),
            }
        })
        .collect();
    groups.push(Group {
        label: texts.no_priority.to_string(),
        url: None,
        projects: projects
            .iter()
            .copied()
            .filter(|p| p.priority.is_none())
            .collect(),
    });
    groups
}

/// The name of the wijk `slug`; `None` for the whole area.
pub fn wijk_name<'a>(site: &'a Site, slug: Option<&str>) -> Option<&'a str> {
    slug.and_then(|s| site.config.wijk(s))
        .map(|w| w.name.as_str())
}

pub fn project_row<'a>(site: &'a Site, round: &'a Round, p: &'a Project) -> ProjectRow<'a> {
    ProjectRow {
        title: &p.title,
        url: &p.url,
        wijk: wijk_name(site, p.wijk.as_deref()),
        applicant: &p.applicant,
        requested: p.requested.format_nl(),
        granted: p.net_granted().format_nl(),
        granted_decided: p.granted.format_nl(),
        returned: p.returned.map(Euros::format_nl),
        category: p.category.as_deref(),
        submitted: p.submitted.map(crate::content::dates::long_date),
        approved: p.approved.map(crate::content::dates::long_date),
        spent: p.spent.map(Euros::format_nl),
        advice: p.advice.code(),
        decision: p.decision.code(),
        status: p.status.code(),
        round_title: &round.title,
        round_url: &round.url,
    }
}

pub fn round_view<'a>(site: &Site, round: &'a Round) -> RoundView<'a> {
    let data = |ext: &str| crate::model::pages::url_for(&site.config, &round.open_data_path(ext));
    RoundView {
        title: &round.title,
        slug: &round.slug,
        url: &round.url,
        decided: round.decided.to_string(),
        decided_long: &round.decided_long,
        pending: round.decided > site.build_date(),
        budget: round.budget.map(Euros::format_nl),
        budget_left: round.budget_left().map(Euros::format_nl),
        totals: round.totals().into(),
        csv_url: data("csv"),
        json_url: data("json"),
    }
}

/// The menu entry, when there are rounds.
pub fn menu(site: &Site, strings: &UiStrings) -> Option<MenuItem> {
    (!site.rounds.is_empty())
        .then(|| MenuItem::new(&site.config, strings.get(Ui::ProjectsTitle), PROJECTS.path))
}

/// /projecten/, a page per round and one per project.
pub fn jobs(site: &Site, strings: &UiStrings) -> Vec<Job> {
    if site.rounds.is_empty() {
        return Vec::new();
    }
    let texts = ChartTexts::from(strings);
    let mut jobs = vec![index_job(site)];
    for round in &site.rounds {
        let decided = round.decided <= site.build_date();
        let share = decided.then(|| crate::sections::share::round(round, strings));
        jobs.push(round_job(site, round, &texts).with("share", &share));
        for project in &round.projects {
            jobs.push(project_job(site, round, project));
        }
    }
    jobs
}

fn index_job(site: &Site) -> Job {
    let rounds: Vec<RoundView> = site
        .rounds
        .iter()
        .rev()
        .map(|r| round_view(site, r))
        .collect();
    let total: TotalsView = Totals::of(site.rounds.iter().flat_map(|r| &r.projects)).into();
    let source = site.rounds.last().map_or(PROJECTS.source, |r| &r.source);
    Job::new("projects.html", PROJECTS.path, source)
        .with("rounds", &rounds)
        .with("total", &total)
        .with("wijkplan_url", &wijkplan_url(site))
        .with(
            "account_url",
            &crate::sections::account_pages::index_url(site),
        )
}

fn wijkplan_url(site: &Site) -> Option<String> {
    (!site.wijkplannen.is_empty())
        .then(|| crate::model::pages::url_for(&site.config, WIJKPLAN.path))
}

fn round_job(site: &Site, round: &Round, texts: &ChartTexts) -> Job {
    let rows: Vec<ProjectRow> = round
        .projects
        .iter()
        .map(|p| project_row(site, round, p))
        .collect();
    let projects: Vec<&Project> = round.projects.iter().collect();
    let charts = [
        money_chart(
            "wijk",
            texts.per_wijk,
            texts.wijk,
            texts,
            groups_per_wijk(site, texts, &projects),
        ),
        money_chart(
            "prioriteit",
            texts.per_priority,
            texts.priority,
            texts,
            groups_per_priority(site, texts, &projects),
        ),
    ];
    Job::new("round.html", round.path.clone(), &round.source)
        .with("round", &round_view(site, round))
        .with(
            "timeline",
            &crate::sections::round_dates::timeline(site, round),
        )
        .with("projects", &rows)
        .with("charts", &charts)
        .with(
            "projects_url",
            &crate::model::pages::url_for(&site.config, PROJECTS.path),
        )
}

/// A milestone for the project page; `done` is on or before the build date.
#[derive(Debug, Serialize)]
struct MilestoneView<'a> {
    date: String,
    date_long: &'a str,
    title: &'a str,
    note: Option<&'a str>,
    done: bool,
}

fn project_job(site: &Site, round: &Round, p: &Project) -> Job {
    let today = site.build_date();
    let priority = p
        .priority
        .as_deref()
        .and_then(|key| wijkplan::find_priority(&site.wijkplannen, key))
        .map(|pr| json!({"title": pr.title, "year": pr.year, "url": pr.url}));
    let milestones: Vec<MilestoneView> = p
        .milestones
        .iter()
        .map(|m| MilestoneView {
            date: m.date.to_string(),
            date_long: &m.date_long,
            title: &m.title,
            note: m.note.as_deref(),
            done: m.date <= today,
        })
        .collect();
    let wijk_url = p
        .wijk
        .as_deref()
        .and_then(|slug| site.wijk(slug))
        .map(|w| w.url.as_str());
    let advice = advice_trail(site, p);
    let key = p.key();
    let points: Vec<crate::sections::point_pages::PointRow> = site
        .points
        .iter()
        .filter(|point| point.project.as_deref() == Some(key.as_str()))
        .map(|point| crate::sections::point_pages::point_row(site, point))
        .collect();
    Job::new("project.html", p.path.clone(), &round.source)
        .with("project", &project_row(site, round, p))
        .with("advice_trail", &advice)
        .with("reason_differs", &p.reason_differs)
        .with("decision_differs", &p.decision_differs())
        .with("project_points", &points)
        .with("summary_html", &p.summary_html)
        .with("result_html", &p.result_html)
        .with("priority", &priority)
        .with("milestones", &milestones)
        .with("wijk_url", &wijk_url)
        .with(
            "projects_url",
            &crate::model::pages::url_for(&site.config, PROJECTS.path),
        )
}

/// Where and how the Bewonersteam advised on `p`, from the report that
/// records it (`None` when the round file gives the advice itself).
fn advice_trail(site: &Site, p: &Project) -> Option<serde_json::Value> {
    let (report, decision) = crate::model::verslagen::advice_for(&site.reports, &p.key())?;
    let meeting = site.agenda.get(&report.meeting)?;
    Some(json!({
        "meeting_title": meeting.title,
        "meeting_url": meeting.url,
        "date": meeting.start_local.date().to_string(),
        "date_long": meeting.date_long,
        "advice": decision.advice.code(),
        "reason_html": decision.reason_html,
        "conditions": decision.conditions,
        "report_url": report.url,
    }))
}

/// The home page: the latest round decided by the build date, with totals.
pub fn home(site: &Site, job: &mut Job) {
    if let Some(round) = projects::latest_decided(&site.rounds, site.build_date()) {
        let granted = round
            .projects
            .iter()
            .filter(|p| p.granted > Euros::zero())
            .count();
        job.insert("home_round", &round_view(site, round));
        job.insert("home_round_granted_projects", &granted);
        job.insert(
            "home_projects_url",
            &crate::model::pages::url_for(&site.config, PROJECTS.path),
        );
    }
}

/// A wijk page: the projects in that wijk, newest round first.
pub fn wijk(site: &Site, wijk: &Wijk, job: &mut Job) {
    if site.rounds.is_empty() {
        return;
    }
    let slug = wijk.config.slug.as_str();
    let rows: Vec<ProjectRow> = site
        .rounds
        .iter()
        .rev()
        .flat_map(|r| r.projects.iter().map(move |p| (r, p)))
        .filter(|(_, p)| p.wijk.as_deref() == Some(slug))
        .map(|(r, p)| project_row(site, r, p))
        .collect();
    job.insert("wijk_projects", &rows);
    job.insert(
        "wijk_projects_url",
        &crate::model::pages::url_for(&site.config, PROJECTS.path),
    );
}

/// Subsidy rounds and projects: pages, charts and open data.
pub struct Projects;

impl Section for Projects {
    fn folder(&self) -> &'static crate::content::folders::Folder {
        &crate::content::folders::PROJECTS
    }

    fn menu(&self, site: &Site, theme: &Theme) -> Option<MenuItem> {
        menu(site, theme.strings())
    }

    fn jobs(&self, site: &Site, theme: &Theme) -> Vec<Job> {
        let mut all = jobs(site, theme.strings());
        all.extend(crate::sections::account_pages::jobs(site, theme.strings()));
        all
    }

    fn files(
        &self,
        site: &Site,
        _theme: &Theme,
        _base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut files = crate::sections::open_data::files(site);
        files.extend(crate::sections::account_pages::files(site));
        Ok(files)
    }

    fn home(&self, site: &Site, job: &mut Job) {
        home(site, job);
    }

    fn wijk(&self, site: &Site, wijk_: &Wijk, job: &mut Job) {
        wijk(site, wijk_, job);
    }
}
