//! Writing the built site to disk without ever damaging the last good one.
//!
//! Files are written into a fresh staging directory beside the output
//! directory; only when every file is written is the staging directory
//! swapped in. Files the build no longer produces therefore disappear, and
//! a failed build leaves the previous output exactly as it was.

use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The contents of one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Bytes(Vec<u8>),
    /// Copied from a source file (static files are not read into memory).
    Copy(PathBuf),
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with `/`: `meedoen/index.html`.
    pub path: String,
    pub data: Data,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            data: Data::Bytes(bytes.into()),
        }
    }

    /// The HTML file for a site path: `/meedoen/` → `meedoen/index.html`.
    pub fn page(site_path: &str, html: String) -> Self {
        OutputFile::bytes(page_file(site_path), html)
    }
}

/// `/meedoen/` → `meedoen/index.html`; `/` → `index.html`.
pub fn page_file(site_path: &str) -> String {
    format!("{}index.html", site_path.trim_start_matches('/'))
}

/// Whether an output path stays inside the output root.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `files` into `output`, replacing what was there as one step.
pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.wijksite-new"));
    let previous = parent.join(format!(".{name}.wijksite-old"));
    remove_if_present(&staging)?;
    remove_if_present(&previous)?;
    fs::create_dir_all(&staging)?;
    if let Err(e) = write_all(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if output.exists() {
        fs::rename(output, &previous)?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&previous, output);
        return Err(e);
    }
    remove_if_present(&previous)
}

fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    for file in files {
        if !is_safe_relative(&file.path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "refusing to write outside the output directory: {}",
                    file.path
                ),
            ));
        }
    }
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|file| {
        let target = dir.join(&file.path);
        match &file.data {
            Data::Bytes(bytes) => fs::write(&target, bytes),
            Data::Copy(from) => fs::copy(from, &target).map(|_| ()),
        }
    })
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_become_index_files() {
        assert_eq!(page_file("/"), "index.html");
        assert_eq!(page_file("/noord/over/"), "noord/over/index.html");
    }

    #[test]
    fn paths_outside_the_root_are_unsafe() {
        assert!(is_safe_relative("a/b.html"));
        assert!(!is_safe_relative("../a"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../b"));
        assert!(!is_safe_relative(""));
    }

    #[test]
    fn a_new_site_replaces_the_old_one_and_stale_files_vanish() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_site(&out, &[OutputFile::bytes("old.html", "oud")]).unwrap();
        write_site(&out, &[OutputFile::bytes("new/index.html", "nieuw")]).unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(out.join("new/index.html")).unwrap(),
            "nieuw"
        );
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging directories are cleaned up");
    }

    #[test]
    fn a_failed_write_keeps_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_site(&out, &[OutputFile::bytes("keep.html", "goed")]).unwrap();
        let bad = [OutputFile::bytes("../escape.html", "x")];
        assert!(write_site(&out, &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("keep.html")).unwrap(), "goed");
        assert!(!tmp.path().join("escape.html").exists());
    }
}
