//! How deep an HTML parser would nest a text, estimated from above in one
//! linear pass, so that raw HTML too deep for html5ever (whose tree builder
//! slows down with the depth of its stack of open elements and its list of
//! active formatting elements) is refused before ammonia parses it.
//!
//! The text is split into tokens by html5ever's own tokenizer (so comments,
//! attribute values and raw text like `<style>` are read as a browser reads
//! them). A small model of the tree builder follows the tokens: every start
//! tag opens an element; an element is only closed where the HTML parsing
//! rules certainly close it (its own end tag, or an end tag or start tag that
//! implies its end, such as `<li>` after `<li>` or `</div>` after an open
//! `<p>`). A stray end tag such as `</x>` closes nothing. Formatting elements
//! (`<b>`, `<i>`, …) closed implicitly stay counted, because the parser
//! reopens them ("reconstructs" them) at the next text. Where the model is
//! unsure, it keeps the element open: it may overestimate, never
//! underestimate, the parser's depth on the inputs it models; the number of
//! raw HTML tags is bounded as well (in [`super`]) for anything it does not.

use html5ever::LocalName;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Whether an HTML parser would nest `html` deeper than `limit` (open
/// elements plus formatting elements waiting to be reopened).
pub(super) fn exceeds(html: &str, limit: usize) -> bool {
    let sink = Sink {
        model: RefCell::new(Model {
            limit,
            ..Model::default()
        }),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.model.borrow().too_deep
}

/// One element the model holds open.
struct Open {
    name: LocalName,
    /// In SVG or MathML (where `<style>` is no raw text and `<x/>` closes).
    foreign: bool,
    /// How many formatting elements were waiting when this one opened: a
    /// marker (`td`, `th`, `caption`, …) forgets those after it when closed.
    waiting_mark: usize,
}

/// A formatting element closed implicitly, which the parser will reopen.
#[derive(PartialEq)]
struct Waiting {
    name: LocalName,
    attrs: Vec<(String, String)>,
}

#[derive(Default)]
struct Model {
    limit: usize,
    stack: Vec<Open>,
    waiting: Vec<Waiting>,
    /// Attributes of the formatting elements on the stack, by position.
    formatting_attrs: Vec<Option<Vec<(String, String)>>>,
    too_deep: bool,
}

struct Sink {
    model: RefCell<Model>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut model = self.model.borrow_mut();
        match token {
            // Only a tag may change the tokenizer's state: read the rest as
            // text once the answer is known.
            Token::TagToken(_) if model.too_deep => TokenSinkResult::Plaintext,
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => model.start(&tag),
                TagKind::EndTag => {
                    model.end(&tag.name);
                    TokenSinkResult::Continue
                }
            },
            _ => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.model.borrow().in_foreign()
    }
}

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The boundaries of every kind of scope, taken together (a wider set
/// stops searches earlier, so closes less).
const SCOPE: &[&str] = &[
    "applet",
    "caption",
    "html",
    "table",
    "td",
    "th",
    "marquee",
    "object",
    "template",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "foreignObject",
    "desc",
    "title",
    "button",
    "ol",
    "ul",
    "select",
];

const TABLE_SCOPE: &[&str] = &["html", "table", "template"];

/// Elements that reset the list of formatting elements when closed.
const MARKERS: &[&str] = &[
    "applet", "caption", "marquee", "object", "td", "th", "template",
];

/// The parser's "special" elements, HTML, MathML and SVG together.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "foreignObject",
    "desc",
];

/// Start tags that close an open `<p>` first.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "li",
    "dd",
    "dt",
];

/// End tags of special elements that close everything up to them.
const BLOCK_END: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "applet",
    "marquee",
    "object",
    "dd",
    "dt",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

fn is(name: &str, set: &[&str]) -> bool {
    set.contains(&name)
}

impl Model {
    /// Whether the current node is SVG or MathML outside an integration point.
    fn in_foreign(&self) -> bool {
        self.stack.last().is_some_and(|open| {
            open.foreign
                && !is(
                    &open.name,
                    &[
                        "foreignobject",
                        "foreignObject",
                        "desc",
                        "title",
                        "mi",
                        "mo",
                        "mn",
                        "ms",
                        "mtext",
                        "annotation-xml",
                    ],
                )
        })
    }

    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let in_foreign = self.in_foreign();
        let foreign = in_foreign || name == "svg" || name == "math";
        if foreign {
            if !tag.self_closing {
                self.push(tag, true);
            }
            return TokenSinkResult::Continue;
        }
        if is(name, VOID) {
            return TokenSinkResult::Continue;
        }
        if is(name, CLOSES_P) {
            self.close_where(|n| n == "p", |n| is(n, SCOPE));
        }
        match name {
            "li" => {
                self.close_where(|n| n == "li", |n| is(n, SPECIAL) && n != "p");
            }
            "dd" | "dt" => {
                self.close_where(|n| n == "dd" || n == "dt", |n| is(n, SPECIAL) && n != "p");
            }
            _ if is(name, HEADINGS) && self.stack.last().is_some_and(|o| is(&o.name, HEADINGS)) => {
                self.pop();
            }
            "option" | "optgroup" if self.stack.last().is_some_and(|o| &*o.name == "option") => {
                self.pop();
            }
            "td" | "th" => {
                self.close_where(
                    |n| n == "td" || n == "th",
                    |n| is(n, TABLE_SCOPE) || is(n, &["tr", "tbody", "thead", "tfoot"]),
                );
            }
            "tr" => {
                self.close_where(
                    |n| n == "tr",
                    |n| is(n, TABLE_SCOPE) || is(n, &["tbody", "thead", "tfoot"]),
                );
            }
            _ => {}
        }
        self.push(tag, false);
        let in_select = self.stack.iter().any(|o| &*o.name == "select");
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" if !in_select => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" if !in_select => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" if !in_select => TokenSinkResult::Plaintext,
            _ if self.too_deep => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn end(&mut self, name: &LocalName) {
        let name: &str = name;
        // In SVG or MathML an end tag closes the nearest foreign element of
        // its name; HTML elements are handled as in HTML.
        for i in (0..self.stack.len()).rev() {
            if !self.stack[i].foreign {
                break;
            }
            if (*self.stack[i].name).eq_ignore_ascii_case(name) {
                self.pop_through(i);
                return;
            }
        }
        if is(name, FORMATTING) {
            // Closed when it is the current node, or when no special
            // element lies above it; otherwise the parser moves it about
            // (the adoption agency) without getting shallower.
            if self.close_where(|n| n == name, |n| is(n, SPECIAL) || is(n, SCOPE)) {
                return;
            }
            if let Some(i) = self.waiting.iter().rposition(|w| &*w.name == name) {
                self.waiting.remove(i);
            }
            return;
        }
        match name {
            "p" => {
                self.close_where(|n| n == "p", |n| is(n, SCOPE));
            }
            "li" => {
                self.close_where(|n| n == "li", |n| is(n, SCOPE));
            }
            _ if is(name, HEADINGS) => {
                self.close_where(|n| is(n, HEADINGS), |n| is(n, SCOPE));
            }
            _ if is(name, BLOCK_END) => {
                self.close_where(|n| n == name, |n| is(n, SCOPE));
            }
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "table" | "caption" => {
                self.close_where(|n| n == name, |n| is(n, TABLE_SCOPE));
            }
            "select" => {
                self.close_where(|n| n == name, |n| n != "option" && n != "optgroup");
            }
            "form" | "body" | "html" | "br" => {}
            _ => {
                self.close_where(|n| n == name, |n| is(n, SPECIAL));
            }
        }
    }

    /// Closes the nearest open element that `target` accepts, and all open
    /// above it, unless an element that `stop` accepts comes first.
    fn close_where(&mut self, target: impl Fn(&str) -> bool, stop: impl Fn(&str) -> bool) -> bool {
        for i in (0..self.stack.len()).rev() {
            let n: &str = &self.stack[i].name;
            if target(n) {
                self.pop_through(i);
                return true;
            }
            if stop(n) {
                return false;
            }
        }
        false
    }

    /// Closes the open element at `index` and all above it; formatting
    /// elements above it wait to be reopened.
    fn pop_through(&mut self, index: usize) {
        while self.stack.len() > index + 1 {
            self.pop();
        }
        let open = self.stack.pop();
        self.formatting_attrs.pop();
        if let Some(open) = open {
            if is(&open.name, MARKERS) {
                self.waiting.truncate(open.waiting_mark);
            }
        }
    }

    /// Closes the current node implicitly.
    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let attrs = self.formatting_attrs.pop().flatten();
        if is(&open.name, MARKERS) {
            self.waiting.truncate(open.waiting_mark);
        }
        if let Some(attrs) = attrs {
            let waiting = Waiting {
                name: open.name,
                attrs,
            };
            // The parser keeps at most three equal ones after the last marker.
            let mark = self.last_marker_mark();
            let equal: Vec<usize> = (mark..self.waiting.len())
                .filter(|&i| self.waiting[i] == waiting)
                .collect();
            if equal.len() >= 3 {
                self.waiting.remove(equal[0]);
            }
            self.waiting.push(waiting);
            self.check();
        }
    }

    fn last_marker_mark(&self) -> usize {
        self.stack
            .iter()
            .rev()
            .find(|o| is(&o.name, MARKERS))
            .map_or(0, |o| o.waiting_mark)
    }

    fn push(&mut self, tag: &Tag, foreign: bool) {
        let formatting = !foreign && is(&tag.name, FORMATTING);
        self.stack.push(Open {
            name: tag.name.clone(),
            foreign,
            waiting_mark: self.waiting.len(),
        });
        self.formatting_attrs.push(formatting.then(|| {
            let mut attrs: Vec<(String, String)> = tag
                .attrs
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect();
            attrs.sort();
            attrs
        }));
        self.check();
    }

    fn check(&mut self) {
        if self.stack.len() + self.waiting.len() > self.limit {
            self.too_deep = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::exceeds;

    fn depth_ok(html: &str) -> bool {
        !exceeds(html, 10)
    }

    #[test]
    fn well_formed_and_usual_sloppy_html_is_not_deep() {
        assert!(depth_ok(&"<div><p>a</p></div>".repeat(100)));
        assert!(depth_ok(&"<p>a".repeat(100)));
        assert!(depth_ok(&"<ul><li>a<li>b</ul>".repeat(100)));
        assert!(depth_ok(
            &"<table><tr><td>a<td>b<tr><td>c</table>".repeat(100)
        ));
        assert!(depth_ok(&"<div><p>a</div>".repeat(100)));
        assert!(depth_ok(&"<p><b>a</p>".repeat(100)));
        assert!(depth_ok(&"<td><b>a</td>".repeat(100)));
        assert!(depth_ok(&"<br><img src=x><hr>".repeat(100)));
        assert!(depth_ok(&"<dl><dt>a<dd>b</dl>".repeat(100)));
        assert!(depth_ok(&"<svg><circle/><g></g></svg>".repeat(100)));
    }

    #[test]
    fn stray_end_tags_do_not_close_anything() {
        assert!(exceeds(&"<div></x>".repeat(20), 10));
        assert!(exceeds(&"<span></b>".repeat(20), 10));
        assert!(exceeds(&"<span><div></span>".repeat(20), 10));
    }

    #[test]
    fn end_tags_inside_comments_attributes_and_raw_text_do_not_count() {
        assert!(exceeds(&"<div><!-- </div> -->".repeat(20), 10));
        assert!(exceeds(&"<div title='</div>'>".repeat(20), 10));
        assert!(exceeds(&"<div><style></div></style>".repeat(20), 10));
        assert!(exceeds(&"<div><textarea></div></textarea>".repeat(20), 10));
    }

    #[test]
    fn formatting_elements_waiting_to_be_reopened_count() {
        // Distinct attributes defeat the parser's limit of three equal ones.
        let html: String = (0..20).map(|i| format!("<p><b id={i}>x</p>")).collect();
        assert!(exceeds(&html, 10));
        let html: String = (0..20).map(|i| format!("<b id={i}><i id={i}>")).collect();
        assert!(exceeds(&html, 10));
    }
}
