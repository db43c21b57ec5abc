//! The subscribe block on the meetings list, wijk and venue pages (issue 15,
//! item 6): short help per platform, the feed address as selectable text
//! with a copy button that the theme's own script adds, and a QR code that a
//! phone reads back as the feed's https address. Nothing leads to another
//! site's script, style or image.

mod common;
use common::Fixture;

/// The pages with a subscribe block in the fixture site and the https
/// address of the feed each one offers.
const PAGES: &[(&str, &str)] = &[
    (
        "bijeenkomsten/index.html",
        "https://test.example/agenda.ics",
    ),
    ("noord/index.html", "https://test.example/noord/agenda.ics"),
    (
        "locaties/buurthuis/index.html",
        "https://test.example/locaties/buurthuis/agenda.ics",
    ),
];

fn built() -> Fixture {
    let site = Fixture::new();
    site.build_ok();
    site
}

/// The subscribe block of a page.
fn block(page: &str) -> &str {
    let start = page
        .find(r#"<section class="subscribe""#)
        .expect("a subscribe block");
    let end = start + page[start..].find("</section>").expect("block ends");
    &page[start..end]
}

/// The one `<svg>…</svg>` inside `html`.
fn svg_in(html: &str) -> &str {
    let start = html.find("<svg").expect("an svg");
    let end = start + html[start..].find("</svg>").expect("svg ends") + "</svg>".len();
    &html[start..end]
}

/// Reads a QR code SVG as `formats::qr` draws it (a square viewBox, one
/// path of `M x y h n v1 h-n z` runs) back into text, with an independent
/// decoder, rasterised at 4 pixels per module as a camera would see a print.
fn decode_qr(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = doc.root_element();
    let view_box: Vec<usize> = root
        .attribute("viewBox")
        .expect("viewBox")
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    let size = view_box[2];
    assert_eq!(view_box[3], size, "square");
    let path = doc
        .descendants()
        .find(|n| n.has_tag_name("path"))
        .expect("a path");
    let mut grid = vec![false; size * size];
    for run in path
        .attribute("d")
        .unwrap()
        .split('z')
        .filter(|r| !r.is_empty())
    {
        // "M12 4h3v1h-3"
        let (start, rest) = run[1..].split_once('h').unwrap();
        let (x, y) = start.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let width: usize = rest.split_once('v').unwrap().0.parse().unwrap();
        for dx in 0..width {
            grid[y * size + x + dx] = true;
        }
    }
    let scale = 4;
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(size * scale, size * scale, |x, y| {
        grid[(y / scale) * size + x / scale]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().expect("decodes").1
}

#[test]
fn every_subscribe_block_has_a_qr_code_of_its_https_feed_address() {
    let site = built();
    for (page, feed) in PAGES {
        let html = site.output(page);
        let svg = svg_in(block(&html));
        assert!(
            svg.contains(r#"role="img" aria-label="QR-code met het adres van deze agenda""#),
            "{page}: named image"
        );
        assert_eq!(&decode_qr(svg), feed, "{page}");
    }
}

#[test]
fn the_help_names_each_platform_and_what_to_tap_behind_one_disclosure() {
    let site = built();
    for (page, _) in PAGES {
        let html = site.output(page);
        let block = block(&html);
        let help_start = block.find("<details").expect("a disclosure");
        let help = &block[help_start..];
        assert!(
            help.contains("<summary>Hoe werkt dit op mijn telefoon of computer?</summary>"),
            "{page}"
        );
        for words in [
            "iPhone",
            "„Abonneer”",
            "Android",
            "calendar.google.com",
            "„Via URL”",
            "alleen op een computer",
            "ICSx⁵",
            "Outlook",
            "„Van internet”",
            "Thunderbird",
            "„Op het netwerk”",
        ] {
            assert!(help.contains(words), "{page}: {words} in\n{help}");
        }
        assert_eq!(
            block.matches("<details").count(),
            1,
            "{page}: one disclosure"
        );
    }
}

#[test]
fn the_address_is_text_and_the_copy_button_comes_from_the_themes_own_deferred_script() {
    let site = built();
    for (page, feed) in PAGES {
        let html = site.output(page);
        let block = block(&html);
        // Without JavaScript the address is there to select; it wraps.
        assert!(
            block.contains(&format!(
                r#"class="feed-url" aria-describedby="agenda-adres-uitleg">{feed}</code>"#
            )),
            "{page}"
        );
        // The words of the button come from strings.yaml through the page.
        assert!(block.contains(
            r#"data-copy="agenda-adres" data-copy-button="Kopieer" data-copied="Gekopieerd""#
        ));
        assert!(
            block.contains(r#"<script src="/copy.js" defer></script>"#),
            "{page}"
        );
        assert_eq!(
            html.matches("<script").count(),
            1,
            "{page}: no other script"
        );
    }
    let css = site.output("style.css");
    assert!(css.contains("overflow-wrap: anywhere"));
    let js = site.output("copy.js");
    for needed in [
        "data-copy",
        "navigator.clipboard",
        "aria-live",
        "polite",
        "data-copied",
    ] {
        assert!(js.contains(needed), "copy.js uses {needed}");
    }
    // No requests of its own and no code made from text (CSP-friendly).
    for refused in [
        "http:",
        "https:",
        "fetch(",
        "XMLHttpRequest",
        "eval(",
        "innerHTML",
    ] {
        assert!(!js.contains(refused), "copy.js contains {refused}");
    }
}

#[test]
fn subscribe_pages_load_nothing_from_another_site() {
    let site = built();
    for (page, _) in PAGES {
        let html = site.output(page);
        for tag in ["<script", "<link", "<img", "<iframe", "<source"] {
            for (i, _) in html.match_indices(tag) {
                let element = &html[i..i + html[i..].find('>').unwrap()];
                let third_party = [
                    "src=\"http",
                    "src=\"//",
                    "<link rel=\"stylesheet\" href=\"http",
                ]
                .iter()
                .any(|p| element.contains(p));
                assert!(!third_party, "{page}: {element}");
            }
        }
    }
}
