//! A deterministic synthetic wijksite, for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_site -- --pages 10000 --out DIR [--seed N] [--hugo DIR]
//! ```
//!
//! Writes a valid site in wijksite's format (docs/content-model.md) to DIR:
//! `content/site.yaml` with three invented wijken and four venues, the home
//! and wijk landing texts, `--pages` pages of 500–800 words of Dutch-ish
//! Markdown (headings, lists, a table, a blockquote, emphasis and 5–15 links
//! to other generated pages) spread over `content/pages/` and the wijken,
//! one meeting and one newsletter edition per 50 pages, a wijkplan per year
//! and subsidy rounds in proportion, and a copy of the default theme in
//! `themes/wijk`. The same seed always gives the same bytes: the generator
//! has its own small PRNG and never looks at the clock.
//!
//! With `--hugo DIR` it also writes the same pages, meetings and editions as
//! a Hugo site (config, minimal layouts of similar HTML weight, the same
//! Markdown under Hugo front matter, the same URLs), so both generators
//! build the same input.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const WIJKEN: [(&str, &str, &str); 3] = [
    ("lindenhof", "Lindenhof", "Wijkraad Lindenhof"),
    ("beekveld", "Beekveld", "Wijknetwerk Beekveld"),
    (
        "molenkwartier",
        "Molenkwartier",
        "Bewonersgroep Molenkwartier",
    ),
];

const VENUES: [(&str, &str, &str, &str); 4] = [
    ("de-linde", "Buurthuis De Linde", "Lindeplein 3", "3811 AA"),
    ("het-beekhuis", "Het Beekhuis", "Beekweg 12", "3812 BB"),
    (
        "de-molen",
        "Wijkcentrum De Molen",
        "Molenstraat 40",
        "3813 CC",
    ),
    (
        "bibliotheek-centrum",
        "Bibliotheek Centrum",
        "Stadsring 1",
        "3814 DD",
    ),
];

/// The fixed area pages: slug, title, in the main menu.
const FIXED_PAGES: [(&str, &str, bool); 5] = [
    ("meedoen", "Meedoen in de buurt", true),
    ("over-ons", "Over het bewonersteam", true),
    ("contact", "Contact", true),
    ("toegankelijkheid", "Toegankelijkheid van deze site", false),
    ("privacy", "Privacy", false),
];

const NOUNS: &[&str] = &[
    "buurt",
    "wijk",
    "straat",
    "plein",
    "speeltuin",
    "bewoner",
    "buren",
    "moestuin",
    "bankje",
    "fietspad",
    "koffieochtend",
    "buurthuis",
    "vrijwilliger",
    "gemeente",
    "wijkagent",
    "school",
    "bibliotheek",
    "markt",
    "boom",
    "grasveld",
    "parkeerplaats",
    "stoep",
    "lantaarnpaal",
    "afvalbak",
    "jongeren",
    "ouderen",
    "kinderen",
    "gezinnen",
    "vergadering",
    "avond",
    "plan",
    "idee",
    "aanvraag",
    "subsidie",
    "budget",
    "project",
    "werkgroep",
    "nieuwsbrief",
    "website",
    "verslag",
    "agenda",
    "zomerfeest",
    "opruimdag",
    "buurtapp",
    "huiskamer",
    "maaltijd",
    "wandeling",
    "route",
    "kruispunt",
    "verkeer",
    "snelheid",
    "geluid",
    "groen",
    "water",
    "vijver",
    "hondenveld",
    "zitplek",
    "ontmoeting",
    "activiteit",
    "cursus",
    "taalcafé",
];

const VERBS: &[&str] = &[
    "organiseren",
    "bespreken",
    "helpen",
    "maken",
    "zoeken",
    "vragen",
    "plannen",
    "verbeteren",
    "opknappen",
    "delen",
    "kiezen",
    "bouwen",
    "onderhouden",
    "aanleggen",
    "uitnodigen",
    "ontmoeten",
    "regelen",
    "bezoeken",
    "steunen",
    "melden",
    "schoonmaken",
    "versieren",
];

const ADJECTIVES: &[&str] = &[
    "mooie",
    "nieuwe",
    "groene",
    "rustige",
    "drukke",
    "veilige",
    "schone",
    "gezellige",
    "oude",
    "kleine",
    "grote",
    "open",
    "eerste",
    "laatste",
    "vaste",
    "extra",
    "lokale",
    "eigen",
];

const FILLERS: &[&str] = &[
    "de", "het", "een", "en", "met", "voor", "in", "op", "bij", "van", "samen", "ook", "graag",
    "elke", "week", "maand", "iedereen", "wij", "u", "we", "hier", "daar", "nog", "al", "dan",
];

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

struct Options {
    pages: usize,
    out: PathBuf,
    seed: u64,
    hugo: Option<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        pages: 1000,
        out: PathBuf::new(),
        seed: 1,
        hugo: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--pages" => options.pages = value()?.parse().map_err(|e| format!("--pages: {e}"))?,
            "--out" => options.out = PathBuf::from(value()?),
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--hugo" => options.hugo = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    if options.pages < FIXED_PAGES.len() {
        return Err(format!("--pages must be at least {}", FIXED_PAGES.len()));
    }
    Ok(options)
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\nusage: gen_site --pages N --out DIR [--seed N] [--hugo DIR]");
            std::process::exit(2);
        }
    };
    let site = Site::generate(options.pages, options.seed);
    if let Err(e) = site.write_wijksite(&options.out) {
        eprintln!("writing {}: {e}", options.out.display());
        std::process::exit(1);
    }
    if let Some(dir) = &options.hugo {
        if let Err(e) = site.write_hugo(dir) {
            eprintln!("writing {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
    println!(
        "{} pages, {} meetings, {} editions, {} wijkplannen, {} rounds → {}",
        site.pages.len(),
        site.meetings.len(),
        site.editions.len(),
        site.wijkplannen.len(),
        site.rounds.len(),
        options.out.display()
    );
}

/// One generated Markdown page.
struct GenPage {
    /// `None` for an area page.
    wijk: Option<usize>,
    slug: String,
    title: String,
    summary: Option<String>,
    date: Option<String>,
    weight: Option<i64>,
    menu: bool,
    body: String,
}

impl GenPage {
    fn path(&self) -> String {
        match self.wijk {
            Some(w) => format!("/{}/{}/", WIJKEN[w].0, self.slug),
            None => format!("/{}/", self.slug),
        }
    }
}

struct GenMeeting {
    slug: String,
    title: String,
    date: String,
    start: String,
    end: String,
    venue: &'static str,
    wijk: Option<usize>,
    status: &'static str,
    minutes: Option<String>,
    body: String,
}

struct GenEdition {
    slug: String,
    title: String,
    date: String,
    summary: String,
    wijk: Option<usize>,
    body: String,
}

struct GenPriority {
    id: String,
    title: String,
    wijk: Option<usize>,
}

struct GenWijkplan {
    year: u32,
    priorities: Vec<GenPriority>,
    text: String,
}

struct GenRound {
    slug: String,
    text: String,
}

struct Site {
    pages: Vec<GenPage>,
    meetings: Vec<GenMeeting>,
    editions: Vec<GenEdition>,
    wijkplannen: Vec<GenWijkplan>,
    rounds: Vec<GenRound>,
}

impl Site {
    fn generate(page_count: usize, seed: u64) -> Site {
        let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED);
        let mut pages = page_list(page_count, &mut rng);
        let paths: Vec<String> = pages.iter().map(GenPage::path).collect();
        for (i, page) in pages.iter_mut().enumerate() {
            page.body = page_body(&mut rng, &paths, i);
        }
        let meetings = meetings(page_count / 50, &paths, &mut rng);
        let editions = editions(page_count / 50, &paths, &meetings, &mut rng);
        let wijkplannen = wijkplannen(page_count, &mut rng);
        let rounds = rounds(page_count, &wijkplannen, &mut rng);
        Site {
            pages,
            meetings,
            editions,
            wijkplannen,
            rounds,
        }
    }

    fn write_wijksite(&self, out: &Path) -> std::io::Result<()> {
        let content = out.join("content");
        if content.exists() {
            fs::remove_dir_all(&content)?;
        }
        write(&content.join("site.yaml"), &site_yaml())?;
        write(
            &content.join("_index.md"),
            &format!(
                "---\ntitle: \"Samen in de Stadsrand\"\nsummary: \"Nieuws en afspraken uit drie wijken.\"\n---\n\n{}\n",
                intro_text(&WIJKEN.map(|w| w.1))
            ),
        )?;
        for (slug, name, network) in WIJKEN {
            write(
                &content.join(format!("wijken/{slug}/_index.md")),
                &format!(
                    "---\ntitle: \"Welkom in {name}\"\nsummary: \"Wat er speelt in {name}.\"\n---\n\nIn {name} praten bewoners mee via de **{network}**. Iedereen is welkom.\n"
                ),
            )?;
        }
        for page in &self.pages {
            let file = match page.wijk {
                Some(w) => content.join(format!("wijken/{}/{}.md", WIJKEN[w].0, page.slug)),
                None => content.join(format!("pages/{}.md", page.slug)),
            };
            let mut front = format!("title: \"{}\"\n", page.title);
            if let Some(summary) = &page.summary {
                let _ = writeln!(front, "summary: \"{summary}\"");
            }
            if let Some(date) = &page.date {
                let _ = writeln!(front, "date: {date}");
            }
            if let Some(weight) = page.weight {
                let _ = writeln!(front, "weight: {weight}");
            }
            if page.menu {
                front.push_str("menu: true\n");
            }
            write(&file, &format!("---\n{front}---\n\n{}", page.body))?;
        }
        for m in &self.meetings {
            let mut front = format!(
                "title: \"{}\"\nstart: {}\nend: {}\nvenue: {}\nkind: wijknetwerk\n",
                m.title, m.start, m.end, m.venue
            );
            if let Some(w) = m.wijk {
                let _ = writeln!(front, "wijken: [{}]", WIJKEN[w].0);
            }
            if m.status != "confirmed" {
                let _ = writeln!(front, "status: {}", m.status);
            }
            if let Some(minutes) = &m.minutes {
                let _ = writeln!(front, "minutes: {minutes}");
            }
            write(
                &content.join(format!("bijeenkomsten/{}.md", m.slug)),
                &format!("---\n{front}---\n\n{}", m.body),
            )?;
        }
        for e in &self.editions {
            let mut front = format!(
                "title: \"{}\"\ndate: {}\nsummary: \"{}\"\n",
                e.title, e.date, e.summary
            );
            if let Some(w) = e.wijk {
                let _ = writeln!(front, "wijken: [{}]", WIJKEN[w].0);
            }
            write(
                &content.join(format!("nieuwsbrief/{}.md", e.slug)),
                &format!("---\n{front}---\n\n{}", e.body),
            )?;
        }
        for plan in &self.wijkplannen {
            write(
                &content.join(format!("wijkplan/{}.yaml", plan.year)),
                &plan.text,
            )?;
        }
        for round in &self.rounds {
            write(
                &content.join(format!("projecten/{}.yaml", round.slug)),
                &round.text,
            )?;
        }
        let themes = out.join("themes");
        if themes.exists() {
            fs::remove_dir_all(&themes)?;
        }
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("themes/wijk"), &themes.join("wijk"))
    }

    fn write_hugo(&self, dir: &Path) -> std::io::Result<()> {
        let content = dir.join("content");
        if content.exists() {
            fs::remove_dir_all(&content)?;
        }
        write(&dir.join("config.toml"), HUGO_CONFIG)?;
        write(&dir.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
        write(&dir.join("layouts/_default/single.html"), HUGO_SINGLE)?;
        write(&dir.join("layouts/_default/list.html"), HUGO_LIST)?;
        write(&dir.join("layouts/index.html"), HUGO_LIST)?;
        write(
            &dir.join("static/style.css"),
            &fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/wijk/static/style.css"),
            )?,
        )?;
        write(
            &content.join("_index.md"),
            &format!(
                "---\ntitle: \"Samen in de Stadsrand\"\nsummary: \"Nieuws en afspraken uit drie wijken.\"\n---\n\n{}\n",
                intro_text(&WIJKEN.map(|w| w.1))
            ),
        )?;
        for (slug, name, network) in WIJKEN {
            write(
                &content.join(format!("{slug}/_index.md")),
                &format!(
                    "---\ntitle: \"Welkom in {name}\"\nsummary: \"Wat er speelt in {name}.\"\nmenu: main\n---\n\nIn {name} praten bewoners mee via de **{network}**. Iedereen is welkom.\n"
                ),
            )?;
        }
        for page in &self.pages {
            let file = match page.wijk {
                Some(w) => content.join(format!("{}/{}.md", WIJKEN[w].0, page.slug)),
                None => content.join(format!("{}.md", page.slug)),
            };
            let mut front = format!("title: \"{}\"\n", page.title);
            if let Some(summary) = &page.summary {
                let _ = writeln!(front, "summary: \"{summary}\"");
            }
            if let Some(date) = &page.date {
                let _ = writeln!(front, "date: {date}");
            }
            if let Some(weight) = page.weight {
                let _ = writeln!(front, "weight: {weight}");
            }
            if page.menu {
                front.push_str("menu: main\n");
            }
            write(&file, &format!("---\n{front}---\n\n{}", page.body))?;
        }
        write(
            &content.join("bijeenkomsten/_index.md"),
            "---\ntitle: \"Bijeenkomsten\"\nmenu: main\n---\n",
        )?;
        for m in &self.meetings {
            write(
                &content.join(format!("bijeenkomsten/{}.md", m.slug)),
                &format!(
                    "---\ntitle: \"{}\"\ndate: {}\n---\n\n{}",
                    m.title, m.date, m.body
                ),
            )?;
        }
        write(
            &content.join("nieuwsbrief/_index.md"),
            "---\ntitle: \"Nieuwsbrief\"\nmenu: main\n---\n",
        )?;
        for e in &self.editions {
            write(
                &content.join(format!("nieuwsbrief/{}.md", e.slug)),
                &format!(
                    "---\ntitle: \"{}\"\ndate: {}\nsummary: \"{}\"\n---\n\n{}",
                    e.title, e.date, e.summary, e.body
                ),
            )?;
        }
        Ok(())
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn site_yaml() -> String {
    let mut yaml = String::from(
        "# Synthetic benchmark site made by examples/gen_site.rs.\n\
         title: \"Samen in de Stadsrand\"\n\
         short_title: \"Stadsrand\"\n\
         description: \"Bewoners en professionals uit drie wijken bepalen samen wat de buurt nodig heeft.\"\n\
         base_url: \"https://stadsrand.example\"\n\
         language: nl\n\
         timezone: Europe/Amsterdam\n\
         theme: wijk\n\
         wijken:\n",
    );
    for (slug, name, network) in WIJKEN {
        let _ = write!(
            yaml,
            "  - slug: {slug}\n    name: {name}\n    network: \"{network}\"\n    description: \"De wijk {name}, met een eigen {network}.\"\n"
        );
    }
    yaml.push_str("venues:\n");
    for (i, (slug, name, address, postcode)) in VENUES.iter().enumerate() {
        let _ = write!(
            yaml,
            "  - slug: {slug}\n    name: \"{name}\"\n    address: \"{address}\"\n    postcode: \"{postcode}\"\n    city: Stadsrand\n    lat: 52.{}\n    lon: 5.{}\n    accessibility: \"Gelijkvloers, met een aangepast toilet.\"\n",
            170 + i,
            400 + i
        );
    }
    yaml.push_str(
        "contact:\n  email: bewonersteam@stadsrand.example\n  name: \"Bewonersteam Stadsrand\"\n  phone: \"033 123 45 67\"\n",
    );
    yaml
}

fn intro_text(names: &[&str]) -> String {
    format!(
        "Welkom op de site van de wijken {}. Hier leest u wat er speelt en hoe u meedoet.",
        names.join(", ")
    )
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn title_words(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        capitalise(rng.pick(ADJECTIVES)),
        rng.pick(NOUNS),
        rng.pick(&[
            "in de buurt",
            "voor iedereen",
            "aan de rand",
            "bij de school",
            "op het plein",
            "in de zomer"
        ]),
    )
}

fn date(rng: &mut Rng, first_year: u64, last_year: u64) -> (u64, u64, u64) {
    (
        rng.range(first_year, last_year),
        rng.range(1, 12),
        rng.range(1, 28),
    )
}

/// The pages with their place, title and front matter; bodies come later.
fn page_list(count: usize, rng: &mut Rng) -> Vec<GenPage> {
    let area_pages = (count / 10).max(FIXED_PAGES.len());
    (0..count)
        .map(|i| {
            let (slug, title, menu, wijk) = if i < FIXED_PAGES.len() {
                let (slug, title, menu) = FIXED_PAGES[i];
                (slug.to_string(), title.to_string(), menu, None)
            } else {
                let title = title_words(rng);
                let slug = format!("{}-{i}", slugify(&title));
                let wijk = (i >= area_pages).then_some(i % WIJKEN.len());
                (slug, title, false, wijk)
            };
            let summary = rng.chance(50).then(|| sentence(rng, 10, 18, false));
            let date = rng.chance(40).then(|| {
                let (y, m, d) = date(rng, 2020, 2025);
                format!("{y}-{m:02}-{d:02}")
            });
            let weight = rng.chance(20).then(|| rng.range(1, 100) as i64);
            GenPage {
                wijk,
                slug,
                title,
                summary,
                date,
                weight,
                menu,
                body: String::new(),
            }
        })
        .collect()
}

fn slugify(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'é' | 'è' | 'ë' => 'e',
            _ => '-',
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A sentence of `low..=high` words; with `marks`, some *emphasis* and **bold**.
fn sentence(rng: &mut Rng, low: u64, high: u64, marks: bool) -> String {
    let n = rng.range(low, high);
    let mut words = Vec::with_capacity(n as usize);
    for i in 0..n {
        let word = match rng.next() % 5 {
            0 | 1 => rng.pick(FILLERS),
            2 => rng.pick(NOUNS),
            3 => rng.pick(VERBS),
            _ => rng.pick(ADJECTIVES),
        };
        let word = if i == 0 {
            capitalise(word)
        } else {
            word.to_string()
        };
        let marked = match (marks, rng.next() % 40) {
            (true, 0) => format!("*{word}*"),
            (true, 1) => format!("**{word}**"),
            _ => word,
        };
        words.push(marked);
    }
    format!("{}.", words.join(" "))
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A paragraph of 3–6 sentences, with `links` links to other pages in it.
fn paragraph(rng: &mut Rng, links: &mut Vec<String>) -> String {
    let n = rng.range(3, 6);
    let mut sentences: Vec<String> = (0..n).map(|_| sentence(rng, 6, 14, true)).collect();
    if let Some(link) = links.pop() {
        let i = (rng.next() % n) as usize;
        sentences[i] = format!("{} Lees meer over {link}.", sentences[i]);
    }
    sentences.join(" ")
}

/// A page body of 500–800 words with every block type an editor uses.
fn page_body(rng: &mut Rng, paths: &[String], me: usize) -> String {
    let target = rng.range(520, 720) as usize;
    let link_count = rng.range(5, 15) as usize;
    let mut links: Vec<String> = (0..link_count)
        .map(|_| {
            let mut other = (rng.next() % paths.len() as u64) as usize;
            if other == me {
                other = (other + 1) % paths.len();
            }
            format!(
                "[{} {}]({})",
                rng.pick(ADJECTIVES),
                rng.pick(NOUNS),
                paths[other]
            )
        })
        .collect();
    let mut body = String::with_capacity(target * 8);
    let mut words = 0;
    let mut block = 0;
    while words < target {
        let text = match block % 6 {
            0 | 3 => paragraph(rng, &mut links),
            1 => format!(
                "## {}\n\n{}",
                capitalise(&title_words(rng)),
                paragraph(rng, &mut links)
            ),
            2 => {
                let items: Vec<String> = (0..rng.range(3, 5))
                    .map(|_| {
                        let item = sentence(rng, 4, 9, true);
                        match links.pop() {
                            Some(link) if rng.chance(50) => format!("- {item} Zie {link}."),
                            Some(link) => {
                                links.push(link);
                                format!("- {item}")
                            }
                            None => format!("- {item}"),
                        }
                    })
                    .collect();
                items.join("\n")
            }
            4 if block < 6 => {
                let mut table = String::from("| Wat | Wanneer | Waar |\n| --- | --- | --- |\n");
                for _ in 0..rng.range(3, 5) {
                    let _ = writeln!(
                        table,
                        "| {} {} | {} {} | {} |",
                        capitalise(rng.pick(ADJECTIVES)),
                        rng.pick(NOUNS),
                        rng.pick(&[
                            "maandag",
                            "dinsdag",
                            "woensdag",
                            "donderdag",
                            "vrijdag",
                            "zaterdag"
                        ]),
                        rng.pick(&["ochtend", "middag", "avond"]),
                        rng.pick(&VENUES.map(|v| v.1)),
                    );
                }
                table.trim_end().to_string()
            }
            4 => format!(
                "### {}\n\n1. {}\n2. {}\n3. {}",
                capitalise(rng.pick(NOUNS)),
                sentence(rng, 4, 8, false),
                sentence(rng, 4, 8, false),
                sentence(rng, 4, 8, false)
            ),
            _ => format!("> {}", sentence(rng, 10, 20, true)),
        };
        words += word_count(&text);
        body.push_str(&text);
        body.push_str("\n\n");
        block += 1;
    }
    // Links that did not fit in the text go in a closing list.
    if !links.is_empty() {
        body.push_str("## Meer lezen\n\n");
        for link in links {
            let _ = writeln!(body, "- {link}");
        }
    }
    body
}

/// One meeting per 50 pages, spread over 2024–2027, in the evening.
fn meetings(count: usize, paths: &[String], rng: &mut Rng) -> Vec<GenMeeting> {
    (0..count)
        .map(|i| {
            let (y, m, d) = date(rng, 2024, 2027);
            let wijk = rng.chance(60).then(|| i % WIJKEN.len());
            let name = wijk.map_or("Stadsrand", |w| WIJKEN[w].1);
            let date = format!("{y}-{m:02}-{d:02}");
            let hour = rng.range(14, 20);
            let status = match rng.next() % 20 {
                0 => "cancelled",
                1 => "tentative",
                _ => "confirmed",
            };
            let minutes = (y < 2026 && rng.chance(30))
                .then(|| paths[(rng.next() % paths.len() as u64) as usize].clone());
            let mut body = format!("{}\n\n## Agenda\n\n", sentence(rng, 12, 20, false));
            for n in 1..=rng.range(3, 6) {
                let _ = writeln!(body, "{n}. {}", sentence(rng, 4, 10, false));
            }
            let _ = write!(
                body,
                "\nMeer achtergrond leest u op [{}]({}).\n",
                rng.pick(NOUNS),
                paths[(rng.next() % paths.len() as u64) as usize]
            );
            GenMeeting {
                slug: format!("{date}-overleg-{}-{i}", slugify(name)),
                title: format!("Overleg {name}: {}", rng.pick(NOUNS)),
                start: format!("{date} {hour}:30"),
                end: format!("{date} {}:00", hour + 2),
                date,
                venue: VENUES[(rng.next() % VENUES.len() as u64) as usize].0,
                wijk,
                status,
                minutes,
                body,
            }
        })
        .collect()
}

/// One newsletter edition per 50 pages, over 2020–2026.
fn editions(
    count: usize,
    paths: &[String],
    meetings: &[GenMeeting],
    rng: &mut Rng,
) -> Vec<GenEdition> {
    (0..count)
        .map(|i| {
            let (y, m, d) = date(rng, 2020, 2026);
            let date = format!("{y}-{m:02}-{d:02}");
            let mut body = String::new();
            for _ in 0..rng.range(2, 4) {
                let _ = write!(
                    body,
                    "## {}\n\n{} Lees het hele stuk bij [{} {}]({}).\n\n",
                    capitalise(&title_words(rng)),
                    sentence(rng, 15, 30, true),
                    rng.pick(ADJECTIVES),
                    rng.pick(NOUNS),
                    paths[(rng.next() % paths.len() as u64) as usize]
                );
            }
            if let Some(meeting) = meetings.get(i) {
                let _ = writeln!(
                    body,
                    "Kom ook naar [{}](/bijeenkomsten/{}/).",
                    meeting.title, meeting.slug
                );
            }
            GenEdition {
                slug: format!("{date}-editie-{i}"),
                title: format!(
                    "Nieuwsbrief {d} {}",
                    wijksite::content::dates::month_name(m as u32)
                ),
                summary: sentence(rng, 8, 14, false),
                date,
                wijk: rng.chance(30).then(|| i % WIJKEN.len()),
                body,
            }
        })
        .collect()
}

/// A wijkplan per year (2 years, one more per 5,000 pages), each with
/// 6 priorities and one more per 1,000 pages.
fn wijkplannen(pages: usize, rng: &mut Rng) -> Vec<GenWijkplan> {
    let years = 2 + pages / 5000;
    let per_year = 6 + pages / 1000;
    (0..years)
        .map(|k| {
            let year = 2026 - (years - 1 - k) as u32;
            let mut text = format!(
                "year: {year}\nadopted: {year}-02-1{}\nintro: |\n  {}\n\n  Wat we samen willen bereiken staat hieronder.\npriorities:\n",
                k % 10,
                sentence(rng, 15, 25, true)
            );
            let mut priorities = Vec::new();
            for rank in 1..=per_year {
                let noun = rng.pick(NOUNS);
                let id = format!("{}-{rank}", slugify(noun));
                let title = format!("Meer aandacht voor {noun}");
                let wijk = rng.chance(40).then(|| rank % WIJKEN.len());
                let status = ["planned", "active", "done", "dropped"][(rng.next() % 4) as usize];
                let _ = write!(
                    text,
                    "  - id: {id}\n    title: \"{title}\"\n    theme: \"{}\"\n",
                    capitalise(rng.pick(NOUNS))
                );
                if let Some(w) = wijk {
                    let _ = writeln!(text, "    wijken: [{}]", WIJKEN[w].0);
                }
                let _ = write!(
                    text,
                    "    rank: {rank}\n    residents: |\n      - {}\n      - {}\n    professionals: |\n      - {}\n    status: {status}\n",
                    sentence(rng, 6, 12, false),
                    sentence(rng, 6, 12, false),
                    sentence(rng, 6, 12, false)
                );
                if status == "done" {
                    let _ = writeln!(
                        text,
                        "    evaluation: |\n      {}",
                        sentence(rng, 10, 20, false)
                    );
                }
                priorities.push(GenPriority { id, title, wijk });
            }
            GenWijkplan {
                year,
                priorities,
                text,
            }
        })
        .collect()
}

/// One subsidy round per 250 pages (at least one), 6–12 projects each,
/// every amount inside the rules (granted ≤ requested, sum ≤ budget, …).
fn rounds(pages: usize, plans: &[GenWijkplan], rng: &mut Rng) -> Vec<GenRound> {
    let count = (pages / 250).max(1);
    (0..count)
        .map(|i| {
            let plan = &plans[i % plans.len()];
            let year = plan.year;
            let number = i / plans.len() + 1;
            let slug = format!("{year}-ronde-{number}");
            let mut projects = String::new();
            let mut granted_total: u64 = 0;
            for p in 0..rng.range(6, 12) {
                let requested = rng.range(2, 60) * 50;
                let (decision, advice, granted, status) = match rng.next() % 6 {
                    0 => ("rejected", "negative", 0, "cancelled"),
                    1 => ("partially_granted", "conditional", requested / 2, "running"),
                    2 => ("granted", "positive", requested, "completed"),
                    _ => ("granted", "positive", requested, "running"),
                };
                granted_total += granted;
                let priority = &plan.priorities[(rng.next() % plan.priorities.len() as u64) as usize];
                let wijk = priority.wijk.or_else(|| rng.chance(50).then(|| p as usize % WIJKEN.len()));
                let _ = write!(
                    projects,
                    "  - id: project-{p}\n    title: \"{}: {}\"\n",
                    priority.title,
                    title_words(rng)
                );
                if let Some(w) = wijk {
                    let _ = writeln!(projects, "    wijk: {}", WIJKEN[w].0);
                }
                let _ = write!(
                    projects,
                    "    applicant: \"Bewonersgroep {}\"\n    requested: {requested}\n    granted: {granted}\n",
                    capitalise(rng.pick(NOUNS))
                );
                if status == "completed" {
                    let _ = writeln!(projects, "    spent: {}.{:02}", granted.saturating_sub(10), rng.range(0, 99));
                }
                let _ = write!(
                    projects,
                    "    advice: {advice}\n    decision: {decision}\n    priority: {year}/{}\n    summary: |\n      {}\n    status: {status}\n",
                    priority.id,
                    sentence(rng, 10, 20, true)
                );
                if status != "cancelled" {
                    let (_, m, d) = date(rng, 0, 0);
                    let _ = write!(
                        projects,
                        "    milestones:\n      - date: {year}-{m:02}-{d:02}\n        title: \"{}\"\n",
                        capitalise(rng.pick(NOUNS))
                    );
                }
            }
            let budget = granted_total + rng.range(0, 20) * 100;
            let text = format!(
                "title: \"Buurtbudget {year} ronde {number}\"\ndecided: {year}-0{}-1{}\nbudget: {budget}\nprojects:\n{projects}",
                (number % 9) + 1,
                i % 10
            );
            GenRound { slug, text }
        })
        .collect()
}

const HUGO_CONFIG: &str = r##"baseURL = "https://stadsrand.example/"
languageCode = "nl"
title = "Samen in de Stadsrand"
disableKinds = ["taxonomy", "term"]
"##;

/// The same header, menu and footer weight as the wijk theme's base.html.
const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#inhoud">Naar de inhoud</a>
<header class="site-header">
  <div class="wrap">
    <p class="site-name"><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></p>
    <nav aria-label="Hoofdmenu">
      <ul class="menu">
        {{- range .Site.Menus.main }}
        <li><a href="{{ .URL }}">{{ .Name }}</a></li>
        {{- end }}
      </ul>
    </nav>
  </div>
</header>
<main id="inhoud" tabindex="-1">
  <div class="wrap">
{{ block "main" . }}{{ end }}
  </div>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>Deze site is van de bewoners van {{ .Site.Title }}.</p>
    <p>Contact: <a href="mailto:bewonersteam@stadsrand.example">bewonersteam@stadsrand.example</a></p>
  </div>
</footer>
</body>
</html>
"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}
{{- with .Parent }}{{ if not .IsHome }}
<nav aria-label="Kruimelpad" class="breadcrumb"><a href="{{ .RelPermalink }}">{{ .Title }}</a></nav>
{{- end }}{{ end }}
<article>
  <h1>{{ .Title }}</h1>
  {{- if not .Date.IsZero }}
  <p class="meta">Gepubliceerd op <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
  {{- end }}
  <div class="prose">
{{ .Content }}
  </div>
</article>
{{ end }}
"##;

const HUGO_LIST: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
{{- with .Pages }}
<section aria-labelledby="paginas-kop">
  <h2 id="paginas-kop">Pagina's</h2>
  <ul class="list">
    {{- range . }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<br><span class="meta">{{ . }}</span>{{ end }}</li>
    {{- end }}
  </ul>
</section>
{{- end }}
{{ end }}
"##;
