//! Nothing half-written goes out: `new` writes drafts, placeholder text in
//! a published file stops the build, and mistakes that look like content
//! (a copied meeting, a morning time, a decision still to come) are named.

mod common;
use common::Fixture;

fn new(site: &Fixture, args: &[&str]) {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
}

fn read(site: &Fixture, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap()
}

#[test]
fn new_files_appear_nowhere_until_draft_false_and_filled_in() {
    let site = Fixture::new();
    site.build_ok();
    let before = site.snapshot();

    new(&site, &["page", "Speeltuin"]);
    new(
        &site,
        &[
            "meeting",
            "Wijknetwerk",
            "--date",
            "2027-03-04",
            "--wijk",
            "noord",
        ],
    );
    new(
        &site,
        &["edition", "Nieuwsbrief februari", "--date", "2027-02-01"],
    );
    site.build_ok();
    // Not a byte changed: no page, no feed entry, no sitemap line.
    assert!(site.snapshot() == before, "new drafts changed the output");

    // Published as `new` wrote it: the placeholders stop the build.
    let edition = "content/nieuwsbrief/2027-02-01-nieuwsbrief-februari.md";
    let text = read(&site, edition).replace("draft: true", "draft: false");
    site.write(edition, &text);
    let heading = text.lines().position(|l| l == "## Eerste kop").unwrap() + 1;
    let run = site.build();
    run.assert_error(
        &format!("{edition}:{heading}:"),
        &["voorbeeldtekst", "## Eerste kop", "draft: true"],
    );
    run.assert_error(
        &format!("{edition}:{}:", heading + 2),
        &["Schrijf hier het eerste bericht."],
    );
    assert!(
        site.snapshot() == before,
        "a failed build changed the output"
    );

    // Filled in, it goes out: page, feed and sitemap.
    let done = text
        .replace("## Eerste kop", "## Nieuwe speeltuin")
        .replace("Schrijf hier het eerste bericht.", "De speeltuin is open.");
    site.write(edition, done);
    site.build_ok();
    let path = "nieuwsbrief/2027-02-01-nieuwsbrief-februari/";
    assert!(site.output_exists(&format!("{path}index.html")));
    // Its date (1 February 2027) is after the build (21 September 2026): the
    // feed takes it on that day, never dated ahead (issue 19).
    assert!(!site.output("nieuwsbrief/atom.xml").contains(path));
    assert!(site.output("sitemap.xml").contains(path));
    assert!(!site.output("sitemap.xml").contains("speeltuin"));
    assert!(!site.output("sitemap.xml").contains("wijknetwerk"));
}

#[test]
fn placeholders_fail_a_published_file_and_pass_a_draft() {
    let site = Fixture::new();
    site.write(
        "content/pages/plan.md",
        "---\ntitle: Plan\n---\n\nDe TODO-lijst is lang.\n\nTODO: nakijken\n",
    );
    site.build()
        .assert_error("content/pages/plan.md:7:", &["\"TODO\"", "draft: true"]);

    // Ordinary words never match; site.yaml adds its own placeholders.
    site.write(
        "content/pages/plan.md",
        "---\ntitle: Plan\n---\n\nWat staat er op de todo-lijst? Een XXL-taart.\n",
    );
    site.build_ok();
    site.write(
        "content/site.yaml",
        format!("{}placeholders: [\"Lorem ipsum\"]\n", common::SITE_YAML),
    );
    site.write(
        "content/bijeenkomsten/2027-03-04-overleg.md",
        "---\ntitle: Overleg\nstart: 2027-03-04 19:30\nvenue: buurthuis\n---\n\nLorem ipsum dolor.\n",
    );
    site.build().assert_error(
        "content/bijeenkomsten/2027-03-04-overleg.md:7:",
        &["\"Lorem ipsum\""],
    );

    // A draft may hold them.
    site.write(
        "content/bijeenkomsten/2027-03-04-overleg.md",
        "---\ntitle: Overleg\nstart: 2027-03-04 19:30\nvenue: buurthuis\ndraft: true\n---\n\nLorem ipsum [INVULLEN] TODO\n",
    );
    site.build_ok();
}

#[test]
fn meetings_that_look_like_mistakes_are_warned_about_with_file_and_line() {
    let site = Fixture::new();
    let meeting = |start: &str| {
        format!(
            "---\ntitle: Wijknetwerk\nstart: {start}\nend: 2027-03-04 21:30\nvenue: buurthuis\n---\n\nWelkom.\n"
        )
    };
    // A copy with the old start; and the original at the same time and place.
    site.write(
        "content/bijeenkomsten/2027-03-04-wijknetwerk.md",
        meeting("2026-12-03 19:30"),
    );
    site.write(
        "content/bijeenkomsten/2026-12-03-wijknetwerk.md",
        meeting("2026-12-03 19:30"),
    );
    // Half past seven in the morning.
    site.write(
        "content/bijeenkomsten/2027-02-04-bewoners.md",
        "---\ntitle: Bewoners\nstart: 2027-02-04 7:30\nvenue: buurthuis\n---\n\nWelkom.\n",
    );
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert_eq!(
            run.code, 0,
            "{command} blocked on warnings:\n{}",
            run.stderr
        );
        let messages = run.messages();
        let has = |start: &str, words: &[&str]| {
            messages
                .iter()
                .any(|m| m.starts_with(start) && words.iter().all(|w| m.contains(w)))
        };
        assert!(
            has(
                "content/bijeenkomsten/2027-03-04-wijknetwerk.md:3: waarschuwing:",
                &["bestandsnaam (2027-03-04)", "`start` (2026-12-03)", "tip:"]
            ),
            "{command}: no file-name warning in\n{}",
            run.stderr
        );
        assert!(
            has(
                "content/bijeenkomsten/2027-03-04-wijknetwerk.md:3: waarschuwing:",
                &[
                    "content/bijeenkomsten/2026-12-03-wijknetwerk.md",
                    "dezelfde plek",
                    "tip:"
                ]
            ),
            "{command}: no same-time warning in\n{}",
            run.stderr
        );
        assert!(
            has(
                "content/bijeenkomsten/2027-02-04-bewoners.md:3: waarschuwing:",
                &["07.30", "08.00–23.00", "`start: 2027-02-04 19:30`"]
            ),
            "{command}: no early-start warning in\n{}",
            run.stderr
        );
        // The original is not blamed for its copy.
        assert!(
            !messages
                .iter()
                .any(|m| m.starts_with("content/bijeenkomsten/2026-12-03-wijknetwerk.md")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_round_decided_after_the_build_date_says_besluit_verwacht() {
    // The tests build at SOURCE_DATE_EPOCH 1790000000: 2026-09-21.
    let site = Fixture::new();
    new(&site, &["round", "2027 ronde 1", "--date", "2027-04-01"]);
    new(&site, &["round", "2026 ronde 1", "--date", "2026-04-01"]);
    site.build_ok();
    let pending = site.output("projecten/2027-ronde-1/index.html");
    assert!(pending.contains("Besluit verwacht op"), "{pending}");
    assert!(!pending.contains("Besloten op"), "{pending}");
    let decided = site.output("projecten/2026-ronde-1/index.html");
    assert!(decided.contains("Besloten op"), "{decided}");
    assert!(!decided.contains("Besluit verwacht"), "{decided}");
    let list = site.output("projecten/index.html");
    assert!(list.contains("besluit verwacht op"), "{list}");
}
