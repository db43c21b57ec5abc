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
        let mut budgets = Vec::new();
        for b in f.budgets {
            if let Some(wijk) = &b.wijk
                && let Some(known) = config.unknown_wijk(wijk)
            {
                problems.push(
                    Diagnostic::error(rel, format!("de wijk `{wijk}` staat niet in site.yaml"))
                        .at_opt(budgets_line)
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
                        .at_opt(budgets_line)
                        .hint("een budget is nooit kleiner dan 0"),
                ),
                Err(e) => problems.push(
                    Diagnostic::error(rel, format!("`amount`: {e}"))
                        .at_opt(budgets_line)
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
        assert_eq!(e[0].line, Some(5));
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
}
