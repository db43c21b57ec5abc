//! Slugs: the URL-safe names of pages, wijken, venues and meetings.
//!
//! A slug matches `[a-z0-9-]+`. Titles become slugs by folding Dutch
//! accents ("Café" → `cafe`) and joining words with `-`; heading anchors use
//! the same rule so "Eén keer" gets the stable anchor `een-keer`.

/// Whether `s` is a valid slug: non-empty, `[a-z0-9-]+`.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The longest slug accepted. A slug becomes a folder name in output/,
/// and file systems refuse names over 255 bytes (with a confusing error
/// about permissions); a web address this long is no use to readers anyway.
pub const MAX_LEN: usize = 100;

/// What to tell an editor whose slug (or file name) is not valid: the
/// message and a hint with a suggestion. `None` when the slug is fine.
pub fn problem(slug: &str) -> Option<(String, String)> {
    if is_valid(slug) && slug.len() <= MAX_LEN {
        return None;
    }
    let suggestion = shorten(&slugify(slug));
    if is_valid(slug) {
        return Some((
            format!(
                "de slug (het stuk van het webadres) is {} tekens lang; het maximum is {MAX_LEN}",
                slug.chars().count()
            ),
            format!(
                "kies een kortere naam voor het bestand, of zet een kortere `slug:` in de kop, bijvoorbeeld `slug: {suggestion}`"
            ),
        ));
    }
    let hint = if suggestion.is_empty() {
        "gebruik alleen kleine letters, cijfers en -".to_string()
    } else {
        format!("noem het bestand `{suggestion}.md` of zet `slug: {suggestion}` in de kop")
    };
    Some((
        format!("`{slug}` is geen geldige slug (het stuk van het webadres)"),
        hint,
    ))
}

/// `slug` cut to at most [`MAX_LEN`] characters, at a `-` when there is one.
fn shorten(slug: &str) -> String {
    shorten_to(slug, MAX_LEN)
}

/// `slug` cut at a `-` to at most `max` bytes (a slug is ASCII).
pub fn shorten_to(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(at) if at > 0 => cut[..at].to_string(),
        _ => cut.to_string(),
    }
}

/// Turns any text into a slug; returns an empty string when no letter or
/// digit survives (callers decide what to do then).
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(fold_char) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            // Apostrophes vanish ("'t Middelpunt" → `t-middelpunt`);
            // everything else separates words.
            pending_dash = true;
        }
    }
    slug
}

/// Folds accented Latin letters to their ASCII base; other characters pass.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ĳ' | 'Ĳ' => "ij",
        '&' => " en ",
        _ => "",
    };
    let own = if folded.is_empty() { Some(c) } else { None };
    folded.chars().chain(own)
}

/// Hands out unique anchors within one document: `x`, `x-1`, `x-2`, …
/// Each base remembers the next number to try, so many equal headings
/// take linear time, not quadratic.
#[derive(Default)]
pub struct UniqueSlugs {
    seen: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl UniqueSlugs {
    pub fn unique(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = "sectie".to_string();
        }
        if self.seen.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(0);
        loop {
            *n += 1;
            let candidate = format!("{base}-{n}");
            // A heading may itself read `x-1`; then the next number.
            if self.seen.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_headings_get_numbers_in_order_and_skip_taken_ones() {
        let mut slugs = UniqueSlugs::default();
        let got: Vec<String> = ["Kop", "Kop", "Kop 1", "Kop", ""]
            .iter()
            .map(|t| slugs.unique(t))
            .collect();
        assert_eq!(got, ["kop", "kop-1", "kop-1-1", "kop-2", "sectie"]);
        let mut slugs = UniqueSlugs::default();
        let got: Vec<String> = ["Kop-1", "Kop", "Kop"]
            .iter()
            .map(|t| slugs.unique(t))
            .collect();
        assert_eq!(got, ["kop-1", "kop", "kop-2"]);
    }

    #[test]
    fn a_hundred_thousand_equal_headings_take_linear_time() {
        // Counting from 1 for every heading took minutes for 100,000.
        let mut slugs = UniqueSlugs::default();
        let started = std::time::Instant::now();
        for _ in 0..100_000 {
            slugs.unique("Kop");
        }
        assert_eq!(slugs.unique("Kop"), "kop-100000");
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn a_slug_longer_than_the_maximum_is_a_problem_with_a_shorter_suggestion() {
        let ok = "a".repeat(MAX_LEN);
        assert_eq!(problem(&ok), None);
        let long = "woord-".repeat(50);
        let (message, hint) = problem(&long).unwrap();
        assert!(
            message.contains("300 tekens lang; het maximum is 100"),
            "{message}"
        );
        let suggested = hint
            .split("slug: ")
            .nth(1)
            .unwrap()
            .split('`')
            .next()
            .unwrap();
        assert!(suggested.len() <= MAX_LEN && is_valid(suggested), "{hint}");
        assert!(!suggested.ends_with('-'), "{hint}");
        let (_, hint) = problem(&"Woord ".repeat(50)).unwrap();
        let suggested = hint
            .split("slug: ")
            .nth(1)
            .unwrap()
            .split('`')
            .next()
            .unwrap();
        assert!(suggested.len() <= MAX_LEN && is_valid(suggested), "{hint}");
    }

    #[test]
    fn dutch_accents_fold_to_ascii() {
        assert_eq!(slugify("Koffieochtend Café"), "koffieochtend-cafe");
        assert_eq!(slugify("Eén keer"), "een-keer");
        assert_eq!(slugify("Ideeën & plannen"), "ideeen-en-plannen");
    }

    #[test]
    fn apostrophes_vanish_and_punctuation_separates() {
        assert_eq!(slugify("'t Middelpunt"), "t-middelpunt");
        assert_eq!(slugify("  Wat? Nu! -- 2026  "), "wat-nu-2026");
    }

    #[test]
    fn text_without_letters_gives_an_empty_slug() {
        assert_eq!(slugify("?!"), "");
        assert_eq!(slugify("日本"), "");
    }

    #[test]
    fn repeated_headings_get_numbered_anchors() {
        let mut slugs = UniqueSlugs::default();
        assert_eq!(slugs.unique("Agenda"), "agenda");
        assert_eq!(slugs.unique("Agenda"), "agenda-1");
        assert_eq!(slugs.unique("Agenda"), "agenda-2");
        assert_eq!(slugs.unique("!!"), "sectie");
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_a_valid_slug_or_none(text in "\\PC*") {
            let slug = slugify(&text);
            proptest::prop_assert!(slug.is_empty() || is_valid(&slug), "{slug:?}");
            proptest::prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
            proptest::prop_assert!(!slug.contains("--"));
        }

        #[test]
        fn unique_anchors_are_valid_and_never_repeat(texts in proptest::collection::vec("\\PC{0,12}", 1..20)) {
            let mut slugs = UniqueSlugs::default();
            let mut seen = std::collections::HashSet::new();
            for text in &texts {
                let anchor = slugs.unique(text);
                proptest::prop_assert!(is_valid(&anchor));
                proptest::prop_assert!(seen.insert(anchor));
            }
        }
    }

    #[test]
    fn validity_is_lowercase_ascii_digits_and_dashes() {
        assert!(is_valid("wijk-3"));
        assert!(!is_valid(""));
        assert!(!is_valid("Wijk"));
        assert!(!is_valid("a b"));
        assert!(!is_valid("../x"));
    }
}
