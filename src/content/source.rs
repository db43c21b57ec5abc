//! Reading editors' files: text decoding, front matter and YAML.
//!
//! Editors write on any machine, so a UTF-8 byte-order mark and CRLF line
//! endings are accepted and removed here, once. YAML problems become
//! [`Diagnostic`]s with the line counted from the top of the file (not from
//! the start of the front matter) and a hint in plain Dutch.

use crate::util::diagnostics::Diagnostic;
use serde::de::DeserializeOwned;

/// Files larger than this are refused: no editor writes a 2 MB page (a
/// long newsletter is 50 kB), and a large file costs memory while its
/// Markdown is parsed (a 10 MB table took 1 GB).
pub const MAX_TEXT_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// All Markdown and YAML files together may hold no more than this
/// (static files do not count): a build holds each text a few times over
/// (source, page HTML, feed), so this bounds memory too; the 10,000-page
/// benchmark site holds 79 MB. Checked in `content::discover`.
pub const MAX_TOTAL_TEXT_BYTES: u64 = 100 * 1024 * 1024;

/// Decodes an editor's file: strips a BOM, turns CRLF (and lone CR) into LF,
/// and reports invalid UTF-8 with the line where it starts.
pub fn decode(bytes: Vec<u8>, file: &str) -> Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Diagnostic::error(file, "het bestand is geen geldige UTF-8-tekst")
            .at_line(line)
            .hint("sla het bestand op als UTF-8 (in Kladblok: Opslaan als → Codering: UTF-8)")
    })?;
    if !text.starts_with('\u{feff}') && !text.contains('\r') {
        // The common case: the bytes as read are the text, no copy.
        return Ok(text);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A Markdown file split into its YAML front matter and its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line in the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. The text must already be decoded.
pub fn split_front_matter<'a>(text: &'a str, file: &str) -> Result<Split<'a>, Diagnostic> {
    let missing_start = || {
        Diagnostic::error(file, "de kop (front matter) ontbreekt")
            .at_line(1)
            .hint("begin het bestand met een regel `---`, dan `title: …`, en sluit af met `---`")
    };
    let rest = text.strip_prefix("---").ok_or_else(missing_start)?;
    let rest = match rest.split_once('\n') {
        Some((tail, rest)) if tail.trim().is_empty() => rest,
        None if rest.trim().is_empty() => "",
        _ => return Err(missing_start()),
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
                body,
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(file, "de kop (front matter) wordt niet afgesloten")
            .at_line(1)
            .hint("zet na de laatste regel van de kop een regel met alleen `---`"),
    )
}

/// A Markdown file's front matter, parsed into `T`, and its body.
pub struct MarkdownFile<'a, T> {
    pub front: T,
    pub body: &'a str,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
}

/// Splits and parses a Markdown file with YAML front matter.
pub fn parse_markdown_file<'a, T: DeserializeOwned>(
    text: &'a str,
    file: &str,
) -> Result<MarkdownFile<'a, T>, Diagnostic> {
    let split = split_front_matter(text, file)?;
    if split.yaml.trim().is_empty() {
        return Err(Diagnostic::error(file, "de kop (front matter) is leeg")
            .at_line(split.yaml_line)
            .hint("schrijf tussen de twee regels `---` minstens `title: …`"));
    }
    let front = parse_yaml(split.yaml, file, split.yaml_line)?;
    Ok(MarkdownFile {
        front,
        body: split.body,
        body_line: split.body_line,
    })
}

/// Parses YAML into `T`. `first_line` is the file line where `yaml` starts,
/// so reported lines match what the editor sees.
pub fn parse_yaml<T: DeserializeOwned>(
    yaml: &str,
    file: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    use crate::util::yaml_lines::{MAX_YAML_NESTING, too_deep};
    if let Some((line, column)) = too_deep(yaml) {
        return Err(Diagnostic::error(
            file,
            format!("de YAML is te diep genest (meer dan {MAX_YAML_NESTING} lagen in elkaar)"),
        )
        .at(line + first_line - 1, column)
        .hint("gebruik minder lagen `[`, `{` of inspringing in elkaar; sluit elke `[` af met `]` en elke `{` met `}`"));
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        let mut diagnostic = yaml_diagnostic(&e, file, first_line);
        if let Some(line) = own_error_line(&e, yaml) {
            diagnostic = diagnostic.at_line(line + first_line - 1);
            diagnostic.column = None;
        }
        diagnostic
    })
}

/// Marks messages of wijksite's own value checks (dates, amounts, …), so
/// they are shown as they are rather than as a YAML syntax problem.
pub const OWN_MESSAGE: &str = "wijksite: ";

/// For our own value checks serde_yaml reports where the surrounding
/// mapping starts; the line that holds the quoted value is more useful.
fn own_error_line(error: &serde_yaml::Error, yaml: &str) -> Option<usize> {
    let message = error.to_string();
    let start = message.find(OWN_MESSAGE)?;
    let value = message[start..].split('`').nth(1)?;
    if value.is_empty() {
        return None;
    }
    yaml.lines()
        .position(|line| line.contains(value))
        .map(|i| i + 1)
}

/// Parses a whole YAML file into `T`. An empty file is reported as such.
pub fn parse_yaml_file<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, "het bestand is leeg")
            .hint("vul het bestand in; kijk in docs/redacteuren.md voor een voorbeeld"));
    }
    parse_yaml(text, file, 1)
}

/// Turns a serde_yaml error into a Dutch diagnostic with a hint.
pub fn yaml_diagnostic(error: &serde_yaml::Error, file: &str, first_line: usize) -> Diagnostic {
    let raw = error.to_string();
    let message = strip_location(&raw);
    let (text, hint) = explain(message);
    let mut diagnostic = Diagnostic::error(file, text);
    if let Some(hint) = hint {
        diagnostic = diagnostic.hint(hint);
    }
    match error.location() {
        Some(at) => diagnostic.at(at.line() + first_line - 1, at.column()),
        None => diagnostic.at_line(first_line),
    }
}

/// serde_yaml appends " at line L column C"; we report the place ourselves.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Rewrites serde's English messages as plain Dutch, with a hint.
fn explain(message: &str) -> (String, Option<String>) {
    if let Some(start) = message.find(OWN_MESSAGE) {
        let own = &message[start + OWN_MESSAGE.len()..];
        return match own.split_once("; ") {
            Some((what, hint)) => (what.to_string(), Some(hint.to_string())),
            None => (own.to_string(), None),
        };
    }
    let (path, core) = split_field_path(message);
    let place = if path.is_empty() {
        String::new()
    } else {
        format!(" (bij `{path}`)")
    };
    if let Some(rest) = core.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = backticked(expected);
        let hint = match closest(field, &allowed) {
            Some(best) => format!("bedoelt u `{best}`? Toegestaan: {}", allowed.join(", ")),
            None => format!("toegestaan zijn: {}", allowed.join(", ")),
        };
        return (format!("onbekend veld `{field}`{place}"), Some(hint));
    }
    if let Some(rest) = core.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return (
            format!("het verplichte veld `{field}` ontbreekt{place}"),
            Some(format!("voeg een regel `{field}: …` toe")),
        );
    }
    if let Some(rest) = core.strip_prefix("duplicate field `") {
        let field = rest.trim_end_matches('`');
        return (
            format!("het veld `{field}` staat er twee keer{place}"),
            Some("laat er één staan".into()),
        );
    }
    if core.contains("duplicate entry") {
        return (
            format!("een sleutel staat er twee keer{place}: {core}"),
            Some("laat er één staan".into()),
        );
    }
    if let Some(rest) = core
        .strip_prefix("invalid type: ")
        .or_else(|| core.strip_prefix("invalid value: "))
    {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if let (Some(number), Some((low, high))) = (
            found
                .trim()
                .strip_prefix("integer `")
                .and_then(|n| n.split('`').next()),
            integer_range(expected),
        ) {
            return (
                format!("het getal {number}{place} is te groot of te klein"),
                Some(format!("kies een heel getal van {low} tot en met {high}")),
            );
        }
        return (
            format!(
                "verkeerd soort waarde{place}: hier staat {}, maar hier hoort {}",
                kind_in_dutch(found),
                kind_in_dutch(expected)
            ),
            Some(
                "kijk in docs/redacteuren.md wat hier hoort (tekst, getal, datum of lijst)".into(),
            ),
        );
    }
    if let Some(rest) = core.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = backticked(expected);
        return (
            format!("onbekende waarde `{value}`{place}"),
            Some(format!("kies uit: {}", allowed.join(", "))),
        );
    }
    if core.contains("recursion limit") || core.contains("repetition limit") {
        return (
            "de YAML is te diep genest of herhaalt te veel (aliassen)".into(),
            Some("schrijf de gegevens uit zonder `&anker` en `*alias`".into()),
        );
    }
    if core.contains("cannot start any token") || core.contains("tab") {
        return (
            format!("ongeldige YAML: {core}"),
            Some("gebruik spaties om in te springen, geen tabs".into()),
        );
    }
    (
        format!("ongeldige YAML{place}: {core}"),
        Some(
            "controleer de inspringing en de aanhalingstekens; zet tekst met een `:` of `#` \
             tussen dubbele aanhalingstekens"
                .into(),
        ),
    )
}

/// The smallest and largest value of an integer type serde names as
/// expected (`i64`, `u32`, …).
fn integer_range(expected: &str) -> Option<(String, String)> {
    let name = expected
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let range = |low: i128, high: u128| Some((low.to_string(), high.to_string()));
    match name {
        "u8" => range(0, u8::MAX.into()),
        "u16" => range(0, u16::MAX.into()),
        "u32" => range(0, u32::MAX.into()),
        "u64" | "usize" => range(0, u64::MAX.into()),
        "i8" => range(i8::MIN.into(), 127),
        "i16" => range(i16::MIN.into(), 32_767),
        "i32" => range(i32::MIN.into(), 2_147_483_647),
        "i64" | "isize" => range(i64::MIN.into(), 9_223_372_036_854_775_807),
        _ => None,
    }
}

/// serde's names for kinds of values, in words an editor knows.
fn kind_in_dutch(kind: &str) -> String {
    let kind = kind.trim();
    let has = |w: &str| kind.contains(w);
    if has("sequence") || has("list") || has("Vec") {
        "een lijst".into()
    } else if has("map") || has("struct") {
        "een blok met velden".into()
    } else if has("boolean") || has("bool") {
        "ja of nee (true of false)".into()
    } else if has("integer") || has("u32") || has("i64") || has("u64") || has("usize") {
        "een heel getal".into()
    } else if has("floating") || has("f64") {
        "een getal".into()
    } else if has("unit") || has("null") {
        "niets".into()
    } else if has("string") || has("char") {
        match kind.split_once('"') {
            Some((_, value)) => format!("de tekst \"{value}"),
            None => "tekst".into(),
        }
    } else if kind.is_empty() {
        "iets anders".into()
    } else {
        format!("`{kind}`")
    }
}

/// serde_yaml prefixes nested errors with a path, as in `projects[2].granted: …`.
fn split_field_path(message: &str) -> (&str, &str) {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.contains(' ')
                && path
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_.[]".contains(c)) =>
        {
            (path, rest)
        }
        _ => ("", message),
    }
}

/// The names between backticks in "expected one of `a`, `b`".
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The allowed name nearest to a typo, if it is near enough to suggest.
fn closest<'a>(typo: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|name| (edit_distance(typo, name), *name))
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 3))
        .min()
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        let text = decode(
            b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n".to_vec(),
            "a.md",
        )
        .unwrap();
        assert_eq!(text, "---\ntitle: x\n---\nbody\n");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let e = decode(b"ok\nok\n\xff\n".to_vec(), "a.md").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn front_matter_splits_and_counts_body_line() {
        let s = split_front_matter("---\ntitle: x\n---\n# Kop\n", "a.md").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "# Kop\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn missing_front_matter_and_missing_end_are_errors() {
        let e = split_front_matter("# Kop\n", "a.md").unwrap_err();
        assert!(e.message.contains("ontbreekt"));
        let e = split_front_matter("---\ntitle: x\n# Kop\n", "a.md").unwrap_err();
        assert!(e.message.contains("niet afgesloten"), "{e}");
    }

    #[test]
    fn yaml_lines_count_from_the_top_of_the_file() {
        let e = parse_yaml::<Front>("title: x\ntitel: y\n", "a.md", 2).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("onbekend veld `titel`"), "{e}");
        assert!(
            e.hint.as_deref().unwrap().contains("bedoelt u `title`?"),
            "{e}"
        );
    }

    #[test]
    fn missing_title_is_named() {
        let e = parse_yaml::<Front>("weight: 1\n", "a.md", 2).unwrap_err();
        assert!(e.message.contains("`title` ontbreekt"), "{e}");
    }

    #[test]
    fn wrong_kinds_of_values_are_named_in_plain_dutch() {
        let e = parse_yaml::<Front>("title: [a, b]\n", "a.md", 2).unwrap_err();
        assert!(
            e.message
                .contains("hier staat een lijst, maar hier hoort tekst"),
            "{e}"
        );
        let e = parse_yaml::<Front>("title: x\nweight: zwaar\n", "a.md", 2).unwrap_err();
        assert!(e.message.contains("maar hier hoort een heel getal"), "{e}");
        for weight in ["99999999999999999999", "-99999999999999999999"] {
            let yaml = format!("title: x\nweight: {weight}\n");
            let e = parse_yaml::<Front>(&yaml, "a.md", 2).unwrap_err();
            assert!(
                e.message.contains(&format!(
                    "het getal {weight} (bij `weight`) is te groot of te klein"
                )),
                "{e}"
            );
            let hint = e.hint.unwrap_or_default();
            assert!(
                hint.contains("van -9223372036854775808 tot en met 9223372036854775807"),
                "{hint}"
            );
            assert_eq!(e.line, Some(3));
        }
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn tabs_get_a_hint_about_spaces() {
        let e = parse_yaml::<Front>("title: x\n\tweight: 1\n", "a.md", 2).unwrap_err();
        assert!(e.hint.as_deref().unwrap().contains("tabs"), "{e}");
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn an_alias_bomb_is_refused_quickly() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = (b'a' + (i - 1) as u8) as char;
            let name = (b'a' + i as u8) as char;
            yaml += &format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            );
        }
        assert!(parse_yaml::<serde_yaml::Value>(&yaml, "a.yaml", 1).is_err());
    }
}
