//! `wijksite new`: every kind of file it writes builds and checks without
//! errors, names fold accents, and existing files are never overwritten.

mod common;
use common::Fixture;

fn new(site: &Fixture, args: &[&str]) -> common::Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    site.run(&all)
}

#[test]
fn each_kind_writes_a_file_that_builds_and_checks() {
    let site = Fixture::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["page", "Koffieochtend Café"],
            "content/pages/koffieochtend-cafe.md",
        ),
        (
            &["wijkpage", "Speeltuin Noord", "--wijk", "noord"],
            "content/wijken/noord/speeltuin-noord.md",
        ),
        (
            &[
                "meeting",
                "Wijknetwerk Zuid",
                "--date",
                "2026-01-20",
                "--wijk",
                "zuid",
            ],
            "content/bijeenkomsten/2026-01-20-wijknetwerk-zuid.md",
        ),
        (
            &["edition", "Nieuwsbrief februari", "--date", "2026-02-02"],
            "content/nieuwsbrief/2026-02-02-nieuwsbrief-februari.md",
        ),
        (
            &["round", "2026 ronde 1", "--date", "2026-04-15"],
            "content/projecten/2026-ronde-1.yaml",
        ),
    ];
    for (args, path) in cases {
        let run = new(&site, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains(path), "{args:?} printed {}", run.stdout);
        let text = std::fs::read_to_string(site.root().join(path)).unwrap();
        assert!(text.contains(args[1]), "{path} holds the title:\n{text}");
        assert!(text.contains("# "), "{path} explains its fields:\n{text}");
    }
    // New pages start as drafts: the site builds, without them.
    site.build_ok();
    assert!(!site.output_exists("koffieochtend-cafe/index.html"));
    for path in [
        "content/pages/koffieochtend-cafe.md",
        "content/wijken/noord/speeltuin-noord.md",
    ] {
        let text = std::fs::read_to_string(site.root().join(path)).unwrap();
        let done = text.replace("draft: true", "draft: false").replace(
            "Schrijf hier de tekst. Een kopje maakt u met ## aan het begin van de regel.",
            "Kom koffie drinken.",
        );
        site.write(path, done);
    }
    site.build_ok();
    assert!(
        site.output("koffieochtend-cafe/index.html")
            .contains("Koffieochtend Café")
    );
    assert!(
        site.output("noord/speeltuin-noord/index.html")
            .contains("Speeltuin Noord")
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn a_meeting_starts_at_the_given_time_and_ends_two_hours_later() {
    let site = Fixture::new();
    let run = new(&site, &["meeting", "Overleg", "--date", "2026-03-05 14:00"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(
        site.root()
            .join("content/bijeenkomsten/2026-03-05-overleg.md"),
    )
    .unwrap();
    assert!(text.contains("\nstart: 2026-03-05 14:00\n"), "{text}");
    assert!(text.contains("\nend: 2026-03-05 16:00\n"), "{text}");
    assert!(text.contains("\nvenue: buurthuis\n"), "{text}");
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let site = Fixture::new();
    let run = new(&site, &["page", "Meedoen"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bestaat al"), "{}", run.stderr);
    assert!(
        std::fs::read_to_string(site.root().join("content/pages/meedoen.md"))
            .unwrap()
            .contains("Eén keer"),
        "the old text is untouched"
    );
}

#[test]
fn a_wijk_page_needs_a_known_wijk() {
    let site = Fixture::new();
    let run = new(&site, &["wijkpage", "Over ons"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--wijk"), "{}", run.stderr);
    let run = new(&site, &["wijkpage", "Over ons", "--wijk", "west"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("`west`") && run.stderr.contains("noord, zuid"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("content/wijken/west").exists());
    // Capitals and small typos get the likely wijk.
    for typed in ["Noord", "noordd"] {
        let run = new(&site, &["wijkpage", "Over ons", "--wijk", typed]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("Bedoelt u `noord`?"), "{}", run.stderr);
    }
}

#[test]
fn bad_dates_and_titles_without_letters_are_refused_in_dutch() {
    let site = Fixture::new();
    let run = new(&site, &["edition", "Nieuws", "--date", "20-01-2026"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("JJJJ-MM-DD"), "{}", run.stderr);
    let run = new(&site, &["page", "?!"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bestandsnaam"), "{}", run.stderr);
}
