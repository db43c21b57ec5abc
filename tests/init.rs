//! A group's site is its content only: `wijksite init` makes a site that
//! builds at once with the theme built into the binary, `theme export`
//! writes that theme out (byte-identical output), and a site's own
//! `templates/` still override single templates.

mod common;
use common::{Run, snapshot};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Runs the binary with `args` in the folder `cwd`.
fn wijksite(cwd: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .env_remove("CI")
        .output()
        .expect("run wijksite")
        .into()
}

fn ok(run: &Run, what: &str) {
    assert_eq!(run.code, 0, "{what}:\n{}\n{}", run.stdout, run.stderr);
}

/// A new site made by `init` in `parent/name`.
fn init_site(parent: &Path, name: &str) -> std::path::PathBuf {
    ok(&wijksite(parent, &["init", name]), "init");
    parent.join(name)
}

#[test]
fn init_makes_a_site_that_builds_and_checks_at_once_from_another_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path(), "mijn-wijk");
    // No theme folder: the built-in theme does it.
    assert!(!site.join("themes").exists());
    for file in [
        "content/site.yaml",
        "content/_index.md",
        "content/pages/over-ons.md",
        "content/pages/toegankelijkheid.md",
        ".github/workflows/pages.yml",
        ".gitlab-ci.yml",
        ".gitignore",
        "README.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let ignore = fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(ignore.contains("/output/") && ignore.contains("/.wijksite-cache/"));

    // From another working directory, with a relative and an absolute root.
    let elsewhere = tmp.path().join("ergens/anders");
    fs::create_dir_all(&elsewhere).unwrap();
    ok(
        &wijksite(&elsewhere, &["build", "--root", "../../mijn-wijk"]),
        "build with a relative root",
    );
    let root = site.to_str().unwrap();
    ok(
        &wijksite(&elsewhere, &["build", "--root", root]),
        "build with an absolute root",
    );
    let check = wijksite(&elsewhere, &["check", "--root", root]);
    ok(&check, "check");
    assert!(
        check.stdout.contains("0 waarschuwingen"),
        "{}",
        check.stdout
    );

    let out = snapshot(&site.join("output"));
    let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
    for page in [
        "index.html",
        "over-ons/index.html",
        "toegankelijkheid/index.html",
        "noord/index.html",
        "style.css",
    ] {
        assert!(paths.contains(&page), "{page} in {paths:?}");
    }
    let home = String::from_utf8_lossy(&out.iter().find(|(p, _)| p == "index.html").unwrap().1)
        .into_owned();
    assert!(home.contains("Welkom bij Samen in Onze Wijk"), "{home}");
    assert!(
        home.contains("/toegankelijkheid/"),
        "footer links the statement"
    );

    // The example meeting and edition are drafts: nowhere in the output.
    for (path, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        assert!(!path.contains("eerste-bijeenkomst"), "{path}");
        assert!(!path.contains("eerste-nieuwsbrief"), "{path}");
        assert!(
            !text.contains("Eerste bijeenkomst van de bewonersgroep"),
            "{path}"
        );
        assert!(!text.contains("Nieuwsbrief maart 2027"), "{path}");
        assert!(!text.contains("[INVULLEN"), "{path}");
    }
    // With --drafts they are there: the examples are real, valid files.
    let drafts = tmp.path().join("met-concepten");
    let drafts = drafts.to_str().unwrap();
    ok(
        &wijksite(
            &elsewhere,
            &["build", "--drafts", "--root", root, "--output", drafts],
        ),
        "build with drafts",
    );
    let with_drafts = snapshot(Path::new(drafts));
    assert!(
        with_drafts
            .iter()
            .any(|(p, _)| p == "bijeenkomsten/2027-03-04-eerste-bijeenkomst/index.html")
    );
    assert!(
        with_drafts
            .iter()
            .any(|(p, _)| p == "nieuwsbrief/2027-03-01-eerste-nieuwsbrief/index.html")
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bestaand");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("notities.txt"), "van mij").unwrap();
    let run = wijksite(tmp.path(), &["init", "bestaand"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("niet leeg"), "{}", run.stderr);
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["notities.txt"]);
    assert_eq!(
        fs::read_to_string(dir.join("notities.txt")).unwrap(),
        "van mij"
    );

    // A file is no folder either; an empty folder is fine.
    fs::write(tmp.path().join("een-bestand"), "x").unwrap();
    assert_eq!(wijksite(tmp.path(), &["init", "een-bestand"]).code, 1);
    fs::create_dir(tmp.path().join("leeg")).unwrap();
    ok(
        &wijksite(tmp.path(), &["init", "leeg"]),
        "init in an empty folder",
    );
    // Without a folder it is a usage error, in Dutch.
    let run = wijksite(tmp.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("wijksite init mijn-wijk"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_exported_theme_builds_byte_identical_output_and_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path(), "wijk");
    ok(
        &wijksite(&site, &["build", "-q"]),
        "build with the built-in theme",
    );
    let built_in = snapshot(&site.join("output"));

    // From inside the site, like the other commands.
    ok(
        &wijksite(&site.join("content"), &["theme", "export"]),
        "export",
    );
    let exported = snapshot(&site.join("themes/wijk"));
    assert_eq!(
        exported,
        snapshot(&common::repo_root().join("themes/wijk")),
        "the export is the repository's theme, byte for byte"
    );
    ok(&wijksite(&site, &["build", "-q"]), "build with the export");
    let from_export = snapshot(&site.join("output"));
    assert_eq!(
        built_in.iter().map(|f| &f.0).collect::<Vec<_>>(),
        from_export.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(built_in == from_export, "the output differs");

    // The exported folder is the theme now: a change there shows.
    let css = site.join("themes/wijk/static/style.css");
    let mine = "/* eigen stijl */\nbody { color: black; }\n";
    fs::write(&css, mine).unwrap();
    ok(
        &wijksite(&site, &["build", "-q"]),
        "build with a changed theme",
    );
    assert_eq!(
        fs::read_to_string(site.join("output/style.css")).unwrap(),
        mine
    );

    // A second export refuses and leaves the change alone.
    let run = wijksite(&site, &["theme", "export", "--root", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("bestaat al"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&css).unwrap(), mine);
}

#[test]
fn a_site_without_themes_overrides_one_template_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path(), "eigen");
    ok(&wijksite(&site, &["build", "-q"]), "build");
    let before = snapshot(&site.join("output"));

    // One partial of the theme, changed: every page shows it, nothing else changes.
    let footer = String::from_utf8(
        fs::read(common::repo_root().join("themes/wijk/templates/partials/site_footer.html"))
            .unwrap(),
    )
    .unwrap();
    let changed = footer.replace(
        "<footer class=\"site-footer\">",
        "<footer class=\"site-footer\" data-eigen=\"ja\">",
    );
    assert_ne!(changed, footer, "the footer template changed shape");
    fs::create_dir_all(site.join("templates/partials")).unwrap();
    fs::write(site.join("templates/partials/site_footer.html"), &changed).unwrap();
    ok(&wijksite(&site, &["build", "-q"]), "build with an override");
    let after = snapshot(&site.join("output"));
    assert_eq!(
        before.iter().map(|f| &f.0).collect::<Vec<_>>(),
        after.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let mut footers = 0;
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        let new_text = String::from_utf8_lossy(new);
        if path.ends_with(".html") && new_text.contains("<footer") {
            footers += 1;
            assert!(new_text.contains("data-eigen=\"ja\""), "{path}");
            assert_eq!(
                new_text.replace(" data-eigen=\"ja\"", ""),
                String::from_utf8_lossy(old)
            );
        } else {
            assert!(old == new, "{path} changed");
        }
    }
    assert!(footers >= 5, "only {footers} pages with the footer");

    // An error in the override names the override's file.
    fs::write(site.join("templates/partials/site_footer.html"), "{% if %}").unwrap();
    let run = wijksite(&site, &["build", "-q"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("templates/partials/site_footer.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn another_theme_without_its_folder_is_an_error_naming_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path(), "ander");
    let yaml = fs::read_to_string(site.join("content/site.yaml")).unwrap();
    fs::write(
        site.join("content/site.yaml"),
        yaml.replace("theme: wijk", "theme: donker"),
    )
    .unwrap();
    let run = wijksite(&site, &["build", "-q"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("themes/donker"), "{}", run.stderr);
    assert!(run.stderr.contains("theme: wijk"), "{}", run.stderr);
}

/// `cargo install wijksite` builds from the crate: it must hold the theme
/// and the starter files the binary embeds, and not the sample content.
#[test]
fn the_crate_holds_the_theme_and_the_starter_but_not_the_sample() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline", "--quiet"])
        .current_dir(common::repo_root())
        .output()
        .expect("run cargo package --list");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let list = String::from_utf8_lossy(&output.stdout);
    let listed: Vec<&str> = list.lines().collect();
    for file in snapshot(&common::repo_root().join("themes/wijk")) {
        let path = format!("themes/wijk/{}", file.0);
        assert!(
            listed.contains(&path.as_str()),
            "{path} is not in the crate"
        );
    }
    for file in [
        "build.rs",
        "starter/content/site.yaml",
        "starter/dot-github/workflows/pages.yml",
        "starter/dot-gitignore",
        "src/main.rs",
    ] {
        assert!(listed.contains(&file), "{file} is not in the crate");
    }
    assert!(!listed.iter().any(|f| f.starts_with("content/")), "{list}");
    assert!(!listed.iter().any(|f| f.starts_with("tests/")), "{list}");
}

#[test]
fn a_misspelt_key_in_an_exported_themes_strings_is_a_dutch_error() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_site(tmp.path(), "wijk");
    ok(&wijksite(&site, &["theme", "export"]), "export");
    let strings = site.join("themes/wijk/strings.yaml");
    let text = fs::read_to_string(&strings).unwrap();
    assert!(text.contains("\nmain_navigation:"));
    fs::write(
        &strings,
        text.replace("\nmain_navigation:", "\nmain_navgation:"),
    )
    .unwrap();
    let run = wijksite(&site, &["build", "-q"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("de tekst `main_navigation` staat niet in strings.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("not found in context"),
        "{}",
        run.stderr
    );
}
