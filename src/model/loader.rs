//! One loader for every content kind: read the kind's files in parallel,
//! load each, leave drafts out unless asked for, and report two items that
//! would share a web address (or a plan's year). Each kind says only how
//! to load one file and what makes two items clash ([`Loadable`]); it
//! sorts the result its own way.

use crate::content::{Kind, SourceFile};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A content item the generic loader can load.
pub trait Loadable: Sized + Send {
    /// What two items of this kind may not share: their slug or year.
    /// `None` when the site checks it elsewhere (pages share one address
    /// space with wijken and sections).
    fn unique_key(&self) -> Option<String>;

    /// Whether the item is a draft (left out unless drafts are built).
    fn is_draft(&self) -> bool {
        false
    }

    /// The file it comes from, relative to the site root.
    fn source(&self) -> &str;

    /// The error for `self`, which has the key of the earlier `first`.
    fn clash(&self, first: &Self) -> Diagnostic {
        Diagnostic::error(
            self.source(),
            format!("dit bestand en {} krijgen hetzelfde adres", first.source()),
        )
        .hint("geef één van beide een andere bestandsnaam of `slug:`")
    }
}

/// Loads every file whose kind `wanted` accepts, with `load_one`, in
/// parallel; problems go to `problems` and a file with problems is left
/// out. The result is in file order (discovery sorts by path), so the
/// first of two clashing files is the one earlier in that order.
pub fn load_all<T: Loadable>(
    files: &[SourceFile],
    wanted: impl Fn(&Kind) -> bool + Sync,
    drafts: bool,
    problems: &mut Diagnostics,
    load_one: impl Fn(&SourceFile, &str) -> Result<T, Diagnostics> + Sync,
) -> Vec<T> {
    let loaded: Vec<Result<T, Diagnostics>> = files
        .par_iter()
        .filter(|file| wanted(&file.kind))
        .map(|file| {
            let text = file.read_text().map_err(|d| Diagnostics::from_iter([d]))?;
            load_one(file, &text)
        })
        .collect();
    let mut items = Vec::with_capacity(loaded.len());
    for result in loaded {
        match result {
            Ok(item) if item.is_draft() && !drafts => {}
            Ok(item) => items.push(item),
            Err(more) => problems.extend(more),
        }
    }
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let Some(key) = item.unique_key() else {
            continue;
        };
        match first.get(&key) {
            Some(&earlier) => problems.push(item.clash(&items[earlier])),
            None => {
                first.insert(key, i);
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[derive(Debug)]
    struct Note {
        slug: String,
        source: String,
        draft: bool,
    }

    impl Loadable for Note {
        fn unique_key(&self) -> Option<String> {
            Some(self.slug.clone())
        }
        fn is_draft(&self) -> bool {
            self.draft
        }
        fn source(&self) -> &str {
            &self.source
        }
    }

    fn file(dir: &Path, name: &str, text: &str) -> SourceFile {
        let abs = dir.join(name);
        std::fs::write(&abs, text).unwrap();
        SourceFile {
            kind: Kind::Edition,
            rel: format!("content/nieuwsbrief/{name}"),
            abs,
        }
    }

    #[test]
    fn drafts_are_dropped_errors_kept_and_clashes_named_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            file(dir.path(), "a.md", "a"),
            file(dir.path(), "b.md", "a"),
            file(dir.path(), "c.md", "concept"),
            file(dir.path(), "d.md", "fout"),
        ];
        let load = |f: &SourceFile, text: &str| {
            if text == "fout" {
                return Err(Diagnostics::from_iter([Diagnostic::error(&f.rel, "stuk")]));
            }
            Ok(Note {
                slug: text.to_string(),
                source: f.rel.clone(),
                draft: text == "concept",
            })
        };
        let mut problems = Diagnostics::new();
        let notes = load_all(&files, |k| *k == Kind::Edition, false, &mut problems, load);
        let sources: Vec<&str> = notes.iter().map(|n| n.source.as_str()).collect();
        assert_eq!(
            sources,
            ["content/nieuwsbrief/a.md", "content/nieuwsbrief/b.md"]
        );
        let messages: Vec<String> = problems.into_iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            [
                "content/nieuwsbrief/d.md: fout: stuk",
                "content/nieuwsbrief/b.md: fout: dit bestand en content/nieuwsbrief/a.md krijgen hetzelfde adres\n    tip: geef één van beide een andere bestandsnaam of `slug:`"
            ]
        );
        let mut problems = Diagnostics::new();
        let with_drafts = load_all(&files, |k| *k == Kind::Edition, true, &mut problems, load);
        assert_eq!(with_drafts.len(), 3);
    }
}
