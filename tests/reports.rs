//! Reports of meetings (content/verslagen/): the report page, the links
//! meeting ↔ report ↔ project in both directions, the calendar event and the
//! newsletter agenda that name the report, the advice trail on a project,
//! and every content error with file and line.

mod common;
use common::Fixture;
use std::str::FromStr;

const MEETING: &str = "---\ntitle: Bewonersteam\nstart: 2026-03-30 19:30\nend: 2026-03-30 21:30\nvenue: buurthuis\n---\nAdvies over ronde 1.\n";

const PLAN: &str = "year: 2026\nadopted: 2026-02-12\npriorities:\n  - id: groen\n    title: Meer groen\n    theme: Groen\n    rank: 1\n    residents: Planten.\n    professionals: Stadsbeheer.\n    status: active\n";

/// Two projects; `tuin` has no `advice:` of its own (the report gives it).
const ROUND: &str = "title: \"Ronde 1\"
decided: 2026-04-15
projects:
  - id: tuin
    title: \"Buurttuin\"
    wijk: noord
    applicant: \"Bewoners\"
    requested: 100
    granted: 100
    decision: granted
    status: running
  - id: feest
    title: \"Straatfeest\"
    applicant: \"Bewoners\"
    requested: 50
    granted: 0
    advice: negative
    decision: rejected
    status: cancelled
";

/// Line 7 is the decision's `project:`, line 14 the action's `due:`.
const REPORT: &str = "---
attendance:
  residents: 12
  first_time: 3
  professionals: [buurtnetwerker, wijkagent]
decisions:
  - project: 2026-ronde-1/tuin
    advice: voorwaardelijk
    reason: \"Veel bewoners doen mee.\"
    conditions: [Een brief aan de buren]
actions:
  - who: Buurtnetwerker
    what: Advies versturen
    due: 2026-04-01
    status: klaar
---
## Wat er besproken is

Zes aanvragen.
";

fn site() -> Fixture {
    let site = Fixture::new();
    site.write("content/bijeenkomsten/2026-03-30-team.md", MEETING);
    site.write("content/wijkplan/2026.yaml", PLAN);
    site.write("content/projecten/2026-ronde-1.yaml", ROUND);
    site.write("content/verslagen/2026-03-30-team.md", REPORT);
    site
}

#[test]
fn a_report_is_a_page_linked_from_its_meeting_and_to_its_projects() {
    let site = site();
    site.build_ok();
    let report = site.output("bijeenkomsten/2026-03-30-team/verslag/index.html");
    assert!(report.contains("Verslag van Bewonersteam"), "{report}");
    assert!(
        report.contains("12 bewoners (3 voor het eerst)"),
        "{report}"
    );
    assert!(report.contains("buurtnetwerker, wijkagent"), "{report}");
    assert!(report.contains(r#"<a href="/projecten/2026-ronde-1/tuin/">Buurttuin</a>"#));
    assert!(report.contains("Positief onder voorwaarden"), "{report}");
    assert!(report.contains("Een brief aan de buren"));
    assert!(report.contains(r#"<time datetime="2026-04-01">1 april 2026</time>"#));
    assert!(report.contains(r#"href="/bijeenkomsten/2026-03-30-team/""#));

    let meeting = site.output("bijeenkomsten/2026-03-30-team/index.html");
    assert!(
        meeting.contains(r#"<a href="/bijeenkomsten/2026-03-30-team/verslag/">"#),
        "the meeting page links its report"
    );
    let list = site.output("verslagen/index.html");
    assert!(list.contains(r#"href="/bijeenkomsten/2026-03-30-team/verslag/""#));

    // The advice comes from the report, with the trail back to it.
    let project = site.output("projecten/2026-ronde-1/tuin/index.html");
    assert!(project.contains("Advies van het Bewonersteam"), "{project}");
    assert!(project.contains("Veel bewoners doen mee."));
    assert!(project.contains(r#"href="/bijeenkomsten/2026-03-30-team/verslag/""#));
    let data = site.output("projecten/2026-ronde-1.csv");
    assert!(data.contains(",conditional,granted,"), "{data}");

    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn the_calendar_event_names_the_report() {
    let site = site();
    site.build_ok();
    let text = site.output("bijeenkomsten/2026-03-30-team.ics");
    let calendar = icalendar::Calendar::from_str(&text).expect("parses");
    let event = calendar.events().next().expect("an event");
    use icalendar::Component;
    let description = event.property_value("DESCRIPTION").unwrap_or_default();
    assert!(
        description.contains("https://test.example/bijeenkomsten/2026-03-30-team/verslag/"),
        "{description}"
    );
    assert_eq!(
        event.property_value("URL"),
        Some("https://test.example/bijeenkomsten/2026-03-30-team/")
    );
}

#[test]
fn the_newsletter_agenda_links_the_report_once_it_exists() {
    let site = site();
    site.write(
        "content/nieuwsbrief/2026-03-maart.md",
        "---\ntitle: Maart\ndate: 2026-03-15\nsummary: Nieuws.\n---\nTekst.\n",
    );
    site.build_ok();
    let edition = site.output("nieuwsbrief/2026-03-maart/index.html");
    assert!(
        edition.contains("https://test.example/bijeenkomsten/2026-03-30-team/verslag/"),
        "{edition}"
    );
    site.remove("content/verslagen/2026-03-30-team.md");
    site.write(
        "content/projecten/2026-ronde-1.yaml",
        ROUND.replace(
            "    decision: granted",
            "    advice: positive\n    decision: granted",
        ),
    );
    site.build_ok();
    let edition = site.output("nieuwsbrief/2026-03-maart/index.html");
    assert!(!edition.contains("/verslag/"), "no report, no link");
}

#[test]
fn a_report_of_an_unknown_meeting_is_an_error_with_file_and_line() {
    let site = site();
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/verslagen/elders.md",
                "---\nmeeting: 2026-03-30-tean\n---\nTekst.\n",
            )
        },
        Fixture::build,
    );
    run.assert_error(
        "content/verslagen/elders.md:2",
        &[
            "bijeenkomst `2026-03-30-tean` bestaat niet",
            "2026-03-30-team",
        ],
    );
}

#[test]
fn a_decision_for_an_unknown_project_or_round_is_an_error_on_its_line() {
    let site = site();
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/verslagen/2026-03-30-team.md",
                REPORT.replace("2026-ronde-1/tuin", "2026-ronde-1/tuinn"),
            )
        },
        Fixture::build,
    );
    run.assert_error(
        "content/verslagen/2026-03-30-team.md:7",
        &["`tuinn`", "bedoelt u `tuin`"],
    );
    site.write("content/verslagen/2026-03-30-team.md", REPORT);
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/verslagen/2026-03-30-team.md",
                REPORT.replace("2026-ronde-1/tuin", "2027-ronde-1/tuin"),
            )
        },
        Fixture::build,
    );
    run.assert_error(
        "content/verslagen/2026-03-30-team.md:7",
        &["ronde `2027-ronde-1` bestaat niet"],
    );
}

#[test]
fn unknown_advice_status_and_dates_in_the_wrong_format_are_named_all_at_once() {
    let site = site();
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/verslagen/2026-03-30-team.md",
                REPORT
                    .replace("advice: voorwaardelijk", "advice: positive")
                    .replace("status: klaar", "status: gedaan"),
            )
        },
        Fixture::build,
    );
    run.assert_error(
        "content/verslagen/2026-03-30-team.md:8",
        &["`positive` is geen advies", "positief"],
    );
    run.assert_error(
        "content/verslagen/2026-03-30-team.md:15",
        &["`gedaan`", "klaar"],
    );
    assert_eq!(
        run.messages()
            .iter()
            .filter(|m| m.contains(": fout:"))
            .count(),
        2,
        "{}",
        run.stderr
    );
    site.write("content/verslagen/2026-03-30-team.md", REPORT);
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/verslagen/2026-03-30-team.md",
                REPORT.replace("due: 2026-04-01", "due: 1 april 2026"),
            )
        },
        Fixture::build,
    );
    run.assert_error("content/verslagen/2026-03-30-team.md:14", &["1 april 2026"]);
}

#[test]
fn advice_is_written_once_and_a_project_without_any_is_an_error() {
    let site = site();
    // The project gives its own advice, and it differs from the report:
    // the report wins, with a warning at its decision.
    site.write(
        "content/projecten/2026-ronde-1.yaml",
        ROUND.replace(
            "    decision: granted",
            "    advice: negative\n    decision: granted",
        ),
    );
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("content/verslagen/2026-03-30-team.md:7")
            && run.stderr.contains("verschilt van `advice: negative`"),
        "{}",
        run.stderr
    );
    let data = site.output("projecten/2026-ronde-1.csv");
    assert!(data.contains(",conditional,granted,"), "{data}");
    site.write("content/projecten/2026-ronde-1.yaml", ROUND);
    let run = site.break_and_build(
        |s| s.remove("content/verslagen/2026-03-30-team.md"),
        Fixture::build,
    );
    run.assert_error(
        "content/projecten/2026-ronde-1.yaml:4",
        &["bij het project `tuin` staat geen advies"],
    );
}

#[test]
fn a_decision_against_the_advice_without_a_reason_is_a_warning() {
    let site = site();
    site.write(
        "content/verslagen/2026-03-30-team.md",
        REPORT.replace("advice: voorwaardelijk", "advice: negatief"),
    );
    let run = site.build_ok();
    assert!(
        run.stderr.contains("content/projecten/2026-ronde-1.yaml:4")
            && run.stderr.contains("wijkt af van het advies")
            && run.stderr.contains("reason_differs"),
        "{}",
        run.stderr
    );
    site.write(
        "content/projecten/2026-ronde-1.yaml",
        ROUND.replace(
            "    decision: granted",
            "    decision: granted\n    reason_differs: \"Er was budget over.\"",
        ),
    );
    let run = site.build_ok();
    assert!(!run.stderr.contains("wijkt af"), "{}", run.stderr);
    let project = site.output("projecten/2026-ronde-1/tuin/index.html");
    assert!(project.contains("Er was budget over."), "{project}");
}

#[test]
fn new_verslag_starts_a_draft_report_for_an_existing_meeting_only() {
    let site = site();
    site.remove("content/verslagen/2026-03-30-team.md");
    site.write(
        "content/projecten/2026-ronde-1.yaml",
        ROUND.replace(
            "    decision: granted",
            "    advice: positive\n    decision: granted",
        ),
    );
    let run = site.run(&["new", "verslag", "2026-03-30-tean"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Bedoelt u `2026-03-30-team`?"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "verslag", "2026-03-30-team"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.root().join("content/verslagen/2026-03-30-team.md")).unwrap();
    assert!(text.contains("meeting: 2026-03-30-team") && text.contains("draft: true"));
    site.build_ok();
    assert!(!site.output_exists("bijeenkomsten/2026-03-30-team/verslag/index.html"));
    std::fs::write(
        site.root().join("content/verslagen/2026-03-30-team.md"),
        text.replace("draft: true", "draft: false"),
    )
    .unwrap();
    assert_eq!(site.build().code, 1, "published with placeholder text");
}
