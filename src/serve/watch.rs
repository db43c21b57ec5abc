//! Watching the site's files, and what each change asks for.
//!
//! [`TABLE`] is the one place that maps a changed path to an [`Action`].
//! Today every action is carried out as a full rebuild in memory; an
//! incremental rebuild replaces the handling of one action at a time
//! without touching the watcher.
//!
//! Editors' programs save in many ways (write in place, or write a temp
//! file and rename it over the old one), so creations, removals and renames
//! all count, changes are collected until the files have been quiet for
//! [`QUIET`], and names of temp and backup files are ignored.

use crate::diagnostics::display_path;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Changes closer together than this are handled as one.
pub const QUIET: Duration = Duration::from_millis(100);
/// A stream of changes is handled at least this often.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// What a change asks the server to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// A Markdown or YAML file under content/: reload it, re-render what shows it.
    Content,
    /// A file under content/static/: copy it again.
    Static,
    /// A template, strings.yaml or theme file: recompile the theme, re-render all.
    Theme,
}

/// Changed path prefix (relative to the site root) → action. The first
/// matching row wins, so the more specific rows come first.
pub const TABLE: &[(&str, Action)] = &[
    ("content/static/", Action::Static),
    ("content/", Action::Content),
    ("templates/", Action::Theme),
    ("themes/", Action::Theme),
];

/// The folders the server watches (recursively), relative to the root.
pub const WATCHED: &[&str] = &["content", "templates", "themes"];

/// The action for a changed path relative to the site root, if any.
pub fn action_for(rel: &str) -> Option<Action> {
    if rel
        .split('/')
        .any(|part| crate::content::is_ignored(std::ffi::OsStr::new(part)))
    {
        return None;
    }
    TABLE
        .iter()
        .find(|(prefix, _)| rel.starts_with(prefix) || rel == prefix.trim_end_matches('/'))
        .map(|(_, action)| *action)
}

/// One batch of changes, after the files went quiet.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Changed paths relative to the root that have an action, sorted.
    pub paths: BTreeSet<String>,
    pub actions: BTreeSet<Action>,
}

impl Changes {
    /// Sorts raw changed paths through [`TABLE`].
    pub fn from_paths(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Changes {
        let mut changes = Changes::default();
        for path in paths {
            let rel = display_path(path.strip_prefix(root).unwrap_or(&path));
            if let Some(action) = action_for(&rel) {
                changes.actions.insert(action);
                changes.paths.insert(rel);
            }
        }
        changes
    }
}

/// Starts watching `root`; calls `on_change` (on the watch thread) for
/// every quiet batch that needs an action. Watching goes on as long as the
/// program runs.
pub fn start(root: &Path, on_change: impl FnMut(Changes) + Send + 'static) -> notify::Result<()> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (sender, receiver) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })?;
    // The root itself (not recursive), so a templates/ folder made later is seen.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    std::thread::Builder::new()
        .name("wijksite-watch".into())
        .spawn(move || debounce(&root, watcher, &receiver, on_change))?;
    Ok(())
}

/// Collects events until the files are quiet, then hands on one batch.
fn debounce(
    root: &Path,
    mut watcher: impl Watcher,
    events: &mpsc::Receiver<notify::Result<notify::Event>>,
    mut on_change: impl FnMut(Changes),
) {
    while let Ok(first) = events.recv() {
        let mut paths = Vec::new();
        collect(first, &mut paths);
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match events.recv_timeout(QUIET) {
                Ok(event) => collect(event, &mut paths),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        watch_new_top_folders(root, &paths, &mut watcher);
        let changes = Changes::from_paths(root, paths);
        if !changes.actions.is_empty() {
            on_change(changes);
        }
    }
}

/// A watched folder made (or made again) while serving, such as a new
/// templates/, is watched from then on.
fn watch_new_top_folders(root: &Path, paths: &[PathBuf], watcher: &mut impl Watcher) {
    for path in paths {
        let is_top_folder = path.parent() == Some(root)
            && path
                .file_name()
                .is_some_and(|name| WATCHED.iter().any(|dir| name == *dir));
        if is_top_folder && path.is_dir() {
            if let Err(e) = watcher.watch(path, RecursiveMode::Recursive) {
                eprintln!(
                    "Let op: wijzigingen in {} worden niet gezien ({e}). Start wijksite serve opnieuw.",
                    path.display()
                );
            }
        }
    }
}

fn collect(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
    match event {
        Ok(event) if !matches!(event.kind, EventKind::Access(_)) => paths.extend(event.paths),
        Ok(_) => {}
        Err(e) => eprintln!("Let op: het volgen van wijzigingen gaf een fout: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_sends_each_folder_to_its_action() {
        assert_eq!(action_for("content/pages/over.md"), Some(Action::Content));
        assert_eq!(action_for("content/static/foto.jpg"), Some(Action::Static));
        assert_eq!(action_for("templates/page.html"), Some(Action::Theme));
        assert_eq!(
            action_for("themes/wijk/static/style.css"),
            Some(Action::Theme)
        );
        assert_eq!(action_for("content"), Some(Action::Content));
    }

    #[test]
    fn output_and_other_folders_are_not_watched() {
        assert_eq!(action_for("output/index.html"), None);
        assert_eq!(action_for("target/debug/wijksite"), None);
        assert_eq!(action_for("contentx/a.md"), None);
    }

    #[test]
    fn editor_temp_and_backup_files_are_ignored() {
        for rel in [
            "content/pages/.over.md.swp",
            "content/pages/over.md~",
            "content/pages/.#over.md",
            "content/pages/over.md.tmp",
            "content/.git/index",
        ] {
            assert_eq!(action_for(rel), None, "{rel}");
        }
    }

    #[test]
    fn a_save_through_a_temp_file_and_rename_is_one_content_change() {
        let root = Path::new("/site");
        let changes = Changes::from_paths(
            root,
            [
                PathBuf::from("/site/content/pages/.over.md.tmp"),
                PathBuf::from("/site/content/pages/over.md"),
                PathBuf::from("/site/content/pages/over.md"),
            ],
        );
        assert_eq!(
            changes.paths.into_iter().collect::<Vec<_>>(),
            ["content/pages/over.md"]
        );
        assert_eq!(
            changes.actions.into_iter().collect::<Vec<_>>(),
            [Action::Content]
        );
    }
}
