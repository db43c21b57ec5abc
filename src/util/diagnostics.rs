//! Problems found in the content, reported to volunteer editors.
//!
//! Every problem names the file (relative to the site root), the line and
//! column where known, what is wrong, and what to write instead. A build
//! collects all problems before it stops, so an editor fixes them in one go.
//! Messages are in Dutch: the people who read them edit a Dutch site.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong, in plain Dutch.
    pub message: String,
    /// What to write instead, in plain Dutch.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file` (a path relative to the site root).
    pub fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: display_path(file.as_ref()),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`: reported, but the build goes on.
    pub fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets the line only when it is known.
    pub fn at_opt(mut self, line: Option<usize>) -> Self {
        if line.is_some() {
            self.line = line;
        }
        self
    }

    /// Adds what the editor should write instead.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// The diagnostic for a terminal. Text from the content (a title, a
    /// key, a file name) may hold control characters: they are shown
    /// escaped (`\u{1b}`), so they cannot move the cursor, erase a line or
    /// forge a line such as "Klaar"; a line break in a message continues
    /// indented, under the diagnostic it belongs to.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Printable(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let label = match self.severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
        };
        write!(f, ": {label}: {}", Printable(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    tip: {}", Printable(hint))?;
        }
        Ok(())
    }
}

/// Text with every control character but tab escaped (C0, DEL, C1); a
/// line break becomes a break plus the indent of a continuation line.
pub struct Printable<'a>(pub &'a str);

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(|c: char| c.is_control() && c != '\t') {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            if c == '\n' {
                f.write_str("\n    ")?;
            } else {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// A relative path written with `/`, the same on every machine.
pub fn display_path(path: &Path) -> String {
    let mut shown = String::new();
    for component in path.components() {
        match component {
            std::path::Component::RootDir => shown.push('/'),
            other => {
                if !shown.is_empty() && !shown.ends_with('/') {
                    shown.push('/');
                }
                shown.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    shown
}

/// A file system error in plain Dutch (the system's own text, in English,
/// only for the rare cases without a translation).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "de map of het bestand bestaat niet".into(),
        ErrorKind::PermissionDenied => {
            "geen toestemming (de map of het bestand is beveiligd)".into()
        }
        ErrorKind::AlreadyExists => "er staat daar al iets".into(),
        ErrorKind::StorageFull => "de schijf is vol".into(),
        ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen".into(),
        ErrorKind::IsADirectory => "hier staat een map, geen bestand".into(),
        ErrorKind::NotADirectory => "hier staat een bestand, geen map".into(),
        ErrorKind::DirectoryNotEmpty => "de map is niet leeg".into(),
        _ => match e.raw_os_error() {
            Some(1) => {
                "de handeling is niet toegestaan (het bestand of de map is beveiligd)".into()
            }
            // ENAMETOOLONG (ErrorKind::InvalidFilename needs Rust 1.87).
            Some(36) => "de naam is te lang".into(),
            _ => format!("systeemfout: {e}"),
        },
    }
}

/// All problems of one build, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    /// Sorted by file, then line, so the report reads top to bottom.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Relative path of `path` under `root`, for messages.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_show_one_slash_and_io_errors_are_dutch() {
        assert_eq!(
            display_path(Path::new("/tmp/site/output")),
            "/tmp/site/output"
        );
        assert_eq!(
            display_path(Path::new("content/pages/a.md")),
            "content/pages/a.md"
        );
        let denied = std::io::Error::from_raw_os_error(1);
        assert!(
            io_reason(&denied).starts_with("geen toestemming"),
            "{}",
            io_reason(&denied)
        );
        let long = std::io::Error::from_raw_os_error(36);
        assert_eq!(io_reason(&long), "de naam is te lang");
    }

    #[test]
    fn an_error_names_file_line_column_and_hint() {
        let d = Diagnostic::error("content/pages/over.md", "onbekend veld `titel`")
            .at(2, 1)
            .hint("bedoelt u `title`?");
        assert_eq!(
            d.to_string(),
            "content/pages/over.md:2:1: fout: onbekend veld `titel`\n    tip: bedoelt u `title`?"
        );
    }

    #[test]
    fn control_characters_from_the_content_are_shown_escaped() {
        let d = Diagnostic::error(
            "content/pages/a\u{1b}.md",
            "veld `\u{1b}[2K\rKlaar`\tx\u{7f}\u{9b}",
        )
        .hint("regel\nKlaar: 3 pagina's");
        assert_eq!(
            d.to_string(),
            "content/pages/a\\u{1b}.md: fout: veld `\\u{1b}[2K\\u{d}Klaar`\tx\\u{7f}\\u{9b}\n    tip: regel\n    Klaar: 3 pagina's"
        );
    }

    #[test]
    fn warnings_do_not_count_as_errors() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("a.md", "let op"));
        assert!(!all.has_errors());
        all.push(Diagnostic::error("b.md", "fout"));
        assert!(all.has_errors());
    }

    #[test]
    fn sorted_report_runs_by_file_then_line() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error("b.md", "x").at_line(1));
        all.push(Diagnostic::error("a.md", "y").at_line(9));
        all.push(Diagnostic::error("a.md", "z").at_line(2));
        let order: Vec<_> = all
            .into_sorted()
            .into_iter()
            .map(|d| (d.file, d.line))
            .collect();
        assert_eq!(
            order,
            vec![
                ("a.md".into(), Some(2)),
                ("a.md".into(), Some(9)),
                ("b.md".into(), Some(1))
            ]
        );
    }
}
