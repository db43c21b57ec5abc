//! Rendering the site model into output files.
//!
//! A [`Theme`] is loaded and its Tera templates compiled once per build; a
//! file of the same name in ROOT/templates wins over the theme's. The UI
//! strings live in the theme's `strings.yaml`, so a theme can translate
//! them. Pages render in parallel; list templates get small summaries, never
//! every page's full content.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::model::Site;
use crate::output::{Data, OutputFile};
use crate::pages::Page;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};
use walkdir::WalkDir;

/// A compiled theme: templates, UI strings and static files.
pub struct Theme {
    tera: Tera,
    /// Template name → source file, for error messages.
    sources: BTreeMap<String, String>,
    strings: Value,
    static_files: Vec<(PathBuf, String)>,
}

impl Theme {
    /// Loads `themes/<theme>` and the overrides in `templates/`.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Diagnostics> {
        let theme_dir = root.join("themes").join(&config.theme);
        if !theme_dir.is_dir() {
            return Err(Diagnostics::from_iter([Diagnostic::error(
                format!("themes/{}", config.theme),
                format!("het thema `{}` bestaat niet", config.theme),
            )
            .hint(
                "zet `theme: wijk` in content/site.yaml, of maak de map themes/<naam>/templates",
            )]));
        }
        let mut sources = BTreeMap::new();
        let mut templates = BTreeMap::new();
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            for (name, path) in files_under(&dir) {
                if name.ends_with(".yaml") {
                    continue;
                }
                templates.insert(name.clone(), path.clone());
                sources.insert(name, display_path(path.strip_prefix(root).unwrap_or(&path)));
            }
        }
        let mut problems = Diagnostics::new();
        let mut raw = Vec::new();
        for (name, path) in &templates {
            match std::fs::read_to_string(path) {
                Ok(text) => raw.push((name.clone(), text)),
                Err(e) => problems.push(Diagnostic::error(
                    &sources[name],
                    format!("kan het sjabloon niet lezen: {e}"),
                )),
            }
        }
        let mut tera = Tera::default();
        tera.set_escape_fn(html_escape);
        if let Err(e) = tera.add_raw_templates(raw) {
            problems.push(template_error(&e, &sources, None));
        }
        let strings = load_strings(root, &theme_dir, &mut problems);
        if problems.has_errors() {
            return Err(problems);
        }
        let static_files = files_under(&theme_dir.join("static"))
            .into_iter()
            .map(|(name, path)| (path, name))
            .collect();
        Ok(Theme {
            tera,
            sources,
            strings,
            static_files,
        })
    }

    /// Renders `template` with `context`; errors name the template file.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        for_page: &str,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| template_error(&e, &self.sources, Some(for_page)))
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    pub fn strings(&self) -> &Value {
        &self.strings
    }

    /// One UI string from strings.yaml; the key itself when it is missing.
    pub fn string<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).and_then(Value::as_str).unwrap_or(key)
    }
}

/// The theme's strings.yaml, with keys from ROOT/templates/strings.yaml on top.
fn load_strings(root: &Path, theme_dir: &Path, problems: &mut Diagnostics) -> Value {
    let mut merged = serde_json::Map::new();
    for path in [
        theme_dir.join("strings.yaml"),
        root.join("templates/strings.yaml"),
    ] {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = display_path(path.strip_prefix(root).unwrap_or(&path));
        match crate::source::parse_yaml_file::<BTreeMap<String, Value>>(&text, &rel) {
            Ok(map) => merged.extend(map),
            Err(d) => problems.push(d),
        }
    }
    Value::Object(merged)
}

/// Files under `dir` as (name relative to dir with `/`, path), sorted.
fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let name = display_path(e.path().strip_prefix(dir).unwrap_or(e.path()));
            (name, e.into_path())
        })
        .collect()
}

/// A Tera error with its whole cause chain, naming the template file.
fn template_error(
    error: &tera::Error,
    sources: &BTreeMap<String, String>,
    for_page: Option<&str>,
) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        chain.push(c.to_string());
        cause = c.source();
    }
    let file = sources
        .iter()
        .find(|(name, _)| chain.iter().any(|m| m.contains(&format!("'{name}'"))))
        .map(|(_, file)| file.clone())
        .unwrap_or_else(|| "templates".into());
    let place = for_page
        .map(|p| format!(" (bij het maken van {p})"))
        .unwrap_or_default();
    Diagnostic::error(file, format!("fout in het sjabloon{place}: {}", chain.join(": ")))
        .hint("herstel het sjabloon, of verwijder je eigen versie in templates/ om die van het thema te gebruiken")
}

/// A link in the main menu.
#[derive(Debug, Serialize)]
struct MenuItem<'a> {
    title: &'a str,
    url: &'a str,
    path: &'a str,
}

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

/// Everything every template may use, built once per build.
pub(crate) fn base_context(site: &Site, theme: &Theme) -> Context {
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
            title: &p.title,
            url: &p.url,
            path: &p.path,
        })
        .collect();
    ctx.insert("menu", &menu);
    ctx.insert("sections", &sections::menu(site, theme));
    ctx.insert("t", theme.strings());
    ctx.insert("base_path", config.base_path());
    ctx.insert("footer_pages", &footer_pages(site));
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

/// One HTML page to render: a template, the site path it is written to,
/// and what its template needs beyond the base context.
pub struct Job {
    pub template: &'static str,
    /// Site path: `/meedoen/` (written as `meedoen/index.html`) or a file
    /// path ending in `.html`, such as `/404.html`.
    pub path: String,
    /// Where the page comes from, for error messages.
    pub source: String,
    pub extra: Context,
}

impl Job {
    pub fn new(template: &'static str, path: impl Into<String>, source: impl Into<String>) -> Self {
        Job {
            template,
            path: path.into(),
            source: source.into(),
            extra: Context::new(),
        }
    }

    pub fn with(mut self, key: &str, value: &impl Serialize) -> Self {
        self.extra.insert(key, value);
        self
    }

    pub fn insert(&mut self, key: &str, value: &impl Serialize) {
        self.extra.insert(key, value);
    }
}

/// The sections of the site beyond plain pages. Each section adds its HTML
/// pages, its other files (feeds, data), what it shows on the home page and
/// on each wijk's page, and its menu entry, in one line here.
mod sections {
    use super::*;
    use crate::{
        calendar, email, feeds, meeting_pages, newsletter, open_data, projects_pages,
        wijkplan_pages,
    };

    /// Menu entries for the sections, in menu order.
    pub fn menu(site: &Site, theme: &Theme) -> Vec<Value> {
        let mut items = vec![meeting_pages::menu_entry(site, theme.strings())];
        items.extend(wijkplan_pages::menu(site, theme.strings()));
        items.extend(projects_pages::menu(site, theme.strings()));
        items.push(newsletter::menu_entry(site, theme.strings()));
        items
    }

    /// HTML pages of the sections.
    pub fn jobs(site: &Site, theme: &Theme) -> Vec<Job> {
        let mut jobs = Vec::new();
        jobs.extend(meeting_pages::jobs(site, theme.strings()));
        jobs.extend(wijkplan_pages::jobs(site, theme.strings()));
        jobs.extend(projects_pages::jobs(site, theme.strings()));
        jobs.extend(newsletter::jobs(site, theme.strings()));
        jobs
    }

    /// Other files: calendars, feeds, emails, open data. `base` is what
    /// every template gets (for files rendered with the theme).
    pub fn files(
        site: &Site,
        theme: &Theme,
        base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut files = Vec::new();
        files.extend(calendar::files(site, theme.strings()));
        files.extend(open_data::files(site));
        let mut problems = Diagnostics::new();
        let newsletter_inputs = newsletter::Inputs::of(site, theme.strings());
        let editions = newsletter_inputs.compose(site);
        for part in [
            email::files(&site.config, theme, base, &editions),
            feeds::files(site, theme, base, &editions),
        ] {
            match part {
                Ok(more) => files.extend(more),
                Err(more) => problems.extend(more),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(files)
    }

    /// Adds what the home page shows of each section.
    pub fn home(site: &Site, job: &mut Job) {
        meeting_pages::home(site, job);
        projects_pages::home(site, job);
        newsletter::home(site, job);
    }

    /// Adds what a wijk's page shows of each section.
    pub fn wijk(site: &Site, wijk: &crate::model::Wijk, job: &mut Job) {
        meeting_pages::wijk(site, wijk, job);
        wijkplan_pages::wijk(site, wijk, job);
        projects_pages::wijk(site, wijk, job);
    }
}

/// Renders the whole site into output files.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let base = base_context(site, theme);
    let mut jobs = page_jobs(site);
    jobs.extend(sections::jobs(site, theme));
    let rendered: Vec<Result<OutputFile, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| {
            let mut ctx = base.clone();
            ctx.insert("current_path", &job.path);
            ctx.insert("canonical", &site.config.absolute_url(&job.path));
            ctx.extend(job.extra);
            let html = theme.render(job.template, &ctx, &job.source)?;
            let file = if job.path.ends_with(".html") {
                OutputFile::bytes(job.path.trim_start_matches('/'), html)
            } else {
                OutputFile::page(&job.path, html)
            };
            Ok(file)
        })
        .collect();
    let mut problems = Diagnostics::new();
    let mut files = Vec::with_capacity(rendered.len() + 8);
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    match sections::files(site, theme, &base) {
        Ok(more) => files.extend(more),
        Err(more) => problems.extend(more),
    }
    if problems.has_errors() {
        return Err(problems);
    }
    files.push(OutputFile::bytes("sitemap.xml", sitemap(site, &files)));
    files.push(OutputFile::bytes("robots.txt", robots(&site.config)));
    add_static_files(site, theme, &mut files, &mut problems);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in files.windows(2) {
        if pair[0].path == pair[1].path {
            problems.push(
                Diagnostic::error(
                    "content",
                    format!(
                        "twee onderdelen van de site maken hetzelfde bestand /{}",
                        pair[0].path
                    ),
                )
                .hint("geef één van de twee een andere naam of slug"),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

fn page_jobs(site: &Site) -> Vec<Job> {
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
    for page in &site.pages {
        jobs.push(Job::new("page.html", page.path.clone(), &page.source).with("page", page));
    }
    for wijk in &site.wijken {
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
        jobs.push(landing);
        for page in &wijk.pages {
            jobs.push(
                Job::new("page.html", page.path.clone(), &page.source)
                    .with("page", page)
                    .with("wijk", &wijk_view(wijk)),
            );
        }
    }
    jobs.push(Job::new("404.html", "/404.html", "404"));
    jobs
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
fn sitemap(site: &Site, files: &[OutputFile]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = files
        .iter()
        .filter_map(|f| f.path.strip_suffix("index.html"))
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
fn add_static_files(
    site: &Site,
    theme: &Theme,
    files: &mut Vec<OutputFile>,
    problems: &mut Diagnostics,
) {
    let generated: std::collections::BTreeSet<&str> =
        files.iter().map(|f| f.path.as_str()).collect();
    let taken = |to: &str, source: &str, problems: &mut Diagnostics| {
        let clash = generated.contains(to);
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
    let mut statics: BTreeMap<&str, &Path> = BTreeMap::new();
    for (from, to) in &theme.static_files {
        if !taken(
            to,
            &format!("themes/{}/static/{to}", site.config.theme),
            problems,
        ) {
            statics.insert(to, from);
        }
    }
    for file in &site.static_files {
        if !taken(&file.to, &file.source, problems) {
            statics.insert(&file.to, &file.from);
        }
    }
    files.extend(statics.into_iter().map(|(to, from)| OutputFile {
        path: to.to_string(),
        data: Data::Copy(from.to_path_buf()),
    }));
}

pub use crate::escape::{html as html_escape, xml as xml_escape};
