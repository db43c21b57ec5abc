//! Incremental rebuilds (what `wijksite serve` does on every save) give the
//! same bytes as a full build: after edits, renames, deletions, template
//! and static changes, drafts and broken saves, the session's in-memory
//! files are compared byte for byte with a fresh full build of the same
//! files. The cheap path is also checked to be taken where it should be.

mod common;

use common::Fixture;
use std::collections::BTreeMap;
use std::sync::Once;
use wijksite::build::incremental::{Session, Update};
use wijksite::build::pipeline::{self, BuildOptions};
use wijksite::theme::output_file::Data;

/// Every build in this file sees the same moment, so "upcoming" and the
/// calendars' timestamps agree between the session and the full build.
fn fixed_build_time() {
    static ONCE: Once = Once::new();
    // SAFETY: set once, before any build of this test binary reads it, and
    // only read through std::env (which locks the environment).
    ONCE.call_once(|| unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1790000000") });
}

const PAGE_BODY: &str = "Eerste alinea met een [link](/noord/).\n\n## Kop\n\nMeer tekst.\n";

/// A site with area pages (one in the menu, one in the footer), wijk pages
/// with and without dates, a meeting whose minutes are a page, a static
/// file, and a newsletter edition, wijkplan and round for the sections
/// that load them.
fn site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/_index.md",
        "---\ntitle: Welkom\n---\nDe startpagina.\n",
    );
    f.write(
        "content/pages/contact.md",
        "---\ntitle: Contact\nweight: 90\n---\nMail ons.\n",
    );
    f.write(
        "content/pages/over.md",
        "---\ntitle: Over ons\nmenu: true\ndate: 2026-01-05\n---\nWie wij zijn.\n",
    );
    for (wijk, slug, date) in [
        ("noord", "speeltuin", Some("2026-03-01")),
        ("noord", "bankjes", None),
        ("zuid", "markt", Some("2025-11-20")),
        ("zuid", "verslag", None),
    ] {
        let date = date.map(|d| format!("date: {d}\n")).unwrap_or_default();
        f.write(
            &format!("content/wijken/{wijk}/{slug}.md"),
            format!("---\ntitle: Over {slug}\n{date}---\n{PAGE_BODY}"),
        );
    }
    f.write(
        "content/bijeenkomsten/2026-09-01-overleg.md",
        "---\ntitle: Overleg Noord\nstart: 2026-09-01 19:30\nvenue: buurthuis\nwijken: [noord]\nminutes: /zuid/verslag/\n---\nWe praten over de speeltuin.\n",
    );
    f.write("content/static/verslagen/a.txt", "verslag a");
    f.write(
        "content/nieuwsbrief/2026-08-15-zomer.md",
        "---\ntitle: Nieuwsbrief zomer\ndate: 2026-08-15\nsummary: Wat er deze zomer gebeurt.\n---\nLees over de [speeltuin](/noord/speeltuin/).\n",
    );
    f.write(
        "content/wijkplan/2026.yaml",
        "year: 2026\nadopted: 2026-02-12\nintro: |\n  Ons plan.\npriorities:\n  - id: groen\n    title: \"Meer groen\"\n    theme: \"Groen\"\n    rank: 1\n    residents: |\n      Bewoners planten.\n    professionals: |\n      De gemeente helpt.\n    status: active\n",
    );
    f.write(
        "content/projecten/2026-ronde-1.yaml",
        "title: \"Ronde 1\"\ndecided: 2026-04-15\nbudget: 1000\nprojects:\n  - id: bomen\n    title: \"Bomen\"\n    wijk: noord\n    applicant: \"Buren\"\n    requested: 500\n    granted: 500\n    advice: positive\n    decision: granted\n    priority: 2026/groen\n    summary: |\n      Vijf bomen.\n    status: running\n",
    );
    f
}

fn options(f: &Fixture) -> BuildOptions {
    BuildOptions {
        root: f.root().to_path_buf(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
    }
}

/// A full build of what is on disk now, as serve would hold it in memory.
fn full_build(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    let built = pipeline::build(&options(f)).expect("the full build succeeds");
    built
        .files
        .into_iter()
        .map(|file| {
            let bytes = match file.data {
                Data::Bytes(bytes) => bytes,
                Data::Copy(from) => std::fs::read(from).expect("static file"),
                Data::BuiltIn(bytes) => bytes.to_vec(),
                Data::Written => panic!("an in-memory build writes nothing"),
            };
            (file.path, bytes)
        })
        .collect()
}

/// Asserts that the session holds exactly the files of a full build.
fn assert_same_as_full(session: &Session, f: &Fixture, step: &str) {
    fixed_build_time();
    let full = full_build(f);
    let files = session.files();
    let incremental: BTreeMap<String, &[u8]> =
        files.iter().map(|(k, v)| (k.to_string(), &v[..])).collect();
    let missing: Vec<&String> = full
        .keys()
        .filter(|k| !incremental.contains_key(*k))
        .collect();
    let extra: Vec<&String> = incremental
        .keys()
        .filter(|k| !full.contains_key(*k))
        .collect();
    let different: Vec<&String> = full
        .iter()
        .filter(|(k, v)| {
            incremental
                .get(*k)
                .is_some_and(|mine| *mine != v.as_slice())
        })
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && different.is_empty(),
        "after {step}: missing {missing:?}, extra {extra:?}, different {different:?}"
    );
}

fn start(f: &Fixture) -> Session {
    fixed_build_time();
    let mut session = Session::new(options(f));
    let update = session.rebuild().expect("first build");
    assert!(update.full);
    assert_same_as_full(&session, f, "the first build");
    session
}

fn apply(session: &mut Session, paths: &[&str]) -> Update {
    session
        .apply(paths.iter().map(|p| p.to_string()), false)
        .unwrap_or_else(|problems| panic!("rebuild failed: {problems:?}"))
}

#[test]
fn editing_a_page_body_renders_that_page_alone() {
    let f = site();
    let mut session = start(&f);
    f.write(
        "content/wijken/noord/bankjes.md",
        format!("---\ntitle: Over bankjes\n---\n{PAGE_BODY}\nEen nieuwe zin onderaan.\n"),
    );
    let update = apply(&mut session, &["content/wijken/noord/bankjes.md"]);
    assert!(!update.full);
    assert_eq!(update.pages_rendered, 1, "only the edited page");
    assert_eq!(update.site_pages_rendered, 0, "no list shows the body");
    assert_same_as_full(&session, &f, "a body edit");
}

#[test]
fn the_feed_of_everything_new_follows_a_dated_page_body() {
    let f = site();
    let mut session = start(&f);
    f.write(
        "content/wijken/noord/speeltuin.md",
        format!("---\ntitle: Over speeltuin\ndate: 2026-03-01\n---\n{PAGE_BODY}\nDe glijbaan is er weer.\n"),
    );
    let update = apply(&mut session, &["content/wijken/noord/speeltuin.md"]);
    assert_eq!(update.pages_rendered, 1);
    assert_same_as_full(&session, &f, "a dated page's body");
    let feed = String::from_utf8(session.files()["atom.xml"].to_vec()).unwrap();
    assert!(feed.contains("De glijbaan is er weer."), "{feed}");
}

#[test]
fn a_new_title_reaches_the_lists_that_show_the_page() {
    let f = site();
    let mut session = start(&f);
    f.write(
        "content/wijken/noord/speeltuin.md",
        format!("---\ntitle: De nieuwe speeltuin\ndate: 2026-03-01\n---\n{PAGE_BODY}"),
    );
    let update = apply(&mut session, &["content/wijken/noord/speeltuin.md"]);
    assert_eq!(update.pages_rendered, 1);
    assert!(
        update.site_pages_rendered >= 2,
        "the home page (latest) and the wijk page list it"
    );
    assert_same_as_full(&session, &f, "a title edit");
    let home = String::from_utf8(session.files()["index.html"].to_vec()).unwrap();
    assert!(home.contains("De nieuwe speeltuin"), "{home}");
}

#[test]
fn a_menu_page_title_changes_every_page() {
    let f = site();
    let mut session = start(&f);
    f.write(
        "content/pages/over.md",
        "---\ntitle: Wie zijn wij\nmenu: true\ndate: 2026-01-05\n---\nWie wij zijn.\n",
    );
    let update = apply(&mut session, &["content/pages/over.md"]);
    assert_eq!(update.pages_rendered, 7, "the menu is on every page");
    assert_same_as_full(&session, &f, "a menu title edit");
}

#[test]
fn renames_deletions_slugs_and_drafts_match_a_full_build() {
    let f = site();
    let mut session = start(&f);

    f.write(
        "content/wijken/zuid/nieuw.md",
        "---\ntitle: Nieuw in Zuid\ndate: 2026-05-01\n---\nNieuw.\n",
    );
    apply(&mut session, &["content/wijken/zuid/nieuw.md"]);
    assert_same_as_full(&session, &f, "adding a page");

    std::fs::rename(
        f.root().join("content/wijken/noord/bankjes.md"),
        f.root().join("content/wijken/noord/zitplekken.md"),
    )
    .unwrap();
    apply(
        &mut session,
        &[
            "content/wijken/noord/bankjes.md",
            "content/wijken/noord/zitplekken.md",
        ],
    );
    assert_same_as_full(&session, &f, "renaming a page");
    assert!(!session.files().contains_key("noord/bankjes/index.html"));

    f.remove("content/wijken/zuid/markt.md");
    apply(&mut session, &["content/wijken/zuid/markt.md"]);
    assert_same_as_full(&session, &f, "deleting a page");

    f.write(
        "content/pages/contact.md",
        "---\ntitle: Contact\nweight: 90\nslug: bereikbaarheid\n---\nMail ons.\n",
    );
    apply(&mut session, &["content/pages/contact.md"]);
    assert_same_as_full(&session, &f, "a new slug");

    f.write(
        "content/wijken/zuid/nieuw.md",
        "---\ntitle: Nieuw in Zuid\ndate: 2026-05-01\ndraft: true\n---\nNieuw.\n",
    );
    apply(&mut session, &["content/wijken/zuid/nieuw.md"]);
    assert_same_as_full(&session, &f, "making a page a draft");

    f.write(
        "content/wijken/noord/_index.md",
        "---\ntitle: Welkom in Noord\nsummary: Alles over Noord.\n---\nHallo weer.\n",
    );
    apply(&mut session, &["content/wijken/noord/_index.md"]);
    assert_same_as_full(&session, &f, "editing a wijk landing text");

    f.remove("content/_index.md");
    apply(&mut session, &["content/_index.md"]);
    assert_same_as_full(&session, &f, "deleting the home text");
}

#[test]
fn sections_static_files_and_templates_match_a_full_build() {
    let f = site();
    let mut session = start(&f);

    f.write(
        "content/bijeenkomsten/2026-09-01-overleg.md",
        "---\ntitle: Overleg Noord (verzet)\nstart: 2026-09-02 20:00\nvenue: buurthuis\nwijken: [noord]\nminutes: /zuid/verslag/\n---\nWe praten over de speeltuin.\n",
    );
    apply(
        &mut session,
        &["content/bijeenkomsten/2026-09-01-overleg.md"],
    );
    assert_same_as_full(&session, &f, "editing a meeting");

    f.write(
        "content/bijeenkomsten/2026-10-01-borrel.md",
        "---\ntitle: Borrel\nstart: 2026-10-01 17:00\nlocation: Op het plein\n---\nProost.\n",
    );
    apply(
        &mut session,
        &["content/bijeenkomsten/2026-10-01-borrel.md"],
    );
    assert_same_as_full(&session, &f, "adding a meeting");

    f.write(
        "content/nieuwsbrief/2026-08-15-zomer.md",
        "---\ntitle: Nieuwsbrief zomer\ndate: 2026-08-15\nsummary: Anders.\n---\nAndere tekst.\n",
    );
    apply(&mut session, &["content/nieuwsbrief/2026-08-15-zomer.md"]);
    assert_same_as_full(&session, &f, "editing an edition");

    f.write("content/static/verslagen/a.txt", "verslag a, verbeterd");
    f.write("content/static/verslagen/b.txt", "verslag b");
    let update = apply(
        &mut session,
        &[
            "content/static/verslagen/a.txt",
            "content/static/verslagen/b.txt",
        ],
    );
    assert_eq!(update.pages_rendered, 0, "static files need no page");
    assert_same_as_full(&session, &f, "changing and adding static files");

    f.remove("content/static/verslagen/b.txt");
    apply(&mut session, &["content/static/verslagen/b.txt"]);
    assert_same_as_full(&session, &f, "deleting a static file");

    f.write("content/static/style.css", "body { color: black }");
    apply(&mut session, &["content/static/style.css"]);
    assert_same_as_full(&session, &f, "a static file over the theme's");
    f.remove("content/static/style.css");
    apply(&mut session, &["content/static/style.css"]);
    assert_same_as_full(&session, &f, "the theme's static file back");

    let theme_page =
        std::fs::read_to_string(f.root().join("themes/wijk/templates/page.html")).unwrap();
    f.write(
        "templates/page.html",
        theme_page.replace("<article>", "<article class=\"eigen\">"),
    );
    let update = apply(&mut session, &["templates/page.html"]);
    assert_eq!(update.pages_rendered, 7, "every page uses page.html");
    assert_same_as_full(&session, &f, "overriding page.html");

    f.write(
        "templates/partials/home_projects.html",
        "<p>Eigen blok op de startpagina.</p>\n",
    );
    let update = apply(&mut session, &["templates/partials/home_projects.html"]);
    assert_eq!(
        update.pages_rendered, 0,
        "no page includes the home partial"
    );
    assert_same_as_full(&session, &f, "adding a home partial");

    f.write("templates/strings.yaml", "footer_about: \"Een site van\"\n");
    apply(&mut session, &["templates/strings.yaml"]);
    assert_same_as_full(&session, &f, "changing a UI string");

    // The header is rendered once per build, not through page.html: a new
    // one must still reach every page.
    let theme_header = std::fs::read_to_string(
        f.root()
            .join("themes/wijk/templates/partials/site_header.html"),
    )
    .unwrap();
    f.write(
        "templates/partials/site_header.html",
        theme_header.replace("class=\"site-header\"", "class=\"site-header eigen\""),
    );
    let update = apply(&mut session, &["templates/partials/site_header.html"]);
    assert_eq!(update.pages_rendered, 7, "every page shows the header");
    assert_same_as_full(&session, &f, "overriding the site header");
}

#[test]
fn a_broken_save_keeps_the_last_good_site_until_it_is_fixed() {
    let f = site();
    let mut session = start(&f);
    let before = session.files();

    f.write(
        "content/wijken/noord/bankjes.md",
        "---\ntitel: Fout\n---\nTekst.\n",
    );
    let problems = session
        .apply(["content/wijken/noord/bankjes.md".to_string()], false)
        .expect_err("an unknown key is an error");
    assert!(
        problems
            .iter()
            .any(|d| d.file == "content/wijken/noord/bankjes.md")
    );
    assert_eq!(session.files(), before, "the last good site stays");

    // Another save while the first is still broken fails too, as a full build would.
    f.write(
        "content/wijken/zuid/verslag.md",
        "---\ntitle: Verslag\n---\nAnders.\n",
    );
    assert!(
        session
            .apply(["content/wijken/zuid/verslag.md".to_string()], false)
            .is_err()
    );

    f.write(
        "content/wijken/noord/bankjes.md",
        "---\ntitle: Bankjes hersteld\n---\nTekst.\n",
    );
    let update = apply(&mut session, &["content/wijken/noord/bankjes.md"]);
    assert!(!update.full, "both pending saves are applied incrementally");
    assert_same_as_full(&session, &f, "fixing the broken save");

    // Deleting the page that a meeting's minutes point to breaks the
    // meeting; restoring it repairs the site (through a full rebuild).
    let verslag = std::fs::read(f.root().join("content/wijken/zuid/verslag.md")).unwrap();
    f.remove("content/wijken/zuid/verslag.md");
    assert!(
        session
            .apply(["content/wijken/zuid/verslag.md".to_string()], false)
            .is_err()
    );
    f.write("content/wijken/zuid/verslag.md", verslag);
    apply(&mut session, &["content/wijken/zuid/verslag.md"]);
    assert_same_as_full(&session, &f, "restoring the minutes page");
}

#[test]
fn deleting_and_restoring_the_logo_fails_and_repairs_as_a_full_build() {
    let f = site();
    let yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write("content/site.yaml", format!("{yaml}logo: /logo.svg\n"));
    f.write(
        "content/static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let mut session = start(&f);

    f.remove("content/static/logo.svg");
    let problems = session
        .apply(["content/static/logo.svg".to_string()], false)
        .expect_err("site.yaml names a logo that is gone");
    assert!(
        problems
            .iter()
            .any(|d| d.file == "content/site.yaml" && d.message.contains("/logo.svg")),
        "{problems:?}"
    );

    f.write(
        "content/static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
    );
    apply(&mut session, &["content/static/logo.svg"]);
    assert_same_as_full(&session, &f, "restoring the logo");
}

#[test]
fn folders_site_yaml_and_lost_events_rebuild_everything() {
    let f = site();
    let mut session = start(&f);

    std::fs::rename(
        f.root().join("content/wijken/zuid"),
        f.root().join("content/wijken/oud-zuid"),
    )
    .unwrap();
    // A folder rename is reported as the folders, not their files.
    let problems = session
        .apply(
            [
                "content/wijken/zuid".to_string(),
                "content/wijken/oud-zuid".to_string(),
            ],
            false,
        )
        .expect_err("oud-zuid is not a wijk of site.yaml");
    assert!(
        problems
            .iter()
            .any(|d| d.file.starts_with("content/wijken/oud-zuid"))
    );
    std::fs::rename(
        f.root().join("content/wijken/oud-zuid"),
        f.root().join("content/wijken/zuid"),
    )
    .unwrap();
    let update = apply(
        &mut session,
        &["content/wijken/oud-zuid", "content/wijken/zuid"],
    );
    assert!(update.full);
    assert_same_as_full(&session, &f, "a folder renamed back");

    let update = session.apply(Vec::new(), true).expect("rescan");
    assert!(update.full, "lost events: everything is read again");
    assert_same_as_full(&session, &f, "a rescan");

    let site_yaml = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        site_yaml.replace("Samen in Testwijk", "Samen in de Testwijk"),
    );
    let update = apply(&mut session, &["content/site.yaml"]);
    assert!(update.full);
    assert_same_as_full(&session, &f, "a changed site.yaml");
}

#[test]
fn a_site_on_the_built_in_theme_serves_like_a_full_build_also_when_it_exports_it() {
    let f = site();
    std::fs::remove_dir_all(f.root().join("themes")).unwrap();
    let mut session = start(&f);
    assert!(session.files().contains_key("style.css"), "the theme's CSS");

    f.write(
        "content/wijken/noord/bankjes.md",
        format!("---\ntitle: Over bankjes\n---\n{PAGE_BODY}\nNieuw.\n"),
    );
    let update = apply(&mut session, &["content/wijken/noord/bankjes.md"]);
    assert!(!update.full);
    assert_same_as_full(&session, &f, "a body edit on the built-in theme");

    // The theme folder appears (as `theme export` makes it), then changes.
    common::copy_dir(
        &common::repo_root().join("themes/wijk"),
        &f.root().join("themes/wijk"),
    );
    apply(&mut session, &["themes/wijk/static/style.css"]);
    assert_same_as_full(&session, &f, "the theme folder appearing");
    f.write("themes/wijk/static/style.css", "body { color: black; }\n");
    apply(&mut session, &["themes/wijk/static/style.css"]);
    assert_same_as_full(&session, &f, "a change in the exported theme");
    assert_eq!(
        &session.files()["style.css"][..],
        b"body { color: black; }\n"
    );
}

#[test]
fn activities_alles_ics_and_wijk_feeds_match_a_full_build() {
    let f = site();
    let mut session = start(&f);

    // The first activity: a menu entry, a list, its page and calendars.
    f.write(
        "content/activiteiten/2026-10-03-oogstfeest.md",
        "---\ntitle: Oogstfeest\nstart: 2026-10-03\nwijken: [noord]\nlocation: De tuin\n---\nSoep.\n",
    );
    apply(
        &mut session,
        &["content/activiteiten/2026-10-03-oogstfeest.md"],
    );
    assert_same_as_full(&session, &f, "adding an activity");

    f.write(
        "content/activiteiten/2026-10-03-oogstfeest.md",
        "---\ntitle: Oogstfeest (afgelast)\nstart: 2026-10-03\nend: 2026-10-04\nwijken: [zuid]\ncancelled: true\nsequence: 1\n---\nRegen.\n",
    );
    apply(
        &mut session,
        &["content/activiteiten/2026-10-03-oogstfeest.md"],
    );
    assert_same_as_full(
        &session,
        &f,
        "cancelling and moving an activity to another wijk",
    );

    // A wijk page's date puts it in that wijk's feed: a page edit alone.
    f.write(
        "content/wijken/noord/bankjes.md",
        format!("---\ntitle: Over bankjes\ndate: 2026-09-10\n---\n{PAGE_BODY}"),
    );
    apply(&mut session, &["content/wijken/noord/bankjes.md"]);
    assert_same_as_full(&session, &f, "a dated wijk page");

    f.remove("content/activiteiten/2026-10-03-oogstfeest.md");
    apply(
        &mut session,
        &["content/activiteiten/2026-10-03-oogstfeest.md"],
    );
    assert_same_as_full(&session, &f, "removing the last activity");
}
