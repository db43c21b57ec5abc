//! The reports of meetings: a page per report at
//! `/bijeenkomsten/<meeting>/verslag/` (who came, the text, the advice on
//! each request with a link to the project, the actions agreed and the
//! residents' points raised there) and the list `/verslagen/`. The meeting
//! page links to its report through the meeting's minutes
//! (`crate::model::verslagen::link`); projects show the advice from here
//! (`projects_pages`).

use crate::content::folders::{MEETINGS, REPORTS};
use crate::model::Site;
use crate::model::meetings::Meeting;
use crate::model::projects::find_project;
use crate::model::verslagen::{ActionStatus, Report, ReportDecision};
use crate::sections::Section;
use crate::sections::point_pages::{PointRow, at_meeting};
use crate::theme::{Job, MenuItem, Theme};
use serde::Serialize;

/// A report in a list.
#[derive(Debug, Serialize)]
pub struct ReportRow<'a> {
    pub url: &'a str,
    pub meeting_title: &'a str,
    pub meeting_url: &'a str,
    pub date: String,
    pub date_long: &'a str,
    pub summary: Option<&'a str>,
    pub decisions: usize,
}

/// A decision with the project it is about.
#[derive(Debug, Serialize)]
struct DecisionView<'a> {
    #[serde(flatten)]
    decision: &'a ReportDecision,
    advice_code: &'static str,
    project_title: &'a str,
    project_url: &'a str,
    round_title: &'a str,
    decision_code: &'static str,
}

fn row<'a>(report: &'a Report, meeting: &'a Meeting) -> ReportRow<'a> {
    ReportRow {
        url: &report.url,
        meeting_title: &meeting.title,
        meeting_url: &meeting.url,
        date: meeting.start_local.date().to_string(),
        date_long: &meeting.date_long,
        summary: report.summary.as_deref(),
        decisions: report.decisions.len(),
    }
}

/// The reports with their meetings, newest meeting first.
fn with_meetings(site: &Site) -> Vec<(&Report, &Meeting)> {
    let mut found: Vec<(&Report, &Meeting)> = site
        .reports
        .iter()
        .filter_map(|r| site.agenda.get(&r.meeting).map(|m| (r, m)))
        .collect();
    found.sort_by(|a, b| (b.1.start, &a.1.slug).cmp(&(a.1.start, &b.1.slug)));
    found
}

fn jobs(site: &Site) -> Vec<Job> {
    if site.reports.is_empty() {
        return Vec::new();
    }
    let reports = with_meetings(site);
    let rows: Vec<ReportRow> = reports.iter().map(|(r, m)| row(r, m)).collect();
    let meetings_url = crate::model::pages::url_for(&site.config, MEETINGS.path);
    let source = site.reports.first().map_or(REPORTS.source, |r| &r.source);
    let mut jobs = vec![
        Job::new("reports.html", REPORTS.path, source)
            .with("reports", &rows)
            .with("meetings_url", &meetings_url),
    ];
    for (report, meeting) in reports {
        jobs.push(report_job(site, report, meeting, &meetings_url));
    }
    jobs
}

fn report_job(site: &Site, report: &Report, meeting: &Meeting, meetings_url: &str) -> Job {
    let decisions: Vec<DecisionView> = report
        .decisions
        .iter()
        .filter_map(|d| {
            let (round, project) = find_project(&site.rounds, &d.project)?;
            Some(DecisionView {
                decision: d,
                advice_code: d.advice.code(),
                project_title: &project.title,
                project_url: &project.url,
                round_title: &round.title,
                decision_code: project.decision.code(),
            })
        })
        .collect();
    let points: Vec<PointRow> = at_meeting(site, &meeting.slug);
    let open_actions = report
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .count();
    Job::new("report.html", report.path.clone(), &report.source)
        .with("report_url", &report.url)
        .with("report_title", &report.title)
        .with("summary", &report.summary)
        .with("report_meeting", &row(report, meeting))
        .with("meeting_when", &meeting.when)
        .with("attendance", &report.attendance)
        .with("decisions", &decisions)
        .with("actions", &report.actions)
        .with("open_actions", &open_actions)
        .with("report_html", &report.html)
        .with("points", &points)
        .with("meetings_url", &meetings_url)
        .with(
            "reports_url",
            &crate::model::pages::url_for(&site.config, REPORTS.path),
        )
}

/// Reports of meetings: their pages and the list of all reports.
pub struct Reports;

impl Section for Reports {
    fn folder(&self) -> &'static crate::content::folders::Folder {
        &REPORTS
    }

    fn menu(&self, _site: &Site, _theme: &Theme) -> Option<MenuItem> {
        None
    }

    fn jobs(&self, site: &Site, _theme: &Theme) -> Vec<Job> {
        jobs(site)
    }
}
