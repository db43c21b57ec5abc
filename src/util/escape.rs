//! Escaping text for the formats wijksite writes: HTML, XML and URLs.
//!
//! One place for these small functions, so every output format escapes the
//! same way and a fix reaches all of them. (iCalendar TEXT escaping lives in
//! `ical`, CSV in the open-data writer: each has rules of its own.)
//!
//! Characters no output can hold are kept out twice: [`forbidden_char`]
//! finds them when an editor's file is read (the build stops with the file,
//! line and column), and the XML writers drop or replace them anyway, so a
//! value that did not come from a content file cannot break a feed either.

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

/// Whether `c` may stand in an editor's text. Refused: control characters
/// (C0 but TAB and LF, DEL, C1), which are invisible, forbidden in XML 1.0
/// (C0) or unsafe in a terminal (ESC, CSI), and the Unicode noncharacters
/// (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF, among them U+FFFE and U+FFFF that
/// XML 1.0 forbids). CR never reaches this check: decoding turns it into LF.
pub fn is_allowed_text_char(c: char) -> bool {
    if c.is_control() {
        return matches!(c, '\t' | '\n' | '\r');
    }
    let code = u32::from(c);
    !((0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE)
}

/// The first YAML escape in a double-quoted scalar of `yaml` (`"\e"`,
/// `"\x00"`, `"\uFFFE"`, …) that stands for a character
/// [`is_allowed_text_char`] refuses, with the 1-based line and column of
/// its backslash: such an escape would carry the character past the check
/// of the raw text. A `"` opens a scalar only where a value starts (after
/// `:`, `-`, `[`, `{`, `,` or at the start of a line), so quotes inside
/// plain text are not mistaken for one.
pub fn forbidden_yaml_escape(yaml: &str) -> Option<(usize, usize, char)> {
    if !yaml.contains('\\') {
        return None;
    }
    let chars: Vec<char> = yaml.chars().collect();
    let (mut line, mut column) = (1, 1);
    let mut in_quotes = false;
    let mut last_significant = '\n';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_quotes {
            if c == '\\' {
                let (decoded, len) = yaml_escape(&chars[i + 1..]);
                // A CR from an escape (raw ones are decoded to LF) is
                // refused too: it would break lines in calendars.
                if let Some(decoded) = decoded
                    && (!is_allowed_text_char(decoded) || decoded == '\r')
                {
                    return Some((line, column, decoded));
                }
                column += 1 + len;
                i += 1 + len;
                continue;
            }
            if c == '"' {
                in_quotes = false;
                last_significant = '"';
            }
        } else if c == '"' && matches!(last_significant, ':' | '-' | '[' | '{' | ',' | '\n') {
            in_quotes = true;
        } else if c == '#' && matches!(last_significant, '\n') {
            // A comment line: skip to its end.
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
                column += 1;
            }
            continue;
        } else if !c.is_whitespace() || c == '\n' {
            last_significant = c;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
        i += 1;
    }
    None
}

/// The character a YAML escape stands for (the text after the backslash),
/// and how many characters the escape takes after the backslash.
fn yaml_escape(rest: &[char]) -> (Option<char>, usize) {
    let hex = |len: usize| -> (Option<char>, usize) {
        let digits: String = rest.iter().skip(1).take(len).collect();
        if digits.len() != len {
            return (None, 1);
        }
        let decoded = u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32);
        (decoded, 1 + len)
    };
    match rest.first() {
        Some('0') => (Some('\0'), 1),
        Some('a') => (Some('\u{7}'), 1),
        Some('b') => (Some('\u{8}'), 1),
        Some('v') => (Some('\u{b}'), 1),
        Some('f') => (Some('\u{c}'), 1),
        Some('r') => (Some('\r'), 1),
        Some('e') => (Some('\u{1b}'), 1),
        Some('N') => (Some('\u{85}'), 1),
        Some('x') => hex(2),
        Some('u') => hex(4),
        Some('U') => hex(8),
        Some(_) => (None, 1),
        None => (None, 0),
    }
}

/// The first character of `text` that [`is_allowed_text_char`] refuses,
/// with its 1-based line and column (counted in characters).
pub fn forbidden_char(text: &str) -> Option<(usize, usize, char)> {
    // Fast path: every refused character is a C0/DEL control or starts
    // with one of the lead bytes 0xC2 (C1), 0xEF (U+FDD0…, U+FFFE/F) or
    // 0xF0–0xF4 (planes 1–16); most text has none of them.
    let suspicious = |b: u8| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF || b >= 0xF0;
    if !text
        .bytes()
        .any(|b| suspicious(b) && b != b'\t' && b != b'\n')
    {
        return None;
    }
    let mut line = 1;
    let mut column = 1;
    for c in text.chars() {
        if !is_allowed_text_char(c) {
            return Some((line, column, c));
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    None
}

/// `U+FFFF`: how messages name a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether XML 1.0 allows `c` (its `Char` production; Rust strings hold no
/// surrogates).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// Escapes text for XML character data and attribute values. Control
/// characters (and U+FFFE, U+FFFF, which XML 1.0 forbids) become U+FFFD,
/// so the document stays well-formed whatever an editor pasted.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || !is_xml_char(c) => {
                out.push('\u{fffd}')
            }
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
    fn yaml_escapes_of_refused_characters_are_found_with_their_place() {
        assert_eq!(
            forbidden_yaml_escape("title: \"Voor\\x00Na\"\n"),
            Some((1, 13, '\0'))
        );
        assert_eq!(
            forbidden_yaml_escape("a: b\nsummary: \"x \\uFFFE\"\n"),
            Some((2, 13, '\u{fffe}'))
        );
        assert_eq!(
            forbidden_yaml_escape("t: \"\\e[2K\"\n").map(|f| f.2),
            Some('\u{1b}')
        );
        assert_eq!(
            forbidden_yaml_escape("- \"\\r\"\n").map(|f| f.2),
            Some('\r')
        );
        // Allowed escapes, and backslashes outside double quotes.
        assert_eq!(forbidden_yaml_escape("t: \"a\\tb\\n\\\"c\\u00e9\"\n"), None);
        assert_eq!(forbidden_yaml_escape("pad: C:\\eigen\\x00\n"), None);
        assert_eq!(forbidden_yaml_escape("t: 'a\\e'\n"), None);
        assert_eq!(forbidden_yaml_escape("t: hij zei \"\\e\"\n"), None);
        assert_eq!(forbidden_yaml_escape("# \"\\e\"\nt: x\n"), None);
    }

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
        assert_eq!(xml("a\u{fffe}b\u{ffff}c"), "a\u{fffd}b\u{fffd}c");
    }

    #[test]
    fn xml_chars_follow_the_xml_1_0_char_production() {
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            'é',
            '\u{d7ff}',
            '\u{e000}',
            '\u{fffd}',
            '\u{10000}',
        ] {
            assert!(is_xml_char(c), "{c:?}");
        }
        for c in ['\0', '\u{1}', '\u{1b}', '\u{1f}', '\u{fffe}', '\u{ffff}'] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }

    #[test]
    fn forbidden_characters_are_found_with_line_and_column() {
        assert_eq!(forbidden_char("gewone tekst\n\tmet tab, é en 😀\n"), None);
        assert_eq!(forbidden_char("a\nbé\u{ffff}"), Some((2, 3, '\u{ffff}')));
        assert_eq!(forbidden_char("\u{fffe}"), Some((1, 1, '\u{fffe}')));
        assert_eq!(forbidden_char("x\u{0}"), Some((1, 2, '\0')));
        assert_eq!(forbidden_char("ti\u{1b}[31m"), Some((1, 3, '\u{1b}')));
        assert_eq!(forbidden_char("\u{7}"), Some((1, 1, '\u{7}')));
        assert_eq!(forbidden_char("a\u{7f}"), Some((1, 2, '\u{7f}')));
        assert_eq!(forbidden_char("a\u{9b}"), Some((1, 2, '\u{9b}')));
        assert_eq!(forbidden_char("\u{fdd0}"), Some((1, 1, '\u{fdd0}')));
        assert_eq!(forbidden_char("\u{1fffe}"), Some((1, 1, '\u{1fffe}')));
        assert_eq!(forbidden_char("\u{10ffff}"), Some((1, 1, '\u{10ffff}')));
        // Neighbours of the refused ranges stay allowed.
        assert_eq!(
            forbidden_char("\u{a0}\u{fdcf}\u{fdf0}\u{fffd}\u{1fffd}\u{feff}"),
            None
        );
        assert_eq!(code_point('\u{ffff}'), "U+FFFF");
        assert_eq!(code_point('\u{1b}'), "U+001B");
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
