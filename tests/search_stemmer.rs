//! The browser's Dutch stemmer (themes/wijk/static/stem-nl.js) must stem
//! exactly like the Rust one that builds the search index (rust-stemmers,
//! Algorithm::Dutch): otherwise a word typed in the search box has another
//! stem than the same word on a page, and misses that page. This test runs
//! both on every word of the sample content, the editors' guide and the
//! theme's strings, plus thousands of generated words that reach every rule
//! of the algorithm, and compares the stems. It needs `node`: without it
//! the test says SKIPPED, except under CI (`CI=true`), where it fails.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

fn rust_stem(word: &str) -> String {
    Stemmer::create(Algorithm::Dutch).stem(word).into_owned()
}

/// The words of a text as the index sees them: lowercased runs of
/// alphanumeric characters.
fn words_of(text: &str, into: &mut BTreeSet<String>) {
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        if !run.is_empty() {
            into.insert(run.to_lowercase());
        }
    }
}

/// Every word of the sample content (Markdown and YAML), the editors'
/// guide and the theme's resident-facing strings.
fn repo_words() -> BTreeSet<String> {
    let root = repo_root();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "md" || e == "yaml" || e == "yml")
        })
        .collect();
    files.push(root.join("docs/redacteuren.md"));
    files.push(root.join("themes/wijk/strings.yaml"));
    let mut words = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        words_of(&text, &mut words);
    }
    words
}

/// Words built to reach every branch of the algorithm: each suffix it knows
/// after vowels, consonants, j, "gem", "c", "e", doubled dd/kk/tt and
/// double vowels; y and i between vowels; accents it removes and letters it
/// does not know (è is a vowel to it, é is made e); non-Latin scripts and
/// digits, whose UTF-8 length matters to R1; and every short word.
fn generated_words() -> BTreeSet<String> {
    let heads = [
        "", "b", "st", "a", "e", "o", "y", "ya", "ij", "ie", "ai", "ay", "ba", "bo", "bè", "aa",
        "oo", "kaas", "gem", "è", "é", "ä", "ø", "ç", "ß", "α", "ж", "漢", "😀", "1", "2a",
    ];
    let middles = [
        "", "a", "e", "i", "o", "u", "y", "è", "j", "k", "kk", "d", "dd", "t", "tt", "gem", "c",
        "l", "aan", "een", "oon", "uun", "aak", "iya", "aia", "ayo", "eie", "oyi", "ii", "yy", "ë",
        "ï", "ö", "ü", "á", "é", "í", "ó", "ú", "ß", "ø", "9", "漢", "ç", "aai", "ooi", "eei",
    ];
    let suffixes = [
        "", "heden", "ene", "en", "se", "s", "e", "heid", "end", "ing", "ig", "lijk", "baar",
        "bar", "igheid", "enheid", "ingen", "igen", "ige", "elijk", "lijke", "lijkheid",
        "baarheid", "barheid", "bare", "ende", "igend", "iging", "heids", "es", "n", "d", "k",
        "je", "jes", "tjes", "cheid", "emen",
    ];
    let mut words = BTreeSet::new();
    for head in heads {
        for middle in middles {
            for suffix in suffixes {
                words.insert(format!("{head}{middle}{suffix}"));
            }
        }
    }
    // Every word of one to three letters over letters the rules look at.
    let letters: Vec<String> = "aeiouybdgjkmnsté1ëè漢".chars().map(String::from).collect();
    let mut short: Vec<String> = letters.clone();
    for _ in 0..2 {
        let longer: Vec<String> = short
            .iter()
            .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
            .collect();
        short.extend(longer.into_iter().filter(|w| w.chars().count() <= 3));
    }
    words.extend(short);
    // Input the callers never give (they lowercase), but the two must still agree.
    for odd in [
        "",
        "BANKJES",
        "Maan",
        "aIa",
        "aYe",
        "kIen",
        "İstanbul",
        "ΑΘΗΝΑ",
    ] {
        words.insert(odd.to_string());
    }
    words
}

/// Stems of `words` by stem-nl.js, run in node.
fn js_stems(node: &Path, words: &[&String]) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("words.json");
    std::fs::write(&input, serde_json::to_string(words).unwrap()).unwrap();
    let script = r#"
        import { readFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const { stem } = await import(pathToFileURL(process.env.STEM_JS).href);
        const words = JSON.parse(readFileSync(process.env.WORDS, "utf8"));
        process.stdout.write(JSON.stringify(words.map((w) => stem(w))));
    "#;
    let run = Command::new(node)
        .args(["--input-type=module", "-e", script])
        .env("STEM_JS", repo_root().join("themes/wijk/static/stem-nl.js"))
        .env("WORDS", &input)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).unwrap()
}

#[test]
fn rust_stemmer_joins_the_forms_search_relies_on() {
    // If these change, the index changes: a new rust-stemmers version must
    // get a new stem-nl.js.
    assert_eq!(rust_stem("bijeenkomsten"), "bijeenkomst");
    assert_eq!(rust_stem("bijeenkomst"), "bijeenkomst");
    assert_eq!(rust_stem("bankjes"), "bankjes");
    assert_eq!(rust_stem("bankje"), "bankj");
    assert_eq!(rust_stem("vergaderingen"), "vergader");
    assert_eq!(rust_stem("vergadering"), "vergader");
    assert_eq!(rust_stem("maan"), "man");
    assert_eq!(rust_stem("èbs"), "èb"); // R1 counted in UTF-8 bytes
}

#[test]
fn browser_stemmer_equals_the_index_stemmer() {
    let repo = repo_words();
    assert!(
        repo.len() > 1000,
        "only {} words in the repository",
        repo.len()
    );
    let mut all = repo.clone();
    all.extend(generated_words());
    assert!(all.len() > 3000, "only {} words to compare", all.len());

    let Some(node) = which("node") else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must run this test, but node is missing (see .ci/run)"
        );
        eprintln!("SKIPPED: browser stemmer test (missing node)");
        return;
    };
    let words: Vec<&String> = all.iter().collect();
    let js = js_stems(&node, &words);
    assert_eq!(js.len(), words.len(), "node gave another number of stems");

    let mut differences = Vec::new();
    let mut changed = 0;
    for (word, js) in words.iter().zip(&js) {
        let rust = rust_stem(word);
        if rust != **word {
            changed += 1;
        }
        if rust != *js {
            differences.push(format!("{word:?}: rust {rust:?}, js {js:?}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} words stem differently; the first 20:\n{}",
        differences.len(),
        words.len(),
        differences[..differences.len().min(20)].join("\n")
    );
    // The comparison means something only if many words lost a suffix.
    assert!(changed > 1000, "only {changed} words were stemmed at all");
    eprintln!(
        "{} words ({} from the repository), {changed} of them changed by stemming: rust and js agree",
        words.len(),
        repo.len()
    );
}
