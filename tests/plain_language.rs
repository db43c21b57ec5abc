//! `wijksite check` warns about hard-to-read text (B1): long sentences,
//! jargon, vague link texts and skipped heading levels, each with file and
//! line; normal text (abbreviations, times, lists) gives no warning, the
//! jargon list grows through site.yaml, and warnings never fail the check.

mod common;
use common::{Fixture, Run};

/// The warnings of a run, one string each (with the tip).
fn warnings(run: &Run) -> Vec<String> {
    run.messages()
        .into_iter()
        .filter(|m| m.contains(": waarschuwing:"))
        .collect()
}

fn assert_warning(run: &Run, place: &str, words: &[&str]) {
    let found = warnings(run)
        .iter()
        .any(|m| m.starts_with(&format!("{place}: ")) && words.iter().all(|w| m.contains(w)));
    assert!(
        found,
        "no warning at {place} with {words:?} in:\n{}",
        run.stderr
    );
}

const HARD_PAGE: &str = "---
title: Moeilijk
summary: \"Wij faciliteren bewoners.\"
---
Wij willen samen met alle bewoners van de wijk en de mensen van de gemeente en de woningbouwvereniging een plan maken dat voor iedereen goed werkt en dat lang meegaat.

De prioriteit ligt bij de buurttuin. Meer weten? [Klik hier](/meedoen/).

### Tijden

Lees [meer](/meedoen/) of [lees meer](/noord/).
";

#[test]
fn each_kind_of_warning_names_file_and_line_and_check_still_passes() {
    let site = Fixture::new();
    site.write("content/pages/moeilijk.md", HARD_PAGE);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);
    let file = "content/pages/moeilijk.md";
    assert_warning(
        &run,
        &format!("{file}:5"),
        &["Wij willen samen", "30 woorden"],
    );
    assert_warning(&run, &format!("{file}:7"), &["`prioriteit`", "voorrang"]);
    assert_warning(
        &run,
        &format!("{file}:3"),
        &["`faciliteren`", "mogelijk maken"],
    );
    assert_warning(&run, &format!("{file}:7"), &["`Klik hier`", "tip:"]);
    assert_warning(&run, &format!("{file}:9"), &["###", "##"]);
    assert_warning(&run, &format!("{file}:11"), &["`meer`"]);
    assert_warning(&run, &format!("{file}:11"), &["`lees meer`"]);
    assert_eq!(warnings(&run).len(), 7, "{}", run.stderr);
    // A build is not stopped by them.
    site.build_ok();
}

const GOOD_PAGE: &str = "---
title: Gewoon
summary: \"Koffie om 10.30 uur, bijv. in het buurthuis.\"
---
We beginnen om 19.30 uur in 't Buurthuis, d.w.z. in de grote zaal. Neem o.a. een stoel mee, want er komen ca. 40 mensen. Vraag het gerust aan J. de Vries of mevr. Bakker van de werkgroep.

## Wat gaan we doen?

Dit zijn de punten voor de avond, en iedereen mag op elk punt iets zeggen of een vraag stellen aan de mensen die er zijn:

- Welkom en koffie met iets lekkers erbij, en daarna een korte uitleg over de avond en wie er aan tafel zitten
- Het plan voor de buurttuin en wat bewoners daar zelf aan kunnen doen, samen met de gemeente en de school
- Rondvraag

### Aanmelden

Aanmelden kan via [de pagina Meedoen](/meedoen/). Wilt u een aanvraag indienen? Dat kan tot en met 15 maart.

## Verslag

Het verslag van de vorige keer staat op [de pagina van Noord](/noord/).
";

#[test]
fn normal_text_with_abbreviations_times_and_lists_gives_no_warning() {
    let site = Fixture::new();
    site.write("content/pages/gewoon.md", GOOD_PAGE);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(warnings(&run), Vec::<String>::new());
}

#[test]
fn meetings_and_editions_are_read_but_drafts_are_not() {
    let site = Fixture::new();
    site.write(
        "content/bijeenkomsten/2030-01-10-overleg.md",
        "---\ntitle: Overleg\nstart: 2030-01-10 19:30\nend: 2030-01-10 21:00\n---\nWe gaan de plannen evalueren.\n",
    );
    site.write(
        "content/nieuwsbrief/2030-01-05-januari.md",
        "---\ntitle: Januari\ndate: 2030-01-05\nsummary: Nieuws.\n---\n## Nieuws\n\nInzake de tuin: [hier](/meedoen/).\n",
    );
    site.write(
        "content/pages/concept.md",
        "---\ntitle: Concept\ndraft: true\n---\nMiddels dit concept.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_warning(
        &run,
        "content/bijeenkomsten/2030-01-10-overleg.md:6",
        &["`evalueren`", "bekijken hoe het ging"],
    );
    assert_warning(
        &run,
        "content/nieuwsbrief/2030-01-05-januari.md:8",
        &["`inzake`", "over"],
    );
    assert_warning(
        &run,
        "content/nieuwsbrief/2030-01-05-januari.md:8",
        &["`hier`"],
    );
    assert!(!run.stderr.contains("concept.md"), "{}", run.stderr);
}

#[test]
fn site_yaml_adds_jargon_and_can_turn_a_word_off() {
    let site = Fixture::new();
    site.write(
        "content/site.yaml",
        format!(
            "{}jargon:\n  stakeholders: \"de mensen om wie het gaat\"\n  prioriteit: \"\"\n",
            common::SITE_YAML
        ),
    );
    site.write(
        "content/pages/woorden.md",
        "---\ntitle: Woorden\n---\nAlle stakeholders komen.\n\nDe prioriteit is de tuin.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_warning(
        &run,
        "content/pages/woorden.md:4",
        &["`stakeholders`", "de mensen om wie het gaat"],
    );
    assert_eq!(
        warnings(&run).len(),
        1,
        "prioriteit is off:\n{}",
        run.stderr
    );
    // The build accepts the new field.
    site.build_ok();
}

#[test]
fn a_heading_that_skips_a_level_after_an_h2_is_named() {
    let site = Fixture::new();
    site.write(
        "content/pages/koppen.md",
        "---\ntitle: Koppen\n---\n## Eerst\n\nTekst.\n\n#### Te diep\n\nTekst.\n\n## Weer goed\n\n### Goed\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_warning(&run, "content/pages/koppen.md:8", &["####", "##-kop"]);
    assert_eq!(warnings(&run).len(), 1, "{}", run.stderr);
}

#[test]
fn many_long_sentences_in_one_file_are_named_ten_times_then_counted() {
    let site = Fixture::new();
    let text: String = (1..=12)
        .map(|i| format!("Zin {i} heeft heel veel woorden en gaat maar door over de buurt en de tuin en de school en de mensen en de straat en het plein.\n"))
        .collect();
    site.write(
        "content/pages/lang.md",
        format!("---\ntitle: Lang\n---\n{text}"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let long = warnings(&run)
        .iter()
        .filter(|w| w.contains("woorden; dat is lang"))
        .count();
    assert_eq!(long, 10, "{}", run.stderr);
    assert_warning(&run, "content/pages/lang.md", &["en nog 2 lange zinnen"]);
}
