//! Markdown rendering: any text renders without panicking, and nothing
//! executable survives into the HTML: no script element, no `on…=` event
//! attribute inside a tag, no `javascript:` link.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wijksite::content::markdown::{self, RenderOptions};

/// The inside of every tag (`<…>`) in the HTML.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest))
}

/// The values of URL attributes (href, src, …) in a tag, entity-decoded as
/// a browser would read them.
fn url_values(tag: &str) -> Vec<String> {
    let mut values = Vec::new();
    for name in ["href=\"", "src=\"", "action=\"", "formaction=\"", "srcset=\""] {
        let mut rest = tag;
        while let Some(i) = rest.find(name) {
            rest = &rest[i + name.len()..];
            let value = rest.split('"').next().unwrap_or("");
            values.push(decode_entities(value));
        }
    }
    values
}

fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let (digits, radix) = match tail.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (tail, 10),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        let code = u32::from_str_radix(&digits[..len], radix).ok().and_then(char::from_u32);
        match code {
            Some(c) if len > 0 => {
                out.push(c);
                let skip = tail.len() - digits.len() + len;
                rest = tail[skip..].strip_prefix(';').unwrap_or(&tail[skip..]);
            }
            _ => {
                out.push_str("&#");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&colon;", ":")
}

fn is_script_url(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.starts_with("javascript:") || compact.starts_with("vbscript:") || compact.starts_with("data:text/html")
}

fn has_event_attribute(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
        .any(|word| word.starts_with("on") && word.contains('='))
}

fuzz_target!(|text: &str| {
    for allow_raw_html in [true, false] {
        let rendered = markdown::render(
            text,
            RenderOptions { base_path: "/sub/", allow_raw_html, line_offset: 3, images: None },
        );
        let html = &rendered.html;
        for tag in tags(html) {
            let lower = tag.to_ascii_lowercase();
            assert!(!lower.starts_with("script"), "script element survived: {html}");
            assert!(!has_event_attribute(tag), "event attribute survived: <{tag}>");
            for url in url_values(tag) {
                assert!(!is_script_url(&url), "script URL survived: <{tag}>");
            }
        }
    }
    let _ = markdown::to_plain_text(text);
});
