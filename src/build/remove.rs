//! Removing trees that wijksite wrote, without ever crossing a link.
//!
//! On Unix every folder is opened relative to its parent with
//! `O_NOFOLLOW | O_DIRECTORY` and entries are removed with `unlinkat`, so a
//! folder swapped for a link while a build runs is never followed: the link
//! itself is kept (or, in a staging folder, removed as a link). What is not
//! to be removed is kept and named. Subfolders are cleared in parallel.

use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
use std::path::Path;

/// What may be removed from a tree.
pub enum Removal<'a> {
    /// Everything: a staging folder only this build wrote.
    Everything,
    /// The regular files listed (paths relative to the tree's root, with
    /// `/`) and the folders on their way; anything else stays.
    Listed(&'a Listed),
}

/// The files of a manifest and the folders that hold them.
pub struct Listed {
    files: HashSet<String>,
    folders: HashSet<String>,
}

impl Listed {
    pub fn new<'s>(files: impl IntoIterator<Item = &'s str>) -> Listed {
        let mut listed = Listed {
            files: HashSet::new(),
            folders: HashSet::new(),
        };
        for file in files {
            for (i, c) in file.char_indices() {
                if c == '/' {
                    listed.folders.insert(file[..i].to_string());
                }
            }
            listed.files.insert(file.to_string());
        }
        listed
    }
}

impl Removal<'_> {
    fn may_remove_file(&self, rel: &str, regular: bool) -> bool {
        match self {
            Removal::Everything => true,
            Removal::Listed(listed) => regular && listed.files.contains(rel),
        }
    }

    fn may_enter(&self, rel: &str) -> bool {
        match self {
            Removal::Everything => true,
            Removal::Listed(listed) => listed.folders.contains(rel),
        }
    }
}

/// Removes what `what` allows from the tree at `root`, then `root` itself
/// when it became empty. Returns the entries that stay (relative paths),
/// sorted; empty when the whole tree is gone. A missing `root` is fine.
pub fn remove(root: &Path, what: &Removal) -> io::Result<Vec<String>> {
    imp::remove(root, what)
}

fn join(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_string()
    } else {
        format!("{rel}/{name}")
    }
}

#[cfg(unix)]
mod imp {
    use super::*;
    use rustix::fs::{AtFlags, CWD, Dir, FileType, Mode, OFlags, openat, statat, unlinkat};
    use std::os::fd::OwnedFd;

    const DIR_FLAGS: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::NOFOLLOW)
        .union(OFlags::CLOEXEC);

    pub fn remove(root: &Path, what: &Removal) -> io::Result<Vec<String>> {
        let dir = match openat(CWD, root, DIR_FLAGS, Mode::empty()) {
            Ok(dir) => dir,
            Err(rustix::io::Errno::NOENT) => return Ok(Vec::new()),
            // A link (or a file) where the tree should be: never followed.
            Err(rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR) => {
                return match what {
                    Removal::Everything => {
                        std::fs::remove_file(root)?;
                        Ok(Vec::new())
                    }
                    Removal::Listed(_) => Ok(vec![String::new()]),
                };
            }
            Err(e) => return Err(e.into()),
        };
        let mut kept = clear(&dir, "", what)?;
        drop(dir);
        if kept.is_empty() {
            std::fs::remove_dir(root)?;
        }
        kept.sort();
        Ok(kept)
    }

    /// Clears one open folder; returns what stays in it.
    fn clear(dir: &OwnedFd, rel: &str, what: &Removal) -> io::Result<Vec<String>> {
        let mut entries = Vec::new();
        for entry in Dir::read_from(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let name = String::from_utf8_lossy(name).into_owned();
            let kind = match entry.file_type() {
                FileType::Unknown => {
                    FileType::from_raw_mode(statat(dir, &name, AtFlags::SYMLINK_NOFOLLOW)?.st_mode)
                }
                known => known,
            };
            entries.push((name, kind));
        }
        let kept: Vec<Vec<String>> = entries
            .par_iter()
            .map(|(name, kind)| -> io::Result<Vec<String>> {
                let child = join(rel, name);
                if *kind == FileType::Directory && what.may_enter(&child) {
                    let sub = match openat(dir, name.as_str(), DIR_FLAGS, Mode::empty()) {
                        Ok(sub) => sub,
                        // Swapped for a link since it was read: keep it.
                        Err(rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR) => {
                            return Ok(vec![child]);
                        }
                        Err(e) => return Err(e.into()),
                    };
                    let kept = clear(&sub, &child, what)?;
                    drop(sub);
                    if kept.is_empty() {
                        unlinkat(dir, name.as_str(), AtFlags::REMOVEDIR)?;
                    }
                    Ok(kept)
                } else if *kind != FileType::Directory
                    && what.may_remove_file(&child, *kind == FileType::RegularFile)
                {
                    unlinkat(dir, name.as_str(), AtFlags::empty())?;
                    Ok(Vec::new())
                } else {
                    Ok(vec![child])
                }
            })
            .collect::<io::Result<_>>()?;
        Ok(kept.into_iter().flatten().collect())
    }
}

#[cfg(not(unix))]
mod imp {
    use super::*;
    use std::fs;

    pub fn remove(root: &Path, what: &Removal) -> io::Result<Vec<String>> {
        match fs::symlink_metadata(root) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
            Ok(meta) if !meta.is_dir() => return Ok(vec![String::new()]),
            Ok(_) => {}
        }
        let mut kept = clear(root, "", what)?;
        if kept.is_empty() {
            fs::remove_dir(root)?;
        }
        kept.sort();
        Ok(kept)
    }

    fn clear(dir: &Path, rel: &str, what: &Removal) -> io::Result<Vec<String>> {
        let mut kept = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = join(rel, &name);
            let kind = entry.file_type()?;
            if kind.is_dir() && what.may_enter(&child) {
                let inner = clear(&entry.path(), &child, what)?;
                if inner.is_empty() {
                    fs::remove_dir(entry.path())?;
                }
                kept.extend(inner);
            } else if !kind.is_dir() && what.may_remove_file(&child, kind.is_file()) {
                fs::remove_file(entry.path())?;
            } else {
                kept.push(child);
            }
        }
        Ok(kept)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::symlink;

    #[test]
    fn listed_files_go_everything_else_stays_and_links_are_never_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let old = tmp.path().join("old");
        let victim = tmp.path().join("victim");
        fs::create_dir_all(old.join("a/b")).unwrap();
        fs::create_dir_all(&victim).unwrap();
        fs::write(old.join("a/b/x.html"), "").unwrap();
        fs::write(old.join("a/y.html"), "").unwrap();
        fs::write(old.join("notities.txt"), "van mij").unwrap();
        fs::write(victim.join("z.html"), "niet van wijksite").unwrap();
        // A listed folder replaced by a link to a folder with a listed name.
        symlink(&victim, old.join("c")).unwrap();
        let listed = Listed::new(["a/b/x.html", "a/y.html", "c/z.html"]);
        let kept = remove(&old, &Removal::Listed(&listed)).unwrap();
        assert_eq!(kept, ["c", "notities.txt"]);
        assert!(!old.join("a").exists());
        assert_eq!(
            fs::read_to_string(victim.join("z.html")).unwrap(),
            "niet van wijksite"
        );
        assert!(old.join("notities.txt").exists());
    }

    #[test]
    fn everything_goes_but_a_link_is_removed_as_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = tmp.path().join("staging");
        let victim = tmp.path().join("victim");
        fs::create_dir_all(staging.join("d")).unwrap();
        fs::create_dir_all(&victim).unwrap();
        fs::write(victim.join("keep"), "").unwrap();
        symlink(&victim, staging.join("d/link")).unwrap();
        fs::write(staging.join("f"), "").unwrap();
        assert!(remove(&staging, &Removal::Everything).unwrap().is_empty());
        assert!(!staging.exists());
        assert!(victim.join("keep").exists());
    }
}
