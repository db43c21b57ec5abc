//! The funds a site hands out money from: the optional `content/fondsen.yaml`.
//!
//! Most areas have one fund handed out in rounds (Projecten#Indebuurt), and
//! need no file. A group that also runs a rolling neighbourhood budget
//! (`mode: doorlopend`, decisions one by one through the year) lists its
//! funds here, with a yearly budget per wijk; a round file (which for a
//! rolling fund holds a year's decisions) names its fund with `fund: <id>`.
//! The yearly account shows the money per fund.
//!
//! ```yaml
//! funds:
//!   - id: buurtbudget
//!     title: "Buurtbudget SZH"
//!     mode: doorlopend          # rondes | doorlopend
//!     budgets:
//!       - year: 2026
//!         wijk: schothorst      # absent = the whole area
//!         amount: 2000
//! ```

use crate::content::config::SiteConfig;
use crate::content::source;
use crate::content::{Kind, SourceFile};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::money::{self, Euros};
use crate::util::slug;
use crate::util::yaml_lines;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FundsFile {
    funds: Vec<FundFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FundFile {
    id: String,
    title: String,
    mode: Mode,
    #[serde(default)]
    budgets: Vec<BudgetFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BudgetFile {
    year: i32,
    wijk: Option<String>,
    amount: serde_yaml::Value,
}

/// How a fund hands out money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// In rounds with a closing date.
    Rondes,
    /// Request by request, all year.
    Doorlopend,
}

/// One fund's budget for a year, for a wijk or the whole area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub year: i32,
    pub wijk: Option<String>,
    pub amount: Euros,
}

/// One fund.
#[derive(Debug, Clone)]
pub struct Fund {
    pub id: String,
    pub title: String,
    pub mode: Mode,
    pub budgets: Vec<Budget>,
}

impl Fund {
    /// The fund's budget for `year`, all wijken together; `None` without one.
    pub fn budget_in(&self, year: i32) -> Option<Euros> {
        let amounts: Vec<Euros> = self
            .budgets
            .iter()
            .filter(|b| b.year == year)
            .map(|b| b.amount)
            .collect();
        (!amounts.is_empty()).then(|| Euros::checked_sum(amounts).unwrap_or_default())
    }
}

/// Loads content/fondsen.yaml when there is one; problems go to `problems`.
pub fn load(files: &[SourceFile], config: &SiteConfig, problems: &mut Diagnostics) -> Vec<Fund> {
    let Some(file) = files.iter().find(|f| f.kind == Kind::Funds) else {
        return Vec::new();
    };
    let text = match file.read_text() {
        Ok(text) => text,
        Err(d) => {
            problems.push(d);
            return Vec::new();
        }
    };
    match parse(&text, &file.rel, config) {
        Ok(funds) => funds,
        Err(found) => {
            problems.extend(found);
            Vec::new()
        }
    }
}

fn parse(text: &str, rel: &str, config: &SiteConfig) -> Result<Vec<Fund>, Diagnostics> {
    // `amount: 12.500` is 12,50 to YAML; the editor meant twelve thousand five hundred.
    let dots = yaml_lines::thousands_dots(text, &["amount"]);
    if !dots.is_empty() {
        return Err(dots
            .iter()
            .map(|dot| super::projects::thousands_dot_error(rel, dot))
            .collect());
    }
    let parsed: FundsFile =
        source::parse_yaml_file(text, rel).map_err(|d| Diagnostics::from_iter([d]))?;
    let mut problems = Diagnostics::new();
    let items = yaml_lines::list_items(text, "funds");
    let mut seen = BTreeSet::new();
    let mut funds = Vec::new();
    for (index, f) in parsed.funds.into_iter().enumerate() {
        let lines = items.get(index).cloned().unwrap_or_default();
        if !slug::is_valid(&f.id) {
            problems.push(
                Diagnostic::error(rel, format!("`{}` is geen geldige id", f.id))
                    .at_opt(lines.found_line("id"))
                    .hint(format!(
                        "gebruik alleen kleine letters, cijfers en -, bijvoorbeeld `{}`",
                        slug::slugify(&f.id)
                    )),
            );
        }
        if !seen.insert(f.id.clone()) {
            problems.push(
                Diagnostic::error(rel, format!("het fonds `{}` staat er twee keer", f.id))
                    .at_opt(lines.found_line("id"))
                    .hint("geef elk fonds een eigen id"),
            );
        }
        let budgets_line = lines.found_line("budgets");
        let budget_items = budgets_line
            .map(|l| budget_items(text, l))
            .unwrap_or_default();
        let mut budgets = Vec::new();
        for (b_index, b) in f.budgets.into_iter().enumerate() {
            let item = budget_items.get(b_index);
            let line_of = |key: &str| {
                item.and_then(|i| i.iter().find(|(k, _)| k == key).map(|(_, l)| *l))
                    .or(budgets_line)
            };
            if let Some(wijk) = &b.wijk
                && let Some(known) = config.unknown_wijk(wijk)
            {
                problems.push(
                    Diagnostic::error(rel, format!("de wijk `{wijk}` staat niet in site.yaml"))
                        .at_opt(line_of("wijk"))
                        .hint(format!(
                            "{known}; laat `wijk` weg voor een budget voor het hele gebied"
                        )),
                );
            }
            match money::from_yaml(&b.amount) {
                Ok(amount) if !amount.is_negative() => budgets.push(Budget {
                    year: b.year,
                    wijk: b.wijk,
                    amount,
                }),
                Ok(amount) => problems.push(
                    Diagnostic::error(rel, format!("`amount` is negatief: {amount}"))
                        .at_opt(line_of("amount"))
                        .hint("een budget is nooit kleiner dan 0"),
                ),
                Err(e) => problems.push(
                    Diagnostic::error(rel, format!("`amount`: {e}"))
                        .at_opt(line_of("amount"))
                        .hint(e.hint()),
                ),
            }
        }
        funds.push(Fund {
            id: f.id,
            title: f.title.trim().to_string(),
            mode: f.mode,
            budgets,
        });
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(funds)
}

/// The keys (with their 1-based lines) of each item of the block list under
/// the `budgets:` key on line `budgets_line`, in order. Flow style finds nothing.
fn budget_items(text: &str, budgets_line: usize) -> Vec<Vec<(String, usize)>> {
    let mut lines = text
        .lines()
        .enumerate()
        .skip(budgets_line.saturating_sub(1));
    let Some((_, first)) = lines.next() else {
        return Vec::new();
    };
    let parent_indent = first.len() - first.trim_start().len();
    let mut items: Vec<Vec<(String, usize)>> = Vec::new();
    let mut dash_column = None;
    for (index, line) in lines {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let starts_item = content == "-" || content.starts_with("- ");
        if indent < parent_indent || (indent == parent_indent && !starts_item) {
            break;
        }
        let key_text = if starts_item && dash_column.is_none_or(|c| c == indent) {
            dash_column = Some(indent);
            items.push(Vec::new());
            content[1..].trim_start()
        } else {
            content
        };
        if let (Some(item), Some((key, _))) = (items.last_mut(), key_text.split_once(':')) {
            item.push((key.trim().to_string(), index + 1));
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    const FUNDS_FILE: &str = "content/fondsen.yaml";

    const FUNDS: &str = "\
funds:
  - id: buurtbudget
    title: Buurtbudget
    mode: doorlopend
    budgets:
      - year: 2026
        wijk: noord
        amount: 1000.5
      - year: 2026
        amount: \"250,25\"
";

    fn config() -> SiteConfig {
        crate::model::test_support::config_at("https://x.nl/")
    }

    #[test]
    fn budgets_add_up_per_year_to_the_cent() {
        let funds = parse(FUNDS, FUNDS_FILE, &config()).unwrap();
        assert_eq!(funds[0].mode, Mode::Doorlopend);
        assert_eq!(funds[0].budget_in(2026), Some(Euros::from_cents(125075)));
        assert_eq!(funds[0].budget_in(2027), None);
    }

    #[test]
    fn an_unknown_wijk_or_mode_is_reported() {
        let e = parse(
            &FUNDS.replace("wijk: noord", "wijk: west"),
            FUNDS_FILE,
            &config(),
        )
        .unwrap_err()
        .into_sorted();
        assert_eq!(e[0].line, Some(7));
        assert!(e[0].message.contains("`west`"));
        let e = parse(
            &FUNDS.replace("doorlopend", "altijd"),
            FUNDS_FILE,
            &config(),
        )
        .unwrap_err()
        .into_sorted();
        assert!(e[0].message.contains("`altijd`"), "{}", e[0]);
    }

    #[test]
    fn a_budget_problem_names_the_line_of_its_own_key() {
        let e = parse(
            &FUNDS
                .replace("wijk: noord", "wijk: west")
                .replace("\"250,25\"", "-3"),
            FUNDS_FILE,
            &config(),
        )
        .unwrap_err()
        .into_sorted();
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].line, Some(7));
        assert!(e[0].message.contains("`west`"));
        assert_eq!(e[1].line, Some(10));
        assert!(e[1].message.contains("negatief"), "{}", e[1]);
    }

    #[test]
    fn an_amount_with_thousands_dots_is_refused_not_read_as_cents() {
        let e = parse(
            &FUNDS.replace("amount: 1000.5", "amount: 12.500"),
            FUNDS_FILE,
            &config(),
        )
        .unwrap_err()
        .into_sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, Some(8));
        assert!(e[0].message.contains("duizendtallen"), "{}", e[0]);
    }
}
