//! Finding and reading the content tree.
//!
//! Walks `content/` once (walkdir), sorts every file into the kind of item
//! it holds by where it lives, and reads each text file exactly once. Paths
//! that could escape the site (symlinks pointing out, loops, `..`) are
//! refused here, so nothing later can read outside the site root.

pub(crate) mod config;
pub mod dates;
pub(crate) mod folders;
pub mod images;
pub mod markdown;
pub(crate) mod placeholders;
pub mod source;

use crate::util::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::util::escape;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a file under content/ is, judged by where it lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// content/site.yaml
    Config,
    /// content/_index.md: the home page text.
    Home,
    /// content/pages/<slug>.md
    Page,
    /// content/wijken/<wijk>/_index.md
    WijkIndex { wijk: String },
    /// content/wijken/<wijk>/<slug>.md
    WijkPage { wijk: String },
    /// content/bijeenkomsten/<slug>.md
    Meeting,
    /// content/activiteiten/<slug>.md
    Activity,
    /// content/nieuwsbrief/<slug>.md
    Edition,
    /// content/wijkplan/<year>.yaml
    Wijkplan,
    /// content/projecten/<round>.yaml
    Round,
    /// content/verslagen/<meeting-slug>.md: the report of a meeting.
    Report,
    /// content/punten/<year>.yaml: residents' points raised that year.
    Points,
    /// content/fondsen.yaml: the funds (optional).
    Funds,
    /// content/static/<path>: copied as is (photos cleaned of their
    /// metadata); `to` is the output path.
    Static { to: String },
    /// A photo beside the documents that show it (content/pages/<…>.jpg,
    /// content/wijken/<wijk>/<…>.jpg, a section's folder): published only
    /// resized, and only when a published document shows it.
    Image,
}

/// One file found under content/.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// Relative to the site root, with `/`: `content/pages/over.md`.
    pub rel: String,
    pub abs: PathBuf,
}

impl SourceFile {
    /// The file name without extension.
    pub fn stem(&self) -> &str {
        let name = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }

    /// Reads and decodes the file (BOM and CRLF removed).
    pub fn read_text(&self) -> Result<String, Diagnostic> {
        let meta = std::fs::metadata(&self.abs).map_err(|e| self.io_error(&e))?;
        if meta.len() > source::MAX_TEXT_FILE_BYTES {
            return Err(Diagnostic::error(
                &self.rel,
                format!(
                    "het bestand is te groot ({} MB; de grens is {} MB)",
                    meta.len() / 1_048_576,
                    source::MAX_TEXT_FILE_BYTES / 1_048_576
                ),
            )
            .hint("splits de tekst over meer pagina's, of zet grote bestanden niet in content/"));
        }
        let bytes = std::fs::read(&self.abs).map_err(|e| self.io_error(&e))?;
        let text = source::decode(bytes, &self.rel)?;
        reject_forbidden_chars(&text, &self.rel)?;
        reject_forbidden_escapes(self.yaml_part(&text), &self.rel)?;
        Ok(text)
    }

    /// The YAML of the file: all of a YAML file, the front matter of a
    /// Markdown file (nothing of a static file).
    fn yaml_part<'t>(&self, text: &'t str) -> &'t str {
        if self.rel.ends_with(".yaml") || self.rel.ends_with(".yml") {
            return text;
        }
        let Some(rest) = text.strip_prefix("---\n") else {
            return "";
        };
        let end = rest.find("\n---").map_or(rest.len(), |i| i + 1);
        &text[..4 + end]
    }

    fn io_error(&self, error: &std::io::Error) -> Diagnostic {
        Diagnostic::error(&self.rel, format!("kan het bestand niet lezen: {error}"))
            .hint("controleer of het bestand bestaat en leesbaar is")
    }
}

/// Refuses text with a character no page, feed or calendar may hold
/// (see [`escape::is_allowed_text_char`]): one check where every content
/// file is read, for front matter, Markdown and YAML files alike.
fn reject_forbidden_chars(text: &str, file: &str) -> Result<(), Diagnostic> {
    let Some((line, column, c)) = escape::forbidden_char(text) else {
        return Ok(());
    };
    let code = escape::code_point(c);
    Err(Diagnostic::error(
        file,
        format!("de tekst bevat het onzichtbare teken {code}, dat niet in een webpagina, feed of agenda mag staan"),
    )
    .at(line, column)
    .hint(format!(
        "verwijder het onzichtbare teken {code} op deze plek; het komt vaak mee bij kopiëren en plakken"
    )))
}

/// Refuses a YAML escape (`"\e"`, `"\x00"`, `"\uFFFE"`) of a character the
/// raw text may not hold: the same rule, for what the YAML parser decodes.
fn reject_forbidden_escapes(yaml: &str, file: &str) -> Result<(), Diagnostic> {
    let Some((line, column, c)) = escape::forbidden_yaml_escape(yaml) else {
        return Ok(());
    };
    let code = escape::code_point(c);
    Err(Diagnostic::error(
        file,
        format!("hier staat een code voor het onzichtbare teken {code}, dat niet in een webpagina, feed of agenda mag staan"),
    )
    .at(line, column)
    .hint("haal de code met de schuine streep (\\) weg; schrijf gewone tekst"))
}

/// Every file under `root/content`, sorted by path, plus problems found.
pub fn discover(root: &Path) -> (Vec<SourceFile>, Diagnostics) {
    let content = root.join("content");
    let mut files = Vec::new();
    let mut problems = Diagnostics::new();
    if !content.is_dir() {
        problems.push(
            Diagnostic::error("content", "de map content/ ontbreekt")
                .hint("start wijksite in de map van de site, of geef --root MAP"),
        );
        return (files, problems);
    }
    let real_content = content.canonicalize().unwrap_or_else(|_| content.clone());
    // Walked in directory order and sorted once at the end: walkdir's own
    // sorting takes every entry's file name apart again for each comparison,
    // a third of the whole discovery on a large site.
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| "content".into());
                problems.push(Diagnostic::error(at, format!("kan de map niet lezen: {e}")));
                continue;
            }
        };
        let rel_path = rel(root, entry.path());
        if entry.path_is_symlink() {
            if let Err(d) = check_symlink(entry.path(), &real_content, &rel_path) {
                problems.push(d);
                continue;
            }
        }
        // The walk knows each entry's type; only a symlink needs a look at
        // what it points to (one stat fewer per file on large sites).
        let is_file = if entry.path_is_symlink() {
            entry.path().is_file()
        } else {
            entry.file_type().is_file()
        };
        if !is_file {
            continue;
        }
        match classify(&rel_path) {
            Ok(kind) => files.push(SourceFile {
                kind,
                rel: rel_path,
                abs: entry.into_path(),
            }),
            Err(d) => problems.push(d),
        }
    }
    files.sort_unstable_by(|a, b| walk_order(&a.rel, &b.rel));
    if let Err(too_big) = check_total_size(&files) {
        problems.push(too_big);
        // Nothing is read but site.yaml and the static files (copied, not
        // held): the build stops with this error instead of using gigabytes.
        files.retain(|f| matches!(f.kind, Kind::Config | Kind::Static { .. } | Kind::Image));
    }
    (files, problems)
}

/// The Markdown and YAML files together may hold at most
/// [`source::MAX_TOTAL_TEXT_BYTES`]; the error names the biggest.
fn check_total_size(files: &[SourceFile]) -> Result<(), Diagnostic> {
    let mut sizes: Vec<(u64, &SourceFile)> = files
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Static { .. } | Kind::Image))
        .filter_map(|f| std::fs::metadata(&f.abs).ok().map(|m| (m.len(), f)))
        .collect();
    let total: u64 = sizes.iter().map(|(len, _)| len).sum();
    if total <= source::MAX_TOTAL_TEXT_BYTES {
        return Ok(());
    }
    sizes.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.rel.cmp(&b.1.rel)));
    let biggest: Vec<String> = sizes
        .iter()
        .take(3)
        .map(|(len, f)| format!("{} ({})", f.rel, size_in_words(*len)))
        .collect();
    Err(Diagnostic::error(
        &sizes[0].1.rel,
        format!(
            "de teksten in content/ zijn samen te groot ({}; de grens is {} MB). \
             De grootste: {}",
            size_in_words(total),
            source::MAX_TOTAL_TEXT_BYTES / 1_048_576,
            biggest.join(", ")
        ),
    )
    .hint("maak de grootste teksten kleiner. Afbeeldingen en downloads horen in content/static/; die tellen niet mee"))
}

/// A size as an editor reads it: `8 kB`, `1,5 MB` (Dutch decimal comma).
fn size_in_words(bytes: u64) -> String {
    if bytes < 1_048_576 {
        format!("{} kB", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10).div_ceil(1_048_576);
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

/// The order of a sorted depth-first walk: path by path, component by
/// component (`a/b` before `a-b`, as `a` comes before `a-b`). A `/` sorts
/// before every other character, which makes plain byte order do that.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |byte: u8| if byte == b'/' { 0 } else { byte };
    a.bytes().map(key).cmp(b.bytes().map(key))
}

/// Hidden files, editors' temporary and backup files and OS clutter are
/// skipped, by discovery (so `build` and `check`) and by `serve` alike:
/// `.x` (also `.#x`, `.x.swp`, `.DS_Store`), `x~`, `#x#` (Emacs),
/// `x.swp`/`.swo`/`.swx`, `x.tmp`, `~$x.docx` (Office), `4913` (Vim's
/// probe), `sedXXXXXX` (what `sed -i` writes before renaming), `Thumbs.db`
/// and `desktop.ini`.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp"]
            .iter()
            .any(|end| lower.ends_with(end))
        || name == "4913"
        || is_sed_temp(&name)
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

/// `sed -i` writes `sed` and six random letters or digits, then renames it.
fn is_sed_temp(name: &str) -> bool {
    name.len() == 9
        && name.starts_with("sed")
        && name[3..].bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A symlink may point to a file inside content/ only.
fn check_symlink(path: &Path, real_content: &Path, rel_path: &str) -> Result<(), Diagnostic> {
    let target = path.canonicalize().map_err(|_| {
        Diagnostic::error(
            rel_path,
            "deze snelkoppeling (symlink) wijst nergens heen of naar zichzelf",
        )
        .hint("vervang de snelkoppeling door het echte bestand")
    })?;
    if !target.starts_with(real_content) {
        return Err(Diagnostic::error(
            rel_path,
            "deze snelkoppeling (symlink) wijst naar een bestand buiten content/",
        )
        .hint("kopieer het bestand naar content/ in plaats van ernaar te verwijzen"));
    }
    if target.is_dir() {
        return Err(
            Diagnostic::error(rel_path, "snelkoppelingen naar mappen worden niet gevolgd")
                .hint("zet de bestanden zelf in deze map"),
        );
    }
    Ok(())
}

fn rel(root: &Path, path: &Path) -> String {
    display_path(path.strip_prefix(root).unwrap_or(path))
}

/// Decides the kind of a file from its path relative to the site root.
pub fn classify(rel_path: &str) -> Result<Kind, Diagnostic> {
    let parts: Vec<&str> = rel_path.split('/').collect();
    let ext = rel_path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let is_image = images::EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str());
    let kind = match parts.as_slice() {
        ["content", "site.yaml"] => Some(Kind::Config),
        ["content", "fondsen.yaml"] => Some(Kind::Funds),
        // Photos beside Markdown documents, in sub-folders too.
        ["content", "pages" | "wijken", _, ..] if is_image => Some(Kind::Image),
        ["content", dir, _, ..]
            if is_image
                && folders::named(dir).is_some_and(|f| f.format == folders::Format::Markdown) =>
        {
            Some(Kind::Image)
        }
        ["content", "_index.md"] => Some(Kind::Home),
        ["content", "static", rest @ ..] if !rest.is_empty() => {
            Some(Kind::Static { to: rest.join("/") })
        }
        ["content", "pages", _] if ext == "md" => Some(Kind::Page),
        ["content", "wijken", wijk, "_index.md"] => Some(Kind::WijkIndex {
            wijk: wijk.to_string(),
        }),
        ["content", "wijken", wijk, _] if ext == "md" => Some(Kind::WijkPage {
            wijk: wijk.to_string(),
        }),
        ["content", dir, _] => folders::named(dir)
            .filter(|f| f.accepts(ext))
            .map(|f| f.kind.clone()),
        _ => None,
    };
    kind.ok_or_else(|| {
        Diagnostic::error(rel_path, "wijksite weet niet wat het met dit bestand moet")
            .hint(placement_hint(&parts))
    })
}

fn placement_hint(parts: &[&str]) -> String {
    let folder = parts.get(1).copied().unwrap_or("");
    if let Some(section) = folders::named(folder) {
        return section.misplaced_hint();
    }
    match folder {
        "pages" => format!("in content/{folder}/ horen alleen .md-bestanden, direct in de map"),
        "wijken" => {
            "gebruik content/wijken/<wijk>/_index.md of content/wijken/<wijk>/<pagina>.md".into()
        }
        _ => {
            "afbeeldingen en downloads horen in content/static/; pagina's in content/pages/".into()
        }
    }
}

/// A file copied as is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub from: PathBuf,
    /// Output path relative to the output root.
    pub to: String,
    /// Source path relative to the site root, for messages.
    pub source: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored_and_content_is_not() {
        for name in [
            ".#meedoen.md",
            "meedoen.md~",
            ".meedoen.md.swp",
            "meedoen.md.swo",
            "sedOzDjJF",
            "4913",
            "meedoen.md.tmp",
            ".DS_Store",
            "Thumbs.db",
            "~$verslag.docx",
            "#meedoen.md#",
        ] {
            assert!(is_ignored(std::ffi::OsStr::new(name)), "{name}");
        }
        for name in [
            "meedoen.md",
            "sedan.md",
            "2026.yaml",
            "4913.jpg",
            "sediment",
            "#",
        ] {
            assert!(!is_ignored(std::ffi::OsStr::new(name)), "{name}");
        }
    }

    #[test]
    fn files_are_sorted_by_where_they_live() {
        assert_eq!(classify("content/site.yaml").unwrap(), Kind::Config);
        assert_eq!(classify("content/pages/over.md").unwrap(), Kind::Page);
        assert_eq!(
            classify("content/wijken/noord/_index.md").unwrap(),
            Kind::WijkIndex {
                wijk: "noord".into()
            }
        );
        assert_eq!(
            classify("content/static/img/a b.jpg").unwrap(),
            Kind::Static {
                to: "img/a b.jpg".into()
            }
        );
        assert_eq!(
            classify("content/projecten/2026-1.yaml").unwrap(),
            Kind::Round
        );
    }

    #[test]
    fn stray_files_are_reported_with_a_hint() {
        let e = classify("content/pages/foto.txt").unwrap_err();
        assert!(e.hint.unwrap().contains(".md"));
        assert_eq!(
            classify("content/pages/feest/foto.JPG").unwrap(),
            Kind::Image
        );
        assert_eq!(
            classify("content/bijeenkomsten/foto.png").unwrap(),
            Kind::Image
        );
        assert!(classify("content/projecten/foto.png").is_err());
        assert!(classify("content/pages/sub/x.md").is_err());
        assert!(classify("content/notes.txt").is_err());
    }

    #[test]
    fn sizes_are_said_in_kilobytes_or_megabytes_with_a_comma() {
        assert_eq!(size_in_words(8 * 1024), "8 kB");
        assert_eq!(size_in_words(3 * 1024 * 1024 / 2), "1,5 MB");
    }

    #[test]
    fn too_much_text_in_total_is_refused_naming_the_biggest_files() {
        let tmp = tempfile::tempdir().unwrap();
        let write = |rel: &str, len: u64| {
            let path = tmp.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            // Sparse: the size is what counts, nothing is written or read.
            std::fs::File::create(path).unwrap().set_len(len).unwrap();
        };
        write("content/site.yaml", 100);
        write("content/static/film.mp4", 2 * source::MAX_TOTAL_TEXT_BYTES);
        let per_file = source::MAX_TEXT_FILE_BYTES - 1;
        let count = (source::MAX_TOTAL_TEXT_BYTES - 100) / per_file;
        for i in 0..count {
            write(&format!("content/bijeenkomsten/m{i}.md"), per_file);
        }
        let (files, problems) = discover(tmp.path());
        assert!(!problems.has_errors(), "static files do not count");
        assert_eq!(files.len() as u64, count + 2);

        write("content/pages/groot.md", per_file);
        let (files, problems) = discover(tmp.path());
        let problems = problems.into_sorted();
        assert_eq!(problems.len(), 1);
        let message = &problems[0].message;
        assert!(message.contains("samen te groot"), "{message}");
        assert!(message.contains("content/bijeenkomsten/m0.md"), "{message}");
        assert_eq!(problems[0].file, "content/bijeenkomsten/m0.md");
        let kept: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(kept, ["content/site.yaml", "content/static/film.mp4"]);
    }

    #[test]
    fn files_come_in_the_order_of_a_sorted_walk() {
        let tmp = tempfile::tempdir().unwrap();
        for rel in [
            "content/site.yaml",
            "content/pages/a-b.md",
            "content/pages/a.md",
            "content/wijken/noord-oost/x.md",
            "content/wijken/noord/_index.md",
            "content/wijken/noord/b.md",
            "content/static/a/b.txt",
            "content/static/a-b.txt",
            "content/static/a.b/c.txt",
        ] {
            let path = tmp.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let (files, _) = discover(tmp.path());
        let found: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        // The definition: paths compared component by component.
        let mut expected = found.clone();
        expected.sort_by(|a, b| std::path::Path::new(a).cmp(std::path::Path::new(b)));
        assert_eq!(found, expected);
        assert_eq!(found.len(), 9);
    }

    proptest::proptest! {
        #[test]
        fn walk_order_is_component_order(a in "[a./-]{0,8}", b in "[a./-]{0,8}") {
            let by_components = |p: &str| {
                p.split('/').map(str::to_string).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(walk_order(&a, &b), by_components(&a).cmp(&by_components(&b)));
        }
    }
}
