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
