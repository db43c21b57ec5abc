//! Writing the built site to disk without ever damaging the last good one,
//! and without ever removing a file wijksite did not write.
//!
//! Before anything is written or removed, [`OutputDir::claim`] checks the
//! output folder against one safety rule:
//! - it may not be the site folder, a folder above it, or inside `content/`,
//!   `themes/`, `templates/` or `.git/` (nor hold one of those);
//! - it may not be a symbolic link or a file;
//! - when it exists, everything in it must be listed in the manifest
//!   ([`MANIFEST`]) the previous build left there: a folder with files
//!   wijksite did not write is refused, never emptied.
//!
//! A lock on the folder that holds the output makes a second build into the
//! same folder wait for the first. Files are then written into a staging folder of this
//! build's own beside the output; only when every file is written is it
//! swapped in, with one atomic exchange where the system has one (Linux
//! `renameat2(RENAME_EXCHANGE)`), else two renames. The previous tree is
//! then removed file by file from its manifest: links are never followed,
//! and anything not listed stays. A failed build leaves the previous output
//! exactly as it was.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::build::remove::{self, Listed, Removal};
use crate::theme::output_file::{Data, OutputFile};
use crate::util::diagnostics::io_reason;

/// The list of files a build wrote, kept inside the output folder so that
/// the next build knows exactly what it may remove.
pub const MANIFEST: &str = ".wijksite-manifest";

/// The first line of a manifest: a manifest without it is not ours.
const MANIFEST_HEADER: &str =
    "# wijksite: bestanden van deze build. Een volgende build verwijdert alleen deze bestanden.";

/// The folders of a site whose files are sources, never output.
const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", ".git"];

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

/// Why a folder cannot be the output, in Dutch, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputRefused {
    /// The output folder as the user named it.
    pub output: String,
    pub message: String,
    pub hint: String,
}

impl std::fmt::Display for OutputRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: fout: {}\n    tip: {}",
            self.output, self.message, self.hint
        )
    }
}

/// An output folder that passed the safety rule, locked for this build.
pub struct OutputDir {
    /// Absolute, with every existing folder on the way resolved.
    path: PathBuf,
    parent: PathBuf,
    name: String,
    /// The files the previous build wrote (empty when there is none).
    previous: Vec<String>,
    /// Held until the build ends; the lock goes with it.
    _lock: Option<fs::File>,
}

impl OutputDir {
    /// Checks `output` against the safety rule for the site in `root` and
    /// locks it; waits (saying so on stderr) while another build holds it.
    pub fn claim(root: &Path, output: &Path) -> Result<OutputDir, OutputRefused> {
        let shown = output.display().to_string();
        let refuse = |message: String, hint: &str| OutputRefused {
            output: shown.clone(),
            message,
            hint: hint.to_string(),
        };
        let io_refuse = |e: io::Error| {
            refuse(
                format!("kan de uitvoermap niet gebruiken: {}", io_reason(&e)),
                "controleer of de map bestaat en of u er mag schrijven",
            )
        };
        let path = resolve(output).map_err(|e| match e {
            Resolve::Odd => refuse(
                "deze uitvoermap is niet duidelijk: er staat `..` in een deel dat nog niet bestaat"
                    .into(),
                "geef een gewone map op, bijvoorbeeld `--output output`",
            ),
            Resolve::Io(e) => io_refuse(e),
        })?;
        let root_abs = fs::canonicalize(root).map_err(|e| {
            refuse(
                format!(
                    "kan de sitemap {} niet openen: {}",
                    root.display(),
                    io_reason(&e)
                ),
                "geef met --root de map op waarin content/ staat",
            )
        })?;
        check_location(&root_abs, &path).map_err(|message| {
            refuse(
                message,
                "laat de uitvoer in een eigen map gaan, zoals `output/` in de sitemap (dat is de standaard)",
            )
        })?;
        let (parent, name) = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => {
                (parent.to_path_buf(), name.to_string_lossy().into_owned())
            }
            _ => {
                return Err(refuse(
                    "de hoofdmap van de schijf kan geen uitvoermap zijn".into(),
                    "geef een eigen map op, bijvoorbeeld `--output output`",
                ));
            }
        };
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refuse(
                    "de uitvoermap is een snelkoppeling (symbolische link); wijksite volgt die niet, zodat het nooit bestanden op een andere plek weghaalt".into(),
                    "geef de echte map op met --output, of verwijder de link",
                ));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(refuse(
                    "hier staat een bestand, geen map; wijksite overschrijft het niet".into(),
                    "kies met --output een map, of verplaats het bestand",
                ));
            }
            _ => {}
        }
        fs::create_dir_all(&parent).map_err(io_refuse)?;
        let lock = lock_beside(&parent).map_err(io_refuse)?;
        let previous = match previous_files(&path) {
            Ok(files) => files,
            Err(Foreign::Io(e)) => return Err(io_refuse(e)),
            Err(Foreign::NoManifest(examples)) => {
                return Err(refuse(
                    format!(
                        "deze map is niet door wijksite gemaakt, of door een oudere versie; er staat al iets in ({}). wijksite maakt geen map leeg die het niet zelf schreef",
                        examples.join(", ")
                    ),
                    "kies een lege of nieuwe map met --output; of, als dit een oude uitvoer van wijksite is, verwijder de map zelf en bouw opnieuw",
                ));
            }
            Err(Foreign::Unlisted(examples)) => {
                return Err(refuse(
                    format!(
                        "in de uitvoermap staan bestanden die wijksite niet schreef: {}. wijksite verwijdert ze niet",
                        examples.join(", ")
                    ),
                    "zet eigen bestanden in content/static/ (die komen vanzelf mee in de site) en haal ze hier weg; of kies een andere map met --output",
                ));
            }
        };
        Ok(OutputDir {
            path,
            parent,
            name,
            previous,
            _lock: lock,
        })
    }

    /// The output folder, absolute.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Whether `output` (absolute, resolved) may hold the site of `root`;
/// the reason in Dutch when not.
fn check_location(root: &Path, output: &Path) -> Result<(), String> {
    if output == root {
        return Err(
            "de uitvoermap is de sitemap zelf; bouwen zou content/ en themes/ vervangen".into(),
        );
    }
    if root.starts_with(output) {
        return Err(format!(
            "de uitvoermap ligt boven de sitemap ({}); bouwen zou de site zelf weghalen",
            root.display()
        ));
    }
    for folder in SOURCE_FOLDERS {
        let source = root.join(folder);
        let source = fs::canonicalize(&source).unwrap_or(source);
        if output.starts_with(&source) || source.starts_with(output) {
            return Err(format!(
                "de uitvoermap ligt in {folder}/ of bevat die map; daar staan bronbestanden die wijksite nooit overschrijft"
            ));
        }
    }
    Ok(())
}

enum Resolve {
    Odd,
    Io(io::Error),
}

/// `output` made absolute, with its deepest existing folder resolved (so
/// links and `..` there are followed) and the rest appended; the output
/// itself is not resolved when it is a link (that is refused later).
fn resolve(output: &Path) -> Result<PathBuf, Resolve> {
    let absolute = std::path::absolute(output).map_err(Resolve::Io)?;
    // Ends in `..` (or is `/`): an existing folder, resolved as a whole.
    if absolute.file_name().is_none() {
        return fs::canonicalize(&absolute).map_err(|_| Resolve::Odd);
    }
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return Ok(absolute);
    };
    let mut existing = parent.to_path_buf();
    let mut missing = Vec::new();
    while fs::symlink_metadata(&existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(up), Some(last)) => {
                missing.push(last.to_os_string());
                existing = up.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).map_err(Resolve::Io)?;
    for part in missing.iter().rev() {
        resolved.push(part);
    }
    if missing.iter().any(|p| p == "..") || name == ".." {
        return Err(Resolve::Odd);
    }
    if name == "." {
        return Ok(resolved);
    }
    resolved.push(name);
    Ok(resolved)
}

/// Locks the folder that holds the output (the folder itself, so no file is
/// left in the site). A build that finds it locked says so and waits. The
/// lock ends with the process, also when it is killed, so it never goes
/// stale. Two builds into different outputs in one folder therefore also
/// take turns. Without Unix locks (Windows) there is no lock.
#[cfg(unix)]
fn lock_beside(parent: &Path) -> io::Result<Option<fs::File>> {
    use rustix::fs::{FlockOperation, flock};
    let folder = fs::File::open(parent)?;
    if flock(&folder, FlockOperation::NonBlockingLockExclusive).is_err() {
        eprintln!(
            "Er bouwt al een andere wijksite naar deze map; wijksite wacht tot die klaar is."
        );
        flock(&folder, FlockOperation::LockExclusive)?;
    }
    Ok(Some(folder))
}

#[cfg(not(unix))]
fn lock_beside(_parent: &Path) -> io::Result<Option<fs::File>> {
    Ok(None)
}

enum Foreign {
    Io(io::Error),
    /// A non-empty folder without a manifest: a few of its entries.
    NoManifest(Vec<String>),
    /// Entries the manifest does not list: a few of them.
    Unlisted(Vec<String>),
}

/// How many foreign entries a message names.
const EXAMPLES: usize = 5;

/// The files the previous build wrote into `output`, after checking that
/// nothing else is there. A missing or empty folder has none.
fn previous_files(output: &Path) -> Result<Vec<String>, Foreign> {
    let entries = match fs::read_dir(output) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Foreign::Io(e)),
    };
    let mut top = Vec::new();
    for entry in entries {
        top.push(
            entry
                .map_err(Foreign::Io)?
                .file_name()
                .to_string_lossy()
                .into_owned(),
        );
    }
    if top.is_empty() {
        return Ok(Vec::new());
    }
    let manifest = match read_manifest(&output.join(MANIFEST)) {
        Some(files) => files,
        None => {
            top.sort();
            top.truncate(EXAMPLES);
            return Err(Foreign::NoManifest(top));
        }
    };
    let listed: BTreeSet<&str> = manifest.iter().map(String::as_str).collect();
    let folders: BTreeSet<&str> = manifest
        .iter()
        .flat_map(|file| {
            file.char_indices()
                .filter(|&(_, c)| c == '/')
                .map(move |(i, _)| &file[..i])
        })
        .collect();
    let mut unlisted = Vec::new();
    let mut stack = vec![String::new()];
    'walk: while let Some(folder) = stack.pop() {
        let dir = if folder.is_empty() {
            output.to_path_buf()
        } else {
            output.join(&folder)
        };
        for entry in fs::read_dir(&dir).map_err(Foreign::Io)? {
            let entry = entry.map_err(Foreign::Io)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if folder.is_empty() {
                name
            } else {
                format!("{folder}/{name}")
            };
            // `file_type` does not follow links: a link is never a folder here.
            let kind = entry.file_type().map_err(Foreign::Io)?;
            let ours = if kind.is_dir() {
                folders.contains(rel.as_str())
            } else {
                kind.is_file() && (listed.contains(rel.as_str()) || rel == MANIFEST)
            };
            if !ours {
                unlisted.push(rel);
                if unlisted.len() == EXAMPLES {
                    break 'walk;
                }
            } else if kind.is_dir() {
                stack.push(rel);
            }
        }
    }
    if unlisted.is_empty() {
        Ok(manifest)
    } else {
        unlisted.sort();
        Err(Foreign::Unlisted(unlisted))
    }
}

/// The files a manifest lists; `None` when it is missing or not ours.
fn read_manifest(path: &Path) -> Option<Vec<String>> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let text = fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != MANIFEST_HEADER {
        return None;
    }
    Some(
        lines
            .filter(|line| is_safe_relative(line))
            .map(str::to_string)
            .collect(),
    )
}

/// A fresh directory of this build's own beside the output directory that
/// files are written into while the site renders. [`Staging::commit`]
/// swaps it in as one step; dropped without a commit, it is removed and the
/// previous output stays exactly as it was.
pub struct Staging<'a> {
    output: &'a OutputDir,
    staging: PathBuf,
    written: Mutex<Vec<String>>,
    committed: bool,
}

impl<'a> Staging<'a> {
    /// Makes an empty staging directory for `output`, after removing
    /// staging directories that killed builds left behind.
    pub fn create(output: &'a OutputDir) -> io::Result<Staging<'a>> {
        let prefix = format!(".{}.wijksite-", output.name);
        for entry in fs::read_dir(&output.parent)? {
            let entry = entry?;
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(&prefix) else {
                continue;
            };
            // Only the exact names builds use: `new.<pid>` and `old.<pid>`
            // (and `new`/`old` of older versions), never a look-alike.
            let (kind, pid) = rest.split_once('.').unwrap_or((rest, ""));
            if !pid.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            match kind {
                // A staging folder of a build that was stopped: all ours.
                "new" => {
                    remove::remove(&entry.path(), &Removal::Everything)?;
                }
                // A previous site whose removal was stopped or kept files
                // of someone else: only what its manifest lists goes.
                "old" => match read_manifest(&entry.path().join(MANIFEST)) {
                    Some(files) => remove_previous(&entry.path(), &files)?,
                    None => say_kept(&entry.path(), &[String::from("…")]),
                },
                _ => {}
            }
        }
        let staging = output
            .parent
            .join(format!("{prefix}new.{}", std::process::id()));
        fs::create_dir(&staging)?;
        Ok(Staging {
            output,
            staging,
            written: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Replaces the output directory with the staged one, then removes the
    /// files of the previous build.
    pub fn commit(mut self) -> io::Result<()> {
        let mut written =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.sort_unstable();
        let mut manifest = String::with_capacity(written.len() * 40 + 100);
        manifest.push_str(MANIFEST_HEADER);
        manifest.push('\n');
        for path in &written {
            manifest.push_str(path);
            manifest.push('\n');
        }
        fs::write(self.staging.join(MANIFEST), manifest)?;
        let output = &self.output.path;
        let old = match fs::symlink_metadata(output) {
            Ok(_) => {
                let old = self.output.parent.join(format!(
                    ".{}.wijksite-old.{}",
                    self.output.name,
                    std::process::id()
                ));
                if exchange(&self.staging, output)? {
                    // The previous site is now where the staging folder was.
                    fs::rename(&self.staging, &old)?;
                } else {
                    fs::rename(output, &old)?;
                    if let Err(e) = fs::rename(&self.staging, output) {
                        // Put the previous site back before reporting.
                        let _ = fs::rename(&old, output);
                        return Err(e);
                    }
                }
                Some(old)
            }
            Err(_) => {
                fs::rename(&self.staging, output)?;
                None
            }
        };
        self.committed = true;
        if let Some(old) = old {
            remove_previous(&old, &self.output.previous)?;
        }
        Ok(())
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove::remove(&self.staging, &Removal::Everything);
        }
    }
}

impl Sink for Staging<'_> {
    /// Writes the file with one write call (the bytes are complete) and
    /// keeps only its path (and, for a copied file, where it came from).
    fn put(&self, file: OutputFile) -> io::Result<OutputFile> {
        if !is_safe_relative(&file.path) || file.path == MANIFEST {
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
        let kept = match file.data {
            Data::Bytes(bytes) => {
                fs::write(&target, bytes)?;
                OutputFile {
                    path: file.path,
                    data: Data::Written,
                }
            }
            Data::Copy(ref from) => {
                fs::copy(from, &target)?;
                file
            }
            Data::BuiltIn(bytes) => {
                fs::write(&target, bytes)?;
                file
            }
            Data::Written => file,
        };
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(kept.path.clone());
        Ok(kept)
    }
}

/// Swaps two paths in one step; `false` where the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Not supported by this kernel or file system: fall back.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Removes the files of a previous site (listed in its manifest) from
/// `old`, the manifest last, then `old` itself; links are never followed.
/// Anything not listed stays, and a line says where.
fn remove_previous(old: &Path, files: &[String]) -> io::Result<()> {
    let listed = Listed::new(files.iter().map(String::as_str));
    let mut kept = remove::remove(old, &Removal::Listed(&listed))?;
    kept.retain(|entry| entry != MANIFEST);
    if kept.is_empty() {
        let _ = fs::remove_file(old.join(MANIFEST));
        let _ = fs::remove_dir(old);
        return Ok(());
    }
    say_kept(old, &kept);
    Ok(())
}

/// Says which files of someone else's stay in a folder beside the output.
fn say_kept(folder: &Path, kept: &[String]) {
    let examples: Vec<&str> = kept.iter().take(EXAMPLES).map(String::as_str).collect();
    eprintln!(
        "let op: in {} staan bestanden die wijksite niet schreef ({}); ze zijn niet verwijderd. Zet ze terug waar ze horen of haal ze zelf weg.",
        folder.display(),
        examples.join(", ")
    );
}

/// Claims `output` for the site in `root` and writes `files` into it,
/// replacing what was there as one step (for the tests here).
#[cfg(test)]
fn write_site(root: &Path, output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let dir =
        OutputDir::claim(root, output).map_err(|refused| io::Error::other(refused.to_string()))?;
    use rayon::prelude::*;
    let staging = Staging::create(&dir)?;
    files
        .par_iter()
        .try_for_each(|file| staging.put(file.clone()).map(drop))?;
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder with the source folders, and its default output.
    fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for folder in ["content", "themes/wijk", "templates"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        fs::write(root.join("content/index.md"), "bron").unwrap();
        let out = root.join("output");
        (tmp, root, out)
    }

    fn refused(root: &Path, output: &Path) -> OutputRefused {
        match OutputDir::claim(root, output) {
            Ok(_) => panic!("{} was accepted as output", output.display()),
            Err(refused) => refused,
        }
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
        let (tmp, root, out) = site();
        write_site(&root, &out, &[OutputFile::bytes("old/a.html", "oud")]).unwrap();
        write_site(&root, &out, &[OutputFile::bytes("new/index.html", "nieuw")]).unwrap();
        assert!(!out.join("old").exists());
        assert_eq!(
            fs::read_to_string(out.join("new/index.html")).unwrap(),
            "nieuw"
        );
        let mut left: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["content", "output", "templates", "themes"]);
        assert!(tmp.path().join("site/content/index.md").exists());
    }

    #[test]
    fn a_failed_write_keeps_the_old_site() {
        let (tmp, root, out) = site();
        write_site(&root, &out, &[OutputFile::bytes("keep.html", "goed")]).unwrap();
        let bad = [OutputFile::bytes("../escape.html", "x")];
        assert!(write_site(&root, &out, &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("keep.html")).unwrap(), "goed");
        assert!(!root.join("escape.html").exists());
        assert!(!tmp.path().join("escape.html").exists());
    }

    #[test]
    fn the_site_its_parents_and_its_source_folders_are_never_the_output() {
        let (tmp, root, _) = site();
        for output in [
            root.clone(),
            root.join("."),
            tmp.path().to_path_buf(),
            root.join("content"),
            root.join("content/new"),
            root.join("themes"),
            root.join("templates/x"),
            root.join("content/../themes"),
            PathBuf::from("/"),
        ] {
            let refused = refused(&root, &output);
            assert!(refused.message.contains("uitvoermap") || refused.message.contains("hoofdmap"));
        }
        assert_eq!(
            fs::read_to_string(root.join("content/index.md")).unwrap(),
            "bron"
        );
    }

    #[test]
    fn a_link_as_output_is_refused_and_its_target_untouched() {
        let (tmp, root, out) = site();
        let target = tmp.path().join("www");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("eigen.html"), "van de gebruiker").unwrap();
        std::os::unix::fs::symlink(&target, &out).unwrap();
        let refused = refused(&root, &out);
        assert!(refused.message.contains("symbolische link"), "{refused}");
        assert_eq!(
            fs::read_to_string(target.join("eigen.html")).unwrap(),
            "van de gebruiker"
        );
    }

    #[test]
    fn a_file_as_output_is_refused_and_kept() {
        let (_tmp, root, out) = site();
        fs::write(&out, "notities").unwrap();
        assert!(refused(&root, &out).message.contains("bestand"));
        assert_eq!(fs::read_to_string(&out).unwrap(), "notities");
    }

    #[test]
    fn a_folder_wijksite_did_not_write_is_never_emptied() {
        let (tmp, root, _) = site();
        let out = tmp.path().join("documenten");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("brief.txt"), "belangrijk").unwrap();
        let refused = refused(&root, &out);
        assert!(refused.message.contains("brief.txt"), "{refused}");
        assert!(write_site(&root, &out, &[OutputFile::bytes("a.html", "x")]).is_err());
        assert_eq!(
            fs::read_to_string(out.join("brief.txt")).unwrap(),
            "belangrijk"
        );
        // An empty folder is fine.
        let empty = tmp.path().join("leeg");
        fs::create_dir(&empty).unwrap();
        write_site(&root, &empty, &[OutputFile::bytes("a.html", "x")]).unwrap();
    }

    #[test]
    fn files_added_to_a_built_site_are_named_and_kept() {
        let (_tmp, root, out) = site();
        write_site(&root, &out, &[OutputFile::bytes("a/index.html", "x")]).unwrap();
        fs::write(out.join("a/CNAME"), "wijk.nl").unwrap();
        std::os::unix::fs::symlink("/etc", out.join("etc")).unwrap();
        let refused = refused(&root, &out);
        assert!(refused.message.contains("a/CNAME"), "{refused}");
        assert!(refused.message.contains("etc"), "{refused}");
        assert_eq!(fs::read_to_string(out.join("a/CNAME")).unwrap(), "wijk.nl");
    }

    #[test]
    fn a_forged_manifest_line_cannot_reach_outside() {
        let (tmp, root, out) = site();
        write_site(&root, &out, &[OutputFile::bytes("a.html", "x")]).unwrap();
        let outside = tmp.path().join("buiten.txt");
        fs::write(&outside, "blijft").unwrap();
        let manifest = format!("{MANIFEST_HEADER}\na.html\n../../buiten.txt\n/etc/passwd\n");
        fs::write(out.join(MANIFEST), manifest).unwrap();
        write_site(&root, &out, &[OutputFile::bytes("b.html", "y")]).unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "blijft");
        assert!(out.join("b.html").exists() && !out.join("a.html").exists());
    }

    #[test]
    fn leftovers_of_a_killed_build_are_cleared() {
        let (_tmp, root, out) = site();
        let stale = root.join(".output.wijksite-new.99999");
        fs::create_dir_all(stale.join("x")).unwrap();
        write_site(&root, &out, &[OutputFile::bytes("a.html", "x")]).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn folders_that_only_look_like_staging_folders_are_kept() {
        let (_tmp, root, out) = site();
        for name in [
            ".output.wijksite-old-backup",
            ".output.wijksite-newsletter",
            ".output.wijksite-new.12x",
        ] {
            fs::create_dir_all(root.join(name)).unwrap();
            fs::write(root.join(name).join("db.sql"), "belangrijk").unwrap();
        }
        write_site(&root, &out, &[OutputFile::bytes("a.html", "x")]).unwrap();
        for name in [
            ".output.wijksite-old-backup",
            ".output.wijksite-newsletter",
            ".output.wijksite-new.12x",
        ] {
            assert!(root.join(name).join("db.sql").exists(), "{name}");
        }
    }

    #[test]
    fn a_previous_site_left_beside_the_output_loses_only_its_listed_files() {
        let (_tmp, root, out) = site();
        write_site(&root, &out, &[OutputFile::bytes("a.html", "x")]).unwrap();
        // As a build that was stopped while removing the previous site, or
        // that found a file someone put into output/ while it ran.
        let old = root.join(".output.wijksite-old.4242");
        fs::create_dir_all(old.join("d")).unwrap();
        fs::write(old.join("d/oud.html"), "").unwrap();
        fs::write(old.join("NOTITIES.txt"), "van mij").unwrap();
        fs::write(
            old.join(MANIFEST),
            format!("{MANIFEST_HEADER}\nd/oud.html\n"),
        )
        .unwrap();
        write_site(&root, &out, &[OutputFile::bytes("b.html", "y")]).unwrap();
        assert!(!old.join("d").exists());
        assert_eq!(
            fs::read_to_string(old.join("NOTITIES.txt")).unwrap(),
            "van mij"
        );
        // Without a manifest nothing there is touched, build after build.
        fs::remove_file(old.join(MANIFEST)).ok();
        write_site(&root, &out, &[OutputFile::bytes("c.html", "z")]).unwrap();
        assert_eq!(
            fs::read_to_string(old.join("NOTITIES.txt")).unwrap(),
            "van mij"
        );
    }

    #[test]
    fn the_manifest_lists_every_file_once_sorted() {
        let (_tmp, root, out) = site();
        let files = [
            OutputFile::bytes("b/index.html", "b"),
            OutputFile::bytes("a.css", "a"),
        ];
        write_site(&root, &out, &files).unwrap();
        assert_eq!(
            fs::read_to_string(out.join(MANIFEST)).unwrap(),
            format!("{MANIFEST_HEADER}\na.css\nb/index.html\n")
        );
    }
}

#[cfg(all(test, target_os = "linux"))]
mod exchange_tests {
    use super::*;

    #[test]
    fn the_swap_is_one_atomic_exchange_on_linux() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("nieuw"), "").unwrap();
        fs::write(b.join("oud"), "").unwrap();
        assert!(exchange(&a, &b).unwrap(), "no RENAME_EXCHANGE here");
        assert!(b.join("nieuw").exists() && a.join("oud").exists());
    }
}
