//! Pages: the area-wide pages, the home text and each wijk's pages.
//!
//! Turns a page's front matter and Markdown body into a [`Page`] with its
//! URL, its rendered HTML and what lists need (summary, date, weight).

use crate::content::config::SiteConfig;
use crate::content::dates::{self, Date};
use crate::content::markdown::{self, RenderOptions, Rendered};
use crate::content::{Kind, SourceFile};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use crate::util::suggest;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    summary: Option<String>,
    date: Option<Date>,
    weight: Option<i64>,
    menu: Option<bool>,
    draft: Option<bool>,
    slug: Option<String>,
    /// The lead photo: shown above the text and as the picture of a
    /// shared link.
    image: Option<String>,
    /// What the lead photo shows (required with `image:`).
    image_alt: Option<String>,
}

/// The landing text of a wijk or the home page: title and summary only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexFront {
    title: String,
    summary: Option<String>,
}

/// One rendered page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The source file, relative to the site root.
    pub source: String,
    pub slug: String,
    /// The wijk this page belongs to, for wijk pages.
    pub wijk: Option<String>,
    /// Site path, `/over-szh/`, without the base path.
    pub path: String,
    /// Link target inside the site (base path included).
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    pub title: String,
    /// One or two sentences for lists and the meta description.
    pub summary: String,
    pub date: Option<NaiveDate>,
    /// "dinsdag 20 januari 2026".
    pub date_long: Option<String>,
    pub weight: i64,
    pub menu: bool,
    pub draft: bool,
    /// The lead photo (`image:`), when the page has one.
    pub image: Option<crate::content::images::LeadImage>,
    /// The body as HTML.
    pub html: String,
    /// What rendering found besides the HTML (links, headings); its `html`
    /// is empty, as the HTML moved to [`Page::html`].
    #[serde(skip)]
    pub rendered: Rendered,
    /// The line where the body starts, for link reports.
    #[serde(skip)]
    pub body_line: usize,
}

/// Everything a page needs from the site to be loaded.
pub struct PageContext<'a> {
    pub config: &'a SiteConfig,
}

/// Loads a page, wijk page, wijk index or home text.
pub fn load(file: &SourceFile, text: &str, ctx: &PageContext) -> Result<Page, Diagnostics> {
    let mut problems = Diagnostics::new();
    let is_index = matches!(file.kind, Kind::Home | Kind::WijkIndex { .. });
    let (front, body, body_line) = if is_index {
        let doc = crate::content::source::parse_markdown_file::<IndexFront>(text, &file.rel)
            .map_err(one)?;
        let front = PageFront {
            title: doc.front.title,
            summary: doc.front.summary,
            date: None,
            weight: None,
            menu: None,
            draft: None,
            slug: None,
            image: None,
            image_alt: None,
        };
        (front, doc.body, doc.body_line)
    } else {
        let doc = crate::content::source::parse_markdown_file::<PageFront>(text, &file.rel)
            .map_err(one)?;
        (doc.front, doc.body, doc.body_line)
    };

    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error(&file.rel, "de titel is leeg")
                .at_line(2)
                .hint("schrijf een titel achter `title:`"),
        );
    }
    let wijk = match &file.kind {
        Kind::WijkIndex { wijk } | Kind::WijkPage { wijk } => Some(wijk.clone()),
        _ => None,
    };
    if let Some(wijk) = &wijk {
        if ctx.config.unknown_wijk(wijk).is_some() {
            let known = suggest::hint(
                wijk,
                &ctx.config
                    .wijken
                    .iter()
                    .map(|w| w.slug.as_str())
                    .collect::<Vec<_>>(),
                "wijken",
            );
            problems.push(
                Diagnostic::error(&file.rel, format!("de wijk `{wijk}` staat niet in site.yaml"))
                    .hint(format!("{known}; hernoem de map naar een bekende wijk of voeg de wijk toe aan content/site.yaml")),
            );
        }
    }
    let slug = match (&file.kind, &front.slug) {
        (Kind::Home, _) => String::new(),
        (Kind::WijkIndex { wijk }, _) => wijk.clone(),
        (_, Some(slug)) => slug.clone(),
        _ => file.stem().to_string(),
    };
    if let Some((message, hint)) = slug::problem(&slug).filter(|_| !matches!(file.kind, Kind::Home))
    {
        // A slug from the front matter has a line; one from the file name has none.
        let line = front
            .slug
            .as_ref()
            .and_then(|_| crate::util::yaml_lines::top_level_line(text, "slug"));
        problems.push(
            Diagnostic::error(&file.rel, message)
                .at_opt(line)
                .hint(hint),
        );
    }
    if problems.has_errors() {
        return Err(problems);
    }

    let path = match (&file.kind, &wijk) {
        (Kind::Home, _) => "/".to_string(),
        (Kind::WijkIndex { .. }, Some(w)) => format!("/{w}/"),
        (_, Some(w)) => format!("/{w}/{slug}/"),
        _ => format!("/{slug}/"),
    };
    let mut rendered = markdown::render(
        body,
        RenderOptions {
            base_path: ctx.config.base_path(),
            allow_raw_html: ctx.config.allow_raw_html,
            line_offset: body_line - 1,
            images: ctx.config.images_for(&file.rel),
        },
    );
    problems.extend(rendered.problems(&file.rel, ctx.config.allow_raw_html));
    if !front.draft.unwrap_or(false) {
        // Also found by the placeholder check, but that runs only once
        // the page loaded: here it comes with the page's other problems.
        problems.extend(markdown::missing_alt(&rendered, &file.rel));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let image = lead_image(file, text, &front, ctx, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let summary = front
        .summary
        .clone()
        .unwrap_or_else(|| rendered.first_paragraph(200));
    let date = front.date.map(|d| d.0);
    Ok(Page {
        source: file.rel.clone(),
        url: url_for(ctx.config, &path),
        permalink: ctx.config.absolute_url(&path),
        path,
        slug,
        wijk,
        title: front.title.trim().to_string(),
        summary,
        date,
        date_long: date.map(dates::long_date),
        weight: front.weight.unwrap_or(0),
        menu: front.menu.unwrap_or(false),
        draft: front.draft.unwrap_or(false),
        image,
        // The HTML lives once, here; `rendered` keeps the links and headings.
        html: std::mem::take(&mut rendered.html),
        rendered,
        body_line,
    })
}

/// The lead photo of `image:` with its `image_alt:`; problems go to
/// `problems`. A published page needs the alt text; a draft may lack it.
fn lead_image(
    file: &SourceFile,
    text: &str,
    front: &PageFront,
    ctx: &PageContext,
    problems: &mut Diagnostics,
) -> Option<crate::content::images::LeadImage> {
    let line = |key| crate::util::yaml_lines::top_level_line(text, key);
    let Some(url) = front.image.as_deref().map(str::trim) else {
        if front.image_alt.is_some() {
            problems.push(
                Diagnostic::error(&file.rel, "er staat `image_alt:` zonder `image:`")
                    .at_opt(line("image_alt"))
                    .hint("zet de foto achter `image:`, of haal `image_alt:` weg"),
            );
        }
        return None;
    };
    let alt = front.image_alt.as_deref().unwrap_or("").trim();
    if alt.is_empty() && !front.draft.unwrap_or(false) {
        problems.push(
            Diagnostic::error(&file.rel, "de foto van `image:` heeft geen beschrijving (`image_alt:`)")
                .at_opt(line("image"))
                .hint("schrijf onder `image:` een regel als `image_alt: Kinderen schilderen pompoenen bij de oogstmarkt`. Mensen die niet kunnen zien, horen die tekst"),
        );
    }
    let set = ctx.config.images.as_deref()?;
    match set.lead(&file.rel, url, alt, ctx.config.base_path(), line("image")) {
        Ok(mut image) => {
            image.absolute_url = ctx.config.absolute_url(&image.path);
            Some(image)
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// The link target for a site path, with the site's base path.
pub fn url_for(config: &SiteConfig, path: &str) -> String {
    format!("{}{}", config.base_path().trim_end_matches('/'), path)
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics::from_iter([d])
}

/// Menu and list order: weight, then title, then path (always total).
pub fn sort_pages(pages: &mut [Page]) {
    pages.sort_by(|a, b| (a.weight, &a.title, &a.path).cmp(&(b.weight, &b.title, &b.path)));
}

/// An output path cannot be a file and a folder at once: a static file
/// `content/static/meedoen` where the page `/meedoen/` needs its folder,
/// or `content/static/meedoen/index.html/x.txt` below a page's file. Found
/// here, before anything is written, naming both files (writing would fail
/// with "Is a directory" and no source file).
pub fn check_folder_clashes(site: &crate::model::Site, problems: &mut Diagnostics) {
    use std::collections::BTreeMap;
    let mut outputs: BTreeMap<String, (&str, bool)> = site
        .all_pages()
        .map(|p| (page_file(&p.path), (p.source.as_str(), false)))
        .chain(
            site.editions
                .iter()
                .map(|e| (page_file(&e.path), (e.source.as_str(), false))),
        )
        .collect();
    for file in &site.static_files {
        outputs
            .entry(file.to.clone())
            .or_insert((file.source.as_str(), true));
    }
    for (path, (source, is_static)) in &outputs {
        for (at, _) in path.match_indices('/') {
            let folder = &path[..at];
            let Some((file, file_is_static)) = outputs.get(folder) else {
                continue;
            };
            // Report at the static file: that is the one to rename.
            let (blamed, other) = if *file_is_static || !is_static {
                (*file, *source)
            } else {
                (*source, *file)
            };
            problems.push(
                Diagnostic::error(
                    blamed,
                    format!(
                        "dit bestand botst met {other}: /{folder} zou tegelijk een bestand en een map moeten zijn"
                    ),
                )
                .hint("geef het bestand een andere naam of zet het in een andere map"),
            );
        }
    }
}

/// `/meedoen/` → `meedoen/index.html`; `/` → `index.html`.
pub fn page_file(site_path: &str) -> String {
    format!("{}index.html", site_path.trim_start_matches('/'))
}

/// Pages share one address space with the wijken and the sections; the
/// site checks their paths together (build::pipeline::check_unique_paths).
impl crate::model::loader::Loadable for Page {
    fn unique_key(&self) -> Option<String> {
        None
    }

    fn is_draft(&self) -> bool {
        self.draft
    }

    fn source(&self) -> &str {
        &self.source
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
}
