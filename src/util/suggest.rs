//! "Bedoelt u …?": the allowed value nearest to what an editor typed.
//!
//! Used for every closed list (field names, wijken, venues, statuses, …).
//! Case is ignored (`Zielhorst` is `zielhorst`), and small typos are
//! forgiven: a swap of two letters, one letter too many or too few. A value
//! far from every allowed one gets no suggestion, only the list.

/// The allowed value nearest to `typed`, if it is near enough to suggest.
/// A value that differs only in case (or surrounding spaces) always wins.
pub fn closest<'a>(typed: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    allowed
        .iter()
        .map(|name| (edit_distance(&typed, &name.to_lowercase()), *name))
        .filter(|(distance, name)| *distance <= 2.max(name.chars().count() / 3))
        .min()
        .map(|(_, name)| name)
}

/// The hint for a value not in `allowed`: "bedoelt u `x`? kies uit: …", or
/// only the list when nothing is near. `what` names the list ("wijken").
pub fn hint(typed: &str, allowed: &[&str], what: &str) -> String {
    let list = if allowed.is_empty() {
        format!("er zijn nog geen {what}")
    } else {
        format!("bekende {what}: {}", allowed.join(", "))
    };
    match closest(typed, allowed) {
        Some(best) => format!("bedoelt u `{best}`? {}", capitalised(&list)),
        None => list,
    }
}

/// `text` with its first letter as a capital, for a new sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The Damerau–Levenshtein distance (optimal string alignment) between two
/// texts, counted in characters: a swap of two neighbours counts as one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Editors' values are short; a long one cannot be a small typo anyway.
    if a.len().abs_diff(b.len()) > 3 || a.len() > 200 || b.len() > 200 {
        return a.len().max(b.len());
    }
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIJKEN: [&str; 3] = ["zielhorst", "kattenbroek", "schothorst"];

    #[test]
    fn case_and_small_typos_find_the_intended_value() {
        assert_eq!(closest("Zielhorst", &WIJKEN), Some("zielhorst"));
        assert_eq!(closest("zeilhorst", &WIJKEN), Some("zielhorst"));
        assert_eq!(closest("katenbroek", &WIJKEN), Some("kattenbroek"));
        assert_eq!(closest(" SCHOTHORST ", &WIJKEN), Some("schothorst"));
        assert_eq!(
            closest("cancled", &["confirmed", "cancelled"]),
            Some("cancelled")
        );
        assert_eq!(closest("titel", &["title", "summary"]), Some("title"));
    }

    #[test]
    fn far_values_get_no_suggestion() {
        assert_eq!(closest("amsterdam", &WIJKEN), None);
        assert_eq!(closest("", &WIJKEN), None);
        assert_eq!(closest("x", &[]), None);
    }

    #[test]
    fn the_hint_suggests_and_lists() {
        assert_eq!(
            hint("Zielhorst", &WIJKEN, "wijken"),
            "bedoelt u `zielhorst`? Bekende wijken: zielhorst, kattenbroek, schothorst"
        );
        assert_eq!(hint("x", &[], "locaties"), "er zijn nog geen locaties");
    }

    #[test]
    fn distances_count_characters_and_swaps() {
        assert_eq!(edit_distance("zeilhorst", "zielhorst"), 1);
        assert_eq!(edit_distance("été", "ete"), 2);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
