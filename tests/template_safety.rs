//! Templates and themes read nothing from outside the site: no file
//! through a symlink leading out, and no environment variable through
//! Tera's `get_env()` (a CI token would end up in a page).

mod common;
use common::{Fixture, Run};
use std::process::Command;

#[cfg(unix)]
fn link_out(site: &Fixture, outside: &tempfile::TempDir, name: &str, text: &str, at: &str) {
    let target = outside.path().join(name);
    std::fs::write(&target, text).unwrap();
    let link = site.root().join(at);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
}

#[cfg(unix)]
#[test]
fn a_strings_file_linked_from_outside_the_site_is_refused() {
    let site = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    link_out(
        &site,
        &outside,
        "geheim.yaml",
        "geheim: \"wachtwoord\"\n",
        "templates/strings.yaml",
    );
    let run = site.build();
    run.assert_error("templates/strings.yaml", &["symlink", "buiten", "tip"]);
}

#[cfg(unix)]
#[test]
fn template_and_theme_files_linked_from_outside_the_site_are_refused() {
    let site = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    link_out(
        &site,
        &outside,
        "page.html",
        "{% extends \"base.html\" %}",
        "templates/page.html",
    );
    link_out(
        &site,
        &outside,
        "geheim.txt",
        "wachtwoord",
        "themes/wijk/static/geheim.txt",
    );
    let run = site.build();
    run.assert_error("templates/page.html", &["symlink", "buiten"]);
    run.assert_error("themes/wijk/static/geheim.txt", &["symlink", "buiten"]);
    assert!(!site.output_exists("geheim.txt"));
}

#[cfg(unix)]
#[test]
fn a_template_folder_linked_from_outside_the_site_is_refused() {
    let site = Fixture::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("page.html"),
        "{% extends \"base.html\" %}",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("templates")).unwrap();
    site.build()
        .assert_error("templates", &["symlink", "buiten"]);
}

#[cfg(unix)]
#[test]
fn a_link_to_a_template_inside_the_site_is_followed() {
    let site = Fixture::new();
    site.write("gedeeld/page.html", "{% extends \"base.html\" %}");
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::os::unix::fs::symlink(
        site.root().join("gedeeld/page.html"),
        site.root().join("templates/page.html"),
    )
    .unwrap();
    site.build_ok();
}

#[test]
fn get_env_in_a_template_prints_no_environment_variable() {
    let site = Fixture::new();
    let page =
        std::fs::read_to_string(site.root().join("themes/wijk/templates/page.html")).unwrap();
    site.write(
        "templates/page.html",
        page.replacen(
            "{{ page.title }}",
            "{{ get_env(name=\"WIJKSITE_TEST_TOKEN\") }}",
            1,
        ),
    );
    let run = Run::from(
        Command::new(env!("CARGO_BIN_EXE_wijksite"))
            .args(["build", "--root"])
            .arg(site.root())
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .env("WIJKSITE_TEST_TOKEN", "ci-token-4f8e2a")
            .output()
            .unwrap(),
    );
    run.assert_error("templates/page.html", &["get_env", "omgevingsvariabelen"]);
    let everything = common::snapshot(site.root());
    assert!(
        !everything
            .iter()
            .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("ci-token-4f8e2a")),
        "the token reached a file"
    );
}
