//! QR codes as inline SVG, made at build time, so that a printed poster or
//! newsletter can lead people to a page on the site.
//!
//! The `fast_qr` crate does the encoding (error correction level M, the
//! smallest version that fits, the standard's mask choice by penalty
//! score). It replaced the `qrcode` crate, whose mask search cost about
//! seven million instructions per code, an eighth of a whole build's CPU
//! time for a site with many posters; `fast_qr` makes the same kind of code
//! (checked by decoding it with an independent reader in the tests) many
//! times faster. The SVG is drawn here rather than by a crate's SVG
//! renderer, because those write fixed pixel sizes and no accessible name,
//! which is wrong for an `<svg>` inside an HTML page.
//!
//! The code is an image with a name (`role="img"`, `aria-label` and a
//! `<title>`); its size comes from the page's CSS, the `viewBox` keeps it
//! square. It includes the four-module light margin (quiet zone) that
//! scanners need, on a white background even on a dark page.

use crate::util::escape::xml as escape_xml;
use fast_qr::{ECL, QRBuilder};
use std::fmt::{self, Write};

/// Width of the light margin around the code, in modules (the minimum the
/// QR code standard asks for).
const QUIET_ZONE: usize = 4;

/// The URL does not fit in a QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlTooLong {
    /// Length of the URL in bytes.
    pub bytes: usize,
}

impl fmt::Display for UrlTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "de link is te lang voor een QR-code ({} bytes); gebruik een kortere link",
            self.bytes
        )
    }
}

impl std::error::Error for UrlTooLong {}

/// How many codes [`qr_svg`] remembers before it starts afresh.
const CACHE_LIMIT: usize = 4096;

/// A QR code for `url` as an inline `<svg>` element, with `label` as its
/// accessible name (say where it leads, e.g. "QR-code naar deze
/// bijeenkomst"). Fails only for a URL of more than about 2300 bytes.
///
/// Codes are remembered for the life of the process: `serve` makes the
/// same posters again on every save.
pub fn qr_svg(url: &str, label: &str) -> Result<String, UrlTooLong> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock, PoisonError};
    type Cache = Mutex<HashMap<(String, String), String>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let key = (url.to_string(), label.to_string());
    if let Some(svg) = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return Ok(svg.clone());
    }
    let svg = make_svg(url, label)?;
    let mut codes = cache.lock().unwrap_or_else(PoisonError::into_inner);
    if codes.len() >= CACHE_LIMIT {
        codes.clear();
    }
    codes.insert(key, svg.clone());
    Ok(svg)
}

fn make_svg(url: &str, label: &str) -> Result<String, UrlTooLong> {
    let code = QRBuilder::new(url.as_bytes())
        .ecl(ECL::M)
        .build()
        .map_err(|_| UrlTooLong { bytes: url.len() })?;
    let modules = code.size;
    let dark: Vec<bool> = (0..modules)
        .flat_map(|y| code[y][..modules].iter().map(|module| module.value()))
        .collect();
    let size = modules + 2 * QUIET_ZONE;
    let label = escape_xml(label);

    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}""#,
            r#" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">"#,
            "<title>{label}</title>",
            r##"<rect width="{size}" height="{size}" fill="#fff"/>"##,
            r##"<path fill="#000" d=""##,
        ),
        label = label,
        size = size,
    );
    // One horizontal run of dark modules per subpath.
    for (y, row) in dark.chunks(modules).enumerate() {
        let mut x = 0;
        while x < modules {
            if !row[x] {
                x += 1;
                continue;
            }
            let run = row[x..].iter().take_while(|&&d| d).count();
            let _ = write!(
                svg,
                "M{} {}h{run}v1h-{run}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE
            );
            x += run;
        }
    }
    svg.push_str(r#""/></svg>"#);
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://szh.example.nl/bijeenkomsten/wijkavond-zielhorst/";

    fn svg_for(url: &str) -> String {
        qr_svg(url, "QR-code naar de wijkavond").expect("short URL fits")
    }

    /// The dark modules the SVG draws, as a `size`×`size` grid (quiet zone
    /// included), read back from the path data.
    fn drawn_modules(svg: &str) -> (usize, Vec<bool>) {
        let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
        let view_box: Vec<usize> = doc
            .root_element()
            .attribute("viewBox")
            .unwrap()
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        let size = view_box[2];
        let path = doc.descendants().find(|n| n.has_tag_name("path")).unwrap();
        let mut grid = vec![false; size * size];
        for run in path.attribute("d").unwrap().split('M').skip(1) {
            // "x yhNv1h-Nz"
            let (x, rest) = run.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let (n, rest) = rest.split_once('v').unwrap();
            assert_eq!(rest, format!("1h-{n}z"));
            let (x, y, n): (usize, usize, usize) =
                (x.parse().unwrap(), y.parse().unwrap(), n.parse().unwrap());
            for dx in 0..n {
                assert!(!grid[y * size + x + dx], "module drawn twice");
                grid[y * size + x + dx] = true;
            }
        }
        (size, grid)
    }

    #[test]
    fn the_drawn_modules_are_exactly_the_encoded_ones_inside_a_quiet_zone() {
        let code = QRBuilder::new(URL).ecl(ECL::M).build().unwrap();
        let (size, grid) = drawn_modules(&svg_for(URL));
        let modules = code.size;
        assert_eq!(size, modules + 8);
        for y in 0..size {
            for x in 0..size {
                let inside = (4..4 + modules).contains(&x) && (4..4 + modules).contains(&y);
                let want = inside && code[y - 4][x - 4].value();
                assert_eq!(grid[y * size + x], want, "module ({x}, {y})");
            }
        }
    }

    #[test]
    fn the_code_is_the_smallest_version_that_holds_the_url_at_level_m() {
        // 57 bytes: more than version 3 holds at level M (42), within
        // version 4 (62), which is 33 modules wide.
        assert_eq!(URL.len(), 57);
        let (size, _) = drawn_modules(&svg_for(URL));
        assert_eq!(size, 33 + 2 * QUIET_ZONE);
    }

    #[test]
    fn a_scanner_reads_the_drawn_code_back_as_the_url() {
        for url in [
            URL,
            "https://szh.example.nl/",
            "https://szh.example.nl/nieuwsbrief/2026-03/?utm=poster&x=ë",
        ] {
            let (size, grid) = drawn_modules(&svg_for(url));
            // Rasterise at 4 pixels per module, as a camera would see a print.
            let scale = 4;
            let mut image =
                rqrr::PreparedImage::prepare_from_bitmap(size * scale, size * scale, |x, y| {
                    grid[(y / scale) * size + x / scale]
                });
            let grids = image.detect_grids();
            assert_eq!(grids.len(), 1, "one code found for {url}");
            let (_meta, content) = grids[0].decode().expect("decodes");
            assert_eq!(content, url);
        }
    }

    #[test]
    fn it_is_a_named_image_sized_by_its_view_box() {
        let svg = svg_for(URL);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(
            root.attribute("aria-label"),
            Some("QR-code naar de wijkavond")
        );
        assert_eq!(root.attribute("width"), None);
        assert_eq!(root.attribute("height"), None);
        let title = root.first_element_child().unwrap();
        assert!(title.has_tag_name("title"));
        assert_eq!(title.text(), Some("QR-code naar de wijkavond"));
        let background = title.next_sibling_element().unwrap();
        assert!(background.has_tag_name("rect"));
        assert_eq!(background.attribute("fill"), Some("#fff"));
        let view_box = root.attribute("viewBox").unwrap();
        let size = background.attribute("width").unwrap();
        assert_eq!(view_box, format!("0 0 {size} {size}"));
        assert!(
            !svg.starts_with("<?xml"),
            "inline SVG has no XML declaration"
        );
    }

    #[test]
    fn the_label_is_escaped() {
        let svg = qr_svg(URL, "<script>&\"'").unwrap();
        assert!(!svg.contains("<script"));
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        assert_eq!(
            doc.root_element().attribute("aria-label"),
            Some("<script>&\"'")
        );
    }

    #[test]
    fn the_same_url_always_gives_the_same_svg() {
        assert_eq!(svg_for(URL), svg_for(URL));
        assert_ne!(svg_for(URL), svg_for("https://szh.example.nl/"));
    }

    #[test]
    fn a_url_too_long_for_any_qr_code_is_an_error_not_a_panic() {
        let url = format!("https://szh.example.nl/{}", "ë".repeat(1500));
        let err = qr_svg(&url, "te lang").unwrap_err();
        assert_eq!(err, UrlTooLong { bytes: url.len() });
        assert!(
            err.to_string()
                .starts_with("de link is te lang voor een QR-code")
        );
    }
}
