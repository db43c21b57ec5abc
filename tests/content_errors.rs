//! Content errors: each names the file, the line where known, what is wrong
//! and what to write instead; all of them are listed at once; the exit
//! status is 1; and the previous output survives untouched.

mod common;
use common::Fixture;

/// Builds a good site, breaks it with `file`, and checks the output is unchanged.
fn broken(file: &str, text: impl AsRef<[u8]>) -> (Fixture, common::Run) {
    let site = Fixture::new();
    let run = site.break_and_build(|site| site.write(file, text), Fixture::build);
    (site, run)
}

#[test]
fn an_unknown_key_is_reported_with_its_line_and_the_likely_meaning() {
    let (_, run) = broken(
        "content/pages/over.md",
        "---\ntitle: Over\ntitel: Over ons\n---\ntekst\n",
    );
    run.assert_error(
        "content/pages/over.md:3:",
        &["onbekend veld `titel`", "tip"],
    );
    assert!(run.stderr.contains("bedoelt u `title`?"), "{}", run.stderr);
}

#[test]
fn a_missing_title_is_reported() {
    let (_, run) = broken(
        "content/pages/over.md",
        "---\nsummary: Over ons\n---\ntekst\n",
    );
    run.assert_error("content/pages/over.md:", &["`title` ontbreekt"]);
}

#[test]
fn invalid_yaml_is_reported_with_a_line_counted_from_the_top_of_the_file() {
    let (_, run) = broken(
        "content/pages/over.md",
        "---\ntitle: \"Over ons\nsummary: x\n---\ntekst\n",
    );
    run.assert_error(
        "content/pages/over.md:",
        &["aanhalingstekens", "niet gesloten"],
    );
    let line: usize = run
        .stderr
        .lines()
        .find(|l| l.starts_with("content/pages/over.md:"))
        .and_then(|l| l.split(':').nth(1))
        .and_then(|n| n.parse().ok())
        .expect("a line number");
    assert!(
        (2..=5).contains(&line),
        "line {line} is outside the front matter"
    );
}

#[test]
fn an_impossible_date_is_reported() {
    let (_, run) = broken(
        "content/pages/over.md",
        "---\ntitle: Over\ndate: 2026-02-30\n---\n",
    );
    run.assert_error("content/pages/over.md:3", &["2026-02-30", "bestaat niet"]);
}

#[test]
fn a_list_where_a_date_belongs_is_reported() {
    let (_, run) = broken(
        "content/pages/over.md",
        "---\ntitle: Over\ndate: [2026, 1]\n---\n",
    );
    run.assert_error("content/pages/over.md:3", &["verkeerd soort waarde"]);
}

#[test]
fn a_missing_closing_line_is_reported() {
    let (_, run) = broken("content/pages/over.md", "---\ntitle: Over\n\n# Kop\n");
    run.assert_error("content/pages/over.md:1", &["niet afgesloten"]);
}

#[test]
fn an_unknown_wijk_folder_is_reported_with_the_known_wijken() {
    let (_, run) = broken("content/wijken/west/info.md", "---\ntitle: West\n---\n");
    run.assert_error("content/wijken/west/info.md", &["`west`", "site.yaml"]);
    assert!(run.stderr.contains("noord, zuid"), "{}", run.stderr);
}

#[test]
fn a_bad_slug_gets_a_suggestion() {
    let (_, run) = broken("content/pages/Over Ons.md", "---\ntitle: Over\n---\n");
    run.assert_error("content/pages/Over Ons.md", &["geen geldige slug"]);
    assert!(run.stderr.contains("over-ons"), "{}", run.stderr);
}

#[test]
fn a_slug_with_dots_cannot_climb_out() {
    let (_, run) = broken(
        "content/pages/x.md",
        "---\ntitle: X\nslug: ../../etc\n---\n",
    );
    run.assert_error("content/pages/x.md", &["geen geldige slug"]);
}

#[test]
fn two_files_for_one_url_are_both_named() {
    let (_, run) = broken(
        "content/pages/doe-mee.md",
        "---\ntitle: Doe mee\nslug: meedoen\n---\n",
    );
    assert_eq!(run.code, 1);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("hetzelfde adres"))
        .expect(&run.stderr);
    assert!(
        line.contains("content/pages/doe-mee.md") && line.contains("content/pages/meedoen.md"),
        "{line}"
    );
}

#[test]
fn a_page_cannot_take_a_wijk_address() {
    let (_, run) = broken("content/pages/noord.md", "---\ntitle: Noord\n---\n");
    run.assert_error("content/pages/noord.md", &["/noord/"]);
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let (_, run) = broken(
        "content/pages/kapot.md",
        b"---\ntitle: x\n---\n\xff\xfe\n".as_slice(),
    );
    run.assert_error("content/pages/kapot.md:4", &["UTF-8"]);
}

#[test]
fn all_problems_are_listed_in_one_build() {
    let site = Fixture::new();
    site.write("content/pages/a.md", "---\ntitel: A\n---\n");
    site.write(
        "content/pages/b.md",
        "---\ntitle: B\ndate: 2026-13-01\n---\n",
    );
    site.write("content/wijken/oost/x.md", "---\ntitle: X\n---\n");
    let run = site.build();
    assert_eq!(run.code, 1);
    for file in [
        "content/pages/a.md",
        "content/pages/b.md",
        "content/wijken/oost/x.md",
    ] {
        assert!(
            run.stderr.contains(file),
            "{file} missing from:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("fouten gevonden"), "{}", run.stderr);
}

#[test]
fn a_missing_site_yaml_is_explained() {
    let site = Fixture::new();
    site.remove("content/site.yaml");
    site.build()
        .assert_error("content/site.yaml", &["ontbreekt"]);
}

#[test]
fn a_broken_template_names_the_template_file() {
    let (_, run) = broken(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.title {% endblock content %}",
    );
    run.assert_error("templates/page.html", &["sjabloon"]);
}

#[test]
fn a_usage_error_exits_with_status_2() {
    let site = Fixture::new();
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
}

#[test]
fn forbidden_raw_html_is_reported_by_line() {
    let site = Fixture::new();
    let config = common::SITE_YAML.to_string() + "allow_raw_html: false\n";
    site.write("content/site.yaml", config);
    site.write(
        "content/pages/html.md",
        "---\ntitle: H\n---\nTekst\n\n<div>blok</div>\n",
    );
    site.build()
        .assert_error("content/pages/html.md:6", &["HTML"]);
}

#[test]
fn a_static_file_cannot_replace_a_generated_feed_or_sitemap() {
    let (_, run) = broken("content/static/sitemap.xml", "<urlset/>");
    run.assert_error(
        "content/static/sitemap.xml",
        &["/sitemap.xml", "wijksite zelf"],
    );
}

#[test]
fn a_static_file_may_replace_a_theme_file() {
    let site = Fixture::new();
    site.write("content/static/style.css", "body { color: black; }");
    site.build_ok();
    assert_eq!(site.output("style.css"), "body { color: black; }");
}

#[test]
fn control_characters_from_the_content_reach_the_terminal_escaped() {
    // ESC[2K erases the line, CR goes back to its start: raw, they would
    // hide the error and show a forged "Klaar" line in its place. In a
    // file name they reach the message as they are.
    let (_, run) = broken(
        "content/pages/over\u{1b}[2K\rKlaar: 3 pagina's.md",
        "---\ntitle: Over\n---\ntekst\n",
    );
    assert!(
        !run.stderr.contains(['\u{1b}', '\r']),
        "raw control characters: {:?}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\\u{1b}[2K\\u{d}Klaar"),
        "{}",
        run.stderr
    );
    // Written as YAML escapes they are refused where they stand.
    let (_, run) = broken(
        "content/pages/over.md",
        "---\ntitle: Over\n\"\\e[2K\\rKlaar: 3 pagina's\\e[0m\": x\n---\ntekst\n",
    );
    run.assert_error("content/pages/over.md:3", &["U+001B", "onzichtbare teken"]);
    assert!(!run.stderr.contains(['\u{1b}', '\r']), "{:?}", run.stderr);
}

#[test]
fn a_slug_too_long_for_a_folder_name_is_reported_with_its_line() {
    let long = "lang-".repeat(60);
    let (_, run) = broken(
        "content/pages/over.md",
        format!("---\ntitle: Over\nslug: {long}x\n---\ntekst\n"),
    );
    run.assert_error(
        "content/pages/over.md:3",
        &["301 tekens lang", "maximum is 100", "tip"],
    );
    assert!(!run.stderr.contains("File name too long"), "{}", run.stderr);

    // A long file name is a long slug too.
    let name = "a".repeat(200);
    let (_, run) = broken(
        &format!("content/pages/{name}.md"),
        "---\ntitle: Lang\n---\n",
    );
    run.assert_error(&format!("content/pages/{name}.md"), &["maximum is 100"]);
}

#[test]
fn a_static_file_where_a_page_needs_its_folder_names_both_files() {
    // The fixture has the page content/pages/meedoen.md at /meedoen/.
    let (_, run) = broken("content/static/meedoen", "een bestand zonder extensie");
    run.assert_error(
        "content/static/meedoen:",
        &["content/pages/meedoen.md", "/meedoen", "map", "tip"],
    );
    assert!(!run.stderr.contains("Is a directory"), "{}", run.stderr);

    let (_, run) = broken("content/static/meedoen/index.html/foto.txt", "x");
    run.assert_error(
        "content/static/meedoen/index.html/foto.txt",
        &["content/pages/meedoen.md", "/meedoen/index.html", "map"],
    );
}

#[test]
fn site_yaml_problems_found_after_parsing_carry_their_line() {
    let line_of = |text: &str, needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap()
    };
    let text = format!(
        "{}timezone: Europe/Nergens\n",
        common::SITE_YAML
            .replace("slug: zuid", "slug: noord")
            .replace(
                "base_url: \"https://test.example\"",
                "base_url: test.example"
            )
    );
    let (_, run) = broken("content/site.yaml", &text);
    let at = |needle: &str| format!("content/site.yaml:{}:", line_of(&text, needle));
    run.assert_error(&at("timezone:"), &["Europe/Nergens", "tip"]);
    run.assert_error(&at("base_url:"), &["base_url", "geen webadres"]);
    let second_noord = text.match_indices("slug: noord").nth(1).unwrap().0;
    let line = text[..second_noord].lines().count();
    run.assert_error(
        &format!("content/site.yaml:{line}:"),
        &["noord", "twee keer"],
    );
}

/// Builds the fixture with one meeting whose front matter is `front`.
fn meeting(front: &str) -> common::Run {
    broken(
        "content/bijeenkomsten/2027-02-04-koffie.md",
        format!("---\n{front}---\nWelkom.\n"),
    )
    .1
}

#[test]
fn a_wrong_wijk_venue_or_status_gets_the_likely_value_ignoring_case() {
    let file = "content/bijeenkomsten/2027-02-04-koffie.md:";
    let start = "title: Koffie\nstart: 2027-02-04 10:00\n";
    let run = meeting(&format!("{start}wijken: [Noord]\n"));
    run.assert_error(file, &["onbekende wijk `Noord`", "bedoelt u `noord`?"]);
    let run = meeting(&format!("{start}wijken:\n  - zuidd\n"));
    run.assert_error(&format!("{file}5"), &["bedoelt u `zuid`?"]);
    let run = meeting(&format!("{start}venue: buurhuis\n"));
    run.assert_error(&format!("{file}4"), &["bedoelt u `buurthuis`?"]);
    let run = meeting(&format!("{start}status: Cancelled\n"));
    run.assert_error(&format!("{file}4"), &["bedoelt u `cancelled`?"]);
    let run = broken(
        "content/nieuwsbrief/2027-02-01-februari.md",
        "---\ntitle: Februari\ndate: 2027-02-01\nwijken: [nord]\n---\nTekst.\n",
    )
    .1;
    run.assert_error(
        "content/nieuwsbrief/2027-02-01-februari.md:4",
        &["bedoelt u `noord`?"],
    );
}

#[test]
fn a_missing_start_is_reported_at_the_front_matters_first_line() {
    let run = meeting("title: Koffie\nvenue: buurthuis\n");
    run.assert_error(
        "content/bijeenkomsten/2027-02-04-koffie.md:2: fout: het verplichte veld `start` ontbreekt",
        &["start: 2027-02-04 19:30"],
    );
}

#[test]
fn a_date_in_another_spelling_gets_the_iso_spelling() {
    let run = meeting("title: Koffie\nstart: 04-02-2027 19:30\n");
    run.assert_error(
        "content/bijeenkomsten/2027-02-04-koffie.md:3",
        &["bedoelt u 2027-02-04 19:30?"],
    );
    let (_, run) = broken(
        "content/pages/over.md",
        "---\ntitle: Over\ndate: 04-02-2027\n---\n",
    );
    run.assert_error("content/pages/over.md:3", &["bedoelt u 2027-02-04?"]);
}
