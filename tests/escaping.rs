//! Hostile text from content comes out escaped in every format it reaches:
//! HTML text and attributes, iCalendar TEXT, and (in their own tests) Atom,
//! CSV and JSON. Raw HTML in Markdown is sanitised.

mod common;
use common::Fixture;

/// A title that tries to break out of every format at once.
const NASTY: &str = r#"Koffie <script>alert(1)</script> & "thee" 't ]]> ; zaal, 2 \ eind"#;

fn yaml_quoted(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
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

/// A round whose one project carries hostile text in every text field.
fn round_with_nasty_texts() -> Fixture {
    let site = Fixture::new();
    let t = yaml_quoted(&format!("{NASTY}\nregel twee"));
    site.write(
        "content/projecten/2026-1.yaml",
        format!(
            "title: {t}\ndecided: 2026-04-01\nprojects:\n  - id: gevaar\n    title: {t}\n    \
             applicant: {t}\n    requested: 10\n    granted: 10\n    advice: positive\n    \
             decision: granted\n    status: running\n    summary: {t}\n"
        ),
    );
    site.build_ok();
    site
}

#[test]
fn csv_and_json_read_back_to_the_original_text() {
    let site = round_with_nasty_texts();
    let expected = format!("{NASTY}\nregel twee");
    let csv = site.output("projecten/2026-1.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let record = reader
        .records()
        .next()
        .expect("one project")
        .expect("valid CSV");
    let field = |name: &str| {
        record
            .get(headers.iter().position(|h| h == name).unwrap())
            .unwrap()
    };
    assert_eq!(
        field("title"),
        expected,
        "a quoted cell keeps quotes and line breaks"
    );
    assert_eq!(field("applicant"), expected);
    let json: serde_json::Value =
        serde_json::from_str(&site.output("projecten/2026-1.json")).expect("valid JSON");
    assert_eq!(json["projects"][0]["title"], expected.as_str());
    let page = site.output("projecten/2026-1/index.html");
    assert!(
        !page.contains("<script>alert(1)"),
        "round title reached HTML unescaped"
    );
}

/// Dutch Excel splits a CSV on `;`: a formula after a `;` inside a cell
/// must be neutralised too, whichever separator the spreadsheet uses.
#[test]
fn no_csv_field_starts_a_formula_whether_split_on_comma_or_semicolon() {
    let site = Fixture::new();
    site.write(
        "content/projecten/2026-1.yaml",
        "title: Ronde\ndecided: 2026-04-01\nprojects:\n  - id: formule\n    \
         title: \"Werkgroep;=HYPERLINK(A1);\"\n    applicant: \"Buurt, +31 6;@SUM(1)\"\n    \
         requested: 10\n    granted: 10\n    advice: positive\n    decision: granted\n    \
         status: running\n",
    );
    site.build_ok();
    let csv = site.output("projecten/2026-1.csv");
    assert!(csv.contains("HYPERLINK"), "{csv}");
    for delimiter in [b',', b';'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes());
        for record in reader.records() {
            for field in record.expect("valid CSV").iter() {
                assert!(
                    !field
                        .trim_start()
                        .starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "split on {:?}: formula in {field:?}\n{csv}",
                    delimiter as char
                );
            }
        }
    }
}
