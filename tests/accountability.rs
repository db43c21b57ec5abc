//! The yearly cycle and accountability for money (issue 18), on fixture
//! sites: exact totals to the cent on the yearly account, its CSV and JSON
//! and the round pages; deadlines in the area calendar; the open round on
//! the home page; a priority's history; and every rule's Dutch error with
//! its file and line.
//!
//! The build date of every fixture is 2026-09-21 (SOURCE_DATE_EPOCH).

mod common;
use common::Fixture;
use icalendar::{Component, DatePerhapsTime};
use std::str::FromStr;

const SITE_EXTRA: &str = "categories: [groen, ontmoeting]\n";

const MEETING: &str = "---\ntitle: \"Advies over de aanvragen\"\nstart: 2026-03-30 19:30\nend: 2026-03-30 21:30\nvenue: buurthuis\n---\nAgenda.\n";

const PLAN_2025: &str = "\
year: 2025
adopted: 2025-02-01
priorities:
  - id: groen
    title: \"Groen in 2025\"
    goal: \"Een tuin.\"
    theme: Groen
    rank: 1
    residents: Bewoners planten.
    professionals: Stadsbeheer helpt.
    status: done
    evaluation:
      date: 2025-10-20
      meeting: 2026-03-30-advies
      went_well: De tuin ligt er.
      not_yet: Nog te weinig vrijwilligers.
      next: aanpassen
";

const PLAN_2026: &str = "\
year: 2026
phase: vastgesteld
adopted: 2026-02-12
priorities:
  - id: groen
    title: \"Meer groen\"
    continues: 2025/groen
    goal: \"Elke straat een geveltuin.\"
    theme: Groen
    rank: 1
    residents: Bewoners planten.
    professionals: Stadsbeheer helpt.
    status: active
    indicators:
      - name: Geveltuinen
        target: 20
        actual: 12
  - id: ontmoeting
    title: \"Elkaar ontmoeten\"
    theme: Ontmoeting
    rank: 2
    residents: Koffie.
    professionals: De buurtnetwerker.
    status: active
";

/// Round 1: four requests, every money rule in use.
const ROUND_1: &str = "\
title: \"Ronde 1\"
decided: 2026-04-15
opens: 2026-01-05
closes: 2026-03-15
advice_meeting: 2026-03-30-advies
decision_expected: 2026-04-15
report_due: 2026-09-01
budget: 1000
projects:
  - id: a
    title: \"Project A\"
    wijk: noord
    applicant: Bewoners
    requested: 100.1
    granted: 100.1
    spent: 80.05
    returned: 20.05
    accounted:
      submitted: 2026-08-01
      approved: 2026-08-15
    category: groen
    advice: positive
    decision: granted
    priority: 2026/groen
    status: completed
  - id: b
    title: \"Project B\"
    wijk: zuid
    applicant: Bewoners
    requested: 50
    granted: \"40,33\"
    category: ontmoeting
    advice: conditional
    decision: partially_granted
    priority: 2026/ontmoeting
    status: running
  - id: c
    title: \"Project C\"
    applicant: Bewoners
    requested: 0.1
    granted: 0.1
    spent: 0.1
    accounted:
      submitted: 2026-05-01
    advice: positive
    decision: granted
    priority: 2026/ontmoeting
    status: completed
  - id: d
    title: \"Project D\"
    applicant: Bewoners
    requested: 500
    granted: 0
    advice: negative
    decision: rejected
    status: cancelled
";

/// Round 2: open on the build date.
const ROUND_2: &str = "\
title: \"Ronde 2\"
decided: 2026-10-07
opens: 2026-09-01
closes: 2026-09-30
report_due: 2027-06-30
projects:
  - id: e
    title: \"Project E\"
    wijk: noord
    applicant: Bewoners
    requested: 0.2
    granted: 0.2
    advice: positive
    decision: granted
    status: planned
";

fn site() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/site.yaml",
        format!("{}{SITE_EXTRA}", common::SITE_YAML),
    );
    site.write("content/bijeenkomsten/2026-03-30-advies.md", MEETING);
    site.write("content/wijkplan/2025.yaml", PLAN_2025);
    site.write("content/wijkplan/2026.yaml", PLAN_2026);
    site.write("content/projecten/2026-1.yaml", ROUND_1);
    site.write("content/projecten/2026-2.yaml", ROUND_2);
    site
}

/// The 1-based line of the first line of `text` that contains `needle`
/// at or after line `from`.
fn line_of(text: &str, needle: &str, from: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("{needle} not in text"))
}

/// Euros written as on the pages ("€ 1.234,56", with a no-break space)
/// from cents.
fn nl(cents: i64) -> String {
    let euros = cents / 100;
    let mut digits = euros.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(".{tail}{grouped}");
    }
    format!("€\u{a0}{digits}{grouped},{:02}", cents % 100)
}

/// Cents from "1250.50".
fn cents(plain: &str) -> i64 {
    if plain.is_empty() {
        return 0;
    }
    let (euros, cents) = plain.split_once('.').expect("two decimals");
    assert_eq!(cents.len(), 2, "{plain}");
    euros.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap()
}

struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn parse(text: &str) -> Csv {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        Csv { header, rows }
    }

    fn column(&self, name: &str) -> Vec<&str> {
        let i = self
            .header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        self.rows.iter().map(|r| r[i].as_str()).collect()
    }

    fn sum(&self, name: &str, keep: impl Fn(usize) -> bool) -> i64 {
        self.column(name)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, v)| cents(v))
            .sum()
    }
}

/// The `td.num` text after the row header `label` in the table with `caption`.
fn figure(html: &str, caption: &str, label: &str) -> String {
    let start = html
        .find(&format!("<caption>{caption}</caption>"))
        .unwrap_or_else(|| panic!("no table {caption}"));
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let row = table
        .split("<tr>")
        .find(|r| r.contains(&format!(">{label}</th>")))
        .unwrap_or_else(|| panic!("no row {label} in {caption}"));
    let cell = row.split("class=\"num\">").nth(1).expect("a number cell");
    cell.split('<').next().unwrap().to_string()
}

#[test]
fn the_yearly_account_csv_json_page_and_round_pages_agree_to_the_cent() {
    let site = site();
    site.build_ok();
    let csv = Csv::parse(&site.output("verantwoording/2026.csv"));
    assert_eq!(
        csv.column("id"),
        ["a", "b", "c", "e"],
        "funded projects only"
    );
    let all = |_| true;
    // Granted minus returned: 80.05 + 40.33 + 0.10 + 0.20.
    assert_eq!(csv.sum("granted_net", all), 12068);
    assert_eq!(csv.sum("granted", all) - csv.sum("returned", all), 12068);
    assert_eq!(csv.sum("returned", all), 2005);
    assert_eq!(csv.sum("spent", all), 8015);
    assert_eq!(
        csv.column("spent"),
        ["80.05", "", "0.10", ""],
        "unknown is empty, not 0"
    );
    // Everything not approved: b, c (handed in, not approved) and e.
    assert_eq!(csv.sum("to_account", all), 4063);

    let json: serde_json::Value =
        serde_json::from_str(&site.output("verantwoording/2026.json")).unwrap();
    let totals = &json["totals"];
    assert_eq!(totals["granted_cents"], 12068);
    assert_eq!(totals["granted"], "120.68");
    assert_eq!(totals["returned_cents"], 2005);
    assert_eq!(totals["spent_cents"], 8015);
    assert_eq!(totals["spent_known_projects"], 2);
    assert_eq!(totals["to_account_cents"], 4063);
    let noord = json["per_wijk"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == "noord")
        .unwrap();
    assert_eq!(noord["granted_cents"], 8025);

    let page = site.output("verantwoording/2026/index.html");
    assert_eq!(figure(&page, "Het hele jaar", "Toegekend"), nl(12068));
    assert_eq!(figure(&page, "Het hele jaar", "Terugbetaald"), nl(2005));
    assert_eq!(
        figure(&page, "Het hele jaar", "Nog te verantwoorden"),
        nl(4063)
    );
    assert!(page.contains(&nl(8015)), "spent on the page");

    // Each round page's granted total equals its rows of the CSV.
    for (round, title) in [("2026-1", "Ronde 1"), ("2026-2", "Ronde 2")] {
        let rounds = csv.column("round");
        let sum = csv.sum("granted_net", |i| rounds[i] == round);
        let html = site.output(&format!("projecten/{round}/index.html"));
        let shown = figure(
            &html,
            "Budget, toekenningen en wat er nog te verdelen is",
            "Toegekend",
        );
        assert_eq!(shown, nl(sum), "{title}");
        let round_json: serde_json::Value =
            serde_json::from_str(&site.output(&format!("projecten/{round}.json"))).unwrap();
        assert_eq!(round_json["totals"]["granted_cents"], sum, "{round}");
    }
    // The round's budget gets returned money back: 1000 - 120.48.
    let round_1 = site.output("projecten/2026-1/index.html");
    assert_eq!(
        figure(
            &round_1,
            "Budget, toekenningen en wat er nog te verdelen is",
            "Nog te verdelen"
        ),
        nl(87952)
    );
}

#[test]
fn a_project_whose_report_is_late_is_named_and_others_are_not() {
    let site = site();
    site.build_ok();
    let page = site.output("verantwoording/2026/index.html");
    let owing =
        &page[page.find("id=\"te-laat-kop\"").unwrap()..page.find("id=\"per-wijk-kop\"").unwrap()];
    assert!(owing.contains("Project B"), "{owing}");
    for handed_in_or_not_due in ["Project A", "Project C", "Project E"] {
        assert!(
            !owing.contains(handed_in_or_not_due),
            "{handed_in_or_not_due}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&site.output("verantwoording/2026.json")).unwrap();
    let owes: Vec<&str> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["owes_report"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(owes, ["b"]);
    assert!(
        site.output("verantwoording/index.html")
            .contains("/verantwoording/2026/")
    );
}

#[test]
fn deadlines_are_all_day_events_with_stable_uids_in_the_area_calendar() {
    let site = site();
    site.build_ok();
    let text = site.output("agenda.ics");
    for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let calendar = icalendar::Calendar::from_str(&text).unwrap();
    let deadlines: Vec<&icalendar::Event> = calendar
        .events()
        .filter(|e| {
            e.multi_properties()
                .get("CATEGORIES")
                .is_some_and(|all| all.iter().any(|p| p.value() == "Deadline"))
        })
        .collect();
    let uids: Vec<&str> = deadlines.iter().map(|e| e.get_uid().unwrap()).collect();
    // By date, then UID; round 2 has no decision_expected.
    assert_eq!(
        uids,
        [
            "2026-1-opens@test.example",
            "2026-1-closes@test.example",
            "2026-1-decision@test.example",
            "2026-1-report@test.example",
            "2026-2-opens@test.example",
            "2026-2-closes@test.example",
            "2026-2-report@test.example",
        ]
    );
    let closes = deadlines[1];
    let date = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        other => panic!("not a date: {other:?}"),
    };
    assert_eq!(date(closes.get_start()), "2026-03-15");
    assert_eq!(date(closes.get_end()), "2026-03-16");
    assert_eq!(
        closes.get_summary(),
        Some("Ronde 1: laatste dag om aan te vragen")
    );
    assert!(closes.get_url().unwrap().ends_with("/projecten/2026-1/"));
    assert!(closes.get_timestamp().is_some() && closes.property_value("ORGANIZER").is_some());
    assert_eq!(closes.property_value("TRANSP"), Some("TRANSPARENT"));
    for e in &deadlines {
        assert!(e.get_status().is_some() && e.get_sequence() == Some(0));
    }
    let all_uids: Vec<&str> = calendar.events().filter_map(|e| e.get_uid()).collect();
    let unique: std::collections::BTreeSet<&str> = all_uids.iter().copied().collect();
    assert_eq!(unique.len(), all_uids.len(), "no UID twice");
    // The same bytes when built again.
    site.build_ok();
    assert_eq!(site.output("agenda.ics"), text, "stable across builds");
    // The same UIDs when a date moves: calendars update the event.
    site.write(
        "content/projecten/2026-1.yaml",
        ROUND_1.replace("closes: 2026-03-15", "closes: 2026-03-20"),
    );
    site.build_ok();
    let moved = site.output("agenda.ics");
    assert!(moved.contains("UID:2026-1-closes@test.example\r\n"));
    assert!(moved.contains("DTSTART;VALUE=DATE:20260320\r\n"));
    // A wijk's calendar has meetings only.
    assert!(!site.output("noord/agenda.ics").contains("Deadline"));
}

#[test]
fn the_open_round_is_on_the_home_page_and_its_dates_on_a_page() {
    let site = site();
    site.write(
        "content/pages/aanvragen.md",
        "---\ntitle: Aanvragen\n---\nVraag aan vóór {{ ronde.sluit }} in {{ronde.titel}}.\n",
    );
    site.build_ok();
    let home = site.output("index.html");
    assert!(
        home.contains("Nu open: aanvragen tot en met 30 september"),
        "{home}"
    );
    let page = site.output("aanvragen/index.html");
    assert!(
        page.contains("Vraag aan vóór woensdag 30 september 2026 in Ronde 2."),
        "{page}"
    );
    // The round page shows its timeline, the advice meeting linked.
    let round = site.output("projecten/2026-1/index.html");
    assert!(round.contains("Tijdlijn van deze ronde"));
    assert!(round.contains("href=\"/bijeenkomsten/2026-03-30-advies/\""));
    // Closed on the build date: no block.
    site.write(
        "content/projecten/2026-2.yaml",
        ROUND_2.replace("closes: 2026-09-30", "closes: 2026-09-20"),
    );
    site.build_ok();
    assert!(!site.output("index.html").contains("Nu open"));
}

#[test]
fn a_priority_page_shows_its_history_and_the_plan_its_phase() {
    let site = site();
    site.build_ok();
    let page = site.output("wijkplan/2026/groen/index.html");
    assert!(page.contains("Elke straat een geveltuin."), "goal");
    assert!(page.contains("href=\"/wijkplan/2025/groen/\""), "last year");
    assert!(page.contains("De tuin ligt er."), "last year's evaluation");
    assert!(page.contains("Geveltuinen"), "indicator");
    assert!(page.contains("Project A"), "funded project");
    let older = site.output("wijkplan/2025/groen/index.html");
    assert!(
        older.contains("href=\"/wijkplan/2026/groen/\""),
        "and forward"
    );
    let year = site.output("wijkplan/2025/index.html");
    assert!(
        year.contains("We gaan door, maar anders"),
        "what comes next"
    );
    assert!(year.contains("href=\"/bijeenkomsten/2026-03-30-advies/\""));
    let plan = site.output("wijkplan/index.html");
    assert!(plan.contains("Vastgesteld"));
}

#[test]
fn a_concept_plan_needs_no_adoption_date_and_says_so() {
    let site = site();
    site.write(
        "content/wijkplan/2027.yaml",
        "year: 2027\nphase: concept\npriorities:\n  - id: groen\n    title: Groen\n    continues: 2026/groen\n    theme: Groen\n    rank: 1\n    residents: r\n    professionals: p\n    status: planned\n",
    );
    site.build_ok();
    let page = site.output("wijkplan/2027/index.html");
    assert!(page.contains("nog een concept"), "{page}");
}

/// Builds the good site, then with `file` changed, and checks the Dutch
/// error on `line` naming every word.
fn error_at(file: &str, text: &str, needle: &str, words: &[&str]) {
    let site = site();
    let run = site.break_and_build(|s| s.write(file, text), |s| s.build());
    let line = line_of(text, needle, 1);
    run.assert_error(&format!("{file}:{line}"), words);
}

#[test]
fn returned_more_than_granted_is_an_error_on_its_line() {
    let text = ROUND_1.replace("returned: 20.05", "returned: 100.11");
    error_at(
        "content/projecten/2026-1.yaml",
        &text,
        "returned: 100.11",
        &["terugbetaald", "meer dan"],
    );
    let text = ROUND_1.replace("returned: 20.05", "returned: 20.06");
    error_at(
        "content/projecten/2026-1.yaml",
        &text,
        "returned: 20.06",
        &["samen meer"],
    );
}

#[test]
fn a_report_before_the_decision_is_an_error_on_its_line() {
    let text = ROUND_1.replace("submitted: 2026-08-01", "submitted: 2026-04-14");
    error_at(
        "content/projecten/2026-1.yaml",
        &text,
        "submitted: 2026-04-14",
        &["vóór het besluit"],
    );
    let text = ROUND_1.replace("approved: 2026-08-15", "approved: 2026-07-31");
    error_at(
        "content/projecten/2026-1.yaml",
        &text,
        "approved: 2026-07-31",
        &["vóór ze werd ingeleverd"],
    );
}

#[test]
fn an_evaluation_or_advice_at_an_unknown_meeting_is_an_error_on_its_line() {
    let text = PLAN_2025.replace("meeting: 2026-03-30-advies", "meeting: 2026-03-31-advies");
    error_at(
        "content/wijkplan/2025.yaml",
        &text,
        "meeting: 2026-03-31",
        &["bijeenkomst bestaat niet", "2026-03-30-advies"],
    );
    let text = ROUND_1.replace(
        "advice_meeting: 2026-03-30-advies",
        "advice_meeting: vergadering",
    );
    error_at(
        "content/projecten/2026-1.yaml",
        &text,
        "advice_meeting:",
        &["`advice_meeting: vergadering`", "bestaat niet"],
    );
}

#[test]
fn continues_to_a_missing_priority_is_an_error_on_its_line() {
    let text = PLAN_2026.replace("continues: 2025/groen", "continues: 2025/grond");
    error_at(
        "content/wijkplan/2026.yaml",
        &text,
        "continues:",
        &["`continues: 2025/grond`", "bestaat niet"],
    );
    let text = PLAN_2026.replace("continues: 2025/groen", "continues: 2027/groen");
    error_at(
        "content/wijkplan/2026.yaml",
        &text,
        "continues:",
        &["bestaat niet"],
    );
}

#[test]
fn an_unknown_category_or_next_step_is_an_error_on_its_line() {
    let text = ROUND_1.replace("category: groen", "category: feest");
    error_at(
        "content/projecten/2026-1.yaml",
        &text,
        "category: feest",
        &["`feest`", "site.yaml"],
    );
    let text = PLAN_2025.replace("next: aanpassen", "next: misschien");
    let site = site();
    let run = site.break_and_build(
        |s| s.write("content/wijkplan/2025.yaml", &text),
        |s| s.build(),
    );
    run.assert_error("content/wijkplan/2025.yaml", &["misschien"]);
}

#[test]
fn check_warns_when_a_plan_year_is_over_without_evaluations() {
    let site = site();
    site.write(
        "content/wijkplan/2025.yaml",
        PLAN_2025.replace(
            "    evaluation:\n      date: 2025-10-20\n      meeting: 2026-03-30-advies\n      went_well: De tuin ligt er.\n      not_yet: Nog te weinig vrijwilligers.\n      next: aanpassen\n",
            "",
        ),
    );
    let run = site.run(&["check"]);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("2025 is voorbij, maar prioriteit `groen` heeft nog geen evaluatie"),
        "{all}"
    );
    assert!(
        all.contains("content/wijkplan/2025.yaml:4: waarschuwing: 2025 is voorbij"),
        "the warning names the line of the priority: {all}"
    );
    assert!(
        !all.contains("prioriteit `ontmoeting` heeft nog geen"),
        "2026 is not over"
    );
}

#[test]
fn a_newsletter_edition_shows_the_round_open_on_its_date() {
    let site = site();
    site.write(
        "content/nieuwsbrief/2026-09-15-september.md",
        "---\ntitle: September\ndate: 2026-09-15\n---\nNieuws.\n",
    );
    site.write(
        "content/nieuwsbrief/2026-08-15-augustus.md",
        "---\ntitle: Augustus\ndate: 2026-08-15\n---\nNieuws.\n",
    );
    site.build_ok();
    let heading = "Nu open: aanvragen tot en met 30 september";
    let page = site.output("nieuwsbrief/2026-09-15-september/index.html");
    assert!(page.contains(heading), "{page}");
    let text = site.output("nieuwsbrief/2026-09-15-september/email.txt");
    assert!(
        text.contains(heading) && text.contains("/projecten/2026-2/"),
        "{text}"
    );
    assert!(
        site.output("nieuwsbrief/2026-09-15-september/email.html")
            .contains(heading)
    );
    // In August no round was open.
    let august = site.output("nieuwsbrief/2026-08-15-augustus/index.html");
    assert!(!august.contains("Nu open"), "{august}");
}

#[test]
fn a_rolling_fund_has_its_own_figures_and_an_unknown_fund_is_an_error() {
    let site = site();
    site.write(
        "content/fondsen.yaml",
        "funds:\n  - id: buurtbudget\n    title: \"Buurtbudget Testwijk\"\n    mode: doorlopend\n    budgets:\n      - year: 2026\n        wijk: noord\n        amount: 500\n      - year: 2026\n        wijk: zuid\n        amount: \"250,50\"\n",
    );
    let rolling = "title: \"Buurtbudget 2026\"\nfund: buurtbudget\ndecided: 2026-06-01\nprojects:\n  - id: f\n    title: \"Project F\"\n    wijk: zuid\n    applicant: Bewoners\n    requested: 75.25\n    granted: 75.25\n    advice: positive\n    decision: granted\n    status: running\n";
    site.write("content/projecten/2026-buurtbudget.yaml", rolling);
    site.build_ok();
    let json: serde_json::Value =
        serde_json::from_str(&site.output("verantwoording/2026.json")).unwrap();
    let funds: Vec<(String, i64)> = json["per_fund"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap_or("").to_string(),
                g["granted_cents"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        funds,
        [("buurtbudget".to_string(), 7525), (String::new(), 12068)]
    );
    assert_eq!(json["fund_budgets"][0]["budget_cents"], 75050);
    assert_eq!(json["totals"]["granted_cents"], 12068 + 7525);
    let page = site.output("verantwoording/2026/index.html");
    assert!(page.contains("Buurtbudget Testwijk"), "{page}");
    assert!(page.contains(&nl(75050)), "the fund's budget");

    let broken = rolling.replace("fund: buurtbudget", "fund: potje");
    let run = site.break_and_build(
        |s| s.write("content/projecten/2026-buurtbudget.yaml", &broken),
        |s| s.build(),
    );
    run.assert_error(
        "content/projecten/2026-buurtbudget.yaml:2",
        &["`potje`", "buurtbudget"],
    );
}

#[test]
fn a_page_cannot_take_the_address_of_the_yearly_account() {
    let site = site();
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/pages/verantwoording.md",
                "---\ntitle: Verantwoording\n---\nTekst.\n",
            )
        },
        |s| s.build(),
    );
    run.assert_error(
        "content/pages/verantwoording.md",
        &["/verantwoording/", "gereserveerd"],
    );
}

#[test]
fn an_unknown_round_field_in_a_page_is_an_error_on_its_line() {
    let site = site();
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/pages/aanvragen.md",
                "---\ntitle: Aanvragen\n---\nEerst tekst.\n\nTot {{ ronde.sluiting }}.\n",
            )
        },
        |s| s.build(),
    );
    run.assert_error(
        "content/pages/aanvragen.md:6",
        &["`{{ ronde.sluiting }}` bestaat niet", "{{ ronde.sluit }}"],
    );
}
