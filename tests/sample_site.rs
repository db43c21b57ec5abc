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
