//! The site build: what a fixture site turns into.

mod common;
use common::Fixture;

#[test]
fn a_minimal_site_builds_home_pages_wijken_sitemap_robots_and_404() {
    let site = Fixture::new();
    let run = site.build_ok();
    assert!(run.stdout.contains("Klaar"), "{}", run.stdout);
    for file in [
        "index.html",
        "meedoen/index.html",
        "noord/index.html",
        "zuid/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "style.css",
    ] {
        assert!(site.output_exists(file), "missing {file}");
    }
    let home = site.output("index.html");
    assert!(home.contains("<html lang=\"nl\">"));
    assert!(home.contains("Noord") && home.contains("Zuid"));
    let page = site.output("meedoen/index.html");
    assert!(
        page.contains(r#"<h1 id="een-keer">Eén keer</h1>"#),
        "{page}"
    );
    assert!(page.contains(r#"<link rel="canonical" href="https://test.example/meedoen/">"#));
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://test.example/meedoen/</loc>"),
        "{sitemap}"
    );
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://test.example/sitemap.xml")
    );
}

#[test]
fn base_url_flag_overrides_site_yaml_everywhere() {
    let site = Fixture::new();
    let run = site.run(&["build", "--base-url", "https://preview.example/pr-7/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.output("meedoen/index.html");
    assert!(
        page.contains(r#"href="https://preview.example/pr-7/meedoen/""#),
        "{page}"
    );
    assert!(
        page.contains(r#"href="/pr-7/noord/""#),
        "links get the base path: {page}"
    );
    assert!(page.contains(r#"href="/pr-7/style.css""#));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Fixture::new();
    site.write(
        "content/pages/concept.md",
        "---\ntitle: Concept\ndraft: true\n---\nNog niet af.\n",
    );
    site.build_ok();
    assert!(!site.output_exists("concept/index.html"));
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.output_exists("concept/index.html"));
}

#[test]
fn static_files_are_copied_as_is() {
    let site = Fixture::new();
    site.write(
        "content/static/docs/verslag maart.pdf",
        b"%PDF-1.4 \x00\x01",
    );
    site.build_ok();
    let bytes = std::fs::read(site.root().join("output/docs/verslag maart.pdf")).unwrap();
    assert_eq!(bytes, b"%PDF-1.4 \x00\x01");
}

#[test]
fn a_template_in_the_site_overrides_the_theme() {
    let site = Fixture::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>EIGEN {{ page.title }}</h1>{% endblock content %}",
    );
    site.build_ok();
    assert!(
        site.output("meedoen/index.html")
            .contains("<h1>EIGEN Meedoen</h1>")
    );
    assert!(
        !site.output("noord/index.html").contains("EIGEN"),
        "other templates stay the theme's"
    );
}

#[test]
fn ui_strings_can_be_overridden_per_key() {
    let site = Fixture::new();
    site.write(
        "templates/strings.yaml",
        "skip_to_content: \"Skip to content\"\n",
    );
    site.build_ok();
    let home = site.output("index.html");
    assert!(home.contains("Skip to content"));
    assert!(home.contains("De wijken"), "other strings stay the theme's");
}

#[test]
fn a_theme_without_a_string_the_code_uses_is_an_error_naming_it() {
    let site = Fixture::new();
    let path = site.root().join("themes/wijk/strings.yaml");
    let strings = std::fs::read_to_string(&path).unwrap();
    let without: String = strings
        .lines()
        .filter(|line| !line.starts_with("poster_qr_label:"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(without, strings, "the theme has the string to take out");
    std::fs::write(&path, without).unwrap();
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("themes/wijk/strings.yaml: fout: de tekst `poster_qr_label` ontbreekt"),
        "{}",
        run.stderr
    );
    // The site's own strings.yaml may supply it.
    site.write("templates/strings.yaml", "poster_qr_label: \"QR\"\n");
    site.build_ok();
}

#[test]
fn rebuilding_the_same_content_gives_identical_bytes() {
    let site = Fixture::new();
    site.build_ok();
    let first = site.snapshot();
    site.build_ok();
    assert_eq!(first, site.snapshot());
}

#[test]
fn pages_that_are_removed_disappear_from_the_output() {
    let site = Fixture::new();
    site.write("content/pages/oud.md", "---\ntitle: Oud\n---\nweg\n");
    site.build_ok();
    assert!(site.output_exists("oud/index.html"));
    site.remove("content/pages/oud.md");
    site.build_ok();
    assert!(!site.output_exists("oud/index.html"));
}

#[test]
fn bom_and_crlf_files_from_windows_just_work() {
    let site = Fixture::new();
    site.write(
        "content/pages/windows.md",
        "\u{feff}---\r\ntitle: Van Windows\r\nsummary: Met CRLF\r\n---\r\n## Kop\r\n\r\nTekst.\r\n",
    );
    site.build_ok();
    let page = site.output("windows/index.html");
    assert!(page.contains("<h1>Van Windows</h1>"), "{page}");
    assert!(page.contains(r#"<h2 id="kop">Kop</h2>"#));
    assert!(!page.contains('\r'));
}

#[test]
fn another_area_with_other_wijken_builds_from_site_yaml_alone() {
    let site = Fixture::empty();
    site.write(
        "content/site.yaml",
        "title: Samen in Vathorst\nshort_title: VH\ndescription: Twee wijken.\nbase_url: https://vathorst.example\n\
         wijken:\n  - {slug: de-laak, name: De Laak, network: Wijknetwerk De Laak, description: Aan het water.}\n\
         \x20 - {slug: de-bron, name: De Bron, network: Bewonersraad De Bron, description: Rond het plein.}\n\
         contact: {email: info@vathorst.example}\n",
    );
    site.build_ok();
    let home = site.output("index.html");
    assert!(home.contains("De Laak") && home.contains("De Bron"));
    assert!(
        site.output("de-bron/index.html")
            .contains("Bewonersraad De Bron")
    );
    for other in ["Schothorst", "Zielhorst", "Hoefkwartier"] {
        assert!(
            !home.contains(other),
            "{other} leaked into another area's site"
        );
    }
}
