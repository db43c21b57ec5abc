//! A small scanner for the HTML wijksite itself produces: which URLs a page
//! points to (href and src), which ids it has (anchor targets), and which
//! images lack an alt attribute. Not a full HTML parser; it understands
//! tags, quoted and unquoted attributes, comments, character references,
//! and skips the insides of script and style elements.

use std::collections::BTreeSet;

/// One URL in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The element, lowercase: `a`, `img`, `script`, `link`.
    pub tag: String,
    /// `href` or `src`.
    pub attr: &'static str,
    /// The value, character references decoded.
    pub value: String,
}

/// What a page holds that `check` looks at.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    pub links: Vec<Link>,
    pub ids: BTreeSet<String>,
    /// `src` of every `<img>` without an alt attribute.
    pub images_without_alt: Vec<String>,
}

/// Scans an HTML text.
pub fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue; // end tag, doctype or a stray `<`
        }
        let tag = rest[..name_len].to_ascii_lowercase();
        let (attrs, after_tag) = attributes(&rest[name_len..]);
        rest = after_tag;
        record(&tag, &attrs, &mut out);
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            rest = find_ignore_case(rest, &close).map_or("", |end| &rest[end..]);
        }
    }
    out
}

fn record(tag: &str, attrs: &[(String, String)], out: &mut Scan) {
    let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    for (name, value) in attrs {
        match name.as_str() {
            "href" => out.links.push(Link {
                tag: tag.to_string(),
                attr: "href",
                value: value.clone(),
            }),
            "src" => out.links.push(Link {
                tag: tag.to_string(),
                attr: "src",
                value: value.clone(),
            }),
            "id" => {
                out.ids.insert(value.clone());
            }
            "name" if tag == "a" => {
                out.ids.insert(value.clone());
            }
            _ => {}
        }
    }
    if tag == "img" && get("alt").is_none() {
        out.images_without_alt
            .push(get("src").cloned().unwrap_or_default());
    }
}

/// Reads attributes up to the end of the tag; returns them and the rest.
fn attributes(text: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (attrs, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attrs, after);
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || "=>/".contains(c))
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (raw, after_value) = match after_eq.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after_eq[1..];
                    match inner.find(quote) {
                        Some(end) => (&inner[..end], &inner[end + 1..]),
                        None => (inner, ""),
                    }
                }
                _ => {
                    let end = after_eq
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                }
            };
            value = decode_references(raw);
            rest = after_value;
        }
        attrs.push((name, value));
    }
}

/// Decodes `&amp;`, `&quot;`, `&#39;`, `&#x27;` and the other references
/// that appear in URLs and ids.
pub fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| reference(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_ids_and_images_are_found() {
        let s = scan(
            r##"<!DOCTYPE html><h2 id="een-keer">x</h2><a href="/a/?x=1&amp;y=2">a</a>
            <img src='/f.jpg' alt=""><IMG SRC=/g.png><a name=oud></a><link rel="stylesheet" href="/s.css">"##,
        );
        let values: Vec<&str> = s.links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(values, ["/a/?x=1&y=2", "/f.jpg", "/g.png", "/s.css"]);
        assert_eq!(s.links[2].tag, "img");
        assert!(s.ids.contains("een-keer") && s.ids.contains("oud"));
        assert_eq!(s.images_without_alt, ["/g.png"]);
    }

    #[test]
    fn comments_and_script_insides_are_skipped() {
        let s = scan(
            "<!-- <a href=\"/weg/\"> --><script>var x = '<a href=\"/ook-weg/\">';</script><a href=\"/ja/\">",
        );
        let values: Vec<&str> = s.links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(values, ["/ja/"]);
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            decode_references("a&amp;b&#39;c&#x27;d&zz;e&"),
            "a&b'c'd&zz;e&"
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<a href=",
            "<a href=\"x",
            "<a =x>",
            "<<<>>>",
            "<a\u{e9} href=x>",
        ] {
            let _ = scan(html);
        }
    }
}
