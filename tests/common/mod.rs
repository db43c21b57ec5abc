//! Fixture sites for integration tests: a small valid site in a temp dir,
//! the real default theme, and helpers to run the real binary on it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SITE_YAML: &str = r#"title: "Samen in Testwijk"
short_title: "TW"
description: "Een testsite."
base_url: "https://test.example"
wijken:
  - slug: noord
    name: Noord
    network: Wijknetwerk Noord
    description: "De noordkant."
  - slug: zuid
    name: Zuid
    network: Wijkraad Zuid
    description: "De zuidkant."
venues:
  - slug: buurthuis
    name: "'t Buurthuis"
    address: "Dorpsstraat 1"
    postcode: "1234 AB"
    city: Testdorp
    lat: 52.1
    lon: 5.3
    accessibility: "Gelijkvloers."
contact:
  email: info@test.example
"#;

/// A site in a temporary directory.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A valid minimal site: site.yaml, one page, one wijk page.
    pub fn new() -> Fixture {
        let fixture = Fixture::empty();
        fixture.write("content/site.yaml", SITE_YAML);
        fixture.write(
            "content/pages/meedoen.md",
            "---\ntitle: Meedoen\nmenu: true\n---\n# Eén keer\n\nKom langs bij [Noord](/noord/).\n",
        );
        fixture.write(
            "content/wijken/noord/_index.md",
            "---\ntitle: Welkom in Noord\n---\nHallo Noord.\n",
        );
        fixture
    }

    /// A site with only the theme and no content.
    pub fn empty() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo_root().join("themes"), &dir.path().join("themes"));
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Runs `wijksite <args> --root <fixture>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_wijksite"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .output()
            .expect("run wijksite");
        Run::from(output)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Builds and panics with the messages when the build fails.
    pub fn build_ok(&self) -> Run {
        let run = self.build();
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    pub fn output(&self, rel: &str) -> String {
        let path = self.root().join("output").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.root().join("output").join(rel).exists()
    }

    /// Every file under output/ with its bytes, sorted by path.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        snapshot(&self.root().join("output"))
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Each reported problem with its indented hint lines joined to it.
    pub fn messages(&self) -> Vec<String> {
        let mut messages: Vec<String> = Vec::new();
        for line in self.stderr.lines() {
            match messages.last_mut() {
                Some(last) if line.starts_with("    ") => {
                    last.push('\n');
                    last.push_str(line);
                }
                _ => messages.push(line.to_string()),
            }
        }
        messages
    }

    /// Asserts a content-error exit and that some message line names
    /// `file` and contains every one of `words`.
    pub fn assert_error(&self, file: &str, words: &[&str]) {
        assert_eq!(
            self.code, 1,
            "expected exit 1, got {}:\n{}",
            self.code, self.stderr
        );
        let found = self
            .messages()
            .iter()
            .any(|m| m.starts_with(file) && words.iter().all(|w| m.contains(w)));
        assert!(
            found,
            "no error for {file} with {words:?} in:\n{}",
            self.stderr
        );
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every `href="…"` and `src="…"` value in an HTML text.
pub fn links_in(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                links.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    links
}

/// Internal links (root-relative or relative) in every HTML file under
/// `dir` that resolve to no file, as "page: link". Anchors must exist too.
pub fn broken_internal_links(dir: &Path, base_path: &str) -> Vec<String> {
    let files = snapshot(dir);
    let paths: std::collections::BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let mut broken = Vec::new();
    for (page, bytes) in &files {
        if !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in links_in(&html) {
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("webcal:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (target, anchor) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(t, a)| (t, Some(a)));
            let file = if target.is_empty() {
                page.clone()
            } else if let Some(abs) = target.strip_prefix(base_path) {
                resolve_file(abs)
            } else if target.starts_with('/') {
                broken.push(format!("{page}: {link} (outside the base path)"));
                continue;
            } else {
                let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
                resolve_file(format!("{dir}/{target}").trim_start_matches('/'))
            };
            let file = file.split('?').next().unwrap_or("").to_string();
            if !paths.contains(file.as_str()) {
                broken.push(format!("{page}: {link}"));
                continue;
            }
            if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                let target_html = files
                    .iter()
                    .find(|(p, _)| *p == file)
                    .map(|(_, b)| String::from_utf8_lossy(b))
                    .unwrap();
                if !target_html.contains(&format!("id=\"{anchor}\"")) {
                    broken.push(format!("{page}: {link} (no anchor)"));
                }
            }
        }
    }
    broken
}

fn resolve_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

impl Fixture {
    /// Runs `wijksite build` under a memory cap and a time limit, so a
    /// runaway input fails the test instead of the machine.
    /// The shape of every bad-input test: builds the site as it is (that
    /// must succeed), lets `damage` break it, builds again with `build`,
    /// and checks that this build failed with exit 1, without a panic,
    /// leaving output/ exactly as it was. Returns the failed run.
    pub fn break_and_build(
        &self,
        damage: impl FnOnce(&Fixture),
        build: impl FnOnce(&Fixture) -> Run,
    ) -> Run {
        self.build_ok();
        let before = self.snapshot();
        damage(self);
        let run = build(self);
        assert_eq!(
            run.code, 1,
            "expected exit 1, got {}:\n{}",
            run.code, run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(self.snapshot(), before, "a failed build changed output/");
        run
    }

    pub fn build_bounded(&self, max_memory_kb: u64, max_seconds: u64) -> Run {
        let script = format!(
            "ulimit -v {max_memory_kb}; exec timeout -s KILL {max_seconds} \"$0\" build --root \"$1\""
        );
        let output = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_wijksite"))
            .arg(self.root())
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .output()
            .expect("run wijksite");
        Run::from(output)
    }
}

/// A program on the PATH (a path that does not exist when it is not).
pub fn which(program: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(program))
                .find(|p| p.exists())
        })
        .unwrap_or_else(|| PathBuf::from(format!("/nonexistent/{program}")))
}

/// Why a test that needs tools outside Rust can't run here, if it can't;
/// under CI (`CI` set) a missing tool is a failure.
pub fn missing(needs: &[(&str, &Path)]) -> Option<String> {
    let absent: Vec<&str> = needs
        .iter()
        .filter(|(_, p)| !p.exists())
        .map(|(n, _)| *n)
        .collect();
    if absent.is_empty() {
        return None;
    }
    let reason = format!("missing {}", absent.join(", "));
    assert!(
        std::env::var("CI").is_err(),
        "CI must run this test, but: {reason} (see .ci/run)"
    );
    Some(reason)
}
