//! The yearly account of the money: `/verantwoording/` (every year) and
//! `/verantwoording/<year>/` (granted, spent, returned and still to account
//! for, overall and per wijk, priority, category and fund; the projects
//! whose report is late; every funded project), with
//! `/verantwoording/<year>.csv` and `.json` beside it, exact to the cent.
//!
//! The figures come from `model::accountability`; the money rules are
//! written out there and in docs/content-model.md. The page, the CSV and
//! the JSON show the same [`Figures`], so the CSV's columns add up to the
//! page's totals (tests/accountability.rs checks that, and that they agree
//! with the round pages).

use crate::model::Site;
use crate::model::accountability::{self, Entry, Figures, GroupFigures, YearAccount};
use crate::model::pages::url_for;
use crate::model::wijkplan;
use crate::sections::open_data::{amount, csv_cell};
use crate::theme::Job;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::{Ui, UiStrings};
use crate::util::money::Euros;
use serde::Serialize;
use serde_json::{Value, json};

/// Site path of the account's index.
pub const ACCOUNT_PATH: &str = "/verantwoording/";

/// The account's index page, when there is money to account for.
pub fn index_url(site: &Site) -> Option<String> {
    (!accountability::years(&site.rounds).is_empty()).then(|| url_for(&site.config, ACCOUNT_PATH))
}

/// `/verantwoording/2026/`.
pub fn year_path(year: i32) -> String {
    format!("{ACCOUNT_PATH}{year}/")
}

/// `/verantwoording/2026.csv` or `.json`.
pub fn data_path(year: i32, ext: &str) -> String {
    format!("{ACCOUNT_PATH}{year}.{ext}")
}

const CSV_COLUMNS: &[&str] = &[
    "year",
    "round",
    "id",
    "title",
    "wijk",
    "priority",
    "category",
    "fund",
    "granted",
    "returned",
    "granted_net",
    "spent",
    "to_account",
    "submitted",
    "approved",
    "report_due",
    "url",
];

/// Figures as the templates show them.
#[derive(Debug, Serialize)]
struct FiguresView {
    projects: usize,
    granted: String,
    returned: String,
    has_returned: bool,
    /// `None` when no spent amount is known (never "€ 0,00").
    spent: Option<String>,
    spent_known: usize,
    /// Every funded project can spend (for the `money::spent` macro).
    spending: usize,
    spent_complete: bool,
    to_account: String,
    to_account_projects: usize,
}

impl From<&Figures> for FiguresView {
    fn from(f: &Figures) -> Self {
        FiguresView {
            projects: f.projects,
            granted: f.granted.format_nl(),
            returned: f.returned.format_nl(),
            has_returned: f.returned > Euros::zero(),
            spent: f.spent_if_known().map(Euros::format_nl),
            spent_known: f.spent_known,
            spending: f.projects,
            spent_complete: f.spent_known == f.projects,
            to_account: f.to_account.format_nl(),
            to_account_projects: f.to_account_projects,
        }
    }
}

#[derive(Debug, Serialize)]
struct GroupView {
    label: String,
    url: Option<String>,
    figures: FiguresView,
}

#[derive(Debug, Serialize)]
struct EntryView<'a> {
    title: &'a str,
    url: &'a str,
    round_title: &'a str,
    round_url: &'a str,
    wijk: Option<&'a str>,
    granted: String,
    returned: Option<String>,
    spent: Option<String>,
    submitted: Option<String>,
    approved: Option<String>,
    report_due: Option<String>,
    owing: bool,
}

fn entry_view<'a>(site: &'a Site, e: &Entry<'a>) -> EntryView<'a> {
    let long = |d: Option<chrono::NaiveDate>| d.map(crate::content::dates::date_without_weekday);
    EntryView {
        title: &e.project.title,
        url: &e.project.url,
        round_title: &e.round.title,
        round_url: &e.round.url,
        wijk: e
            .project
            .wijk
            .as_deref()
            .and_then(|w| site.wijk(w))
            .map(|w| w.config.name.as_str()),
        granted: e.project.net_granted().format_nl(),
        returned: e.project.returned.map(Euros::format_nl),
        spent: e.project.spent.map(Euros::format_nl),
        submitted: long(e.project.submitted),
        approved: long(e.project.approved),
        report_due: long(e.round.dates.report_due),
        owing: e.owes_report(site.build_date()),
    }
}

fn group_views(
    groups: &[GroupFigures],
    label: impl Fn(&str) -> (String, Option<String>),
) -> Vec<GroupView> {
    groups
        .iter()
        .map(|g| {
            let (label, url) = label(&g.key);
            GroupView {
                label,
                url,
                figures: (&g.figures).into(),
            }
        })
        .collect()
}

/// The account's pages: the index and one per year.
pub fn jobs(site: &Site, strings: &UiStrings) -> Vec<Job> {
    let years = accountability::years(&site.rounds);
    if years.is_empty() {
        return Vec::new();
    }
    let today = site.build_date();
    let source = site
        .rounds
        .last()
        .map_or(crate::content::folders::PROJECTS.source, |r| &r.source);
    let year_links: Vec<Value> = years
        .iter()
        .rev()
        .map(|&y| {
            let account = accountability::account(site, y, today);
            json!({
                "year": y,
                "url": url_for(&site.config, &year_path(y)),
                "figures": FiguresView::from(&account.overall),
            })
        })
        .collect();
    let mut jobs = vec![
        Job::new("account.html", ACCOUNT_PATH, source)
            .with("years", &year_links)
            .with("title", &strings.get(Ui::AccountTitle)),
    ];
    for &year in &years {
        let account = accountability::account(site, year, today);
        jobs.push(year_job(site, strings, &account, source, &year_links));
    }
    jobs
}

fn year_job(
    site: &Site,
    strings: &UiStrings,
    account: &YearAccount,
    source: &str,
    years: &[Value],
) -> Job {
    let text = |ui: Ui| strings.get(ui).to_string();
    let per_wijk = group_views(&account.per_wijk, |key| match site.wijk(key) {
        Some(w) => (w.config.name.clone(), Some(w.url.clone())),
        None => (strings.get(Ui::AreaWide).to_string(), None),
    });
    let per_priority = group_views(&account.per_priority, |key| {
        match wijkplan::find_priority(&site.wijkplannen, key) {
            Some(p) => (
                format!("{} ({})", p.title, p.year),
                Some(url_for(&site.config, &p.page_path())),
            ),
            None => (text(Ui::NoPriority), None),
        }
    });
    let per_category = group_views(&account.per_category, |key| {
        if key.is_empty() {
            (text(Ui::AccountNoCategory), None)
        } else {
            (key.to_string(), None)
        }
    });
    let per_fund = group_views(&account.per_fund, |key| {
        match site.funds.iter().find(|f| f.id == key) {
            Some(fund) => (fund.title.clone(), None),
            None if key.is_empty() => (text(Ui::FundDefault), None),
            None => (key.to_string(), None),
        }
    });
    let budgets: Vec<Value> = site
        .funds
        .iter()
        .filter_map(|f| {
            let budget = f.budget_in(account.year)?;
            Some(json!({"title": f.title, "budget": budget.format_nl()}))
        })
        .collect();
    let entries: Vec<EntryView> = account
        .entries
        .iter()
        .map(|e| entry_view(site, e))
        .collect();
    let owing: Vec<EntryView> = account.owing.iter().map(|e| entry_view(site, e)).collect();
    let other_years: Vec<&Value> = years
        .iter()
        .filter(|y| y["year"] != json!(account.year))
        .collect();
    Job::new("account_year.html", year_path(account.year), source)
        .with("year", &account.year)
        .with("overall", &FiguresView::from(&account.overall))
        .with("per_wijk", &per_wijk)
        .with("per_priority", &per_priority)
        .with("per_category", &per_category)
        .with("show_categories", &!site.config.categories.is_empty())
        .with("per_fund", &per_fund)
        .with(
            "show_funds",
            &(account.per_fund.len() > 1 || !site.funds.is_empty()),
        )
        .with("fund_budgets", &budgets)
        .with("entries", &entries)
        .with("owing", &owing)
        .with("other_years", &other_years)
        .with("account_url", &url_for(&site.config, ACCOUNT_PATH))
        .with(
            "csv_url",
            &url_for(&site.config, &data_path(account.year, "csv")),
        )
        .with(
            "json_url",
            &url_for(&site.config, &data_path(account.year, "json")),
        )
}

/// The CSV and JSON of every year.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let today = site.build_date();
    accountability::years(&site.rounds)
        .into_iter()
        .flat_map(|year| {
            let account = accountability::account(site, year, today);
            [
                OutputFile::bytes(
                    data_path(year, "csv").trim_start_matches('/'),
                    year_csv(site, &account),
                ),
                OutputFile::bytes(
                    data_path(year, "json").trim_start_matches('/'),
                    year_json(site, &account),
                ),
            ]
        })
        .collect()
}

/// One line per funded project: amounts as `1250.50`, unknown spent empty.
pub fn year_csv(site: &Site, account: &YearAccount) -> String {
    let mut csv = String::new();
    let row = |csv: &mut String, cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        csv.push_str(&cells.join(","));
        csv.push_str("\r\n");
    };
    row(
        &mut csv,
        CSV_COLUMNS.iter().map(|c| (*c).to_string()).collect(),
    );
    let plain = |e: Option<Euros>| e.map(Euros::format_plain).unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for e in &account.entries {
        let p = e.project;
        row(
            &mut csv,
            vec![
                account.year.to_string(),
                e.round.slug.clone(),
                p.id.clone(),
                p.title.clone(),
                p.wijk.clone().unwrap_or_default(),
                p.priority.clone().unwrap_or_default(),
                p.category.clone().unwrap_or_default(),
                e.fund().to_string(),
                p.granted.format_plain(),
                plain(Some(p.returned.unwrap_or_default())),
                p.net_granted().format_plain(),
                plain(p.spent),
                plain(Some(if p.approved.is_none() {
                    p.net_granted()
                } else {
                    Euros::zero()
                })),
                date(p.submitted),
                date(p.approved),
                date(e.round.dates.report_due),
                site.config.absolute_url(&p.path),
            ],
        );
    }
    csv
}

fn figures_json(f: &Figures) -> Value {
    let mut o = serde_json::Map::new();
    o.insert("projects".into(), json!(f.projects));
    amount(&mut o, "granted", Some(f.granted));
    amount(&mut o, "returned", Some(f.returned));
    amount(&mut o, "spent", f.spent_if_known());
    o.insert("spent_known_projects".into(), json!(f.spent_known));
    amount(&mut o, "to_account", Some(f.to_account));
    o.insert("to_account_projects".into(), json!(f.to_account_projects));
    Value::Object(o)
}

fn groups_json(groups: &[GroupFigures]) -> Value {
    Value::Array(
        groups
            .iter()
            .map(|g| {
                let mut v = figures_json(&g.figures);
                v["key"] = json!((!g.key.is_empty()).then_some(&g.key));
                v
            })
            .collect(),
    )
}

/// The year's figures, groups and projects, pretty-printed.
pub fn year_json(site: &Site, account: &YearAccount) -> String {
    let projects: Vec<Value> = account
        .entries
        .iter()
        .map(|e| {
            let p = e.project;
            let mut o = serde_json::Map::new();
            o.insert("round".into(), json!(e.round.slug));
            o.insert("id".into(), json!(p.id));
            o.insert("title".into(), json!(p.title));
            o.insert("wijk".into(), json!(p.wijk));
            o.insert("priority".into(), json!(p.priority));
            o.insert("category".into(), json!(p.category));
            o.insert("fund".into(), json!(e.round.fund));
            amount(&mut o, "granted", Some(p.granted));
            amount(&mut o, "returned", Some(p.returned.unwrap_or_default()));
            amount(&mut o, "granted_net", Some(p.net_granted()));
            amount(&mut o, "spent", p.spent);
            o.insert(
                "submitted".into(),
                json!(p.submitted.map(|d| d.to_string())),
            );
            o.insert("approved".into(), json!(p.approved.map(|d| d.to_string())));
            o.insert(
                "report_due".into(),
                json!(e.round.dates.report_due.map(|d| d.to_string())),
            );
            o.insert(
                "owes_report".into(),
                json!(e.owes_report(site.build_date())),
            );
            o.insert("url".into(), json!(site.config.absolute_url(&p.path)));
            Value::Object(o)
        })
        .collect();
    let doc = json!({
        "year": account.year,
        "totals": figures_json(&account.overall),
        "per_wijk": groups_json(&account.per_wijk),
        "per_priority": groups_json(&account.per_priority),
        "per_category": groups_json(&account.per_category),
        "per_fund": groups_json(&account.per_fund),
        "fund_budgets": site.funds.iter().filter_map(|f| {
            let budget = f.budget_in(account.year)?;
            let mut o = serde_json::Map::new();
            o.insert("fund".into(), json!(f.id));
            amount(&mut o, "budget", Some(budget));
            Some(Value::Object(o))
        }).collect::<Vec<Value>>(),
        "projects": projects,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
