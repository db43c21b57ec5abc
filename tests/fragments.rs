//! The site-wide fragments (head links, header, footer) are rendered once
//! per build, yet every page must show them as if rendered for it alone.

mod common;
use common::Fixture;

/// The menu links that a page marks as the current one. The header has
/// the menu twice (folded for small screens, plain for wide ones; one is
/// shown), so a link marked in both counts once.
fn current_links(html: &str) -> Vec<String> {
    let mut links: Vec<String> = html
        .split("<a ")
        .skip(1)
        .filter(|a| {
            a.split('>')
                .next()
                .unwrap_or("")
                .contains("aria-current=\"page\"")
        })
        .map(|a| {
            let href = a.split("href=\"").nth(1).unwrap_or("");
            href.split('"').next().unwrap_or("").to_string()
        })
        .collect();
    links.dedup();
    links
}

fn site() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/pages/contact.md",
        "---\ntitle: Contact\n---\nMail ons.\n",
    );
    site.write(
        "content/wijken/noord/speeltuin.md",
        "---\ntitle: De speeltuin\n---\nNieuwe schommels.\n",
    );
    site.write(
        "content/bijeenkomsten/2026-03-10-noord.md",
        "---\ntitle: Wijknetwerk Noord\nstart: 2026-03-10 19:30\nend: 2026-03-10 21:30\n\
         venue: buurthuis\nwijken: [noord]\nkind: wijknetwerk\n---\nWelkom.\n",
    );
    site
}

#[test]
fn every_page_marks_the_menu_entry_it_falls_under() {
    let site = site();
    site.build_ok();
    let current = |page: &str| current_links(&site.output(page));
    assert_eq!(current("index.html"), ["/"], "the home page");
    assert_eq!(current("noord/index.html"), ["/noord/"], "a wijk");
    assert_eq!(current("meedoen/index.html"), ["/meedoen/"], "a menu page");
    assert_eq!(
        current("bijeenkomsten/index.html"),
        ["/bijeenkomsten/"],
        "a section"
    );
    assert_eq!(
        current("bijeenkomsten/2026-03-10-noord/index.html"),
        ["/bijeenkomsten/"],
        "a page below a section"
    );
    assert!(current("contact/index.html").is_empty(), "outside the menu");
    assert!(
        current("noord/speeltuin/index.html").is_empty(),
        "a page of a wijk is not the wijk's landing page"
    );
}

#[test]
fn the_fragments_appear_once_on_every_page_exactly_as_written() {
    let site = site();
    site.build_ok();
    for page in ["index.html", "contact/index.html", "404.html"] {
        let html = site.output(page);
        assert_eq!(
            html.matches("<header class=\"site-header\">").count(),
            1,
            "{page}"
        );
        assert_eq!(
            html.matches("<footer class=\"site-footer\">").count(),
            1,
            "{page}"
        );
        assert!(
            html.contains("<a href=\"mailto:info@test.example\">"),
            "{page}"
        );
        // Each fragment sits on lines of its own, without blank lines.
        for joint in [
            "\">\n<link rel=\"stylesheet\" href=\"/style.css\">\n",
            "<body>\n<a class=\"skip-link\"",
            "</header>\n<main",
            "</main>\n<footer class=\"site-footer\">",
            "</footer>\n</body>",
        ] {
            assert!(html.contains(joint), "{joint:?} in {page}:\n{html}");
        }
    }
}

#[test]
fn an_own_header_replaces_the_theme_header_on_every_page() {
    let site = site();
    site.write(
        "templates/partials/site_header.html",
        "<header class=\"eigen\">{% if current_path %}bij {{ current_path }}{% endif %}</header>\n",
    );
    site.build_ok();
    assert!(
        site.output("contact/index.html")
            .contains("<header class=\"eigen\"></header>")
    );
    assert!(
        site.output("bijeenkomsten/2026-03-10-noord/index.html")
            .contains("<header class=\"eigen\">bij /bijeenkomsten/</header>"),
        "current_path is the path of the entry the page falls under"
    );
}

#[test]
fn an_own_base_without_fragments_still_works() {
    let site = site();
    site.write(
        "templates/base.html",
        "<!DOCTYPE html><html lang=\"nl\"><head><title>{{ site.title }}</title></head>\
         <body><nav>{% for wijk in wijken %}<a href=\"{{ wijk.url }}\">{{ wijk.name }}</a>{% endfor %}</nav>\
         {% block content %}{% endblock content %}</body></html>",
    );
    site.build_ok();
    let html = site.output("contact/index.html");
    assert!(html.contains("<nav><a href=\"/noord/\">Noord</a><a href=\"/zuid/\">Zuid</a></nav>"));
    assert!(!html.contains("site-header"));
}

#[test]
fn a_fragment_that_asks_for_the_page_is_reported_with_its_file_and_keeps_the_old_site() {
    let run = site().break_and_build(
        |site| {
            site.write(
                "templates/partials/site_footer.html",
                "<footer>{{ page.title }}</footer>\n",
            )
        },
        Fixture::build,
    );
    run.assert_error("templates/partials/site_footer.html", &["sjabloon"]);
}
