//! `wijksite init DIR` and `wijksite theme export`: a new site for a wijk
//! group, and the built-in theme written out so a group can change it.
//!
//! `init` writes the files of the repository's `starter/` folder (built
//! into the binary): `content/` with a site.yaml full of comments, a home
//! page, an example page, the accessibility statement, a meeting and an
//! edition as drafts; the pipelines for GitHub and GitLab; `.gitignore`;
//! a README in Dutch. A name starting with `dot-` is written with a `.`
//! instead (`dot-gitignore` → `.gitignore`), so the files are visible and
//! packaged in the repository. `@WIJKSITE_VERSION@` and
//! `@WIJKSITE_REPOSITORY@` become this binary's version and home, so the
//! pipelines download the release that made the site.
//!
//! Both refuse to write over anything: `init` wants a new or empty folder,
//! `theme export` a site without `themes/wijk/`. Files are created with
//! `create_new`, so a file that appears meanwhile is not overwritten either.

use crate::theme::builtin;
use include_dir::{Dir, include_dir};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files `init` writes, as they are in the repository.
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// Where the releases are downloaded from (Cargo.toml's `repository`).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The files `init` writes: (path in the new site, contents), sorted.
pub fn starter_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    collect(&STARTER, &mut files);
    files.sort();
    files
}

fn collect(dir: &'static Dir<'static>, files: &mut Vec<(String, String)>) {
    for entry in dir.entries() {
        if let Some(sub) = entry.as_dir() {
            collect(sub, files);
        } else if let Some(file) = entry.as_file() {
            let path = entry
                .path()
                .components()
                .map(|c| {
                    let part = c.as_os_str().to_string_lossy();
                    match part.strip_prefix("dot-") {
                        Some(rest) => format!(".{rest}"),
                        None => part.into_owned(),
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            let text = String::from_utf8_lossy(file.contents())
                .replace("@WIJKSITE_VERSION@", env!("CARGO_PKG_VERSION"))
                .replace("@WIJKSITE_REPOSITORY@", REPOSITORY);
            files.push((path, text));
        }
    }
}

/// Makes a new site in `dir`; returns what was written, or a Dutch message.
pub fn init(dir: &Path) -> Result<Vec<String>, String> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "De map {} is niet leeg. Ik maak een nieuwe site alleen in een lege of nieuwe \
                     map, zodat ik niets overschrijf.\n    tip: kies een nieuwe naam, zoals \
                     `wijksite init mijn-wijk`",
                    dir.display()
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("Kan de map {} niet maken: {e}", dir.display()))?;
        }
        Err(e) if dir.is_file() => {
            return Err(format!(
                "{} is een bestand, geen map ({e}).\n    tip: kies de naam van een nieuwe map",
                dir.display()
            ));
        }
        Err(e) => return Err(format!("Kan de map {} niet lezen: {e}", dir.display())),
    }
    let files = starter_files();
    for (path, text) in &files {
        write_new(dir, path, text.as_bytes())?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Writes the built-in theme to ROOT/themes/wijk/; returns the folder, or
/// a Dutch message when it exists (nothing is then written).
pub fn export_theme(root: &Path) -> Result<PathBuf, String> {
    let rel = format!("themes/{}", builtin::NAME);
    let target = root.join(&rel);
    if std::fs::symlink_metadata(&target).is_ok() {
        return Err(format!(
            "{} bestaat al. Ik overschrijf het niet: daar staan misschien uw eigen \
             aanpassingen.\n    tip: wilt u het thema opnieuw vanaf het begin? Geef de map \
             eerst een andere naam, bijvoorbeeld {rel}-oud, en typ dan opnieuw \
             `wijksite theme export`",
            target.display()
        ));
    }
    for (path, bytes) in builtin::files() {
        write_new(root, &format!("{rel}/{path}"), bytes)?;
    }
    Ok(target)
}

/// Creates one file (and its folders); refuses when it exists.
fn write_new(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), String> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("Kan de map {} niet maken: {e}", dir.display()))?;
    }
    let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!(
                "{} bestaat al. Ik overschrijf het niet.",
                path.display()
            ));
        }
        Err(e) => return Err(format!("Kan {} niet maken: {e}", path.display())),
    };
    file.write_all(bytes)
        .map_err(|e| format!("Kan {} niet schrijven: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_has_the_site_the_pipelines_and_no_template_marks_left() {
        let files = starter_files();
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        for expected in [
            ".github/workflows/pages.yml",
            ".gitignore",
            ".gitlab-ci.yml",
            "README.md",
            "content/_index.md",
            "content/site.yaml",
            "content/pages/toegankelijkheid.md",
        ] {
            assert!(names.contains(&expected), "{expected} in {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("dot-")), "{names:?}");
        for (path, text) in &files {
            assert!(!text.contains("@WIJKSITE_"), "{path}");
        }
        // One version, in one place per pipeline, and it is this one.
        for pipeline in [".github/workflows/pages.yml", ".gitlab-ci.yml"] {
            let text = &files.iter().find(|(p, _)| p == pipeline).unwrap().1;
            let pins: Vec<&str> = text
                .lines()
                .filter(|l| l.trim_start().starts_with("WIJKSITE_VERSION:"))
                .collect();
            assert_eq!(
                pins,
                [format!(
                    "  WIJKSITE_VERSION: \"{}\"",
                    env!("CARGO_PKG_VERSION")
                )],
                "{pipeline}"
            );
            assert!(text.contains("sha256sum"), "{pipeline}");
            assert!(text.contains(".wijksite-cache"), "{pipeline}");
            assert!(
                text.contains("cargo install wijksite --locked --version"),
                "{pipeline}"
            );
        }
    }
}
