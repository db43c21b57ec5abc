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
    /// Already written to the output by a [`Sink`] while rendering.
    Written,
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

/// Where rendered files go as soon as they are made: kept in memory
/// ([`InMemory`], for serve, check and tests) or written straight into a
/// staging directory ([`Staging`], for build), so a build of many pages
/// never holds all of them in memory at once.
pub trait Sink: Sync {
    /// Takes one finished file; returns what the build keeps of it.
    fn put(&self, file: OutputFile) -> io::Result<OutputFile>;
}

/// Keeps every file in memory.
pub struct InMemory;

impl Sink for InMemory {
    fn put(&self, file: OutputFile) -> io::Result<OutputFile> {
        Ok(file)
    }
}

/// A fresh directory beside the output directory that files are written
/// into while the site renders. [`Staging::commit`] swaps it in as one
/// step; dropped without a commit, it is removed and the previous output
/// stays exactly as it was.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    committed: bool,
}

impl Staging {
    /// Makes an empty staging directory for `output`.
    pub fn create(output: &Path) -> io::Result<Staging> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let staging = Staging {
            output: output.to_path_buf(),
            staging: parent.join(format!(".{name}.wijksite-new")),
            previous: parent.join(format!(".{name}.wijksite-old")),
            committed: false,
        };
        remove_if_present(&staging.staging)?;
        remove_if_present(&staging.previous)?;
        fs::create_dir_all(&staging.staging)?;
        Ok(staging)
    }

    /// Replaces the output directory with the staged one.
    pub fn commit(mut self) -> io::Result<()> {
        if self.output.exists() {
            fs::rename(&self.output, &self.previous)?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.output) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&self.previous, &self.output);
            return Err(e);
        }
        self.committed = true;
        remove_tree(&self.previous)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

impl Sink for Staging {
    /// Writes the file with one write call (the bytes are complete) and
    /// keeps only its path (and, for a copied file, where it came from).
    fn put(&self, file: OutputFile) -> io::Result<OutputFile> {
        if !is_safe_relative(&file.path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "refusing to write outside the output directory: {}",
                    file.path
                ),
            ));
        }
        let target = self.staging.join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        match file.data {
            Data::Bytes(bytes) => {
                fs::write(&target, bytes)?;
                Ok(OutputFile {
                    path: file.path,
                    data: Data::Written,
                })
            }
            Data::Copy(ref from) => {
                fs::copy(from, &target)?;
                Ok(file)
            }
            Data::Written => Ok(file),
        }
    }
}

/// Writes `files` into `output`, replacing what was there as one step.
pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::create(output)?;
    files
        .par_iter()
        .try_for_each(|file| staging.put(file.clone()).map(drop))?;
    staging.commit()
}

/// Removes a directory tree, its subtrees in parallel: a previous site of
/// thousands of pages goes in a fraction of the time of one thread.
fn remove_tree(path: &Path) -> io::Result<()> {
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries.collect::<io::Result<Vec<_>>>()?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(path)
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
