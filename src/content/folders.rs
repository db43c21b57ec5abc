//! The content folders of the sections, in one table: for each, where its
//! files live, how they are written, where its pages appear on the site,
//! how `wijksite new` names a new file and which field `check` recommends.
//! Classifying files, the reserved slugs, the hint for a misplaced file,
//! `new`'s paths and `check`'s warnings all read it, so a new content type
//! is one row here.

use crate::content::Kind;

/// How the files of a folder are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.md` with front matter.
    Markdown,
    /// `.yaml` (or `.yml`).
    Yaml,
}

/// A front-matter field `check` warns about when it is missing or empty.
#[derive(Debug)]
pub struct Recommended {
    pub key: &'static str,
    /// What is missing, in Dutch.
    pub message: &'static str,
    /// What to write, in Dutch.
    pub hint: &'static str,
}

/// One section's content folder.
#[derive(Debug)]
pub struct Folder {
    pub kind: Kind,
    /// The folder under content/, also the first segment of its site
    /// paths: `bijeenkomsten`.
    pub dir: &'static str,
    /// `content/bijeenkomsten`.
    pub source: &'static str,
    /// The section's site path: `/bijeenkomsten/`.
    pub path: &'static str,
    pub format: Format,
    /// `wijksite new` puts the date in front of a new file's name.
    pub dated_names: bool,
    pub recommended: Option<Recommended>,
}

pub const MEETINGS: Folder = Folder {
    kind: Kind::Meeting,
    dir: "bijeenkomsten",
    source: "content/bijeenkomsten",
    path: "/bijeenkomsten/",
    format: Format::Markdown,
    dated_names: true,
    recommended: Some(Recommended {
        key: "end",
        message: "bij deze bijeenkomst staat geen eindtijd (`end:`)",
        hint: "zet onder `start:` een regel als `end: 2026-01-20 21:30`. Zonder eindtijd rekent de site met twee uur",
    }),
};

pub const ACTIVITIES: Folder = Folder {
    kind: Kind::Activity,
    dir: "activiteiten",
    source: "content/activiteiten",
    path: "/activiteiten/",
    format: Format::Markdown,
    dated_names: true,
    recommended: Some(Recommended {
        key: "organiser",
        message: "bij deze activiteit staat niet wie haar organiseert (`organiser:`)",
        hint: "zet een regel als `organiser: Buurttuin Zielhorst`, zodat bewoners weten bij wie ze terecht kunnen",
    }),
};

pub const NEWSLETTER: Folder = Folder {
    kind: Kind::Edition,
    dir: "nieuwsbrief",
    source: "content/nieuwsbrief",
    path: "/nieuwsbrief/",
    format: Format::Markdown,
    dated_names: true,
    recommended: Some(Recommended {
        key: "summary",
        message: "deze nieuwsbrief heeft geen samenvatting (`summary:`)",
        hint: "schrijf achter `summary:` één zin over deze nieuwsbrief. Die zin ziet de lezer als eerste in de e-mail",
    }),
};

pub const WIJKPLAN: Folder = Folder {
    kind: Kind::Wijkplan,
    dir: "wijkplan",
    source: "content/wijkplan",
    path: "/wijkplan/",
    format: Format::Yaml,
    dated_names: false,
    recommended: None,
};

pub const PROJECTS: Folder = Folder {
    kind: Kind::Round,
    dir: "projecten",
    source: "content/projecten",
    path: "/projecten/",
    format: Format::Yaml,
    dated_names: false,
    recommended: None,
};

pub const REPORTS: Folder = Folder {
    kind: Kind::Report,
    dir: "verslagen",
    source: "content/verslagen",
    path: "/verslagen/",
    format: Format::Markdown,
    dated_names: false,
    recommended: None,
};

pub const POINTS: Folder = Folder {
    kind: Kind::Points,
    dir: "punten",
    source: "content/punten",
    path: "/punten/",
    format: Format::Yaml,
    dated_names: false,
    recommended: None,
};

/// Every section folder.
pub const FOLDERS: [&Folder; 7] = [
    &MEETINGS,
    &ACTIVITIES,
    &NEWSLETTER,
    &WIJKPLAN,
    &PROJECTS,
    &REPORTS,
    &POINTS,
];

/// Site paths wijksite uses besides the section folders.
/// (`verantwoording`: the yearly account, sections/account_pages.rs;
/// `zoeken`: the search page and its index, build/search/.)
const OTHER_RESERVED: [&str; 5] = ["locaties", "static", "feeds", "verantwoording", "zoeken"];

/// Whether a first path segment (a page or wijk slug) is wijksite's own.
pub fn is_reserved(slug: &str) -> bool {
    FOLDERS.iter().any(|f| f.dir == slug) || OTHER_RESERVED.contains(&slug)
}

/// The folder whose files are of `kind`.
pub fn of_kind(kind: &Kind) -> Option<&'static Folder> {
    FOLDERS.iter().copied().find(|f| f.kind == *kind)
}

/// The folder `content/<dir>/`.
pub fn named(dir: &str) -> Option<&'static Folder> {
    FOLDERS.iter().copied().find(|f| f.dir == dir)
}

impl Folder {
    /// Whether a file with this extension belongs here.
    pub fn accepts(&self, ext: &str) -> bool {
        match self.format {
            Format::Markdown => ext == "md",
            Format::Yaml => ext == "yaml" || ext == "yml",
        }
    }

    /// The hint for a file here that is not of the folder's kind.
    pub fn misplaced_hint(&self) -> String {
        match self.format {
            Format::Markdown => format!(
                "in content/{}/ horen alleen .md-bestanden, direct in de map",
                self.dir
            ),
            Format::Yaml => format!("in content/{}/ horen alleen .yaml-bestanden", self.dir),
        }
    }

    /// The site path of one item: `/bijeenkomsten/<slug>/`.
    pub fn item_path(&self, slug: &str) -> String {
        format!("{}{slug}/", self.path)
    }

    /// Where `wijksite new` writes an item made on `date`.
    pub fn new_file(&self, date: &str, slug: &str) -> String {
        let ext = match self.format {
            Format::Markdown => "md",
            Format::Yaml => "yaml",
        };
        if self.dated_names {
            format!("{}/{date}-{slug}.{ext}", self.source)
        } else {
            format!("{}/{slug}.{ext}", self.source)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_names_one_folder_the_same_way() {
        for folder in FOLDERS {
            assert_eq!(folder.source, format!("content/{}", folder.dir));
            assert_eq!(folder.path, format!("/{}/", folder.dir));
            assert_eq!(of_kind(&folder.kind).map(|f| f.dir), Some(folder.dir));
            assert!(is_reserved(folder.dir));
        }
        let mut dirs: Vec<_> = FOLDERS.iter().map(|f| f.dir).collect();
        dirs.sort_unstable();
        dirs.dedup();
        assert_eq!(dirs.len(), FOLDERS.len());
    }

    #[test]
    fn new_files_are_named_by_the_table() {
        assert_eq!(
            MEETINGS.new_file("2026-01-20", "wijkavond"),
            "content/bijeenkomsten/2026-01-20-wijkavond.md"
        );
        assert_eq!(
            PROJECTS.new_file("2026-01-20", "ronde-1"),
            "content/projecten/ronde-1.yaml"
        );
        assert!(PROJECTS.accepts("yml") && !PROJECTS.accepts("md"));
        assert!(is_reserved("locaties") && !is_reserved("meedoen"));
    }
}
