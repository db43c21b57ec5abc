//! The Wijkplan and the subsidy rounds (Projecten#Indebuurt): pages, open
//! data, exact totals, links between priorities and projects, and every
//! content error with its file, line and the previous output untouched.

mod common;
use common::{Fixture, broken_internal_links};

const PLAN_2026: &str = "\
year: 2026
adopted: 2026-02-12
intro: |
  Het plan voor 2026.
priorities:
  - id: groen
    title: \"Meer groen\"
    theme: Groen
    wijken: [noord]
    rank: 2
    residents: Bewoners planten.
    professionals: Stadsbeheer helpt.
    status: active
  - id: ontmoeting
    title: \"Elkaar ontmoeten\"
    theme: Ontmoeting
    rank: 1
    residents: Koffie.
    professionals: De buurtnetwerker.
    status: active
    evaluation: Het ging goed.
";

/// Lines 1-4 are the round; project n (from 0) starts at line 5 + 11 × n.
const ROUND_HEAD: &str = "\
title: \"Ronde 1 van 2026\"
decided: 2026-04-15
budget: 1000
projects:
";

fn project(id: &str, wijk: &str, requested: &str, granted: &str, spent: &str) -> String {
    format!(
        "  - id: {id}
    title: \"Project {id}\"
    wijk: {wijk}
    applicant: \"Bewoners\"
    requested: {requested}
    granted: {granted}
    spent: {spent}
    advice: positive
    decision: granted
    priority: 2026/groen
    status: running
"
    )
}

/// A valid round: a 0.10 and a 0.20 project, 0.10 + 0.20 being the classic
/// sum that floating point gets wrong.
fn good_round() -> String {
    format!(
        "{ROUND_HEAD}{}{}",
        project("tuin", "noord", "0.1", "0.1", "0.1"),
        project("bank", "noord", "\"0,20\"", "0.2", "0.2"),
    )
}

fn site() -> Fixture {
    let site = Fixture::new();
    site.write("content/wijkplan/2026.yaml", PLAN_2026);
    site.write("content/projecten/2026-1.yaml", good_round());
    site
}

/// Builds the good site, writes `text` to `file`, builds again and checks
/// the build failed with exit 1 and left output/ exactly as it was.
fn broken(file: &str, text: &str) -> common::Run {
    let site = site();
    site.build_ok();
    let before = site.snapshot();
    site.write(file, text);
    let run = site.build();
    assert_eq!(site.snapshot(), before, "a failed build changed output/");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn broken_round(text: &str) -> common::Run {
    broken("content/projecten/2026-1.yaml", text)
}

/// `0.1` → `€ 0,10` (with a no-break space), independently of the crate.
fn dutch(plain: &str) -> String {
    let (euros, cents) = plain.split_once('.').expect("two decimals");
    let mut grouped = String::new();
    for (i, c) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("€\u{a0}{grouped},{cents}")
}

/// `"12.34"` → 1234 cents, without floating point.
fn cents(plain: &str) -> i64 {
    let (euros, cents) = plain.split_once('.').expect("two decimals");
    assert_eq!(cents.len(), 2, "{plain}");
    euros.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap()
}

/// The cells of a simple CSV (no quoted commas in the tested columns).
fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    assert!(csv.ends_with("\r\n"), "CSV lines end in CRLF");
    csv.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let index = rows[0].iter().position(|c| c == name).expect(name);
    rows[1..].iter().map(|r| r[index].clone()).collect()
}

/// The `td.num` cells of each body row of the table with `caption` (other
/// attributes, such as `data-label`, may stand before the class).
fn table_numbers(html: &str, caption: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let start = html
        .find(&format!("<caption>{caption}</caption>"))
        .unwrap_or_else(|| panic!("no table {caption}"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let numbers = |row: &str| -> Vec<String> {
        row.split("<td ")
            .skip(1)
            .filter_map(|c| c.split_once('>'))
            .filter(|(attributes, _)| attributes.contains("class=\"num\""))
            .map(|(_, c)| {
                let cell = &c[..c.find("</td>").unwrap()];
                // A spent amount comes as one element with its note.
                cell.strip_prefix("<span class=\"money\">")
                    .and_then(|inner| inner.strip_suffix("</span>"))
                    .unwrap_or(cell)
                    .to_string()
            })
            .collect()
    };
    let (body, foot) = table.split_once("<tfoot>").unwrap_or((table, ""));
    let rows = body
        .split("<tr>")
        .skip(1)
        .map(numbers)
        .filter(|r| !r.is_empty())
        .collect();
    (rows, numbers(foot))
}

#[test]
fn totals_are_exact_to_the_cent_on_the_page_in_csv_and_in_json() {
    let site = site();
    // 300 projects of € 0,01: adding 0.01 as floating point 300 times
    // gives 3.0000000000000027, so a float anywhere would show.
    let mut many =
        String::from("title: \"Veel kleine\"\ndecided: 2026-05-01\nbudget: 3\nprojects:\n");
    for i in 0..300 {
        let wijk = if i % 2 == 0 { "noord" } else { "zuid" };
        many.push_str(&project(&format!("p{i}"), wijk, "0.01", "0.01", "0.01"));
    }
    site.write("content/projecten/2026-2.yaml", &many);
    site.build_ok();

    let page = site.output("projecten/2026-1/index.html");
    let (_, foot) = table_numbers(&page, "Alle aanvragen in deze ronde");
    assert_eq!(
        foot,
        ["€\u{a0}0,30", "€\u{a0}0,30", "€\u{a0}0,30"],
        "{page}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.output("projecten/2026-1.json")).unwrap();
    assert_eq!(json["totals"]["granted"], "0.30");
    assert_eq!(json["totals"]["granted_cents"], 30);
    assert_eq!(json["budget_left"], "999.70");
    let rows = csv_rows(&site.output("projecten/2026-1.csv"));
    assert_eq!(column(&rows, "granted"), ["0.10", "0.20"]);

    let page = site.output("projecten/2026-2/index.html");
    let (rows, foot) = table_numbers(&page, "Alle aanvragen in deze ronde");
    assert_eq!(rows.len(), 300);
    assert_eq!(foot, ["€\u{a0}3,00", "€\u{a0}3,00", "€\u{a0}3,00"]);
    let (per_wijk, per_wijk_total) = table_numbers(&page, "Geld per wijk");
    assert_eq!(
        per_wijk[0],
        ["150", "€\u{a0}1,50", "€\u{a0}1,50", "€\u{a0}1,50"]
    );
    assert_eq!(
        per_wijk_total,
        ["300", "€\u{a0}3,00", "€\u{a0}3,00", "€\u{a0}3,00"]
    );
    assert!(
        page.contains("<th scope=\"row\">Nog te verdelen</th><td class=\"num\">€\u{a0}0,00</td>")
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.output("projecten/2026-2.json")).unwrap();
    assert_eq!(json["totals"]["spent"], "3.00");
    assert_eq!(json["totals"]["spent_cents"], 300);
    let summed: i64 = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["granted_cents"].as_i64().unwrap())
        .sum();
    assert_eq!(summed, 300);
    let rows = csv_rows(&site.output("projecten/2026-2.csv"));
    let csv_total: i64 = column(&rows, "spent").iter().map(|c| cents(c)).sum();
    assert_eq!(csv_total, 300);

    let overview = site.output("projecten/index.html");
    let (_, all) = table_numbers(&overview, "Alle rondes, de nieuwste eerst");
    assert_eq!(all, ["302", "€\u{a0}3,30", "€\u{a0}3,30", "€\u{a0}3,30"]);
}

#[test]
fn every_figure_in_csv_and_json_is_the_one_on_the_page() {
    let site = site();
    let text = format!(
        "{}{}{}{}",
        ROUND_HEAD.replace("budget: 1000", "budget: 2000"),
        project("tuin", "noord", "1250.5", "1000", "999.99")
            .replace("decision: granted", "decision: partially_granted"),
        project("bank", "zuid", "\"300,05\"", "0", "0")
            .replace("decision: granted", "decision: rejected")
            .replace("status: running", "status: cancelled"),
        project("feest", "noord", "2", "2", "2").replace("    spent: 2\n", ""),
    );
    site.write("content/projecten/2026-1.yaml", &text);
    site.build_ok();
    let page = site.output("projecten/2026-1/index.html");
    let (page_rows, page_total) = table_numbers(&page, "Alle aanvragen in deze ronde");
    let csv = csv_rows(&site.output("projecten/2026-1.csv"));
    let json: serde_json::Value =
        serde_json::from_str(&site.output("projecten/2026-1.json")).unwrap();
    let projects = json["projects"].as_array().unwrap();
    assert_eq!(page_rows.len(), 3);
    for (i, row) in page_rows.iter().enumerate() {
        for (j, key) in ["requested", "granted"].iter().enumerate() {
            let csv_value = &column(&csv, key)[i];
            assert_eq!(row[j], dutch(csv_value), "{key} of row {i}");
            assert_eq!(projects[i][key], csv_value.as_str());
            assert_eq!(projects[i][format!("{key}_cents")], cents(csv_value));
        }
    }
    assert_eq!(page_rows[0][2], "€\u{a0}999,99");
    assert_eq!(column(&csv, "spent"), ["999.99", "0.00", ""]);
    assert!(projects[2]["spent"].is_null() && projects[2]["spent_cents"].is_null());
    assert!(
        page_rows[2][2].contains("nog niet bekend"),
        "{:?}",
        page_rows[2]
    );
    assert_eq!(
        page_total,
        [
            "€\u{a0}1.552,55",
            "€\u{a0}1.002,00",
            "€\u{a0}999,99<span class=\"spent-known\"> (van 1 van de 2 projecten bekend)</span>"
        ]
    );
    assert_eq!(json["totals"]["requested"], "1552.55");
    assert_eq!(json["totals"]["granted_cents"], 100200);
    assert_eq!(
        column(&csv, "decision"),
        ["partially_granted", "rejected", "granted"]
    );
    assert!(page.contains("<td data-label=\"Besluit\">Afgewezen</td>"));
    assert!(
        page.contains("<th scope=\"row\">Nog te verdelen</th><td class=\"num\">€\u{a0}998,00</td>")
    );
    assert_eq!(json["budget_left"], "998.00");
    assert_eq!(json["budget_left_cents"], 99800);
}

#[test]
fn a_priority_lists_its_projects_and_a_project_links_to_its_priority() {
    let site = site();
    site.build_ok();
    let plan = site.output("wijkplan/2026/index.html");
    let section_start = plan
        .find("<article id=\"prioriteit-groen\"")
        .expect("anchor");
    let section =
        &plan[section_start..section_start + plan[section_start..].find("</article>").unwrap()];
    assert!(
        section.contains("<a href=\"/projecten/2026-1/tuin/\">Project tuin</a>"),
        "{section}"
    );
    assert!(section.contains("<a href=\"/projecten/2026-1/bank/\">Project bank</a>"));
    let other_start = plan.find("<article id=\"prioriteit-ontmoeting\"").unwrap();
    let other = &plan[other_start..];
    assert!(
        other[..other.find("</article>").unwrap()].contains("nog geen projecten"),
        "only projects under a priority are listed with it"
    );

    let project = site.output("projecten/2026-1/tuin/index.html");
    assert!(
        project.contains("<a href=\"/wijkplan/2026/#prioriteit-groen\">Meer groen</a>"),
        "{project}"
    );
    let broken = broken_internal_links(&site.root().join("output"), "/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_pages_show_what_the_issue_asks_for() {
    let site = site();
    let run = site.build_ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let nav = site.output("meedoen/index.html");
    assert!(
        nav.contains("<a href=\"/wijkplan/\">Wijkplan</a>"),
        "menu: {nav}"
    );
    assert!(nav.contains("<a href=\"/projecten/\">Projecten</a>"));

    let plan = site.output("wijkplan/index.html");
    assert!(plan.contains("<h2 id=\"huidig-kop\">Wijkplan 2026</h2>"));
    let rank_1 = plan.find("Elkaar ontmoeten").unwrap();
    assert!(rank_1 < plan.find("Meer groen").unwrap(), "by rank");

    let year = site.output("wijkplan/2026/index.html");
    assert!(year.contains("<h4>Evaluatie</h4>") && year.contains("Het ging goed."));
    assert!(year.contains("We werken eraan"), "status in words");
    assert!(year.contains("Geld per prioriteit in 2026") && year.contains("<svg"));

    let round = site.output("projecten/2026-1/index.html");
    assert_eq!(round.matches("<h1").count(), 1);
    assert!(round.contains("<th scope=\"col\" class=\"num\">Gevraagd</th>"));
    assert!(round.contains("role=\"img\""), "an accessible chart");
    assert!(
        round.contains("<caption>Geld per wijk</caption>"),
        "the chart's figures as a table"
    );
    assert!(round.contains("href=\"/projecten/2026-1.csv\""));
    // No script but the theme's copy button of the share texts.
    assert_eq!(
        round.matches("<script").count(),
        round
            .matches("<script src=\"/copy.js\" defer></script>")
            .count()
    );

    let project = site.output("projecten/2026-1/tuin/index.html");
    assert!(project.contains("<h1>Project tuin</h1>"));
    assert!(project.contains("Positief") && project.contains("Loopt"));

    let home = site.output("index.html");
    assert!(home.contains("Laatste besluit over projecten"), "{home}");
    assert!(
        home.contains("2 projecten kregen samen €\u{a0}0,30"),
        "{home}"
    );

    let noord = site.output("noord/index.html");
    assert!(noord.contains("Wat we belangrijk vinden in Noord"));
    // Numbered on the page itself (1, 2, …), not by the plan's overall rank
    // (here 2), which would leave gaps.
    assert!(noord.contains("<li><a href=\"/wijkplan/2026/#prioriteit-groen\">"));
    assert!(!noord.contains("<li value="), "{noord}");
    assert!(noord.contains("Projecten in Noord") && noord.contains("Project tuin"));
    let zuid = site.output("zuid/index.html");
    assert!(
        zuid.contains("Elkaar ontmoeten"),
        "area-wide priorities are on every wijk page"
    );
    assert!(
        !zuid.contains("Meer groen"),
        "a priority for Noord is not on Zuid's page"
    );
    assert!(zuid.contains("Er zijn nog geen projecten in deze wijk."));
}

#[test]
fn the_current_wijkplan_is_the_latest_not_after_the_build_year() {
    // The fixture builds at SOURCE_DATE_EPOCH 1790000000: September 2026.
    let site = site();
    for year in ["2025", "2027"] {
        site.write(
            &format!("content/wijkplan/{year}.yaml"),
            PLAN_2026.replace("2026", year),
        );
    }
    site.build_ok();
    let index = site.output("wijkplan/index.html");
    assert!(
        index.contains("<h2 id=\"huidig-kop\">Wijkplan 2026</h2>"),
        "{index}"
    );
    for year in ["2025", "2026", "2027"] {
        assert!(index.contains(&format!(
            "<a href=\"/wijkplan/{year}/\">Wijkplan {year}</a>"
        )));
        assert!(site.output_exists(&format!("wijkplan/{year}/index.html")));
    }
}

#[test]
fn csv_cells_cannot_become_spreadsheet_formulas() {
    let site = site();
    let text = good_round()
        .replace(
            "\"Project tuin\"",
            "\"=HYPERLINK(\\\"http://evil.example\\\",\\\"klik\\\")\"",
        )
        .replacen("\"Bewoners\"", "\"@SUM(A1:A9)\"", 1)
        .replacen("\"Bewoners\"", "\"+31 33 123 45 67\"", 1);
    site.write("content/projecten/2026-1.yaml", text);
    site.build_ok();
    let csv = site.output("projecten/2026-1.csv");
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\","),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(A1:A9),"), "{csv}");
    assert!(csv.contains(",'+31 33 123 45 67,"), "{csv}");
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {csv}");
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&site.output("projecten/2026-1.json")).unwrap();
    assert_eq!(
        json["projects"][1]["applicant"], "+31 33 123 45 67",
        "JSON keeps the text"
    );
}

#[test]
fn the_build_is_byte_for_byte_repeatable() {
    let site = site();
    site.build_ok();
    let first = site.snapshot();
    site.build_ok();
    assert_eq!(site.snapshot(), first);
}

// Content errors: exit 1, the file and line, a hint, and output/ unchanged.

#[test]
fn granted_above_requested() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}",
        project("tuin", "noord", "10", "12", "0")
            .replace("decision: granted", "decision: partially_granted")
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:10:",
        &["meer dan", "gevraagd", "tip:"],
    );
}

#[test]
fn rejected_with_a_grant() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}",
        project("tuin", "noord", "10", "5", "0")
            .replace("decision: granted", "decision: rejected")
            .replace("status: running", "status: cancelled")
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:10:",
        &["afgewezen", "€\u{a0}5,00", "tip:"],
    );
}

#[test]
fn a_granted_decision_with_less_than_requested() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}",
        project("tuin", "noord", "10", "9", "0")
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:10:",
        &["`granted`", "partially_granted"],
    );
}

#[test]
fn negative_amounts() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}",
        project("tuin", "noord", "10", "10", "-1")
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:11:",
        &["`spent` is negatief", "tip:"],
    );
}

#[test]
fn more_than_two_decimals() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}",
        project("tuin", "noord", "10.1255", "10", "0")
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:9:",
        &["`requested`: ‘10.1255’", "twee cijfers", "tip:"],
    );
}

#[test]
fn grants_over_the_budget() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}{}",
        project("tuin", "noord", "600", "600", "0"),
        project("bank", "zuid", "400.01", "400.01", "0"),
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:3:",
        &["€\u{a0}1.000,01", "budget", "€\u{a0}1.000,00", "tip:"],
    );
}

#[test]
fn spent_above_granted() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}",
        project("tuin", "noord", "10", "10", "10.01")
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:11:",
        &["besteed", "€\u{a0}10,01", "tip:"],
    );
}

#[test]
fn an_unknown_priority() {
    let run = broken_round(&good_round().replacen("2026/groen", "2026/grun", 1));
    run.assert_error(
        "content/projecten/2026-1.yaml:14:",
        &[
            "`2026/grun`",
            "bedoelt u `2026/groen`?",
            "ontmoeting, groen",
        ],
    );
    // Capitals are forgiven in the suggestion too.
    let run = broken_round(&good_round().replacen("2026/groen", "2026/Groen", 1));
    run.assert_error(
        "content/projecten/2026-1.yaml:14:",
        &["bedoelt u `2026/groen`?"],
    );
}

#[test]
fn an_unknown_wijk_in_a_project_and_in_a_priority() {
    let run = broken_round(&good_round().replacen("wijk: noord", "wijk: west", 1));
    run.assert_error(
        "content/projecten/2026-1.yaml:7:",
        &["`west`", "noord, zuid"],
    );
    let run = broken(
        "content/wijkplan/2026.yaml",
        &PLAN_2026.replace("[noord]", "[west]"),
    );
    run.assert_error("content/wijkplan/2026.yaml:9:", &["`west`", "noord, zuid"]);
}

#[test]
fn duplicate_project_ids() {
    let run = broken_round(&good_round().replace("id: bank", "id: tuin"));
    run.assert_error(
        "content/projecten/2026-1.yaml:16:",
        &["`tuin`", "twee keer", "tip:"],
    );
}

#[test]
fn duplicate_priority_ids_in_a_wijkplan() {
    let run = broken(
        "content/wijkplan/2026.yaml",
        &PLAN_2026.replace("id: ontmoeting", "id: groen"),
    );
    run.assert_error(
        "content/wijkplan/2026.yaml:14:",
        &["`groen`", "twee keer", "tip:"],
    );
}

#[test]
fn a_wijkplan_year_that_is_not_its_file_name() {
    let run = broken(
        "content/wijkplan/2026.yaml",
        &PLAN_2026.replacen("2026", "2062", 1),
    );
    run.assert_error(
        "content/wijkplan/2026.yaml:1:",
        &["2062", "2026.yaml", "tip:"],
    );
    assert!(
        !run.stderr.contains("content/projecten"),
        "projects pointing at the broken plan are not reported too:\n{}",
        run.stderr
    );
}

#[test]
fn a_dot_between_thousands() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}",
        project("tuin", "noord", "1.250", "1.250", "0")
    ));
    run.assert_error(
        "content/projecten/2026-1.yaml:9:",
        &["gebruik geen punt tussen duizendtallen", "1250"],
    );
    run.assert_error("content/projecten/2026-1.yaml:10:", &["duizendtallen"]);
    let run = broken_round(&ROUND_HEAD.replace("budget: 1000", "budget: 12.500"));
    run.assert_error("content/projecten/2026-1.yaml:3:", &["`budget: 12.500`"]);
}

#[test]
fn all_problems_of_a_round_are_listed_at_once() {
    let run = broken_round(&format!(
        "{ROUND_HEAD}{}{}",
        project("tuin", "west", "10", "12", "0")
            .replace("decision: granted", "decision: partially_granted"),
        project("bank", "noord", "5", "5", "6"),
    ));
    run.assert_error("content/projecten/2026-1.yaml:7:", &["`west`"]);
    run.assert_error("content/projecten/2026-1.yaml:10:", &["meer dan"]);
    run.assert_error("content/projecten/2026-1.yaml:22:", &["besteed"]);
}

#[test]
fn two_files_for_one_round_are_both_named() {
    let run = broken("content/projecten/2026-1.yml", &good_round());
    run.assert_error(
        "content/projecten/2026-1.y",
        &["hetzelfde adres /projecten/2026-1/"],
    );
}

/// Unknown is not zero (issue 15): spent amounts that are not reported yet
/// are left out of every sum, which says how many amounts it holds; nothing
/// shows "€ 0,00" for them, and a group with only a rejected request gets no
/// chart bar.
#[test]
fn unknown_spent_amounts_are_never_shown_as_zero() {
    let site = site();
    let text = format!(
        "{}{}{}{}{}",
        ROUND_HEAD,
        project("tuin", "noord", "300", "300", "120.5"),
        project("bank", "noord", "200", "200", "0").replace("    spent: 0\n", ""),
        // Zuid has one request, rejected: no money, nothing to spend.
        project("feest", "zuid", "50", "0", "0")
            .replace("    spent: 0\n", "")
            .replace("decision: granted", "decision: rejected")
            .replace("status: running", "status: cancelled"),
        // Without a priority: alone in its group on the priority chart.
        project("plein", "noord", "100", "100", "0")
            .replace("    spent: 0\n", "")
            .replace("    priority: 2026/groen\n", ""),
    );
    site.write("content/projecten/2026-1.yaml", &text);
    // A second round where nothing is reported yet.
    site.write(
        "content/projecten/2026-2.yaml",
        format!(
            "title: \"Ronde 2\"\ndecided: 2026-06-01\nbudget: 100\nprojects:\n{}",
            project("boom", "zuid", "40", "40", "0").replace("    spent: 0\n", "")
        ),
    );
    site.build_ok();

    let page = site.output("projecten/2026-1/index.html");
    let zero = "€\u{a0}0,00";
    let known =
        "€\u{a0}120,50<span class=\"spent-known\"> (van 1 van de 3 projecten bekend)</span>";
    let (_, foot) = table_numbers(&page, "Alle aanvragen in deze ronde");
    assert_eq!(foot[2], known, "{page}");
    let (per_wijk, per_wijk_total) = table_numbers(&page, "Geld per wijk");
    assert_eq!(per_wijk[0][3], known, "Noord");
    assert!(
        per_wijk[1][3].contains("niet van toepassing"),
        "Zuid: {:?}",
        per_wijk[1]
    );
    assert_eq!(per_wijk_total[3], known);
    // The only "€ 0,00" on the page is what the rejected request got.
    let (rows, _) = table_numbers(&page, "Alle aanvragen in deze ronde");
    assert_eq!(rows[2][1], zero, "granted to the rejected one");
    assert_eq!(
        page.matches(zero).count(),
        2,
        "granted 0 to the rejected one, in the requests and per wijk: {page}"
    );
    // The chart: Noord has a bar with the known sum and a note; Zuid none.
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert!(!svg.contains(zero), "{svg}");
    assert!(
        !svg.contains(">Zuid<"),
        "a group without money gets no bar: {svg}"
    );
    assert!(
        svg.contains(">besteed: van 1 van de 3 projecten bekend<"),
        "{svg}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&site.output("projecten/2026-1.json")).unwrap();
    assert_eq!(json["totals"]["spent"], "120.50");
    assert_eq!(json["totals"]["spent_known_projects"], 1);
    assert_eq!(json["totals"]["spending_projects"], 3);
    let rows = csv_rows(&site.output("projecten/2026-1.csv"));
    assert_eq!(column(&rows, "spent"), ["120.50", "", "", ""]);

    // Nothing known at all: words, and null in the open data.
    let page = site.output("projecten/2026-2/index.html");
    assert!(!page.contains(zero), "{page}");
    let (_, foot) = table_numbers(&page, "Alle aanvragen in deze ronde");
    assert!(foot[2].contains("nog niet bekend"), "{foot:?}");
    let json: serde_json::Value =
        serde_json::from_str(&site.output("projecten/2026-2.json")).unwrap();
    assert!(json["totals"]["spent"].is_null() && json["totals"]["spent_cents"].is_null());

    let overview = site.output("projecten/index.html");
    let (rounds, all) = table_numbers(&overview, "Alle rondes, de nieuwste eerst");
    assert!(rounds[0][3].contains("nog niet bekend"), "{:?}", rounds[0]);
    assert_eq!(
        all[3],
        "€\u{a0}120,50<span class=\"spent-known\"> (van 1 van de 4 projecten bekend)</span>"
    );
    assert!(!overview.contains(zero), "{overview}");
}
