//! The site's identity from site.yaml (issue 15, item 7): a logo in the
//! header, as favicon and as og:image; an accent colour that the build
//! refuses when it is hard to read.

mod common;
use common::{Fixture, SITE_YAML};

/// A fixture whose site.yaml has `extra` appended, and the line the first
/// appended line has.
fn site_with(extra: &str) -> (Fixture, usize) {
    let fixture = Fixture::new();
    fixture.write("content/site.yaml", format!("{SITE_YAML}{extra}"));
    (fixture, SITE_YAML.lines().count() + 1)
}

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n";

#[test]
fn a_readable_accent_builds_and_colours_every_page() {
    let (fixture, _) = site_with("accent: \"#0F5132\"\naccent_dark: \"#9be2b8\"\n");
    fixture.build_ok();
    for page in ["index.html", "noord/index.html", "meedoen/index.html"] {
        let html = fixture.output(page);
        assert!(html.contains(":root { --accent: #0f5132; }"), "{page}");
        assert!(
            html.contains("@media (prefers-color-scheme: dark) { :root { --accent: #9be2b8; } }"),
            "{page}"
        );
    }
}

#[test]
fn without_identity_there_is_no_style_no_logo_and_the_themes_favicon() {
    let fixture = Fixture::new();
    fixture.build_ok();
    let html = fixture.output("index.html");
    for absent in ["<style>", "--accent", "site-logo", "og:image"] {
        assert!(!html.contains(absent), "{absent}");
    }
    assert!(html.contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"));
    assert!(fixture.output("favicon.svg").starts_with("<svg"));
}

#[test]
fn an_accent_that_is_hard_to_read_is_refused_with_its_ratio_and_line() {
    let (fixture, line) = site_with("accent: \"#ffcc00\"\n");
    let run = fixture.build();
    run.assert_error(
        &format!("content/site.yaml:{line}"),
        &[
            "#ffcc00",
            "witte achtergrond",
            "1,5:1",
            "nodig is 4,5:1",
            "tip:",
            "donkerder",
        ],
    );
    assert!(!fixture.output_exists("index.html"));

    // Light enough for dark mode is a separate colour, checked there.
    let (fixture, line) = site_with("accent: \"#0f5132\"\naccent_dark: \"#2b4a6b\"\n");
    fixture.build().assert_error(
        &format!("content/site.yaml:{}", line + 1),
        &[
            "#2b4a6b",
            "donkere achtergrond",
            "nodig is 4,5:1",
            "lichter",
        ],
    );
}

#[test]
fn an_unquoted_accent_is_not_silently_lost() {
    // YAML reads `#0f5132` without quotes as a comment.
    let (fixture, line) = site_with("accent: #0f5132\n");
    fixture.build().assert_error(
        &format!("content/site.yaml:{line}"),
        &["`accent`", "aanhalingstekens"],
    );
}

#[test]
fn a_logo_shows_in_the_header_as_favicon_and_as_og_image() {
    let (fixture, _) = site_with("logo: /img/logo.svg\n");
    fixture.write("content/static/img/logo.svg", LOGO);
    fixture.build_ok();
    for page in ["index.html", "noord/index.html"] {
        let html = fixture.output(page);
        assert!(
            html.contains(
                "<img class=\"site-logo\" src=\"/img/logo.svg\" alt=\"\">Samen in Testwijk</a>"
            ),
            "{page}"
        );
        assert!(
            html.contains(
                "<meta property=\"og:image\" content=\"https://test.example/img/logo.svg\">"
            ),
            "{page}"
        );
        assert!(
            html.contains("<link rel=\"icon\" href=\"/img/logo.svg\" type=\"image/svg+xml\">"),
            "{page}"
        );
    }
    assert_eq!(fixture.output("img/logo.svg"), LOGO);
}

#[test]
fn a_logo_below_a_base_path_gets_that_path() {
    let (fixture, _) = site_with("logo: /logo.png\n");
    // A real PNG: photos in content/static/ are re-encoded (issue 20).
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &[40u8; 4 * 4 * 3],
        4,
        4,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    fixture.write("content/static/logo.png", png);
    let run = fixture.run(&["build", "--base-url", "https://x.example/wijk/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = fixture.output("index.html");
    assert!(html.contains("src=\"/wijk/logo.png\""), "{html}");
    assert!(html.contains("content=\"https://x.example/wijk/logo.png\""));
    assert!(html.contains("type=\"image/png\""));
}

#[test]
fn a_missing_logo_file_is_an_error_naming_it() {
    let (fixture, line) = site_with("logo: /logo.svg\n");
    fixture.write("content/static/Logo.svg", LOGO);
    fixture.build().assert_error(
        &format!("content/site.yaml:{line}"),
        &["/logo.svg", "content/static/", "tip:"],
    );
}

#[test]
fn a_logo_that_is_no_svg_or_png_is_refused() {
    let (fixture, line) = site_with("logo: /logo.jpg\n");
    fixture.write("content/static/logo.jpg", "x");
    fixture.build().assert_error(
        &format!("content/site.yaml:{line}"),
        &["/logo.jpg", "logo", "SVG"],
    );
}
