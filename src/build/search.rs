//! Site search: every published HTML page in Pagefind's chunked index,
//! built in process after the pages render, written like any other output
//! file (`pagefind/…`, through the sink, listed in the manifest).
//!
//! Which pages go in, and under which filters, is decided once for every
//! page, from its [`Job`], not per page type, so a new section's pages are
//! found without extra work:
//! - the base layout marks `<main>` with `data-pagefind-body` when the
//!   renderer hands it a `search` value ([`Facts`]); pages whose template
//!   does not extend `base.html` (posters, emails) and the 404 and search
//!   pages themselves get none, and neither does a draft (`--drafts`);
//! - **section**: the main-menu section whose path the page lies under
//!   (`/bijeenkomsten/…` → "Bijeenkomsten"), else "Wijkpagina's" under a
//!   wijk's path, else "Pagina's";
//! - **wijk**: the wijk whose path the page lies under, and every wijk
//!   named (by slug or name) in a value of the job named `wijk`, `wijken`
//!   or `…_wijken` (`meeting_wijken`), or in such a field of the page's
//!   own object, the job's first value (`meeting.wijken`, `project.wijk`,
//!   `edition.wijken`);
//! - **date**: the `date` (or `start`) field of that object, as a sort key
//!   and, with its `date_long`, as shown metadata; a draft there (`draft:
//!   true`, with `--drafts`) is not indexed.
//!
//! A [`Collector`] wraps the build's sink: it passes every file on and
//! keeps, of each marked page, only its `<main>` (the part Pagefind reads),
//! so a 10,000-page build holds the text, not the pages. [`index`] then
//! feeds them to Pagefind sorted by URL (Pagefind numbers pages in the
//! order they arrive, so this keeps the index byte-identical from build to
//! build) with the site's language forced (`nl`: Dutch stemming).

use crate::build::output::Sink;
use crate::model::Site;
use crate::model::pages;
use crate::theme::output_file::{Data, OutputFile};
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem};
use crate::util::diagnostics::Diagnostic;
use serde::Serialize;
use serde_json::Value;
use std::io;
use std::sync::Mutex;

/// The search page's site path.
pub const SEARCH_PATH: &str = "/zoeken/";

/// The folder of Pagefind's files in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// The attribute the base layout puts on `<main>` of a page to index.
const BODY_MARK: &str = "data-pagefind-body";

/// What the index files a page under, beyond its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub section: String,
    /// Names of the wijken, in the site's order.
    pub wijken: Vec<String>,
    /// `YYYY-MM-DD`, for sorting.
    pub date: Option<String>,
    /// The date as the page shows it.
    pub date_long: Option<String>,
}

/// Decides the [`Facts`] of each page of one build.
pub struct Classifier {
    /// `search: false` in site.yaml: no page is marked.
    on: bool,
    sections: Vec<MenuItem>,
    /// (slug, name) of every wijk.
    wijken: Vec<(String, String)>,
    pages_label: String,
    wijk_pages_label: String,
}

impl Classifier {
    pub fn new(site: &Site, sections: Vec<MenuItem>, strings: &UiStrings) -> Classifier {
        Classifier {
            on: site.config.search,
            sections,
            wijken: site
                .wijken
                .iter()
                .map(|w| (w.config.slug.clone(), w.config.name.clone()))
                .collect(),
            pages_label: strings.get(Ui::SearchSectionPages).to_string(),
            wijk_pages_label: strings.get(Ui::SearchSectionWijk).to_string(),
        }
    }

    /// The facts of the page `job` makes; `None` for a page that is not
    /// searched (a file path such as `/404.html`, the search page, a draft).
    pub fn facts(&self, job: &Job) -> Option<Facts> {
        let path = job.path.as_str();
        if !self.on || !path.ends_with('/') || path == SEARCH_PATH {
            return None;
        }
        // The page's own object is the job's first value (`page`,
        // `meeting`, `edition`, `project`, …); later ones are what it
        // shows of others (the next meeting on the home page).
        let own = job
            .keys
            .first()
            .and_then(|k| job.extra.get(k))
            .and_then(Value::as_object);
        if own.is_some_and(|o| o.get("draft") == Some(&Value::Bool(true))) {
            return None;
        }
        let under_wijk = self
            .wijken
            .iter()
            .position(|(slug, _)| path.starts_with(&format!("/{slug}/")));
        let section = match self
            .sections
            .iter()
            .find(|s| s.path != "/" && path.starts_with(&s.path))
        {
            Some(s) => s.title.clone(),
            None if under_wijk.is_some() => self.wijk_pages_label.clone(),
            None => self.pages_label.clone(),
        };
        let mut named = vec![false; self.wijken.len()];
        if let Some(i) = under_wijk {
            named[i] = true;
        }
        let mut mark = |text: &str| {
            if let Some(i) = self
                .wijken
                .iter()
                .position(|(slug, name)| slug == text || name == text)
            {
                named[i] = true;
            }
        };
        for key in job.keys.iter().filter(|k| is_wijk_key(k)) {
            if let Some(value) = job.extra.get(key) {
                strings_in(value, &mut mark);
            }
        }
        for (field, inner) in own.into_iter().flatten() {
            if is_wijk_key(field) {
                strings_in(inner, &mut mark);
            }
        }
        let wijken = self
            .wijken
            .iter()
            .zip(named)
            .filter(|(_, on)| *on)
            .map(|((_, name), _)| name.clone())
            .collect();
        let dated = own.and_then(|o| {
            let date = ["date", "start"]
                .iter()
                .find_map(|f| o.get(*f).and_then(Value::as_str))?;
            let day = date.get(..10).filter(|d| is_iso_day(d))?;
            let long = o
                .get("date_long")
                .or_else(|| o.get("start_long"))
                .and_then(Value::as_str);
            Some((day.to_string(), long.map(str::to_string)))
        });
        let (date, date_long) = match dated {
            Some((day, long)) => (Some(day), long),
            None => (None, None),
        };
        Some(Facts {
            section,
            wijken,
            date,
            date_long,
        })
    }
}

fn is_wijk_key(key: &str) -> bool {
    key == "wijk" || key == "wijken" || key.ends_with("_wijk") || key.ends_with("_wijken")
}

/// Calls `f` with the value when it is a string, with each string of a
/// list, and with the `slug` and `name` of an object (a wijk view).
fn strings_in(value: &Value, f: &mut impl FnMut(&str)) {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter().for_each(|v| strings_in(v, f)),
        Value::Object(o) => {
            for key in ["slug", "name"] {
                if let Some(Value::String(s)) = o.get(key) {
                    f(s);
                }
            }
        }
        _ => {}
    }
}

fn is_iso_day(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// A page kept for the index: its site path and the HTML Pagefind reads.
type Kept = (String, String);

/// Wraps the build's sink: passes every file on and keeps what the index
/// needs of each marked page.
pub struct Collector<'a> {
    inner: &'a dyn Sink,
    language: String,
    kept: Mutex<Vec<Kept>>,
}

impl<'a> Collector<'a> {
    pub fn new(inner: &'a dyn Sink, language: &str) -> Self {
        Collector {
            inner,
            language: language.to_string(),
            kept: Mutex::new(Vec::new()),
        }
    }

    /// The sink it passes files to.
    pub fn inner(&self) -> &'a dyn Sink {
        self.inner
    }

    /// The pages kept so far.
    pub fn into_pages(self) -> Vec<Kept> {
        self.kept.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collector<'_> {
    fn put(&self, file: OutputFile) -> io::Result<OutputFile> {
        if let Data::Bytes(bytes) = &file.data {
            if let Some(kept) = keep(&file.path, bytes, &self.language) {
                self.kept
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(kept);
            }
        }
        self.inner.put(file)
    }
}

/// What the index needs of one output file: `None` unless it is an HTML
/// page whose `<main>` is marked for the index.
pub fn keep(path: &str, bytes: &[u8], language: &str) -> Option<Kept> {
    let dir = path.strip_suffix("index.html")?;
    if !(dir.is_empty() || dir.ends_with('/')) {
        return None;
    }
    let html = std::str::from_utf8(bytes).ok()?;
    let start = html.find("<main")?;
    let tag_end = start + html[start..].find('>')?;
    if !html[start..tag_end].contains(BODY_MARK) {
        return None;
    }
    let end = html.rfind("</main>")? + "</main>".len();
    if end <= start {
        return None;
    }
    let main = &html[start..end];
    let mut compact = String::with_capacity(main.len() + 60);
    compact.push_str("<!DOCTYPE html><html lang=\"");
    compact.push_str(language);
    compact.push_str("\"><body>");
    compact.push_str(main);
    compact.push_str("</body></html>");
    Some((format!("/{dir}"), compact))
}

/// Every output file's kept part, for a site already in memory (serve).
pub fn keep_all<'f>(files: impl Iterator<Item = (&'f str, &'f [u8])>, language: &str) -> Vec<Kept> {
    files
        .filter_map(|(path, bytes)| keep(path, bytes, language))
        .collect()
}

/// Builds Pagefind's index of `pages` and hands back its files, under
/// [`BUNDLE_DIR`]. Pages are added sorted by path, so the same pages give
/// the same files.
pub fn index(mut pages: Vec<Kept>, language: &str) -> Result<Vec<OutputFile>, Diagnostic> {
    pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    pages.dedup_by(|a, b| a.0 == b.0);
    let failed = |what: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(
            BUNDLE_DIR,
            format!("de zoekfunctie kon de zoekindex niet maken ({what}: {e})"),
        )
        .hint("meld dit bij de beheerder van wijksite; de site zelf is in orde")
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed("runtime", &e))?;
    let config = pagefind::options::PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .keep_index_url(false)
        .build();
    let mut search =
        pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| failed("instellingen", &e))?;
    let files = runtime.block_on(async {
        for (path, html) in pages {
            search
                .add_html_file(None, Some(path.clone()), html)
                .await
                .map_err(|e| failed(&path, &e))?;
        }
        search
            .get_files()
            .await
            .map_err(|e| failed("bestanden", &e))
    })?;
    let mut out: Vec<OutputFile> = files
        .into_iter()
        .filter(|file| !is_unused_ui(&file.filename))
        .map(|file| {
            let name = crate::util::diagnostics::display_path(&file.filename);
            OutputFile::bytes(format!("{BUNDLE_DIR}/{name}"), file.contents)
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Pagefind's ready-made interfaces (default, modular, component) and
/// its highlighter: the theme has its own small script (search.js), so
/// these ~430 kB are left out of the site.
fn is_unused_ui(name: &std::path::Path) -> bool {
    let name = name.to_string_lossy();
    name.starts_with("pagefind-ui.")
        || name.starts_with("pagefind-modular-ui.")
        || name.starts_with("pagefind-component-ui.")
        || name.starts_with("pagefind-highlight.")
}

/// The search page's job.
pub fn search_job(site: &Site) -> Job {
    Job::new("search.html", SEARCH_PATH, "zoeken").with(
        "pagefind_url",
        &pages::url_for(&site.config, &format!("/{BUNDLE_DIR}/pagefind.js")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn classifier() -> Classifier {
        let config = crate::model::test_support::config();
        let site = crate::build::pipeline::assemble(config, Vec::new(), Vec::new());
        let sections = vec![
            MenuItem::new(&site.config, "Bijeenkomsten", "/bijeenkomsten/"),
            MenuItem::new(&site.config, "Verslagen", "/verslagen/"),
        ];
        Classifier::new(&site, sections, &UiStrings::wijk_theme())
    }

    #[test]
    fn a_new_page_type_is_filed_by_its_menu_section_wijk_field_and_date() {
        let job = Job::new("report.html", "/verslagen/2026-01/", "x").with(
            "report",
            &json!({"title": "Verslag", "wijk": "zuid", "date": "2026-01-20",
                    "date_long": "dinsdag 20 januari 2026"}),
        );
        let facts = classifier().facts(&job).unwrap();
        assert_eq!(facts.section, "Verslagen");
        assert_eq!(facts.wijken, ["Zuid"]);
        assert_eq!(facts.date.as_deref(), Some("2026-01-20"));
        assert_eq!(facts.date_long.as_deref(), Some("dinsdag 20 januari 2026"));
        let meeting = Job::new("meeting.html", "/bijeenkomsten/a/", "x")
            .with(
                "meeting",
                &json!({"start": "2026-03-10T19:30:00", "wijken": ["noord", "zuid"]}),
            )
            .with("meeting_wijken", &json!(["Noord"]));
        let facts = classifier().facts(&meeting).unwrap();
        assert_eq!(facts.section, "Bijeenkomsten");
        assert_eq!(facts.wijken, ["Noord", "Zuid"]);
        assert_eq!(facts.date.as_deref(), Some("2026-03-10"));
    }

    #[test]
    fn what_a_page_shows_of_others_is_not_its_own() {
        let home = Job::new("index.html", "/", "x")
            .with("page", &json!({"title": "Welkom"}))
            .with(
                "next_meeting",
                &json!({"wijken": ["noord"], "date": "2026-03-10"}),
            );
        let facts = classifier().facts(&home).unwrap();
        assert_eq!(facts.section, "Pagina's");
        assert!(facts.wijken.is_empty() && facts.date.is_none(), "{facts:?}");
        let wijk_page = Job::new("page.html", "/noord/bankje/", "x").with("page", &json!({}));
        let facts = classifier().facts(&wijk_page).unwrap();
        assert_eq!(
            (facts.section.as_str(), facts.wijken),
            ("Wijkpagina's", vec!["Noord".to_string()])
        );
    }

    #[test]
    fn the_404_and_search_pages_and_drafts_are_not_indexed() {
        let c = classifier();
        assert!(c.facts(&Job::new("404.html", "/404.html", "x")).is_none());
        assert!(
            c.facts(&Job::new("search.html", SEARCH_PATH, "x"))
                .is_none()
        );
        let draft = Job::new("page.html", "/a/", "x").with("page", &json!({"draft": true}));
        assert!(c.facts(&draft).is_none());
        let published = Job::new("page.html", "/a/", "x").with("page", &json!({"draft": false}));
        assert!(c.facts(&published).is_some());
    }

    #[test]
    fn only_marked_pages_are_kept_and_only_their_main() {
        let page = "<html><head><title>x</title></head><body><header>menu</header>\
            <main id=\"inhoud\" data-pagefind-body><h1>Bankje</h1></main><footer>f</footer></body></html>";
        let (path, html) = keep("a/b/index.html", page.as_bytes(), "nl").unwrap();
        assert_eq!(path, "/a/b/");
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"nl\"><body><main"));
        assert!(html.contains("<h1>Bankje</h1>") && !html.contains("menu"));
        assert_eq!(keep("index.html", page.as_bytes(), "nl").unwrap().0, "/");
        let unmarked = page.replace(" data-pagefind-body", "");
        assert!(keep("a/index.html", unmarked.as_bytes(), "nl").is_none());
        assert!(keep("a/poster.html", page.as_bytes(), "nl").is_none());
        assert!(keep("a/notindex.html", page.as_bytes(), "nl").is_none());
        assert!(keep("a/index.html", b"\xff\xfe", "nl").is_none());
        assert!(keep("a/index.html", b"<main data-pagefind-body", "nl").is_none());
    }

    #[test]
    fn the_index_is_the_same_whatever_order_pages_arrive_in() {
        let page = |title: &str, body: &str| {
            format!(
                "<html lang=\"nl\"><body><main data-pagefind-body><h1>{title}</h1><p>{body}</p></main></body></html>"
            )
        };
        let pages = vec![
            (
                "/b/".to_string(),
                page("Bijeenkomsten", "Alle bijeenkomsten in de wijk."),
            ),
            (
                "/a/".to_string(),
                page("Bankje", "Een bankje bij de bushalte."),
            ),
        ];
        let first = index(pages.clone(), "nl").unwrap();
        let mut reversed = pages;
        reversed.reverse();
        let second = index(reversed, "nl").unwrap();
        assert_eq!(first, second, "the order pages arrive in changes nothing");
        let names: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/wasm.nl.pagefind"), "{names:?}");
        assert!(names.contains(&"pagefind/pagefind-entry.json"), "{names:?}");
        assert!(
            names.iter().any(|n| n.ends_with(".pf_fragment")),
            "{names:?}"
        );
        assert!(
            names.iter().all(|n| n.starts_with("pagefind/")),
            "{names:?}"
        );
    }
}
