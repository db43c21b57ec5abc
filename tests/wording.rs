//! Small wording and wrapping points of issue 15, on the sample site:
//! meeting kinds by name, "'t" kept with its word, time ranges that do not
//! break, priorities numbered per page and the newsletter's links to other
//! editions set apart from the list above them.

mod common;
use common::repo_root;
use std::process::Command;

#[test]
fn the_sample_site_reads_well_for_residents() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(["build", "-q", "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .status()
        .unwrap();
    assert!(status.success());
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();

    let meeting = read("bijeenkomsten/2026-12-03-wijknetwerk-zielhorst/index.html");
    assert!(
        !meeting.contains("<dd>wijknetwerk</dd>"),
        "the kind by name, not its code"
    );
    assert!(meeting.contains("<dd>Wijknetwerk: bewoners en professionals uit de wijk</dd>"));
    assert!(
        meeting.contains("&#39;t\u{a0}Middelpunt</a>"),
        "'t kept with its word"
    );
    assert!(meeting.contains("<span class=\"nowrap\">19.30–21.30 uur</span>"));
    let list = read("bijeenkomsten/index.html");
    assert!(
        !list.contains("19.30–21.30 uur</time>"),
        "every range in a nowrap span"
    );

    let zielhorst = read("zielhorst/index.html");
    let start = zielhorst.find("id=\"wijkplan-kop\"").unwrap();
    let priorities = &zielhorst[start..start + zielhorst[start..].find("</ol>").unwrap()];
    assert!(priorities.matches("<li>").count() >= 3, "{priorities}");
    assert!(
        !priorities.contains("value="),
        "numbered 1..n: {priorities}"
    );
    assert!(!zielhorst.contains("(mee bezig)"));

    let edition = read("nieuwsbrief/2026-03-maart/index.html");
    assert!(
        edition.contains("<h2 id=\"andere-nummers-kop\">Andere nieuwsbrieven</h2>"),
        "a heading of its own above 'Vorige nieuwsbrief'"
    );
}
