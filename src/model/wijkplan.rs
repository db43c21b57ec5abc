//! The Wijkplan: each year's priorities for the area and its wijken.
//!
//! Loads `content/wijkplan/<year>.yaml` (format in docs/content-model.md),
//! checks it (year equals the file name, unique priority ids, known wijken)
//! and turns it into [`Wijkplan`]s with rendered Markdown, sorted by year.
//! Subsidy rounds (`projects`) point at priorities as `<year>/<id>`.

use crate::content::config::SiteConfig;
use crate::content::dates::{self, Date};
use crate::content::markdown;
use crate::content::source;
use crate::content::{Kind, SourceFile};
use crate::model::loader::{Loadable, load_all};
use crate::model::pages::url_for;
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use crate::util::yaml_lines;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    year: i32,
    #[serde(default)]
    phase: Phase,
    /// Required once the plan is adopted (`phase` is not `concept`).
    adopted: Option<Date>,
    #[serde(default)]
    intro: String,
    priorities: Vec<PriorityFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PriorityFile {
    id: String,
    title: String,
    theme: String,
    wijken: Option<Vec<String>>,
    rank: u32,
    residents: String,
    professionals: String,
    status: PriorityStatus,
    /// Prose (the old form) or an [`EvaluationFile`].
    evaluation: Option<serde_yaml::Value>,
    /// One sentence: what the priority should have reached by the end of the year.
    goal: Option<String>,
    #[serde(default)]
    indicators: Vec<IndicatorFile>,
    /// `<year>/<id>`: the same priority in an earlier plan.
    continues: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    name: String,
    target: Option<serde_yaml::Value>,
    actual: Option<serde_yaml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluationFile {
    date: Date,
    /// The slug of the meeting where the priority was evaluated.
    meeting: Option<String>,
    went_well: String,
    not_yet: Option<String>,
    next: Next,
}

/// Where a plan is in its year: written, adopted, looked back on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Phase {
    #[serde(rename = "concept")]
    Concept,
    #[default]
    #[serde(rename = "vastgesteld")]
    Adopted,
    #[serde(rename = "geëvalueerd", alias = "geevalueerd")]
    Evaluated,
}

impl Phase {
    /// The code used in the content files.
    pub fn code(self) -> &'static str {
        match self {
            Phase::Concept => "concept",
            Phase::Adopted => "vastgesteld",
            Phase::Evaluated => "geëvalueerd",
        }
    }

    /// The same in ASCII, for templates and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Concept => "concept",
            Phase::Adopted => "vastgesteld",
            Phase::Evaluated => "geevalueerd",
        }
    }
}

/// What happens with a priority after its evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Next {
    Doorgaan,
    Aanpassen,
    Stoppen,
}

/// A measure of a priority: what was aimed at and what was reached.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub name: String,
    pub target: Option<String>,
    pub actual: Option<String>,
}

/// The look back on a priority at the end of its year.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub date: NaiveDate,
    pub date_long: String,
    pub meeting: Option<String>,
    /// The line of `meeting:`, for the error when no such meeting exists.
    #[serde(skip)]
    pub meeting_line: Option<usize>,
    pub went_well_html: String,
    pub not_yet_html: Option<String>,
    pub next: Next,
}

/// Where a priority stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityStatus {
    Planned,
    Active,
    Done,
    Dropped,
}

impl PriorityStatus {
    /// The code used in the content files.
    pub fn code(self) -> &'static str {
        match self {
            PriorityStatus::Planned => "planned",
            PriorityStatus::Active => "active",
            PriorityStatus::Done => "done",
            PriorityStatus::Dropped => "dropped",
        }
    }
}

/// One year's plan.
#[derive(Debug, Clone, Serialize)]
pub struct Wijkplan {
    pub year: i32,
    /// The source file, relative to the site root.
    pub source: String,
    pub phase: Phase,
    /// `None` while the plan is a concept.
    pub adopted: Option<NaiveDate>,
    /// "donderdag 12 februari 2026"; empty while a concept.
    pub adopted_long: String,
    pub intro_html: String,
    /// By rank, then title.
    pub priorities: Vec<Priority>,
    /// `/wijkplan/2026/`.
    pub path: String,
    pub url: String,
}

/// One priority of a year's plan.
#[derive(Debug, Clone, Serialize)]
pub struct Priority {
    pub year: i32,
    pub id: String,
    pub title: String,
    pub theme: String,
    /// Wijk slugs; empty means the whole area.
    pub wijken: Vec<String>,
    pub rank: u32,
    pub residents_html: String,
    pub professionals_html: String,
    pub status: PriorityStatus,
    /// An evaluation written as prose only.
    pub evaluation_html: Option<String>,
    /// An evaluation with its date, meeting and what comes next.
    pub evaluation: Option<Evaluation>,
    pub goal: Option<String>,
    pub indicators: Vec<Indicator>,
    /// `<year>/<id>` of the same priority in an earlier plan.
    pub continues: Option<String>,
    /// The line of `continues:`.
    #[serde(skip)]
    pub continues_line: Option<usize>,
    /// The line where the priority starts (its `id:`).
    #[serde(skip)]
    pub line: Option<usize>,
    /// The id of its section on the year page: `prioriteit-<id>`.
    pub anchor: String,
    /// `/wijkplan/2026/#prioriteit-groen`, base path included.
    pub url: String,
}

impl Priority {
    /// How projects refer to it: `2026/groen`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.year, self.id)
    }

    /// Whether it concerns `wijk` (area-wide priorities concern every wijk).
    pub fn concerns(&self, wijk: &str) -> bool {
        self.wijken.is_empty() || self.wijken.iter().any(|w| w == wijk)
    }

    /// Whether it has been looked back on, in either form.
    pub fn is_evaluated(&self) -> bool {
        self.evaluation.is_some() || self.evaluation_html.is_some()
    }

    /// The site path of its own page: `/wijkplan/2026/groen/`.
    pub fn page_path(&self) -> String {
        format!(
            "{}{}/",
            crate::content::folders::WIJKPLAN.item_path(&self.year.to_string()),
            self.id
        )
    }
}

/// The priorities that are one line through the years, oldest first: the
/// ones `key` continues (back through `continues`), `key` itself, and the
/// ones that continue it. A loop (never in a loaded site) is cut.
pub fn history<'a>(plans: &'a [Wijkplan], key: &str) -> Vec<&'a Priority> {
    let Some(start) = find_priority(plans, key) else {
        return Vec::new();
    };
    let mut chain = vec![start];
    let mut back = start;
    while let Some(earlier) = back
        .continues
        .as_deref()
        .and_then(|k| find_priority(plans, k))
    {
        if chain.iter().any(|p| p.key() == earlier.key()) {
            break;
        }
        chain.insert(0, earlier);
        back = earlier;
    }
    let mut forward = start.key();
    while let Some(later) = plans
        .iter()
        .flat_map(|p| &p.priorities)
        .find(|p| p.continues.as_deref() == Some(forward.as_str()))
    {
        if chain.iter().any(|p| p.key() == later.key()) {
            break;
        }
        chain.push(later);
        forward = later.key();
    }
    chain
}

impl Wijkplan {
    pub fn priority(&self, id: &str) -> Option<&Priority> {
        self.priorities.iter().find(|p| p.id == id)
    }
}

/// The priority `<year>/<id>` among `plans`.
pub fn find_priority<'a>(plans: &'a [Wijkplan], key: &str) -> Option<&'a Priority> {
    let (year, id) = key.split_once('/')?;
    let year: i32 = year.parse().ok()?;
    plans.iter().find(|p| p.year == year)?.priority(id)
}

/// The plan shown at /wijkplan/: the latest whose year is not after
/// `build_year`, or else the latest. `plans` is sorted by year.
pub fn current(plans: &[Wijkplan], build_year: i32) -> Option<&Wijkplan> {
    plans
        .iter()
        .rev()
        .find(|p| p.year <= build_year)
        .or_else(|| plans.last())
}

/// Loads every wijkplan file, sorted by year. Problems go to `problems`;
/// a file with problems is left out.
pub fn load(
    files: &[SourceFile],
    config: &SiteConfig,
    problems: &mut Diagnostics,
) -> Vec<Wijkplan> {
    let mut plans = load_all(
        files,
        |kind| *kind == Kind::Wijkplan,
        false,
        problems,
        |file, text| load_one(file, text, config),
    );
    plans.sort_by_key(|p| p.year);
    check_continues(files, &plans, problems);
    plans
}

/// Every `continues` names a priority of an earlier plan that exists.
fn check_continues(files: &[SourceFile], plans: &[Wijkplan], problems: &mut Diagnostics) {
    let loaded: BTreeSet<String> = plans.iter().map(|p| p.year.to_string()).collect();
    for plan in plans {
        for p in &plan.priorities {
            let Some(key) = &p.continues else { continue };
            let year = key.split_once('/').map(|(y, _)| y);
            // A plan that failed to load has its own errors.
            let broken = files.iter().any(|f| {
                f.kind == Kind::Wijkplan && Some(f.stem()) == year && !loaded.contains(f.stem())
            });
            let earlier = year
                .and_then(|y| y.parse::<i32>().ok())
                .is_some_and(|y| y < plan.year);
            let hint = match year.and_then(|y| plans.iter().find(|pl| pl.year.to_string() == y)) {
                _ if !earlier => format!(
                    "schrijf `<jaar>/<id>` van een eerder jaar dan {}, bijvoorbeeld `{}/{}`",
                    plan.year,
                    plan.year - 1,
                    p.id
                ),
                Some(other) => {
                    let ids: Vec<&str> = other.priorities.iter().map(|q| q.id.as_str()).collect();
                    format!("prioriteiten in {}: {}", other.year, ids.join(", "))
                }
                None => {
                    let years: Vec<String> = plans.iter().map(|pl| pl.year.to_string()).collect();
                    format!(
                        "er is geen wijkplan voor dat jaar; wel voor: {}; laat `continues` weg bij een nieuwe prioriteit",
                        years.join(", ")
                    )
                }
            };
            if broken || (earlier && find_priority(plans, key).is_some()) {
                continue;
            }
            problems.push(
                Diagnostic::error(
                    &plan.source,
                    format!("`continues: {key}`: die prioriteit bestaat niet"),
                )
                .at_opt(p.continues_line)
                .hint(hint),
            );
        }
    }
}

/// One plan per year.
impl Loadable for Wijkplan {
    fn source(&self) -> &str {
        &self.source
    }

    fn unique_key(&self) -> Option<String> {
        Some(self.year.to_string())
    }

    fn clash(&self, first: &Self) -> Diagnostic {
        Diagnostic::error(
            &self.source,
            format!("er is al een wijkplan voor {}: {}", self.year, first.source),
        )
        .hint("houd één bestand per jaar")
    }
}

fn load_one(file: &SourceFile, text: &str, config: &SiteConfig) -> Result<Wijkplan, Diagnostics> {
    let parsed: PlanFile =
        source::parse_yaml_file(text, &file.rel).map_err(|d| Diagnostics::from_iter([d]))?;
    let mut problems = Diagnostics::new();
    let at = |line: Option<usize>, message: String, hint: &str| {
        Diagnostic::error(&file.rel, message)
            .at_opt(line)
            .hint(hint)
    };
    if file.stem() != parsed.year.to_string() {
        problems.push(at(
            yaml_lines::top_level_line(text, "year"),
            format!(
                "het jaar {} past niet bij de bestandsnaam {}",
                parsed.year,
                file.rel.rsplit('/').next().unwrap_or(&file.rel)
            ),
            &format!(
                "noem het bestand {}.yaml, of zet het goede jaar achter `year:`",
                parsed.year
            ),
        ));
    }
    if parsed.adopted.is_none() && parsed.phase != Phase::Concept {
        problems.push(at(
            yaml_lines::top_level_line(text, "phase").or(Some(1)),
            format!(
                "het wijkplan heeft de fase `{}`, maar er staat niet wanneer het is vastgesteld",
                parsed.phase.code()
            ),
            "zet `adopted:` met de datum van vaststelling, of `phase: concept` als het plan nog niet is vastgesteld",
        ));
    }
    let items = yaml_lines::list_items(text, "priorities");
    let mut seen = BTreeSet::new();
    let mut evaluations: Vec<Option<EvaluationFile>> = Vec::new();
    for (index, p) in parsed.priorities.iter().enumerate() {
        let lines = items.get(index).cloned().unwrap_or_default();
        let line = |key: &str| lines.found_line(key);
        if !slug::is_valid(&p.id) {
            problems.push(at(
                line("id"),
                format!("`{}` is geen geldige id", p.id),
                &format!(
                    "gebruik alleen kleine letters, cijfers en -, bijvoorbeeld `{}`",
                    slug::slugify(&p.id)
                ),
            ));
        }
        if !seen.insert(p.id.as_str()) {
            problems.push(at(
                line("id"),
                format!("de id `{}` staat twee keer in dit wijkplan", p.id),
                "geef elke prioriteit een eigen id",
            ));
        }
        if p.title.trim().is_empty() {
            problems.push(at(
                line("title"),
                format!("de titel van prioriteit `{}` is leeg", p.id),
                "schrijf achter `title:` in een paar woorden wat de prioriteit is",
            ));
        }
        if p.rank == 0 {
            problems.push(at(
                line("rank"),
                "`rank` is 0, maar de nummering begint bij 1".into(),
                "geef de belangrijkste prioriteit `rank: 1`, de volgende `rank: 2`, enzovoort",
            ));
        }
        if let Some(key) = &p.continues
            && !key
                .split_once('/')
                .is_some_and(|(y, id)| y.parse::<i32>().is_ok() && slug::is_valid(id))
        {
            problems.push(at(
                line("continues"),
                format!("`continues: {key}` is geen prioriteit"),
                &format!(
                    "schrijf het jaar en de id van de prioriteit, bijvoorbeeld `{}/{}`",
                    parsed.year - 1,
                    p.id
                ),
            ));
        }
        evaluations.push(match &p.evaluation {
            Some(value @ serde_yaml::Value::Mapping(_)) => {
                match serde_yaml::from_value::<EvaluationFile>(value.clone()) {
                    Ok(e) => Some(e),
                    Err(e) => {
                        let at = line("evaluation").unwrap_or(1);
                        // A value has no lines; parse the block's own text again
                        // so the problem names the line and column of its key.
                        let d = block_under(text, at)
                            .and_then(|(block, dedent)| {
                                let e = serde_yaml::from_str::<EvaluationFile>(&block).err()?;
                                let mut d = source::yaml_diagnostic(&e, &file.rel, at + 1);
                                d.column = d.column.map(|c| c + dedent);
                                Some(d)
                            })
                            .unwrap_or_else(|| source::yaml_diagnostic(&e, &file.rel, at));
                        problems.push(d);
                        None
                    }
                }
            }
            Some(serde_yaml::Value::String(_)) | None => None,
            Some(_) => {
                problems.push(at(
                    line("evaluation"),
                    "`evaluation` is geen tekst en geen lijstje met velden".into(),
                    "schrijf onder `evaluation:` de velden date, meeting, went_well, not_yet en next",
                ));
                None
            }
        });
        for wijk in p.wijken.iter().flatten() {
            if let Some(known) = config.unknown_wijk(wijk) {
                problems.push(at(
                    line("wijken"),
                    format!("de wijk `{wijk}` staat niet in site.yaml"),
                    &format!("{known}; laat `wijken` weg als het voor het hele gebied is"),
                ));
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }

    let path = crate::content::folders::WIJKPLAN.item_path(&parsed.year.to_string());
    let url = url_for(config, &path);
    let mut priorities: Vec<Priority> = parsed
        .priorities
        .into_iter()
        .zip(evaluations)
        .enumerate()
        .map(|(index, (p, evaluation))| {
            let lines = items.get(index).cloned().unwrap_or_default();
            let evaluation_line = lines.found_line("evaluation");
            let mut field = |key: &str, md: &str| {
                markdown::render_field(md, lines.found_line(key), config, &file.rel, &mut problems)
            };
            let anchor = format!("prioriteit-{}", p.id);
            let evaluation_html = match &p.evaluation {
                Some(serde_yaml::Value::String(md)) => Some(field("evaluation", md)),
                _ => None,
            };
            let evaluation = evaluation.map(|e| Evaluation {
                date: e.date.0,
                date_long: dates::long_date(e.date.0),
                meeting_line: e.meeting.as_ref().and(
                    evaluation_line.and_then(|at| yaml_lines::nested_key_line(text, at, "meeting")),
                ),
                meeting: e.meeting,
                went_well_html: field("evaluation", &e.went_well),
                not_yet_html: e.not_yet.as_deref().map(|md| field("evaluation", md)),
                next: e.next,
            });
            let plain = |v: Option<serde_yaml::Value>| match v? {
                serde_yaml::Value::String(s) => Some(s.trim().to_string()),
                serde_yaml::Value::Number(n) => Some(n.to_string()),
                serde_yaml::Value::Bool(b) => Some(if b { "ja" } else { "nee" }.to_string()),
                _ => None,
            };
            Priority {
                year: parsed.year,
                url: format!("{url}#{anchor}"),
                anchor,
                residents_html: field("residents", &p.residents),
                professionals_html: field("professionals", &p.professionals),
                evaluation_html,
                evaluation,
                goal: p
                    .goal
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty()),
                indicators: p
                    .indicators
                    .into_iter()
                    .map(|i| Indicator {
                        name: i.name.trim().to_string(),
                        target: plain(i.target),
                        actual: plain(i.actual),
                    })
                    .collect(),
                continues_line: lines.key_line("continues"),
                line: lines.found_line("id"),
                continues: p.continues,
                id: p.id,
                title: p.title.trim().to_string(),
                theme: p.theme.trim().to_string(),
                wijken: p.wijken.unwrap_or_default(),
                rank: p.rank,
                status: p.status,
            }
        })
        .collect();
    priorities.sort_by(|a, b| (a.rank, &a.title, &a.id).cmp(&(b.rank, &b.title, &b.id)));
    let intro_html = markdown::render_field(
        &parsed.intro,
        yaml_lines::top_level_line(text, "intro"),
        config,
        &file.rel,
        &mut problems,
    );
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Wijkplan {
        year: parsed.year,
        source: file.rel.clone(),
        phase: parsed.phase,
        adopted: parsed.adopted.map(|d| d.0),
        adopted_long: parsed
            .adopted
            .map(|d| dates::long_date(d.0))
            .unwrap_or_default(),
        intro_html,
        priorities,
        path,
        url,
    })
}

/// Loading a plan from text, for other modules' tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    pub fn load(file: &SourceFile, text: &str, config: &SiteConfig) -> Wijkplan {
        load_one(file, text, config).expect("a valid test plan")
    }
}

/// The block of more deeply indented lines under the key on 1-based line
/// `key_line`, without their common indentation, and that indentation; `None`
/// when the value is written on the key's own line (flow style).
fn block_under(text: &str, key_line: usize) -> Option<(String, usize)> {
    let mut lines = text.lines().skip(key_line.checked_sub(1)?);
    let key = lines.next()?;
    let key_indent = key.len() - key.trim_start().len();
    let block: Vec<&str> = lines
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > key_indent)
        .collect();
    let dedent = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()?;
    let text = block
        .iter()
        .map(|l| l.get(dedent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    Some((text, dedent))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "\
year: 2026
adopted: 2026-02-12
intro: |
  Het plan.
priorities:
  - id: groen
    title: Groen
    theme: Groen
    wijken: [noord]
    rank: 2
    residents: Bewoners planten.
    professionals: Stadsbeheer helpt.
    status: active
  - id: ouderen
    title: Ouderen
    theme: Ontmoeting
    rank: 1
    residents: Koffie.
    professionals: Buurtnetwerker.
    status: done
    evaluation: Goed gegaan.
";

    fn file(name: &str) -> SourceFile {
        SourceFile {
            kind: Kind::Wijkplan,
            rel: format!("content/wijkplan/{name}"),
            abs: std::path::PathBuf::from(name),
        }
    }

    fn load_text(name: &str, text: &str) -> Result<Wijkplan, Diagnostics> {
        let config = crate::model::test_support::config_at("https://x.nl/");
        load_one(&file(name), text, &config)
    }

    fn only_error(name: &str, text: &str) -> Diagnostic {
        let problems = load_text(name, text).unwrap_err().into_sorted();
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    }

    #[test]
    fn priorities_are_sorted_by_rank_and_know_their_url() {
        let plan = load_text("2026.yaml", PLAN).unwrap();
        let ids: Vec<&str> = plan.priorities.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ouderen", "groen"]);
        let groen = plan.priority("groen").unwrap();
        assert_eq!(groen.url, "/wijkplan/2026/#prioriteit-groen");
        assert_eq!(groen.key(), "2026/groen");
        assert!(groen.concerns("noord") && !groen.concerns("zuid"));
        assert!(plan.priority("ouderen").unwrap().concerns("zuid"));
        assert!(plan.intro_html.contains("<p>Het plan.</p>"));
        assert_eq!(
            plan.priority("ouderen").unwrap().evaluation_html.as_deref(),
            Some("<p>Goed gegaan.</p>\n")
        );
    }

    #[test]
    fn the_year_must_match_the_file_name() {
        let e = only_error("2025.yaml", PLAN);
        assert_eq!(e.line, Some(1));
        assert!(
            e.message.contains("2026") && e.message.contains("2025.yaml"),
            "{e}"
        );
    }

    #[test]
    fn a_duplicate_priority_id_is_reported_at_the_second() {
        let text = PLAN.replace("id: ouderen", "id: groen");
        let e = only_error("2026.yaml", &text);
        assert_eq!(e.line, Some(14));
        assert!(e.message.contains("twee keer"), "{e}");
    }

    #[test]
    fn an_unknown_wijk_names_the_known_ones() {
        let e = only_error("2026.yaml", &PLAN.replace("[noord]", "[west]"));
        assert_eq!(e.line, Some(9));
        assert!(e.message.contains("`west`"), "{e}");
        assert!(e.hint.unwrap().contains("noord"));
    }

    #[test]
    fn rank_zero_and_bad_ids_are_reported() {
        let text = PLAN
            .replace("rank: 1", "rank: 0")
            .replace("id: groen", "id: Groen Plan");
        let problems = load_text("2026.yaml", &text).unwrap_err().into_sorted();
        let lines: Vec<Option<usize>> = problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(6), Some(17)], "{problems:?}");
    }

    #[test]
    fn an_unknown_status_is_a_yaml_error_with_the_choices() {
        let e = only_error("2026.yaml", &PLAN.replace("status: done", "status: klaar"));
        assert!(e.message.contains("`klaar`"), "{e}");
        assert!(e.hint.unwrap().contains("dropped"));
    }

    #[test]
    fn a_problem_inside_an_evaluation_names_its_own_line_and_column() {
        let evaluation = "    evaluation:\n      date: 2026-10-27\n      went_well: |\n        Goed.\n\n        Echt.\n      next: verder\n";
        let text = PLAN.replace("    evaluation: Goed gegaan.\n", evaluation);
        let e = only_error("2026.yaml", &text);
        assert!(e.message.contains("`verder`"), "{e}");
        assert_eq!((e.line, e.column), (Some(27), Some(13)), "{e}");
        let e = only_error(
            "2026.yaml",
            &text.replace("date: 2026-10-27", "datum: 2026-10-27"),
        );
        assert!(e.message.contains("`datum`"), "{e}");
        assert_eq!(e.line, Some(22), "{e}");
    }

    #[test]
    fn the_current_plan_is_the_latest_not_after_the_build_year() {
        let plan = load_text("2026.yaml", PLAN).unwrap();
        let mut older = plan.clone();
        older.year = 2025;
        let mut newer = plan.clone();
        newer.year = 2027;
        let plans = [older, plan, newer];
        assert_eq!(current(&plans, 2026).unwrap().year, 2026);
        assert_eq!(current(&plans, 2030).unwrap().year, 2027);
        assert_eq!(current(&plans, 2020).unwrap().year, 2027, "else the latest");
        assert!(current(&[], 2026).is_none());
        assert_eq!(find_priority(&plans, "2026/groen").unwrap().year, 2026);
        assert!(find_priority(&plans, "2026/zwerfvuil").is_none());
        assert!(find_priority(&plans, "groen").is_none());
    }
}
