//! Watching the site's files, and what each change asks for.
//!
//! [`TABLE`] is the one place that maps a changed path to an [`Action`].
//! site.yaml is a full rebuild; everything else goes to the incremental
//! rebuild (`crate::build::incremental`), which re-does only what the changed
//! paths ask for and falls back to a full rebuild where it cannot be sure.
//!
//! Editors' programs save in many ways (write in place, or write a temp
//! file and rename it over the old one), so creations, removals and renames
//! all count, and names of temp and backup files are ignored. Changes are
//! collected until the files have been quiet for [`QUIET`]; when every
//! changed file has been closed after writing, renamed into place or
//! removed, [`SETTLE`] of quiet is enough, so a save shows within
//! milliseconds instead of a tenth of a second.

use crate::util::diagnostics::display_path;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Changes closer together than this are handled as one.
pub const QUIET: Duration = Duration::from_millis(100);
/// The quiet that is enough once every changed file is complete.
pub const SETTLE: Duration = Duration::from_millis(5);
/// A stream of changes is handled at least this often.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// What a change asks the server to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// content/site.yaml: everything depends on it, so a full rebuild.
    Config,
    /// A Markdown or YAML file under content/: reload it, re-render what shows it.
    Content,
    /// A file under content/static/: copy it again.
    Static,
    /// A template, strings.yaml or theme file: recompile the theme, re-render
    /// the pages whose templates (or base context) changed.
    Theme,
}

/// Changed path prefix (relative to the site root) → action. The first
/// matching row wins, so the more specific rows come first.
pub const TABLE: &[(&str, Action)] = &[
    ("content/site.yaml", Action::Config),
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
    /// When the first event of the batch arrived (for `--timings`).
    pub first_event: Option<Instant>,
    /// The system may have dropped events: only a full rebuild is safe.
    pub rescan: bool,
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
        let started = Instant::now();
        let mut batch = Batch::default();
        batch.add(first);
        while started.elapsed() < MAX_WAIT {
            let quiet = if batch.is_complete() { SETTLE } else { QUIET };
            match events.recv_timeout(quiet) {
                Ok(event) => batch.add(event),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        watch_new_top_folders(root, &batch.paths, &mut watcher);
        let mut changes = Changes::from_paths(root, batch.paths);
        changes.first_event = Some(started);
        changes.rescan = batch.rescan;
        if !changes.actions.is_empty() || changes.rescan {
            on_change(changes);
        }
    }
}

/// The events of one batch.
#[derive(Default)]
struct Batch {
    paths: Vec<PathBuf>,
    /// Paths whose last event left them incomplete (being written).
    open: BTreeSet<PathBuf>,
    rescan: bool,
}

impl Batch {
    fn add(&mut self, event: notify::Result<notify::Event>) {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                eprintln!("Let op: het volgen van wijzigingen gaf een fout: {e}");
                self.rescan = true;
                return;
            }
        };
        self.rescan |= event.need_rescan();
        // Whether the file is whole after this event: closed after writing,
        // renamed into place, removed, or a folder made.
        let complete = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_)
            | EventKind::Create(CreateKind::Folder) => true,
            // A rename away, or metadata: no content of its own to wait for.
            EventKind::Modify(ModifyKind::Name(RenameMode::From) | ModifyKind::Metadata(_)) => true,
            EventKind::Access(_) => return,
            _ => false,
        };
        for path in event.paths {
            if complete {
                self.open.remove(&path);
            } else {
                self.open.insert(path.clone());
            }
            self.paths.push(path);
        }
    }

    /// Every changed file is whole (and there was at least one change).
    fn is_complete(&self) -> bool {
        self.open.is_empty() && !self.paths.is_empty()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_sends_each_folder_to_its_action() {
        assert_eq!(action_for("content/site.yaml"), Some(Action::Config));
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

    fn event(kind: EventKind, path: &str) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn a_batch_is_complete_once_every_written_file_is_closed_or_renamed() {
        use notify::event::{AccessKind, AccessMode, DataChange, ModifyKind, RenameMode};
        let mut batch = Batch::default();
        batch.add(event(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            "/site/content/pages/a.md",
        ));
        assert!(!batch.is_complete(), "still being written");
        batch.add(event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            "/site/content/pages/a.md",
        ));
        assert!(batch.is_complete());
        batch.add(event(
            EventKind::Create(notify::event::CreateKind::File),
            "/site/content/pages/b.md",
        ));
        assert!(!batch.is_complete(), "b.md was only created");
        batch.add(event(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            "/site/content/pages/b.md",
        ));
        assert!(batch.is_complete());
        assert_eq!(batch.paths.len(), 4);
        assert!(!batch.rescan);
    }

    #[test]
    fn a_watcher_error_asks_for_a_rescan() {
        let mut batch = Batch::default();
        batch.add(Err(notify::Error::generic("queue overflow")));
        assert!(batch.rescan);
    }
}
