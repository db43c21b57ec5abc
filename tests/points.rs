//! Residents' points (content/punten/): the list, a page per point, open
//! points on wijk pages, the Atom feed (read with feed-rs, independent of
//! the writer), the open data, the newsletter section, the links point →
//! meeting, priority and project and back, and every content error with
//! file and line.

mod common;
use common::Fixture;

const MEETING: &str = "---\ntitle: Wijknetwerk Noord\nstart: 2026-03-12 19:30\nend: 2026-03-12 21:30\nvenue: buurthuis\nwijken: [noord]\n---\nRondvraag.\n";

const PLAN: &str = "year: 2026\nadopted: 2026-02-12\npriorities:\n  - id: groen\n    title: Meer groen\n    theme: Groen\n    rank: 1\n    residents: Planten.\n    professionals: Stadsbeheer.\n    status: active\n";

const ROUND: &str = "title: \"Ronde 1\"
decided: 2026-04-15
projects:
  - id: tuin
    title: \"Buurttuin\"
    wijk: noord
    applicant: \"Bewoners\"
    requested: 100
    granted: 100
    advice: positive
    decision: granted
    status: running
";

/// The build date of the fixtures is 2026-09-21. `bankje` (line 2) is open
/// with news on 2026-09-01; `tegels` (line 18) is solved; `licht` (line 26)
/// is open without news since 2026-05-01.
const POINTS: &str = "points:
  - id: bankje
    title: \"Een bankje bij de bushalte\"
    raised: 2026-03-12
    meeting: 2026-03-12-noord
    wijk: noord
    theme: Openbare ruimte
    referred_to: Stadsbeheer
    status: in behandeling
    priority: 2026/groen
    project: 2026-ronde-1/tuin
    answer: \"Stadsbeheer zoekt een *plek*.\"
    updates:
      - date: 2026-04-02
        text: \"Doorgegeven aan Stadsbeheer.\"
      - date: 2026-09-01
        text: \"Er is een plek gevonden.\"
  - id: tegels
    title: \"Losse tegels\"
    raised: 2026-03-12
    wijk: zuid
    status: opgelost
    updates:
      - date: 2026-03-20
        text: \"De tegels liggen weer vast.\"
  - id: licht
    title: \"Donker pad\"
    raised: 2026-05-01
    status: doorgegeven
";

fn site() -> Fixture {
    let site = Fixture::new();
    site.write("content/bijeenkomsten/2026-03-12-noord.md", MEETING);
    site.write("content/wijkplan/2026.yaml", PLAN);
    site.write("content/projecten/2026-ronde-1.yaml", ROUND);
    site.write("content/punten/2026.yaml", POINTS);
    site
}

#[test]
fn points_get_a_list_a_page_each_and_open_points_on_their_wijk() {
    let site = site();
    let run = site.build_ok();
    let list = site.output("punten/index.html");
    let open = list.find("Open punten").unwrap();
    let closed = list.find("Afgehandelde punten").unwrap();
    let bankje = list.find("Een bankje bij de bushalte").unwrap();
    let tegels = list.find("Losse tegels").unwrap();
    assert!(
        open < bankje && bankje < closed && closed < tegels,
        "open first"
    );
    assert!(
        list.contains("Er is een plek gevonden."),
        "with its history"
    );
    assert!(list.contains("2 van de 3 punten staan open"), "{list}");

    let page = site.output("punten/2026/bankje/index.html");
    assert!(page.contains("In behandeling"));
    assert!(page.contains("<em>plek</em>"), "the answer is Markdown");
    assert!(page.contains(r#"href="/bijeenkomsten/2026-03-12-noord/""#));
    assert!(
        page.contains(r#"href="/wijkplan/2026/#prioriteit-groen""#),
        "{page}"
    );
    assert!(page.contains(r#"href="/projecten/2026-ronde-1/tuin/""#));

    // Back from the project and the wijk.
    let project = site.output("projecten/2026-ronde-1/tuin/index.html");
    assert!(
        project.contains(r#"href="/punten/2026/bankje/""#),
        "{project}"
    );
    let meeting = site.output("bijeenkomsten/2026-03-12-noord/index.html");
    assert!(
        meeting.contains(r#"href="/punten/2026/bankje/""#),
        "the meeting shows its point"
    );
    let plan = site.output("wijkplan/2026/index.html");
    assert!(
        plan.contains(r#"href="/punten/2026/bankje/""#),
        "the priority shows its point"
    );
    let noord = site.output("noord/index.html");
    assert!(noord.contains("Open punten in Noord") && noord.contains("/punten/2026/bankje/"));
    let zuid = site.output("zuid/index.html");
    assert!(!zuid.contains("Losse tegels"), "a solved point is not open");
    assert!(
        site.output("index.html").contains(r#"href="/punten/""#),
        "menu entry"
    );

    // An open point without news for 90 days is a warning, not an error.
    assert!(
        run.stderr.contains("content/punten/2026.yaml:26")
            && run
                .stderr
                .contains("`licht` staat open en heeft al 143 dagen geen nieuws"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`bankje` staat open"));
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn the_feed_has_an_entry_per_point_and_per_update() {
    let site = site();
    site.build_ok();
    let xml = site.output("punten/atom.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(feed.id, "https://test.example/punten/atom.xml");
    assert_eq!(feed.entries.len(), 3 + 3, "three points, three updates");
    let newest = &feed.entries[0];
    assert_eq!(
        newest.links[0].href,
        "https://test.example/punten/2026/bankje/"
    );
    assert!(
        newest
            .summary
            .as_ref()
            .unwrap()
            .content
            .contains("Er is een plek gevonden.")
    );
    let ids: std::collections::BTreeSet<&str> =
        feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), feed.entries.len(), "ids are unique");
}

#[test]
fn the_feed_leaves_out_points_and_updates_after_the_build_time() {
    // The build time is 2026-09-21: a point raised later and an update
    // dated later are not in the feed yet (no feed entry after the build).
    let site = site();
    let future = POINTS.replace(
        "      - date: 2026-09-01\n        text: \"Er is een plek gevonden.\"\n",
        "      - date: 2026-09-01\n        text: \"Er is een plek gevonden.\"\n      - date: 2026-10-05\n        text: \"Het bankje staat er.\"\n",
    ) + "  - id: later\n    title: \"Later punt\"\n    raised: 2026-11-02\n    status: doorgegeven\n";
    site.write("content/punten/2026.yaml", future);
    site.build_ok();
    let xml = site.output("punten/atom.xml");
    let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(feed.entries.len(), 3 + 3, "{xml}");
    assert!(!xml.contains("Het bankje staat er.") && !xml.contains("Later punt"));
    let build = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    assert!(feed.updated.unwrap() <= build);
}

#[test]
fn open_data_lists_every_point() {
    let site = site();
    site.build_ok();
    let csv = site.output("punten/punten.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "year");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let status = headers.iter().position(|h| h == "status").unwrap();
    assert!(
        rows.iter()
            .any(|r| &r[1] == "bankje" && &r[status] == "in behandeling")
    );
    let json: serde_json::Value = serde_json::from_str(&site.output("punten/punten.json")).unwrap();
    assert_eq!(json["points"].as_array().unwrap().len(), 3);
    assert_eq!(
        json["points"][0]["updates"][0]["text"],
        "Doorgegeven aan Stadsbeheer."
    );
}

#[test]
fn the_newsletter_tells_what_happened_since_the_previous_edition() {
    let site = site();
    site.write(
        "content/nieuwsbrief/2026-03-maart.md",
        "---\ntitle: Maart\ndate: 2026-03-25\nsummary: Nieuws.\n---\nTekst.\n",
    );
    site.write(
        "content/nieuwsbrief/2026-09-september.md",
        "---\ntitle: September\ndate: 2026-09-10\nsummary: Nieuws.\n---\nTekst.\n",
    );
    site.build_ok();
    let september = site.output("nieuwsbrief/2026-09-september/index.html");
    assert!(
        september.contains("Wat er gebeurde met uw punten"),
        "{september}"
    );
    assert!(september.contains("Er is een plek gevonden."));
    assert!(!september.contains("Losse tegels"), "no news since March");
    let march = site.output("nieuwsbrief/2026-03-maart/index.html");
    assert!(march.contains("Losse tegels") && !march.contains("Er is een plek gevonden."));
    let email = site.output("nieuwsbrief/2026-09-september/email.txt");
    assert!(email.contains("Wat er gebeurde met uw punten"), "{email}");
}

#[test]
fn bad_points_are_named_with_file_and_line_all_at_once() {
    let site = site();
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/punten/2026.yaml",
                POINTS
                    .replace("status: in behandeling", "status: in behandling")
                    .replace("wijk: zuid", "wijk: west"),
            )
        },
        Fixture::build,
    );
    run.assert_error(
        "content/punten/2026.yaml:9",
        &[
            "`in behandling` is geen status",
            "bedoelt u `in behandeling`",
        ],
    );
    run.assert_error("content/punten/2026.yaml:21", &["`west`", "noord, zuid"]);

    site.write("content/punten/2026.yaml", POINTS);
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/punten/2026.yaml",
                POINTS
                    .replace("meeting: 2026-03-12-noord", "meeting: 2026-03-13-noord")
                    .replace("priority: 2026/groen", "priority: 2026/gren")
                    .replace("project: 2026-ronde-1/tuin", "project: 2026-ronde-1/tiun"),
            )
        },
        Fixture::build,
    );
    run.assert_error(
        "content/punten/2026.yaml:5",
        &["bijeenkomst `2026-03-13-noord` bestaat niet"],
    );
    run.assert_error(
        "content/punten/2026.yaml:10",
        &["`2026/gren`", "2026/groen"],
    );
    run.assert_error(
        "content/punten/2026.yaml:11",
        &["`2026-ronde-1/tiun`", "2026-ronde-1/tuin"],
    );

    site.write("content/punten/2026.yaml", POINTS);
    let run = site.break_and_build(
        |s| {
            s.write(
                "content/punten/2026.yaml",
                POINTS.replace("raised: 2026-05-01", "raised: 1-5-2026"),
            )
        },
        Fixture::build,
    );
    run.assert_error("content/punten/2026.yaml:28", &["1-5-2026", "JJJJ-MM-DD"]);
}

#[test]
fn new_punt_adds_a_point_that_builds() {
    let site = site();
    let run = site.run(&[
        "new",
        "punt",
        "Stoep kapot",
        "--wijk",
        "zuid",
        "--date",
        "2026-09-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join("content/punten/2026.yaml")).unwrap();
    assert!(
        text.starts_with(POINTS),
        "the file is added to, not rewritten"
    );
    assert!(text.contains("  - id: stoep-kapot\n"), "{text}");
    site.build_ok();
    assert!(site.output("zuid/index.html").contains("Stoep kapot"));
    let again = site.run(&["new", "punt", "Stoep kapot", "--date", "2026-09-20"]);
    assert_eq!(again.code, 1, "the same id twice is refused");
    let other_year = site.run(&["new", "punt", "Volgend jaar", "--date", "2027-01-05"]);
    assert_eq!(other_year.code, 0, "{}", other_year.stderr);
    assert!(
        run.stdout.contains("Punt toegevoegd aan: ")
            && run.stdout.contains("content/punten/2026.yaml")
            && other_year.stdout.contains("Nieuw bestand: "),
        "adding to a file is not called a new file: {}{}",
        run.stdout,
        other_year.stdout
    );
    assert!(site.root().join("content/punten/2027.yaml").exists());
}

/// What `serve` does on a save gives the bytes of a full build: a changed
/// point reaches its wijk page, the newsletter and the feed; a new report
/// reaches the meeting page, the calendar and the project page.
#[test]
fn incremental_rebuilds_follow_points_and_reports() {
    use std::collections::BTreeMap;
    use wijksite::build::incremental::Session;
    use wijksite::build::pipeline::{self, BuildOptions};
    use wijksite::theme::output_file::Data;

    // SAFETY: every build of this test binary reads the same value.
    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1790000000") };
    let site = site();
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
    };
    let same_as_full = |session: &Session, step: &str| {
        let full: BTreeMap<String, Vec<u8>> = pipeline::build(&options)
            .expect("full build")
            .files
            .into_iter()
            .map(|f| {
                let bytes = match f.data {
                    Data::Bytes(b) => b,
                    Data::Copy(from) => std::fs::read(from).unwrap(),
                    Data::BuiltIn(bytes) => bytes.to_vec(),
                    Data::Written => panic!("in memory"),
                };
                (f.path, bytes)
            })
            .collect();
        let mine: BTreeMap<String, Vec<u8>> = session
            .files()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_vec()))
            .collect();
        let differ: Vec<&String> = full
            .keys()
            .chain(mine.keys())
            .filter(|k| full.get(*k) != mine.get(*k))
            .collect();
        assert!(differ.is_empty(), "after {step}: {differ:?}");
    };
    let mut session = Session::new(options.clone());
    session.rebuild().expect("first build");
    same_as_full(&session, "the first build");

    site.write(
        "content/punten/2026.yaml",
        POINTS.replace("status: in behandeling", "status: opgelost"),
    );
    session
        .apply(["content/punten/2026.yaml".to_string()], false)
        .expect("rebuild");
    same_as_full(&session, "a point solved");
    let noord = String::from_utf8(session.files()["noord/index.html"].to_vec()).unwrap();
    assert!(!noord.contains("/punten/2026/bankje/"), "no longer open");

    site.write(
        "content/verslagen/2026-03-12-noord.md",
        "---\nattendance:\n  residents: 9\n---\nVerslag.\n",
    );
    session
        .apply(["content/verslagen/2026-03-12-noord.md".to_string()], false)
        .expect("rebuild");
    same_as_full(&session, "a report added");
    let meeting =
        String::from_utf8(session.files()["bijeenkomsten/2026-03-12-noord/index.html"].to_vec())
            .unwrap();
    assert!(meeting.contains("/bijeenkomsten/2026-03-12-noord/verslag/"));
}

#[test]
fn a_point_raised_in_another_year_than_its_file_is_a_warning_in_build_and_check() {
    let site = site();
    site.write(
        "content/punten/2026.yaml",
        POINTS.replace(
            "    raised: 2026-03-12\n    wijk: zuid",
            "    raised: 2025-12-30\n    wijk: zuid",
        ),
    );
    let run = site.build_ok();
    assert!(
        run.stderr.contains("content/punten/2026.yaml:20")
            && run
                .stderr
                .contains("dit punt kwam binnen in 2025, maar staat in het bestand van 2026"),
        "{}",
        run.stderr
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        format!("{}{}", check.stdout, check.stderr).contains("kwam binnen in 2025"),
        "{}",
        check.stderr
    );
}
