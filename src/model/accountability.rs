//! Accountability for money: the checks that link rounds and plans to
//! meetings, and the yearly account (`/verantwoording/<year>/`).
//!
//! The money rules (docs/content-model.md, "Money rules"):
//! - a project's *granted* in every total is what it keeps: granted as
//!   decided minus `returned` ([`Project::net_granted`]);
//! - *spent* adds only the amounts that are known; an unknown amount is
//!   never counted as zero, and every figure says how many are known;
//! - *still to account for* is the kept money of every funded project
//!   whose report (`accounted.approved`) is not approved yet;
//! - a project *owes* its report when its round's `report_due` has passed
//!   (before the build date) and it has not handed one in (`submitted`).
//!
//! A project belongs to the year its round was decided in. Only projects
//! that got money are in the account; rejected requests are on the round
//! pages.

use crate::model::Site;
use crate::model::projects::{Project, Round};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::money::Euros;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Every meeting a round or an evaluation names exists.
pub fn check_links(site: &Site, problems: &mut Diagnostics) {
    let slugs: Vec<&str> = site
        .agenda
        .meetings
        .iter()
        .map(|m| m.slug.as_str())
        .collect();
    let unknown = |file: &str, line: Option<usize>, key: &str, slug: &str| {
        let hint = match crate::util::suggest::closest(slug, &slugs) {
            Some(best) => format!(
                "bedoelt u `{best}`? Schrijf de naam van het bestand van de bijeenkomst in content/bijeenkomsten/, zonder .md"
            ),
            None => "schrijf de naam van het bestand van de bijeenkomst in content/bijeenkomsten/, zonder .md; of laat het veld weg".to_string(),
        };
        Diagnostic::error(
            file,
            format!("`{key}: {slug}`: die bijeenkomst bestaat niet"),
        )
        .at_opt(line)
        .hint(hint)
    };
    let fund_ids: Vec<&str> = site.funds.iter().map(|f| f.id.as_str()).collect();
    for round in &site.rounds {
        if let Some(fund) = &round.fund
            && !fund_ids.contains(&fund.as_str())
        {
            let hint = if fund_ids.is_empty() {
                "zet het fonds in content/fondsen.yaml, of laat `fund` weg".to_string()
            } else {
                format!("fondsen in content/fondsen.yaml: {}", fund_ids.join(", "))
            };
            problems.push(
                Diagnostic::error(&round.source, format!("het fonds `{fund}` bestaat niet"))
                    .at_opt(round.fund_line)
                    .hint(hint),
            );
        }
        if let Some(slug) = &round.advice_meeting
            && site.agenda.get(slug).is_none()
        {
            problems.push(unknown(
                &round.source,
                round.advice_meeting_line,
                "advice_meeting",
                slug,
            ));
        }
    }
    for plan in &site.wijkplannen {
        for p in &plan.priorities {
            if let Some(e) = &p.evaluation
                && let Some(slug) = &e.meeting
                && site.agenda.get(slug).is_none()
            {
                problems.push(unknown(&plan.source, e.meeting_line, "meeting", slug));
            }
        }
    }
}

/// `check`'s warnings: a plan whose year is over has a priority without
/// an evaluation.
pub fn warnings(site: &Site) -> Diagnostics {
    let mut found = Diagnostics::new();
    let year = site.build_date().year();
    for plan in site.wijkplannen.iter().filter(|p| p.year < year) {
        for p in plan.priorities.iter().filter(|p| !p.is_evaluated()) {
            found.push(
                Diagnostic::warning(
                    &plan.source,
                    format!(
                        "{} is voorbij, maar prioriteit `{}` heeft nog geen evaluatie",
                        plan.year, p.id
                    ),
                )
                .at_opt(p.line)
                .hint("zet onder de prioriteit `evaluation:` met date, meeting, went_well, not_yet en next"),
            );
        }
    }
    found
}

/// Money figures of some projects, exact to the cent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub projects: usize,
    /// Kept: granted minus returned.
    pub granted: Euros,
    pub returned: Euros,
    /// The known spent amounts added up.
    pub spent: Euros,
    /// How many projects reported what they spent.
    pub spent_known: usize,
    /// The kept money of projects whose report is not approved.
    pub to_account: Euros,
    pub to_account_projects: usize,
}

impl Figures {
    pub fn of<'a>(projects: impl IntoIterator<Item = &'a Project>) -> Figures {
        let mut f = Figures::default();
        for p in projects {
            f.projects += 1;
            f.granted = f.granted.checked_add(p.net_granted()).unwrap_or(f.granted);
            if let Some(r) = p.returned {
                f.returned = f.returned.checked_add(r).unwrap_or(f.returned);
            }
            if let Some(s) = p.spent {
                f.spent = f.spent.checked_add(s).unwrap_or(f.spent);
                f.spent_known += 1;
            }
            if p.approved.is_none() {
                f.to_account = f
                    .to_account
                    .checked_add(p.net_granted())
                    .unwrap_or(f.to_account);
                f.to_account_projects += 1;
            }
        }
        f
    }

    /// The known spent sum, `None` when no amount is known.
    pub fn spent_if_known(&self) -> Option<Euros> {
        (self.spent_known > 0).then_some(self.spent)
    }
}

/// One group of an account: a wijk, a priority, a category or a fund.
#[derive(Debug, Clone)]
pub struct GroupFigures {
    /// The wijk slug, priority key, category or fund id; empty for "none".
    pub key: String,
    pub figures: Figures,
}

/// A funded project in the account, with its round.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub round: &'a Round,
    pub project: &'a Project,
}

impl Entry<'_> {
    /// The fund the project's money comes from (its round's).
    pub fn fund(&self) -> &str {
        self.round.fund.as_deref().unwrap_or("")
    }

    /// Whether the report is late on `today`.
    pub fn owes_report(&self, today: NaiveDate) -> bool {
        self.project.submitted.is_none()
            && self.round.dates.report_due.is_some_and(|due| due < today)
    }
}

/// The account of one year.
#[derive(Debug, Clone)]
pub struct YearAccount<'a> {
    pub year: i32,
    /// Funded projects, by round (decision date) and file order.
    pub entries: Vec<Entry<'a>>,
    pub overall: Figures,
    /// By wijk slug ("" = the whole area), in site.yaml order, area last.
    pub per_wijk: Vec<GroupFigures>,
    /// By priority key ("" = none), sorted.
    pub per_priority: Vec<GroupFigures>,
    /// By category ("" = none), in site.yaml order.
    pub per_category: Vec<GroupFigures>,
    /// By fund id ("" = the default fund), sorted.
    pub per_fund: Vec<GroupFigures>,
    /// Projects whose report is late.
    pub owing: Vec<Entry<'a>>,
}

/// The years that have funded projects, oldest first.
pub fn years(rounds: &[Round]) -> Vec<i32> {
    let mut years: Vec<i32> = rounds
        .iter()
        .filter(|r| r.projects.iter().any(Project::can_spend))
        .map(|r| r.decided.year())
        .collect();
    years.dedup();
    years.sort_unstable();
    years.dedup();
    years
}

/// The account of `year` on `today`.
pub fn account<'a>(site: &'a Site, year: i32, today: NaiveDate) -> YearAccount<'a> {
    let entries: Vec<Entry<'a>> = site
        .rounds
        .iter()
        .filter(|r| r.decided.year() == year)
        .flat_map(|round| {
            round
                .projects
                .iter()
                .filter(|p| p.can_spend())
                .map(move |project| Entry { round, project })
        })
        .collect();
    let group = |key_of: &dyn Fn(&Entry) -> String, order: &[String]| -> Vec<GroupFigures> {
        let mut groups: BTreeMap<String, Vec<&Project>> = BTreeMap::new();
        for e in &entries {
            groups.entry(key_of(e)).or_default().push(e.project);
        }
        let rank = |key: &str| {
            order
                .iter()
                .position(|o| o == key)
                .unwrap_or(if key.is_empty() {
                    usize::MAX
                } else {
                    order.len()
                })
        };
        let mut out: Vec<GroupFigures> = groups
            .into_iter()
            .map(|(key, projects)| GroupFigures {
                figures: Figures::of(projects),
                key,
            })
            .collect();
        out.sort_by(|a, b| (rank(&a.key), &a.key).cmp(&(rank(&b.key), &b.key)));
        out
    };
    let wijken: Vec<String> = site.config.wijken.iter().map(|w| w.slug.clone()).collect();
    let per_wijk = group(&|e| e.project.wijk.clone().unwrap_or_default(), &wijken);
    let per_priority = group(&|e| e.project.priority.clone().unwrap_or_default(), &[]);
    let per_category = group(
        &|e| e.project.category.clone().unwrap_or_default(),
        &site.config.categories,
    );
    let per_fund = group(&|e| e.fund().to_string(), &[]);
    let owing = entries
        .iter()
        .copied()
        .filter(|e| e.owes_report(today))
        .collect();
    YearAccount {
        year,
        overall: Figures::of(entries.iter().map(|e| e.project)),
        entries,
        per_wijk,
        per_priority,
        per_category,
        per_fund,
        owing,
    }
}
