//! Hostile text from content comes out escaped in every format it reaches:
//! HTML text and attributes, iCalendar TEXT, and (in their own tests) Atom,
//! CSV and JSON. Raw HTML in Markdown is sanitised.

mod common;
use common::Fixture;

/// A title that tries to break out of every format at once.
const NASTY: &str = r#"Koffie <script>alert(1)</script> & "thee" 't ]]> ; zaal, 2 \ eind"#;

fn yaml_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn site_with_nasty_texts() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/pages/gevaar.md",
        format!(
            "---\ntitle: {t}\nsummary: {t}\n---\nTekst met <img src=x onerror=alert(1)> en \
             <a href=\"javascript:alert(2)\">klik</a> en <b onclick=\"x()\">vet</b>.\n\n\
             [ook dit](javascript:alert(3))\n\n<script>alert(4)</script>\n",
            t = yaml_quoted(NASTY)
        ),
    );
    site.write(
        "content/bijeenkomsten/2026-06-16-gevaar.md",
        format!(
            "---\ntitle: {t}\nstart: 2026-06-16 19:30\nlocation: {t}\n---\nAgenda: {t}\n",
            t = yaml_quoted(NASTY)
        ),
    );
    site.build_ok();
    site
}

#[test]
fn html_text_and_attributes_are_escaped() {
    let site = site_with_nasty_texts();
    let page = site.output("gevaar/index.html");
    assert!(
        !page.contains("<script>alert(1)"),
        "title reached HTML unescaped"
    );
    assert!(
        page.contains("Koffie &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&amp; &quot;thee&quot;"),
        "quotes and ampersands in text"
    );
    let description = page
        .lines()
        .find(|l| l.contains("name=\"description\""))
        .unwrap();
    assert!(
        description.contains("&quot;thee&quot;") && !description.contains("\"thee\""),
        "{description}"
    );
    for meeting_page in [
        "bijeenkomsten/2026-06-16-gevaar/index.html",
        "bijeenkomsten/index.html",
    ] {
        let html = site.output(meeting_page);
        assert!(!html.contains("<script>alert(1)"), "{meeting_page}");
    }
}

#[test]
fn raw_html_is_sanitised_to_a_safe_allow_list() {
    let site = site_with_nasty_texts();
    let page = site.output("gevaar/index.html");
    let body = &page[page.find("<main").unwrap()..];
    assert!(!body.contains("<script"), "script element survived");
    assert!(
        !body.contains("onerror") && !body.contains("onclick"),
        "event handler survived"
    );
    assert!(
        !body.to_lowercase().contains("javascript:"),
        "javascript: URL survived"
    );
    assert!(body.contains("<b>vet</b>"), "harmless markup stays");
}

#[test]
fn icalendar_text_is_escaped_and_parses_back_to_the_original() {
    use icalendar::{Calendar, Component, EventLike};
    let site = site_with_nasty_texts();
    let ics = site.output("bijeenkomsten/2026-06-16-gevaar.ics");
    assert!(
        ics.contains("zaal\\, 2 \\\\ eind"),
        "commas and backslashes are escaped: {ics}"
    );
    let unfolded = ics.replace("\r\n ", "");
    let calendar: Calendar = unfolded.parse().expect("the feed parses");
    let event = calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("one event");
    assert_eq!(event.get_summary(), Some(NASTY));
    assert_eq!(
        event.get_location().map(|l| l.starts_with(NASTY)),
        Some(true)
    );
}
