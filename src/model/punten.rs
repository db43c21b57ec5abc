//! Residents' points (punten): what residents raise at a meeting or
//! elsewhere, where it went and what became of it.
//! `content/punten/<year>.yaml` holds `points:`, a list of points raised
//! that year (format in docs/content-model.md).
//!
//! Each file is checked on its own (ids, statuses, dates, wijk); then
//! [`link`] checks the references (meeting, wijkplan priority, project) and
//! warns about an open point without news for [`STALE_DAYS`] days. All
//! problems name file and line.

use crate::content::config::SiteConfig;
use crate::content::dates::{self, Date};
use crate::content::folders::{self, POINTS};
use crate::content::markdown;
use crate::content::source;
use crate::content::{Kind, SourceFile};
use crate::model::loader::{Loadable, load_all};
use crate::model::meetings::Agenda;
use crate::model::pages::url_for;
use crate::model::projects::Round;
use crate::model::verslagen::{Loaded, word_hint};
use crate::model::wijkplan::{self, Wijkplan};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use crate::util::suggest;
use crate::util::yaml_lines;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// An open point without an update for this many days gets a warning.
pub const STALE_DAYS: i64 = 90;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PointsFile {
    points: Vec<PointFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PointFile {
    id: String,
    title: String,
    raised: Date,
    meeting: Option<String>,
    wijk: Option<String>,
    theme: Option<String>,
    referred_to: Option<String>,
    status: String,
    answer: Option<String>,
    #[serde(default)]
    updates: Vec<UpdateFile>,
    priority: Option<String>,
    project: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateFile {
    date: Date,
    text: String,
}

/// Where a point stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum PointStatus {
    Ontvangen,
    Doorgegeven,
    InBehandeling,
    Opgelost,
    NietMogelijk,
    NaarWijkplan,
    Aanvraag,
}

impl PointStatus {
    pub const ALL: [PointStatus; 7] = [
        PointStatus::Ontvangen,
        PointStatus::Doorgegeven,
        PointStatus::InBehandeling,
        PointStatus::Opgelost,
        PointStatus::NietMogelijk,
        PointStatus::NaarWijkplan,
        PointStatus::Aanvraag,
    ];

    /// The words editors write: `in behandeling`.
    pub fn word(self) -> &'static str {
        match self {
            PointStatus::Ontvangen => "ontvangen",
            PointStatus::Doorgegeven => "doorgegeven",
            PointStatus::InBehandeling => "in behandeling",
            PointStatus::Opgelost => "opgelost",
            PointStatus::NietMogelijk => "niet mogelijk",
            PointStatus::NaarWijkplan => "naar wijkplan",
            PointStatus::Aanvraag => "aanvraag",
        }
    }

    /// The code for CSS classes, open data and string keys: `in-behandeling`.
    pub fn code(self) -> String {
        self.word().replace(' ', "-")
    }

    fn parse(text: &str) -> Option<PointStatus> {
        let text = text.trim().to_lowercase().replace(['-', '_'], " ");
        PointStatus::ALL.into_iter().find(|s| s.word() == text)
    }

    /// Still waiting for an answer or for work: received, passed on, in hand.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            PointStatus::Ontvangen | PointStatus::Doorgegeven | PointStatus::InBehandeling
        )
    }
}

/// News about a point.
#[derive(Debug, Clone, Serialize)]
pub struct Update {
    pub date: NaiveDate,
    pub date_long: String,
    pub text: String,
}

/// One point, checked.
#[derive(Debug, Clone)]
pub struct Point {
    /// The year of its file.
    pub year: i32,
    pub id: String,
    pub source: String,
    /// The line of its `- id:`.
    pub line: Option<usize>,
    pub title: String,
    pub raised: NaiveDate,
    pub raised_long: String,
    pub meeting: Option<String>,
    pub meeting_line: Option<usize>,
    pub wijk: Option<String>,
    pub theme: Option<String>,
    pub referred_to: Option<String>,
    pub status: PointStatus,
    pub answer_html: Option<String>,
    /// Oldest first.
    pub updates: Vec<Update>,
    pub priority: Option<String>,
    pub priority_line: Option<usize>,
    pub project: Option<String>,
    pub project_line: Option<usize>,
    /// `/punten/2026/bankje-bushalte/`.
    pub path: String,
    pub url: String,
    pub permalink: String,
}

impl Point {
    /// `<year>/<id>`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.year, self.id)
    }

    /// The date of the last news: the newest update, or the day it was raised.
    pub fn last_change(&self) -> NaiveDate {
        self.updates
            .iter()
            .map(|u| u.date)
            .max()
            .map_or(self.raised, |d| d.max(self.raised))
    }
}

/// One file of points (the loader's unit).
#[derive(Debug)]
pub struct PointsYear {
    pub year: i32,
    pub source: String,
    pub points: Vec<Point>,
    /// Warnings found while loading (a point in the file of another year),
    /// handed on by [`load`].
    pub warnings: Diagnostics,
}

impl Loadable for PointsYear {
    fn source(&self) -> &str {
        &self.source
    }

    fn unique_key(&self) -> Option<String> {
        Some(self.year.to_string())
    }

    fn clash(&self, first: &Self) -> Diagnostic {
        Diagnostic::error(
            &self.source,
            format!("er zijn al punten voor {}: {}", self.year, first.source),
        )
        .hint("houd één bestand per jaar")
    }
}

/// Loads every points file; the points of all years, newest raised first.
pub fn load(files: &[SourceFile], config: &SiteConfig, problems: &mut Diagnostics) -> Vec<Point> {
    let years = load_all(
        files,
        |kind| *kind == Kind::Points,
        false,
        problems,
        |file, text| load_one(file, text, config),
    );
    let mut points: Vec<Point> = years
        .into_iter()
        .flat_map(|y| {
            problems.extend(y.warnings);
            y.points
        })
        .collect();
    points.sort_by(|a, b| (b.raised, &a.id).cmp(&(a.raised, &b.id)));
    points
}

fn status_words() -> Vec<&'static str> {
    PointStatus::ALL.iter().map(|s| s.word()).collect()
}

fn load_one(file: &SourceFile, text: &str, config: &SiteConfig) -> Result<PointsYear, Diagnostics> {
    // The points may also be the whole file, as a list without `points:`.
    let bare_list = starts_with_list(text);
    let parsed: PointsFile = if bare_list {
        source::parse_yaml_file::<Vec<PointFile>>(text, &file.rel)
            .map(|points| PointsFile { points })
    } else {
        source::parse_yaml_file(text, &file.rel)
    }
    .map_err(|d| Diagnostics::from_iter([d]))?;
    let mut problems = Diagnostics::new();
    // Points are published as soon as they are written: no placeholder text.
    if let Err(more) = crate::content::placeholders::check(&file.rel, text, &config.placeholders) {
        problems.extend(more);
    }
    let year: Option<i32> = file
        .stem()
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y));
    let Some(year) = year else {
        return Err(Diagnostics::from_iter([Diagnostic::error(
            &file.rel,
            format!("`{}` is geen jaartal", file.stem()),
        )
        .hint("noem het bestand naar het jaar waarin de punten binnenkwamen, bijvoorbeeld `2026.yaml`")]));
    };
    let items = if bare_list {
        // The same list under a key one line up: lines shift back by one.
        yaml_lines::list_items(&format!("points:\n{text}"), "points")
            .into_iter()
            .map(|item| item.shifted_up())
            .collect()
    } else {
        yaml_lines::list_items(text, "points")
    };
    let mut seen = BTreeSet::new();
    let mut points = Vec::with_capacity(parsed.points.len());
    for (index, p) in parsed.points.into_iter().enumerate() {
        let lines = items.get(index).cloned().unwrap_or_default();
        let line = |key: &str| lines.found_line(key);
        let at = |key: &str, message: String, hint: String| {
            Diagnostic::error(&file.rel, message)
                .at_opt(line(key))
                .hint(hint)
        };
        let id = p.id.trim().to_string();
        if let Some((message, _)) = slug::problem(&id) {
            // slug::problem's hint speaks of file names and `slug:`, which a
            // point in a list does not have.
            let suggestion = slug::slugify(&id);
            let hint = if suggestion.is_empty() {
                "schrijf achter `id:` alleen kleine letters, cijfers en -".to_string()
            } else {
                format!("schrijf `id: {suggestion}` (alleen kleine letters, cijfers en -)")
            };
            problems.push(at("id", format!("`id`: {message}"), hint));
        }
        if !seen.insert(id.clone()) {
            problems.push(at(
                "id",
                format!("de id `{id}` staat twee keer in dit bestand"),
                "geef elk punt een eigen id".into(),
            ));
        }
        if p.title.trim().is_empty() {
            problems.push(at(
                "title",
                "de titel van het punt is leeg".into(),
                "schrijf achter `title:` in een paar woorden wat het punt is".into(),
            ));
        }
        let status = PointStatus::parse(&p.status);
        if status.is_none() {
            problems.push(at(
                "status",
                format!("`{}` is geen status van een punt", p.status.trim()),
                word_hint(&p.status, &status_words()),
            ));
        }
        if let Some(wijk) = p.wijk.as_deref()
            && let Some(known) = config.unknown_wijk(wijk)
        {
            problems.push(at(
                "wijk",
                format!("de wijk `{wijk}` staat niet in site.yaml"),
                format!("{known}; laat `wijk` weg als het punt over het hele gebied gaat"),
            ));
        }
        for (key, value, example) in [
            ("priority", &p.priority, "2026/groen"),
            ("project", &p.project, "2026-ronde-1/buurttuin"),
        ] {
            if let Some(value) = value
                && !value.contains('/')
            {
                problems.push(at(
                    key,
                    format!("`{key}: {value}` is niet goed geschreven"),
                    format!("schrijf het zo: `{key}: {example}`"),
                ));
            }
        }
        if p.raised.0.format("%Y").to_string() != year.to_string() {
            problems.push(
                Diagnostic::warning(
                    &file.rel,
                    format!(
                        "dit punt kwam binnen in {}, maar staat in het bestand van {year}",
                        p.raised.0.format("%Y")
                    ),
                )
                .at_opt(line("raised"))
                .hint("zet het punt in het bestand van het jaar waarin het binnenkwam"),
            );
        }
        let answer_html = p
            .answer
            .as_deref()
            .map(|md| markdown::render_field(md, line("answer"), config, &file.rel, &mut problems));
        let mut updates: Vec<Update> = p
            .updates
            .into_iter()
            .map(|u| Update {
                date: u.date.0,
                date_long: dates::date_without_weekday(u.date.0),
                text: u.text.trim().to_string(),
            })
            .collect();
        if let Some(early) = updates.iter().find(|u| u.date < p.raised.0) {
            problems.push(at(
                "updates",
                format!(
                    "het nieuws van {} is van vóór de dag dat het punt binnenkwam",
                    early.date_long
                ),
                "controleer de datum bij `raised:` en bij het nieuws".into(),
            ));
        }
        if let Some(empty) = updates.iter().find(|u| u.text.is_empty()) {
            problems.push(at(
                "updates",
                format!("het nieuws van {} heeft geen tekst", empty.date_long),
                "schrijf achter `text:` in een zin wat er gebeurde, of haal het nieuws weg".into(),
            ));
        }
        updates.sort_by_key(|u| u.date);
        let Some(status) = status else {
            continue;
        };
        let path = format!("{}{year}/{id}/", POINTS.path);
        points.push(Point {
            year,
            source: file.rel.clone(),
            line: (lines.start > 0).then_some(lines.start),
            title: p.title.trim().to_string(),
            raised: p.raised.0,
            raised_long: dates::date_without_weekday(p.raised.0),
            meeting: p.meeting.map(|m| m.trim().to_string()),
            meeting_line: line("meeting"),
            wijk: p.wijk,
            theme: p
                .theme
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty()),
            referred_to: p
                .referred_to
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty()),
            status,
            answer_html,
            updates,
            priority: p.priority.map(|v| v.trim().to_string()),
            priority_line: line("priority"),
            project: p.project.map(|v| v.trim().to_string()),
            project_line: line("project"),
            url: url_for(config, &path),
            permalink: config.absolute_url(&path),
            path,
            id,
        });
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(PointsYear {
        year,
        source: file.rel.clone(),
        points,
        warnings: problems,
    })
}

/// Whether the first line with content starts a block list (`- id: …`).
pub(crate) fn starts_with_list(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_some_and(|l| l == "-" || l.starts_with("- "))
}

/// Checks each point's meeting, priority and project, and warns about
/// open points without news for [`STALE_DAYS`] days before `today`.
pub fn link(
    points: &[Point],
    agenda: &Agenda,
    plans: &[Wijkplan],
    rounds: &[Round],
    loaded: &Loaded,
    today: NaiveDate,
    problems: &mut Diagnostics,
) {
    let meeting_slugs: Vec<&str> = agenda.meetings.iter().map(|m| m.slug.as_str()).collect();
    for point in points {
        let error = |line: Option<usize>, message: String, hint: String| {
            Diagnostic::error(&point.source, message)
                .at_opt(line.or(point.line))
                .hint(hint)
        };
        if let Some(meeting) = point.meeting.as_deref()
            && agenda.get(meeting).is_none()
            && !loaded.has_file(&Kind::Meeting, meeting)
        {
            problems.push(error(
                point.meeting_line,
                format!("de bijeenkomst `{meeting}` bestaat niet"),
                suggest::hint(meeting, &meeting_slugs, "bijeenkomsten"),
            ));
        }
        if let Some(key) = point.priority.as_deref() {
            let year = key.split_once('/').map_or("", |(y, _)| y);
            // A plan file that failed to load has its own errors.
            let plan_broken = loaded.has_file(&Kind::Wijkplan, year)
                && !plans.iter().any(|p| p.year.to_string() == year);
            if wijkplan::find_priority(plans, key).is_none() && !plan_broken {
                let all: Vec<String> = plans
                    .iter()
                    .flat_map(|plan| plan.priorities.iter().map(|p| p.key()))
                    .collect();
                let all: Vec<&str> = all.iter().map(String::as_str).collect();
                problems.push(error(
                    point.priority_line,
                    format!("de prioriteit `{key}` staat niet in een wijkplan"),
                    suggest::hint(key, &all, "prioriteiten"),
                ));
            }
        }
        if let Some(key) = point.project.as_deref() {
            let (round_slug, id) = key.split_once('/').unwrap_or(("", ""));
            let round = rounds.iter().find(|r| r.slug == round_slug);
            let known = round.is_some_and(|r| r.project(id).is_some())
                || (round.is_none() && loaded.has_file(&Kind::Round, round_slug));
            if !known {
                let all: Vec<String> = rounds
                    .iter()
                    .flat_map(|r| r.projects.iter().map(|p| p.key()))
                    .collect();
                let all: Vec<&str> = all.iter().map(String::as_str).collect();
                problems.push(error(
                    point.project_line,
                    format!("het project `{key}` bestaat niet"),
                    format!(
                        "{}; schrijf `<ronde>/<project-id>`, de ronde is de naam van een bestand in {}",
                        suggest::hint(key, &all, "projecten"),
                        folders::PROJECTS.source
                    ),
                ));
            }
        }
        let quiet = (today - point.last_change()).num_days();
        if point.status.is_open() && quiet > STALE_DAYS {
            problems.push(
                Diagnostic::warning(
                    &point.source,
                    format!(
                        "het punt `{}` staat open en heeft al {quiet} dagen geen nieuws",
                        point.id
                    ),
                )
                .at_opt(point.line)
                .hint(format!(
                    "vraag na hoe het staat en zet het bij `updates:` (een regel met `date:` en `text:`), of pas de status aan. Bewoners willen weten wat er met hun punt gebeurt; na {STALE_DAYS} dagen zonder nieuws ziet u deze melding"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<PointsYear, Vec<Diagnostic>> {
        let config = crate::model::test_support::config_at("https://x.nl/");
        let file = SourceFile {
            kind: Kind::Points,
            rel: "content/punten/2026.yaml".into(),
            abs: "2026.yaml".into(),
        };
        load_one(&file, text, &config).map_err(Diagnostics::into_sorted)
    }

    #[test]
    fn a_point_is_read_with_its_history_oldest_first() {
        let year = load_text(
            "points:\n  - id: bankje\n    title: Bankje bij de bushalte\n    raised: 2026-03-12\n    \
             status: in behandeling\n    updates:\n      - date: 2026-05-01\n        text: Later\n      \
             - date: 2026-04-01\n        text: Eerder\n",
        )
        .unwrap();
        let point = &year.points[0];
        assert_eq!(point.key(), "2026/bankje");
        assert_eq!(point.path, "/punten/2026/bankje/");
        assert_eq!(point.status, PointStatus::InBehandeling);
        assert!(point.status.is_open());
        assert_eq!(point.updates[0].text, "Eerder");
        assert_eq!(point.last_change().to_string(), "2026-05-01");
        assert_eq!(point.line, Some(2));
    }

    #[test]
    fn an_unknown_status_and_wijk_are_named_on_their_lines() {
        let problems = load_text(
            "points:\n  - id: a\n    title: A\n    raised: 2026-03-12\n    status: opgelots\n    wijk: west\n",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(problems[0].line, Some(5));
        assert!(problems[0].hint.as_deref().unwrap().contains("`opgelost`"));
        assert_eq!(problems[1].line, Some(6));
    }

    #[test]
    fn a_date_in_the_wrong_format_is_an_error_with_a_line() {
        let problems = load_text(
            "points:\n  - id: a\n    title: A\n    raised: 12-03-2026\n    status: ontvangen\n",
        )
        .unwrap_err();
        assert_eq!(problems[0].line, Some(4), "{problems:#?}");
    }

    #[test]
    fn a_bad_id_says_what_id_to_write_not_a_file_name() {
        let problems = load_text(
            "points:\n  - id: Donker Pad\n    title: A\n    raised: 2026-03-12\n    status: ontvangen\n",
        )
        .unwrap_err();
        assert_eq!(problems[0].line, Some(2), "{problems:#?}");
        let hint = problems[0].hint.as_deref().unwrap();
        assert!(hint.contains("`id: donker-pad`"), "{hint}");
        assert!(!hint.contains(".md") && !hint.contains("slug:"), "{hint}");
    }

    #[test]
    fn an_update_without_text_is_an_error() {
        let problems = load_text(
            "points:\n  - id: a\n    title: A\n    raised: 2026-03-12\n    status: ontvangen\n    updates:\n      - date: 2026-04-01\n        text: \"  \"\n",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].line, Some(6));
        assert!(
            problems[0].message.contains("1 april 2026"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn the_points_may_be_the_whole_file_as_a_list() {
        let text = "# punten\n- id: a\n  title: A\n  raised: 2026-03-12\n  status: opgelost\n\
                    - id: b\n  title: B\n  raised: 2026-03-12\n  status: klaar\n";
        let problems = load_text(text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].line, Some(9), "the line of b's status");
        let year = load_text(&text.replace("klaar", "opgelost")).unwrap();
        assert_eq!(year.points[1].line, Some(6));
    }

    #[test]
    fn statuses_tell_open_from_closed() {
        let open: Vec<&str> = PointStatus::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.word())
            .collect();
        assert_eq!(open, ["ontvangen", "doorgegeven", "in behandeling"]);
        assert_eq!(
            PointStatus::parse("Naar_wijkplan"),
            Some(PointStatus::NaarWijkplan)
        );
    }
}
