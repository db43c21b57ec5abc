//! The home page for residents (the next meeting first), the menu that
//! folds on a phone, and tables and charts that fit a phone (issue 15).
//! What a browser shows is checked by tests/browser.rs; these tests check
//! the HTML that makes it so.

mod common;
use common::{Fixture, copy_dir, repo_root};

/// The fixture builds at 2026-09-21 16:13 in Amsterdam (SOURCE_DATE_EPOCH).
fn site_with_meetings(meetings: &[(&str, &str)]) -> Fixture {
    let site = Fixture::new();
    for (stem, front) in meetings {
        site.write(
            &format!("content/bijeenkomsten/{stem}.md"),
            format!("---\ntitle: {stem}\n{front}---\nWelkom.\n"),
        );
    }
    site
}

/// The part of `html` from `start` up to the first `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

#[test]
fn the_home_page_starts_with_the_next_meeting_that_goes_ahead() {
    let site = site_with_meetings(&[
        (
            "2026-09-21-afgelast",
            "start: 2026-09-21 19:30\nstatus: cancelled\nvenue: buurthuis\n",
        ),
        (
            "2026-09-22-noord",
            "start: 2026-09-22 19:30\nvenue: buurthuis\n",
        ),
        ("2026-10-01-later", "start: 2026-10-01 19:30\n"),
    ]);
    site.build_ok();
    let home = site.output("index.html");
    let block = between(
        &home,
        r#"<section aria-labelledby="volgende-kop""#,
        "</section>",
    );
    assert!(block.contains("Volgende bijeenkomst"), "{block}");
    assert!(
        block.contains(r#"href="/bijeenkomsten/2026-09-22-noord/">2026-09-22-noord</a>"#),
        "{block}"
    );
    assert!(
        block.contains("Morgen:"),
        "the day after the build: {block}"
    );
    assert!(
        block.contains("dinsdag 22 september 2026, 19.30–21.30 uur"),
        "{block}"
    );
    assert!(
        block.contains("<a href=\"/locaties/buurthuis/\">&#39;t\u{a0}Buurthuis</a>"),
        "{block}"
    );
    assert!(block.contains("Toegankelijkheid: Gelijkvloers."), "{block}");
    assert!(
        block.contains(r#"href="/bijeenkomsten/2026-09-22-noord.ics""#),
        "{block}"
    );
    assert!(
        !block.contains("afgelast"),
        "a cancelled meeting is not the next one"
    );
    // Right below the page title, before everything else the page shows.
    let at = |needle: &str| home.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("<h1>") < at("volgende-kop"));
    for later in ["nieuwsbrief-kop", "bijeenkomsten-kop", "wijken-kop"] {
        assert!(
            at("volgende-kop") < at(later),
            "{later} comes after the next meeting"
        );
    }
}

#[test]
fn a_meeting_on_the_day_of_the_build_is_today_and_none_means_no_block() {
    let site = site_with_meetings(&[("2026-09-21-vanavond", "start: 2026-09-21 19:30\n")]);
    site.build_ok();
    let home = site.output("index.html");
    assert!(between(&home, "volgende-kop", "</section>").contains("Vandaag:"));

    let empty = site_with_meetings(&[]);
    empty.build_ok();
    let home = empty.output("index.html");
    assert!(!home.contains("volgende-kop"), "no block without a meeting");
    assert!(home.contains("Er staan nu geen bijeenkomsten gepland."));
}

#[test]
fn the_menu_folds_behind_a_button_that_needs_no_script_and_marks_the_page_in_both_forms() {
    let site = site_with_meetings(&[]);
    site.build_ok();
    let page = site.output("noord/index.html");
    let header = between(&page, "<header", "</header>");
    // The menu needs no JavaScript (the page's only script is the copy
    // button of the subscribe block, an enhancement).
    assert!(!header.contains("<script"), "no JavaScript in the header");
    assert!(
        page.matches("<script").count() <= 1 && !page.contains("<script>"),
        "only the external copy script"
    );
    let folded = between(header, r#"<details class="menu-small">"#, "</details>");
    assert!(folded.contains("<summary>Menu</summary>"), "{folded}");
    let wide = between(header, r#"<ul class="menu menu-wide">"#, "</ul>");
    let current = r#"<a href="/noord/" aria-current="page">Noord</a>"#;
    assert!(folded.contains(current), "{folded}");
    assert!(wide.contains(current), "{wide}");
    assert_eq!(header.matches("aria-current").count(), 2, "{header}");
}

/// The sample site, built into a temp folder.
fn sample() -> Fixture {
    let site = Fixture::empty();
    copy_dir(&repo_root().join("content"), &site.root().join("content"));
    site.build_ok();
    site
}

#[test]
fn every_filled_cell_of_a_stacking_table_names_its_column_and_charts_have_large_text() {
    let site = sample();
    let pages = [
        "projecten/index.html",
        "projecten/2026-ronde-1/index.html",
        "zielhorst/index.html",
        "wijkplan/index.html",
    ];
    for page in pages {
        let html = site.output(page);
        let tables: Vec<&str> = html.split("<table class=\"").skip(1).collect();
        assert!(
            tables
                .iter()
                .any(|t| t.starts_with("stack") || t.contains(" stack")),
            "{page} has a stacking table"
        );
        for table in tables {
            let class = table.split('"').next().unwrap();
            if !class.split(' ').any(|c| c == "stack") {
                continue;
            }
            let table = &table[..table.find("</table>").unwrap()];
            for cell in table.split("<td").skip(1) {
                let (attributes, rest) = cell.split_once('>').unwrap();
                let empty = rest.starts_with("</td>");
                assert!(
                    empty || attributes.contains("data-label=\""),
                    "{page}: a cell without data-label: <td{}",
                    &cell[..cell.len().min(120)]
                );
            }
        }
    }
    // A chart's 14-unit text is at least 12 px when the chart is about
    // 315 px wide, as the theme keeps it on a phone 360 px wide.
    let round = site.output("projecten/2026-ronde-1/index.html");
    let svg = between(&round, "<svg", ">");
    let attribute = |name: &str| -> f64 {
        let value = svg.split(&format!(" {name}=\"")).nth(1).unwrap();
        value.split('"').next().unwrap().parse().unwrap()
    };
    let font = attribute("font-size");
    let width: f64 = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        font * 315.0 / width >= 12.0,
        "{font} units in a {width} wide chart"
    );
    let css = site.output("style.css");
    assert!(
        !css.contains("overflow-x: auto; }\ncaption"),
        "tables do not scroll sideways"
    );
}
