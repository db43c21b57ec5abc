//! Finding lines in an editor's YAML file, for problems found after parsing.
//!
//! serde gives a line only for problems it finds itself. Checks that compare
//! values (granted above requested, an unknown priority) run on the parsed
//! data, so the line of the offending key is looked up here, in the text:
//! the n-th item of a block list such as `projects:` is the n-th parsed
//! project, and within it each key's line is known. Editors write block
//! style; for flow style (`[{…}]`) nothing is found and callers fall back to
//! a line without a number.
//!
//! This module also catches the one money mistake the YAML parser hides:
//! `requested: 1.250` is the number 1.25 to YAML, while the editor almost
//! certainly meant twelve hundred and fifty euros (see `money`'s docs).

/// Where one item of a block list starts and where its own keys are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemLines {
    /// 1-based line of the item's `-`.
    pub start: usize,
    /// The item's own keys (not nested ones) with their 1-based lines.
    keys: Vec<(String, usize)>,
}

impl ItemLines {
    /// The line of `key` in this item, or the item's first line.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_line(key).unwrap_or(self.start)
    }

    /// The line of `key` (or the item's first line) when the item was found
    /// in the text at all; `None` when it was not.
    pub fn found_line(&self, key: &str) -> Option<usize> {
        (self.start > 0).then(|| self.line_of(key))
    }

    /// The same item with every line one less: for a list read under a key
    /// that was put in front of the text.
    pub fn shifted_up(self) -> ItemLines {
        ItemLines {
            start: self.start.saturating_sub(1),
            keys: self
                .keys
                .into_iter()
                .map(|(k, line)| (k, line.saturating_sub(1)))
                .collect(),
        }
    }

    /// The line of `key` in this item, if it is written there.
    pub fn key_line(&self, key: &str) -> Option<usize> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, line)| *line)
    }
}

/// The items of the top-level block list under `list_key:`, in order.
pub fn list_items(text: &str, list_key: &str) -> Vec<ItemLines> {
    let mut items: Vec<ItemLines> = Vec::new();
    let mut inside = false;
    // Column of the items' `-` and of their keys, once known.
    let mut dash_column: Option<usize> = None;
    let mut key_column = 0;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if !inside {
            inside = indent == 0 && key_of(content) == Some(list_key) && value_is_empty(content);
            continue;
        }
        let starts_item = content == "-" || content.starts_with("- ");
        if indent == 0 && !starts_item {
            break;
        }
        if starts_item && dash_column.is_none_or(|column| column == indent) {
            dash_column = Some(indent);
            let after_dash = content[1..].trim_start();
            key_column = indent + (content.len() - after_dash.len());
            let mut item = ItemLines {
                start: number,
                keys: Vec::new(),
            };
            if let Some(key) = key_of(after_dash) {
                item.keys.push((key.to_string(), number));
            }
            items.push(item);
        } else if indent == key_column
            && let (Some(item), Some(key)) = (items.last_mut(), key_of(content))
        {
            item.keys.push((key.to_string(), number));
        }
    }
    items
}

/// The 1-based line of a top-level `key:`.
pub fn top_level_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| !line.starts_with([' ', '\t']) && key_of(line) == Some(key))
        .map(|i| i + 1)
}

/// The 1-based line of `key:` nested under the key on line `parent` (its
/// block of more deeply indented lines), if written there.
pub fn nested_key_line(text: &str, parent: usize, key: &str) -> Option<usize> {
    let mut lines = text.lines().enumerate().skip(parent.checked_sub(1)?);
    let (_, first) = lines.next()?;
    let content = first.trim_start();
    let after_dash = content.strip_prefix("- ").unwrap_or(content).trim_start();
    let parent_indent = first.len() - after_dash.len();
    for (index, line) in lines {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent <= parent_indent && !content.starts_with("- ") || indent < parent_indent {
            return None;
        }
        let content = content.strip_prefix("- ").unwrap_or(content).trim_start();
        if key_of(content) == Some(key) {
            return Some(index + 1);
        }
    }
    None
}

/// The 1-based lines where some key (also a list item's) has exactly
/// `value`, quoted or not, perhaps followed by a comment.
pub fn value_lines(text: &str, value: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let content = line.trim_start();
            let content = content.strip_prefix("- ").unwrap_or(content);
            let Some((_, written)) = content.split_once(": ") else {
                return false;
            };
            let written = match written.find(" #") {
                Some(comment) => &written[..comment],
                None => written,
            }
            .trim();
            let unquoted = written
                .strip_prefix('"')
                .and_then(|w| w.strip_suffix('"'))
                .or_else(|| {
                    written
                        .strip_prefix('\'')
                        .and_then(|w| w.strip_suffix('\''))
                })
                .unwrap_or(written);
            unquoted == value
        })
        .map(|(index, _)| index + 1)
        .collect()
}

/// `title: x` → `title`; also for quoted keys. None for anything else.
fn key_of(content: &str) -> Option<&str> {
    let (key, _) = content.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    is_key.then_some(key)
}

/// Whether `key:` has nothing after it but perhaps a comment.
fn value_is_empty(content: &str) -> bool {
    content
        .split_once(':')
        .is_some_and(|(_, rest)| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
}

/// An amount written as `1.250` or `12.500.000`: thousands separated by dots
/// without quotes. Found on `line` (1-based) for the key `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThousandsDot {
    pub line: usize,
    pub key: String,
    pub value: String,
}

/// Every line where one of `amount_keys` has an unquoted value like `1.250`
/// (one to three digits, then groups of a dot and three digits).
pub fn thousands_dots(text: &str, amount_keys: &[&str]) -> Vec<ThousandsDot> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let content = line.trim_start();
        let content = content.strip_prefix("- ").unwrap_or(content).trim_start();
        let Some((key, value)) = content.split_once(':') else {
            continue;
        };
        let key = key.trim();
        if !amount_keys.contains(&key) {
            continue;
        }
        let value = match value.find(" #") {
            Some(comment) => &value[..comment],
            None => value,
        }
        .trim();
        if is_dotted_thousands(value) {
            found.push(ThousandsDot {
                line: index + 1,
                key: key.to_string(),
                value: value.to_string(),
            });
        }
    }
    found
}

/// `^\d{1,3}(\.\d{3})+$`.
fn is_dotted_thousands(value: &str) -> bool {
    let mut groups = value.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&first.len())
        && digits(first)
        && !rest.is_empty()
        && rest.iter().all(|g| g.len() == 3 && digits(g))
}

/// Deeper nesting than this (block indentation, `- - -`, or flow `[`/`{`)
/// is refused before the YAML parser sees it: the parser slows down
/// quadratically on it, and no editor nests this deep. (serde_yaml refuses
/// more than 128 levels anyway, but only after the slow part.)
pub const MAX_YAML_NESTING: usize = 100;

/// The 1-based line and column where `text` nests deeper than
/// [`MAX_YAML_NESTING`], by one linear scan. Only what certainly opens a
/// level counts: a `[` or `{` where a value starts (not inside a plain
/// text such as `title: a [b`, nor in quotes, comments or `|`/`>` texts),
/// every more-indented line, and each `- `/`? ` in front of a line. So
/// valid content is never refused, while `[[[[…` and the like are.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    // The indentation of the line that started a `|` or `>` text.
    let mut block_text: Option<usize> = None;
    let mut quote: Option<u8> = None;
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        let bytes = line.as_bytes();
        let indent = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
        if let Some(parent) = block_text {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block_text = None;
        }
        let mut i = 0;
        if quote.is_none() && flow == 0 {
            let rest = line[indent..].trim_end();
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            while indents.last().is_some_and(|&top| top >= indent) {
                indents.pop();
            }
            indents.push(indent);
            i = indent;
            let mut indicators = 0;
            while matches!(bytes.get(i..i + 2), Some(b"- " | b"? ")) {
                indicators += 1;
                i += 2;
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            if indents.len() + indicators > MAX_YAML_NESTING {
                return Some((number, i + 1));
            }
        }
        let mut node_start = true;
        let mut after_space = true;
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = quote {
                if q == b'"' && b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q {
                    if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                    node_start = false;
                }
                i += 1;
                continue;
            }
            let space_after = matches!(bytes.get(i + 1), None | Some(b' ' | b'\t'));
            match b {
                b'#' if after_space => break,
                b' ' | b'\t' => {
                    after_space = true;
                    i += 1;
                    continue;
                }
                b'"' | b'\'' if node_start => quote = Some(b),
                b'[' | b'{' if node_start || flow > 0 => {
                    flow += 1;
                    if flow + indents.len() > MAX_YAML_NESTING {
                        return Some((number, i + 1));
                    }
                    node_start = true;
                    after_space = false;
                    i += 1;
                    continue;
                }
                b']' | b'}' if flow > 0 => {
                    flow -= 1;
                    node_start = false;
                }
                b',' if flow > 0 => {
                    node_start = true;
                    after_space = false;
                    i += 1;
                    continue;
                }
                b':' if space_after || flow > 0 => {
                    node_start = true;
                    after_space = false;
                    i += 1;
                    continue;
                }
                b'|' | b'>' if node_start && flow == 0 => {
                    block_text = Some(indent);
                    break;
                }
                b'&' | b'!' if node_start => {
                    // An anchor or tag: the value follows it.
                    while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t') {
                        i += 1;
                    }
                    continue;
                }
                _ => node_start = false,
            }
            after_space = false;
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_and_block_nesting_is_found_where_it_starts() {
        let flow = format!("title: x\nsummary: {}\n", "[".repeat(150_000));
        assert_eq!(too_deep(&flow), Some((2, 9 + MAX_YAML_NESTING)));
        let dashes = format!("a:\n{}x\n", "- ".repeat(200));
        assert_eq!(too_deep(&dashes).map(|(line, _)| line), Some(2));
        let mut indented = String::new();
        for depth in 0..150 {
            indented += &format!("{}k{depth}:\n", " ".repeat(depth));
        }
        assert_eq!(too_deep(&indented).map(|(line, _)| line), Some(101));
        let mapping = format!("a: {}\n", "{b: ".repeat(150));
        assert!(too_deep(&mapping).is_some());
    }

    #[test]
    fn brackets_in_text_quotes_comments_and_block_texts_do_not_count() {
        let many = "[".repeat(500);
        for yaml in [
            format!("title: Een {many} titel\n"),
            format!("title: \"{many}\"\n"),
            format!("title: '{many} it''s'\n"),
            format!("title: x # {many}\n"),
            format!("body: |\n  {many}\n  meer\n\nnext: 1\n"),
            format!("body: >-\n  {many}\nnext: [a, \"{many}\", '{many}']\n"),
            format!("- a\n- \"b\n  {many}\"\n"),
            format!("title: Jan's {many}\nsub: '{many}'\n"),
        ] {
            assert_eq!(too_deep(&yaml), None, "{yaml}");
        }
    }

    #[test]
    fn the_sample_site_yaml_is_not_too_deep() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .chain(walkdir::WalkDir::new(root.join("themes")))
            .flatten()
        {
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str());
            if matches!(ext, Some("yaml" | "md")) {
                let text = std::fs::read_to_string(path).unwrap();
                assert_eq!(too_deep(&text), None, "{}", path.display());
                checked += 1;
            }
        }
        assert!(checked > 10);
    }

    const ROUND: &str = "\
title: Ronde
budget: 100 # euro
projects:
  - id: een
    title: Een
    summary: |
      title: geen sleutel, maar tekst
    milestones:
      - date: 2026-01-01
        title: Start
  # een opmerking
  -   id: twee
      requested: 5

  - title: Drie
    id: drie
other: x
";

    #[test]
    fn values_are_found_quoted_or_not_with_or_without_a_comment() {
        let text = "a: noord\nwijken:\n  - slug: \"noord\" # de eerste\n  - slug: 'noord'\n    name: noordwest\n";
        assert_eq!(value_lines(text, "noord"), [1, 3, 4]);
        assert!(value_lines(text, "west").is_empty());
    }

    #[test]
    fn each_list_item_knows_its_start_and_its_own_keys() {
        let items = list_items(ROUND, "projects");
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].start, 4);
        assert_eq!(items[0].key_line("title"), Some(5));
        assert_eq!(items[0].key_line("milestones"), Some(8));
        assert_eq!(
            items[0].key_line("date"),
            None,
            "nested keys are not the item's"
        );
        assert_eq!(items[1].start, 12);
        assert_eq!(items[1].key_line("id"), Some(12));
        assert_eq!(items[1].line_of("requested"), 13);
        assert_eq!(items[2].line_of("id"), 16);
        assert_eq!(items[2].line_of("granted"), 15, "falls back to the start");
    }

    #[test]
    fn a_list_at_column_zero_is_found_too() {
        let items = list_items("projects:\n- id: a\n  title: A\n- id: b\n", "projects");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].line_of("title"), 3);
        assert_eq!(items[1].start, 4);
    }

    #[test]
    fn flow_lists_and_missing_lists_give_nothing() {
        assert!(list_items("projects: [{id: a}]\n", "projects").is_empty());
        assert!(list_items("title: x\n", "projects").is_empty());
    }

    #[test]
    fn nested_keys_are_found_under_their_parent_only() {
        let text =
            "a:\n  - id: x\n    evaluation:\n      meeting: m\n    next: y\n  - meeting: z\n";
        assert_eq!(nested_key_line(text, 3, "meeting"), Some(4));
        assert_eq!(nested_key_line(text, 3, "next"), None);
        assert_eq!(nested_key_line(text, 99, "x"), None);
    }

    #[test]
    fn top_level_keys_are_found_but_not_nested_ones() {
        assert_eq!(top_level_line(ROUND, "budget"), Some(2));
        assert_eq!(top_level_line(ROUND, "other"), Some(17));
        assert_eq!(top_level_line(ROUND, "requested"), None);
    }

    #[test]
    fn dotted_thousands_are_caught_with_their_line() {
        let text = "budget: 12.500\nprojects:\n  - requested: 1.250 # euro\n    granted: 1.25\n    spent: \"1.250\"\n    title: 1.250\n  - spent: 2.500.000\n";
        let found = thousands_dots(text, &["budget", "requested", "granted", "spent"]);
        let lines: Vec<(usize, &str)> = found.iter().map(|f| (f.line, f.value.as_str())).collect();
        assert_eq!(lines, vec![(1, "12.500"), (3, "1.250"), (7, "2.500.000")]);
    }

    #[test]
    fn the_thousands_pattern_is_exact() {
        for yes in ["1.250", "999.000", "1.000.000"] {
            assert!(is_dotted_thousands(yes), "{yes}");
        }
        for no in [
            "1.25", "1250", "1250.00", "1234.567", ".250", "1.2500", "1,250", "",
        ] {
            assert!(!is_dotted_thousands(no), "{no}");
        }
    }
}
