//! Every command finds the site from any folder inside it, like git and
//! cargo: it walks up to the folder that holds `content/site.yaml`.

mod common;
use common::{Fixture, Run};
use std::path::Path;
use std::process::Command;

/// Runs `wijksite <args>` in `dir`, without `--root`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .output()
        .expect("run wijksite")
        .into()
}

fn site_with_meetings() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/2027-01-10-overleg.md",
        "---\ntitle: Overleg\nstart: 2027-01-10 19:30\nvenue: buurthuis\n---\nWelkom.\n",
    );
    site
}

#[test]
fn new_inside_the_meetings_folder_writes_to_that_folder() {
    let site = site_with_meetings();
    let here = site.root().join("content/bijeenkomsten");
    let run = run_in(
        &here,
        &[
            "new",
            "meeting",
            "Koffieochtend",
            "--date",
            "2027-02-04 10:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(here.join("2027-02-04-koffieochtend.md").is_file());
    assert!(!here.join("content").exists(), "no nested content/ folder");
}

#[test]
fn build_and_check_from_a_subfolder_act_on_the_site() {
    let site = site_with_meetings();
    let here = site.root().join("content/bijeenkomsten");
    let run = run_in(&here, &["build", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.output_exists("bijeenkomsten/2027-01-10-overleg/index.html"));
    assert!(!here.join("output").exists(), "output goes to ROOT/output");
    let run = run_in(&site.root().join("content/pages"), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("In orde"), "{}", run.stdout);
}

#[test]
fn outside_any_site_the_error_is_dutch_and_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["check"][..], &["build"], &["new", "page", "Over"]] {
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("geen site gevonden vanaf"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--root"), "{}", run.stderr);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
