//! Escaping text for the formats wijksite writes: HTML, XML and URLs.
//!
//! One place for these small functions, so every output format escapes the
//! same way and a fix reaches all of them. (iCalendar TEXT escaping lives in
//! `ical`, CSV in the open-data writer: each has rules of its own.)

/// Escapes text for HTML text and quoted attributes. Unlike Tera's default
/// it leaves `/` alone, so URLs stay readable.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut plain_from = 0;
    // Copies runs without special characters in one go: every value in
    // every page passes through here. The five are ASCII, so a byte index
    // is always a character boundary.
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain_from..i]);
        out.push_str(entity);
        plain_from = i + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}

/// Escapes text for XML character data and attribute values. Control
/// characters that XML 1.0 forbids become U+FFFD, so the document stays
/// well-formed whatever an editor pasted.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes everything but RFC 3986 unreserved characters, for a
/// value inside a URL query parameter.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%xx` escapes; `None` for broken escapes or invalid UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes_but_not_slashes() {
        assert_eq!(
            html(r#"<a href="x">'t & "y"</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;t &amp; &quot;y&quot;&lt;/a&gt;"
        );
        assert_eq!(html("https://a.nl/b/"), "https://a.nl/b/");
    }

    #[test]
    fn html_keeps_text_without_special_characters_and_multibyte_letters() {
        assert_eq!(html(""), "");
        assert_eq!(html("géén speciale tekens"), "géén speciale tekens");
        assert_eq!(html("é&ü"), "é&amp;ü");
        assert_eq!(html("&"), "&amp;");
    }

    #[test]
    fn xml_escapes_markup_and_replaces_forbidden_control_characters() {
        assert_eq!(xml("a]]>b\u{1}c\td"), "a]]&gt;b\u{fffd}c\td");
        assert_eq!(xml("'t \"x\""), "&apos;t &quot;x&quot;");
    }

    #[test]
    fn percent_encoding_round_trips() {
        let text = "webcal://szh.nl/agenda.ics?a=b&c=é ë";
        let encoded = percent_encode(text);
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b))
        );
        assert_eq!(percent_decode(&encoded).as_deref(), Some(text));
    }

    #[test]
    fn broken_escapes_do_not_decode() {
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%ff"), None, "not UTF-8");
    }
}
