//! The sample SZH site in content/ builds, and every internal link in it
//! resolves to a produced file (anchors included).

mod common;
use common::{broken_internal_links, repo_root};
use std::process::Command;

fn build_sample(out: &std::path::Path, extra: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .arg("build")
        .arg("--root")
        .arg(repo_root())
        .arg("--output")
        .arg(out)
        .args(extra)
        .arg("-q")
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .status()
        .unwrap();
    assert!(status.success(), "the sample site does not build");
}

#[test]
fn every_internal_link_of_the_sample_site_resolves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_sample(&out, &[]);
    let broken = broken_internal_links(&out, "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(
        common::snapshot(&out).len() > 20,
        "the sample site is suspiciously small"
    );
}

#[test]
fn links_resolve_under_a_base_path_too() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_sample(&out, &["--base-url", "https://example.org/szh/"]);
    let broken = broken_internal_links(&out, "/szh/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn no_generated_page_requests_anything_from_another_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_sample(&out, &[]);
    for (path, bytes) in common::snapshot(&out) {
        if !path.ends_with(".html") || path.ends_with("email.html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for tag in [
            "<script src=\"http",
            "<link rel=\"stylesheet\" href=\"http",
            "<img src=\"http",
            "<iframe",
            "@import",
            "fonts.googleapis",
        ] {
            assert!(
                !html.contains(tag),
                "{path} loads something from elsewhere ({tag})"
            );
        }
    }
}

#[test]
fn the_machine_time_zone_and_locale_do_not_leak_into_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let build = |out: &std::path::Path, tz: &str, lang: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_wijksite"))
            .args(["build", "-q", "--root"])
            .arg(repo_root())
            .arg("--output")
            .arg(out)
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .env("TZ", tz)
            .env("LANG", lang)
            .env("LC_ALL", lang)
            .status()
            .unwrap();
        assert!(status.success());
    };
    let here = tmp.path().join("amsterdam");
    let there = tmp.path().join("new-york");
    build(&here, "Europe/Amsterdam", "nl_NL.UTF-8");
    build(&there, "America/New_York", "C");
    let (a, b) = (common::snapshot(&here), common::snapshot(&there));
    assert_eq!(a.len(), b.len());
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(
            bytes_a == bytes_b,
            "{path_a} differs between time zones/locales"
        );
    }
    for (path, bytes) in &a {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(&*repo_root().to_string_lossy()),
            "{path} contains an absolute path"
        );
    }
}
