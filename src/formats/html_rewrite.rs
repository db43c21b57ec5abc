//! Small rewrites of HTML that wijksite itself generated, for reading away
//! from the site: absolute URLs (feeds, email) and inline styles (email).
//!
//! The input is the output of our Markdown renderer or of the sanitiser, so
//! text never holds a bare `<`; start tags are parsed attribute by
//! attribute, everything else (text, end tags, comments) is copied as is.

/// An opening tag: its name and its attributes, values still HTML-escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, Option<String>)>,
}

impl StartTag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.as_deref())
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Sets an attribute (value already HTML-escaped), replacing it if present.
    pub fn set_attr(&mut self, name: &str, value: String) {
        match self
            .attrs
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some((_, v)) => *v = Some(value),
            None => self.attrs.push((name.to_string(), Some(value))),
        }
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (name, value) in &self.attrs {
            out.push(' ');
            out.push_str(name);
            if let Some(value) = value {
                out.push_str("=\"");
                out.push_str(&value.replace('"', "&quot;"));
                out.push('"');
            }
        }
        // A trailing `/` means nothing in HTML, so `<br/>` is written `<br>`.
        out.push('>');
    }
}

/// Calls `change` on every start tag and writes the HTML back.
pub fn rewrite_start_tags(html: &str, mut change: impl FnMut(&mut StartTag)) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with("<!--") {
            // Comments (and Outlook's conditional comments) stay as they are.
            let end = rest[4..].find("-->").map_or(rest.len(), |i| i + 4 + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        match parse_start_tag(rest) {
            Some((mut tag, len)) => {
                change(&mut tag);
                tag.write(&mut out);
                rest = &rest[len..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Parses `<name attr="v" …>` at the start of `text`; returns the tag and
/// its length in bytes, or None when this is no start tag.
fn parse_start_tag(text: &str) -> Option<(StartTag, usize)> {
    let bytes = text.as_bytes();
    if !bytes.get(1)?.is_ascii_alphabetic() {
        return None;
    }
    let is_name_end = |b: u8| b.is_ascii_whitespace() || b == b'>' || b == b'/';
    let mut i = 1;
    while i < bytes.len() && !is_name_end(bytes[i]) {
        i += 1;
    }
    let mut tag = StartTag {
        name: text[1..i].to_string(),
        attrs: Vec::new(),
    };
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((tag, i + 1)),
            b'/' if bytes.get(i + 1) == Some(&b'>') => return Some((tag, i + 2)),
            b'/' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let start = i;
        while i < bytes.len() && !is_name_end(bytes[i]) && bytes[i] != b'=' {
            i += 1;
        }
        let name = text[start..i].to_string();
        if bytes.get(i) != Some(&b'=') {
            tag.attrs.push((name, None));
            continue;
        }
        i += 1;
        let value = match bytes.get(i)? {
            quote @ (b'"' | b'\'') => {
                let end = i + 1 + text[i + 1..].find(*quote as char)?;
                let value = &text[i + 1..end];
                i = end + 1;
                value
            }
            _ => {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                &text[start..i]
            }
        };
        tag.attrs.push((name, Some(value.to_string())));
    }
}

/// Where links are resolved against.
#[derive(Debug, Clone, Copy)]
pub struct LinkBase<'a> {
    /// Scheme and host of the site: `https://x.nl` (no slash at the end).
    pub origin: &'a str,
    /// The absolute URL of the document the links are in.
    pub page_url: &'a str,
    /// Keep `#anchor` links as they are (they point inside the same email),
    /// rather than making them point to the page on the site.
    pub keep_fragments: bool,
}

/// Makes every `href` and `src` absolute. Root-relative URLs in generated
/// HTML already carry the site's base path, so they only get the origin.
pub fn absolute_urls(html: &str, base: LinkBase) -> String {
    rewrite_start_tags(html, |tag| {
        for (name, value) in &mut tag.attrs {
            let is_url = name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src");
            if let (true, Some(value)) = (is_url, value.as_mut()) {
                *value = absolute_url(value, base);
            } else if let (true, Some(value)) =
                (name.eq_ignore_ascii_case("srcset"), value.as_mut())
            {
                *value = absolute_srcset(value, base);
            }
        }
    })
}

/// A `srcset` (`url 480w, url 960w`, as photos are written) with each URL
/// made absolute, so feed readers and mail apps find the photos too.
fn absolute_srcset(srcset: &str, base: LinkBase) -> String {
    srcset
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            match candidate.split_once(char::is_whitespace) {
                Some((url, descriptor)) => {
                    format!("{} {}", absolute_url(url, base), descriptor.trim())
                }
                None => absolute_url(candidate, base),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One URL made absolute (see [`absolute_urls`]).
pub fn absolute_url(url: &str, base: LinkBase) -> String {
    let url = url.trim();
    if has_scheme(url) {
        return url.to_string();
    }
    if let Some(rest) = url.strip_prefix("//") {
        let scheme = base.origin.split_once("://").map_or("https", |(s, _)| s);
        return format!("{scheme}://{rest}");
    }
    if url.starts_with('#') {
        if base.keep_fragments {
            return url.to_string();
        }
        let page = base.page_url.split('#').next().unwrap_or(base.page_url);
        return format!("{page}{url}");
    }
    if url.starts_with('/') {
        return format!("{}{url}", base.origin);
    }
    join_relative(base.page_url, url)
}

/// Whether `url` starts with a scheme such as `https:` or `mailto:`.
pub fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) if colon > 0 => {
            let scheme = &url[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

/// Resolves a relative URL (`foo/`, `../bar`, `?x`) against an absolute one.
fn join_relative(base: &str, relative: &str) -> String {
    let base = base.split(['#', '?']).next().unwrap_or(base);
    let (origin, path) = match base.find("://") {
        Some(i) => match base[i + 3..].find('/') {
            Some(j) => base.split_at(i + 3 + j),
            None => (base, "/"),
        },
        None => ("", base),
    };
    if relative.starts_with('?') {
        return format!("{origin}{path}{relative}");
    }
    let (relative_path, suffix) = match relative.find(['?', '#']) {
        Some(i) => relative.split_at(i),
        None => (relative, ""),
    };
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let parts: Vec<&str> = relative_path.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        match *part {
            ".." => {
                segments.pop();
            }
            "." | "" if i + 1 < parts.len() => {}
            "." | "" => segments.push(""),
            other => segments.push(other),
        }
    }
    let trailing = matches!(parts.last(), Some(&"..") | Some(&"."));
    let mut joined = format!("{origin}/{}", segments.join("/"));
    if trailing && !joined.ends_with('/') {
        joined.push('/');
    }
    format!("{joined}{suffix}")
}

/// Adds inline CSS to tags: `style_for(tag name)` gives the declarations,
/// which go before any style the tag already has (so that one still wins).
pub fn inline_styles(html: &str, style_for: impl Fn(&str) -> Option<&'static str>) -> String {
    rewrite_start_tags(html, |tag| {
        let Some(css) = style_for(&tag.name.to_ascii_lowercase()) else {
            return;
        };
        let merged = match tag.attr("style") {
            Some(own) => format!("{css}{own}"),
            None => css.to_string(),
        };
        tag.set_attr("style", merged);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: LinkBase = LinkBase {
        origin: "https://x.nl",
        page_url: "https://x.nl/sub/nieuwsbrief/maart/",
        keep_fragments: false,
    };

    #[test]
    fn root_relative_links_get_the_origin_only() {
        let html = r#"<p><a href="/sub/meedoen/">Meedoen</a> <img src="/sub/a.jpg" alt="A"></p>"#;
        assert_eq!(
            absolute_urls(html, BASE),
            r#"<p><a href="https://x.nl/sub/meedoen/">Meedoen</a> <img src="https://x.nl/sub/a.jpg" alt="A"></p>"#
        );
    }

    #[test]
    fn every_url_of_a_srcset_gets_the_origin() {
        let html = r#"<source type="image/webp" srcset="/sub/img/a-480.webp 480w, /sub/img/a-960.webp 960w">"#;
        assert_eq!(
            absolute_urls(html, BASE),
            r#"<source type="image/webp" srcset="https://x.nl/sub/img/a-480.webp 480w, https://x.nl/sub/img/a-960.webp 960w">"#
        );
    }

    #[test]
    fn absolute_mail_and_phone_links_stay_as_they_are() {
        for url in [
            "https://a.nl/x?a=1&amp;b=2",
            "mailto:info@x.nl",
            "tel:0331234567",
        ] {
            assert_eq!(absolute_url(url, BASE), url);
        }
    }

    #[test]
    fn relative_links_and_anchors_resolve_against_the_page() {
        assert_eq!(
            absolute_url("#agenda", BASE),
            "https://x.nl/sub/nieuwsbrief/maart/#agenda"
        );
        let keep = LinkBase {
            keep_fragments: true,
            ..BASE
        };
        assert_eq!(absolute_url("#agenda", keep), "#agenda");
        assert_eq!(
            absolute_url("../juni/", BASE),
            "https://x.nl/sub/nieuwsbrief/juni/"
        );
        assert_eq!(
            absolute_url("foto.jpg", BASE),
            "https://x.nl/sub/nieuwsbrief/maart/foto.jpg"
        );
        assert_eq!(absolute_url("..", BASE), "https://x.nl/sub/nieuwsbrief/");
        assert_eq!(absolute_url("//cdn.nl/a", BASE), "https://cdn.nl/a");
    }

    #[test]
    fn only_attributes_inside_tags_are_touched() {
        let html = "<p>schrijf href=\"/x\" zo</p><!-- <a href=\"/y\"> -->";
        assert_eq!(absolute_urls(html, BASE), html);
    }

    #[test]
    fn attributes_round_trip_with_double_quotes() {
        let html = "<input type=checkbox disabled checked/><td style='text-align: \"x\"'>";
        assert_eq!(
            rewrite_start_tags(html, |_| {}),
            "<input type=\"checkbox\" disabled checked><td style=\"text-align: &quot;x&quot;\">"
        );
    }

    #[test]
    fn a_broken_tag_is_copied_not_lost() {
        assert_eq!(
            absolute_urls("a < b <a href=\"/x", BASE),
            "a < b <a href=\"/x"
        );
    }

    #[test]
    fn inline_styles_go_before_a_tags_own_style() {
        let html = r#"<p>a</p><td style="text-align: right">1</td><em>b</em>"#;
        let styled = inline_styles(html, |name| match name {
            "p" => Some("margin:0;"),
            "td" => Some("padding:4px;"),
            _ => None,
        });
        assert_eq!(
            styled,
            r#"<p style="margin:0;">a</p><td style="padding:4px;text-align: right">1</td><em>b</em>"#
        );
    }
}
