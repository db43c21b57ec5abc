//! Every page of the sample site has sharing-preview tags (Open Graph and a
//! Twitter card) with absolute URLs, and the title and description of that
//! page, not of the site (issue 15).

mod common;
use common::repo_root;
use std::process::Command;

/// The `content` of `<meta property|name="key" content="…">`, when there is
/// exactly one such tag.
fn meta<'a>(html: &'a str, key: &str) -> Result<&'a str, String> {
    let mut found = Vec::new();
    for attr in ["property", "name"] {
        let pattern = format!("<meta {attr}=\"{key}\" content=\"");
        for (i, m) in html.match_indices(&pattern) {
            let rest = &html[i + m.len()..];
            found.push(&rest[..rest.find('"').unwrap_or(0)]);
        }
    }
    match found.as_slice() {
        [one] => Ok(one),
        _ => Err(format!("{} times {key}", found.len())),
    }
}

#[test]
fn every_page_has_open_graph_tags_with_absolute_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let base = "https://example.org/szh/";
    let status = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(["build", "-q", "--base-url", base, "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .status()
        .unwrap();
    assert!(status.success());

    let mut problems = Vec::new();
    let mut pages = 0;
    for (path, bytes) in common::snapshot(&out) {
        // The newsletter's email HTML is for mail programs, not a page.
        if !path.ends_with(".html") || path.ends_with("/email.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if !html.contains("<head>") {
            continue;
        }
        pages += 1;
        let mut check = |key: &str, ok: &dyn Fn(&str) -> bool| match meta(&html, key) {
            Ok(value) if ok(value) => {}
            Ok(value) => problems.push(format!("{path}: {key} = {value:?}")),
            Err(e) => problems.push(format!("{path}: {e}")),
        };
        check("og:title", &|v| !v.trim().is_empty());
        check("og:description", &|v| !v.trim().is_empty());
        check("og:type", &|v| v == "website" || v == "article");
        check("og:site_name", &|v| v == "Samen in SZH");
        check("og:locale", &|v| v == "nl_NL");
        check("og:url", &|v| v.starts_with(base));
        if path == "over-szh/index.html" {
            // A page with a lead photo (`image:`) shares that photo, large.
            check("twitter:card", &|v| v == "summary_large_image");
            check("og:image", &|v| {
                v.starts_with("https://example.org/szh/img/straat-") && v.ends_with("-1600.png")
            });
            continue;
        }
        check("twitter:card", &|v| v == "summary");
        // The sample site's logo (site.yaml `logo: /logo.svg`), below base_url.
        check("og:image", &|v| v == "https://example.org/szh/logo.svg");
    }
    assert!(pages > 40, "only {pages} pages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The page's own title and summary, not the site's.
    let meeting = std::fs::read_to_string(
        out.join("bijeenkomsten/2026-09-10-wijknetwerk-zielhorst/index.html"),
    )
    .unwrap();
    assert_eq!(
        meta(&meeting, "og:title"),
        Ok("Wijknetwerk Zielhorst: najaarsavond (gaat niet door)")
    );
    assert_eq!(
        meta(&meeting, "og:url"),
        Ok("https://example.org/szh/bijeenkomsten/2026-09-10-wijknetwerk-zielhorst/")
    );
    assert!(
        meta(&meeting, "og:description")
            .unwrap()
            .contains("lekkage")
    );
    let list = std::fs::read_to_string(out.join("bijeenkomsten/index.html")).unwrap();
    assert_eq!(meta(&list, "og:title"), Ok("Bijeenkomsten"));
}
