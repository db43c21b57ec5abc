//! Subsidy rounds (Projecten#Indebuurt): the requests from the area, what
//! the BuurtBestuur advised, what was decided, granted and spent.
//!
//! Loads `content/projecten/<round>.yaml` (format in docs/content-model.md),
//! checks every rule of the content model and turns each file into a
//! [`Round`], sorted by decision date. All money is [`Euros`] (whole cents);
//! totals are exact.
//!
//! Rules, each reported with file, line and hint: granted ≤ requested;
//! `rejected` ⇒ granted 0 and status `cancelled`; `granted` ⇒ granted =
//! requested; `partially_granted` ⇒ 0 < granted < requested; no negative
//! amounts; at most 2 decimals; the grants of a round ≤ its budget; spent ≤
//! granted; priority (`<year>/<id>`) and wijk exist; ids unique in a round;
//! no `1.250` written for twelve hundred and fifty.
//!
//! After loading, the sum of all requested amounts of the whole site fits
//! in an `i64` of cents (checked), and every amount is at least zero, so
//! every total computed from the model fits as well.

use crate::content::config::SiteConfig;
use crate::content::dates::{self, Date};
use crate::content::folders;
use crate::content::markdown;
use crate::content::source;
use crate::content::{Kind, SourceFile};
use crate::model::loader::{Loadable, load_all};
use crate::model::pages::url_for;
use crate::model::wijkplan::{self, Wijkplan};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::money::{self, Euros};
use crate::util::slug;
use crate::util::yaml_lines;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The keys whose values are amounts.
const AMOUNT_KEYS: &[&str] = &["budget", "requested", "granted", "spent", "returned"];

/// An amount as an editor wrote it, kept as a YAML value until the checks
/// read it (exactly, by [`money::from_yaml`]) where its key and line are
/// known: inside a `Deserialize` impl serde would only know the start of the
/// surrounding project, and would stop at the first problem.
#[derive(Debug)]
enum RawAmount {
    Value(serde_yaml::Value),
    /// An integer beyond 64 bits, which `serde_yaml::Value` cannot hold.
    HugeInteger(String),
}

impl<'de> Deserialize<'de> for RawAmount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawAmountVisitor)
    }
}

struct RawAmountVisitor;

impl<'de> serde::de::Visitor<'de> for RawAmountVisitor {
    type Value = RawAmount;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("een bedrag")
    }

    fn visit_i128<E>(self, v: i128) -> Result<RawAmount, E> {
        Ok(RawAmount::HugeInteger(v.to_string()))
    }

    fn visit_u128<E>(self, v: u128) -> Result<RawAmount, E> {
        Ok(RawAmount::HugeInteger(v.to_string()))
    }

    fn visit_bool<E>(self, v: bool) -> Result<RawAmount, E> {
        Ok(RawAmount::Value(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<RawAmount, E> {
        Ok(RawAmount::Value(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<RawAmount, E> {
        Ok(RawAmount::Value(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<RawAmount, E> {
        Ok(RawAmount::Value(v.into()))
    }

    fn visit_str<E>(self, v: &str) -> Result<RawAmount, E> {
        Ok(RawAmount::Value(v.into()))
    }

    fn visit_unit<E>(self) -> Result<RawAmount, E> {
        Ok(RawAmount::Value(serde_yaml::Value::Null))
    }

    fn visit_none<E>(self) -> Result<RawAmount, E> {
        Ok(RawAmount::Value(serde_yaml::Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawAmount, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(RawAmount::Value(serde_yaml::Value::Sequence(Vec::new())))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawAmount, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(RawAmount::Value(serde_yaml::Value::Mapping(
            serde_yaml::Mapping::new(),
        )))
    }
}

impl RawAmount {
    fn read(&self) -> Result<Euros, money::MoneyError> {
        match self {
            RawAmount::Value(value) => money::from_yaml(value),
            RawAmount::HugeInteger(digits) => money::parse(digits),
        }
    }
}

/// A project's amounts, once read and found not negative.
#[derive(Debug, Clone, Copy)]
struct Amounts {
    requested: Euros,
    granted: Euros,
    spent: Option<Euros>,
    returned: Option<Euros>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundFile {
    title: String,
    decided: Date,
    budget: Option<RawAmount>,
    /// The fund (content/fondsen.yaml) the round hands out.
    fund: Option<String>,
    opens: Option<Date>,
    closes: Option<Date>,
    /// The slug of the meeting where the BuurtBestuur advises.
    advice_meeting: Option<String>,
    decision_expected: Option<Date>,
    report_due: Option<Date>,
    projects: Vec<ProjectFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectFile {
    id: String,
    title: String,
    wijk: Option<String>,
    applicant: String,
    requested: RawAmount,
    granted: RawAmount,
    spent: Option<RawAmount>,
    returned: Option<RawAmount>,
    accounted: Option<AccountedFile>,
    category: Option<String>,
    /// May be left out when a report (content/verslagen/) records the advice.
    advice: Option<Advice>,
    decision: Decision,
    /// Why the decision differs from the advice, when it does.
    reason_differs: Option<String>,
    priority: Option<String>,
    #[serde(default)]
    summary: String,
    status: Status,
    #[serde(default)]
    milestones: Vec<MilestoneFile>,
    result: Option<String>,
}

/// When the report on the money was handed in and approved.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountedFile {
    submitted: Option<Date>,
    approved: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MilestoneFile {
    date: Date,
    title: String,
    note: Option<String>,
}

/// The BuurtBestuur's advice on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Advice {
    Positive,
    Negative,
    Conditional,
}

/// Indebuurt033's decision on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Granted,
    PartiallyGranted,
    Rejected,
}

/// Where a project stands. A rejected request is always `cancelled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Running,
    Completed,
    Cancelled,
}

impl Advice {
    /// The code used in the content files and in the open data.
    pub fn code(self) -> &'static str {
        match self {
            Advice::Positive => "positive",
            Advice::Negative => "negative",
            Advice::Conditional => "conditional",
        }
    }

    /// The Dutch word a report uses: `positief`, `negatief`, `voorwaardelijk`.
    pub fn dutch(self) -> &'static str {
        match self {
            Advice::Positive => "positief",
            Advice::Negative => "negatief",
            Advice::Conditional => "voorwaardelijk",
        }
    }

    /// Reads the Dutch word of a report.
    pub fn from_dutch(word: &str) -> Option<Advice> {
        [Advice::Positive, Advice::Negative, Advice::Conditional]
            .into_iter()
            .find(|a| a.dutch() == word.trim())
    }
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Granted => "granted",
            Decision::PartiallyGranted => "partially_granted",
            Decision::Rejected => "rejected",
        }
    }
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Running => "running",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// One subsidy round.
#[derive(Debug, Clone)]
pub struct Round {
    /// The file stem: `2026-ronde-1`.
    pub slug: String,
    /// The source file, relative to the site root.
    pub source: String,
    pub title: String,
    pub decided: NaiveDate,
    /// "woensdag 15 april 2026".
    pub decided_long: String,
    pub budget: Option<Euros>,
    /// The fund id from content/fondsen.yaml; `None` for the default.
    pub fund: Option<String>,
    /// The line of `fund:`, for the error when no such fund exists.
    pub fund_line: Option<usize>,
    /// The round's dates, each optional.
    pub dates: RoundDates,
    /// The slug of the meeting where the advice is given.
    pub advice_meeting: Option<String>,
    /// Its line in the file, for the error when no such meeting exists.
    pub advice_meeting_line: Option<usize>,
    /// In the order of the file.
    pub projects: Vec<Project>,
    /// `/projecten/2026-ronde-1/`.
    pub path: String,
    pub url: String,
    /// Absolute URL, for the newsletter.
    pub permalink: String,
}

/// The dates of a round: when requests can be made, when the advice and
/// the decision come, and when the projects report on their money.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RoundDates {
    pub opens: Option<NaiveDate>,
    pub closes: Option<NaiveDate>,
    pub decision_expected: Option<NaiveDate>,
    pub report_due: Option<NaiveDate>,
}

impl RoundDates {
    /// Whether requests can be made on `today` (from `opens` up to and
    /// including `closes`; both must be known).
    pub fn open_on(&self, today: NaiveDate) -> bool {
        matches!((self.opens, self.closes), (Some(o), Some(c)) if o <= today && today <= c)
    }
}

/// One request in a round.
#[derive(Debug, Clone)]
pub struct Project {
    pub id: String,
    /// The round's slug.
    pub round: String,
    pub title: String,
    /// Wijk slug; `None` is the whole area.
    pub wijk: Option<String>,
    pub applicant: String,
    pub requested: Euros,
    pub granted: Euros,
    /// `None` when nothing has been reported yet.
    pub spent: Option<Euros>,
    /// Money given back; `None` when none was.
    pub returned: Option<Euros>,
    /// When the report on the money was handed in.
    pub submitted: Option<NaiveDate>,
    /// When it was approved: the project is accounted for.
    pub approved: Option<NaiveDate>,
    /// One of site.yaml's `categories`.
    pub category: Option<String>,
    /// The advice: from the round file or, when that leaves it out, from
    /// the report that records it (`crate::model::verslagen::link`).
    pub advice: Advice,
    /// Whether the round file gives `advice:` itself.
    pub advice_written: bool,
    pub decision: Decision,
    /// Why the decision differs from the advice, as written (plain text).
    pub reason_differs: Option<String>,
    /// The line of the project's `- id:` in the round file.
    pub line: Option<usize>,
    /// `<year>/<id>` of a wijkplan priority.
    pub priority: Option<String>,
    pub summary_html: String,
    pub status: Status,
    /// By date.
    pub milestones: Vec<Milestone>,
    pub result_html: Option<String>,
    /// `/projecten/2026-ronde-1/buurttuin/`.
    pub path: String,
    pub url: String,
}

/// A step in a project.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub date: NaiveDate,
    pub date_long: String,
    pub title: String,
    pub note: Option<String>,
}

/// Exact sums over some projects. Spent money that is not reported yet is
/// unknown, not zero: `spent` adds only the known amounts, and
/// `spent_known` of `spending` says how many that are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub projects: usize,
    pub requested: Euros,
    /// Granted minus returned: the money the projects keep.
    pub granted: Euros,
    /// Granted as decided, before money was given back.
    pub granted_gross: Euros,
    /// Money given back.
    pub returned: Euros,
    /// The sum of the spent amounts that are known.
    pub spent: Euros,
    /// Projects that got money: those that can spend it.
    pub spending: usize,
    /// Of those, the projects whose spent amount is known.
    pub spent_known: usize,
}

impl Totals {
    /// The totals of `projects`. Cannot overflow for a loaded site (see the
    /// module documentation).
    pub fn of<'a>(projects: impl IntoIterator<Item = &'a Project>) -> Totals {
        let projects: Vec<&Project> = projects.into_iter().collect();
        Totals {
            projects: projects.len(),
            requested: projects.iter().map(|p| p.requested).sum(),
            granted: projects.iter().map(|p| p.net_granted()).sum(),
            granted_gross: projects.iter().map(|p| p.granted).sum(),
            returned: projects.iter().filter_map(|p| p.returned).sum(),
            spent: projects.iter().filter_map(|p| p.spent).sum(),
            spending: projects.iter().filter(|p| p.can_spend()).count(),
            spent_known: projects
                .iter()
                .filter(|p| p.can_spend() && p.spent.is_some())
                .count(),
        }
    }

    /// The known spent sum, or `None` when no spent amount is known.
    pub fn spent_if_known(&self) -> Option<Euros> {
        (self.spent_known > 0).then_some(self.spent)
    }

    /// Whether every project that can spend has reported what it spent.
    pub fn spent_complete(&self) -> bool {
        self.spent_known == self.spending
    }
}

impl Project {
    /// `<round>/<id>`: how reports and points refer to it.
    pub fn key(&self) -> String {
        format!("{}/{}", self.round, self.id)
    }

    /// Whether the decision goes against the advice: a request advised
    /// for (also under conditions) was rejected, or one advised against
    /// got money.
    pub fn decision_differs(&self) -> bool {
        (self.advice == Advice::Negative) != (self.decision == Decision::Rejected)
    }

    /// Whether the project got money to spend. (Spent is never above
    /// granted, so a project without money has nothing to add to a sum.)
    pub fn can_spend(&self) -> bool {
        self.granted > Euros::default()
    }

    /// Granted minus returned (never negative once loaded).
    pub fn net_granted(&self) -> Euros {
        match self.returned {
            Some(r) => self.granted.checked_sub(r).unwrap_or_default(),
            None => self.granted,
        }
    }
}

impl Round {
    /// Where the round's open data goes: `/projecten/<round>.csv` or `.json`.
    pub fn open_data_path(&self, ext: &str) -> String {
        format!("{}{}.{ext}", folders::PROJECTS.path, self.slug)
    }

    pub fn totals(&self) -> Totals {
        Totals::of(&self.projects)
    }

    /// Budget minus grants, when there is a budget (never negative once loaded).
    pub fn budget_left(&self) -> Option<Euros> {
        self.budget
            .and_then(|b| b.checked_sub(self.totals().granted))
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }
}

/// The project `<round>/<id>` with its round.
pub fn find_project<'a>(rounds: &'a [Round], key: &str) -> Option<(&'a Round, &'a Project)> {
    let (round, id) = key.split_once('/')?;
    let round = rounds.iter().find(|r| r.slug == round)?;
    Some((round, round.project(id)?))
}

/// The latest round decided on or before `today`.
pub fn latest_decided(rounds: &[Round], today: NaiveDate) -> Option<&Round> {
    rounds.iter().rev().find(|r| r.decided <= today)
}

/// Loads every round, sorted by decision date then slug. Priorities are
/// looked up in `plans`. A file with problems is left out.
pub fn load(
    files: &[SourceFile],
    config: &SiteConfig,
    plans: &[Wijkplan],
    problems: &mut Diagnostics,
) -> Vec<Round> {
    // A plan that failed to load has its own errors; projects pointing at
    // it are not reported again.
    let broken_years: BTreeSet<&str> = files
        .iter()
        .filter(|f| f.kind == Kind::Wijkplan)
        .map(SourceFile::stem)
        .filter(|stem| !plans.iter().any(|p| p.year.to_string() == *stem))
        .collect();
    let priorities = Priorities {
        plans,
        broken_years: &broken_years,
    };
    let mut rounds = load_all(
        files,
        |kind| *kind == Kind::Round,
        false,
        problems,
        |file, text| load_one(file, text, config, &priorities),
    );
    rounds.sort_by(|a, b| (a.decided, &a.slug).cmp(&(b.decided, &b.slug)));
    let all_requested = rounds
        .iter()
        .flat_map(|r| r.projects.iter().map(|p| p.requested).chain(r.budget));
    if Euros::checked_sum(all_requested).is_none() {
        problems.push(
            Diagnostic::error(
                folders::PROJECTS.source,
                "de bedragen samen zijn te groot om op te tellen",
            )
            .hint("controleer of er bij een bedrag niet te veel cijfers staan"),
        );
        return Vec::new();
    }
    rounds
}

/// Two rounds may not share a slug: they would share a web address.
impl Loadable for Round {
    fn source(&self) -> &str {
        &self.source
    }

    fn unique_key(&self) -> Option<String> {
        Some(self.slug.clone())
    }

    fn clash(&self, first: &Self) -> Diagnostic {
        Diagnostic::error(
            &self.source,
            format!(
                "dit bestand en {} krijgen hetzelfde adres {}",
                first.source, self.path
            ),
        )
        .hint("houd één bestand per ronde, met .yaml aan het eind")
    }
}

fn load_one(
    file: &SourceFile,
    text: &str,
    config: &SiteConfig,
    priorities: &Priorities,
) -> Result<Round, Diagnostics> {
    let mut problems = Diagnostics::new();
    let dots = yaml_lines::thousands_dots(text, AMOUNT_KEYS);
    problems.extend(dots.iter().map(|dot| thousands_dot_error(&file.rel, dot)));
    let parsed: RoundFile = match source::parse_yaml_file(text, &file.rel) {
        // With a misread amount the other checks would only confuse.
        Ok(_) if !dots.is_empty() => return Err(problems),
        Ok(parsed) => parsed,
        Err(d) => {
            if !dots.iter().any(|dot| Some(dot.line) == d.line) {
                problems.push(d);
            }
            return Err(problems);
        }
    };
    if parsed.title.trim().is_empty() {
        problems.push(
            Diagnostic::error(&file.rel, "de titel van de ronde is leeg")
                .at_opt(yaml_lines::top_level_line(text, "title"))
                .hint("schrijf achter `title:` de naam van de ronde"),
        );
    }
    let slug = file.stem().to_string();
    if !slug::is_valid(&slug) {
        problems.push(
            Diagnostic::error(
                &file.rel,
                format!("`{slug}` is geen geldige naam voor een ronde"),
            )
            .hint(format!(
                "noem het bestand met kleine letters, cijfers en -, bijvoorbeeld `{}.yaml`",
                slug::slugify(&slug)
            )),
        );
    }
    if let (Some(opens), Some(closes)) = (parsed.opens, parsed.closes)
        && closes < opens
    {
        problems.push(
            Diagnostic::error(
                &file.rel,
                format!(
                    "de ronde sluit op {}, vóór ze opengaat op {}",
                    dates::long_date(closes.0),
                    dates::long_date(opens.0)
                ),
            )
            .at_opt(yaml_lines::top_level_line(text, "closes"))
            .hint("controleer de datums achter `opens:` en `closes:`"),
        );
    }
    if let Some(due) = parsed.report_due
        && due < parsed.decided
    {
        problems.push(
            Diagnostic::error(
                &file.rel,
                format!(
                    "de verantwoording moet binnen zijn op {}, vóór het besluit van {}",
                    dates::long_date(due.0),
                    dates::long_date(parsed.decided.0)
                ),
            )
            .at_opt(yaml_lines::top_level_line(text, "report_due"))
            .hint("zet achter `report_due:` een datum na het besluit"),
        );
    }
    let items = yaml_lines::list_items(text, "projects");
    let mut seen = BTreeSet::new();
    let mut amounts = Vec::with_capacity(parsed.projects.len());
    for (index, project) in parsed.projects.iter().enumerate() {
        let lines = items.get(index).cloned().unwrap_or_default();
        let check = ProjectCheck {
            file: &file.rel,
            project,
            line: |key: &str| lines.found_line(key),
        };
        amounts.push(check.all(config, priorities, &mut problems));
        check.accounted(text, parsed.decided.0, &mut problems);
        if !seen.insert(project.id.as_str()) {
            problems.push(check.error(
                "id",
                format!("de id `{}` staat twee keer in deze ronde", project.id),
                "geef elk project een eigen id",
            ));
        }
    }
    let budget_line = yaml_lines::top_level_line(text, "budget");
    let budget = parsed.budget.as_ref().and_then(|value| {
        read_amount(&file.rel, budget_line, "budget", value)
            .map_err(|d| problems.push(d))
            .ok()
    });
    if let (Some(budget), Some(amounts)) = (
        budget,
        amounts.iter().copied().collect::<Option<Vec<Amounts>>>(),
    ) {
        check_budget(&file.rel, budget_line, budget, &amounts, &mut problems);
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let projects: Vec<(ProjectFile, Amounts)> = parsed
        .projects
        .into_iter()
        .zip(amounts)
        .filter_map(|(project, amounts)| Some((project, amounts?)))
        .collect();
    let head = RoundHead {
        title: parsed.title,
        decided: parsed.decided,
        budget,
        fund_line: parsed
            .fund
            .as_ref()
            .and(yaml_lines::top_level_line(text, "fund")),
        fund: parsed.fund,
        dates: RoundDates {
            opens: parsed.opens.map(|d| d.0),
            closes: parsed.closes.map(|d| d.0),
            decision_expected: parsed.decision_expected.map(|d| d.0),
            report_due: parsed.report_due.map(|d| d.0),
        },
        advice_meeting_line: parsed
            .advice_meeting
            .as_ref()
            .and(yaml_lines::top_level_line(text, "advice_meeting")),
        advice_meeting: parsed.advice_meeting,
    };
    let round = build_round(file, config, head, projects, slug, &items, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(round)
}

/// The checked top of a round file.
struct RoundHead {
    title: String,
    decided: Date,
    budget: Option<Euros>,
    fund: Option<String>,
    fund_line: Option<usize>,
    dates: RoundDates,
    advice_meeting: Option<String>,
    advice_meeting_line: Option<usize>,
}

/// Turns a checked round file into the model.
fn build_round(
    file: &SourceFile,
    config: &SiteConfig,
    head: RoundHead,
    projects: Vec<(ProjectFile, Amounts)>,
    slug: String,
    items: &[yaml_lines::ItemLines],
    problems: &mut Diagnostics,
) -> Round {
    let path = folders::PROJECTS.item_path(&slug);
    let projects = projects
        .into_iter()
        .enumerate()
        .map(|(index, (p, amounts))| {
            let lines = items.get(index).cloned().unwrap_or_default();
            let mut field = |key: &str, md: &str| {
                markdown::render_field(md, lines.found_line(key), config, &file.rel, problems)
            };
            let summary_html = field("summary", &p.summary);
            let result_html = p.result.as_deref().map(|md| field("result", md));
            let mut milestones: Vec<Milestone> = p
                .milestones
                .into_iter()
                .map(|m| Milestone {
                    date: m.date.0,
                    date_long: dates::long_date(m.date.0),
                    title: m.title.trim().to_string(),
                    note: m.note.map(|n| n.trim().to_string()),
                })
                .collect();
            milestones.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
            let project_path = format!("{path}{}/", p.id);
            Project {
                round: slug.clone(),
                title: p.title.trim().to_string(),
                wijk: p.wijk,
                applicant: p.applicant.trim().to_string(),
                requested: amounts.requested,
                granted: amounts.granted,
                spent: amounts.spent,
                advice: p.advice.unwrap_or(Advice::Positive),
                advice_written: p.advice.is_some(),
                returned: amounts.returned,
                submitted: p.accounted.as_ref().and_then(|a| a.submitted).map(|d| d.0),
                approved: p.accounted.as_ref().and_then(|a| a.approved).map(|d| d.0),
                category: p.category,
                decision: p.decision,
                reason_differs: p
                    .reason_differs
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty()),
                line: (lines.start > 0).then_some(lines.start),
                priority: p.priority,
                summary_html,
                status: p.status,
                milestones,
                result_html,
                url: url_for(config, &project_path),
                path: project_path,
                id: p.id,
            }
        })
        .collect();
    Round {
        source: file.rel.clone(),
        title: head.title.trim().to_string(),
        decided: head.decided.0,
        decided_long: dates::long_date(head.decided.0),
        budget: head.budget,
        fund: head.fund,
        fund_line: head.fund_line,
        dates: head.dates,
        advice_meeting: head.advice_meeting,
        advice_meeting_line: head.advice_meeting_line,
        projects,
        url: url_for(config, &path),
        permalink: config.absolute_url(&path),
        path,
        slug,
    }
}

/// `requested: 1.250`: YAML reads 1.25; the editor meant 1250.
pub(crate) fn thousands_dot_error(file: &str, dot: &yaml_lines::ThousandsDot) -> Diagnostic {
    Diagnostic::error(
        file,
        format!(
            "`{}: {}`: gebruik geen punt tussen duizendtallen",
            dot.key, dot.value
        ),
    )
    .at_line(dot.line)
    .hint(format!(
        "bedoelt u {euros} euro, schrijf dan {euros}; een bedrag met centen schrijft u \
         met twee cijfers na de komma, zoals 12,50",
        euros = dot.value.replace('.', ""),
    ))
}

/// The round's grants stay within its budget.
fn check_budget(
    file: &str,
    line: Option<usize>,
    budget: Euros,
    amounts: &[Amounts],
    problems: &mut Diagnostics,
) {
    let granted = Euros::checked_sum(amounts.iter().map(|a| a.granted));
    if let Some(granted) = granted.filter(|g| *g > budget) {
        problems.push(
            Diagnostic::error(
                file,
                format!("er is samen {granted} toegekend, meer dan het budget van {budget}"),
            )
            .at_opt(line)
            .hint("verlaag de toekenningen, of zet het echte budget achter `budget:`"),
        );
    }
}

/// Reads the amount under `key` exactly; it may not be negative.
fn read_amount(
    file: &str,
    line: Option<usize>,
    key: &str,
    value: &RawAmount,
) -> Result<Euros, Diagnostic> {
    let amount = value.read().map_err(|e| {
        Diagnostic::error(file, format!("`{key}`: {e}"))
            .at_opt(line)
            .hint(e.hint())
    })?;
    if amount.is_negative() {
        return Err(negative(file, line, key, amount));
    }
    Ok(amount)
}

fn negative(file: &str, line: Option<usize>, key: &str, amount: Euros) -> Diagnostic {
    Diagnostic::error(file, format!("`{key}` is negatief: {amount}"))
        .at_opt(line)
        .hint("bedragen zijn nooit kleiner dan 0; schrijf het bedrag zonder minteken")
}

/// The checks on one project, with the lines of its keys.
struct ProjectCheck<'a, F: Fn(&str) -> Option<usize>> {
    file: &'a str,
    project: &'a ProjectFile,
    line: F,
}

impl<F: Fn(&str) -> Option<usize>> ProjectCheck<'_, F> {
    fn error(&self, key: &str, message: String, hint: &str) -> Diagnostic {
        Diagnostic::error(self.file, message)
            .at_opt((self.line)(key))
            .hint(hint)
    }

    /// Every check on the project; its amounts when they could be read.
    fn all(
        &self,
        config: &SiteConfig,
        priorities: &Priorities,
        problems: &mut Diagnostics,
    ) -> Option<Amounts> {
        let p = self.project;
        if !slug::is_valid(&p.id) {
            problems.push(self.error(
                "id",
                format!("`{}` is geen geldige id", p.id),
                &format!(
                    "gebruik alleen kleine letters, cijfers en -, bijvoorbeeld `{}`",
                    slug::slugify(&p.id)
                ),
            ));
        }
        if p.title.trim().is_empty() {
            problems.push(self.error(
                "title",
                format!("de titel van project `{}` is leeg", p.id),
                "schrijf achter `title:` de naam van het project",
            ));
        }
        if let Some(wijk) = &p.wijk
            && let Some(known) = config.unknown_wijk(wijk)
        {
            problems.push(self.error(
                "wijk",
                format!("de wijk `{wijk}` staat niet in site.yaml"),
                &format!("{known}; laat `wijk` weg als het project voor het hele gebied is"),
            ));
        }
        if let Some(key) = &p.priority
            && !priorities.exists_or_unknowable(key)
        {
            problems.push(self.error(
                "priority",
                format!("de prioriteit `{key}` bestaat niet"),
                &priority_hint(priorities.plans, key),
            ));
        }
        if let Some(category) = &p.category
            && !config.categories.iter().any(|c| c == category)
        {
            let hint = if config.categories.is_empty() {
                "zet in site.yaml een lijst `categories:` met de soorten projecten, of laat `category` weg".to_string()
            } else {
                format!(
                    "kies een soort uit `categories` in site.yaml: {}",
                    config.categories.join(", ")
                )
            };
            problems.push(self.error(
                "category",
                format!("de soort `{category}` staat niet in site.yaml"),
                &hint,
            ));
        }
        let amounts = self.amounts(problems)?;
        self.money_rules(amounts, problems);
        Some(amounts)
    }

    /// Reads the three amounts, reporting each one that is wrong.
    fn amounts(&self, problems: &mut Diagnostics) -> Option<Amounts> {
        let p = self.project;
        let mut read = |key: &str, value: &RawAmount| {
            read_amount(self.file, (self.line)(key), key, value)
                .map_err(|d| problems.push(d))
                .ok()
        };
        let requested = read("requested", &p.requested);
        let granted = read("granted", &p.granted);
        let spent = match &p.spent {
            Some(value) => Some(read("spent", value)?),
            None => None,
        };
        let returned = match &p.returned {
            Some(value) => Some(read("returned", value)?),
            None => None,
        };
        Some(Amounts {
            requested: requested?,
            granted: granted?,
            spent,
            returned,
        })
    }

    /// How requested, granted and spent must relate to the decision.
    fn money_rules(&self, amounts: Amounts, problems: &mut Diagnostics) {
        let p = self.project;
        let Amounts {
            requested,
            granted,
            spent,
            returned,
        } = amounts;
        let (requested_nl, granted_nl) = (requested.format_nl(), granted.format_nl());
        match p.decision {
            Decision::Rejected if granted != Euros::zero() => problems.push(self.error(
                "granted",
                format!("de aanvraag is afgewezen, maar er is {granted_nl} toegekend"),
                "zet `granted: 0`, of kies `decision: granted` of `partially_granted`",
            )),
            Decision::Rejected if p.status != Status::Cancelled => problems.push(self.error(
                "status",
                format!(
                    "de aanvraag is afgewezen, maar de status is `{}`",
                    p.status.code()
                ),
                "een afgewezen aanvraag gaat niet door: zet `status: cancelled`",
            )),
            Decision::Granted if granted != requested => problems.push(self.error(
                "granted",
                format!(
                    "het besluit is `granted` (helemaal toegekend), maar er is {granted_nl} toegekend en {requested_nl} gevraagd"
                ),
                "kies `decision: partially_granted` als er minder is toegekend, of zet bij `granted` hetzelfde bedrag als bij `requested`",
            )),
            _ if granted > requested => problems.push(self.error(
                "granted",
                format!("er is {granted_nl} toegekend, meer dan de {requested_nl} die gevraagd is"),
                "er kan niet meer worden toegekend dan gevraagd; controleer beide bedragen",
            )),
            Decision::PartiallyGranted if granted == Euros::zero() || granted == requested => {
                problems.push(self.error(
                    "decision",
                    format!(
                        "het besluit is `partially_granted` (deels toegekend), maar er is {granted_nl} toegekend van {requested_nl}"
                    ),
                    "kies `decision: granted` als alles is toegekend, of `rejected` als er niets is toegekend",
                ))
            }
            _ => {}
        }
        if let Some(spent) = spent
            && spent > granted
        {
            problems.push(self.error(
                "spent",
                format!(
                    "er is {} besteed, meer dan de {granted_nl} die is toegekend",
                    spent.format_nl()
                ),
                "controleer het bestede bedrag; het kan niet hoger zijn dan het toegekende",
            ));
        }
        let Some(returned) = returned else {
            return;
        };
        if returned > granted {
            problems.push(self.error(
                "returned",
                format!(
                    "er is {} terugbetaald, meer dan de {granted_nl} die is toegekend",
                    returned.format_nl()
                ),
                "controleer het terugbetaalde bedrag; het kan niet hoger zijn dan het toegekende",
            ));
        } else if let Some(spent) = spent
            && Euros::checked_sum([spent, returned]).is_none_or(|sum| sum > granted)
        {
            problems.push(self.error(
                "returned",
                format!(
                    "besteed ({}) en terugbetaald ({}) zijn samen meer dan de {granted_nl} die is toegekend",
                    spent.format_nl(),
                    returned.format_nl()
                ),
                "wat besteed is en wat is teruggegeven, kan samen niet meer zijn dan het toegekende; controleer `spent` en `returned`",
            ));
        }
    }

    /// The report on the money comes after the decision, and is approved
    /// after it was handed in; a category is one of site.yaml's.
    fn accounted(&self, text: &str, decided: NaiveDate, problems: &mut Diagnostics) {
        let p = self.project;
        let Some(accounted) = &p.accounted else {
            return;
        };
        let parent = (self.line)("accounted");
        let line = |key: &str| {
            parent
                .and_then(|at| yaml_lines::nested_key_line(text, at, key))
                .or(parent)
        };
        let error = |key: &str, message: String, hint: &str| {
            Diagnostic::error(self.file, message)
                .at_opt(line(key))
                .hint(hint)
        };
        let decided_nl = dates::long_date(decided);
        if let Some(submitted) = accounted.submitted.map(|d| d.0)
            && submitted < decided
        {
            problems.push(error(
                "submitted",
                format!(
                    "de verantwoording is ingeleverd op {}, vóór het besluit van {decided_nl}",
                    dates::long_date(submitted)
                ),
                "een project legt pas verantwoording af na het besluit; controleer de datum achter `submitted:`",
            ));
        }
        if let Some(approved) = accounted.approved.map(|d| d.0) {
            if approved < decided {
                problems.push(error(
                    "approved",
                    format!(
                        "de verantwoording is goedgekeurd op {}, vóór het besluit van {decided_nl}",
                        dates::long_date(approved)
                    ),
                    "controleer de datum achter `approved:`",
                ));
            } else if let Some(submitted) = accounted.submitted.map(|d| d.0)
                && approved < submitted
            {
                problems.push(error(
                    "approved",
                    format!(
                        "de verantwoording is goedgekeurd op {}, vóór ze werd ingeleverd op {}",
                        dates::long_date(approved),
                        dates::long_date(submitted)
                    ),
                    "controleer de datums achter `submitted:` en `approved:`",
                ));
            }
            if accounted.submitted.is_none() {
                problems.push(error(
                    "approved",
                    "de verantwoording is goedgekeurd, maar er staat niet wanneer ze is ingeleverd".into(),
                    "zet onder `accounted:` ook `submitted:` met de datum waarop de verantwoording binnenkwam",
                ));
            }
        }
    }
}

/// The priorities projects may point at.
struct Priorities<'a> {
    plans: &'a [Wijkplan],
    /// Years whose plan file has errors of its own.
    broken_years: &'a BTreeSet<&'a str>,
}

impl Priorities<'_> {
    /// Whether `key` names a priority, or its year's plan failed to load.
    fn exists_or_unknowable(&self, key: &str) -> bool {
        let year = key.split_once('/').map_or("", |(year, _)| year);
        wijkplan::find_priority(self.plans, key).is_some() || self.broken_years.contains(year)
    }
}

/// Says how a priority is written and which ones exist in that year, with
/// "bedoelt u …?" for the nearest one (case and small typos forgiven).
fn priority_hint(plans: &[Wijkplan], key: &str) -> String {
    let all: Vec<String> = plans
        .iter()
        .flat_map(|plan| {
            plan.priorities
                .iter()
                .map(move |p| format!("{}/{}", plan.year, p.id))
        })
        .collect();
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    let list = priority_list(plans, key);
    match crate::util::suggest::closest(key, &all) {
        Some(best) => format!(
            "bedoelt u `{best}`? {}",
            crate::util::suggest::capitalised(&list)
        ),
        None => list,
    }
}

fn priority_list(plans: &[Wijkplan], key: &str) -> String {
    let Some((year, _)) = key.split_once('/') else {
        return "schrijf `<jaar>/<id>`, bijvoorbeeld `2026/groen`".into();
    };
    match plans.iter().find(|p| p.year.to_string() == year) {
        Some(plan) => {
            let ids: Vec<&str> = plan.priorities.iter().map(|p| p.id.as_str()).collect();
            format!("prioriteiten in {year}: {}", ids.join(", "))
        }
        None => {
            let years: Vec<String> = plans.iter().map(|p| p.year.to_string()).collect();
            format!(
                "er is geen wijkplan voor {year}; wel voor: {}",
                if years.is_empty() {
                    "geen enkel jaar".to_string()
                } else {
                    years.join(", ")
                }
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "year: 2026\nadopted: 2026-02-12\npriorities:\n  - id: groen\n    \
        title: Groen\n    theme: Groen\n    rank: 1\n    residents: r\n    professionals: p\n    \
        status: active\n";

    /// Line 1-4 are the round; each project starts at 5 + 8 × its index.
    fn round(projects: &[&str]) -> String {
        let mut text = String::from("title: Ronde\ndecided: 2026-04-01\nbudget: 100\nprojects:\n");
        for p in projects {
            text.push_str(p);
        }
        text
    }

    fn project(id: &str, amounts: &str, decision: &str) -> String {
        format!(
            "  - id: {id}\n    title: Project {id}\n    applicant: Bewoners\n{amounts}    \
             advice: positive\n    decision: {decision}\n    status: running\n"
        )
    }

    fn load_text(text: &str) -> Result<Round, Vec<Diagnostic>> {
        let config = crate::model::test_support::config_at("https://x.nl/");
        let plan_file = SourceFile {
            kind: Kind::Wijkplan,
            rel: "content/wijkplan/2026.yaml".into(),
            abs: "2026.yaml".into(),
        };
        let mut problems = Diagnostics::new();
        let plans = vec![crate::model::wijkplan::test_support::load(
            &plan_file, PLAN, &config,
        )];
        let file = SourceFile {
            kind: Kind::Round,
            rel: "content/projecten/2026-1.yaml".into(),
            abs: "2026-1.yaml".into(),
        };
        let broken = BTreeSet::new();
        let priorities = Priorities {
            plans: &plans,
            broken_years: &broken,
        };
        let result = load_one(&file, text, &config, &priorities);
        problems.extend(result.as_ref().err().cloned().unwrap_or_default());
        result.map_err(|_| problems.into_sorted())
    }

    /// The only problem of `text`: its line and message.
    fn problem(text: &str) -> (Option<usize>, String) {
        let problems = load_text(text).expect_err("a problem");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let d = &problems[0];
        assert!(d.hint.is_some(), "every problem has a hint: {d}");
        (d.line, d.message.clone())
    }

    #[test]
    fn amounts_are_read_exactly_and_totals_add_up_to_the_cent() {
        let text = round(&[
            &project(
                "a",
                "    requested: 0.1\n    granted: 0.1\n    spent: \"0,10\"\n",
                "granted",
            ),
            &project(
                "b",
                "    requested: 0.2\n    granted: \"0.20\"\n",
                "granted",
            ),
        ]);
        let round = load_text(&text).unwrap();
        let totals = round.totals();
        assert_eq!(totals.requested, Euros::from_cents(30));
        assert_eq!(totals.granted, Euros::from_cents(30));
        assert_eq!(totals.spent, Euros::from_cents(10), "only known amounts");
        assert_eq!((totals.spent_known, totals.spending), (1, 2));
        assert!(!totals.spent_complete());
        assert_eq!(totals.spent_if_known(), Some(Euros::from_cents(10)));
        assert_eq!(round.budget_left(), Some(Euros::from_cents(9970)));
        assert_eq!(round.project("b").unwrap().url, "/projecten/2026-1/b/");
    }

    #[test]
    fn granted_above_requested_is_reported_at_granted() {
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 12\n",
            "partially_granted",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(9));
        assert!(
            message.contains("€\u{a0}12,00") && message.contains("meer dan"),
            "{message}"
        );
    }

    #[test]
    fn a_rejected_request_cannot_have_a_grant_or_run() {
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 5\n",
            "rejected",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(9));
        assert!(message.contains("afgewezen"), "{message}");
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 0\n",
            "rejected",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(12), "the status line");
        assert!(message.contains("`running`"), "{message}");
    }

    #[test]
    fn a_full_grant_must_equal_the_request() {
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 9.99\n",
            "granted",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(9));
        assert!(message.contains("`granted`"), "{message}");
    }

    #[test]
    fn a_partial_grant_is_more_than_nothing_and_less_than_asked() {
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 10\n",
            "partially_granted",
        )]);
        assert_eq!(problem(&text).0, Some(11), "the decision line");
    }

    #[test]
    fn negative_amounts_are_reported_on_their_own_line() {
        let text = round(&[&project(
            "a",
            "    requested: -10\n    granted: 0\n    spent: \"-1,50\"\n",
            "partially_granted",
        )]);
        let problems = load_text(&text).unwrap_err();
        let lines: Vec<Option<usize>> = problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(8), Some(10)], "{problems:#?}");
        assert!(problems.iter().all(|d| d.message.contains("negatief")));
    }

    #[test]
    fn more_than_two_decimals_is_reported_on_its_line() {
        let text = round(&[&project(
            "a",
            "    requested: 10.5\n    granted: 1.0051\n",
            "partially_granted",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(9));
        assert!(
            message.starts_with("`granted`: ‘1.0051’") && message.contains("twee cijfers"),
            "{message}"
        );
        let text = text.replace("1.0051", "\"0,001\"");
        let (line, message) = problem(&text);
        assert_eq!(line, Some(9));
        assert!(message.contains("‘0,001’"), "{message}");
    }

    #[test]
    fn every_unreadable_amount_is_named_on_its_own_line() {
        let text = round(&[
            &project("a", "    requested:\n    granted: [1]\n", "granted"),
            &project("b", "    requested: veel\n    granted: 1\n", "granted"),
        ]);
        let problems = load_text(&text).unwrap_err();
        let found: Vec<(Option<usize>, &str)> = problems
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (Some(8), "`requested`: er staat geen bedrag"),
                (
                    Some(9),
                    "`granted`: hier hoort één bedrag te staan, maar er staat een lijst"
                ),
                (Some(16), "`requested`: ‘veel’ is geen bedrag"),
            ]
        );
    }

    #[test]
    fn an_integer_beyond_64_bits_is_too_large_not_a_yaml_error() {
        let text = round(&[&project(
            "a",
            "    requested: 123456789012345678901234567890\n    granted: 0\n",
            "partially_granted",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(8));
        assert!(
            message.starts_with("`requested`: ‘123456789012345678901234567890’ is te groot"),
            "{message}"
        );
    }

    #[test]
    fn spent_above_granted_is_reported() {
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 10\n    spent: 10.01\n",
            "granted",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(10));
        assert!(message.contains("besteed"), "{message}");
    }

    #[test]
    fn grants_over_the_budget_are_reported_at_the_budget() {
        let text = round(&[
            &project("a", "    requested: 60\n    granted: 60\n", "granted"),
            &project("b", "    requested: 40.01\n    granted: 40.01\n", "granted"),
        ]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(3));
        assert!(
            message.contains("€\u{a0}100,01") && message.contains("€\u{a0}100,00"),
            "{message}"
        );
    }

    #[test]
    fn unknown_priorities_and_wijken_name_what_exists() {
        let mut text = round(&[&project(
            "a",
            "    requested: 1\n    granted: 1\n",
            "granted",
        )]);
        text.push_str("    priority: 2026/grone\n    wijk: west\n");
        let problems = load_text(&text).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(problems[0].line, Some(13));
        assert!(problems[0].hint.as_deref().unwrap().contains("groen"));
        assert_eq!(problems[1].line, Some(14));
        assert!(problems[1].hint.as_deref().unwrap().contains("noord"));
        let unknown_year = text.replace("2026/grone", "2024/groen");
        let problems = load_text(&unknown_year).unwrap_err();
        assert!(
            problems[0].hint.as_deref().unwrap().contains("2026"),
            "{problems:#?}"
        );
    }

    #[test]
    fn duplicate_ids_are_reported_at_the_second() {
        let text = round(&[
            &project("a", "    requested: 1\n    granted: 1\n", "granted"),
            &project("a", "    requested: 1\n    granted: 1\n", "granted"),
        ]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(13));
        assert!(message.contains("twee keer"), "{message}");
    }

    #[test]
    fn a_dot_between_thousands_is_caught_although_yaml_reads_a_number() {
        let text = round(&[&project(
            "a",
            "    requested: 1.250\n    granted: 0\n",
            "rejected",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(8));
        assert!(
            message.contains("gebruik geen punt tussen duizendtallen"),
            "{message}"
        );
        let text = round(&[&project(
            "a",
            "    requested: 1.250.000\n    granted: 0\n",
            "rejected",
        )]);
        assert_eq!(
            problem(&text).0,
            Some(8),
            "reported once, not also as a YAML error"
        );
    }

    #[test]
    fn returned_money_is_subtracted_from_the_totals_to_the_cent() {
        let text = round(&[
            &project(
                "a",
                "    requested: 50\n    granted: 50\n    spent: 39.9\n    returned: 10.1\n",
                "granted",
            ),
            &project("b", "    requested: 20.05\n    granted: 20.05\n", "granted"),
        ]);
        let round = load_text(&text).unwrap();
        let t = round.totals();
        assert_eq!(t.granted_gross, Euros::from_cents(7005));
        assert_eq!(t.returned, Euros::from_cents(1010));
        assert_eq!(t.granted, Euros::from_cents(5995));
        assert_eq!(round.budget_left(), Some(Euros::from_cents(4005)));
        assert_eq!(
            round.project("a").unwrap().net_granted(),
            Euros::from_cents(3990)
        );
    }

    #[test]
    fn returned_more_than_granted_is_reported_at_returned() {
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 10\n    returned: 10.01\n",
            "granted",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(10));
        assert!(
            message.contains("terugbetaald") && message.contains("€\u{a0}10,01"),
            "{message}"
        );
        let text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 10\n    spent: 6\n    returned: 4.01\n",
            "granted",
        )]);
        let (line, message) = problem(&text);
        assert_eq!(line, Some(11));
        assert!(message.contains("samen meer"), "{message}");
    }

    #[test]
    fn a_report_before_the_decision_is_reported_at_its_date() {
        let mut text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 10\n",
            "granted",
        )]);
        text.push_str("    accounted:\n      submitted: 2026-03-31\n      approved: 2026-04-02\n");
        let (line, message) = problem(&text);
        assert_eq!(line, Some(14));
        assert!(message.contains("vóór het besluit"), "{message}");
        let text = text.replace("2026-03-31", "2026-04-05");
        let (line, message) = problem(&text);
        assert_eq!(line, Some(15));
        assert!(message.contains("vóór ze werd ingeleverd"), "{message}");
        let round = load_text(&text.replace("2026-04-02", "2026-04-09")).unwrap();
        let p = round.project("a").unwrap();
        assert_eq!(p.approved.unwrap().to_string(), "2026-04-09");
    }

    #[test]
    fn a_category_must_be_in_site_yaml() {
        let mut text = round(&[&project(
            "a",
            "    requested: 10\n    granted: 10\n",
            "granted",
        )]);
        text.push_str("    category: feest\n");
        let (line, message) = problem(&text);
        assert_eq!(line, Some(13));
        assert!(message.contains("`feest`"), "{message}");
    }

    #[test]
    fn round_dates_are_read_and_checked() {
        let text = round(&[]).replace(
            "budget: 100\n",
            "budget: 100\nopens: 2026-02-01\ncloses: 2026-03-15\nreport_due: 2027-01-31\nadvice_meeting: m\n",
        );
        let round = load_text(&text).unwrap();
        let date = |d| crate::content::dates::parse_date(d).unwrap();
        assert!(round.dates.open_on(date("2026-03-15")));
        assert!(!round.dates.open_on(date("2026-03-16")));
        assert!(!round.dates.open_on(date("2026-01-31")));
        assert_eq!(round.advice_meeting_line, Some(7));
        let (line, message) = problem(&text.replace("closes: 2026-03-15", "closes: 2026-01-15"));
        assert_eq!(line, Some(5));
        assert!(message.contains("sluit"), "{message}");
        let (line, _) = problem(&text.replace("2027-01-31", "2026-01-31"));
        assert_eq!(line, Some(6));
    }

    fn dated(slug: &str, date: &str) -> Round {
        let decided = crate::content::dates::parse_date(date).unwrap();
        Round {
            slug: slug.into(),
            source: String::new(),
            title: slug.into(),
            decided,
            decided_long: String::new(),
            budget: None,
            fund: None,
            fund_line: None,
            dates: RoundDates::default(),
            advice_meeting: None,
            advice_meeting_line: None,
            projects: Vec::new(),
            path: String::new(),
            url: String::new(),
            permalink: String::new(),
        }
    }

    #[test]
    fn the_latest_decided_round_is_the_newest_up_to_the_date() {
        let rounds = [
            dated("a", "2026-01-10"),
            dated("b", "2026-03-01"),
            dated("c", "2026-04-15"),
        ];
        let date = |d| crate::content::dates::parse_date(d).unwrap();
        assert_eq!(
            latest_decided(&rounds, date("2026-04-14")).unwrap().slug,
            "b"
        );
        assert!(latest_decided(&rounds, date("2025-12-31")).is_none());
    }
}
