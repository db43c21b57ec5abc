//! Site search: every published HTML page in the site's own chunked index
//! (formats/search_index.rs), read from the rendered pages while the site
//! builds and written like any other output file (`zoeken/data/…`, through
//! the sink, listed in the manifest).
//!
//! Which pages go in, and under which filters, is decided once for every
//! page, from its [`Job`], not per page type, so a new section's pages are
//! found without extra work:
//! - the base layout marks `<main>` with `data-zoek="<section>"` when the
//!   renderer hands it a `search` value ([`Facts`]); pages whose template
//!   does not extend `base.html` (posters, emails) and the 404 and search
//!   pages themselves get none, and neither does a draft (`--drafts`);
//! - **section**: the main-menu section whose path the page lies under
//!   (`/bijeenkomsten/…` → "Bijeenkomsten"), else "Wijkpagina's" under a
//!   wijk's path, else "Pagina's";
//! - **wijk** (`data-zoek-wijken`, slugs): the wijk whose path the page
//!   lies under, and every wijk named (by slug or name) in a value of the job
//!   named `wijk`, `wijken` or `…_wijken` (`meeting_wijken`), or in such a
//!   field of the page's own object, the job's first value
//!   (`meeting.wijken`, `project.wijk`, `edition.wijken`);
//! - **date** (`data-zoek-datum`): the `date_long` (or `start_long`) of that
//!   object, as the page shows it; a draft there (`draft: true`, with
//!   `--drafts`) is not indexed.
//!
//! A [`Collector`] wraps the build's sink: it passes every file on and
//! keeps, of each marked page, its text and weighted words (read on the
//! rendering threads, so in parallel), so a 10,000-page build holds the
//! text, not the pages. [`index`] then writes the index files.

use crate::build::output::Sink;
use crate::formats::search_index::{self, Document};
use crate::model::Site;
use crate::model::pages;
use crate::theme::output_file::{Data, OutputFile};
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::io;
use std::sync::Mutex;

/// The search page's site path.
pub const SEARCH_PATH: &str = "/zoeken/";

/// The folder of the index in the output.
pub const INDEX_DIR: &str = "zoeken/data";

/// The attributes the base layout puts on `<main>` of a page to index: its
/// section, its wijken (slugs, space-separated) and its date as shown.
const BODY_MARK: &str = "data-zoek";
const WIJK_MARK: &str = "data-zoek-wijken";
const DATE_MARK: &str = "data-zoek-datum";

/// The filters' names in the index and in the search page's address.
const SECTION_FILTER: &str = "sectie";
const WIJK_FILTER: &str = "wijk";

/// What the index files a page under, beyond its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub section: String,
    /// Slugs of the wijken, in the site's order, space-separated.
    pub wijken: String,
    /// The date as the page shows it.
    pub date: Option<String>,
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
            .map(|((slug, _), _)| slug.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let date = own.and_then(|o| {
            let day = ["date", "start"]
                .iter()
                .find_map(|f| o.get(*f).and_then(Value::as_str))?;
            day.get(..10).filter(|d| is_iso_day(d))?;
            o.get("date_long")
                .or_else(|| o.get("start_long"))
                .and_then(Value::as_str)
                .map(str::to_string)
        });
        Some(Facts {
            section,
            wijken,
            date,
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

/// Wraps the build's sink: passes every file on and keeps what the index
/// needs of each marked page.
pub struct Collector<'a> {
    inner: &'a dyn Sink,
    wijken: Vec<(String, String)>,
    kept: Mutex<Vec<Document>>,
}

impl<'a> Collector<'a> {
    pub fn new(inner: &'a dyn Sink, site: &Site) -> Self {
        Collector {
            inner,
            wijken: wijk_names(site),
            kept: Mutex::new(Vec::new()),
        }
    }

    /// The sink it passes files to.
    pub fn inner(&self) -> &'a dyn Sink {
        self.inner
    }

    /// The pages kept so far.
    pub fn into_pages(self) -> Vec<Document> {
        self.kept.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collector<'_> {
    fn put(&self, file: OutputFile) -> io::Result<OutputFile> {
        if let Data::Bytes(bytes) = &file.data {
            if let Some(kept) = keep(&file.path, bytes, &self.wijken) {
                self.kept
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(kept);
            }
        }
        self.inner.put(file)
    }
}

/// (slug, name) of every wijk, for [`keep`].
pub fn wijk_names(site: &Site) -> Vec<(String, String)> {
    site.wijken
        .iter()
        .map(|w| (w.config.slug.clone(), w.config.name.clone()))
        .collect()
}

/// What the index keeps of one output file: `None` unless it is an HTML
/// page whose `<main>` is marked for the index. `wijken` turns the slugs
/// of the mark into names.
pub fn keep(path: &str, bytes: &[u8], wijken: &[(String, String)]) -> Option<Document> {
    let dir = path.strip_suffix("index.html")?;
    if !(dir.is_empty() || dir.ends_with('/')) {
        return None;
    }
    let html = std::str::from_utf8(bytes).ok()?;
    let start = html.find("<main")?;
    let tag_end = start + html[start..].find('>')?;
    let tag = &html[start..tag_end];
    let section = attribute(tag, BODY_MARK)?;
    let end = html.rfind("</main>")?;
    if end <= tag_end {
        return None;
    }
    let text = search_index::read_text(&html[tag_end + 1..end]);
    let mut shown = vec![section.clone()];
    let mut filters = vec![(SECTION_FILTER.to_string(), section)];
    let slugs = attribute(tag, WIJK_MARK).unwrap_or_default();
    for slug in slugs.split_whitespace() {
        if let Some((_, name)) = wijken.iter().find(|(s, _)| s == slug) {
            shown.push(name.clone());
            filters.push((WIJK_FILTER.to_string(), name.clone()));
        }
    }
    if let Some(date) = attribute(tag, DATE_MARK).filter(|d| !d.is_empty()) {
        shown.push(date);
    }
    Some(Document {
        path: format!("/{dir}"),
        title: text.title,
        shown,
        filters,
        text: text.text,
        terms: text.terms,
        words: text.words,
    })
}

/// The value of attribute `name` in a start tag's text, decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[at..at + tag[at..].find('"')?];
    Some(search_index::decode_entities(value).into_owned())
}

/// The index of the kept `pages` as output files under [`INDEX_DIR`], each
/// handed to `emit` as soon as it is made: the fragments in parallel, side
/// by side with the word chunks. The same pages give the same files,
/// whatever order they came in. Returns what `emit` returned, in no set
/// order.
pub fn index_each<R: Send>(pages: Vec<Document>, emit: impl Fn(OutputFile) -> R + Sync) -> Vec<R> {
    let index = search_index::Index::new(pages);
    let file = |(name, bytes): search_index::IndexFile| {
        OutputFile::bytes(format!("{INDEX_DIR}/{name}"), bytes)
    };
    let (mut results, words) = rayon::join(
        || {
            index
                .fragment_files()
                .map(|f| emit(file(f)))
                .collect::<Vec<R>>()
        },
        || {
            index
                .files()
                .into_iter()
                .map(|f| emit(file(f)))
                .collect::<Vec<R>>()
        },
    );
    results.extend(words);
    results
}

/// [`index_each`]'s files, sorted by path.
pub fn index(pages: Vec<Document>) -> Vec<OutputFile> {
    let mut files = index_each(pages, |file| file);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The search page's job.
pub fn search_job(site: &Site) -> Job {
    Job::new("search.html", SEARCH_PATH, "zoeken").with(
        "search_index_url",
        &pages::url_for(&site.config, &format!("/{INDEX_DIR}/meta.json")),
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
        assert_eq!(facts.wijken, "zuid");
        assert_eq!(facts.date.as_deref(), Some("dinsdag 20 januari 2026"));
        let meeting = Job::new("meeting.html", "/bijeenkomsten/a/", "x")
            .with(
                "meeting",
                &json!({"start": "2026-03-10T19:30:00", "wijken": ["noord", "zuid"]}),
            )
            .with("meeting_wijken", &json!(["Noord"]));
        let facts = classifier().facts(&meeting).unwrap();
        assert_eq!(facts.section, "Bijeenkomsten");
        assert_eq!(facts.wijken, "noord zuid");
        assert_eq!(
            facts.date, None,
            "a date the page does not show is not shown"
        );
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
            ("Wijkpagina's", "noord".to_string())
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
        let wijken = vec![
            ("noord".to_string(), "Noord".to_string()),
            ("zuid".to_string(), "Zuid &amp; Oost".to_string()),
        ];
        let page = "<html><head><title>x</title></head><body><header>menu</header>\
            <main id=\"inhoud\" data-zoek=\"Pagina&#x27;s\" data-zoek-wijken=\"zuid noord onbekend\" \
            data-zoek-datum=\"1 maart 2026\"><h1>Bankje</h1><p>Bij de bushalte.</p></main>\
            <footer>voet</footer></body></html>";
        let doc = keep("a/b/index.html", page.as_bytes(), &wijken).unwrap();
        assert_eq!(doc.path, "/a/b/");
        assert_eq!(doc.title, "Bankje");
        assert_eq!(doc.text, "Bankje Bij de bushalte.");
        assert_eq!(
            doc.shown,
            ["Pagina's", "Zuid &amp; Oost", "Noord", "1 maart 2026"]
        );
        assert_eq!(
            doc.filters,
            [
                ("sectie".to_string(), "Pagina's".to_string()),
                ("wijk".to_string(), "Zuid &amp; Oost".to_string()),
                ("wijk".to_string(), "Noord".to_string()),
            ]
        );
        assert_eq!(
            keep("index.html", page.as_bytes(), &wijken).unwrap().path,
            "/"
        );
        let unmarked = page.replace(" data-zoek=\"Pagina&#x27;s\"", "");
        assert!(keep("a/index.html", unmarked.as_bytes(), &wijken).is_none());
        assert!(keep("a/poster.html", page.as_bytes(), &wijken).is_none());
        assert!(keep("a/notindex.html", page.as_bytes(), &wijken).is_none());
        assert!(keep("a/index.html", b"\xff\xfe", &wijken).is_none());
        assert!(keep("a/index.html", b"<main data-zoek=\"x\"", &wijken).is_none());
    }
}
