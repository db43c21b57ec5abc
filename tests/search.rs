//! Site search (issue 21): which pages the build indexes and under which
//! filters, the index files in the output (through the staging folder and
//! the manifest, byte-identical from build to build), the search page and
//! the header field; and, in Debian's Chromium, a resident typing: a word
//! on one page finds that page first, a Dutch inflected form finds it too,
//! a wijk narrows the results, nothing leaves the site, axe and the Nu
//! checker find nothing on the results. The browser part needs tools
//! outside Rust: SKIPPED without them, required under CI (`CI=true`).

mod common;
use common::{Fixture, missing, repo_root, which};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A word on one page only, and a plural that page has no other form of.
const UNIQUE: &str = "zwerfvuilgrijpers";
const PLURAL_ONLY: &str = "bijeenkomsten";
/// Pages with the word "wijkfeest": more than the ten shown at first.
const MANY: usize = 13;

fn fixture() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/pages/zwerfvuil.md",
        format!(
            "---\ntitle: Samen de straat schoon\n---\nMet de {UNIQUE} van de gemeente ruimen we \
             de speeltuin op. Wie een bankje ziet dat stuk is, meldt het.\n"
        ),
    );
    site.write(
        "content/wijken/noord/overleg.md",
        format!(
            "---\ntitle: Overleg in Noord\n---\nAlle {PLURAL_ONLY} van het wijknetwerk staan in \
             de agenda. Het bankje bij de vijver is nieuw. In de zaal is een ringleiding. De coördinatie \
             ligt bij het wijknetwerk, in het buurt\u{ad}kastje.\n"
        ),
    );
    site.write(
        "content/wijken/zuid/bankjes.md",
        "---\ntitle: Bankjes in Zuid\n---\nBewoners vroegen om een bankje bij de bushalte. \
         Het bankje komt in het voorjaar.\n",
    );
    site.write(
        "content/bijeenkomsten/2026-06-16-zuid.md",
        "---\ntitle: Wijkraad Zuid\nstart: 2026-06-16 19:30\nend: 2026-06-16 21:00\n\
         venue: buurthuis\nwijken: [zuid]\nsummary: Over de speeltuin.\n---\nWe praten over \
         het nieuwe bankje.\n",
    );
    // Enough pages with one word for a second page of results.
    for n in 1..=MANY {
        site.write(
            &format!("content/pages/feest-{n}.md"),
            format!("---\ntitle: Straatfeest {n}\n---\nHet wijkfeest in straat {n}.\n"),
        );
    }
    site.write(
        "content/pages/concept.md",
        "---\ntitle: Nog niet af\ndraft: true\n---\nGeheime kladversie.\n",
    );
    site
}

fn build(site: &Fixture, out: &Path, extra: &[&str]) {
    let mut args = vec!["build", "-q", "--root"];
    let root = site.root().to_str().unwrap().to_string();
    args.push(&root);
    let out = out.to_str().unwrap().to_string();
    args.extend(["--output", &out]);
    args.extend(extra);
    let run = Command::new(env!("CARGO_BIN_EXE_wijksite"))
        .args(&args)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The index as the browser reads it: the manifest, and every page's
/// fragment with its id.
struct Index {
    meta: serde_json::Value,
    out: PathBuf,
    /// url → (id, fragment)
    pages: std::collections::BTreeMap<String, (u64, serde_json::Value)>,
}

impl Index {
    fn read(out: &Path) -> Index {
        let json = |rel: &str| -> serde_json::Value {
            serde_json::from_str(&read(out, &format!("zoeken/data/{rel}"))).unwrap()
        };
        let meta = json("meta.json");
        let bundle = meta["bundle"].as_u64().unwrap();
        let pages = (0..meta["pages"].as_u64().unwrap())
            .map(|id| {
                let fragment =
                    json(&format!("p/{}.json", id / bundle))[(id % bundle) as usize].clone();
                (
                    fragment["url"].as_str().unwrap().to_string(),
                    (id, fragment),
                )
            })
            .collect();
        Index {
            meta,
            out: out.to_path_buf(),
            pages,
        }
    }

    fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&read(&self.out, &format!("zoeken/data/{rel}"))).unwrap()
    }

    /// The (filter, value) pairs page `url` is found under.
    fn filters_of(&self, url: &str) -> Vec<(String, String)> {
        let id = self.pages[url].0;
        let mut found = Vec::new();
        for filter in self.meta["filters"].as_array().unwrap() {
            let name = filter[0].as_str().unwrap();
            for (n, value) in filter[1].as_array().unwrap().iter().enumerate() {
                let mut at = 0;
                let ids: Vec<u64> = self
                    .json(&format!("f/{name}-{n}.json"))
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|gap| {
                        at += gap.as_u64().unwrap();
                        at
                    })
                    .collect();
                assert_eq!(ids.len() as u64, value[1].as_u64().unwrap());
                if ids.contains(&id) {
                    found.push(pair(name, value[0].as_str().unwrap()));
                }
            }
        }
        found
    }

    /// The urls whose words include `stem` exactly, by the chunk the
    /// manifest names for it.
    fn pages_with(&self, stem: &str) -> Vec<String> {
        let firsts = self.meta["chunks"].as_array().unwrap();
        let n = firsts
            .iter()
            .rposition(|first| first.as_str().unwrap() <= stem)
            .unwrap_or(0);
        let chunk = self.json(&format!("w/{n}.json"));
        let chunk = chunk.as_array().unwrap();
        let Some(at) = chunk.iter().step_by(2).position(|s| s == stem) else {
            return Vec::new();
        };
        let mut id = 0;
        let ids: Vec<u64> = chunk[at * 2 + 1]
            .as_array()
            .unwrap()
            .chunks(2)
            .map(|posting| {
                id += posting[0].as_u64().unwrap();
                id
            })
            .collect();
        self.pages
            .iter()
            .filter(|(_, (page, _))| ids.contains(page))
            .map(|(url, _)| url.clone())
            .collect()
    }
}

fn pair(name: &str, value: &str) -> (String, String) {
    (name.to_string(), value.to_string())
}

#[test]
fn every_published_page_is_indexed_with_section_and_wijk_and_nothing_else() {
    let site = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&site, &out, &[]);
    let index = Index::read(&out);
    for page in [
        "/",
        "/meedoen/",
        "/zwerfvuil/",
        "/noord/",
        "/noord/overleg/",
        "/zuid/bankjes/",
        "/bijeenkomsten/",
        "/bijeenkomsten/2026-06-16-zuid/",
    ] {
        assert!(index.pages.contains_key(page), "{page} is not indexed");
    }
    for url in index.pages.keys() {
        assert!(
            !url.contains("poster") && !url.contains("404") && !url.starts_with("/zoeken"),
            "{url} is no result"
        );
    }
    // Every page that carries the mark, and only those, are in the index.
    let marked_pages = common::snapshot(&out)
        .iter()
        .filter(|(p, bytes)| {
            p.ends_with("index.html")
                && String::from_utf8_lossy(bytes)
                    .contains("<main id=\"inhoud\" tabindex=\"-1\" data-zoek=")
        })
        .count();
    assert_eq!(index.pages.len(), marked_pages);
    assert!(!out.join("concept").exists(), "drafts are not built");

    assert_eq!(
        index.filters_of("/noord/overleg/"),
        [pair("sectie", "Wijkpagina's"), pair("wijk", "Noord")]
    );
    assert_eq!(
        index.filters_of("/zwerfvuil/"),
        [pair("sectie", "Pagina's")]
    );
    let meeting = "/bijeenkomsten/2026-06-16-zuid/";
    assert_eq!(
        index.filters_of(meeting),
        [pair("sectie", "Bijeenkomsten"), pair("wijk", "Zuid")]
    );
    let fragment = &index.pages[meeting].1;
    assert_eq!(fragment["title"], "Wijkraad Zuid");
    let shown = fragment["shown"].to_string();
    assert!(
        shown.contains("\"Bijeenkomsten\",\"Zuid\"") && shown.contains("16 juni 2026"),
        "{shown}"
    );
    assert!(
        fragment["text"]
            .as_str()
            .unwrap()
            .contains("het nieuwe bankje")
    );

    // The words: stemmed, a unique word on its page only, the menu and
    // footer (on every page) not part of a page's words.
    assert_eq!(index.pages_with("zwerfvuilgrijper"), ["/zwerfvuil/"]);
    assert!(
        index
            .pages_with("bijeenkomst")
            .contains(&"/noord/overleg/".to_string())
    );
    assert!(
        index
            .pages_with("ringleid")
            .contains(&"/noord/overleg/".to_string())
    );
    assert!(!index.pages_with("geheim").iter().any(|u| u == "/concept/"));

    assert!(out.join("search.js").is_file() && out.join("stem-nl.js").is_file());
    // Through the staging folder: every file is in the manifest.
    let manifest = read(&out, ".wijksite-manifest");
    for (path, _) in common::snapshot(&out) {
        if path != ".wijksite-manifest" {
            assert!(
                manifest.lines().any(|l| l == path),
                "{path} not in the manifest"
            );
        }
    }
    assert!(manifest.contains("zoeken/data/meta.json"));

    // With --drafts the draft is built but still not a search result.
    let drafts = tmp.path().join("drafts");
    build(&site, &drafts, &["--drafts"]);
    assert!(read(&drafts, "concept/index.html").contains("Geheime kladversie"));
    assert!(!read(&drafts, "concept/index.html").contains("data-zoek="));
    assert!(!Index::read(&drafts).pages.contains_key("/concept/"));
}

#[test]
fn the_index_is_byte_identical_from_build_to_build() {
    let site = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&site, &a, &[]);
    build(&site, &b, &[]);
    let (first, second) = (common::snapshot(&a), common::snapshot(&b));
    assert!(
        first
            .iter()
            .filter(|(p, _)| p.starts_with("zoeken/data/"))
            .count()
            > 5
    );
    assert_eq!(first.len(), second.len());
    for ((pa, ba), (pb, bb)) in first.iter().zip(&second) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}

#[test]
fn every_page_has_the_search_field_and_the_search_page_its_strings() {
    let site = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&site, &out, &[]);
    for page in [
        "index.html",
        "noord/overleg/index.html",
        "404.html",
        "zoeken/index.html",
    ] {
        let html = read(&out, page);
        assert!(
            html.contains(
                "<form class=\"site-search\" role=\"search\" action=\"/zoeken/\" method=\"get\">"
            ) && html.contains("<label for=\"site-zoekterm\">Zoek op de site</label>")
                && html.contains("name=\"q\""),
            "{page} has no search field in its header"
        );
    }
    let search = read(&out, "zoeken/index.html");
    assert!(search.contains("<h1>Zoeken</h1>"));
    assert!(search.contains("data-index=\"/zoeken/data/meta.json\""));
    assert!(search.contains("role=\"status\" aria-live=\"polite\""));
    assert!(search.contains("<option>Noord</option>") && search.contains("<option>Zuid</option>"));
    assert!(search.contains("<option>Bijeenkomsten</option>"));
    assert!(search.contains("data-many=\"{count} resultaten voor ‘{query}’.\""));
    assert!(search.contains("<noscript>"));
    assert!(search.contains("<script type=\"module\" src=\"/search.js\"></script>"));
    // No text in the script: every text comes from strings.yaml.
    let script = read(&out, "search.js");
    for dutch in ["resultaat", "zoeken…", "Niets"] {
        assert!(
            !script.contains(dutch),
            "search.js has a text of its own: {dutch}"
        );
    }
}

#[test]
fn an_own_base_layout_without_the_search_mark_is_warned_about() {
    let site = fixture();
    let base =
        std::fs::read_to_string(repo_root().join("themes/wijk/templates/base.html")).unwrap();
    let start = base.find("{#- What the site search files").unwrap();
    let end = base[start..].find("{% endif %}>").unwrap() + start + "{% endif %}".len();
    let old = format!("{}{}", &base[..start], &base[end..]);
    assert!(!old.contains("data-zoek"), "{old}");
    site.write("templates/base.html", old);
    let run = site.build_ok();
    let warning = run
        .messages()
        .into_iter()
        .find(|m| m.contains("templates/base.html"))
        .unwrap_or_else(|| panic!("no warning:\n{}", run.stderr));
    assert!(
        warning.contains("vindt geen enkele pagina") && warning.contains("search: false"),
        "{warning}"
    );
    // The built-in layout, or `search: false`, gives no such warning.
    let plain = fixture();
    assert!(!plain.build_ok().stderr.contains("data-zoek"));
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", format!("{yaml}search: false\n"));
    assert!(!site.build_ok().stderr.contains("data-zoek"));
}

#[test]
fn a_page_on_the_search_address_is_refused() {
    let site = fixture();
    site.write("content/pages/zoeken.md", "---\ntitle: Zoeken\n---\nx\n");
    let run = site.build();
    run.assert_error("content/pages/zoeken.md", &["gereserveerd"]);
}

#[test]
fn a_resident_finds_pages_by_word_by_dutch_form_and_by_wijk_in_chromium() {
    let e2e = repo_root().join("tests/e2e");
    let chromium = PathBuf::from(std::env::var("CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    let node = which("node");
    let modules = e2e.join("node_modules/playwright-core");
    let java = which("java");
    let vnu = e2e.join("node_modules/vnu-jar/build/dist/vnu.jar");
    if let Some(reason) = missing(&[
        ("chromium", &chromium),
        ("node", &node),
        ("tests/e2e/node_modules (npm ci)", &modules),
        ("java", &java),
        ("vnu.jar (npm ci in tests/e2e)", &vnu),
    ]) {
        eprintln!("SKIPPED: search in the browser ({reason})");
        return;
    }
    let site = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&site, &out, &[]);
    let shots = repo_root().join("tests/screenshots/search");
    let queries = serde_json::json!({
        "unique": [UNIQUE, "/zwerfvuil/"],
        // "coo\u{308}rdinatie": typed with a separate accent (NFD), as pasted text can be.
        "inflected": [
            ["bijeenkomst", "/noord/overleg/"],
            ["ringleidingen", "/noord/overleg/"],
            ["coo\u{308}rdinatie", "/noord/overleg/"],
            // Written with a soft hyphen (U+00AD) on the page.
            ["buurtkastje", "/noord/overleg/"],
        ],
        "wijk": ["bankje", "Zuid"],
        "many": ["wijkfeest", MANY],
    });
    let run = Command::new(node)
        .arg(e2e.join("search.mjs"))
        .arg(&out)
        .arg(&shots)
        .arg(queries.to_string())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&run.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "search problems:\n{report}");
    assert!(report.contains("0 off the machine, 0 problems"), "{report}");

    // The page as it stands with results, through the Nu checker.
    let results = shots.join("zoeken-resultaten.html");
    let html = std::fs::read_to_string(&results).unwrap();
    assert!(html.contains("<mark>"), "the results state has no results");
    let nu = Command::new(java)
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "gnu"])
        .arg(&results)
        .output()
        .unwrap();
    let errors =
        String::from_utf8_lossy(&nu.stderr).into_owned() + &String::from_utf8_lossy(&nu.stdout);
    assert!(
        nu.status.success() && errors.trim().is_empty(),
        "Nu checker on the results state:\n{errors}"
    );
}

/// `serve` keeps the index current: after a save that adds a word, the
/// session's index files are those of a fresh full build, and differ
/// from before; a save that changes no page's text leaves them alone.
#[test]
fn serve_keeps_the_index_current_after_a_save() {
    use std::collections::BTreeMap;
    use wijksite::build::incremental::Session;
    use wijksite::build::pipeline::{self, BuildOptions};
    use wijksite::theme::output_file::Data;
    // SAFETY: this test binary's other tests run the CLI in child
    // processes and never read the variable themselves.
    unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1790000000") };
    let site = fixture();
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        base_url: None,
        drafts: false,
    };
    let index_of_session = |session: &Session| -> BTreeMap<String, Vec<u8>> {
        session
            .files()
            .iter()
            .filter(|(path, _)| path.starts_with("zoeken/data/"))
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect()
    };
    let index_of_full_build = || -> BTreeMap<String, Vec<u8>> {
        pipeline::build(&options)
            .unwrap()
            .files
            .into_iter()
            .filter(|f| f.path.starts_with("zoeken/data/"))
            .map(|f| match f.data {
                Data::Bytes(bytes) => (f.path, bytes),
                other => panic!("{} is not in memory: {other:?}", f.path),
            })
            .collect()
    };
    let mut session = Session::new(options.clone());
    session.rebuild().unwrap();
    let before = index_of_session(&session);
    assert_eq!(before, index_of_full_build());

    site.write(
        "content/pages/zwerfvuil.md",
        "---\ntitle: Samen de straat schoon\n---\nNu ook met een afvalbakkenschema.\n",
    );
    session
        .apply(["content/pages/zwerfvuil.md".to_string()], false)
        .unwrap();
    let after = index_of_session(&session);
    assert_ne!(after, before, "the index did not follow the save");
    assert_eq!(
        after,
        index_of_full_build(),
        "serve's index differs from a build's"
    );

    site.write("themes/wijk/static/print.css", "/* changed */\n");
    session
        .apply(["themes/wijk/static/print.css".to_string()], false)
        .unwrap();
    assert_eq!(index_of_session(&session), after);

    // serve's way: the tabs reload first, the index follows.
    let mut deferred = Session::new(options.clone());
    deferred.defer_search(true);
    deferred.rebuild().unwrap();
    assert!(
        index_of_session(&deferred).is_empty(),
        "deferred, yet indexed"
    );
    assert!(deferred.update_search().unwrap());
    assert_eq!(index_of_session(&deferred), after);
    site.write(
        "content/pages/zwerfvuil.md",
        "---\ntitle: Samen de straat schoon\n---\nEn een grijperuitleendienst.\n",
    );
    deferred
        .apply(["content/pages/zwerfvuil.md".to_string()], false)
        .unwrap();
    assert_eq!(
        index_of_session(&deferred),
        after,
        "the save waited for the index"
    );
    assert!(deferred.update_search().unwrap());
    assert_eq!(index_of_session(&deferred), index_of_full_build());
    assert!(!deferred.update_search().unwrap(), "nothing left to index");
}

#[test]
fn search_false_in_site_yaml_leaves_out_the_index_the_page_and_the_field() {
    let site = fixture();
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", format!("{yaml}search: false\n"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&site, &out, &[]);
    assert!(!out.join("zoeken").exists());
    let home = read(&out, "index.html");
    assert!(!home.contains("site-search") && !home.contains("data-zoek"));
    assert!(out.join("zwerfvuil/index.html").exists());
}
