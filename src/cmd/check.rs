//! `wijksite check`: everything a build checks, plus what a build lets
//! through but readers would trip over — written nowhere.
//!
//! Errors: every internal link and `#anchor` in the built pages must lead
//! to a file (and an element with that id) of the site. A broken link is
//! reported where it was written: for Markdown, the source file and line;
//! for a link from a template, the page it appears on.
//!
//! Warnings: an image without alt text, an image or script from another
//! site, a meeting without an end time, an edition without a summary.

mod html;
mod language;
mod resolve;

use crate::build::pipeline::{self, BuildOptions};
use crate::content::markdown::{self, FoundLink, RenderOptions};
use crate::content::{self, Kind, SourceFile};
use crate::theme::output_file::{self, Data};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use resolve::Target;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// The outcome of a check.
#[derive(Debug, Default)]
pub struct Report {
    /// Errors and warnings, sorted by file and line.
    pub problems: Vec<Diagnostic>,
    /// Web pages looked at, counted as `build` counts them (the 404 page
    /// included, e-mails apart).
    pub pages: usize,
    /// E-mail versions of editions looked at (HTML too, but not pages).
    pub emails: usize,
    /// Internal links followed.
    pub links: usize,
}

/// Runs the check on the site at `options.root`.
pub fn check(options: &BuildOptions) -> Report {
    let mut problems = Diagnostics::new();
    let (files, _) = content::discover(&options.root);
    let texts = read_texts(&files);
    section_warnings(&texts, options.drafts, &mut problems);
    let (site, built) = match pipeline::build_with_model(options) {
        Ok(result) => result,
        Err(build_problems) => {
            problems.extend(build_problems);
            return Report {
                problems: problems.into_sorted(),
                ..Report::default()
            };
        }
    };
    problems.extend(built.warnings.iter().cloned());
    let config = &site.config;
    language_warnings(&texts, options, config, &mut problems);
    problems.extend(crate::model::accountability::warnings(&site));
    let address = resolve::Site {
        base_url: &config.base_url,
        base_path: config.base_path(),
    };
    let output = Output::new(&built.files);
    let mut checker = Checker {
        address,
        output: &output,
        problems: &mut problems,
        links: 0,
        search: LineSearch::default(),
    };
    let mut from_markdown: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // Kept to the end: the line search remembers answers by text address.
    let docs = documents(&site, &texts, options, config);
    for doc in &docs {
        let claimed = checker.check_document(doc);
        from_markdown
            .entry(doc.output.clone())
            .or_default()
            .extend(claimed);
    }
    for (path, scan) in &output.pages {
        let claimed = from_markdown.remove(path).unwrap_or_default();
        checker.check_page(path, scan, claimed, &texts);
    }
    let links = checker.links;
    // The numbers build reports, so `build` and `check` agree.
    Report {
        problems: problems.into_sorted(),
        pages: built.stats.pages,
        emails: built.stats.emails,
        links,
    }
}

/// The built site as check sees it: every path, and each HTML page scanned.
struct Output {
    paths: BTreeSet<String>,
    pages: BTreeMap<String, html::Scan>,
}

impl Output {
    fn new(files: &[output_file::OutputFile]) -> Output {
        let mut paths = BTreeSet::new();
        let mut pages = BTreeMap::new();
        for file in files {
            paths.insert(file.path.clone());
            if let (true, Data::Bytes(bytes)) = (file.path.ends_with(".html"), &file.data) {
                pages.insert(
                    file.path.clone(),
                    html::scan(&String::from_utf8_lossy(bytes)),
                );
            }
        }
        Output { paths, pages }
    }

    /// The file a link target names; `a` also finds `a/index.html`, as
    /// every web host redirects there.
    fn find(&self, path: &str) -> Option<String> {
        if self.paths.contains(path) {
            return Some(path.to_string());
        }
        let index = format!("{path}/index.html");
        self.paths.contains(&index).then_some(index)
    }
}

/// A Markdown text and the page it ends up on.
struct Document {
    source: String,
    /// Output path of its page.
    output: String,
    /// The rendered HTML of the Markdown alone.
    html: String,
    /// Links with the lines they were written on.
    links: Vec<FoundLink>,
    /// The whole source file, to find lines of raw-HTML links.
    text: String,
    body_line: usize,
}

/// Every page's Markdown (from the site model), plus meetings and editions
/// (read here from their files, so check works for any section).
fn documents(
    site: &crate::model::Site,
    texts: &[(SourceFile, String)],
    options: &BuildOptions,
    config: &crate::content::config::SiteConfig,
) -> Vec<Document> {
    let by_name: HashMap<&str, &str> = texts
        .iter()
        .map(|(f, t)| (f.rel.as_str(), t.as_str()))
        .collect();
    let text_of = |source: &str| {
        by_name
            .get(source)
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    let mut docs: Vec<Document> = site
        .all_pages()
        .map(|page| Document {
            source: page.source.clone(),
            output: crate::model::pages::page_file(&page.path),
            html: page.html.clone(),
            links: page.rendered.links.clone(),
            text: text_of(&page.source),
            body_line: page.body_line,
        })
        .collect();
    for (file, text) in texts {
        // Meetings and editions render apart from the site's pages.
        let Some(folder) = crate::content::folders::of_kind(&file.kind)
            .filter(|f| f.format == crate::content::folders::Format::Markdown)
        else {
            continue;
        };
        let Some(front) = front_matter(text, &file.rel) else {
            continue;
        };
        if front.get("draft").and_then(serde_yaml::Value::as_bool) == Some(true) && !options.drafts
        {
            continue;
        }
        let Ok(split) = crate::content::source::split_front_matter(text, &file.rel) else {
            continue;
        };
        let slug = front
            .get("slug")
            .and_then(serde_yaml::Value::as_str)
            .unwrap_or(file.stem());
        let rendered = markdown::render(
            split.body,
            RenderOptions {
                base_path: config.base_path(),
                allow_raw_html: config.allow_raw_html,
                line_offset: split.body_line - 1,
                images: config.images_for(&file.rel),
            },
        );
        docs.push(Document {
            source: file.rel.clone(),
            output: crate::model::pages::page_file(&folder.item_path(slug)),
            html: rendered.html,
            links: rendered.links,
            text: text.clone(),
            body_line: split.body_line,
        });
    }
    docs
}

struct Checker<'a> {
    address: resolve::Site<'a>,
    output: &'a Output,
    problems: &'a mut Diagnostics,
    links: usize,
    search: LineSearch,
}

/// Finds the line a URL was written on when nothing else tells: a search
/// through source text. Each search remembers its answer, and all searches
/// of one check together read at most [`LineSearch::BUDGET`] bytes; past
/// that, lines are left out of messages. So the check stays linear however
/// many links a text holds.
/// The texts searched must live as long as it: answers are remembered by
/// the text's address.
#[derive(Default)]
struct LineSearch {
    read: usize,
    known: HashMap<(usize, usize, String), Option<usize>>,
}

impl LineSearch {
    const BUDGET: usize = 256 * 1024 * 1024;
    /// What a remembered answer or a look at one file counts, in bytes.
    const LOOKUP: usize = 64;

    fn exhausted(&self) -> bool {
        self.read > Self::BUDGET
    }

    /// [`line_of`], remembered, within the budget.
    fn line_of(&mut self, text: &str, needle: &str, from_line: usize) -> Option<usize> {
        if self.exhausted() {
            return None;
        }
        let key = (text.as_ptr() as usize, from_line, needle.to_string());
        self.read += needle.len() + Self::LOOKUP;
        if let Some(line) = self.known.get(&key) {
            return *line;
        }
        self.read += text.len();
        let line = line_of(text, needle, from_line);
        self.known.insert(key, line);
        line
    }
}

/// What is wrong with one internal link.
enum Broken {
    Missing,
    Outside,
    Anchor { fragment: String, page: String },
}

impl Checker<'_> {
    /// Checks every URL of a Markdown text against the page it lands on;
    /// returns the URLs it handled, so the page check skips them.
    fn check_document(&mut self, doc: &Document) -> Vec<String> {
        let scan = html::scan(&doc.html);
        // The lines of the Markdown links by URL, in the order written: the
        // n-th link to a URL on the page is the n-th written.
        let mut lines: HashMap<String, VecDeque<usize>> = HashMap::new();
        for l in &doc.links {
            lines
                .entry(as_rendered(&l.url, self.address.base_path))
                .or_default()
                .push_back(l.line);
        }
        let mut claimed = Vec::new();
        for link in &scan.links {
            let found = lines.get_mut(&link.value).and_then(VecDeque::pop_front);
            let line = match found {
                Some(line) => Some(line),
                None => self.search.line_of(&doc.text, &link.value, doc.body_line),
            };
            if let Some(broken) = self.follow(&link.value, &doc.output) {
                self.problems
                    .push(broken_link(&doc.source, line, &link.value, &broken));
            }
            if link.tag == "img" || link.tag == "script" {
                if let Some(d) = external_resource(&doc.source, line, link) {
                    self.problems.push(d);
                }
            }
            claimed.push(link.value.clone());
        }
        for image in doc.links.iter().filter(|l| l.is_image) {
            if image.alt.trim().is_empty() {
                self.problems
                    .push(missing_alt(&doc.source, Some(image.line), &image.url));
            }
        }
        for src in &scan.images_without_alt {
            let line = self.search.line_of(&doc.text, src, doc.body_line);
            self.problems.push(missing_alt(&doc.source, line, src));
        }
        claimed
    }

    /// Checks the URLs on a built page that no Markdown text accounts for:
    /// they come from templates, or from Markdown inside YAML files.
    fn check_page(
        &mut self,
        path: &str,
        scan: &html::Scan,
        claimed: Vec<String>,
        texts: &[(SourceFile, String)],
    ) {
        let mut unclaimed: HashMap<String, usize> = HashMap::new();
        for url in claimed {
            *unclaimed.entry(url).or_default() += 1;
        }
        for link in &scan.links {
            if let Some(count) = unclaimed.get_mut(&link.value).filter(|c| **c > 0) {
                *count -= 1;
                continue;
            }
            let broken = self.follow(&link.value, path);
            let external = external_resource("", None, link);
            if broken.is_none() && external.is_none() {
                continue;
            }
            let (file, line) = origin(&link.value, path, &self.address, texts, &mut self.search)
                .unwrap_or_else(|| (template_place(path), None));
            if let Some(broken) = broken {
                self.problems
                    .push(broken_link(&file, line, &link.value, &broken));
            }
            if external.is_some() {
                if let Some(d) = external_resource(&file, line, link) {
                    self.problems.push(d);
                }
            }
        }
        for src in &scan.images_without_alt {
            let (file, line) = origin(src, path, &self.address, texts, &mut self.search)
                .unwrap_or_else(|| (template_place(path), None));
            self.problems.push(missing_alt(&file, line, src));
        }
    }

    /// Follows one URL from the page at `from`; `None` when it works or
    /// leads elsewhere.
    fn follow(&mut self, url: &str, from: &str) -> Option<Broken> {
        let (path, fragment) = match resolve::resolve(url, from, &self.address) {
            Target::External => return None,
            Target::Outside => return Some(Broken::Outside),
            Target::Internal { path, fragment } => (path, fragment),
        };
        self.links += 1;
        let Some(file) = self.output.find(&path) else {
            return Some(Broken::Missing);
        };
        let fragment = fragment.filter(|f| f != "top")?;
        let page = self.output.pages.get(&file)?;
        if page.ids.contains(&fragment) {
            return None;
        }
        Some(Broken::Anchor {
            fragment,
            page: site_path(&file),
        })
    }
}

/// A Markdown URL as it appears in the HTML (root-relative ones get the
/// base path, as markdown.rs does).
fn as_rendered(url: &str, base_path: &str) -> String {
    if !markdown::is_safe_url(url) {
        return "#".into();
    }
    if url.starts_with('/') && !url.starts_with("//") && base_path != "/" {
        return format!("{}{}", base_path.trim_end_matches('/'), url);
    }
    url.to_string()
}

/// The first line (at or after `from_line`) of `text` that holds `needle`.
fn line_of(text: &str, needle: &str, from_line: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from_line.saturating_sub(1))
        .find(|(_, line)| line.contains(needle))
        .map(|(i, _)| i + 1)
}

/// Which content file (and line) wrote a URL that appears on a built page:
/// the file whose name matches the page wins, then the first in order.
fn origin(
    url: &str,
    page: &str,
    address: &resolve::Site,
    texts: &[(SourceFile, String)],
    search: &mut LineSearch,
) -> Option<(String, Option<usize>)> {
    if search.exhausted() {
        return None;
    }
    search.read += texts.len() * LineSearch::LOOKUP;
    let mut needles = vec![url.to_string()];
    for prefix in [address.base_url, address.base_path] {
        if let Some(rest) = url.strip_prefix(prefix).filter(|_| prefix != "/") {
            needles.push(format!("/{rest}"));
        }
    }
    let mut holds = |text: &str| needles.iter().find_map(|n| search.line_of(text, n, 1));
    let matching = texts
        .iter()
        .filter(|(f, _)| {
            page.contains(&format!("/{}/", f.stem())) || page.starts_with(&format!("{}/", f.stem()))
        })
        .chain(texts.iter());
    matching
        .filter(|(f, _)| !matches!(f.kind, Kind::Static { .. }))
        .find_map(|(f, text)| holds(text).map(|line| (f.rel.clone(), Some(line))))
}

/// Where a template link is reported: the site path of the page.
fn template_place(page: &str) -> String {
    format!("{} (sjabloon)", site_path(page))
}

/// `meedoen/index.html` → `/meedoen/`.
fn site_path(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

fn broken_link(file: &str, line: Option<usize>, url: &str, broken: &Broken) -> Diagnostic {
    let d = match broken {
        Broken::Missing => Diagnostic::error(
            file,
            format!("de link `{url}` werkt niet: die pagina of dat bestand bestaat niet"),
        )
        .hint(
            "controleer of het adres goed gespeld is. Een pagina uit content/pages/<naam>.md \
             heeft het adres /<naam>/ (met / aan het eind)",
        ),
        Broken::Outside => Diagnostic::error(
            file,
            format!("de link `{url}` wijst naar een adres buiten deze site"),
        )
        .hint("begin een link naar een eigen pagina met / en de naam, bijvoorbeeld /meedoen/; wijksite zet de rest ervoor"),
        Broken::Anchor { fragment, page } => Diagnostic::error(
            file,
            format!("de link `{url}` wijst naar `#{fragment}`, maar dat stuk staat niet op {page}"),
        )
        .hint("het stuk na # is de naam van een kop: de kop `## Eén keer` heet #een-keer. Kijk hoe de kop op die pagina heet"),
    };
    named(d.at_opt(line), file)
}

/// Keeps the place exactly as given (a site path such as `/meedoen/` is
/// not a file path to normalise).
fn named(mut diagnostic: Diagnostic, file: &str) -> Diagnostic {
    diagnostic.file = file.to_string();
    diagnostic
}

fn missing_alt(file: &str, line: Option<usize>, src: &str) -> Diagnostic {
    let d = Diagnostic::warning(
        file,
        format!("de afbeelding `{src}` heeft geen beschrijving (alt-tekst)"),
    )
    .at_opt(line)
    .hint("schrijf tussen de haken wat er te zien is, zoals ![Buren planten bloemen in de buurttuin](/fotos/tuin.jpg). Wie niet goed ziet, krijgt die tekst voorgelezen");
    named(d, file)
}

/// An image or script loaded from another site (its server sees every reader).
fn external_resource(file: &str, line: Option<usize>, link: &html::Link) -> Option<Diagnostic> {
    let lower = link.value.trim().to_ascii_lowercase();
    let loads = matches!(
        link.tag.as_str(),
        "img" | "script" | "iframe" | "audio" | "video" | "source"
    ) && link.attr == "src";
    if !loads
        || !(lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("//"))
    {
        return None;
    }
    let what = if link.tag == "img" {
        "de afbeelding"
    } else {
        "het bestand"
    };
    let d = Diagnostic::warning(
        file,
        format!("{what} `{}` komt van een andere website", link.value),
    )
    .at_opt(line)
    .hint("zet het bestand in content/static/ en link ernaar met /<bestand>. Dan ziet die andere website niet wie onze pagina's leest");
    Some(named(d, file))
}

/// Every Markdown and YAML file under content/, read once.
fn read_texts(files: &[SourceFile]) -> Vec<(SourceFile, String)> {
    files
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Static { .. } | Kind::Image))
        .filter_map(|f| f.read_text().ok().map(|text| (f.clone(), text)))
        .collect()
}

/// A Markdown file's front matter as plain YAML, if it parses.
fn front_matter(text: &str, file: &str) -> Option<serde_yaml::Mapping> {
    let split = crate::content::source::split_front_matter(text, file).ok()?;
    if crate::util::yaml_lines::too_deep(split.yaml).is_some() {
        return None; // the build reports it
    }
    serde_yaml::from_str::<serde_yaml::Mapping>(split.yaml).ok()
}

/// Plain-language warnings for the Markdown bodies and summaries of pages,
/// meetings and editions (see [`language`]); drafts only with `--drafts`.
fn language_warnings(
    texts: &[(SourceFile, String)],
    options: &BuildOptions,
    config: &crate::content::config::SiteConfig,
    problems: &mut Diagnostics,
) {
    let jargon = language::Jargon::load(&options.root, &config.theme, &config.jargon, problems);
    for (file, text) in texts {
        if !matches!(
            file.kind,
            Kind::Home
                | Kind::Page
                | Kind::WijkIndex { .. }
                | Kind::WijkPage { .. }
                | Kind::Meeting
                | Kind::Activity
                | Kind::Edition
        ) {
            continue;
        }
        let Some(front) = front_matter(text, &file.rel) else {
            continue; // the build reports what is wrong with it
        };
        if front.get("draft").and_then(serde_yaml::Value::as_bool) == Some(true) && !options.drafts
        {
            continue;
        }
        let Ok(split) = crate::content::source::split_front_matter(text, &file.rel) else {
            continue;
        };
        let mut report = language::FileReport::default();
        if let Some(summary) = front.get("summary").and_then(serde_yaml::Value::as_str) {
            let line = crate::util::yaml_lines::top_level_line(split.yaml, "summary")
                .map_or(split.yaml_line, |l| l + split.yaml_line - 1);
            let place = language::Place::new(&file.rel, line, "");
            language::check_plain(summary, &place, &jargon, &mut report, problems);
        }
        let place = language::Place::new(&file.rel, split.body_line, split.body);
        language::check_markdown(split.body, &place, &jargon, &mut report, problems);
        report.finish(&file.rel, &jargon, problems);
    }
}

/// Meetings without `end`, editions without `summary`. Read from the
/// front matter directly, so this works whatever the sections' models are.
fn section_warnings(texts: &[(SourceFile, String)], drafts: bool, problems: &mut Diagnostics) {
    for (file, text) in texts {
        let Some(crate::content::folders::Recommended { key, message, hint }) =
            crate::content::folders::of_kind(&file.kind).and_then(|f| f.recommended.as_ref())
        else {
            continue;
        };
        let Some(front) = front_matter(text, &file.rel) else {
            continue; // the build reports what is wrong with it
        };
        if front.get("draft").and_then(serde_yaml::Value::as_bool) == Some(true) && !drafts {
            continue;
        }
        let present = front.get(key).is_some_and(|v| match v {
            serde_yaml::Value::Null => false,
            serde_yaml::Value::String(s) => !s.trim().is_empty(),
            _ => true,
        });
        if !present {
            let line = line_of(text, "title:", 1);
            problems.push(
                Diagnostic::warning(&file.rel, *message)
                    .at_opt(line)
                    .hint(*hint),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_urls_get_the_base_path_like_the_renderer_gives_them() {
        assert_eq!(as_rendered("/a/", "/szh/"), "/szh/a/");
        assert_eq!(as_rendered("/a/", "/"), "/a/");
        assert_eq!(as_rendered("a/", "/szh/"), "a/");
        assert_eq!(as_rendered("javascript:x", "/"), "#");
    }

    #[test]
    fn lines_are_found_from_the_body_on() {
        let text = "---\ntitle: x\n---\n[a](/x/)\n\n[b](/x/)\n";
        assert_eq!(line_of(text, "(/x/)", 4), Some(4));
        assert_eq!(line_of(text, "(/x/)", 5), Some(6));
        assert_eq!(line_of(text, "/y/", 1), None);
    }

    #[test]
    fn template_problems_name_the_page() {
        assert_eq!(template_place("meedoen/index.html"), "/meedoen/ (sjabloon)");
        assert_eq!(template_place("404.html"), "/404.html (sjabloon)");
    }

    #[test]
    fn only_loaded_files_from_elsewhere_are_reported() {
        let link = |tag: &str, attr: &'static str, value: &str| html::Link {
            tag: tag.into(),
            attr,
            value: value.into(),
        };
        assert!(
            external_resource("a.md", None, &link("img", "src", "https://x.nl/a.jpg")).is_some()
        );
        assert!(external_resource("a.md", None, &link("script", "src", "//cdn.x/a.js")).is_some());
        assert!(external_resource("a.md", None, &link("a", "href", "https://x.nl/")).is_none());
        assert!(external_resource("a.md", None, &link("img", "src", "/a.jpg")).is_none());
    }
}
