//! Front matter: decoding, splitting and parsing any bytes never panics,
//! and reported lines stay inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wijksite::content::source;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Front {
    title: String,
    date: Option<wijksite::content::dates::Date>,
    start: Option<wijksite::content::dates::LocalDateTime>,
    weight: Option<i64>,
    tags: Option<Vec<String>>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = source::decode(data.to_vec(), "f.md") else {
        return;
    };
    let lines = text.lines().count().max(1);
    match source::parse_markdown_file::<Front>(&text, "f.md") {
        Ok(doc) => assert!(doc.body_line >= 3),
        Err(d) => assert!(d.line.unwrap_or(1) <= lines + 1, "{d} beyond {lines} lines"),
    }
});
