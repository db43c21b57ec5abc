//! Site search's own index format: what a page says (its plain text and its
//! words, stemmed in Dutch and weighted) read from the page's HTML, and the
//! chunked JSON index the theme's search script (themes/wijk/static/
//! search.js) reads. It knows nothing of the site: the build decides which
//! pages go in and under which filters (build/search.rs).
//!
//! The index is made for a phone on a slow line: a search loads the small
//! manifest, one word chunk per typed word, one filter list per chosen filter
//! and the fragments of the results shown, never the whole index:
//! - `meta.json`: the version (a hash of everything below, so browsers never
//!   mix two builds), the number of pages, the stop words, the first word of
//!   every chunk and the values of every filter;
//! - `w/<n>.json`: word chunks, the words (stems) in sorted order, each with
//!   its pages as `[id gap, score, id gap, score, …]`; a chunk holds about
//!   [`CHUNK_BYTES`] of postings, so the browser finds a word's chunk by
//!   binary search on the first words, and a typed beginning of a word
//!   (`bijeenk`) its neighbours;
//! - `f/<filter>-<n>.json`: the pages of one filter value, as id gaps;
//! - `p/<n>.json`: the fragments of [`FRAGMENT_BUNDLE`] pages (ids n × 4
//!   and on): address, title, shown facts and the first [`FRAGMENT_TEXT`]
//!   bytes of the text, for the result and its excerpt.
//!
//! Page ids follow the pages' addresses in sorted order, and every file is
//! written from sorted data, so the same pages give byte-identical files
//! whatever order they arrive in.
//!
//! Words are runs of letters and digits (`char::is_alphanumeric`; a soft
//! hyphen inside a word is dropped, not a boundary),
//! lowercased, stemmed with the Snowball Dutch stemmer; the browser does the
//! same with a port of it (themes/wijk/static/stem-nl.js, kept equal by
//! tests/search_stemmer.rs). A word's score on a page is BM25's term part
//! (k1 = 1.2, b = 0.75) of its weighted count (title 5, headings 2, text 1),
//! times ten, rounded; the browser multiplies it by the word's rarity.

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::cell::RefCell;

/// About how many bytes of postings go into one word chunk.
pub const CHUNK_BYTES: usize = 24 * 1024;

/// How much of a page's text its fragment keeps (for the excerpt).
pub const FRAGMENT_TEXT: usize = 2000;

/// How many pages' fragments share a file: a file per page would double
/// the files of a big site (a tenth of its build time); four keep a search
/// that shows 20 results under about 200 kB.
pub const FRAGMENT_BUNDLE: usize = 4;

/// Weight of a word in the page's title (its first `<h1>`).
const TITLE_WEIGHT: u32 = 5;
/// Weight of a word in another heading.
const HEADING_WEIGHT: u32 = 2;

/// Words too common to find anything by; they are left out of the index,
/// and the browser leaves them out of a search (the manifest lists them).
pub const STOP_WORDS: [&str; 48] = [
    "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "door", "een", "en", "er", "het",
    "hij", "hoe", "ik", "in", "is", "je", "kan", "maar", "met", "na", "naar", "niet", "nog", "of",
    "om", "ook", "op", "over", "te", "tot", "u", "uit", "van", "voor", "was", "wat", "we", "wel",
    "wie", "wij", "wordt", "ze", "zijn", "zo",
];

/// What the index keeps of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The page's site path (`/bijeenkomsten/x/`): its id's sort key.
    pub path: String,
    pub title: String,
    /// Facts the result shows under its title (section, wijk, date), in
    /// order.
    pub shown: Vec<String>,
    /// (filter, value) pairs the page is found under.
    pub filters: Vec<(String, String)>,
    /// The start of the page's text, for the excerpt.
    pub text: String,
    pub terms: Terms,
    /// The number of words on the page.
    pub words: u32,
}

/// A page's text read from its HTML.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageText {
    pub title: String,
    /// All the text, whitespace collapsed, capped at [`FRAGMENT_TEXT`].
    pub text: String,
    pub terms: Terms,
    pub words: u32,
}

/// A page's stems, each with its weighted count, sorted by stem; kept
/// compact (one string, one number per stem), since a build holds them for
/// every page until the index is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Terms {
    /// The stems, separated by newlines (a stem has none).
    stems: String,
    weights: Vec<u16>,
}

impl Terms {
    /// The terms of `counts`, in the order given (a map's order: Fx has
    /// no seed, so the same page gives the same order).
    fn new<'s>(counts: impl ExactSizeIterator<Item = (&'s str, u32)>) -> Terms {
        let mut terms = Terms {
            stems: String::with_capacity(counts.len() * 8),
            weights: Vec::with_capacity(counts.len()),
        };
        for (stem, weight) in counts {
            if !terms.weights.is_empty() {
                terms.stems.push('\n');
            }
            terms.stems.push_str(stem);
            terms
                .weights
                .push(u16::try_from(weight).unwrap_or(u16::MAX));
        }
        terms
    }

    /// Each stem with its weighted count.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u16)> {
        self.stems.split('\n').zip(self.weights.iter().copied())
    }
}

/// Elements whose content is not text to find.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "svg" | "noscript" | "form" | "button" | "select"
    )
}

/// Elements that have no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements inside a line of text: no word boundary at their tags.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
    )
}

/// One tag as the scanner reads it.
struct Tag<'a> {
    name: Cow<'a, str>,
    end: bool,
    self_closing: bool,
    attributes: &'a str,
}

impl Tag<'_> {
    /// The value of attribute `wanted` (entities decoded), `Some("")` for
    /// one without a value.
    fn attribute(&self, wanted: &str) -> Option<String> {
        attributes(self.attributes)
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| decode_entities(value).into_owned())
    }
}

/// The (name, raw value) pairs of a start tag's attribute text.
fn attributes(mut rest: &str) -> impl Iterator<Item = (&str, &str)> {
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            return Some((name, ""));
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after[1..];
                match body.find(q) {
                    Some(end) => (&body[..end], &body[end + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        rest = next;
        Some((name, value))
    })
}

/// Reads the tag that starts at `html[0] == '<'`; its length and the tag,
/// or `None` when this `<` starts no tag (text such as `a < b`).
fn read_tag(html: &str) -> Option<(usize, Tag<'_>)> {
    let inner = &html[1..];
    let (end, body) = match inner.strip_prefix('/') {
        Some(body) => (true, body),
        None => (false, inner),
    };
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(body.len());
    let name = &body[..name_end];
    let name = match name.bytes().any(|b| b.is_ascii_uppercase()) {
        true => Cow::Owned(name.to_ascii_lowercase()),
        false => Cow::Borrowed(name),
    };
    // The tag ends at the first `>` outside a quoted value (bytes: no
    // character but these ASCII ones has them).
    let mut quote = None;
    let mut close = None;
    for (i, &b) in body.as_bytes()[name_end..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => {
                close = Some(name_end + i);
                break;
            }
            _ => {}
        }
    }
    let close = close?;
    let attributes = &body[name_end..close];
    let self_closing = attributes.trim_end().ends_with('/');
    let length = 1 + usize::from(end) + close + 1;
    Some((
        length,
        Tag {
            name,
            end,
            self_closing,
            attributes,
        },
    ))
}

/// Where the text goes while scanning.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    Title,
    Heading,
    Body,
}

/// Reads the text of `main`, the inner HTML of a page's main element:
/// skips scripts, forms, SVG, `hidden` elements and those marked
/// `data-zoek-negeer`; the first `<h1>` is the title.
pub fn read_text(main: &str) -> PageText {
    LEXICON.with(|lexicon| {
        let mut lexicon = lexicon.borrow_mut();
        lexicon.start_page();
        read_text_with(main, &mut lexicon)
    })
}

fn read_text_with(main: &str, lexicon: &mut Lexicon) -> PageText {
    let mut collector = TextCollector {
        lexicon,
        title: String::new(),
        text: String::new(),
        pending: String::new(),
        pending_zone: None,
        word: String::new(),
        words: 0,
    };
    let mut rest = main;
    // The element being skipped and how deep in elements of its name.
    let mut skipping: Option<(Cow<str>, usize)> = None;
    let mut zone = Zone::Body;
    let mut zone_tag = Cow::Borrowed("");
    let mut seen_title = false;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping.is_none() {
                collector.text(&decode_entities(rest), zone);
            }
            break;
        };
        if lt > 0 && skipping.is_none() {
            collector.text(&decode_entities(&rest[..lt]), zone);
        }
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some((length, tag)) = read_tag(rest) else {
            if skipping.is_none() {
                collector.text("<", zone);
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[length..];
        if let Some((name, depth)) = &mut skipping {
            if *name == tag.name && !tag.self_closing {
                if tag.end {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            continue;
        }
        if !is_inline(&tag.name) {
            collector.boundary();
        }
        if tag.end {
            if zone != Zone::Body && tag.name == zone_tag {
                zone = Zone::Body;
            }
            continue;
        }
        let void = is_void(&tag.name) || tag.self_closing;
        if !void
            && (is_skipped(&tag.name)
                || (tag.attributes.contains("hidden") && tag.attribute("hidden").is_some())
                || (tag.attributes.contains("data-zoek-negeer")
                    && tag.attribute("data-zoek-negeer").is_some()))
        {
            skipping = Some((tag.name, 1));
            continue;
        }
        if tag.name == "img" {
            if let Some(alt) = tag.attribute("alt") {
                collector.text(&alt, zone);
                collector.boundary();
            }
            continue;
        }
        match &*tag.name {
            "h1" if !seen_title => {
                seen_title = true;
                zone = Zone::Title;
                zone_tag = tag.name;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                zone = Zone::Heading;
                zone_tag = tag.name;
            }
            _ => {}
        }
    }
    collector.finish()
}

/// Gathers text and counts words while [`read_text`] scans.
struct TextCollector<'l> {
    lexicon: &'l mut Lexicon,
    title: String,
    text: String,
    /// Text not yet split into words (a word may continue after an inline
    /// tag), with its zone.
    pending: String,
    pending_zone: Option<Zone>,
    /// The word being read (a buffer kept between calls).
    word: String,
    words: u32,
}

impl TextCollector<'_> {
    fn text(&mut self, text: &str, zone: Zone) {
        if text.is_empty() {
            return;
        }
        if self.pending_zone.is_some_and(|z| z != zone) {
            self.boundary();
        }
        self.pending_zone = Some(zone);
        self.pending.push_str(text);
        if zone == Zone::Title {
            self.title.push_str(text);
        }
    }

    /// A word boundary: the pending text is counted and kept.
    fn boundary(&mut self) {
        let Some(zone) = self.pending_zone.take() else {
            return;
        };
        let weight = match zone {
            Zone::Title => TITLE_WEIGHT,
            Zone::Heading => HEADING_WEIGHT,
            Zone::Body => 1,
        };
        let mut pending = std::mem::take(&mut self.pending);
        // The words of the lowercased text (as `words` splits it), one
        // character at a time into a reused buffer: this runs on every
        // byte of every page.
        let mut word = std::mem::take(&mut self.word);
        if pending.is_ascii() {
            for &b in pending.as_bytes() {
                if b.is_ascii_alphanumeric() {
                    word.push(char::from(b.to_ascii_lowercase()));
                } else {
                    self.count(&mut word, weight);
                }
            }
        }
        // Lowercased as a whole when not ASCII: a Greek capital sigma
        // lowercases by its place in the word, as in the browser.
        let lowered = match pending.is_ascii() {
            true => String::new(),
            false => pending.to_lowercase(),
        };
        for c in lowered.chars() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !c.is_ascii() && c.is_alphanumeric() {
                word.push(c);
            } else if c == SOFT_HYPHEN {
                // Invisible unless the line breaks there: "wijk&shy;centrum"
                // is the word "wijkcentrum", as search.js reads it.
            } else {
                self.count(&mut word, weight);
            }
        }
        self.count(&mut word, weight);
        self.word = word;
        if self.text.len() < FRAGMENT_TEXT {
            let trimmed = pending.split_whitespace();
            for piece in trimmed {
                if !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.text.push_str(piece);
                if self.text.len() >= FRAGMENT_TEXT {
                    break;
                }
            }
            if self.text.len() > FRAGMENT_TEXT {
                let mut end = FRAGMENT_TEXT;
                while !self.text.is_char_boundary(end) {
                    end -= 1;
                }
                self.text.truncate(end);
            }
        }
        if zone == Zone::Title {
            self.title.push(' ');
        }
        pending.clear();
        self.pending = pending;
    }

    /// Counts the word in `word` (if any) with `weight`, and empties it.
    fn count(&mut self, word: &mut String, weight: u32) {
        if word.is_empty() {
            return;
        }
        self.words += 1;
        self.lexicon.count(word, weight);
        word.clear();
    }

    fn finish(mut self) -> PageText {
        self.boundary();
        let terms = self.lexicon.take_terms();
        PageText {
            title: self.title.split_whitespace().collect::<Vec<_>>().join(" "),
            text: self.text,
            terms,
            words: self.words,
        }
    }
}

/// U+00AD, the soft hyphen editors put in long words so that they break
/// well on a phone: not a word boundary.
const SOFT_HYPHEN: char = '\u{ad}';

/// Whether a lowercase word is one of [`STOP_WORDS`] (a `match`: it runs
/// for every word of every page).
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "aan"
            | "al"
            | "als"
            | "bij"
            | "dan"
            | "dat"
            | "de"
            | "die"
            | "dit"
            | "door"
            | "een"
            | "en"
            | "er"
            | "het"
            | "hij"
            | "hoe"
            | "ik"
            | "in"
            | "is"
            | "je"
            | "kan"
            | "maar"
            | "met"
            | "na"
            | "naar"
            | "niet"
            | "nog"
            | "of"
            | "om"
            | "ook"
            | "op"
            | "over"
            | "te"
            | "tot"
            | "u"
            | "uit"
            | "van"
            | "voor"
            | "was"
            | "wat"
            | "we"
            | "wel"
            | "wie"
            | "wij"
            | "wordt"
            | "ze"
            | "zijn"
            | "zo"
    )
}

thread_local! {
    /// Each rendering thread's lexicon: pages are read one at a time per
    /// thread.
    static LEXICON: RefCell<Lexicon> = RefCell::new(Lexicon::default());
}

/// The most words a thread's lexicon keeps (bounded memory on any site);
/// past it, it starts again at the next page.
const LEXICON_WORDS: usize = 200_000;

/// The words a thread has met, each with an id and its stem (none for a stop
/// word), and the weighted count of each on the page being read. A word is
/// stemmed once per thread, not once per page, and counting one is an array
/// step.
#[derive(Default)]
struct Lexicon {
    ids: FxHashMap<Box<str>, u32>,
    /// By id.
    stems: Vec<Option<Box<str>>>,
    /// By id: the weighted count on the page being read.
    counts: Vec<u32>,
    /// The ids counted on this page, in the order first met.
    seen: Vec<u32>,
}

impl Lexicon {
    /// Ready for a new page.
    fn start_page(&mut self) {
        if self.ids.len() >= LEXICON_WORDS {
            *self = Lexicon::default();
        }
        for id in self.seen.drain(..) {
            self.counts[id as usize] = 0;
        }
    }

    fn count(&mut self, word: &str, weight: u32) {
        let id = match self.ids.get(word) {
            Some(&id) => id as usize,
            None => {
                let id = self.stems.len();
                self.ids.insert(word.into(), id as u32);
                self.stems
                    .push((!is_stop_word(word)).then(|| stem(word).into()));
                self.counts.push(0);
                id
            }
        };
        if self.stems[id].is_some() {
            let count = &mut self.counts[id];
            if *count == 0 {
                self.seen.push(id as u32);
            }
            *count = count.saturating_add(weight);
        }
    }

    /// The page's stems with their counts, in the order first met (so the
    /// same page gives the same terms on any thread).
    fn take_terms(&mut self) -> Terms {
        let mut order: Vec<(&str, u32)> = Vec::with_capacity(self.seen.len());
        let mut at: FxHashMap<&str, usize> = FxHashMap::default();
        for &id in &self.seen {
            let id = id as usize;
            let (Some(stem), count) = (self.stems[id].as_deref(), self.counts[id]) else {
                continue;
            };
            match at.get(stem) {
                Some(&i) => order[i].1 = order[i].1.saturating_add(count),
                None => {
                    at.insert(stem, order.len());
                    order.push((stem, count));
                }
            }
        }
        Terms::new(order.into_iter())
    }
}

/// The Dutch stem of a lowercase word. Snowball's Dutch stemmer keeps the
/// plural `-s` after a vowel, so a word of five letters or more ending in
/// `-es` (`bankjes`, `bushaltes`) first loses its `s`, as search.js does
/// before it stems: then "bankjes" finds "bankje".
pub fn stem(word: &str) -> String {
    let word = match word.strip_suffix("es") {
        Some(_) if word.chars().count() >= 5 => &word[..word.len() - 1],
        _ => word,
    };
    Stemmer::create(Algorithm::Dutch).stem(word).into_owned()
}

/// Decodes the character references HTML writers put in text: the named
/// ones Tera, pulldown-cmark and ammonia write, and every numeric one.
/// Unknown names stay as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|e| e + 1);
        let decoded = match end {
            Some(end) if rest[end..].starts_with(';') => {
                let name = &rest[1..end];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    _ => name.strip_prefix('#').and_then(|n| {
                        let code = match n.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok(),
                            None => n.parse().ok(),
                        };
                        code.and_then(char::from_u32)
                    }),
                };
                c.map(|c| (c, end + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A filter's value with the ids of its pages.
type FilterValue<'a> = (&'a str, Vec<u32>);

/// A file of the index: its path inside the index folder and its bytes.
pub type IndexFile = (String, Vec<u8>);

#[derive(Serialize)]
struct Manifest<'a> {
    version: String,
    pages: usize,
    /// Pages per fragment file.
    bundle: usize,
    stop: &'a [&'a str],
    /// The first stem of each chunk `w/<n>.json`.
    chunks: Vec<&'a str>,
    /// Per filter, its values with their number of pages; value n's pages
    /// are in `f/<filter>-<n>.json`.
    filters: Vec<(&'a str, Vec<(&'a str, usize)>)>,
}

#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    title: &'a str,
    shown: &'a [String],
    text: &'a str,
}

/// The pages of an index, numbered, ready to write its files: the word
/// chunks, filters and manifest with [`Index::files`], the fragments with
/// [`Index::fragment_files`] (in parallel, so both can run side by side).
pub struct Index {
    /// In id order (sorted by path), their words given up to `terms`.
    pages: Vec<Document>,
    terms: Vec<Terms>,
    chunk_bytes: usize,
}

impl Index {
    /// The index of `documents` (any order; duplicates by path keep the
    /// first).
    pub fn new(documents: Vec<Document>) -> Index {
        Index::with_chunks(documents, CHUNK_BYTES)
    }

    fn with_chunks(mut documents: Vec<Document>, chunk_bytes: usize) -> Index {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        documents.dedup_by(|later, first| later.path == first.path);
        let terms = documents
            .iter_mut()
            .map(|d| std::mem::take(&mut d.terms))
            .collect();
        Index {
            pages: documents,
            terms,
            chunk_bytes,
        }
    }

    /// The fragments, [`FRAGMENT_BUNDLE`] pages to a file (`p/<n>.json`
    /// holds ids n × FRAGMENT_BUNDLE and on), made in parallel.
    pub fn fragment_files(&self) -> impl ParallelIterator<Item = IndexFile> + '_ {
        self.pages
            .par_chunks(FRAGMENT_BUNDLE)
            .enumerate()
            .map(|(n, pages)| {
                let bundle: Vec<Fragment> = pages
                    .iter()
                    .map(|page| Fragment {
                        url: &page.path,
                        title: &page.title,
                        shown: &page.shown,
                        text: &page.text,
                    })
                    .collect();
                (
                    format!("p/{n}.json"),
                    serde_json::to_vec(&bundle).unwrap_or_default(),
                )
            })
    }

    /// The word chunks, filter lists and manifest.
    pub fn files(&self) -> Vec<IndexFile> {
        build_files(&self.pages, &self.terms, self.chunk_bytes)
    }
}

/// [`Index::files`].
fn build_files(documents: &[Document], terms: &[Terms], chunk_bytes: usize) -> Vec<IndexFile> {
    let count = documents.len();
    let average = if count == 0 {
        1.0
    } else {
        documents.iter().map(|d| f64::from(d.words)).sum::<f64>() / count as f64
    }
    .max(1.0);

    // Postings, in id order because documents are walked in id order.
    let mut postings: FxHashMap<&str, Vec<(u32, u8)>> = FxHashMap::default();
    for (id, (doc, terms)) in documents.iter().zip(terms).enumerate() {
        let norm = 1.2 * (0.25 + 0.75 * f64::from(doc.words) / average);
        for (stem, weight) in terms.iter() {
            let w = f64::from(weight);
            // At most 22 (10 × (k1 + 1)).
            let score = (10.0 * w * 2.2 / (w + norm)).round().clamp(1.0, 255.0) as u8;
            postings.entry(stem).or_default().push((id as u32, score));
        }
    }
    let mut stems: Vec<(&str, Vec<(u32, u8)>)> = postings.into_iter().collect();
    stems.sort_unstable_by(|a, b| a.0.cmp(b.0));

    let mut files: Vec<IndexFile> = Vec::new();
    let mut firsts: Vec<&str> = Vec::new();
    let mut chunk = String::new();
    for (stem, list) in &stems {
        if chunk.is_empty() {
            firsts.push(stem);
            chunk.push('[');
        } else {
            chunk.push(',');
        }
        chunk.push_str(&serde_json::to_string(stem).unwrap_or_default());
        chunk.push_str(",[");
        let mut last = 0;
        for (i, (id, score)) in list.iter().enumerate() {
            if i > 0 {
                chunk.push(',');
            }
            chunk.push_str(&(id - last).to_string());
            chunk.push(',');
            chunk.push_str(&score.to_string());
            last = *id;
        }
        chunk.push(']');
        if chunk.len() >= chunk_bytes {
            chunk.push(']');
            files.push((format!("w/{}.json", firsts.len() - 1), chunk.into_bytes()));
            chunk = String::new();
        }
    }
    if !chunk.is_empty() {
        chunk.push(']');
        files.push((format!("w/{}.json", firsts.len() - 1), chunk.into_bytes()));
    }

    // Filters: names in first-seen order of sorted pages would depend on
    // the pages, so both names and values are sorted.
    let mut filters: Vec<(&str, Vec<FilterValue>)> = Vec::new();
    for (id, doc) in documents.iter().enumerate() {
        for (name, value) in &doc.filters {
            let values = match filters.iter_mut().find(|(n, _)| n == name) {
                Some((_, values)) => values,
                None => {
                    filters.push((name, Vec::new()));
                    &mut filters.last_mut().expect("just pushed").1
                }
            };
            match values.iter_mut().find(|(v, _)| v == value) {
                Some((_, ids)) if ids.last() != Some(&(id as u32)) => ids.push(id as u32),
                Some(_) => {}
                None => values.push((value, vec![id as u32])),
            }
        }
    }
    filters.sort_by(|a, b| a.0.cmp(b.0));
    for (name, values) in &mut filters {
        values.sort_by(|a, b| a.0.cmp(b.0));
        for (n, (_, ids)) in values.iter().enumerate() {
            let mut last = 0;
            let gaps: Vec<u32> = ids
                .iter()
                .map(|id| {
                    let gap = id - last;
                    last = *id;
                    gap
                })
                .collect();
            files.push((
                format!("f/{name}-{n}.json"),
                serde_json::to_vec(&gaps).unwrap_or_default(),
            ));
        }
    }

    // The version: everything the files hold, fragments included.
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    for (path, bytes) in &files {
        hash.update(path.as_bytes());
        hash.update(bytes);
    }
    for doc in documents {
        for part in [&doc.path, &doc.title, &doc.text]
            .into_iter()
            .chain(&doc.shown)
        {
            hash.update(part.as_bytes());
            hash.update(b"\0");
        }
    }
    let manifest = Manifest {
        version: format!("{:016x}", hash.digest()),
        pages: count,
        bundle: FRAGMENT_BUNDLE,
        stop: &STOP_WORDS,
        chunks: firsts,
        filters: filters
            .iter()
            .map(|(name, values)| {
                (
                    *name,
                    values.iter().map(|(v, ids)| (*v, ids.len())).collect(),
                )
            })
            .collect(),
    };
    files.push((
        "meta.json".to_string(),
        serde_json::to_vec(&manifest).unwrap_or_default(),
    ));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_word_list_and_the_match_agree() {
        assert!(
            STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        assert!(!is_stop_word("bankje") && !is_stop_word("d") && !is_stop_word("dee"));
    }

    #[test]
    fn dutch_forms_share_a_stem() {
        assert_eq!(stem("bijeenkomsten"), stem("bijeenkomst"));
        assert_eq!(stem("bankjes"), stem("bankje"));
        assert_eq!(stem("bushaltes"), stem("bushalte"));
        assert_ne!(stem("bankje"), stem("bushalte"));
    }

    #[test]
    fn text_is_read_as_a_browser_shows_it() {
        let page = read_text(
            "<h1>Bankje bij de <em>bus</em>halte</h1>\n<p>Een &amp; twee&nbsp;drie&#233; caf&eacute;</p>\
             <script>var geheim = 1;</script><div hidden><p>verborgen</p></div>\
             <nav data-zoek-negeer><a href=\"/\">menu</a></nav><ul><li>een</li><li>twee</li></ul>\
             <img src=\"a.jpg\" alt=\"Foto van de ringleiding\"><svg><text>grafiek</text></svg>\
             <h2>Tweede</h2><p>a < b</p><!-- opmerking -->",
        );
        assert_eq!(page.title, "Bankje bij de bushalte");
        assert_eq!(
            page.text,
            "Bankje bij de bushalte Een & twee drieé caf&eacute; een twee Foto van de ringleiding Tweede a < b"
        );
        let stems: Vec<&str> = page.terms.iter().map(|(s, _)| s).collect();
        assert!(stems.contains(&stem("bushalte").as_str()), "{stems:?}");
        assert!(stems.contains(&stem("ringleiding").as_str()), "{stems:?}");
        for hidden in ["geheim", "verborgen", "menu", "grafiek", "opmerking", "de"] {
            assert!(
                !stems.contains(&stem(hidden).as_str()),
                "{hidden} in {stems:?}"
            );
        }
        let weight = |w: &str| {
            page.terms
                .iter()
                .find(|(s, _)| *s == stem(w))
                .map(|t| u32::from(t.1))
        };
        assert_eq!(weight("bankje"), Some(TITLE_WEIGHT));
        assert_eq!(weight("tweede"), Some(HEADING_WEIGHT));
        assert_eq!(weight("twee"), Some(2), "twice in the text");
        assert_eq!(page.words, 18, "bus+halte is one word, &eacute; two");
    }

    /// The words of a text: the runs of letters and digits of the lowercased
    /// text (as search.js splits the lowercased query). The index reads pages
    /// the same way, a character at a time (`TextCollector::boundary`).
    fn words(text: &str) -> Vec<String> {
        text.to_lowercase()
            .replace(SOFT_HYPHEN, "")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn pages_are_split_into_words_as_a_typed_query_is() {
        let text = "Café-bezoek İstanbul ΣΟΦΊΑΣ 12e straat, o'neill ÆØÅ ß x² wijk\u{ad}centrum";
        let page = read_text(&format!("<p>{text}</p>"));
        assert_eq!(page.words as usize, words(text).len());
        for word in words(text) {
            if !is_stop_word(&word) {
                let stem = stem(&word);
                assert!(page.terms.iter().any(|(s, _)| s == stem), "{word} → {stem}");
            }
        }
    }

    #[test]
    fn a_soft_hyphen_does_not_split_a_word() {
        let page = read_text("<p>Het wijk\u{ad}centrum en het Wijk\u{ad}huis</p>");
        assert_eq!(page.words, 5, "{:?}", page.terms.iter().collect::<Vec<_>>());
        for word in ["wijkcentrum", "wijkhuis"] {
            assert!(page.terms.iter().any(|(s, _)| s == stem(word)), "{word}");
        }
    }

    #[test]
    fn unclosed_and_odd_markup_ends_without_losing_text() {
        assert_eq!(read_text("<p>open <b>vet").text, "open vet");
        assert_eq!(read_text("<script>nooit gesloten").text, "");
        assert_eq!(
            read_text("tekst <a href=\"x>y\">link</a> <").text,
            "tekst link <"
        );
        assert_eq!(read_text("<p title='a > b'>ok</p>").text, "ok");
        assert_eq!(
            decode_entities("&#xZZ; &; & &#1114112;"),
            "&#xZZ; &; & &#1114112;"
        );
    }

    #[test]
    fn a_long_text_is_cut_on_a_character_boundary() {
        let long = "é".repeat(FRAGMENT_TEXT);
        let page = read_text(&format!("<p>{long}</p>"));
        assert!(page.text.len() <= FRAGMENT_TEXT && !page.text.is_empty());
        assert_eq!(page.words, 1);
    }

    fn doc(path: &str, body: &str, filters: &[(&str, &str)]) -> Document {
        let text = read_text(body);
        Document {
            path: path.to_string(),
            title: text.title,
            shown: vec!["Pagina's".to_string()],
            filters: filters
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            text: text.text,
            terms: text.terms,
            words: text.words,
        }
    }

    /// Every file of the index, fragments included.
    fn all_files(index: Index) -> Vec<IndexFile> {
        let mut files = index.files();
        files.extend(index.fragment_files().collect::<Vec<_>>());
        files
    }

    fn file<'a>(files: &'a [IndexFile], name: &str) -> &'a str {
        let bytes = &files.iter().find(|(p, _)| p == name).expect(name).1;
        std::str::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_index_is_the_same_whatever_order_pages_arrive_in() {
        let docs = vec![
            doc(
                "/b/",
                "<h1>Bijeenkomsten</h1><p>Alle bijeenkomsten</p>",
                &[("wijk", "Noord")],
            ),
            doc(
                "/a/",
                "<h1>Bankje</h1><p>Een bankje bij de bushalte.</p>",
                &[("wijk", "Zuid"), ("wijk", "Noord")],
            ),
        ];
        let first = all_files(Index::new(docs.clone()));
        let mut reversed = docs;
        reversed.reverse();
        assert_eq!(first, all_files(Index::new(reversed)));
        let meta: serde_json::Value = serde_json::from_str(file(&first, "meta.json")).unwrap();
        assert_eq!(meta["pages"], 2);
        assert_eq!(meta["chunks"][0], "all", "the first stem: \"alle\"");
        assert_eq!(
            meta["filters"],
            serde_json::json!([["wijk", [["Noord", 2], ["Zuid", 1]]]])
        );
        assert_eq!(file(&first, "f/wijk-0.json"), "[0,1]", "ids as gaps");
        assert_eq!(file(&first, "f/wijk-1.json"), "[0]");
        let bundle: serde_json::Value = serde_json::from_str(file(&first, "p/0.json")).unwrap();
        assert_eq!(bundle[0]["url"], "/a/");
        assert_eq!(bundle[0]["title"], "Bankje");
        assert_eq!(bundle[1]["url"], "/b/");
        assert_eq!(meta["bundle"], FRAGMENT_BUNDLE);
        let words: serde_json::Value = serde_json::from_str(file(&first, "w/0.json")).unwrap();
        let list = words.as_array().unwrap();
        let at = |s: &str| list.iter().position(|v| v == s).unwrap();
        // "bijeenkomst" only on page 1: gap 1; "bankj" in title and text of 0.
        assert_eq!(list[at("bijeenkomst") + 1][0], 1);
        assert_eq!(list[at("bankj") + 1][0], 0);
        assert!(
            list[at("bankj") + 1][1].as_u64().unwrap()
                > list[at("bushalt") + 1][1].as_u64().unwrap()
        );
    }

    #[test]
    fn chunks_split_the_words_in_order_and_every_word_is_in_the_chunk_the_manifest_says() {
        let docs: Vec<Document> = (0..400)
            .map(|i| {
                doc(
                    &format!("/p{i:03}/"),
                    &format!(
                        "<h1>Pagina {i}</h1><p>woord{i} gedeeld tekst{} {}</p>",
                        i % 7,
                        "vul ".repeat(50)
                    ),
                    &[],
                )
            })
            .collect();
        let files = all_files(Index::with_chunks(docs, 2048));
        let meta: serde_json::Value = serde_json::from_str(file(&files, "meta.json")).unwrap();
        let firsts: Vec<&str> = meta["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(firsts.len() > 1, "400 pages fill more than one chunk");
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
        let mut seen = 0;
        for (n, first) in firsts.iter().enumerate() {
            let list: serde_json::Value =
                serde_json::from_str(file(&files, &format!("w/{n}.json"))).unwrap();
            let stems: Vec<&str> = list
                .as_array()
                .unwrap()
                .iter()
                .step_by(2)
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(stems[0], *first);
            assert!(stems.windows(2).all(|w| w[0] < w[1]));
            if let Some(next) = firsts.get(n + 1) {
                assert!(stems.last().unwrap() < next);
            }
            seen += stems.len();
        }
        // 400 own words, 400 numbers, "pagina", "gedeeld", 7 "tekstN", "vul".
        assert_eq!(seen, 400 + 400 + 2 + 7 + 1);
    }
}
