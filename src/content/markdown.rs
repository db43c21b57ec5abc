//! Markdown to HTML, the one place where editors' prose becomes markup.
//!
//! Uses pulldown-cmark with tables, footnotes, strikethrough, task lists
//! and stable heading anchors ("Eén keer" → `een-keer`, repeats get `-1`,
//! `-2`). Root-relative links get the site's base path. Raw HTML policy: when
//! the site allows it, a document with raw HTML is sanitised with ammonia to
//! a safe allow-list (no scripts, event handlers or `javascript:` URLs);
//! when the site forbids it, each raw HTML block is reported with its line.
//! Link and image URLs with unsafe schemes are always neutralised.

use crate::util::slug::UniqueSlugs;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::VecDeque;

mod nesting;

/// How to render one document.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// The site's base path, `/` or `/sub/`; prefixed to root-relative links.
    pub base_path: &'a str,
    /// Sanitise raw HTML (true) or leave it out and report it (false).
    pub allow_raw_html: bool,
    /// Added to every reported line (the body's first line in its file, minus one).
    pub line_offset: usize,
    /// The build's photos and the document being rendered: photos of the
    /// site become a `<picture>` in several widths (see
    /// [`crate::content::images`]). `None` leaves images as written.
    pub images: Option<crate::content::images::DocumentImages<'a>>,
}

/// A link or image found in the document, for `wijksite check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    pub url: String,
    pub line: usize,
    pub is_image: bool,
    /// For images: the alt text.
    pub alt: String,
}

/// A heading, for tables of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Deeper nesting than this (blocks, lists or raw HTML) is refused: no
/// editor needs it, and HTML parsers slow down badly on it.
pub const MAX_NESTING: usize = 100;

/// More raw HTML tags (counted as `<` in raw HTML) than this in one document
/// are refused: beyond the nesting estimate, this bounds the HTML parser's
/// work on raw HTML whatever its shape.
pub const MAX_RAW_HTML_TAGS: usize = 20_000;

/// More attributes than this in the raw HTML of one document are refused:
/// the sanitiser's time grows with their square on one tag.
pub const MAX_RAW_HTML_ATTRIBUTES: usize = 20_000;

/// A document with raw HTML larger than this (as HTML) is refused: the
/// sanitiser's serializer grows with the square of long texts full of `&`
/// (2 MB took 43 s); at this size it stays within a few seconds.
pub const MAX_SANITISED_BYTES: usize = 512 * 1024;

/// The result of rendering one document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<FoundLink>,
    /// Lines with raw HTML (reported when the site forbids raw HTML).
    pub raw_html_lines: Vec<usize>,
    /// The line where nesting first went deeper than [`MAX_NESTING`]; the
    /// HTML is then the escaped text only.
    pub too_deep_at: Option<usize>,
    /// The line of the first raw HTML and what there is too much of, when
    /// the raw HTML is beyond one of the sanitiser's bounds
    /// ([`MAX_RAW_HTML_TAGS`], [`MAX_RAW_HTML_ATTRIBUTES`],
    /// [`MAX_SANITISED_BYTES`]); the HTML is then the escaped text.
    pub too_much_html_at: Option<(usize, String)>,
    /// How many `<` the raw HTML holds.
    raw_html_tags: usize,
    /// Photos that are missing, broken or of an unknown kind.
    image_problems: Vec<crate::util::diagnostics::Diagnostic>,
    /// The plain text up to the end of the first paragraph, collected while
    /// rendering, so a summary needs no second parse.
    lead: String,
}

impl Rendered {
    /// The first paragraph as plain text, at most `max_chars`: the same as
    /// [`first_paragraph`] of the source.
    pub fn first_paragraph(&self, max_chars: usize) -> String {
        first_paragraph_of(&self.lead, max_chars)
    }

    /// The problems every caller must report for this document.
    pub fn problems(
        &self,
        file: &str,
        allow_raw_html: bool,
    ) -> Vec<crate::util::diagnostics::Diagnostic> {
        use crate::util::diagnostics::Diagnostic;
        let mut problems = self.image_problems.clone();
        if let Some(line) = self.too_deep_at {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("de tekst is te diep genest (meer dan {MAX_NESTING} lagen)"),
                )
                .at_line(line)
                .hint("gebruik minder lagen citaten, lijsten of HTML in elkaar"),
            );
        }
        if let Some((line, what)) = &self.too_much_html_at {
            problems.push(
                Diagnostic::error(file, format!("de tekst bevat {what}"))
                    .at_line(*line)
                    .hint("schrijf de opmaak in Markdown of verdeel de tekst over meer pagina's"),
            );
        }
        if !allow_raw_html {
            for line in &self.raw_html_lines {
                problems.push(
                    Diagnostic::error(file, "HTML in de tekst is op deze site niet toegestaan")
                        .at_line(*line)
                        .hint("schrijf de opmaak in Markdown (## kop, **vet**, [tekst](adres)) of zet allow_raw_html: true in site.yaml"),
                );
            }
        }
        problems
    }
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown to safe HTML.
///
/// The events stream from the parser through [`Events`] straight into the
/// HTML writer; only a heading's own events wait, until its text (and so
/// its anchor) is known.
pub fn render(markdown: &str, options: RenderOptions) -> Rendered {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let mut events = Events {
        parser: Parser::new_ext(markdown, parser_options()).into_offset_iter(),
        lines: LineIndex::new(markdown),
        options,
        rendered: Rendered::default(),
        ready: VecDeque::new(),
        heading: None,
        anchors: UniqueSlugs::default(),
        open_image: None,
        image_start: None,
        images_shown: 0,
        depth: 0,
        lead: Some(PlainText::default()),
    };
    pulldown_cmark::html::push_html(&mut html, &mut events);
    let mut rendered = events.finish();
    if rendered.too_deep_at.is_some() {
        rendered.html = escaped_paragraph(markdown);
        return rendered;
    }
    if options.allow_raw_html && !rendered.raw_html_lines.is_empty() {
        let too_much = if rendered.raw_html_tags > MAX_RAW_HTML_TAGS {
            Some(format!("te veel HTML-tags (meer dan {MAX_RAW_HTML_TAGS})"))
        } else if html.len() > MAX_SANITISED_BYTES {
            Some(format!(
                "te veel tekst met HTML erin (meer dan {} kB)",
                MAX_SANITISED_BYTES / 1024
            ))
        } else if raw_attribute_count(&html) > MAX_RAW_HTML_ATTRIBUTES {
            Some(format!(
                "te veel HTML-attributen (meer dan {MAX_RAW_HTML_ATTRIBUTES})"
            ))
        } else {
            None
        };
        if let Some(what) = too_much {
            let line = rendered.raw_html_lines.first().copied().unwrap_or(1);
            rendered.too_much_html_at = Some((line, what));
            rendered.html = escaped_paragraph(markdown);
            return rendered;
        }
        if nesting::exceeds(&html, MAX_NESTING) {
            rendered.too_deep_at = rendered.raw_html_lines.first().copied();
            rendered.html = escaped_paragraph(markdown);
            return rendered;
        }
        html = sanitise(&html);
    }
    rendered.html = html;
    rendered
}

/// How many attributes the tags of `html` hold, counted in one pass: each
/// run of name characters after whitespace inside a tag, outside quotes.
fn raw_attribute_count(html: &str) -> usize {
    let (mut count, mut in_tag, mut quote, mut after_space) = (0, false, None, false);
    for byte in html.bytes() {
        match (in_tag, quote) {
            (false, _) => in_tag = byte == b'<',
            (true, Some(q)) => {
                if byte == q {
                    quote = None;
                }
            }
            (true, None) => match byte {
                b'>' => in_tag = false,
                b'"' | b'\'' => quote = Some(byte),
                b' ' | b'\t' | b'\n' | b'\r' => after_space = true,
                b'=' => after_space = false,
                _ => {
                    if after_space {
                        count += 1;
                    }
                    after_space = false;
                }
            },
        }
    }
    count
}

/// A heading whose events wait for its end: where its events start in
/// [`Events::ready`], its level and its `{#id}` if written.
struct OpenHeading {
    start: usize,
    level: HeadingLevel,
    explicit_id: Option<String>,
}

/// The parser's events, made safe (URLs, raw HTML) and given heading
/// anchors, while collecting what [`Rendered`] reports besides the HTML.
/// Once the nesting is too deep it yields nothing more (the HTML is then
/// replaced) but still reads the rest, for links and raw HTML lines.
struct Events<'a, 'o> {
    parser: pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>,
    lines: LineIndex,
    options: RenderOptions<'o>,
    rendered: Rendered,
    /// Events to hand out before reading on: a finished heading.
    ready: VecDeque<Event<'a>>,
    heading: Option<OpenHeading>,
    anchors: UniqueSlugs,
    /// Index in `rendered.links` of the image whose alt text is being read.
    open_image: Option<usize>,
    /// The image being read when it becomes a `<picture>`: its URL as
    /// written, its title and line; its events wait for its alt text.
    image_start: Option<(CowStr<'a>, CowStr<'a>, usize)>,
    /// How many images of the document were shown so far.
    images_shown: usize,
    depth: usize,
    /// The plain text up to the first paragraph, until it is complete.
    lead: Option<PlainText<'static>>,
}

impl<'a> Iterator for Events<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if self.heading.is_none() {
                if let Some(event) = self.ready.pop_front() {
                    return Some(event);
                }
            }
            let (event, range) = self.parser.next()?;
            if let Some(event) = self.take(event, range.start) {
                if self.rendered.too_deep_at.is_some() {
                    continue;
                }
                if self.heading.is_some() {
                    self.ready.push_back(event);
                } else if self.ready.is_empty() {
                    return Some(event);
                } else {
                    self.ready.push_back(event);
                }
            }
        }
    }
}

impl<'a> Events<'a, '_> {
    /// The 1-based line in the file of a byte offset in the body.
    fn line(&self, offset: usize) -> usize {
        self.lines.line_of(offset) + self.options.line_offset
    }

    /// Notes what one event shows and returns what to write for it.
    fn take(&mut self, event: Event<'a>, offset: usize) -> Option<Event<'a>> {
        if let Some(text) = &mut self.lead {
            text.push(&event);
            if text.has_first_paragraph() {
                self.rendered.lead = self.lead.take().map(PlainText::finish).unwrap_or_default();
            }
        }
        match &event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if self.depth > MAX_NESTING && self.rendered.too_deep_at.is_none() {
            self.rendered.too_deep_at = Some(self.line(offset));
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some(OpenHeading {
                    start: self.ready.len(),
                    level,
                    explicit_id: id.map(|s| s.to_string()),
                });
                None
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(open) = self.heading.take() {
                    let text = plain_text_of(self.ready.range(open.start..));
                    let id = match open.explicit_id {
                        Some(id) => self.anchors.unique(&id),
                        None => self.anchors.unique(&text),
                    };
                    let start = format!("<{} id=\"{}\">", open.level, escape_attr(&id));
                    self.ready.insert(open.start, Event::Html(start.into()));
                    self.rendered.headings.push(Heading {
                        level: open.level as u8,
                        id,
                        text,
                    });
                }
                Some(Event::Html(format!("</{level}>").into()))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.found_link(&dest_url, offset, false);
                if self.image_start.is_some() {
                    return None;
                }
                let dest_url = safe_url(dest_url, self.options.base_path);
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.open_image = Some(self.rendered.links.len());
                self.found_link(&dest_url, offset, true);
                if self.options.images.is_some() {
                    self.image_start = Some((dest_url, title, self.line(offset)));
                    return None;
                }
                let dest_url = safe_url(dest_url, self.options.base_path);
                Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => {
                let alt = self
                    .open_image
                    .take()
                    .map(|i| self.rendered.links[i].alt.clone())
                    .unwrap_or_default();
                match self.image_start.take() {
                    Some((url, title, line)) => {
                        Some(Event::Html(self.image_html(url, title, &alt, line).into()))
                    }
                    None => Some(Event::End(TagEnd::Image)),
                }
            }
            Event::Text(text) if self.open_image.is_some() => {
                if let Some(i) = self.open_image {
                    self.rendered.links[i].alt.push_str(&text);
                }
                if self.image_start.is_some() {
                    return None;
                }
                Some(Event::Text(text))
            }
            _ if self.image_start.is_some() => None,
            Event::Html(html) | Event::InlineHtml(html) => {
                let line = self.line(offset);
                if self.rendered.raw_html_lines.last() != Some(&line) {
                    self.rendered.raw_html_lines.push(line);
                }
                self.rendered.raw_html_tags += html.bytes().filter(|&b| b == b'<').count();
                self.options.allow_raw_html.then_some(Event::Html(html))
            }
            other => Some(other),
        }
    }

    /// The HTML of one image: a `<picture>` for a photo of the site, the
    /// plain `<img>` for others (SVG, another site). The first photo of a
    /// document loads at once, the others when scrolled to.
    fn image_html(&mut self, url: CowStr<'a>, title: CowStr<'a>, alt: &str, line: usize) -> String {
        if let Some(images) = self.options.images {
            let eager = self.images_shown == 0;
            let shown = images.set.picture(
                images.document,
                &url,
                alt,
                self.options.base_path,
                eager,
                line,
            );
            match shown {
                Some(Ok(html)) => {
                    self.images_shown += 1;
                    return html;
                }
                Some(Err(problem)) => {
                    self.rendered.image_problems.push(problem);
                    return String::new();
                }
                None => {}
            }
        }
        let src = safe_url(url, self.options.base_path);
        let title = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape_attr(&title))
        };
        format!(
            "<img src=\"{}\" alt=\"{}\"{title}>",
            escape_attr(&src),
            escape_attr(alt)
        )
    }

    fn found_link(&mut self, url: &str, offset: usize, is_image: bool) {
        let line = self.line(offset);
        self.rendered.links.push(FoundLink {
            url: url.to_string(),
            line,
            is_image,
            alt: String::new(),
        });
    }

    /// What was found besides the HTML.
    fn finish(mut self) -> Rendered {
        if let Some(text) = self.lead.take() {
            self.rendered.lead = text.finish();
        }
        self.rendered
    }
}

/// The whole text, escaped, as one paragraph: safe output for a document
/// that is reported as an error anyway.
fn escaped_paragraph(text: &str) -> String {
    format!("<p>{}</p>\n", escape_attr(text))
}

/// The text inside a run of inline events, for heading anchors.
fn plain_text_of<'e>(events: impl Iterator<Item = &'e Event<'e>>) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Plain text of a Markdown document: for feeds, calendar descriptions and
/// plain-text email. Links are written out as "text (url)".
pub fn to_plain_text(markdown: &str) -> String {
    plain_text(markdown, &|url| Some(url.to_string()), false)
}

/// Plain text with every link and image URL written out, each passed
/// through `resolve` first (plain-text email makes them absolute). A URL
/// that `resolve` refuses (None) is left out.
pub fn to_plain_text_with_urls(markdown: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    plain_text(markdown, resolve, true)
}

fn plain_text(
    markdown: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
    with_images: bool,
) -> String {
    let mut text = PlainText::new(resolve, with_images);
    text.out.reserve(markdown.len());
    for event in Parser::new_ext(markdown, parser_options()) {
        text.push(&event);
    }
    text.finish()
}

/// The URL of a link as written, for [`to_plain_text`].
fn as_written(url: &str) -> Option<String> {
    Some(url.to_string())
}

/// Builds the plain text of a document from its events. The text is only
/// ever appended to and is cut into paragraphs at blank lines, so once it
/// ends in a blank line after some text ([`PlainText::has_first_paragraph`]),
/// the rest of the document cannot change its first paragraph.
struct PlainText<'r> {
    out: String,
    resolve: &'r dyn Fn(&str) -> Option<String>,
    with_images: bool,
    /// (resolved URL, where the link text starts in `out`)
    link_stack: Vec<(Option<String>, usize)>,
    list_depth: Vec<Option<u64>>,
}

impl Default for PlainText<'_> {
    /// Links written as they are, images left out: [`to_plain_text`].
    fn default() -> Self {
        PlainText::new(&as_written, false)
    }
}

impl<'r> PlainText<'r> {
    fn new(resolve: &'r dyn Fn(&str) -> Option<String>, with_images: bool) -> Self {
        PlainText {
            out: String::new(),
            resolve,
            with_images,
            link_stack: Vec::new(),
            list_depth: Vec::new(),
        }
    }

    fn push(&mut self, event: &Event) {
        let out = &mut self.out;
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link_stack.push(((self.resolve)(dest_url), out.len()));
            }
            Event::Start(Tag::Image { dest_url, .. }) if self.with_images => {
                self.link_stack.push(((self.resolve)(dest_url), out.len()));
            }
            Event::End(TagEnd::Link) => write_url(out, self.link_stack.pop()),
            Event::End(TagEnd::Image) if self.with_images => write_url(out, self.link_stack.pop()),
            Event::Start(Tag::List(start)) => self.list_depth.push(*start),
            Event::End(TagEnd::List(_)) => {
                self.list_depth.pop();
                if self.list_depth.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let indent = "  ".repeat(self.list_depth.len().saturating_sub(1).min(8));
                match self.list_depth.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{indent}{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str(&format!("{indent}- ")),
                }
            }
            Event::End(TagEnd::Item) => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_))
                if self.list_depth.is_empty() =>
            {
                out.push_str("\n\n");
            }
            Event::End(TagEnd::TableCell) => out.push_str(" | "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => out.push('\n'),
            _ => {}
        }
    }

    /// Whether the text so far holds the whole first paragraph.
    fn has_first_paragraph(&self) -> bool {
        self.out.ends_with("\n\n") && !self.out.trim().is_empty()
    }

    /// Trailing spaces and runs of blank lines removed.
    fn finish(self) -> String {
        let trimmed: Vec<&str> = self.out.lines().map(str::trim_end).collect();
        collapse_blank_lines(&trimmed.join("\n")).trim().to_string()
    }
}

/// Writes " (url)" after a link's text, unless the text already is the URL.
fn write_url(out: &mut String, link: Option<(Option<String>, usize)>) {
    let Some((Some(url), text_start)) = link else {
        return;
    };
    let text = out.get(text_start..).unwrap_or("");
    if text == url || url.strip_prefix("mailto:") == Some(text) {
        return;
    }
    out.push_str(&format!(" ({url})"));
}

fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        blank_run = if line.is_empty() { blank_run + 1 } else { 0 };
        if blank_run <= 1 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The first paragraph as plain text, at most `max_chars`, for list
/// summaries. Stops reading events once the paragraph is complete.
pub fn first_paragraph(markdown: &str, max_chars: usize) -> String {
    let mut text = PlainText::default();
    for event in Parser::new_ext(markdown, parser_options()) {
        text.push(&event);
        if text.has_first_paragraph() {
            break;
        }
    }
    first_paragraph_of(&text.finish(), max_chars)
}

/// The first non-empty paragraph of a plain text, at most `max_chars`.
fn first_paragraph_of(text: &str, max_chars: usize) -> String {
    let paragraph = text
        .split("\n\n")
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    truncate_words(paragraph.trim(), max_chars)
}

/// Cuts text at a word boundary and adds "…" when it was longer.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', '.', ';', ':']))
}

/// Neutralises unsafe URL schemes and prefixes root-relative URLs.
fn safe_url<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if !is_safe_url(&url) {
        return CowStr::Borrowed("#");
    }
    if url.starts_with('/') && !url.starts_with("//") && base_path != "/" {
        return format!("{}{}", base_path.trim_end_matches('/'), url).into();
    }
    url
}

/// http(s), mailto, tel, webcal and relative URLs are safe; `javascript:`,
/// `data:`, `vbscript:` and friends are not.
pub fn is_safe_url(url: &str) -> bool {
    // The scheme is what comes before the first `:` once control
    // characters and whitespace are dropped (browsers ignore them there);
    // a `/`, `?` or `#` before it makes the colon part of a path. Read
    // without allocating: links are many.
    const SAFE: [&str; 5] = ["http", "https", "mailto", "tel", "webcal"];
    let mut scheme = [0u8; 6];
    let mut len = 0;
    for c in url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
    {
        match c {
            ':' => return SAFE.iter().any(|s| s.as_bytes() == &scheme[..len]),
            '/' | '?' | '#' => return true,
            // Longer than any safe scheme, or not ASCII: unsafe if a colon follows.
            _ if len == scheme.len() || !c.is_ascii() => {
                return !url.contains(':') || scheme_ends_in_path(url);
            }
            _ => {
                scheme[len] = c.to_ascii_lowercase() as u8;
                len += 1;
            }
        }
    }
    true
}

/// For a scheme candidate too long to be safe: whether a `/`, `?` or `#`
/// comes before the first `:` (then the colon belongs to a path).
fn scheme_ends_in_path(url: &str) -> bool {
    let before_colon = url.split(':').next().unwrap_or("");
    before_colon.contains(['/', '?', '#'])
}

/// The raw-HTML allow-list: ammonia's safe defaults plus what our Markdown
/// itself produces (heading ids, footnote classes, task-list checkboxes).
fn sanitise(html: &str) -> String {
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut builder = ammonia::Builder::default();
            builder
                .add_generic_attributes(["id", "class"])
                .add_tags(["input", "picture", "source"])
                .add_tag_attributes("source", ["type", "srcset", "sizes"])
                .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"])
                .add_tag_attributes("input", ["type", "checked", "disabled"])
                .add_tag_attributes("td", ["style"])
                .add_tag_attributes("th", ["style"])
                .attribute_filter(|_element, attribute, value| {
                    // Only the table alignment Markdown itself writes; any
                    // other CSS (overlays, tracking images) is dropped.
                    if attribute == "style" && !is_table_alignment(value) {
                        return None;
                    }
                    Some(value.into())
                })
                .url_schemes(["http", "https", "mailto", "tel", "webcal"].into())
                .link_rel(None);
            builder
        })
        .clean(html)
        .to_string()
}

/// Whether a `style` value is just `text-align: left|center|right` (as
/// pulldown-cmark writes for table columns), in any case and spacing.
fn is_table_alignment(style: &str) -> bool {
    let style = style.trim();
    let style = style.strip_suffix(';').unwrap_or(style);
    let Some((property, value)) = style.split_once(':') else {
        return false;
    };
    property.trim().eq_ignore_ascii_case("text-align")
        && ["left", "center", "right"]
            .iter()
            .any(|a| value.trim().eq_ignore_ascii_case(a))
}

fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Maps byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// An error for each image without alt text: a published document must
/// say what its photos show (WCAG 1.1.1). Drafts are not checked.
pub fn missing_alt(rendered: &Rendered, file: &str) -> Vec<crate::util::diagnostics::Diagnostic> {
    rendered
        .links
        .iter()
        .filter(|l| l.is_image && l.alt.trim().is_empty())
        .map(|l| {
            crate::util::diagnostics::Diagnostic::error(
                file,
                format!("de afbeelding `{}` heeft geen beschrijving (alt-tekst)", l.url),
            )
            .at_line(l.line)
            .hint("schrijf tussen de vierkante haken wat er op de foto te zien is, zoals ![Kinderen schilderen pompoenen bij de oogstmarkt](foto.jpg). Mensen die niet kunnen zien, horen die tekst")
        })
        .collect()
}

/// The problems [`missing_alt`] finds in the Markdown body of a published
/// file (`text` is the whole file, front matter included, so lines match).
pub fn check_alt(file: &str, text: &str) -> Vec<crate::util::diagnostics::Diagnostic> {
    if !text.contains("![") {
        return Vec::new();
    }
    let body_start = match text.strip_prefix("---\n") {
        // The body starts on the line after the closing `---`.
        Some(rest) => rest
            .find("\n---")
            .and_then(|end| {
                let closing = 4 + end + 1;
                text[closing..].find('\n').map(|i| closing + i + 1)
            })
            .unwrap_or(text.len()),
        None => 0,
    };
    let line_offset = text[..body_start].matches('\n').count();
    let rendered = render(
        &text[body_start..],
        RenderOptions {
            base_path: "/",
            allow_raw_html: false,
            line_offset,
            images: None,
        },
    );
    missing_alt(&rendered, file)
}

/// Renders a Markdown field of a YAML file. `key_line` is the line of its
/// key; a block (`key: |`) starts on the next line. Its problems (raw HTML
/// on a site that forbids it, nesting too deep) are reported.
pub fn render_field(
    md: &str,
    key_line: Option<usize>,
    config: &crate::content::config::SiteConfig,
    file: &str,
    problems: &mut crate::util::diagnostics::Diagnostics,
) -> String {
    let key_line = key_line.unwrap_or(1);
    let rendered = render(
        md,
        RenderOptions {
            base_path: config.base_path(),
            allow_raw_html: config.allow_raw_html,
            line_offset: key_line,
            images: config.images_for(file),
        },
    );
    problems.extend(rendered.problems(file, config.allow_raw_html));
    problems.extend(missing_alt(&rendered, file));
    rendered.html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        render(markdown, options()).html
    }

    fn options() -> RenderOptions<'static> {
        RenderOptions {
            base_path: "/",
            allow_raw_html: true,
            line_offset: 0,
            images: None,
        }
    }

    #[test]
    fn headings_get_stable_dutch_anchors() {
        let out = html("# Eén keer\n\n## Eén keer\n\n## Agenda\n");
        assert!(out.contains(r#"<h1 id="een-keer">Eén keer</h1>"#), "{out}");
        assert!(out.contains(r#"<h2 id="een-keer-1">"#), "{out}");
        assert!(out.contains(r#"<h2 id="agenda">"#), "{out}");
    }

    #[test]
    fn tables_footnotes_strikethrough_and_tasks_render() {
        let out = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ en noot[^1]\n\n[^1]: Uitleg.\n\n- [x] klaar\n",
        );
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>weg</del>"), "{out}");
        assert!(out.contains("footnote-definition"), "{out}");
        assert!(out.contains("checkbox"), "{out}");
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let out = html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">x</a>\n\n[y](javascript:alert(2))\n",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.to_lowercase().contains("javascript:"), "{out}");
    }

    #[test]
    fn table_cells_keep_only_their_alignment_as_style() {
        let out = html(
            "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n\
             <table><tr><td style=\"position:fixed;top:0\">x</td>\
             <td style=\"background:url(https://tracker.example/p)\">y</td>\
             <th style=\"text-align: left; color: red\">z</th>\
             <td style=\"TEXT-ALIGN:right;\">w</td></tr></table>\n",
        );
        assert!(
            out.contains(r#"<th style="text-align: center">a</th>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<td style="text-align: right">2</td>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<td style="TEXT-ALIGN:right;">w</td>"#),
            "{out}"
        );
        assert!(
            !out.contains("fixed") && !out.contains("tracker") && !out.contains("red"),
            "{out}"
        );
    }

    #[test]
    fn javascript_links_are_neutralised_without_raw_html_too() {
        let out = html("[y](JaVaScRiPt:alert(2)) [z](&#106;avascript:x) [w](<java\tscript:x>)");
        assert!(!out.to_lowercase().contains("script:"), "{out}");
    }

    #[test]
    fn forbidden_raw_html_is_left_out_and_reported_by_line() {
        let r = render(
            "tekst\n\n<div onclick=x>hoi</div>\n",
            RenderOptions {
                allow_raw_html: false,
                line_offset: 4,
                images: None,
                ..options()
            },
        );
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert_eq!(r.raw_html_lines, vec![7]);
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let r = render(
            "[meedoen](/meedoen/) [extern](https://example.nl/) [anker](#kop)",
            RenderOptions {
                base_path: "/szh/",
                ..options()
            },
        );
        assert!(r.html.contains(r#"href="/szh/meedoen/""#), "{}", r.html);
        assert!(r.html.contains(r#"href="https://example.nl/""#));
        assert!(r.html.contains(r##"href="#kop""##));
        assert_eq!(r.links[0].url, "/meedoen/");
    }

    #[test]
    fn images_report_their_alt_text_and_line() {
        let r = render("tekst\n\n![Een bankje](/img/bank.jpg)\n", options());
        assert_eq!(r.links[0].alt, "Een bankje");
        assert_eq!(r.links[0].line, 3);
        assert!(r.links[0].is_image);
    }

    #[test]
    fn plain_text_writes_links_out() {
        let text =
            to_plain_text("# Kop\n\nKom naar [de avond](/bijeenkomsten/x/).\n\n1. een\n2. twee\n");
        assert_eq!(
            text,
            "Kop\n\nKom naar de avond (/bijeenkomsten/x/).\n\n1. een\n2. twee"
        );
    }

    #[test]
    fn plain_text_with_urls_resolves_links_and_images() {
        let resolve = |url: &str| match url {
            "javascript:x" => None,
            _ if url.starts_with('/') => Some(format!("https://x.nl{url}")),
            _ => Some(url.to_string()),
        };
        let text = to_plain_text_with_urls(
            "Zie [de agenda](/agenda/), ![Een bankje](/bank.jpg), <https://a.nl/> \
             en [mail](mailto:a@b.nl) of [dit](javascript:x) of [a@b.nl](mailto:a@b.nl).",
            &resolve,
        );
        assert_eq!(
            text,
            "Zie de agenda (https://x.nl/agenda/), Een bankje (https://x.nl/bank.jpg), \
             https://a.nl/ en mail (mailto:a@b.nl) of dit of a@b.nl."
        );
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(truncate_words("een twee drie vier", 10), "een twee…");
        assert_eq!(truncate_words("kort", 10), "kort");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_reported_and_rendered_as_safe_text() {
        let deep =
            "intro\n\n".to_string() + &">".repeat(50_000) + " x\n" + &"- ".repeat(10_000) + "y\n";
        let r = render(&deep, options());
        assert_eq!(r.too_deep_at, Some(3));
        assert!(r.html.starts_with("<p>") && !r.html.contains("<blockquote>"));
        assert_eq!(r.problems("a.md", true).len(), 1);
    }

    #[test]
    fn deeply_nested_raw_html_is_refused_before_sanitising() {
        let deep = "<div>".repeat(5_000) + "x" + &"</div>".repeat(5_000);
        let started = std::time::Instant::now();
        let r = render(&deep, options());
        assert!(r.too_deep_at.is_some());
        assert!(!r.html.contains("<div>"), "raw HTML is escaped");
        assert!(started.elapsed().as_secs() < 5, "must not go quadratic");
    }

    #[test]
    fn stray_end_tags_do_not_hide_raw_html_nesting() {
        // Each `</x>` used to count one level down, so the limit never
        // triggered and html5ever went quadratic.
        let r = render(&"<div></x>".repeat(2_000), options());
        assert_eq!(r.too_deep_at, Some(1));
        assert!(!r.html.contains("<div>"), "raw HTML is escaped");
        let problems = r.problems("a.md", true);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn long_raw_html_texts_and_many_attributes_are_refused_quickly() {
        // Both took the sanitiser tens of seconds (red team): a short tag
        // and two million `&`, and one tag with 200,000 attributes.
        let options = RenderOptions {
            base_path: "/",
            allow_raw_html: true,
            line_offset: 0,
            images: None,
        };
        let amps = "<b>x</b>\n\n".to_string() + &"&".repeat(2_000_000);
        let r = render(&amps, options);
        let (_, what) = r.too_much_html_at.expect("too long");
        assert!(what.contains("kB"), "{what}");
        let attrs: String = (0..200_000).map(|i| format!(" a{i}")).collect();
        let r = render(&format!("<div{attrs}>x</div>\n"), options);
        let (line, what) = r.too_much_html_at.expect("too many attributes");
        assert!(what.contains("attributen") || what.contains("kB"), "{what}");
        assert_eq!(line, 1);
        assert_eq!(
            raw_attribute_count("<a href=\"x y\" title='a b' hidden>t</a><br/>"),
            3
        );
        let ordinary = render("<p class=\"intro\">Hallo & welkom</p>\n", options);
        assert!(ordinary.too_much_html_at.is_none());
    }

    #[test]
    fn too_many_raw_html_tags_are_refused_whatever_their_shape() {
        let r = render(
            &("tekst\n\n".to_string() + &"<br></x>".repeat(MAX_RAW_HTML_TAGS)),
            options(),
        );
        assert_eq!(r.too_deep_at, None);
        assert_eq!(r.too_much_html_at.as_ref().map(|(line, _)| *line), Some(3));
        assert!(!r.html.contains("<br>"), "raw HTML is escaped");
        assert_eq!(r.problems("a.md", true).len(), 1);
    }

    #[test]
    fn sloppy_but_shallow_raw_html_is_kept() {
        let sloppy = "<p>alinea\n\n".repeat(300)
            + &"<ul><li>een<li>twee</ul>\n\n".repeat(300)
            + &"<table><tr><td>a<td>b</table>\n\n".repeat(300);
        let r = render(&sloppy, options());
        assert_eq!((r.too_deep_at, r.too_much_html_at), (None, None));
        assert!(r.html.contains("<td>b</td>"), "{}", &r.html[..200]);
    }

    #[test]
    fn ordinary_nesting_is_fine() {
        let r = render("> - a\n>   - b\n>     - c\n", options());
        assert_eq!(r.too_deep_at, None);
        assert!(r.html.contains("<blockquote>"));
    }

    #[test]
    fn plain_text_of_deep_lists_stays_linear() {
        let deep = "- ".repeat(20_000) + "y\n";
        assert!(to_plain_text(&deep).len() < 1_000_000);
    }

    /// The first paragraph as the whole plain text would give it: the
    /// definition that the early-stopping [`first_paragraph`] must keep.
    fn first_paragraph_of_whole_text(markdown: &str, max_chars: usize) -> String {
        let text = to_plain_text(markdown);
        let paragraph = text
            .split("\n\n")
            .find(|p| !p.trim().is_empty())
            .unwrap_or("");
        truncate_words(paragraph.trim(), max_chars)
    }

    #[test]
    fn the_first_paragraph_is_the_first_block_of_any_kind() {
        assert_eq!(
            first_paragraph("Eerste zin.\n\nTweede.", 200),
            "Eerste zin."
        );
        assert_eq!(first_paragraph("## Kop\n\nTekst.", 200), "Kop");
        assert_eq!(first_paragraph("- a\n- b\n\nTekst.", 200), "- a\n- b");
        assert_eq!(
            first_paragraph("Zie [de site](https://x.nl).\n\nMeer.", 200),
            "Zie de site (https://x.nl)."
        );
        assert_eq!(first_paragraph("", 200), "");
    }

    proptest::proptest! {
        #[test]
        fn the_first_paragraph_found_while_rendering_is_the_same(
            blocks in proptest::collection::vec("[a-z *_\\[\\]()\n>#|`-]{0,40}", 0..8),
        ) {
            let markdown = blocks.join("\n\n");
            proptest::prop_assert_eq!(
                render(&markdown, options()).first_paragraph(200),
                first_paragraph_of_whole_text(&markdown, 200)
            );
        }

        #[test]
        fn the_early_first_paragraph_equals_the_one_of_the_whole_text(
            blocks in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Tekst met *nadruk* en [een link](/a/).".to_string()),
                    proptest::strategy::Just("## Een kop".to_string()),
                    proptest::strategy::Just("- een\n- twee\n  - dieper".to_string()),
                    proptest::strategy::Just("1. een\n2. twee".to_string()),
                    proptest::strategy::Just("> citaat\n>\n> tweede alinea".to_string()),
                    proptest::strategy::Just("| a | b |\n| --- | --- |\n| 1 | 2 |".to_string()),
                    proptest::strategy::Just("```\ncode\n\nmeer code\n```".to_string()),
                    proptest::strategy::Just("   ".to_string()),
                    proptest::strategy::Just("regel met harde breuk\\\n\\\nverder".to_string()),
                    proptest::strategy::Just("<div>html</div>".to_string()),
                    "[a-z *_\\[\\]()\n>#-]{0,40}",
                ],
                0..8,
            ),
            separator in proptest::prop_oneof![
                proptest::strategy::Just("\n\n"),
                proptest::strategy::Just("\n"),
                proptest::strategy::Just("\n  \n\n"),
            ],
        ) {
            let markdown = blocks.join(separator);

            proptest::prop_assert_eq!(
                first_paragraph(&markdown, 200),
                first_paragraph_of_whole_text(&markdown, 200)
            );
        }
    }

    /// The allocation-heavy definition that [`is_safe_url`] must keep.
    fn is_safe_url_by_definition(url: &str) -> bool {
        let trimmed: String = url
            .trim()
            .chars()
            .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
            .collect();
        match trimmed.find(':') {
            None => true,
            Some(colon) => {
                let scheme = &trimmed[..colon];
                if scheme.contains(['/', '?', '#']) {
                    return true;
                }
                matches!(
                    scheme.to_ascii_lowercase().as_str(),
                    "http" | "https" | "mailto" | "tel" | "webcal"
                )
            }
        }
    }

    #[test]
    fn url_schemes_are_judged_after_dropping_controls_and_spaces() {
        for safe in [
            "https://a.nl",
            "/pad/",
            "MAILTO:x@y.nl",
            "webcal://a",
            "a/b:c",
            "#x:y",
            "tel:+31",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            "java\tscript:x",
            " JAVASCRIPT:x",
            "data:text/html,x",
            "vbscript:x",
            "é:x",
            "httpsx:y",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_url_check_agrees_with_its_definition(url in "[a-zA-Zé \t\\x00:/?#.+-]{0,14}") {
            proptest::prop_assert_eq!(is_safe_url(&url), is_safe_url_by_definition(&url), "{:?}", url);
        }

        #[test]
        fn the_fast_url_check_agrees_on_any_text(url in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(is_safe_url(&url), is_safe_url_by_definition(&url), "{:?}", url);
        }
    }
}
