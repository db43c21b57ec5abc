//! Reading editors' files: text decoding, front matter and YAML.
//!
//! Editors write on any machine, so a UTF-8 byte-order mark and CRLF line
//! endings are accepted and removed here, once. YAML problems become
//! [`Diagnostic`]s with the line counted from the top of the file (not from
//! the start of the front matter) and a hint in plain Dutch.

use crate::util::diagnostics::Diagnostic;
use crate::util::suggest;
use serde::de::DeserializeOwned;
use std::borrow::Cow;

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
    let straight = straighten_curly_quotes(yaml);
    serde_yaml::from_str(&straight).map_err(|e| {
        if let Some(diagnostic) = syntax_diagnostic(&e, yaml, file, first_line) {
            return diagnostic;
        }
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
    if message.starts_with("missing field") {
        // serde points at the first key (often `title:`), which reads as
        // if that field were wrong; name the front matter's first line.
        return diagnostic.at_line(first_line);
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
        let hint = match suggest::closest(field, &allowed) {
            Some(best) => format!("bedoelt u `{best}`? Toegestaan: {}", allowed.join(", ")),
            None => format!("toegestaan zijn: {}", allowed.join(", ")),
        };
        return (format!("onbekend veld `{field}`{place}"), Some(hint));
    }
    if let Some(rest) = core.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        let example = match field {
            "start" | "end" => "2027-02-04 19:30",
            "date" | "decided" | "opens" | "closes" => "2027-02-04",
            _ => "…",
        };
        return (
            format!("het verplichte veld `{field}` ontbreekt{place}"),
            Some(format!(
                "voeg in de kop (tussen de regels `---`) een regel `{field}: {example}` toe"
            )),
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
        let key = core
            .split_once(" key ")
            .map(|(_, key)| key.trim().trim_matches('"'))
            .unwrap_or("");
        return (
            format!("de sleutel `{key}` staat er twee keer{place}"),
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
        let choose = format!("kies uit: {}", allowed.join(", "));
        let hint = match suggest::closest(value, &allowed) {
            Some(best) => format!("bedoelt u `{best}`? {}", suggest::capitalised(&choose)),
            None => choose,
        };
        return (format!("onbekende waarde `{value}`{place}"), Some(hint));
    }
    if core.contains("recursion limit") || core.contains("repetition limit") {
        return (
            "de YAML is te diep genest of herhaalt te veel (aliassen)".into(),
            Some("schrijf de gegevens uit zonder `&anker` en `*alias`".into()),
        );
    }
    // Never the parser's English: a plain Dutch sentence, the place is
    // given by the line and column.
    (
        format!("de YAML kan niet gelezen worden{place}"),
        Some(GENERIC_HINT.into()),
    )
}

const GENERIC_HINT: &str = "controleer de inspringing (spaties, geen tabs) en de aanhalingstekens; \
     zet tekst met een `:` of `#` tussen gewone aanhalingstekens \"…\"";

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
            // serde_yaml writes an item of a top-level list as `.[0]`.
            (path.strip_prefix('.').unwrap_or(path), rest)
        }
        _ => ("", message),
    }
}

/// The names between backticks in "expected one of `a`, `b`".
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Curly quotes as Word and phones type them.
const CURLY: [char; 6] = ['“', '”', '„', '‘', '’', '‚'];

/// `title: “Koffie: Zielhorst”` becomes `title: "Koffie: Zielhorst"`: curly
/// quotes (“…”, „…”, ‘…’, ‚…’) that surround a whole value after `key: `
/// (or `- `) are read as straight double quotes. Only then: quotes inside a
/// text stay as they are, and so does every line of a `|` or `>` text.
/// Lines keep their number, so reported lines stay right.
fn straighten_curly_quotes(yaml: &str) -> Cow<'_, str> {
    if !yaml.contains(CURLY) {
        return Cow::Borrowed(yaml);
    }
    let mut out = String::with_capacity(yaml.len() + 16);
    // The indentation of the line that started a `|` or `>` text.
    let mut block_text: Option<usize> = None;
    for line in yaml.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let content = body.trim_start_matches(' ');
        let indent = body.len() - content.len();
        if let Some(parent) = block_text {
            if content.trim().is_empty() || indent > parent {
                out.push_str(line);
                continue;
            }
            block_text = None;
        }
        let Some((prefix, value)) = split_value(body) else {
            out.push_str(line);
            continue;
        };
        if value.starts_with(['|', '>']) {
            block_text = Some(indent);
        }
        match unquote_curly(value) {
            Some(inner) => {
                out.push_str(prefix);
                out.push('"');
                out.push_str(&inner.replace('\\', "\\\\").replace('"', "\\\""));
                out.push('"');
                out.push_str(newline);
            }
            None => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// `  - title: value` → (`  - title: `, `value`); also `- value`. The value
/// is trimmed at its end; `None` when the line holds no such value.
fn split_value(line: &str) -> Option<(&str, &str)> {
    let content = line.trim_start_matches(' ');
    let mut at = line.len() - content.len();
    if let Some(rest) = content.strip_prefix("- ") {
        at += 2 + (rest.len() - rest.trim_start_matches(' ').len());
    }
    let rest = &line[at..];
    let key_end = rest.find(": ").filter(|&end| {
        end > 0
            && rest[..end]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    let value_start = match key_end {
        Some(end) => at + end + 2,
        None if at > 0 && line[..at].trim_end().ends_with('-') => at,
        None => return None,
    };
    let value = line[value_start..].trim();
    let prefix_end = line.len() - line[value_start..].trim_start().len();
    Some((&line[..prefix_end], value))
}

/// The text between curly quotes when they surround all of `value` and
/// no quote of the same kind sits inside.
fn unquote_curly(value: &str) -> Option<&str> {
    let first = value.chars().next()?;
    let (closers, same): (&[char], &[char]) = match first {
        '“' | '„' => (&['”', '“'], &['“', '”', '„']),
        '‘' | '‚' => (&['’', '‘'], &['‘', '’', '‚']),
        _ => return None,
    };
    let last = value.chars().next_back()?;
    if value.chars().count() < 2 || !closers.contains(&last) {
        return None;
    }
    let inner = &value[first.len_utf8()..value.len() - last.len_utf8()];
    (!inner.contains(same)).then_some(inner)
}

/// The parser's own (syntax) messages, in plain Dutch with the line to fix:
/// a tab used to indent, a missing space after a colon, curly quotes, a
/// colon in an unquoted text, bad indentation, unclosed quotes, a character
/// that cannot start a value. `None` for problems with values and fields,
/// which [`yaml_diagnostic`] explains.
fn syntax_diagnostic(
    error: &serde_yaml::Error,
    yaml: &str,
    file: &str,
    first_line: usize,
) -> Option<Diagnostic> {
    let raw = error.to_string();
    if raw.contains(OWN_MESSAGE) {
        return None;
    }
    let (_, core) = split_field_path(strip_location(&raw));
    let whole_text_for_struct = core.starts_with("invalid type: string")
        && (core.contains("expected struct") || core.contains("expected a map"));
    let value_problem = [
        "unknown field",
        "missing field",
        "duplicate field",
        "duplicate entry",
        "invalid type",
        "invalid value",
        "unknown variant",
        "recursion limit",
        "repetition limit",
    ]
    .iter()
    .any(|start| core.starts_with(start) || core.contains(start));
    if value_problem && !whole_text_for_struct {
        return None;
    }
    let lines: Vec<&str> = yaml.lines().collect();
    let (line, column) = error
        .location()
        .map(|at| (at.line(), at.column()))
        .unwrap_or((1, 1));
    let text = lines.get(line.wrapping_sub(1)).copied().unwrap_or("");
    let at = |line: usize, column: Option<usize>, message: String, hint: String| {
        let d = Diagnostic::error(file, message).hint(hint);
        let line = line.max(1) + first_line - 1;
        Some(match column {
            Some(column) => d.at(line, column),
            None => d.at_line(line),
        })
    };

    // A tab in front of a line: YAML indents with spaces only.
    if let Some(index) = lines
        .iter()
        .take(line.max(1))
        .position(|l| l[..l.len() - l.trim_start_matches([' ', '\t']).len()].contains('\t'))
    {
        return at(
            index + 1,
            Some(1),
            "deze regel springt in met een tab".into(),
            "YAML kent geen tabs: vervang de tab vooraan de regel door spaties".into(),
        );
    }
    // `title:Koffie`: without the space YAML sees no field.
    let missing_space = lines
        .iter()
        .enumerate()
        .take(line.max(1))
        .rev()
        .find_map(|(i, l)| {
            let content = l.trim_start_matches(' ');
            let content = content.strip_prefix("- ").unwrap_or(content);
            let (key, value) = content.split_once(':')?;
            let is_key = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let next = value.chars().next()?;
            (is_key && !next.is_whitespace() && !value.starts_with("//"))
                .then(|| (i + 1, key.to_string(), value.trim_end().to_string()))
        });
    if let Some((index, key, value)) = missing_space {
        return at(
            index,
            None,
            format!("er ontbreekt een spatie na de dubbele punt in `{key}:{value}`"),
            format!("schrijf `{key}: {value}`, met een spatie na de `:`"),
        );
    }
    // Curly quotes that do not surround a whole value.
    if text.contains(CURLY) {
        return at(
            line,
            None,
            "op deze regel staan krulquotes in plaats van gewone aanhalingstekens".into(),
            "u gebruikt “krulquotes”; typ gewone aanhalingstekens \"…\" om de hele tekst, \
             bijvoorbeeld title: \"Koffie: Zielhorst\""
                .into(),
        );
    }
    if let Some(start) = context_mark(&raw, "while scanning a quoted scalar") {
        return at(
            start.0,
            Some(start.1),
            "de aanhalingstekens die hier openen, worden niet gesloten".into(),
            "zet aan het eind van de tekst, op dezelfde regel, hetzelfde teken (\" of ') als aan het begin".into(),
        );
    }
    let key = key_on(text);
    if core.starts_with("mapping values are not allowed") {
        let colon_in_value = text
            .char_indices()
            .take_while(|(i, _)| text[..*i].chars().count() + 1 < column)
            .any(|(i, c)| c == ':' && text[i + 1..].starts_with(' '));
        if colon_in_value && let Some(key) = key {
            let value = text.split_once(": ").map(|(_, v)| v.trim()).unwrap_or("");
            return at(
                line,
                None,
                format!("er staat een dubbele punt (`:`) in de tekst achter `{key}:`"),
                format!(
                    "zet de hele tekst tussen gewone aanhalingstekens: {key}: \"{}\"",
                    value.replace('"', "'")
                ),
            );
        }
        let name = key
            .map(|k| format!("`{k}:`"))
            .unwrap_or("deze regel".into());
        return at(
            line,
            None,
            format!("de inspringing klopt niet: {name} springt verder in dan de regel erboven"),
            "zet elk veld recht onder de andere velden (evenveel spaties vooraan); \
             tekst die doorloopt op de volgende regel zet u tussen aanhalingstekens"
                .into(),
        );
    }
    if core.starts_with("did not find expected key") {
        let rest = text
            .chars()
            .skip(column.saturating_sub(1))
            .collect::<String>();
        if rest.starts_with('-') {
            return at(
                line,
                None,
                "dit lijst-item springt anders in dan de regels erboven".into(),
                "zet alle `- ` van één lijst recht onder elkaar (evenveel spaties vooraan)".into(),
            );
        }
        if text.contains(['"', '\'']) && !rest.trim().is_empty() {
            return at(
                line,
                Some(column),
                "na de aanhalingstekens staat nog tekst".into(),
                "zet de hele tekst tussen de aanhalingstekens, bijvoorbeeld title: \"Koffie\" in Zielhorst wordt title: \"Koffie in Zielhorst\"".into(),
            );
        }
        return at(
            line,
            None,
            "de inspringing van deze regel klopt niet".into(),
            "zet elk veld recht onder de andere velden (evenveel spaties vooraan)".into(),
        );
    }
    if core.starts_with("could not find expected ':'") {
        let key_line = context_mark(&raw, "while scanning a simple key").map_or(line, |m| m.0);
        return at(
            key_line,
            None,
            "op deze regel staat geen dubbele punt (`:`) na de naam van het veld".into(),
            "schrijf `naam: waarde`, met een spatie na de `:`".into(),
        );
    }
    if core.starts_with("found character that cannot start any token") {
        let c = text.chars().nth(column.saturating_sub(1)).unwrap_or(' ');
        return at(
            line,
            Some(column),
            format!("een waarde mag niet beginnen met het teken `{c}`"),
            "zet de hele tekst tussen gewone aanhalingstekens \"…\"".into(),
        );
    }
    at(
        line,
        Some(column),
        "de YAML kan niet gelezen worden".into(),
        GENERIC_HINT.into(),
    )
}

/// The `line column` serde_yaml names after `context` ("…, while scanning a
/// quoted scalar at line 1 column 8").
fn context_mark(message: &str, context: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find(context)? + context.len()..];
    let rest = rest.trim_start().strip_prefix("at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The field name a line starts with (`  - title: x` → `title`).
fn key_on(line: &str) -> Option<&str> {
    let content = line.trim_start();
    let content = content.strip_prefix("- ").unwrap_or(content).trim_start();
    let (key, _) = content.split_once(':')?;
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then_some(key)
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
    fn an_item_of_a_top_level_list_is_named_without_a_stray_dot() {
        let e = parse_yaml_file::<Vec<Front>>("- 1\n", "a.yaml").unwrap_err();
        assert!(e.message.contains("(bij `[0]`)"), "{e}");
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

    /// Parses `yaml` as front matter starting on file line 2 and returns
    /// the problem, checking it holds none of the parser's English.
    fn problem(yaml: &str) -> Diagnostic {
        let e = parse_yaml::<Front>(yaml, "a.md", 2).unwrap_err();
        let shown = e.to_string();
        for english in [
            "mapping values",
            "found character",
            "expected",
            "while parsing",
            "while scanning",
            "at line",
            "invalid type",
        ] {
            assert!(!shown.contains(english), "{english:?} in {shown}");
        }
        e
    }

    #[test]
    fn common_yaml_mistakes_are_explained_in_dutch_on_their_line() {
        let cases: [(&str, usize, &str); 9] = [
            ("title: x\n\tweight: 1\n", 3, "tab"),
            ("\ttitle: x\n", 2, "tab"),
            (
                "title: Koffie: Zielhorst\n",
                2,
                "dubbele punt (`:`) in de tekst achter `title:`",
            ),
            (
                "title:Koffie\n",
                2,
                "spatie na de dubbele punt in `title:Koffie`",
            ),
            (
                "title: x\nweight:2\n",
                3,
                "spatie na de dubbele punt in `weight:2`",
            ),
            (
                "title: x\n  weight: 1\n",
                3,
                "inspringing klopt niet: `weight:`",
            ),
            (
                "title: \"Koffie\nweight: 1\n",
                2,
                "aanhalingstekens die hier openen",
            ),
            ("title: @x\n", 2, "beginnen met het teken `@`"),
            (
                "title: \"a\" b\n",
                2,
                "na de aanhalingstekens staat nog tekst",
            ),
        ];
        for (yaml, line, words) in cases {
            let e = problem(yaml);
            assert!(e.message.contains(words), "{yaml:?}: {e}");
            assert_eq!(e.line, Some(line), "{yaml:?}: {e}");
            assert!(e.hint.is_some(), "{yaml:?}: {e}");
        }
        let e = problem("title: Koffie: Zielhorst\n");
        assert!(
            e.hint.unwrap().contains("title: \"Koffie: Zielhorst\""),
            "the hint shows the fix"
        );
    }

    #[test]
    fn curly_quotes_around_a_whole_value_count_as_straight_quotes() {
        for yaml in [
            "title: “Koffieochtend: Zielhorst”\n",
            "title: „Koffieochtend: Zielhorst”\n",
            "title: ‘Koffieochtend: Zielhorst’\n",
        ] {
            let front: Front = parse_yaml(yaml, "a.md", 2).unwrap();
            assert_eq!(front.title, "Koffieochtend: Zielhorst", "{yaml}");
        }
        let front: Front = parse_yaml("title: “Zeg \"ja\" \\ nee”\n", "a.md", 2).unwrap();
        assert_eq!(front.title, "Zeg \"ja\" \\ nee");
        // Quotes inside a text, and block texts, stay as written.
        let front: Front = parse_yaml("title: Het “Buurthuis”\n", "a.md", 2).unwrap();
        assert_eq!(front.title, "Het “Buurthuis”");
        let front: Front = parse_yaml("title: |\n  “a”\n", "a.md", 2).unwrap();
        assert_eq!(front.title, "“a”\n");
    }

    #[test]
    fn curly_quotes_that_break_the_yaml_are_named() {
        let e = problem("title: “Koffie” in Zielhorst: nu\n");
        assert!(e.message.contains("krulquotes"), "{e}");
        assert!(
            e.hint
                .unwrap()
                .contains("u gebruikt “krulquotes”; typ gewone aanhalingstekens \"…\"")
        );
    }

    #[test]
    fn a_missing_field_is_reported_at_the_first_line_with_the_line_to_add() {
        let e = parse_yaml::<Front>("# opmerking\nweight: 1\n", "a.md", 2).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), None), "{e}");
        assert!(e.hint.unwrap().contains("`title: …`"));
    }
}
