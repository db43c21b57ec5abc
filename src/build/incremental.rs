//! Incremental rebuilds for `wijksite serve`: a save re-does only what it
//! changes, and the result is always the bytes a full build would give.
//!
//! A [`Session`] keeps the content files, the site model, the compiled
//! theme and every built file in memory between saves. What each output
//! depends on decides what a change re-does:
//!
//! - An area or wijk page's HTML depends on the page itself, its wijk, the
//!   base context (menu, footer, wijken, strings) and `page.html` with what
//!   it extends and includes. A changed page file is read, checked and
//!   rendered again, alone; a changed base context or page template
//!   renders every page again (without reading any file).
//! - Every other HTML page (home, wijk landings, 404, the sections' pages)
//!   is a "site job": its context is built again on every change, and it
//!   is rendered only when its context or (a template it uses) differs
//!   from the previous build. That is how the lists, the meetings and the
//!   wijk pages that show a page follow it.
//! - Feeds, calendars, emails, open data, the sitemap and robots.txt are
//!   made again on every change (they are small and cheap to make).
//! - A static file is read again only when it changed.
//! - The sections (meetings, newsletter, wijkplan, projects) are loaded
//!   again when one of their files changed, or when pages appeared,
//!   disappeared or moved (a section may check links against them).
//!
//! Anything that cannot be done with certainty this way is a full rebuild:
//! site.yaml, a folder created, removed or renamed, a file that is no
//! page, section or static file, a lost watch event. A change that fails
//! (a broken file) leaves the served site as it was; it is tried again,
//! with the next save, together with that save.

use crate::build::output::InMemory;
use crate::build::pipeline::{self, BuildOptions};
use crate::build::render::{self, Renderer};
use crate::build::search;
use crate::content::dates;
use crate::content::{self, Kind, SourceFile};
use crate::formats::search_index::Document;
use crate::model::Site;
use crate::model::pages::Page;
use crate::theme::output_file::{Data, OutputFile};
use crate::theme::{Job, Theme};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tera::Context;

/// How far the clock may move before a rebuild takes the new time.
const CLOCK_STEP_SECONDS: i64 = 60;

/// The built site in memory: output path (`meedoen/index.html`) → bytes.
/// Keys and bytes are shared, so a copy of the map for the server costs
/// no file contents.
pub type Files = BTreeMap<Arc<str>, Arc<[u8]>>;

/// A site kept in memory between rebuilds.
pub struct Session {
    options: BuildOptions,
    /// `None` until a build succeeds, and after a failed change that had
    /// already touched the model: the next change is then a full build.
    state: Option<State>,
    /// Changed paths (relative to the root) not yet in `state`.
    pending: BTreeSet<String>,
    /// Leave the search index to [`Session::update_search`] (serve: the
    /// tabs reload first) instead of bringing it up to date in every
    /// rebuild.
    search_later: bool,
}

/// What one rebuild did, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// A full build rather than an incremental one.
    pub full: bool,
    /// Area and wijk pages rendered.
    pub pages_rendered: usize,
    /// Other HTML pages rendered (their context or template changed).
    pub site_pages_rendered: usize,
    /// Output files whose bytes changed, appeared or disappeared.
    pub files_changed: usize,
    /// HTML pages in the site.
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// Everything kept between rebuilds.
struct State {
    root: PathBuf,
    /// The content files by relative path.
    sources: BTreeMap<String, SourceFile>,
    site: Site,
    theme: Theme,
    /// The base context of the last render.
    base: Context,
    files: Arc<Files>,
    /// Source file of an area or wijk page → its output path.
    page_outputs: BTreeMap<String, String>,
    /// The output paths of `page_outputs`.
    page_paths: BTreeSet<String>,
    /// Output path of each list page (home, wijk landings, 404) → what it
    /// was rendered from.
    list_jobs: BTreeMap<String, Rendered>,
    /// The same for the sections' HTML pages.
    section_jobs: BTreeMap<String, Rendered>,
    /// Output paths of the sections' other files (calendars, …, robots.txt).
    section_files: BTreeSet<String>,
    /// Output paths of the files that show pages (remade on every change).
    page_files: BTreeSet<String>,
    /// The sitemap, with a fingerprint of the pages it lists.
    sitemap: Option<(u64, Arc<[u8]>)>,
    statics: Statics,
    /// What the search index holds of each page (see `build::search`), and
    /// the index's files: remade in full when a page's part changed.
    search_pages: BTreeMap<String, Document>,
    search_files: BTreeSet<String>,
    /// A page's indexed part changed since the index was made.
    search_stale: bool,
    warnings: Vec<Diagnostic>,
}

/// Static output path → (source, bytes).
type Statics = BTreeMap<String, (PathBuf, Arc<[u8]>)>;

/// The template and context a site job was rendered from.
struct Rendered {
    template: &'static str,
    extra: Context,
}

/// What a batch of changed paths asks for.
#[derive(Debug, Default)]
struct Plan {
    full: bool,
    /// Page files changed or created (relative paths).
    pages: BTreeSet<String>,
    /// Page files removed.
    removed_pages: BTreeSet<String>,
    /// Meeting, edition, wijkplan or round files changed, came or went.
    sections: BTreeSet<String>,
    /// content/static files changed, created or removed.
    statics: BTreeSet<String>,
    /// A template, strings.yaml or theme static file changed.
    theme: bool,
}

/// A failed rebuild: its problems, and whether the kept model is still
/// the last good one.
struct Failure {
    problems: Vec<Diagnostic>,
    model_intact: bool,
}

impl Session {
    /// A session that has built nothing yet; call [`Session::rebuild`].
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            state: None,
            pending: BTreeSet::new(),
            search_later: false,
        }
    }

    /// With `true`, rebuilds leave the search index as it was and
    /// [`Session::update_search`] brings it up to date: a full re-index
    /// takes far longer than a page (seconds at 10,000 pages), and serve
    /// reloads the tabs before it.
    pub fn defer_search(&mut self, later: bool) {
        self.search_later = later;
    }

    /// Brings the search index up to date with the pages when a page's
    /// indexed part changed since it was last made; `Ok(true)` when it was
    /// made again.
    pub fn update_search(&mut self) -> Result<bool, Vec<Diagnostic>> {
        match &mut self.state {
            Some(state) => state.update_search().map_err(|f| f.problems),
            None => Ok(false),
        }
    }

    /// The search index now, unless deferred.
    fn search_now(&mut self, update: Update) -> Result<Update, Vec<Diagnostic>> {
        if !self.search_later {
            self.update_search()?;
        }
        Ok(update)
    }

    /// The files of the last good build (empty before the first).
    pub fn files(&self) -> Arc<Files> {
        self.state
            .as_ref()
            .map(|s| Arc::clone(&s.files))
            .unwrap_or_default()
    }

    /// The site path of what the content file `rel` (relative to the root,
    /// as the watcher reports it) makes, in the last good build:
    /// `/meedoen/` for `content/pages/meedoen.md`. For `serve`'s log.
    pub fn address_of(&self, rel: &str) -> Option<String> {
        let site = &self.state.as_ref()?.site;
        let found = site
            .all_pages()
            .find(|p| p.source == rel)
            .map(|p| &p.path)
            .or_else(|| {
                let meetings = site.agenda.meetings.iter().map(|m| (&m.source, &m.path));
                let editions = site.editions.iter().map(|e| (&e.source, &e.path));
                let plans = site.wijkplannen.iter().map(|w| (&w.source, &w.path));
                let rounds = site.rounds.iter().map(|r| (&r.source, &r.path));
                let reports = site.reports.iter().map(|r| (&r.source, &r.path));
                let activities = site.activities.iter().map(|a| (&a.source, &a.path));
                meetings
                    .chain(activities)
                    .chain(editions)
                    .chain(plans)
                    .chain(rounds)
                    .chain(reports)
                    .find(|(source, _)| *source == rel)
                    .map(|(_, path)| path)
            });
        if let Some(path) = found {
            return Some(path.clone());
        }
        site.static_files
            .iter()
            .find(|f| f.source == rel)
            .map(|f| format!("/{}", f.to))
    }

    /// A full build, replacing whatever the session held.
    pub fn rebuild(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let started = Instant::now();
        self.state = None;
        let (state, update) = State::build(&self.options, started)?;
        self.state = Some(state);
        self.pending.clear();
        self.search_now(update)
    }

    /// Brings the site up to date with the files at `paths` (relative to
    /// the root, as the watcher reports them); `rescan` when the watcher
    /// may have missed changes.
    pub fn apply(
        &mut self,
        paths: impl IntoIterator<Item = String>,
        rescan: bool,
    ) -> Result<Update, Vec<Diagnostic>> {
        let started = Instant::now();
        self.pending.extend(paths);
        let Some(state) = &mut self.state else {
            return self.rebuild();
        };
        let plan = Plan::of(&self.options.root, &self.pending, state, rescan);
        if plan.full {
            return self.rebuild();
        }
        match state.apply(&self.options, &plan, started) {
            Ok(update) => {
                self.pending.clear();
                self.search_now(update)
            }
            Err(failure) => {
                if !failure.model_intact {
                    self.state = None;
                }
                Err(failure.problems)
            }
        }
    }
}

impl Plan {
    /// Sorts changed paths into what they ask for; anything unclear is `full`.
    fn of(root: &Path, paths: &BTreeSet<String>, state: &State, rescan: bool) -> Plan {
        let mut plan = Plan {
            full: rescan,
            ..Plan::default()
        };
        let theme_dir = format!("themes/{}/", state.site.config.theme);
        for rel in paths {
            if rel
                .split('/')
                .any(|part| content::is_ignored(std::ffi::OsStr::new(part)))
            {
                continue;
            }
            let abs = root.join(rel);
            let meta = std::fs::symlink_metadata(&abs).ok();
            if meta.as_ref().is_some_and(|m| !m.is_file()) {
                // A folder, or a symlink discovery must judge.
                plan.full = true;
            } else if rel.starts_with("content/") {
                plan.content(rel, meta.is_some(), state);
            } else if rel.starts_with("templates/") || rel.starts_with(&theme_dir) {
                plan.theme = true;
            } else if rel.starts_with("themes/") || !rel.contains('/') {
                // Another theme, or a file beside content/: not read by a build.
            } else {
                plan.full = true;
            }
        }
        plan
    }

    /// A changed path under content/ that is a file now (`exists`) or was one.
    fn content(&mut self, rel: &str, exists: bool, state: &State) {
        let kind = if exists {
            content::classify(rel).ok()
        } else {
            state.sources.get(rel).map(|f| f.kind.clone())
        };
        match kind {
            Some(Kind::Config) => self.full = true,
            Some(kind) if pipeline::is_page_kind(&kind) => {
                if exists {
                    self.pages.insert(rel.to_string());
                } else {
                    self.removed_pages.insert(rel.to_string());
                }
            }
            // The logo of site.yaml: whether it exists decides whether
            // site.yaml is valid, which only a full build checks.
            Some(Kind::Static { to }) if state.site.config.logo_file() == Some(to.as_str()) => {
                self.full = true
            }
            // A photo: the pages showing it were measured against the old
            // file (a new cache key, maybe a new size); a full rebuild.
            Some(Kind::Image) => self.full = true,
            Some(Kind::Static { to }) if crate::content::images::is_raster(&to) => self.full = true,
            Some(Kind::Static { .. }) => {
                self.statics.insert(rel.to_string());
            }
            Some(_) => {
                self.sections.insert(rel.to_string());
            }
            None if exists => self.full = true, // a misplaced file: the full build says why
            None => {
                // Gone and unknown: a temp file, or a folder with files in it.
                let folder = format!("{rel}/");
                if state.sources.keys().any(|s| s.starts_with(&folder)) {
                    self.full = true;
                }
            }
        }
    }
}

impl State {
    /// A full build in memory.
    fn build(options: &BuildOptions, started: Instant) -> Result<(State, Update), Vec<Diagnostic>> {
        let (site, sources, mut warnings) =
            pipeline::load_with_sources(options).map_err(Diagnostics::into_sorted)?;
        let theme = Theme::load(&options.root, &site.config).map_err(Diagnostics::into_sorted)?;
        warnings.extend(theme.search_warning(&site.config));
        let base = Renderer::new(&site, &theme)
            .map_err(Diagnostics::into_sorted)?
            .base()
            .clone();
        let mut state = State {
            root: options.root.clone(),
            sources: sources.into_iter().map(|f| (f.rel.clone(), f)).collect(),
            site,
            theme,
            base,
            files: Arc::new(Files::new()),
            page_outputs: BTreeMap::new(),
            page_paths: BTreeSet::new(),
            list_jobs: BTreeMap::new(),
            section_jobs: BTreeMap::new(),
            section_files: BTreeSet::new(),
            page_files: BTreeSet::new(),
            sitemap: None,
            statics: BTreeMap::new(),
            search_pages: BTreeMap::new(),
            search_files: BTreeSet::new(),
            search_stale: true,
            warnings: warnings.into_sorted(),
        };
        let mut update = state
            .render(&Changes::everything(), started)
            .map_err(|f| f.problems)?;
        update.full = true;
        Ok((state, update))
    }

    /// An incremental rebuild after `plan`.
    fn apply(
        &mut self,
        options: &BuildOptions,
        plan: &Plan,
        started: Instant,
    ) -> Result<Update, Failure> {
        // First everything that can fail without touching the model.
        let intact = |problems: Diagnostics| Failure {
            problems: problems.into_sorted(),
            model_intact: true,
        };
        let new_theme = if plan.theme {
            Some(Theme::load(&options.root, &self.site.config).map_err(intact)?)
        } else {
            None
        };
        let mut problems = Diagnostics::new();
        let mut loaded = Vec::new();
        for rel in &plan.pages {
            let Ok(kind) = content::classify(rel) else {
                continue;
            };
            let file = SourceFile {
                kind,
                rel: rel.clone(),
                abs: options.root.join(rel),
            };
            match pipeline::load_page(&file, &self.site.config) {
                Ok(page) => loaded.push((file, page)),
                Err(page_problems) => problems.extend(page_problems),
            }
        }
        if problems.has_errors() {
            return Err(intact(problems));
        }

        // Then the model.
        let mut changes = Changes::default();
        if let Some(theme) = new_theme {
            changes.templates = theme.affected_by(&theme.changed_templates(&self.theme));
            changes.theme_reloaded = true;
            self.theme = theme;
        }
        let mut paths_moved = false;
        for rel in &plan.removed_pages {
            self.sources.remove(rel);
            if self.site.remove_page(rel).is_some() {
                paths_moved = true;
            }
            changes.removed_pages.insert(rel.clone());
        }
        for (file, page) in loaded {
            let old = self.site.remove_page(&file.rel);
            let visible = !page.draft || options.drafts;
            let new = visible.then_some(&page);
            paths_moved |= old.as_ref().map(|p| &p.path) != new.map(|p| &p.path);
            // The home and wijk landing texts are shown whole by list pages.
            let landing = matches!(file.kind, Kind::Home | Kind::WijkIndex { .. });
            if landing || old.as_ref().map(listed) != new.map(listed) {
                changes.lists = true;
                let wijken = old.iter().chain(new).filter_map(|p| p.wijk.clone());
                changes.list_wijken.extend(wijken);
            }
            changes.pages.insert(file.rel.clone());
            self.sources.insert(file.rel.clone(), file);
            if visible {
                self.site.insert_page(page);
            }
        }
        for rel in plan.statics.iter().chain(&plan.sections) {
            self.update_source(rel);
        }
        let mut statics_moved = false;
        if !plan.statics.is_empty() {
            let files = pipeline::static_files(&self.sorted_sources());
            let outputs = |files: &[crate::content::StaticFile]| -> Vec<String> {
                files.iter().map(|f| f.to.clone()).collect()
            };
            statics_moved = outputs(&files) != outputs(&self.site.static_files);
            self.site.static_files = files;
        }
        changes.lists |= paths_moved;
        let reload_sections = !plan.sections.is_empty() || paths_moved || statics_moved;
        if reload_sections {
            let files = self.sorted_sources();
            pipeline::load_sections(&mut self.site, &files, options, &mut problems);
            pipeline::check_unique_paths(&self.site, &mut problems);
        }
        if problems.has_errors() {
            return Err(Failure {
                problems: problems.into_sorted(),
                model_intact: false,
            });
        }
        if reload_sections {
            problems.extend(self.theme.search_warning(&self.site.config));
            self.warnings = problems.into_sorted();
        }
        // The preview's clock moves on at most once a minute: what depends
        // on it (upcoming meetings, calendar stamps) is then made again.
        let now = dates::build_time();
        if (now - self.site.build_time).num_seconds().abs() >= CLOCK_STEP_SECONDS {
            self.site.build_time = now;
            changes.sections = true;
        }
        changes.sections |= reload_sections;
        changes.statics = plan.statics.iter().map(|r| options.root.join(r)).collect();
        self.render(&changes, started).map_err(|mut failure| {
            failure.model_intact = false;
            failure
        })
    }

    /// Records a content file as it is now on disk: there, or gone.
    fn update_source(&mut self, rel: &str) {
        let abs = self.root.join(rel);
        match content::classify(rel) {
            Ok(kind) if abs.is_file() => {
                self.sources.insert(
                    rel.to_string(),
                    SourceFile {
                        kind,
                        rel: rel.to_string(),
                        abs,
                    },
                );
            }
            _ => {
                self.sources.remove(rel);
            }
        }
    }

    /// The content files in the order discovery finds them (folder by
    /// folder, names sorted), which loaders may rely on.
    fn sorted_sources(&self) -> Vec<SourceFile> {
        let mut files: Vec<SourceFile> = self.sources.values().cloned().collect();
        files.sort_by(|a, b| a.rel.split('/').cmp(b.rel.split('/')));
        files
    }

    /// Renders what `changes` asks for into `self.files`.
    fn render(&mut self, changes: &Changes, started: Instant) -> Result<Update, Failure> {
        let failed = |problems: Diagnostics| Failure {
            problems: problems.into_sorted(),
            model_intact: true,
        };
        let renderer = Renderer::new(&self.site, &self.theme).map_err(failed)?;
        let base_changed = changes.everything || renderer.base() != &self.base;
        let all_pages = base_changed || changes.templates.contains("page.html");
        let theme_changed = base_changed || changes.theme_reloaded;
        let redo_sections = theme_changed || changes.sections;
        let redo_lists = redo_sections || changes.lists;
        // Only some wijken's landing pages, unless everything is redone.
        let list_wijken = (!redo_sections).then_some(&changes.list_wijken);

        // Area and wijk pages: all of them, or the ones read again.
        let pages: Vec<render::ContentPage> = render::content_pages(&self.site)
            .into_iter()
            .filter(|(page, _)| all_pages || changes.pages.contains(&page.source))
            .collect();
        let mut page_files = Vec::with_capacity(pages.len());
        for ((page, _), result) in pages.iter().zip(renderer.render_pages(&pages, &InMemory)) {
            let file = result.map_err(|d| failed(Diagnostics::from_iter([d])))?;
            page_files.push((page.source.clone(), file));
        }
        let pages_rendered = page_files.len();

        // The contexts of the list and section pages and the other files,
        // side by side; each group only when something it reads changed.
        let ((list_jobs, section_jobs), (section_files, files_of_pages)) = rayon::join(
            || {
                rayon::join(
                    || redo_lists.then(|| renderer.list_jobs(list_wijken)),
                    || redo_sections.then(|| renderer.section_jobs()),
                )
            },
            || {
                rayon::join(
                    || redo_sections.then(|| renderer.section_files()),
                    || renderer.page_files(),
                )
            },
        );
        let mut to_render = Vec::new();
        let list_memo = list_jobs.map(|jobs| {
            self.unchanged_jobs(
                &self.list_jobs,
                jobs,
                theme_changed,
                changes,
                &mut to_render,
            )
        });
        let section_memo = section_jobs.map(|jobs| {
            self.unchanged_jobs(
                &self.section_jobs,
                jobs,
                theme_changed,
                changes,
                &mut to_render,
            )
        });
        let site_pages_rendered = to_render.len();
        let mut problems = Diagnostics::new();
        let mut site_files = Vec::new();
        for result in renderer.render_all(to_render, &InMemory) {
            match result {
                Ok(file) => site_files.push(file),
                Err(d) => problems.push(d),
            }
        }
        let mut take = |files: Result<Vec<OutputFile>, Diagnostics>| match files {
            Ok(files) => files,
            Err(more) => {
                problems.extend(more);
                Vec::new()
            }
        };
        let section_files = section_files.map(&mut take);
        let files_of_pages = take(files_of_pages);
        let base = renderer.base().clone();
        drop(renderer);
        if problems.has_errors() {
            return Err(failed(problems));
        }

        // What the site is made of now.
        let mut gone: Vec<String> = Vec::new();
        if all_pages {
            self.page_outputs.clear();
            gone.extend(std::mem::take(&mut self.page_paths));
        }
        for source in changes.pages.iter().chain(&changes.removed_pages) {
            if let Some(path) = self.page_outputs.remove(source) {
                self.page_paths.remove(&path);
                gone.push(path);
            }
        }
        for (source, file) in &page_files {
            self.page_outputs.insert(source.clone(), file.path.clone());
            self.page_paths.insert(file.path.clone());
        }
        match list_memo {
            // Some landing pages: the others stay as they were.
            Some(memo) if list_wijken.is_some() => self.list_jobs.extend(memo),
            Some(memo) => gone.extend(std::mem::replace(&mut self.list_jobs, memo).into_keys()),
            None => {}
        }
        if let Some(memo) = section_memo {
            let old = std::mem::replace(&mut self.section_jobs, memo);
            gone.extend(old.keys().cloned());
            // Freeing many contexts takes milliseconds the editor need not wait for.
            std::thread::spawn(move || drop(old));
        }
        if let Some(files) = &section_files {
            let paths = files.iter().map(|f| f.path.clone()).collect();
            gone.extend(std::mem::replace(&mut self.section_files, paths));
        }
        let paths = files_of_pages.iter().map(|f| f.path.clone()).collect();
        gone.extend(std::mem::replace(&mut self.page_files, paths));
        gone.extend(self.statics.keys().cloned());
        if redo_sections {
            // Two parts making one file, as a full build checks.
            let mut paths: Vec<&str> = self
                .page_paths
                .iter()
                .chain(self.list_jobs.keys())
                .chain(self.section_jobs.keys())
                .chain(&self.section_files)
                .chain(&self.page_files)
                .map(String::as_str)
                .collect();
            paths.sort_unstable();
            problems.extend(render::duplicate_outputs(paths.into_iter()));
        }
        let static_files = render::static_files(
            &self.site,
            &self.theme,
            &|path| self.produces(path),
            &mut problems,
        );
        if problems.has_errors() {
            return Err(failed(problems));
        }
        let statics = self.read_statics(static_files, changes)?;

        // Into the file map, in the order in which a full build's later
        // files win: pages, list and section pages, section files, files
        // of pages, sitemap, static files.
        let mut written: Vec<(String, Arc<[u8]>)> = Vec::new();
        for (_, file) in page_files {
            written.push(bytes_of(file)?);
        }
        for file in site_files
            .into_iter()
            .chain(section_files.into_iter().flatten())
            .chain(files_of_pages)
        {
            written.push(bytes_of(file)?);
        }
        written.push(("sitemap.xml".into(), self.sitemap()));
        for (path, (_, bytes)) in &statics {
            written.push((path.clone(), Arc::clone(bytes)));
        }
        gone.retain(|path| !(self.produces(path) || statics.contains_key(path.as_str())));

        let files = Arc::make_mut(&mut self.files);
        let mut files_changed = 0;
        let mut touched: Vec<String> = Vec::new();
        for path in gone {
            if files.remove(path.as_str()).is_some() {
                files_changed += 1;
                touched.push(path);
            }
        }
        for (path, bytes) in written {
            match files.get_mut(path.as_str()) {
                Some(old) if **old == *bytes => {}
                Some(old) => {
                    *old = bytes;
                    files_changed += 1;
                    touched.push(path);
                }
                None => {
                    files.insert(Arc::from(path.as_str()), bytes);
                    files_changed += 1;
                    touched.push(path);
                }
            }
        }
        self.note_search_changes(touched);
        self.statics = statics;
        self.base = base;
        Ok(Update {
            full: false,
            pages_rendered,
            site_pages_rendered,
            files_changed,
            pages: self.page_paths.len() + self.list_jobs.len() + self.section_jobs.len(),
            warnings: self.warnings.clone(),
            elapsed: started.elapsed(),
        })
    }

    /// Sorts freshly made jobs: those whose template and context are the
    /// same as last time keep their output; the others go to `to_render`.
    /// Returns what each job is made from, by output path.
    fn unchanged_jobs(
        &self,
        before: &BTreeMap<String, Rendered>,
        jobs: Vec<Job>,
        theme_changed: bool,
        changes: &Changes,
        to_render: &mut Vec<Job>,
    ) -> BTreeMap<String, Rendered> {
        let same: Vec<bool> = jobs
            .par_iter()
            .map(|job| {
                !theme_changed
                    && !changes.templates.contains(job.template)
                    && before
                        .get(&job.output_path())
                        .is_some_and(|r| r.template == job.template && r.extra == job.extra)
            })
            .collect();
        let mut memo = BTreeMap::new();
        for (job, same) in jobs.into_iter().zip(same) {
            let output = job.output_path();
            let template = job.template;
            let extra = if same {
                job.extra
            } else {
                let extra = job.extra.clone();
                to_render.push(job);
                extra
            };
            memo.insert(output, Rendered { template, extra });
        }
        memo
    }

    /// Notes what the search index reads of the pages in `touched`
    /// (output paths whose bytes changed, came or went), and whether that
    /// changed.
    fn note_search_changes(&mut self, touched: Vec<String>) {
        let wijken = search::wijk_names(&self.site);
        let mut changed = false;
        for path in touched {
            let Some(dir) = path.strip_suffix("index.html") else {
                continue;
            };
            let kept = self
                .files
                .get(path.as_str())
                .and_then(|bytes| search::keep(&path, bytes, &wijken));
            let site_path = format!("/{dir}");
            changed |= match kept {
                Some(doc) => {
                    self.search_pages.get(&site_path) != Some(&doc) && {
                        self.search_pages.insert(site_path, doc);
                        true
                    }
                }
                None => self.search_pages.remove(&site_path).is_some(),
            };
        }
        self.search_stale |= changed;
    }

    /// Makes the whole search index again when a page's part changed (a
    /// full build gives the same files); whether it did.
    fn update_search(&mut self) -> Result<bool, Failure> {
        if !self.search_stale {
            return Ok(false);
        }
        if !self.site.config.search {
            let files = Arc::make_mut(&mut self.files);
            for old in std::mem::take(&mut self.search_files) {
                files.remove(old.as_str());
            }
            self.search_stale = false;
            return Ok(true);
        }
        let index = search::index(self.search_pages.values().cloned().collect());
        let files = Arc::make_mut(&mut self.files);
        let now: BTreeSet<String> = index.iter().map(|f| f.path.clone()).collect();
        for old in self.search_files.difference(&now) {
            files.remove(old.as_str());
        }
        for file in index {
            let (path, bytes) = bytes_of(file)?;
            if files.get(path.as_str()).is_none_or(|old| **old != *bytes) {
                files.insert(Arc::from(path), bytes);
            }
        }
        self.search_files = now;
        self.search_stale = false;
        Ok(true)
    }

    /// Whether anything but a static file makes this output now.
    fn produces(&self, path: &str) -> bool {
        self.search_files.contains(path)
            || self.page_paths.contains(path)
            || self.list_jobs.contains_key(path)
            || self.section_jobs.contains_key(path)
            || self.section_files.contains(path)
            || self.page_files.contains(path)
            || path == "sitemap.xml"
    }

    /// The sitemap lists every HTML page: made again only when the pages
    /// are not the same ones (or the base URL changed).
    fn sitemap(&mut self) -> Arc<[u8]> {
        let html_paths = || {
            self.page_paths
                .iter()
                .chain(self.list_jobs.keys())
                .chain(self.section_jobs.keys())
                .chain(&self.section_files)
                .chain(&self.page_files)
        };
        let fingerprint = {
            let mut hasher = std::hash::DefaultHasher::new();
            self.site.config.base_url.hash(&mut hasher);
            html_paths().for_each(|path| path.hash(&mut hasher));
            hasher.finish()
        };
        match &self.sitemap {
            Some((f, xml)) if *f == fingerprint => Arc::clone(xml),
            _ => {
                let xml = render::sitemap(&self.site, html_paths().map(String::as_str));
                let xml: Arc<[u8]> = Arc::from(xml.into_bytes());
                self.sitemap = Some((fingerprint, Arc::clone(&xml)));
                xml
            }
        }
    }

    /// The static files' bytes: kept when their source did not change.
    fn read_statics(
        &self,
        static_files: Vec<OutputFile>,
        changes: &Changes,
    ) -> Result<Statics, Failure> {
        let mut statics = BTreeMap::new();
        let mut problems = Diagnostics::new();
        for file in static_files {
            let from = match file.data {
                Data::Copy(from) => from,
                // Part of the binary: never changes while serving.
                Data::BuiltIn(bytes) => {
                    statics.insert(file.path, (PathBuf::new(), Arc::from(bytes)));
                    continue;
                }
                // A photo made in memory (no cache folder): always new.
                Data::Bytes(bytes) => {
                    statics.insert(file.path, (PathBuf::new(), Arc::from(bytes)));
                    continue;
                }
                Data::Written => continue,
            };
            let kept = self.statics.get(&file.path).filter(|(old_from, _)| {
                *old_from == from
                    && !changes.everything
                    && !changes.theme_reloaded
                    && !changes.statics.contains(&from)
            });
            let bytes = match kept {
                Some((_, bytes)) => Arc::clone(bytes),
                None => match std::fs::read(&from) {
                    Ok(bytes) => Arc::from(bytes),
                    Err(e) => {
                        let rel = crate::util::diagnostics::relative_to(&self.root, &from);
                        problems.push(
                            Diagnostic::error(rel, format!("kan het bestand niet lezen: {e}"))
                                .hint("sla het bestand opnieuw op"),
                        );
                        continue;
                    }
                },
            };
            statics.insert(file.path, (from, bytes));
        }
        if problems.has_errors() {
            return Err(Failure {
                problems: problems.into_sorted(),
                model_intact: true,
            });
        }
        Ok(statics)
    }
}

/// What changed since the last render.
#[derive(Debug, Default)]
struct Changes {
    /// Render everything (the first build).
    everything: bool,
    /// Page sources read again.
    pages: BTreeSet<String>,
    /// Page sources removed.
    removed_pages: BTreeSet<String>,
    /// Templates whose output may differ.
    templates: BTreeSet<String>,
    /// The theme was reloaded: templates and static files may differ.
    theme_reloaded: bool,
    /// A page's title, summary, date, order or place changed, or a page
    /// came or went: the home page and the landing pages of
    /// `list_wijken` are made again.
    lists: bool,
    list_wijken: BTreeSet<String>,
    /// The sections were loaded again, or the build time moved: the
    /// sections' pages and files are made again.
    sections: bool,
    /// content/static files that changed (absolute paths).
    statics: BTreeSet<PathBuf>,
}

impl Changes {
    fn everything() -> Changes {
        Changes {
            everything: true,
            ..Changes::default()
        }
    }
}

/// What list pages (home, wijk landings) and the page order read of a page.
fn listed(page: &Page) -> impl PartialEq + use<'_> {
    (
        &page.path,
        &page.title,
        &page.summary,
        page.date,
        page.weight,
        page.menu,
    )
}

/// The bytes of a file rendered in memory (or of the file it copies).
fn bytes_of(file: OutputFile) -> Result<(String, Arc<[u8]>), Failure> {
    let bytes = match file.data {
        Data::Bytes(bytes) => bytes,
        Data::BuiltIn(bytes) => bytes.to_vec(),
        Data::Copy(from) => std::fs::read(&from).map_err(|e| Failure {
            problems: vec![
                Diagnostic::error(&file.path, format!("kan het bestand niet lezen: {e}"))
                    .hint("sla het bestand opnieuw op"),
            ],
            model_intact: true,
        })?,
        // Only a sink that writes to disk leaves files written.
        Data::Written => Vec::new(),
    };
    Ok((file.path, Arc::from(bytes)))
}
