//! Every message an editor sees is Dutch: the YAML parser's English never
//! shows, curly quotes are read or named, and the command line (help and
//! usage errors) speaks Dutch too.

mod common;
use common::{Fixture, Run};
use std::process::Command;

/// Words of the YAML parser's and clap's English that must never show.
const ENGLISH: [&str; 9] = [
    "mapping values",
    "found character",
    "expected",
    "while parsing",
    "while scanning",
    "Usage:",
    "error:",
    "Options:",
    "invalid",
];

fn assert_no_english(run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        for word in ENGLISH {
            assert!(!text.contains(word), "English {word:?} in:\n{text}");
        }
    }
}

/// Builds a site with one page whose front matter is `front`.
fn page_with(front: &str) -> Run {
    let site = Fixture::new();
    site.write(
        "content/pages/over.md",
        format!("---\n{front}---\nTekst.\n"),
    );
    let run = site.build();
    assert_no_english(&run);
    run
}

#[test]
fn common_yaml_mistakes_get_dutch_messages_with_file_and_line() {
    let cases: [(&str, &str, &[&str]); 7] = [
        ("title: Over\n\tsummary: x\n", "over.md:3", &["tab"]),
        (
            "title: Koffie: Zielhorst\n",
            "over.md:2",
            &["dubbele punt", "title: \"Koffie: Zielhorst\""],
        ),
        (
            "title:Koffie\n",
            "over.md:2",
            &["spatie na de dubbele punt"],
        ),
        ("title: Over\n  summary: x\n", "over.md:3", &["inspringing"]),
        (
            "title: \"Over\nsummary: x\n",
            "over.md:2",
            &["aanhalingstekens"],
        ),
        (
            "title: `Over`\n",
            "over.md:2",
            &["`` ` ``", "aanhalingstekens"],
        ),
        (
            "title: *nope\n",
            "over.md:2",
            &["de YAML kan niet gelezen worden"],
        ),
    ];
    for (front, place, words) in cases {
        let run = page_with(front);
        let words: Vec<&str> = words
            .iter()
            .map(|w| if *w == "`` ` ``" { "`" } else { *w })
            .collect();
        run.assert_error(&format!("content/pages/{place}"), &words);
    }
}

#[test]
fn curly_quotes_around_a_whole_value_are_read_as_quotes() {
    let site = Fixture::new();
    site.write(
        "content/pages/over.md",
        "---\ntitle: “Koffieochtend: Zielhorst”\n---\nTekst.\n",
    );
    site.build_ok();
    let html = site.output("over/index.html");
    assert!(html.contains("Koffieochtend: Zielhorst"), "{html}");
    assert!(
        !html.contains("“Koffieochtend"),
        "the curly quotes are gone"
    );
}

#[test]
fn curly_quotes_that_break_a_value_are_named() {
    let run = page_with("title: “Koffie” in Zielhorst: nu\n");
    run.assert_error(
        "content/pages/over.md:2",
        &[
            "krulquotes",
            "u gebruikt “krulquotes”; typ gewone aanhalingstekens \"…\"",
        ],
    );
}

fn wijksite(args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run wijksite")
        .into()
}

#[test]
fn help_is_dutch() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["build", "--help"],
        &["new", "--help"],
    ] {
        let run = wijksite(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("Gebruik: wijksite"), "{}", run.stdout);
        assert!(run.stdout.contains("Toon deze hulp"), "{}", run.stdout);
        assert!(!run.stdout.contains("Print help"), "{}", run.stdout);
        assert_no_english(&run);
    }
    let run = wijksite(&["--help"]);
    assert!(run.stdout.contains("Opdrachten:"), "{}", run.stdout);
    let run = wijksite(&["new", "--help"]);
    assert!(run.stdout.contains("subsidieronde"), "{}", run.stdout);
    assert!(!run.stdout.contains("possible values"), "{}", run.stdout);
}

#[test]
fn usage_errors_are_dutch_with_a_tip_and_exit_2() {
    let cases: [(&[&str], &str); 7] = [
        (&["build", "--rot", "x"], "onbekende optie `--rot`"),
        (&["bild"], "onbekende opdracht `bild`"),
        (&["new"], "er ontbreekt nog iets"),
        (&["new", "meting", "Koffie"], "bedoelt u `meeting`?"),
        (
            &["new", "meeting", "Koffie", "Zielhorst"],
            "aanhalingstekens",
        ),
        (
            &["serve", "--port", "abc"],
            "geen geldige waarde voor --port",
        ),
        (&["build", "--root"], "achter --root"),
    ];
    for (args, words) in cases {
        let run = wijksite(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("fout: "), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("tip: "), "{args:?}: {}", run.stderr);
        assert_no_english(&run);
    }
    let run = wijksite(&["build", "--rot", "x"]);
    assert!(run.stderr.contains("bedoelt u `--root`?"), "{}", run.stderr);
}
