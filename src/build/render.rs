//! Rendering the site model into output files with the [`Theme`]: pages
//! render in parallel against one base context; list templates get small
//! summaries, never every page's full content.

use crate::build::output::Sink;
use crate::build::search;
use crate::content::config::SiteConfig;
use crate::model::Site;
use crate::model::pages::Page;
use crate::sections;
use crate::theme::fragments::{Fragments, MenuEntry};
use crate::theme::output_file::{Data, OutputFile};
use crate::theme::{Job, MenuItem, StaticSource, Theme};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::escape::xml as xml_escape;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use tera::Context;

/// What list templates get about a page: never its full content.
#[derive(Debug, Serialize)]
pub struct PageSummary<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: &'a str,
    pub date: Option<chrono::NaiveDate>,
    pub date_long: Option<&'a str>,
}

impl<'a> From<&'a Page> for PageSummary<'a> {
    fn from(page: &'a Page) -> Self {
        PageSummary {
            title: &page.title,
            url: &page.url,
            summary: &page.summary,
            date: page.date,
            date_long: page.date_long.as_deref(),
        }
    }
}

/// Everything every template may use, built once per build, with the
/// site-wide fragments (head links, header, footer) rendered into it.
pub(crate) fn base_context(
    site: &Site,
    theme: &Theme,
) -> Result<(Context, Fragments), Diagnostics> {
    let mut ctx = site_context(site, theme);
    let fragments = Fragments::render(theme, &mut ctx, menu_entries(site, theme))?;
    Ok((ctx, fragments))
}

/// The menu entries the header marks as current: the home page, the
/// wijken, the sections (also for every page below them) and the pages
/// with `menu: true`.
fn menu_entries(site: &Site, theme: &Theme) -> Vec<MenuEntry> {
    let mut entries = vec![MenuEntry::exact("/")];
    entries.extend(
        site.wijken
            .iter()
            .map(|w| MenuEntry::exact(format!("/{}/", w.config.slug))),
    );
    entries.extend(
        sections::menu(site, theme)
            .into_iter()
            .map(|item| MenuEntry::section(item.path)),
    );
    entries.extend(
        site.pages
            .iter()
            .filter(|p| p.menu)
            .map(|p| MenuEntry::exact(p.path.clone())),
    );
    entries
}

/// The site-wide variables, before the fragments are rendered with them.
fn site_context(site: &Site, theme: &Theme) -> Context {
    let config = &site.config;
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &json!({
            "title": config.title,
            "short_title": config.short_title,
            "description": config.description,
            "base_url": config.base_url,
            "base_path": config.base_path(),
            "language": config.language,
            "contact": config.contact,
            "logo": config.logo_file().map(|file| json!({
                "url": format!("{}{file}", config.base_path()),
                "absolute_url": config.absolute_url(&format!("/{file}")),
                "type": if file.to_ascii_lowercase().ends_with(".svg") { "image/svg+xml" } else { "image/png" },
            })),
            "search": config.search,
            "accent": config.accent_colours().map(|a| json!({"light": a.light, "dark": a.dark})),
            "newsletter": config.newsletter.as_ref().map(|n| n.view()),
        }),
    );
    let wijken: Vec<Value> = site
        .wijken
        .iter()
        .map(|w| {
            json!({
                "slug": w.config.slug, "name": w.config.name, "network": w.config.network,
                "description": w.config.description, "url": w.url,
            })
        })
        .collect();
    ctx.insert("wijken", &wijken);
    let menu: Vec<MenuItem> = site
        .pages
        .iter()
        .filter(|p| p.menu)
        .map(|p| MenuItem {
            title: p.title.clone(),
            url: p.url.clone(),
            path: p.path.clone(),
        })
        .collect();
    ctx.insert("menu", &menu);
    ctx.insert("sections", &sections::menu(site, theme));
    ctx.insert("t", theme.strings().for_templates());
    ctx.insert("base_path", config.base_path());
    ctx.insert("footer_pages", &footer_pages(site));
    // The round open on the build date ("Nu open", home page) and the
    // current round's dates for `{{ ronde.<name> }}` in pages.
    let strings = theme.strings();
    ctx.insert(
        "open_round",
        &sections::round_dates::open_round(site, strings),
    );
    let ronde: serde_json::Map<String, Value> = sections::round_dates::placeholder_values(site)
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    ctx.insert("ronde", &ronde);
    ctx
}

/// Pages linked from every footer: the accessibility statement and contact.
fn footer_pages(site: &Site) -> Vec<PageSummary<'_>> {
    site.pages
        .iter()
        .filter(|p| matches!(p.slug.as_str(), "toegankelijkheid" | "contact" | "privacy"))
        .map(PageSummary::from)
        .collect()
}

/// Renders jobs against one base context, built once per build: the
/// part of every page's context that is the same for all pages.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    base: Context,
    fragments: Fragments,
    search: search::Classifier,
}

impl<'a> Renderer<'a> {
    /// Builds the base context; fails when a site-wide fragment's template
    /// does.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Self, Diagnostics> {
        let (base, fragments) = base_context(site, theme)?;
        let search = search::Classifier::new(site, sections::menu(site, theme), theme.strings());
        Ok(Renderer {
            site,
            theme,
            base,
            fragments,
            search,
        })
    }

    /// What every template gets; when it changes, every page changes.
    pub fn base(&self) -> &Context {
        &self.base
    }

    /// Renders one job in `ctx`, a copy of the base context that is handed
    /// back unchanged: cloning the base for every page would cost more than
    /// rendering some pages.
    fn render_in(&self, ctx: &mut Context, job: Job) -> Result<OutputFile, Diagnostic> {
        let output_path = job.output_path();
        ctx.insert("current_path", &job.path);
        ctx.insert("canonical", &self.site.config.absolute_url(&job.path));
        if let Some(header) = self.fragments.header_for(&job.path) {
            ctx.insert("site_header", header);
        }
        // The base layout marks the page for the search index with these.
        if let Some(facts) = self.search.facts(&job) {
            ctx.insert("search", &facts);
        }
        ctx.extend(job.extra);
        let html = self.theme.render(job.template, ctx, &job.source);
        let job_keys = job.keys.iter().map(String::as_str);
        for key in job_keys.chain(["current_path", "canonical", "site_header", "search"]) {
            match self.base.get(key) {
                Some(value) => ctx.insert(key, value),
                None => {
                    ctx.remove(key);
                }
            }
        }
        Ok(OutputFile::bytes(output_path, html?))
    }

    /// Renders jobs in parallel and hands each file to `sink`.
    pub fn render_all(
        &self,
        jobs: Vec<Job>,
        sink: &dyn Sink,
    ) -> Vec<Result<OutputFile, Diagnostic>> {
        jobs.into_par_iter()
            .map_init(
                || self.base.clone(),
                |ctx, job| self.render_in(ctx, job).and_then(|file| put(sink, file)),
            )
            .collect()
    }

    /// Renders the area and wijk pages in parallel, each job made just
    /// before it renders, so no more than a few page contexts exist at once.
    pub fn render_pages(
        &self,
        pages: &[ContentPage<'_>],
        sink: &dyn Sink,
    ) -> Vec<Result<OutputFile, Diagnostic>> {
        pages
            .par_iter()
            .map_init(
                || self.base.clone(),
                |ctx, (page, wijk)| {
                    self.render_in(ctx, page_job(page, *wijk))
                        .and_then(|file| put(sink, file))
                },
            )
            .collect()
    }

    /// Every HTML page that is not an area or wijk page.
    pub fn site_jobs(&self) -> Vec<Job> {
        let mut jobs = self.list_jobs(None);
        jobs.extend(self.section_jobs());
        jobs
    }

    /// The home page, the wijk landing pages and the 404 page: they list
    /// pages, so they change when the pages they list change. With
    /// `wijken`, only those wijken's landing pages (and home and 404).
    pub fn list_jobs(&self, wijken: Option<&BTreeSet<String>>) -> Vec<Job> {
        let site = self.site;
        let mut jobs = Vec::new();
        let latest: Vec<PageSummary> = latest_dated_pages(site, 5);
        let home_source = site
            .home
            .as_ref()
            .map_or("content/site.yaml", |p| &p.source);
        let mut home = Job::new("index.html", "/", home_source)
            .with("page", &site.home)
            .with("latest", &latest);
        sections::home(site, &mut home);
        jobs.push(home);
        let landings: Vec<Job> = site
            .wijken
            .par_iter()
            .filter(|wijk| wijken.is_none_or(|only| only.contains(&wijk.config.slug)))
            .map(|wijk| {
                let pages: Vec<PageSummary> = wijk.pages.iter().map(PageSummary::from).collect();
                let source = wijk
                    .index
                    .as_ref()
                    .map_or("content/site.yaml", |p| &p.source);
                let mut landing = Job::new("wijk.html", format!("/{}/", wijk.config.slug), source)
                    .with("wijk", &wijk_view(wijk))
                    .with("page", &wijk.index)
                    .with("pages", &pages);
                sections::wijk(site, wijk, &mut landing);
                landing
            })
            .collect();
        jobs.extend(landings);
        jobs.push(Job::new("404.html", "/404.html", "404"));
        if site.config.search {
            jobs.push(search::search_job(site));
        }
        jobs
    }

    /// The sections' HTML pages (see [`sections::jobs`]).
    pub fn section_jobs(&self) -> Vec<Job> {
        sections::jobs(self.site, self.theme)
    }

    /// The sections' other files (calendars, feeds, emails, open data)
    /// and robots.txt.
    pub fn other_files(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        match (self.section_files(), self.page_files()) {
            (Ok(mut files), Ok(more)) => {
                files.extend(more);
                Ok(files)
            }
            (first, second) => {
                let mut problems = Diagnostics::new();
                for result in [first, second] {
                    if let Err(more) = result {
                        problems.extend(more);
                    }
                }
                Err(problems)
            }
        }
    }

    /// The sections' files that show nothing of the area and wijk pages
    /// (see [`sections::files`]), and robots.txt.
    pub fn section_files(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut files = sections::files(self.site, self.theme, &self.base)?;
        files.push(OutputFile::bytes("robots.txt", robots(&self.site.config)));
        Ok(files)
    }

    /// The files that show area or wijk pages (see [`sections::page_files`]).
    pub fn page_files(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        sections::page_files(self.site, self.theme, &self.base)
    }

    /// The theme's and the content's static files, copied as they are;
    /// one on a path that `is_generated` is a problem.
    pub fn static_files(
        &self,
        is_generated: &dyn Fn(&str) -> bool,
        problems: &mut Diagnostics,
    ) -> Vec<OutputFile> {
        static_files(self.site, self.theme, is_generated, problems)
    }
}

/// An area page (no wijk) or a wijk page with its wijk.
pub type ContentPage<'a> = (&'a Page, Option<&'a crate::model::Wijk>);

/// Every area and wijk page: all pages but the home and wijk landing texts,
/// which the site jobs render.
pub fn content_pages(site: &Site) -> Vec<ContentPage<'_>> {
    let area = site.pages.iter().map(|p| (p, None));
    let wijk = site
        .wijken
        .iter()
        .flat_map(|w| w.pages.iter().map(move |p| (p, Some(w))));
    area.chain(wijk).collect()
}

/// The job of an area or wijk page.
pub fn page_job(page: &Page, wijk: Option<&crate::model::Wijk>) -> Job {
    let job = Job::new("page.html", page.path.clone(), &page.source).with("page", page);
    match wijk {
        Some(w) => job.with("wijk", &wijk_view(w)),
        None => job,
    }
}

/// Hands a file to the sink; a failed write becomes a diagnostic.
pub fn put(sink: &dyn Sink, file: OutputFile) -> Result<OutputFile, Diagnostic> {
    let path = file.path.clone();
    sink.put(file).map_err(|e| {
        Diagnostic::error(path, format!("kan de uitvoer niet schrijven: {e}"))
            .hint("controleer of de map beschrijfbaar is en of de schijf vol is")
    })
}

/// Renders the whole site; each file goes to `sink` as soon as it is made.
/// Returns what the sink kept, sorted by path, or every problem.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let renderer = Renderer::new(site, theme)?;
    // Every page passes the search index's collector on its way out.
    let collector = search::Collector::new(sink, site);
    let sink: &dyn Sink = &collector;
    // The other files (calendars, feeds, emails, data) are made mostly one
    // after the other, so they go side by side with the parallel pages.
    let (mut results, other_files) = rayon::join(
        || {
            let mut results = renderer.render_pages(&content_pages(site), sink);
            results.extend(renderer.render_all(renderer.site_jobs(), sink));
            results
        },
        || {
            renderer.other_files().map(|files| {
                files
                    .into_par_iter()
                    .map(|file| put(sink, file))
                    .collect::<Vec<_>>()
            })
        },
    );
    let mut problems = Diagnostics::new();
    match other_files {
        Ok(more) => results.extend(more),
        Err(more) => problems.extend(more),
    }
    let mut files = Vec::with_capacity(results.len() + 16);
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let sink = collector.inner();
    let pages = collector.into_pages();
    if site.config.search {
        let written = search::index_each(pages, |file| put(sink, file));
        for result in written {
            match result {
                Ok(file) => files.push(file),
                Err(d) => problems.push(d),
            }
        }
    }
    let map = sitemap(site, files.iter().map(|f| f.path.as_str()));
    match put(sink, OutputFile::bytes("sitemap.xml", map)) {
        Ok(file) => files.push(file),
        Err(d) => problems.push(d),
    }
    let generated: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    for file in renderer.static_files(&|path| generated.contains(path), &mut problems) {
        match put(sink, file) {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    problems.extend(duplicate_outputs(files.iter().map(|f| f.path.as_str())));
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

/// Two parts of the site that make the same file are an error. `paths`
/// must be sorted.
pub fn duplicate_outputs<'p>(paths: impl Iterator<Item = &'p str>) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let mut previous: Option<&str> = None;
    for path in paths {
        if previous == Some(path) {
            problems.push(
                Diagnostic::error(
                    "content",
                    format!("twee onderdelen van de site maken hetzelfde bestand /{path}"),
                )
                .hint("geef één van de twee een andere naam of slug"),
            );
        }
        previous = Some(path);
    }
    problems
}

pub fn wijk_view(wijk: &crate::model::Wijk) -> Value {
    json!({
        "slug": wijk.config.slug, "name": wijk.config.name, "network": wijk.config.network,
        "description": wijk.config.description, "url": wijk.url,
    })
}

/// The newest pages with a date, across the area and the wijken.
fn latest_dated_pages(site: &Site, n: usize) -> Vec<PageSummary<'_>> {
    let mut dated: Vec<&Page> = site
        .all_pages()
        .filter(|p| p.date.is_some() && p.path != "/")
        .collect();
    dated.sort_by(|a, b| (b.date, &a.path).cmp(&(a.date, &b.path)));
    dated.into_iter().take(n).map(PageSummary::from).collect()
}

/// sitemap.xml: every HTML page but 404, with absolute URLs, sorted.
pub fn sitemap<'p>(site: &Site, files: impl Iterator<Item = &'p str>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = files
        .filter_map(|path| path.strip_suffix("index.html"))
        .filter(|p| p.is_empty() || p.ends_with('/'))
        .filter(|p| !p.ends_with("/poster/"))
        .collect();
    paths.sort_unstable();
    for path in paths {
        let url = site.config.absolute_url(&format!("/{path}"));
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&url)));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn robots(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.absolute_url("/sitemap.xml")
    )
}

/// Theme static files first; content/static files with the same name win.
/// A static file may replace one of the theme's, never a file the build
/// generates (a page, feed, sitemap): two writers of one file would make
/// the result depend on timing.
pub fn static_files(
    site: &Site,
    theme: &Theme,
    is_generated: &dyn Fn(&str) -> bool,
    problems: &mut Diagnostics,
) -> Vec<OutputFile> {
    let taken = |to: &str, source: &str, problems: &mut Diagnostics| {
        let clash = is_generated(to);
        if clash {
            problems.push(
                Diagnostic::error(
                    source,
                    format!("dit bestand krijgt hetzelfde adres als een bestand dat wijksite zelf maakt: /{to}"),
                )
                .hint("geef het bestand een andere naam of zet het in een andere map"),
            );
        }
        clash
    };
    let mut statics: BTreeMap<&str, Data> = BTreeMap::new();
    for (from, to) in &theme.static_files {
        if !taken(
            to,
            &format!("themes/{}/static/{to}", site.config.theme),
            problems,
        ) {
            let data = match from {
                StaticSource::File(path) => Data::Copy(path.clone()),
                StaticSource::BuiltIn(bytes) => Data::BuiltIn(bytes),
            };
            statics.insert(to, data);
        }
    }
    for file in &site.static_files {
        if !taken(&file.to, &file.source, problems) {
            statics.insert(&file.to, Data::Copy(file.from.clone()));
        }
    }
    // Photos: the resized ones the documents show, and those of
    // content/static/ cleaned of their metadata in place of the originals.
    let mut photos = crate::build::images::outputs(site, problems);
    let content_photos: BTreeSet<&str> = site
        .static_files
        .iter()
        .filter(|f| crate::content::images::is_raster(&f.to))
        .map(|f| f.to.as_str())
        .collect();
    let mut files: Vec<OutputFile> = statics
        .into_iter()
        .filter_map(|(to, data)| {
            let data = if content_photos.contains(to) {
                // A photo that could not be cleaned is not published (its
                // problem is reported).
                photos.cleaned.remove(to)?
            } else {
                data
            };
            Some(OutputFile {
                path: to.to_string(),
                data,
            })
        })
        .collect();
    for file in photos.variants {
        if !taken(&file.path, "content", problems) {
            files.push(file);
        }
    }
    files
}
