//! The pages of the Wijkplan: /wijkplan/ (the current year's priorities,
//! links to the other years) and /wijkplan/<year>/ (every priority by rank
//! and by wijk, with status, evaluation and the projects funded under it,
//! and charts of that money), /wijkplan/<year>/<id>/ (one priority through
//! the years: goal, measures, funded projects, results and evaluation,
//! following `continues`), plus the priorities on each wijk page.
//!
//! "Current" is the latest plan whose year is not after the build year in
//! the site's time zone, else the latest plan.

use crate::content::folders::{PROJECTS, WIJKPLAN};
use crate::model::projects::Project;
use crate::model::wijkplan::{self, Priority, Wijkplan};
use crate::model::{Site, Wijk};
use crate::sections::Section;
use crate::sections::projects_pages::{self, ChartTexts, Group, MoneyChart, ProjectRow, in_year};
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem, Theme};
use chrono::Datelike;
use serde::Serialize;
use serde_json::{Value, json};

/// A priority for templates, with the projects funded under it.
#[derive(Debug, Serialize)]
struct PriorityView<'a> {
    year: i32,
    /// `2026/groen`.
    key: String,
    #[serde(skip)]
    page_path: String,
    id: &'a str,
    anchor: &'a str,
    url: &'a str,
    title: &'a str,
    theme: &'a str,
    rank: u32,
    /// Names of the wijken; empty for the whole area.
    wijken: Vec<&'a str>,
    status: &'static str,
    residents_html: &'a str,
    professionals_html: &'a str,
    evaluation_html: Option<&'a str>,
    evaluation: Option<EvaluationView<'a>>,
    goal: Option<&'a str>,
    indicators: &'a [wijkplan::Indicator],
    /// Its own page, with its history.
    page_url: String,
    /// The title and page of the priority it continues.
    continues: Option<Value>,
    projects: Vec<ProjectRow<'a>>,
    /// Residents' points taken into this priority.
    points: Vec<crate::sections::point_pages::PointRow<'a>>,
    /// The projects' results (`result`), with their titles.
    results: Vec<Value>,
}

/// A structured evaluation for templates, with the meeting's title and page.
#[derive(Debug, Serialize)]
struct EvaluationView<'a> {
    date: String,
    date_long: &'a str,
    meeting_title: Option<&'a str>,
    meeting_url: Option<&'a str>,
    went_well_html: &'a str,
    not_yet_html: Option<&'a str>,
    next: &'static str,
}

fn evaluation_view<'a>(site: &'a Site, e: &'a wijkplan::Evaluation) -> EvaluationView<'a> {
    let meeting = e.meeting.as_deref().and_then(|m| site.agenda.get(m));
    EvaluationView {
        date: e.date.to_string(),
        date_long: &e.date_long,
        meeting_title: meeting.map(|m| m.title.as_str()),
        meeting_url: meeting.map(|m| m.url.as_str()),
        went_well_html: &e.went_well_html,
        not_yet_html: e.not_yet_html.as_deref(),
        next: match e.next {
            wijkplan::Next::Doorgaan => "doorgaan",
            wijkplan::Next::Aanpassen => "aanpassen",
            wijkplan::Next::Stoppen => "stoppen",
        },
    }
}

/// A year in the list of plans.
#[derive(Debug, Serialize)]
struct YearLink<'a> {
    year: i32,
    url: &'a str,
    adopted: Option<String>,
    adopted_long: &'a str,
    phase: &'static str,
    current: bool,
}

/// A wijk (or the whole area) and the priorities that concern it.
#[derive(Debug, Serialize)]
struct WijkPriorities<'a> {
    /// `None` for the whole area.
    name: Option<&'a str>,
    priorities: Vec<PriorityLink<'a>>,
}

#[derive(Debug, Serialize)]
struct PriorityLink<'a> {
    title: &'a str,
    url: &'a str,
    rank: u32,
    status: &'static str,
}

impl<'a> From<&'a Priority> for PriorityLink<'a> {
    fn from(p: &'a Priority) -> Self {
        PriorityLink {
            title: &p.title,
            url: &p.url,
            rank: p.rank,
            status: p.status.code(),
        }
    }
}

/// The plan shown at /wijkplan/ and on the wijk pages.
pub fn current(site: &Site) -> Option<&Wijkplan> {
    wijkplan::current(&site.wijkplannen, site.build_date().year())
}

/// The menu entry, when there is a plan.
pub fn menu(site: &Site, strings: &UiStrings) -> Option<MenuItem> {
    (!site.wijkplannen.is_empty())
        .then(|| MenuItem::new(&site.config, strings.get(Ui::WijkplanTitle), WIJKPLAN.path))
}

/// /wijkplan/ and a page per year.
pub fn jobs(site: &Site, strings: &UiStrings) -> Vec<Job> {
    let Some(current) = current(site) else {
        return Vec::new();
    };
    let texts = ChartTexts::from(strings);
    let years = year_links(site, current);
    let mut jobs = vec![
        Job::new("wijkplan.html", WIJKPLAN.path, &current.source)
            .with("plan", &plan_header(current))
            .with("priorities", &priority_views(site, current))
            .with("years", &years),
    ];
    for plan in &site.wijkplannen {
        jobs.push(year_job(site, plan, &years, &texts));
        for view in priority_views(site, plan) {
            let path = view.page_path.clone();
            let history: Vec<PriorityView> = wijkplan::history(&site.wijkplannen, &view.key)
                .into_iter()
                .filter_map(|p| {
                    let plan = site.wijkplannen.iter().find(|pl| pl.year == p.year)?;
                    priority_views(site, plan)
                        .into_iter()
                        .find(|v| v.id == p.id)
                })
                .collect();
            jobs.push(
                Job::new("priority.html", path, &plan.source)
                    .with("plan", &plan_header(plan))
                    .with("priority", &view)
                    .with("history", &history),
            );
        }
    }
    jobs
}

fn plan_header(plan: &Wijkplan) -> Value {
    json!({
        "year": plan.year,
        "url": plan.url,
        "adopted": plan.adopted.map(|d| d.to_string()),
        "adopted_long": plan.adopted_long,
        "phase": plan.phase.key(),
        "evaluated": plan.priorities.iter().any(Priority::is_evaluated),
        "intro_html": plan.intro_html,
    })
}

fn year_links<'a>(site: &'a Site, current: &Wijkplan) -> Vec<YearLink<'a>> {
    site.wijkplannen
        .iter()
        .rev()
        .map(|p| YearLink {
            year: p.year,
            url: &p.url,
            adopted: p.adopted.map(|d| d.to_string()),
            adopted_long: &p.adopted_long,
            phase: p.phase.key(),
            current: p.year == current.year,
        })
        .collect()
}

fn year_job(site: &Site, plan: &Wijkplan, years: &[YearLink], texts: &ChartTexts) -> Job {
    let funded = funded_projects(site, plan);
    let projects: Vec<&Project> = funded.iter().map(|(_, p)| *p).collect();
    let priority_groups: Vec<Group> = plan
        .priorities
        .iter()
        .map(|priority| {
            let key = priority.key();
            Group {
                label: priority.title.clone(),
                url: Some(format!("#{}", priority.anchor)),
                projects: projects
                    .iter()
                    .copied()
                    .filter(|p| p.priority.as_deref() == Some(key.as_str()))
                    .collect(),
            }
        })
        .collect();
    let charts: Vec<MoneyChart> = if projects.is_empty() {
        Vec::new()
    } else {
        vec![
            projects_pages::money_chart(
                "prioriteit",
                &in_year(texts.per_priority_in_year, plan.year),
                texts.priority,
                texts,
                priority_groups,
            ),
            projects_pages::money_chart(
                "wijk",
                &in_year(texts.per_wijk_in_year, plan.year),
                texts.wijk,
                texts,
                projects_pages::groups_per_wijk(site, texts, &projects),
            ),
        ]
    };
    let other_years: Vec<&YearLink> = years.iter().filter(|y| y.year != plan.year).collect();
    Job::new("wijkplan_year.html", plan.path.clone(), &plan.source)
        .with("plan", &plan_header(plan))
        .with("priorities", &priority_views(site, plan))
        .with("per_wijk", &per_wijk(site, plan))
        .with("charts", &charts)
        .with("other_years", &other_years)
        .with(
            "projects_url",
            &crate::model::pages::url_for(&site.config, PROJECTS.path),
        )
}

/// Every project funded under one of `plan`'s priorities, with its round.
fn funded_projects<'a>(
    site: &'a Site,
    plan: &Wijkplan,
) -> Vec<(&'a crate::model::projects::Round, &'a Project)> {
    let prefix = format!("{}/", plan.year);
    site.rounds
        .iter()
        .flat_map(|r| r.projects.iter().map(move |p| (r, p)))
        .filter(|(_, p)| {
            p.priority
                .as_deref()
                .is_some_and(|key| key.starts_with(&prefix))
        })
        .collect()
}

fn priority_views<'a>(site: &'a Site, plan: &'a Wijkplan) -> Vec<PriorityView<'a>> {
    let funded = funded_projects(site, plan);
    plan.priorities
        .iter()
        .map(|p| {
            let key = p.key();
            PriorityView {
                id: &p.id,
                anchor: &p.anchor,
                url: &p.url,
                title: &p.title,
                theme: &p.theme,
                rank: p.rank,
                wijken: p
                    .wijken
                    .iter()
                    .filter_map(|w| projects_pages::wijk_name(site, Some(w)))
                    .collect(),
                status: p.status.code(),
                residents_html: &p.residents_html,
                professionals_html: &p.professionals_html,
                evaluation_html: p.evaluation_html.as_deref(),
                evaluation: p.evaluation.as_ref().map(|e| evaluation_view(site, e)),
                goal: p.goal.as_deref(),
                indicators: &p.indicators,
                page_url: crate::model::pages::url_for(&site.config, &p.page_path()),
                page_path: p.page_path(),
                continues: p
                    .continues
                    .as_deref()
                    .and_then(|k| wijkplan::find_priority(&site.wijkplannen, k))
                    .map(|c| {
                        json!({
                            "year": c.year,
                            "title": c.title,
                            "url": crate::model::pages::url_for(&site.config, &c.page_path()),
                        })
                    }),
                results: funded
                    .iter()
                    .filter(|(_, project)| project.priority.as_deref() == Some(key.as_str()))
                    .filter_map(|(_, project)| {
                        let html = project.result_html.as_deref()?;
                        Some(json!({"title": project.title, "url": project.url, "html": html}))
                    })
                    .collect(),
                projects: funded
                    .iter()
                    .filter(|(_, project)| project.priority.as_deref() == Some(key.as_str()))
                    .map(|(round, project)| projects_pages::project_row(site, round, project))
                    .collect(),
                points: site
                    .points
                    .iter()
                    .filter(|point| point.priority.as_deref() == Some(key.as_str()))
                    .map(|point| crate::sections::point_pages::point_row(site, point))
                    .collect(),
                year: p.year,
                key,
            }
        })
        .collect()
}

/// The whole area first (area-wide priorities), then each wijk with its own.
fn per_wijk<'a>(site: &'a Site, plan: &'a Wijkplan) -> Vec<WijkPriorities<'a>> {
    let area = WijkPriorities {
        name: None,
        priorities: plan
            .priorities
            .iter()
            .filter(|p| p.wijken.is_empty())
            .map(PriorityLink::from)
            .collect(),
    };
    std::iter::once(area)
        .chain(site.wijken.iter().map(|w| {
            WijkPriorities {
                name: Some(&w.config.name),
                priorities: plan
                    .priorities
                    .iter()
                    .filter(|p| p.wijken.contains(&w.config.slug))
                    .map(PriorityLink::from)
                    .collect(),
            }
        }))
        .filter(|w| !w.priorities.is_empty())
        .collect()
}

/// A wijk page: the current plan's priorities that concern the wijk.
pub fn wijk(site: &Site, wijk: &Wijk, job: &mut Job) {
    let Some(plan) = current(site) else {
        return;
    };
    let priorities: Vec<PriorityLink> = plan
        .priorities
        .iter()
        .filter(|p| p.concerns(&wijk.config.slug))
        .map(PriorityLink::from)
        .collect();
    job.insert("wijk_plan", &json!({"year": plan.year, "url": plan.url}));
    job.insert("wijk_priorities", &priorities);
}

/// The wijkplannen: a page per year, and the priorities on wijk pages.
pub struct Wijkplannen;

impl Section for Wijkplannen {
    fn folder(&self) -> &'static crate::content::folders::Folder {
        &crate::content::folders::WIJKPLAN
    }

    fn menu(&self, site: &Site, theme: &Theme) -> Option<MenuItem> {
        menu(site, theme.strings())
    }

    fn jobs(&self, site: &Site, theme: &Theme) -> Vec<Job> {
        jobs(site, theme.strings())
    }

    fn wijk(&self, site: &Site, wijk_: &Wijk, job: &mut Job) {
        wijk(site, wijk_, job);
    }
}
