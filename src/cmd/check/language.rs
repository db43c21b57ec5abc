//! Plain-language (B1) warnings for what editors write: sentences of more
//! than [`MAX_WORDS`] words, words from the jargon list (with a plainer
//! word as tip), link texts that do not say where a link goes ("klik
//! hier", "lees meer"), and headings that skip a level.
//!
//! Only editors' text is read: the Markdown bodies and `summary` fields of
//! pages, meetings and editions; never the theme's templates. Every warning
//! names the file and the line in the Markdown source. They are warnings
//! only: a build never stops for them.
//!
//! Sentences are split with care, so normal text gives no warning: a point
//! after an abbreviation (`bijv.`, `o.a.`, `d.w.z.`, `ca.`), inside a number
//! or time (`19.30`) or after an initial (`J. de Vries`) ends no sentence,
//! and every heading, list item and table cell is a sentence of its own.
//!
//! The jargon list is the theme's `jargon.yaml` (word → plainer word), with
//! `jargon:` from site.yaml on top; an empty tip there turns a word off.

use crate::util::diagnostics::{Diagnostic, Diagnostics};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::Path;

/// A sentence with more words than this gets a warning.
pub const MAX_WORDS: usize = 25;

/// The default jargon list, for a theme without a `jargon.yaml` of its own.
const DEFAULT_JARGON: &str = include_str!("../../../themes/wijk/jargon.yaml");

/// Link texts that do not say where the link leads, lowercase.
const VAGUE_LINK_TEXTS: &[&str] = &[
    "klik hier",
    "hier",
    "hier klikken",
    "klik",
    "lees meer",
    "lees verder",
    "meer lezen",
    "meer",
    "verder",
    "link",
    "deze link",
    "klik op deze link",
    "zie hier",
];

/// Words that end in a point without ending a sentence (lowercase, without
/// the last point). A word with a point inside (`o.a`, `d.w.z`) is an
/// abbreviation anyway.
const ABBREVIATIONS: &[&str] = &[
    "bijv", "bv", "ca", "etc", "enz", "evt", "incl", "excl", "nr", "blz", "tel", "mevr", "dhr",
    "dr", "ir", "mr", "prof", "st", "vgl", "zgn", "resp", "max", "min", "ong", "jl", "aanst",
    "tav", "mw", "wo", "ma", "di", "do", "vr", "za", "zo", "jan", "feb", "mrt", "apr", "jun",
    "jul", "aug", "sep", "sept", "okt", "nov", "dec",
];

/// Abbreviations that may also end a sentence, when a capital follows.
const MAY_END: &[&str] = &["etc", "enz"];

/// Word → plainer word; keys lowercase, maybe of more than one word.
#[derive(Debug, Default, Clone)]
pub struct Jargon {
    words: BTreeMap<String, String>,
}

impl Jargon {
    /// The theme's list (or the default one) with site.yaml's on top. A
    /// `jargon.yaml` that cannot be read gives a warning and the default list.
    pub fn load(
        root: &Path,
        theme: &str,
        extra: &BTreeMap<String, String>,
        problems: &mut Diagnostics,
    ) -> Jargon {
        let rel = format!("themes/{theme}/jargon.yaml");
        let text = std::fs::read_to_string(root.join(&rel)).ok();
        let mut jargon = match text.as_deref().map(Jargon::parse) {
            Some(Ok(jargon)) => jargon,
            Some(Err(d)) => {
                problems.push(Diagnostic::warning(&rel, d.message).at_opt(d.line).hint(
                    "schrijf elke regel als `woord: \"gewoon woord\"`; wijksite gebruikt nu de standaardlijst",
                ));
                Jargon::parse(DEFAULT_JARGON).unwrap_or_default()
            }
            None => Jargon::parse(DEFAULT_JARGON).unwrap_or_default(),
        };
        for (word, tip) in extra {
            let word = word.trim().to_lowercase();
            if tip.trim().is_empty() {
                jargon.words.remove(&word);
            } else if !word.is_empty() {
                jargon.words.insert(word, tip.trim().to_string());
            }
        }
        jargon
    }

    /// Reads a `word: tip` mapping.
    pub fn parse(text: &str) -> Result<Jargon, Diagnostic> {
        let map: Option<BTreeMap<String, String>> =
            crate::content::source::parse_yaml_file(text, "jargon.yaml")?;
        let words = map
            .unwrap_or_default()
            .into_iter()
            .map(|(w, t)| (w.trim().to_lowercase(), t.trim().to_string()))
            .filter(|(w, t)| !w.is_empty() && !t.is_empty())
            .collect();
        Ok(Jargon { words })
    }

    /// The jargon words in `words` (lowercase), as (index of the first
    /// word, key) pairs.
    fn find(&self, words: &[String]) -> Vec<(usize, &str)> {
        let mut found = Vec::new();
        for key in self.words.keys() {
            let parts: Vec<&str> = key.split_whitespace().collect();
            if parts.is_empty() || parts.len() > words.len() {
                continue;
            }
            for start in 0..=words.len() - parts.len() {
                let hit = if parts.len() == 1 {
                    is_form_of(&words[start], parts[0])
                } else {
                    parts.iter().zip(&words[start..]).all(|(p, w)| *p == w)
                };
                if hit {
                    found.push((start, key.as_str()));
                }
            }
        }
        // One key per word: the word itself if listed (a site's
        // `stakeholders` over the theme's `stakeholder`), else the longest.
        found.sort_by_key(|(start, key)| {
            let exact = words[*start] == *key;
            (*start, !exact, std::cmp::Reverse(key.len()))
        });
        found.dedup_by_key(|(start, _)| *start);
        found
    }
}

/// Whether `word` is `key` or a usual form of it: a plural (`-en`, `-s`)
/// of a word of eight letters or more, or for a verb on `-eren` a conjugation (`faciliteert`,
/// `gefaciliteerd`, `facilitering`).
fn is_form_of(word: &str, key: &str) -> bool {
    if word == key {
        return true;
    }
    // Plurals of longer words only: `indien` + `en` is `indienen`.
    if let Some(tail) = word.strip_prefix(key).filter(|_| key.chars().count() >= 8) {
        if ["en", "s"].contains(&tail) {
            return true;
        }
    }
    if let Some(root) = key.strip_suffix("eren") {
        let word = word
            .strip_prefix("ge")
            .filter(|w| w.starts_with(root))
            .unwrap_or(word);
        if let Some(tail) = word.strip_prefix(root) {
            return [
                "eer", "eert", "eerde", "eerden", "eerd", "eerden", "ering", "eringen", "erend",
            ]
            .contains(&tail);
        }
    }
    false
}

/// Where a text comes from: the file, and the lines of the text, to turn a
/// byte offset into a line of the file.
pub struct Place<'a> {
    file: &'a str,
    /// The 1-based line of the file the text starts on.
    first_line: usize,
    /// Byte offsets of the text's line breaks.
    breaks: Vec<usize>,
}

impl<'a> Place<'a> {
    pub fn new(file: &'a str, first_line: usize, text: &str) -> Place<'a> {
        let breaks = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Place {
            file,
            first_line,
            breaks,
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.first_line + self.breaks.partition_point(|&b| b < offset)
    }
}

/// What one file's texts gave: jargon words are reported once per file.
#[derive(Default)]
pub struct FileReport {
    jargon: BTreeMap<String, (usize, usize)>,
    /// Long sentences seen; only the first [`MAX_LONG_SHOWN`] are named.
    long: usize,
}

/// Long sentences named one by one per file; the rest are counted.
const MAX_LONG_SHOWN: usize = 10;

impl FileReport {
    /// Puts the jargon warnings (one per word, with its first line and how
    /// often it was used) into `problems`.
    pub fn finish(self, file: &str, jargon: &Jargon, problems: &mut Diagnostics) {
        if self.long > MAX_LONG_SHOWN {
            problems.push(
                Diagnostic::warning(
                    file,
                    format!(
                        "en nog {} lange zinnen in dit bestand",
                        self.long - MAX_LONG_SHOWN
                    ),
                )
                .hint(format!(
                    "maak ook die zinnen korter: hoogstens {MAX_WORDS} woorden"
                )),
            );
        }
        for (key, (line, count)) in self.jargon {
            let tip = jargon.words.get(&key).cloned().unwrap_or_default();
            let more = if count > 1 {
                format!(" ({count} keer in dit bestand)")
            } else {
                String::new()
            };
            problems.push(
                Diagnostic::warning(file, format!("het woord `{key}` is moeilijk{more}"))
                    .at_line(line)
                    .hint(format!(
                        "schrijf liever: {tip}. Veel lezers begrijpen gewone woorden beter"
                    )),
            );
        }
    }
}

/// Checks a Markdown body: sentences, jargon, link texts and headings.
pub fn check_markdown(
    markdown: &str,
    place: &Place,
    jargon: &Jargon,
    report: &mut FileReport,
    problems: &mut Diagnostics,
) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    // The page title above the body is a level-1 heading.
    let mut level = 1;
    let mut block = Block::default();
    let mut link: Option<(usize, String)> = None;
    let mut skip = 0usize; // inside a code block or an image
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: h, .. }) => {
                block.flush(place, jargon, report, problems);
                let h = heading_number(h);
                if h > level + 1 {
                    let line = place.line(range.start);
                    problems.push(skipped_heading(place.file, line, level, h));
                }
                level = h;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => {
                if matches!(event, Event::Start(Tag::CodeBlock(_))) {
                    block.flush(place, jargon, report, problems);
                }
                skip += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => {
                skip = skip.saturating_sub(1);
            }
            Event::Start(Tag::Link { .. }) => link = Some((range.start, String::new())),
            Event::End(TagEnd::Link) => {
                if let Some((start, text)) = link.take() {
                    if is_vague_link_text(&text) {
                        let line = place.line(start);
                        problems.push(vague_link(place.file, line, text.trim()));
                    }
                }
            }
            Event::Start(tag) if is_block(&tag) => block.flush(place, jargon, report, problems),
            Event::End(tag) if is_block_end(&tag) => block.flush(place, jargon, report, problems),
            Event::Text(text) | Event::Code(text) if skip == 0 => {
                if let Some((_, link_text)) = &mut link {
                    link_text.push_str(&text);
                }
                block.push(&text, range.start);
            }
            Event::Text(text) | Event::Code(text) => {
                // Image alt text inside a link still names the link.
                if let Some((_, link_text)) = &mut link {
                    link_text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => block.push(" ", range.start),
            _ => {}
        }
    }
    block.flush(place, jargon, report, problems);
}

/// Checks a plain text such as a `summary`: sentences and jargon.
pub fn check_plain(
    text: &str,
    place: &Place,
    jargon: &Jargon,
    report: &mut FileReport,
    problems: &mut Diagnostics,
) {
    let mut block = Block::default();
    // A summary is one line in the file (or a few, folded): report its line.
    block.push(&text.replace('\n', " "), 0);
    block.flush(place, jargon, report, problems);
}

fn heading_number(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Item
            | Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::List(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
    )
}

fn is_vague_link_text(text: &str) -> bool {
    let cleaned: String = text
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    VAGUE_LINK_TEXTS.contains(&cleaned.as_str())
}

/// The text of one block (paragraph, list item, heading, cell), with where
/// each piece came from in the source.
#[derive(Default)]
struct Block {
    text: String,
    /// (offset in `text`, offset in the source) for each piece.
    pieces: Vec<(usize, usize)>,
}

impl Block {
    fn push(&mut self, text: &str, source: usize) {
        self.pieces.push((self.text.len(), source));
        self.text.push_str(text);
    }

    fn source_of(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|(start, _)| *start <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, source)) => source + (at - start),
            None => 0,
        }
    }

    /// Checks the sentences of the block and empties it.
    fn flush(
        &mut self,
        place: &Place,
        jargon: &Jargon,
        report: &mut FileReport,
        problems: &mut Diagnostics,
    ) {
        let text = std::mem::take(&mut self.text);
        for (start, sentence) in sentences(&text) {
            let words = words(sentence);
            // Lines are looked up only when something is reported.
            let line = || place.line(self.source_of(start));
            if words.len() > MAX_WORDS {
                report.long += 1;
                if report.long <= MAX_LONG_SHOWN {
                    problems.push(long_sentence(place.file, line(), sentence, words.len()));
                }
            }
            let found = jargon.find(&words);
            if !found.is_empty() {
                let line = line();
                for (_, key) in found {
                    let entry = report.jargon.entry(key.to_string()).or_insert((line, 0));
                    entry.1 += 1;
                }
            }
        }
        self.pieces.clear();
    }
}

/// The words of a text, lowercase, without the punctuation around them; a
/// word has at least one letter or digit.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '/' || c == '—' || c == '–')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_lowercase)
        .collect()
}

/// Splits a block's text into sentences: (byte offset, sentence).
fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        // `at < start`: a mark already taken with the one before it (`...`).
        if at < start || !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence.
        let mut j = i + 1;
        while chars.get(j).is_some_and(|&(_, c)| {
            matches!(c, '"' | '\'' | ')' | '”' | '’' | '»' | '.' | '!' | '?')
        }) {
            j += 1;
        }
        // Only a point followed by a space can end a sentence (not 19.30).
        let Some(&(space_at, space)) = chars.get(j) else {
            continue;
        };
        if !space.is_whitespace() {
            continue;
        }
        let next = chars[j..].iter().find(|(_, c)| !c.is_whitespace());
        let Some(&(next_at, next)) = next else {
            continue;
        };
        if c == '.' && !ends_sentence(&text[start..at], next) {
            continue;
        }
        if next.is_lowercase() {
            continue; // `ca. 50`, `bijv. de buurt`: the sentence goes on
        }
        out.push((start, text[start..space_at].trim()));
        start = next_at;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push((
            start + (text[start..].len() - text[start..].trim_start().len()),
            rest,
        ));
    }
    out.into_iter().filter(|(_, s)| !s.is_empty()).collect()
}

/// Whether a point after `before` (the text up to it) ends the sentence,
/// given the next character.
fn ends_sentence(before: &str, next: char) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if word.is_empty() {
        return true;
    }
    if word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2) {
        return false; // o.a., d.w.z., m.b.t., J.P. (not www.wijk.nl)
    }
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return false; // an initial: J. de Vries
    }
    if ABBREVIATIONS.contains(&word.as_str()) {
        return MAY_END.contains(&word.as_str()) && next.is_uppercase();
    }
    true
}

fn long_sentence(file: &str, line: usize, sentence: &str, words: usize) -> Diagnostic {
    let begin: Vec<&str> = sentence.split_whitespace().take(6).collect();
    Diagnostic::warning(
        file,
        format!(
            "de zin die begint met „{} …” heeft {words} woorden; dat is lang (hoogstens {MAX_WORDS} is makkelijk te lezen)",
            begin.join(" ")
        ),
    )
    .at_line(line)
    .hint("maak er twee of meer korte zinnen van. Of zet een opsomming in een lijst, met op elke regel `- `")
}

fn vague_link(file: &str, line: usize, text: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        format!("de linktekst `{text}` zegt niet waar de link heen gaat"),
    )
    .at_line(line)
    .hint("schrijf in de linktekst wat de lezer vindt, zoals [de agenda van Noord](/noord/) in plaats van [klik hier](/noord/). Wie een schermlezer gebruikt, hoort vaak alleen de linkteksten")
}

fn skipped_heading(file: &str, line: usize, from: usize, to: usize) -> Diagnostic {
    let hashes = |n: usize| "#".repeat(n);
    let message = if from == 1 {
        format!(
            "de eerste kop is een {}-kop; onder de titel hoort eerst een {}-kop",
            hashes(to),
            hashes(2)
        )
    } else {
        format!(
            "deze {}-kop volgt op een {}-kop: er slaat een niveau over",
            hashes(to),
            hashes(from)
        )
    };
    Diagnostic::warning(file, message)
        .at_line(line)
        .hint(format!(
            "gebruik `{}` voor deze kop. Koppen gaan één stap tegelijk dieper (## dan ###); schermlezers gebruiken ze als inhoudsopgave",
            hashes(from + 1)
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn abbreviations_numbers_and_initials_end_no_sentence() {
        assert_eq!(
            split(
                "We beginnen om 19.30 uur. Neem bijv. een stoel mee, o.a. voor ca. 20 mensen. Vraag J. de Vries of d.w.z. Piet."
            ),
            [
                "We beginnen om 19.30 uur.",
                "Neem bijv. een stoel mee, o.a. voor ca. 20 mensen.",
                "Vraag J. de Vries of d.w.z. Piet."
            ]
        );
        assert_eq!(
            split("Koffie, thee, etc. Daarna praten we! Komt u ook? Ja."),
            [
                "Koffie, thee, etc.",
                "Daarna praten we!",
                "Komt u ook?",
                "Ja."
            ]
        );
        assert_eq!(
            split("Kijk op www.wijk.nl. Bel mevr. J.P. de Boer."),
            ["Kijk op www.wijk.nl.", "Bel mevr. J.P. de Boer."]
        );
    }

    #[test]
    fn runs_of_marks_and_odd_text_split_without_panicking() {
        assert_eq!(
            split("Van de gemeente... Dat is mooi?! Ja.. echt. Klaar"),
            ["Van de gemeente...", "Dat is mooi?!", "Ja.. echt.", "Klaar"]
        );
        let marks = ['.', '!', '?', '…', ' ', 'a', 'A', 'é', '"', ')', '1', '\n'];
        // Every text of up to four of these characters.
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| marks.iter().map(move |m| format!("{t}{m}")))
                .collect();
            for text in &texts {
                for (start, sentence) in sentences(text) {
                    assert!(text[start..].contains(sentence), "{text:?}");
                }
                let _ = ends_sentence(text, 'A');
            }
        }
    }

    #[test]
    fn forms_of_a_jargon_word_are_found() {
        for (word, key) in [
            ("prioriteiten", "prioriteit"),
            ("faciliteert", "faciliteren"),
            ("gefaciliteerd", "faciliteren"),
            ("evalueren", "evalueren"),
            ("middels", "middels"),
        ] {
            assert!(is_form_of(word, key), "{word}");
        }
        for (word, key) in [
            ("prioriteitsstelling", "prioriteit"),
            ("reed", "reeds"),
            ("indienen", "indien"),
        ] {
            assert!(!is_form_of(word, key), "{word}");
        }
    }

    #[test]
    fn the_default_list_reads() {
        let jargon = Jargon::parse(DEFAULT_JARGON).unwrap();
        let words: Vec<&str> = jargon.words.keys().map(String::as_str).collect();
        assert!(words.contains(&"prioriteit") && words.contains(&"in het kader van"));
        assert!(words.len() >= 20);
    }

    #[test]
    fn vague_link_texts_are_recognised() {
        assert!(is_vague_link_text(" Klik hier!"));
        assert!(is_vague_link_text("lees meer …"));
        assert!(!is_vague_link_text("de agenda van Noord"));
        assert!(!is_vague_link_text("hierover"));
    }
}
