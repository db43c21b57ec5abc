//! Open data of the subsidy rounds: `/projecten/<round>.csv` and
//! `/projecten/<round>.json`, every project with every amount.
//!
//! Both use the keys and codes of the content files (docs/content-model.md)
//! so one description fits both. Amounts are exact: `"1250.50"` (euros,
//! always two decimals, `.` as decimal separator) and, in JSON, also as whole
//! cents (`125050`). Spent that is not reported yet is empty (CSV) or `null`
//! (JSON). CSV follows RFC 4180 (UTF-8, comma, CRLF); any cell, or part of
//! a cell after a `,`, `;` or TAB, that a spreadsheet could take for a
//! formula gets a leading `'` (see [`csv_cell`]).

use crate::model::Site;
use crate::model::projects::{Project, Round};
use crate::theme::output_file::OutputFile;
use crate::util::money::Euros;
use serde_json::{Value, json};

const CSV_COLUMNS: &[&str] = &[
    "round",
    "id",
    "title",
    "wijk",
    "applicant",
    "requested",
    "granted",
    "spent",
    "advice",
    "decision",
    "status",
    "priority",
    "url",
    "returned",
    "category",
    "submitted",
    "approved",
];

/// The CSV and JSON file of every round.
pub fn files(site: &Site) -> Vec<OutputFile> {
    site.rounds
        .iter()
        .flat_map(|round| {
            [
                OutputFile::bytes(
                    round.open_data_path("csv").trim_start_matches('/'),
                    round_csv(site, round),
                ),
                OutputFile::bytes(
                    round.open_data_path("json").trim_start_matches('/'),
                    round_json(site, round),
                ),
            ]
        })
        .collect()
}

/// One line per project, after a header line.
pub fn round_csv(site: &Site, round: &Round) -> String {
    let mut csv = String::new();
    push_row(&mut csv, CSV_COLUMNS.iter().copied());
    for p in &round.projects {
        let url = site.config.absolute_url(&p.path);
        let spent = p.spent.map(Euros::format_plain).unwrap_or_default();
        push_row(
            &mut csv,
            [
                round.slug.as_str(),
                &p.id,
                &p.title,
                p.wijk.as_deref().unwrap_or(""),
                &p.applicant,
                &p.requested.format_plain(),
                &p.granted.format_plain(),
                &spent,
                p.advice.code(),
                p.decision.code(),
                p.status.code(),
                p.priority.as_deref().unwrap_or(""),
                &url,
                &p.returned.map(Euros::format_plain).unwrap_or_default(),
                p.category.as_deref().unwrap_or(""),
                &p.submitted.map(|d| d.to_string()).unwrap_or_default(),
                &p.approved.map(|d| d.to_string()).unwrap_or_default(),
            ],
        );
    }
    csv
}

pub(crate) fn push_row<'a>(csv: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    let cells: Vec<String> = cells.into_iter().map(csv_cell).collect();
    csv.push_str(&cells.join(","));
    csv.push_str("\r\n");
}

/// One CSV cell: neutralised against formulas, then quoted when needed.
///
/// A spreadsheet may split a cell again: Dutch Excel splits on `;`, others
/// on TAB or `,`, and a quote or line break may start a field too. So not
/// only the cell but every part after such a separator (and its leading
/// spaces) that starts with `=`, `+`, `-`, `@`, TAB or CR gets a `'`: no
/// way of splitting gives a field that a spreadsheet would run. A cell
/// holding any separator, a quote or a line break is quoted.
pub fn csv_cell(text: &str) -> String {
    let mut neutral = String::with_capacity(text.len() + 2);
    let mut part_start = true;
    for c in text.chars() {
        if part_start && matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') {
            neutral.push('\'');
        }
        neutral.push(c);
        part_start = matches!(c, ',' | ';' | '\t' | '\r' | '\n' | '"') || (part_start && c == ' ');
    }
    if neutral.contains([',', ';', '"', '\t', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// An amount as `"1250.50"` under `key` and as cents under `key_cents`.
pub fn amount(object: &mut serde_json::Map<String, Value>, key: &str, value: Option<Euros>) {
    object.insert(key.into(), json!(value.map(Euros::format_plain)));
    object.insert(format!("{key}_cents"), json!(value.map(Euros::cents)));
}

/// The round with its totals and every project, pretty-printed.
pub fn round_json(site: &Site, round: &Round) -> String {
    let totals = round.totals();
    let mut total = serde_json::Map::new();
    total.insert("projects".into(), json!(totals.projects));
    amount(&mut total, "requested", Some(totals.requested));
    // Granted minus returned, as on the pages; `returned` beside it.
    amount(&mut total, "granted", Some(totals.granted));
    amount(&mut total, "returned", Some(totals.returned));
    // Unknown is not zero: the known spent amounts added up (null when none
    // is known), and how many of the projects that got money reported.
    amount(&mut total, "spent", totals.spent_if_known());
    total.insert("spent_known_projects".into(), json!(totals.spent_known));
    total.insert("spending_projects".into(), json!(totals.spending));
    let mut doc = serde_json::Map::new();
    doc.insert("round".into(), json!(round.slug));
    doc.insert("title".into(), json!(round.title));
    doc.insert("decided".into(), json!(round.decided.to_string()));
    amount(&mut doc, "budget", round.budget);
    amount(&mut doc, "budget_left", round.budget_left());
    doc.insert("totals".into(), Value::Object(total));
    doc.insert("url".into(), json!(site.config.absolute_url(&round.path)));
    let projects: Vec<Value> = round
        .projects
        .iter()
        .map(|p| project_json(site, p))
        .collect();
    doc.insert("projects".into(), Value::Array(projects));
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}

fn project_json(site: &Site, p: &Project) -> Value {
    let mut o = serde_json::Map::new();
    o.insert("id".into(), json!(p.id));
    o.insert("title".into(), json!(p.title));
    o.insert("wijk".into(), json!(p.wijk));
    o.insert("applicant".into(), json!(p.applicant));
    amount(&mut o, "requested", Some(p.requested));
    amount(&mut o, "granted", Some(p.granted));
    amount(&mut o, "spent", p.spent);
    amount(&mut o, "returned", p.returned);
    o.insert("category".into(), json!(p.category));
    o.insert(
        "accounted".into(),
        json!({
            "submitted": p.submitted.map(|d| d.to_string()),
            "approved": p.approved.map(|d| d.to_string()),
        }),
    );
    o.insert("advice".into(), json!(p.advice.code()));
    o.insert("decision".into(), json!(p.decision.code()));
    o.insert("status".into(), json!(p.status.code()));
    o.insert("priority".into(), json!(p.priority));
    let milestones: Vec<Value> = p
        .milestones
        .iter()
        .map(|m| json!({"date": m.date.to_string(), "title": m.title, "note": m.note}))
        .collect();
    o.insert("milestones".into(), Value::Array(milestones));
    o.insert("url".into(), json!(site.config.absolute_url(&p.path)));
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_get_a_leading_apostrophe() {
        assert_eq!(csv_cell("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(csv_cell("+31 33 123"), "'+31 33 123");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@cmd"), "'@cmd");
        assert_eq!(csv_cell("\tx"), "\"'\tx\"");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(csv_cell("a=b"), "a=b", "only the start of a part counts");
        assert_eq!(csv_cell("a - b"), "a - b");
    }

    #[test]
    fn a_formula_after_a_separator_is_neutralised_and_the_cell_quoted() {
        assert_eq!(
            csv_cell("Werkgroep;=HYPERLINK(A1);"),
            "\"Werkgroep;'=HYPERLINK(A1);\""
        );
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("a, +1"), "\"a, '+1\"");
        assert_eq!(csv_cell("a\t@x"), "\"a\t'@x\"");
        assert_eq!(csv_cell("a\n-1"), "\"a\n'-1\"");
        assert_eq!(csv_cell("\"=1\""), "\"\"\"'=1\"\"\"");
    }

    /// Every field a spreadsheet could make of `cells`, splitting on any
    /// of the separators it might use.
    fn fields_in_any_split(cells: &[&str]) -> Vec<String> {
        let mut row = String::new();
        push_row(&mut row, cells.iter().copied());
        let mut fields = Vec::new();
        for delimiter in [b',', b';', b'\t'] {
            for quoting in [true, false] {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .quoting(quoting)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(row.as_bytes());
                for record in reader.records() {
                    let record = record.expect("readable");
                    fields.extend(record.iter().map(String::from));
                }
            }
            // Line by line too, as a splitter that ignores quotes sees it.
            for line in row.split(['\r', '\n']) {
                fields.extend(line.split(delimiter as char).map(String::from));
            }
        }
        fields
    }

    #[test]
    fn no_way_of_splitting_a_row_gives_a_formula() {
        let nasty = [
            "Werkgroep;=HYPERLINK(A1);",
            "=1+1",
            "a,=cmd|' /C calc'!A0",
            "x; -2+3",
            "tab\t+1",
            "\"=2\";\"@x\"",
            "regel\n=1",
            "cr\r@1",
            "gewoon, niets; bijzonders",
            "\t\t=1",
        ];
        let fields = fields_in_any_split(&nasty);
        assert!(fields.len() > nasty.len());
        for field in fields {
            let start = field.trim_start_matches([' ', '"']);
            assert!(
                !start.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula in {field:?}"
            );
        }
    }

    #[test]
    fn cells_with_commas_quotes_or_newlines_are_quoted() {
        assert_eq!(csv_cell("Buurttuin"), "Buurttuin");
        assert_eq!(csv_cell("Tuin, groot"), "\"Tuin, groot\"");
        assert_eq!(csv_cell("De \"Hoef\""), "\"De \"\"Hoef\"\"\"");
        assert_eq!(csv_cell("a\nb"), "\"a\nb\"");
        assert_eq!(csv_cell("=1,2"), "\"'=1,2\"");
        assert_eq!(csv_cell(""), "");
    }
}
