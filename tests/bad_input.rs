//! A corpus of bad inputs, each a small site with one defect. For every
//! case: exit status 1, a message naming the file, no panic, bounded time
//! and memory, and the previous output exactly as it was.

mod common;
use common::Fixture;

/// One defect: a file to write and the file the message must name.
struct Case {
    name: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    /// The start of the message line (file, and line number where known).
    reported_as: &'static str,
}

fn case(
    name: &'static str,
    file: &'static str,
    text: impl Into<Vec<u8>>,
    reported_as: &'static str,
) -> Case {
    Case {
        name,
        file,
        bytes: text.into(),
        reported_as,
    }
}

fn alias_bomb() -> String {
    let mut yaml = String::from(
        "---\ntitle: Bom\nsummary: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for name in names {
        let refs = vec![format!("*{previous}"); 9].join(",");
        yaml += &format!("x{name}: &{name} [{refs}]\n");
        previous = name;
    }
    yaml + "---\n"
}

fn corpus() -> Vec<Case> {
    vec![
        case(
            "tab indentation",
            "content/pages/tab.md",
            "---\ntitle: Tab\n\tsummary: x\n---\n",
            "content/pages/tab.md:3",
        ),
        case(
            "unclosed quote",
            "content/pages/quote.md",
            "---\ntitle: \"Open\nsummary: x\n---\n",
            "content/pages/quote.md:",
        ),
        case(
            "missing closing line",
            "content/pages/open.md",
            "---\ntitle: Open\n\nTekst\n",
            "content/pages/open.md:1",
        ),
        case(
            "a list where a date belongs",
            "content/pages/lijst.md",
            "---\ntitle: L\ndate:\n  - 2026-01-01\n---\n",
            "content/pages/lijst.md:",
        ),
        case(
            "an unknown key",
            "content/pages/typo.md",
            "---\ntitle: T\nmenuu: true\n---\n",
            "content/pages/typo.md:3",
        ),
        case(
            "invalid UTF-8",
            "content/pages/latin1.md",
            b"---\ntitle: Caf\xe9\n---\n".to_vec(),
            "content/pages/latin1.md:2",
        ),
        case(
            "an empty file",
            "content/pages/leeg.md",
            "",
            "content/pages/leeg.md:1",
        ),
        case(
            "only front-matter dashes",
            "content/pages/streep.md",
            "---\n---\n",
            "content/pages/streep.md:",
        ),
        case(
            "a binary file as a page",
            "content/pages/foto.md",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe".to_vec(),
            "content/pages/foto.md",
        ),
        case(
            "a binary file where no content belongs",
            "content/foto.png",
            b"\x89PNG\r\n\x1a\n\x00".to_vec(),
            "content/foto.png",
        ),
        case(
            "Markdown nested thousands deep",
            "content/pages/diep.md",
            format!("---\ntitle: Diep\n---\n{} x\n", ">".repeat(20_000)),
            "content/pages/diep.md:4",
        ),
        case(
            "raw HTML nested thousands deep",
            "content/pages/html.md",
            format!(
                "---\ntitle: H\n---\n{}x{}\n",
                "<div>".repeat(20_000),
                "</div>".repeat(20_000)
            ),
            "content/pages/html.md:4",
        ),
        case(
            "a slug climbing out with ..",
            "content/pages/klim.md",
            "---\ntitle: K\nslug: ../../buiten\n---\n",
            "content/pages/klim.md",
        ),
        case(
            "a file name with spaces and accents",
            "content/pages/Koffie café.md",
            "---\ntitle: Koffie\n---\n",
            "content/pages/Koffie café.md",
        ),
        case(
            "an impossible date",
            "content/pages/datum.md",
            "---\ntitle: D\ndate: 2026-02-30\n---\n",
            "content/pages/datum.md:3",
        ),
        case(
            "a YAML alias bomb",
            "content/pages/bom.md",
            alias_bomb(),
            "content/pages/bom.md:",
        ),
        case(
            "a duplicate key",
            "content/pages/dubbel.md",
            "---\ntitle: A\ntitle: B\n---\n",
            "content/pages/dubbel.md:",
        ),
        case(
            "an unknown wijk folder",
            "content/wijken/oost/info.md",
            "---\ntitle: Oost\n---\n",
            "content/wijken/oost/info.md",
        ),
        case(
            "a page in a subfolder",
            "content/pages/oud/x.md",
            "---\ntitle: X\n---\n",
            "content/pages/oud/x.md",
        ),
        case(
            "an empty subsidy round",
            "content/projecten/leeg.yaml",
            "",
            "content/projecten/leeg.yaml",
        ),
        case(
            "a subsidy round that is a list",
            "content/projecten/lijst.yaml",
            "- a\n- b\n",
            "content/projecten/lijst.yaml:",
        ),
        case(
            "a project summary nested thousands deep",
            "content/projecten/diep.yaml",
            format!(
                "title: R\ndecided: 2026-01-01\nprojects:\n  - id: a\n    title: A\n    \
                 applicant: B\n    requested: 1\n    granted: 1\n    advice: positive\n    \
                 decision: granted\n    status: planned\n    summary: |\n      {} x\n",
                ">".repeat(20_000)
            ),
            "content/projecten/diep.yaml:13",
        ),
        case(
            "an amount with thirty digits",
            "content/projecten/groot.yaml",
            "title: R\ndecided: 2026-01-01\nbudget: 123456789012345678901234567890\nprojects: []\n",
            "content/projecten/groot.yaml:3",
        ),
        case(
            "a wijkplan whose year is text",
            "content/wijkplan/2026.yaml",
            "year: tweeduizend\nadopted: 2026-01-01\npriorities: []\n",
            "content/wijkplan/2026.yaml:1",
        ),
        case(
            "a broken site.yaml",
            "content/site.yaml",
            "title: [\n",
            "content/site.yaml:",
        ),
        case(
            "a site.yaml with an unknown wijk field",
            "content/site.yaml",
            common::SITE_YAML.replace("network: Wijkraad Zuid", "netwerk: Wijkraad Zuid"),
            "content/site.yaml:",
        ),
        case(
            "an empty site.yaml",
            "content/site.yaml",
            "",
            "content/site.yaml",
        ),
        case(
            "a newsletter edition nested too deep",
            "content/nieuwsbrief/diep.md",
            "---\ntitle: Diep\ndate: 2026-01-20\n---\nIntro\n\n".to_string()
                + &">".repeat(50_000)
                + " x\n",
            "content/nieuwsbrief/diep.md:7",
        ),
        case(
            "an alias bomb in a newsletter edition",
            "content/nieuwsbrief/bom.md",
            alias_bomb(),
            "content/nieuwsbrief/bom.md:",
        ),
        case(
            "a newsletter edition that is not UTF-8",
            "content/nieuwsbrief/binair.md",
            b"---\ntitle: Binair\ndate: 2026-01-20\n---\n\xff\xfe\x00".to_vec(),
            "content/nieuwsbrief/binair.md:5",
        ),
    ]
}

#[test]
fn every_bad_input_gets_a_clear_error_and_leaves_the_output_alone() {
    let mut failures = Vec::new();
    for case in corpus() {
        let site = Fixture::new();
        site.build_ok();
        let before = site.snapshot();
        site.write(case.file, &case.bytes);
        let run = site.build_bounded(3_000_000, 60);
        let named = run
            .messages()
            .iter()
            .any(|m| m.starts_with(case.reported_as) && m.contains("tip:"));
        let problems = [
            (run.code != 1, format!("exit status {}", run.code)),
            (run.stderr.contains("panicked"), "panicked".to_string()),
            (
                !named,
                format!("no message starting with {} and a tip", case.reported_as),
            ),
            (site.snapshot() != before, "output/ changed".to_string()),
        ];
        for (failed, what) in problems {
            if failed {
                failures.push(format!("{}: {what}\n{}", case.name, run.stderr));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn a_50_mb_page_is_refused_without_reading_it_all() {
    let mut big = b"---\ntitle: Groot\n---\n".to_vec();
    big.resize(50 * 1024 * 1024, b'a');
    let run = Fixture::new().break_and_build(
        |site| site.write("content/pages/groot.md", big),
        |site| site.build_bounded(1_000_000, 60),
    );
    run.assert_error("content/pages/groot.md", &["te groot"]);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_content_and_symlink_loops_are_refused() {
    use std::os::unix::fs::symlink;
    let site = Fixture::new();
    site.build_ok();
    let before = site.snapshot();
    let secret = site.root().join("geheim.txt");
    std::fs::write(&secret, "geheim").unwrap();
    symlink(&secret, site.root().join("content/static/geheim.txt")).unwrap_or_else(|_| {
        std::fs::create_dir_all(site.root().join("content/static")).unwrap();
        symlink(&secret, site.root().join("content/static/geheim.txt")).unwrap();
    });
    symlink(
        site.root().join("content/pages/lus.md"),
        site.root().join("content/pages/lus.md"),
    )
    .unwrap();
    symlink("/", site.root().join("content/static/wortel")).unwrap();
    let run = site.build_bounded(2_000_000, 60);
    run.assert_error("content/static/geheim.txt", &["buiten content/"]);
    run.assert_error("content/pages/lus.md", &["symlink"]);
    run.assert_error("content/static/wortel", &["buiten content/"]);
    assert_eq!(site.snapshot(), before);
    assert!(!site.output_exists("geheim.txt"));
}

#[test]
fn a_symlink_to_a_file_inside_content_is_followed() {
    let site = Fixture::new();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            site.root().join("content/pages/meedoen.md"),
            site.root().join("content/pages/doe-mee.md"),
        )
        .unwrap();
        site.write("content/pages/doe-mee.md.tmp", "editor swap file");
        // Two pages share a title but not a URL: the link is a copy, not an error.
        site.build_ok();
        assert!(site.output("doe-mee/index.html").contains("Meedoen"));
    }
}

/// Characters no page, feed or calendar can hold (XML 1.0 forbids U+FFFF
/// and C0 controls; ESC and C1 controls would reach a terminal) are
/// refused in every kind of content file, with file, line and column.
#[test]
fn invisible_forbidden_characters_are_refused_with_line_and_column() {
    let cases: [(&str, &str, &str, &str); 5] = [
        (
            "content/pages/titel.md",
            "---\ntitle: \"Koffie\u{ffff}ochtend\"\n---\nTekst\n",
            "content/pages/titel.md:2:15:",
            "U+FFFF",
        ),
        (
            "content/pages/body.md",
            "---\ntitle: Body\n---\nEen\n\ntwee\u{fffe} drie\n",
            "content/pages/body.md:6:5:",
            "U+FFFE",
        ),
        (
            "content/pages/nul.md",
            "---\ntitle: Nul\n---\nA\u{0}B\n",
            "content/pages/nul.md:4:2:",
            "U+0000",
        ),
        (
            "content/wijken/noord/_index.md",
            "---\ntitle: \"Welkom \u{1b}[31min Noord\"\n---\nHallo.\n",
            "content/wijken/noord/_index.md:2:16:",
            "U+001B",
        ),
        (
            "content/pages/c1.md",
            "---\ntitle: C1\nsummary: \"x\u{85}y\"\n---\n",
            "content/pages/c1.md:3:12:",
            "U+0085",
        ),
    ];
    for (file, text, at, code) in cases {
        let site = Fixture::new();
        site.write(file, text);
        let run = site.build_bounded(2_000_000, 60);
        run.assert_error(at, &[code, "tip: verwijder het onzichtbare teken"]);
        assert!(!site.output_exists("index.html"), "{file}: nothing written");
    }
}

#[test]
fn a_forbidden_character_in_site_yaml_is_refused_too() {
    let site = Fixture::new();
    let yaml = common::SITE_YAML.replace("De noordkant.", "De noord\u{7}kant.");
    site.write("content/site.yaml", yaml);
    let run = site.build();
    run.assert_error("content/site.yaml:9:", &["U+0007", "onzichtbare teken"]);
}

/// The same characters written as YAML escapes inside double quotes got
/// past the check of the raw text (red team) into pages and emails.
#[test]
fn forbidden_characters_written_as_yaml_escapes_are_refused() {
    for (file, text, at) in [
        (
            "content/pages/a.md",
            "---\ntitle: \"Voor\\x00Na\"\n---\nTekst.\n",
            "content/pages/a.md:2:",
        ),
        (
            "content/pages/b.md",
            "---\ntitle: B\nsummary: \"Klaar\\e[2K\"\n---\nTekst.\n",
            "content/pages/b.md:3:",
        ),
        (
            "content/wijkplan/2026.yaml",
            "year: 2026\nintro: \"\\uFFFE\"\n",
            "content/wijkplan/2026.yaml:2:",
        ),
    ] {
        let run = Fixture::new().break_and_build(|site| site.write(file, text), Fixture::build);
        run.assert_error(at, &["onzichtbare teken", "tip:"]);
    }
    // A backslash in Markdown text or a plain YAML value is just text.
    let site = Fixture::new();
    site.write(
        "content/pages/pad.md",
        "---\ntitle: Pad C:\\eigen\n---\nTyp \\e en \"\\x00\" zo.\n",
    );
    site.build_ok();
}

#[test]
fn tabs_line_ends_and_ordinary_unicode_stay_allowed() {
    let site = Fixture::new();
    site.write(
        "content/pages/goed.md",
        "---\r\ntitle: \"Café 😀 \u{a0}ﬁ\"\r\n---\r\n\tcode\r\n\u{feff}tekst\r\n",
    );
    site.build_ok();
    assert!(site.output("goed/index.html").contains("Café 😀"));
}

/// A line break in base_url would add lines to robots.txt (and break every
/// absolute link): refused at its line in site.yaml, and the same check
/// applies to `--base-url`.
#[test]
fn a_base_url_with_a_line_break_or_space_is_refused() {
    let site = Fixture::new();
    site.build_ok();
    let before = site.snapshot();
    let yaml = common::SITE_YAML.replace(
        "base_url: \"https://test.example\"",
        "base_url: \"https://test.example/\\r\\nDisallow: /\"",
    );
    site.write("content/site.yaml", &yaml);
    let run = site.build();
    // Written as a YAML escape, the line break is refused where it stands.
    run.assert_error("content/site.yaml:4:", &["U+000D", "tip:"]);
    assert_eq!(site.snapshot(), before);

    site.write("content/site.yaml", common::SITE_YAML);
    // A wrong --base-url is a usage error: exit 2, said before any work.
    let run = site.run(&["build", "--base-url", "https://test.example/\nDisallow: /"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("fout: --base-url") && run.stderr.contains("regeleinde"));
    assert!(run.stderr.contains("tip:"), "{}", run.stderr);
    let run = site.run(&["check", "--base-url", "https://test .example/"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("spatie"), "{}", run.stderr);
    assert_eq!(site.snapshot(), before);
    assert!(!site.output("robots.txt").contains("Disallow"));
}

/// Year 9999 gave `DTEND:+100000101T…` in the calendars: dates in content
/// are limited to the years 1900–2200 and refused with file and line.
#[test]
fn dates_far_in_the_future_or_past_are_refused_at_their_line() {
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/9999-12-31-ver-weg.md",
        "---\ntitle: Ver weg\nstart: 9999-12-31 19:30\nvenue: buurthuis\n---\n",
    );
    site.write(
        "content/pages/oud.md",
        "---\ntitle: Oud\nsummary: Heel oud\ndate: 1066-10-14\n---\n",
    );
    let run = site.build_bounded(2_000_000, 60);
    run.assert_error(
        "content/bijeenkomsten/9999-12-31-ver-weg.md:3",
        &["9999-12-31", "1900 tot en met 2200"],
    );
    run.assert_error(
        "content/pages/oud.md:4",
        &["1066-10-14", "1900 tot en met 2200"],
    );
    assert!(!site.output_exists("index.html"));
}

/// A `SOURCE_DATE_EPOCH` that is not a whole number of seconds up to the
/// year 9999 stops the command (exit 2) instead of quietly using the clock.
#[test]
fn a_source_date_epoch_that_is_not_a_number_is_a_usage_error() {
    let site = Fixture::new();
    for value in ["abc", "-5", "1.5e9", "253402300800"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_wijksite"))
            .args(["build", "--root"])
            .arg(site.root())
            .env("SOURCE_DATE_EPOCH", value)
            .output()
            .expect("run wijksite");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{value}: {stderr}");
        assert!(stderr.contains("SOURCE_DATE_EPOCH"), "{value}: {stderr}");
        assert!(stderr.contains("tip:"), "{value}: {stderr}");
        assert!(!site.output_exists("index.html"), "{value}: nothing built");
    }
    site.build_ok();
}

/// A site that allows raw HTML, so that it goes through the sanitiser.
fn site_with_raw_html() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/site.yaml",
        format!("{}\nallow_raw_html: true\n", common::SITE_YAML.trim_end()),
    );
    site.build_ok();
    site
}

#[test]
fn raw_html_with_stray_end_tags_is_refused_quickly() {
    // `<div></x>` repeated: each stray `</x>` used to count one level
    // down, so the nesting limit never triggered and the HTML parser took
    // minutes (200,000 times: over ten).
    for (times, words) in [
        (9_000, &["te diep genest"]),
        (200_000, &["te veel HTML-tags"]),
    ] {
        let site = site_with_raw_html();
        let before = site.snapshot();
        site.write(
            "content/pages/html.md",
            "---\ntitle: HTML\n---\nIntro\n\n".to_string() + &"<div></x>".repeat(times) + "\n",
        );
        let run = site.build_bounded(3_000_000, 60);
        run.assert_error("content/pages/html.md:6", words);
        assert_eq!(site.snapshot(), before);
    }
}

#[test]
fn check_of_a_page_with_100_000_links_stays_linear() {
    // Each link was matched to its line by a search through all the
    // page's links: 150,000 distinct links took minutes (300,000: 157 s in
    // a release build); linear, it is a second or two even in debug.
    // (100,000 short links: the file stays under the 2 MB limit.)
    let site = Fixture::new();
    site.write("content/pages/m.md", "---\ntitle: M\n---\nM.\n");
    let links: String = (0..100_000).map(|i| format!("[a](/m/?{i})\n")).collect();
    site.write(
        "content/pages/veel.md",
        format!("---\ntitle: Veel\n---\n{links}[kapot](/nergens/)\n"),
    );
    let output = std::process::Command::new("timeout")
        .args(["-s", "KILL", "20"])
        .arg(env!("CARGO_BIN_EXE_wijksite"))
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .expect("run wijksite check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/pages/veel.md:100004") && stderr.contains("/nergens/"),
        "{stderr}"
    );
}

#[test]
fn deeply_nested_yaml_is_refused_before_parsing() {
    // 150,000 `[` took the YAML parser a minute before it gave up.
    let deep = "[".repeat(150_000);
    for (file, text, reported_as) in [
        (
            "content/pages/diep.md",
            format!("---\ntitle: Diep\nsummary: {deep}\n---\nTekst\n"),
            "content/pages/diep.md:3:",
        ),
        (
            "content/site.yaml",
            format!("{}\nextra: {deep}\n", common::SITE_YAML.trim_end()),
            "content/site.yaml:",
        ),
        (
            "content/wijkplan/2026.yaml",
            format!("year: 2026\ntitle: {{a: {deep}\n"),
            "content/wijkplan/2026.yaml:2:",
        ),
    ] {
        let run = Fixture::new().break_and_build(
            |site| site.write(file, text),
            |site| site.build_bounded(3_000_000, 10),
        );
        run.assert_error(reported_as, &["te diep genest"]);
    }
}

#[test]
fn too_much_text_in_total_is_refused_before_reading_it() {
    // Eight meetings just under the old 10 MB file limit used 1.1 GB to
    // build; now sixty just under the 2 MB limit are over the total.
    let site = Fixture::new();
    site.build_ok();
    let before = site.snapshot();
    for i in 0..60 {
        let path = site
            .root()
            .join(format!("content/bijeenkomsten/groot-{i}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Sparse files: only their size counts, nothing may read them.
        let file = std::fs::File::create(path).unwrap();
        file.set_len(2 * 1024 * 1024 - 1).unwrap();
    }
    let run = site.build_bounded(1_000_000, 30);
    run.assert_error("content/bijeenkomsten/groot-0.md", &["samen te groot"]);
    assert_eq!(run.stderr.matches(": fout:").count(), 1, "{}", run.stderr);
    assert_eq!(site.snapshot(), before);
}
