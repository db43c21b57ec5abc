//! The newsletter: archive, edition pages, emails and Atom feeds, checked
//! on fixture sites and on the sample site. Feeds are read back with
//! feed-rs, a parser independent of the atom_syndication writer.

mod common;
use common::{Fixture, links_in, repo_root};
use std::collections::BTreeMap;
use std::process::Command;

const JANUARI: &str = "---\ntitle: \"Nieuwsbrief januari\"\ndate: 2026-01-20\n\
    summary: \"Terugblik en vooruitblik.\"\n---\n\n## Terugblik\n\nKom naar [Meedoen](/meedoen/) \
    of lees [boven](#terugblik).\n";
const MAART: &str = "---\ntitle: \"Nieuwsbrief maart\"\ndate: 2026-03-02\nwijken: [noord]\n---\n\n\
    Het eerste stuk.\n\n![Een bankje in het park](/img/bank.jpg)\n\n<img src=\"foto.jpg\">\n\n\
    Mail [ons](mailto:info@test.example) of kijk op [de gemeente](https://www.amersfoort.nl/).\n";
const JUNI: &str = "---\ntitle: \"Nieuwsbrief juni\"\ndate: 2026-06-01\n\
    summary: \"Zomer.\"\ninclude_agenda: false\n---\n\nZomer in [Noord](/noord/).\n";
const DRAFT: &str =
    "---\ntitle: \"Concept december\"\ndate: 2026-09-14\ndraft: true\n---\n\nNog niet af.\n";
const OLD: &str =
    "---\ntitle: \"Nieuwsbrief november 2025\"\ndate: 2025-11-03\n---\n\nOud nieuws.\n";

/// A fixture site with four editions over two years, one draft and a dated page.
fn site() -> Fixture {
    let site = Fixture::new();
    site.write("content/nieuwsbrief/2025-11.md", OLD);
    site.write("content/nieuwsbrief/2026-01.md", JANUARI);
    site.write("content/nieuwsbrief/2026-03.md", MAART);
    // The photo MAART shows (a missing photo is an error, issue 20).
    let mut bank = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::jpeg::JpegEncoder::new(&mut bank),
        &[90u8; 8 * 6 * 3],
        8,
        6,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    site.write("content/static/img/bank.jpg", bank);
    site.write("content/nieuwsbrief/2026-06.md", JUNI);
    site.write("content/nieuwsbrief/2026-12-concept.md", DRAFT);
    site.write(
        "content/pages/nieuws.md",
        "---\ntitle: Nieuws uit de wijk\ndate: 2026-02-10\nsummary: Kort nieuws.\n---\n\
         Lees [Meedoen](/meedoen/).\n",
    );
    site
}

fn parse_feed(xml: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("feed-rs: {e}\n{xml}"))
}

fn utc(rfc3339: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn link<'a>(links: &'a [feed_rs::model::Link], rel: &str) -> &'a str {
    links
        .iter()
        .find(|l| l.rel.as_deref() == Some(rel))
        .map(|l| l.href.as_str())
        .unwrap_or_else(|| panic!("no {rel} link in {links:?}"))
}

/// Entry ids of a feed by entry title.
fn ids_by_title(xml: &str) -> BTreeMap<String, String> {
    parse_feed(xml)
        .entries
        .into_iter()
        .map(|e| (e.title.unwrap().content, e.id))
        .collect()
}

#[test]
fn the_newsletter_feed_reads_back_with_an_independent_parser() {
    let site = site();
    site.build_ok();
    let xml = site.output("nieuwsbrief/atom.xml");
    let feed = parse_feed(&xml);
    assert_eq!(feed.id, "https://test.example/nieuwsbrief/atom.xml");
    assert_eq!(
        feed.title.as_ref().unwrap().content,
        "Nieuwsbrief · Samen in Testwijk"
    );
    assert!(feed.description.is_some(), "a subtitle");
    assert_eq!(feed.language.as_deref(), Some("nl"));
    assert_eq!(feed.authors[0].name, "Samen in Testwijk");
    assert_eq!(
        link(&feed.links, "self"),
        "https://test.example/nieuwsbrief/atom.xml"
    );
    assert_eq!(
        link(&feed.links, "alternate"),
        "https://test.example/nieuwsbrief/"
    );
    // updated is the newest entry's, not the clock.
    assert_eq!(feed.updated, Some(utc("2026-06-01T00:00:00+02:00")));
    assert!(
        xml.contains("<updated>2026-06-01T00:00:00+02:00</updated>"),
        "{xml}"
    );

    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "Nieuwsbrief juni",
            "Nieuwsbrief maart",
            "Nieuwsbrief januari",
            "Nieuwsbrief november 2025"
        ],
        "newest first, without the draft"
    );
    let januari = &feed.entries[2];
    assert_eq!(
        januari.id,
        "tag:test.example,2026-01-20:nieuwsbrief/2026-01"
    );
    assert_eq!(januari.published, Some(utc("2026-01-20T00:00:00+01:00")));
    assert_eq!(januari.updated, Some(utc("2026-01-20T00:00:00+01:00")));
    assert!(xml.contains("<published>2026-01-20T00:00:00+01:00</published>"));
    assert_eq!(
        link(&januari.links, "alternate"),
        "https://test.example/nieuwsbrief/2026-01/"
    );
    assert_eq!(
        januari.summary.as_ref().unwrap().content,
        "Terugblik en vooruitblik."
    );
    let content = januari.content.as_ref().unwrap();
    assert_eq!(content.content_type.to_string(), "text/html");
    let body = content.body.as_deref().unwrap();
    assert!(
        body.contains("<h2 id=\"terugblik\">Terugblik</h2>"),
        "{body}"
    );
    assert!(
        body.contains("href=\"https://test.example/meedoen/\""),
        "{body}"
    );
    assert!(
        body.contains("href=\"https://test.example/nieuwsbrief/2026-01/#terugblik\""),
        "{body}"
    );
    for entry in &feed.entries {
        let html = entry.content.as_ref().unwrap().body.as_deref().unwrap();
        for url in links_in(html) {
            assert!(
                url.starts_with("https://") || url.starts_with("mailto:"),
                "{url}"
            );
        }
    }
}

#[test]
fn the_site_feed_holds_editions_and_dated_pages_newest_first() {
    let site = site();
    site.build_ok();
    let xml = site.output("atom.xml");
    let feed = parse_feed(&xml);
    assert_eq!(feed.id, "https://test.example/atom.xml");
    assert_eq!(feed.title.as_ref().unwrap().content, "Samen in Testwijk");
    assert_eq!(feed.language.as_deref(), Some("nl"));
    assert_eq!(link(&feed.links, "self"), "https://test.example/atom.xml");
    assert_eq!(link(&feed.links, "alternate"), "https://test.example/");
    assert_eq!(feed.updated, Some(utc("2026-06-01T00:00:00+02:00")));
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "Nieuwsbrief juni",
            "Nieuwsbrief maart",
            "Nieuws uit de wijk",
            "Nieuwsbrief januari",
            "Nieuwsbrief november 2025"
        ]
    );
    let page = &feed.entries[2];
    assert_eq!(page.id, "tag:test.example,2026-02-10:nieuws");
    assert_eq!(page.published, Some(utc("2026-02-10T00:00:00+01:00")));
    assert_eq!(
        link(&page.links, "alternate"),
        "https://test.example/nieuws/"
    );
    let body = page.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(
        body.contains("href=\"https://test.example/meedoen/\""),
        "{body}"
    );
    // The same edition has the same id in both feeds.
    let newsletter = ids_by_title(&site.output("nieuwsbrief/atom.xml"));
    let everything = ids_by_title(&xml);
    assert_eq!(
        newsletter["Nieuwsbrief maart"],
        everything["Nieuwsbrief maart"]
    );
}

#[test]
fn the_site_feed_keeps_the_newest_fifty_entries() {
    let site = Fixture::new();
    for day in 1..=60 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(day);
        site.write(
            &format!("content/pages/p{day}.md"),
            format!("---\ntitle: Pagina {day}\ndate: {date}\n---\nTekst.\n"),
        );
    }
    site.build_ok();
    let feed = parse_feed(&site.output("atom.xml"));
    assert_eq!(feed.entries.len(), 50);
    assert_eq!(feed.entries[0].title.as_ref().unwrap().content, "Pagina 60");
    assert_eq!(
        feed.entries[49].title.as_ref().unwrap().content,
        "Pagina 11"
    );
}

#[test]
fn entry_ids_survive_renaming_and_adding_other_files() {
    let site = site();
    site.build_ok();
    let before = ids_by_title(&site.output("atom.xml"));
    // Rename one edition (its own id may change), add another, rename a page.
    site.remove("content/nieuwsbrief/2025-11.md");
    site.write("content/nieuwsbrief/a-oud.md", OLD);
    site.write(
        "content/nieuwsbrief/0000-eerst.md",
        "---\ntitle: Extra\ndate: 2026-02-01\n---\nExtra.\n",
    );
    site.remove("content/pages/nieuws.md");
    site.write(
        "content/pages/kort-nieuws.md",
        "---\ntitle: Nieuws uit de wijk\ndate: 2026-02-10\n---\nTekst.\n",
    );
    site.build_ok();
    let after = ids_by_title(&site.output("atom.xml"));
    for title in [
        "Nieuwsbrief januari",
        "Nieuwsbrief maart",
        "Nieuwsbrief juni",
    ] {
        assert_eq!(before[title], after[title], "{title}");
    }
    assert!(after.contains_key("Extra"));
}

#[test]
fn feeds_do_not_depend_on_the_build_clock() {
    let site = site();
    let mut feeds = Vec::new();
    for epoch in ["1790000000", "1800000000"] {
        let output = Command::new(env!("CARGO_BIN_EXE_wijksite"))
            .args(["build", "-q", "--root"])
            .arg(site.root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert!(output.status.success());
        feeds.push((site.output("atom.xml"), site.output("nieuwsbrief/atom.xml")));
    }
    assert_eq!(feeds[0], feeds[1]);
}

#[test]
fn drafts_are_left_out_of_archive_pages_feeds_and_emails_unless_asked_for() {
    let site = site();
    site.build_ok();
    let draft = "nieuwsbrief/2026-12-concept/";
    for file in ["index.html", "email.html", "email.txt"] {
        assert!(!site.output_exists(&format!("{draft}{file}")), "{file}");
    }
    for file in [
        "nieuwsbrief/index.html",
        "nieuwsbrief/atom.xml",
        "atom.xml",
        "index.html",
    ] {
        assert!(!site.output(file).contains("Concept december"), "{file}");
    }
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["index.html", "email.html", "email.txt"] {
        assert!(site.output_exists(&format!("{draft}{file}")), "{file}");
    }
    for file in [
        "nieuwsbrief/index.html",
        "nieuwsbrief/atom.xml",
        "atom.xml",
        "index.html",
    ] {
        assert!(site.output(file).contains("Concept december"), "{file}");
    }
}

#[test]
fn the_archive_runs_newest_first_grouped_by_year() {
    let site = site();
    site.build_ok();
    let archive = site.output("nieuwsbrief/index.html");
    let order: Vec<usize> = [
        "id=\"jaar-2026\"",
        "Nieuwsbrief juni",
        "Nieuwsbrief maart",
        "Nieuwsbrief januari",
        "id=\"jaar-2025\"",
        "Nieuwsbrief november 2025",
    ]
    .iter()
    .map(|s| {
        archive
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing:\n{archive}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{archive}");
    assert_eq!(archive.matches("<h1>").count(), 1);
    assert!(archive.contains("href=\"/nieuwsbrief/atom.xml\""));
}

#[test]
fn an_edition_links_to_the_previous_and_next_edition() {
    let site = site();
    site.build_ok();
    let maart = site.output("nieuwsbrief/2026-03/index.html");
    assert!(maart.contains("<h1>Nieuwsbrief maart</h1>"), "{maart}");
    assert!(maart.contains("<time datetime=\"2026-03-02\">maandag 2 maart 2026</time>"));
    assert!(
        maart.contains("Over Noord"),
        "the edition's wijken: {maart}"
    );
    assert!(
        maart.contains("Vorige nieuwsbrief: <a href=\"/nieuwsbrief/2026-01/\" rel=\"prev\">Nieuwsbrief januari</a>"),
        "{maart}"
    );
    assert!(
        maart.contains("Volgende nieuwsbrief: <a href=\"/nieuwsbrief/2026-06/\" rel=\"next\">Nieuwsbrief juni</a>"),
        "{maart}"
    );
    let oldest = site.output("nieuwsbrief/2025-11/index.html");
    assert!(!oldest.contains("Vorige nieuwsbrief"));
    let newest = site.output("nieuwsbrief/2026-06/index.html");
    assert!(!newest.contains("Volgende nieuwsbrief"));
}

#[test]
fn the_home_page_shows_the_latest_edition_and_the_menu_links_the_archive() {
    let site = site();
    site.build_ok();
    let home = site.output("index.html");
    assert!(
        home.contains("<a href=\"/nieuwsbrief/2026-06/\">Nieuwsbrief juni</a>"),
        "{home}"
    );
    assert!(home.contains("Zomer."), "the summary: {home}");
    assert!(home.contains("<li><a href=\"/nieuwsbrief/\">Nieuwsbrief</a></li>"));
    let archive = site.output("nieuwsbrief/index.html");
    assert!(archive.contains("<a href=\"/nieuwsbrief/\" aria-current=\"page\">Nieuwsbrief</a>"));
}

#[test]
fn every_page_announces_both_feeds_in_its_head() {
    let site = site();
    site.build_ok();
    for (path, bytes) in site.snapshot() {
        if !path.ends_with(".html") || path.ends_with("email.html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        let head = &html[..html.find("</head>").unwrap()];
        let alternates: Vec<&str> = head
            .lines()
            .filter(|l| l.starts_with("<link rel=\"alternate\" type=\"application/atom+xml\""))
            .collect();
        // A wijk's pages also name that wijk's own feed, last.
        let wijk = ["noord/", "zuid/"].iter().find(|w| path.starts_with(**w));
        if let Some(wijk) = wijk {
            assert_eq!(alternates.len(), 3, "{path}");
            assert!(
                alternates[2].ends_with(&format!("href=\"/{wijk}atom.xml\">")),
                "{path}"
            );
        } else {
            assert_eq!(alternates.len(), 2, "{path}");
        }
        assert!(alternates[0].ends_with("href=\"/atom.xml\">"), "{path}");
        assert!(
            alternates[1].ends_with("href=\"/nieuwsbrief/atom.xml\">"),
            "{path}"
        );
    }
}

/// Checks what every email must be; returns (html, text).
fn check_email(dir: &std::path::Path, edition: &str) -> (String, String) {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(edition).join(name))
            .unwrap_or_else(|e| panic!("{edition}{name}: {e}"))
    };
    let (html, text) = (read("email.html"), read("email.txt"));
    assert!(html.len() < 100 * 1024, "{edition}: {} bytes", html.len());
    assert!(html.starts_with("<!DOCTYPE html>"), "{edition}");
    assert!(html.contains("<html lang=\"nl\">"), "{edition}");
    for forbidden in ["<link", "<script", "<style", "<iframe", " class=\""] {
        assert!(!html.contains(forbidden), "{edition} has {forbidden}");
    }
    assert!(html.contains("max-width:600px"), "{edition}");
    assert!(
        html.contains("<div style=\"display:none;"),
        "a hidden preheader"
    );
    let links = links_in(&html);
    assert!(!links.is_empty());
    for url in &links {
        assert!(
            url.starts_with("https://")
                || url.starts_with("http://")
                || url.starts_with("mailto:")
                || url.starts_with('#'),
            "{edition}: relative link {url}"
        );
        if let Some(address) = url.strip_prefix("mailto:") {
            assert!(
                text.contains(address),
                "{edition}: email.txt lacks {address}"
            );
        } else if !url.starts_with('#') {
            assert!(
                text.contains(url.as_str()),
                "{edition}: email.txt lacks {url}"
            );
        }
    }
    for img in html.split("<img").skip(1) {
        let tag = &img[..img.find('>').unwrap()];
        assert!(
            tag.contains(" alt=\""),
            "{edition}: image without alt: {tag}"
        );
    }
    assert!(
        html.contains("afmeld"),
        "the footer says how to unsubscribe"
    );
    assert!(
        text.contains("afmeld"),
        "the footer says how to unsubscribe"
    );
    (html, text)
}

#[test]
fn emails_are_self_contained_with_absolute_links_and_a_plain_text_twin() {
    let site = site();
    site.build_ok();
    let out = site.root().join("output/nieuwsbrief");
    let (html, text) = check_email(&out, "2026-03/");
    // The preheader is the summary (here: the first paragraph).
    assert!(
        html.contains("line-height:1px;color:#f4f6f8;\">Het eerste stuk."),
        "{html}"
    );
    assert!(html.contains(
        "<a href=\"https://test.example/nieuwsbrief/2026-03/\" style=\"color:#0b4f9c;text-decoration:underline;\">Lees deze nieuwsbrief op de website</a>"
    ));
    assert!(
        html.contains("<img src=\"https://test.example/img/bank-")
            && html.contains("srcset=\"https://test.example/img/bank-")
            && html.contains("alt=\"Een bankje in het park\""),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"https://test.example/nieuwsbrief/2026-03/foto.jpg\""),
        "{html}"
    );
    assert!(
        text.contains("Een bankje in het park (https://test.example/img/bank.jpg)"),
        "{text}"
    );
    assert!(
        text.contains("de gemeente (https://www.amersfoort.nl/)"),
        "{text}"
    );
    assert!(text.starts_with("Nieuwsbrief maart\n"), "{text}");
    let (html, text) = check_email(&out, "2026-01/");
    assert!(
        html.contains("href=\"#terugblik\""),
        "anchors stay inside the email"
    );
    assert!(
        text.contains("Meedoen (https://test.example/meedoen/)"),
        "{text}"
    );
}

#[test]
fn emails_and_feeds_use_the_base_url_given_on_the_command_line() {
    let site = site();
    let run = site.run(&["build", "--base-url", "https://preview.example/pr-7/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (html, text) = check_email(&site.root().join("output/nieuwsbrief"), "2026-01/");
    assert!(
        html.contains("href=\"https://preview.example/pr-7/meedoen/\""),
        "{html}"
    );
    assert!(
        text.contains("(https://preview.example/pr-7/meedoen/)"),
        "{text}"
    );
    let feed = parse_feed(&site.output("nieuwsbrief/atom.xml"));
    assert_eq!(
        link(&feed.links, "self"),
        "https://preview.example/pr-7/nieuwsbrief/atom.xml"
    );
    let body = feed.entries[2]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    assert!(
        body.contains("href=\"https://preview.example/pr-7/meedoen/\""),
        "{body}"
    );
    let page = site.output("nieuwsbrief/index.html");
    assert!(
        page.contains("href=\"/pr-7/nieuwsbrief/2026-01/\""),
        "{page}"
    );
}

#[test]
fn every_email_of_the_sample_site_is_self_contained() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(["build", "-q", "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .status()
        .unwrap();
    assert!(status.success());
    let dir = out.join("nieuwsbrief");
    let mut editions: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| format!("{}/", e.file_name().to_string_lossy()))
        .collect();
    editions.sort();
    assert_eq!(
        editions.len(),
        5,
        "five editions, the draft left out: {editions:?}"
    );
    for edition in &editions {
        check_email(&dir, edition);
    }
    let feed = parse_feed(&std::fs::read_to_string(dir.join("atom.xml")).unwrap());
    // The November edition is dated after the build (21 September): it
    // waits for a build on or after its day, so no feed dates it ahead.
    assert_eq!(feed.entries.len(), 4);
}

#[test]
fn markup_in_a_title_is_escaped_everywhere() {
    let site = Fixture::new();
    let title = "Koffie & <script>alert(1)</script> ]]> klaar";
    site.write(
        "content/nieuwsbrief/raar.md",
        format!(
            "---\ntitle: '{title}'\ndate: 2026-01-20\nsummary: 'Een <b>vet</b> & ]]> verhaal'\n---\nTekst.\n"
        ),
    );
    site.build_ok();
    let escaped = "Koffie &amp; &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; klaar";
    for file in [
        "nieuwsbrief/raar/index.html",
        "nieuwsbrief/raar/email.html",
        "nieuwsbrief/index.html",
        "index.html",
    ] {
        let html = site.output(file);
        // The only script is the theme's copy button (copy.js).
        assert!(!html.contains("<script>"), "{file}");
        assert!(html.contains(escaped), "{file}:\n{html}");
        assert!(!html.contains("<b>vet"), "{file}");
    }
    for file in ["nieuwsbrief/atom.xml", "atom.xml"] {
        let feed = parse_feed(&site.output(file));
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, title);
        assert_eq!(
            feed.entries[0].summary.as_ref().unwrap().content,
            "Een <b>vet</b> & ]]> verhaal"
        );
    }
    let text = site.output("nieuwsbrief/raar/email.txt");
    assert!(
        text.starts_with(&format!("{title}\n")),
        "plain text stays plain: {text}"
    );
}

/// Builds a good site, breaks it with `file`, and checks the output is unchanged.
fn broken(file: &str, text: &str) -> common::Run {
    let site = site();
    site.build_ok();
    let before = site.snapshot();
    site.write(file, text);
    let run = site.build();
    assert_eq!(site.snapshot(), before, "a failed build changed output/");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn a_missing_date_is_reported_with_file_and_line() {
    let run = broken(
        "content/nieuwsbrief/x.md",
        "---\ntitle: Zonder datum\nsummary: x\n---\nTekst.\n",
    );
    run.assert_error("content/nieuwsbrief/x.md:2", &["`date` ontbreekt", "tip"]);
}

#[test]
fn an_impossible_date_is_reported_with_file_and_line() {
    let run = broken(
        "content/nieuwsbrief/x.md",
        "---\ntitle: X\nsummary: x\ndate: 2026-02-30\n---\nTekst.\n",
    );
    run.assert_error(
        "content/nieuwsbrief/x.md:4",
        &["2026-02-30", "bestaat niet"],
    );
}

#[test]
fn an_unknown_wijk_is_reported_with_file_line_and_the_known_ones() {
    let run = broken(
        "content/nieuwsbrief/x.md",
        "---\ntitle: X\ndate: 2026-02-03\nwijken: [noord, west]\n---\nTekst.\n",
    );
    run.assert_error(
        "content/nieuwsbrief/x.md:4",
        &["`west`", "site.yaml", "noord, zuid"],
    );
}

#[test]
fn an_unknown_key_is_reported_with_the_likely_meaning() {
    let run = broken(
        "content/nieuwsbrief/x.md",
        "---\ntitle: X\ndate: 2026-02-03\ninclude_project: false\n---\nTekst.\n",
    );
    run.assert_error(
        "content/nieuwsbrief/x.md:4",
        &["onbekend veld `include_project`", "include_projects"],
    );
}

#[test]
fn all_problems_of_all_editions_are_reported_at_once() {
    let site = site();
    site.write("content/nieuwsbrief/a.md", "---\ntitle: A\n---\n");
    site.write(
        "content/nieuwsbrief/b.md",
        "---\ntitle: B\ndate: 2026-13-01\n---\n",
    );
    site.write(
        "content/nieuwsbrief/c.md",
        "---\ntitle: C\ndate: 2026-01-01\nslug: 2026-03\n---\n",
    );
    let run = site.build();
    run.assert_error("content/nieuwsbrief/a.md:", &["`date` ontbreekt"]);
    run.assert_error("content/nieuwsbrief/b.md:3", &["2026-13-01"]);
    run.assert_error(
        "content/nieuwsbrief/c.md",
        &["hetzelfde adres", "2026-03.md"],
    );
}

#[test]
fn an_email_over_100_kb_is_an_error_naming_the_edition() {
    let site = Fixture::new();
    let long = "Een lange zin over de buurt en wat daar allemaal gebeurt. ".repeat(2_000);
    site.write(
        "content/nieuwsbrief/lang.md",
        format!("---\ntitle: Lang\ndate: 2026-01-20\n---\n{long}\n"),
    );
    let run = site.build();
    run.assert_error("content/nieuwsbrief/lang.md", &["te groot", "100 KB"]);
}

#[test]
fn meetings_in_the_eight_weeks_after_an_edition_are_shown_wherever_it_is() {
    let site = site();
    site.write(
        "content/bijeenkomsten/wijkavond.md",
        "---\ntitle: Wijkavond Noord\nstart: 2026-03-10 19:30\nvenue: buurthuis\nwijken: [noord]\n---\nAgenda.\n",
    );
    site.write(
        "content/bijeenkomsten/zuid.md",
        "---\ntitle: Avond Zuid\nstart: 2026-03-11 19:30\nwijken: [zuid]\nstatus: cancelled\n---\nAfgelast.\n",
    );
    site.write(
        "content/bijeenkomsten/zomerfeest.md",
        "---\ntitle: Zomerfeest\nstart: 2026-05-30 14:00\n---\nFeest.\n",
    );
    site.build_ok();
    let meeting_url = "https://test.example/bijeenkomsten/wijkavond/";

    // januari (20 January): both March meetings, the cancelled one in words.
    let januari = site.output("nieuwsbrief/2026-01/index.html");
    let email = site.output("nieuwsbrief/2026-01/email.html");
    let text = site.output("nieuwsbrief/2026-01/email.txt");
    for (what, part) in [("page", &januari), ("email", &email), ("text", &text)] {
        assert!(part.contains("Komende bijeenkomsten"), "{what}: {part}");
        assert!(part.contains(meeting_url), "{what}: {part}");
        assert!(
            part.contains("dinsdag 10 maart 2026, 19.30–21.30 uur"),
            "{what}"
        );
        assert!(part.contains("Buurthuis, Dorpsstraat 1"), "{what}: {part}");
        assert!(part.contains("Avond Zuid"), "{what}");
        assert!(part.contains("Gaat niet door"), "{what}");
        assert!(
            !part.contains("Zomerfeest"),
            "{what}: after the eight weeks"
        );
    }
    assert!(
        januari.contains("<time datetime=\"2026-03-10T18:30:00Z\">"),
        "{januari}"
    );
    let before_agenda = januari.find("Terugblik").unwrap();
    assert!(januari.find("Komende bijeenkomsten").unwrap() > before_agenda);

    // maart is about Noord: the Zuid meeting is left out.
    let maart = site.output("nieuwsbrief/2026-03/index.html");
    assert!(maart.contains(meeting_url), "{maart}");
    assert!(!maart.contains("Avond Zuid"), "{maart}");
    // juni switched the agenda off (and the summer party is too far anyway).
    let juni = site.output("nieuwsbrief/2026-06/index.html");
    assert!(!juni.contains("Komende bijeenkomsten"), "{juni}");

    // The feed entry carries the same section, with absolute links.
    let feed = parse_feed(&site.output("nieuwsbrief/atom.xml"));
    let entry = feed
        .entries
        .iter()
        .find(|e| e.id.ends_with("nieuwsbrief/2026-01"))
        .unwrap();
    let body = entry.content.as_ref().unwrap().body.clone().unwrap();
    assert!(body.contains("Komende bijeenkomsten"), "{body}");
    assert!(body.contains(&format!("href=\"{meeting_url}\"")), "{body}");

    // The site feed announces each meeting, dated six weeks before its day
    // (the fixture has no `announced:`), never after the build.
    let all = parse_feed(&site.output("atom.xml"));
    let meeting = all
        .entries
        .iter()
        .find(|e| e.id == "tag:test.example,2026-03-10:bijeenkomsten/wijkavond")
        .unwrap_or_else(|| panic!("no meeting entry in {:?}", all.entries));
    assert_eq!(meeting.title.as_ref().unwrap().content, "Wijkavond Noord");
    assert_eq!(meeting.published, Some(utc("2026-01-27T00:00:00+01:00")));
    assert_eq!(link(&meeting.links, "alternate"), meeting_url);
    let body = meeting.content.as_ref().unwrap().body.clone().unwrap();
    assert!(body.contains("Buurthuis"), "{body}");
    assert_eq!(
        all.updated,
        Some(utc("2026-06-01T00:00:00+02:00")),
        "the summer party (30 May) is older than the June edition"
    );
    assert!(
        site.output("atom.xml")
            .contains("<published>2026-01-27T00:00:00+01:00</published>")
    );
}

#[test]
fn rounds_decided_since_the_previous_edition_are_shown_with_their_totals() {
    let site = site();
    site.write(
        "content/projecten/2026-1.yaml",
        "title: \"Ronde 1 & zo\"\ndecided: 2026-04-15\nprojects:\n\
         \x20 - id: tuin\n    title: \"Buurttuin\"\n    wijk: noord\n    applicant: Bewoners\n\
         \x20   requested: 100.5\n    granted: 100.5\n    advice: positive\n    decision: granted\n\
         \x20   status: running\n\
         \x20 - id: feest\n    title: \"Straatfeest\"\n    applicant: Bewoners\n\
         \x20   requested: 50\n    granted: 0\n    advice: negative\n    decision: rejected\n\
         \x20   status: cancelled\n",
    );
    site.build_ok();
    let round_url = "https://test.example/projecten/2026-1/";
    let totals = "1 project kreeg geld, samen €\u{a0}100,50";

    // juni (1 June) comes after maart (2 March): the April round is news.
    let page = site.output("nieuwsbrief/2026-06/index.html");
    let email = site.output("nieuwsbrief/2026-06/email.html");
    let text = site.output("nieuwsbrief/2026-06/email.txt");
    for (what, part) in [("page", &page), ("email", &email), ("text", &text)] {
        assert!(part.contains("Besloten projecten"), "{what}: {part}");
        assert!(part.contains(round_url), "{what}: {part}");
        assert!(part.contains(totals), "{what}: {part}");
        assert!(part.contains("15 april 2026"), "{what}");
    }
    assert!(page.contains("Ronde 1 &amp; zo"), "{page}");
    assert!(text.contains("Ronde 1 & zo"), "{text}");
    assert!(page.contains("<time datetime=\"2026-04-15\">"), "{page}");
    // Earlier editions were written before the decision.
    for edition in ["2026-03", "2026-01", "2025-11"] {
        let page = site.output(&format!("nieuwsbrief/{edition}/index.html"));
        assert!(!page.contains("Besloten projecten"), "{edition}");
    }

    // The newsletter feed entry of juni has the section too.
    let feed = parse_feed(&site.output("nieuwsbrief/atom.xml"));
    let body = feed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    assert!(body.contains(totals), "{body}");

    // The site feed announces the decision, dated to it.
    let all = parse_feed(&site.output("atom.xml"));
    let round = all
        .entries
        .iter()
        .find(|e| e.id == "tag:test.example,2026-04-15:projecten/2026-1")
        .unwrap_or_else(|| panic!("no round entry in {:?}", all.entries));
    assert_eq!(round.title.as_ref().unwrap().content, "Ronde 1 & zo");
    assert_eq!(round.published, Some(utc("2026-04-15T00:00:00+02:00")));
    assert_eq!(link(&round.links, "alternate"), round_url);
    let body = round.content.as_ref().unwrap().body.clone().unwrap();
    assert!(
        body.contains("href=\"https://test.example/projecten/2026-1/tuin/\""),
        "{body}"
    );
    assert!(
        !body.contains("Straatfeest"),
        "only projects that got money: {body}"
    );
}
