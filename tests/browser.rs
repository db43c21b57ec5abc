//! The built sample site in a real browser and a real HTML validator:
//! axe-core (WCAG 2.1 A and AA) in Debian's Chromium, and the Nu Html
//! Checker over every HTML page. Both need tools outside Rust; when they are
//! missing the tests say SKIPPED, except under CI (`CI=true`), where
//! `.ci/run` installs them and a missing tool is a failure.

mod common;
use common::{missing, repo_root, which};
use std::path::{Path, PathBuf};
use std::process::Command;

fn e2e_dir() -> PathBuf {
    repo_root().join("tests/e2e")
}

fn build_sample(out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(["build", "-q", "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .status()
        .unwrap();
    assert!(status.success(), "the sample site does not build");
}

#[test]
fn every_page_passes_axe_in_chromium_light_and_dark_at_every_width() {
    let chromium = PathBuf::from(std::env::var("CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    let node = which("node");
    let modules = e2e_dir().join("node_modules/playwright-core");
    if let Some(reason) = missing(&[
        ("chromium", &chromium),
        ("node", &node),
        ("tests/e2e/node_modules (npm ci)", &modules),
    ]) {
        eprintln!("SKIPPED: browser accessibility test ({reason})");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_sample(&out);
    let shots = repo_root().join("tests/screenshots");
    let run = Command::new(node)
        .arg(e2e_dir().join("a11y.mjs"))
        .arg(&out)
        .arg(&shots)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&run.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "accessibility problems:\n{report}");
    assert!(
        report.contains("pages checked in a real browser, 0 problems"),
        "{report}"
    );
    assert!(
        shots.join("home-390.png").exists(),
        "screenshots are saved for reviewers"
    );
}

#[test]
fn every_html_page_is_valid_html5_according_to_the_nu_checker() {
    let java = which("java");
    let vnu = e2e_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if let Some(reason) = missing(&[("java", &java), ("vnu.jar (npm ci in tests/e2e)", &vnu)]) {
        eprintln!("SKIPPED: Nu Html Checker test ({reason})");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_sample(&out);
    let pages = common::snapshot(&out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .count();
    assert!(pages > 10, "only {pages} pages to check");
    let run = Command::new(java)
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&out)
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&run.stderr).into_owned() + &String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success() && report.trim().is_empty(),
        "Nu checker errors over {pages} pages:\n{report}"
    );
    eprintln!("Nu Html Checker: {pages} pages, 0 errors");
}
