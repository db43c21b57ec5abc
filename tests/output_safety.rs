//! The output safety rule, through the real binary: wijksite never removes
//! or changes a file it did not write, whatever `--output` says, and builds
//! that run at the same time never mix.

mod common;

use common::{Fixture, snapshot};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Every file under `dir` (content and all), to prove nothing changed.
fn everything(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir)
}

fn build_into(site: &Fixture, output: &Path) -> common::Run {
    site.run(&["build", "--output", output.to_str().unwrap()])
}

#[test]
fn the_site_folder_itself_is_refused_as_output() {
    let site = Fixture::new();
    let before = everything(site.root());
    let run = build_into(&site, site.root());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("de uitvoermap is de sitemap zelf"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("tip:"), "{}", run.stderr);
    assert_eq!(before, everything(site.root()));
}

#[test]
fn a_source_folder_is_refused_as_output() {
    let site = Fixture::new();
    let before = everything(site.root());
    for inside in ["content", "themes", "content/pages", "templates/eigen"] {
        let run = build_into(&site, &site.root().join(inside));
        assert_eq!(run.code, 2, "{inside}: {}", run.stderr);
        assert!(run.stderr.contains("bronbestanden"), "{}", run.stderr);
    }
    assert_eq!(before, everything(site.root()));
    assert!(!site.root().join("templates").exists());
}

#[test]
fn a_folder_above_the_site_is_refused_as_output() {
    let outer = tempfile::tempdir().unwrap();
    let site = Fixture::new();
    // The site in a folder of its own inside `outer`, beside other files.
    let root = outer.path().join("wijk");
    common::copy_dir(site.root(), &root);
    fs::write(outer.path().join("notities.txt"), "van mij").unwrap();
    let before = everything(outer.path());
    let run = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(outer.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("boven de sitemap"), "{stderr}");
    assert_eq!(before, everything(outer.path()));
}

#[test]
fn a_linked_output_is_refused_and_its_target_kept() {
    let site = Fixture::new();
    let www = tempfile::tempdir().unwrap();
    fs::write(www.path().join("eigen.html"), "niet van wijksite").unwrap();
    std::os::unix::fs::symlink(www.path(), site.root().join("output")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("symbolische link"), "{}", run.stderr);
    assert!(!run.stderr.contains("niet veranderd"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(www.path().join("eigen.html")).unwrap(),
        "niet van wijksite"
    );
    // Naming the real folder instead is refused too while it holds a file
    // wijksite did not write; the file stays.
    let run = build_into(&site, www.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("eigen.html"), "{}", run.stderr);
    assert!(www.path().join("eigen.html").exists());
}

#[test]
fn an_existing_file_as_output_is_refused_and_later_builds_work() {
    let site = Fixture::new();
    site.write("output", "mijn aantekeningen");
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("hier staat een bestand"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(site.root().join("output")).unwrap(),
        "mijn aantekeningen"
    );
    fs::remove_file(site.root().join("output")).unwrap();
    site.build_ok();
    site.build_ok();
}

#[test]
fn files_someone_added_to_the_output_are_kept_and_named() {
    let site = Fixture::new();
    site.build_ok();
    site.write("output/CNAME", "wijk.example");
    let before = site.snapshot();
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("CNAME"), "{}", run.stderr);
    assert!(run.stderr.contains("content/static/"), "{}", run.stderr);
    assert_eq!(before, site.snapshot());
}

#[test]
fn builds_at_the_same_time_into_one_output_each_give_the_whole_site() {
    let site = Fixture::new();
    for i in 0..40 {
        site.write(
            &format!("content/pages/pagina-{i}.md"),
            format!("---\ntitle: Pagina {i}\n---\nTekst {i}.\n"),
        );
    }
    site.build_ok();
    let expected = site.snapshot();
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_wijksite"))
                .args(["build", "--quiet", "--root"])
                .arg(site.root())
                .env("SOURCE_DATE_EPOCH", "1790000000")
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(expected, site.snapshot());
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
