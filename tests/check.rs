//! `wijksite check`: broken links and anchors are errors named by source
//! file and line, template links by page, the listed warnings are warnings,
//! nothing is written, and the sample site passes.

mod common;
use common::{Fixture, repo_root};

const LINKS_PAGE: &str = "---
title: Links
---
# Links

Goed: [meedoen](/meedoen/), [kop](/meedoen/#een-keer), [terug](../meedoen/) en [hier](#links).
Kapot: [nergens](/bestaat-niet/).
Anker: [geen kop](/meedoen/#geen-kop).
Eigen anker: [ook niet](#nergens).
";

#[test]
fn a_broken_link_and_a_missing_anchor_are_named_by_file_and_line() {
    let site = Fixture::new();
    site.write("content/pages/links.md", LINKS_PAGE);
    let run = site.run(&["check"]);
    run.assert_error(
        "content/pages/links.md:7",
        &["/bestaat-niet/", "bestaat niet"],
    );
    run.assert_error("content/pages/links.md:8", &["#geen-kop", "/meedoen/"]);
    run.assert_error("content/pages/links.md:9", &["#nergens"]);
    let errors = run.stderr.matches(": fout:").count();
    assert_eq!(errors, 3, "the good links pass:\n{}", run.stderr);
    assert!(!site.root().join("output").exists(), "check writes nothing");
}

#[test]
fn links_under_a_base_path_are_checked_as_rendered() {
    let site = Fixture::new();
    site.write(
        "content/site.yaml",
        common::SITE_YAML.replace("https://test.example", "https://test.example/wijk"),
    );
    site.write("content/pages/links.md", LINKS_PAGE);
    let run = site.run(&["check"]);
    run.assert_error("content/pages/links.md:7", &["/bestaat-niet/"]);
    assert_eq!(run.stderr.matches(": fout:").count(), 3, "{}", run.stderr);
}

#[test]
fn a_broken_link_in_a_template_names_the_page() {
    let site = Fixture::new();
    let page = std::fs::read_to_string(repo_root().join("themes/wijk/templates/page.html"))
        .unwrap()
        .replace(
            "</article>",
            "<p><a href=\"{{ base_path }}sjabloon-kapot/\">weg</a></p>\n</article>",
        );
    site.write("templates/page.html", page);
    let run = site.run(&["check"]);
    run.assert_error("/meedoen/ (sjabloon)", &["/sjabloon-kapot/"]);
}

#[test]
fn warnings_do_not_fail_the_check() {
    let site = Fixture::new();
    // An image without alt text is an error in a published page (issue
    // 20); in a draft it is this warning.
    site.write(
        "content/static/foto.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "content/pages/fotos.md",
        "---\ntitle: Foto's\ndraft: true\n---\n![](/foto.svg)\n\n![Logo](https://example.org/logo.png)\n",
    );
    site.write(
        "content/bijeenkomsten/2026-01-20-overleg.md",
        "---\ntitle: Overleg\nstart: 2026-01-20 19:30\nvenue: buurthuis\n---\nAgenda.\n",
    );
    site.write(
        "content/nieuwsbrief/2026-01-januari.md",
        "---\ntitle: Nieuwsbrief januari\ndate: 2026-01-10\n---\nNieuws.\n",
    );
    let run = site.run(&["check", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warned = |file: &str, words: &[&str]| {
        run.messages().iter().any(|m| {
            m.starts_with(file) && m.contains("waarschuwing") && words.iter().all(|w| m.contains(w))
        })
    };
    assert!(
        warned("content/pages/fotos.md:5", &["/foto.svg", "alt"]),
        "{}",
        run.stderr
    );
    assert!(
        warned("content/pages/fotos.md:7", &["andere website"]),
        "{}",
        run.stderr
    );
    assert!(
        warned("content/bijeenkomsten/2026-01-20-overleg.md", &["eindtijd"]),
        "{}",
        run.stderr
    );
    assert!(
        warned("content/nieuwsbrief/2026-01-januari.md", &["samenvatting"]),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("In orde"), "{}", run.stdout);
}

#[test]
fn content_errors_fail_the_check_like_a_build() {
    let site = Fixture::new();
    site.write("content/pages/kapot.md", "---\ntitel: Kapot\n---\n");
    site.run(&["check"])
        .assert_error("content/pages/kapot.md:2", &["titel"]);
}

#[test]
fn the_sample_site_passes() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(["check", "--root"])
        .arg(repo_root())
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains(": fout:"), "{stderr}");
}

/// The first number after `prefix` in `text`, and the word after it.
fn count_after(text: &str, prefix: &str) -> (usize, String) {
    let rest = &text[text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {text}"))
        + prefix.len()..];
    let mut parts = rest.split_whitespace();
    let number = parts.next().unwrap().parse().unwrap();
    (
        number,
        parts.next().unwrap().trim_end_matches(',').to_string(),
    )
}

#[test]
fn build_and_check_count_the_same_pages_and_emails() {
    let site = Fixture::new();
    site.write(
        "content/nieuwsbrief/2030-01-05-januari.md",
        "---\ntitle: Januari\ndate: 2030-01-05\nsummary: Nieuws uit de wijk.\n---\n## Nieuws\n\nDe tuin is open.\n",
    );
    let build = site.build_ok();
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let (built_pages, word) = count_after(&build.stdout, "Klaar:");
    assert_eq!(word, "pagina's");
    let (checked_pages, word) = count_after(&check.stdout, "In orde:");
    assert_eq!(word, "pagina's");
    assert_eq!(
        built_pages, checked_pages,
        "{}\n{}",
        build.stdout, check.stdout
    );
    let html_pages = common::snapshot(&site.root().join("output"))
        .iter()
        .filter(|(path, _)| path.ends_with(".html") && !path.ends_with("email.html"))
        .count();
    assert_eq!(
        built_pages, html_pages,
        "pages are the web pages, 404 included"
    );
    assert!(build.stdout.contains(", 1 e-mail"), "{}", build.stdout);
    assert!(check.stdout.contains("en 1 e-mail met"), "{}", check.stdout);
}

#[test]
fn editors_temp_files_are_not_content_for_build_or_check() {
    let site = Fixture::new();
    for rel in [
        "content/pages/sedOzDjJF",
        "content/pages/4913",
        "content/pages/~$verslag.docx",
        "content/pages/.#meedoen.md",
    ] {
        site.write(rel, "half geschreven");
    }
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("sedOzDjJF"), "{}", check.stderr);
    site.build_ok();
}

#[test]
fn the_guide_and_check_agree_on_trailing_slashes_and_section_names() {
    let site = Fixture::new();
    site.write(
        "content/pages/links.md",
        "---\ntitle: Links\n---\nNaar [meedoen](/meedoen), [de kop](/meedoen#een-keer) en [Noord](/noord).\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(
        run.code, 0,
        "links without the last / work:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains(": fout:"), "{}", run.stderr);

    let guide = std::fs::read_to_string(repo_root().join("docs/redacteuren.md")).unwrap();
    assert!(
        guide.contains("`/meedoen` werkt net zo goed"),
        "the guide says both forms work"
    );
    let strings = std::fs::read_to_string(repo_root().join("themes/wijk/strings.yaml")).unwrap();
    for key in ["latest", "upcoming_meetings"] {
        let value = strings
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .unwrap()
            .trim_matches('"');
        assert!(
            guide.contains(&format!("**{value}**")),
            "the guide names the section `{value}` as the theme does"
        );
    }
}
