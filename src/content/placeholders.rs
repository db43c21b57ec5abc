//! Placeholder text: what `wijksite new` writes for the editor to replace,
//! and the markers editors use for "not done yet".
//!
//! A published file (no `draft: true`) that still holds one of these is a
//! build error, so half a newsletter never reaches the site or the feeds; a
//! draft may hold them. The list is here alone: `new` writes its texts from
//! these constants, and `site.yaml` can add more (`placeholders:`).

use crate::util::diagnostics::{Diagnostic, Diagnostics};

/// The body `new` writes under a new page.
pub const PAGE_BODY: &str =
    "Schrijf hier de tekst. Een kopje maakt u met ## aan het begin van de regel.";
/// The heading `new` writes in a new edition.
pub const EDITION_HEADING: &str = "## Eerste kop";
/// The text `new` writes under it.
pub const EDITION_BODY: &str = "Schrijf hier het eerste bericht.";
/// The marker for anything the editor must still fill in, alone
/// (`[INVULLEN]`) or with an explanation (`[INVULLEN: datum]`).
pub const FILL_IN: &str = "[INVULLEN";

/// Every placeholder the build refuses in a published file. A marker that
/// begins or ends with a letter or digit only matches as a whole word, so
/// `TODO` never matches inside another word; matching is case-sensitive.
pub const PLACEHOLDERS: &[&str] = &[
    PAGE_BODY,
    EDITION_HEADING,
    EDITION_BODY,
    FILL_IN,
    "TODO",
    "XXX",
];

/// The first placeholder on each line of `text` (the front matter's
/// comment lines are skipped: `new` explains fields there), as the 1-based
/// line and the placeholder. `extra` comes from site.yaml.
pub fn find<'a>(text: &str, extra: &'a [String]) -> Vec<(usize, &'a str)> {
    // One search per marker over the whole text first: most files hold
    // none, and searching every line for every marker cost a tenth of a
    // 10,000-page build.
    let markers: Vec<&'a str> = PLACEHOLDERS
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .filter(|m| !m.trim().is_empty() && text.contains(*m))
        .collect();
    if markers.is_empty() {
        return Vec::new();
    }
    let mut in_front = false;
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_end() == "---" && (i == 0 || in_front) {
            in_front = i == 0;
            continue;
        }
        if in_front && line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(marker) = markers.iter().find(|m| contains_marker(line, m)) {
            found.push((i + 1, *marker));
        }
    }
    found
}

/// Whether `line` holds `marker`, as a whole word where it begins or ends
/// with a letter or digit.
fn contains_marker(line: &str, marker: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let first_is_word = word(marker.chars().next());
    let last_is_word = word(marker.chars().next_back());
    line.match_indices(marker).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + marker.len()..].chars().next();
        let glued_before = first_is_word && word(before);
        let glued_after = last_is_word && word(after);
        !glued_before && !glued_after
    })
}

/// The errors for a published file `rel` whose text still holds
/// placeholders, or images without alt text (a draft may lack both); none
/// for a file without them.
pub fn check(rel: &str, text: &str, extra: &[String]) -> Result<(), Diagnostics> {
    let found = find(text, extra);
    let no_alt = crate::content::markdown::check_alt(rel, text);
    if found.is_empty() && no_alt.is_empty() {
        return Ok(());
    }
    Err(no_alt
        .into_iter()
        .chain(found.into_iter().map(|(line, marker)| {
            let shown = if marker == FILL_IN {
                "[INVULLEN]"
            } else {
                marker
            };
            Diagnostic::error(rel, format!("hier staat nog voorbeeldtekst: \"{shown}\""))
                .at_line(line)
                .hint("vul de tekst in, of zet `draft: true` zolang de tekst niet af is")
        }))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<usize> {
        find(text, &[]).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn markers_match_as_whole_words_and_case_sensitive() {
        assert_eq!(lines("a\nTODO: nakijken\nb"), [2]);
        assert_eq!(lines("XXX"), [1]);
        assert_eq!(lines("(TODO)"), [1]);
        // Ordinary Dutch and other words never match.
        assert!(lines("todo's en xxx\nTODOS\nXXXL-shirt\nMETHODOLOGIE").is_empty());
        assert_eq!(lines("Datum: **[INVULLEN: datum]**"), [1]);
        assert_eq!(lines("[INVULLEN]"), [1]);
    }

    #[test]
    fn the_texts_new_writes_are_placeholders_but_front_matter_comments_are_not() {
        let text = format!(
            "---\n# summary: \"TODO\"\ntitle: X\n---\n\n{EDITION_HEADING}\n\n{EDITION_BODY}\n"
        );
        assert_eq!(lines(&text), [6, 8]);
        // After the front matter, `#` starts a heading, which is checked.
        assert_eq!(lines("---\ntitle: X\n---\n# TODO\n"), [4]);
    }

    #[test]
    fn site_yaml_adds_placeholders() {
        let extra = vec!["Lorem ipsum".to_string(), "  ".to_string()];
        assert_eq!(find("x\nLorem ipsum dolor\n", &extra), [(2, "Lorem ipsum")]);
        assert!(find("Lorem ipsumi", &extra).is_empty());
    }

    #[test]
    fn each_hit_is_an_error_with_its_line_and_the_tip() {
        let problems = check("content/pages/a.md", "a\nTODO\n", &[]).unwrap_err();
        let messages: Vec<String> = problems.into_iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            [
                "content/pages/a.md:2: fout: hier staat nog voorbeeldtekst: \"TODO\"\n    tip: vul de tekst in, of zet `draft: true` zolang de tekst niet af is"
            ]
        );
        assert!(check("content/pages/a.md", "klaar\n", &[]).is_ok());
    }
}
