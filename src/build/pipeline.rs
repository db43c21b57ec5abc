//! The build, start to finish: load → validate → model → render → write.
//!
//! [`build`] produces the whole site in memory (so `serve` can keep it
//! there); [`build_to_disk`] adds the safe write. All content problems of a
//! build are collected and returned together.

use crate::build::output::{self, Sink};
use crate::build::render;
use crate::content::StaticFile;
use crate::content::config::{CONFIG_FILE, SiteConfig};
use crate::content::placeholders;
use crate::content::{self, Kind, SourceFile};
use crate::model::activities;
use crate::model::loader::load_all;
use crate::model::meetings::{self, Agenda};
use crate::model::newsletter;
use crate::model::pages::{self, Page, PageContext};
use crate::model::projects;
use crate::model::punten;
use crate::model::verslagen;
use crate::model::wijkplan;
use crate::model::{Site, Wijk};
use crate::theme::Theme;
use crate::theme::output_file::{self, OutputFile};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Overrides base_url from site.yaml (preview deploys, serve).
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
}

/// A site built in memory.
#[derive(Debug)]
pub struct Built {
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    pub stats: Stats,
}

/// Counts for the build summary, and where the time went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub feeds: usize,
    pub emails: usize,
    pub static_files: usize,
    pub elapsed: Duration,
    pub timings: Timings,
}

/// The time of each step of a build, for `--timings`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Timings {
    /// Finding, reading and checking the content; the site model. The
    /// theme compiles at the same time, so this includes `theme`.
    pub load: Duration,
    /// Compiling the theme's templates.
    pub theme: Duration,
    /// Rendering, and for a build to disk writing each file as it is made.
    pub render: Duration,
    /// Swapping the new output in and removing the previous one.
    pub commit: Duration,
    /// Photo files encoded in this build, and taken from the cache.
    pub images_encoded: usize,
    pub images_cached: usize,
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "laden {} ms, thema {} ms, maken {} ms, wisselen {} ms",
            self.load.as_millis(),
            self.theme.as_millis(),
            self.render.as_millis(),
            self.commit.as_millis()
        )?;
        if self.images_encoded + self.images_cached > 0 {
            write!(
                f,
                "; afbeeldingen: {} gemaakt, {} uit de cache",
                self.images_encoded, self.images_cached
            )?;
        }
        Ok(())
    }
}

/// Builds the site in memory; on content problems returns all of them, sorted.
pub fn build(options: &BuildOptions) -> Result<Built, Vec<Diagnostic>> {
    build_with_model(options).map(|(_, built)| built)
}

/// [`build`], also handing back the site model (for `wijksite check`,
/// which traces links in the output back to the lines that wrote them).
pub fn build_with_model(options: &BuildOptions) -> Result<(Site, Built), Vec<Diagnostic>> {
    let started = Instant::now();
    let prepared = prepare(options)?;
    let built = prepared.render(&output::InMemory, started)?;
    Ok((prepared.site, built))
}

/// Builds and writes into `output` (claimed with [`output::OutputDir::claim`],
/// so it passed the safety rule and is locked); the previous output survives
/// any failure. Pages are written while they render (into a staging
/// directory that is swapped in at the end), so the returned files hold
/// paths, not bytes.
pub fn build_to_disk(
    options: &BuildOptions,
    output: &output::OutputDir,
) -> Result<Built, Vec<Diagnostic>> {
    let started = Instant::now();
    let write_error = |e: std::io::Error| {
        vec![
            Diagnostic::error(
                output.path().display().to_string(),
                format!(
                    "kan de uitvoer niet schrijven: {}",
                    crate::util::diagnostics::io_reason(&e)
                ),
            )
            .hint("controleer of de map beschrijfbaar is en of de schijf vol is"),
        ]
    };
    let prepared = prepare(options)?;
    let staging = output::Staging::create(output).map_err(write_error)?;
    let mut built = prepared.render(&staging, started)?;
    let images = prepared.site.config.images.clone();
    drop_in_background(prepared);
    let commit_started = Instant::now();
    staging.commit().map_err(write_error)?;
    built.stats.timings.commit = commit_started.elapsed();
    if let Some(images) = images {
        // Only after the new output is in place: its files came from there.
        crate::build::images::prune(&images);
    }
    built.stats.elapsed = started.elapsed();
    Ok(built)
}

/// Frees `value` on a thread of its own: freeing the model (every page's
/// HTML) takes a while and nothing waits for it; a program that ends first
/// leaves it to the operating system. When no thread can be started, the
/// refused closure, and with it `value`, is dropped here and now.
fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("wijksite-free".into())
        .spawn(move || drop(value));
}

/// A loaded and checked site with its compiled theme, ready to render.
struct Prepared {
    site: Site,
    theme: Theme,
    warnings: Diagnostics,
    timings: Timings,
}

/// Loads the content and compiles the theme at the same time (the theme
/// needs only the configuration); reports the problems of both.
fn prepare(options: &BuildOptions) -> Result<Prepared, Vec<Diagnostic>> {
    let started = Instant::now();
    let (files, config, problems) =
        discover_with_config(options).map_err(Diagnostics::into_sorted)?;
    let (site, (theme, theme_time)) = rayon::join(
        || load_site(files, config.clone(), problems, options),
        || {
            let theme_started = Instant::now();
            let theme = Theme::load(&options.root, &config);
            (theme, theme_started.elapsed())
        },
    );
    let load = started.elapsed();
    match (site, theme) {
        (Ok((site, _, mut warnings)), Ok(theme)) => Ok(Prepared {
            warnings: {
                warnings.extend(theme.search_warning(&site.config));
                warnings
            },
            site,
            theme,
            timings: Timings {
                load,
                theme: theme_time,
                ..Timings::default()
            },
        }),
        (site, theme) => {
            let mut problems = Diagnostics::new();
            if let Err(more) = site {
                problems.extend(more);
            }
            if let Err(more) = theme {
                problems.extend(more);
            }
            Err(problems.into_sorted())
        }
    }
}

impl Prepared {
    /// Renders into `sink`; `started` is when the build began.
    fn render(&self, sink: &dyn Sink, started: Instant) -> Result<Built, Vec<Diagnostic>> {
        let render_started = Instant::now();
        let files =
            render::render_site(&self.site, &self.theme, sink).map_err(Diagnostics::into_sorted)?;
        let mut stats = count(&files);
        let (images_encoded, images_cached) = self
            .site
            .config
            .images
            .as_ref()
            .map_or((0, 0), |set| set.counts());
        stats.timings = Timings {
            render: render_started.elapsed(),
            images_encoded,
            images_cached,
            ..self.timings.clone()
        };
        stats.elapsed = started.elapsed();
        Ok(Built {
            files,
            warnings: self.warnings.clone().into_sorted(),
            stats,
        })
    }
}

fn count(files: &[OutputFile]) -> Stats {
    let mut stats = Stats::default();
    for file in files {
        let path = file.path.as_str();
        if matches!(
            file.data,
            output_file::Data::Copy(_) | output_file::Data::BuiltIn(_)
        ) {
            stats.static_files += 1;
        } else if path.ends_with("email.html") {
            stats.emails += 1;
        } else if path.ends_with(".html") {
            stats.pages += 1;
        } else if path.ends_with(".ics") || path.ends_with("atom.xml") {
            stats.feeds += 1;
        }
    }
    stats
}

/// Loads and validates all content into the site model.
pub fn load(options: &BuildOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    load_with_sources(options).map(|(site, _, warnings)| (site, warnings))
}

/// [`load`], also handing back the content files it found (for `serve`,
/// which keeps them to reload only what changes).
pub fn load_with_sources(
    options: &BuildOptions,
) -> Result<(Site, Vec<SourceFile>, Diagnostics), Diagnostics> {
    let (files, config, problems) = discover_with_config(options)?;
    load_site(files, config, problems, options)
}

/// The first step of every load: the content files and site.yaml. The
/// diagnostics are what finding the files reported (and must be kept).
fn discover_with_config(
    options: &BuildOptions,
) -> Result<(Vec<SourceFile>, SiteConfig, Diagnostics), Diagnostics> {
    let (files, mut problems) = content::discover(&options.root);
    match load_config(&files, options) {
        Ok(config) => Ok((files, config, problems)),
        Err(config_problems) => {
            problems.extend(config_problems);
            Err(problems)
        }
    }
}

/// Everything after the configuration: pages, sections and the checks
/// across them.
fn load_site(
    files: Vec<SourceFile>,
    config: SiteConfig,
    mut problems: Diagnostics,
    options: &BuildOptions,
) -> Result<(Site, Vec<SourceFile>, Diagnostics), Diagnostics> {
    let all_pages = load_pages(&files, &config, options, &mut problems);
    let mut site = assemble(config, all_pages, static_files(&files));
    load_sections(&mut site, &files, options, &mut problems);
    check_unique_paths(&site, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((site, files, problems))
}

/// Loads every page file in parallel; drafts are left out unless asked for.
fn load_pages(
    files: &[SourceFile],
    config: &SiteConfig,
    options: &BuildOptions,
    problems: &mut Diagnostics,
) -> Vec<Page> {
    load_all(
        files,
        is_page_kind,
        options.drafts,
        problems,
        |file, text| load_page_text(file, text, config),
    )
}

/// Reads and loads one page file.
pub fn load_page(file: &SourceFile, config: &SiteConfig) -> Result<Page, Diagnostics> {
    let text = file.read_text().map_err(|d| Diagnostics::from_iter([d]))?;
    load_page_text(file, &text, config)
}

/// Loads one page from its text; a published page may not hold
/// placeholder text.
fn load_page_text(file: &SourceFile, text: &str, config: &SiteConfig) -> Result<Page, Diagnostics> {
    let page = pages::load(file, text, &PageContext { config })?;
    if !page.draft {
        placeholders::check(&file.rel, text, &config.placeholders)?;
    }
    let unknown = crate::sections::round_dates::unknown_fields(text);
    if !unknown.is_empty() {
        return Err(unknown
            .into_iter()
            .map(|(line, name)| {
                Diagnostic::error(&file.rel, format!("`{{{{ ronde.{name} }}}}` bestaat niet"))
                    .at_line(line)
                    .hint(format!(
                        "u kunt gebruiken: {}",
                        crate::sections::round_dates::FIELDS
                            .iter()
                            .map(|f| format!("{{{{ ronde.{f} }}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
            })
            .collect());
    }
    Ok(page)
}

/// Loads the sections (meetings, newsletter, wijkplan, projects) into the
/// site, after its pages: a section may check links against them. The one
/// place where a section's loading is called.
pub fn load_sections(
    site: &mut Site,
    files: &[SourceFile],
    options: &BuildOptions,
    problems: &mut Diagnostics,
) {
    // The sections depend on the pages and on each other only as written
    // here (rounds on wijkplannen), so they load side by side.
    let site_ref: &Site = site;
    let (
        ((editions, edition_problems), (activities, activity_problems)),
        ((wijkplannen, (rounds, funds), plan_problems), (agenda, meeting_problems)),
    ) = rayon::join(
        || {
            rayon::join(
                || {
                    let mut found = Diagnostics::new();
                    let editions =
                        newsletter::load(files, &site_ref.config, options.drafts, &mut found);
                    (editions, found)
                },
                || {
                    let mut found = Diagnostics::new();
                    let pages: Vec<&Page> = site_ref.all_pages().collect();
                    let activities = activities::load(
                        files,
                        &site_ref.config,
                        options.drafts,
                        &pages,
                        &site_ref.static_files,
                        &mut found,
                    );
                    (activities, found)
                },
            )
        },
        || {
            rayon::join(
                || {
                    let mut found = Diagnostics::new();
                    let plans = wijkplan::load(files, &site_ref.config, &mut found);
                    let rounds = projects::load(files, &site_ref.config, &plans, &mut found);
                    let funds = crate::model::funds::load(files, &site_ref.config, &mut found);
                    (plans, (rounds, funds), found)
                },
                || {
                    let mut found = Diagnostics::new();
                    let pages: Vec<&Page> = site_ref.all_pages().collect();
                    let context = meetings::LoadContext {
                        config: &site_ref.config,
                        drafts: options.drafts,
                        pages: &pages,
                        static_files: &site_ref.static_files,
                    };
                    (meetings::load(files, &context, &mut found), found)
                },
            )
        },
    );
    for found in [
        edition_problems,
        activity_problems,
        plan_problems,
        meeting_problems,
    ] {
        problems.extend(found);
    }
    site.editions = editions;
    site.wijkplannen = wijkplannen;
    site.rounds = rounds;
    site.funds = funds;
    site.agenda = agenda;
    crate::model::accountability::check_links(site, problems);
    activities::check_uids_against_meetings(&activities, &site.agenda.meetings, problems);
    site.activities = activities;
    load_reports_and_points(site, files, options, problems);
}

/// Reports and points refer to meetings, rounds and priorities: they are
/// loaded and linked once those are in the site.
fn load_reports_and_points(
    site: &mut Site,
    files: &[SourceFile],
    options: &BuildOptions,
    problems: &mut Diagnostics,
) {
    let loaded = verslagen::Loaded { files };
    let mut reports = verslagen::load(files, &site.config, options.drafts, problems);
    verslagen::link(
        &mut reports,
        &mut site.agenda,
        &mut site.rounds,
        &loaded,
        problems,
    );
    let points = punten::load(files, &site.config, problems);
    punten::link(
        &points,
        &site.agenda,
        &site.wijkplannen,
        &site.rounds,
        &loaded,
        site.build_date(),
        problems,
    );
    site.reports = reports;
    site.points = points;
}

/// Whether a file under content/ is a page (its own or a landing text).
pub fn is_page_kind(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Home | Kind::Page | Kind::WijkIndex { .. } | Kind::WijkPage { .. }
    )
}

pub fn load_config(
    files: &[SourceFile],
    options: &BuildOptions,
) -> Result<SiteConfig, Diagnostics> {
    let file = files.iter().find(|f| f.kind == Kind::Config).ok_or_else(|| {
        Diagnostics::from_iter([Diagnostic::error(CONFIG_FILE, "site.yaml ontbreekt")
            .hint("maak content/site.yaml met title, short_title, description, base_url, wijken en contact")])
    })?;
    let text = file.read_text().map_err(|d| Diagnostics::from_iter([d]))?;
    let mut config = SiteConfig::parse(&text, options.base_url.as_deref())?;
    config.images = Some(std::sync::Arc::new(
        crate::content::images::ImageSet::new(
            files
                .iter()
                .filter(|f| matches!(f.kind, Kind::Static { .. } | Kind::Image))
                .map(|f| (f.rel.clone(), f.abs.clone())),
        )
        .with_cache(options.root.join(crate::build::images::CACHE_DIR)),
    ));
    let is_static = |to: &str| {
        files
            .iter()
            .any(|f| matches!(&f.kind, Kind::Static { to: t } if t == to))
    };
    if let Some(problem) = config.missing_logo(&text, is_static) {
        return Err(Diagnostics::from_iter([problem]));
    }
    Ok(config)
}

pub fn static_files(files: &[SourceFile]) -> Vec<StaticFile> {
    files
        .iter()
        .filter_map(|f| match &f.kind {
            Kind::Static { to } => Some(StaticFile {
                from: f.abs.clone(),
                to: to.clone(),
                source: f.rel.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// Puts loaded pages where they belong: home, area pages, wijken. The
/// sections come after, from [`load_sections`].
pub fn assemble(config: SiteConfig, all_pages: Vec<Page>, static_files: Vec<StaticFile>) -> Site {
    let mut home = None;
    let mut area_pages = Vec::new();
    let mut by_wijk: BTreeMap<String, (Option<Page>, Vec<Page>)> = BTreeMap::new();
    for page in all_pages {
        match page.wijk.clone() {
            None if page.path == "/" => home = Some(page),
            None => area_pages.push(page),
            Some(w) if page.path == format!("/{w}/") => {
                by_wijk.entry(w).or_default().0 = Some(page)
            }
            Some(w) => by_wijk.entry(w).or_default().1.push(page),
        }
    }
    pages::sort_pages(&mut area_pages);
    let wijken = config
        .wijken
        .iter()
        .map(|w| {
            let (index, mut wijk_pages) = by_wijk.remove(&w.slug).unwrap_or_default();
            pages::sort_pages(&mut wijk_pages);
            let path = format!("/{}/", w.slug);
            Wijk {
                config: w.clone(),
                url: pages::url_for(&config, &path),
                permalink: config.absolute_url(&path),
                index,
                pages: wijk_pages,
            }
        })
        .collect();
    Site {
        build_time: crate::content::dates::build_time(),
        config,
        home,
        pages: area_pages,
        wijken,
        static_files,
        agenda: Agenda::default(),
        activities: Vec::new(),
        wijkplannen: Vec::new(),
        rounds: Vec::new(),
        funds: Vec::new(),
        editions: Vec::new(),
        reports: Vec::new(),
        points: Vec::new(),
    }
}

/// Two sources for one URL, or a page on a reserved URL, are errors.
pub fn check_unique_paths(site: &Site, problems: &mut Diagnostics) {
    crate::model::pages::check_folder_clashes(site, problems);
    let mut owners: BTreeMap<String, &str> = BTreeMap::new();
    for wijk in &site.config.wijken {
        owners.insert(format!("/{}/", wijk.slug), CONFIG_FILE);
    }
    for page in site.all_pages() {
        let first_segment = page.path.trim_matches('/').split('/').next().unwrap_or("");
        if page.wijk.is_none() && crate::content::folders::is_reserved(first_segment) {
            problems.push(
                Diagnostic::error(
                    &page.source,
                    format!("het adres /{first_segment}/ is gereserveerd voor wijksite zelf"),
                )
                .hint("kies een andere bestandsnaam of zet een andere `slug:` in de kop"),
            );
            continue;
        }
        if page.wijk.is_none() && site.config.wijk(first_segment).is_some() {
            problems.push(
                Diagnostic::error(
                    &page.source,
                    format!("het adres {} is al de pagina van een wijk", page.path),
                )
                .hint("kies een andere bestandsnaam of zet een andere `slug:` in de kop"),
            );
            continue;
        }
        if let Some(other) = owners.insert(page.path.clone(), &page.source) {
            if other != CONFIG_FILE {
                problems.push(
                    Diagnostic::error(
                        &page.source,
                        format!(
                            "dit bestand en {other} krijgen hetzelfde adres {}",
                            page.path
                        ),
                    )
                    .hint("geef één van beide een andere bestandsnaam of `slug:`"),
                );
            }
        }
    }
    let page_files: BTreeMap<String, &str> = site
        .all_pages()
        .map(|p| (crate::model::pages::page_file(&p.path), p.source.as_str()))
        .chain(
            site.editions
                .iter()
                .map(|e| (crate::model::pages::page_file(&e.path), e.source.as_str())),
        )
        .collect();
    for file in &site.static_files {
        if let Some(page) = page_files.get(&file.to) {
            problems.push(
                Diagnostic::error(
                    &file.source,
                    format!("dit bestand overschrijft de pagina uit {page}"),
                )
                .hint("geef het bestand een andere naam of zet het in een andere map"),
            );
        }
    }
}
