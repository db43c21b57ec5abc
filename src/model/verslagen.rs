//! Reports (verslagen) of meetings: `content/verslagen/<meeting-slug>.md`,
//! a Markdown body with front matter for who came, the advice given on
//! subsidy requests and the actions agreed (format in docs/content-model.md).
//!
//! Each file is read and checked on its own ([`load`]); then [`link`] checks
//! it against the rest of the site: its meeting exists, every decision
//! names a project of a round, no project is advised twice, and a project
//! that writes its own `advice:` agrees with the report. The report then
//! becomes the meeting's minutes and the project's advice comes from it,
//! so nothing is typed twice. All problems name file and line.

use crate::content::config::SiteConfig;
use crate::content::dates::{self, Date};
use crate::content::folders::{self, MEETINGS};
use crate::content::markdown::{self, RenderOptions};
use crate::content::placeholders;
use crate::content::source;
use crate::content::{Kind, SourceFile};
use crate::model::loader::{Loadable, load_all};
use crate::model::meetings::Agenda;
use crate::model::pages::url_for;
use crate::model::projects::{Advice, Round};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use crate::util::suggest;
use crate::util::yaml_lines;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportFront {
    meeting: Option<String>,
    /// A title of its own; default "Verslag van <meeting title>".
    title: Option<String>,
    summary: Option<String>,
    attendance: Option<AttendanceFront>,
    #[serde(default)]
    decisions: Vec<DecisionFront>,
    #[serde(default)]
    actions: Vec<ActionFront>,
    draft: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttendanceFront {
    residents: Option<u32>,
    first_time: Option<u32>,
    #[serde(default)]
    professionals: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionFront {
    project: String,
    advice: String,
    reason: Option<String>,
    #[serde(default)]
    conditions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionFront {
    who: String,
    what: String,
    due: Option<Date>,
    status: Option<String>,
}

/// Who came to the meeting.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Attendance {
    pub residents: Option<u32>,
    /// Of the residents, how many came for the first time.
    pub first_time: Option<u32>,
    /// Roles, not names: "buurtnetwerker van Indebuurt033".
    pub professionals: Vec<String>,
}

/// The advice on one subsidy request.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDecision {
    /// `<round>/<project-id>`.
    pub project: String,
    pub advice: Advice,
    /// The reason, rendered (inline Markdown allowed).
    pub reason_html: Option<String>,
    pub conditions: Vec<String>,
    /// The line of its `project:`.
    #[serde(skip)]
    pub line: Option<usize>,
}

/// Whether an agreed action is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Open,
    Klaar,
}

/// An action agreed at the meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub who: String,
    pub what: String,
    pub due: Option<NaiveDate>,
    pub due_long: Option<String>,
    pub status: ActionStatus,
}

/// One report, checked.
#[derive(Debug, Clone)]
pub struct Report {
    /// The source file, relative to the site root.
    pub source: String,
    /// The slug of its meeting.
    pub meeting: String,
    /// The line of `meeting:` (or `None` when the file name says it).
    pub meeting_line: Option<usize>,
    /// Its own title, when it gives one.
    pub title: Option<String>,
    pub summary: Option<String>,
    pub attendance: Attendance,
    pub decisions: Vec<ReportDecision>,
    pub actions: Vec<Action>,
    pub html: String,
    pub draft: bool,
    /// `/bijeenkomsten/<meeting>/verslag/`.
    pub path: String,
    pub url: String,
    pub permalink: String,
}

impl Loadable for Report {
    fn source(&self) -> &str {
        &self.source
    }

    fn unique_key(&self) -> Option<String> {
        Some(self.meeting.clone())
    }

    fn is_draft(&self) -> bool {
        self.draft
    }

    fn clash(&self, first: &Self) -> Diagnostic {
        Diagnostic::error(
            &self.source,
            format!(
                "er is al een verslag van de bijeenkomst `{}`: {}",
                self.meeting, first.source
            ),
        )
        .at_opt(self.meeting_line)
        .hint("houd één verslag per bijeenkomst, of zet de goede bijeenkomst achter `meeting:`")
    }
}

/// The site path of the report of the meeting `meeting`.
pub fn report_path(meeting: &str) -> String {
    format!("{}{meeting}/verslag/", MEETINGS.path)
}

/// Loads every report, in file order. Problems go to `problems`.
pub fn load(
    files: &[SourceFile],
    config: &SiteConfig,
    drafts: bool,
    problems: &mut Diagnostics,
) -> Vec<Report> {
    let mut reports = load_all(
        files,
        |kind| *kind == Kind::Report,
        drafts,
        problems,
        |file, text| load_one(file, text, config),
    );
    reports.sort_by(|a, b| a.meeting.cmp(&b.meeting));
    reports
}

const ADVICE_WORDS: [&str; 3] = ["positief", "negatief", "voorwaardelijk"];
const ACTION_WORDS: [&str; 2] = ["open", "klaar"];

fn load_one(file: &SourceFile, text: &str, config: &SiteConfig) -> Result<Report, Diagnostics> {
    let one = |d: Diagnostic| Diagnostics::from_iter([d]);
    let split = source::split_front_matter(text, &file.rel).map_err(one)?;
    let front: ReportFront = if split.yaml.trim().is_empty() {
        ReportFront {
            meeting: None,
            title: None,
            summary: None,
            attendance: None,
            decisions: Vec::new(),
            actions: Vec::new(),
            draft: None,
        }
    } else {
        source::parse_yaml(split.yaml, &file.rel, split.yaml_line).map_err(one)?
    };
    let offset = split.yaml_line - 1;
    let shift = |line: Option<usize>| line.map(|l| l + offset);
    let mut problems = Diagnostics::new();
    let draft = front.draft.unwrap_or(false);
    if !draft {
        if let Err(more) = placeholders::check(&file.rel, text, &config.placeholders) {
            problems.extend(more);
        }
    }
    let meeting_line = shift(yaml_lines::top_level_line(split.yaml, "meeting"));
    let meeting = front
        .meeting
        .as_deref()
        .map(str::trim)
        .unwrap_or_else(|| file.stem())
        .to_string();
    if let Some((message, _)) = slug::problem(&meeting) {
        // slug::problem's hint offers a `slug:` key, which a report has not.
        problems.push(
            Diagnostic::error(&file.rel, format!("`meeting`: {message}"))
                .at_opt(meeting_line)
                .hint(
                    "schrijf achter `meeting:` de naam van het bestand van de bijeenkomst \
                     in content/bijeenkomsten/, zonder .md, bijvoorbeeld \
                     `meeting: 2026-03-30-bewonersteam`",
                ),
        );
    }

    let decision_lines = yaml_lines::list_items(split.yaml, "decisions");
    let mut decisions = Vec::with_capacity(front.decisions.len());
    for (index, d) in front.decisions.into_iter().enumerate() {
        let lines = decision_lines.get(index).cloned().unwrap_or_default();
        let line = |key: &str| shift(lines.found_line(key));
        let advice = Advice::from_dutch(&d.advice);
        if advice.is_none() {
            problems.push(
                Diagnostic::error(&file.rel, format!("`{}` is geen advies", d.advice.trim()))
                    .at_opt(line("advice"))
                    .hint(word_hint(&d.advice, &ADVICE_WORDS)),
            );
        }
        if !d.project.contains('/') {
            problems.push(
                Diagnostic::error(
                    &file.rel,
                    format!("`{}` noemt geen ronde en project", d.project.trim()),
                )
                .at_opt(line("project"))
                .hint("schrijf `<ronde>/<project-id>`, bijvoorbeeld `2026-ronde-1/buurttuin`"),
            );
        }
        let reason_html = d.reason.as_deref().map(|r| {
            markdown::render_field(r.trim(), line("reason"), config, &file.rel, &mut problems)
        });
        if let Some(advice) = advice {
            decisions.push(ReportDecision {
                project: d.project.trim().to_string(),
                advice,
                reason_html,
                conditions: d
                    .conditions
                    .into_iter()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect(),
                line: line("project"),
            });
        }
    }

    let action_lines = yaml_lines::list_items(split.yaml, "actions");
    let mut actions = Vec::with_capacity(front.actions.len());
    for (index, a) in front.actions.into_iter().enumerate() {
        let lines = action_lines.get(index).cloned().unwrap_or_default();
        let status = match a.status.as_deref().map(str::trim) {
            None | Some("open") => ActionStatus::Open,
            Some("klaar") => ActionStatus::Klaar,
            Some(other) => {
                problems.push(
                    Diagnostic::error(
                        &file.rel,
                        format!("`{other}` is geen status van een afspraak"),
                    )
                    .at_opt(shift(lines.found_line("status")))
                    .hint(word_hint(other, &ACTION_WORDS)),
                );
                ActionStatus::Open
            }
        };
        actions.push(Action {
            who: a.who.trim().to_string(),
            what: a.what.trim().to_string(),
            due: a.due.as_ref().map(|d| d.0),
            due_long: a.due.as_ref().map(|d| dates::date_without_weekday(d.0)),
            status,
        });
    }

    let rendered = markdown::render(
        split.body,
        RenderOptions {
            base_path: config.base_path(),
            allow_raw_html: config.allow_raw_html,
            line_offset: split.body_line - 1,
            images: config.images_for(&file.rel),
        },
    );
    problems.extend(rendered.problems(&file.rel, config.allow_raw_html));
    if problems.has_errors() {
        return Err(problems);
    }
    let attendance = front
        .attendance
        .map_or_else(Attendance::default, |a| Attendance {
            residents: a.residents,
            first_time: a.first_time,
            professionals: a
                .professionals
                .into_iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
        });
    let path = report_path(&meeting);
    Ok(Report {
        source: file.rel.clone(),
        meeting,
        meeting_line,
        title: front
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        summary: front
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        attendance,
        decisions,
        actions,
        html: rendered.html,
        draft,
        url: url_for(config, &path),
        permalink: config.absolute_url(&path),
        path,
    })
}

/// "kies uit: …", with "bedoelt u …?" for the nearest word.
pub(crate) fn word_hint(typed: &str, allowed: &[&str]) -> String {
    let list = format!(
        "kies uit: {}",
        allowed
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    match suggest::closest(typed, allowed) {
        Some(best) => format!("bedoelt u `{best}`? {}", suggest::capitalised(&list)),
        None => list,
    }
}

/// What the rest of the site says about files that failed to load: a
/// reference to one of them is not reported again.
pub struct Loaded<'a> {
    pub files: &'a [SourceFile],
}

impl Loaded<'_> {
    /// Whether a file of `kind` named `stem` exists (loaded or not).
    pub fn has_file(&self, kind: &Kind, stem: &str) -> bool {
        self.files
            .iter()
            .any(|f| f.kind == *kind && f.stem() == stem)
    }
}

/// Checks the reports against the meetings and rounds; makes each report
/// its meeting's minutes and fills in each project's advice. Reports of a
/// meeting that is a draft (or failed to load) are left out.
pub fn link(
    reports: &mut Vec<Report>,
    agenda: &mut Agenda,
    rounds: &mut [Round],
    loaded: &Loaded,
    problems: &mut Diagnostics,
) {
    let mut kept = Vec::with_capacity(reports.len());
    for report in reports.drain(..) {
        if agenda.get(&report.meeting).is_some() {
            kept.push(report);
            continue;
        }
        let file = loaded
            .files
            .iter()
            .find(|f| f.kind == Kind::Meeting && f.stem() == report.meeting);
        let renamed = file.and_then(|f| agenda.meetings.iter().find(|m| m.source == f.rel));
        if file.is_some() && renamed.is_none() {
            // A draft meeting, or one with its own errors: not reported twice.
            continue;
        }
        if let Some(meeting) = renamed {
            problems.push(
                Diagnostic::error(
                    &report.source,
                    format!(
                        "de bijeenkomst in {} heet `{}` (door `slug:`), niet `{}`",
                        meeting.source, meeting.slug, report.meeting
                    ),
                )
                .at_opt(report.meeting_line.or(Some(1)))
                .hint(format!("schrijf `meeting: {}`", meeting.slug)),
            );
            continue;
        }
        let slugs: Vec<&str> = agenda.meetings.iter().map(|m| m.slug.as_str()).collect();
        problems.push(
            Diagnostic::error(
                &report.source,
                format!("de bijeenkomst `{}` bestaat niet", report.meeting),
            )
            .at_opt(report.meeting_line.or(Some(1)))
            .hint(match suggest::closest(&report.meeting, &slugs) {
                Some(best) => format!(
                    "bedoelt u `{best}`? Noem het bestand zoals de bijeenkomst in content/bijeenkomsten/, of schrijf `meeting: <naam van de bijeenkomst>`"
                ),
                None => "noem het bestand zoals de bijeenkomst in content/bijeenkomsten/ (zonder .md), of schrijf `meeting: <naam van de bijeenkomst>`".into(),
            }),
        );
    }
    *reports = kept;

    for report in reports.iter() {
        if let Some(meeting) = agenda
            .meetings
            .iter_mut()
            .find(|m| m.slug == report.meeting)
        {
            if meeting.minutes.is_some() {
                problems.push(
                    Diagnostic::warning(
                        &meeting.source,
                        format!(
                            "deze bijeenkomst heeft een verslag ({}); `minutes:` wordt niet gebruikt",
                            report.source
                        ),
                    )
                    .at_opt(meeting.line_of("minutes"))
                    .hint("haal de regel `minutes:` weg; de site linkt zelf naar het verslag"),
                );
            }
            meeting.minutes = Some(report.url.clone());
        }
    }

    let mut advised: BTreeMap<String, &str> = BTreeMap::new();
    for report in reports.iter() {
        for decision in &report.decisions {
            let at = |message: String, hint: String| {
                Diagnostic::error(&report.source, message)
                    .at_opt(decision.line)
                    .hint(hint)
            };
            let (round_slug, id) = decision.project.split_once('/').unwrap_or(("", ""));
            let Some(round) = rounds.iter_mut().find(|r| r.slug == round_slug) else {
                if !loaded.has_file(&Kind::Round, round_slug) {
                    problems.push(at(
                        format!("de ronde `{round_slug}` bestaat niet"),
                        format!(
                            "schrijf `<ronde>/<project-id>`; de ronde is de naam van een bestand in {}",
                            folders::PROJECTS.source
                        ),
                    ));
                }
                continue;
            };
            let ids: Vec<String> = round.projects.iter().map(|p| p.id.clone()).collect();
            let Some(project) = round.projects.iter_mut().find(|p| p.id == id) else {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                problems.push(at(
                    format!("het project `{id}` staat niet in de ronde `{round_slug}`"),
                    suggest::hint(id, &ids, "projecten in deze ronde"),
                ));
                continue;
            };
            if let Some(first) = advised.insert(decision.project.clone(), &report.source) {
                problems.push(at(
                    format!(
                        "over het project `{}` staat al een advies in {first}",
                        decision.project
                    ),
                    "een project krijgt één advies; haal het dubbele weg".into(),
                ));
                continue;
            }
            if project.advice_written && project.advice != decision.advice {
                // The report is where the advice was given: it wins, and the
                // editor hears that the two disagree.
                problems.push(
                    Diagnostic::warning(
                        &report.source,
                        format!(
                            "het advies `{}` verschilt van `advice: {}` bij het project in {}; de site neemt het advies uit dit verslag",
                            decision.advice.dutch(),
                            project.advice.code(),
                            round.source
                        ),
                    )
                    .at_opt(decision.line)
                    .hint("schrijf het advies op één plek: haal `advice:` bij het project weg, het verslag is genoeg"),
                );
            }
            project.advice = decision.advice;
        }
    }
    // A report with errors of its own may hold the missing advice: then
    // a project without advice is not reported as well.
    let report_failed = problems
        .errors()
        .any(|d| d.file.starts_with(folders::REPORTS.source));
    for round in rounds.iter() {
        for project in &round.projects {
            if !project.advice_written && !advised.contains_key(&project.key()) {
                if report_failed {
                    continue;
                }
                problems.push(
                    Diagnostic::error(
                        &round.source,
                        format!("bij het project `{}` staat geen advies", project.id),
                    )
                    .at_opt(project.line)
                    .hint(format!(
                        "zet het advies in het verslag van de vergadering (`decisions:` met `project: {}`), of schrijf `advice: positive`, `negative` of `conditional` bij het project",
                        project.key()
                    )),
                );
            } else if project.decision_differs() && project.reason_differs.is_none() {
                problems.push(
                    Diagnostic::warning(
                        &round.source,
                        format!(
                            "het besluit over `{}` ({}) wijkt af van het advies ({}), maar er staat niet waarom",
                            project.id,
                            project.decision.code(),
                            project.advice.dutch()
                        ),
                    )
                    .at_opt(project.line)
                    .hint("schrijf bij het project `reason_differs:` met in één of twee zinnen waarom Indebuurt033 anders besloot"),
                );
            }
        }
    }
}

/// The report of the meeting `meeting`.
pub fn of_meeting<'a>(reports: &'a [Report], meeting: &str) -> Option<&'a Report> {
    reports.iter().find(|r| r.meeting == meeting)
}

/// The report that advised on `project_key` and its decision.
pub fn advice_for<'a>(
    reports: &'a [Report],
    project_key: &str,
) -> Option<(&'a Report, &'a ReportDecision)> {
    reports.iter().find_map(|r| {
        r.decisions
            .iter()
            .find(|d| d.project == project_key)
            .map(|d| (r, d))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Report, Vec<Diagnostic>> {
        let config = crate::model::test_support::config_at("https://x.nl/");
        let file = SourceFile {
            kind: Kind::Report,
            rel: "content/verslagen/2026-03-30-team.md".into(),
            abs: "x.md".into(),
        };
        load_one(&file, text, &config).map_err(Diagnostics::into_sorted)
    }

    #[test]
    fn a_report_takes_its_meeting_from_the_file_name_and_reads_everything() {
        let report = load_text(
            "---\nattendance:\n  residents: 12\n  first_time: 2\n  professionals: [buurtnetwerker]\n\
             decisions:\n  - project: 2026-ronde-1/tuin\n    advice: voorwaardelijk\n    reason: Goed *plan*\n    \
             conditions: [Een brief]\nactions:\n  - who: Kerngroep\n    what: Lijst maken\n    due: 2026-06-01\n---\nTekst.\n",
        )
        .unwrap();
        assert_eq!(report.meeting, "2026-03-30-team");
        assert_eq!(report.path, "/bijeenkomsten/2026-03-30-team/verslag/");
        assert_eq!(report.attendance.residents, Some(12));
        assert_eq!(report.decisions[0].advice, Advice::Conditional);
        assert_eq!(report.decisions[0].line, Some(7));
        assert!(
            report.decisions[0]
                .reason_html
                .as_deref()
                .unwrap()
                .contains("<em>plan</em>")
        );
        assert_eq!(report.actions[0].status, ActionStatus::Open);
        assert_eq!(report.actions[0].due_long.as_deref(), Some("1 juni 2026"));
    }

    #[test]
    fn a_meeting_that_is_no_slug_says_to_write_the_meetings_file_name() {
        let problems = load_text("---\nmeeting: Bewonersteam 30 maart\n---\nTekst.\n").unwrap_err();
        assert_eq!(problems[0].line, Some(2), "{problems:#?}");
        let hint = problems[0].hint.as_deref().unwrap();
        assert!(hint.contains("content/bijeenkomsten/"), "{hint}");
        assert!(!hint.contains("slug:"), "a report has no `slug:`: {hint}");
    }

    #[test]
    fn an_unknown_advice_or_status_is_named_on_its_line_with_a_suggestion() {
        let problems = load_text(
            "---\ndecisions:\n  - project: r/p\n    advice: positif\nactions:\n  - who: a\n    what: b\n    status: klaat\n---\n",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(problems[0].line, Some(4));
        assert!(problems[0].hint.as_deref().unwrap().contains("`positief`"));
        assert_eq!(problems[1].line, Some(8));
        assert!(problems[1].hint.as_deref().unwrap().contains("`klaar`"));
    }

    #[test]
    fn a_date_in_the_wrong_format_is_refused_with_its_line() {
        let problems =
            load_text("---\nactions:\n  - who: a\n    what: b\n    due: 1-6-2026\n---\n")
                .unwrap_err();
        assert_eq!(problems[0].line, Some(5), "{problems:#?}");
    }
}
